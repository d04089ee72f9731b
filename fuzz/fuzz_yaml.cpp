// fuzz_yaml.cpp — libFuzzer target for the YAML front end.
//
// Run (clang only):
//   cmake -S . -B build-fuzz -G Ninja -DPB_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++
//         -DPB_TESTS=OFF -DPB_BENCH=OFF
//   cmake --build build-fuzz --target fuzz_yaml
//   mkdir -p /tmp/corpus
//   build-fuzz/fuzz/fuzz_yaml -max_total_time=60 -max_len=4096 /tmp/corpus fuzz/corpus/yaml
// Inputs it finds go to tests/data/fuzz/yaml-*.yaml (replayed by test_yaml_loader).
//
// Contract checked on every input: parse_yaml_playbook, parse_yaml_schema,
// parse_yaml_calendar, parse_lint_config and scan_allows never crash, hang or
// throw (scan_allows returns only complete directives); when a playbook parses
// without errors, print_yaml → parse gives the same model without errors and
// printing again gives the same bytes (abort otherwise).
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

#include "grammar/calendar_loader.hpp"
#include "grammar/frontend.hpp"
#include "grammar/lint_directives.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  pb::Diagnostics d;
  auto pb = pb::parse_yaml_playbook(text, "fuzz.playbook.yaml", d);
  if (pb && !d.has_errors()) {
    std::string once = pb::print_yaml(*pb);
    pb::Diagnostics d2;
    auto back = pb::parse_yaml_playbook(once, "printed.playbook.yaml", d2);
    if (!back || d2.has_errors() || !(*back == *pb)) {
      std::fprintf(stderr, "re-parse of printed YAML differs:\n");
      std::fwrite(once.data(), 1, once.size(), stderr);
      for (const auto& x : d2.items())
        std::fprintf(stderr, "%s %s %s\n", x.loc.str().c_str(),
                     std::string(pb::to_string(x.code)).c_str(), x.message.c_str());
      std::abort();
    }
    if (pb::print_yaml(*back) != once) {
      std::string twice = pb::print_yaml(*back);
      std::fprintf(stderr, "print_yaml not idempotent:\n");
      std::fwrite(once.data(), 1, once.size(), stderr);
      std::fprintf(stderr, "---\n");
      std::fwrite(twice.data(), 1, twice.size(), stderr);
      std::abort();
    }
  }
  pb::Diagnostics d3;
  pb::parse_yaml_schema(text, "fuzz.schema.yaml", d3);
  pb::parse_yaml_calendar(text, "calendars/fuzz.yaml", d3);
  pb::parse_lint_config(text, ".playbook-lint.yaml", d3);
  for (const auto& a : pb::scan_allows(text, "fuzz.playbook.yaml", true, d3))
    if (a.line == 0 || a.line < a.loc.line || a.written.empty() || a.reason.empty()) std::abort();
  return 0;
}

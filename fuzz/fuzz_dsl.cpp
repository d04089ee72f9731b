// fuzz_dsl.cpp — libFuzzer target for the DSL front end.
//
// Contract checked on every input: parse_dsl never crashes, hangs or throws;
// when it reads a playbook without errors, print_dsl's text parses again
// without errors to the same model, and printing that model gives the same
// bytes (fmt is idempotent); scan_allows (the `# lint: allow` comments)
// returns only complete directives, each about a line of the text. A
// violation aborts with both texts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "grammar/frontend.hpp"
#include "grammar/lint_directives.hpp"

namespace {

[[noreturn]] void fail(const char* what, const std::string& a, const std::string& b) {
  std::fprintf(stderr, "fuzz_dsl: %s\n--- first\n%s\n--- second\n%s\n", what, a.c_str(), b.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  pb::Diagnostics da;
  for (const auto& a : pb::scan_allows(text, "fuzz.playbook", false, da))
    if (a.line == 0 || a.line < a.loc.line || a.written.empty() || a.reason.empty())
      fail("scan_allows returned an incomplete directive", std::string(text), a.loc.str());
  pb::Diagnostics d;
  auto m = pb::parse_dsl(text, "fuzz.playbook", d);
  if (m) (void)pb::print_dsl(*m);  // partial models must print too
  if (!m || d.has_errors()) return 0;
  std::string once = pb::print_dsl(*m);
  pb::Diagnostics d2;
  auto again = pb::parse_dsl(once, "printed.playbook", d2);
  if (!again || d2.has_errors()) {
    std::string errs;
    for (const auto& i : d2.items()) errs += i.loc.str() + ": " + i.message + "\n";
    fail("printed text does not parse", once, errs);
  }
  if (!(*again == *m)) fail("parse(print(m)) != m", std::string(text), once);
  std::string twice = pb::print_dsl(*again);
  if (twice != once) fail("print is not idempotent", once, twice);
  return 0;
}

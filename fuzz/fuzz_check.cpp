// fuzz_check.cpp — libFuzzer target: parses the input as DSL and runs
// check_project on whatever model comes out (also the YAML form when the
// first byte is odd, so both front ends feed the checker). The contract under
// test: nothing crashes, hangs or leaks on any input; diagnostics only.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "grammar/frontend.hpp"
#include "interpreter/checker.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  pb::Diagnostics diags;
  pb::Project project;
  if (auto dsl = pb::parse_dsl(text, "fuzz.playbook", diags)) project.playbooks.push_back(*dsl);
  if (size > 0 && (data[0] & 1))
    if (auto yml = pb::parse_yaml_playbook(text, "fuzz.playbook.yaml", diags))
      project.playbooks.push_back(*yml);
  pb::check_project(project, diags);
  diags.sort();
  return 0;
}

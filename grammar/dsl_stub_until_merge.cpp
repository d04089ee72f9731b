// dsl_stub_until_merge.cpp — TEMPORARY placeholder for parse_dsl, which the
// h-dsl branch writes, so that load_paths links before that lands. Deleted by
// the merge of h-dsl's DSL parser into h-yaml.
#include "frontend.hpp"

namespace pb {

std::optional<Playbook> parse_dsl(std::string_view, const std::string& filename,
                                  Diagnostics& diags) {
  diags.error(Loc{std::make_shared<const std::string>(filename), 1, 1}, "PB005",
              "the DSL parser is not built yet");
  return std::nullopt;
}

}  // namespace pb

// lint_allow.hpp — the suppressions of a lint run: every `# lint: allow`
// comment of the loaded playbooks and every loaded `.playbook-lint.yaml`
// (grammar/lint_directives.hpp), their codes checked against the codes lint
// knows, applied to the findings (model/suppress.hpp).
//
// Contract: a code that lint does not know, or one that cannot be suppressed
// (PB001–PB014: the file was not read right; PB091, PB092: the suppressions'
// own findings), is PB091 at the directive and is dropped from it. PB091
// findings are added to `findings` before the suppressions apply.
#pragma once

#include <set>
#include <string>

#include "grammar/loader.hpp"
#include "model/suppress.hpp"

namespace pb::cli {

SuppressResult suppress_findings(const LoadResult& loaded, Diagnostics findings,
                                 const std::set<std::string>& broken);

}  // namespace pb::cli

// lint_directives.hpp — reading the suppressions authors write
// (model/suppress.hpp applies them; docs/lint-codes.md documents them).
//
// Contract:
//  * In a playbook of either form, a comment whose text starts with `lint:`
//    is a directive: `# lint: allow PB054[, PB053…] — reason`. The separator
//    before the reason is an em or en dash, `--`, `-` or `:`; the reason is
//    required. The comment may end a line of code (it is then about that
//    line) or stand on its own line (about the next line with code). `#`
//    inside a string (DSL `"…"`, `"""…"""`; YAML quoted or block scalars) is
//    not a comment.
//  * `.playbook-lint.yaml` holds `allow:`, a list of entries
//    `{code: PBnnn | [PBnnn, …], path: GLOB, step: ID, reason: TEXT}`; `code`
//    and `reason` are required; `path` is relative to the file's directory.
//  * A directive or entry that cannot be read is PB091 (error) and is not
//    returned; YAML structure errors use the YAML codes (PB001, PB010–PB014).
//    An Allow's `written` holds its codes as written (any PBnnn), `codes`
//    the LintCodes of those the table knows; reporting the unknown ones is
//    the caller's check.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostics.hpp"
#include "model/suppress.hpp"

namespace pb {

std::vector<Allow> scan_allows(std::string_view text, const std::string& filename, bool yaml,
                               Diagnostics& diags);

std::vector<Allow> parse_lint_config(std::string_view text, const std::string& filename,
                                     Diagnostics& diags);

}  // namespace pb

// suppress.hpp — findings the authors of a playbook accept, each with a
// reason: a `# lint: allow PBnnn — reason` comment in the file (in source), or
// an entry of a directory's `.playbook-lint.yaml` (external). The readers are
// in grammar/lint_directives.hpp; this applies them to lint's findings.
//
// Contract:
//  * An in-source allow covers its line: the comment's own line when code
//    stands before it, else the next line with code. When a step starts on
//    that line it covers the whole step (every line from the step's first to
//    the last of its transitions and actions).
//  * An external allow covers the files under its directory whose relative
//    path matches `path` (a glob, `*` not crossing `/`; a directory covers
//    what is under it; empty = all), and within them the step `step` (empty
//    = the whole file).
//  * Only `codes` count here (the readers fill it with the known codes of
//    `written`; lint then keeps those it may allow: cli/lint_allow.hpp). A
//    covered finding of one of the allow's codes moves to `suppressed`,
//    carrying the Suppression (kind, where, reason). Each code of an allow
//    that covered nothing is a warning PB092 at the allow, except in files
//    whose checker findings are not shown (`broken`: syntax errors).
// Pure: paths are compared lexically, nothing is read.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "project.hpp"

namespace pb {

struct Allow {
  Suppression::Kind kind = Suppression::Kind::InSource;
  Loc loc;                           // the comment, or the config entry
  std::vector<std::string> written;  // the codes as written, PBnnn
  std::vector<LintCode> codes;       // those of them lint knows (and, once lint checked, allows)
  std::string reason;
  uint32_t line = 0;            // in source: the line it is about
  std::string dir, path, step;  // external: the config's directory, glob, step id
};

struct SuppressResult {
  Diagnostics kept;        // what lint reports (with the PB092 warnings)
  Diagnostics suppressed;  // each with its `suppression` set
};

SuppressResult apply_allows(const Diagnostics& diags, const std::vector<Allow>& allows,
                            const Project& project, const std::set<std::string>& broken);

}  // namespace pb

// diagnostics.hpp — what every front end and the checker report.
//
// Contract: a Diagnostic is one finding at one place: severity, a stable code
// (LintCode, lint_code.hpp; documented in docs/lint-codes.md), a message a person understands and, when
// a name was close to a known one, a "did you mean" suggestion. A finding about
// several places (one task declared differently in three files) stands on one
// of them and names the others as related locations. A finding a lint
// directive accepted carries that suppression. Collections of diagnostics are
// sorted by file, line, column, code for output.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lint_code.hpp"
#include "model.hpp"

namespace pb {

// Another place a finding is about, and what stands there.
struct Related {
  Loc loc;
  std::string message;
};

// Why a finding is not counted: a `# lint: allow` comment in the file
// (InSource) or an entry of the directory's `.playbook-lint.yaml` (External),
// where it is written and the reason it gives.
struct Suppression {
  enum class Kind { InSource, External } kind = Kind::InSource;
  Loc loc;
  std::string reason;
};

struct Diagnostic {
  Loc loc;
  Severity severity = Severity::Error;
  LintCode code = LintCode::SyntaxError;   // printed as its spelling, e.g. "PB001"
  std::string message;                     // without location, severity or code
  std::string hint;                        // "did you mean 'x'?" — empty when none
  std::vector<Related> related;            // the other places, in path order
  std::optional<Suppression> suppression;  // set only on a suppressed finding
};

class Diagnostics {
 public:
  void error(const Loc& loc, LintCode code, std::string message, std::string hint = {});
  void warning(const Loc& loc, LintCode code, std::string message, std::string hint = {});
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void append(const Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  bool has_errors() const;
  size_t count(Severity s) const;
  bool empty() const { return items_.empty(); }
  void sort();  // by file, line, col, code, message

 private:
  std::vector<Diagnostic> items_;
};

const char* to_string(Severity);

// The known name closest to `name` (Damerau–Levenshtein), if close enough to be
// a likely typo; "" otherwise.
std::string closest(std::string_view name, const std::vector<std::string>& known);

// "did you mean 'x'?" or "" — the hint text used everywhere.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& known);

// The keyword of `known` a person most likely meant by `word`: the same word
// in other letter case, a common synonym from other tools (`wait` → `after`,
// `if` → `when`, `M` → `mandatory`), or the closest by spelling; "" if none.
std::string closest_keyword(std::string_view word, const std::vector<std::string>& known);

// did_you_mean over keywords, with closest_keyword's synonyms.
std::string did_you_mean_keyword(std::string_view word, const std::vector<std::string>& known);

}  // namespace pb

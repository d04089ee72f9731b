// checker_waits.cpp — checks a wait that depends on a value,
// `after PATH { KEY: N UNIT, …, else N UNIT }` (docs/language.md,
// Transitions): PATH is an enum attribute (PB040), each key is one of its
// values (PB035, did-you-mean) and given once (PB011), and the keys cover
// every value unless there is an `else` (PB043, naming the missing values).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "checker_internal.hpp"

namespace pb::check {

namespace {

void check_keys(PlaybookScope& s, const Ty& en, const Transition& t) {
  const auto& vals = en.type->values;
  std::set<std::string> seen;
  for (const auto& w : t.wait_cases) {
    if (w.key.empty() ? !seen.insert("").second : !seen.insert(w.key).second) {
      s.diags.error(w.loc, LintCode::DuplicateKey,
                    w.key.empty() ? std::string("`else` given twice in the wait")
                                  : fmt::format("'{}' given twice in the wait", w.key));
      continue;
    }
    if (w.key.empty() || std::find(vals.begin(), vals.end(), w.key) != vals.end()) continue;
    s.diags.error(w.loc, LintCode::UndefinedEnumValue,
                  fmt::format("'{}' is not a value of {}; its values are {}", w.key, what_of(en),
                              join(vals, ", ")),
                  did_you_mean(w.key, vals));
  }
  if (seen.contains("")) return;
  std::vector<std::string> missing;
  for (const auto& v : vals)
    if (!seen.contains(v)) missing.push_back(v);
  if (!missing.empty())
    s.diags.error(t.wait_by_loc, LintCode::WaitNotCovered,
                  fmt::format("the wait by {} has no case for {} and no `else`", t.wait_by,
                              join(missing, ", ")),
                  "add the missing values or `else N UNIT`");
}

}  // namespace

void check_wait(PlaybookScope& s, const Env& env, const Transition& t) {
  if (t.wait_by.empty()) return;
  Ty en = resolve_path(s, env, t.wait_by, t.wait_by_loc);
  if (en.kind == TypeKind::Unknown) return;
  if (en.kind != TypeKind::Enum || !en.type) {
    s.diags.error(t.wait_by_loc, LintCode::ExprTypeError,
                  fmt::format("a wait by a value needs an enum attribute, but {} is {}",
                              what_of(en), type_name(en.kind)));
    return;
  }
  check_keys(s, en, t);
}

}  // namespace pb::check

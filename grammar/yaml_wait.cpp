// yaml_wait.cpp — the YAML form of a wait that depends on a value
// (docs/language.md, Transitions):
//
//   - after:
//       tenant.region: {APJ: 3 business days, EMEA: 2 business days, else: 2 business days}
//     to: next
//
// Contract: a mapping with exactly one key, an attribute path, whose value
// maps values of that attribute (or `else`) to "INT UNIT" durations, in
// source order; the model is the one the DSL's `after PATH {…}` gives
// (`else` is the case with key ""; the transition's own amount stays 0 days).
// Problems are PB012 (wrong shapes), PB090 (a path or duration that is not
// one) at the offending node; what the checker judges (unknown or duplicate
// values, a missing else) is left to it.
#include <fmt/format.h>

#include "yaml_internal.hpp"

namespace pb::yaml {

namespace {

const KeyTable kAnyKey = {};

void read_case(Reader& r, const Field::Key& k, Transition& t) {
  Field v = r.entry(k);
  WaitCase w;
  w.loc = r.loc(k.key);
  w.key = k.name == "else" ? "" : k.name;
  std::string text;
  if (!r.str(v, text)) return;
  std::string_view s = text;
  if (!leading_int(s, w.amount) || !parse_unit(s, w.unit)) {
    r.invalid(v.loc, fmt::format("a case of 'after' must be \"INT UNIT\" with UNIT business days, "
                                 "business hours, days, weeks, hours or months; got '{}'",
                                 text));
    return;
  }
  t.wait_cases.push_back(std::move(w));
}

}  // namespace

void read_wait(Reader& r, const Field& f, Transition& t) {
  if (!r.mapping(f, kAnyKey)) return;
  if (f.keys->size() != 1) {
    r.diags.error(f.loc, LintCode::WrongType,
                  "'after' by a value takes one attribute path mapped to its cases, e.g. "
                  "{tenant.region: {APJ: 3 business days, else: 2 business days}}");
    return;
  }
  const Field::Key& k = f.keys->front();
  if (!is_path(k.name)) {
    r.invalid(r.loc(k.key), fmt::format("'{}' is not an attribute path", k.name));
    return;
  }
  t.wait_by = k.name;
  t.wait_by_loc = r.loc(k.key);
  Field cases = r.entry(k);
  if (!r.mapping(cases, kAnyKey)) return;
  for (const auto& c : *cases.keys) read_case(r, c, t);
}

}  // namespace pb::yaml

// checker_rules.cpp — rules whose `on` can never match (PB057): `on event E`
// where no transition in the rule's scope takes E (firing E is then always
// refused, so the rule never runs), and `on set tenant.R` where R is a
// records attribute (writes go to its records' fields, never to R whole).
// A playbook's rules are scoped to that playbook; the shared schema's rules
// to every linted playbook.
#include <fmt/format.h>

#include "checker_internal.hpp"

namespace pb::check {

std::unordered_set<std::string_view> events_taken(const std::vector<const Playbook*>& playbooks) {
  std::unordered_set<std::string_view> out;
  for (const Playbook* p : playbooks)
    for (const Transition* t : all_transitions(*p))
      if (t->trigger == TriggerKind::Event) out.insert(t->event);
  return out;
}

namespace {

// The records attribute `tenant.R` names, if that is what it names.
const Attribute* whole_records(const PlaybookScope& s, const std::string& path) {
  if (!path.starts_with("tenant.")) return nullptr;
  auto it = s.attrs.find(std::string_view(path).substr(7));
  if (it == s.attrs.end() || it->second->type.kind != TypeKind::Records) return nullptr;
  return it->second;
}

}  // namespace

void check_rule_triggers(PlaybookScope& s, const std::vector<Rule>& rules,
                         const std::unordered_set<std::string_view>& taken) {
  for (const auto& r : rules) {
    const Loc& at = r.on_loc.line ? r.on_loc : r.loc;
    if (r.on == RuleOn::Event && s.events.contains(r.event) && !taken.contains(r.event))
      s.diags.warning(at, LintCode::RuleNeverApplies,
                      fmt::format("rule '{}' is on event '{}', but no transition takes '{}': "
                                  "firing it is always refused, so the rule never applies",
                                  r.id, r.event, r.event));
    if (r.on != RuleOn::Set) continue;
    if (const Attribute* a = whole_records(s, r.path)) {
      std::string field = a->type.fields.empty() ? "FIELD" : a->type.fields.front().name;
      s.diags.warning(at, LintCode::RuleNeverApplies,
                      fmt::format("rule '{}' is on setting {} as a whole, which never happens: "
                                  "its records are written field by field; name the field "
                                  "(`on set {}.{}`)",
                                  r.id, r.path, r.path, field));
    }
  }
}

}  // namespace pb::check

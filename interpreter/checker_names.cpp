// checker_names.cpp — names inside one playbook: duplicate ids (PB020) and
// every reference to a step, role, task, event, playbook or external
// (PB030–PB033, PB037, PB038), each with "did you mean" when a name is close;
// `renamed_from` ids that are still steps or claimed twice (PB146).
#include <fmt/format.h>

#include <algorithm>

#include "checker_internal.hpp"

namespace pb::check {

namespace {

const Loc& or_loc(const Loc& preferred, const Loc& fallback) {  // both live in the model
  return preferred.line ? preferred : fallback;
}

// First place of each key: a view of a string id or an int id (the model
// outlives the map), so only a duplicate costs a string.
template <class K>
using Seen = std::unordered_map<K, const Loc*>;

// Reports every item whose key was already used, naming the first place.
template <class T, class Key, class K>
void report_dups(PlaybookScope& s, const std::vector<T>& items, Key key, std::string_view kind,
                 Seen<K>& seen) {
  for (const auto& item : items) {
    auto [it, fresh] = seen.emplace(key(item), &item.loc);
    if (fresh) continue;
    std::string k = fmt::format("{}", key(item));
    bool numeric = !k.empty() && k.find_first_not_of("0123456789") == std::string::npos;
    std::string shown = numeric ? k : "'" + k + "'";
    s.diags.error(item.loc, LintCode::DuplicateId,
                  fmt::format("duplicate {} {}; it is already declared at {}", kind, shown,
                              it->second->str()));
  }
}

// The key type of by_id on T: int64_t for int ids, std::string_view otherwise.
template <class T>
using IdKey = std::conditional_t<std::is_integral_v<decltype(T::id)>, int64_t, std::string_view>;

auto by_id = [](const auto& x) { return IdKey<std::decay_t<decltype(x)>>(x.id); };
auto by_name = [](const Attribute& a) { return std::string_view(a.name); };

template <class T, class Key>
void report_dups(PlaybookScope& s, const std::vector<T>& items, Key key, std::string_view kind) {
  Seen<decltype(key(items.front()))> seen;
  report_dups(s, items, key, kind, seen);
}

void attr_dups(PlaybookScope& s, const std::vector<Attribute>& attrs, std::string_view kind) {
  report_dups(s, attrs, by_name, kind);
  for (const auto& a : attrs)
    if (a.type.kind == TypeKind::Records) attr_dups(s, a.type.fields, "record field");
}

void check_playbook_links(PlaybookScope& s) {
  auto link = [&](const std::string& id, const Loc& loc, std::string_view what) {
    if (s.playbook_ids.contains(id)) return;
    if (auto x = s.externals.find(id); x != s.externals.end()) {
      s.used_externals.insert(x->first);  // meant as the hand-over: not also PB083
      s.diags.error(loc, LintCode::UndefinedPlaybook,
                    fmt::format("{} '{}' is an external process of this playbook, not a playbook; "
                                "a step hands over to it with `handoff {}`",
                                what, id, id));
      return;
    }
    std::vector<std::string> known(s.playbook_ids.begin(), s.playbook_ids.end());
    std::sort(known.begin(), known.end());
    s.diags.error(loc, LintCode::UndefinedPlaybook,
                  fmt::format("{} '{}' is not a playbook in the linted files", what, id),
                  did_you_mean(id, known));
  };
  for (size_t i = 0; i < s.pb.next.size(); ++i)
    link(s.pb.next[i], loc_at(s.pb.next_locs, i, s.pb.loc), "next playbook");
  for (const auto& st : s.pb.steps)
    if (st.terminal == TerminalKind::Goto)
      link(st.terminal_arg, or_loc(st.terminal_loc, st.loc), "goto playbook");
}

void check_action_refs(PlaybookScope& s, const std::vector<Action>& actions) {
  for (const auto& a : actions) {
    if (a.kind == ActionKind::Complete || a.kind == ActionKind::Reset || a.kind == ActionKind::Mark)
      s.ref_task(a.task, a.loc);
    if (a.kind == ActionKind::ForEach) check_action_refs(s, a.body);
  }
}

void ref_external(PlaybookScope& s, const Step& st) {
  if (auto it = s.externals.find(st.terminal_arg); it != s.externals.end()) {
    s.used_externals.insert(it->first);
    return;
  }
  std::string near = closest(st.terminal_arg, s.external_names());
  if (!near.empty()) s.used_externals.insert(s.externals.find(near)->first);  // no PB083 for it
  s.diags.error(or_loc(st.terminal_loc, st.loc), LintCode::UndefinedExternal,
                fmt::format("undefined external process '{}'; declare it with `external {} \"…\"`",
                            st.terminal_arg, st.terminal_arg),
                near.empty() ? "" : fmt::format("did you mean '{}'?", near));
}

void check_transition_refs(PlaybookScope& s, const Transition& t) {
  if (t.trigger == TriggerKind::Event) s.ref_event(t.event, t.loc);
  if (t.trigger == TriggerKind::Task) s.ref_task(t.task, t.loc);
  if (t.trigger == TriggerKind::Remind) s.ref_role(t.role, or_loc(t.role_loc, t.loc));
  if (!t.target.empty()) s.ref_step(t.target, or_loc(t.target_loc, t.loc), "transition target");
  if (!t.since.empty()) s.ref_step(t.since, or_loc(t.since_loc, t.loc), "timer anchor");
  check_action_refs(s, t.actions);
}

void check_step_refs(PlaybookScope& s, const Step& st) {
  s.ref_role(st.role, or_loc(st.role_loc, st.loc));
  for (size_t i = 0; i < st.tasks.size(); ++i)
    s.ref_task(st.tasks[i], loc_at(st.task_locs, i, st.loc));
  check_action_refs(s, st.enter);
  for (const auto& t : st.transitions) check_transition_refs(s, t);
  if (st.terminal == TerminalKind::Handoff) ref_external(s, st);
}

// `renamed_from OLD`: OLD must be gone (PB146), and no other step may claim
// it too, or an instance in OLD would have two places to go.
void check_renames(PlaybookScope& s) {
  std::unordered_map<std::string_view, const Step*> claimed;
  for (const auto& st : s.pb.steps)
    for (const auto& old : st.renamed_from) {
      const Loc& at = or_loc(st.renamed_from_loc, st.loc);
      if (auto it = s.steps.find(old); it != s.steps.end()) {
        s.diags.error(
            at, LintCode::RenamedFromInUse,
            fmt::format("step '{}' is renamed from '{}', but step '{}' still exists "
                        "(at {})",
                        st.id, old, old, it->second->loc.str()),
            fmt::format("remove '{}' from `renamed_from`, or rename step '{}'", old, old));
        continue;
      }
      auto [it, fresh] = claimed.emplace(old, &st);
      if (!fresh && it->second != &st)
        s.diags.error(at, LintCode::RenamedFromInUse,
                      fmt::format("step '{}' is renamed from '{}', and so is step '{}' (at {}); "
                                  "an instance in '{}' would have two steps to go to",
                                  st.id, old, it->second->id, it->second->loc.str(), old),
                      fmt::format("keep `renamed_from {}` on one of the two steps", old));
    }
}

void check_anywhere_refs(PlaybookScope& s, const Anywhere& a) {
  for (size_t i = 0; i < a.except.size(); ++i)
    s.ref_step(a.except[i], loc_at(a.except_locs, i, a.loc), "'except' step");
  for (const auto& t : a.transitions) check_transition_refs(s, t);
}

void check_rule_refs(PlaybookScope& s, const std::vector<Rule>& rules) {
  for (const auto& r : rules) {
    if (r.on == RuleOn::Complete) s.ref_task(r.task, or_loc(r.on_loc, r.loc));
    if (r.on == RuleOn::Event) s.ref_event(r.event, or_loc(r.on_loc, r.loc));
  }
}

}  // namespace

void check_duplicates(PlaybookScope& s) {
  const Playbook& b = s.pb;
  report_dups(s, b.steps, by_id, "step id");
  report_dups(s, b.roles, by_id, "role id");
  report_dups(s, b.tasks, by_id, "task id");
  report_dups(s, b.groups, by_id, "group id");
  report_dups(s, b.events, by_id, "event id");
  report_dups(s, b.externals, by_id, "external id");
  Seen<std::string_view> rules;
  report_dups(s, b.tenant.rules, by_id, "rule id", rules);
  report_dups(s, b.rules, by_id, "rule id", rules);
  // A playbook's own tenant attributes must not redeclare the shared schema's
  // (with another type it is PB071, checker_catalog.cpp).
  Seen<std::string_view> attrs;
  if (s.project.schema)
    for (const auto& a : s.project.schema->attributes) attrs.emplace(a.name, &a.loc);
  for (const auto& a : b.tenant.attributes)
    if (auto it = s.attrs.find(a.name); it != s.attrs.end() && !same_type(a.type, it->second->type))
      attrs.erase(a.name);
  report_dups(s, b.tenant.attributes, by_name, "tenant attribute", attrs);
  for (const auto& a : b.tenant.attributes)
    if (a.type.kind == TypeKind::Records) attr_dups(s, a.type.fields, "record field");
  for (const auto& e : b.events) attr_dups(s, e.payload, "payload field");
}

void check_references(PlaybookScope& s) {
  const Playbook& b = s.pb;
  if (!b.start.empty())
    s.ref_step(b.start, or_loc(b.start_loc, b.loc), "start step");
  else if (!b.steps.empty())
    s.diags.error(b.loc, LintCode::MissingKey,
                  fmt::format("playbook '{}' has no start step; add `start {}` (or the step to "
                              "begin with)",
                              b.id, b.steps.front().id));
  for (const auto& t : b.tasks) s.ref_role(t.role, or_loc(t.role_loc, t.loc));
  for (const auto& g : b.groups)
    for (size_t i = 0; i < g.tasks.size(); ++i)
      s.ref_task(g.tasks[i], loc_at(g.task_locs, i, g.loc));
  for (const auto& st : b.steps) check_step_refs(s, st);
  if (b.anywhere) check_anywhere_refs(s, *b.anywhere);
  check_renames(s);
  check_rule_refs(s, b.tenant.rules);
  check_rule_refs(s, b.rules);
  check_playbook_links(s);
}

}  // namespace pb::check

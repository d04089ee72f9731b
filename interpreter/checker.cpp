// checker.cpp — check_project: runs every pass on every playbook, then the
// checks across playbooks: duplicate playbook ids (PB021) and one task id
// with two names, mandatory flags or roles (PB070), both naming the other
// place; and the unused-declaration warnings (PB080–PB083). Pure, no I/O;
// linear in the size of the project (hash maps, no scans over all steps).
#include "checker.hpp"

#include <fmt/format.h>

#include "checker_internal.hpp"

namespace pb {

namespace {

using check::PlaybookScope;

void check_playbook_ids(const Project& project, Diagnostics& diags) {
  std::unordered_map<std::string, const Playbook*> first;
  for (const auto& p : project.playbooks) {
    if (p.id.empty()) continue;  // the front end reported the missing id
    auto [it, fresh] = first.emplace(p.id, &p);
    if (!fresh)
      diags.error(p.loc, "PB021",
                  fmt::format("playbook id '{}' is also used at {}; playbook ids must be unique "
                              "in the directory",
                              p.id, it->second->loc.str()));
  }
}

std::string mandatory_word(bool m) { return m ? "mandatory" : "optional"; }

void compare_tasks(const Task& here, const Task& there, Diagnostics& diags) {
  std::string at = there.loc.str();
  if (here.name != there.name)
    diags.error(here.loc, "PB070",
                fmt::format("task {} is named \"{}\" here but \"{}\" at {}", here.id, here.name,
                            there.name, at));
  if (here.mandatory != there.mandatory)
    diags.error(here.loc, "PB070",
                fmt::format("task {} is {} here but {} at {}", here.id,
                            mandatory_word(here.mandatory), mandatory_word(there.mandatory), at));
  if (here.role != there.role)
    diags.error(here.loc, "PB070",
                fmt::format("task {} has role '{}' here but role '{}' at {}", here.id, here.role,
                            there.role, at));
}

void check_task_catalog(const Project& project, Diagnostics& diags) {
  std::unordered_map<int64_t, const Task*> first;
  for (const auto& p : project.playbooks) {
    std::unordered_set<int64_t> own;  // a repeat inside one playbook is PB020
    for (const auto& t : p.tasks) {
      if (!own.insert(t.id).second) continue;
      auto [it, fresh] = first.emplace(t.id, &t);
      if (!fresh) compare_tasks(t, *it->second, diags);
    }
  }
}

void check_one(const Project& project, const Playbook& pb,
               const std::unordered_set<std::string>& ids, Diagnostics& diags) {
  PlaybookScope s(project, pb, diags, ids);
  check::check_duplicates(s);
  check::check_references(s);
  check::check_expressions(s);
  check::check_graph(s);
  check::check_overlaps(s);
  check::check_unset_ordering(s);
  auto taken = check::events_taken({&pb});
  check::check_rule_triggers(s, pb.tenant.rules, taken);
  check::check_rule_triggers(s, pb.rules, taken);
  check::check_unused(s);
}

// The shared schema's rules, in a scope that knows every playbook's tasks.
void check_schema(const Project& project, const std::unordered_set<std::string>& ids,
                  Diagnostics& diags) {
  if (!project.schema) return;
  Playbook none;
  for (const auto& p : project.playbooks) {
    none.tasks.insert(none.tasks.end(), p.tasks.begin(), p.tasks.end());
    none.events.insert(none.events.end(), p.events.begin(), p.events.end());
  }
  PlaybookScope s(project, none, diags, ids);
  std::unordered_map<std::string, Loc> seen;
  for (const auto& a : project.schema->attributes) {
    auto [it, fresh] = seen.emplace(a.name, a.loc);
    if (!fresh)
      diags.error(a.loc, "PB020",
                  fmt::format("duplicate tenant attribute '{}'; it is already declared at {}",
                              a.name, it->second.str()));
  }
  for (const auto& r : project.schema->rules) {
    const Loc& at = r.on_loc.line ? r.on_loc : r.loc;
    if (r.on == RuleOn::Complete) s.ref_task(r.task, at);
    if (r.on == RuleOn::Event) s.ref_event(r.event, at);
  }
  check::check_rules(s, project.schema->rules);
  std::vector<const Playbook*> all;
  for (const auto& p : project.playbooks) all.push_back(&p);
  check::check_rule_triggers(s, project.schema->rules, check::events_taken(all));
}

}  // namespace

namespace check {

void check_unused(PlaybookScope& s) {
  for (const auto& r : s.pb.roles)
    if (!s.used_roles.contains(r.id))
      s.diags.warning(r.loc, "PB080",
                      fmt::format("role '{}' is declared but no step or task uses it", r.id));
  for (const auto& t : s.pb.tasks)
    if (!s.used_tasks.contains(t.id))
      s.diags.warning(t.loc, "PB081",
                      fmt::format("task {} \"{}\" is declared but no step, action, group or rule "
                                  "uses it",
                                  t.id, t.name));
  for (const auto& e : s.pb.events)
    if (!s.used_events.contains(e.id))
      s.diags.warning(e.loc, "PB082",
                      fmt::format("event '{}' is declared but no transition or rule uses it",
                                  e.id));
  for (const auto& x : s.pb.externals)
    if (!s.used_externals.contains(x.id))
      s.diags.warning(x.loc, "PB083",
                      fmt::format("external process '{}' is declared but no step hands off to it "
                                  "(`handoff {}`)",
                                  x.id, x.id));
}

}  // namespace check

void check_project(const Project& project, Diagnostics& diags) {
  std::unordered_set<std::string> ids;
  for (const auto& p : project.playbooks) ids.insert(p.id);
  check_playbook_ids(project, diags);
  check_task_catalog(project, diags);
  check_schema(project, ids, diags);
  for (const auto& p : project.playbooks) check_one(project, p, ids, diags);
}

}  // namespace pb

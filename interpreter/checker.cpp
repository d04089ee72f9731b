// checker.cpp — check_project: runs the checks across files (playbook ids,
// the task catalog and attribute types: checker_catalog.cpp), the shared
// schema's rules, then every pass on every playbook; and the
// unused-declaration warnings (PB080–PB083). Pure, no I/O; linear in the size
// of the project (hash maps, no scans over all steps).
#include "checker.hpp"

#include <fmt/format.h>

#include "checker_internal.hpp"

namespace pb {

namespace {

using check::PlaybookScope;

void check_one(const Project& project, const Playbook& pb,
               const std::unordered_set<std::string>& ids, Diagnostics& diags) {
  PlaybookScope s(project, pb, diags, ids);
  check::check_extensions(s);  // first: every later pass sees the extended enums
  check::check_duplicates(s);
  check::check_references(s);
  check::check_note_kinds(s);
  check::check_expressions(s);
  check::check_graph(s);
  check::check_regions(s);
  check::check_overlaps(s);
  check::check_unset_ordering(s);
  check::check_tasks_and_scope(s);
  check::check_calls(s);
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
  // A repeat inside one schema file is PB020; schema files that declare one
  // attribute alike are merged (PB071 reports them when they disagree).
  std::unordered_map<std::string, Loc> seen;
  for (const auto& a : project.schema->attributes) {
    auto [it, fresh] = seen.emplace(a.name, a.loc);
    if (!fresh && it->second.filename() == a.loc.filename())
      diags.error(a.loc, LintCode::DuplicateId,
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
      s.diags.warning(r.loc, LintCode::UnusedRole,
                      fmt::format("role '{}' is declared but no step or task uses it", r.id));
  for (const auto& t : s.pb.tasks)
    if (!s.used_tasks.contains(t.id))
      s.diags.warning(t.loc, LintCode::UnusedTask,
                      fmt::format("task {} \"{}\" is declared but no step, action, group or rule "
                                  "uses it",
                                  t.id, t.name));
  for (const auto& e : s.pb.events)
    if (!s.used_events.contains(e.id))
      s.diags.warning(
          e.loc, LintCode::UnusedEvent,
          fmt::format("event '{}' is declared but no transition or rule uses it", e.id));
  for (const auto& x : s.pb.externals)
    if (!s.used_externals.contains(x.id))
      s.diags.warning(x.loc, LintCode::UnusedExternal,
                      fmt::format("external process '{}' is declared but no step hands off to it "
                                  "(`handoff {}`)",
                                  x.id, x.id));
}

}  // namespace check

void check_project(const Project& project, Diagnostics& diags) {
  std::unordered_set<std::string> ids;
  for (const auto& p : project.playbooks) ids.insert(p.id);
  check_playbook_ids(project, diags);
  check::check_catalog(project, diags);
  check::check_extension_clashes(project, diags);
  check_schema(project, ids, diags);
  check::check_call_cycles(project, diags);
  for (const auto& p : project.playbooks) check_one(project, p, ids, diags);
}

}  // namespace pb

// model_diff.cpp — diff_models (model_diff.hpp): the order of the passes, the
// playbook's header and playbook-wide transitions, and the text helpers the
// passes share (triggers, waits, step ids read through the renames).
#include <fmt/format.h>

#include "model_diff_internal.hpp"

namespace pb {

const char* to_string(ChangeClass c) {
  switch (c) {
    case ChangeClass::Breaking: return "breaking";
    case ChangeClass::Compatible: return "compatible";
    case ChangeClass::Cosmetic: return "cosmetic";
  }
  return "compatible";
}

namespace diff {

ModelChange& Out::add(ChangeClass cls, std::string kind, std::string subject, const Loc& old_loc,
                      const Loc& new_loc, std::string text, std::string hint) {
  ModelChange& c = changes.emplace_back();
  c.cls = cls;
  c.kind = std::move(kind);
  c.subject = std::move(subject);
  c.old_loc = old_loc;
  c.new_loc = new_loc;
  c.text = std::move(text);
  c.hint = std::move(hint);
  return c;
}

const Loc& at(const Loc& preferred, const Loc& fallback) {
  return preferred.line ? preferred : fallback;
}

namespace {

// "2 business days", "1 week": the unit singular for one.
std::string duration(int64_t amount, DurationUnit unit) {
  std::string u = to_string(unit);
  if (amount == 1 && u.ends_with('s')) u.pop_back();
  return fmt::format("{} {}", amount, u);
}

std::string rename(const std::string& id, const Renames& renames) {
  auto it = renames.find(id);
  return it == renames.end() ? id : it->second;
}

void rename_visits(Expr& e, const Renames& renames) {
  if (e.kind == ExprKind::Call && e.text == "visits" && !e.args.empty())
    e.args[0].text = rename(e.args[0].text, renames);
  for (auto& a : e.args) rename_visits(a, renames);
}

}  // namespace

std::string wait_text(const Transition& t) {
  if (t.trigger == TriggerKind::At)
    return t.amount ? fmt::format("{} {:+} days", t.at_path, t.amount) : t.at_path;
  if (t.wait_by.empty()) return duration(t.amount, t.unit);
  std::string out = "by " + t.wait_by + " {";
  for (size_t i = 0; i < t.wait_cases.size(); ++i) {
    const WaitCase& c = t.wait_cases[i];
    out += fmt::format("{} {}: {}", i ? "," : "", c.key.empty() ? "else" : c.key,
                       duration(c.amount, c.unit));
  }
  return out + " }";
}

std::string trigger_text(const Transition& t) {
  switch (t.trigger) {
    case TriggerKind::Event: return "on " + t.event;
    case TriggerKind::Task: return fmt::format("on task {}", t.task);
    case TriggerKind::After: return "after " + wait_text(t);
    case TriggerKind::At: return "at " + t.at_path;
    case TriggerKind::When: return "a `when` branch";
    case TriggerKind::Otherwise: return "otherwise";
    case TriggerKind::Remind: return (t.every ? "remind every " : "remind ") + t.role;
    case TriggerKind::Join: return "join";
    case TriggerKind::Return: return "on return";
  }
  return "a transition";
}

Transition renamed(const Transition& t, const Renames& renames) {
  Transition c = t;
  c.target = rename(c.target, renames);
  c.since = rename(c.since, renames);
  if (c.guard) rename_visits(*c.guard, renames);
  return c;
}

namespace {

void header(const Playbook& o, const Playbook& n, Out& out) {
  const Loc &ol = o.loc, &nl = n.loc;
  if (o.id != n.id)
    out.add(ChangeClass::Breaking, "playbook-id", "playbook", ol, nl,
            fmt::format("the playbook id changed from {} to {}; running instances belong to {}",
                        o.id, n.id, o.id));
  if (o.title != n.title)
    out.add(ChangeClass::Cosmetic, "playbook-title", "playbook", ol, nl,
            fmt::format("the playbook's title changed from \"{}\" to \"{}\"", o.title, n.title));
  if (o.phase != n.phase || o.motions != n.motions || o.owner != n.owner)
    out.add(ChangeClass::Cosmetic, "playbook-header", "playbook", ol, nl,
            "the playbook's phase, motions or owner changed");
  if (o.note_prefix != n.note_prefix)
    out.add(
        ChangeClass::Compatible, "note-prefix", "playbook", ol, nl,
        fmt::format("notes must now start with \"{}\" (was \"{}\")", n.note_prefix, o.note_prefix));
  if (o.calendar != n.calendar || o.scope != n.scope || o.next != n.next ||
      o.note_kinds != n.note_kinds || o.externals != n.externals || o.groups != n.groups)
    out.add(ChangeClass::Compatible, "playbook-changed", "playbook", ol, nl,
            "the playbook's calendar, scope, next playbooks, note kinds, externals or task "
            "groups changed");
}

void start_and_anywhere(const Playbook& o, const Playbook& n, const Renames& renames, Out& out) {
  if (rename(o.start, renames) != n.start)
    out.add(ChangeClass::Compatible, "start-changed", "playbook", at(o.start_loc, o.loc),
            at(n.start_loc, n.loc),
            fmt::format("new instances start in step {} (was {}); running instances are not "
                        "affected",
                        n.start, o.start))
        .before = o.start;
  static const std::vector<Transition> none;
  const auto& ot = o.anywhere ? o.anywhere->transitions : none;
  const auto& nt = n.anywhere ? n.anywhere->transitions : none;
  diff_transitions("anywhere", ot, nt, renames, out);
  std::vector<std::string> except;
  if (o.anywhere)
    for (const auto& id : o.anywhere->except) except.push_back(rename(id, renames));
  if (o.anywhere && n.anywhere && except != n.anywhere->except)
    out.add(ChangeClass::Compatible, "anywhere-except", "anywhere", o.anywhere->loc,
            n.anywhere->loc, "the steps the playbook-wide transitions skip changed");
}

}  // namespace
}  // namespace diff

std::vector<ModelChange> diff_models(const Playbook& old, const Schema* old_schema,
                                     const Playbook& now, const Schema* new_schema) {
  std::vector<ModelChange> changes;
  diff::Out out{changes};
  diff::Renames renames = diff::match_steps(old, now);
  diff::diff_steps(old, now, renames, out);
  diff::header(old, now, out);
  diff::start_and_anywhere(old, now, renames, out);
  diff::diff_tasks(old, now, out);
  diff::diff_roles(old, now, out);
  diff::diff_events(old, now, out);
  diff::diff_schema(old, old_schema, now, new_schema, out);
  return changes;
}

}  // namespace pb

// render_explain.cpp — what an FM reads before acting (`playbook explain`):
// for each step its role, instructions, tasks (id, name, mandatory), what
// each possible event leads to, the waits with their durations, and the rules
// that apply (require, exactly-one groups, rules, the note prefix). A
// parallel step lists its regions (their steps, whether they finish) and its
// joins; a region's step says which region of which step it is in.
#include "render_explain.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "grammar/describe.hpp"
#include "grammar/frontend.hpp"
#include "model/regions.hpp"

namespace pb::cli {
namespace {

std::string task_text(const Playbook& pb, int64_t id) {
  const Task* t = pb.task(id);
  if (!t) return fmt::format("task {}", id);
  return fmt::format("task {} \"{}\"", id, t->name);
}

std::string describe_action(const Playbook& pb, const Action& a);

std::string describe_actions(const Playbook& pb, const std::vector<Action>& actions) {
  std::string out;
  for (const auto& a : actions) out += (out.empty() ? "" : "; ") + describe_action(pb, a);
  return out;
}

std::string describe_action(const Playbook& pb, const Action& a) {
  std::string queue = a.queue == QueueKind::RM ? "RM" : "FM";
  switch (a.kind) {
    case ActionKind::Complete: return "complete " + task_text(pb, a.task);
    case ActionKind::Reset: return "reset " + task_text(pb, a.task) + " to not started";
    case ActionKind::Mark: return "mark " + task_text(pb, a.task) + " " + a.text;
    case ActionKind::Note:
      return fmt::format("add {} \"{}\"", note_kind_name(pb, a.note_kind.id), a.text);
    case ActionKind::Set:
      return fmt::format("set {} to {}", a.path, a.expr ? print_expr(*a.expr) : "?");
    case ActionKind::Assign:
      if (a.me) return fmt::format("add yourself as {}{}", queue, a.primary ? " (primary)" : "");
      return fmt::format("add {} \"{}\"{}", queue, a.text, a.primary ? " as primary" : "");
    case ActionKind::Unassign:
      return a.me ? fmt::format("remove yourself as {}", queue)
                  : fmt::format("remove {} \"{}\"", queue, a.text);
    case ActionKind::Send: {
      std::string to = !a.expr         ? " to the primary contact"
                       : a.to_contacts ? " to every contact where " + print_expr(*a.expr)
                                       : " to " + print_expr(*a.expr);
      std::string cc = a.cc ? ", a copy to every contact where " + print_expr(*a.cc) : "";
      return fmt::format("send \"{}\"{}{}", a.text, to, cc);
    }
    case ActionKind::MarkContact:
      return fmt::format("mark the contact {} {}", a.expr ? print_expr(*a.expr) : "?",
                         a.text == "unsubscribed" ? "unsubscribed" : "do-not-contact");
    case ActionKind::Require:
      return fmt::format("require {} (else refused: {})", a.expr ? print_expr(*a.expr) : "?",
                         a.text);
    case ActionKind::ForEach:
      return fmt::format("for each {} in {}{}: {}", a.var, a.path,
                         a.expr ? " where " + print_expr(*a.expr) : std::string{},
                         describe_actions(pb, a.body));
  }
  return {};
}

std::string transition_line(const Playbook& pb, const Transition& t) {
  std::string line = trigger_words(t, TriggerStyle::Sentence);
  if (t.trigger == TriggerKind::Event)
    if (const EventDecl* e = pb.event(t.event); e && !e->title.empty())
      line += " (" + e->title + ")";
  line += guard_words(t, TriggerStyle::Sentence);
  if (t.trigger == TriggerKind::Remind) return line + ": \"" + t.text + "\"";
  const Step* target = pb.step(t.target);
  line += t.target.empty() ? " → stays in the step" : " → " + t.target;
  if (target && !target->title.empty()) line += " \"" + target->title + "\"";
  if (!t.actions.empty()) line += "\n        then: " + describe_actions(pb, t.actions);
  return line;
}

void indent_block(std::string& out, const std::string& text, const std::string& pad) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    out += line.empty() ? "\n" : pad + line + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

void rules_for_step(std::string& out, const Playbook& pb, const Step& s) {
  auto touches_task = [&](int64_t id) {
    for (int64_t t : s.tasks)
      if (t == id) return true;
    for (const auto& tr : s.transitions)
      if (tr.trigger == TriggerKind::Task && tr.task == id) return true;
    return false;
  };
  for (const auto& g : pb.groups)
    for (int64_t id : g.tasks)
      if (touches_task(id)) {
        std::string ids;
        for (int64_t t : g.tasks) ids += (ids.empty() ? "" : ", ") + std::to_string(t);
        out += fmt::format("    - exactly one of {} ({}): {}\n", g.id, g.title, ids);
        break;
      }
  for (const auto& r : pb.rules) {
    bool applies = (r.on == RuleOn::Complete && touches_task(r.task));
    for (const Transition* tr : transitions_of(pb, s))
      if (r.on == RuleOn::Event && tr->trigger == TriggerKind::Event && tr->event == r.event)
        applies = true;
    if (applies)
      out += fmt::format("    - {}: {} [{}]\n", r.id, r.message, print_expr(r.condition));
  }
  if (!pb.note_prefix.empty())
    out += fmt::format("    - every note must start with \"{}\"\n", pb.note_prefix);
}

std::string step_name(const Step& s) {
  return s.title.empty() ? s.id : fmt::format("{} \"{}\"", s.id, s.title);
}

// "Runs its regions at the same time": each region's steps, in order, and
// whether it finishes (has a `done` step).
std::string regions_text(const Playbook& pb, const Step& p) {
  std::string out = fmt::format("  Runs {} region{} at the same time, each from its first step:\n",
                                p.regions.size(), p.regions.size() == 1 ? "" : "s");
  for (const auto& r : p.regions) {
    std::string steps;
    bool done = false;
    for (const Step* x : region_steps(pb, p.id, r.id)) {
      steps += (steps.empty() ? "" : ", ") + step_name(*x);
      done = done || x->terminal == TerminalKind::Done;
    }
    out +=
        fmt::format("    - region {}{}: {}{}\n", r.id, r.title.empty() ? "" : " (" + r.title + ")",
                    steps.empty() ? "no steps" : steps,
                    done ? " — finishes at its `done` step"
                         : " — never finishes: it stops at a join or when the step is left");
  }
  return out;
}

// A join's line, with the regions it leaves running (they stop at the join).
std::string join_line(const Playbook& pb, const Step& p, const Transition& t) {
  std::vector<std::string> waited = join_regions(p, t), others;
  for (const auto& r : p.regions)
    if (std::find(waited.begin(), waited.end(), r.id) == waited.end()) others.push_back(r.id);
  std::string line = "    - " + transition_line(pb, t);
  size_t nl = line.find('\n');
  std::string stops = others.empty()
                          ? ""
                          : fmt::format(" (region{} {} stop{} there)", others.size() > 1 ? "s" : "",
                                        fmt::join(others, ", "), others.size() > 1 ? "" : "s");
  return nl == std::string::npos ? line + stops + "\n"
                                 : line.substr(0, nl) + stops + line.substr(nl) + "\n";
}

// Where a region's step is: its region, the parallel step, the other regions.
std::string region_of_text(const Playbook& pb, const Step& s) {
  const Step* p = pb.step(s.parent);
  std::string title;
  std::vector<std::string> others;
  if (p)
    for (const auto& r : p->regions) {
      if (r.id == s.region && title.empty()) title = r.title;
      if (r.id != s.region) others.push_back(r.id);
    }
  std::string along = others.empty()
                          ? ""
                          : fmt::format("; alongside region{} {}", others.size() > 1 ? "s" : "",
                                        fmt::join(others, ", "));
  return fmt::format("  In region {}{} of parallel step {}{}\n", s.region,
                     title.empty() ? "" : " (" + title + ")", p ? step_name(*p) : s.parent, along);
}

}  // namespace

// `require mandatory tasks`: what the FM must finish before the step is left.
static std::string mandatory_exit_text(const Playbook& pb, const Step& s) {
  std::string scope = "every service";
  if (pb.scope)
    scope = fmt::format("the services of {}{}", pb.scope->records,
                        pb.scope->where ? " where " + print_expr(*pb.scope->where) : "");
  return fmt::format("  Before {}: complete every mandatory task of the services in scope ({})\n",
                     s.terminal == TerminalKind::None ? "leaving" : "reaching this step", scope);
}

std::string render_explain_step(const Playbook& pb, const Step& s) {
  std::string out = fmt::format("Step {}{}\n", s.id, s.title.empty() ? "" : " — " + s.title);
  if (in_region(s)) out += region_of_text(pb, s);
  if (!s.role.empty()) {
    const Role* r = pb.role(s.role);
    out += fmt::format("  Role: {} ({})\n", r ? r->name : s.role, s.role);
  }
  if (!s.services.empty())
    out += "  Applies to: " + fmt::format("{}", fmt::join(s.services, ", ")) + "\n";
  if (!s.instructions.empty()) {
    out += "  Instructions:\n";
    indent_block(out, s.instructions, "    ");
  }
  if (!s.tasks.empty()) {
    out += "  Tasks:\n";
    for (int64_t id : s.tasks) {
      const Task* t = pb.task(id);
      out +=
          t ? fmt::format("    {} {} ({})\n", id, t->name, t->mandatory ? "mandatory" : "optional")
            : fmt::format("    {} (not in the catalog)\n", id);
    }
  }
  if (s.require_mandatory) out += mandatory_exit_text(pb, s);
  if (!s.enter.empty()) out += "  On entry: " + describe_actions(pb, s.enter) + "\n";
  if (!s.call.empty())
    out += "  Calls playbook " + s.call + " for this tenant and waits until it ends; then:\n";
  if (is_parallel(s)) out += regions_text(pb, s);
  std::string events, waits, branches, returns, joins;
  size_t own = s.transitions.size(), i = 0;
  for (const Transition* tp : transitions_of(pb, s)) {
    const Transition& t = *tp;
    std::string line = "    - " + transition_line(pb, t) + (i++ >= own ? " (anywhere)" : "") + "\n";
    if (t.timed())
      waits += line;
    else if (t.trigger == TriggerKind::When || t.trigger == TriggerKind::Otherwise)
      branches += line;
    else if (t.trigger == TriggerKind::Return)
      returns += line;
    else if (t.trigger == TriggerKind::Join)
      joins += join_line(pb, s, t);
    else
      events += line;
  }
  out += returns;
  if (!joins.empty()) out += "  Leaves when its regions are done:\n" + joins;
  if (!events.empty()) out += "  What you can record:\n" + events;
  if (!waits.empty()) out += "  Waits:\n" + waits;
  if (!branches.empty()) out += "  Decided at once:\n" + branches;
  switch (s.terminal) {
    case TerminalKind::End: out += "  Ends the playbook: " + s.terminal_arg + "\n"; break;
    case TerminalKind::Goto: out += "  Continues in playbook " + s.terminal_arg + "\n"; break;
    case TerminalKind::Handoff:
      out += "  Hands off to the external process " + s.terminal_arg + "\n";
      break;
    case TerminalKind::Done:
      out += fmt::format("  Finishes region {} of step {}\n", s.region, s.parent);
      break;
    case TerminalKind::None: break;
  }
  std::string rules;
  rules_for_step(rules, pb, s);
  if (!rules.empty()) out += "  Rules:\n" + rules;
  return out;
}

std::string render_explain(const Playbook& pb) {
  std::string out = fmt::format("{} — {}\n", pb.id, pb.title.empty() ? pb.id : pb.title);
  std::string meta;
  if (pb.version) meta += fmt::format("version {}", pb.version);
  if (!pb.phase.empty()) meta += (meta.empty() ? "" : ", ") + ("phase " + pb.phase);
  if (!pb.owner.empty()) meta += (meta.empty() ? "" : ", ") + ("owner " + pb.owner);
  if (!meta.empty()) out += "  " + meta + "\n";
  if (!pb.note_prefix.empty())
    out += fmt::format("  Every note must start with \"{}\".\n", pb.note_prefix);
  out += fmt::format("  Starts at: {}\n", pb.start);
  for (const auto& s : pb.steps) out += "\n" + render_explain_step(pb, s);
  return out;
}

}  // namespace pb::cli

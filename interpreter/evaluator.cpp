// evaluator.cpp — the control flow of the pure evaluator (evaluator.hpp):
// start, fire, complete, note, tick, set and the return of a called playbook;
// entering steps (enter actions, terminals, decision steps, timers, calls)
// and taking transitions.
#include "evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/calendar_math.hpp"
#include "model/diagnostics.hpp"
#include "model/regions.hpp"
#include "evaluator_ctx.hpp"

namespace pb {

using namespace detail;

namespace detail {

// Takes transition `t` out of step `from` (a current step); a target ""
// stays in the step. Leaving a region for a step outside it leaves the
// parallel step too, so that step's `require mandatory tasks` applies.
bool take(Ctx& c, const Step& from, const Transition& t) {
  if (!run_actions(c, t.actions)) return false;
  const Step* to = t.target.empty() ? nullptr : c.cp.step(t.target);
  if (to && !may_enter(from, *to))
    return c.refuse(RefusalCode::RegionEntry,
                    fmt::format("step '{}' is in region '{}' of step '{}': step '{}' cannot "
                                "enter it",
                                to->id, to->region, to->parent, from.id));
  bool exits = !t.target.empty() && t.target != from.id;
  if (from.require_mandatory && exits && !check_mandatory_exit(c, from)) return false;
  if (exits && to && in_region(from) && !in_region(*to)) {
    const Step* parallel = c.cp.step(from.parent);
    if (parallel && parallel->require_mandatory && !check_mandatory_exit(c, *parallel))
      return false;
  }
  c.out.transitioned = true;
  c.out.taken.push_back(&t);
  if (t.target.empty()) return true;
  return to ? enter_step(c, *to) : enter(c, t.target);  // unknown: refused there
}

bool active(Ctx& c) {
  if (c.out.instance.status == InstanceStatus::Active && c.cp.step(c.out.instance.step))
    return true;
  return c.refuse(
      RefusalCode::NotRunning,
      fmt::format("playbook '{}' is not running for tenant '{}' ({})", c.cp.pb.id, c.tenant.id,
                  c.out.instance.step.empty() ? "not started" : to_string(c.out.instance.status)));
}

bool decide(Ctx& c, const Step& s) {
  for (const auto& t : s.transitions)
    if (t.trigger == TriggerKind::Otherwise ||
        (t.trigger == TriggerKind::When && holds(c, t.guard)))
      return take(c, s, t);
  return c.refuse(
      RefusalCode::NoBranch,
      fmt::format("decision step '{}': no branch holds and there is no otherwise", s.id));
}

void finish_run(Ctx& c, const Step& s) {
  auto& inst = c.out.instance;
  inst.step = s.id;
  inst.regions.clear();
  inst.timers.clear();
  switch (s.terminal) {
    case TerminalKind::End: inst.status = InstanceStatus::Ended; break;
    case TerminalKind::Goto: inst.status = InstanceStatus::Goto; break;
    case TerminalKind::Handoff: inst.status = InstanceStatus::Handoff; break;
    case TerminalKind::None:
    case TerminalKind::Done: return;
  }
  inst.outcome = s.terminal_arg;
}

bool enter(Ctx& c, const std::string& id) {
  const Step* s = c.cp.step(id);
  if (!s)
    return c.refuse(RefusalCode::UnknownStep,
                    fmt::format("playbook '{}' has no step '{}'", c.cp.pb.id, id));
  return enter_step(c, *s);
}

bool enter_step(Ctx& c, const Step& step) {
  const std::string& id = step.id;
  const Step* s = &step;
  if (++c.steps_entered > kMaxStepsPerInput)
    return c.refuse(RefusalCode::StepLoop,
                    fmt::format("more than {} steps entered by one input (a cycle of "
                                "decision steps through '{}'?)",
                                kMaxStepsPerInput, id));
  if (in_region(*s)) return enter_in_region(c, *s);
  auto& inst = c.out.instance;
  if (inst.step != id) inst.arrived[id] = c.now;
  inst.step = id;
  inst.entered_at = c.now;
  ++inst.visits[id];
  inst.timers.clear();
  inst.regions.clear();
  c.out.entered.push_back(id);
  if (!run_actions(c, s->enter)) return false;
  if (s->terminal != TerminalKind::None && !check_mandatory_exit(c, *s)) return false;
  if (s->terminal == TerminalKind::Done)
    return c.refuse(RefusalCode::RegionEntry,
                    fmt::format("step '{}' finishes a region, but it is in none", id));
  if (s->terminal != TerminalKind::None) return finish_run(c, *s), true;
  if (!is_waiting(*s)) return decide(c, *s);  // a decision step
  arm_timers(c, *s);
  c.out.call = s->call;  // the runtime starts the called playbook
  return !is_parallel(*s) || fork(c, *s);
}

}  // namespace detail

namespace {

std::vector<std::string> attr_names(const CompiledPlaybook& cp) {
  std::vector<std::string> names;
  for (const auto& a : cp.attrs) names.push_back(a.name);
  return names;
}

// One `--set key=value`: an event payload field or a tenant attribute.
bool apply_set(Ctx& c, const std::string& key, const std::string& text) {
  std::string_view k = key;
  bool payload_only = k.starts_with("event."), tenant_only = k.starts_with("tenant.");
  if (payload_only || tenant_only) k.remove_prefix(payload_only ? 6 : 7);
  std::string why;
  if (c.event && !tenant_only)
    for (const auto& f : c.event->payload)
      if (f.name == k) {
        Value v;
        if (!parse_value(f.type, text, v, why))
          return c.refuse(RefusalCode::BadValue, fmt::format("event.{}: {}", f.name, why), true);
        c.payload.emplace_back(f.name, std::move(v));
        return true;
      }
  AttrWrite w;
  const Attribute* a = payload_only ? nullptr : c.cp.attribute(k);
  const Attribute* target = a;
  auto d1 = k.find('.'), d2 = k.rfind('.');
  if (!a && !payload_only && d1 != std::string_view::npos && d1 != d2) {
    a = c.cp.attribute(k.substr(0, d1));
    if (a && a->type.kind == TypeKind::Records) {
      w.key = k.substr(d1 + 1, d2 - d1 - 1);
      w.field = k.substr(d2 + 1);
      for (const auto& f : a->type.fields)
        if (f.name == w.field) target = &f;
    }
  }
  if (!target) {
    std::string hint = did_you_mean(k, attr_names(c.cp));
    return c.refuse(
        RefusalCode::UnknownAttribute,
        fmt::format("'{}' is not {}{}", key,
                    c.event
                        ? fmt::format("a field of event '{}' nor a tenant attribute", c.event->id)
                        : "a tenant attribute",
                    hint.empty() ? "" : "; " + hint),
        true);
  }
  w.attr = a->name;
  if (!parse_value(target->type, text, w.value, why))
    return c.refuse(RefusalCode::BadValue, fmt::format("{}: {}", key, why), true);
  return write_attr(c, std::move(w), target->loc);
}

bool apply_sets(Ctx& c) {
  for (const auto& [k, v] : c.in.sets)
    if (!apply_set(c, k, v)) return false;
  return true;
}

// The playbook-wide transitions when they apply in step `s`, else none.
const std::vector<Transition>& anywhere_in(const CompiledPlaybook& cp, const Step& s) {
  static const std::vector<Transition> none;
  return anywhere_applies(cp.pb, s) ? cp.pb.anywhere->transitions : none;
}

// Whether step `s` (or `anywhere`, where it applies) has a transition `match`.
template <class Match>
bool offers(const CompiledPlaybook& cp, const Step& s, Match match) {
  return std::any_of(s.transitions.begin(), s.transitions.end(), match) ||
         std::ranges::any_of(anywhere_in(cp, s), match);
}

// The first transition `match`ing whose guard holds: the step's own first,
// then the playbook-wide ones.
template <class Match>
const Transition* first_holding(Ctx& c, const Step& s, Match match) {
  for (const auto* list : {&s.transitions, &anywhere_in(c.cp, s)})
    for (const auto& t : *list)
      if (match(t) && holds(c, t.guard)) return &t;
  return nullptr;
}

bool on_event(const Ctx& c, const Transition& t) {
  return t.trigger == TriggerKind::Event && t.event == c.in.event;
}
bool on_task(const Ctx& c, const Transition& t) {
  return t.trigger == TriggerKind::Task && t.task == c.in.task;
}

// The events possible now: the current step's (and anywhere's), then those
// of the steps its regions are in.
std::string possible_events(const Ctx& c, const Step& s) {
  std::vector<std::string> names;
  auto add = [&](const std::vector<Transition>& list) {
    for (const auto& t : list)
      if (t.trigger == TriggerKind::Event &&
          std::find(names.begin(), names.end(), t.event) == names.end())
        names.push_back(t.event);
  };
  add(s.transitions);
  add(anywhere_in(c.cp, s));
  for (const auto& r : c.out.instance.regions)
    if (const Step* leaf = c.cp.step(r.step)) add(leaf->transitions);
  return names.empty() ? "no event is possible there"
                       : fmt::format("possible: {}", fmt::join(names, ", "));
}

// "step 'S'", naming the steps of its regions when it is a parallel step.
std::string where(const Ctx& c, const Step& s) {
  std::vector<std::string> leaves;
  for (const auto& r : c.out.instance.regions) leaves.push_back(r.step);
  if (leaves.empty()) return fmt::format("step '{}'", s.id);
  return fmt::format("step '{}' nor in its regions ({})", s.id, fmt::join(leaves, ", "));
}

bool fire(Ctx& c) {
  if (!active(c)) return false;
  auto ev = c.cp.event_by_id.find(c.in.event);
  if (ev == c.cp.event_by_id.end()) {
    std::vector<std::string> ids;
    for (const auto& e : c.cp.pb.events) ids.push_back(e.id);
    std::string hint = did_you_mean(c.in.event, ids);
    return c.refuse(RefusalCode::UnknownEvent,
                    fmt::format("playbook '{}' has no event '{}'{}", c.cp.pb.id, c.in.event,
                                hint.empty() ? "" : "; " + hint),
                    true);
  }
  c.event = ev->second;
  const Step& s = *c.cp.step(c.out.instance.step);
  auto match = [&](const Transition& t) { return on_event(c, t); };
  bool regional = regions_offer(c, on_event);
  if (!regional && !offers(c.cp, s, match))
    return c.refuse(RefusalCode::EventNotPossible,
                    fmt::format("event '{}' is not possible in {}; {}", c.in.event, where(c, s),
                                possible_events(c, s)));
  if (!apply_sets(c)) return false;
  if (!c.in.note.empty() && !add_note(c, c.in.note_kind, c.in.note)) return false;
  auto rules = c.cp.rules_on_event.find(c.in.event);
  if (rules != c.cp.rules_on_event.end() && !check_rules(c, &rules->second)) return false;
  int took = 0;
  if (regional && (!to_regions(c, on_event, took) || took)) return !c.failed();
  if (const Transition* t = first_holding(c, s, match)) return take(c, s, *t);
  if (c.failed()) return false;
  return c.refuse(RefusalCode::EventNotPossible,
                  fmt::format("event '{}' is not possible in {} now: the conditions of its "
                              "transitions do not hold",
                              c.in.event, where(c, s)));
}

// The task of a `complete`/`reset` input, which the playbook must declare.
const Task* input_task(Ctx& c) {
  const Task* t = c.cp.pb.task(c.in.task);
  if (!t)
    c.refuse(RefusalCode::UnknownTask,
             fmt::format("playbook '{}' has no task {}", c.cp.pb.id, c.in.task), true);
  return t;
}

// Task state is the tenant's, shared by all its runs: a task completed by
// an earlier run is complete in this one. Completing it again would change
// nothing, so it is refused with who completed it and when, and the way to
// do it again (reset, then complete).
bool refuse_complete_again(Ctx& c, const Task& task) {
  auto it = c.tenant.tasks.find(c.in.task);
  TaskState was = it != c.tenant.tasks.end() ? it->second : TaskState{};
  const Step* s = c.cp.step(c.out.instance.step);
  bool waits = s && (offers(c.cp, *s, [&](const Transition& t) { return on_task(c, t); }) ||
                     regions_offer(c, on_task));
  return c.refuse(
      RefusalCode::AlreadyComplete,
      fmt::format("task {} \"{}\" is already complete (by {} at {}){}; to complete it again, "
                  "reset it first (playbook reset {} {})",
                  c.in.task, task.name, was.who, format_iso_instant(was.when),
                  waits ? fmt::format(": step '{}' waits for a new completion", s->id) : "",
                  c.tenant.id, c.in.task));
}

bool complete(Ctx& c) {
  const Task* task = input_task(c);
  if (!task) return false;
  if (c.task_complete(c.in.task)) return refuse_complete_again(c, *task);
  if (!c.in.note.empty() && !add_note(c, c.in.note_kind, c.in.note)) return false;
  if (!complete_task(c, c.in.task)) return false;
  const Step* s = c.cp.step(c.out.instance.step);
  if (!s || c.out.instance.status != InstanceStatus::Active) return true;
  int took = 0;
  if (regions_offer(c, on_task) && (!to_regions(c, on_task, took) || took)) return !c.failed();
  auto match = [&](const Transition& t) { return on_task(c, t); };
  if (const Transition* t = first_holding(c, *s, match)) return take(c, *s, *t);
  return !c.failed();
}

// An FM's reset of a complete task to not started (FTOP's "Reset Task …
// to Not Started"); no transition follows it.
bool reset(Ctx& c) {
  const Task* task = input_task(c);
  if (!task) return false;
  if (c.task_status(c.in.task) == TaskStatus::NotStarted)
    return c.refuse(RefusalCode::NotComplete,
                    fmt::format("task {} \"{}\" is not complete: there is nothing to reset",
                                c.in.task, task->name));
  if (!c.in.note.empty() && !add_note(c, c.in.note_kind, c.in.note)) return false;
  set_task(c, c.in.task, TaskStatus::NotStarted);
  return true;
}

// An FM's change of a task's state (`playbook mark`): `complete` is a
// completion (above, `on task` transitions included); any other state is
// set, refused when the task is in it already. No transition follows.
bool mark(Ctx& c) {
  if (c.in.status == TaskStatus::Complete) return complete(c);
  const Task* task = input_task(c);
  if (!task) return false;
  if (c.task_status(c.in.task) == c.in.status)
    return c.refuse(
        RefusalCode::AlreadyMarked,
        fmt::format("task {} \"{}\" is already {}", c.in.task, task->name, to_string(c.in.status)));
  if (!c.in.note.empty() && !add_note(c, c.in.note_kind, c.in.note)) return false;
  set_task(c, c.in.task, c.in.status);
  return true;
}

// The playbook the current step calls ended with `in.outcome` (an end's
// outcome, a handoff's external id): recorded for outcome(ID), then the
// first `on return` whose guard holds is taken; none holds: refused whole.
bool return_from(Ctx& c) {
  if (!active(c)) return false;
  const Step& s = *c.cp.step(c.out.instance.step);
  if (s.call.empty() || s.call != c.in.callee)
    return c.refuse(RefusalCode::NotCalling,
                    fmt::format("step '{}' of playbook '{}' does not call playbook '{}'", s.id,
                                c.cp.pb.id, c.in.callee));
  c.out.instance.returns[c.in.callee] = c.in.outcome;
  auto on_return = [](const Transition& t) { return t.trigger == TriggerKind::Return; };
  if (const Transition* t = first_holding(c, s, on_return)) return take(c, s, *t);
  if (c.failed()) return false;
  return c.refuse(RefusalCode::NoReturnBranch,
                  fmt::format("playbook '{}' returned to step '{}' of playbook '{}' with \"{}\", "
                              "and no `on return` of the step holds",
                              c.in.callee, s.id, c.cp.pb.id, c.in.outcome));
}

bool start(Ctx& c) {
  if (!c.out.instance.step.empty() && c.out.instance.status == InstanceStatus::Active)
    return c.refuse(RefusalCode::AlreadyRunning,
                    fmt::format("playbook '{}' is already running for '{}' (step "
                                "'{}')",
                                c.cp.pb.id, c.tenant.id, c.out.instance.step));
  std::string caller = std::move(c.out.instance.caller);  // the runtime's, kept
  c.out.instance = InstanceState{};
  c.out.instance.playbook = c.cp.pb.id;
  c.out.instance.caller = std::move(caller);
  c.out.transitioned = true;
  return enter(c, c.cp.pb.start);
}

bool dispatch(Ctx& c) {
  switch (c.in.kind) {
    case InputKind::Start: return start(c);
    case InputKind::Fire: return fire(c);
    case InputKind::Complete: return complete(c);
    case InputKind::Reset: return reset(c);
    case InputKind::Mark: return mark(c);
    case InputKind::Note:
      if (c.in.note.empty()) return c.refuse(RefusalCode::EmptyNote, "a note needs a text", true);
      return add_note(c, c.in.note_kind, c.in.note);
    case InputKind::Tick: return tick(c);
    case InputKind::Set: return apply_sets(c);
    case InputKind::Return: return return_from(c);
  }
  return false;
}

}  // namespace

Result evaluate(const CompiledPlaybook& cp, const TenantState& tenant, const InstanceState& inst,
                const Input& input, Instant now, const Calendar& cal) {
  Ctx c(cp, tenant, input, now, cal);
  c.out.instance = inst;
  Result r;
  if (!dispatch(c) || c.failed()) {
    r.refusal = c.refusal ? *c.refusal : Refusal{RefusalCode::Refused, "refused", false};
    return r;
  }
  rearm_at(c);
  if (input.kind == InputKind::Tick) forget_fired_at(c, input.timer);
  c.out.timers_changed = c.out.instance.timers != inst.timers;
  r.outcome = std::move(c.out);
  return r;
}

bool rearm_at_timers(const CompiledPlaybook& cp, const TenantState& tenant, InstanceState& inst) {
  Input none;
  Ctx c(cp, tenant, none, Instant{}, default_calendar());
  c.out.instance = inst;
  rearm_at(c);
  if (c.out.instance.timers == inst.timers) return false;
  inst.timers = std::move(c.out.instance.timers);
  return true;
}

}  // namespace pb

// engine_preview.cpp — Engine::preview (the events and task completions that
// move an instance's step) and the description of an input's effects as
// differences between two worlds (preview.hpp). Reads only.
#include <fmt/format.h>

#include <algorithm>

#include "engine_impl.hpp"
#include "model/regions.hpp"
#include "preview.hpp"

namespace pb::rt {

std::string type_text(const Type& t) {
  if (t.kind == TypeKind::Enum) return fmt::format("enum({})", fmt::join(t.values, ", "));
  if (t.kind == TypeKind::Records && !t.key.empty()) return fmt::format("records({})", t.key);
  return to_string(t.kind);
}

namespace {

const Step* step_of(Resolver& r, const InstanceRec& i) {
  Refusal why;
  auto p = r.by_hash(i.hash, why);
  return p ? p->cp->step(i.st.step) : nullptr;
}

std::string timer_target(Resolver& r, const InstanceRec& i, const TimerState& t) {
  Refusal why;
  auto p = r.by_hash(i.hash, why);
  const Step* s = p ? p->cp->step(t.step) : nullptr;
  if (!s || t.transition >= s->transitions.size()) return "?";
  const Transition& tr = s->transitions[t.transition];
  return tr.trigger == TriggerKind::Remind ? "(reminder to " + tr.role + ")" : tr.target;
}

void describe_instances(const TenantWorld& before, const TenantWorld& after, Resolver& r,
                        EventPreview& out) {
  for (size_t i = 0; i < after.instances.size(); ++i) {
    const InstanceRec& now = after.instances[i];
    const InstanceRec* was = i < before.instances.size() ? &before.instances[i] : nullptr;
    if (now.st.status != InstanceStatus::Active) {
      if (!was || was->st.status == InstanceStatus::Active)
        out.ended.push_back(PreviewEnd{now.st.playbook, now.st.status, now.st.outcome});
      continue;
    }
    for (const auto& t : now.st.timers)
      if (!was ||
          std::find(was->st.timers.begin(), was->st.timers.end(), t) == was->st.timers.end())
        out.timers.push_back(PreviewTimer{now.st.playbook, t.step, timer_target(r, now, t), t.due});
    if (was && was->st.step == now.st.step && was->st.visits == now.st.visits) continue;
    Refusal why;
    auto p = r.by_hash(now.hash, why);
    if (!step_of(r, now) || !p) continue;
    std::vector<const Step*> was_steps;
    if (was) was_steps = live_steps(p->cp->pb, was->st);
    auto listed = [&](int64_t id) {
      return std::any_of(was_steps.begin(), was_steps.end(), [&](const Step* w) {
        return std::find(w->tasks.begin(), w->tasks.end(), id) != w->tasks.end();
      });
    };
    for (const Step* s : live_steps(p->cp->pb, now.st))
      for (int64_t id : s->tasks) {
        auto st = after.tenant.tasks.find(id);
        if (st != after.tenant.tasks.end() && st->second.complete()) continue;
        auto b = before.tenant.tasks.find(id);
        bool was_open = b == before.tenant.tasks.end() || !b->second.complete();
        if (was_open && listed(id)) continue;  // open in a step it leaves already
        const Task* task = p->cp->pb.task(id);
        out.opened.emplace_back(id, task ? task->name : "");
      }
  }
}

void describe_tenant(const TenantState& before, const TenantState& after, EventPreview& out) {
  for (const auto& [id, st] : after.tasks) {
    auto b = before.tasks.find(id);
    bool was = b != before.tasks.end() && b->second.complete();
    if (st.complete() && !was) out.completed.push_back(id);
    if (!st.complete() && was) out.reset.push_back(id);
  }
  for (const auto& [id, st] : before.tasks)
    if (st.complete() && !after.tasks.count(id)) out.reset.push_back(id);
  for (const auto& [k, v] : after.attrs)
    if (auto b = before.attrs.find(k); b == before.attrs.end() || !(b->second == v))
      out.attrs.emplace_back(k, v);
  for (const auto& [k, v] : before.attrs)
    if (!after.attrs.count(k)) out.attrs.emplace_back(k, Value{});
  for (const auto& a : after.assignments)
    if (std::find(before.assignments.begin(), before.assignments.end(), a) ==
        before.assignments.end())
      out.assignments.emplace_back(a, true);
  for (const auto& a : before.assignments)
    if (std::find(after.assignments.begin(), after.assignments.end(), a) == after.assignments.end())
      out.assignments.emplace_back(a, false);
}

using Steps = std::vector<const Step*>;

// The events of the live steps' transitions (each step's own, then
// `anywhere`'s), each once, in order.
std::vector<std::string> step_events(const Playbook& pb, const Steps& steps) {
  std::vector<std::string> out;
  for (const Step* s : steps)
    for (const Transition* t : transitions_of(pb, *s))
      if (t->trigger == TriggerKind::Event &&
          std::find(out.begin(), out.end(), t->event) == out.end())
        out.push_back(t->event);
  return out;
}

// The tasks of the live steps' `on task` transitions, each once, in order.
std::vector<int64_t> step_tasks(const Playbook& pb, const Steps& steps) {
  std::vector<int64_t> out;
  for (const Step* s : steps)
    for (const Transition* t : transitions_of(pb, *s))
      if (t->trigger == TriggerKind::Task &&
          std::find(out.begin(), out.end(), t->task) == out.end())
        out.push_back(t->task);
  return out;
}

bool triggers(const Transition& t, const EventPreview& p) {
  return p.task ? t.trigger == TriggerKind::Task && t.task == p.task
                : t.trigger == TriggerKind::Event && t.event == p.event;
}

void static_facts(const CompiledPlaybook& cp, const Steps& steps, EventPreview& p) {
  if (p.task) {
    if (const Task* t = cp.pb.task(p.task)) p.title = t->name;
  } else if (auto ev = cp.event_by_id.find(p.event); ev != cp.event_by_id.end()) {
    p.title = ev->second->title;
    for (const auto& f : ev->second->payload) p.needs.emplace_back(f.name, type_text(f.type));
  }
  for (const Step* s : steps)
    for (const Transition* t : transitions_of(cp.pb, *s)) {
      std::string to = t->target.empty() ? s->id + " (stays)" : t->target;
      if (triggers(*t, p) && std::find(p.targets.begin(), p.targets.end(), to) == p.targets.end())
        p.targets.push_back(to);
    }
}

}  // namespace

void describe_effects(const TenantWorld& before, const TenantWorld& after, const Applied& a,
                      Resolver& r, EventPreview& out) {
  out.entered = a.entered;
  out.notes = a.notes;
  out.sent = a.sent;
  describe_instances(before, after, r, out);
  describe_tenant(before.tenant, after.tenant, out);
}

// `p` names the event or task; the rest is filled in.
static void preview_one(const TenantWorld& w, const InstanceRec& rec, const CompiledPlaybook& cp,
                        const Steps& steps, EventPreview& p, Instant now, const std::string& actor,
                        Resolver& r) {
  static_facts(cp, steps, p);
  LogInput li;
  li.op = p.task ? InputOp::Complete : InputOp::Fire;
  li.playbook = rec.st.playbook;
  li.at = now;
  li.input.kind = p.task ? InputKind::Complete : InputKind::Fire;
  li.input.event = p.event;
  li.input.task = p.task;
  li.input.actor = actor;
  TenantWorld next = w;
  Applied a = apply_input(next, li, r);
  p.ok = a.ok;
  if (a.ok)
    describe_effects(w, next, a, r, p);
  else
    p.refusal = a.refusal;
}

std::vector<EventPreview> Engine::preview(const TenantWorld& w, size_t instance, Instant now,
                                          const std::string& actor) {
  std::vector<EventPreview> out;
  if (instance >= w.instances.size()) return out;
  const InstanceRec& rec = w.instances[instance];
  LiveResolver r(*impl_);
  Refusal why;
  try {
    auto pinned = r.by_hash(rec.hash, why);
    const Step* s = pinned ? pinned->cp->step(rec.st.step) : nullptr;
    if (!s || rec.st.status != InstanceStatus::Active) return out;
    Steps steps = live_steps(pinned->cp->pb, rec.st);
    for (const auto& ev : step_events(pinned->cp->pb, steps)) {
      out.emplace_back().event = ev;
      preview_one(w, rec, *pinned->cp, steps, out.back(), now, actor, r);
    }
    for (int64_t task : step_tasks(pinned->cp->pb, steps)) {
      out.emplace_back().task = task;
      preview_one(w, rec, *pinned->cp, steps, out.back(), now, actor, r);
    }
  } catch (const StoreError&) {}
  return out;
}

}  // namespace pb::rt

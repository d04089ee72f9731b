// evaluator_timers.cpp — the timers of the pure evaluator (evaluator.hpp):
// arming a step's `after`, `at` and `remind` timers on entry, re-arming `at`
// timers when dates change, and a tick that fires one timer.
//
// Contract (docs/language.md, "Timers"):
//  * `after N UNIT` is due N UNIT after the step's entry; with `since
//    entering STEP`, N UNIT after the run's latest arrival in STEP from
//    another step (InstanceState::arrived), so re-entering a step does not
//    move it. An anchor the run never reached arms nothing.
//  * `at PATH ± N days` is due at 00:00 UTC of the date; unset arms nothing.
//  * `remind` is timed like `after`; when it fires it adds a Reminder to the
//    outcome and moves nothing. `remind … every N UNIT` is armed again, N
//    UNIT after the instant it was due (not after the tick), so a late tick
//    does not shift the ones after it. A reminder's `when` is read at the
//    tick: false skips that reminder (a repeated one stays armed).
#include <fmt/format.h>

#include <algorithm>

#include "model/calendar_math.hpp"
#include "evaluator_ctx.hpp"

namespace pb::detail {

namespace {

// The due instant of an `at PATH ± N days` timer; false when the date is unset.
bool at_due(Ctx& c, const Transition& t, Instant& due) {
  EV v = read_path(c, c.path(t.at_path, false));
  if (v.kind != Value::Kind::Date) return false;
  due = start_of(Days{std::chrono::days{v.i + t.amount}});
  return true;
}

// The duration of an `after`/`remind` timer. A wait by a value takes the
// case of the attribute's value now (else the `else` case); false when
// neither.
bool duration_of(Ctx& c, const Transition& t, int64_t& amount, DurationUnit& unit) {
  amount = t.amount, unit = t.unit;
  if (t.wait_by.empty()) return true;
  EV v = read_path(c, c.path(t.wait_by, false));
  const WaitCase* pick = nullptr;
  for (const auto& w : t.wait_cases)
    if (w.key.empty() ? !pick : (v.kind == Value::Kind::String && w.key == v.s)) pick = &w;
  if (!pick) return false;
  amount = pick->amount, unit = pick->unit;
  return true;
}

// The due instant of an `after`/`remind` timer; false when its anchor step
// was never reached by this run, or a wait by a value has no case for it.
bool after_due(Ctx& c, const Transition& t, Instant& due) {
  Instant from = c.now;
  if (!t.since.empty()) {
    const auto& arrived = c.out.instance.arrived;
    auto it = arrived.find(t.since);
    if (it == arrived.end()) return false;
    from = it->second;
  }
  int64_t amount = 0;
  DurationUnit unit{};
  if (!duration_of(c, t, amount, unit)) return false;
  due = add_duration(from, amount, unit, c.cal);
  return true;
}

bool is_at(const Step& s, uint32_t i) {
  return i < s.transitions.size() && s.transitions[i].trigger == TriggerKind::At;
}

// By step, then transition (the store reads them back in this order).
void sort_timers(std::vector<TimerState>& timers) {
  std::sort(timers.begin(), timers.end(), [](const TimerState& a, const TimerState& b) {
    return a.step != b.step ? a.step < b.step : a.transition < b.transition;
  });
}

// The `at` timers of current step `s` again, from today's dates.
void rearm_at_of(Ctx& c, const Step& s) {
  auto& timers = c.out.instance.timers;
  std::erase_if(timers,
                [&](const TimerState& t) { return t.step == s.id && is_at(s, t.transition); });
  for (uint32_t i = 0; i < s.transitions.size(); ++i) {
    Instant due;
    if (is_at(s, i) && at_due(c, s.transitions[i], due)) timers.push_back(TimerState{s.id, i, due});
  }
}

// A reminder came due: tell its role (when its guard holds), move nothing,
// and arm it again when it repeats.
bool remind(Ctx& c, const Step& s, const TimerState& tm, const Transition& t) {
  if (t.every) {  // counted from the due instant, so late ticks do not drift
    auto& timers = c.out.instance.timers;
    timers.push_back(
        TimerState{s.id, tm.transition, add_duration(tm.due, t.amount, t.unit, c.cal)});
    sort_timers(timers);
  }
  if (!holds(c, t.guard)) return !c.failed();
  c.out.reminders.push_back(Reminder{s.id, t.role, t.text});
  c.out.taken.push_back(&t);  // for coverage; nothing moves
  return true;
}

}  // namespace

void arm_timers(Ctx& c, const Step& s) {
  auto& timers = c.out.instance.timers;
  if (!c.out.instance.regions.empty())  // else entering cleared them all
    std::erase_if(timers, [&](const TimerState& t) { return t.step == s.id; });
  for (uint32_t i = 0; i < s.transitions.size(); ++i) {
    const Transition& t = s.transitions[i];
    Instant due;
    bool armed = t.trigger == TriggerKind::At ? at_due(c, t, due)
                 : t.timed()                  ? after_due(c, t, due)
                                              : false;
    if (armed) timers.push_back(TimerState{s.id, i, due});
  }
  if (!c.out.instance.regions.empty()) sort_timers(timers);  // else in order already
}

void rearm_at(Ctx& c) {
  const auto& inst = c.out.instance;
  const Step* s = c.cp.step(inst.step);
  if (!s || inst.status != InstanceStatus::Active) return;
  rearm_at_of(c, *s);
  for (const auto& r : inst.regions)
    if (const Step* leaf = c.cp.step(r.step)) rearm_at_of(c, *leaf);
  sort_timers(c.out.instance.timers);
}

void forget_fired_at(Ctx& c, const TimerState& fired) {
  const Step* s = c.cp.step(fired.step);
  if (s && is_at(*s, fired.transition)) std::erase(c.out.instance.timers, fired);
}

bool tick(Ctx& c) {
  if (!active(c)) return false;
  const TimerState& tm = c.in.timer;
  const Step* s = timer_owner(c, tm.step);
  if (!s || tm.transition >= s->transitions.size() || !s->transitions[tm.transition].timed())
    return c.refuse(RefusalCode::TimerStale, "the timer no longer belongs to a current step");
  auto& timers = c.out.instance.timers;
  auto same = [&](const TimerState& t) {
    return t.transition == tm.transition && t.step == tm.step;
  };
  if (std::none_of(timers.begin(), timers.end(), same))
    return c.refuse(RefusalCode::TimerStale,
                    "the timer is no longer armed (it fired or was cancelled)");
  std::erase_if(timers, same);
  const Transition& t = s->transitions[tm.transition];
  if (t.trigger == TriggerKind::Remind) return remind(c, *s, tm, t);
  if (!holds(c, t.guard)) return true;
  return take(c, *s, t);
}

}  // namespace pb::detail

namespace pb {

std::vector<TimerState> arm_current_timers(const CompiledPlaybook& cp, const TenantState& tenant,
                                           const InstanceState& inst, const Calendar& cal) {
  Input none;
  detail::Ctx c(cp, tenant, none, inst.entered_at, cal);
  c.out.instance = inst;
  c.out.instance.timers.clear();
  if (const Step* s = cp.step(inst.step)) detail::arm_timers(c, *s);
  for (const auto& r : inst.regions)
    if (const Step* leaf = cp.step(r.step)) {
      c.now = r.entered_at;
      detail::arm_timers(c, *leaf);
    }
  return std::move(c.out.instance.timers);
}

}  // namespace pb

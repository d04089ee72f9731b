// clock_run.hpp — moving one tenant's clock forward through its timers, as
// `tick` would have fired them: shared by the scenario runner (`advance`,
// `until` steps) and `playbook whatif`.
//
// Contract:
//  * fire_due_until fires, one tick at a time, the earliest timer of the
//    tenant's active instances while it is due at or before `target`; each
//    tick runs at that timer's due instant (never moving `now` back), so a
//    timer armed by a transition is fired later in the same run when it
//    falls due before `target`. Then `now` becomes max(now, target).
//  * A timer a tick could not fire stays (stuck): the clock then moves on to
//    the next timer due later, whose tick retries the stuck one. A tick that
//    fired a timer which armed another one already due is followed by a
//    tick at the same instant.
//  * It stops early, without an error, when `stop` (if given, checked before
//    each tick) says so, or when a tick stopped on the store (busy).
//  * At most `max_ticks` ticks: when timers are still due up to `target`
//    after that many, it returns an error ("a loop of timers?") and leaves
//    `now` at the last tick; the caller reports it.
//  * `on_tick` (if given) is called with the instant just before each tick.
//  * Only `tenant`'s timers decide when to tick, but Engine::tick fires the
//    due timers of every tenant in the store: both callers run one tenant on
//    a private in-memory store.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runtime/engine.hpp"

namespace pb::rt {

// The earliest due instant among the timers of the tenant's active
// instances; nullopt when there is none (or the tenant cannot be read).
std::optional<Instant> earliest_timer(Engine& engine, const std::string& tenant);

struct ClockHooks {
  std::function<bool()> stop;            // true: stop before the next tick
  std::function<void(Instant)> on_tick;  // called just before each tick
};

struct ClockRun {
  std::vector<Instant> ticks;  // the instant of every tick that handled a timer, in order
  std::string error;           // set when max_ticks was reached with timers still due
  bool ok() const { return error.empty(); }
};

ClockRun fire_due_until(Engine& engine, const std::string& tenant, Instant& now, Instant target,
                        int max_ticks, const ClockHooks& hooks = {});

}  // namespace pb::rt

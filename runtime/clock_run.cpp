// clock_run.cpp — see clock_run.hpp.
#include "runtime/clock_run.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/calendar_math.hpp"

namespace pb::rt {

// The due instants of the timers of the tenant's active instances, sorted.
static std::vector<Instant> timer_dues(Engine& engine, const std::string& tenant) {
  TenantWorld w;
  std::vector<Instant> out;
  if (engine.load(tenant, w).exit != kOk) return out;
  for (const auto* i : w.all_active())
    for (const auto& t : i->st.timers) out.push_back(t.due);
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<Instant> earliest_timer(Engine& engine, const std::string& tenant) {
  auto dues = timer_dues(engine, tenant);
  return dues.empty() ? std::nullopt : std::optional<Instant>(dues.front());
}

// When the next tick runs: now, while more timers are due by now than the
// last tick at now left stuck (a tick fired something that armed a timer
// already due); else the earliest timer due after now.
static std::optional<Instant> next_tick(Engine& engine, const std::string& tenant, Instant now,
                                        int stuck) {
  auto dues = timer_dues(engine, tenant);
  auto later = std::upper_bound(dues.begin(), dues.end(), now);
  if (later - dues.begin() > stuck) return dues.front();
  if (later == dues.end()) return std::nullopt;
  return *later;
}

ClockRun fire_due_until(Engine& engine, const std::string& tenant, Instant& now, Instant target,
                        int max_ticks, const ClockHooks& hooks) {
  ClockRun run;
  int stuck = 0;  // timers the last tick, at `now`, could not fire: they stay due
  for (;;) {
    if (hooks.stop && hooks.stop()) break;
    auto next = next_tick(engine, tenant, now, stuck);
    if (!next || *next > target) break;
    if (static_cast<int>(run.ticks.size()) >= max_ticks) {
      run.error = fmt::format(
          "the clock stopped at {} after {} timer ticks with timers still due before {} "
          "(a loop of timers?)",
          format_iso_instant(now), max_ticks, format_iso_instant(target));
      return run;
    }
    now = std::max(now, *next);
    if (hooks.on_tick) hooks.on_tick(now);
    TickReport rep = engine.tick(now);
    if (rep.failure.exit != kOk) break;
    stuck = rep.stuck;
    run.ticks.push_back(now);
  }
  now = std::max(now, target);
  return run;
}

}  // namespace pb::rt

// clock_run.cpp — see clock_run.hpp.
#include "runtime/clock_run.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "interpreter/calendar_math.hpp"

namespace pb::rt {

std::optional<Instant> earliest_timer(Engine& engine, const std::string& tenant) {
  TenantWorld w;
  std::string err;
  if (!engine.read(tenant, w, err)) return std::nullopt;
  std::optional<Instant> next;
  for (const auto* i : w.all_active())
    for (const auto& t : i->st.timers)
      if (!next || t.due < *next) next = t.due;
  return next;
}

ClockRun fire_due_until(Engine& engine, const std::string& tenant, Instant& now, Instant target,
                        int max_ticks, const ClockHooks& hooks) {
  ClockRun run;
  for (;;) {
    if (hooks.stop && hooks.stop()) break;
    auto next = earliest_timer(engine, tenant);
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
    if (rep.fired + rep.dropped + rep.refused == 0) break;
    run.ticks.push_back(now);
  }
  now = std::max(now, target);
  return run;
}

}  // namespace pb::rt

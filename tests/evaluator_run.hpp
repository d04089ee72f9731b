// evaluator_run.hpp — a test fixture that runs one DSL playbook through the
// pure evaluator (no store): parse, compile, then start/fire/complete/tick
// inputs applied to one tenant and one instance, as the engine would.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "grammar/frontend.hpp"
#include "interpreter/evaluator.hpp"
#include "model/calendar_math.hpp"

namespace pbtest {

inline std::shared_ptr<const pb::CompiledPlaybook> compile_dsl(const char* text, const char* file) {
  pb::Diagnostics d;
  auto pb = pb::parse_dsl(text, file, d);
  for (const auto& x : d.items()) UNSCOPED_INFO(x.loc.str() << " " << x.message);
  REQUIRE(pb);
  REQUIRE_FALSE(d.has_errors());
  return pb::compile_playbook(*pb, nullptr);
}

inline pb::Instant at(const char* s) {
  pb::Instant t;
  REQUIRE(pb::parse_iso_instant(s, t));
  return t;
}

// One tenant running one playbook: each accepted input is applied to the
// tenant and the instance (a refused one changes nothing).
struct EvalRun {
  std::shared_ptr<const pb::CompiledPlaybook> cp;
  pb::TenantState t;
  pb::InstanceState i;

  EvalRun(const char* text, const char* file) : cp(compile_dsl(text, file)) {}

  pb::Result go(pb::Input in, const char* now) {
    pb::Result r = pb::evaluate(*cp, t, i, in, at(now), pb::default_calendar());
    if (r.ok()) {
      pb::apply_outcome(t, *r.outcome, in.actor, at(now));
      i = r.outcome->instance;
    }
    return r;
  }
  pb::Result start(const char* now) {
    i.playbook = cp->pb.id;
    pb::Input in;
    in.kind = pb::InputKind::Start;
    return go(in, now);
  }
  pb::Result fire(const std::string& ev, const char* now,
                  std::vector<std::pair<std::string, std::string>> sets = {}) {
    pb::Input in;
    in.kind = pb::InputKind::Fire;
    in.event = ev;
    in.sets = std::move(sets);
    return go(in, now);
  }
  pb::Result complete(int64_t task, const char* now) {
    pb::Input in;
    in.kind = pb::InputKind::Complete;
    in.task = task;
    return go(in, now);
  }
  // Fires the armed timer of transition `index` of step `step`.
  pb::Result tick(const std::string& step, uint32_t index, const char* now) {
    pb::Input in;
    in.kind = pb::InputKind::Tick;
    in.timer = pb::TimerState{step, index, {}};
    for (const auto& tm : i.timers)
      if (tm.step == step && tm.transition == index) in.timer = tm;
    return go(in, now);
  }
  std::string due_of(const std::string& step, uint32_t index) const {
    for (const auto& tm : i.timers)
      if (tm.step == step && tm.transition == index) return pb::format_iso_instant(tm.due);
    return "not armed";
  }
  // Where region `id` is ("" when the run has no such region).
  std::string region(const std::string& id) const {
    for (const auto& r : i.regions)
      if (r.id == id) return r.step;
    return "";
  }
};

}  // namespace pbtest

// test_clock_run.cpp — rt::fire_due_until and rt::earliest_timer
// (runtime/clock_run.hpp): timers fire in due order, each at its own
// instant, timers armed on the way fire in the same run, the stop and
// on_tick hooks, and the tick bound reported as an error, never a silent
// stop — by the function, by a scenario step and by whatif.
#include "runtime_fixture.hpp"
#include "runtime/clock_run.hpp"
#include "runtime/scenario.hpp"
#include "source/scenario_loader.hpp"
#include "runtime/whatif.hpp"

using namespace pbt;
using namespace pb::rt;

namespace {

// a -1h-> b -2h-> c -1 day-> done: three timers, each armed by the one before.
const char* kChainYaml = R"(playbook: chain
start: a
steps:
  - id: a
    transitions:
      - {after: 1 hour, to: b}
  - id: b
    transitions:
      - {after: 2 hours, to: c}
  - id: c
    transitions:
      - {after: 1 day, to: done}
  - id: done
    end: chained
)";

// a -1h-> b -1h-> a …: a timer loop that never ends.
const char* kLoopYaml = R"(playbook: loop
start: a
steps:
  - id: a
    transitions:
      - {after: 1 hour, to: b}
  - id: b
    transitions:
      - {after: 1 hour, to: a}
)";

// s -1h-> bad, which sends an e-mail to a tenant without contacts: the
// timer is refused [no-contact], stuck. (The playbook lints clean: a
// playbook with lint errors is never started.)
const char* kStuckYaml = R"(playbook: stuck
start: s
steps:
  - id: s
    transitions:
      - {after: 1 hour, to: bad}
  - id: bad
    enter:
      - send: {template: Hello}
    end: done
)";

struct Clock {
  Dir dir;
  Store store{":memory:"};
  std::unique_ptr<Engine> engine;
  pb::Instant now = at("2026-03-06T09:00:00Z");

  explicit Clock(const std::string& playbook) {
    dir.add("chain.playbook.yaml", kChainYaml);
    dir.add("loop.playbook.yaml", kLoopYaml);
    dir.add("stuck.playbook.yaml", kStuckYaml);
    engine = std::make_unique<Engine>(store, dir.cat());
    REQUIRE(engine->tenant_add("t", {}, "fm1", now).exit == 0);
    REQUIRE(engine->submit("t", start(playbook, "2026-03-06T09:00:00Z")).exit == 0);
  }
  std::string step() {
    TenantWorld w;
    REQUIRE(engine->load("t", w).exit == 0);
    const auto& i = w.instances.back().st;
    return i.status == pb::InstanceStatus::Active ? i.step : "ended " + i.outcome;
  }
};

std::vector<std::string> iso(const std::vector<pb::Instant>& ts) {
  std::vector<std::string> out;
  for (auto t : ts) out.push_back(pb::format_iso_instant(t));
  return out;
}

}  // namespace

TEST_CASE("fire_due_until fires the timers due, in order, each at its own instant", "[clock]") {
  Clock c("chain");
  CHECK(pb::format_iso_instant(*earliest_timer(*c.engine, "t")) == "2026-03-06T10:00:00Z");
  ClockRun run = fire_due_until(*c.engine, "t", c.now, at("2026-03-06T14:00:00Z"), 100);
  CHECK(run.ok());
  // b's timer was armed at 10:00 by a's and fired in the same run, at 12:00.
  CHECK(iso(run.ticks) == std::vector<std::string>{"2026-03-06T10:00:00Z", "2026-03-06T12:00:00Z"});
  CHECK(pb::format_iso_instant(c.now) == "2026-03-06T14:00:00Z");  // the target
  CHECK(c.step() == "c");
  CHECK(pb::format_iso_instant(*earliest_timer(*c.engine, "t")) == "2026-03-07T12:00:00Z");

  // nothing due before the target: no tick, the clock still moves
  run = fire_due_until(*c.engine, "t", c.now, at("2026-03-07T11:00:00Z"), 100);
  CHECK(run.ok());
  CHECK(run.ticks.empty());
  CHECK(pb::format_iso_instant(c.now) == "2026-03-07T11:00:00Z");

  run = fire_due_until(*c.engine, "t", c.now, at("2026-03-09T00:00:00Z"), 100);
  CHECK(iso(run.ticks) == std::vector<std::string>{"2026-03-07T12:00:00Z"});
  CHECK(c.step() == "ended chained");
  CHECK_FALSE(earliest_timer(*c.engine, "t"));
  CHECK_FALSE(earliest_timer(*c.engine, "nobody"));
}

TEST_CASE("fire_due_until never moves the clock back", "[clock]") {
  Clock c("chain");
  c.now = at("2026-03-06T11:30:00Z");  // a's timer (10:00) is overdue
  ClockRun run = fire_due_until(*c.engine, "t", c.now, at("2026-03-06T11:45:00Z"), 100);
  CHECK(iso(run.ticks) == std::vector<std::string>{"2026-03-06T11:30:00Z"});
  CHECK(c.step() == "b");
}

TEST_CASE("fire_due_until moves on past a stuck timer, which every later tick retries", "[clock]") {
  Clock c("chain");
  REQUIRE(c.engine->submit("t", start("stuck", "2026-03-06T09:00:00Z")).exit == 0);
  ClockRun run = fire_due_until(*c.engine, "t", c.now, at("2026-03-06T14:00:00Z"), 100);
  CHECK(run.ok());
  CHECK(iso(run.ticks) == std::vector<std::string>{"2026-03-06T10:00:00Z", "2026-03-06T12:00:00Z"});
  TenantWorld w;
  REQUIRE(c.engine->load("t", w).exit == 0);
  CHECK(w.instances[0].st.step == "c");
  REQUIRE(w.instances[1].st.timers.size() == 1);  // still there, still due
  CHECK(w.instances[1].st.step == "s");
  CHECK(count_rows(c.store, "SELECT count(*) FROM timers WHERE stuck_since IS NOT NULL") == 1);
}

TEST_CASE("fire_due_until reports the tick bound instead of stopping silently", "[clock]") {
  Clock c("loop");
  ClockRun run = fire_due_until(*c.engine, "t", c.now, at("2026-03-07T09:00:00Z"), 5);
  CHECK_FALSE(run.ok());
  CHECK(run.ticks.size() == 5);
  CHECK(
      run.error ==
      "the clock stopped at 2026-03-06T14:00:00Z after 5 timer ticks with timers still due before "
      "2026-03-07T09:00:00Z (a loop of timers?)");
  CHECK(pb::format_iso_instant(c.now) == "2026-03-06T14:00:00Z");  // the last tick, not the target
  CHECK(c.step() == "b");

  // exactly as many ticks as the bound, nothing more due: no error
  Clock d("loop");
  run = fire_due_until(*d.engine, "t", d.now, at("2026-03-06T14:30:00Z"), 5);
  CHECK(run.ok());
  CHECK(run.ticks.size() == 5);
  CHECK(pb::format_iso_instant(d.now) == "2026-03-06T14:30:00Z");
}

TEST_CASE("fire_due_until: on_tick sees each instant, stop ends the run without an error",
          "[clock]") {
  Clock c("loop");
  std::vector<pb::Instant> seen;
  ClockHooks hooks{[&] { return seen.size() == 2; }, [&](pb::Instant t) { seen.push_back(t); }};
  ClockRun run = fire_due_until(*c.engine, "t", c.now, at("2026-03-07T09:00:00Z"), 5, hooks);
  CHECK(run.ok());
  CHECK(iso(seen) == std::vector<std::string>{"2026-03-06T10:00:00Z", "2026-03-06T11:00:00Z"});
  CHECK(run.ticks == seen);
  CHECK(c.step() == "a");
}

TEST_CASE("a scenario clock step past the bound fails at that step, naming it",
          "[clock][scenario]") {
  Dir dir;
  dir.add("loop.playbook.yaml", kLoopYaml);
  pb::Diagnostics d;
  auto s = pb::scen::load_scenario(
      "playbook: loop\nstart: 2026-03-06T09:00:00Z\ntenant: {}\n"
      "steps:\n  - until: 2026-12-01\n    expect: {step: a}\n",
      "loop.scenario.yaml", "", d);
  std::string diags;
  for (const auto& x : d.items())
    diags += x.loc.str() + " " + std::string(to_string(x.code)) + " " + x.message + "\n";
  INFO(diags);
  REQUIRE(s);
  auto r = pb::scen::run_scenario(*s, dir.cat());
  CHECK_FALSE(r.passed);
  REQUIRE(r.failures.size() == 1);
  CHECK(r.failures[0].step == 1);
  CHECK(r.failures[0].expectation == "the timers due settle");
  CHECK(
      r.failures[0].found ==
      "the clock stopped at 2026-04-17T01:00:00Z after 1000 timer ticks with timers still due before "
      "2026-12-01T00:00:00Z (a loop of timers?)");
}

TEST_CASE("whatif stops with an error at its bound of 10,000 timer ticks", "[clock][whatif]") {
  Dir dir;
  dir.add("loop.playbook.yaml", kLoopYaml);
  pb::rt::whatif::Request req;
  req.playbook = "loop";
  req.start = at("2026-03-06T09:00:00Z");
  req.until = at("2027-03-06T09:00:00Z");  // 8760 hourly timers: within the bound
  auto ok = pb::rt::whatif::run(req, dir.cat());
  CHECK(ok.error.empty());
  CHECK(ok.entries.size() == 1 + 8760);
  req.until = at("2028-01-01T00:00:00Z");
  auto tl = pb::rt::whatif::run(req, dir.cat());
  CHECK(
      tl.error ==
      "the clock stopped at 2027-04-27T01:00:00Z after 10000 timer ticks with timers still due before "
      "2028-01-01T00:00:00Z (a loop of timers?)");
}

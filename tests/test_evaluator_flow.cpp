// test_evaluator_flow.cpp — the evaluator on the control flow of
// docs/language.md: playbook-wide transitions (`anywhere`), transitions that
// stay in their step, timers anchored `since entering STEP`, and reminders.
#include <catch2/catch.hpp>

#include "grammar/frontend.hpp"
#include "interpreter/evaluator.hpp"
#include "model/calendar_math.hpp"

using namespace pb;

namespace {

const char* kFlow = R"(playbook flow {
  role fm "FastTrack Manager"
  event go "Go"
  event again "Try again"
  event paused "Paused"
  event scored "Scored" {
    attr priority int
  }
  tenant {
    attr priority int "Priority"
  }
  start first

  anywhere except quiet {
    on scored { set tenant.priority = event.priority }
    on paused -> held
    on go -> quiet
  }

  step first "First" role fm {
    on go when tenant.priority > 5 -> urgent
    on again -> first
    after 1 week since entering first -> held
    remind fm after 2 business days "Call the customer"
  }

  step quiet "Quiet" role fm {
    on again -> first
    after 3 days -> held
  }

  step urgent "Urgent" role fm {
    on again -> first
    after 1 day -> held
  }

  step held "Held" {
    end "held"
  }
}
)";

std::shared_ptr<const CompiledPlaybook> compiled() {
  Diagnostics d;
  auto pb = parse_dsl(kFlow, "flow.playbook", d);
  for (const auto& x : d.items()) UNSCOPED_INFO(x.loc.str() << " " << x.message);
  REQUIRE(pb);
  REQUIRE_FALSE(d.has_errors());
  return compile_playbook(*pb, nullptr);
}

Instant T(const char* s) {
  Instant t;
  REQUIRE(parse_iso_instant(s, t));
  return t;
}

struct Run {
  std::shared_ptr<const CompiledPlaybook> cp = compiled();
  TenantState t;
  InstanceState i;
  Result go(Input in, const char* now) {
    Result r = evaluate(*cp, t, i, in, T(now), default_calendar());
    if (r.ok()) {
      apply_outcome(t, *r.outcome, in.actor, T(now));
      i = r.outcome->instance;
    }
    return r;
  }
  Result start(const char* now) {
    i.playbook = "flow";
    Input in;
    in.kind = InputKind::Start;
    return go(in, now);
  }
  Result fire(const std::string& ev, const char* now,
              std::vector<std::pair<std::string, std::string>> sets = {}) {
    Input in;
    in.kind = InputKind::Fire;
    in.event = ev;
    in.sets = std::move(sets);
    return go(in, now);
  }
  // Fires the armed timer of transition `index` of the current step.
  Result tick(uint32_t index, const char* now) {
    Input in;
    in.kind = InputKind::Tick;
    for (const auto& tm : i.timers)
      if (tm.transition == index) in.timer = tm;
    return go(in, now);
  }
  std::string due_of(uint32_t index) const {
    for (const auto& tm : i.timers)
      if (tm.transition == index) return format_iso_instant(tm.due);
    return "not armed";
  }
};

}  // namespace

TEST_CASE("a step's own transition goes before the playbook-wide one", "[flow]") {
  Run r;
  REQUIRE(r.start("2026-03-02T09:00:00Z").ok());
  REQUIRE(r.fire("scored", "2026-03-02T10:00:00Z", {{"priority", "7"}}).ok());
  auto res = r.fire("go", "2026-03-02T11:00:00Z");
  REQUIRE(res.ok());
  CHECK(r.i.step == "urgent");  // first's `on go when priority > 5`
}

TEST_CASE("when the step's own transition does not hold the playbook-wide one is taken", "[flow]") {
  Run r;
  REQUIRE(r.start("2026-03-02T09:00:00Z").ok());
  REQUIRE(r.fire("go", "2026-03-02T11:00:00Z").ok());
  CHECK(r.i.step == "quiet");
}

TEST_CASE("an excluded step does not take the playbook-wide transitions", "[flow]") {
  Run r;
  REQUIRE(r.start("2026-03-02T09:00:00Z").ok());
  REQUIRE(r.fire("go", "2026-03-02T10:00:00Z").ok());
  REQUIRE(r.i.step == "quiet");
  auto res = r.fire("paused", "2026-03-02T11:00:00Z");
  REQUIRE_FALSE(res.ok());
  CHECK(res.refusal.code == RefusalCode::EventNotPossible);
  CHECK(res.refusal.reason == "event 'paused' is not possible in step 'quiet'; possible: again");
}

TEST_CASE("a transition without a target stays: no entry, same visits, same timers", "[flow]") {
  Run r;
  REQUIRE(r.start("2026-03-02T09:00:00Z").ok());
  auto timers = r.i.timers;
  auto visits = r.i.visits;
  auto entered = r.i.entered_at;
  auto res = r.fire("scored", "2026-03-03T10:00:00Z", {{"priority", "3"}});
  REQUIRE(res.ok());
  CHECK(res.outcome->entered.empty());
  CHECK(res.outcome->taken.size() == 1);
  CHECK_FALSE(res.outcome->timers_changed);
  CHECK(r.i.step == "first");
  CHECK(r.i.timers == timers);
  CHECK(r.i.visits == visits);
  CHECK(r.i.entered_at == entered);
  CHECK(r.t.attrs.at("priority").i == 3);
}

TEST_CASE("a timer since entering a step keeps its due date when the step is entered again",
          "[flow]") {
  Run r;
  REQUIRE(r.start("2026-03-02T09:00:00Z").ok());  // Monday
  CHECK(r.due_of(2) == "2026-03-09T09:00:00Z");
  REQUIRE(r.fire("again", "2026-03-05T15:00:00Z").ok());  // first -> first
  CHECK(r.i.visits.at("first") == 2);
  CHECK(r.due_of(2) == "2026-03-09T09:00:00Z");  // not 2026-03-12
  // The reminder counts from the entry: it is re-armed by the new visit.
  CHECK(r.due_of(3) == "2026-03-09T15:00:00Z");
}

TEST_CASE("leaving the anchor step and arriving again starts a new count", "[flow]") {
  Run r;
  REQUIRE(r.start("2026-03-02T09:00:00Z").ok());
  REQUIRE(r.fire("go", "2026-03-03T09:00:00Z").ok());     // -> quiet
  REQUIRE(r.fire("again", "2026-03-04T12:00:00Z").ok());  // quiet -> first: an arrival
  CHECK(r.due_of(2) == "2026-03-11T12:00:00Z");
  CHECK(format_iso_instant(r.i.arrived.at("first")) == "2026-03-04T12:00:00Z");
  CHECK(format_iso_instant(r.i.arrived.at("quiet")) == "2026-03-03T09:00:00Z");
}

TEST_CASE("a reminder fires without moving the run", "[flow]") {
  Run r;
  REQUIRE(r.start("2026-03-06T09:00:00Z").ok());  // Friday
  CHECK(r.due_of(3) == "2026-03-10T09:00:00Z");   // 2 business days: Tuesday
  auto res = r.tick(3, "2026-03-10T09:05:00Z");
  REQUIRE(res.ok());
  REQUIRE(res.outcome->reminders.size() == 1);
  CHECK(res.outcome->reminders[0].role == "fm");
  CHECK(res.outcome->reminders[0].text == "Call the customer");
  CHECK(res.outcome->reminders[0].step == "first");
  CHECK_FALSE(res.outcome->transitioned);
  CHECK(res.outcome->entered.empty());
  CHECK(r.i.step == "first");
  CHECK(r.due_of(3) == "not armed");             // once per entry
  CHECK(r.due_of(2) == "2026-03-13T09:00:00Z");  // the other timer untouched
  auto again = r.tick(3, "2026-03-10T09:06:00Z");
  REQUIRE_FALSE(again.ok());
  CHECK(again.refusal.code == RefusalCode::TimerStale);
}

TEST_CASE("an anchored timer whose anchor step was never entered is not armed", "[flow]") {
  Diagnostics d;
  auto pb = parse_dsl(R"(playbook p {
  event go "Go"
  start a
  step a {
    on go -> b
    after 1 day since entering b -> c
  }
  step b {
    on go -> a
    after 1 day since entering a -> c
  }
  step c {
    end "done"
  }
})",
                      "p.playbook", d);
  REQUIRE(pb);
  REQUIRE_FALSE(d.has_errors());
  auto cp = compile_playbook(*pb, nullptr);
  InstanceState i;
  i.playbook = "p";
  Input in;
  in.kind = InputKind::Start;
  TenantState t;
  auto res = evaluate(*cp, t, i, in, T("2026-03-02T09:00:00Z"), default_calendar());
  REQUIRE(res.ok());
  CHECK(res.outcome->instance.timers.empty());
  in.kind = InputKind::Fire;
  in.event = "go";
  auto res2 =
      evaluate(*cp, t, res.outcome->instance, in, T("2026-03-03T09:00:00Z"), default_calendar());
  REQUIRE(res2.ok());
  REQUIRE(res2.outcome->instance.timers.size() == 1);  // b: since entering a
  CHECK(format_iso_instant(res2.outcome->instance.timers[0].due) == "2026-03-03T09:00:00Z");
}

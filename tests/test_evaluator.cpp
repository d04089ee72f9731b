// test_evaluator.cpp — the pure evaluator's control flow on a playbook
// built in C++ (evaluator_world.hpp): start, fire, tick; refusals with their
// codes and atomicity; timers with business days; rules on events; decision
// steps, visits, terminals and `on task` transitions.
#include "evaluator_world.hpp"

using namespace pbt;

TEST_CASE("start enters the first step, runs enter actions and arms timers", "[evaluator]") {
  World w;
  Result r = w.start("2026-03-06T10:00:00Z");  // a Friday
  REQUIRE(r.ok());
  CHECK(w.inst.step == "email_1");
  CHECK(w.inst.visits["email_1"] == 1);
  REQUIRE(r.outcome->sent.size() == 1);
  CHECK(r.outcome->sent[0].contact == "Ana");
  CHECK(w.tenant.tasks[3663].complete());
  REQUIRE(w.inst.timers.size() == 1);
  // Fri + 2 business days; Monday 03-09 is a holiday → Wed 03-11 10:00.
  CHECK(w.inst.timers[0].due == T("2026-03-11T10:00:00Z"));
  CHECK(w.start().refusal.code == "already-running");
}

TEST_CASE("an entry on a weekend counts from the next working day", "[evaluator]") {
  World w;
  REQUIRE(w.start("2026-03-07T15:00:00Z").ok());
  REQUIRE(w.inst.timers.size() == 1);
  CHECK(w.inst.timers[0].due == T("2026-03-12T00:00:00Z"));  // Tue 03-10 start, +2
}

TEST_CASE("fire takes the transition and cancels the old timers", "[evaluator]") {
  World w;
  REQUIRE(w.start().ok());
  Result r = w.fire("customer_replied", "2026-03-06T11:00:00Z");
  REQUIRE(r.ok());
  CHECK(w.inst.step == "meeting");
  CHECK(w.inst.timers.empty());
  CHECK(r.outcome->timers_changed);
}

TEST_CASE("refusals carry stable codes and change nothing", "[evaluator]") {
  World w;
  REQUIRE(w.start().ok());
  InstanceState before = w.inst;
  SECTION("event not possible lists the possible ones") {
    REQUIRE(w.fire("customer_replied", "2026-03-06T11:00:00Z").ok());
    Result r = w.fire("paused", "2026-03-06T12:00:00Z");
    CHECK(r.refusal.code == "event-not-possible");
    CHECK(r.refusal.reason.find("meeting_held") != std::string::npos);
    CHECK_FALSE(r.refusal.bad_input);
    CHECK(w.inst.step == "meeting");
    return;
  }
  SECTION("unknown event, with a suggestion") {
    Result r = w.fire("customer_repled", "2026-03-06T11:00:00Z");
    CHECK(r.refusal.code == "unknown-event");
    CHECK(r.refusal.bad_input);
    CHECK(r.refusal.reason.find("customer_replied") != std::string::npos);
  }
  SECTION("unknown attribute and bad value") {
    CHECK(w.fire("customer_replied", "2026-03-06T11:00:00Z", {{"priorty", "2"}}).refusal.code ==
          "unknown-attribute");
    CHECK(w.fire("customer_replied", "2026-03-06T11:00:00Z", {{"priority", "high"}}).refusal.code ==
          "bad-value");
    CHECK(w.fire("paused", "2026-03-06T11:00:00Z", {{"until", "2026-02-30"}}).refusal.code ==
          "bad-value");
    CHECK(w.fire("customer_replied", "2026-03-06T11:00:00Z", {{"region", "MARS"}}).refusal.code ==
          "bad-value");
  }
  SECTION("note prefix") {
    Result r = w.fire("customer_replied", "2026-03-06T11:00:00Z", {}, "Customer wrote back");
    CHECK(r.refusal.code == "note-prefix");
    CHECK(
        w.fire("customer_replied", "2026-03-06T11:00:00Z", {}, "Re-engaged Customer: wrote").ok());
    CHECK(w.inst.step == "meeting");
    return;
  }
  SECTION("a failing require refuses the whole transition, effects included") {
    Result r = w.fire("retry", "2026-03-06T11:00:00Z");
    CHECK(r.refusal.code == "low-priority");
    CHECK_FALSE(w.tenant.tasks[3664].complete());
    w.tenant.attrs["priority"] = Value::integer(2);
    CHECK(w.fire("retry", "2026-03-06T11:00:00Z").ok());
    CHECK(w.tenant.tasks[3664].complete());
    return;
  }
  CHECK(w.inst.step == before.step);
}

TEST_CASE("rules on events use the payload and the clock", "[evaluator]") {
  World w;
  REQUIRE(w.start().ok());
  Result r = w.fire("paused", "2026-03-06T11:00:00Z", {{"until", "2026-07-01"}});
  CHECK(r.refusal.code == "pause_under_90_days");
  CHECK(w.fire("paused", "2026-03-06T11:00:00Z",
               {{"until", "2026-07-01"}, {"grt_lead_approved", "true"}})
            .ok());
  CHECK(w.inst.step == "paused_step");
}

TEST_CASE("at timers follow the attribute and are re-armed when it changes", "[evaluator]") {
  World w;
  REQUIRE(w.start().ok());
  REQUIRE(w.fire("paused", "2026-03-06T11:00:00Z", {{"until", "2026-04-20"}}).ok());
  REQUIRE(w.inst.timers.size() == 1);
  CHECK(w.inst.timers[0].due == T("2026-04-18T00:00:00Z"));
  Result r = w.fire("esd_changed", "2026-03-07T11:00:00Z", {{"next_action_date", "2026-05-10"}});
  REQUIRE(r.ok());
  CHECK(w.inst.timers[0].due == T("2026-05-08T00:00:00Z"));
  // rearm_at_timers after an outside change
  w.tenant.attrs["next_action_date"] = Value::date(Days{std::chrono::days{20600}});
  CHECK(rearm_at_timers(*w.cp, w.tenant, w.inst));
  CHECK_FALSE(rearm_at_timers(*w.cp, w.tenant, w.inst));
}

TEST_CASE("tick fires a due timer; a stale timer is refused", "[evaluator]") {
  World w;
  REQUIRE(w.start().ok());
  Input in;
  in.kind = InputKind::Tick;
  in.timer = w.inst.timers.at(0);
  Result r = w.run(in, "2026-03-11T10:00:00Z");
  REQUIRE(r.ok());
  CHECK(w.inst.step == "phone");
  CHECK(w.tenant.tasks[3664].complete());
  CHECK(w.run(in, "2026-03-11T10:00:00Z").refusal.code == "timer-stale");
}

TEST_CASE("decision steps, visits and terminals", "[evaluator]") {
  World w;
  REQUIRE(w.start().ok());
  REQUIRE(w.fire("customer_replied", "2026-03-06T11:00:00Z").ok());
  REQUIRE(w.fire("meeting_held", "2026-03-06T12:00:00Z").ok());
  CHECK(w.inst.step == "meeting");  // visits(meeting) was 1 < 2
  Result r = w.fire("meeting_held", "2026-03-06T13:00:00Z");
  REQUIRE(r.ok());
  CHECK(w.inst.step == "assign");
  CHECK(w.inst.status == InstanceStatus::Goto);
  CHECK(w.inst.outcome == "assign-to-delivery");
  CHECK(r.outcome->entered == std::vector<std::string>{"decide_meetings", "assign"});
  REQUIRE(w.tenant.assignments.size() == 1);
  CHECK(w.tenant.assignments[0].primary);
  CHECK(w.fire("meeting_held", "2026-03-06T13:00:00Z").refusal.code == "not-running");
}

TEST_CASE("completing a task can take an `on task` transition", "[evaluator]") {
  World w;
  REQUIRE(w.start().ok());
  REQUIRE(w.fire("customer_replied", "2026-03-06T11:00:00Z").ok());
  REQUIRE(w.complete(3667, "2026-03-06T12:00:00Z").ok());
  CHECK(w.inst.status == InstanceStatus::Handoff);
  CHECK(w.inst.outcome == "grt-disengaged");
}

TEST_CASE("a cycle of decision steps is refused, not looped", "[evaluator]") {
  World w;
  REQUIRE(w.start().ok());
  Result r = w.fire("loop", "2026-03-06T11:00:00Z");
  CHECK(r.refusal.code == "step-loop");
  CHECK(w.inst.step == "email_1");
}

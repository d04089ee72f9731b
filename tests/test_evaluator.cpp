// test_evaluator.cpp — the pure evaluator on a playbook built in C++: start,
// fire, complete, note, tick, set; refusals with their codes; atomicity;
// timers with business days; decision steps, visits, each, rules.
#include <catch2/catch.hpp>

#include "model/calendar_math.hpp"
#include "interpreter/evaluator.hpp"
#include "model_builders.hpp"

using namespace pbt;
using DU = DurationUnit;

namespace {

Playbook demo() {
  Playbook p;
  p.id = "demo";
  p.note_prefix = "Re-engaged Customer";
  p.calendar = "tenant.region";
  p.start = "email_1";
  p.tenant.attributes = {
      attr("region", TypeKind::Enum, {"AMERICAS", "EMEA"}),
      attr("managed", TypeKind::Bool),
      attr("next_action_date", TypeKind::Date),
      attr("priority", TypeKind::Int),
      attr("contacts", TypeKind::Contacts),
      records("workloads", "workload",
              {attr("l1", TypeKind::Enum, {"In Progress", "Blocked", "No Intent"}),
               attr("esd", TypeKind::Date), attr("sent_to_delivery", TypeKind::Bool)})};
  p.tasks = {task(3663, "Send Email Outreach #1"),
             task(3664, "Send Email Outreach #2"),
             task(3667, "Meeting held"),
             task(3704, "No intent"),
             task(3705, "Blocked"),
             task(3708, "Customer Outreach Unsuccessful")};
  TaskGroup g;
  g.id = "non_actionable";
  g.title = "Non-actionable reason";
  g.tasks = {3704, 3705, 3708};
  p.groups = {g};
  p.events = {
      event("customer_replied"),
      event("paused", {attr("until", TypeKind::Date), attr("grt_lead_approved", TypeKind::Bool)}),
      event("unsubscribed"),
      event("meeting_held"),
      event("esd_changed"),
      event("retry"),
      event("loop")};
  p.rules = {rule("pause_under_90_days", RuleOn::Event, "paused",
                  bin("or", bin("<", call("days_until", {path("event.until")}), lit(int64_t{90})),
                      path("event.grt_lead_approved"))),
             rule("outreach_unsuccessful_unmanaged", RuleOn::Complete, "3708",
                  un("not", path("tenant.managed"))),
             rule("esd_needs_note", RuleOn::Set, "tenant.workloads.esd",
                  bin("!=", path("event.note"), str(""))),
             rule("esd_in_progress", RuleOn::Set, "workload.esd",
                  bin("==", path("workload.l1"), str("In Progress")))};
  p.steps = {
      step("email_1",
           {on("customer_replied", "meeting"),
            on("paused", "paused_step", std::nullopt,
               {set("tenant.next_action_date", path("event.until"))}),
            on("unsubscribed", "give_up"), on("loop", "loop_a"),
            on("retry", "phone", std::nullopt,
               {complete(3664), require(bin(">", path("tenant.priority"), lit(int64_t{1})),
                                        "needs a priority above 1", "low-priority")}),
            after(2, DU::BusinessDays, "phone", {complete(3664)})},
           {send("Customer Outreach"), complete(3663)}),
      step("phone", {on("customer_replied", "meeting"), after(1, DU::Weeks, "give_up")}),
      step("paused_step", {at("tenant.next_action_date", -2, "email_1"),
                           on("customer_replied", "meeting"), on("esd_changed", "paused_step")}),
      step("meeting",
           {on("meeting_held", "decide_meetings"), on_task(3667, "handed"),
            on("esd_changed", "meeting")},
           {each("workload", "tenant.workloads", path("workload.sent_to_delivery"),
                 {set("workload.l1", str("In Progress"))})}),
      step("decide_meetings",
           {when(bin("<", call("visits", {path("meeting")}), lit(int64_t{2})), "meeting"),
            otherwise("assign")}),
      terminal("assign", TerminalKind::Goto, "assign-to-delivery",
               {assign(QueueKind::FM, "Queue A", true)}),
      terminal("give_up", TerminalKind::End, "disengaged"),
      terminal("handed", TerminalKind::Handoff, "grt-disengaged"),
      step("loop_a", {when(lit(true), "loop_b")}),
      step("loop_b", {when(lit(true), "loop_a")}),
  };
  return p;
}

Instant T(const char* s) {
  Instant t;
  REQUIRE(parse_iso_instant(s, t));
  return t;
}

struct World {
  std::shared_ptr<const CompiledPlaybook> cp = compile_playbook(demo(), nullptr);
  TenantState tenant;
  InstanceState inst;
  Calendar cal;
  World() {
    tenant.id = "t1";
    tenant.attrs["region"] = Value::string("AMERICAS");
    tenant.attrs["managed"] = Value::boolean(false);
    tenant.attrs["contacts"] =
        Value::of_contacts({Contact{"Ana", "ana@x.com", false, false, true}});
    Days d;
    parse_iso_date("2026-03-09", d);  // a Monday holiday
    cal.id = "AMERICAS";
    cal.holidays[d] = "holiday";
    inst.playbook = "demo";
  }
  Result run(Input in, const char* now) {
    Result r = evaluate(*cp, tenant, inst, in, T(now), cal);
    if (r.ok()) {
      apply_outcome(tenant, *r.outcome, in.actor, T(now));
      inst = r.outcome->instance;
    }
    return r;
  }
  Result start(const char* now = "2026-03-06T10:00:00Z") { return run(Input{}, now); }
  Result fire(std::string ev, const char* now,
              std::vector<std::pair<std::string, std::string>> sets = {}, std::string note = "") {
    Input in;
    in.kind = InputKind::Fire;
    in.event = std::move(ev);
    in.sets = std::move(sets);
    in.note = std::move(note);
    in.actor = "fm1";
    return run(in, now);
  }
  Result complete(int64_t task, const char* now) {
    Input in;
    in.kind = InputKind::Complete;
    in.task = task;
    in.actor = "fm1";
    return run(in, now);
  }
};

}  // namespace

TEST_CASE("start enters the first step, runs enter actions and arms timers", "[evaluator]") {
  World w;
  Result r = w.start("2026-03-06T10:00:00Z");  // a Friday
  REQUIRE(r.ok());
  CHECK(w.inst.step == "email_1");
  CHECK(w.inst.visits["email_1"] == 1);
  REQUIRE(r.outcome->sent.size() == 1);
  CHECK(r.outcome->sent[0].contact == "Ana");
  CHECK(w.tenant.tasks[3663].complete);
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
    CHECK_FALSE(w.tenant.tasks[3664].complete);
    w.tenant.attrs["priority"] = Value::integer(2);
    CHECK(w.fire("retry", "2026-03-06T11:00:00Z").ok());
    CHECK(w.tenant.tasks[3664].complete);
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
  CHECK(w.tenant.tasks[3664].complete);
  CHECK(w.run(in, "2026-03-11T10:00:00Z").refusal.code == "timer-stale");
}

TEST_CASE("exactly-one groups and rules on completion", "[evaluator]") {
  World w;
  REQUIRE(w.start().ok());
  REQUIRE(w.complete(3704, "2026-03-06T11:00:00Z").ok());
  CHECK(w.complete(3705, "2026-03-06T11:00:00Z").refusal.code == "exactly-one");
  Result again =
      w.complete(3704, "2026-03-06T11:00:00Z");  // task state is the tenant's: it is complete
  CHECK(again.refusal.code == "already-complete");
  CHECK(again.refusal.reason.find("by fm1 at 2026-03-06T11:00:00Z") != std::string::npos);
  Input reset;
  reset.kind = InputKind::Reset;
  reset.task = 3704;
  reset.actor = "fm1";
  REQUIRE(w.run(reset, "2026-03-06T12:00:00Z").ok());
  CHECK_FALSE(w.tenant.tasks[3704].complete);
  CHECK(w.run(reset, "2026-03-06T12:00:00Z").refusal.code == "not-complete");
  w.tenant.attrs["managed"] = Value::boolean(true);
  CHECK(w.complete(3708, "2026-03-06T11:00:00Z").refusal.code == "outreach_unsuccessful_unmanaged");
  CHECK(w.complete(9999, "2026-03-06T11:00:00Z").refusal.code == "unknown-task");
}

TEST_CASE("outreach to do-not-contact or unsubscribed contacts is refused", "[evaluator]") {
  World w;
  w.tenant.attrs["contacts"] = Value::of_contacts({Contact{"Ana", "ana@x.com", true, false, true}});
  CHECK(w.start().refusal.code == "do-not-contact");
  w.tenant.attrs["contacts"] = Value::of_contacts({Contact{"Ana", "ana@x.com", false, true, true}});
  CHECK(w.start().refusal.code == "unsubscribed");
  w.tenant.attrs.erase("contacts");
  CHECK(w.start().refusal.code == "no-contact");
  CHECK(w.inst.step.empty());
}

TEST_CASE("each, record writes and rules on record fields", "[evaluator]") {
  World w;
  RecordMap m;
  m["Azure"]["sent_to_delivery"] = Value::boolean(true);
  m["M365"]["sent_to_delivery"] = Value::boolean(false);
  w.tenant.attrs["workloads"] = Value::of_records(m);
  REQUIRE(w.start().ok());
  REQUIRE(w.fire("customer_replied", "2026-03-06T11:00:00Z").ok());
  const RecordMap& r = *w.tenant.attrs["workloads"].records;
  CHECK(r.at("Azure").at("l1").s == "In Progress");
  CHECK_FALSE(r.at("M365").count("l1"));
  // ESD: needs a note, and only on a workload in progress
  CHECK(w.fire("esd_changed", "2026-03-06T12:00:00Z", {{"workloads.Azure.esd", "2026-06-01"}})
            .refusal.code == "esd_needs_note");
  CHECK(w.fire("esd_changed", "2026-03-06T12:00:00Z", {{"workloads.M365.esd", "2026-06-01"}},
               "Re-engaged Customer: new date")
            .refusal.code == "esd_in_progress");
  CHECK(w.fire("esd_changed", "2026-03-06T12:00:00Z",
               {{"tenant.workloads.Azure.esd", "2026-06-01"}}, "Re-engaged Customer: new date")
            .ok());
  CHECK(to_text(w.tenant.attrs["workloads"].records->at("Azure").at("esd")) == "2026-06-01");
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

TEST_CASE("expressions are total: unset attributes compare unequal", "[evaluator]") {
  Playbook p;
  p.id = "x";
  p.start = "s";
  p.tenant.attributes = {attr("a", TypeKind::Int), attr("d", TypeKind::Date)};
  p.steps = {
      step("s", {when(bin("==", path("tenant.a"), lit(int64_t{1})), "eq"),
                 when(bin("<", path("tenant.a"), lit(int64_t{1})), "lt"),
                 when(bin(">=", path("tenant.nope.x.y"), lit(int64_t{1})), "lt"),
                 when(bin("==", bin("+", path("tenant.d"), lit(int64_t{1})), date("2026-01-02")),
                      "date"),
                 when(in(str("b"), {str("a"), str("b")}), "neq")}),
      terminal("eq", TerminalKind::End, "eq"), terminal("lt", TerminalKind::End, "lt"),
      terminal("date", TerminalKind::End, "date"), terminal("neq", TerminalKind::End, "neq")};
  auto cp = compile_playbook(p, nullptr);
  TenantState t;
  InstanceState i;
  Result r = evaluate(*cp, t, i, Input{}, Instant{}, default_calendar());
  REQUIRE(r.ok());
  CHECK(r.outcome->instance.outcome == "neq");
  t.attrs["d"] = Value::date(Days{std::chrono::days{20454}});  // 2026-01-01
  r = evaluate(*cp, t, i, Input{}, Instant{}, default_calendar());
  REQUIRE(r.ok());
  CHECK(r.outcome->instance.outcome == "date");
}

TEST_CASE("notes and unassign me", "[evaluator]") {
  World w;
  REQUIRE(w.start().ok());
  Input in;
  in.kind = InputKind::Note;
  in.note = "hello";
  CHECK(w.run(in, "2026-03-06T11:00:00Z").refusal.code == "note-prefix");
  in.note = "Re-engaged Customer: hello";
  Result r = w.run(in, "2026-03-06T11:00:00Z");
  REQUIRE(r.ok());
  CHECK(r.outcome->notes.size() == 1);
  in.note = "";
  CHECK(w.run(in, "2026-03-06T11:00:00Z").refusal.code == "empty-note");
}

TEST_CASE("any, count and each range over contacts", "[evaluator]") {
  Playbook p;
  p.id = "c";
  p.start = "s";
  p.tenant.attributes = {attr("contacts", TypeKind::Contacts), attr("n", TypeKind::Int)};
  p.steps = {
      step("s",
           {when(call("any", {path("tenant.contacts"), path("contact.unsubscribed")}), "unsub"),
            otherwise("ok")},
           {set("tenant.n",
                call("count", {path("tenant.contacts"), un("not", path("contact.primary"))})),
            each("k", "tenant.contacts", path("k.do_not_contact"),
                 {send("Sorry", path("k.email"))})}),
      terminal("unsub", TerminalKind::End, "unsub"), terminal("ok", TerminalKind::End, "ok")};
  auto cp = compile_playbook(p, nullptr);
  TenantState t;
  t.attrs["contacts"] = Value::of_contacts({Contact{"Ana", "ana@x", false, false, true},
                                            Contact{"Bob", "bob@x", false, false, false},
                                            Contact{"Cy", "cy@x", false, false, false}});
  Result r = evaluate(*cp, t, InstanceState{}, Input{}, Instant{}, default_calendar());
  REQUIRE(r.ok());
  CHECK(r.outcome->instance.outcome == "ok");
  REQUIRE(r.outcome->attrs.size() == 1);
  CHECK(r.outcome->attrs[0].value.i == 2);
  CHECK(r.outcome->sent.empty());
  t.attrs["contacts"] = Value::of_contacts({Contact{"Ana", "ana@x", true, true, true}});
  r = evaluate(*cp, t, InstanceState{}, Input{}, Instant{}, default_calendar());
  CHECK(r.refusal.code == "do-not-contact");  // each k where k.do_not_contact → send to k
}

// evaluator_world.hpp — the fixture of the evaluator's tests
// (test_evaluator*.cpp): a playbook built in C++ that uses every construct
// (`demo`: outreach, pause rule, at timer, each over records, decision step,
// terminals, a decision cycle), and World: its tenant, instance and calendar,
// with start/fire/complete helpers that apply each accepted outcome.
#pragma once

#include <catch2/catch.hpp>

#include "interpreter/evaluator.hpp"
#include "model/calendar_math.hpp"
#include "model_builders.hpp"

namespace pbt {

using DU = DurationUnit;

inline Playbook demo() {
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

inline Instant T(const char* s) {
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
        Value::of_contacts({Contact{"Ana", "ana@x.com", false, false, true, ""}});
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

}  // namespace pbt

// bench_evaluator.cpp — transitions per second of the pure evaluator in
// memory on a realistic outreach playbook (enter actions, business-day
// timers, guards on tenant attributes, a rule, a decision step), with the
// outcome applied to the states each time. Prints one figure.
#include <fmt/format.h>

#include <chrono>

#include "model/calendar_math.hpp"
#include "interpreter/evaluator.hpp"
#include "model_builders.hpp"

using namespace pbt;

static Playbook outreach() {
  Playbook p;
  p.id = "outreach";
  p.note_prefix = "Re-engaged Customer";
  p.calendar = "tenant.region";
  p.start = "email_1";
  p.tenant.attributes = {attr("region", TypeKind::Enum, {"AMERICAS", "EMEA", "APJ"}),
                         attr("managed", TypeKind::Bool), attr("priority", TypeKind::Int),
                         attr("contacts", TypeKind::Contacts)};
  p.tasks = {task(3663, "Send Email Outreach #1"), task(3664, "Send Email Outreach #2"),
             task(3665, "Call")};
  p.events = {event("no_reply"), event("customer_replied"), event("next")};
  p.rules = {
      rule("prio", RuleOn::Event, "next", bin(">=", path("tenant.priority"), lit(int64_t{0})))};
  p.steps = {
      step("email_1",
           {on("customer_replied", "meeting"),
            on("no_reply", "email_2", bin("==", path("tenant.managed"), lit(false)),
               {complete(3664)}),
            after(2, DurationUnit::BusinessDays, "email_2")},
           {complete(3663), reset(3664)}),
      step("email_2", {on("no_reply", "decide"), after(3, DurationUnit::BusinessDays, "decide")},
           {note("Re-engaged Customer: second email")}),
      step("decide",
           {when(bin("<", call("visits", {path("email_1")}), lit(int64_t{1000000000})), "email_1"),
            otherwise("meeting")}),
      step("meeting", {on("next", "email_1")}, {reset(3663)}),
  };
  return p;
}

int main() {
  auto cp = compile_playbook(outreach(), nullptr);
  TenantState t;
  t.id = "t";
  t.attrs["region"] = Value::string("AMERICAS");
  t.attrs["managed"] = Value::boolean(false);
  t.attrs["priority"] = Value::integer(2);
  InstanceState inst;
  inst.playbook = "outreach";
  Instant now;
  parse_iso_instant("2026-03-06T10:00:00Z", now);
  const Calendar& cal = default_calendar();
  Result r = evaluate(*cp, t, inst, Input{}, now, cal);
  inst = r.outcome->instance;
  Input in;
  in.kind = InputKind::Fire;
  in.actor = "fm";
  const char* events[] = {"no_reply", "no_reply"};
  const int n = 500000;
  auto t0 = std::chrono::steady_clock::now();
  long transitions = 0;
  for (int k = 0; k < n; ++k) {
    in.event = events[k % 2];
    Result res = evaluate(*cp, t, inst, in, now, cal);
    if (!res.ok()) return fmt::print("refused: {}\n", res.refusal.reason), 1;
    apply_outcome(t, *res.outcome, in.actor, now);
    inst = std::move(res.outcome->instance);
    transitions += res.outcome->transitioned;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print("evaluator: {} transitions in {:.3f} s = {:.0f} transitions/s\n", transitions, secs,
             transitions / secs);
  return 0;
}

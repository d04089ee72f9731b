// test_evaluator_state.cpp — the pure evaluator's reads and writes of
// tenant state on the playbook of evaluator_world.hpp: exactly-one groups and
// rules on completion, outreach refusals, `each` and record writes with their
// rules, total expressions, notes, `unassign me`, any/count over contacts.
#include "evaluator_world.hpp"

using namespace pbt;

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
  CHECK_FALSE(w.tenant.tasks[3704].complete());
  CHECK(w.run(reset, "2026-03-06T12:00:00Z").refusal.code == "not-complete");
  w.tenant.attrs["managed"] = Value::boolean(true);
  CHECK(w.complete(3708, "2026-03-06T11:00:00Z").refusal.code == "outreach_unsuccessful_unmanaged");
  CHECK(w.complete(9999, "2026-03-06T11:00:00Z").refusal.code == "unknown-task");
}

TEST_CASE("outreach to do-not-contact or unsubscribed contacts is refused", "[evaluator]") {
  World w;
  w.tenant.attrs["contacts"] =
      Value::of_contacts({Contact{"Ana", "ana@x.com", true, false, true, ""}});
  CHECK(w.start().refusal.code == "do-not-contact");
  w.tenant.attrs["contacts"] =
      Value::of_contacts({Contact{"Ana", "ana@x.com", false, true, true, ""}});
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
  t.attrs["contacts"] = Value::of_contacts({Contact{"Ana", "ana@x", false, false, true, ""},
                                            Contact{"Bob", "bob@x", false, false, false, ""},
                                            Contact{"Cy", "cy@x", false, false, false, ""}});
  Result r = evaluate(*cp, t, InstanceState{}, Input{}, Instant{}, default_calendar());
  REQUIRE(r.ok());
  CHECK(r.outcome->instance.outcome == "ok");
  REQUIRE(r.outcome->attrs.size() == 1);
  CHECK(r.outcome->attrs[0].value.i == 2);
  CHECK(r.outcome->sent.empty());
  t.attrs["contacts"] = Value::of_contacts({Contact{"Ana", "ana@x", true, true, true, ""}});
  r = evaluate(*cp, t, InstanceState{}, Input{}, Instant{}, default_calendar());
  CHECK(r.refusal.code == "do-not-contact");  // each k where k.do_not_contact → send to k
}

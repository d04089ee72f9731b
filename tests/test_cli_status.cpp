// test_cli_status.cpp — `playbook status` end to end (PB_BINARY) on
// tests/data/status: the step's role, instructions, open tasks, timers, and
// for each possible event what it would do (steps, tasks, notes, outreach,
// timers, attributes, assignments, hand-over) or the refusal it would get,
// events needing payload named with their fields; text and JSON; nothing
// written by status. The version lines pin exact version ids on purpose: a
// build that prints the canonical model otherwise names every stored
// version anew (every running instance would look out of date), so such a
// change must be a decision, not an accident.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "cli_fixture.hpp"

using pbt::Cli;
using pbt::Run;

namespace {

// acme on triage, step intake (Friday 2026-03-06 10:00).
void triage(Cli& cli) {
  cli.data = "status";
  REQUIRE(cli("tenant add acme --set 'contacts=Ana <ana@acme.com> primary'").rc == 0);
  REQUIRE(cli("start acme triage").rc == 0);
}

const char* kIntake = R"(tenant acme
  triage: step intake "Intake" since 2026-03-06T10:00:00Z, role fm (FastTrack Manager)
    version 0a53c4533a9c
    instructions:
      Call the customer.
      Then book a meeting.
    task 10 "Call the customer": open
    task 11 "Write the summary": open
    timer: -> meeting due 2026-03-10T10:00:00Z
    event called "The customer was called":
      enters meeting
      opens task 12 "Book the meeting"
      completes task 10
      notes [status] "Triage: customer called"
      sends "Welcome" to Ana <ana@acme.com>
      arms timer meeting -> escalated due 2026-03-13T10:00:00Z
    event booked "A meeting was booked":
      needs --set for: day (date), room (string)
      leads to: meeting
      without them it is refused: The meeting must lie in the future [meeting_in_past]
    event escalate "Escalate to the delivery team":
      enters escalated
      enters followup: waiting
      ends triage: moves to playbook followup
      arms timer followup: waiting -> finished due 2026-03-09T10:00:00Z
      assigns fm "delivery queue" (primary)
    event blocked "Work is blocked":
      refused: Record why it is blocked (tenant.reason: customer or partner) first [blocked_needs_reason]
)";

}  // namespace

TEST_CASE("status: step, instructions, tasks, timers and each event's effect", "[cli-status]") {
  Cli cli;
  triage(cli);
  Run r = cli("status acme");
  CHECK(r.rc == 0);
  CHECK(r.out == kIntake);

  // The refusal follows the tenant: once the reason is recorded, blocked
  // re-enters intake (its tasks are open already, its timer is unchanged).
  REQUIRE(cli("tenant set acme reason=customer").rc == 0);
  r = cli("status acme");
  CHECK(r.out.ends_with("    event blocked \"Work is blocked\":\n      enters intake\n"));

  // A later clock moves the due dates of what the events would arm.
  r = cli("status acme", "2026-03-09T08:00:00Z");
  CHECK(pbt::has(r, "      arms timer meeting -> escalated due 2026-03-16T08:00:00Z\n"));
}

TEST_CASE("status: nothing is written; the events then do what it said", "[cli-status]") {
  Cli cli;
  triage(cli);
  auto events = [&] {
    return nlohmann::json::parse(cli("history acme --format json").out)["events"].size();
  };
  size_t before = events();
  REQUIRE(cli("status acme").rc == 0);
  REQUIRE(cli("status acme --format json").rc == 0);
  CHECK(events() == before);
  CHECK(cli("replay acme").rc == 0);

  CHECK(cli("fire acme blocked").rc == 1);
  CHECK(cli("fire acme booked").rc == 1);
  Run r = cli("fire acme booked --set day=2026-03-20 --set room=R1");
  CHECK(r.rc == 0);
  CHECK(r.out == "triage: intake -> meeting\n");
  r = cli("status acme");
  CHECK(r.out == R"(tenant acme
  triage: step meeting "Meeting" since 2026-03-06T10:00:00Z, role fm (FastTrack Manager)
    task 12 "Book the meeting": open
    timer: -> escalated due 2026-03-13T10:00:00Z
    event called "The customer was called":
      enters meeting
)");
}

TEST_CASE("status: several instances, a finished one, JSON", "[cli-status]") {
  Cli cli;
  triage(cli);
  REQUIRE(cli("fire acme escalate").rc == 0);
  Run r = cli("status acme");
  CHECK(r.out == R"(tenant acme
  triage: moved at step escalated "followup"
  followup: step waiting "Waiting" since 2026-03-06T10:00:00Z, role fm (FastTrack Manager)
    version cb1f2e13a903
    timer: -> finished due 2026-03-09T10:00:00Z
    event done "Done":
      enters finished
      ends followup: ended "closed"
)");
  r = cli("status acme --format json");
  REQUIRE(r.rc == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["instances"].size() == 2);
  CHECK(j["instances"][0]["status"] == "moved");
  CHECK_FALSE(j["instances"][0].contains("events"));
  auto f = j["instances"][1];
  CHECK(f["role"] == "fm");
  CHECK(f["timers"][0]["to"] == "finished");
  CHECK(f["events"][0]["effects"]["ended"][0] ==
        nlohmann::json({{"playbook", "followup"}, {"status", "ended"}, {"outcome", "closed"}}));
}

TEST_CASE("status --format json carries the same facts as the text", "[cli-status]") {
  Cli cli;
  triage(cli);
  Run r = cli("status acme --format json");
  REQUIRE(r.rc == 0);
  auto i = nlohmann::json::parse(r.out)["instances"][0];
  CHECK(i["step"] == "intake");
  CHECK(i["role_name"] == "FastTrack Manager");
  CHECK(i["instructions"] == "Call the customer.\nThen book a meeting.");
  CHECK(i["tasks"] ==
        nlohmann::json::parse(
            R"([{"id":10,"name":"Call the customer","state":"open","reset_to_redo":false},
                                                {"id":11,"name":"Write the summary","state":"open","reset_to_redo":false}])"));
  CHECK(i["timers"][0]["due"] == "2026-03-10T10:00:00Z");
  auto ev = i["events"];
  REQUIRE(ev.size() == 4);
  auto called = ev[0]["effects"];
  CHECK(called["entered"] == nlohmann::json::parse(R"([{"playbook":"triage","step":"meeting"}])"));
  CHECK(called["tasks_opened"] ==
        nlohmann::json::parse(R"([{"id":12,"name":"Book the meeting"}])"));
  CHECK(called["tasks_completed"] == nlohmann::json::parse("[10]"));
  CHECK(called["notes"] ==
        nlohmann::json::parse(
            R"([{"playbook":"triage","kind":"status","text":"Triage: customer called"}])"));
  CHECK(
      called["outreach"] ==
      nlohmann::json::parse(R"([{"template":"Welcome","contact":"Ana","email":"ana@acme.com"}])"));
  CHECK(
      called["timers"] ==
      nlohmann::json::parse(
          R"([{"playbook":"triage","step":"meeting","to":"escalated","due":"2026-03-13T10:00:00Z"}])"));
  CHECK(
      ev[1]["needs"] ==
      nlohmann::json::parse(R"([{"field":"day","type":"date"},{"field":"room","type":"string"}])"));
  CHECK(ev[1]["targets"] == nlohmann::json::parse(R"(["meeting"])"));
  CHECK(ev[1]["ok"] == false);
  CHECK(ev[1]["refusal"]["code"] == "meeting_in_past");
  CHECK(ev[2]["effects"]["assignments"] ==
        nlohmann::json::parse(
            R"([{"queue":"fm","name":"delivery queue","primary":true,"change":"add"}])"));
  CHECK(ev[3]["refusal"]["code"] == "blocked_needs_reason");
}

TEST_CASE("status: a step moved on by task completions lists each, and every failing require",
          "[cli-status]") {
  Cli cli;
  cli.data = "status";
  REQUIRE(cli("tenant add globex").rc == 0);
  REQUIRE(cli("start globex handover").rc == 0);
  Run r = cli("status globex");
  CHECK(r.out == R"(tenant globex
  handover: step prepare "Prepare the handover" since 2026-03-06T10:00:00Z, role fm (FastTrack Manager)
    version 5097b7bbdf4b
    task 20 "Confirm prerequisites": open
    task 21 "Sign off the handover": open
    task 22 "Send the summary": open
    timer: -> signed due 2026-03-13T10:00:00Z
    no event is possible in this step; these task completions move it:
    complete task 20 "Confirm prerequisites":
      enters prepare
      completes task 20
      notes [status] "Handover: prerequisites confirmed"
    complete task 21 "Sign off the handover":
      refused: Confirm the prerequisites (task 20) first [prerequisites_missing]
        and: Send the summary (task 22) first [summary_missing]
)");
  auto j = nlohmann::json::parse(cli("status globex --format json").out)["instances"][0];
  CHECK(j["events"].empty());
  REQUIRE(j["completions"].size() == 2);
  CHECK(j["completions"][0]["task"] == 20);
  CHECK(j["completions"][0]["effects"]["tasks_completed"] == nlohmann::json::parse("[20]"));
  CHECK(j["completions"][1]["refusal"] == nlohmann::json::parse(R"({"code":"prerequisites_missing",
      "reason":"Confirm the prerequisites (task 20) first",
      "also":[{"code":"summary_missing","reason":"Send the summary (task 22) first"}]})"));

  Run refused = cli("complete globex 21");
  CHECK(refused.rc == 1);
  CHECK(refused.out ==
        "refused: Confirm the prerequisites (task 20) first [prerequisites_missing]\n"
        "  and: Send the summary (task 22) first [summary_missing]\n");
}

// test_cli_migrate_plan.cpp — `migrate --apply --plan-file` end to end
// (PB_BINARY): applying a plan printed earlier moves only its instances;
// each that changed since (moved by a timer, its tenant edited, ended) is
// refused `changed-since-plan` and left as it is; a tenant started after
// the plan is left alone; a plan of another version or a malformed plan
// file is refused with exit 2.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "migrate_fixture.hpp"

using pbt::Cli;
using pbt::has;
using pbt::Run;
namespace fs = std::filesystem;

namespace {

const char* const kNow = "2026-03-11T10:00:00Z";
const char* const kLater = "2026-03-14T11:00:00Z";

// The new version: outreach retitled (every instance migrates as is), in
// v2/ beside the directory, which keeps the old one.
std::string new_version(const Cli& cli) {
  fs::path dir = cli.db.dir / "v2";
  fs::create_directories(dir);
  fs::copy_file(fs::path(cli.dir) / "outreach.playbook", dir / "outreach.playbook");
  pbt::replace(dir / "outreach.playbook", "title \"Outreach\"", "title \"Outreach v2\"");
  return (dir / "outreach.playbook").string();
}

// three_tenants, and beta paused like fabrikam; the plan to the new
// version written to plan.json.
fs::path planned(Cli& cli) {
  cli.dir = pbt::copy_run(cli, "pb");
  pbt::three_tenants(cli);
  REQUIRE(cli("tenant add beta --set region=AMERICAS --set 'contacts=Bo <bo@x.com> primary'", kNow)
              .rc == 0);
  REQUIRE(cli("start beta outreach", kNow).rc == 0);
  REQUIRE(cli("fire beta paused --set until=2026-04-01", kNow).rc == 0);
  Run plan = cli("migrate outreach --format json --to " + new_version(cli), kNow);
  REQUIRE(plan.rc == 0);
  auto j = nlohmann::json::parse(plan.out);
  REQUIRE(j["instances"].size() == 4);
  CHECK(j["instances"][0]["pinned"].get<std::string>().size() == 64);
  CHECK(j["instances"][0]["instance_version"].is_number_integer());
  fs::path file = cli.db.dir / "plan.json";
  pbt::write(file, plan.out);
  return file;
}

}  // namespace

TEST_CASE("migrate --plan-file: what changed since the plan is refused, the rest migrates",
          "[cli-migrate]") {
  Cli cli;
  fs::path plan = planned(cli);
  // Since the plan: acme's 2 business days passed (email_1 -> phone),
  // contoso's attributes changed, fabrikam's customer replied (ended), and
  // delta started (on the old version). beta is as planned.
  const std::string to = " --to " + (cli.db.dir / "v2" / "outreach.playbook").string();
  REQUIRE(cli("tick", "2026-03-14T10:00:00Z").rc == 0);
  REQUIRE(has(cli("status acme", kLater), "step phone"));
  REQUIRE(cli("tenant set contoso managed=true", kLater).rc == 0);
  REQUIRE(cli("fire fabrikam customer_replied", kLater).rc == 0);
  REQUIRE(
      cli("tenant add delta --set region=AMERICAS --set 'contacts=Di <di@x.com> primary'", kLater)
          .rc == 0);
  REQUIRE(cli("start delta outreach", kLater).rc == 0);

  Run check =
      cli("migrate outreach --plan-file " + plan.string() + to, kLater);  // plans, writes none
  CHECK(check.rc == 1);
  CHECK(has(check, "as-is    beta  paused"));

  Run apply = cli("migrate outreach --apply --plan-file " + plan.string() + to, kLater);
  INFO(apply.out);
  CHECK(apply.rc == 1);
  CHECK(has(apply, "as-is    beta  paused"));
  // the timer that moved acme completed task 3664: its tenant row changed too
  CHECK(has(apply,
            "tenant 'acme' changed since the plan: it is in step phone, the plan read "
            "email_1; its tasks, attributes or assignments changed"));
  CHECK(has(apply,
            "tenant 'contoso' changed since the plan: its tasks, attributes or "
            "assignments changed (tenant row version"));
  CHECK(has(apply,
            "tenant 'fabrikam' changed since the plan: it runs no instance of outreach "
            "any more [changed-since-plan]"));
  CHECK_FALSE(has(apply, "delta"));
  CHECK(has(apply, "1 migrated, 3 refused; 1 not in the plan"));
  auto v = nlohmann::json::parse(cli("versions outreach --format json", kLater).out);
  REQUIRE(v.size() == 2);
  CHECK(v[0]["active"] == 3);  // acme, contoso, delta stay on the old version
  CHECK(v[1]["active"] == 1);  // beta
  for (const char* t : {"acme", "beta", "contoso", "delta"}) {
    INFO(t);
    CHECK(cli(std::string("replay ") + t, kLater).rc == 0);
  }

  Run again = cli("migrate outreach --apply --plan-file " + plan.string() + to, kLater);
  CHECK(has(again, "0 as is, 0 mapped, 0 blocked, 1 already on"));  // beta: resumable
  CHECK(has(again, "0 migrated, 3 refused; 1 not in the plan"));
}

TEST_CASE("migrate --plan-file: a plan of another version or no plan is refused", "[cli-migrate]") {
  Cli cli;
  fs::path plan = planned(cli);
  Run r = cli("migrate outreach --apply --plan-file " + plan.string(), kNow);  // to the directory's
  CHECK(r.rc == 2);
  CHECK(has(r, "the plan moves instances to version "));
  CHECK(has(r, ": plan again [bad-value]"));

  fs::path bad = cli.db.dir / "bad.json";
  pbt::write(bad, "{\"playbook\": \"outreach\",\n \"instances\": [,]}");
  r = cli("migrate outreach --apply --plan-file " + bad.string(), kNow);
  CHECK(r.rc == 2);
  CHECK(has(r, bad.string() + ":2:16: is not a JSON migration plan"));
  pbt::write(bad,
             R"({"playbook": "outreach", "instances": [{"tenant": "acme", "step": "email_1"}],
                 "totals": {"to_version": "abc"}})");
  r = cli("migrate outreach --apply --plan-file " + bad.string(), kNow);
  CHECK(r.rc == 2);
  CHECK(has(r, "instance 1 has no text 'pinned'"));
  pbt::write(bad, R"({"playbook": "ping", "instances": [], "totals": {"to_version": "abc"}})");
  r = cli("migrate outreach --apply --plan-file " + bad.string(), kNow);
  CHECK(r.rc == 2);
  CHECK(has(r, "is a plan for playbook 'ping', not 'outreach'"));
  CHECK(has(cli("status acme", kNow), "step email_1"));
  Run v = cli("versions outreach --format json", kNow);
  CHECK(nlohmann::json::parse(v.out).size() == 1);  // nothing migrated
}

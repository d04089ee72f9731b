// test_cli_migrate.cpp — versions and migration end to end (PB_BINARY): a
// version is its content (another directory, another layout or comment:
// the same version), `versions` counts instances per version, `migrate`
// plans (as is / mapped / blocked, timers, tasks) and applies with one
// logged event per instance, resumable, and `replay` redoes it exactly.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "migrate_fixture.hpp"

using pbt::Cli;
using pbt::Run;
namespace fs = std::filesystem;

using pbt::copy_run;
using pbt::replace;
using pbt::three_tenants;
using pbt::write;

TEST_CASE("versions: a version is its content wherever the file lies", "[cli-migrate]") {
  Cli cli;
  std::string one = copy_run(cli, "one"), two = copy_run(cli, "two");
  cli.dir = one;
  REQUIRE(
      cli("tenant add acme --set region=AMERICAS --set 'contacts=Ana <ana@x.com> primary'").rc ==
      0);
  REQUIRE(cli("start acme outreach").rc == 0);
  cli.dir = two;  // the same text elsewhere, recommented and relaid
  replace(fs::path(two) / "outreach.playbook", "  title \"Outreach\"",
          "  # a comment changes no version\n  title   \"Outreach\"");
  REQUIRE(
      cli("tenant add contoso --set region=AMERICAS --set 'contacts=Ana <ana@x.com> primary'").rc ==
      0);
  REQUIRE(cli("start contoso outreach").rc == 0);
  Run v = cli("versions outreach --format json");
  REQUIRE(v.rc == 0);
  auto j = nlohmann::json::parse(v.out);
  REQUIRE(j.size() == 1);
  CHECK(j[0]["active"] == 2);
  CHECK(j[0]["current"] == true);
  CHECK(j[0]["version"].get<std::string>().size() == 64);
  CHECK(j[0]["pinned"].size() == 1);
  Run s = cli("status acme");
  CHECK(pbt::has(s, "version " + j[0]["version"].get<std::string>().substr(0, 12)));
  CHECK_FALSE(pbt::has(s, "newer"));
}

TEST_CASE("migrate: plan then apply moves every instance and replay is exact", "[cli-migrate]") {
  Cli cli;
  cli.dir = copy_run(cli, "pb");
  three_tenants(cli);
  const char* now = "2026-03-11T10:00:00Z";
  fs::path file = fs::path(cli.dir) / "outreach.playbook";
  replace(file, "step phone \"Call\" role fm {\n    on customer_replied -> done\n    after 1 week",
          "step call \"Call\" role fm {\n    on customer_replied -> done\n    after 2 weeks");
  replace(file, "after 2 business days -> phone", "after 2 business days -> call");
  Run st = cli("status acme", now);
  CHECK(pbt::has(st, "newer version"));

  Run plan = cli("migrate outreach", now);
  CHECK(plan.rc == 1);  // phone has no mapping: contoso is blocked
  CHECK(pbt::has(plan, "step phone is removed in the new version and the migration does not map"));
  CHECK(pbt::has(plan, "blocked  contoso  phone"));
  CHECK(pbt::has(plan, "as-is    acme  email_1"));
  CHECK(pbt::has(plan, "2 as is, 0 mapped, 1 blocked, 0 already on"));

  write(fs::path(cli.dir) / "outreach.migration.yaml",
        "migration: outreach\nsteps:\n  phone: call\n");
  plan = cli("migrate outreach", now);
  CHECK(plan.rc == 0);
  CHECK(pbt::has(plan, "mapped   contoso  phone -> call"));
  // phone was entered on 2026-03-11: `after 2 weeks` is re-armed from then
  CHECK(pbt::has(plan, "timer call -> done due 2026-03-25T10:00:00Z: re-armed"));
  CHECK(pbt::has(plan, "timer phone -> ? due 2026-03-18T10:00:00Z: dropped"));
  // acme's timer is the same transition, its target renamed: kept
  CHECK(pbt::has(plan, "timer email_1 -> call due 2026-03-13T10:00:00Z: kept"));
  CHECK_FALSE(pbt::has(plan, "re-armed\n    timer email_1"));
  CHECK(pbt::has(plan, "2 as is, 1 mapped, 0 blocked, 0 already on"));
  CHECK(pbt::has(cli("status contoso", now), "step phone"));  // the plan changed nothing

  Run apply = cli("migrate outreach --apply", now);
  CHECK(apply.rc == 0);
  CHECK(pbt::has(apply, "3 migrated, 0 refused"));
  CHECK(pbt::has(cli("status contoso", now), "step call"));
  for (const char* t : {"acme", "contoso", "fabrikam"}) {
    Run r = cli(std::string("replay ") + t, now);
    INFO(r.out);
    CHECK(r.rc == 0);
  }
  Run h = cli("history contoso", now);
  CHECK(pbt::has(h, "migrate"));
  CHECK(pbt::has(h, "phone -> call"));

  Run again = cli("migrate outreach --apply", now);  // resumable: nothing left to do
  CHECK(again.rc == 0);
  CHECK(pbt::has(again, "0 as is, 0 mapped, 0 blocked, 3 already on"));
  auto v = nlohmann::json::parse(cli("versions outreach --format json", now).out);
  REQUIRE(v.size() == 2);
  CHECK(v[0]["active"] == 0);
  CHECK(v[1]["active"] == 3);
  CHECK(v[1]["current"] == true);
}

TEST_CASE("migrate: a bad migration map is refused with positions and hints", "[cli-migrate]") {
  Cli cli;
  cli.dir = copy_run(cli, "pb");
  three_tenants(cli);
  write(fs::path(cli.dir) / "outreach.migration.yaml",
        "migration: outreach\nsteps:\n  phone: emial_1\n  phone: done\ntasks:\n  3663: 9999\n");
  Run r = cli("migrate outreach --apply", "2026-03-11T10:00:00Z");
  CHECK(r.rc == 2);
  CHECK(pbt::has(
      r, "outreach.migration.yaml:4:3: error: 'phone' is mapped twice (first at line 3) [PB011]"));
  CHECK(pbt::has(
      r,
      "outreach.migration.yaml:3:10: error: step phone is mapped to 'emial_1', which is not a step of the new version of outreach [PB150]"));
  CHECK(pbt::has(r, "did you mean 'email_1'?"));
  CHECK(pbt::has(
      r, "task 3663 is mapped to task 9999, which the new version of outreach lacks [PB150]"));
  Run m = cli("migrate outreach --map phone", "2026-03-11T10:00:00Z");
  CHECK(m.rc == 2);
  CHECK(pbt::has(m, "--map 'phone' must be OLD=NEW"));
}

TEST_CASE("migrate: --where, --tenant and --step select instances", "[cli-migrate]") {
  Cli cli;
  cli.dir = copy_run(cli, "pb");
  three_tenants(cli);
  replace(fs::path(cli.dir) / "outreach.playbook", "title \"Outreach\"", "title \"Outreach v2\"");
  const char* now = "2026-03-11T10:00:00Z";
  Run r = cli("migrate outreach --apply --tenant acme --tenant fabrikam --step paused", now);
  CHECK(r.rc == 0);
  CHECK(pbt::has(r, "0 as is") == false);
  CHECK(pbt::has(r, "1 as is, 0 mapped, 0 blocked"));
  CHECK(pbt::has(r, "fabrikam"));
  r = cli("migrate outreach --where region=EMEA", now);
  CHECK(pbt::has(r, "0 as is, 0 mapped, 0 blocked, 0 already on"));
  r = cli("migrate outreach --where region=AMERICAS", now);
  CHECK(pbt::has(r, "2 as is, 0 mapped, 0 blocked, 1 already on"));
}

TEST_CASE("migrate: renamed_from needs no map; a task state dropped on purpose", "[cli-migrate]") {
  Cli cli;
  cli.dir = copy_run(cli, "pb");
  three_tenants(cli);
  const char* now = "2026-03-11T10:00:00Z";
  fs::path file = fs::path(cli.dir) / "outreach.playbook";
  replace(file, "step phone \"Call\" role fm {\n",
          "step call \"Call\" role fm {\n    renamed_from phone\n");
  replace(file, "after 2 business days -> phone", "after 2 business days -> call");
  Run plan = cli("migrate outreach --map task:3664=drop", now);
  INFO(plan.out);
  CHECK(plan.rc == 0);
  CHECK(pbt::has(plan, "mapped   contoso  phone -> call"));
  CHECK(pbt::has(plan, "task 3664 (complete): dropped"));
  CHECK(pbt::has(plan, "timer call -> done due 2026-03-18T10:00:00Z: kept"));
  Run apply = cli("migrate outreach --map task:3664=drop --apply", now);
  CHECK(apply.rc == 0);
  Run st = cli("status contoso --format json", now);
  auto j = nlohmann::json::parse(st.out);
  CHECK(j["instances"][0]["step"] == "call");
  CHECK(j["instances"][0]["newer_version"].is_null());
  CHECK_FALSE(j["tasks"].contains("3664"));
  CHECK(cli("replay contoso", now).rc == 0);
}

// test_migrate_every_step.cpp — migration of customer-engagement (the
// bundled playbooks/) with an instance resting at every step that has a
// role: the plan classes each one (the renamed step's instance mapped, the
// rest as is, the changed wait re-armed), the apply migrates every one
// exactly once with one logged event, and every tenant replays to its
// stored state.
#include <catch2/catch.hpp>

#include "grammar/loader.hpp"
#include "interpreter/migration.hpp"
#include "runtime/store_world.hpp"
#include "runtime_fixture.hpp"
#include "source/directory_source.hpp"

using namespace pbt;

namespace {

const char* const kPlaybook = "customer-engagement";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// The steps an instance can rest at: a role, transitions, no regions.
std::vector<std::string> resting_steps(const pb::Playbook& pb) {
  std::vector<std::string> out;
  for (const auto& s : pb.steps)
    if (!s.role.empty() && !s.transitions.empty() && s.regions.empty()) out.push_back(s.id);
  return out;
}

pb::rt::MigrationRequest request(const pb::rt::PinnedSource& to, pb::MigrationMap map) {
  pb::rt::MigrationRequest req;
  req.playbook = kPlaybook;
  req.to = to;
  req.map = std::move(map);
  return req;
}

pb::MigrationMap step_map(const std::string& from, const std::string& to) {
  pb::MigrationMap m;
  m.steps.push_back(pb::StepMapping{{}, from, to, {}});
  return m;
}

// Tenant "t-STEP" resting at STEP of version `v1`: started at research,
// then moved there by a migration mapping research to STEP.
void place(pb::rt::Engine& e, const pb::rt::PinnedSource& v1, const std::string& step) {
  std::string id = "t-" + step;
  INFO(id);
  REQUIRE(e.tenant_add(id,
                       {{"region", "EMEA"},
                        {"managed", "false"},
                        {"contacts", "Sam Okafor <sam@fabrikam.example> primary"}},
                       "fm.alex", at("2026-12-23T09:00:00Z"))
              .exit == 0);
  REQUIRE(e.submit(id, start(kPlaybook, "2026-12-23T09:00:00Z")).exit == 0);
  auto req = request(v1, step_map("research", step));
  req.tenants = {id};
  auto t = e.migrate(req, at("2026-12-23T09:10:00Z"), true, "setup", {});
  INFO(t.failure.message);
  REQUIRE(t.migrated == 1);
}

}  // namespace

TEST_CASE("migrate: customer-engagement with an instance at every step", "[cli-migrate]") {
  pb::Diagnostics d;
  pb::LoadResult l = pb::load_paths({PB_SOURCE_DIR "/playbooks"}, d);
  REQUIRE_FALSE(d.has_errors());
  const pb::Playbook* model = l.project.playbook(kPlaybook);
  REQUIRE(model);
  auto steps = resting_steps(*model);
  REQUIRE(steps.size() >= 12);
  TempDb db;
  pb::rt::Store s(db.path());
  pb::rt::Engine e(s, pb::src::catalog_of(l));
  pb::rt::PinnedSource v1 = pb::src::catalog_of(l).files.at(kPlaybook);
  v1.source = replaced(v1.source, "title \"", "title \"v1: ");
  for (const auto& step : steps) place(e, v1, step);

  // v2: do_not_contact renamed to dnc_check (mapped by the map, not by
  // renamed_from), and research's wait before it doubled.
  pb::rt::PinnedSource v2 = v1;
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"title \"v1: ", "title \"v2: "},
           {"anywhere except research, do_not_contact,", "anywhere except research, dnc_check,"},
           {"on research_done -> do_not_contact", "on research_done -> dnc_check"},
           {"after 1 hour -> do_not_contact", "after 2 hours -> dnc_check"},
           {"step do_not_contact \"", "step dnc_check \""}})
    v2.source = replaced(v2.source, from, to);
  auto req = request(v2, step_map("do_not_contact", "dnc_check"));
  std::map<std::string, pb::rt::InstancePlan> plans;
  auto sink = [&](const pb::rt::InstancePlan& ip) { plans.emplace(ip.tenant, ip); };
  auto plan = e.migrate(req, at("2026-12-23T09:30:00Z"), false, "fm.alex", sink);
  REQUIRE(plan.failure.exit == 0);
  CHECK(plan.blocked == 0);
  CHECK(plan.mapped == 1);
  CHECK(plan.as_is == int64_t(steps.size()) - 1);
  REQUIRE(plans.size() == steps.size());
  CHECK(plans.at("t-do_not_contact").plan.after.step == "dnc_check");
  bool rearmed = false;
  for (const auto& t : plans.at("t-research").plan.timers)
    rearmed = rearmed || t.fate == pb::TimerFate::Rearmed;
  CHECK(rearmed);

  plans.clear();
  auto applied = e.migrate(req, at("2026-12-23T09:30:00Z"), true, "fm.alex", sink);
  REQUIRE(applied.failure.exit == 0);
  CHECK(applied.migrated == int64_t(steps.size()));
  CHECK(applied.refused == 0);
  for (const auto& step : steps) {
    std::string id = "t-" + step;
    INFO(id);
    REQUIRE(plans.count(id));
    CHECK(plans.at(id).outcome.event > 0);
    pb::rt::TenantWorld w;
    {
      pb::rt::Transaction rd(s, false);
      REQUIRE(pb::rt::load_world(s, id, w));
      rd.commit();
    }
    REQUIRE(w.instances.size() == 1);
    CHECK(w.instances[0].st.step == (step == "do_not_contact" ? "dnc_check" : step));
    CHECK(w.instances[0].hash == applied.to_version);
    auto rep = e.replay(id);
    INFO(rep.failure.message << (rep.diffs.empty() ? "" : rep.diffs[0]));
    CHECK(rep.matches());
  }
  // exactly once: the setup's migration and this one, per tenant
  CHECK(count_rows(s, "SELECT count(*) FROM events WHERE kind = 'migrate'") ==
        2 * int64_t(steps.size()));
  CHECK(count_rows(s,
                   "SELECT count(*) FROM (SELECT tenant FROM events WHERE kind = 'migrate' "
                   "GROUP BY tenant HAVING count(*) != 2)") == 0);
  auto again = e.migrate(req, at("2026-12-23T09:40:00Z"), true, "fm.alex", {});
  CHECK(again.current == int64_t(steps.size()));
  CHECK(again.migrated == 0);
}

// test_engine_migrate.cpp — the logged `migrate` input at the engine
// (runtime/engine_migrate_core.cpp): an instance that moved since it was
// planned is refused `changed-since-plan`, one already on the target is
// refused `already-migrated`, a blocked one `migration-blocked`; a refused
// migration writes nothing.
#include <catch2/catch.hpp>

#include "runtime_fixture.hpp"

using namespace pbt;
using pb::rt::InputOp;
using pb::rt::LogInput;

namespace {

// The ping playbook with its steps renamed (a → x), as a new version.
pb::rt::PinnedSource renamed(const Dir& dir) {
  pb::rt::PinnedSource v = dir.catalog.files.at("ping");
  std::string& t = v.source;
  for (std::string from : {"id: a", "start: a", "to: a"}) {
    auto at = t.find(from);
    REQUIRE(at != std::string::npos);
    t.replace(at, from.size(), from.substr(0, from.size() - 1) + "x");
  }
  v.filename = "ping-v2.playbook.yaml";
  return v;
}

LogInput migrate(const std::string& to_hash, const std::string& expect_hash,
                 const std::string& expect_step, pb::MigrationMap map = {}) {
  LogInput in;
  in.op = InputOp::Migrate;
  in.playbook = "ping";
  in.input.kind = pb::InputKind::Set;
  in.input.actor = "fm1";
  in.at = at("2026-03-06T11:00:00Z");
  in.pins["ping"] = to_hash;
  in.migration = pb::rt::LogMigration{std::move(map), expect_hash, expect_step};
  return in;
}

}  // namespace

TEST_CASE("engine: a logged migration refuses what changed since the plan", "[engine-migrate]") {
  TempDb db;
  Dir dir;
  pb::rt::Store s(db.path());
  pb::rt::Engine e(s, dir.cat());
  REQUIRE(e.tenant_add("acme", {}, "fm1", at("2026-03-06T10:00:00Z")).exit == 0);
  REQUIRE(e.submit("acme", start("ping", "2026-03-06T10:00:00Z")).exit == 0);
  pb::rt::MigrationRequest req;
  req.playbook = "ping";
  req.to = renamed(dir);
  std::vector<pb::rt::InstancePlan> plans;
  auto t = e.migrate(req, at("2026-03-06T10:30:00Z"), false, "fm1",
                     [&](const pb::rt::InstancePlan& p) { plans.push_back(p); });
  REQUIRE(t.failure.exit == 0);
  REQUIRE(plans.size() == 1);
  CHECK(plans[0].plan.verdict == pb::MigrationVerdict::Blocked);  // a: no step to land on
  CHECK(t.blocked == 1);
  pb::MigrationMap map;
  map.steps.push_back(pb::StepMapping{{}, "a", "x", {}});
  const std::string to = t.to_version, from = plans[0].from_hash;

  auto r = e.submit("acme", migrate(to, from, "a"));  // no map: blocked
  CHECK(r.code == pb::RefusalCode::MigrationBlocked);
  REQUIRE(e.submit("acme", fire("ping", "2026-03-06T10:40:00Z")).exit == 0);  // a -> b
  r = e.submit("acme", migrate(to, from, "a", map));
  CHECK(r.code == pb::RefusalCode::ChangedSincePlan);
  r = e.submit("acme", migrate(to, from, "b", map));
  INFO(r.message << " [" << r.code.str() << "]");
  REQUIRE(r.exit == 0);
  REQUIRE(r.world.instances.size() == 1);
  CHECK(r.world.instances[0].hash == to);
  r = e.submit("acme", migrate(to, to, "b", map));
  CHECK(r.code == pb::RefusalCode::AlreadyMigrated);
  CHECK(e.replay("acme").matches());
}

// test_store_world_batch.cpp — migrate's page reads (runtime/
// store_world_batch.hpp): load_worlds and last_events read many tenants at
// once exactly as load_world and last_event read each one.
#include <catch2/catch.hpp>

#include "runtime/store_world.hpp"
#include "runtime/store_world_batch.hpp"
#include "runtime_fixture.hpp"

using namespace pbt;

namespace {

const char* const kContact = "Sam Okafor <sam.okafor@acme.example> primary";

void require_ok(const pb::rt::Response& r) {
  INFO(r.message << " [" << r.code.str() << "]");
  REQUIRE(r.exit == 0);
}

// acme: attributes, a task state, two assignments, outreach waiting in
// email_1 (its timers armed) and ping moved to b; beta: outreach finished,
// delivery running; gamma: no instance.
void fill(pb::rt::Engine& e) {
  require_ok(e.tenant_add("acme", {{"region", "EMEA"}, {"managed", "true"}, {"contacts", kContact}},
                          "fm1", at("2026-03-02T09:00:00Z")));
  require_ok(e.submit("acme", start("outreach", "2026-03-02T09:10:00Z")));
  require_ok(e.submit("acme", start("ping", "2026-03-02T09:20:00Z")));
  require_ok(e.submit("acme", fire("ping", "2026-03-02T09:30:00Z", {}, "ping")));
  require_ok(e.assign("acme", pb::AssignChange{pb::QueueKind::FM, "fm.alex", true, true}, "fm1",
                      at("2026-03-02T09:40:00Z")));
  require_ok(e.assign("acme", pb::AssignChange{pb::QueueKind::RM, "rm.kim", false, true}, "fm1",
                      at("2026-03-02T09:41:00Z")));
  require_ok(e.tenant_add("beta", {{"region", "AMERICAS"}, {"contacts", kContact}}, "fm1",
                          at("2026-03-02T10:00:00Z")));
  require_ok(e.submit("beta", start("outreach", "2026-03-02T10:10:00Z")));
  require_ok(e.submit("beta", fire("customer_replied", "2026-03-02T10:20:00Z")));
  require_ok(e.tenant_add("gamma", {}, "fm1", at("2026-03-02T11:00:00Z")));
}

// A store holding fill()'s tenants.
struct Filled {
  TempDb db;
  Dir dir;
  pb::rt::Store s{db.path()};
  pb::rt::Engine e{s, dir.cat()};
  Filled() { fill(e); }
};

}  // namespace

TEST_CASE("store: load_worlds reads each tenant as load_world does", "[store-batch]") {
  Filled f;
  pb::rt::Store& s = f.s;
  pb::rt::Transaction tx(s, false);
  auto worlds = pb::rt::load_worlds(s, {"gamma", "acme", "zed", "beta"});
  CHECK(worlds.size() == 3);  // zed has no row
  CHECK_FALSE(worlds.count("zed"));
  for (const char* id : {"acme", "beta", "gamma"}) {
    INFO(id);
    pb::rt::TenantWorld one;
    REQUIRE(pb::rt::load_world(s, id, one));
    REQUIRE(worlds.count(id));
    const auto& w = worlds.at(id);
    CHECK(w.version == one.version);
    CHECK(w.tenant == one.tenant);
    CHECK(w.instances == one.instances);
  }
  const auto& acme = worlds.at("acme");
  CHECK(acme.tenant.assignments.size() == 2);
  CHECK_FALSE(acme.tenant.tasks.empty());
  REQUIRE(acme.instances.size() == 2);
  CHECK_FALSE(acme.instances[0].st.timers.empty());
  CHECK(worlds.at("beta").instances.size() == 2);
  CHECK(worlds.at("gamma").instances.empty());
  CHECK(pb::rt::load_worlds(s, {}).empty());
}

TEST_CASE("store: last_events reads each tenant's last event as last_event does", "[store-batch]") {
  Filled f;
  pb::rt::Store& s = f.s;
  pb::rt::Transaction tx(s, false);
  auto last = pb::rt::last_events(s, {"acme", "beta", "gamma", "zed"});
  REQUIRE(last.size() == 4);
  CHECK_FALSE(last.at("zed"));
  for (const char* id : {"acme", "beta", "gamma"}) {
    INFO(id);
    auto one = pb::rt::last_event(s, id);
    REQUIRE(one);
    REQUIRE(last.at(id));
    CHECK(last.at(id)->id == one->id);
    CHECK(last.at(id)->at == one->at);
  }
  CHECK(last.at("acme")->at == at("2026-03-02T09:41:00Z"));
}

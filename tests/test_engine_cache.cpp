// test_engine_cache.cpp — the engine's world cache (engine_impl.hpp) never
// decides against a newer commit: two engines on one database stand for two
// processes; each keeps the worlds it wrote, the other moves the tenant on.
// Also: which writes bump the tenant row version, idempotency keys with a
// cached world, and a rolled-back import leaving nothing cached.
#include "runtime/store_world.hpp"
#include "runtime_fixture.hpp"

using namespace pbt;
using namespace pb::rt;

namespace {

const char* const kNow = "2026-03-06T10:00:00Z";

int64_t tenant_version(Store& s, const std::string& id) {
  Query q(s, "SELECT version FROM tenants WHERE id = ?");
  q.bind(1, id);
  return q.step() ? q.i64(0) : -1;
}

std::string step_of(Engine& e, const std::string& tenant) {
  TenantWorld w;
  REQUIRE(e.load(tenant, w).exit == 0);
  for (const auto& i : w.instances)
    if (i.st.status == pb::InstanceStatus::Active) return i.st.playbook + ":" + i.st.step;
  return "";
}

struct Two {
  TempDb db;
  Store s{db.path()};
  Dir dir;
  Engine a{s, dir.cat()}, b{s, dir.cat()};
  Two() {
    REQUIRE(a.tenant_add("acme",
                         {{"region", "AMERICAS"}, {"contacts", "Ana <ana@acme.com> primary"}},
                         "fm1", at(kNow))
                .exit == 0);
  }
};

}  // namespace

TEST_CASE("cache: an instance moved by another engine is seen before committing",
          "[engine][cache]") {
  Two t;
  REQUIRE(t.a.submit("acme", start("ping", kNow)).exit == 0);  // a caches acme at ping:a
  REQUIRE(t.b.submit("acme", fire("ping", kNow)).exit == 0);   // acme at ping:b
  Response r = t.a.submit("acme", fire("ping", kNow));         // a's cached copy says ping:a
  REQUIRE(r.exit == 0);
  CHECK(r.applied.summary == "ping: b -> a");
  CHECK(step_of(t.a, "acme") == "ping:a");
  CHECK(count_rows(t.s, "SELECT count(*) FROM events WHERE kind = 'fire'") == 2);
  CHECK(t.a.replay("acme").diffs.empty());
}

TEST_CASE("cache: an event valid only in the newer state is accepted", "[engine][cache]") {
  Two t;
  REQUIRE(t.a.submit("acme", start("outreach", kNow)).exit == 0);  // a caches outreach:email_1
  Response moved = t.b.submit("acme", fire("customer_replied", kNow));
  REQUIRE(moved.exit == 0);
  REQUIRE(step_of(t.b, "acme") == "delivery:working");
  Response r = t.a.submit("acme", fire("delivered", kNow));
  CHECK(r.exit == 0);
  CHECK(r.applied.summary == "delivery: working -> closed");
  CHECK(t.a.replay("acme").diffs.empty());
}

TEST_CASE("cache: an event valid only in the cached state is refused", "[engine][cache]") {
  Two t;
  REQUIRE(t.a.submit("acme", start("outreach", kNow)).exit == 0);
  REQUIRE(t.b.submit("acme", fire("customer_replied", kNow)).exit ==
          0);  // outreach ended, delivery runs
  Response r = t.a.submit("acme", fire("paused", kNow, {{"until", "2026-04-01"}}, "outreach"));
  CHECK(r.exit == 1);
  CHECK(r.code == "not-running");
  CHECK(count_rows(t.s, "SELECT count(*) FROM events") == 3);
  CHECK(t.a.replay("acme").diffs.empty());
}

TEST_CASE("cache: a reused idempotency key answers with the first event", "[engine][cache]") {
  Two t;
  REQUIRE(t.a.submit("acme", start("ping", kNow)).exit == 0);
  Response first = t.a.submit("acme", fire("ping", kNow), "key-1");
  REQUIRE(first.exit == 0);
  Response again = t.a.submit("acme", fire("ping", kNow), "key-1");
  CHECK(again.exit == 0);
  CHECK(again.duplicate);
  CHECK(again.event == first.event);
  CHECK(step_of(t.a, "acme") == "ping:b");
  CHECK(t.b.submit("acme", fire("ping", kNow), "key-1").duplicate);
}

TEST_CASE("the tenant version moves with tenant-level changes only", "[engine][cache]") {
  Two t;
  int64_t v0 = tenant_version(t.s, "acme");
  REQUIRE(t.a.submit("acme", start("ping", kNow)).exit == 0);  // a new instance: tenant-level
  int64_t v1 = tenant_version(t.s, "acme");
  CHECK(v1 == v0 + 1);
  REQUIRE(t.a.submit("acme", fire("ping", kNow)).exit == 0);  // only the instance row moves
  CHECK(tenant_version(t.s, "acme") == v1);
  REQUIRE(t.a.tenant_set("acme", {{"managed", "true"}}, "fm1", at(kNow)).exit == 0);
  CHECK(tenant_version(t.s, "acme") == v1 + 1);
}

TEST_CASE("cache: an import rolled back leaves no cached world behind", "[engine][cache]") {
  Two t;
  REQUIRE(t.a.tenant_set("acme", {{"managed", "false"}}, "fm1", at(kNow)).exit == 0);  // cached
  {
    Transaction tx(t.s, true);
    REQUIRE(t.a.tenant_put_in_tx("acme", {{"managed", "true"}}, "fm1", at(kNow)).exit == 0);
  }  // rolled back
  REQUIRE(t.a.submit("acme", start("ping", kNow)).exit == 0);
  TenantWorld w;
  REQUIRE(t.b.load("acme", w).exit == 0);
  CHECK(w.tenant.attrs.at("managed").i == 0);
  CHECK(t.a.replay("acme").diffs.empty());
}

TEST_CASE("cache: with the cache off every input reads the tenant afresh", "[engine][cache]") {
  Two t;
  t.a.cache_worlds(0);
  REQUIRE(t.a.submit("acme", start("ping", kNow)).exit == 0);
  REQUIRE(t.b.submit("acme", fire("ping", kNow)).exit == 0);
  Response r = t.a.submit("acme", fire("ping", kNow));
  REQUIRE(r.exit == 0);
  CHECK(r.applied.summary == "ping: b -> a");
}

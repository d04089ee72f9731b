// test_engine_concurrency.cpp — several processes on one database: 4 forked
// writers × 500 events on 10 tenants (every event either committed once or
// refused busy; the log holds exactly the accepted events; replay matches),
// and a tick killed with SIGKILL at 20 random moments while it works (after
// each: integrity_check ok, replay matches for every tenant; the rerun fires
// every remaining timer exactly once).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <thread>

#include "runtime_fixture.hpp"

using namespace pbt;
using namespace pb::rt;

namespace {

void writer(const std::string& db, const std::string& out, int child, int events) {
  Store s(db);
  Dir dir;
  Engine e(s, dir.cat(), 64);
  std::ofstream f(out);
  for (int i = 0; i < events; ++i) {
    std::string tenant = "t" + std::to_string((i * 7 + child) % 10);
    LogInput in = fire("ping", "2026-03-06T10:00:00Z");
    Response r = e.submit(tenant, in, "c" + std::to_string(child) + "-" + std::to_string(i));
    f << tenant << ' ' << r.exit << '\n';
  }
}

pid_t spawn(const std::function<void()>& body) {
  pid_t pid = fork();
  if (pid == 0) {
    try {
      body();
    } catch (...) {
      _exit(2);
    }
    _exit(0);
  }
  return pid;
}

}  // namespace

TEST_CASE("4 processes x 500 events on 10 tenants: no lost update", "[concurrency]") {
  TempDb db;
  {
    Store s(db.path());
    Dir dir;
    Engine e(s, dir.cat());
    for (int t = 0; t < 10; ++t) {
      std::string id = "t" + std::to_string(t);
      REQUIRE(e.tenant_add(id, {}, "fm", at("2026-03-06T09:00:00Z")).exit == 0);
      REQUIRE(e.submit(id, start("ping", "2026-03-06T09:00:00Z")).exit == 0);
    }
  }
  std::vector<pid_t> kids;
  for (int c = 0; c < 4; ++c)
    kids.push_back(spawn(
        [&, c] { writer(db.path(), (db.dir / ("c" + std::to_string(c))).string(), c, 500); }));
  for (pid_t k : kids) {
    int st = 0;
    waitpid(k, &st, 0);
    REQUIRE(WIFEXITED(st));
    REQUIRE(WEXITSTATUS(st) == 0);
  }
  std::map<std::string, int> accepted;
  int total = 0, busy = 0;
  for (int c = 0; c < 4; ++c) {
    std::ifstream f(db.dir / ("c" + std::to_string(c)));
    std::string tenant;
    int rc;
    while (f >> tenant >> rc) {
      REQUIRE((rc == 0 || rc == 3));
      if (rc == 0)
        ++accepted[tenant], ++total;
      else
        ++busy;
    }
  }
  CHECK(total + busy == 2000);
  CHECK(busy == 0);  // 64 retries are plenty for 4 writers
  Store s(db.path());
  Dir dir;
  Engine e(s, dir.cat());
  CHECK(count_rows(s, "SELECT count(*) FROM events WHERE kind = 'fire'") == total);
  CHECK(count_rows(s, "SELECT count(*) FROM idempotency") == total);
  for (const auto& [tenant, n] : accepted) {
    TenantWorld w;
    REQUIRE(e.load(tenant, w).exit == 0);
    auto& v = w.instances.at(0).st.visits;
    CHECK(v["a"] + v["b"] == n + 1);  // every accepted ping moved the instance once
    CHECK(w.instances[0].st.step == (n % 2 ? "b" : "a"));
    CHECK(e.replay(tenant).diffs.empty());
  }
}

namespace {

// Tenants w0…w{n-1}, each on the waiter playbook with one timer due at 10:00.
void waiters(const std::string& path, int n) {
  Store s(path);
  s.exec("PRAGMA synchronous=OFF");  // setup only; the tick under test runs at FULL
  Dir dir;
  Engine e(s, dir.cat());
  for (int t = 0; t < n; ++t) {
    std::string id = "w" + std::to_string(t);
    REQUIRE(e.tenant_add(id, {}, "fm", at("2026-03-06T09:00:00Z")).exit == 0);
    REQUIRE(e.submit(id, start("waiter", "2026-03-06T09:00:00Z")).exit == 0);
  }
}

std::string integrity(Store& s) {
  Query q(s, "PRAGMA integrity_check");
  return q.step() ? q.text(0) : "no answer";
}

// Runs a tick of at most 25 batches of 4 timers in a child and, when
// `kill_after` is set, kills it with SIGKILL after that long. Returns whether
// the kill landed (the child was still working) and sets `took` to the
// child's wall time.
bool tick_child(const std::string& path, std::optional<std::chrono::microseconds> kill_after,
                std::chrono::microseconds& took) {
  auto t0 = std::chrono::steady_clock::now();
  pid_t kid = spawn([&] {
    Store s(path);
    Dir dir;
    Engine e(s, dir.cat());
    e.tick(at("2026-03-06T12:00:00Z"), 4, 25);
  });
  if (kill_after) {
    std::this_thread::sleep_for(*kill_after);
    kill(kid, SIGKILL);
  }
  int st = 0;
  waitpid(kid, &st, 0);
  took =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  return WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL;
}

}  // namespace

TEST_CASE(
    "a tick killed with SIGKILL 20 times: store intact, replay matches, rerun fires each timer once",
    "[concurrency]") {
  TempDb db;
  const int n = 3000;
  waiters(db.path(), n);
  std::mt19937 rng{20261202};
  // Round 0 runs a child to the end of its 100 timers to learn how long that
  // takes (T); every later child is killed at a random moment in 5-95% of T.
  // A child that finished first (the machine sped up) teaches a new T and
  // does not count: rounds go on until 20 kills landed.
  std::chrono::microseconds took{};
  int kills = 0, rounds = 0;
  for (; kills < 20 && rounds < 60; ++rounds) {
    std::optional<std::chrono::microseconds> when;
    double at_fraction = 0.05 + 0.9 * double(rng() % 1000) / 1000.0;
    if (rounds > 0) when = std::chrono::microseconds(int64_t(double(took.count()) * at_fraction));
    std::chrono::microseconds t{};
    bool killed = tick_child(db.path(), when, t);
    kills += killed;
    if (!killed) took = t;
    Store s(db.path());
    Dir dir;
    Engine e(s, dir.cat());
    INFO("round " << rounds);
    REQUIRE(integrity(s) == "ok");
    int64_t fired = count_rows(s, "SELECT count(*) FROM events WHERE kind = 'tick'");
    CHECK(fired + count_rows(s, "SELECT count(*) FROM timers") == n);
    CHECK(count_rows(s, "SELECT count(*) FROM instances WHERE status = 'ended'") == fired);
    int64_t replayed = 0;
    for (int t = 0; t < n; ++t) {
      auto rep = e.replay("w" + std::to_string(t));
      if (!rep.diffs.empty()) FAIL("w" << t << ": " << rep.diffs.front());
      replayed += rep.events;
    }
    CHECK(replayed == count_rows(s, "SELECT count(*) FROM events"));  // every event was replayed
  }
  CHECK(kills == 20);
  Store s(db.path());
  Dir dir;
  Engine e(s, dir.cat());
  int64_t left = count_rows(s, "SELECT count(*) FROM timers");
  INFO("timers left after 20 kills: " << left);
  CHECK(left > 0);
  CHECK(e.tick(at("2026-03-06T12:00:00Z"), 50).fired == left);
  CHECK(count_rows(s, "SELECT count(*) FROM events WHERE kind = 'tick'") == n);
  CHECK(count_rows(s,
                   "SELECT count(*) FROM (SELECT instance FROM events WHERE kind = 'tick' "
                   "GROUP BY instance HAVING count(*) > 1)") == 0);
  CHECK(count_rows(s, "SELECT count(*) FROM timers") == 0);
  CHECK(e.tick(at("2026-03-06T12:00:00Z"), 50).fired == 0);
}

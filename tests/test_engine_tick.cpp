// test_engine_tick.cpp — Engine::tick on a temporary database: one tick
// visits each due timer once (stuck ones are passed over, a timer the tick
// arms waits for the next tick), a stuck timer is written once and kept, a
// timer cancelled by an earlier one of the same tick is not reported, and a
// timer's event is dated when it fires but never before the tenant's last
// event (any other input dated before it is refused).
#include "runtime_fixture.hpp"
#include "runtime/store_world.hpp"

using namespace pbt;
using namespace pb::rt;

namespace {

const std::vector<std::pair<std::string, std::string>> kAcme = {
    {"region", "AMERICAS"}, {"managed", "false"}, {"contacts", "Ana <ana@acme.com> primary"}};

// `again` re-arms itself at once; `two` has two timers that fall due together.
const char* kTimersYaml = R"(playbook: timers
start: again
events:
  - {id: go, title: Go}
steps:
  - id: again
    transitions:
      - {after: 0 hours, to: again}
      - {event: go, to: two}
  - id: two
    transitions:
      - {after: 1 hour, to: one_hour}
      - {after: 2 hours, to: two_hours}
  - id: one_hour
    end: first
  - id: two_hours
    end: second
)";

// An `at` timer whose `when` does not hold when it fires.
const char* kGuardedAtYaml = R"(playbook: guarded
start: w
tenant:
  follow_up: {type: date}
  ready: {type: bool}
steps:
  - id: w
    transitions:
      - {at: tenant.follow_up, when: tenant.ready == true, to: done}
  - id: done
    end: done
)";

struct World {
  TempDb db;
  Store s{db.path()};
  Dir dir;
  std::unique_ptr<Engine> e;
  int decided = 0;  // inputs the engine decided (accepted or refused)
  World() {
    dir.add("timers.playbook.yaml", kTimersYaml);
    dir.add("guarded.playbook.yaml", kGuardedAtYaml);
    e = std::make_unique<Engine>(s, dir.cat());
    e->observe([this](const std::string&, const Response&) { ++decided; });
  }
};

// A tenant paused until 03-20 (its `at` timer is due 03-18) whose contact is
// no longer primary: the timer's step sends outreach to nobody (no-contact).
void stuck_tenant(World& w, const std::string& id) {
  REQUIRE(w.e->tenant_add(id, kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  REQUIRE(w.e->submit(id, start("outreach", "2026-03-06T10:00:00Z")).exit == 0);
  REQUIRE(w.e->submit(id, fire("paused", "2026-03-06T11:00:00Z", {{"until", "2026-03-20"}})).exit ==
          0);
  REQUIRE(
      w.e->tenant_set(id, {{"contacts", "Ana <ana@acme.com>"}}, "fm1", at("2026-03-06T12:00:00Z"))
          .exit == 0);
}

}  // namespace

TEST_CASE("tick: each due timer is visited once, stuck ones are kept and passed over", "[tick]") {
  World w;
  for (int i = 0; i < 7; ++i) stuck_tenant(w, "s" + std::to_string(i));
  for (int i = 0; i < 3; ++i) {
    std::string id = "f" + std::to_string(i);
    REQUIRE(w.e->tenant_add(id, kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
    REQUIRE(w.e->submit(id, start("outreach", "2026-03-06T10:00:00Z")).exit ==
            0);  // due 03-10 10:00
  }
  w.decided = 0;
  std::vector<std::string> printed;
  TickReport t = w.e->tick(at("2026-03-18T06:00:00Z"), 2, 1 << 30,
                           [&](const std::string& l) { printed.push_back(l); });
  CHECK(t.fired == 3);
  CHECK(t.stuck == 7);
  CHECK(t.failure.exit == pb::rt::kOk);
  CHECK(w.decided == 10);  // once each, in batches of 2
  CHECK(printed == t.lines);
  std::string since = std::to_string(to_secs(at("2026-03-18T06:00:00Z")));
  CHECK(count_rows(
            w.s, ("SELECT count(*) FROM timers WHERE stuck_code = 'no-contact' AND stuck_since = " +
                  since)
                     .c_str()) == 7);
  w.decided = 0;
  t = w.e->tick(at("2026-03-19T06:00:00Z"), 2);
  CHECK(t.stuck == 7);
  CHECK(w.decided == 7);
  // The marks kept their first `since`; nothing was logged for them.
  CHECK(count_rows(w.s, ("SELECT count(*) FROM timers WHERE stuck_since = " + since).c_str()) == 7);
  CHECK(count_rows(w.s, "SELECT count(*) FROM events WHERE kind = 'tick'") == 3);
  for (int i = 0; i < 7; ++i) CHECK(w.e->replay("s" + std::to_string(i)).diffs.empty());
}

TEST_CASE("tick: a timer armed by the tick waits for the next tick", "[tick]") {
  World w;
  REQUIRE(w.e->tenant_add("acme", {}, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  REQUIRE(w.e->submit("acme", start("timers", "2026-03-06T10:00:00Z")).exit == 0);
  CHECK(w.e->tick(at("2026-03-06T11:00:00Z"), 1, 5).fired == 1);
  CHECK(w.e->tick(at("2026-03-06T11:00:00Z"), 1, 5).fired == 1);
  CHECK(w.e->replay("acme").diffs.empty());
}

TEST_CASE("tick: a fired at timer whose when did not hold is not armed again for the same date",
          "[tick]") {
  World w;
  REQUIRE(w.e->tenant_add("acme", {{"follow_up", "2026-03-07"}}, "fm1", at("2026-03-06T09:00:00Z"))
              .exit == 0);
  REQUIRE(w.e->submit("acme", start("guarded", "2026-03-06T10:00:00Z")).exit == 0);
  CHECK(w.e->tick(at("2026-03-07T09:00:00Z"), 1, 5).fired == 1);  // consumed, no transition
  CHECK(w.e->tick(at("2026-03-07T10:00:00Z"), 1, 5).fired == 0);
  CHECK(count_rows(w.s, "SELECT count(*) FROM timers") == 0);
  REQUIRE(w.e->tenant_set("acme", {{"ready", "true"}, {"follow_up", "2026-03-09"}}, "fm1",
                          at("2026-03-08T09:00:00Z"))
              .exit == 0);  // a new date re-arms it
  CHECK(w.e->tick(at("2026-03-09T09:00:00Z")).fired == 1);
  CHECK(w.e->replay("acme").diffs.empty());
}

TEST_CASE(
    "tick: a timer its instance's earlier timer cancelled is gone; a stale row is kept, stuck",
    "[tick]") {
  World w;
  REQUIRE(w.e->tenant_add("acme", {}, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  REQUIRE(w.e->submit("acme", start("timers", "2026-03-06T10:00:00Z")).exit == 0);
  REQUIRE(w.e->submit("acme", fire("go", "2026-03-06T10:00:00Z")).exit == 0);
  TickReport t = w.e->tick(at("2026-03-06T13:00:00Z"));
  CHECK(t.fired == 1);
  CHECK(t.stuck == 0);
  REQUIRE(t.lines.size() == 1);
  CHECK(t.lines[0] == "fired acme timers two (due 2026-03-06T11:00:00Z): timers: two -> one_hour");
  CHECK(count_rows(w.s, "SELECT count(*) FROM timers") == 0);

  REQUIRE(w.e->tenant_add("beta", {}, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  REQUIRE(w.e->submit("beta", start("timers", "2026-03-06T10:00:00Z")).exit == 0);
  REQUIRE(w.e->submit("beta", fire("go", "2026-03-06T10:00:00Z")).exit == 0);
  w.s.exec("UPDATE timers SET step = 'again' WHERE transition = 0");  // behind the log's back
  t = w.e->tick(at("2026-03-06T11:30:00Z"));
  CHECK(t.stuck == 1);
  REQUIRE(t.lines.size() == 1);
  CHECK(t.lines[0].find("[timer-stale]") != std::string::npos);
  CHECK(count_rows(w.s, "SELECT count(*) FROM timers WHERE stuck_code = 'timer-stale'") == 1);
  CHECK_FALSE(w.e->replay("beta").diffs.empty());  // the store disagrees with its log, and says so
}

TEST_CASE("a timer's event is dated when it fires, never before the tenant's last event",
          "[tick]") {
  World w;
  REQUIRE(w.e->tenant_add("acme", kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  REQUIRE(w.e->submit("acme", start("outreach", "2026-03-06T10:00:00Z")).exit ==
          0);  // due 03-10 10:00
  REQUIRE(w.e->submit("acme", start("ping", "2026-03-06T10:00:00Z")).exit == 0);
  REQUIRE(w.e->submit("acme", fire("ping", "2026-03-12T10:00:00Z", {}, "ping")).exit ==
          0);  // a later --now
  Response early = w.e->submit("acme", fire("ping", "2026-03-11T10:00:00Z", {}, "ping"));
  CHECK(early.exit == 2);
  CHECK(early.code == "before-last-event");
  CHECK(w.e->tick(at("2026-03-11T12:00:00Z")).fired == 1);
  auto events = events_of(w.s, "acme");
  REQUIRE(events.back().kind == "tick");
  CHECK(events.back().at == at("2026-03-12T10:00:00Z"));
  for (size_t i = 1; i < events.size(); ++i) CHECK(events[i - 1].at <= events[i].at);
  CHECK(w.e->tick(at("2026-03-25T08:00:00Z")).fired == 1);  // phone's week: dated at the tick
  CHECK(events_of(w.s, "acme").back().at == at("2026-03-25T08:00:00Z"));
  CHECK(w.e->replay("acme").diffs.empty());
}

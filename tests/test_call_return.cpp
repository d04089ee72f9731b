// test_call_return.cpp — `call playbook X` … `on return` on the engine and
// the store (docs/language.md, "Call and return"): a call and its return
// with an outcome guard, one callee reached from two calling steps, nested
// calls, a caller's timer cancelling the call, a goto from a callee, a
// recursive start refused, the innermost instance addressed without
// --playbook, replay, the store's caller/returns columns (old stores read
// with defaults), and the data directory tests/data/calls under `playbook test`.
#include <sqlite3.h>

#include "data_dir_check.hpp"
#include "runtime/store_world.hpp"
#include "runtime_fixture.hpp"
#include "run_binary.hpp"

using namespace pbt;
using namespace pb::rt;
using pb::InstanceStatus;

namespace {

const char* kCallerYaml = R"(playbook: caller
events:
  - {id: go, title: Go}
start: first
steps:
  - id: first
    transitions:
      - {event: go, to: ask_a}
  - id: ask_a
    call: callee
    transitions:
      - {return: true, when: outcome(callee) == "no", to: refused}
      - {return: true, to: second}
      - {after: 1 hour, to: timed_out}
  - id: second
    transitions:
      - {event: go, to: ask_b}
  - id: ask_b
    call: callee
    transitions:
      - {return: true, to: done}
  - id: done
    end: ok
  - id: refused
    end: refused
  - id: timed_out
    end: timed-out
)";

const char* kCalleeYaml = R"(playbook: callee
events:
  - {id: agree, title: Agree}
  - {id: decline, title: Decline}
  - {id: deeper, title: Ask the inner playbook}
  - {id: move, title: Move on to the relay}
start: wait
steps:
  - id: wait
    transitions:
      - {event: agree, to: agreed}
      - {event: decline, to: declined}
      - {event: deeper, to: ask_c}
      - {event: move, to: moved}
      - {after: 2 hours, to: declined}
  - id: ask_c
    call: inner
    transitions:
      - {return: true, to: agreed}
  - id: agreed
    end: "yes"
  - id: declined
    end: "no"
  - id: moved
    goto: relay
)";

const char* kInnerYaml = R"(playbook: inner
events:
  - {id: finish, title: Finish}
start: w
steps:
  - id: w
    transitions:
      - {event: finish, to: f}
  - id: f
    end: fine
)";

const char* kRelayYaml = R"(playbook: relay
events:
  - {id: relay_done, title: Relay done}
start: r
steps:
  - id: r
    transitions:
      - {event: relay_done, to: e}
  - id: e
    end: relayed
)";

// Only one outcome is taken back: any other end of the callee is refused.
const char* kPickyYaml = R"(playbook: picky
events:
  - {id: go, title: Go}
start: first
steps:
  - id: first
    transitions:
      - {event: go, to: ask}
  - id: ask
    call: callee
    transitions:
      - {return: true, when: outcome(callee) == "yes", to: done}
  - id: done
    end: ok
)";

// A call whose callee ends at once and whose return calls it again.
const char* kLooperYaml = R"(playbook: looper
start: ask
steps:
  - id: ask
    call: instant
    transitions:
      - {return: true, to: ask}
)";

const char* kInstantYaml = R"(playbook: instant
start: s
steps:
  - id: s
    end: now
)";

struct CallFixture {
  TempDb db;
  Store s{db.path()};
  Dir dir;
  Engine* e = nullptr;
  std::unique_ptr<Engine> engine;
  CallFixture() {
    dir.add("caller.playbook.yaml", kCallerYaml);
    dir.add("callee.playbook.yaml", kCalleeYaml);
    dir.add("inner.playbook.yaml", kInnerYaml);
    dir.add("relay.playbook.yaml", kRelayYaml);
    dir.add("picky.playbook.yaml", kPickyYaml);
    dir.add("looper.playbook.yaml", kLooperYaml);
    dir.add("instant.playbook.yaml", kInstantYaml);
    engine = std::make_unique<Engine>(s, dir.cat());
    e = engine.get();
    REQUIRE(e->tenant_add("acme", {{"region", "EMEA"}}, "fm1", at("2026-03-02T09:00:00Z")).exit ==
            0);
  }
  Response go(const char* event, const char* now, const std::string& playbook = "") {
    return e->submit("acme", fire(event, now, {}, playbook));
  }
  const InstanceRec& inst(const Response& r, const std::string& playbook) {
    const InstanceRec* last = nullptr;
    for (const auto& i : r.world.instances)
      if (i.st.playbook == playbook) last = &i;
    REQUIRE(last);
    return *last;
  }
  void replay_matches() {
    auto rp = e->replay("acme");
    for (auto& d : rp.diffs) UNSCOPED_INFO(d);
    CHECK(rp.diffs.empty());
  }
};

}  // namespace

TEST_CASE_METHOD(CallFixture, "a call returns with its outcome to the calling step",
                 "[calls][engine]") {
  REQUIRE(e->submit("acme", start("caller", "2026-03-02T10:00:00Z")).exit == 0);
  Response r = go("go", "2026-03-02T10:00:00Z");
  REQUIRE(r.exit == 0);
  CHECK(r.applied.summary == "caller: first -> ask_a; callee: wait");
  CHECK(inst(r, "callee").st.caller == "caller");
  CHECK(inst(r, "caller").st.step == "ask_a");
  r = go("decline", "2026-03-02T10:10:00Z");  // the innermost instance: the callee
  REQUIRE(r.exit == 0);
  CHECK(r.applied.summary == "callee: wait -> declined; caller: ask_a -> refused");
  CHECK(inst(r, "callee").st.status == InstanceStatus::Ended);
  CHECK(inst(r, "caller").st.status == InstanceStatus::Ended);
  CHECK(inst(r, "caller").st.outcome == "refused");
  CHECK(inst(r, "caller").st.returns ==
        std::map<std::string, std::string, std::less<>>{{"callee", "no"}});
  replay_matches();
}

TEST_CASE_METHOD(CallFixture, "one callee called from two steps returns to the right one",
                 "[calls][engine]") {
  REQUIRE(e->submit("acme", start("caller", "2026-03-02T10:00:00Z")).exit == 0);
  REQUIRE(go("go", "2026-03-02T10:00:00Z").exit == 0);
  Response r = go("agree", "2026-03-02T10:05:00Z");
  REQUIRE(r.exit == 0);
  CHECK(inst(r, "caller").st.step == "second");
  r = go("go", "2026-03-02T10:06:00Z");
  REQUIRE(r.exit == 0);
  CHECK(inst(r, "caller").st.step == "ask_b");
  CHECK(r.world.instances.size() == 3);  // caller, the first call, the second call
  r = go("agree", "2026-03-02T10:07:00Z");
  REQUIRE(r.exit == 0);
  CHECK(inst(r, "caller").st.step == "done");
  CHECK(inst(r, "caller").st.outcome == "ok");
  replay_matches();
}

TEST_CASE_METHOD(CallFixture, "nested calls return inside out", "[calls][engine]") {
  REQUIRE(e->submit("acme", start("caller", "2026-03-02T10:00:00Z")).exit == 0);
  REQUIRE(go("go", "2026-03-02T10:00:00Z").exit == 0);
  Response r = go("deeper", "2026-03-02T10:01:00Z");
  REQUIRE(r.exit == 0);
  CHECK(inst(r, "inner").st.caller == "callee");
  CHECK(inst(r, "callee").st.step == "ask_c");
  r = go("finish", "2026-03-02T10:02:00Z");  // addressed to the innermost: inner
  REQUIRE(r.exit == 0);
  CHECK(r.applied.summary == "inner: w -> f; callee: ask_c -> agreed; caller: ask_a -> second");
  CHECK(inst(r, "callee").st.returns.at("inner") == "fine");
  CHECK(inst(r, "caller").st.returns.at("callee") == "yes");
  replay_matches();
}

TEST_CASE_METHOD(CallFixture, "the caller's timer cancels the call and its timers",
                 "[calls][engine]") {
  REQUIRE(e->submit("acme", start("caller", "2026-03-02T10:00:00Z")).exit == 0);
  REQUIRE(go("go", "2026-03-02T10:00:00Z").exit == 0);
  CHECK(count_rows(s, "SELECT count(*) FROM timers") == 2);  // caller 1 h, callee 2 h
  TickReport t = e->tick(at("2026-03-02T11:00:00Z"));
  CHECK(t.fired == 1);
  TenantWorld w;
  REQUIRE(e->load("acme", w).exit == 0);
  REQUIRE(w.instances.size() == 2);
  CHECK(w.instances[0].st.step == "timed_out");
  CHECK(w.instances[1].st.status == InstanceStatus::Cancelled);
  CHECK(w.instances[1].st.timers.empty());
  CHECK(count_rows(s, "SELECT count(*) FROM timers") == 0);
  CHECK(count_rows(s, "SELECT count(*) FROM instances WHERE status = 'cancelled'") == 1);
  CHECK(go("agree", "2026-03-02T12:00:00Z").code == "not-running");
  REQUIRE(!t.lines.empty());
  CHECK(t.lines.back().find("callee: cancelled in step 'wait'") != std::string::npos);
  replay_matches();
}

TEST_CASE_METHOD(CallFixture, "a goto from a callee carries the call on", "[calls][engine]") {
  REQUIRE(e->submit("acme", start("caller", "2026-03-02T10:00:00Z")).exit == 0);
  REQUIRE(go("go", "2026-03-02T10:00:00Z").exit == 0);
  Response r = go("move", "2026-03-02T10:01:00Z");
  REQUIRE(r.exit == 0);
  CHECK(inst(r, "callee").st.status == InstanceStatus::Goto);
  CHECK(inst(r, "relay").st.caller == "caller");
  r = go("relay_done", "2026-03-02T10:02:00Z");
  REQUIRE(r.exit == 0);
  CHECK(inst(r, "caller").st.step == "second");
  CHECK(inst(r, "caller").st.returns.at("callee") == "relayed");  // the call's outcome
  replay_matches();
}

TEST_CASE_METHOD(CallFixture, "a return no on return takes refuses the callee's end whole",
                 "[calls][engine]") {
  REQUIRE(e->submit("acme", start("picky", "2026-03-02T10:00:00Z")).exit == 0);
  REQUIRE(go("go", "2026-03-02T10:00:00Z", "picky").exit == 0);
  Response r = go("decline", "2026-03-02T10:01:00Z");
  CHECK(r.code == "no-return-branch");
  CHECK(r.message.find("returned to step 'ask' of playbook 'picky' with \"no\"") !=
        std::string::npos);
  TenantWorld w;
  REQUIRE(e->load("acme", w).exit == 0);
  CHECK(w.instances[1].st.step == "wait");  // the callee did not end either
  CHECK(w.instances[1].st.status == InstanceStatus::Active);
  r = go("agree", "2026-03-02T10:02:00Z");
  REQUIRE(r.exit == 0);
  CHECK(inst(r, "picky").st.step == "done");
  replay_matches();
}

TEST_CASE_METHOD(CallFixture, "calls and returns in one input are bounded", "[calls][engine]") {
  Response r = e->submit("acme", start("looper", "2026-03-02T10:00:00Z"));
  CHECK(r.code == "call-loop");
  CHECK(count_rows(s, "SELECT count(*) FROM instances") == 0);
}

TEST_CASE_METHOD(CallFixture, "calling a playbook the tenant runs is refused whole",
                 "[calls][engine]") {
  REQUIRE(e->submit("acme", start("caller", "2026-03-02T10:00:00Z")).exit == 0);
  REQUIRE(e->submit("acme", start("callee", "2026-03-02T10:00:00Z")).exit == 0);
  int64_t events = count_rows(s, "SELECT count(*) FROM events");
  Response r = go("go", "2026-03-02T10:01:00Z", "caller");
  CHECK(r.code == "already-running");
  CHECK(r.message.find("a call cannot start it again") != std::string::npos);
  CHECK(count_rows(s, "SELECT count(*) FROM events") == events);
  TenantWorld w;
  REQUIRE(e->load("acme", w).exit == 0);
  CHECK(w.instances[0].st.step == "first");
}

TEST_CASE_METHOD(CallFixture, "without --playbook only unrelated runs stay ambiguous",
                 "[calls][engine]") {
  REQUIRE(e->submit("acme", start("caller", "2026-03-02T10:00:00Z")).exit == 0);
  REQUIRE(go("go", "2026-03-02T10:00:00Z").exit == 0);
  CHECK(go("agree", "2026-03-02T10:01:00Z", "caller").code == "unknown-event");
  REQUIRE(e->submit("acme", start("relay", "2026-03-02T10:02:00Z")).exit == 0);
  Response r = go("agree", "2026-03-02T10:03:00Z");
  CHECK(r.code == "ambiguous-instance");
  CHECK(go("agree", "2026-03-02T10:03:00Z", "callee").exit == 0);
}

TEST_CASE_METHOD(CallFixture, "caller and returns survive the store", "[calls][store]") {
  REQUIRE(e->submit("acme", start("caller", "2026-03-02T10:00:00Z")).exit == 0);
  REQUIRE(go("go", "2026-03-02T10:00:00Z").exit == 0);
  REQUIRE(go("agree", "2026-03-02T10:01:00Z").exit == 0);
  TenantWorld w;
  REQUIRE(e->load("acme", w).exit == 0);
  REQUIRE(w.instances.size() == 2);
  CHECK(w.instances[0].st.caller.empty());
  CHECK(w.instances[0].st.returns.at("callee") == "yes");
  CHECK(w.instances[1].st.caller == "caller");
  CHECK(count_rows(s, "SELECT count(*) FROM instances WHERE returns = '{\"callee\":\"yes\"}'") ==
        1);
}

TEST_CASE("a version-5 store reads its instances with no caller and no returns nor regions",
          "[calls][store]") {
  TempDb db;
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.path().c_str(), &raw) == SQLITE_OK);
    std::string sql;
    for (int n = 1; n <= 5; ++n) sql += migration_sql(n);
    sql +=
        "PRAGMA user_version = 5;"
        "INSERT INTO tenants VALUES('t', 1, 0);"
        "INSERT INTO playbook_sources(hash, playbook, filename, source) VALUES('h', 'p', 'f', '');"
        "INSERT INTO instances(tenant, playbook, hash, step, entered_at, status) VALUES"
        " ('t', 'p', 'h', 'a', 10, 'active');";
    REQUIRE(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  Store s(db.path());
  CHECK(s.user_version() == kSchemaVersion);
  TenantWorld w;
  REQUIRE(load_world(s, "t", w));
  REQUIRE(w.instances.size() == 1);
  CHECK(w.instances[0].st.caller.empty());
  CHECK(w.instances[0].st.returns.empty());
  CHECK(w.instances[0].st.regions.empty());
}

TEST_CASE("call and on return in both forms: parse and errors", "[calls]") {
  pb::Diagnostics d;
  auto m = pb::parse_dsl(
      "playbook a {\n  step s {\n    call playbook b-c\n    call playbook c\n"
      "    on return when outcome(b-c) == \"x\" -> s\n  }\n}\n",
      "t.playbook", d);
  REQUIRE(m);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code == pb::LintCode::DuplicateKey);
  CHECK(d.items()[0].loc.line == 4);
  const pb::Transition& t = m->steps[0].transitions[0];
  CHECK(t.trigger == pb::TriggerKind::Return);
  REQUIRE(t.guard);
  CHECK(t.guard->args[0].kind == pb::ExprKind::Call);
  CHECK(t.guard->args[0].args[0].text == "b-c");  // a slug, not a subtraction
  pb::Diagnostics e;
  pb::parse_dsl("playbook a {\n  step s {\n    call b\n  }\n}\n", "t.playbook", e);
  REQUIRE(!e.items().empty());
  CHECK(e.items()[0].message == "expected 'playbook' and a playbook id after 'call'");
  pb::Diagnostics y;
  auto ym = pb::parse_yaml_playbook(
      "playbook: a\nsteps:\n  - id: s\n    call: b\n    transitions:\n"
      "      - {return: true, to: s}\n",
      "t.playbook.yaml", y);
  REQUIRE(ym);
  CHECK(y.empty());
  CHECK(ym->steps[0].call == "b");
  CHECK(ym->steps[0].transitions[0].trigger == pb::TriggerKind::Return);
  pb::Diagnostics no;
  pb::parse_yaml_playbook(
      "playbook: a\nsteps:\n  - id: s\n    call: b\n    transitions:\n"
      "      - {return: false, to: s}\n",
      "t.playbook.yaml", no);
  REQUIRE(no.items().size() == 1);
  CHECK(no.items()[0].message == "'return' can only be true");
}

TEST_CASE("the calls data directory: scenarios with exact dates and 100% coverage",
          "[calls][cli]") {
  pbtest::check_data_dir("tests/data/calls", 6);
}

TEST_CASE("graph status and explain show the call", "[calls][cli]") {
  const std::string dir = "--playbooks tests/data/calls ";
  auto dot = pbtest::run_playbook(PB_SOURCE_DIR, dir + "graph --all");
  CHECK(dot.out.find("\"service-checks/mail_guidance\" -> \"grt-guidance/ask\" [style=dashed, "
                     "color=\"#3366cc\", label=\"call\"];") != std::string::npos);
  CHECK(dot.out.find("⇢ calls playbook grt-guidance") != std::string::npos);
  auto mm = pbtest::run_playbook(PB_SOURCE_DIR, dir + "graph --all --format mermaid");
  CHECK(mm.out.find("service_checks__mail_guidance -.->|call| grt_guidance__ask") !=
        std::string::npos);
  auto ex = pbtest::run_playbook(PB_SOURCE_DIR, dir + "explain service-checks mail_guidance");
  CHECK(ex.out.find("Calls playbook grt-guidance for this tenant and waits until it ends") !=
        std::string::npos);
  TempDb db;
  const std::string run = dir + "--db " + db.path() + " --now 2026-12-21T10:00:00Z ";
  REQUIRE(pbtest::run_playbook(PB_SOURCE_DIR, run + "tenant add t1 --set region=EMEA").code == 0);
  REQUIRE(pbtest::run_playbook(PB_SOURCE_DIR, run + "start t1 service-checks").code == 0);
  REQUIRE(pbtest::run_playbook(PB_SOURCE_DIR, run + "fire t1 unclear").code == 0);
  auto st = pbtest::run_playbook(PB_SOURCE_DIR, run + "status t1");
  INFO(st.out << st.err);
  CHECK(st.out.find("    calling grt-guidance: waits for its return") != std::string::npos);
  CHECK(st.out.find("    called by service-checks") != std::string::npos);
  auto js = pbtest::run_playbook(PB_SOURCE_DIR, run + "status t1 --format json");
  CHECK(js.out.find("\"caller\"") != std::string::npos);
}

TEST_CASE("whatif follows the call and ends where the caller ends", "[calls][cli]") {
  auto r = pbtest::run_playbook(PB_SOURCE_DIR,
                                "--playbooks tests/data/calls whatif service-checks --start "
                                "2026-12-21T10:00:00Z --region EMEA --follow unclear@+0h "
                                "advised@+1h");
  INFO(r.out << r.err);
  CHECK(r.out.find("Wed 2026-12-30 11:00  timer after 3 business days  grt-guidance: ask -> "
                   "queued; service-checks: mail_guidance -> done") != std::string::npos);
  CHECK(r.out.find("ended Wed 2026-12-30 11:00: service-checks: end \"checked\"") !=
        std::string::npos);
}

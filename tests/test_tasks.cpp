// test_tasks.cpp — task states and mandatory tasks by service: both forms
// (DSL -> model -> YAML -> model equal, printing idempotent), the evaluator
// (mark, task_state, the exit check: one refusal listing every open task,
// what is in scope), and the spellings of the task states.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <array>
#include <cstdio>

#include "data_dir_check.hpp"
#include "dsl_fixtures.hpp"
#include "grammar/frontend.hpp"
#include "interpreter/evaluator.hpp"
#include "model/calendar_math.hpp"
#include "run_binary.hpp"

using namespace pb;
using dsl_test::parse_clean;

namespace {

const char* kPlaybook = R"(playbook enablement {
  title "Enablement"
  scope tenant.workloads service workload.service where workload.l1 == "In Progress"

  role fm "FastTrack Manager"

  task 1 "Engagement" optional role fm services "All Services"
  task 2 "Kickoff" mandatory role fm services "All Services"
  task 11 "Exchange - Configure EXO" mandatory role fm services "Exchange Online"
  task 12 "Exchange - Migrate mailboxes" mandatory role fm services "Exchange Online"
  task 21 "Teams - Enable Teams" mandatory role fm services "Teams"

  event go
  event stay
  event finish

  tenant {
    attr workloads records workload {
      attr service enum("Exchange Online", Teams)
      attr l1 enum("In Progress", "No Intent")
    }
  }

  start work

  step work {
    tasks 1, 2, 11, 12, 21
    require mandatory tasks
    enter { mark 1 in_progress }
    on stay when task_state(1) == "in_progress" -> work { mark 1 blocked }
    on go -> last
    on finish -> work
  }

  step last {
    require mandatory tasks
    end "done"
  }
}
)";

Instant T(const char* s) {
  Instant t;
  REQUIRE(parse_iso_instant(s, t));
  return t;
}

Value workloads(std::vector<std::array<std::string, 3>> rows) {
  RecordMap m;
  for (const auto& [key, service, l1] : rows) {
    m[key]["service"] = Value::string(service);
    m[key]["l1"] = Value::string(l1);
  }
  return Value::of_records(std::move(m));
}

struct Run {
  explicit Run(std::string text = kPlaybook) : cp(compile_playbook(parse_clean(text), nullptr)) {}
  std::shared_ptr<const CompiledPlaybook> cp;
  TenantState t;
  InstanceState i;
  Result go(Input in) {
    in.actor = "fm1";
    Result r = evaluate(*cp, t, i, in, T("2026-04-01T09:00:00Z"), default_calendar());
    if (r.ok()) {
      apply_outcome(t, *r.outcome, in.actor, T("2026-04-01T09:00:00Z"));
      i = r.outcome->instance;
    }
    return r;
  }
  Result fire(const char* ev) {
    Input in;
    in.kind = InputKind::Fire;
    in.event = ev;
    return go(in);
  }
  Result task(InputKind k, int64_t id, TaskStatus st = TaskStatus::NotStarted) {
    Input in;
    in.kind = k;
    in.task = id;
    in.status = st;
    return go(in);
  }
};

}  // namespace

TEST_CASE("tasks: the task states and their spellings") {
  CHECK(task_status_names() ==
        std::vector<std::string>{"not_started", "complete", "in_progress", "blocked", "no_intent"});
  for (const auto& n : task_status_names()) {
    TaskStatus s;
    REQUIRE(parse_task_status(n, s));
    CHECK(to_string(s) == n);
  }
  TaskStatus s = TaskStatus::Blocked;
  CHECK_FALSE(parse_task_status("Blocked", s));
  CHECK(s == TaskStatus::Blocked);
  // The stored number of the first two is the bool stores wrote before.
  CHECK(static_cast<int>(TaskStatus::NotStarted) == 0);
  CHECK(static_cast<int>(TaskStatus::Complete) == 1);
}

TEST_CASE("tasks: mark, task_state, scope and require mandatory tasks in both forms") {
  Playbook m = parse_clean(kPlaybook);
  REQUIRE(m.scope);
  CHECK(m.scope->records == "tenant.workloads");
  CHECK(m.scope->service == "workload.service");
  CHECK(m.steps[0].require_mandatory);
  CHECK(m.steps[0].enter[0].kind == ActionKind::Mark);
  CHECK(m.steps[0].enter[0].text == "in_progress");
  CHECK(print_dsl(m) == kPlaybook);  // canonical
  std::string yaml = print_yaml(m);
  CHECK_THAT(yaml, Catch::Contains("scope: {records: tenant.workloads, service: workload.service"));
  CHECK_THAT(yaml, Catch::Contains("require_mandatory_tasks: true"));
  CHECK_THAT(yaml, Catch::Contains("- mark: {task: 1, state: in_progress}"));
  Diagnostics d;
  auto back = parse_yaml_playbook(yaml, "p.playbook.yaml", d);
  INFO(dsl_test::render(d));
  REQUIRE(back);
  CHECK(d.empty());
  CHECK(*back == m);
  CHECK(print_yaml(*back) == yaml);
  CHECK(print_dsl(*back) == kPlaybook);
}

TEST_CASE("tasks: a scope without service or where reads the record key, every record") {
  std::string text = kPlaybook;
  text.replace(text.find(" service workload.service where"),
               std::string(" service workload.service where workload.l1 == \"In Progress\"").size(),
               "");
  Playbook m = parse_clean(text);
  REQUIRE(m.scope);
  CHECK(m.scope->service.empty());
  CHECK_FALSE(m.scope->where);
  Diagnostics d;
  auto back = parse_yaml_playbook(print_yaml(m), "p.playbook.yaml", d);
  REQUIRE(back);
  CHECK(*back == m);
}

TEST_CASE("tasks: one refusal lists every open mandatory task of the services in scope") {
  Run r;
  r.t.attrs["workloads"] =
      workloads({{{"EXO", "Exchange Online", "In Progress"}}, {{"T", "Teams", "No Intent"}}});
  Input start;
  start.kind = InputKind::Start;
  REQUIRE(r.go(start).ok());
  CHECK(r.t.tasks[1].status == TaskStatus::InProgress);
  Result no = r.fire("go");
  REQUIRE_FALSE(no.ok());
  CHECK(no.refusal.code == RefusalCode::MandatoryTasksOpen);
  CHECK(no.refusal.reason ==
        "step 'work' cannot be left: 3 mandatory tasks of the services in scope are not "
        "complete: 2 \"Kickoff\" (All Services); 11 \"Exchange - Configure EXO\" (Exchange "
        "Online); 12 \"Exchange - Migrate mailboxes\" (Exchange Online)");
  CHECK(no.refusal.also.empty());
  // A transition back into the same step is not an exit.
  CHECK(r.fire("finish").ok());
  // The transition marks 1 blocked, then re-entry marks it in progress: the
  // last change is the state.
  Result stay = r.fire("stay");
  REQUIRE(stay.ok());
  REQUIRE(stay.outcome->tasks.size() == 2);
  CHECK(stay.outcome->tasks[0].status == TaskStatus::Blocked);
  CHECK(stay.outcome->tasks[1].before == TaskStatus::Blocked);
  CHECK(r.t.tasks[1].status == TaskStatus::InProgress);
  for (int64_t id : {2, 11, 12}) REQUIRE(r.task(InputKind::Complete, id).ok());
  // Teams is out of scope (No Intent): its task 21 does not block; the
  // optional task 1 (blocked) never does. `last` requires them too: entered.
  Result ok = r.fire("go");
  REQUIRE(ok.ok());
  CHECK(r.i.status == InstanceStatus::Ended);
}

TEST_CASE("tasks: a terminal step that requires the mandatory tasks refuses its entry") {
  std::string text = kPlaybook;  // `work` no longer requires them; `last` does
  text.erase(text.find("    require mandatory tasks\n"), 28);
  Run r(text);
  r.t.attrs["workloads"] = workloads({{{"T", "Teams", "In Progress"}}});
  r.t.tasks[2].status = TaskStatus::Complete;
  r.t.tasks[21].status = TaskStatus::InProgress;
  Input start;
  start.kind = InputKind::Start;
  REQUIRE(r.go(start).ok());
  Result no = r.fire("go");
  REQUIRE_FALSE(no.ok());
  CHECK(no.refusal.reason ==
        "step 'last' cannot be reached: 1 mandatory task of the services in scope is not complete: "
        "21 \"Teams - Enable Teams\" (Teams)");
  CHECK(r.i.step == "work");
}

TEST_CASE("tasks: the FM's mark: a state, the same state again, complete") {
  Run r;
  r.t.attrs["workloads"] = workloads({});
  Input start;
  start.kind = InputKind::Start;
  REQUIRE(r.go(start).ok());
  Result m = r.task(InputKind::Mark, 11, TaskStatus::Blocked);
  REQUIRE(m.ok());
  REQUIRE(m.outcome->tasks.size() == 1);
  CHECK(m.outcome->tasks[0].before == TaskStatus::NotStarted);
  CHECK(m.outcome->tasks[0].status == TaskStatus::Blocked);
  CHECK(r.task(InputKind::Mark, 11, TaskStatus::Blocked).refusal.code ==
        RefusalCode::AlreadyMarked);
  CHECK(r.task(InputKind::Mark, 99, TaskStatus::Blocked).refusal.code == RefusalCode::UnknownTask);
  // reset refuses only a task that is not started; a blocked one is reset.
  CHECK(r.task(InputKind::Reset, 12).refusal.code == RefusalCode::NotComplete);
  REQUIRE(r.task(InputKind::Reset, 11).ok());
  CHECK(r.t.tasks[11].status == TaskStatus::NotStarted);
  REQUIRE(r.task(InputKind::Mark, 11, TaskStatus::Complete).ok());
  CHECK(r.t.tasks[11].complete());
  CHECK(r.task(InputKind::Mark, 11, TaskStatus::Complete).refusal.code ==
        RefusalCode::AlreadyComplete);
}

TEST_CASE("tasks: the scenarios of tests/data/tasks pass, every transition taken, lint clean",
          "[tasks][cli]") {
  pbtest::check_data_dir("tests/data/tasks", 2);
}

TEST_CASE("tasks: mark on the command line, logged, shown by history and replayed",
          "[tasks][cli]") {
  const std::string src = PB_SOURCE_DIR;
  std::string db = std::string("/tmp/pb_tasks_") + std::to_string(::getpid()) + ".db";
  std::remove(db.c_str());
  std::string g =
      "--db " + db + " --playbooks tests/data/tasks --now 2026-04-01T09:00:00Z --as fm1 ";
  auto run = [&](const std::string& args) { return pbtest::run_playbook(src, g + args); };
  REQUIRE(run("tenant add acme --set 'workloads.EXO.service=Exchange Online' "
              "--set 'workloads.EXO.l1=In Progress'")
              .code == 0);
  REQUIRE(run("start acme service-enablement").code == 0);
  auto m = run("mark acme 3653 blocked --note 'Waiting for the account team'");
  INFO(m.out << m.err);
  CHECK(m.code == 0);
  CHECK(m.out == "task 3653: not_started -> blocked\n");
  auto again = run("mark acme 3653 blocked");
  CHECK(again.code == 1);
  CHECK(again.err.find("[already-marked]") != std::string::npos);
  auto bad = run("mark acme 3653 blokced");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("did you mean 'blocked'?") != std::string::npos);
  auto exit = run("fire acme enabled");
  CHECK(exit.code == 1);
  CHECK(exit.err.find("4101 \"Exchange - Configure EXO\" (Exchange Online); 4102 \"Exchange - "
                      "Migrate mailboxes\" (Exchange Online) [mandatory-tasks-open]") !=
        std::string::npos);
  auto h = run("history acme");
  CHECK(h.out.find("mark task 3653 service-enablement by fm1: task 3653: not_started -> "
                   "blocked") != std::string::npos);
  CHECK(run("tenant show acme").out.find("task 3653 blocked (fm1 2026-04-01T09:00:00Z)") !=
        std::string::npos);
  auto st = run("status acme");
  CHECK(st.out.find("task 3653 \"Account Team Engagement\": blocked (fm1") != std::string::npos);
  CHECK(run("replay acme").code == 0);
  std::remove(db.c_str());
}

// test_checker_names.cpp — the checker on models built in C++: duplicate ids,
// undefined references of every kind with "did you mean", cross-playbook
// checks (PB021, PB070) and unused declarations.
#include <catch2/catch.hpp>

#include "checker_fixture.hpp"

using namespace fx;

TEST_CASE("a clean playbook has no findings") {
  auto d = check(base());
  INFO(dump(d));
  CHECK(d.empty());
}

TEST_CASE("duplicate ids are PB020 naming the first place") {
  auto p = base();
  p.steps.push_back(p.steps[1]);
  p.steps.back().loc = at(30, 3);
  p.roles.push_back(p.roles[0]);
  p.roles.back().loc = at(6, 3);
  auto d = check(p);
  INFO(dump(d));
  auto* f = find(d, "PB020");
  REQUIRE(f);
  CHECK(f->message == "duplicate role id 'fm'; it is already declared at t.playbook:2:3");
  CHECK(count(d, "PB020") == 2);
  CHECK_FALSE(find(d, "PB050"));
}

TEST_CASE("undefined step, role, task, event with did you mean") {
  auto p = base();
  p.steps[0].transitions[0].target = "doen";
  p.steps[0].transitions[0].target_loc = at(50, 20);
  p.steps[0].role = "fn";
  p.steps[0].role_loc = at(10, 30);
  p.steps[0].tasks = {3633};
  p.steps[0].transitions.push_back(on("replyed", "done", 55));
  auto d = check(p);
  INFO(dump(d));
  auto* s = find(d, "PB030");
  REQUIRE(s);
  CHECK(s->loc.str() == "t.playbook:50:20");
  CHECK(s->message == "transition target 'doen' is not a step of playbook 'engage'");
  CHECK(s->hint == "did you mean 'done'?");
  REQUIRE(find(d, "PB031"));
  CHECK(find(d, "PB031")->hint == "did you mean 'fm'?");
  REQUIRE(find(d, "PB032"));
  CHECK(find(d, "PB032")->hint == "did you mean '3663'?");
  REQUIRE(find(d, "PB037"));
  CHECK(find(d, "PB037")->hint == "did you mean 'replied'?");
}

TEST_CASE("goto, next, handoff and start must resolve") {
  auto p = base();
  p.steps[1].terminal = TerminalKind::Goto;
  p.steps[1].terminal_arg = "assign-to-delivry";
  p.next = {"nowhere"};
  Playbook other = base("assign-to-delivery", "o.playbook");
  Project pr;
  pr.playbooks = {p, other};
  auto d = check(pr);
  INFO(dump(d));
  auto* g = find(d, "PB033");
  REQUIRE(g);
  CHECK(count(d, "PB033") == 2);

  auto q = base();
  q.steps[1].terminal = TerminalKind::Handoff;
  q.steps[1].terminal_arg = "grt-disengage";
  q.start = "emial";
  auto d2 = check(q);
  INFO(dump(d2));
  REQUIRE(find(d2, "PB038"));
  REQUIRE(find(d2, "PB030"));
  CHECK(find(d2, "PB030")->hint == "did you mean 'email'?");
}

TEST_CASE("duplicate playbook ids are PB021 naming both places") {
  Project pr;
  pr.playbooks = {base("engage", "a.playbook"), base("engage", "b.playbook")};
  auto d = check(pr);
  auto* f = find(d, "PB021");
  REQUIRE(f);
  CHECK(f->loc.str() == "b.playbook:1:1");
  CHECK(f->message.find("a.playbook:1:1") != std::string::npos);
}

TEST_CASE("one task id with two names is PB070, exact message") {
  auto a = base("one", "a.playbook");
  auto b = base("two", "other.playbook");
  a.tasks[0].id = b.tasks[0].id = 3985;
  a.steps[0].tasks = b.steps[0].tasks = {3985};
  a.tasks[0].name = "Customer or ATU Requested delay";
  b.tasks[0].name = "ATU Requested delay";
  b.tasks[0].loc = at(12, 3, "other.playbook");
  b.tasks[0].mandatory = true;
  Project pr;
  pr.playbooks = {a, b};
  auto d = check(pr);
  INFO(dump(d));
  REQUIRE(d.items().size() == 2);
  CHECK(d.items()[1].message ==
        "task 3985 is named \"ATU Requested delay\" here but \"Customer or ATU Requested delay\" "
        "at a.playbook:3:3");
  CHECK(d.items()[0].message == "task 3985 is mandatory here but optional at a.playbook:3:3");
}

TEST_CASE("unused roles, tasks and events are warnings") {
  auto p = base();
  p.roles.push_back({at(7, 3), {}, "grt", "GRT Lead"});
  Task t;
  t.id = 3664;
  t.name = "Send Email Outreach #2";
  t.role = "fm";
  t.loc = at(8, 3);
  p.tasks.push_back(t);
  p.events.push_back({at(9, 3), {}, "paused", "Paused", {}});
  auto d = check(p);
  INFO(dump(d));
  CHECK(codes(d) == std::vector<std::string>{"PB080", "PB081", "PB082"});
  CHECK_FALSE(d.has_errors());
  CHECK(
      d.items()[1].message ==
      "task 3664 \"Send Email Outreach #2\" is declared but no step, action, group or rule uses it");
}

TEST_CASE("task(N) in a guard counts as a use and must resolve") {
  auto p = base();
  p.steps[0].tasks.clear();
  p.steps[0].transitions[1].guard = call("task", {num(3663)});
  CHECK(check(p).empty());
  p.steps[0].transitions[1].guard = call("task", {num(3664)});
  auto d = check(p);
  CHECK(count(d, "PB032") == 1);
  CHECK(count(d, "PB081") == 0);  // 3663, the one 3664 was close to, is not also unused
}

TEST_CASE("calendar values need calendars when the directory has calendars/") {
  auto p = base();
  p.tenant.attributes.push_back(attr("region", TypeKind::Enum, {"AMERICAS", "EMEA"}));
  p.calendar = "tenant.region";
  Project pr;
  pr.playbooks = {p};
  CHECK(check(pr).empty());
  pr.has_calendar_dir = true;
  pr.calendars.push_back(Calendar{});
  pr.calendars.back().id = "AMERICAS";
  auto d = check(pr);
  INFO(dump(d));
  REQUIRE(find(d, "PB036"));
  CHECK(find(d, "PB036")->message ==
        "no business calendar for tenant.region \"EMEA\": add calendars/EMEA.yaml");
  pr.playbooks[0].calendar = "tenant.regoin";
  CHECK(find(check(pr), "PB034"));
}

// test_checker_graph.cpp — graph checks: unreachable steps, dead ends,
// decision steps, mixed triggers, overlapping guards, steps that only wait.
#include <catch2/catch.hpp>

#include "checker_fixture.hpp"

using namespace fx;

TEST_CASE("unreachable steps and dead ends") {
  auto p = base();
  Step lost;
  lost.id = "lost";
  lost.loc = at(30, 3);
  p.steps.push_back(lost);
  auto d = check(p);
  INFO(dump(d));
  CHECK(codes(d) == std::vector<std::string>{"PB050", "PB051"});
  CHECK(d.items()[0].message ==
        "step 'lost' is unreachable: no transition from the start step 'email' leads to it");
}

TEST_CASE("decision steps end with otherwise and do not mix triggers") {
  auto p = base();
  p.events.clear();
  p.steps[0].transitions = {when(path("tenant.managed"), "done")};
  auto d = check(p);
  INFO(dump(d));
  // The step lists tasks, which a decision step never shows (PB056).
  CHECK(codes(d) == std::vector<std::string>{"PB056", "PB052"});
  CHECK_FALSE(d.has_errors());
  p.steps[0].transitions.push_back(otherwise("done"));
  CHECK(codes(check(p)) == std::vector<std::string>{"PB056"});
  p.steps[0].transitions.push_back(on("replied", "done", 60));
  d = check(p);
  CHECK(codes(d) == std::vector<std::string>{"PB037", "PB055"});
}

TEST_CASE("overlapping guards on one event warn; exclusive ones do not") {
  auto p = base();
  auto& ts = p.steps[0].transitions;
  ts = {on("replied", "done", 50), on("replied", "done", 55), after(2, "done", 58)};
  auto d = check(p);
  INFO(dump(d));
  REQUIRE(codes(d) == std::vector<std::string>{"PB053"});
  CHECK(d.items()[0].loc.line == 55);
  CHECK(d.items()[0].message.find("t.playbook:50:1") != std::string::npos);

  auto exclusive = [&](Expr a, Expr b) {
    ts[0].guard = std::move(a);
    ts[1].guard = std::move(b);
    return !find(check(p), "PB053");
  };
  CHECK(exclusive(path("tenant.managed"), not_(path("tenant.managed"))));
  CHECK(exclusive(op("==", path("tenant.l1"), str("Blocked")),
                  op("==", path("tenant.l1"), str("In Progress"))));
  CHECK(exclusive(op("<", path("tenant.priority"), num(3)),
                  op(">=", path("tenant.priority"), num(3))));
  CHECK(exclusive(op("and", path("tenant.managed"), op(">", path("tenant.priority"), num(1))),
                  not_(path("tenant.managed"))));
  CHECK_FALSE(exclusive(op("<", path("tenant.priority"), num(3)),
                        op(">", path("tenant.priority"), num(1))));
  CHECK_FALSE(exclusive(path("tenant.managed"), op("==", path("tenant.l1"), str("Blocked"))));
  ts[0].guard.reset();
  ts[1].guard = path("tenant.managed");
  CHECK(find(check(p), "PB053"));
}

TEST_CASE("overlaps in a step of many transitions are found as in a short one") {
  auto p = base();
  auto& ts = p.steps[0].transitions;
  ts.clear();
  for (int i = 0; i < 20; ++i)
    ts.push_back(after(i + 1, "done", 100 + i));  // past the pairwise scan
  ts.push_back(on("replied", "done", 50));
  ts.push_back(on("replied", "done", 55));
  auto d = check(p);
  INFO(dump(d));
  REQUIRE(codes(d) == std::vector<std::string>{"PB053"});
  CHECK(d.items()[0].loc.line == 55);
  CHECK(d.items()[0].message.find("t.playbook:50:1") != std::string::npos);
  CHECK(d.items()[0].message.find("both fire on event 'replied' in step 'email'") !=
        std::string::npos);
}

TEST_CASE("a step that only waits for events warns") {
  auto p = base();
  p.steps[0].transitions = {on("replied", "done")};
  auto d = check(p);
  REQUIRE(codes(d) == std::vector<std::string>{"PB054"});
  CHECK(d.items()[0].message ==
        "step 'email' only waits for 'replied'; with no timer (`after …`, `at …`) or "
        "reminder (`remind ROLE after …`) nothing escalates when none comes");
}

TEST_CASE("linting many playbooks stays fast") {
  Project pr;
  for (int i = 0; i < 1000; ++i) {
    auto p = base("pb-" + std::to_string(i));
    for (int k = 0; k < 40; ++k) {
      Step st = p.steps[0];
      st.id = "s" + std::to_string(k);
      st.transitions[0].target = k + 1 < 40 ? "s" + std::to_string(k + 1) : "done";
      p.steps.push_back(st);
    }
    p.steps[0].transitions[1].target = "s0";
    pr.playbooks.push_back(std::move(p));
  }
  auto t0 = std::chrono::steady_clock::now();
  auto d = check(pr);
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
  INFO(ms.count() << " ms");
  CHECK(d.empty());
  CHECK(ms.count() < 5000);
}

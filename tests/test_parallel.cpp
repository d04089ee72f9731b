// test_parallel.cpp — parallel regions (docs/language.md, "Parallel
// regions") in the pure evaluator, on the engine and the store, and the
// data directory tests/data/parallel under `playbook test` and `lint`:
// regions started in order, one event moving several regions in one input,
// a refusal in one region refusing the input for all, joins that wait for
// the regions they name and stop the others, leaving early (the parallel
// step's own transitions, a region's way out, an end inside a region),
// timers owned by region steps, and replay of all of it.
#include <catch2/catch.hpp>

#include <algorithm>

#include "data_dir_check.hpp"
#include "evaluator_run.hpp"
#include "run_binary.hpp"
#include "runtime/store_world.hpp"
#include "runtime_fixture.hpp"

using pb::InstanceStatus;
using pbtest::EvalRun;

namespace {

const char* kPar = R"(playbook par {
  role fm "FastTrack Manager"
  task 1 "Confirm A" optional role fm
  event go "Go"
  event a_done "A done"
  event b_done "B done"
  event both "Both done"
  event bad "Bad"
  event out "Out"
  event again "Again"
  event paused "Paused"
  start before

  anywhere {
    on paused -> held
  }

  step before "Before" role fm {
    on go -> work
    after 1 week -> held
  }

  step work "Work" role fm {
    parallel {
      region a "A" {
        step a1 "A one" role fm {
          on a_done -> a2
          on both -> a2
          on out -> after_work
          on task 1 -> a2
          after 2 days -> a_late
          on bad -> a2
        }

        step a_late "A late" role fm {
          on a_done -> a2
          remind fm every 1 day "A is late"
        }

        step a2 "A done" {
          done
        }
      }

      region b "B" {
        step b1 "B one" role fm {
          on b_done -> b2
          on both -> b2
          on bad -> b2 { require false else "B cannot finish yet" code b_not_yet }
          after 3 days -> b_end
        }

        step b_end "B ended the run" {
          end "b ended"
        }

        step b2 "B done" {
          done
        }
      }

      region c "C" {
        step c1 "C ongoing" role fm {
          remind fm every 1 week "C sync"
        }
      }
    }
    join a, b -> after_work
    on again -> work
    after 4 weeks -> held
  }

  step after_work "After" role fm {
    on go -> finished
    after 1 week -> held
  }

  step finished "Finished" {
    end "finished"
  }

  step held "Held" {
    end "held"
  }
}
)";

struct Par : EvalRun {
  Par() : EvalRun(kPar, "par.playbook") {
    REQUIRE(start("2026-03-02T09:00:00Z").ok());
    REQUIRE(fire("go", "2026-03-02T10:00:00Z").ok());
  }
  std::vector<std::string> timer_steps() const {
    std::vector<std::string> out;
    for (const auto& t : i.timers) out.push_back(t.step);
    return out;
  }
};

}  // namespace

TEST_CASE_METHOD(Par, "entering a parallel step starts every region in order", "[parallel]") {
  CHECK(i.step == "work");
  CHECK(region("a") == "a1");
  CHECK(region("b") == "b1");
  CHECK(region("c") == "c1");
  CHECK(due_of("work", 2) == "2026-03-30T10:00:00Z");
  CHECK(due_of("a1", 4) == "2026-03-04T10:00:00Z");
  CHECK(due_of("b1", 3) == "2026-03-05T10:00:00Z");
  CHECK(due_of("c1", 0) == "2026-03-09T10:00:00Z");
  CHECK(timer_steps() == std::vector<std::string>{"a1", "b1", "c1", "work"});
}

TEST_CASE("the steps entered list the parallel step then each region's first step", "[parallel]") {
  EvalRun r(kPar, "par.playbook");
  REQUIRE(r.start("2026-03-02T09:00:00Z").ok());
  auto res = r.fire("go", "2026-03-02T10:00:00Z");
  REQUIRE(res.ok());
  CHECK(res.outcome->entered == std::vector<std::string>{"work", "a1", "b1", "c1"});
}

TEST_CASE_METHOD(Par, "one event moves every region that takes it in one input", "[parallel]") {
  auto res = fire("both", "2026-03-02T11:00:00Z");
  REQUIRE(res.ok());
  CHECK(res.outcome->entered == std::vector<std::string>{"a2", "b2", "after_work"});
  CHECK(i.step == "after_work");
  CHECK(i.regions.empty());
  CHECK(timer_steps() == std::vector<std::string>{"after_work"});
}

TEST_CASE_METHOD(Par, "a refusal in one region refuses the input for every region", "[parallel]") {
  auto before = i;
  auto res = fire("bad", "2026-03-02T11:00:00Z");
  REQUIRE_FALSE(res.ok());
  CHECK(res.refusal.code == "b_not_yet");
  CHECK(i == before);  // region a did not move either
  CHECK(region("a") == "a1");
}

TEST_CASE_METHOD(Par, "a join waits for the regions it names and stops the others", "[parallel]") {
  REQUIRE(fire("a_done", "2026-03-02T11:00:00Z").ok());
  CHECK(i.step == "work");
  CHECK(region("a") == "a2");
  CHECK(timer_steps() == std::vector<std::string>{"b1", "c1", "work"});
  REQUIRE(fire("b_done", "2026-03-02T12:00:00Z").ok());
  CHECK(i.step == "after_work");  // c never finishes: the join does not wait for it
  CHECK(i.regions.empty());
  CHECK(timer_steps() == std::vector<std::string>{"after_work"});
}

TEST_CASE_METHOD(Par, "a region's way out of its region leaves the parallel step", "[parallel]") {
  REQUIRE(fire("out", "2026-03-02T11:00:00Z").ok());
  CHECK(i.step == "after_work");
  CHECK(i.regions.empty());
  CHECK(timer_steps() == std::vector<std::string>{"after_work"});
}

TEST_CASE_METHOD(Par, "an end inside a region ends the whole run", "[parallel]") {
  auto res = tick("b1", 3, "2026-03-05T10:00:00Z");
  REQUIRE(res.ok());
  CHECK(i.status == InstanceStatus::Ended);
  CHECK(i.outcome == "b ended");
  CHECK(i.regions.empty());
  CHECK(i.timers.empty());
}

TEST_CASE_METHOD(Par, "a region's timer fires in its region only", "[parallel]") {
  REQUIRE(tick("a1", 4, "2026-03-04T10:00:00Z").ok());
  CHECK(region("a") == "a_late");
  CHECK(region("b") == "b1");
  CHECK(due_of("a1", 4) == "not armed");
  CHECK(due_of("a_late", 1) == "2026-03-05T10:00:00Z");
  CHECK(due_of("b1", 3) == "2026-03-05T10:00:00Z");
}

TEST_CASE_METHOD(Par, "a timer of a step its region left is stale", "[parallel]") {
  pb::TimerState old{"a1", 4, pbtest::at("2026-03-04T10:00:00Z")};
  REQUIRE(fire("a_done", "2026-03-02T11:00:00Z").ok());
  pb::Input in;
  in.kind = pb::InputKind::Tick;
  in.timer = old;
  auto res = go(in, "2026-03-04T10:00:00Z");
  REQUIRE_FALSE(res.ok());
  CHECK(res.refusal.code == "timer-stale");
}

TEST_CASE_METHOD(Par, "entering the parallel step again starts every region again", "[parallel]") {
  REQUIRE(tick("a1", 4, "2026-03-04T10:00:00Z").ok());
  REQUIRE(fire("again", "2026-03-04T11:00:00Z").ok());
  CHECK(region("a") == "a1");
  CHECK(i.visits["work"] == 2);
  CHECK(i.visits["a1"] == 2);
  CHECK(due_of("a_late", 1) == "not armed");
}

TEST_CASE_METHOD(Par, "playbook-wide transitions apply to the parallel step", "[parallel]") {
  REQUIRE(fire("paused", "2026-03-02T11:00:00Z").ok());
  CHECK(i.status == InstanceStatus::Ended);
  CHECK(i.outcome == "held");
}

TEST_CASE_METHOD(Par, "a task completion moves the region that waits for it", "[parallel]") {
  REQUIRE(complete(1, "2026-03-02T11:00:00Z").ok());
  CHECK(region("a") == "a2");
  CHECK(region("b") == "b1");
}

TEST_CASE_METHOD(Par, "an event nothing takes is refused naming the regions' steps", "[parallel]") {
  auto res = fire("go", "2026-03-02T11:00:00Z");
  REQUIRE_FALSE(res.ok());
  CHECK(res.refusal.code == "event-not-possible");
  CHECK(res.refusal.reason ==
        "event 'go' is not possible in step 'work' nor in its regions (a1, b1, c1); possible: "
        "again, paused, a_done, both, out, bad, b_done");
}

// ---------------------------------------------------------------- engine

namespace {

struct ParEngine {
  pbt::TempDb db;
  pb::rt::Store s{db.path()};
  pbt::Dir dir;
  std::unique_ptr<pb::rt::Engine> e;
  ParEngine() {
    pb::Diagnostics d;
    auto p = pb::parse_dsl(kPar, "par.playbook", d);
    REQUIRE(p);
    dir.add("par.playbook.yaml", pb::print_yaml(*p));
    e = std::make_unique<pb::rt::Engine>(s, dir.cat());
    REQUIRE(e->tenant_add("acme", {}, "fm1", pbt::at("2026-03-02T09:00:00Z")).exit == 0);
    REQUIRE(e->submit("acme", pbt::start("par", "2026-03-02T09:00:00Z")).exit == 0);
  }
  pb::rt::Response go(const char* event, const char* now) {
    return e->submit("acme", pbt::fire(event, now));
  }
  const pb::InstanceState& run(const pb::rt::Response& r) {
    REQUIRE(r.world.instances.size() == 1);
    return r.world.instances[0].st;
  }
};

}  // namespace

TEST_CASE_METHOD(ParEngine, "the store keeps the regions and replay matches",
                 "[parallel][engine]") {
  auto r = go("go", "2026-03-02T10:00:00Z");
  REQUIRE(r.exit == 0);
  pb::rt::TenantWorld stored;
  REQUIRE(pb::rt::load_world(s, "acme", stored));
  REQUIRE(stored.instances.size() == 1);
  CHECK(stored.instances[0].st == run(r));
  CHECK(stored.instances[0].st.regions.size() == 3);
  REQUIRE(go("a_done", "2026-03-02T11:00:00Z").exit == 0);
  auto tick = e->tick(pbt::at("2026-03-05T10:00:00Z"));
  CHECK(tick.fired == 1);  // b1's 3 days: one timer per instance and tick
  auto rp = e->replay("acme");
  for (auto& d : rp.diffs) UNSCOPED_INFO(d);
  CHECK(rp.matches());
  REQUIRE(pb::rt::load_world(s, "acme", stored));
  CHECK(stored.instances[0].st.status == InstanceStatus::Ended);
}

TEST_CASE_METHOD(ParEngine, "the summary puts each region's steps after the parallel step",
                 "[parallel][engine]") {
  CHECK(go("go", "2026-03-02T10:00:00Z").applied.summary ==
        "par: before -> work (a: a1, b: b1, c: c1)");
  CHECK(go("a_done", "2026-03-02T11:00:00Z").applied.summary == "par: work (a: a2)");
  CHECK(go("b_done", "2026-03-02T12:00:00Z").applied.summary == "par: work (b: b2) -> after_work");
}

TEST_CASE_METHOD(ParEngine, "a refused event in one region writes nothing", "[parallel][engine]") {
  REQUIRE(go("go", "2026-03-02T10:00:00Z").exit == 0);
  pb::rt::TenantWorld before;
  REQUIRE(pb::rt::load_world(s, "acme", before));
  auto r = go("bad", "2026-03-02T11:00:00Z");
  CHECK(r.exit == 1);
  CHECK(r.code == "b_not_yet");
  pb::rt::TenantWorld after;
  REQUIRE(pb::rt::load_world(s, "acme", after));
  CHECK(after.instances[0].st == before.instances[0].st);
  CHECK(pbt::count_rows(s, "SELECT count(*) FROM events") == 3);
}

// ---------------------------------------------------------------- data directory

TEST_CASE("parallel scenarios: exact dates over Christmas and 100% coverage", "[parallel][cli]") {
  pbtest::check_data_dir("tests/data/parallel", 5);
}

// test_evaluator_calls.cpp — the pure evaluator on call and return
// (docs/language.md, "Call and return"): entering a calling step reports the
// call and arms its timers; a Return records the outcome that outcome() reads
// and takes the first `on return` that holds; refusals not-calling and
// no-return-branch; a start keeps the caller the runtime set.
#include <catch2/catch.hpp>

#include "grammar/frontend.hpp"
#include "interpreter/evaluator.hpp"
#include "model/calendar_math.hpp"

using namespace pb;

namespace {

const char* kCalls = R"(playbook checks {
  event go "Go"
  start first

  step first {
    on go -> ask
  }

  step ask {
    call playbook guide
    on return when outcome(guide) == "blocked" -> blocked
    on return when outcome(guide) != "" -> done
    after 2 days -> blocked
  }

  step done {
    end "done"
  }

  step blocked {
    end "blocked"
  }
}
)";

struct Run {
  std::shared_ptr<const CompiledPlaybook> cp;
  TenantState t;
  InstanceState i;
  Run() {
    Diagnostics d;
    auto pb = parse_dsl(kCalls, "checks.playbook", d);
    REQUIRE(pb);
    REQUIRE_FALSE(d.has_errors());
    cp = compile_playbook(*pb, nullptr);
  }
  Result go(Input in) {
    Instant now;
    REQUIRE(parse_iso_instant("2026-03-02T10:00:00Z", now));
    Result r = evaluate(*cp, t, i, in, now, default_calendar());
    if (r.ok()) i = r.outcome->instance;
    return r;
  }
  Result input(InputKind k, std::string event = "", std::string callee = "",
               std::string outcome = "") {
    Input in;
    in.kind = k;
    in.event = std::move(event);
    in.callee = std::move(callee);
    in.outcome = std::move(outcome);
    return go(in);
  }
};

}  // namespace

TEST_CASE("entering a calling step reports the call and arms its timers", "[calls][evaluator]") {
  Run r;
  r.i.playbook = "checks";
  r.i.caller = "outer";  // set by the runtime before the start: kept
  REQUIRE(r.input(InputKind::Start).ok());
  CHECK(r.i.caller == "outer");
  Result res = r.input(InputKind::Fire, "go");
  REQUIRE(res.ok());
  CHECK(res.outcome->call == "guide");
  CHECK(r.i.step == "ask");
  CHECK(r.i.timers.size() == 1);
}

TEST_CASE("a return takes the first on return that holds", "[calls][evaluator]") {
  Run r;
  r.i.playbook = "checks";
  REQUIRE(r.input(InputKind::Start).ok());
  REQUIRE(r.input(InputKind::Fire, "go").ok());
  Result wrong = r.input(InputKind::Return, "", "other", "x");
  CHECK(wrong.refusal.code == RefusalCode::NotCalling);
  // "" matches no `on return` (outcome(guide) != "" is false): refused whole.
  Result none = r.input(InputKind::Return, "", "guide", "");
  CHECK(none.refusal.code == RefusalCode::NoReturnBranch);
  CHECK(r.i.returns.empty());
  Result ok = r.input(InputKind::Return, "", "guide", "blocked");
  REQUIRE(ok.ok());
  CHECK(ok.outcome->call.empty());
  CHECK(r.i.step == "blocked");
  CHECK(r.i.returns.at("guide") == "blocked");
  CHECK(r.i.status == InstanceStatus::Ended);
}

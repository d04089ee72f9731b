// test_evaluator_dsl.cpp — the evaluator on playbooks written as DSL text:
// the example of docs/language.md, and a seed-like pause rule and
// exactly-one group.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "grammar/frontend.hpp"
#include "model/calendar_math.hpp"
#include "interpreter/evaluator.hpp"

using namespace pb;

namespace {

std::shared_ptr<const CompiledPlaybook> compile_text(const std::string& text,
                                                     const Schema* shared = nullptr) {
  Diagnostics d;
  auto pb = parse_dsl(text, "t.playbook", d);
  for (const auto& x : d.items()) UNSCOPED_INFO(x.loc.str() << " " << x.message);
  REQUIRE(pb);
  REQUIRE_FALSE(d.has_errors());
  return compile_playbook(*pb, shared);
}

std::string docs_example() {
  std::ifstream f(PB_SOURCE_DIR "/docs/language.md");
  std::stringstream ss;
  ss << f.rdbuf();
  std::string md = ss.str();
  auto b = md.find("```\n# Seed 000");
  auto e = md.find("```", b + 3);
  REQUIRE(b != std::string::npos);
  return md.substr(b + 4, e - b - 4);
}

Instant T(const char* s) {
  Instant t;
  REQUIRE(parse_iso_instant(s, t));
  return t;
}

struct Run {
  explicit Run(std::shared_ptr<const CompiledPlaybook> c) : cp(std::move(c)) {}
  std::shared_ptr<const CompiledPlaybook> cp;
  TenantState t;
  InstanceState i;
  Result go(Input in, const char* now) {
    Result r = evaluate(*cp, t, i, in, T(now), default_calendar());
    if (r.ok()) {
      apply_outcome(t, *r.outcome, in.actor, T(now));
      i = r.outcome->instance;
    }
    return r;
  }
};

Input fire(std::string ev, std::vector<std::pair<std::string, std::string>> sets = {}) {
  Input in;
  in.kind = InputKind::Fire;
  in.event = std::move(ev);
  in.sets = std::move(sets);
  in.actor = "fm";
  return in;
}

}  // namespace

TEST_CASE("the docs example runs: outreach, timer, goto", "[evaluator-dsl]") {
  Schema shared;
  Attribute contacts;
  contacts.name = "contacts";
  contacts.type.kind = TypeKind::Contacts;
  shared.attributes.push_back(contacts);
  Run r{compile_text(docs_example(), &shared)};
  CHECK(r.go(Input{}, "2026-03-06T10:00:00Z").refusal.code == "no-contact");
  r.t.attrs["contacts"] = Value::of_contacts({Contact{"Ana", "a@x", false, false, true, ""}});
  Result s = r.go(Input{}, "2026-03-06T10:00:00Z");
  REQUIRE(s.ok());
  CHECK(s.outcome->sent.size() == 1);
  CHECK(r.t.tasks[3663].complete());
  REQUIRE(r.i.timers.size() == 1);
  CHECK(r.i.timers[0].due == T("2026-03-10T10:00:00Z"));
  CHECK(r.go(fire("paused", {{"until", "2026-04-01"}}), "2026-03-06T11:00:00Z").refusal.code ==
        "event-not-possible");
  Input tick;
  tick.kind = InputKind::Tick;
  tick.timer = r.i.timers[0];
  REQUIRE(r.go(tick, "2026-03-10T10:00:00Z").ok());
  CHECK(r.i.step == "phone");
  CHECK(r.t.tasks[3664].complete());
  REQUIRE(r.go(fire("customer_replied"), "2026-03-11T10:00:00Z").ok());
  CHECK(r.i.status == InstanceStatus::Goto);
  CHECK(r.i.outcome == "assign-to-delivery");
}

TEST_CASE("a DSL playbook with a pause rule, a group and a decision", "[evaluator-dsl]") {
  Run r{compile_text(R"(
playbook p {
  note_prefix "Re-engaged Customer"
  role fm "FastTrack Manager"
  task 3704 "No intent" optional role fm
  task 3705 "Blocked" optional role fm
  group reasons "Non-actionable reason" exactly_one 3704, 3705
  event paused "Paused" {
    attr until date "Until"
    attr grt_lead_approved bool "GRT Lead approved"
  }
  event tried "Tried"
  tenant {
    attr managed bool
  }
  rule pause_under_90_days "A pause of 90 days or more needs the GRT Lead"
    on event paused
    require days_until(event.until) < 90 or event.grt_lead_approved
  start call
  step call "Call" role fm {
    on tried -> again
    on paused -> waiting
    after 2 business days -> again
  }
  step again {
    when visits(call) < 3 -> call
    otherwise -> give_up
  }
  step waiting "Waiting" role fm {
    on tried -> call
  }
  step give_up { end "unreachable" }
}
)")};
  REQUIRE(r.go(Input{}, "2026-03-06T10:00:00Z").ok());
  REQUIRE(r.i.timers.size() == 1);
  CHECK(r.i.timers[0].due == T("2026-03-10T10:00:00Z"));
  Result refused = r.go(fire("paused", {{"until", "2026-07-01"}}), "2026-03-06T11:00:00Z");
  CHECK(refused.refusal.code == "pause_under_90_days");
  CHECK(refused.refusal.rule.str() == "t.playbook:16:3");  // the rule, for coverage
  CHECK(r.go(fire("tried"), "2026-03-06T12:00:00Z").ok());
  Result tried = r.go(fire("tried"), "2026-03-06T13:00:00Z");
  REQUIRE(tried.ok());
  // call --tried--> again, then the decision again --when--> call
  REQUIRE(tried.outcome->taken.size() == 2);
  CHECK(tried.outcome->taken[0]->loc.str() == "t.playbook:21:5");
  CHECK(tried.outcome->taken[1]->loc.str() == "t.playbook:26:5");
  CHECK(tried.outcome->entered == std::vector<std::string>{"again", "call"});
  CHECK(r.i.step == "call");
  CHECK(r.i.visits["call"] == 3);
  Result last = r.go(fire("tried"), "2026-03-06T14:00:00Z");
  REQUIRE(last.ok());
  CHECK(r.i.status == InstanceStatus::Ended);
  CHECK(r.i.outcome == "unreachable");
  Input c;
  c.kind = InputKind::Complete;
  c.task = 3704;
  CHECK(r.go(c, "2026-03-06T15:00:00Z").ok());
  c.task = 3705;
  CHECK(r.go(c, "2026-03-06T15:00:00Z").refusal.code == "exactly-one");
}

TEST_CASE("an unset payload field equals the empty string, so `!= \"\"` means given",
          "[evaluator-dsl]") {
  Run r{compile_text(R"(
playbook p {
  event paused "Paused" {
    attr reason string "Reason"
    attr until date "Until"
  }
  rule reason_given "Give the reason"
    on event paused
    require event.reason != ""
  rule until_unset_is_not_a_date "unset is not equal to a date"
    on event paused
    require not (event.until == 2026-01-01)
  start a
  step a {
    on paused -> a
  }
}
)")};
  REQUIRE(r.go(Input{}, "2026-03-06T10:00:00Z").ok());
  CHECK(r.go(fire("paused"), "2026-03-06T11:00:00Z").refusal.code == "reason_given");  // left out
  CHECK(r.go(fire("paused", {{"reason", ""}}), "2026-03-06T11:00:00Z").refusal.code ==
        "reason_given");
  CHECK(r.go(fire("paused", {{"reason", "budget"}}), "2026-03-06T11:00:00Z").ok());
}

TEST_CASE("a refusal lists every failing rule and every failing require of a run",
          "[evaluator-dsl]") {
  auto cp = compile_text(R"(playbook p {
  role fm "FM"
  task 3297 "Intune" mandatory role fm
  task 3619 "Teams" mandatory role fm
  task 3620 "Exchange" mandatory role fm
  event send "Send to delivery"
  event check "Check"
  rule intune_first "Complete task 3297 first" on event check require task(3297)
  rule teams_first "Complete task 3619 first" on event check require task(3619)
  rule exchange_first "Complete task 3620 first" on event check require task(3620)
  start a
  step a role fm {
    tasks 3297, 3619, 3620
    on check -> a
    on send -> b {
      require task(3297) else "Intune is not done" code intune_missing
      require task(3619) else "Teams is not done" code teams_missing
      require task(3620) else "Exchange is not done" code exchange_missing
    }
    after 1 week -> a
  }
  step b { end "sent" }
})");
  Run r(cp);
  Input start;
  start.kind = InputKind::Start;
  REQUIRE(r.go(start, "2026-03-02T09:00:00Z").ok());
  Input done;
  done.kind = InputKind::Complete;
  done.task = 3619;
  done.actor = "fm";
  REQUIRE(r.go(done, "2026-03-02T09:00:00Z").ok());

  Result sent = r.go(fire("send"), "2026-03-02T10:00:00Z");
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.refusal.code == "intune_missing");
  REQUIRE(sent.refusal.also.size() == 1);
  CHECK(sent.refusal.also[0].code == "exchange_missing");
  CHECK(sent.refusal.also[0].reason == "Exchange is not done");
  CHECK(sent.refusal.also[0].rule.line == 18);

  Result checked = r.go(fire("check"), "2026-03-02T10:00:00Z");
  REQUIRE_FALSE(checked.ok());
  CHECK(checked.refusal.code == "intune_first");
  REQUIRE(checked.refusal.also.size() == 1);
  CHECK(checked.refusal.also[0].code == "exchange_first");
}

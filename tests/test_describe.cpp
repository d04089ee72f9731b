// test_describe.cpp — describe_trigger (grammar/describe.hpp): every trigger
// kind (event, task, after in each unit, at with and without an offset, when,
// otherwise) with and without a guard, in each of the four styles.
#include <catch2/catch.hpp>

#include "grammar/describe.hpp"
#include "grammar/frontend.hpp"
#include "dsl_fixtures.hpp"

using namespace pb;

namespace {

Expr expr(const std::string& text) {
  Diagnostics d;
  auto e = parse_expression(text, Loc{std::make_shared<const std::string>("t"), 1, 1}, d);
  REQUIRE(d.empty());
  REQUIRE(e);
  return *e;
}

Transition make(TriggerKind k) {
  Transition t;
  t.trigger = k;
  t.target = "next";
  return t;
}

Transition event(const std::string& name, const char* guard = nullptr) {
  Transition t = make(TriggerKind::Event);
  t.event = name;
  if (guard) t.guard = expr(guard);
  return t;
}

Transition task(int64_t id, const char* guard = nullptr) {
  Transition t = make(TriggerKind::Task);
  t.task = id;
  if (guard) t.guard = expr(guard);
  return t;
}

Transition after(int64_t n, DurationUnit u) {
  Transition t = make(TriggerKind::After);
  t.amount = n;
  t.unit = u;
  return t;
}

Transition at(const std::string& path, int64_t days) {
  Transition t = make(TriggerKind::At);
  t.at_path = path;
  t.amount = days;
  return t;
}

Transition when(const char* cond) {
  Transition t = make(TriggerKind::When);
  if (cond) t.guard = expr(cond);
  return t;
}

// The four styles of one transition, in the order Source, Compact, Graph, Sentence.
std::vector<std::string> all(const Transition& t) {
  return {describe_trigger(t, TriggerStyle::Source), describe_trigger(t, TriggerStyle::Compact),
          describe_trigger(t, TriggerStyle::Graph), describe_trigger(t, TriggerStyle::Sentence)};
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("describe_trigger: events, bare and guarded", "[describe]") {
  CHECK(all(event("replied")) == V{"on replied", "replied", "on replied", "replied"});
  CHECK(all(event("no_answer", "visits(phone) < 2")) ==
        V{"on no_answer when visits(phone) < 2", "no_answer when visits(phone) < 2",
          "on no_answer\n[visits(phone) < 2]", "no_answer, only if visits(phone) < 2"});
}

TEST_CASE("describe_trigger: task completion, bare and guarded", "[describe]") {
  CHECK(all(task(3729)) ==
        V{"on task 3729", "task 3729", "task 3729 completed", "task 3729 completed"});
  CHECK(all(task(12, "tenant.managed")) ==
        V{"on task 12 when tenant.managed", "task 12 when tenant.managed",
          "task 12 completed\n[tenant.managed]", "task 12 completed, only if tenant.managed"});
}

TEST_CASE("describe_trigger: after, in each unit, singular for one", "[describe]") {
  CHECK(all(after(2, DurationUnit::BusinessDays)) == V(4, "after 2 business days"));
  CHECK(all(after(1, DurationUnit::BusinessDays)) == V(4, "after 1 business day"));
  CHECK(all(after(3, DurationUnit::Days)) == V(4, "after 3 days"));
  CHECK(all(after(1, DurationUnit::Days)) == V(4, "after 1 day"));
  CHECK(all(after(1, DurationUnit::Weeks)) == V(4, "after 1 week"));
  CHECK(all(after(2, DurationUnit::Weeks)) == V(4, "after 2 weeks"));
  CHECK(all(after(1, DurationUnit::Hours)) == V(4, "after 1 hour"));
  CHECK(all(after(36, DurationUnit::Hours)) == V(4, "after 36 hours"));

  Transition guarded = after(2, DurationUnit::BusinessDays);
  guarded.guard = expr("not tenant.managed");
  CHECK(all(guarded) == V{"after 2 business days when not tenant.managed",
                          "after 2 business days when not tenant.managed",
                          "after 2 business days\n[not tenant.managed]",
                          "after 2 business days, only if not tenant.managed"});
}

TEST_CASE("describe_trigger: at a date, with and without a day offset", "[describe]") {
  CHECK(all(at("tenant.renewal_date", 0)) == V(4, "at tenant.renewal_date"));
  CHECK(all(at("tenant.renewal_date", -30)) == V(4, "at tenant.renewal_date - 30 days"));
  CHECK(all(at("tenant.next_action_date", 1)) == V(4, "at tenant.next_action_date + 1 day"));
  CHECK(all(at("tenant.next_action_date", -1)) == V(4, "at tenant.next_action_date - 1 day"));

  Transition guarded = at("tenant.renewal_date", 7);
  guarded.guard = expr("tenant.paused");
  CHECK(all(guarded) == V{"at tenant.renewal_date + 7 days when tenant.paused",
                          "at tenant.renewal_date + 7 days when tenant.paused",
                          "at tenant.renewal_date + 7 days\n[tenant.paused]",
                          "at tenant.renewal_date + 7 days, only if tenant.paused"});
}

TEST_CASE("describe_trigger: decision branches carry their condition once", "[describe]") {
  CHECK(all(when("tenant.kind == \"A\"")) ==
        V{"when tenant.kind == \"A\"", "when tenant.kind == \"A\"", "when tenant.kind == \"A\"",
          "if tenant.kind == \"A\""});
  CHECK(all(when(nullptr)) == V{"when true", "when true", "when true", "if true"});
  CHECK(all(make(TriggerKind::Otherwise)) == V(4, "otherwise"));
  CHECK(guard_words(when("x"), TriggerStyle::Sentence).empty());
}

TEST_CASE("describe_trigger: trigger_words + guard_words is the whole", "[describe]") {
  Transition t = event("replied", "tenant.managed");
  CHECK(trigger_words(t, TriggerStyle::Sentence) == "replied");
  CHECK(guard_words(t, TriggerStyle::Sentence) == ", only if tenant.managed");
  CHECK(guard_words(event("replied"), TriggerStyle::Graph).empty());
}

TEST_CASE("describe_trigger: the Source style is what the DSL printer writes", "[describe]") {
  Playbook pb = dsl_test::parse_clean(dsl_test::all_constructs());
  std::string printed = print_dsl(pb);
  int seen = 0;
  for (const auto& s : pb.steps)
    for (const auto& t : s.transitions) {
      std::string head = "  " + describe_trigger(t, TriggerStyle::Source) +
                         (t.target.empty() ? "" : " -> " + t.target);
      INFO(head);
      CHECK(printed.find(head) != std::string::npos);
      ++seen;
    }
  CHECK(seen > 5);
}

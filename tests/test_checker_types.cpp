// test_checker_types.cpp — typing of expressions (PB040), `set` values
// (PB041), enum values (PB035), attribute paths and event fields (PB034),
// note prefixes (PB060).
#include <catch2/catch.hpp>

#include <pthread.h>

#include <functional>

#include "checker_fixture.hpp"

using namespace fx;

TEST_CASE("a guard must be bool; operands must compare like with like") {
  auto p = base();
  p.steps[0].transitions[1].guard = path("tenant.priority");
  auto d = check(p);
  INFO(dump(d));
  REQUIRE(find(d, "PB040"));
  CHECK(find(d, "PB040")->message ==
        "a guard must be a condition (bool), but tenant.priority is int");

  p.steps[0].transitions[1].guard = op("==", path("tenant.next_date"), num(3));
  d = check(p);
  REQUIRE(find(d, "PB040"));
  CHECK(find(d, "PB040")->message == "cannot compare tenant.next_date (date) with 3 (int)");

  p.steps[0].transitions[1].guard = op("<", path("tenant.l1"), num(3));
  CHECK(find(check(p), "PB040"));
  p.steps[0].transitions[1].guard =
      op("<", call("days_until", {op("+", path("tenant.next_date"), num(3))}), num(90));
  CHECK(check(p).empty());
  p.steps[0].transitions[1].guard = op("<", call("days_until", {path("tenant.priority")}), num(90));
  CHECK(find(check(p), "PB040"));
  p.steps[0].transitions[1].guard = op("and", path("tenant.managed"), path("tenant.priority"));
  CHECK(find(check(p), "PB040"));
}

TEST_CASE("enum literals must be values of the enum") {
  auto p = base();
  p.steps[0].transitions[1].guard = op("==", path("tenant.l1"), str("In Progres", 91));
  auto d = check(p);
  INFO(dump(d));
  auto* f = find(d, "PB035");
  REQUIRE(f);
  CHECK(f->loc.line == 91);
  CHECK(f->message ==
        "\"In Progres\" is not a value of tenant.l1; its values are \"In Progress\", \"Blocked\"");
  CHECK(f->hint == "did you mean 'In Progress'?");
  Expr in;
  in.kind = ExprKind::In;
  in.loc = at(90);
  in.args = {path("tenant.l1"), str("Blocked"), str("Blokced")};
  p.steps[0].transitions[1].guard = in;
  CHECK(count(check(p), "PB035") == 1);
}

TEST_CASE("set checks the value against the attribute type") {
  auto p = base();
  p.steps[0].transitions[0].actions = {
      set("tenant.priority", str("high")), set("tenant.l1", str("Done")),
      set("tenant.next_date", op("+", date("2024-01-01"), num(3))), set("tenant.nope", num(1))};
  auto d = check(p);
  INFO(dump(d));
  CHECK(count(d, "PB041") == 1);
  CHECK(find(d, "PB041")->message == "cannot set tenant.priority (int) to \"high\" (string)");
  CHECK(count(d, "PB035") == 1);
  CHECK(count(d, "PB034") == 1);
}

TEST_CASE("undefined tenant attributes have did you mean") {
  auto p = base();
  p.steps[0].transitions[1].guard = path("tenant.manged");
  auto d = check(p);
  auto* f = find(d, "PB034");
  REQUIRE(f);
  CHECK(f->hint == "did you mean 'managed'?");
}

TEST_CASE("event.X only where the triggering event declares X") {
  auto p = base();
  p.steps[0].transitions[0].guard = op("<", call("days_until", {path("event.until")}), num(90));
  CHECK(check(p).empty());
  p.steps[0].transitions[0].guard = op("==", path("event.note"), str(""));
  CHECK(check(p).empty());
  p.steps[0].transitions[0].guard = op("<", call("days_until", {path("event.untl")}), num(90));
  auto d = check(p);
  REQUIRE(find(d, "PB034"));
  CHECK(
      find(d, "PB034")->message ==
      "undefined event field 'event.untl'; event 'replied' carries actor, note, note_kind, until");
  CHECK(find(d, "PB034")->hint == "did you mean 'until'?");
  p.steps[0].transitions[0].guard.reset();
  p.steps[0].transitions[1].guard = op("<", call("days_until", {path("event.until")}), num(90));
  d = check(p);
  REQUIRE(find(d, "PB034"));
  CHECK(
      find(d, "PB034")->message ==
      "'event.until' is not available here: this transition is triggered by a timer, not by an event");
}

TEST_CASE("records: each, any, count and fields") {
  auto p = base();
  Attribute w = attr("workloads", TypeKind::Records);
  w.type.key = "workload";
  w.type.fields = {attr("l1", TypeKind::Enum, {"In Progress", "Blocked"}),
                   attr("esd", TypeKind::Date)};
  p.tenant.attributes.push_back(w);
  p.steps[0].transitions[1].guard =
      call("any", {path("tenant.workloads"), op("==", path("workload.l1"), str("Blocked"))});
  Action each;
  each.kind = ActionKind::ForEach;
  each.var = "w";
  each.path = "tenant.workloads";
  each.loc = at(80);
  each.expr = op("==", path("w.l1"), str("In Progress"));
  each.body = {set("w.esd", date("2024-05-01")), set("w.l2", num(1))};
  p.steps[0].transitions[1].actions = {each};
  auto d = check(p);
  INFO(dump(d));
  REQUIRE(codes(d) == std::vector<std::string>{"PB034"});
  CHECK(d.items()[0].message == "'w' has no field 'l2' (in w.l2)");
}

TEST_CASE("notes must start with the note prefix") {
  auto p = base();
  p.steps[0].enter = {note("Re-engaged Customer: emailed"), note("Called the customer")};
  auto d = check(p);
  REQUIRE(codes(d) == std::vector<std::string>{"PB060"});
  CHECK(
      d.items()[0].message ==
      "note \"Called the customer\" does not start with the playbook's note_prefix \"Re-engaged Customer\"");
}

TEST_CASE("visits(step) resolves the step") {
  auto p = base();
  p.steps[0].transitions[1].guard = op("<", call("visits", {path("emial")}), num(2));
  auto d = check(p);
  REQUIRE(find(d, "PB030"));
  CHECK(find(d, "PB030")->hint == "did you mean 'email'?");
}

namespace {

// Runs `fn` on a thread with a small stack (512 KiB; 4 MiB under ASan, whose
// frames are several times bigger): a walk that recurses once per term of a
// 20,000-term chain overflows it in every build, as it overflowed the
// default 8 MiB under ASan; the bounded walks (kMaxExprDepth) fit.
#if defined(__SANITIZE_ADDRESS__)
constexpr size_t kSmallStack = 4 << 20;
#else
constexpr size_t kSmallStack = 512 << 10;
#endif

void on_small_stack(const std::function<void()>& fn) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kSmallStack);
  pthread_t th;
  auto run = [](void* p) -> void* {
    (*static_cast<const std::function<void()>*>(p))();
    return nullptr;
  };
  REQUIRE(pthread_create(&th, &attr, run, const_cast<std::function<void()>*>(&fn)) == 0);
  pthread_join(th, nullptr);
  pthread_attr_destroy(&attr);
}

}  // namespace

TEST_CASE("very long or deep expressions never overflow the stack") {
  // Built and handed over by move: copying a 20,000-deep Expr recurses too.
  // The models are built and destroyed here; only the check runs on the
  // small stack.
  auto chain = [] {
    Expr c = path("tenant.managed");
    for (int i = 0; i < 20000; ++i) c = op("and", std::move(c), path("tenant.managed"));
    return c;
  };
  auto checked_codes = [](Project& pr) {
    std::vector<std::string> out;
    on_small_stack([&] { out = codes(check(pr)); });
    return out;
  };
  Project pr;
  pr.playbooks.push_back(base());
  auto& p = pr.playbooks.back();
  p.steps[0].transitions[0].guard = chain();
  p.steps[0].transitions.push_back(on("replied", "done", 56));
  p.steps[0].transitions.back().guard = chain();
  CHECK(checked_codes(pr) == std::vector<std::string>{"PB053"});

  Expr sum = num(1);
  for (int i = 0; i < 20000; ++i) sum = op("+", std::move(sum), num(1));
  Project qr;
  qr.playbooks.push_back(base());
  qr.playbooks.back().steps[0].transitions[1].guard = op(">", std::move(sum), num(3));
  CHECK(checked_codes(qr) == std::vector<std::string>{"PB006"});
}

// test_values.cpp — issue 14's values inside a playbook: numbers (digit
// separators, decimals, percent, * and /), is_set, min/max/sum over records,
// texts with {placeholders}, `actor` and `assign … me`: parsed and printed in
// both forms, typed by the checker, and run by the evaluator.
#include <catch2/catch.hpp>

#include "evaluator_run.hpp"
#include "grammar/frontend.hpp"
#include "interpreter/checker.hpp"
#include "model/decimal.hpp"
#include "model/value.hpp"

using namespace pb;
using pbtest::EvalRun;

namespace {

constexpr const char* kPlaybook = R"(playbook values {
  title "Values"
  start open
  role fm "FastTrack Manager"
  event paused "Paused" {
    attr requested_by string "Who asked"
    attr until date "Until"
    attr reason string "Why"
  }
  event counted "Seats counted" { attr seats int "Seats" attr teams int "Teams" }
  event mine "Mine"
  tenant {
    attr region enum(AMERICAS, EMEA, APJ)
    attr seats int
    attr teams int
    attr usage decimal
    attr per_team decimal
    attr share int
    attr threshold decimal
    attr start date
    attr latest date
    attr total int
    attr workloads records workload {
      attr esd date
      attr to_delivery bool
      attr licenses int
    }
  }
  step open "Open" role fm {
    on counted -> open {
      set tenant.seats = event.seats
      set tenant.teams = event.teams
      set tenant.share = event.seats / event.teams
      set tenant.per_team = 1.0 * event.seats / event.teams
      set tenant.threshold = 10% * event.seats
    }
    on paused -> open {
      note status "Paused by {event.requested_by} until {event.until}: {event.reason}"
    }
    on mine -> queue { assign fm me primary }
    after 1 day -> sums
  }
  step queue "Queue" role fm {
    enter { assign rm "FTCQ CSS {tenant.region}" primary }
    when actor == "ann" -> sums
    otherwise -> sums
  }
  step sums "Sums" {
    enter {
      set tenant.start = min(w.esd for w in tenant.workloads where w.to_delivery)
      set tenant.latest = max(w.esd for w in tenant.workloads)
      set tenant.total = sum(w.licenses for w in tenant.workloads where w.to_delivery)
    }
    when is_set(tenant.start) and is_set(tenant.total) and tenant.total >= 20_000 -> big
    otherwise -> small
  }
  step big "Big" { end "big" }
  step small "Small" { end "small" }
}
)";

std::string lint_text(const char* text) {
  Diagnostics parse;
  auto pb = parse_dsl(text, "v.playbook", parse);
  std::string out;
  for (const auto& d : parse.items())
    out += d.loc.str() + " " + std::string(to_string(d.code)) + " " + d.message + "\n";
  if (!pb) return out;
  Project project;
  project.playbooks.push_back(std::move(*pb));
  Diagnostics diags;
  check_project(project, diags);
  diags.sort();
  for (const auto& d : diags.items())
    out += d.loc.str() + " " + std::string(to_string(d.code)) + " " + d.message + "\n";
  return out;
}

// A playbook whose one step has `guard` as a decision branch.
std::string lint_guard(const std::string& guard) {
  std::string text = R"(playbook g {
  title "G"
  tenant { attr seats int attr usage decimal attr name string attr start date
           attr workloads records workload { attr esd date attr n int } }
  start s
  step s "S" {
    when )" + guard + R"( -> e
    otherwise -> e
  }
  step e "E" { end "done" }
}
)";
  return lint_text(text.c_str());
}

const Value& attr(const EvalRun& r, const char* name) {
  static const Value unset;
  auto it = r.t.attrs.find(name);
  return it == r.t.attrs.end() ? unset : it->second;
}

}  // namespace

TEST_CASE("decimals parse and print exactly", "[values]") {
  CHECK(parse_decimal("12.5") == 12'500'000);
  CHECK(parse_decimal("1_000.25") == 1'000'250'000);
  CHECK(parse_decimal("-0.000001") == -1);
  CHECK_FALSE(parse_decimal("0.0000001"));  // seven places
  CHECK_FALSE(parse_decimal("1__0"));
  CHECK_FALSE(parse_decimal("_1"));
  CHECK_FALSE(parse_decimal("99999999999999.0"));  // beyond ±9.2·10^12
  CHECK(format_decimal(12'500'000) == "12.5");
  CHECK(format_decimal(3'000'000) == "3");
  CHECK(format_decimal(-125'000) == "-0.125");
  CHECK(decimal_mul(1'500'000, 1'500'000) == 2'250'000);
  CHECK(decimal_div(1'000'000, 3'000'000) == 333'333);
  CHECK(decimal_div(2'000'000, 3'000'000) == 666'667);  // half away from zero
  CHECK_FALSE(decimal_div(1, 0));
  CHECK(int_div(7, 2) == 3);
  CHECK(int_div(-7, 2) == -3);
  CHECK_FALSE(int_div(INT64_MIN, -1));
}

TEST_CASE("number literals keep their spelling and their meaning", "[values]") {
  Diagnostics d;
  auto e = parse_expression("20_000 + 12.50 * 10% - 3 / (1 + 2)", Loc{}, d);
  REQUIRE(e);
  CHECK_FALSE(d.has_errors());
  CHECK(print_expr(*e) == "20_000 + 12.50 * 10% - 3 / (1 + 2)");
  const Expr& pct = e->args[0].args[1].args[1];
  CHECK(pct.kind == ExprKind::Decimal);
  CHECK(pct.ival == 100'000);
  auto same = parse_expression("20000 + 12.5 * 0.1 - 3 / (1 + 2)", Loc{}, d);
  REQUIRE(same);
  CHECK(*same == *e);  // spelling is not meaning
  auto prec = parse_expression("(a + b) * -c / 2", Loc{}, d);
  REQUIRE(prec);
  CHECK(print_expr(*prec) == "(a + b) * -c / 2");
}

TEST_CASE("a number that does not fit is reported where it stands", "[values]") {
  Diagnostics d;
  CHECK_FALSE(d.has_errors());
  parse_expression("x > 12.3456789", Loc{}, d);
  REQUIRE(d.has_errors());
  CHECK(d.items()[0].message.find("at most 6 places") != std::string::npos);
  Diagnostics d2;
  parse_expression("x > 1.2345678%", Loc{}, d2);
  CHECK(d2.has_errors());
  Diagnostics d3;
  parse_expression("x > 20,000", Loc{}, d3);
  REQUIRE(d3.has_errors());
  CHECK(d3.items()[0].message.find("write 20000") != std::string::npos);
}

TEST_CASE("aggregates is_set and texts round-trip through both forms", "[values]") {
  Diagnostics d;
  auto pb = parse_dsl(kPlaybook, "values.playbook", d);
  REQUIRE(pb);
  INFO(lint_text(kPlaybook));
  REQUIRE_FALSE(d.has_errors());
  std::string dsl = print_dsl(*pb);
  CHECK(dsl.find("min(w.esd for w in tenant.workloads where w.to_delivery)") != std::string::npos);
  CHECK(dsl.find("assign fm me primary") != std::string::npos);
  CHECK(dsl.find("\"FTCQ CSS {tenant.region}\"") != std::string::npos);
  auto again = parse_dsl(dsl, "values.playbook", d);
  REQUIRE(again);
  CHECK(*again == *pb);
  std::string yaml = print_yaml(*pb);
  auto from_yaml = parse_yaml_playbook(yaml, "values.playbook.yaml", d);
  INFO(yaml);
  REQUIRE(from_yaml);
  CHECK_FALSE(d.has_errors());
  CHECK(*from_yaml == *pb);
  CHECK(print_dsl(*from_yaml) == dsl);
}

TEST_CASE("the values playbook lints clean", "[values]") { CHECK(lint_text(kPlaybook).empty()); }

TEST_CASE("arithmetic runs: int division truncates and a decimal operand makes a decimal",
          "[values]") {
  EvalRun r(kPlaybook, "values.playbook");
  REQUIRE(r.start("2026-12-01T09:00:00Z").ok());
  auto res = r.fire("counted", "2026-12-01T10:00:00Z", {{"seats", "1_000"}, {"teams", "3"}});
  // CLI text is not an expression: separators are for playbooks only.
  CHECK_FALSE(res.ok());
  REQUIRE(r.fire("counted", "2026-12-01T10:00:00Z", {{"seats", "1000"}, {"teams", "3"}}).ok());
  CHECK(attr(r, "share") == Value::integer(333));
  CHECK(attr(r, "per_team") == Value::decimal(333'333'333));
  CHECK(to_text(attr(r, "per_team")) == "333.333333");
  CHECK(attr(r, "threshold") == Value::decimal(100'000'000));
}

TEST_CASE("division by zero at run time refuses the input with code arithmetic", "[values]") {
  EvalRun r(kPlaybook, "values.playbook");
  REQUIRE(r.start("2026-12-01T09:00:00Z").ok());
  auto res = r.fire("counted", "2026-12-01T10:00:00Z", {{"seats", "10"}, {"teams", "0"}});
  REQUIRE_FALSE(res.ok());
  CHECK(res.refusal.code == RefusalCode::Arithmetic);
  CHECK(res.refusal.reason.find("division by zero at values.playbook:") != std::string::npos);
  CHECK(attr(r, "seats").kind == Value::Kind::Unset);  // nothing of the input was kept
}

TEST_CASE("a note quotes the event and an unset placeholder refuses", "[values]") {
  EvalRun r(kPlaybook, "values.playbook");
  REQUIRE(r.start("2026-12-01T09:00:00Z").ok());
  auto ok = r.go(
      [] {
        Input in;
        in.kind = InputKind::Fire;
        in.event = "paused";
        in.sets = {{"requested_by", "ATU"}, {"until", "2027-01-15"}, {"reason", "budget"}};
        return in;
      }(),
      "2026-12-01T10:00:00Z");
  REQUIRE(ok.ok());
  REQUIRE(ok.outcome->notes.size() == 1);
  CHECK(ok.outcome->notes[0].text == "Paused by ATU until 2027-01-15: budget");
  auto bad = r.fire("paused", "2026-12-01T11:00:00Z", {{"requested_by", "ATU"}});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.refusal.code == RefusalCode::UnsetPlaceholder);
  CHECK(bad.refusal.reason.find("values.playbook:") != std::string::npos);
}

TEST_CASE("assign me names the actor and a queue name is computed", "[values]") {
  EvalRun r(kPlaybook, "values.playbook");
  r.t.attrs["region"] = Value::string("EMEA");
  REQUIRE(r.start("2026-12-01T09:00:00Z").ok());
  Input in;
  in.kind = InputKind::Fire;
  in.event = "mine";
  in.actor = "ann";
  auto res = r.go(in, "2026-12-01T10:00:00Z");
  REQUIRE(res.ok());
  REQUIRE(res.outcome->assignments.size() == 2);
  CHECK(res.outcome->assignments[0].name == "ann");
  CHECK(res.outcome->assignments[0].queue == QueueKind::FM);
  CHECK(res.outcome->assignments[0].primary);
  CHECK(res.outcome->assignments[1].name == "FTCQ CSS EMEA");
  CHECK(r.i.step == "small");  // actor == "ann" → sums; no workloads → small
}

TEST_CASE("min max and sum range over records and is_set tells unset", "[values]") {
  EvalRun r(kPlaybook, "values.playbook");
  auto wl = [](const char* esd, bool to, int64_t n) {
    Fields f;
    Days d;
    REQUIRE(parse_iso_date(esd, d));
    f["esd"] = Value::date(d);
    f["to_delivery"] = Value::boolean(to);
    f["licenses"] = Value::integer(n);
    return f;
  };
  RecordMap m;
  m["Teams"] = wl("2027-02-01", true, 15'000);
  m["Exchange"] = wl("2027-01-10", true, 6'000);
  m["SharePoint"] = wl("2026-12-20", false, 100);
  r.t.attrs["workloads"] = Value::of_records(std::move(m));
  REQUIRE(r.start("2026-12-01T09:00:00Z").ok());
  REQUIRE(r.tick("open", 3, "2026-12-02T09:00:00Z").ok());
  CHECK(to_text(attr(r, "start")) == "2027-01-10");
  CHECK(to_text(attr(r, "latest")) == "2027-02-01");
  CHECK(attr(r, "total") == Value::integer(21'000));
  CHECK(r.i.step == "big");
}

TEST_CASE("min of no records is unset and is_set says so", "[values]") {
  EvalRun r(kPlaybook, "values.playbook");
  REQUIRE(r.start("2026-12-01T09:00:00Z").ok());
  REQUIRE(r.tick("open", 3, "2026-12-02T09:00:00Z").ok());
  CHECK(attr(r, "start").kind == Value::Kind::Unset);
  CHECK(attr(r, "total") == Value::integer(0));
  CHECK(r.i.step == "small");
}

TEST_CASE("the checker types arithmetic aggregates and placeholders", "[values]") {
  CHECK(lint_guard("tenant.usage * 2 > tenant.seats / 3").find("PB040") == std::string::npos);
  CHECK(lint_guard("tenant.usage * 2 > tenant.seats / 3").find("PB042") != std::string::npos);
  CHECK(lint_guard("tenant.name * 2 > 1").find("PB040 '*' multiplies numbers") !=
        std::string::npos);
  CHECK(lint_guard("tenant.start / 2 > 1").find("PB040") != std::string::npos);
  CHECK(lint_guard("tenant.seats / 0 > 1").find("PB130 `tenant.seats / 0` divides by zero") !=
        std::string::npos);
  CHECK(lint_guard("9_000_000_000 * 9_000_000_000 > 1").find("PB130") != std::string::npos);
  CHECK(lint_guard("sum(w.esd for w in tenant.workloads) > 1").find("PB040 sum(…) adds") !=
        std::string::npos);
  CHECK(lint_guard("min(w.esd for w in tenant.workloads where w.n) > 2026-01-01").find("PB040") !=
        std::string::npos);
  CHECK(lint_guard("min(x.esd for w in tenant.workloads) > 2026-01-01").find("PB034") !=
        std::string::npos);
  CHECK(lint_guard("is_set(tenant.strat)").find("did you mean") == std::string::npos);
  CHECK(lint_guard("is_set(tenant.strat)").find("PB034") != std::string::npos);
  CHECK(lint_guard("actor == \"ann\"").empty());
}

TEST_CASE("is_set before an ordering silences PB042", "[values]") {
  CHECK(lint_guard("tenant.start < 2027-01-01").find("PB042") != std::string::npos);
  CHECK(lint_guard("tenant.start < 2027-01-01").find("is_set(tenant.start) and") !=
        std::string::npos);
  CHECK(lint_guard("is_set(tenant.start) and tenant.start < 2027-01-01").empty());
}

TEST_CASE("placeholders are typed where the action stands", "[values]") {
  auto with = [](const char* action) {
    std::string text = std::string(R"(playbook t {
  title "T"
  event go "Go" { attr who string "Who" }
  tenant { attr region string attr workloads records workload { attr esd date } }
  start s
  step s "S" {
    on go -> e { )") + action +
                       R"( }
    after 1 day -> e
  }
  step e "E" { end "done" }
}
)";
    return lint_text(text.c_str());
  };
  CHECK(with("note status \"by {event.who} in {tenant.region}\"").empty());
  CHECK(with("note status \"by {event.whom}\"").find("PB034 undefined event field") !=
        std::string::npos);
  CHECK(with("note status \"{tenant.workloads}\"").find("PB131 placeholder") != std::string::npos);
  CHECK(with("note status \"a { b\"").find("PB131 a lone '{'") != std::string::npos);
  CHECK(with("note status \"a }\"").find("PB131 a lone '}'") != std::string::npos);
  CHECK(with("note status \"{{literal}} braces\"").empty());
  CHECK(with("note status \"{event.who +}\"")
            .find("v.playbook:7:43 PB001 expected an expression after the operator") !=
        std::string::npos);
}

// test_checker_dsl.cpp — the checker on playbooks written as DSL text (parsed
// by parse_dsl), where the findings are easiest to read: the language
// reference's example, event scoping, rules with `event.old` and record
// variables, guard exclusivity, a shared schema.
#include <catch2/catch.hpp>

#include "grammar/frontend.hpp"
#include "interpreter/checker.hpp"

using namespace pb;

namespace {

// Findings as "line:col CODE" plus the message, for readable failures.
struct Linted {
  Diagnostics diags;
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : diags.items()) out.emplace_back(to_string(d.code));
    return out;
  }
  std::string dump() const {
    std::string s;
    for (const auto& d : diags.items())
      s += d.loc.str() + " " + std::string(to_string(d.code)) + " " + d.message + " " + d.hint +
           "\n";
    return s;
  }
  const Diagnostic& at(size_t i) const { return diags.items().at(i); }
};

Linted lint(std::initializer_list<const char*> files, std::optional<Schema> schema = {}) {
  Linted out;
  Project project;
  project.schema = std::move(schema);
  int n = 0;
  for (const char* text : files) {
    Diagnostics parse;
    auto pb = parse_dsl(text, "f" + std::to_string(++n) + ".playbook", parse);
    INFO((parse.items().empty() ? std::string()
                                : parse.items()[0].loc.str() + " " + parse.items()[0].message));
    REQUIRE_FALSE(parse.has_errors());
    project.playbooks.push_back(std::move(*pb));
  }
  check_project(project, out.diags);
  out.diags.sort();
  return out;
}

constexpr const char* kHeader = R"(
playbook p {
  role fm "FastTrack Manager"
  event replied "Customer replied"
  event paused "Paused" { attr until date "Until" attr approved bool "GRT Lead approved" }
  tenant {
    attr managed bool
    attr priority int
    attr l1 enum("In Progress", Blocked)
    attr workloads records workload { attr l1 enum("In Progress", Blocked) attr esd date }
  }
)";

std::string playbook(const std::string& body) { return std::string(kHeader) + body + "\n}\n"; }

}  // namespace

TEST_CASE("dsl: the language reference's example lints clean but for what lies outside it") {
  auto r = lint({R"(
playbook customer-engagement {
  note_prefix "Re-engaged Customer"
  role fm "FastTrack Manager"
  task 3663 "Send Email Outreach #1" optional role fm
  task 3664 "Send Email Outreach #2" optional role fm
  event customer_replied "Customer replied"
  event paused "Customer or ATU requested a delay" {
    attr until date "Next action date"
    attr grt_lead_approved bool "GRT Lead approved a pause of 90 days or more"
  }
  rule pause_under_90_days "A pause of 90 days or more needs the GRT Lead"
    on event paused
    require days_until(event.until) < 90 or event.grt_lead_approved
  start email_1
  step email_1 "Send Email Outreach #1" role fm {
    tasks 3663
    enter { send "Customer Outreach"; complete 3663 }
    on customer_replied -> done
    after 2 business days -> phone { complete 3664 }
  }
  step phone "Call the customer" role fm {
    on customer_replied -> done
    after 1 week -> done
  }
  step done "Outreach finished" { end "finished" }
}
)"});
  INFO(r.dump());
  // The excerpt declares the pause rule but not the step that takes `paused`.
  CHECK(r.codes() == std::vector<std::string>{"PB057"});
}

TEST_CASE("dsl: event.X only from an event that declares it") {
  auto s = playbook(R"(
  start a
  step a role fm {
    enter { set tenant.priority = 1 }
    on paused when days_until(event.until) < 90 -> b { set tenant.managed = event.note == "" }
    on replied when event.approved -> b
    after 1 day when event.approved -> b
  }
  step b { enter { require not event.approved else "needs approval" } end "x" }
)");
  auto r = lint({s.c_str()});
  INFO(r.dump());
  REQUIRE(r.codes() == std::vector<std::string>{"PB034", "PB034"});
  CHECK(r.at(0).message ==
        "undefined event field 'event.approved'; event 'replied' carries actor, note, note_kind");
  CHECK(r.at(1).message ==
        "'event.approved' is not available here: this transition is triggered by a timer, not by "
        "an event");
}

TEST_CASE("dsl: rules on set see the record and event.old") {
  auto s = playbook(R"(
  rule esd_in_progress "ESD only on workloads in progress"
    on set tenant.workloads.esd
    require workload.l1 == "In Progress" and event.old != event.old + 1
  rule bad "typo"
    on set tenant.workloads.esd
    require workload.l1 == "In progres"
  start a
  step a role fm { on replied -> b  after 1 day -> b }
  step b { end "x" }
)");
  auto r = lint({s.c_str()});
  INFO(r.dump());
  REQUIRE(r.codes() == std::vector<std::string>{"PB082", "PB035"});
  CHECK(r.at(1).hint == "did you mean 'In Progress'?");
}

TEST_CASE("dsl: guards that exclude each other do not overlap") {
  auto s = playbook(R"(
  start a
  step a role fm {
    on replied when tenant.managed -> b
    on replied when not tenant.managed -> b
    on paused when days_until(event.until) < 90 -> b
    on paused when days_until(event.until) >= 90 and event.approved -> b
    on paused when days_until(event.until) >= 60 -> b
    after 1 week -> b
  }
  step b { end "x" }
)");
  auto r = lint({s.c_str()});
  INFO(r.dump());
  // event.until may be given or not: each guard is also PB042 (a later
  // transition takes the same event when it is missing).
  REQUIRE(r.codes() == std::vector<std::string>{"PB042", "PB042", "PB053"});
  CHECK(r.at(2).loc.line == 19);
}

TEST_CASE("dsl: a shared schema supplies tenant attributes; duplicates are PB020") {
  Schema schema;
  Attribute region;
  region.name = "region";
  region.type.kind = TypeKind::Enum;
  region.type.values = {"AMERICAS", "EMEA"};
  region.loc = Loc{std::make_shared<const std::string>("tenant.schema.yaml"), 3, 3};
  schema.attributes.push_back(region);
  auto r = lint({R"(
playbook p {
  tenant { attr region enum(AMERICAS) }
  start a
  step a { when tenant.region == "APJ" -> b  otherwise -> b }
  step b { end "x" }
}
)"},
                schema);
  INFO(r.dump());
  REQUIRE(r.codes() == std::vector<std::string>{"PB020", "PB035"});
  CHECK(r.at(0).message ==
        "duplicate tenant attribute 'region'; it is already declared at tenant.schema.yaml:3:3");
}

TEST_CASE("dsl: the same task id across two playbooks") {
  auto r = lint({R"(
playbook one {
  role fm "FM"
  task 3985 "Customer or ATU Requested delay" optional role fm
  start a
  step a role fm { tasks 3985 end "x" }
}
)",
                 R"(
playbook two {
  role fm "FM"
  task 3985 "ATU Requested delay" optional role fm
  start a
  step a role fm { tasks 3985 end "x" }
}
)"});
  INFO(r.dump());
  REQUIRE(r.codes() == std::vector<std::string>{"PB070"});
  CHECK(r.at(0).loc.str() == "f2.playbook:4:3");
  CHECK(
      r.at(0).message ==
      "task 3985 is named \"ATU Requested delay\" here but \"Customer or ATU Requested delay\" at "
      "f1.playbook:4:3");
}

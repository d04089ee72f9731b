// test_yaml_roundtrip.cpp — print_yaml is canonical: parse(print(m)) == m,
// comments included, and printing is idempotent; quoting keeps every string
// a string.
#include <catch2/catch.hpp>

#include "grammar/frontend.hpp"
#include "yaml_test_util.hpp"

using namespace pb;
using pb::test::render;

namespace {

// Every construct of docs/language.md, in canonical form.
const char* kFull = R"(# Header comment.
#
#   indented line
playbook: full-example
title: "Full: everything"
version: 12
phase: Re-Engagement
motions: [Customer Health, "true", "2026-01-01", "123"]
owner: Maria Conceição
note_prefix: Re-engaged Customer
calendar: tenant.region
next: [assign-to-delivery]
roles:
  # The FM.
  - {id: fm, name: FastTrack Manager}
  - {id: grt, name: "GRT Lead # 1"}
tasks:
  - {id: 3704, name: Not actionable, mandatory: true, role: fm}
  - {id: 3708, name: Customer Outreach Unsuccessful, mandatory: false, role: fm, services: [All]}
groups:
  - {id: reasons, title: Set only one, exactly_one: [3704, 3708]}
events:
  - {id: replied}
  - id: paused
    title: Paused
    payload:
      # Until when.
      until: {type: date, title: Next action date}
      ok: {type: bool}
externals:
  - {id: grt-disengaged, title: GRT Disengaged process}
tenant:
  managed: {type: bool, title: Managed customer}
  region: {type: enum, values: [AMERICAS, EMEA, APJ], calendar: true}
  "null": {type: string}
  workloads:
    type: records
    key: workload
    fields:
      l1: {type: enum, values: [In Progress, Status Unknown, "a, b"]}
      esd: {type: date}
  contacts: {type: contacts}
rules:
  - id: esd_only_in_progress
    message: ESD only on workloads in progress
    on: {set: tenant.workloads.esd}
    require: workload.l1 == "In Progress"
  - {id: r2, message: M, on: {complete: 3708}, require: not tenant.managed}
  - {id: r3, message: M, on: {event: paused}, require: days_until(event.until) < 90}
start: first
steps:
  # Step comment.
  - id: first
    title: "Step: one"
    role: fm
    services: [All Services]
    instructions: |
      Line one.
        indented
      Line three.
    tasks: [3704]
    enter:
      # Action comment.
      - send: {template: Customer Outreach, to: tenant.contacts}
      - complete: 3704
      - reset: 3708
      - note: {kind: technical, text: "Re-engaged Customer: hi"}
      - set: {path: tenant.priority, value: High}
      - set: {path: tenant.count, value: -3}
      - set: {path: tenant.esd, value: 2026-02-01}
      - set: {path: tenant.flag, value: true}
      - set: {path: tenant.other, value: "2026-02-01"}
      - set: {path: tenant.when, expr: tenant.esd + 7}
      - assign: {queue: rm, name: Queue A, primary: true}
      - unassign: {queue: fm, me: true}
      - unassign: {queue: rm, name: Queue B}
      - require: {expr: tenant.managed, message: Must be managed, code: not_managed}
      - each:
          var: workload
          in: tenant.workloads
          where: workload.l1 == "In Progress"
          do:
            - set: {path: workload.l1, value: Blocked}
    transitions:
      # Transition comment.
      - {event: replied, when: tenant.managed, to: second}
      - {task: 3704, to: second}
      - after: 2 business days
        to: second
        do:
          - complete: 3708
      - {after: 1 hour, to: second}
      - {at: tenant.esd - 3 days, to: second}
      - {at: tenant.esd + 1 day, to: second}
      - {at: tenant.esd, to: second}
    # Trailing comment of first.
  - id: second
    transitions:
      - {when: count(tenant.workloads where workload.l1 == "Blocked") > 1, to: third}
      - {otherwise: true, to: fourth}
  - id: third
    end: disengaged
  - id: fourth
    handoff: grt-disengaged
    # Trailing of fourth.
# Final comment.
)";

Playbook parse(const std::string& text) {
  Diagnostics d;
  auto pb = parse_yaml_playbook(text, "full.playbook.yaml", d);
  INFO(render(d));
  REQUIRE(pb);
  REQUIRE(d.empty());
  return *pb;
}

}  // namespace

TEST_CASE("the canonical YAML of every construct prints back byte for byte") {
  Playbook m = parse(kFull);
  CHECK(print_yaml(m) == kFull);
  CHECK(parse(print_yaml(m)) == m);
}

TEST_CASE("comments are attached to their nodes") {
  Playbook m = parse(kFull);
  CHECK(m.comments.lines == std::vector<std::string>{"Header comment.", "", "  indented line"});
  CHECK(m.roles[0].comments.lines == std::vector<std::string>{"The FM."});
  CHECK(m.events[1].payload[0].comments.lines == std::vector<std::string>{"Until when."});
  CHECK(m.steps[0].comments.lines == std::vector<std::string>{"Step comment."});
  CHECK(m.steps[0].enter[0].comments.lines == std::vector<std::string>{"Action comment."});
  CHECK(m.steps[0].transitions[0].comments.lines ==
        std::vector<std::string>{"Transition comment."});
  CHECK(m.steps[0].trailing.lines == std::vector<std::string>{"Trailing comment of first."});
  CHECK(m.steps[1].comments.empty());
  CHECK(m.steps[3].trailing.lines == std::vector<std::string>{"Trailing of fourth."});
  CHECK(m.trailing.lines == std::vector<std::string>{"Final comment."});
}

TEST_CASE("values read as the types they spell") {
  Playbook m = parse(kFull);
  CHECK(m.motions[1] == "true");
  CHECK(m.motions[2] == "2026-01-01");
  const auto& enter = m.steps[0].enter;
  CHECK(enter[4].expr->kind == ExprKind::String);
  CHECK(enter[5].expr->kind == ExprKind::Int);
  CHECK(enter[5].expr->ival == -3);
  CHECK(enter[6].expr->kind == ExprKind::Date);
  CHECK(enter[7].expr->kind == ExprKind::Bool);
  CHECK(enter[8].expr->kind == ExprKind::String);
  CHECK(enter[9].expr->kind == ExprKind::Binary);
  const auto& ts = m.steps[0].transitions;
  CHECK(ts[4].amount == -3);
  CHECK(ts[5].amount == 1);
  CHECK(ts[6].at_path == "tenant.esd");
  CHECK(m.tenant.attributes[2].name == "null");
  CHECK(m.tenant.attributes[3].type.fields[0].type.values[2] == "a, b");
}

TEST_CASE("the docs example is already canonical") {
  std::string text = test::doc_block("yaml");
  CHECK(print_yaml(parse(text)) == text);
}

TEST_CASE("strings that would read as something else are quoted") {
  Playbook m;
  m.id = "q";
  for (std::string s : {"true", "no", "null", "~", "123", "-1", "1.5", "2026-01-01", "a: b", "a #b",
                        "#x", "- x", "[x]", "{x}", "*x", "&x", "!x", "|", ">", "'x", "\"x", "%x",
                        "@x", "`x", " lead", "trail ", "x:", "line\nbreak", "tab\there", "",
                        "zero\xe2\x80\x8bwidth", "12:30", "0x1F", ".5", "yes", "On"})
    m.motions.push_back(s);
  m.title = "multi\nline\n";
  m.owner = "# not a comment\nreally";
  std::string once = print_yaml(m);
  Playbook back = parse(once);
  CHECK(back == m);
  CHECK(back.motions == m.motions);
  CHECK(print_yaml(back) == once);
}

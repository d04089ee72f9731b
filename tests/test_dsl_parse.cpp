// test_dsl_parse.cpp — parse_dsl: every construct of docs/language.md, node
// and reference locations, comment attachment, and the model built.
// Error reporting is in test_dsl_errors.cpp.
#include <catch2/catch.hpp>

#include "dsl_fixtures.hpp"

using namespace pb;
using dsl_test::parse_clean;

TEST_CASE("dsl: the complete example of docs/language.md") {
  std::string text = dsl_test::doc_example();
  REQUIRE(!text.empty());
  Playbook m = parse_clean(text);
  CHECK(m.id == "customer-engagement");
  CHECK(m.loc.str() == "t.playbook:2:1");
  CHECK(m.comments.lines == std::vector<std::string>{"Seed 000: the outreach chain."});
  CHECK(m.title == "Customer Engagement");
  CHECK(m.version == 4);
  CHECK(m.phase == "Re-Engagement");
  CHECK(m.motions == std::vector<std::string>{"Customer Health", "RFA"});
  CHECK(m.owner == "Maria Conceição");
  CHECK(m.note_prefix == "Re-engaged Customer");
  CHECK(m.calendar == "tenant.region");
  CHECK(m.next == std::vector<std::string>{"assign-to-delivery", "re-engagement-team-disengaged"});
  REQUIRE(m.roles.size() == 1);
  CHECK((m.roles[0].id == "fm" && m.roles[0].name == "FastTrack Manager"));
  CHECK(m.roles[0].loc.str() == "t.playbook:12:3");
  REQUIRE(m.tasks.size() == 2);
  CHECK(m.tasks[0].id == 3663);
  CHECK(m.tasks[0].name == "Send Email Outreach #1");
  CHECK_FALSE(m.tasks[0].mandatory);
  CHECK(m.tasks[0].role == "fm");
  CHECK(m.tasks[0].role_loc.str() == "t.playbook:14:52");
  CHECK(m.tasks[0].services == std::vector<std::string>{"All Services"});
  REQUIRE(m.events.size() == 2);
  CHECK(m.events[0].title == "Customer replied");
  REQUIRE(m.events[1].payload.size() == 2);
  CHECK(m.events[1].payload[0].name == "until");
  CHECK(m.events[1].payload[0].type.kind == TypeKind::Date);
  CHECK(m.events[1].payload[0].title == "Next action date");
  CHECK(m.events[1].payload[1].type.kind == TypeKind::Bool);
  CHECK(m.events[1].payload[1].loc.str() == "t.playbook:20:5");
  REQUIRE(m.rules.size() == 1);
  CHECK(m.rules[0].id == "pause_under_90_days");
  CHECK(m.rules[0].on == RuleOn::Event);
  CHECK(m.rules[0].event == "paused");
  CHECK(print_expr(m.rules[0].condition) ==
        "days_until(event.until) < 90 or event.grt_lead_approved");
  CHECK(m.rules[0].condition.loc.str() == "t.playbook:25:42");
  CHECK(m.start == "email_1");
  CHECK(m.start_loc.str() == "t.playbook:27:9");
  REQUIRE(m.steps.size() == 3);
  const Step& s = m.steps[0];
  CHECK(s.loc.str() == "t.playbook:29:3");
  CHECK(s.id == "email_1");
  CHECK(s.title == "Send Email Outreach #1");
  CHECK(s.role == "fm");
  CHECK(s.role_loc.str() == "t.playbook:29:46");
  CHECK(s.tasks == std::vector<int64_t>{3663});
  REQUIRE(s.enter.size() == 2);
  CHECK((s.enter[0].kind == ActionKind::Send && s.enter[0].text == "Customer Outreach"));
  CHECK(!s.enter[0].expr);
  CHECK((s.enter[1].kind == ActionKind::Complete && s.enter[1].task == 3663));
  CHECK(s.enter[1].loc.str() == "t.playbook:33:7");
  REQUIRE(s.transitions.size() == 2);
  CHECK(s.transitions[0].trigger == TriggerKind::Event);
  CHECK(s.transitions[0].event == "customer_replied");
  CHECK(s.transitions[0].target == "done");
  CHECK(s.transitions[0].loc.str() == "t.playbook:35:5");
  CHECK(s.transitions[0].target_loc.str() == "t.playbook:35:28");
  const Transition& after = s.transitions[1];
  CHECK(after.trigger == TriggerKind::After);
  CHECK(after.amount == 2);
  CHECK(after.unit == DurationUnit::BusinessDays);
  CHECK(after.target == "phone");
  REQUIRE(after.actions.size() == 1);
  CHECK(after.actions[0].task == 3664);
  CHECK(m.steps[1].transitions[1].unit == DurationUnit::Weeks);
  const Step& done = m.steps[2];
  CHECK(done.role.empty());
  CHECK(done.terminal == TerminalKind::Goto);
  CHECK(done.terminal_arg == "assign-to-delivery");
  CHECK(done.terminal_loc.str() == "t.playbook:45:19");
}

TEST_CASE("dsl: catalog constructs (groups, externals, tenant, enum, records, contacts)") {
  Playbook m = parse_clean(dsl_test::all_constructs());
  REQUIRE(m.groups.size() == 1);
  CHECK(m.groups[0].id == "reasons");
  CHECK(m.groups[0].tasks == std::vector<int64_t>{3704, 3705});
  CHECK(m.tasks[1].mandatory);
  CHECK(m.tasks[2].services == std::vector<std::string>{"A", "B"});
  REQUIRE(m.externals.size() == 1);
  CHECK((m.externals[0].id == "partner-process" && m.externals[0].title == "Partner process"));
  CHECK(m.events[1].title.empty());
  const auto& attrs = m.tenant.attributes;
  REQUIRE(attrs.size() == 6);
  CHECK(attrs[0].type.kind == TypeKind::Enum);
  CHECK(attrs[0].type.values == std::vector<std::string>{"AMERICAS", "EMEA", "Asia Pacific"});
  CHECK(attrs[0].calendar);
  CHECK(attrs[0].title == "Region");
  CHECK(attrs[0].comments.lines == std::vector<std::string>{"The region picks the calendar."});
  CHECK(attrs[2].type.kind == TypeKind::Int);
  CHECK(attrs[3].type.kind == TypeKind::String);
  CHECK(attrs[4].type.kind == TypeKind::Contacts);
  CHECK(attrs[5].type.kind == TypeKind::Records);
  CHECK(attrs[5].type.key == "workload");
  CHECK(attrs[5].title == "Workloads");
  REQUIRE(attrs[5].type.fields.size() == 2);
  CHECK(attrs[5].type.fields[0].type.values == std::vector<std::string>{"In Progress", "Blocked"});
  CHECK(attrs[5].type.fields[1].type.kind == TypeKind::Date);
  REQUIRE(m.rules.size() == 3);
  CHECK((m.rules[1].on == RuleOn::Complete && m.rules[1].task == 3663));
  CHECK((m.rules[2].on == RuleOn::Set && m.rules[2].path == "tenant.workloads.esd"));
}

TEST_CASE("dsl: every transition form") {
  Playbook m = parse_clean(dsl_test::all_constructs());
  const auto& t = m.steps[0].transitions;
  REQUIRE(t.size() == 14);
  CHECK(
      (t[1].trigger == TriggerKind::Event && t[1].guard && print_expr(*t[1].guard) == "event.ok"));
  CHECK(t[1].actions.size() == 2);
  CHECK((t[2].trigger == TriggerKind::Task && t[2].task == 3704 && t[2].target == "done"));
  CHECK((t[4].amount == 1 && t[4].unit == DurationUnit::BusinessDays));
  CHECK(t[5].unit == DurationUnit::Days);
  CHECK((t[6].unit == DurationUnit::Weeks && print_expr(*t[6].guard) == "visits(first) < 2"));
  CHECK(t[7].unit == DurationUnit::Hours);
  CHECK((t[8].trigger == TriggerKind::At && t[8].at_path == "tenant.next_action_date"));
  CHECK(t[8].amount == -2);
  CHECK((t[9].amount == 1 && t[9].guard));
  CHECK((t[10].amount == 0 && !t[10].guard));
  CHECK((t[11].amount == 2 && t[11].unit == DurationUnit::Months));
  CHECK((t[12].amount == 4 && t[12].unit == DurationUnit::BusinessHours));
  CHECK((t[13].wait_by == "tenant.region" && t[13].wait_cases.size() == 3));
  CHECK((t[13].wait_cases[1].key == "Asia Pacific" && t[13].wait_cases[2].key.empty()));
  const auto& d = m.steps[2].transitions;
  REQUIRE(d.size() == 3);
  CHECK(d[0].trigger == TriggerKind::When);
  CHECK(print_expr(*d[0].guard) ==
        "count(tenant.workloads where workload.l1 in [\"Blocked\", \"In Progress\"]) > 1");
  CHECK(d[2].trigger == TriggerKind::Otherwise);
  CHECK(d[2].target == "lost");
  CHECK((m.steps[4].terminal == TerminalKind::Handoff &&
         m.steps[4].terminal_arg == "partner-process"));
  CHECK((m.steps[5].terminal == TerminalKind::End && m.steps[5].terminal_arg == "disengaged"));
}

TEST_CASE("dsl: every action form") {
  Playbook m = parse_clean(dsl_test::all_constructs());
  const auto& e = m.steps[1].enter;
  REQUIRE(e.size() == 11);
  CHECK((e[0].kind == ActionKind::Assign && e[0].queue == QueueKind::RM && e[0].primary));
  CHECK(e[0].text == "FTCQ Intent Assigned");
  CHECK((e[1].queue == QueueKind::FM && !e[1].primary));
  CHECK((e[2].kind == ActionKind::Unassign && e[2].text == "FTCQ Research" && !e[2].me));
  CHECK((e[3].kind == ActionKind::Unassign && e[3].me && e[3].queue == QueueKind::FM));
  CHECK((e[5].kind == ActionKind::Send && print_expr(*e[5].expr) == "tenant.contacts.primary"));
  CHECK((e[6].kind == ActionKind::Require && e[6].code == "no_workload"));
  CHECK(e[6].text == "No workload in progress");
  CHECK(e[7].code.empty());
  CHECK((e[8].kind == ActionKind::Note && e[8].note_kind == NoteKind::TechnicalEnablement));
  CHECK(e[9].note_kind == NoteKind::EngagementManagement);
  const Action& each = e[10];
  CHECK(each.kind == ActionKind::ForEach);
  CHECK((each.var == "workload" && each.path == "tenant.workloads"));
  CHECK(print_expr(*each.expr) == "workload.l1 == \"In Progress\"");
  REQUIRE(each.body.size() == 2);
  CHECK((each.body[0].kind == ActionKind::Set && each.body[0].path == "workload.esd"));
  CHECK(each.body[0].expr->kind == ExprKind::Date);
  CHECK((each.body[1].kind == ActionKind::ForEach && !each.body[1].expr));
  CHECK(each.body[1].body.size() == 1);
  const auto& tr = m.steps[0].transitions[1].actions;
  CHECK((tr[0].kind == ActionKind::Note && tr[0].note_kind == NoteKind::OverallStatus));
  CHECK((tr[1].kind == ActionKind::Set && tr[1].path == "tenant.next_action_date"));
}

TEST_CASE("dsl: step items, block strings and separators") {
  Playbook m = parse_clean(dsl_test::all_constructs());
  const Step& s = m.steps[0];
  CHECK(s.services == std::vector<std::string>{"All Services", "Teams"});
  CHECK(s.instructions == "Line one.\n  Indented line.\n\nLine three.");
  CHECK(s.tasks == std::vector<int64_t>{3663, 3704});
  Playbook one = parse_clean(
      "playbook a { step s { role x enter { complete 1; reset 2;; note status \"n\" } "
      "instructions \"\"\"one\n  two\"\"\" } }");
  CHECK(one.steps[0].role == "x");
  CHECK(one.steps[0].enter.size() == 3);
  CHECK(one.steps[0].instructions == "one\n  two");
}

TEST_CASE("dsl: comments attach to the following node or to the closing brace") {
  Playbook m = parse_clean(
      "# one\n# two\nplaybook a { # after the brace\n"
      "  role fm \"FM\" # end of line\n"
      "  #\n"
      "  step s {\n"
      "    # before enter\n"
      "    enter { complete 1 }\n"
      "    on x -> s # eol on transition\n"
      "    # closing\n"
      "  }\n"
      "  # last\n"
      "}\n"
      "# after all\n");
  CHECK(m.comments.lines == std::vector<std::string>{"one", "two"});
  CHECK(m.roles[0].comments.lines == std::vector<std::string>{"after the brace"});
  CHECK(m.steps[0].comments.lines == std::vector<std::string>{"end of line", ""});
  CHECK(m.steps[0].enter[0].comments.lines == std::vector<std::string>{"before enter"});
  CHECK(m.steps[0].trailing.lines == std::vector<std::string>{"eol on transition", "closing"});
  CHECK(m.trailing.lines == std::vector<std::string>{"last", "after all"});
}

TEST_CASE("dsl: keywords are words, not prefixes; ids may look like keywords where unambiguous") {
  Playbook m = parse_clean(
      "playbook a {\n"
      "  event task \"an event called task\"\n"
      "  step step {\n"
      "    on task -> ontology\n"
      "    on task 12 -> step\n"
      "    after 1 day -> afterwards\n"
      "  }\n"
      "}\n");
  CHECK(m.events[0].id == "task");
  CHECK(m.steps[0].id == "step");
  const auto& t = m.steps[0].transitions;
  CHECK((t[0].trigger == TriggerKind::Event && t[0].event == "task" && t[0].target == "ontology"));
  CHECK((t[1].trigger == TriggerKind::Task && t[1].task == 12));
  CHECK(t[2].target == "afterwards");
}

TEST_CASE("dsl: tabs are accepted with a PB004 warning; a leading BOM is skipped") {
  Diagnostics d;
  auto m = parse_dsl("playbook a {\n\tstart x\n}\n", "t.playbook", d);
  REQUIRE(m);
  CHECK(m->start == "x");
  CHECK(dsl_test::render(d) ==
        "2:1: PB004 tab character; indent with spaces (fmt rewrites tabs)\n");
  Diagnostics d2;
  m = parse_dsl("\xEF\xBB\xBFplaybook a {\n}\n", "t.playbook", d2);
  REQUIRE(m);
  CHECK(d2.empty());
  CHECK(m->loc.str() == "t.playbook:1:4");
}

TEST_CASE("dsl: CRLF line endings parse like LF") {
  Playbook m =
      parse_clean("playbook a {\r\n  title \"T\"\r\n  step s {\r\n    end \"x\"\r\n  }\r\n}\r\n");
  CHECK(m.title == "T");
  CHECK(m.steps[0].loc.str() == "t.playbook:3:3");
}

// test_program.cpp — expressions and paths compiled with the playbook
// (interpreter/program.hpp): every expression the evaluator reads has a
// compiled root, operators and paths resolve to the forms the evaluator
// runs, and an expression compiled apart evaluates as the same expression
// compiled with the playbook.
#include "evaluator_world.hpp"
#include "interpreter/evaluator_ctx.hpp"
#include "interpreter/program.hpp"

using namespace pbt;

namespace {

int check_root(const void* compiled) {
  CHECK(compiled != nullptr);
  return 1;
}

void all_roots(const Program& prog, const std::vector<Action>& actions, int& n) {
  for (const Action& a : actions) {
    if (a.expr) n += check_root(prog.root(*a.expr));
    if (a.kind == ActionKind::Set || a.kind == ActionKind::ForEach)
      n += check_root(prog.path_of(a.path));
    all_roots(prog, a.body, n);
  }
}

}  // namespace

TEST_CASE("program: every expression and path of the playbook is compiled", "[program]") {
  auto cp = compile_playbook(demo(), nullptr);
  int n = 0;
  for (const Step& s : cp->pb.steps) {
    all_roots(cp->program, s.enter, n);
    for (const Transition& t : s.transitions) {
      if (t.guard) n += check_root(cp->program.root(*t.guard));
      if (t.trigger == TriggerKind::At) n += check_root(cp->program.path_of(t.at_path));
      all_roots(cp->program, t.actions, n);
    }
  }
  for (const Rule& r : cp->rules) n += check_root(cp->program.root(r.condition));
  CHECK(n == 15);                          // the walk above found every construct of demo()
  Expr elsewhere = path("tenant.region");  // not part of the playbook
  CHECK(cp->program.root(elsewhere) == nullptr);
}

TEST_CASE("program: paths read what they name", "[program]") {
  auto cp = compile_playbook(demo(), nullptr);
  auto r = read_ref(*cp, "tenant.region");
  CHECK(r.kind == PathKind::Attr);
  REQUIRE(r.decl != nullptr);
  CHECK(r.decl->name == "region");
  r = read_ref(*cp, "tenant.workloads.Microsoft Teams.esd");
  CHECK(r.kind == PathKind::TenantOther);
  CHECK(r.split);
  CHECK((r.attr == "workloads" && r.key == "Microsoft Teams" && r.field == "esd"));
  r = read_ref(*cp, "tenant.nothing");
  CHECK((r.kind == PathKind::TenantOther && !r.split && r.name == "nothing"));
  CHECK(read_ref(*cp, "event.note").kind == PathKind::EventNote);
  CHECK(read_ref(*cp, "event.actor").kind == PathKind::EventActor);
  CHECK(read_ref(*cp, "event.old").kind == PathKind::EventOld);
  r = read_ref(*cp, "event.until");
  CHECK((r.kind == PathKind::EventField && r.name == "until"));
  r = read_ref(*cp, "workload.l1");
  CHECK((r.kind == PathKind::Var && r.name == "workload" && r.field == "l1"));
  r = read_ref(*cp, "contact.email");
  CHECK((r.kind == PathKind::Var && r.contact == ContactField::Email));
}

TEST_CASE("program: set targets", "[program]") {
  auto cp = compile_playbook(demo(), nullptr);
  auto w = write_ref(*cp, "tenant.next_action_date");
  CHECK((w.kind == PathKind::Attr && w.name == "next_action_date" && w.decl));
  w = write_ref(*cp, "tenant.undeclared");  // refused when written, by name
  CHECK((w.kind == PathKind::Attr && w.name == "undeclared" && !w.decl));
  w = write_ref(*cp, "tenant.workloads.Teams.l1");
  CHECK((w.kind == PathKind::AttrField && w.attr == "workloads" && w.key == "Teams"));
  CHECK(w.field == "l1");
  w = write_ref(*cp, "workload.l1");
  CHECK((w.kind == PathKind::Var && w.name == "workload" && w.field == "l1"));
  CHECK(write_ref(*cp, "tenant").kind == PathKind::None);
}

TEST_CASE("program: operators, calls and literals", "[program]") {
  auto cp = compile_playbook(demo(), nullptr);
  Program prog;
  auto op_of = [&](const Expr& e) { return prog.node(prog.add(*cp, e)).op; };
  CHECK(op_of(bin("<", path("tenant.priority"), lit(int64_t{2}))) == Op::Lt);
  CHECK(op_of(bin("starts_with", str("a"), str("b"))) == Op::StartsWith);
  CHECK(op_of(bin("~", str("a"), str("b"))) == Op::OtherBinary);
  CHECK(op_of(un("not", lit(true))) == Op::Not);
  CHECK(op_of(call("visits", {path("meeting")})) == Op::Visits);
  CHECK(op_of(call("count", {path("tenant.workloads"), lit(true)})) == Op::Count);
  CHECK(op_of(call("count", {path("tenant.region"), lit(true)})) == Op::Unset);
  CHECK(op_of(call("nope", {lit(int64_t{1})})) == Op::OtherCall);
  auto dn = prog.node(prog.add(*cp, date("2026-03-09")));
  CHECK((dn.op == Op::Date && dn.i == 20521));  // days since 1970-01-01
  CHECK(op_of(date("2026-02-30")) == Op::Unset);
}

TEST_CASE("program: an expression compiled apart evaluates as the playbook's", "[program]") {
  World w;
  w.tenant.attrs["priority"] = Value::integer(3);
  w.tenant.attrs["workloads"] = Value::of_records(
      {{"Teams", {{"l1", Value::string("Blocked")}, {"sent_to_delivery", Value::boolean(true)}}},
       {"EXO", {{"l1", Value::string("In Progress")}}}});
  Input in;
  in.kind = InputKind::Fire;
  detail::Ctx c(*w.cp, w.tenant, in, T("2026-03-06T10:00:00Z"), w.cal);
  auto eval_apart = [&](const Expr& e) { return detail::to_value(detail::eval(c, e)); };
  CHECK(eval_apart(bin(">", path("tenant.priority"), lit(int64_t{1}))) == Value::boolean(true));
  CHECK(eval_apart(call(
            "count", {path("tenant.workloads"), bin("==", path("workload.l1"), str("Blocked"))})) ==
        Value::integer(1));
  CHECK(eval_apart(path("tenant.workloads.EXO.l1")) == Value::string("In Progress"));
  CHECK(eval_apart(call("any", {path("tenant.contacts"),
                                bin("==", path("contact.email"), str("ana@x.com"))})) ==
        Value::boolean(true));
  CHECK(!eval_apart(path("tenant.next_action_date")).is_set());
  // The playbook's own rule, through its compiled root.
  const Rule& r = w.cp->rules.front();
  CHECK(w.cp->program.root(r.condition) != nullptr);
  CHECK(detail::to_value(detail::eval(c, r.condition)) == Value::boolean(false));
}

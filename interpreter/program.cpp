// program.cpp — compiling a playbook's expressions and paths (program.hpp):
// operator and function names to Op, literal dates to days, dotted paths to
// PathRef. The meaning of each form is the evaluator's (evaluator_expr.cpp).
#include "program.hpp"

#include <array>
#include <utility>

#include "evaluator.hpp"
#include "model/calendar_math.hpp"

namespace pb {

namespace {

constexpr std::array<std::pair<std::string_view, Op>, 13> kBinary{{
    {"and", Op::And},
    {"or", Op::Or},
    {"+", Op::Add},
    {"-", Op::Sub},
    {"*", Op::Mul},
    {"/", Op::Div},
    {"starts_with", Op::StartsWith},
    {"==", Op::Eq},
    {"!=", Op::Ne},
    {"<", Op::Lt},
    {"<=", Op::Le},
    {">", Op::Gt},
    {">=", Op::Ge},
}};

Op binary_op(std::string_view text) {
  for (const auto& [spelling, op] : kBinary)
    if (spelling == text) return op;
  return Op::OtherBinary;
}

ContactField contact_field(std::string_view f) {
  if (f == "name") return ContactField::Name;
  if (f == "email") return ContactField::Email;
  if (f == "do_not_contact") return ContactField::DoNotContact;
  if (f == "unsubscribed") return ContactField::Unsubscribed;
  if (f == "primary") return ContactField::Primary;
  if (f == "role") return ContactField::Role;
  return ContactField::None;
}

// Splits "ATTR.KEY.FIELD" (KEY may hold dots); false unless two dots.
bool split3(std::string_view rest, PathRef& p) {
  auto first = rest.find('.'), last = rest.rfind('.');
  if (first == std::string_view::npos || first == last) return false;
  p.attr = rest.substr(0, first);
  p.key = rest.substr(first + 1, last - first - 1);
  p.field = rest.substr(last + 1);
  return true;
}

std::pair<std::string_view, std::string_view> root_rest(std::string_view text) {
  auto dot = text.find('.');
  if (dot == std::string_view::npos) return {text, {}};
  return {text.substr(0, dot), text.substr(dot + 1)};
}

PathRef event_ref(std::string_view rest) {
  PathRef p;
  p.kind = rest == "note"    ? PathKind::EventNote
           : rest == "actor" ? PathKind::EventActor
           : rest == "old"   ? PathKind::EventOld
                             : PathKind::EventField;
  if (rest == "note_kind") p.kind = PathKind::NoteKind;
  p.name = rest;
  return p;
}

}  // namespace

PathRef read_ref(const CompiledPlaybook& cp, std::string_view text) {
  auto [root, rest] = root_rest(text);
  PathRef p;
  if (root == "event") return event_ref(rest);
  if (root == "actor" && rest.empty()) return event_ref("actor");
  p.name = root == "tenant" ? rest : root;
  if (root != "tenant") {
    p.kind = PathKind::Var;
    p.field = rest;
    p.contact = contact_field(rest);
  } else if ((p.decl = cp.attribute(rest))) {
    p.kind = PathKind::Attr;
  } else {
    p.kind = PathKind::TenantOther;
    p.split = split3(rest, p);
  }
  return p;
}

PathRef write_ref(const CompiledPlaybook& cp, std::string_view text) {
  PathRef p;
  if (text.find('.') == std::string_view::npos) return p;
  auto [root, rest] = root_rest(text);
  if (root != "tenant") {
    p.kind = PathKind::Var;
    p.name = root;
    p.field = rest;
  } else if ((p.decl = cp.attribute(rest)) || !split3(rest, p)) {
    p.kind = PathKind::Attr;
    p.name = rest;
  } else {
    p.kind = PathKind::AttrField;
  }
  return p;
}

uint32_t Program::add_path(PathRef p) {
  paths_.push_back(std::move(p));
  return uint32_t(paths_.size() - 1);
}

// The records or contacts attribute a range call walks; nullptr if none.
static const Attribute* collection(const CompiledPlaybook& cp, std::string_view p) {
  const Attribute* a = p.starts_with("tenant.") ? cp.attribute(p.substr(7)) : nullptr;
  if (!a || (a->type.kind != TypeKind::Records && a->type.kind != TypeKind::Contacts))
    return nullptr;
  return a;
}

uint32_t Program::collection_path(const Attribute& a) {
  PathRef ref;
  ref.kind = PathKind::Attr;
  ref.name = a.name;
  ref.decl = &a;
  return add_path(std::move(ref));
}

void Program::fill_call(const CompiledPlaybook& cp, Node& n, const Expr& e) {
  const std::string& f = e.text;
  if (f == "any" || f == "count") {
    const Attribute* a = e.args.size() < 2 ? nullptr : collection(cp, e.args[0].text);
    if (!a) return;
    n.op = f == "any" ? Op::Any : Op::Count;
    n.path = collection_path(*a);
    return;
  }
  if (f == "min" || f == "max" || f == "sum") {
    const Attribute* a = e.args.size() < 3 ? nullptr : collection(cp, e.args[1].text);
    if (!a) return;
    n.op = f == "min" ? Op::Min : f == "max" ? Op::Max : Op::Sum;
    n.path = collection_path(*a);
    n.s = e.args[0].text;
    return;
  }
  if (f == "is_set") {
    if (e.args.size() != 1 || e.args[0].kind != ExprKind::Path) return;
    n.op = Op::IsSet;
    n.path = add_path(read_ref(cp, e.args[0].text));
    return;
  }
  if (e.args.empty()) return;
  n.op = f == "visits"                ? Op::Visits
         : f == "task"                ? Op::Task
         : f == "task_state"          ? Op::TaskState
         : f == "outcome"             ? Op::Outcome
         : f == "days_until"          ? Op::DaysUntil
         : f == "business_days_until" ? Op::BusinessDaysUntil
                                      : Op::OtherCall;
  n.s = e.args[0].text;  // Visits: the step id; Outcome: the playbook id
  n.i = e.args[0].ival;  // Task: the task id
}

// The operands of `e` that the node reads, as the evaluator reads them.
static std::span<const Expr> operands(const Node& n, const Expr& e) {
  switch (n.op) {
    case Op::Any:
    case Op::Count: return std::span(e.args).subspan(1, 1);
    case Op::Min:
    case Op::Max:
    case Op::Sum: return std::span(e.args).subspan(2);  // BODY, and COND when written
    case Op::DaysUntil:
    case Op::BusinessDaysUntil:
    case Op::OtherCall:
    case Op::Not:
    case Op::Neg: return std::span(e.args).first(1);
    case Op::And:
    case Op::Or:
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::StartsWith:
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
    case Op::OtherBinary:
    case Op::In: return e.args;
    default: return {};  // literals, paths, visits, task, unset
  }
}

void Program::fill(const CompiledPlaybook& cp, uint32_t slot, const Expr& e) {
  Node n;
  switch (e.kind) {
    case ExprKind::Bool: n.op = Op::Bool, n.i = e.bval; break;
    case ExprKind::Int: n.op = Op::Int, n.i = e.ival; break;
    case ExprKind::Decimal: n.op = Op::Decimal, n.i = e.ival; break;
    case ExprKind::String: n.op = Op::String, n.s = e.text; break;
    case ExprKind::Date: {
      Days d;
      if (parse_iso_date(e.text, d)) n.op = Op::Date, n.i = d.time_since_epoch().count();
      break;
    }
    case ExprKind::Path: n.op = Op::Path, n.path = add_path(read_ref(cp, e.text)); break;
    case ExprKind::Call: fill_call(cp, n, e); break;
    case ExprKind::Unary:
      if (!e.args.empty()) n.op = e.text == "not" ? Op::Not : Op::Neg;
      break;
    case ExprKind::Binary:
      if (e.args.size() == 2) n.op = binary_op(e.text);
      break;
    case ExprKind::In:
      if (!e.args.empty()) n.op = Op::In;
      break;
  }
  auto args = operands(n, e);
  n.src = &e;
  n.first = uint32_t(nodes_.size());
  n.count = uint32_t(args.size());
  nodes_.resize(nodes_.size() + args.size());
  nodes_[slot] = n;
  for (size_t k = 0; k < args.size(); ++k) fill(cp, n.first + uint32_t(k), args[k]);
}

uint32_t Program::add(const CompiledPlaybook& cp, const Expr& e) {
  auto slot = uint32_t(nodes_.size());
  nodes_.emplace_back();
  fill(cp, slot, e);
  return slot;
}

void Program::add_root(const CompiledPlaybook& cp, const Expr& e) { roots_[&e] = add(cp, e); }

void Program::add_actions(const CompiledPlaybook& cp, const std::vector<Action>& actions) {
  for (const Action& a : actions) {
    if (a.expr) add_root(cp, *a.expr);
    for (const Expr& e : a.tmpl.exprs) add_root(cp, e);
    if (a.cc) add_root(cp, *a.cc);
    if (a.kind == ActionKind::Set) path_of_[&a.path] = add_path(write_ref(cp, a.path));
    if (a.kind == ActionKind::ForEach) path_of_[&a.path] = add_path(read_ref(cp, a.path));
    add_actions(cp, a.body);
  }
}

void Program::compile(const CompiledPlaybook& cp) {
  for (const Step& s : cp.pb.steps) {
    add_actions(cp, s.enter);
    for (const Transition& t : s.transitions) {
      if (t.guard) add_root(cp, *t.guard);
      if (t.trigger == TriggerKind::At) path_of_[&t.at_path] = add_path(read_ref(cp, t.at_path));
      if (!t.wait_by.empty()) path_of_[&t.wait_by] = add_path(read_ref(cp, t.wait_by));
      add_actions(cp, t.actions);
    }
  }
  for (const Rule& r : cp.rules) add_root(cp, r.condition);
}

const Node* Program::root(const Expr& e) const {
  auto it = roots_.find(&e);
  return it == roots_.end() ? nullptr : &nodes_[it->second];
}

const PathRef* Program::path_of(const std::string& text) const {
  auto it = path_of_.find(&text);
  return it == path_of_.end() ? nullptr : &paths_[it->second];
}

}  // namespace pb

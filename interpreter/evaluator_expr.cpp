// evaluator_expr.cpp — total expression evaluation over the overlaid state
// (evaluator_ctx.hpp). Never throws and never fails: an unset attribute, a
// type mismatch or an overflow yields Unset, which compares unequal to every
// value (== false, != true, ordering false) and is false as a condition —
// except the empty string: an unset value equals "", so `event.reason != ""`
// reads "a reason was given" whether the field was left out or left empty.
#include <string_view>

#include "model/calendar_math.hpp"
#include "model/decimal.hpp"
#include "evaluator_ctx.hpp"

namespace pb::detail {

using K = Value::Kind;

static EV from(const Value* v) {
  EV r;
  if (!v) return r;
  r.kind = v->kind;
  r.i = v->i;
  r.s = v->s;
  r.ref = v;
  return r;
}

static EV make(K kind, int64_t i) {
  EV r;
  r.kind = kind;
  r.i = i;
  return r;
}

bool truthy(const EV& v) {
  switch (v.kind) {
    case K::Bool:
    case K::Int:
    case K::Decimal: return v.i != 0;
    case K::String: return !v.s.empty();
    default: return false;
  }
}

Value to_value(const EV& v) {
  switch (v.kind) {
    case K::Bool: return Value::boolean(v.i != 0);
    case K::Int: return Value::integer(v.i);
    case K::Decimal: return Value::decimal(v.i);
    case K::Date: return Value::date(Days{std::chrono::days{v.i}});
    case K::String: return Value::string(std::string(v.s));
    case K::Records:
    case K::Contacts: return v.ref ? *v.ref : Value{};
    case K::Unset: break;
  }
  return Value{};
}

static const Value* field_of(const Value* records, std::string_view key, std::string_view field) {
  if (!records || records->kind != K::Records || !records->records) return nullptr;
  auto r = records->records->find(key);
  if (r == records->records->end()) return nullptr;
  auto f = r->second.find(field);
  return f == r->second.end() ? nullptr : &f->second;
}

static const Value* tenant_other(Ctx& c, const PathRef& p) {
  if (c.tenant.attrs.count(p.name)) return c.attr(p.name);
  return p.split ? field_of(c.attr(p.attr), p.key, p.field) : nullptr;
}

static const Value* payload_field(Ctx& c, std::string_view name) {
  for (const auto& [field, value] : c.payload)
    if (field == name) return &value;
  return nullptr;
}

static EV contact_field(const Contact& k, ContactField f) {
  switch (f) {
    case ContactField::Name: return EV{K::String, 0, k.name, nullptr};
    case ContactField::Email: return EV{K::String, 0, k.email, nullptr};
    case ContactField::DoNotContact: return make(K::Bool, k.do_not_contact);
    case ContactField::Unsubscribed: return make(K::Bool, k.unsubscribed);
    case ContactField::Primary: return make(K::Bool, k.primary);
    case ContactField::Role: return EV{K::String, 0, k.role, nullptr};
    case ContactField::None: break;
  }
  return EV{};
}

static EV var_path(Ctx& c, const PathRef& p) {
  const Binding* b = c.binding(p.name);
  if (!b) return EV{};
  if (b->contact) return contact_field(*b->contact, p.contact);
  if (p.field.empty()) return EV{K::String, 0, b->key, nullptr};
  return from(field_of(c.attr(b->attr->name), b->key, p.field));
}

EV read_path(Ctx& c, const PathRef& p) {
  switch (p.kind) {
    case PathKind::Attr: return from(c.attr(p.name));
    case PathKind::TenantOther: return from(tenant_other(c, p));
    case PathKind::EventNote: return EV{K::String, 0, c.in.note, nullptr};
    case PathKind::NoteKind:
      return EV{K::String, 0, c.in.note.empty() ? std::string_view{} : c.in.note_kind.id, nullptr};
    case PathKind::EventActor: return EV{K::String, 0, c.in.actor, nullptr};
    case PathKind::EventOld: return from(c.old_value);
    case PathKind::EventField: return from(payload_field(c, p.name));
    case PathKind::Var: return var_path(c, p);
    case PathKind::AttrField:
    case PathKind::None: break;
  }
  return EV{};
}

static int64_t today(const Ctx& c) { return day_of(c.now).time_since_epoch().count(); }

static EV run(Ctx& c, const Program& p, const Node& n);

static EV operand(Ctx& c, const Program& p, const Node& n, uint32_t k) {
  return run(c, p, p.node(n.first + k));
}

// Calls `visit` with the variable `var` bound to each record (or contact) of
// the node's collection, in key order, until it returns false.
template <class Visit>
static void each_record(Ctx& c, const Program& p, const Node& n, std::string_view var,
                        Visit&& visit) {
  const Attribute* a = p.path(n.path).decl;
  const Value* recs = c.attr(a->name);
  if (recs && recs->contacts) {
    auto keep = recs->contacts;  // alive while the body runs
    for (const Contact& k : *keep) {
      c.bindings.push_back(Binding{var, a, k.name, nullptr, &k});
      bool more = visit();
      c.bindings.pop_back();
      if (!more) return;
    }
  }
  if (recs && recs->records) {
    auto keep = recs->records;
    for (const auto& [key, fields] : *keep) {
      c.bindings.push_back(Binding{var, a, key, &fields, nullptr});
      bool more = visit();
      c.bindings.pop_back();
      if (!more) return;
    }
  }
}

// any/count: the body (the one operand) with the type's key bound to each record.
static EV over_records(Ctx& c, const Program& p, const Node& n) {
  bool count = n.op == Op::Count;
  const Attribute* a = p.path(n.path).decl;
  std::string_view var = a->type.key;  // not `?:` with a literal: that builds a temporary
  if (a->type.kind == TypeKind::Contacts) var = "contact";
  int64_t hits = 0;
  each_record(c, p, n, var, [&] {
    bool ok = truthy(operand(c, p, n, 0));
    hits += ok;
    return count || !ok;
  });
  return count ? make(K::Int, hits) : make(K::Bool, hits > 0);
}

static int compare(EV a, EV b);

// min/max/sum(BODY for VAR in PATH where COND): unset bodies are skipped; min
// and max of nothing are unset, the sum of nothing is 0.
static EV aggregate(Ctx& c, const Program& p, const Node& n) {
  EV best, total = make(K::Int, 0);
  Node add = n;  // the sum's additions, reported at the sum
  add.op = Op::Add;
  each_record(c, p, n, n.s, [&] {
    if (n.count > 1 && !truthy(operand(c, p, n, 1))) return true;
    EV v = operand(c, p, n, 0);
    if (v.kind == K::Unset || c.failed()) return !c.failed();
    if (n.op == Op::Sum) {
      total = arith(c, add, total, v);
      return !c.failed();
    }
    int r = best.kind == K::Unset ? (n.op == Op::Min ? -1 : 1) : compare(v, best);
    if (r != 2 && (n.op == Op::Min ? r < 0 : r > 0)) best = v;
    return true;
  });
  return n.op == Op::Sum ? total : best;
}

// is_set(PATH): given, and not an empty text or an empty collection.
static EV is_set(Ctx& c, const Program& p, const Node& n) {
  EV v = read_path(c, p.path(n.path));
  bool set = v.kind != K::Unset && !(v.kind == K::String && v.s.empty());
  if (v.ref && v.ref->records) set = !v.ref->records->empty();
  if (v.ref && v.ref->contacts) set = !v.ref->contacts->empty();
  return make(K::Bool, set);
}

// visits, task, task_state, outcome, days_until, business_days_until and an
// unknown function.
static EV call(Ctx& c, const Program& p, const Node& n) {
  if (n.op == Op::Visits) {
    auto it = c.out.instance.visits.find(n.s);
    return make(K::Int, it == c.out.instance.visits.end() ? 0 : it->second);
  }
  if (n.op == Op::Task) return make(K::Bool, c.task_complete(n.i));
  if (n.op == Op::TaskState) return EV{K::String, 0, to_string(c.task_status(n.i)), nullptr};
  if (n.op == Op::Outcome) {
    auto it = c.out.instance.returns.find(n.s);
    if (it == c.out.instance.returns.end()) return EV{K::String, 0, std::string_view{}, nullptr};
    return EV{K::String, 0, std::string_view(it->second), nullptr};
  }
  EV d = operand(c, p, n, 0);
  if (d.kind != K::Date) return EV{};
  if (n.op == Op::DaysUntil) return make(K::Int, d.i - today(c));
  if (n.op == Op::BusinessDaysUntil) {
    Days from{std::chrono::days{today(c)}}, to{std::chrono::days{d.i}};
    return make(K::Int, business_days_between(from, to, c.cal));
  }
  return EV{};
}

// Brings a string compared with a date to a date when it reads as one.
static void align(EV& a, EV& b) {
  Days d;
  if (a.kind == K::Date && b.kind == K::String && parse_iso_date(b.s, d))
    b = make(K::Date, d.time_since_epoch().count());
  else if (b.kind == K::Date && a.kind == K::String)
    align(b, a);
}

// -1, 0, 1; or 2 when the two cannot be compared.
static int compare(EV a, EV b) {
  align(a, b);
  if (a.kind == K::Decimal && b.kind == K::Int) {
    auto d = decimal_from_int(b.i);
    if (!d) return a.i < 0 ? -1 : 1;  // beyond any decimal
    b = make(K::Decimal, *d);
  } else if (a.kind == K::Int && b.kind == K::Decimal) {
    int r = compare(b, a);
    return r == 2 ? 2 : -r;
  }
  if ((a.kind == K::Unset && b.kind == K::String && b.s.empty()) ||
      (b.kind == K::Unset && a.kind == K::String && a.s.empty()))
    return 0;
  if (a.kind == K::Unset || a.kind != b.kind) return 2;
  switch (a.kind) {
    case K::Bool:
    case K::Int:
    case K::Decimal:
    case K::Date: return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
    case K::String: return a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
    default: return 2;
  }
}

// Two operands: and, or (short-circuit), arithmetic, starts_with, comparisons.
static EV binary(Ctx& c, const Program& p, const Node& n) {
  if (n.op == Op::And)
    return make(K::Bool, truthy(operand(c, p, n, 0)) && truthy(operand(c, p, n, 1)));
  if (n.op == Op::Or)
    return make(K::Bool, truthy(operand(c, p, n, 0)) || truthy(operand(c, p, n, 1)));
  EV a = operand(c, p, n, 0), b = operand(c, p, n, 1);
  if (n.op == Op::Add || n.op == Op::Sub || n.op == Op::Mul || n.op == Op::Div)
    return arith(c, n, a, b);
  if (n.op == Op::StartsWith)
    return make(K::Bool, a.kind == K::String && b.kind == K::String && a.s.starts_with(b.s));
  int r = compare(a, b);
  switch (n.op) {
    case Op::Eq: return make(K::Bool, r == 0);
    case Op::Ne: return make(K::Bool, r != 0);
    default: break;
  }
  if (r == 2) return make(K::Bool, 0);
  switch (n.op) {
    case Op::Lt: return make(K::Bool, r < 0);
    case Op::Le: return make(K::Bool, r <= 0);
    case Op::Gt: return make(K::Bool, r > 0);
    case Op::Ge: return make(K::Bool, r >= 0);
    default: return EV{};
  }
}

static EV in_list(Ctx& c, const Program& p, const Node& n) {
  EV a = operand(c, p, n, 0);
  for (uint32_t k = 1; k < n.count; ++k)
    if (compare(a, operand(c, p, n, k)) == 0) return make(K::Bool, 1);
  return make(K::Bool, 0);
}

static EV run(Ctx& c, const Program& p, const Node& n) {
  switch (n.op) {
    case Op::Unset: return EV{};
    case Op::Bool: return make(K::Bool, n.i);
    case Op::Int: return make(K::Int, n.i);
    case Op::String: return EV{K::String, 0, n.s, nullptr};
    case Op::Date: return make(K::Date, n.i);
    case Op::Decimal: return make(K::Decimal, n.i);
    case Op::Path: return read_path(c, p.path(n.path));
    case Op::IsSet: return is_set(c, p, n);
    case Op::Any:
    case Op::Count: return over_records(c, p, n);
    case Op::Min:
    case Op::Max:
    case Op::Sum: return aggregate(c, p, n);
    case Op::Visits:
    case Op::Task:
    case Op::TaskState:
    case Op::Outcome:
    case Op::DaysUntil:
    case Op::BusinessDaysUntil:
    case Op::OtherCall: return call(c, p, n);
    case Op::Not: return make(K::Bool, !truthy(operand(c, p, n, 0)));
    case Op::Neg: return negate(operand(c, p, n, 0));
    case Op::In: return in_list(c, p, n);
    default: return binary(c, p, n);
  }
}

EV eval(Ctx& c, const Expr& e) {
  if (const Node* n = c.cp.program.root(e)) return run(c, c.cp.program, *n);
  Program& local = c.local_program();  // not compiled with the playbook
  return run(c, local, local.node(local.add(c.cp, e)));
}

bool holds(Ctx& c, const std::optional<Expr>& guard) { return !guard || truthy(eval(c, *guard)); }

}  // namespace pb::detail

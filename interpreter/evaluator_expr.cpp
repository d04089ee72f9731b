// evaluator_expr.cpp — total expression evaluation over the overlaid state
// (evaluator_ctx.hpp). Never throws and never fails: an unset attribute, a
// type mismatch or an overflow yields Unset, which compares unequal to every
// value (== false, != true, ordering false) and is false as a condition —
// except the empty string: an unset value equals "", so `event.reason != ""`
// reads "a reason was given" whether the field was left out or left empty.
#include <string_view>

#include "model/calendar_math.hpp"
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
    case K::Int: return v.i != 0;
    case K::String: return !v.s.empty();
    default: return false;
  }
}

Value to_value(const EV& v) {
  switch (v.kind) {
    case K::Bool: return Value::boolean(v.i != 0);
    case K::Int: return Value::integer(v.i);
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

static const Value* tenant_path(Ctx& c, std::string_view rest) {
  if (c.cp.attribute(rest) || c.tenant.attrs.count(rest)) return c.attr(rest);
  auto dot = rest.find('.');
  auto last = rest.rfind('.');
  if (dot == std::string_view::npos || last == dot) return nullptr;
  return field_of(c.attr(rest.substr(0, dot)), rest.substr(dot + 1, last - dot - 1),
                  rest.substr(last + 1));
}

static const Value* event_path(Ctx& c, std::string_view rest, EV& literal) {
  if (rest == "note") return literal = EV{K::String, 0, c.in.note, nullptr}, nullptr;
  if (rest == "actor") return literal = EV{K::String, 0, c.in.actor, nullptr}, nullptr;
  if (rest == "old") return c.old_value;
  for (const auto& [name, value] : c.payload)
    if (name == rest) return &value;
  return nullptr;
}

static EV contact_field(const Contact& k, std::string_view f) {
  if (f == "name") return EV{K::String, 0, k.name, nullptr};
  if (f == "email") return EV{K::String, 0, k.email, nullptr};
  if (f == "do_not_contact") return make(K::Bool, k.do_not_contact);
  if (f == "unsubscribed") return make(K::Bool, k.unsubscribed);
  if (f == "primary") return make(K::Bool, k.primary);
  return EV{};
}

EV read_path(Ctx& c, std::string_view p) {
  auto dot = p.find('.');
  std::string_view root = p.substr(0, dot);
  std::string_view rest = dot == std::string_view::npos ? std::string_view{} : p.substr(dot + 1);
  if (root == "tenant") return from(tenant_path(c, rest));
  if (root == "event") {
    EV lit;
    const Value* v = event_path(c, rest, lit);
    return v ? from(v) : lit;
  }
  if (const Binding* b = c.binding(root)) {
    if (b->contact) return contact_field(*b->contact, rest);
    if (rest.empty()) return EV{K::String, 0, b->key, nullptr};
    return from(field_of(c.attr(b->attr->name), b->key, rest));
  }
  return EV{};
}

static int64_t today(const Ctx& c) { return day_of(c.now).time_since_epoch().count(); }

static EV over_records(Ctx& c, const Expr& e, bool count) {
  if (e.args.size() < 2) return EV{};
  std::string_view p = e.args[0].text;
  if (p.rfind("tenant.", 0) != 0) return EV{};
  const Attribute* a = c.cp.attribute(p.substr(7));
  if (!a || (a->type.kind != TypeKind::Records && a->type.kind != TypeKind::Contacts)) return EV{};
  const Value* recs = c.attr(a->name);
  int64_t n = 0;
  if (recs && recs->contacts) {
    for (const Contact& k : *recs->contacts) {
      c.bindings.push_back(Binding{"contact", a, k.name, nullptr, &k});
      bool ok = truthy(eval(c, e.args[1]));
      c.bindings.pop_back();
      if (ok && !count) return make(K::Bool, 1);
      n += ok;
    }
  }
  if (recs && recs->records) {
    for (const auto& [key, fields] : *recs->records) {
      c.bindings.push_back(Binding{a->type.key, a, key, &fields, nullptr});
      bool ok = truthy(eval(c, e.args[1]));
      c.bindings.pop_back();
      if (ok && !count) return make(K::Bool, 1);
      n += ok;
    }
  }
  return count ? make(K::Int, n) : make(K::Bool, 0);
}

static EV call(Ctx& c, const Expr& e) {
  const std::string& f = e.text;
  if (f == "any" || f == "count") return over_records(c, e, f == "count");
  if (e.args.empty()) return EV{};
  if (f == "visits") {
    auto it = c.out.instance.visits.find(e.args[0].text);
    return make(K::Int, it == c.out.instance.visits.end() ? 0 : it->second);
  }
  if (f == "task") return make(K::Bool, c.task_complete(e.args[0].ival));
  EV d = eval(c, e.args[0]);
  if (d.kind != K::Date) return EV{};
  if (f == "days_until") return make(K::Int, d.i - today(c));
  if (f == "business_days_until") {
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
  if ((a.kind == K::Unset && b.kind == K::String && b.s.empty()) ||
      (b.kind == K::Unset && a.kind == K::String && a.s.empty()))
    return 0;
  if (a.kind == K::Unset || a.kind != b.kind) return 2;
  switch (a.kind) {
    case K::Bool:
    case K::Int:
    case K::Date: return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
    case K::String: return a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
    default: return 2;
  }
}

static EV arith(const std::string& op, const EV& a, const EV& b) {
  int64_t r = 0;
  bool plus = op == "+";
  bool overflow =
      plus ? __builtin_add_overflow(a.i, b.i, &r) : __builtin_sub_overflow(a.i, b.i, &r);
  if (overflow) return EV{};
  if (a.kind == K::Int && b.kind == K::Int) return make(K::Int, r);
  if (a.kind == K::Date && b.kind == K::Int) return make(K::Date, r);
  if (plus && a.kind == K::Int && b.kind == K::Date) return make(K::Date, r);
  if (!plus && a.kind == K::Date && b.kind == K::Date) return make(K::Int, r);
  return EV{};
}

static EV binary(Ctx& c, const Expr& e) {
  if (e.args.size() != 2) return EV{};
  const std::string& op = e.text;
  if (op == "and") return make(K::Bool, truthy(eval(c, e.args[0])) && truthy(eval(c, e.args[1])));
  if (op == "or") return make(K::Bool, truthy(eval(c, e.args[0])) || truthy(eval(c, e.args[1])));
  EV a = eval(c, e.args[0]), b = eval(c, e.args[1]);
  if (op == "+" || op == "-") return arith(op, a, b);
  if (op == "starts_with")
    return make(K::Bool, a.kind == K::String && b.kind == K::String && a.s.starts_with(b.s));
  int r = compare(a, b);
  if (op == "==") return make(K::Bool, r == 0);
  if (op == "!=") return make(K::Bool, r != 0);
  if (r == 2) return make(K::Bool, 0);
  if (op == "<") return make(K::Bool, r < 0);
  if (op == "<=") return make(K::Bool, r <= 0);
  if (op == ">") return make(K::Bool, r > 0);
  if (op == ">=") return make(K::Bool, r >= 0);
  return EV{};
}

static EV literal_date(const Expr& e) {
  Days d;
  if (!parse_iso_date(e.text, d)) return EV{};
  return make(K::Date, d.time_since_epoch().count());
}

EV eval(Ctx& c, const Expr& e) {
  switch (e.kind) {
    case ExprKind::Bool: return make(K::Bool, e.bval);
    case ExprKind::Int: return make(K::Int, e.ival);
    case ExprKind::String: return EV{K::String, 0, e.text, nullptr};
    case ExprKind::Date: return literal_date(e);
    case ExprKind::Path: return read_path(c, e.text);
    case ExprKind::Call: return call(c, e);
    case ExprKind::Unary: {
      if (e.args.empty()) return EV{};
      EV a = eval(c, e.args[0]);
      if (e.text == "not") return make(K::Bool, !truthy(a));
      if (a.kind != K::Int || a.i == INT64_MIN) return EV{};
      return make(K::Int, -a.i);
    }
    case ExprKind::Binary: return binary(c, e);
    case ExprKind::In: {
      if (e.args.empty()) return EV{};
      EV a = eval(c, e.args[0]);
      for (size_t k = 1; k < e.args.size(); ++k)
        if (compare(a, eval(c, e.args[k])) == 0) return make(K::Bool, 1);
      return make(K::Bool, 0);
    }
  }
  return EV{};
}

bool holds(Ctx& c, const std::optional<Expr>& guard) { return !guard || truthy(eval(c, *guard)); }

}  // namespace pb::detail

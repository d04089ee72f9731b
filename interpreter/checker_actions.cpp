// checker_actions.cpp — actions: `set` values against the attribute's type
// (PB041, enum values PB035), `each` over records, `send … to`, `require`
// conditions, and notes that do not start with the playbook's note_prefix
// (PB060) or have a kind the playbook does not know (PB140). Each action is checked in the Env of where it stands.
#include <fmt/format.h>

#include "checker_internal.hpp"

namespace pb::check {

namespace {

constexpr TypeKind U = TypeKind::Unknown;

bool assignable(TypeKind to, TypeKind from) {
  if (to == U || from == U || to == from) return true;
  return (to == TypeKind::Enum && from == TypeKind::String) ||
         (to == TypeKind::String && from == TypeKind::Enum) ||
         (to == TypeKind::Decimal && from == TypeKind::Int);  // an int widens
}

void check_set(PlaybookScope& s, const Env& env, const Action& a) {
  if (a.path.rfind("event.", 0) == 0 || a.path == "event") {
    s.diags.error(
        a.loc, LintCode::SetTypeError,
        fmt::format("cannot set '{}': only tenant attributes and record fields can be set",
                    a.path));
    return;
  }
  Ty target = resolve_path(s, env, a.path, a.loc);
  if (target.kind == TypeKind::Records || target.kind == TypeKind::Contacts) {
    s.diags.error(a.loc, LintCode::SetTypeError,
                  fmt::format("cannot set the whole of {} ({}); set one field inside "
                              "`each … in {}`",
                              what_of(target), type_name(target.kind), what_of(target)));
    return;
  }
  if (!a.expr) return;
  Ty value = type_of(s, env, *a.expr);
  check_enum_literal(s, target, *a.expr);
  if (!assignable(target.kind, value.kind))
    s.diags.error(a.expr->loc, LintCode::SetTypeError,
                  fmt::format("cannot set {} ({}) to {} ({})", a.path, type_name(target.kind),
                              what_of(value), type_name(value.kind)));
}

void check_each(PlaybookScope& s, const Env& env, const Action& a) {
  Ty coll = resolve_path(s, env, a.path, a.loc);
  if (coll.kind != TypeKind::Records && coll.kind != TypeKind::Contacts) {
    if (coll.kind != U)  // an unknown collection was reported; its body would only cascade
      s.diags.error(a.loc, LintCode::ExprTypeError,
                    fmt::format("`each` ranges over records or contacts, but {} is {}",
                                what_of(coll), type_name(coll.kind)));
    return;
  }
  Env inner = env;
  inner.vars.emplace_back(a.var, coll.type);
  if (a.expr) check_guard(s, inner, *a.expr, "the `where` of `each`");
  check_actions(s, inner, a.body);
}

void check_note(PlaybookScope& s, const Action& a) {
  check_note_kind(s, a);
  const std::string& prefix = s.pb.note_prefix;
  if (prefix.empty() || a.text.rfind(prefix, 0) == 0) return;
  s.diags.error(a.loc, LintCode::NoteWithoutPrefix,
                fmt::format("note \"{}\" does not start with the playbook's note_prefix \"{}\"",
                            a.text.size() > 60 ? a.text.substr(0, 57) + "..." : a.text, prefix));
}

// The first contacts attribute the tenant declares (what `send` writes to).
const Attribute* contacts_attr(const PlaybookScope& s) {
  const Attribute* best = nullptr;
  for (const auto& [name, a] : s.attrs)
    if (a->type.kind == TypeKind::Contacts && (!best || a->loc.line < best->loc.line)) best = a;
  return best;
}

// `contacts where COND`: COND with `contact` bound to each contact.
void check_contacts_where(PlaybookScope& s, const Env& env, const Action& a, const Expr& cond) {
  const Attribute* attr = contacts_attr(s);
  if (!attr) {
    s.diags.error(cond.loc, LintCode::UndefinedAttribute,
                  "`contacts where …` needs a contacts attribute in the tenant schema");
    return;
  }
  Env inner = env;
  inner.vars.emplace_back("contact", resolve_path(s, env, "tenant." + attr->name, a.loc).type);
  check_guard(s, inner, cond, "the condition of `contacts where`");
}

void check_mark_contact(PlaybookScope& s, const Env& env, const Action& a) {
  if (!contacts_attr(s))
    s.diags.error(a.loc, LintCode::UndefinedAttribute,
                  "`mark contact` needs a contacts attribute in the tenant schema");
  if (!a.expr) return;
  Ty who = type_of(s, env, *a.expr);
  if (who.kind != U && who.kind != TypeKind::String && who.kind != TypeKind::Enum)
    s.diags.error(a.expr->loc, LintCode::ExprTypeError,
                  fmt::format("`mark contact` names a contact (string), but {} is {}", what_of(who),
                              type_name(who.kind)));
}

void check_send(PlaybookScope& s, const Env& env, const Action& a) {
  if (a.cc) check_contacts_where(s, env, a, *a.cc);
  if (a.expr && a.to_contacts) return check_contacts_where(s, env, a, *a.expr);
  if (!a.expr) return;
  Ty to = type_of(s, env, *a.expr);
  if (to.kind != U && to.kind != TypeKind::String && to.kind != TypeKind::Enum)
    s.diags.error(a.expr->loc, LintCode::ExprTypeError,
                  fmt::format("`send … to` names a contact (string), but {} is {}", what_of(to),
                              type_name(to.kind)));
}

// Each `{EXPR}` of the text the action writes: typed where the action stands,
// and a value that has a text (PB131 for records and contacts).
void check_placeholders(PlaybookScope& s, const Env& env, const Action& a) {
  for (const Expr& e : a.tmpl.exprs) {
    Ty t = type_of(s, env, e);
    if (t.kind == TypeKind::Records || t.kind == TypeKind::Contacts)
      s.diags.error(e.loc, LintCode::BadPlaceholder,
                    fmt::format("placeholder {{{}}} is {} ({}): a text can hold a value, not a "
                                "collection; write one field, or count(…), min(…)",
                                show(e), what_of(t), type_name(t.kind)));
  }
}

}  // namespace

void check_actions(PlaybookScope& s, const Env& env, const std::vector<Action>& actions) {
  for (const auto& a : actions) {
    check_placeholders(s, env, a);
    switch (a.kind) {
      case ActionKind::Set: check_set(s, env, a); break;
      case ActionKind::ForEach: check_each(s, env, a); break;
      case ActionKind::Note: check_note(s, a); break;
      case ActionKind::Send: check_send(s, env, a); break;
      case ActionKind::Require:
        if (a.expr) check_guard(s, env, *a.expr, "the condition of `require`");
        break;
      case ActionKind::Mark: check_mark(s, a); break;
      case ActionKind::MarkContact: check_mark_contact(s, env, a); break;
      case ActionKind::Complete:
      case ActionKind::Reset:
      case ActionKind::Assign:
      case ActionKind::Unassign: break;  // task references: checker_names.cpp
    }
  }
}

}  // namespace pb::check

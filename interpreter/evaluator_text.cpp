// evaluator_text.cpp — the texts actions write, with their `{EXPR}`
// placeholders filled in (docs/language.md, "Texts with placeholders").
//
// Contract: a placeholder is written as its value's display text (dates
// YYYY-MM-DD, decimals without trailing zeros, true/false). A text that is
// written (a note, a queue name, a template) is never written with a hole: an
// unset or empty placeholder refuses the input (`unset-placeholder`). A
// refusal message is only shown, so there an unset placeholder stays as
// written.
#include <fmt/format.h>

#include "evaluator_ctx.hpp"

namespace pb::detail {

namespace {

const char* what_writes(const Action& a) {
  switch (a.kind) {
    case ActionKind::Note: return "note";
    case ActionKind::Assign:
    case ActionKind::Unassign: return "queue name";
    case ActionKind::Send: return "template name";
    default: return "message";
  }
}

}  // namespace

bool render_text(Ctx& c, const Action& a, std::string& out) {
  const TextTemplate& t = a.tmpl;
  if (t.exprs.empty()) {
    out = a.text;
    return true;
  }
  bool shown_only = a.kind == ActionKind::Require;
  out = t.pieces.empty() ? std::string() : t.pieces[0];
  for (size_t i = 0; i < t.exprs.size(); ++i) {
    EV v = eval(c, t.exprs[i]);
    if (c.failed()) return false;
    std::string text = v.kind == Value::Kind::Records || v.kind == Value::Kind::Contacts
                           ? std::string()
                           : to_text(to_value(v));
    if (text.empty()) {
      if (!shown_only) {
        const Loc& at = t.exprs[i].loc;
        return c.refuse(RefusalCode::UnsetPlaceholder,
                        fmt::format("the {} \"{}\" is not written: its placeholder at {} has no "
                                    "value",
                                    what_writes(a), a.text, at.str()));
      }
      text = "{…}";
    }
    out += text;
    if (i + 1 < t.pieces.size()) out += t.pieces[i + 1];
  }
  return true;
}

}  // namespace pb::detail

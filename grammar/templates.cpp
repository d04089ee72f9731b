// templates.cpp — placeholders in action texts (templates.hpp).
#include "templates.hpp"

#include <fmt/format.h>

#include "frontend.hpp"

namespace pb {

namespace {

// Where offset `i` of a text that stands at `at` is: the same line, `i`
// bytes (and the opening quote) to the right — exact for one-line texts.
Loc inside(const Loc& at, const std::string& text, size_t i) {
  Loc l = at;
  size_t nl = text.rfind('\n', i);
  if (nl == std::string::npos) {
    l.col += static_cast<uint32_t>(i + 1);
  } else {
    for (size_t k = 0; k <= i && k < text.size(); ++k) l.line += text[k] == '\n';
    l.col = static_cast<uint32_t>(i - nl);
  }
  return l;
}

void brace_error(Diagnostics& diags, const Loc& at, char brace) {
  diags.error(at, LintCode::BadPlaceholder,
              fmt::format("a lone '{}' in a text: a placeholder is {{EXPR}}, and a brace is "
                          "written twice ('{}{}')",
                          brace, brace, brace),
              "");
}

bool writes_text(const Action& a) {
  switch (a.kind) {
    case ActionKind::Note:
    case ActionKind::Send:
    case ActionKind::Require: return true;
    case ActionKind::Assign:
    case ActionKind::Unassign: return !a.me;
    default: return false;
  }
}

void fill(std::vector<Action>& actions, Diagnostics& diags) {
  for (Action& a : actions) {
    if (writes_text(a))
      a.tmpl = parse_template(a.text, a.text_loc.line ? a.text_loc : a.loc, diags);
    fill(a.body, diags);
  }
}

}  // namespace

TextTemplate parse_template(const std::string& text, const Loc& at, Diagnostics& diags) {
  TextTemplate t;
  if (text.find_first_of("{}") == std::string::npos) return t;  // plain text: nothing to split
  t.pieces.emplace_back();
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      t.pieces.back() += c, ++i;
      continue;
    }
    if (c == '}') {
      brace_error(diags, inside(at, text, i), '}');
      continue;
    }
    if (c != '{') {
      t.pieces.back() += c;
      continue;
    }
    size_t close = text.find('}', i + 1);
    if (close == std::string::npos) {
      brace_error(diags, inside(at, text, i), '{');
      break;
    }
    auto e = parse_expression(std::string_view(text).substr(i + 1, close - i - 1),
                              inside(at, text, i + 1), diags);
    if (e) t.exprs.push_back(std::move(*e)), t.pieces.emplace_back();
    i = close;
  }
  return t;
}

void fill_templates(Playbook& pb, Diagnostics& diags) {
  for (Step& s : pb.steps) {
    fill(s.enter, diags);
    for (Transition& t : s.transitions) fill(t.actions, diags);
  }
  if (pb.anywhere)
    for (Transition& t : pb.anywhere->transitions) fill(t.actions, diags);
}

}  // namespace pb

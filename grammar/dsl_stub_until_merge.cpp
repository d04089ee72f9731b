// dsl_stub_until_merge.cpp — TEMPORARY placeholders for the DSL functions the
// h-dsl branch writes (parse_dsl, parse_expression, print_expr), so that the
// YAML side links and is tested before that branch lands. Deleted by the merge
// of h-dsl into h-yaml. parse_expression here keeps the text as one opaque
// Path node; print_expr prints it back.
#include "frontend.hpp"

namespace pb {

std::optional<Playbook> parse_dsl(std::string_view, const std::string& filename,
                                  Diagnostics& diags) {
  diags.error(Loc{std::make_shared<const std::string>(filename), 1, 1}, "PB005",
              "the DSL parser is not built yet");
  return std::nullopt;
}

std::optional<Expr> parse_expression(std::string_view text, const Loc& base, Diagnostics& diags) {
  if (text.empty()) {
    diags.error(base, "PB001", "empty expression");
    return std::nullopt;
  }
  Expr e;
  e.loc = base;
  e.kind = ExprKind::Path;
  e.text = std::string(text);
  return e;
}

std::string print_expr(const Expr& e) { return e.text; }

}  // namespace pb

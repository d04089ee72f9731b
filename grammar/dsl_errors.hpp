// dsl_errors.hpp — the error message of every must<> in the expression and
// DSL grammars, and the PEGTL control that raises them (in the manner of
// PEGTL's contrib json_errors example).
//
// Contract: every rule that appears under must<> has a message here; a
// missing one is a compile error (static_assert in control::raise). Messages
// say what was expected, in the user's words, without position or code (the
// Diagnostic carries those; the code is PB001).
#pragma once

#include "expr_grammar.hpp"

namespace pb::grammar {

template <class Rule>
inline constexpr const char* error_message = nullptr;

template <class Rule>
struct control : p::normal<Rule> {
  template <class In, class... States>
  [[noreturn]] static void raise(const In& in, States&&...) {
    static_assert(error_message<Rule> != nullptr, "add an error message for this rule");
    throw syntax_error{in.current(), error_message<Rule>};
  }
};

#define PB_ERROR(Rule, text) \
  template <>                \
  inline constexpr const char* error_message<Rule> = text

// ---- lexical
PB_ERROR(escape_rest, "unknown escape sequence; use \\\" \\\\ \\n \\t or \\u{hex}");
PB_ERROR(str_unterminated, "unterminated string: expected '\"' before the end of the line");
PB_ERROR(block_body, "unterminated block string: expected '\"\"\"'");
PB_ERROR(date_rest, "expected a date YYYY-MM-DD");
PB_ERROR(path_segment, "expected a name after '.'");

// ---- expressions
PB_ERROR(expr_only, "expected an expression");
PB_ERROR(expr_end, "unexpected text after the expression");
PB_ERROR(paren_inner, "expected an expression after '('");
PB_ERROR(paren_close, "expected ')' to close the '('");
PB_ERROR(call_arg, "expected an expression inside '( )'");
PB_ERROR(call_close, "expected ')' to close the call");
PB_ERROR(visits_arg, "expected a step id inside visits( )");
PB_ERROR(task_arg, "expected a task id (a number) inside task( )");
PB_ERROR(range_path, "expected a records path (e.g. tenant.workloads) after '('");
PB_ERROR(range_where, "expected 'where' and a condition after the path");
PB_ERROR(range_cond, "expected a condition after 'where'");
PB_ERROR(neg_operand, "expected an expression after '-'");
PB_ERROR(add_rhs, "expected an expression after the operator");
PB_ERROR(cmp_rhs, "expected an expression after the comparison");
PB_ERROR(sw_rhs, "expected an expression after 'starts_with'");
PB_ERROR(in_open, "expected '[' after 'in'");
PB_ERROR(in_item, "expected an expression after ','");
PB_ERROR(in_close, "expected ']' to close the list");
PB_ERROR(not_operand, "expected an expression after 'not'");
PB_ERROR(and_rhs, "expected an expression after 'and'");
PB_ERROR(or_rhs, "expected an expression after 'or'");

}  // namespace pb::grammar

// expr_actions.hpp — the PEGTL actions that build Expr nodes on the
// ParseState expression stack, and PB_ACTION, the helper every action of the
// DSL grammar uses too.
//
// Contract: actions are cheap (no per-character work beyond copying the
// token); the real work is in ParseState (parse_state.cpp). After `expr`
// matched, exactly one new Expr is on top of the stack.
#pragma once

#include "expr_grammar.hpp"

namespace pb::grammar {

template <class Rule>
struct action : p::nothing<Rule> {};

// PB_ACTION(rule) { body } — body sees `ParseState& s` and the token `Tok t`.
#define PB_ACTION(Rule)                              \
  template <>                                        \
  struct action<Rule> {                              \
    template <class In>                              \
    static void apply(const In& in, ParseState& s) { \
      run(s, Tok{in.begin(), in.end()});             \
    }                                                \
    static void run(ParseState& s, Tok t);           \
  };                                                 \
  inline void action<Rule>::run([[maybe_unused]] ParseState& s, [[maybe_unused]] Tok t)

PB_ACTION(comment) { s.add_comment(t); }

PB_ACTION(lit_date) { s.push_literal(ExprKind::Date, t); }
PB_ACTION(lit_number) { s.push_number(t); }
PB_ACTION(lit_string) { s.push_literal(ExprKind::String, t); }
PB_ACTION(lit_true) { s.push_bool(true, t); }
PB_ACTION(lit_false) { s.push_bool(false, t); }
PB_ACTION(expr_path) { s.push_path(t); }
PB_ACTION(primary) { s.operand_end = t.e; }
PB_ACTION(paren_expr) {
  if (!s.stack.empty()) s.stack.back().parenthesized = true;
}

PB_ACTION(visits_arg) { s.push_path(t); }
PB_ACTION(task_arg) { s.push_literal(ExprKind::Int, t); }
PB_ACTION(range_path) { s.push_path(t); }
PB_ACTION(date_call) { s.make_call(t, 1); }
PB_ACTION(visits_call) { s.make_call(t, 1); }
PB_ACTION(task_call) { s.make_call(t, 1); }
PB_ACTION(task_state_call) { s.make_call(t, 1); }
PB_ACTION(outcome_arg) { s.push_path(t); }
PB_ACTION(outcome_call) { s.make_call(t, 1); }
PB_ACTION(range_call) { s.make_call(t, 2); }
PB_ACTION(is_set_arg) { s.push_path(t); }
PB_ACTION(is_set_call) { s.make_call(t, 1); }
PB_ACTION(agg_head) { s.marks.push_back(s.stack.size()); }
PB_ACTION(agg_var) { s.push_path(t); }
PB_ACTION(agg_call) { s.make_aggregate(t); }

PB_ACTION(neg) { s.make_unary("-", t); }
PB_ACTION(not_tail) { s.make_unary("not", t); }
PB_ACTION(mul_tail) { s.make_binary(t.b[0] == '*' ? "*" : "/", t); }
PB_ACTION(add_tail) { s.make_binary(t.b[0] == '+' ? "+" : "-", t); }
PB_ACTION(cmp_tail) { s.make_binary(std::string(t.b, t.b[1] == '=' ? 2 : 1), t); }
PB_ACTION(sw_tail) { s.make_binary("starts_with", t); }
PB_ACTION(and_tail) { s.make_binary("and", t); }
PB_ACTION(or_tail) { s.make_binary("or", t); }
PB_ACTION(in_kw) { s.marks.push_back(s.stack.size()); }
PB_ACTION(in_tail) { s.make_in(t); }

}  // namespace pb::grammar

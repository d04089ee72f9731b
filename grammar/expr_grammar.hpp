// expr_grammar.hpp — the lexical rules and the expression grammar of
// docs/language.md as PEGTL 3.2 rules, shared by parse_expression() and the
// DSL grammar (dsl_grammar.hpp).
//
// Contract:
//  * Every token rule is followed by `ws` (spaces, newlines, tabs, comments)
//    where it is used, so a failing must<> points at the start of the
//    offending token.
//  * Once an operator or keyword has been read, the rest is must<>: the
//    grammar never backtracks over a rule that has an action (except lexical
//    tokens, whose actions are idempotent), so actions can build the model
//    directly. Error messages for every must<> are in dsl_errors.hpp.
//  * Recursion (parentheses, not, unary minus, call arguments, list items)
//    goes through nested<>, which bounds the depth (PB006) instead of
//    overflowing the stack.
#pragma once

#include <cstring>
#include <tao/pegtl.hpp>

#include "expr_hints.hpp"
#include "parse_state.hpp"

namespace pb::grammar {

namespace p = tao::pegtl;

// ---------------------------------------------------------------- lexical

// '#' to the end of the line (the newline is not part of it).
struct comment {
  using rule_t = comment;
  using subs_t = p::empty_list;
  template <class In>
  static bool match(In& in) {
    if (in.empty() || in.peek_char() != '#') return false;
    const void* nl = std::memchr(in.current(), '\n', in.size());
    in.bump(nl ? static_cast<size_t>(static_cast<const char*>(nl) - in.current()) : in.size());
    return true;
  }
};

// Length of the invisible character at c (U+00A0, U+200B–U+200D, U+2060,
// U+FEFF), 0 if none. check_text reports them (PB003); the grammar reads
// them as white space so that one is not also a syntax error.
inline size_t invisible_at(const char* c, const char* e) {
  auto u = [&](ptrdiff_t i) { return static_cast<unsigned char>(c[i]); };
  ptrdiff_t n = e - c;
  if (n >= 2 && u(0) == 0xC2 && u(1) == 0xA0) return 2;
  if (n < 3) return 0;
  if (u(0) == 0xE2 && u(1) == 0x80 && u(2) >= 0x8B && u(2) <= 0x8D) return 3;
  if (u(0) == 0xE2 && u(1) == 0x81 && u(2) == 0xA0) return 3;
  if (u(0) == 0xEF && u(1) == 0xBB && u(2) == 0xBF) return 3;
  return 0;
}

// A run of spaces, tabs, carriage returns, newlines (and invisible characters).
struct blanks {
  using rule_t = blanks;
  using subs_t = p::empty_list;
  template <class In>
  static bool match(In& in) {
    const char* b = in.current();
    const char* c = b;
    const char* e = in.end();
    while (c != e) {
      if (*c == ' ' || *c == '\n' || *c == '\r' || *c == '\t')
        ++c;
      else if (size_t n = static_cast<unsigned char>(*c) >= 0xC2 ? invisible_at(c, e) : 0)
        c += n;
      else
        break;
    }
    in.bump(static_cast<size_t>(c - b));
    return c != b;
  }
};

struct ws : p::star<p::sor<blanks, comment>> {};

struct ident_other : p::identifier_other {};
struct identifier : p::identifier {};
struct slug : p::seq<p::ranges<'a', 'z', '0', '9'>, p::star<p::ranges<'a', 'z', '0', '9', '-'>>,
                     p::not_at<ident_other>> {};
struct integer : p::seq<p::plus<p::digit>, p::not_at<ident_other>> {};

// Strings: "…" with escapes, or """…""" block strings (raw, no escapes).
struct str_unterminated : p::one<'"'> {};
struct escape_rest
    : p::sor<p::one<'"', '\\', 'n', 't'>,
             p::seq<p::one<'u'>, p::one<'{'>, p::rep_min_max<1, 6, p::xdigit>, p::one<'}'>>> {};
// A run of characters that need no decoding (fast path for long strings).
struct str_run {
  using rule_t = str_run;
  using subs_t = p::empty_list;
  template <class In>
  static bool match(In& in) {
    const char* b = in.current();
    const char* c = b;
    const char* e = in.end();
    while (c != e && *c != '"' && *c != '\\' && *c != '\n') ++c;
    in.bump(static_cast<size_t>(c - b));
    return c != b;
  }
};
struct str_char : p::sor<str_run, p::seq<p::one<'\\'>, p::must<escape_rest>>> {};
struct plain_string : p::seq<p::one<'"'>, p::star<str_char>, p::must<str_unterminated>> {};
struct triple_quote : p::string<'"', '"', '"'> {};
// Everything up to and including the closing """.
struct block_body {
  using rule_t = block_body;
  using subs_t = p::empty_list;
  template <class In>
  static bool match(In& in) {
    std::string_view rest(in.current(), in.size());
    size_t end = rest.find(R"(""")");
    if (end == std::string_view::npos) return false;
    in.bump(end + 3);
    return true;
  }
};
struct block_string : p::seq<triple_quote, p::must<block_body>> {};
struct string_lit : p::sor<block_string, plain_string> {};

// A real date is checked by the action (PB090); the shape is checked here.
struct date_rest : p::seq<p::digit, p::one<'-'>, p::digit, p::digit, p::not_at<ident_other>> {};
struct date_shape : p::seq<p::rep<4, p::digit>, p::one<'-'>, p::digit, p::must<date_rest>> {};

namespace kw {
struct when_ : TAO_PEGTL_KEYWORD("when") {};
struct otherwise_ : TAO_PEGTL_KEYWORD("otherwise") {};
struct on_ : TAO_PEGTL_KEYWORD("on") {};
struct after_ : TAO_PEGTL_KEYWORD("after") {};
struct at_ : TAO_PEGTL_KEYWORD("at") {};
struct and_ : TAO_PEGTL_KEYWORD("and") {};
struct or_ : TAO_PEGTL_KEYWORD("or") {};
struct not_ : TAO_PEGTL_KEYWORD("not") {};
struct in_ : TAO_PEGTL_KEYWORD("in") {};
struct true_ : TAO_PEGTL_KEYWORD("true") {};
struct false_ : TAO_PEGTL_KEYWORD("false") {};
struct starts_with_ : TAO_PEGTL_KEYWORD("starts_with") {};
struct where_ : TAO_PEGTL_KEYWORD("where") {};
struct for_ : TAO_PEGTL_KEYWORD("for") {};
}  // namespace kw

// Words that cannot start a path (docs/language.md, "Keywords").
struct reserved
    : p::sor<kw::when_, kw::otherwise_, kw::on_, kw::after_, kw::at_, kw::and_, kw::or_, kw::not_,
             kw::in_, kw::true_, kw::false_, kw::starts_with_, kw::where_, kw::for_> {};

// PATH := ID(.ID)* — the actions decide what a path means in each place.
struct path_segment : identifier {};
struct path : p::seq<identifier, p::star<p::one<'.'>, p::must<path_segment>>> {};

template <char C>
struct sym : p::seq<p::one<C>, ws> {};
struct comma : sym<','> {};

// ---------------------------------------------------------------- nesting

// Matches R one level deeper; beyond kMaxDepth raises PB006.
template <class R>
struct nested {
  using rule_t = nested;
  using subs_t = p::type_list<R>;
  template <p::apply_mode A, p::rewind_mode M, template <class...> class Action,
            template <class...> class Control, class In, class State>
  static bool match(In& in, State& s) {
    if (s.depth >= kMaxDepth)
      throw syntax_error{in.current(),
                         "nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)",
                         {},
                         LintCode::TooDeepOrLarge};
    ++s.depth;
    bool ok = Control<R>::template match<A, M, Action, Control>(in, s);
    --s.depth;
    return ok;
  }
};

// ---------------------------------------------------------------- expressions

struct expr;

struct lit_date : date_shape {};
// A thousands separator after an int literal (`20,000`) is reported here.
struct no_digit_group {
  using rule_t = no_digit_group;
  using subs_t = p::empty_list;
  template <class In>
  static bool match(In& in) {
    check_digit_group(in.begin(), in.current(), in.end());
    return true;
  }
};
// Numbers: 42, 20_000 (separators between digits), 12.5 (a decimal), 10%
// (the decimal 0.1). Lexically one token; the action checks the value.
struct digit_run : p::seq<p::plus<p::digit>, p::star<p::one<'_'>, p::plus<p::digit>>> {};
struct number_frac : p::seq<p::one<'.'>, digit_run> {};
struct lit_number : p::seq<digit_run, p::opt<number_frac>, p::opt<p::one<'%'>>,
                           p::not_at<ident_other>, no_digit_group> {};
struct lit_string : string_lit {};
struct lit_true : kw::true_ {};
struct lit_false : kw::false_ {};
struct expr_path : p::seq<p::not_at<reserved>, path> {};

struct paren_inner;
struct paren_close : sym<')'> {};
struct paren_expr : p::seq<p::one<'('>, ws, nested<p::must<paren_inner>>, p::must<paren_close>> {};

// Calls: days_until(e) business_days_until(e) visits(ID) task(INT) task_state(INT)
//        outcome(PLAYBOOK) any(PATH where e) count(PATH where e)
struct call_close : sym<')'> {};
struct call_arg;
struct visits_arg : identifier {};
struct task_arg : integer {};
struct range_path : path {};
struct range_where : p::seq<kw::where_, ws> {};
struct range_cond;
template <class Name>
struct call_head : p::seq<Name, ws, p::one<'('>, ws> {};
struct date_call
    : p::seq<call_head<
                 p::sor<TAO_PEGTL_KEYWORD("days_until"), TAO_PEGTL_KEYWORD("business_days_until")>>,
             nested<p::must<call_arg>>, p::must<call_close>> {};
struct visits_call
    : p::seq<call_head<TAO_PEGTL_KEYWORD("visits")>, p::must<visits_arg>, ws, p::must<call_close>> {
};
struct task_call
    : p::seq<call_head<TAO_PEGTL_KEYWORD("task")>, p::must<task_arg>, ws, p::must<call_close>> {};
struct task_state_call : p::seq<call_head<TAO_PEGTL_KEYWORD("task_state")>, p::must<task_arg>, ws,
                                p::must<call_close>> {};
struct range_call : p::seq<call_head<p::sor<TAO_PEGTL_KEYWORD("any"), TAO_PEGTL_KEYWORD("count")>>,
                           p::must<range_path>, ws, p::must<range_where>,
                           nested<p::must<range_cond>>, p::must<call_close>> {};
// outcome(PLAYBOOK): a playbook id (a slug, so `grt-guidance` is no subtraction).
struct outcome_arg : slug {};
struct outcome_call : p::seq<call_head<TAO_PEGTL_KEYWORD("outcome")>, p::must<outcome_arg>, ws,
                             p::must<call_close>> {};
// is_set(PATH)
struct is_set_arg : path {};
struct is_set_call
    : p::seq<call_head<TAO_PEGTL_KEYWORD("is_set")>, p::must<is_set_arg>, ws, p::must<call_close>> {
};
// min|max|sum(BODY for VAR in PATH [where COND])
struct agg_head
    : call_head<
          p::sor<TAO_PEGTL_KEYWORD("min"), TAO_PEGTL_KEYWORD("max"), TAO_PEGTL_KEYWORD("sum")>> {};
struct agg_body;
struct agg_for : p::seq<kw::for_, ws> {};
struct agg_var : identifier {};
struct agg_in : p::seq<kw::in_, ws> {};
struct agg_call : p::seq<agg_head, nested<p::must<agg_body>>, p::must<agg_for>, p::must<agg_var>,
                         ws, p::must<agg_in>, p::must<range_path>, ws,
                         p::opt<range_where, nested<p::must<range_cond>>>, p::must<call_close>> {};
struct call : p::sor<date_call, visits_call, task_call, task_state_call, outcome_call, is_set_call,
                     agg_call, range_call> {};

struct primary : p::seq<p::sor<paren_expr, lit_date, lit_number, lit_string, lit_true, lit_false,
                               call, expr_path>,
                        ws> {};

struct unary;
struct minus_op : p::seq<p::one<'-'>, p::not_at<p::one<'>'>>> {};
struct neg_operand;
struct neg : p::seq<minus_op, ws, nested<p::must<neg_operand>>> {};
struct unary : p::sor<neg, primary> {};

struct mul_rhs : unary {};
struct mul_tail : p::seq<p::one<'*', '/'>, ws, p::must<mul_rhs>> {};
struct mul : p::seq<unary, p::star<mul_tail>> {};

struct add_rhs : mul {};
struct add_tail : p::seq<p::sor<p::one<'+'>, minus_op>, ws, p::must<add_rhs>> {};
struct add : p::seq<mul, p::star<add_tail>> {};

struct cmp_op : p::sor<p::string<'=', '='>, p::string<'!', '='>, p::string<'<', '='>,
                       p::string<'>', '='>, p::one<'<'>, p::one<'>'>> {};
struct cmp_rhs : add {};
struct cmp_tail : p::seq<cmp_op, ws, p::must<cmp_rhs>> {};
struct sw_rhs : add {};
struct sw_tail : p::seq<kw::starts_with_, ws, p::must<sw_rhs>> {};
struct in_open : sym<'['> {};
struct in_close : sym<']'> {};
struct in_item;
struct in_kw : kw::in_ {};
struct in_tail
    : p::seq<in_kw, ws, p::must<in_open>,
             p::opt<nested<in_item>, p::star<comma, nested<p::must<in_item>>>>, p::must<in_close>> {
};
struct cmp : p::seq<add, p::opt<p::sor<cmp_tail, in_tail, sw_tail>>> {};

struct not_expr;
struct not_operand;
struct not_tail : p::seq<kw::not_, ws, nested<p::must<not_operand>>> {};
struct not_expr : p::sor<not_tail, cmp> {};

struct and_rhs : not_expr {};
struct and_tail : p::seq<kw::and_, ws, p::must<and_rhs>> {};
struct and_expr : p::seq<not_expr, p::star<and_tail>> {};

struct or_rhs : and_expr {};
struct or_tail : p::seq<kw::or_, ws, p::must<or_rhs>> {};
struct or_expr : p::seq<and_expr, p::star<or_tail>> {};

struct expr : or_expr {};

struct paren_inner : expr {};
struct call_arg : expr {};
struct agg_body : expr {};
struct range_cond : expr {};
struct in_item : expr {};
struct neg_operand : unary {};
struct not_operand : not_expr {};

// parse_expression(): the whole text is one expression.
struct expr_end : p::eof {};
struct expr_only : expr {};
struct expression_text : p::seq<ws, p::must<expr_only>, p::must<expr_end>> {};

}  // namespace pb::grammar

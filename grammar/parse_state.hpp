// parse_state.hpp — what the PEGTL actions of the expression and DSL grammars
// share while they run: byte → line:col mapping, pending comments, the
// expression stack, the nesting depth, and the error type raised on bad input.
//
// Contract:
//  * Locations are computed from byte pointers into the parsed text, shifted
//    by `base` (where text[0] stands in its file), so an expression inside a
//    YAML scalar gets positions in the YAML file.
//  * `syntax_error` is the only exception the grammars throw; the parse entry
//    points catch it and turn it into a Diagnostic. Nothing escapes the API.
//  * Comments are recorded once each (by byte offset), even when PEGTL
//    backtracks over the white space that holds them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostics.hpp"
#include "model/model.hpp"

namespace pb::grammar {

// Deepest nesting of parentheses / not / unary minus / action blocks / records.
inline constexpr int kMaxDepth = 64;
// Highest expression tree (operator chains like `a and b and …` grow it
// without nesting); everything that walks an Expr recursively stays safe.
inline constexpr uint32_t kMaxHeight = 256;

// Raised by the grammar's control (must<> failures), by custom rules and by
// actions. `at` points into the parsed text.
struct syntax_error {
  syntax_error(const char* where, std::string msg, std::string h = {},
               LintCode c = LintCode::SyntaxError)
      : at(where), message(std::move(msg)), hint(std::move(h)), code(c) {}
  const char* at;
  std::string message;
  std::string hint;
  LintCode code;
};

// The text of a matched token.
struct Tok {
  const char* b = nullptr;
  const char* e = nullptr;
  std::string_view sv() const { return {b, static_cast<size_t>(e - b)}; }
};

class ParseState {
 public:
  ParseState(std::string_view text, const Loc& base, Diagnostics& diags);

  // ---- positions
  Loc loc(const char* p) const;
  const char* text_begin() const { return text_.data(); }
  const char* text_end() const { return text_.data() + text_.size(); }

  // ---- diagnostics
  Diagnostics& diags;
  void error(const char* at, LintCode code, std::string message, std::string hint = {});
  void report(const syntax_error& e);

  // ---- comments (`# …` without the '#' and one following space)
  void add_comment(Tok t);
  Comments take_comments();
  std::vector<std::string> pending_comments;

  // ---- literal decoding (reports bad escapes / values as diagnostics)
  std::string unquote(Tok t);                  // a "…" or """…""" token → its value
  int64_t to_int(Tok t);                       // PB090 when it does not fit in 64 bits
  int64_t to_int(Tok digits, const char* at);  // … reported at `at`
  std::string ident(Tok t) const { return std::string(t.sv()); }

  // ---- expression stack
  std::vector<Expr> stack;
  std::vector<size_t> marks;  // stack sizes where `in [` lists start
  Expr pop();
  void clear_exprs();
  void push_literal(ExprKind k, Tok t);
  void push_number(Tok t);
  // min/max/sum: BODY VAR PATH [COND] above the mark → a call with args VAR PATH BODY [COND].
  void make_aggregate(Tok t);  // 42, 20_000, 12.5, 10% (PB090 when it does not fit)
  void push_bool(bool v, Tok t);
  void push_path(Tok t);
  void make_unary(const char* op, Tok t);
  void make_binary(std::string op, Tok t);
  void make_in(Tok t);
  void make_call(Tok t, size_t arity);

  // ---- nesting depth (see nested<> in expr_grammar.hpp)
  int depth = 0;

  // Where the last operand of an expression ended (after its white space):
  // a syntax error exactly there may be a foreign operator (expr_hints.hpp).
  const char* operand_end = nullptr;

 private:
  Expr pop(uint32_t& height);
  void push(Expr e, uint32_t height, const char* at);  // PB006 above kMaxHeight

  std::vector<uint32_t> heights_;  // tree height of each stack entry
  std::string_view text_;
  Loc base_;
  std::vector<size_t> line_starts_;
  mutable size_t cache_line_ = 0;  // index into line_starts_ of the last lookup
  const char* last_comment_ = nullptr;
};

// Block string body (between the triple quotes) → value, per docs/language.md.
std::string block_string_value(std::string_view body);

}  // namespace pb::grammar

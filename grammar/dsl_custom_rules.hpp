// dsl_custom_rules.hpp — hand-written PEGTL rules the DSL grammar needs
// beyond PEGTL's own: "did you mean" for unknown words, error recovery at
// top-level items, and the end of input after recovery.
//
// Contract: these rules call into the parser state (DslState, dsl_state.hpp)
// through a template parameter, so this header does not depend on it.
#pragma once

#include <cctype>
#include <string>
#include <type_traits>

#include "expr_grammar.hpp"

namespace pb::grammar {

// "did you mean '3652, 3654'?" for the number at `at` and the one before it.
std::string comma_hint(const char* begin, const char* at, const char* end);

// Keyword lists for "did you mean" (defined in dsl_state.cpp).
enum class WordContext { File, Top, Step, Action, Type, Unit, Mandatory };

// Where an item of `Ctx` belongs but an unknown word stands: report it with
// "did you mean" against the words valid there. Fails on anything else.
template <WordContext Ctx>
struct unknown_word {
  using rule_t = unknown_word;
  using subs_t = p::empty_list;
  template <p::apply_mode, p::rewind_mode, template <class...> class, template <class...> class,
            class In, class State>
  static bool match(In& in, State& s) {
    const char* b = in.current();
    const char* c = b;
    const char* e = in.end();
    if (c == e || !(std::isalpha(static_cast<unsigned char>(*c)) || *c == '_')) return false;
    while (c != e && (std::isalnum(static_cast<unsigned char>(*c)) || *c == '_')) ++c;
    s.unknown_word(Ctx, b, c);  // throws
    return false;
  }
};

// After the last item of a comma-separated list of V: when another item
// follows without a comma (`tasks 3652 3654`), says to separate them.
template <class V>
struct missing_comma {
  using rule_t = missing_comma;
  using subs_t = p::empty_list;
  static bool starts_item(char c) {
    if constexpr (std::is_base_of_v<integer, V>)
      return c >= '0' && c <= '9';
    else if constexpr (std::is_base_of_v<string_lit, V>)
      return c == '"';
    else
      return c == '"' || std::isalpha(static_cast<unsigned char>(c)) || c == '_';
  }
  template <p::apply_mode, p::rewind_mode, template <class...> class, template <class...> class,
            class In, class State>
  static bool match(In& in, State&) {
    if (in.empty() || !starts_item(in.peek_char())) return true;
    throw syntax_error(in.current(), "expected ',' between the items of the list",
                       std::is_base_of_v<integer, V>
                           ? comma_hint(in.begin(), in.current(), in.end())
                           : std::string());
  }
};

// Matches R; on a syntax error reports it, skips to the next top-level item
// (State::skip_after_error) and succeeds, so parsing goes on.
template <class R>
struct recover {
  using rule_t = recover;
  using subs_t = p::type_list<R>;
  template <p::apply_mode A, p::rewind_mode M, template <class...> class Action,
            template <class...> class Control, class In, class State>
  static bool match(In& in, State& s) {
    const char* start = in.current();
    try {
      return Control<R>::template match<A, M, Action, Control>(in, s);
    } catch (const syntax_error& e) {
      const char* resume = s.skip_after_error(e, start);
      if (resume > in.current()) in.bump(static_cast<size_t>(resume - in.current()));
      return Control<ws>::template match<A, M, Action, Control>(in, s);
    }
  }
};

// Succeeds at the end of the input when an error was already reported
// there (so a recovered file does not also get "expected '}'").
struct eof_after_error {
  using rule_t = eof_after_error;
  using subs_t = p::empty_list;
  template <p::apply_mode, p::rewind_mode, template <class...> class, template <class...> class,
            class In, class State>
  static bool match(In& in, State& s) {
    return in.empty() && s.recovered_to_end;
  }
};

}  // namespace pb::grammar

// expr_hints.hpp — better messages for expressions that stop early. The
// grammar's control (dsl_errors.hpp) asks these before it gives the generic
// "expected …" of the rule that failed.
//
// Contract: each function looks only at the text around `at` (inside
// [begin, end)) and returns the syntax error to report instead, or nothing
// when the text is not one of the mistakes it knows. Nothing is modified.
#pragma once

#include <optional>

#include "parse_state.hpp"

namespace pb::grammar {

// `at` stands right after an operand (`x * 10`, `10%`, `days_since(`,
// `2.5`, `x = 1`, `&&`): an operator or function the language does not have.
std::optional<syntax_error> explain_operand_stop(const char* begin, const char* at,
                                                 const char* end);

// `at` is where an operand was expected (`when !x`, `'text'`, `<>`, `20_000`).
std::optional<syntax_error> explain_missing_operand(const char* begin, const char* at,
                                                    const char* end);

// Throws when the integer that ends at `at` is followed by ",DDD" (a
// thousands separator: `20,000`); returns otherwise.
void check_digit_group(const char* begin, const char* at, const char* end);

}  // namespace pb::grammar

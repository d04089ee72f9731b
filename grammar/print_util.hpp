// print_util.hpp — pieces of canonical text shared by the DSL printer and
// print_expr: string literals (escaped, or """ block strings) and whether a
// word can be written bare.
#pragma once

#include <string>
#include <string_view>

namespace pb::grammar {

// "…" with \" \\ \n \t and \u{X} for other control characters.
std::string quote(std::string_view s);

// A """ block string indented by `indent` spaces when `s` is multi-line text
// that reads back exactly (see block_string_value); otherwise quote(s).
std::string quote_block(std::string_view s, size_t indent);

// [A-Za-z_][A-Za-z0-9_]*
bool is_identifier(std::string_view s);

}  // namespace pb::grammar

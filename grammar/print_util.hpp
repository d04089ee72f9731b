// print_util.hpp — pieces of canonical text shared by the DSL printer, the
// YAML printer and print_expr: string literals (escaped, or """ block
// strings), whether a word can be written bare, the line width, and
// expressions as layout documents.
#pragma once

#include <string>
#include <string_view>

#include "model/model.hpp"
#include "layout.hpp"

namespace pb::grammar {

// "…" with \" \\ \n \t and \u{X} for other control characters.
std::string quote(std::string_view s);

// A """ block string indented by `indent` spaces when `s` is multi-line text
// that reads back exactly (see block_string_value); otherwise quote(s).
std::string quote_block(std::string_view s, size_t indent);

// [A-Za-z_][A-Za-z0-9_]*
bool is_identifier(std::string_view s);

// The width canonical text is wrapped at (both forms).
inline constexpr int kLineWidth = 100;

// An expression as a layout document: flat it is print_expr(e); it may
// break before `and`/`or`, after `where` and after the commas of a list.
// Every break prints a space when flat.
layout::Doc expr_doc(const Expr& e);

}  // namespace pb::grammar

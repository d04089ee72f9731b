// layout.hpp — a small Wadler/Oppen-style pretty printer: the canonical
// printers (DSL, YAML expressions) describe a line as a document of text,
// places where it may break, groups and fills, and `render` lays it out in a
// fixed width.
//
// Contract:
//  * A `group` is printed flat when it fits in the width left on its line
//    (with the text that follows it up to the next possible break), else its
//    own breaks become newlines; groups inside decide again for themselves.
//  * A `fill` (items separated by breaks) breaks only the separators whose
//    next item would not fit: lists are packed, not one item per line.
//  * A break inside `nest(n, …)` starts its new line n columns deeper than
//    the enclosing nesting level (render's `indent` at the top).
//  * Output is a function of the document and the width alone, and a break
//    printed flat is its `flat` text, so the text read back is the same
//    whichever way it was laid out: printing is canonical and idempotent.
//  * Widths count code points, not bytes. Text wider than the width stays
//    whole on its line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pb::grammar::layout {

struct Doc {
  enum class Kind { Text, Break, Cat, Nest, Group, Fill } kind = Kind::Text;
  std::string text;       // Text: the text; Break: what it prints when flat
  int indent = 0;         // Nest
  std::vector<Doc> kids;  // Cat, Nest, Group, Fill (items and Breaks alternating)
};

using Docs = std::vector<Doc>;

Doc text(std::string s);
Doc brk(std::string flat = " ");  // a space (or `flat`), or a new line
Doc cat(Docs d);
Doc nest(int n, Docs d);
Doc group(Docs d);
Doc fill(Docs items_and_breaks);

// The document laid out in `width` columns, its first line starting at
// column `indent` (not printed); new lines get their nesting's indentation.
std::string render(const Doc& d, int indent, int width);
// The same with the first line starting at column `col` and nesting
// counted from `base` (a value after its key, continued under the key).
std::string render(const Doc& d, int col, int width, int base);

// The document printed flat (every break as its flat text).
std::string flat(const Doc& d);

// How many columns `s` takes: its code points (UTF-8 continuation bytes
// take none).
int columns(std::string_view s);

}  // namespace pb::grammar::layout

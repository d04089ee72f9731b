// yaml_emit.hpp — a tiny YAML document tree and its canonical printer, used
// by print_yaml (yaml_printer.cpp).
//
// Contract:
//  * Strings are printed plain only when every YAML reader (yaml-cpp, and
//    YAML 1.1 readers such as PyYAML used by editors and the schema test)
//    reads them back as the same string; otherwise double-quoted with escapes.
//    Multi-line strings use a literal block (`|`) when that is exact.
//  * A list item or value is printed in flow style (`{a: 1, b: [x]}`) when it
//    holds only scalars (or lists of scalars), carries no comments inside,
//    is not marked `block` and fits in kWidth columns; otherwise a list of
//    scalars is a flow list packed over several lines (continued 4 deeper
//    than its key), anything else in block style. A scalar starts on its
//    key's line; an expression (`doc`) printed plain that does not fit
//    continues on the next lines (a plain scalar's line breaks read back as
//    single spaces), other scalars stay whole.
//  * Comments are printed as `# text` lines above their node; `trailing`
//    comments after a block mapping's last key, at its key column.
//  * Output depends only on the tree, so printing is deterministic.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "layout.hpp"

namespace pb::yaml {

struct Y {
  enum Kind { Raw, Str, Seq, Map } kind = Str;
  std::string text;                                 // Raw: printed as is; Str: a string
  std::vector<Y> items;                             // Seq
  std::vector<Y> entries;                           // Map: values, each with its key
  std::string key;                                  // the key, when an entry of a Map
  std::vector<std::string> comments;                // above this node
  std::vector<std::string> trailing;                // after a block Map's last key
  bool block = false;                               // never printed in flow style
  std::shared_ptr<const grammar::layout::Doc> doc;  // Str: where it may wrap (an expression)

  static Y raw(std::string t);
  static Y str(std::string t);
  static Y seq();
  static Y map();
  Y& add(std::string key, Y v);
  Y& push(Y v) { return items.emplace_back(std::move(v)); }
};

inline Y make_y(Y::Kind k, std::string t) {
  Y y;
  y.kind = k;
  y.text = std::move(t);
  return y;
}
inline Y Y::raw(std::string t) { return make_y(Raw, std::move(t)); }
inline Y Y::str(std::string t) { return make_y(Str, std::move(t)); }
inline Y Y::seq() { return make_y(Seq, {}); }
inline Y Y::map() { return make_y(Map, {}); }

inline Y& Y::add(std::string key, Y v) {
  v.key = std::move(key);
  return entries.emplace_back(std::move(v));
}

constexpr size_t kWidth = 100;

// A mapping key: plain unless a reader would not take it as that string.
std::string key_text(const std::string& k);
// A string as a YAML scalar: plain when safe (in flow context when `flow`).
std::string scalar(const std::string& s, bool flow);
// The string always double-quoted, with escapes.
std::string quoted(const std::string& s);

// The document whose root is the block mapping `root`; ends with a newline.
std::string emit(const Y& root, const std::vector<std::string>& final_comments);

}  // namespace pb::yaml

// yaml_emit.cpp — scalar quoting and the block/flow printer of yaml_emit.hpp.
#include "yaml_emit.hpp"

#include <fmt/format.h>

#include <cctype>
#include <set>
#include <string_view>

namespace pb::yaml {

namespace {

// Words YAML 1.1 or 1.2 readers turn into null, booleans or special floats.
bool special_word(const std::string& s) {
  static const std::set<std::string, std::less<>> words = {
      "~",     "null",  "Null",  "NULL",  "true",  "True", "TRUE", "false", "False", "FALSE",
      "y",     "Y",     "yes",   "Yes",   "YES",   "n",    "N",    "no",    "No",    "NO",
      "on",    "On",    "ON",    "off",   "Off",   "OFF",  ".inf", ".Inf",  ".INF",  "-.inf",
      "-.Inf", "-.INF", "+.inf", "+.Inf", "+.INF", ".nan", ".NaN", ".NAN",  "<<",    "="};
  return words.contains(s);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool in(char c, std::string_view set) { return set.find(c) != std::string_view::npos; }

// Numbers, dates, times and sexagesimals in any YAML version: an optional
// sign or dot, a digit, then number-ish characters (and maybe " time").
bool number_like(const std::string& s) {
  size_t i = !s.empty() && in(s[0], "-+.") ? 1 : 0;
  if (i + 1 < s.size() && in(s[0], "-+") && s[1] == '.') ++i;
  if (i >= s.size() || !is_digit(s[i])) return false;
  size_t j = i + 1;
  while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || in(s[j], "_.:+-"))) ++j;
  if (j == s.size()) return true;
  if (s[j] != ' ' || j + 1 == s.size()) return false;
  for (size_t k = j + 1; k < s.size(); ++k)
    if (!is_digit(s[k]) && !in(s[k], ":.+-")) return false;
  return true;
}

// Code points check_text reports as invisible: never written raw.
bool has_invisible_or_control(const std::string& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return true;
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        ((s[i + 2] & 0xFF) >= 0x8B && (s[i + 2] & 0xFF) <= 0x8D))
      return true;
    if (c == 0xE2 && s.compare(i, 3, "\xE2\x81\xA0") == 0) return true;
    if (c == 0xEF && s.compare(i, 3, "\xEF\xBB\xBF") == 0) return true;
  }
  return false;
}

bool plain_ok(const std::string& s, bool flow) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ' || s.back() == ':') return false;
  if (std::string("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string::npos) return false;
  if (special_word(s) || number_like(s) || has_invisible_or_control(s)) return false;
  if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos) return false;
  // yaml-cpp ends a plain scalar in flow context at `?` too (EndScalarInFlow).
  if (flow && s.find_first_of(",?[]{}") != std::string::npos) return false;
  return s.find(":,") == std::string::npos && s.find(":]") == std::string::npos &&
         s.find(":}") == std::string::npos;
}

// A literal block (`|`) reads back exactly: no control characters, no
// trailing spaces, the first line not indented, no line that looks like a
// comment to the comment recovery.
bool block_ok(const std::string& s) {
  if (s.find('\n') == std::string::npos || s.front() == ' ' || s.front() == '\n') return false;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    std::string line = s.substr(start, end - start);
    if (has_invisible_or_control(line) || (!line.empty() && line.back() == ' ')) return false;
    auto first = line.find_first_not_of(' ');
    if (first != std::string::npos && line[first] == '#') return false;
    if (first == std::string::npos && !line.empty()) return false;
    start = end + 1;
  }
  return true;
}

std::string block(const std::string& s, size_t indent) {
  size_t nl = 0;
  while (nl < s.size() && s[s.size() - 1 - nl] == '\n') ++nl;
  std::string out = nl == 0 ? "|-" : nl == 1 ? "|" : "|+";
  std::string pad(indent, ' ');
  size_t start = 0;
  std::string body = nl == 0 ? s : s.substr(0, s.size() - 1);
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    std::string line = body.substr(start, end - start);
    out += "\n" + (line.empty() ? "" : pad + line);
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\')
      out += '\\', out += static_cast<char>(c);
    else if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\r')
      out += "\\r";
    else if (c < 0x20 || c == 0x7F)
      out += fmt::format("\\x{:02X}", c);
    else if (has_invisible_or_control(s.substr(i, 3)) && c >= 0xC2) {
      size_t n = c == 0xC2 ? 2 : 3;
      uint32_t cp = n == 2 ? ((c & 0x1F) << 6) | (s[i + 1] & 0x3F)
                           : ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      out += fmt::format("\\u{:04X}", cp);
      i += n - 1;
    } else
      out += static_cast<char>(c);
  }
  return out + "\"";
}

std::string scalar(const std::string& s, bool flow) { return plain_ok(s, flow) ? s : quoted(s); }

std::string key_text(const std::string& k) {
  bool safe =
      !k.empty() && !is_digit(k[0]) && k[0] != '.' && k != "null" && k != "Null" && k != "NULL";
  // A dot inside a word (an attribute path, `tenant.region`) reads as a string everywhere.
  for (char c : k)
    safe = safe && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.');
  return safe ? k : quoted(k);
}

namespace {

std::string flow_text(const Y& y);

bool flowable(const Y& y, int depth) {
  if (y.block || (depth > 0 && !y.comments.empty()) || !y.trailing.empty()) return false;
  if (y.kind == Y::Raw || y.kind == Y::Str) return y.text.find('\n') == std::string::npos;
  if (depth >= 2) return false;
  for (const auto& i : y.items)
    if (!flowable(i, depth + 1) || i.kind == Y::Map) return false;
  for (const auto& v : y.entries)
    if (!flowable(v, depth + 1)) return false;
  return true;
}

std::string flow_text(const Y& y) {
  if (y.kind == Y::Raw) return y.text;
  if (y.kind == Y::Str) return scalar(y.text, true);
  std::string out = y.kind == Y::Seq ? "[" : "{";
  bool first = true;
  for (const auto& i : y.items) out += (first ? "" : ", ") + flow_text(i), first = false;
  for (const auto& v : y.entries)
    out += (first ? "" : ", ") + key_text(v.key) + ": " + flow_text(v), first = false;
  return out + (y.kind == Y::Seq ? "]" : "}");
}

size_t width(const std::string& s) { return static_cast<size_t>(grammar::layout::columns(s)); }

bool scalars_only(const Y& seq) {
  for (const auto& i : seq.items)
    if (i.kind != Y::Raw && i.kind != Y::Str) return false;
  return true;
}

// A mapping of scalars and lists of scalars, none an expression: a row of
// the catalog (a task, a role), kept in flow style when it wraps.
bool row(const Y& map) {
  for (const auto& v : map.entries) {
    if (v.doc || v.kind == Y::Map) return false;
    if (width(key_text(v.key) + ": " + flow_text(v)) + 10 > kWidth) return false;  // a long list
    if (v.kind == Y::Seq && !scalars_only(v)) return false;
  }
  return true;
}

// `[a, b, c]` or `{k: v, …}` packed over lines, continued 4 deeper than the key.
grammar::layout::Doc packed_flow(const Y& y) {
  namespace l = grammar::layout;
  bool seq = y.kind == Y::Seq;
  size_t n = seq ? y.items.size() : y.entries.size();
  l::Docs parts;
  for (size_t i = 0; i < n; ++i) {
    if (i) parts.push_back(l::brk());
    std::string item =
        seq ? flow_text(y.items[i]) : key_text(y.entries[i].key) + ": " + flow_text(y.entries[i]);
    parts.push_back(l::text(item + (i + 1 < n ? "," : seq ? "]" : "}")));
  }
  return l::cat({l::text(seq ? "[" : "{"), l::nest(4, {l::fill(std::move(parts))})});
}

// The document laid out from column `col`, continuation lines nested from
// the key's column `indent`.
std::string wrapped(const grammar::layout::Doc& d, size_t col, size_t indent) {
  return grammar::layout::render(d, static_cast<int>(col), static_cast<int>(kWidth),
                                 static_cast<int>(indent));
}

class Printer {
 public:
  std::string out;

  void comments(const std::vector<std::string>& c, size_t indent) {
    for (const auto& line : c)
      out += std::string(indent, ' ') + (line.empty() ? "#" : "# " + line) + "\n";
  }

  // `prefix` (a key with ": " or "- ") then the value `v`, at `indent`.
  void value(const std::string& prefix, const Y& v, size_t indent) {
    std::string pad(indent, ' ');
    bool empty_coll =
        (v.kind == Y::Seq && v.items.empty()) || (v.kind == Y::Map && v.entries.empty());
    size_t col = indent + prefix.size();
    if (v.kind == Y::Str && v.text.find('\n') != std::string::npos) {
      out += pad + prefix + (block_ok(v.text) ? block(v.text, indent + 2) : quoted(v.text)) + "\n";
    } else if (v.kind == Y::Str && v.doc && plain_ok(v.text, false) &&
               col + width(v.text) > kWidth) {
      out += pad + prefix + wrapped(grammar::layout::nest(4, {*v.doc}), col, indent) + "\n";
    } else if (v.kind == Y::Raw || v.kind == Y::Str || empty_coll ||
               (flowable(v, 0) && col + width(flow_text(v)) <= kWidth)) {
      out += pad + prefix + flow_text(v) + "\n";
    } else if (v.kind == Y::Seq && flowable(v, 0) && scalars_only(v)) {
      out += pad + prefix + wrapped(packed_flow(v), col, indent) + "\n";
    } else {
      out += pad + prefix.substr(0, prefix.size() - 1) + "\n";
      if (v.kind == Y::Seq)
        for (const auto& i : v.items) item(i, indent + 2);
      else
        entries(v, indent + 2);
    }
  }

  void item(const Y& i, size_t indent) {
    comments(i.comments, indent);
    bool block_map = i.kind == Y::Map && !i.entries.empty() &&
                     !(flowable(i, 0) && indent + 2 + width(flow_text(i)) <= kWidth);
    if (!block_map) return value("- ", i, indent);
    if (flowable(i, 0) && row(i)) {  // a catalog row stays one flow mapping, packed
      out += std::string(indent, ' ') + "- " + wrapped(packed_flow(i), indent + 2, indent) + "\n";
      return;
    }
    size_t before = out.size();
    entries(i, indent + 2);
    if (out.compare(before + indent + 2, 1, "#") == 0)
      out.insert(before, std::string(indent, ' ') + "-\n");
    else
      out.replace(before + indent, 2, "- ");
  }

  void entries(const Y& m, size_t indent) {
    for (const auto& v : m.entries) {
      comments(v.comments, indent);
      value(key_text(v.key) + ": ", v, indent);
    }
    comments(m.trailing, indent);
  }
};

}  // namespace

std::string emit(const Y& root, const std::vector<std::string>& final_comments) {
  Printer p;
  p.comments(root.comments, 0);
  p.entries(root, 0);
  p.comments(final_comments, 0);
  return p.out;
}

}  // namespace pb::yaml

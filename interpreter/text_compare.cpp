// text_compare.cpp — NFC equality, invisible differences and quoting of names
// (text_compare.hpp), on utf8proc.
#include "text_compare.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

#include <cstdlib>
#include <memory>
#include <vector>

namespace pb {

namespace {

// The code points of `s`, or nullopt when it is not UTF-8.
std::optional<std::u32string> decode(std::string_view s) {
  std::u32string out;
  auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  for (utf8proc_ssize_t i = 0, n = static_cast<utf8proc_ssize_t>(s.size()); i < n;) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t len = utf8proc_iterate(p + i, n - i, &cp);
    if (len <= 0) return std::nullopt;
    out.push_back(static_cast<char32_t>(cp));
    i += len;
  }
  return out;
}

struct Named {
  char32_t cp;
  const char* name;
};

constexpr Named kNames[] = {
    {0x0009, "CHARACTER TABULATION"},
    {0x0020, "SPACE"},
    {0x00A0, "NO-BREAK SPACE"},
    {0x00AD, "SOFT HYPHEN"},
    {0x1680, "OGHAM SPACE MARK"},
    {0x180E, "MONGOLIAN VOWEL SEPARATOR"},
    {0x2000, "EN QUAD"},
    {0x2001, "EM QUAD"},
    {0x2002, "EN SPACE"},
    {0x2003, "EM SPACE"},
    {0x2004, "THREE-PER-EM SPACE"},
    {0x2005, "FOUR-PER-EM SPACE"},
    {0x2006, "SIX-PER-EM SPACE"},
    {0x2007, "FIGURE SPACE"},
    {0x2008, "PUNCTUATION SPACE"},
    {0x2009, "THIN SPACE"},
    {0x200A, "HAIR SPACE"},
    {0x200B, "ZERO WIDTH SPACE"},
    {0x200C, "ZERO WIDTH NON-JOINER"},
    {0x200D, "ZERO WIDTH JOINER"},
    {0x200E, "LEFT-TO-RIGHT MARK"},
    {0x200F, "RIGHT-TO-LEFT MARK"},
    {0x202F, "NARROW NO-BREAK SPACE"},
    {0x205F, "MEDIUM MATHEMATICAL SPACE"},
    {0x2060, "WORD JOINER"},
    {0x3000, "IDEOGRAPHIC SPACE"},
    {0xFEFF, "ZERO WIDTH NO-BREAK SPACE"},
};

const char* unicode_name(char32_t cp) {
  for (const auto& n : kNames)
    if (n.cp == cp) return n.name;
  return nullptr;
}

bool is_space(char32_t cp) {
  return cp == '\t' || utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ZS;
}

// A character a reader does not see at all (format characters, soft hyphen).
bool is_hidden(char32_t cp) {
  auto c = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return c == UTF8PROC_CATEGORY_CF || c == UTF8PROC_CATEGORY_CC || cp == 0x180E;
}

// What a reader sees: hidden characters dropped, every run of spaces one
// SPACE, none at either end.
std::u32string visible(const std::u32string& s) {
  std::u32string out;
  bool space = false;
  for (char32_t cp : s) {
    if (is_hidden(cp)) continue;
    if (is_space(cp)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(U' ');
    space = false;
    out.push_back(cp);
  }
  return out;
}

// Whether `cp` is the odd one out at a mismatch: not a plain SPACE.
bool odd(char32_t cp) { return cp != U' ' && (is_hidden(cp) || is_space(cp)); }

InvisibleDiff at(bool first, const std::u32string& s, size_t i) {
  InvisibleDiff d;
  d.in_first = first;
  d.column = i + 1;
  d.cp = s[i];
  bool rest_blank = true;
  for (size_t k = i; k < s.size(); ++k)
    rest_blank = rest_blank && (is_hidden(s[k]) || is_space(s[k]));
  d.trailing = rest_blank;
  d.leading = !rest_blank && i == 0;
  return d;
}

}  // namespace

std::string nfc(std::string_view s) {
  std::string in(s);  // utf8proc_NFC reads a NUL-terminated string
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> out(
      utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(in.c_str())), &std::free);
  if (!out) return in;
  return std::string(reinterpret_cast<const char*>(out.get()));
}

bool same_text(std::string_view a, std::string_view b) { return a == b || nfc(a) == nfc(b); }

std::optional<InvisibleDiff> invisible_difference(std::string_view a, std::string_view b) {
  auto x = decode(nfc(a)), y = decode(nfc(b));
  if (!x || !y || *x == *y || visible(*x) != visible(*y)) return std::nullopt;
  size_t i = 0;
  while (i < x->size() && i < y->size() && (*x)[i] == (*y)[i]) ++i;
  if (i == x->size()) return at(false, *y, i);
  if (i == y->size()) return at(true, *x, i);
  char32_t p = (*x)[i], q = (*y)[i];
  if (odd(p)) return at(true, *x, i);
  if (odd(q)) return at(false, *y, i);
  return p == U' ' ? at(true, *x, i) : at(false, *y, i);  // an extra SPACE
}

std::string describe(const InvisibleDiff& d) {
  const char* name = unicode_name(d.cp);
  std::string what = name ? name : "FORMAT CHARACTER";
  const char* where = d.trailing ? "trailing " : d.leading ? "leading " : "";
  bool vowel = std::string_view("AEIOU").find(what[0]) != std::string_view::npos;
  std::string article = !*where && vowel ? "an" : "a";
  return fmt::format("{} {}{} (U+{:04X}) at column {}", article, where, what,
                     static_cast<uint32_t>(d.cp), d.column);
}

std::string quoted(std::string_view s) {
  auto cps = decode(s);
  if (!cps) return fmt::format("\"{}\"", s);
  std::string out = "\"";
  for (char32_t cp : *cps) {
    if (cp == '"' || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp != U' ' && (is_hidden(cp) || is_space(cp))) {
      out += fmt::format("\\u{{{:X}}}", static_cast<uint32_t>(cp));
    } else {
      utf8proc_uint8_t buf[4];
      auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
      out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
    }
  }
  return out + "\"";
}

}  // namespace pb

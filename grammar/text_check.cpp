// text_check.cpp — checks shared by both front ends before parsing: the text
// is UTF-8, holds no invisible characters, and (DSL) no tabs.
#include <fmt/format.h>

#include <cstring>

#include "frontend.hpp"

namespace pb {

namespace {

// Length of the UTF-8 sequence at s[i] and its code point; 0 when invalid.
size_t utf8_decode(std::string_view s, size_t i, uint32_t& cp) {
  auto c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) {
    auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc >> 6) != 0x2) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  static const uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

const char* invisible_name(uint32_t cp) {
  switch (cp) {
    case 0x200B: return "zero-width space";
    case 0x200C: return "zero-width non-joiner";
    case 0x200D: return "zero-width joiner";
    case 0x2060: return "word joiner";
    case 0xFEFF: return "byte-order mark";
    case 0x00A0: return "no-break space";
    default: return nullptr;
  }
}

// True when the text is printable ASCII, newlines and carriage returns only:
// nothing to report, and no line/column bookkeeping needed (the common case).
bool plain_byte(unsigned char c) { return c < 0x7F && (c >= 0x20 || c == '\n' || c == '\r'); }

constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;

// Per byte of w, the high bit set where the byte equals c (c < 0x80). Exact:
// the low seven bits are added without a carry into the next byte.
uint64_t bytes_equal(uint64_t w, unsigned char c) {
  uint64_t x = w ^ (c * kOnes);
  return ~(((x & ~kHighs) + ~kHighs) | x) & kHighs;
}

// Per byte of w, the high bit set exactly where !plain_byte(byte).
uint64_t non_plain(uint64_t w) {
  uint64_t at_least_20 = ((w & ~kHighs) + (0x80 - 0x20) * kOnes) & kHighs;
  uint64_t control = ~at_least_20 & ~w & kHighs & ~bytes_equal(w, '\n') & ~bytes_equal(w, '\r');
  return (w & kHighs) | control | bytes_equal(w, 0x7F);
}

bool plain_ascii(std::string_view text) {
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {  // eight bytes at a time
    uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    uint64_t del = w ^ (0x7F * kOnes);
    bool maybe =
        (w & kHighs) || (((w - 0x20 * kOnes) & ~w & kHighs)) || ((del - kOnes) & ~del & kHighs);
    // A byte may be >= 0x80, < 0x20 or DEL (a newline, once a line, is the
    // usual reason): the exact test settles it without a byte loop.
    if (maybe && non_plain(w)) return false;
  }
  for (; i < text.size(); ++i)
    if (!plain_byte(static_cast<unsigned char>(text[i]))) return false;
  return true;
}

}  // namespace

bool check_text(std::string_view text, const std::string& filename, Diagnostics& diags,
                bool report_tabs) {
  if (plain_ascii(text)) return true;
  auto file = std::make_shared<const std::string>(filename);
  bool tab_reported = false;
  uint32_t line = 1, col = 1;
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && c != '\t') {  // fast path: plain ASCII
      if ((c < 0x20 && c != '\n' && c != '\r') || c == 0x7F) {
        // yaml-cpp misreads raw control bytes (NUL), and no playbook needs one.
        diags.error(Loc{file, line, col}, LintCode::InvisibleCharacter,
                    fmt::format("control character U+{:04X} is not allowed", c));
        return false;
      }
      if (c == '\n')
        ++line, col = 1;
      else
        ++col;
      ++i;
      continue;
    }
    uint32_t cp = 0;
    size_t n = utf8_decode(text, i, cp);
    if (n == 0) {
      diags.error(Loc{file, line, col}, LintCode::InvalidUtf8,
                  fmt::format("invalid UTF-8 byte 0x{:02X}; playbook files must be UTF-8", c));
      return false;  // positions after a bad byte are meaningless to a reader
    }
    if (const char* name = invisible_name(cp); name && !(cp == 0xFEFF && i == 0)) {
      diags.error(Loc{file, line, col}, LintCode::InvisibleCharacter,
                  fmt::format("invisible character U+{:04X} ({})", cp, name));
    } else if (cp == '\t' && report_tabs && !tab_reported) {
      diags.warning(Loc{file, line, col}, LintCode::TabCharacter,
                    "tab character; indent with spaces (fmt rewrites tabs)");
      tab_reported = true;
    }
    col += static_cast<uint32_t>(n);  // columns count bytes (model.hpp, Loc)
    i += n;
  }
  return true;
}

}  // namespace pb

// text_check.cpp — checks shared by both front ends before parsing: the text
// is UTF-8, holds no invisible characters, and (DSL) no tabs.
#include <fmt/format.h>

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

}  // namespace

bool check_text(std::string_view text, const std::string& filename, Diagnostics& diags,
                bool report_tabs) {
  auto file = std::make_shared<const std::string>(filename);
  bool ok = true;
  bool tab_reported = false;
  uint32_t line = 1, col = 1;
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && c != '\t') {  // fast path: plain ASCII
      if (c == '\n') ++line, col = 1;
      else ++col;
      ++i;
      continue;
    }
    uint32_t cp = 0;
    size_t n = utf8_decode(text, i, cp);
    if (n == 0) {
      diags.error(Loc{file, line, col}, "PB002",
                  fmt::format("invalid UTF-8 byte 0x{:02X}; playbook files must be UTF-8", c));
      return false;  // positions after a bad byte are meaningless to a reader
    }
    if (const char* name = invisible_name(cp); name && !(cp == 0xFEFF && i == 0)) {
      diags.error(Loc{file, line, col}, "PB003",
                  fmt::format("invisible character U+{:04X} ({})", cp, name));
      ok = false;
    } else if (cp == '\t' && report_tabs && !tab_reported) {
      diags.warning(Loc{file, line, col}, "PB004",
                    "tab character; indent with spaces (fmt rewrites tabs)");
      tab_reported = true;
    }
    col += static_cast<uint32_t>(n);  // columns count bytes (model.hpp, Loc)
    i += n;
  }
  return ok;
}

}  // namespace pb

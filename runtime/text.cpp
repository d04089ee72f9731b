// text.cpp — the text rules (text.hpp): UTF-8 checks with utf8proc, id
// charsets, repair of stored text and escaping for a terminal.
#include "text.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

namespace pb::rt {

namespace {

constexpr size_t kMaxId = 128;

// Decodes the code point at s[i]; returns its length, or 0 when the bytes
// there do not begin a valid UTF-8 sequence.
size_t decode(std::string_view s, size_t i, int32_t& cp) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return cp = c, 1;
  utf8proc_int32_t out = -1;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                            utf8proc_ssize_t(s.size() - i), &out);
  if (n <= 0) return 0;
  cp = out;
  return size_t(n);
}

bool is_control(int32_t cp) { return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f); }

// Characters a terminal or a reader takes as layout: line and paragraph
// separators and the bidirectional embeddings, overrides and isolates.
bool is_layout(int32_t cp) {
  return cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

bool id_char(IdKind kind, char c, bool first) {
  bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  switch (kind) {
    case IdKind::Tenant: return alnum || (!first && (c == '.' || c == '_' || c == '-'));
    case IdKind::Actor:
      return alnum || (!first && (c == '.' || c == '_' || c == '-' || c == '@' || c == '+'));
    case IdKind::Key: return c > 0x20 && c < 0x7f;
  }
  return false;
}

std::string byte_text(char c) {
  auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7f ? fmt::format("'{}'", c) : fmt::format("byte 0x{:02x}", u);
}

}  // namespace

std::optional<TextFault> text_fault(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    int32_t cp = 0;
    size_t n = decode(s, i, cp);
    if (n == 0) return TextFault{i, "is not valid UTF-8"};
    if (is_control(cp) && cp != '\t' && cp != '\n' && cp != '\r')
      return TextFault{i, fmt::format("is a control character (U+{:04X})", cp)};
    i += n;
  }
  return std::nullopt;
}

std::optional<size_t> invalid_utf8_at(std::string_view s) {
  int32_t cp = 0;
  for (size_t i = 0, n = 0; i < s.size(); i += n)
    if ((n = decode(s, i, cp)) == 0) return i;
  return std::nullopt;
}

const char* id_rule(IdKind kind) {
  switch (kind) {
    case IdKind::Tenant:
      return "1-128 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit";
    case IdKind::Actor:
      return "1-128 ASCII letters, digits, '.', '_', '-', '@' or '+', starting with a letter or digit";
    case IdKind::Key: return "1-128 printable ASCII characters, no spaces";
  }
  return "";
}

std::optional<std::string> id_fault(IdKind kind, std::string_view s) {
  if (s.empty()) return std::string("is empty");
  if (s.size() > kMaxId) return fmt::format("is {} bytes long, more than {}", s.size(), kMaxId);
  for (size_t i = 0; i < s.size(); ++i)
    if (!id_char(kind, s[i], i == 0))
      return fmt::format("has {} at byte offset {}", byte_text(s[i]), i);
  return std::nullopt;
}

void repair_utf8(std::string& s) {
  if (!invalid_utf8_at(s)) return;
  std::string out;
  out.reserve(s.size() + 8);
  int32_t cp = 0;
  for (size_t i = 0; i < s.size();) {
    size_t n = decode(s, i, cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  s = std::move(out);
}

std::string escape_controls(std::string_view text) {
  std::string s(text);
  repair_utf8(s);
  std::string out;
  out.reserve(s.size());
  int32_t cp = 0;
  for (size_t i = 0, n = 0; i < s.size(); i += n) {
    n = decode(s, i, cp);
    if (cp == '\n')
      out += "\\n";
    else if (cp == '\r')
      out += "\\r";
    else if (cp == '\t')
      out += "\\t";
    else if (cp < 0x80 && is_control(cp))
      out += fmt::format("\\x{:02x}", cp);
    else if (is_control(cp) || is_layout(cp))
      out += fmt::format("\\u{:04x}", cp);
    else
      out.append(s, i, n);
  }
  return out;
}

}  // namespace pb::rt

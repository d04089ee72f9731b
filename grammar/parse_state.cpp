// parse_state.cpp — positions, comments, literal decoding and expression
// building for the PEGTL actions (see parse_state.hpp).
#include "parse_state.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>

namespace pb::grammar {

ParseState::ParseState(std::string_view text, const Loc& base, Diagnostics& d)
    : diags(d), text_(text), base_(base) {
  if (base_.line == 0) base_.line = 1;
  if (base_.col == 0) base_.col = 1;
  line_starts_.push_back(0);
  const char* b = text.data();
  const char* e = b + text.size();
  for (const char* c = b; c != e;) {
    const void* nl = std::memchr(c, '\n', static_cast<size_t>(e - c));
    if (!nl) break;
    c = static_cast<const char*>(nl) + 1;
    line_starts_.push_back(static_cast<size_t>(c - b));
  }
}

Loc ParseState::loc(const char* p) const {
  size_t off = static_cast<size_t>(std::clamp(p, text_begin(), text_end()) - text_begin());
  size_t i = cache_line_;
  bool cached =
      line_starts_[i] <= off && (i + 1 == line_starts_.size() || off < line_starts_[i + 1]);
  if (!cached) {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), off);
    i = static_cast<size_t>(it - line_starts_.begin()) - 1;
    cache_line_ = i;
  }
  auto col = static_cast<uint32_t>(off - line_starts_[i] + 1);
  auto line = static_cast<uint32_t>(i);
  if (line == 0) col += base_.col - 1;
  return Loc{base_.file, base_.line + line, col};
}

void ParseState::error(const char* at, LintCode code, std::string message, std::string hint) {
  diags.error(loc(at), code, std::move(message), std::move(hint));
}

// A syntax error after an invisible character on the same line is that
// character's doing (PB003 says so): it is not reported a second time.
void ParseState::report(const syntax_error& e) {
  Loc at = loc(e.at);
  if (e.code == LintCode::SyntaxError)
    for (const auto& d : diags.items())
      if (d.code == LintCode::InvisibleCharacter && d.loc.line == at.line && d.loc.col <= at.col &&
          d.loc.filename() == at.filename())
        return;
  diags.error(at, e.code, e.message, e.hint);
}

void ParseState::add_comment(Tok t) {
  if (last_comment_ && t.b <= last_comment_) return;  // seen before a backtrack
  last_comment_ = t.b;
  std::string_view v = t.sv().substr(1);
  if (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\r' || v.back() == '\t'))
    v.remove_suffix(1);
  pending_comments.emplace_back(v);
}

Comments ParseState::take_comments() {
  Comments c;
  c.lines.swap(pending_comments);
  return c;
}

// ---------------------------------------------------------------- literals

static void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {  // \u{0} included: quote() writes NUL that way
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string block_string_value(std::string_view body) {
  if (body.starts_with("\r\n"))
    body.remove_prefix(2);
  else if (body.starts_with("\n"))
    body.remove_prefix(1);
  std::vector<std::string_view> lines;
  for (size_t start = 0;;) {
    size_t nl = body.find('\n', start);
    std::string_view l = body.substr(start, nl == std::string_view::npos ? nl : nl - start);
    if (l.ends_with('\r')) l.remove_suffix(1);
    lines.push_back(l);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  auto blank = [](std::string_view l) {
    return l.find_first_not_of(" \t") == std::string_view::npos;
  };
  if (lines.size() > 1 && blank(lines.back())) lines.pop_back();  // the closing quotes' line
  size_t indent = std::string_view::npos;
  for (auto l : lines)
    if (!blank(l)) indent = std::min(indent, l.find_first_not_of(" \t"));
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    if (!blank(lines[i])) out += lines[i].substr(indent);
  }
  return out;
}

std::string ParseState::unquote(Tok t) {
  std::string_view v = t.sv();
  if (v.starts_with("\"\"\"")) return block_string_value(v.substr(3, v.size() - 6));
  v = v.substr(1, v.size() - 2);
  std::string out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    size_t esc = v.find('\\', i);  // copy the run up to the next escape at once
    if (esc == std::string_view::npos || esc + 1 == v.size()) {
      out.append(v.substr(i));
      break;
    }
    out.append(v.substr(i, esc - i));
    i = esc;
    char n = v[++i];
    if (n == 'n')
      out += '\n';
    else if (n == 't')
      out += '\t';
    else if (n != 'u')
      out += n;  // \" and \\ (the grammar allows nothing else)
    else {
      size_t close = v.find('}', i);
      uint32_t cp = 0;
      std::from_chars(v.data() + i + 2, v.data() + close, cp, 16);
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        error(t.b + 1 + i - 1, LintCode::InvalidValue,
              fmt::format("\\u{{{:X}}} is not a valid character", cp));
      else
        append_utf8(out, cp);
      i = close;
    }
  }
  return out;
}

int64_t ParseState::to_int(Tok t) { return to_int(t, t.b); }

int64_t ParseState::to_int(Tok t, const char* at) {
  int64_t v = 0;
  auto r = std::from_chars(t.b, t.e, v);
  if (r.ec != std::errc{}) {
    error(at, LintCode::InvalidValue, fmt::format("number {} is too large", t.sv().substr(0, 40)));
    return 0;
  }
  return v;
}

}  // namespace pb::grammar

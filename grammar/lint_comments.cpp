// lint_comments.cpp — the comment scanners of lint_comments.hpp: one pass over
// the text, tracking strings so that a `#` inside one is not taken for a
// comment.
#include "lint_comments.hpp"

#include <string>

namespace pb::lint {

namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Lines and columns while walking a text.
struct Cursor {
  CommentScan& out;
  uint32_t line = 1;
  size_t start = 0;  // byte offset of the line's first character

  explicit Cursor(CommentScan& o) : out(o) { out.code.assign(2, false); }
  void newline(size_t at) {
    ++line;
    start = at + 1;
    if (out.code.size() <= line) out.code.resize(line + 1, false);
  }
  void code() { out.code[line] = true; }
  void comment(std::string_view text, size_t at, size_t end) {
    out.comments.push_back({line, static_cast<uint32_t>(at - start + 1),
                            text.substr(at + 1, end - at - 1), out.code[line]});
  }
};

size_t line_end(std::string_view t, size_t i) {
  size_t e = t.find('\n', i);
  return e == std::string_view::npos ? t.size() : e;
}

// Past the DSL string starting at t[i] (a `"`); newlines inside a block
// string advance the cursor.
size_t skip_dsl_string(std::string_view t, size_t i, Cursor& cur) {
  if (t.substr(i, 3) == "\"\"\"") {
    size_t end = t.find("\"\"\"", i + 3);
    end = end == std::string_view::npos ? t.size() : end + 3;
    for (size_t k = i; k < end; ++k)
      if (t[k] == '\n') cur.newline(k);
    return end;
  }
  for (++i; i < t.size() && t[i] != '"' && t[i] != '\n'; ++i)
    if (t[i] == '\\') ++i;
  return i < t.size() && t[i] == '"' ? i + 1 : i;
}

}  // namespace

uint32_t CommentScan::next_code_line(uint32_t line) const {
  for (size_t l = line + 1; l < code.size(); ++l)
    if (code[l]) return static_cast<uint32_t>(l);
  return 0;
}

CommentScan scan_dsl_comments(std::string_view t) {
  CommentScan out;
  Cursor cur(out);
  for (size_t i = 0; i < t.size();) {
    char c = t[i];
    if (c == '\n') {
      cur.newline(i++);
    } else if (c == '#') {
      size_t end = line_end(t, i);
      cur.comment(t, i, end);
      i = end;
    } else if (c == '"') {
      cur.code();
      i = skip_dsl_string(t, i, cur);
    } else {
      if (!blank(c)) cur.code();
      ++i;
    }
  }
  return out;
}

namespace {

// YAML: the state carried from one line to the next.
struct YamlState {
  char quote = 0;         // inside a quoted scalar that goes on
  int block_indent = -1;  // inside a block scalar whose parent line had this indent
};

// Whether a quote at t[i] opens a scalar: it stands where a value starts.
bool opens_scalar(std::string_view line, size_t i) {
  size_t k = i;
  while (k > 0 && blank(line[k - 1])) --k;
  if (k == 0) return true;
  char p = line[k - 1];
  return p == ':' || p == '-' || p == '[' || p == '{' || p == ',' || p == '?';
}

// Whether `content` (a line without its comment) ends with a block scalar
// indicator: `key: |`, `- >-`, `key: |2+`.
bool opens_block(std::string_view content) {
  while (!content.empty() && blank(content.back())) content.remove_suffix(1);
  size_t k = content.size();
  while (k > 0 && (content[k - 1] == '-' || content[k - 1] == '+' ||
                   (content[k - 1] >= '0' && content[k - 1] <= '9')))
    --k;
  if (k == 0 || (content[k - 1] != '|' && content[k - 1] != '>')) return false;
  return k == 1 || blank(content[k - 2]);
}

// One line of YAML outside block scalars; returns where its comment starts
// (or npos) and updates the quote state.
size_t yaml_line(std::string_view line, YamlState& st, bool& code) {
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (st.quote == '"') {
      if (c == '\\')
        ++i;
      else if (c == '"')
        st.quote = 0;
    } else if (st.quote == '\'') {
      if (c == '\'' && i + 1 < line.size() && line[i + 1] == '\'')
        ++i;
      else if (c == '\'')
        st.quote = 0;
    } else if (c == '#' && (i == 0 || blank(line[i - 1]))) {
      return i;
    } else if ((c == '"' || c == '\'') && opens_scalar(line, i)) {
      st.quote = c;
      code = true;
    } else if (!blank(c)) {
      code = true;
    }
  }
  return std::string_view::npos;
}

int indent_of(std::string_view line) {
  int n = 0;
  while (static_cast<size_t>(n) < line.size() && line[static_cast<size_t>(n)] == ' ') ++n;
  return n;
}

}  // namespace

CommentScan scan_yaml_comments(std::string_view t) {
  CommentScan out;
  Cursor cur(out);
  YamlState st;
  for (size_t i = 0; i <= t.size();) {
    size_t end = line_end(t, i);
    std::string_view line = t.substr(i, end - i);
    bool is_blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
    if (st.block_indent >= 0 && (is_blank || indent_of(line) > st.block_indent)) {
      cur.code();  // block scalar content
    } else {
      st.block_indent = -1;
      bool code = false;
      bool in_quote = st.quote != 0;
      size_t hash = yaml_line(line, st, code);
      if (code || in_quote) cur.code();
      if (hash != std::string_view::npos) cur.comment(t, i + hash, end);
      if (!st.quote &&
          opens_block(line.substr(0, hash == std::string_view::npos ? line.size() : hash)))
        st.block_indent = indent_of(line);
    }
    if (end >= t.size()) break;
    cur.newline(end);
    i = end + 1;
  }
  return out;
}

}  // namespace pb::lint

// lint_comments.hpp — where the `#` comments of a playbook text are, for the
// lint directives (lint_directives.hpp). Not a public interface.
//
// Contract: a `#` inside a string is not a comment — DSL `"…"` (to the end of
// its line, `\` escapes) and `"""…"""`; YAML single- and double-quoted
// scalars (which may span lines) and block scalars (`|`, `>`). A YAML comment
// starts at the line start or after a blank. Every comment is reported with
// its 1-based line and column (of the `#`), its text after the `#`, and
// whether code stands before it on its line; `code[line]` says which lines
// hold code.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace pb::lint {

struct Comment {
  uint32_t line = 0, col = 0;
  std::string_view text;  // after the '#', up to the end of the line
  bool after_code = false;
};

struct CommentScan {
  std::vector<Comment> comments;
  std::vector<bool> code;  // index = line (1-based); true when the line holds code

  // The first line after `line` that holds code, or 0.
  uint32_t next_code_line(uint32_t line) const;
};

CommentScan scan_dsl_comments(std::string_view text);
CommentScan scan_yaml_comments(std::string_view text);

}  // namespace pb::lint

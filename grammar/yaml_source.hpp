// yaml_source.hpp — the raw text of a YAML file, for what yaml-cpp forgets:
// full-line comments.
//
// Contract: lines are 1-based. A comment line is a line whose first non-space
// character is '#'. The comments of a node are the comment lines directly
// above the node's line (blank lines between are allowed); every comment line
// is handed out once ("claimed"), so a parent and a child that start on the
// same line never both get it. Text is returned without '#' and one space.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pb::yaml {

class Source {
 public:
  explicit Source(std::string_view text);

  // The unclaimed comments directly above `line`; claims them. When the line
  // right above is `skip_line` (the key line of the list that holds a first
  // item), the search continues above it.
  std::vector<std::string> take_above(uint32_t line, uint32_t skip_line = 0);

  // The comments that end a block starting at `line` whose content is indented
  // at column `col` (a step): those after its last content line, before the
  // next less-indented line, written at column >= `col`. Claims them.
  std::vector<std::string> take_trailing(uint32_t line, uint32_t col);

  // The unclaimed comments after the last content line of the file.
  std::vector<std::string> take_final();

  // The byte at a 0-based offset, or '\0'.
  char at(size_t pos) const { return pos < text_.size() ? text_[pos] : '\0'; }

 private:
  enum class Kind { Blank, Comment, Content };
  Kind kind(uint32_t line) const;
  uint32_t indent(uint32_t line) const;  // 1-based column of the first non-space
  std::string comment_text(uint32_t line) const;

  std::string_view text_;
  std::vector<size_t> starts_;  // offset of each line (index 0 = line 1)
  std::vector<bool> claimed_;
};

}  // namespace pb::yaml

// yaml_source.hpp — the raw text of a YAML file, for what yaml-cpp forgets:
// full-line comments.
//
// Contract: lines are 1-based. A comment line is a line whose first non-space
// character is '#'. Every comment line is handed out once ("claimed"), in
// file order, to the next node that carries comments — usually the node right
// below it; a comment above a key without such a node (`title:`, `enter:`)
// goes to the next node, or ends the enclosing step or the playbook, so no
// comment is dropped (docs/language.md, "Canonical form"). Text is returned
// without '#' and one following space, right-trimmed.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace pb::yaml {

class Source {
 public:
  explicit Source(std::string_view text);

  // The unclaimed comments before `line`; claims them.
  std::vector<std::string> take_before(uint32_t line);

  // The comments that end a block starting at `line` whose keys stand at
  // column `col` (a step): the unclaimed ones inside it, and those after its
  // last content line, before the next less-indented line, written at
  // column >= `col`. Claims them.
  std::vector<std::string> take_trailing(uint32_t line, uint32_t col);

  // Every comment not claimed yet (they end the playbook).
  std::vector<std::string> take_final();

  // The byte at a 0-based offset, or '\0'.
  char at(size_t pos) const { return pos < text_.size() ? text_[pos] : '\0'; }
  std::string_view text() const { return text_; }

 private:
  enum class Kind { Blank, Comment, Content };
  Kind kind(uint32_t line) const;
  uint32_t indent(uint32_t line) const;  // 1-based column of the first non-space
  std::string comment_text(uint32_t line) const;
  std::vector<std::string> claim(std::set<uint32_t>::iterator from,
                                 std::set<uint32_t>::iterator to);

  std::string_view text_;
  std::vector<size_t> starts_;  // offset of each line (index 0 = line 1)
  std::set<uint32_t> unclaimed_;
};

}  // namespace pb::yaml

// yaml_test_util.hpp — helpers shared by the tests/test_yaml*.cpp files:
// reading source files, extracting the examples of docs/language.md, and
// rendering diagnostics as "line:col CODE message | hint" lines.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "model/diagnostics.hpp"

namespace pb::test {

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The first fenced block of `lang` ("yaml", or "" for a bare ```) after
// `after` in docs/language.md.
inline std::string doc_block(const std::string& lang, const std::string& after = "") {
  std::string md = slurp(std::string(PB_SOURCE_DIR) + "/docs/language.md");
  size_t from = after.empty() ? 0 : md.find(after);
  size_t open = md.find("```" + lang + "\n", from);
  if (open == std::string::npos) return {};
  open += 4 + lang.size();
  return md.substr(open, md.find("```", open) - open);
}

inline std::string render(const Diagnostics& d) {
  std::string out;
  for (const auto& x : d.items()) {
    out += std::to_string(x.loc.line) + ":" + std::to_string(x.loc.col) + " " +
           std::string(to_string(x.code)) + " " + x.message;
    if (!x.hint.empty()) out += " | " + x.hint;
    out += "\n";
  }
  return out;
}

}  // namespace pb::test

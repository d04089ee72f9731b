// dsl_fixtures.hpp — fixtures shared by the DSL parser and printer tests:
// the complete example of docs/language.md (read from the document, so the
// test follows the reference), tests/data/dsl/all_constructs.playbook, and
// diagnostics rendered as "line:col: CODE message [hint]" lines.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "grammar/frontend.hpp"

namespace dsl_test {

inline std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The first ``` block of docs/language.md that starts with "# Seed 000".
inline std::string doc_example() {
  std::string doc = slurp(std::string(PB_SOURCE_DIR) + "/docs/language.md");
  size_t b = doc.find("```\n# Seed 000");
  if (b == std::string::npos) return {};
  b += 4;
  return doc.substr(b, doc.find("```", b) - b);
}

inline std::string all_constructs() {
  return slurp(std::string(PB_SOURCE_DIR) + "/tests/data/dsl/all_constructs.playbook");
}

inline std::string render(const pb::Diagnostics& d) {
  std::string s;
  for (const auto& i : d.items()) {
    s += std::to_string(i.loc.line) + ":" + std::to_string(i.loc.col) + ": " +
         std::string(to_string(i.code)) + " " + i.message;
    if (!i.hint.empty()) s += " [" + i.hint + "]";
    s += "\n";
  }
  return s;
}

// Parses text that must be free of diagnostics.
inline pb::Playbook parse_clean(const std::string& text) {
  pb::Diagnostics d;
  auto m = pb::parse_dsl(text, "t.playbook", d);
  INFO(render(d));
  REQUIRE(d.empty());
  REQUIRE(m);
  return *m;
}

// The diagnostics of parsing `text`, rendered.
inline std::string errors_of(const std::string& text) {
  pb::Diagnostics d;
  (void)pb::parse_dsl(text, "t.playbook", d);
  return render(d);
}

}  // namespace dsl_test

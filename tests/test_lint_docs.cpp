// test_lint_docs.cpp — docs/lint-codes.md documents every code lint knows
// (cli/diag_format's table) and every code the golden corpus shows.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "cli/diag_format.hpp"

namespace fs = std::filesystem;

namespace {
std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_CASE("docs/lint-codes.md documents every code") {
  std::string doc = read(fs::path(PB_SOURCE_DIR) / "docs" / "lint-codes.md");
  std::set<std::string> documented;
  std::regex heading(R"(### (PB\d{3}) — )");
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), heading);
       it != std::sregex_iterator(); ++it)
    documented.insert((*it)[1]);
  for (int n = 1; n < 100; ++n) {
    char code[8];
    std::snprintf(code, sizeof code, "PB%03d", n);
    if (pb::cli::code_summary(code).empty()) continue;
    INFO(code);
    CHECK(documented.contains(code));
  }
  std::regex used(R"(\[(PB\d{3})\]\n)");
  for (const auto& e : fs::directory_iterator(fs::path(PB_SOURCE_DIR) / "tests" / "corpus")) {
    if (e.path().extension() != ".expected") continue;
    std::string text = read(e.path());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), used);
         it != std::sregex_iterator(); ++it) {
      INFO(e.path().filename().string() << " uses " << (*it)[1]);
      CHECK(documented.contains((*it)[1]));
    }
  }
}

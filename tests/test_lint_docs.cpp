// test_lint_docs.cpp — docs/lint-codes.md documents exactly the codes of the
// model's table (model/lint_code.hpp), marking "(warning)" exactly the ones
// it reports as warnings, and every code the golden corpus shows; the sources
// report every code of the table.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "model/lint_code.hpp"

namespace fs = std::filesystem;

namespace {
std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The codes docs/lint-codes.md has a `### PBnnn — title` heading for, each
// with whether it says it is a warning (in its title, or in its section's:
// `## Unused declarations (warnings)`).
std::map<std::string, bool> documented() {
  std::istringstream doc(read(fs::path(PB_SOURCE_DIR) / "docs" / "lint-codes.md"));
  std::map<std::string, bool> out;
  std::regex heading(R"(### (PB\d{3}) — (.*))");
  bool section_warns = false;
  for (std::string line; std::getline(doc, line);) {
    if (line.starts_with("## ")) section_warns = line.find("(warnings)") != std::string::npos;
    std::smatch m;
    if (std::regex_match(line, m, heading))
      out[m[1]] = section_warns || m[2].str().find("(warning)") != std::string::npos;
  }
  return out;
}
}  // namespace

TEST_CASE("docs/lint-codes.md documents every code of the table, and no other") {
  auto doc = documented();
  REQUIRE(doc.size() > 40);
  for (const auto& i : pb::lint_codes()) {
    std::string code(i.text);
    INFO("in the table but not in docs/lint-codes.md: " << code);
    REQUIRE(doc.contains(code));
    INFO("docs/lint-codes.md says '(warning)' iff the table's severity is Warning");
    CHECK(doc[code] == (i.severity == pb::Severity::Warning));
    CHECK(pb::to_string(i.code) == i.text);
    CHECK(pb::lint_code_named(i.text) == i.code);
  }
  for (const auto& [code, warns] : doc) {
    INFO("documented but not in the table (model/lint_code.cpp): " << code);
    CHECK(pb::lint_code_named(code).has_value());
  }
}

TEST_CASE("lint codes: the table is in the order of the numbers, and text is looked up exactly") {
  auto codes = pb::lint_codes();
  for (size_t i = 1; i < codes.size(); ++i) CHECK(codes[i - 1].text < codes[i].text);
  CHECK(pb::lint_code_named("PB054") == pb::LintCode::OutsideEventsOnly);
  CHECK_FALSE(pb::lint_code_named("PB099").has_value());
  CHECK_FALSE(pb::lint_code_named("pb054").has_value());
  CHECK_FALSE(pb::lint_code_named("PB54").has_value());
  CHECK(fmt::format("[{}]", pb::LintCode::UnusedSuppression) == "[PB092]");
}

TEST_CASE("every code the golden corpus shows is documented") {
  auto doc = documented();
  std::regex used(R"(\[(PB\d{3})\]\n)");
  for (const auto& e : fs::directory_iterator(fs::path(PB_SOURCE_DIR) / "tests" / "corpus")) {
    if (e.path().extension() != ".expected") continue;
    std::string text = read(e.path());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), used);
         it != std::sregex_iterator(); ++it) {
      INFO(e.path().filename().string() << " uses " << (*it)[1]);
      CHECK(doc.contains((*it)[1]));
    }
  }
}

TEST_CASE("the sources report every code of the table, by its LintCode") {
  std::regex named(R"(LintCode::(\w+))");
  std::set<std::string> used;
  for (const char* dir : {"grammar", "interpreter", "model", "source", "cli"})
    for (const auto& f : fs::recursive_directory_iterator(fs::path(PB_SOURCE_DIR) / dir)) {
      auto ext = f.path().extension();
      if ((ext != ".cpp" && ext != ".hpp") || f.path().stem() == "lint_code") continue;
      std::string text = read(f.path());
      for (std::sregex_iterator it(text.begin(), text.end(), named), end; it != end; ++it)
        used.insert((*it)[1]);
    }
  std::string header = read(fs::path(PB_SOURCE_DIR) / "model" / "lint_code.hpp");
  std::regex enumerator(R"(\n  (\w+),\s+// (PB\d{3}))");
  size_t n = 0;
  for (std::sregex_iterator it(header.begin(), header.end(), enumerator), end; it != end; ++it) {
    ++n;
    INFO("LintCode::" << (*it)[1] << " (" << (*it)[2] << ") is reported nowhere");
    CHECK(used.contains((*it)[1]));
    CHECK(pb::lint_code_named((*it)[2].str()).has_value());
  }
  CHECK(n == pb::lint_codes().size());
}

// test_build_rules.cpp — what the build promises its users and the CI job:
// warnings are errors only when asked (PB_WERROR defaults off), and the CI
// job (scripts/test.sh) asks for it in every build it makes.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The shell lines of `text`, each joined with its continuation lines.
std::vector<std::string> joined_lines(const std::string& text) {
  std::vector<std::string> out;
  std::string line, acc;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\\') {
      acc += line.substr(0, line.size() - 1);
      continue;
    }
    out.push_back(acc + line);
    acc.clear();
  }
  return out;
}

}  // namespace

TEST_CASE("PB_WERROR is off by default and on in every build of the CI job", "[build]") {
  std::string cmake = read_text(PB_SOURCE_DIR "/CMakeLists.txt");
  CHECK(std::regex_search(cmake, std::regex(R"(option\(PB_WERROR "[^"]*" OFF\))")));
  int builds = 0;
  for (const auto& line : joined_lines(read_text(PB_SOURCE_DIR "/scripts/test.sh"))) {
    if (!std::regex_search(line, std::regex(R"(^\s*pb_build\s)"))) continue;
    ++builds;
    INFO(line);
    CHECK(line.find("-DPB_WERROR=ON") != std::string::npos);
  }
  CHECK(builds >= 3);
}

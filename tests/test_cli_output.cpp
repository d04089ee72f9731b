// test_cli_output.cpp — how the command presents itself: `--help` lists the
// commands in one fixed order (whatever order the command files' statics
// are built in), `--version` prints the project's version (CMakeLists.txt),
// and colour follows --color, the terminal and NO_COLOR.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/diag_format.hpp"
#include "cli_fixture.hpp"

using pbt::Cli;
using pbt::Run;

namespace {

// The command names of a --help text, in the order listed.
std::vector<std::string> listed_commands(const std::string& help) {
  std::vector<std::string> out;
  std::istringstream in(help.substr(help.find("Subcommands:")));
  std::string line;
  std::getline(in, line);
  std::smatch m;
  while (std::getline(in, line) && std::regex_search(line, m, std::regex(R"(^  ([a-z]+)\s)")))
    out.push_back(m[1]);
  return out;
}

std::string project_version() {
  std::ifstream in(PB_SOURCE_DIR "/CMakeLists.txt");
  std::stringstream s;
  s << in.rdbuf();
  std::smatch m;
  std::string text = s.str();
  REQUIRE(std::regex_search(text, m, std::regex(R"(project\(playbook VERSION ([0-9.]+))")));
  return m[1];
}

}  // namespace

TEST_CASE("cli output: --help lists the commands in a fixed order", "[cli-output]") {
  Cli cli;
  Run r = cli("--help");
  CHECK(r.rc == 0);
  std::vector<std::string> expected = {
      "fmt",    "lint",  "convert", "diff",     "graph",    "tenant",  "explain", "paths",
      "whatif", "start", "fire",    "complete", "reset",    "mark",    "note",    "tick",
      "status", "due",   "history", "replay",   "versions", "migrate", "test"};
  CHECK(listed_commands(r.out) == expected);
}

TEST_CASE("cli output: --version prints the project's version", "[cli-output]") {
  Cli cli;
  Run r = cli("--version");
  CHECK(r.rc == 0);
  CHECK(r.out == "playbook " + project_version() + "\n");
}

TEST_CASE("cli output: colour when asked, else on a terminal unless NO_COLOR is set and not empty",
          "[cli-output]") {
  using pb::cli::wants_color;
  CHECK(wants_color(false, true, nullptr));
  CHECK(wants_color(false, true, ""));  // set but empty: as if unset
  CHECK_FALSE(wants_color(false, true, "1"));
  CHECK_FALSE(wants_color(false, true, "0"));  // any value that is not empty
  CHECK_FALSE(wants_color(false, false, nullptr));
  CHECK(wants_color(true, false, "1"));  // --color, a per-command choice, wins
  CHECK(wants_color(true, true, "1"));
}

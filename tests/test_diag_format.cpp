// test_diag_format.cpp — the four output forms of diagnostics: text (with and
// without context), JSON fields, SARIF 2.1.0 structure (the schema's required
// properties and types, checked here since the schema is not on disk), and
// GitHub workflow commands with their escaping.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <fmt/color.h>

#include "cli/diag_format.hpp"

using namespace pb;
using namespace pb::cli;
using nlohmann::json;

namespace {

Diagnostics sample() {
  auto file = std::make_shared<const std::string>("dir/a b.playbook");
  Diagnostics d;
  d.error(Loc{file, 3, 7}, LintCode::UndefinedStep,
          "transition target 'doen' is not a step of playbook 'x'", "did you mean 'done'?");
  d.warning(Loc{file, 5, 1}, LintCode::UnusedTask, "task 1 \"a, b: 100%\" is declared but unused");
  d.error(Loc{std::make_shared<const std::string>("gone.playbook"), 0, 0}, LintCode::UnreadableFile,
          "cannot read");
  return d;
}

}  // namespace

TEST_CASE("text: one line per finding, hint folded in, code last") {
  auto out = format_text(sample(), {}, {});
  CHECK(out ==
        "dir/a b.playbook:3:7: error: transition target 'doen' is not a step of playbook 'x' "
        "(did you mean 'done'?) [PB030]\n"
        "dir/a b.playbook:5:1: warning: task 1 \"a, b: 100%\" is declared but unused [PB081]\n"
        "gone.playbook: error: cannot read [PB005]\n");
}

TEST_CASE("text with context quotes the line and puts a caret under the column") {
  Sources src{{"dir/a b.playbook", "l1\nl2\n\tstep  doen\n"}};
  Diagnostics d;
  d.error(Loc{std::make_shared<const std::string>("dir/a b.playbook"), 3, 8},
          LintCode::UndefinedStep, "m");
  auto out = format_text(d, src, {false, true});
  CHECK(out == "dir/a b.playbook:3:8: error: m [PB030]\n  \tstep  doen\n  \t      ^\n");
  auto colored = format_text(d, src, {true, true});
  // fmt writes bold and red as two sequences: ESC[1m ESC[31m error ESC[0m.
  CHECK(colored.find(fmt::format(fmt::emphasis::bold | fg(fmt::terminal_color::red), "error")) !=
        std::string::npos);
}

TEST_CASE("summary line") {
  Diagnostics none;
  CHECK(summary_line(none, 1) == "no problems in 1 file");
  CHECK(summary_line(sample(), 5) == "2 errors, 1 warning in 5 files");
}

TEST_CASE("json carries every field") {
  auto j = json::parse(format_json(sample()));
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 3);
  CHECK(j[0] == json{{"file", "dir/a b.playbook"},
                     {"line", 3},
                     {"column", 7},
                     {"severity", "error"},
                     {"code", "PB030"},
                     {"message", "transition target 'doen' is not a step of playbook 'x'"},
                     {"hint", "did you mean 'done'?"}});
  CHECK(j[1]["severity"] == "warning");
}

TEST_CASE("sarif 2.1.0: required properties and types") {
  auto s = json::parse(format_sarif(sample()));
  CHECK(s["version"] == "2.1.0");
  CHECK(s["$schema"].is_string());
  REQUIRE(s["runs"].is_array());
  REQUIRE(s["runs"].size() == 1);
  auto& run = s["runs"][0];
  auto& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "playbook");
  REQUIRE(driver["rules"].is_array());
  CHECK(driver["rules"].size() == 3);
  for (auto& r : driver["rules"]) {
    CHECK(r["id"].is_string());
    CHECK(r["shortDescription"]["text"].is_string());
  }
  REQUIRE(run["results"].is_array());
  REQUIRE(run["results"].size() == 3);
  for (auto& r : run["results"]) {
    REQUIRE(r["ruleId"].is_string());
    CHECK(r["message"]["text"].is_string());
    CHECK((r["level"] == "error" || r["level"] == "warning" || r["level"] == "note" ||
           r["level"] == "none"));
    REQUIRE(r["ruleIndex"].is_number_unsigned());
    CHECK(driver["rules"][r["ruleIndex"].get<size_t>()]["id"] == r["ruleId"]);
    REQUIRE(r["locations"].is_array());
    auto& phys = r["locations"][0]["physicalLocation"];
    CHECK(phys["artifactLocation"]["uri"].is_string());
    if (phys.contains("region")) {
      CHECK(phys["region"]["startLine"].get<int>() >= 1);
      CHECK(phys["region"]["startColumn"].get<int>() >= 1);
    }
  }
  auto& first = run["results"][0];
  CHECK(first["message"]["text"] ==
        "transition target 'doen' is not a step of playbook 'x' (did you mean 'done'?)");
  CHECK(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "dir/a%20b.playbook");
  CHECK(first["locations"][0]["physicalLocation"]["region"] ==
        json{{"startLine", 3}, {"startColumn", 7}});
  CHECK_FALSE(run["results"][2]["locations"][0]["physicalLocation"].contains("region"));
}

TEST_CASE("github workflow commands escape their data") {
  auto out = format_github(sample());
  CHECK(out ==
        "::error file=dir/a b.playbook,line=3,col=7,title=PB030::transition target 'doen' is not "
        "a step of playbook 'x' (did you mean 'done'?)\n"
        "::warning file=dir/a b.playbook,line=5,col=1,title=PB081::task 1 \"a, b: 100%25\" is "
        "declared but unused\n"
        "::error file=gone.playbook,title=PB005::cannot read\n");
}

TEST_CASE("format names") {
  CHECK(parse_diag_format("sarif") == DiagFormat::Sarif);
  CHECK_FALSE(parse_diag_format("xml"));
}

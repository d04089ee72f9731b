// test_lint_cli.cpp — `playbook lint` end to end: exit codes (0 clean, 1
// errors or warnings with --werror, 2 unreadable path), the summary line on
// stderr, the default path (--playbooks) and each output format.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

#include "run_binary.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using pbtest::run_playbook;

namespace {
const fs::path kCorpus = fs::path(PB_SOURCE_DIR) / "tests" / "corpus";
}

TEST_CASE("lint exit codes", "[lint]") {
  auto clean =
      run_playbook(kCorpus, "lint clean.playbook.yaml undefined_calendar/calendars/AMERICAS.yaml");
  CHECK(clean.code == 0);
  CHECK(clean.out.empty());
  CHECK(clean.err == "no problems in 2 files\n");

  auto warn = run_playbook(kCorpus, "lint unused.playbook.yaml");
  CHECK(warn.code == 0);
  CHECK(warn.err == "3 warnings in 1 file\n");
  CHECK(run_playbook(kCorpus, "lint --werror unused.playbook.yaml").code == 1);

  auto err = run_playbook(kCorpus, "lint undefined_step.playbook.yaml");
  CHECK(err.code == 1);
  CHECK(err.err == "1 error in 1 file\n");

  auto missing = run_playbook(kCorpus, "lint no_such_file.playbook");
  CHECK(missing.code == 2);
  CHECK(missing.out ==
        "no_such_file.playbook: error: cannot read: no such file or directory [PB005]\n");

  CHECK(run_playbook(kCorpus, "lint --format xml clean.playbook.yaml").code == 2);
}

TEST_CASE("lint defaults to the --playbooks directory", "[lint]") {
  auto dir = fs::temp_directory_path() / ("pb_lint_default_" + std::to_string(::getpid()));
  fs::create_directories(dir / "books");
  fs::copy_file(kCorpus / "undefined_step.playbook.yaml", dir / "books" / "a.playbook.yaml");
  auto r = run_playbook(dir, "--playbooks books lint");
  fs::remove_all(dir);
  CHECK(r.code == 1);
  CHECK(r.out.rfind("books/a.playbook.yaml:", 0) == 0);
  CHECK(r.out.find("[PB030]") != std::string::npos);
}

TEST_CASE("a playbook file linted alone reads the tenant schema beside it", "[lint]") {
  auto dir = fs::temp_directory_path() / ("pb_lint_schema_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "tenant.schema.yaml") << "schema: tenant\nattributes:\n  vip: {type: bool}\n";
  std::ofstream(dir / "p.playbook") << "playbook p {\n  start a\n  step a {\n"
                                       "    when tenant.vip -> b\n    otherwise -> b\n  }\n"
                                       "  step b { end \"x\" }\n}\n";
  auto alone = run_playbook(dir, "lint p.playbook");
  fs::remove(dir / "tenant.schema.yaml");
  auto without = run_playbook(dir, "lint p.playbook");
  fs::remove_all(dir);
  CHECK(alone.code == 0);
  CHECK(alone.out.empty());
  CHECK(without.code == 1);
  CHECK(without.out.find("undefined tenant attribute 'tenant.vip'") != std::string::npos);
}

TEST_CASE("lint output formats", "[lint]") {
  auto j = run_playbook(kCorpus, "lint --format json undefined_step.playbook.yaml");
  CHECK(j.code == 1);
  auto arr = json::parse(j.out);
  REQUIRE(arr.size() == 1);
  CHECK(arr[0]["code"] == "PB030");
  CHECK(arr[0]["file"] == "undefined_step.playbook.yaml");
  CHECK(arr[0]["hint"] == "did you mean 'done'?");
  CHECK(j.err.empty());

  auto s = run_playbook(kCorpus,
                        "lint --format sarif undefined_step.playbook.yaml unused.playbook.yaml");
  auto sarif = json::parse(s.out);
  CHECK(sarif["version"] == "2.1.0");
  // PB030 + PB080/81/82, and PB021: both files are playbook 'corpus-case'.
  CHECK(sarif["runs"][0]["results"].size() == 5);
  CHECK(sarif["runs"][0]["tool"]["driver"]["rules"].size() == 5);

  auto g = run_playbook(kCorpus, "lint --format github undefined_step.playbook.yaml");
  CHECK(g.out.rfind("::error file=undefined_step.playbook.yaml,line=", 0) == 0);
  CHECK(g.out.find("title=PB030::") != std::string::npos);

  auto c = run_playbook(kCorpus, "lint --context undefined_step.playbook.yaml");
  CHECK(c.out.find("\n  ") != std::string::npos);
  CHECK(c.out.find("^") != std::string::npos);
}

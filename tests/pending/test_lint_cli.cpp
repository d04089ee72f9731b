// test_lint_cli.cpp — `playbook lint` end to end: exit codes (0 clean, 1
// errors or warnings with --werror, 2 unreadable path), the summary line on
// stderr, the default path (--playbooks) and each output format.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "run_binary.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using pbtest::run_playbook;

namespace {
const fs::path kCorpus = fs::path(PB_SOURCE_DIR) / "tests" / "corpus";
}

TEST_CASE("lint exit codes", "[lint]") {
  auto clean = run_playbook(kCorpus, "lint clean.playbook clean.playbook.yaml");
  CHECK(clean.code == 0);
  CHECK(clean.out.empty());
  CHECK(clean.err == "no problems in 2 files\n");

  auto warn = run_playbook(kCorpus, "lint unused.playbook");
  CHECK(warn.code == 0);
  CHECK(warn.err == "3 warnings in 1 file\n");
  CHECK(run_playbook(kCorpus, "lint --werror unused.playbook").code == 1);

  auto err = run_playbook(kCorpus, "lint undefined_step.playbook");
  CHECK(err.code == 1);
  CHECK(err.err == "1 error in 1 file\n");

  auto missing = run_playbook(kCorpus, "lint no_such_file.playbook");
  CHECK(missing.code == 2);
  CHECK(missing.out == "no_such_file.playbook: error: cannot read: no such file or directory [PB005]\n");

  CHECK(run_playbook(kCorpus, "lint --format xml clean.playbook").code == 2);
}

TEST_CASE("lint defaults to the --playbooks directory", "[lint]") {
  auto r = run_playbook(kCorpus, "--playbooks task_conflict lint");
  CHECK(r.code == 1);
  CHECK(r.out.find("[PB070]") != std::string::npos);
}

TEST_CASE("lint output formats", "[lint]") {
  auto j = run_playbook(kCorpus, "lint --format json undefined_step.playbook");
  CHECK(j.code == 1);
  auto arr = json::parse(j.out);
  REQUIRE(arr.size() == 1);
  CHECK(arr[0]["code"] == "PB030");
  CHECK(arr[0]["file"] == "undefined_step.playbook");
  CHECK(arr[0]["hint"] == "did you mean 'done'?");
  CHECK(j.err.empty());

  auto s = run_playbook(kCorpus, "lint --format sarif undefined_step.playbook unused.playbook");
  auto sarif = json::parse(s.out);
  CHECK(sarif["version"] == "2.1.0");
  CHECK(sarif["runs"][0]["results"].size() == 4);
  CHECK(sarif["runs"][0]["tool"]["driver"]["rules"].size() == 4);

  auto g = run_playbook(kCorpus, "lint --format github undefined_step.playbook");
  CHECK(g.out.rfind("::error file=undefined_step.playbook,line=", 0) == 0);
  CHECK(g.out.find("title=PB030::") != std::string::npos);

  auto c = run_playbook(kCorpus, "lint --context undefined_step.playbook");
  CHECK(c.out.find("\n  ") != std::string::npos);
  CHECK(c.out.find("^") != std::string::npos);
}

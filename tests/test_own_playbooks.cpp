// test_own_playbooks.cpp — three playbooks written from scratch in the style
// of the seeds (an assessment workshop, enabling services with dozens of
// mandatory per-service tasks, an automated prioritisation), in
// tests/data/own/. The drafts of each, with the slips made while writing
// them, are in tests/data/own_slips/ (one draft per round of fixes): lint
// must report each slip as its golden DRAFT.expected says; the finished
// playbooks lint clean with --werror and are canonical.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "run_binary.hpp"

namespace fs = std::filesystem;
using pbtest::run_playbook;
using pbtest::shell_quote;
using pbtest::slurp;

namespace {

const fs::path kOwn = fs::path(PB_SOURCE_DIR) / "tests" / "data" / "own";
const fs::path kSlips = fs::path(PB_SOURCE_DIR) / "tests" / "data" / "own_slips";

bool updating() {
  const char* v = std::getenv("PB_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

std::vector<std::string> drafts() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kSlips)) {
    auto name = e.path().filename().string();
    if (name.ends_with(".playbook") || name.ends_with(".playbook.yaml")) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("own playbooks: lint reports every slip of every draft", "[own]") {
  auto all = drafts();
  CHECK(all.size() >= 6);
  for (const auto& name : all) {
    INFO(name);
    auto r = run_playbook(kSlips, "lint " + shell_quote(name));
    auto golden = kSlips / (name + ".expected");
    if (updating()) {
      std::ofstream(golden, std::ios::binary) << r.out;
      continue;
    }
    CHECK(r.out == slurp(golden));
    CHECK(r.code == (r.out.find(": error: ") != std::string::npos ? 1 : 0));
  }
}

TEST_CASE("own playbooks: the finished ones lint clean and are canonical", "[own]") {
  auto r = run_playbook(kOwn, "lint --werror .");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK(r.out.empty());
  for (const char* f : {"assessment-workshop.playbook", "enable-services.playbook.yaml",
                        "automated-prioritisation.playbook"}) {
    INFO(f);
    auto check = run_playbook(kOwn, std::string("fmt --check ") + f);
    CHECK(check.out.empty());
    CHECK(check.code == 0);
  }
}

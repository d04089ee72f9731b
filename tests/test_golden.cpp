// test_golden.cpp — the golden corpus (tests/corpus/): runs `playbook lint
// CASE` for every broken playbook (both forms) and directory case and compares
// stdout with CASE.expected byte for byte. With PB_UPDATE_GOLDEN=1 it rewrites
// the goldens instead (review them by eye before committing). Two cases are
// generated at run time instead of committed: a 10 MB line and deep nesting.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <vector>

#include "run_binary.hpp"

namespace fs = std::filesystem;
using pbtest::run_playbook;
using pbtest::shell_quote;
using pbtest::slurp;

namespace {

const fs::path kCorpus = fs::path(PB_SOURCE_DIR) / "tests" / "corpus";

bool updating() {
  const char* v = std::getenv("PB_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

bool is_case(const fs::directory_entry& e) {
  std::string name = e.path().filename().string();
  if (e.is_directory()) return name[0] != '.';
  auto ends = [&](const std::string& suf) {
    return name.size() > suf.size() && name.compare(name.size() - suf.size(), suf.size(), suf) == 0;
  };
  return ends(".playbook") || ends(".playbook.yaml");
}

std::vector<std::string> cases() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kCorpus))
    if (is_case(e)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

int expected_exit(const std::string& out) {
  if (out.find("[PB005]") != std::string::npos) return 2;
  return out.find(": error: ") != std::string::npos ? 1 : 0;
}

// Lints `name` in `dir` and compares with kCorpus/name.expected.
void check_case(const fs::path& dir, const std::string& name) {
  auto r = run_playbook(dir, "lint " + shell_quote(name));
  auto golden = kCorpus / (name + ".expected");
  INFO("case " << name << "\nstderr: " << r.err);
  if (updating()) {
    std::ofstream(golden, std::ios::binary) << r.out;
    return;
  }
  REQUIRE(fs::exists(golden));
  CHECK(r.out == slurp(golden));
  CHECK(r.code == expected_exit(r.out));
  CHECK(r.err.find(" in ") != std::string::npos);  // the summary line
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("pb_golden_" + std::to_string(::getpid()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("golden corpus: every case lints exactly as its .expected says", "[golden]") {
  auto all = cases();
  CHECK(all.size() >= 90);
  for (const auto& name : all) check_case(kCorpus, name);
}

TEST_CASE("golden corpus: no stale .expected files", "[golden]") {
  for (const auto& e : fs::directory_iterator(kCorpus)) {
    std::string name = e.path().filename().string();
    if (name.size() < 9 || name.substr(name.size() - 9) != ".expected") continue;
    std::string source = name.substr(0, name.size() - 9);
    bool generated = source.rfind("generated_", 0) == 0;
    INFO(name);
    CHECK((generated || fs::exists(kCorpus / source)));
  }
}

TEST_CASE("golden corpus: a 10 MB line and deep nesting, generated at run time", "[golden]") {
  TempDir tmp;
  std::string header = "playbook huge {\n  title \"";
  std::ofstream(tmp.path / "generated_huge_line.playbook", std::ios::binary)
      << header << std::string(10 * 1024 * 1024, 'x')
      << "\"\n  start a\n  step a { end \"x\" }\n}\n";
  std::ofstream(tmp.path / "generated_huge_line.playbook.yaml", std::ios::binary)
      << "playbook: huge\ntitle: " << std::string(10 * 1024 * 1024, 'x') << "\nstart: a\n"
      << "steps:\n  - {id: a, end: x}\n";
  std::ofstream(tmp.path / "generated_deep_nesting.playbook", std::ios::binary)
      << "playbook deep {\n  start a\n  step a {\n    when " << std::string(100000, '(') << "true"
      << std::string(100000, ')') << " -> a\n    otherwise -> a\n  }\n}\n";
  std::ofstream(tmp.path / "generated_deep_nesting.playbook.yaml", std::ios::binary)
      << "playbook: deep\nstart: a\nsteps:\n  - id: a\n    title: " << std::string(100000, '[')
      << std::string(100000, ']') << "\n";
  for (const char* name :
       {"generated_huge_line.playbook", "generated_huge_line.playbook.yaml",
        "generated_deep_nesting.playbook", "generated_deep_nesting.playbook.yaml"}) {
    auto t0 = std::chrono::steady_clock::now();
    check_case(tmp.path, name);
    auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    INFO(name << " took " << secs << " s");
    CHECK(secs < 30);
  }
}

// data_dir_check.hpp — the check every test data directory of playbooks
// (tests/data/waits, tasks, calls, parallel) gets: its scenarios all pass
// with every step, transition and refusal rule covered, and `lint --werror`
// finds nothing.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "run_binary.hpp"

namespace pbtest {

inline void check_data_dir(const std::string& dir, int scenarios) {
  auto t =
      run_playbook(PB_SOURCE_DIR, "--playbooks " + dir + " test --coverage --min-coverage 100");
  INFO(t.out << t.err);
  CHECK(t.code == 0);
  CHECK(t.out.find(std::to_string(scenarios) + " passed, 0 failed") != std::string::npos);
  auto l = run_playbook(PB_SOURCE_DIR, "lint --werror " + dir);
  INFO(l.out << l.err);
  CHECK(l.code == 0);
}

}  // namespace pbtest

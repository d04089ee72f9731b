// cli_fixture.hpp — runs the `playbook` binary (PB_BINARY) on a playbook
// directory of tests/data and a temporary database, with a fixed clock and
// `--as fm1` (or `as`); stdout and stderr together. For the end-to-end CLI tests.
#pragma once

#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <cstdio>
#include <string>

#include "runtime_fixture.hpp"

namespace pbt {

struct Run {
  int rc = -1;
  std::string out;
};

struct Cli {
  std::string data = "run";  // the directory under tests/data
  std::string dir;           // a playbook directory elsewhere (overrides `data`)
  std::string as = "fm1";    // --as (a shell word)
  TempDb db;
  Run operator()(const std::string& args, const std::string& now = "2026-03-06T10:00:00Z") {
    std::string pbdir = dir.empty() ? PB_SOURCE_DIR "/tests/data/" + data : dir;
    std::string cmd = "PLAYBOOK_DB='" + db.path() + "' PLAYBOOK_DIR='" + pbdir +
                      "' PLAYBOOK_NOW=" + now + " '" PB_BINARY "' --as " + as + " " + args +
                      " 2>&1";
    Run r;
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    int st = pclose(p);
    r.rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
  }
};

inline bool has(const Run& r, const std::string& s) { return r.out.find(s) != std::string::npos; }

}  // namespace pbt

// test_cli_tick_kill.cpp — a `playbook tick` (PB_BINARY) killed with SIGKILL
// while it works has printed exactly what it committed: each `fired` line is
// written and flushed once its batch committed (never before), so the lines
// read from its pipe name committed events only, and at most the batch in
// flight (one timer with --batch 1) is committed without its line.
#include <catch2/catch.hpp>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "process_fixture.hpp"
#include "runtime_fixture.hpp"
#include "runtime/store_world.hpp"

using namespace pbt;

namespace {

// Tenants w0…w{n-1} on the waiter playbook, each with a timer due at 10:00.
void waiting_tenants(const std::string& path, int n) {
  pb::rt::Store s(path);
  s.exec("PRAGMA synchronous=OFF");  // setup only; the tick under test runs at FULL
  Dir dir;
  pb::rt::Engine e(s, dir.cat());
  for (int t = 0; t < n; ++t) {
    std::string id = "w" + std::to_string(t);
    REQUIRE(e.tenant_add(id, {}, "fm", at("2026-03-06T09:00:00Z")).exit == 0);
    REQUIRE(e.submit(id, start("waiter", "2026-03-06T09:00:00Z")).exit == 0);
  }
}

// Reads the child's output; kills it once `lines` lines arrived, or after
// `patience` without them. Returns everything it printed.
std::string read_then_kill(int fd, pid_t kid, size_t lines, std::chrono::seconds patience) {
  std::string out;
  bool killed = false;
  auto start = std::chrono::steady_clock::now();
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    int ready = poll(&p, 1, 50);
    if (ready > 0) {
      char buf[4096];
      ssize_t n = read(fd, buf, sizeof buf);
      if (n <= 0) break;  // EOF: the child is gone
      out.append(buf, size_t(n));
    }
    bool enough = size_t(std::count(out.begin(), out.end(), '\n')) >= lines;
    if (!killed && (enough || std::chrono::steady_clock::now() - start > patience)) {
      kill(kid, SIGKILL);
      killed = true;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("a killed tick has printed each fired line its batches committed, and no other",
          "[cli-timers]") {
  TempDb db;
  const int n = 2000;
  waiting_tenants(db.path(), n);
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_t kid = spawn_playbook(
      {"tick", "--batch", "1"},
      playbook_env(db.path(), PB_SOURCE_DIR "/tests/data/run", "2026-03-06T12:00:00Z"), fds[1]);
  close(fds[1]);
  REQUIRE(kid > 0);
  std::string out = read_then_kill(fds[0], kid, 20, std::chrono::seconds(3));
  close(fds[0]);
  int st = 0;
  waitpid(kid, &st, 0);

  std::set<std::string> printed;  // the tenants of the fired lines read
  size_t pos = 0;
  while ((pos = out.find("fired ", pos)) != std::string::npos) {
    pos += 6;
    printed.insert(out.substr(pos, out.find(' ', pos) - pos));
  }
  pb::rt::Store s(db.path());
  std::set<std::string> committed;
  {
    pb::rt::Query q(s, "SELECT tenant FROM events WHERE kind = 'tick'");
    while (q.step()) committed.insert(q.text(0));
  }
  INFO("printed " << printed.size() << ", committed " << committed.size());
  CHECK(printed.size() > 0);
  for (const auto& t : printed) CHECK(committed.count(t) == 1);  // never a line before its commit
  CHECK(committed.size() <= printed.size() + 1);  // at most the batch in flight unprinted
}

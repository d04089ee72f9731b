// test_cli_migrate_kill.cpp — `playbook migrate --apply` (PB_BINARY) killed
// with SIGKILL while it works, then run again: every instance is migrated
// exactly once (one `migrate` event each), nothing is half-written, and
// every tenant replays equal to its stored state.
#include <catch2/catch.hpp>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "process_fixture.hpp"
#include "runtime_fixture.hpp"

using namespace pbt;
namespace fs = std::filesystem;

namespace {

const char* kWaiter = R"(playbook waiter {
  start w

  step w "Wait" {
    after 1 hour -> done
  }

  step done "Done" {
    end "waited"
  }
}
)";

// n tenants started on waiter (from `dir`) at 09:00.
void started(const std::string& db, const std::string& dir, int n) {
  pb::Diagnostics d;
  pb::LoadResult l = pb::load_paths({dir}, d);
  REQUIRE_FALSE(d.has_errors());
  pb::rt::Store s(db);
  s.exec("PRAGMA synchronous=OFF");  // setup only
  pb::rt::Engine e(s, pb::src::catalog_of(l));
  for (int t = 0; t < n; ++t) {
    std::string id = "w" + std::to_string(1000 + t);
    REQUIRE(e.tenant_add(id, {}, "fm", at("2026-03-06T09:00:00Z")).exit == 0);
    REQUIRE(e.submit(id, start("waiter", "2026-03-06T09:00:00Z")).exit == 0);
  }
}

// Kills the child once `lines` lines arrived on fd (or after 5 s).
void kill_after(int fd, pid_t kid, int lines) {
  int seen = 0;
  auto t0 = std::chrono::steady_clock::now();
  while (seen < lines && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5)) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    char buf[4096];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; ++i) seen += buf[i] == '\n';
  }
  kill(kid, SIGKILL);
}

}  // namespace

TEST_CASE("a killed migrate --apply resumes: every instance migrated exactly once",
          "[cli-migrate]") {
  TempDb tmp;
  fs::path old_dir = tmp.dir / "v1", new_dir = tmp.dir / "v2";
  fs::create_directories(old_dir);
  fs::create_directories(new_dir);
  std::ofstream(old_dir / "waiter.playbook") << kWaiter;
  std::string v2 = kWaiter;
  v2.replace(v2.find("1 hour"), 6, "2 hours");
  std::ofstream(new_dir / "waiter.playbook") << v2;
  const int n = 300;
  started(tmp.path(), old_dir.string(), n);

  auto env = playbook_env(tmp.path(), old_dir.string(), "2026-03-06T09:30:00Z");
  std::vector<std::string> args = {"migrate", "waiter", "--to",
                                   (new_dir / "waiter.playbook").string(), "--apply"};
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_t kid = spawn_playbook(args, env, fds[1]);
  close(fds[1]);
  REQUIRE(kid > 0);
  kill_after(fds[0], kid, 40);
  close(fds[0]);
  int st = 0;
  waitpid(kid, &st, 0);

  pid_t again = spawn_playbook(args, env);
  REQUIRE(again > 0);
  waitpid(again, &st, 0);
  CHECK(WIFEXITED(st));
  CHECK(WEXITSTATUS(st) == 0);

  pb::rt::Store s(tmp.path());
  CHECK(count_rows(s, "SELECT count(*) FROM events WHERE kind = 'migrate'") == n);
  CHECK(count_rows(s,
                   "SELECT count(*) FROM (SELECT tenant FROM events WHERE kind = 'migrate' "
                   "GROUP BY tenant HAVING count(*) > 1)") == 0);
  CHECK(count_rows(s, "SELECT count(DISTINCT hash) FROM instances WHERE status = 'active'") == 1);
  // the re-armed timers: 2 hours after entering at 09:00
  CHECK(count_rows(s, "SELECT count(*) FROM timers WHERE due = 1772794800") == n);
  pb::Diagnostics d;
  pb::LoadResult l = pb::load_paths({old_dir.string()}, d);
  pb::rt::Engine e(s, pb::src::catalog_of(l));
  for (int t = 0; t < n; ++t) {
    auto rep = e.replay("w" + std::to_string(1000 + t));
    INFO(t);
    REQUIRE(rep.matches());
  }
}

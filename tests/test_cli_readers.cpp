// test_cli_readers.cpp — the reader guarantee of docs/runtime.md, end to end
// through the `playbook` binary: read commands (status, history, due,
// tenant show, replay) answer at once while another process holds the write
// lock, and see only committed state; writers meet one busy policy (the
// same retries and the same "busy: … [busy]" message, exit 3), including the
// schema migration on open; a read command never creates a database (a
// missing or empty file is exit 2 and stays as it was), refuses an SQLite
// file that is not a playbook store, and migrates an older schema only when
// it may write the file.
//
// The held lock is a raw connection of this process inside BEGIN IMMEDIATE:
// a reader that took the write lock would wait out its 5 s busy timeout and
// exit 3; the writers are given PLAYBOOK_BUSY_TIMEOUT_MS=50 so the policy's
// three tries take a fraction of a second.
#include <filesystem>
#include <fstream>

#include "cli_fixture.hpp"
#include "store_files.hpp"

using pbt::contains;
using pbt::pb_on;
using pbt::ProcResult;
using pbt::RawDb;

namespace {

const std::vector<std::vector<std::string>> kReaders = {{"status", "acme"},
                                                        {"history", "acme"},
                                                        {"due", "--until", "2026-04-01"},
                                                        {"tenant", "show", "acme"},
                                                        {"replay", "acme"}};

void add_acme(pbt::Cli& cli) {
  REQUIRE(
      cli("tenant add acme --set region=AMERICAS --set 'contacts=Ana <ana@acme.com> primary'").rc ==
      0);
  REQUIRE(cli("start acme outreach").rc == 0);
  REQUIRE(cli("note acme 'Re-engaged Customer: called'").rc == 0);
}

pbt::Launch with_short_busy_timeout(pbt::Launch l) {
  l.env.push_back("PLAYBOOK_BUSY_TIMEOUT_MS=50");
  return l;
}

}  // namespace

TEST_CASE("readers: every read command answers while another process holds the write lock",
          "[cli-readers]") {
  pbt::Cli cli;
  add_acme(cli);
  std::string db = cli.db.path();
  RawDb writer(db);
  writer.exec("BEGIN IMMEDIATE");
  writer.exec(
      "INSERT INTO tenants(id, version, created_at) VALUES('ghost', 0, 0)");  // not committed
  for (const auto& args : kReaders) {
    ProcResult r = pbt::run_process(pb_on(db, args));
    INFO(args[0] << ": " << r.out);
    CHECK(r.rc == 0);
  }
  CHECK(contains(pbt::run_process(pb_on(db, {"due", "--until", "2026-04-01"})),
                 "acme  outreach email_1 -> phone"));
  ProcResult ghost = pbt::run_process(pb_on(db, {"tenant", "show", "ghost"}));
  CHECK(ghost.rc == 2);  // uncommitted: a reader sees the last commit
  CHECK(contains(ghost, "there is no tenant 'ghost'"));

  // A writer meanwhile: the busy policy, then exit 3 with the documented message.
  ProcResult w = pbt::run_process(
      with_short_busy_timeout(pb_on(db, {"note", "acme", "Re-engaged Customer: x"})));
  INFO(w.out);
  CHECK(w.rc == 3);
  CHECK(contains(w, "busy: database '" + db +
                        "' is locked by another writer: tried to start a write "
                        "transaction 3 times, waiting up to 0.05 s each time [busy]"));
  writer.exec("ROLLBACK");
  CHECK(pbt::run_process(pb_on(db, {"note", "acme", "Re-engaged Customer: x"})).rc == 0);
}

TEST_CASE("readers: the first write, the schema migration on open, follows the same busy policy",
          "[cli-readers]") {
  pbt::TempDb tmp;
  std::string db = tmp.path();
  pbt::make_old_schema(db, 3);
  {
    RawDb writer(db);
    writer.exec("BEGIN IMMEDIATE");
    for (auto args : std::vector<std::vector<std::string>>{{"tenant", "add", "acme"}, {"due"}}) {
      ProcResult r = pbt::run_process(with_short_busy_timeout(pb_on(db, args)));
      INFO(r.out);
      CHECK(r.rc == 3);
      CHECK(contains(r, "busy: database '" + db +
                            "' is locked by another writer: tried to open it for writing 3 "
                            "times, waiting up to 0.05 s each time [busy]"));
    }
    writer.exec("ROLLBACK");
  }
  ProcResult due =
      pbt::run_process(pb_on(db, {"due"}));  // a read command may migrate a file it can write
  INFO(due.out);
  CHECK(due.rc == 0);
  CHECK(RawDb(db).text("PRAGMA user_version") == std::to_string(pb::rt::kSchemaVersion));
  CHECK(pbt::run_process(pb_on(db, {"tenant", "add", "acme"})).rc == 0);
}

TEST_CASE("readers: a read command on a missing or empty file says so and creates nothing",
          "[cli-readers]") {
  pbt::TempDb tmp;
  std::string missing = (tmp.dir / "missing.db").string(), empty = (tmp.dir / "empty.db").string();
  std::ofstream(empty).flush();
  for (const auto& args : kReaders) {
    ProcResult r = pbt::run_process(pb_on(missing, args));
    INFO(args[0] << ": " << r.out);
    CHECK(r.rc == 2);
    CHECK(contains(
        r, "error: there is no database '" + missing + "' (a read command does not create one"));
    CHECK(contains(r, "[store]"));
    CHECK_FALSE(std::filesystem::exists(missing));
    r = pbt::run_process(pb_on(empty, args));
    INFO(r.out);
    CHECK(r.rc == 2);
    CHECK(contains(r, "error: database '" + empty + "' is empty: it holds no playbook store"));
    CHECK(std::filesystem::file_size(empty) == 0);
  }
  for (const char* suffix : {"-wal", "-shm"}) CHECK_FALSE(std::filesystem::exists(empty + suffix));
}

TEST_CASE("readers: an SQLite file that is not a playbook store is refused, never changed",
          "[cli-readers]") {
  pbt::TempDb tmp;
  std::string db = tmp.path();
  RawDb(db).exec("CREATE TABLE inventory(item TEXT); INSERT INTO inventory VALUES('lamp')");
  for (auto args : std::vector<std::vector<std::string>>{{"due"}, {"tenant", "add", "acme"}}) {
    ProcResult r = pbt::run_process(pb_on(db, args));
    INFO(r.out);
    CHECK(r.rc == 2);
    CHECK(contains(r, "error: database '" + db +
                          "' is not a playbook store: it has tables but no schema version "
                          "[store]"));
  }
  CHECK(RawDb(db).text("SELECT group_concat(name) FROM sqlite_master") == "inventory");
}

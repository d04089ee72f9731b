// test_cli_readonly.cpp — what a user who may only read the database sees,
// end to end through the `playbook` binary:
//  * the file is read-only (0444) in a directory the user may write: the
//    read commands answer (SQLite makes the -wal/-shm files beside it);
//  * the file is read-only and so is its directory (root-owned 0755): the
//    read commands still answer (the file is read as immutable, there being
//    no -wal file);
//  * in both, a write command is exit 2 `[store]` naming the file, and the
//    file is unchanged;
//  * an older schema there is refused by a read command with both versions
//    named (migrating needs write access), not misread.
// Root ignores file permissions, so when the tests run as root every
// command of the read-only user runs as uid/gid 65534 (nobody), for whom
// the permissions hold; otherwise as the test's own user after the chmod.
// Either way a command that tried to write would really be refused.
#include <filesystem>

#include "cli_fixture.hpp"
#include "store_files.hpp"

using pbt::contains;
using pbt::pb_on;
using pbt::ProcResult;

namespace {

namespace fs = std::filesystem;

const std::vector<std::vector<std::string>> kReaders = {{"status", "acme"},
                                                        {"history", "acme"},
                                                        {"due", "--until", "2026-04-01"},
                                                        {"tenant", "show", "acme"},
                                                        {"replay", "acme"}};

pbt::Launch as_reader(pbt::Launch l) {
  l.unprivileged = true;
  return l;
}

const fs::perms kReadOnly = fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read;
const fs::perms kReadExec =
    kReadOnly | fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;

// The directory of `cli`'s database writable by the reader or not (as root
// the reader is nobody: 0755 root-owned; else the test's user: 0555), made
// writable again for the clean-up.
struct DirMode {
  fs::path dir;
  DirMode(const fs::path& d, bool writable) : dir(d) {
    fs::permissions(dir, writable                 ? fs::perms::all
                         : pbt::running_as_root() ? kReadExec | fs::perms::owner_write
                                                  : kReadExec);
  }
  ~DirMode() { fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add); }
};

// A tenant with a log in `cli`'s database, then the file made read-only.
void make_read_only(pbt::Cli& cli) {
  REQUIRE(
      cli("tenant add acme --set region=AMERICAS --set 'contacts=Ana <ana@acme.com> primary'").rc ==
      0);
  REQUIRE(cli("start acme outreach").rc == 0);
  REQUIRE(cli("note acme 'Re-engaged Customer: called'").rc == 0);
  for (const char* suffix : {"-wal", "-shm"}) REQUIRE_FALSE(fs::exists(cli.db.path() + suffix));
  fs::permissions(cli.db.path(), kReadOnly);
}

// The read commands answer as the writer's own process would.
void check_readers(pbt::Cli& cli) {
  std::string db = cli.db.path();
  for (const auto& args : kReaders) {
    ProcResult r = pbt::run_process(as_reader(pb_on(db, args)));
    INFO(args[0] << ": " << r.out);
    CHECK(r.rc == 0);
  }
  ProcResult st = pbt::run_process(as_reader(pb_on(db, {"history", "acme"})));
  CHECK(contains(st, "Re-engaged Customer: called"));
  CHECK(contains(pbt::run_process(as_reader(pb_on(db, {"replay", "acme"}))),
                 "the stored state matches"));
}

void check_writer_refused(pbt::Cli& cli) {
  std::string db = cli.db.path();
  auto before = fs::last_write_time(db);
  auto size = fs::file_size(db);
  ProcResult w =
      pbt::run_process(as_reader(pb_on(db, {"note", "acme", "Re-engaged Customer: again"})));
  INFO(w.out);
  CHECK(w.rc == 2);
  CHECK(contains(w, "database '" + db + "'"));
  CHECK(contains(w, "[store]"));
  CHECK(fs::last_write_time(db) == before);
  CHECK(fs::file_size(db) == size);
}

}  // namespace

TEST_CASE("read-only: a read-only file in a writable directory is readable, not writable",
          "[cli-readonly]") {
  pbt::Cli cli;
  make_read_only(cli);
  DirMode mode(cli.db.dir, true);
  check_readers(cli);
  check_writer_refused(cli);
  ProcResult w = pbt::run_process(as_reader(pb_on(cli.db.path(), {"tenant", "add", "beta"})));
  CHECK(contains(w, "is read-only for this user, and this command writes to it [store]"));
}

TEST_CASE("read-only: a read-only file in a read-only directory is readable, not writable",
          "[cli-readonly]") {
  pbt::Cli cli;
  make_read_only(cli);
  DirMode mode(cli.db.dir, false);
  check_readers(cli);
  for (const char* suffix : {"-wal", "-shm"}) CHECK_FALSE(fs::exists(cli.db.path() + suffix));
  check_writer_refused(cli);
}

TEST_CASE("read-only: an older schema that cannot be migrated is refused clearly",
          "[cli-readonly]") {
  pbt::TempDb tmp;
  std::string db = tmp.path();
  pbt::make_old_schema(db, 3);
  fs::permissions(db, kReadOnly);
  DirMode mode(tmp.dir, true);
  ProcResult r = pbt::run_process(as_reader(pb_on(db, {"due"})));
  INFO(r.out);
  CHECK(r.rc == 2);
  CHECK(contains(r, "error: database '" + db +
                        "' has schema version 3, older than this program's " +
                        std::to_string(pb::rt::kSchemaVersion) +
                        "; a read command migrates it first, which needs write access"));
  CHECK(contains(r, "[store]"));
  CHECK(pbt::RawDb(db).text("PRAGMA user_version") == "3");
}

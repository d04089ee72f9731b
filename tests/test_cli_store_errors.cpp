// test_cli_store_errors.cpp — storage failures through the `playbook`
// binary: each is exit 2 with the database file, SQLite's message and
// `[store]` — never an abort, never "busy", never a replay "difference" —
// nothing is half-written, and once the fault is gone running the same
// command again does the work exactly once.
//  * A database with one corrupt page of the event log: history, replay
//    and a write that appends to the log.
//  * A full disk, made with RLIMIT_FSIZE (a write past the limit fails with
//    EFBIG, SIGXFSZ ignored) a few pages above the database's size: `tick`
//    over 40 tenants in batches of 5, and `tenant import` of 300 rows in
//    batches of 50.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "cli_fixture.hpp"
#include "cli_inprocess.hpp"
#include "runtime/store_world.hpp"
#include "store_files.hpp"

using pbt::contains;
using pbt::pb_on;
using pbt::ProcResult;

namespace {

namespace fs = std::filesystem;

pbt::InProcess setup(const std::string& db, const std::vector<std::string>& args,
                     const std::string& now = "2026-03-06T10:00:00Z") {
  auto r = pbt::run_inprocess_on(db, now, args);
  INFO(r.out);
  REQUIRE(r.rc == 0);
  return r;
}

void check_store_error(const ProcResult& r, const std::string& db,
                       const std::string& sqlite_message) {
  INFO(r.out);
  CHECK(r.rc == 2);
  CHECK(contains(r, "error: database '" + db + "': " + sqlite_message));
  CHECK(contains(r, "[store]"));
  CHECK_FALSE(contains(r, "busy"));
}

// The store is sound: integrity_check ok, every tenant replays equal.
void check_sound(const std::string& db) {
  pb::rt::Store s(db, pb::rt::Access::Read);
  CHECK(pbt::integrity(s) == "ok");
  pbt::check_replays(s);
}

int64_t count(const std::string& db, const std::string& sql) {
  pb::rt::Store s(db, pb::rt::Access::Read);
  return pbt::count_rows(s, sql.c_str());
}

}  // namespace

TEST_CASE("store errors: one corrupt page of the event log", "[cli-store-errors]") {
  pbt::TempDb tmp;
  std::string db = tmp.path();
  setup(db, {"tenant", "add", "acme", "--set", "region=AMERICAS", "--set",
             "contacts=Ana <ana@acme.com> primary"});
  setup(db, {"start", "acme", "outreach"});
  for (int i = 0; i < 60; ++i)
    setup(db, {"note", "acme", fmt::format("Re-engaged Customer: call {}", i)});
  int64_t page = 0;
  {
    pbt::RawDb raw(db);
    page = std::stoll(
        raw.text("SELECT max(pageno) FROM dbstat WHERE name = 'events' AND pagetype = 'leaf'"));
  }
  REQUIRE(page > 1);
  for (const char* suffix : {"-wal", "-shm"})
    REQUIRE_FALSE(fs::exists(db + suffix));  // all in the file
  {
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp((page - 1) * 4096);
    std::string junk(4096, '\xa5');
    f.write(junk.data(), std::streamsize(junk.size()));
  }
  check_store_error(pbt::run_process(pb_on(db, {"history", "acme"})), db,
                    "database disk image is malformed");
  check_store_error(pbt::run_process(pb_on(db, {"replay", "acme"})), db,
                    "database disk image is malformed");
  check_store_error(pbt::run_process(pb_on(db, {"history", "acme", "--format", "json"})), db,
                    "database disk image is malformed");
  ProcResult w = pbt::run_process(pb_on(db, {"note", "acme", "Re-engaged Customer: more"}));
  INFO(w.out);
  CHECK(w.rc == 2);
  CHECK(contains(w, "[store]"));
}

TEST_CASE("store errors: a full disk during a tick of several batches", "[cli-store-errors]") {
  pbt::TempDb tmp;
  std::string db = tmp.path();
  const int tenants = 40;
  std::string csv = (tmp.dir / "t.csv").string();
  {
    std::ofstream f(csv);
    f << "id,region,contacts\n";
    for (int i = 0; i < tenants; ++i)
      f << fmt::format("t{:02},AMERICAS,Ana <ana@acme.com> primary\n", i);
  }
  setup(db, {"tenant", "import", csv});
  for (int i = 0; i < tenants; ++i) setup(db, {"start", fmt::format("t{:02}", i), "outreach"});
  auto size = (long long)fs::file_size(db);
  const char* now = "2026-03-12T00:00:00Z";
  pbt::Launch full = pb_on(db, {"tick", "--batch", "5"}, now);
  full.max_file_bytes = size + 6 * 4096;
  ProcResult r = pbt::run_process(full);
  check_store_error(r, db, "disk I/O error");
  CHECK_FALSE(contains(r, "left busy"));
  int64_t fired = count(db, "SELECT count(*) FROM events WHERE kind = 'tick'");
  CHECK(fired < tenants);  // the disk filled up before the end
  check_sound(db);

  ProcResult again = pbt::run_process(pb_on(db, {"tick", "--batch", "5"}, now));
  INFO(again.out);
  CHECK(again.rc == 0);
  CHECK(contains(again, fmt::format("{} fired", tenants - fired)));
  CHECK(count(db, "SELECT count(DISTINCT tenant) FROM events WHERE kind = 'tick'") == tenants);
  CHECK(count(db, "SELECT count(*) FROM events WHERE kind = 'tick'") == tenants);
  check_sound(db);
}

TEST_CASE("store errors: a full disk during a tenant import of several batches",
          "[cli-store-errors]") {
  pbt::TempDb tmp;
  std::string db = tmp.path();
  const int rows = 300;
  setup(db, {"tenant", "add", "seed"});
  std::string csv = (tmp.dir / "t.csv").string();
  {
    std::ofstream f(csv);
    f << "id,region,priority,contacts\n";
    for (int i = 0; i < rows; ++i)
      f << fmt::format("n{:03},EMEA,{},Contact {} <c{}@acme.com> primary\n", i, i % 6, i, i);
  }
  pbt::Launch full = pb_on(db, {"tenant", "import", "--batch", "50", csv});
  full.max_file_bytes = (long long)fs::file_size(db) + 24 * 4096;
  ProcResult r = pbt::run_process(full);
  check_store_error(r, db, "disk I/O error");
  int64_t added = count(db, "SELECT count(*) FROM events WHERE kind = 'tenant-add'") - 1;
  CHECK(added < rows);
  CHECK(added % 50 == 0);  // whole batches or nothing
  check_sound(db);

  ProcResult again = pbt::run_process(pb_on(db, {"tenant", "import", "--batch", "50", csv}));
  INFO(again.out);
  CHECK(again.rc == 0);
  CHECK(count(db, "SELECT count(*) FROM events WHERE kind = 'tenant-add'") == rows + 1);
  CHECK(count(db, "SELECT count(DISTINCT tenant) FROM events WHERE kind = 'tenant-add'") ==
        rows + 1);
  CHECK(count(db, "SELECT count(*) FROM attributes WHERE name = 'priority'") == rows);
  check_sound(db);
}

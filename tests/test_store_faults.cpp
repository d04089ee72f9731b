// test_store_faults.cpp — storage faults injected under the real command
// line, in the tradition of SQLite's own I/O-error tests. The CLI runs in
// this process (pb::cli::run) over a fault VFS (fault_vfs.hpp) installed as
// SQLite's default. For `fire`, `tick` (6 tenants, --batch 2: 3 batches)
// and `tenant import` (6 rows, --batch 2), one clean run counts the
// command's writes, syncs and reads; then for every N up to that count the
// command runs again on a fresh copy of the same database with the Nth call
// failing: a write with EIO, a write with ENOSPC that stays (the disk
// stays full), an fsync with EIO, a read with EIO. After each:
//  * the exit code is 0 or 2 — never a crash or an exception, and never 3
//    ("busy": no other process writes) — and an exit 2 names the database
//    file and says [store];
//  * an exit 0 means the work is done (the fault did not matter);
//  * PRAGMA integrity_check is ok and every tenant replays equal;
//  * the same command run again without faults exits 0, and then the work
//    is there exactly once (events, notes, timers and attributes counted).
// Under AddressSanitizer every 4th N is tried (same checks).
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>

#include "asan.hpp"
#include "cli_inprocess.hpp"
#include "fault_vfs.hpp"
#include "runtime/store_world.hpp"
#include "runtime_fixture.hpp"
#include "store_files.hpp"

namespace {

namespace fs = std::filesystem;
using pb::rt::Access;
using pb::rt::Store;
using pbt::FaultOp;

constexpr int kStride = pbt::kAsan ? 4 : 1;

constexpr int kTenants = 6;
const char* const kStart = "2026-03-06T10:00:00Z";

struct Fault {
  FaultOp op;
  int error;
  bool sticky;
  const char* name;
};
const Fault kFaults[] = {
    {FaultOp::Write, SQLITE_IOERR_WRITE, false, "write fails (EIO)"},
    {FaultOp::Write, SQLITE_FULL, true, "write fails (disk full, and stays full)"},
    {FaultOp::Sync, SQLITE_IOERR_FSYNC, false, "fsync fails (EIO)"},
    {FaultOp::Read, SQLITE_IOERR_READ, false, "read fails (EIO)"},
};

// A command under test: what it runs, and what must hold once its work is
// done — "" when it is done exactly once, else what is wrong.
struct Case {
  std::string now;
  std::vector<std::string> args;
  std::function<std::string(Store&)> done;
};

// The sweep's files are in memory (/dev/shm) when there is such a place:
// what is tested is what SQLite and the program do with the errors the
// fault VFS returns, not the disk, and a real fsync per commit would make
// the hundreds of runs slow.
struct ScratchDir {
  fs::path dir;
  ScratchDir() {
    std::random_device rd;
    fs::path parent =
        fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    dir = parent / ("pbfaults-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

struct Sweep {
  ScratchDir tmp;
  pbt::FaultVfs vfs;
  int failed = 0;  // faulted runs that exited 2: the sweep did bite

  std::string pristine() const { return (tmp.dir / "pristine.db").string(); }
  std::string work() const { return (tmp.dir / "work.db").string(); }

  pbt::InProcess cli(const std::string& db, const std::string& now,
                     const std::vector<std::string>& args) {
    return pbt::run_inprocess_on(db, now, args);
  }
  void setup(const std::vector<std::string>& args, const std::string& now = kStart) {
    auto r = cli(pristine(), now, args);
    INFO(r.out);
    REQUIRE(r.rc == 0);
  }
  void fresh_work() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(work() + suffix);
    fs::copy_file(pristine(), work());
  }
};

int64_t count(Store& s, const std::string& sql) { return pbt::count_rows(s, sql.c_str()); }

// One faulted run of `c` and every check after it.
void faulted_run(Sweep& w, const Case& c, const Fault& f, int nth) {
  w.fresh_work();
  w.vfs.arm(f.op, nth, f.error, f.sticky);
  pbt::InProcess r = w.cli(w.work(), c.now, c.args);
  bool fired = w.vfs.fired();
  w.vfs.disarm();
  INFO(f.name << ", call " << nth << " (injected: " << fired << "): exit " << r.rc << "\n"
              << r.out);
  // No other process writes: a fault is a store error (2), never "busy" (3),
  // which would tell a scheduler to wait for a writer that is not there.
  REQUIRE((r.rc == 0 || r.rc == 2));
  if (r.rc == 2) {
    ++w.failed;
    CHECK(r.out.find("[store]") != std::string::npos);
    CHECK(r.out.find(w.work()) != std::string::npos);
  }
  CHECK(r.out.find("[busy]") == std::string::npos);
  {
    Store s(w.work(), Access::Read);
    CHECK(pbt::integrity(s) == "ok");
    if (r.rc == 0) CHECK(c.done(s) == "");
    pbt::check_replays(s);
  }
  pbt::InProcess again = w.cli(w.work(), c.now, c.args);
  INFO("run again: exit " << again.rc << "\n" << again.out);
  CHECK(again.rc == 0);
  Store s(w.work(), Access::Read);
  CHECK(c.done(s) == "");
  CHECK(pbt::integrity(s) == "ok");
}

// A clean run counts the calls; then every fault at every Nth call.
void sweep(Sweep& w, const Case& c) {
  w.fresh_work();
  w.vfs.arm(FaultOp::Write, 0, SQLITE_OK);
  pbt::InProcess clean = w.cli(w.work(), c.now, c.args);
  pbt::FaultCounts n = w.vfs.counts();
  w.vfs.disarm();
  INFO(clean.out);
  REQUIRE(clean.rc == 0);
  {
    Store s(w.work(), Access::Read);
    REQUIRE(c.done(s) == "");
  }
  UNSCOPED_INFO("calls in one run: " << n.writes << " writes, " << n.syncs << " syncs, " << n.reads
                                     << " reads");
  REQUIRE(n.writes > 0);
  REQUIRE(n.syncs > 0);
  REQUIRE(n.reads > 0);
  for (const Fault& f : kFaults)
    for (int nth = 1; nth <= n.of(f.op); nth += kStride) faulted_run(w, c, f, nth);
  CHECK(w.failed > 0);
}

void add_tenants(Sweep& w, bool start) {
  for (int i = 0; i < kTenants; ++i) {
    std::string id = fmt::format("t{}", i);
    w.setup({"tenant", "add", id, "--set", "region=AMERICAS", "--set",
             "contacts=Ana <ana@acme.com> primary"});
    if (start) w.setup({"start", id, "outreach"});
  }
}

}  // namespace

TEST_CASE("faults: every write, sync and read of `fire` failing in turn", "[store-faults]") {
  Sweep w;
  add_tenants(w, true);
  Case c{
      "2026-03-06T11:00:00Z",
      {"fire", "t0", "customer_replied", "--id", "k1", "--note", "Re-engaged Customer: replied"},
      [](Store& s) -> std::string {
        if (count(s, "SELECT count(*) FROM events WHERE tenant = 't0' AND kind = 'fire'") != 1)
          return "not one fire event";
        if (count(s, "SELECT count(*) FROM notes WHERE tenant = 't0' AND text LIKE '%: replied'") !=
            1)
          return "not one note";
        if (count(s, "SELECT count(*) FROM instances WHERE tenant = 't0' AND status = 'active'") !=
            0)
          return "the instance still runs";
        return "";
      }};
  sweep(w, c);
}

TEST_CASE("faults: every write, sync and read of a 3-batch `tick` failing in turn",
          "[store-faults]") {
  Sweep w;
  add_tenants(w, true);
  Case c{"2026-03-12T00:00:00Z", {"tick", "--batch", "2"}, [](Store& s) -> std::string {
           for (int i = 0; i < kTenants; ++i)
             if (count(s, fmt::format(
                              "SELECT count(*) FROM events WHERE tenant = 't{}' AND kind = 'tick'",
                              i)) != 1)
               return fmt::format("t{} has not one tick event", i);
           if (count(s, "SELECT count(*) FROM instances WHERE step = 'phone'") != kTenants)
             return "not every tenant moved to phone";
           if (count(s, fmt::format("SELECT count(*) FROM timers WHERE due <= {}",
                                    pb::rt::to_secs(pbt::at("2026-03-12T00:00:00Z")))) != 0)
             return "a timer is still due";
           return "";
         }};
  sweep(w, c);
}

TEST_CASE("faults: every write, sync and read of a 3-batch `tenant import` failing in turn",
          "[store-faults]") {
  Sweep w;
  w.setup({"tenant", "add", "t0", "--set", "region=EMEA"});
  std::string csv = (w.tmp.dir / "t.csv").string();
  std::ofstream(csv) << "id,region,priority,contacts\n"
                        "t0,AMERICAS,3,\n"
                        "n1,EMEA,1,Ana <ana@acme.com> primary\n"
                        "n2,AMERICAS,2,\n"
                        "n3,EMEA,3,Bo <bo@acme.com> primary\n"
                        "n4,AMERICAS,4,\n"
                        "n5,EMEA,5,\n";
  Case c{
      kStart, {"tenant", "import", "--batch", "2", csv}, [](Store& s) -> std::string {
        for (int i = 1; i <= 5; ++i) {
          std::string id = fmt::format("n{}", i);
          if (count(s, "SELECT count(*) FROM events WHERE tenant = '" + id +
                           "' AND kind = 'tenant-add'") != 1)
            return id + " was not added once";
          if (count(s, "SELECT value FROM attributes WHERE tenant = '" + id +
                           "' AND name = 'priority'") != i)
            return id + " has the wrong priority";
        }
        if (count(s, "SELECT value FROM attributes WHERE tenant = 't0' AND name = 'priority'") != 3)
          return "t0 was not updated";
        return count(s, "SELECT count(*) FROM tenants") == 6 ? "" : "not 6 tenants";
      }};
  sweep(w, c);
}

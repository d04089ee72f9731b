// test_cli_readers_load.cpp — readers beside a real writer process: while a
// `playbook tenant import` of kRows rows (one transaction: the file is one
// batch) and then a `playbook tick` over kTimers due timers run, this test
// runs `status`, `history`, `due` and `tenant show` processes in a loop.
// Every reader exits 0, and at least one of them finished while the writer
// was still running. (That no reader waits for the write lock at all is
// proven exactly by test_cli_readers.cpp, which holds the lock itself; this
// test shows the same under a writer doing real work.)
//
// Under AddressSanitizer the sizes are a tenth (same checks).
#include <fmt/format.h>

#include <fstream>
#include <map>

#include "asan.hpp"
#include "cli/run_common.hpp"
#include "runtime_fixture.hpp"
#include "store_files.hpp"

namespace {

constexpr int kScale = pbt::kAsan ? 10 : 1;
constexpr int kRows = 20000 / kScale, kTimers = 3000 / kScale;

const std::vector<std::vector<std::string>> kReaders = {{"status", "t0000"},
                                                        {"history", "t0000"},
                                                        {"due", "--limit", "5"},
                                                        {"tenant", "show", "t0000"}};

struct Tally {
  int runs = 0, during = 0;
  std::map<int, int> by_rc;
  std::string first_failure;
};

// Runs the readers in turn until `writer` exits; its exit code.
int read_while(pid_t writer, const std::string& db, const char* now, Tally& t) {
  int status = 0;
  for (;;) {
    for (const auto& args : kReaders) {
      pbt::ProcResult r = pbt::run_process(pbt::pb_on(db, args, now));
      ++t.runs;
      ++t.by_rc[r.rc];
      if (r.rc != 0 && t.first_failure.empty()) t.first_failure = args[0] + ": " + r.out;
      if (::waitpid(writer, &status, WNOHANG) == writer) return pbt::exit_code(status);
      ++t.during;
    }
  }
}

// kTimers tenants on tests/data/run's outreach, started at once (written
// here without fsync: set-up only).
void started_tenants(const std::string& db) {
  pb::Diagnostics d;
  pb::LoadResult loaded = pb::load_paths({PB_SOURCE_DIR "/tests/data/run"}, d);
  pb::rt::Store s(db);
  s.exec("PRAGMA synchronous=OFF");
  pb::rt::Engine e(s, pb::cli::catalog_of(loaded));
  const std::vector<std::pair<std::string, std::string>> attrs = {
      {"region", "AMERICAS"}, {"contacts", "Ana <ana@acme.com> primary"}};
  for (int i = 0; i < kTimers; ++i) {
    std::string id = fmt::format("t{:04}", i);
    REQUIRE(e.tenant_add(id, attrs, "fm1", pbt::at("2026-03-06T09:00:00Z")).exit == 0);
    REQUIRE(e.submit(id, pbt::start("outreach", "2026-03-06T10:00:00Z")).exit == 0);
  }
}

void check(const Tally& t, int writer_rc) {
  INFO("reader runs: " << t.runs << ", while the writer ran: " << t.during
                       << "; first failure: " << t.first_failure);
  CHECK(writer_rc == 0);
  CHECK(t.by_rc.size() == 1);
  CHECK(t.by_rc.count(0) == 1);
  CHECK(t.during > 0);
}

}  // namespace

TEST_CASE("readers run beside a long tenant import and a long tick", "[cli-readers-load]") {
  pbt::TempDb tmp;
  std::string db = tmp.path();
  started_tenants(db);

  std::string csv = (tmp.dir / "big.csv").string();
  {
    std::ofstream f(csv);
    f << "id,region,priority\n";
    for (int i = 0; i < kRows; ++i) f << fmt::format("n{:06},EMEA,{}\n", i, i % 6);
  }
  const char* now = "2026-03-06T12:00:00Z";
  pbt::Launch imp =
      pbt::pb_on(db, {"tenant", "import", "--batch", std::to_string(kRows), csv}, now);
  pid_t writer = pbt::start_process(imp, (tmp.dir / "import.out").string());
  REQUIRE(writer > 0);
  Tally during_import;
  check(during_import, read_while(writer, db, now, during_import));

  now = "2026-03-12T00:00:00Z";
  writer = pbt::start_process(pbt::pb_on(db, {"tick"}, now), (tmp.dir / "tick.out").string());
  REQUIRE(writer > 0);
  Tally during_tick;
  check(during_tick, read_while(writer, db, now, during_tick));
  pb::rt::Store s(db, pb::rt::Access::Read);
  CHECK(pbt::count_rows(s, "SELECT count(*) FROM events WHERE kind = 'tick'") == kTimers);
  CHECK(pbt::count_rows(s, "SELECT count(*) FROM tenants") == kTimers + kRows);
}

// bench_store.cpp — the store figures (docs/performance.md), each beside a baseline
// measured by this program in the same run on the same disk:
//   1. durable fire through Engine::submit (one transaction per event, WAL,
//      synchronous=FULL) vs a raw loop of one event insert + one instance
//      update per transaction, same pragmas;
//   2. tick over N tenants (default 1,000,000) of which N/10 have a due
//      timer vs a raw batched loop writing the same rows; the peak memory of
//      each (VmHWM of a fresh child process);
//   3. due (top 100 by date) latency vs a raw index scan of the timers;
//   4. whole-process time of `playbook status TENANT` vs `playbook --help`.
// The evaluator figure is bench_evaluator's / bench_walk's. Run by hand:
//   bench_store [--tenants N] [--fire N] [--playbooks DIR] [--dir TMPPARENT]
// To profile one side: bench_store --child build --db X --tenants N, then
// bench_store --child engine-tick|raw-tick --db X (prints fired, left, s, MB).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "bench_proc.hpp"
#include "cli/run_common.hpp"
#include "model/calendar_math.hpp"
#include "store_fire.hpp"
#include "store_fixture.hpp"

namespace {

using namespace pb;
using bench::at;
using bench::Clock;
using bench::kT0;
using bench::line;
using bench::median;
using bench::Raw;
using bench::since;
namespace fs = std::filesystem;

struct Opts : bench::ProcOpts {
  int64_t tenants = 1000000;
  int fire = 250, rounds = 12;
  std::string self, child, db;
};

const char* const kPlaybook = "customer-engagement";
struct World {
  std::unique_ptr<LoadResult> loaded;
  rt::Catalog catalog;
};

World load(const std::string& dir) {
  Diagnostics d;
  World w{std::make_unique<LoadResult>(load_paths({dir}, d)), {}};
  if (d.has_errors() || !w.loaded->project.playbook(kPlaybook))
    throw std::runtime_error(fmt::format("cannot load '{}' from {}", kPlaybook, dir));
  w.catalog = cli::catalog_of(*w.loaded);
  return w;
}

// ------------------------------------------------------------- database

// N tenants on customer-engagement; every 10th started at T0 (its research
// timer is due at T0+1h), the others at T0+1h30 (due T0+2h30). tick at T0+2h.
void build(const World& w, const std::string& path, int64_t n) {
  {
    rt::Store s(path);
    rt::Engine e(s, w.catalog);
    bench::make_template(e, "tpl-due", kPlaybook, at(kT0), at(kT0));
    bench::make_template(e, "tpl-later", kPlaybook, at(kT0), at(kT0, 5400));
  }
  bench::clone_tenants(path, n, 10);
}

void check_replay(const World& w, const std::string& path, const std::vector<std::string>& ids) {
  rt::Store s(path);
  rt::Engine e(s, w.catalog);
  for (const auto& id : ids) {
    auto rep = e.replay(id);
    if (!rep.diffs.empty() || rep.events < 2)
      throw std::runtime_error(fmt::format("replay {}: {} events, {}", id, rep.events,
                                           rep.diffs.empty() ? "" : rep.diffs.front()));
  }
  fmt::print("  (replay matches the stored state of {})\n", fmt::join(ids, ", "));
}

// ------------------------------------------------------------- 3. due

void bench_due(const std::string& path) {
  const int reps = 300;
  Instant until = at(kT0, 86400 * 365);
  std::vector<double> eng, raw;
  rt::Store s(path);
  for (int k = 0; k < reps; ++k) {
    auto t0 = Clock::now();
    auto due = rt::due_timers(s, until, 100);
    eng.push_back(since(t0));
    if (due.size() != 100) throw std::runtime_error("due: fewer than 100 timers");
  }
  Raw q(s.db(),
        "SELECT id, instance, step, transition, due FROM timers WHERE due <= ?1 "
        "ORDER BY due, id LIMIT 100");
  for (int k = 0; k < reps; ++k) {
    auto t0 = Clock::now();
    int rows = 0;
    for (q.bind(1, rt::to_secs(until)); q.step(); ++rows) q.text(2);
    q.reset();
    raw.push_back(since(t0));
  }
  double e = median(eng) * 1e6, r = median(raw) * 1e6;
  line("due, top 100 (rt::due_timers)", fmt::format("{:.0f} us", e), fmt::format("{:.0f} us", r),
       e / r, "< 1000 us", e < 1000);
}

// ------------------------------------------------------------- processes

using bench::peak_mb;
using bench::Proc;
using bench::spawn;

double median_run(const std::vector<std::string>& args, int n) {
  std::vector<double> t;
  for (int k = 0; k < n; ++k) t.push_back(spawn(args, false).secs);
  return median(t) * 1e3;
}

void bench_status(const Opts& o, const std::string& path) {
  std::vector<std::string> status{o.binary,
                                  "--db",
                                  path,
                                  "--playbooks",
                                  o.playbooks,
                                  "--now",
                                  format_iso_instant(at(kT0, 7200)),
                                  "status",
                                  "t0000010"};
  double st = median_run(status, 21), help = median_run({o.binary, "--help"}, 21),
         tru = median_run({"/bin/true"}, 21);
  line("status TENANT, whole process", fmt::format("{:.1f} ms", st), fmt::format("{:.1f} ms", help),
       st / help, "< 15 ms", st < 15);
  // The FM's worklist, oldest first: reads only the rows it prints.
  std::vector<std::string> due{o.binary,
                               "--db",
                               path,
                               "--playbooks",
                               o.playbooks,
                               "--now",
                               format_iso_instant(at(kT0, 7200)),
                               "due",
                               "--limit",
                               "100"};
  std::string listed = spawn(due, true).out;
  if (std::count(listed.begin(), listed.end(), '\n') != 100)
    throw std::runtime_error("due --limit 100 did not list 100 timers:\n" + listed.substr(0, 500));
  double du = median_run(due, 21);
  line("due --limit 100, whole process", fmt::format("{:.1f} ms", du),
       fmt::format("{:.1f} ms", help), du / help, "< 15 ms", du < 15);
  fmt::print("  (baseline: `playbook --help`; /bin/true takes {:.1f} ms)\n", tru);
}

// ------------------------------------------------------------- 2. tick

// Child: the engine's tick over the database; prints "fired left secs MB".
int child_engine_tick(const Opts& o) {
  World w = load(o.playbooks);
  rt::Store s(o.db);
  rt::Engine e(s, w.catalog);
  auto t0 = Clock::now();
  rt::TickReport rep = e.tick(at(kT0, 7200));
  double secs = since(t0);
  fmt::print("{} {} {} {}\n", rep.fired, rep.stuck + (rep.failure.exit == pb::rt::kOk ? 0 : 1),
             secs, peak_mb());
  return 0;
}

// Child: the raw baseline. Batches of 200 due timers per transaction; each
// deletes the timer, bumps the tenant and instance versions and moves the
// step, inserts the next timer and the event row (of the engine's size).
int child_raw_tick(const Opts& o) {
  rt::Store s(o.db);
  sqlite3* db = s.db();
  int64_t now = rt::to_secs(at(kT0, 7200)), fired = 0;
  std::string input = rt::events_of(s, "tpl-due").back().input + std::string(120, ' ');
  Raw begin(db, "BEGIN IMMEDIATE"), commit(db, "COMMIT");
  Raw due(
      db,
      "SELECT t.id, t.instance, i.tenant, t.due FROM timers t JOIN instances i ON i.id = t.instance "
      "WHERE t.due <= ?1 ORDER BY t.due, t.id LIMIT 200");
  Raw del(db, "DELETE FROM timers WHERE id = ?1");
  Raw ten(db, "UPDATE tenants SET version = version + 1 WHERE id = ?1");
  Raw ins(
      db,
      "UPDATE instances SET step = 'do_not_contact', entered_at = ?2, visits = ?3, version = version + 1 "
      "WHERE id = ?1");
  Raw tim(
      db,
      "INSERT INTO timers(instance, step, transition, due) VALUES(?1, 'do_not_contact', 1, ?2)");
  Raw ev(
      db,
      "INSERT INTO events(tenant, instance, playbook, kind, input, actor, at, summary) VALUES(?1, ?2, "
      "'customer-engagement', 'tick', ?3, 'timer', ?4, 'research -> do_not_contact')");
  auto t0 = Clock::now();
  for (int64_t batch = 1; batch;) {
    begin.run();
    batch = 0;
    for (due.bind(1, now); due.step(); ++batch) {
      int64_t id = due.i64(0), inst = due.i64(1), when = due.i64(3);
      std::string tenant = due.text(2);
      del.bind(1, id).run();
      ten.bind(1, tenant).run();
      ins.bind(1, inst).bind(2, when).bind(3, "{\"do_not_contact\":1,\"research\":1}").run();
      tim.bind(1, inst).bind(2, when + 2 * 86400).run();
      ev.bind(1, tenant).bind(2, inst).bind(3, input).bind(4, when).run();
    }
    due.reset();
    commit.run();
    fired += batch;
  }
  fmt::print("{} 0 {} {}\n", fired, since(t0), peak_mb());
  return 0;
}

struct TickRun {
  int64_t fired = 0, left = 0;
  double secs = 0, rss_mb = 0;
};

TickRun run_tick(const Opts& o, const char* mode, const std::string& path) {
  Proc p = spawn({o.self, "--child", mode, "--db", path, "--playbooks", o.playbooks}, true);
  TickRun r;
  if (std::sscanf(p.out.c_str(), "%ld %ld %lf %lf", &r.fired, &r.left, &r.secs, &r.rss_mb) != 4)
    throw std::runtime_error(fmt::format("{}: unexpected output '{}'", mode, p.out));
  return r;
}

void bench_tick(const Opts& o, const std::string& engine_db, const std::string& raw_db) {
  TickRun raw = run_tick(o, "raw-tick", raw_db), eng = run_tick(o, "engine-tick", engine_db);
  int64_t expected = o.tenants / 10 + 1;  // and tpl-due
  if (eng.fired != expected || eng.left || raw.fired != eng.fired)
    throw std::runtime_error(fmt::format("tick fired {} (left {}), raw {}; expected {}", eng.fired,
                                         eng.left, raw.fired, expected));
  double e = eng.fired / eng.secs, r = raw.fired / raw.secs;
  line(fmt::format("tick, {} due of {} (engine)", eng.fired, o.tenants),
       fmt::format("{:.0f} timers/s", e), fmt::format("{:.0f} timers/s", r), e / r, ">= 0.50x raw",
       e / r >= 0.5);
  line("tick, peak memory (VmHWM)", fmt::format("{:.0f} MB", eng.rss_mb),
       fmt::format("{:.0f} MB", raw.rss_mb), eng.rss_mb / raw.rss_mb, "< 200 MB", eng.rss_mb < 200);
}

fs::path scratch(const Opts& o) { return bench::scratch_dir(o.dir, "bench_store"); }

int run(Opts& o) {
  o.self = fs::read_symlink("/proc/self/exe").string();
  if (o.binary.empty())
    o.binary = (fs::path(o.self).parent_path().parent_path() / "cli" / "playbook").string();
  World w = load(o.playbooks);
  fs::path dir = scratch(o);
  std::string load;
  std::getline(std::ifstream("/proc/loadavg"), load);
  fmt::print("bench_store: {} tenants, {} fires x {} rounds, in {} (load average {})\n", o.tenants,
             o.fire, o.rounds, dir.string(), load.substr(0, load.find(' ')));
  bench::bench_fire(o.fire, o.rounds, w.catalog, dir);
  std::string db = (dir / "tenants.db").string(), raw = (dir / "tenants-raw.db").string();
  auto t0 = Clock::now();
  build(w, db, o.tenants);
  fs::copy_file(db, raw);
  fmt::print("  (built {} tenants by cloning engine-written rows in {:.1f} s, {:.0f} MB)\n",
             o.tenants, since(t0), double(fs::file_size(db)) / 1e6);
  check_replay(w, db, {"t0000001", "t0000010"});
  bench_due(db);
  bench_status(o, db);
  bench_tick(o, db, raw);
  check_replay(w, db, {"t0000001", "t0000010", "t0000020"});
  fmt::print("evaluator in memory: see bench_evaluator and bench_walk\n");
  if (o.keep)
    fmt::print("kept {}\n", dir.string());
  else
    fs::remove_all(dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Opts o;
  CLI::App app{"store benchmarks"};
  app.add_option("--tenants", o.tenants,
                 "tenants in the tick/due/status database (default 1,000,000)");
  app.add_option("--fire", o.fire, "fire transactions per round (default 250)");
  app.add_option(
      "--rounds", o.rounds,
      "fire rounds (raw, engine, engine without cache, interleaved); medians printed (default 12)");
  bench::add_proc_options(app, o, "keep the scratch directory (to profile the --child runs)");
  app.add_option("--child", o.child)->group("");
  app.add_option("--db", o.db)->group("");
  CLI11_PARSE(app, argc, argv);
  return bench::run_main("bench_store", [&] {
    if (o.child == "engine-tick") return child_engine_tick(o);
    if (o.child == "raw-tick") return child_raw_tick(o);
    if (o.child == "build") return build(load(o.playbooks), o.db, o.tenants), 0;
    return run(o);
  });
}

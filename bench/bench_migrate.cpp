// bench_migrate.cpp — issue 15's figures (docs/performance.md), each beside a
// baseline measured by this program in the same run on the same disk:
//   1. migrate --plan (Engine::migrate without apply) over N tenants on
//      customer-engagement (default 1,000,000) vs a raw scan of the rows a
//      plan needs (each running instance and its timers); the plan's peak
//      memory (VmHWM of a fresh child) at N and at N/10: flat when it
//      streams.
//   2. migrate --apply of M instances (default 100,000) vs a raw batched
//      loop writing the same rows (an event, the instance's new hash and
//      version, its timers rewritten), 1,000 instances per transaction.
// The new version is customer-engagement with its title changed: every
// instance migrates as is, its timers kept. Run by hand:
//   bench_migrate [--tenants N] [--apply M] [--playbooks DIR] [--dir TMPPARENT]
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "bench_proc.hpp"
#include "cli/run_common.hpp"
#include "model/calendar_math.hpp"
#include "store_fixture.hpp"

namespace {

using namespace pb;
using bench::at;
using bench::Clock;
using bench::kT0;
using bench::line;
using bench::peak_mb;
using bench::Raw;
using bench::since;
namespace fs = std::filesystem;

struct Opts : bench::ProcOpts {
  int64_t tenants = 1000000, apply = 100000;
  std::string self, child, db, to;
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

// n tenants on customer-engagement, cloned from two engine-written ones.
void build(const World& w, const std::string& path, int64_t n) {
  {
    rt::Store s(path);
    rt::Engine e(s, w.catalog);
    bench::make_template(e, "tpl-due", kPlaybook, at(kT0), at(kT0));
    bench::make_template(e, "tpl-later", kPlaybook, at(kT0), at(kT0, 5400));
  }
  bench::clone_tenants(path, n, 10);
}

// The new version: the directory's file with another title, written to `to`.
rt::MigrationRequest request(const World& w, const std::string& to) {
  rt::MigrationRequest req;
  req.playbook = kPlaybook;
  req.to = w.catalog.files.at(kPlaybook);
  auto at = req.to.source.find("title \"");
  if (at == std::string::npos) throw std::runtime_error("customer-engagement has no title");
  req.to.source.insert(at + 7, "Migrated: ");
  req.to.filename = to;
  std::ofstream(to) << req.to.source;
  return req;
}

// Child: the engine's plan or apply; prints "instances secs MB".
int child_engine(const Opts& o, bool apply) {
  World w = load(o.playbooks);
  rt::Store s(o.db);
  rt::Engine e(s, w.catalog);
  auto req = request(w, o.to);
  req.batch = 1000;  // the raw loop's transaction size
  int64_t seen = 0;
  auto t0 = Clock::now();
  auto t = e.migrate(req, at(kT0, 7200), apply, "bench", [&](const rt::InstancePlan&) { ++seen; });
  double secs = since(t0);
  if (t.failure.exit != rt::kOk) throw std::runtime_error(t.failure.message);
  if (apply && t.migrated != seen) throw std::runtime_error("not every instance migrated");
  fmt::print("{} {} {}\n", seen, secs, peak_mb());
  return 0;
}

// Child: the raw scan a plan needs; prints "instances secs MB".
int child_raw_plan(const Opts& o) {
  rt::Store s(o.db);
  Raw q(s.db(),
        "SELECT i.tenant, i.id, i.step, i.hash, t.step, t.transition, t.due FROM instances i "
        "LEFT JOIN timers t ON t.instance = i.id WHERE i.playbook = ?1 AND i.status = 'active' "
        "ORDER BY i.tenant");
  int64_t rows = 0;
  std::string last;
  auto t0 = Clock::now();
  for (q.bind(1, std::string(kPlaybook)); q.step();) {
    std::string tenant = q.text(0);
    if (tenant != last) ++rows, last = std::move(tenant);
    q.text(2), q.text(3), q.i64(6);
  }
  fmt::print("{} {} {}\n", rows, since(t0), peak_mb());
  return 0;
}

// Child: the raw batched apply; prints "instances secs MB".
int child_raw_apply(const Opts& o) {
  rt::Store s(o.db);
  sqlite3* db = s.db();
  std::string input = rt::events_of(s, "tpl-due").back().input + std::string(200, ' ');
  std::string hash(64, 'a');
  std::vector<std::pair<std::string, int64_t>> todo;
  {
    Raw q(db, "SELECT tenant, id FROM instances WHERE status = 'active' ORDER BY tenant");
    while (q.step()) todo.emplace_back(q.text(0), q.i64(1));
  }
  Raw(db,
      "INSERT INTO playbook_sources(hash, playbook, filename, source) "
      "SELECT ?1, playbook, filename, source FROM playbook_sources LIMIT 1")
      .bind(1, hash)
      .run();
  Raw begin(db, "BEGIN IMMEDIATE"), commit(db, "COMMIT");
  Raw ins(db, "UPDATE instances SET hash = ?2, version = version + 1 WHERE id = ?1");
  Raw ten(db, "UPDATE tenants SET version = version + 1 WHERE id = ?1");
  Raw tim(db, "UPDATE timers SET due = due WHERE instance = ?1");
  Raw ev(
      db,
      "INSERT INTO events(tenant, instance, playbook, kind, input, actor, at, summary) VALUES(?1, "
      "?2, 'customer-engagement', 'migrate', ?3, 'bench', 0, 'migrated to aaaaaaaaaaaa')");
  auto t0 = Clock::now();
  for (size_t i = 0; i < todo.size(); ++i) {
    if (i % 1000 == 0) begin.run();
    const auto& [tenant, id] = todo[i];
    ins.bind(1, id).bind(2, hash).run();
    ten.bind(1, tenant).run();
    tim.bind(1, id).run();
    ev.bind(1, tenant).bind(2, id).bind(3, input).run();
    if (i % 1000 == 999 || i + 1 == todo.size()) commit.run();
  }
  fmt::print("{} {} {}\n", todo.size(), since(t0), peak_mb());
  return 0;
}

struct Run {
  int64_t n = 0;
  double secs = 0, mb = 0;
};

Run child(const Opts& o, const char* mode, const std::string& db) {
  auto p = bench::spawn(
      {o.self, "--child", mode, "--db", db, "--to", o.to, "--playbooks", o.playbooks}, true);
  Run r;
  if (std::sscanf(p.out.c_str(), "%ld %lf %lf", &r.n, &r.secs, &r.mb) != 3)
    throw std::runtime_error(fmt::format("{}: unexpected output '{}'", mode, p.out));
  return r;
}

std::string built(const World& w, const fs::path& dir, const char* name, int64_t n) {
  std::string db = (dir / name).string();
  auto t0 = Clock::now();
  build(w, db, n);
  fmt::print("  (built {} tenants in {:.1f} s)\n", n, since(t0));
  return db;
}

int run(Opts& o) {
  o.self = fs::read_symlink("/proc/self/exe").string();
  World w = load(o.playbooks);
  fs::path dir = bench::scratch_dir(o.dir, "bench_migrate");
  o.to = (dir / "customer-engagement.playbook").string();
  fmt::print("bench_migrate: plan over {} tenants, apply of {}, in {}\n", o.tenants, o.apply,
             dir.string());
  std::string big = built(w, dir, "plan.db", o.tenants);
  std::string small = built(w, dir, "plan-tenth.db", o.tenants / 10);
  Run raw = child(o, "raw-plan", big), eng = child(o, "plan", big);
  Run tenth = child(o, "plan", small);
  double e = eng.n / eng.secs, r = raw.n / raw.secs;
  line(fmt::format("migrate --plan, {} instances", eng.n), fmt::format("{:.0f} inst/s", e),
       fmt::format("{:.0f} inst/s", r), e / r, "-", true);
  line("plan peak memory (N vs N/10)", fmt::format("{:.0f} MB", eng.mb),
       fmt::format("{:.0f} MB", tenth.mb), eng.mb / tenth.mb, "flat (< 1.5x)",
       eng.mb < 1.5 * tenth.mb);
  std::string a = built(w, dir, "apply.db", o.apply), b = (dir / "apply-raw.db").string();
  fs::copy_file(a, b);
  Run rawa = child(o, "raw-apply", b), enga = child(o, "apply", a);
  e = enga.n / enga.secs, r = rawa.n / rawa.secs;
  line(fmt::format("migrate --apply, {} instances", enga.n), fmt::format("{:.0f} inst/s", e),
       fmt::format("{:.0f} inst/s", r), e / r, ">= 0.50x raw", e / r >= 0.5);
  if (o.keep)
    fmt::print("kept {}\n", dir.string());
  else
    fs::remove_all(dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Opts o;
  CLI::App app{"migration benchmarks"};
  app.add_option("--tenants", o.tenants, "tenants the plan reads (default 1,000,000)");
  app.add_option("--apply", o.apply, "instances migrated by --apply (default 100,000)");
  bench::add_proc_options(app, o, "keep the scratch directory");
  app.add_option("--child", o.child)->group("");
  app.add_option("--db", o.db)->group("");
  app.add_option("--to", o.to)->group("");
  CLI11_PARSE(app, argc, argv);
  return bench::run_main("bench_migrate", [&] {
    if (o.child == "plan") return child_engine(o, false);
    if (o.child == "apply") return child_engine(o, true);
    if (o.child == "raw-plan") return child_raw_plan(o);
    if (o.child == "raw-apply") return child_raw_apply(o);
    return run(o);
  });
}

// bench_import.cpp — `playbook tenant import` of generated CSV files (default
// 100,000 and 1,000,000 rows of five attributes), each beside baselines
// measured by this program in the same run on the same disk:
//   * a raw batched SQLite loop writing the same rows (the tenant row, one
//     attribute row per cell, one event row whose input has the engine's
//     shape), 500 rows per transaction, with the store's pragmas (it opens
//     the database through rt::Store): rows/s and its own peak (VmHWM);
//   * the previous build's import of the same file (--old-binary), if given;
//   * the same file imported again (every row unchanged: nothing written).
// The import's peak memory is its ru_maxrss as this process sees it; this
// process's own VmHWM is printed as the floor of that figure (bench_proc.hpp).
// Last, `playbook status` (whole process, median of 21) on the largest
// imported database with this build and with the previous one: reads must
// not get slower. Run by hand:
//   bench_import [--rows 100000,1000000] [--old-binary PATH] [--playbooks DIR] [--dir TMPPARENT]
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bench_proc.hpp"
#include "runtime/store.hpp"
#include "store_fixture.hpp"

namespace {

using namespace pb;
using bench::line;
using bench::Proc;
using bench::Raw;
using bench::since;
namespace fs = std::filesystem;

struct Opts : bench::ProcOpts {
  std::vector<int64_t> rows{100000, 1000000};
  int batch = 500;
  std::string old_binary, self, child, db, csv;
};

const char* const kNow = "2026-03-02T09:00:00Z";

// id,region,managed,partner_kind,partner_name,dibs — all valid in the bundled
// tenant schema, so every row is imported.
void generate(const std::string& path, int64_t n) {
  static const char* const regions[] = {"AMERICAS", "EMEA", "APJ"};
  static const char* const kinds[] = {"FRP", "Non-FRP", "None"};
  static const char* const dibs[] = {"Not started", "Full", "Incomplete", "Declined"};
  std::ofstream out(path, std::ios::binary);
  out << "id,region,managed,partner_kind,partner_name,dibs\n";
  for (int64_t i = 1; i <= n; ++i)
    out << fmt::format("t{:07d},{},{},{},Partner {},{}\n", i, regions[i % 3],
                       i % 2 ? "true" : "false", kinds[i % 3], i % 97, dibs[i % 4]);
}

std::vector<std::string> split(const std::string& l) {
  std::vector<std::string> cells(1);
  for (char c : l) {
    if (c == ',')
      cells.emplace_back();
    else
      cells.back().push_back(c);
  }
  return cells;
}

nlohmann::json cell_json(const std::string& v) {
  if (v == "true" || v == "false") return v == "true";
  return v;
}

// The event input of a `tenant-add` as the engine logs it (world.hpp).
std::string input_of(const std::vector<std::string>& head, const std::vector<std::string>& row) {
  nlohmann::json sets = nlohmann::json::array(), writes = nlohmann::json::array();
  for (size_t c = 1; c < head.size(); ++c) {
    sets.push_back({head[c], row[c]});
    writes.push_back({{"attr", head[c]}, {"key", ""}, {"field", ""}, {"value", cell_json(row[c])}});
  }
  return nlohmann::json{{"op", "tenant-add"}, {"playbook", ""}, {"at", kNow},
                        {"actor", "bench"},   {"sets", sets},   {"writes", writes}}
      .dump();
}

// Child: the raw loop over the file; prints "rows secs MB".
int child_raw(const Opts& o) {
  rt::Store s(o.db);
  sqlite3* db = s.db();
  Raw begin(db, "BEGIN IMMEDIATE"), commit(db, "COMMIT");
  Raw ten(db, "INSERT INTO tenants(id, version, created_at) VALUES(?1, 0, ?2)");
  Raw attr(db, "INSERT INTO attributes(tenant, name, value) VALUES(?1, ?2, ?3)");
  Raw ev(db,
         "INSERT INTO events(tenant, instance, playbook, kind, input, actor, at, summary) "
         "VALUES(?1, NULL, '', 'tenant-add', ?2, 'bench', ?3, '')");
  int64_t at = rt::to_secs(bench::at(kNow)), rows = 0;
  std::ifstream in(o.csv);
  std::string l;
  auto t0 = bench::Clock::now();
  std::getline(in, l);
  std::vector<std::string> head = split(l);
  bool open = false;
  while (std::getline(in, l)) {
    if (!open) begin.run(), open = true;
    std::vector<std::string> row = split(l);
    ten.bind(1, row[0]).bind(2, at).run();
    for (size_t c = 1; c < head.size(); ++c)
      attr.bind(1, row[0]).bind(2, head[c]).bind(3, cell_json(row[c]).dump()).run();
    ev.bind(1, row[0]).bind(2, input_of(head, row)).bind(3, at).run();
    if (++rows % o.batch == 0) commit.run(), open = false;
  }
  if (open) commit.run();
  fmt::print("{} {} {}\n", rows, since(t0), bench::peak_mb());
  return 0;
}

struct Run {
  double rows_per_s = 0, mb = 0;
};

Run import(const Opts& o, const std::string& binary, const std::string& db, const std::string& csv,
           int64_t n, const std::string& expect) {
  Proc p = bench::spawn({binary, "--db", db, "--playbooks", o.playbooks, "--now", kNow, "--as",
                         "bench", "tenant", "import", csv},
                        true);
  if (p.out.find(expect) == std::string::npos)
    throw std::runtime_error(fmt::format("{}: expected '{}', got '{}'", binary, expect, p.out));
  return {double(n) / p.secs, p.maxrss_mb};
}

Run raw(const Opts& o, const std::string& db, const std::string& csv, int64_t n) {
  Proc p = bench::spawn({o.self, "--child", "raw", "--db", db, "--csv", csv}, true);
  int64_t rows = 0;
  double secs = 0, mb = 0;
  if (std::sscanf(p.out.c_str(), "%ld %lf %lf", &rows, &secs, &mb) != 3 || rows != n)
    throw std::runtime_error("raw: unexpected output " + p.out);
  return {double(n) / secs, mb};
}

std::string per_s(double r) { return fmt::format("{:.0f} rows/s", r); }
std::string mb(double m) { return fmt::format("{:.0f} MB", m); }

void bench_rows(const Opts& o, const fs::path& dir, int64_t n) {
  std::string csv = (dir / fmt::format("tenants-{}.csv", n)).string(),
              tag = fmt::format("{} rows", n);
  generate(csv, n);
  Run r = raw(o, (dir / fmt::format("raw-{}.db", n)).string(), csv, n);
  std::string db = (dir / fmt::format("new-{}.db", n)).string();
  Run e = import(o, o.binary, db, csv, n, fmt::format("imported {} of {} rows", n, n));
  line("import " + tag, per_s(e.rows_per_s), per_s(r.rows_per_s), e.rows_per_s / r.rows_per_s, "",
       true);
  line("  peak memory", mb(e.mb), mb(r.mb), e.mb / r.mb, "flat in N", true);
  Run again =
      import(o, o.binary, db, csv, n, fmt::format("imported 0 of {} rows, {} unchanged", n, n));
  line("  the same file again (unchanged)", per_s(again.rows_per_s), per_s(r.rows_per_s),
       again.rows_per_s / r.rows_per_s, "writes nothing", true);
  if (!o.old_binary.empty()) {
    std::string old_db = (dir / fmt::format("old-{}.db", n)).string();
    Run old = import(o, o.old_binary, old_db, csv, n, fmt::format("imported {} of {} rows", n, n));
    line("  previous build, same file", per_s(old.rows_per_s), per_s(r.rows_per_s),
         old.rows_per_s / r.rows_per_s, "", true);
    line("  previous build, peak memory", mb(old.mb), mb(r.mb), old.mb / r.mb, "", true);
  }
}

double status_ms(const Opts& o, const std::string& binary, const std::string& db) {
  std::vector<double> t;
  for (int k = 0; k < 21; ++k)
    t.push_back(bench::spawn({binary, "--db", db, "--playbooks", o.playbooks, "--now", kNow,
                              "status", "t0000007"},
                             false)
                    .secs);
  return bench::median(t) * 1e3;
}

int run(Opts& o) {
  o.self = fs::read_symlink("/proc/self/exe").string();
  if (o.binary.empty())
    o.binary = (fs::path(o.self).parent_path().parent_path() / "cli" / "playbook").string();
  fs::path dir = bench::scratch_dir(o.dir, "bench_import");
  std::string load;
  std::getline(std::ifstream("/proc/loadavg"), load);
  fmt::print(
      "bench_import: {} in {} (load average {}); baseline: raw batched SQLite, {} rows per transaction\n",
      fmt::join(o.rows, ", "), dir.string(), load.substr(0, load.find(' ')), o.batch);
  for (int64_t n : o.rows) bench_rows(o, dir, n);
  fmt::print("  (this process's own peak, the floor of the import's figure: {:.0f} MB)\n",
             bench::peak_mb());
  std::string db = (dir / fmt::format("new-{}.db", o.rows.back())).string();
  double now = status_ms(o, o.binary, db), old = 0;
  if (!o.old_binary.empty()) old = status_ms(o, o.old_binary, db);
  line(fmt::format("status, {} tenants, whole process", o.rows.back()),
       fmt::format("{:.1f} ms", now),
       o.old_binary.empty() ? "-" : fmt::format("{:.1f} ms (previous)", old),
       old > 0 ? now / old : 0, "as fast as before", old == 0 || now <= old * 1.2);
  if (o.keep)
    fmt::print("kept {}\n", dir.string());
  else
    fs::remove_all(dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Opts o;
  CLI::App app{"tenant import benchmark"};
  app.add_option("--rows", o.rows, "row counts, comma-separated (default 100000,1000000)")
      ->delimiter(',');
  app.add_option("--old-binary", o.old_binary,
                 "the previous build's playbook binary, measured on the same files");
  bench::add_proc_options(app, o);
  app.add_option("--child", o.child)->group("");
  app.add_option("--db", o.db)->group("");
  app.add_option("--csv", o.csv)->group("");
  CLI11_PARSE(app, argc, argv);
  return bench::run_main("bench_import", [&] { return o.child == "raw" ? child_raw(o) : run(o); });
}

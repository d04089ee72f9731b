// bench_scenarios.cpp — scenario suite throughput (`playbook test`,
// runtime/scenario.hpp): a generated suite of N scenarios run sequentially
// and in parallel, beside two baselines measured in the same run (creating
// an in-memory Store with its schema, and an Engine on it, per scenario),
// and the wall time of the bundled suite (load + run) through the library.
//   bench_scenarios [DIR] [N] [JOBS]     (defaults: playbooks 10000 0)
//
// The generated suite varies the bundled scenarios (every playbook, timers,
// refusals, advance/until across holidays) by shifting them a whole number
// of weeks — every date of the scenario (start, until, expected timer dues,
// date values and dates inside texts) together with the holidays of every
// calendar, so that business-day arithmetic is unchanged — and by tenant id.
// Every generated scenario must pass: failures are counted and printed.
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <deque>
#include <filesystem>
#include <regex>

#include "cli/run_common.hpp"
#include "model/calendar_math.hpp"
#include "runtime/engine.hpp"
#include "runtime/scenario.hpp"
#include "source/scenario_loader.hpp"

using namespace pb;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::vector<scen::Scenario> load_scenarios(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir + "/tests"))
    if (e.path().filename().string().ends_with(".scenario.yaml"))
      files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  std::vector<scen::Scenario> out;
  for (const auto& f : files) {
    Diagnostics d;
    std::string text;
    std::optional<scen::Scenario> s;
    if (read_file(f, text, d)) s = scen::load_scenario(text, f, dir + "/samples", d);
    for (const auto& x : d.items())
      fmt::print(stderr, "{}: {} [{}]\n", x.loc.str(), x.message, x.code);
    if (s) out.push_back(std::move(*s));
  }
  return out;
}

// Every YYYY-MM-DD inside `s`, moved by `days`.
std::string shift_text(const std::string& s, int days) {
  static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  if (s.size() < 10) return s;
  std::string out;
  auto last = s.cbegin();
  for (std::sregex_iterator it(s.begin(), s.end(), date), end; it != end; ++it) {
    out.append(last, (*it)[0].first);
    Days d;
    out += parse_iso_date(it->str(), d) ? format_iso_date(d + std::chrono::days(days)) : it->str();
    last = (*it)[0].second;
  }
  return out.append(last, s.cend());
}

void shift_pairs(std::vector<std::pair<std::string, std::string>>& pairs, int days) {
  for (auto& [k, v] : pairs) v = shift_text(v, days);
}

scen::Scenario shifted(scen::Scenario s, int days, const std::string& tenant) {
  auto by = std::chrono::days(days);
  s.start += by;
  s.tenant = tenant;
  shift_pairs(s.attributes, days);
  for (auto& st : s.steps) {
    st.until += by;
    st.note = shift_text(st.note, days);
    shift_pairs(st.sets, days);
    for (auto& c : st.expect) {
      c.want = shift_text(c.want, days);
      for (auto& x : c.list) x = shift_text(x, days);
    }
  }
  return s;
}

// The project with every calendar's holidays moved by `days`.
LoadResult shifted(const LoadResult& l, int days) {
  LoadResult out = l;
  for (auto& cal : out.project.calendars) {
    std::map<Days, std::string> moved;
    for (const auto& [d, name] : cal.holidays) moved.emplace(d + std::chrono::days(days), name);
    cal.holidays = std::move(moved);
  }
  return out;
}

// One week shift: its project, catalog and scenarios.
struct Group {
  LoadResult loaded;
  rt::Catalog catalog;
  std::vector<scen::Scenario> scenarios;
};

std::deque<Group> generate(const LoadResult& l, const std::vector<scen::Scenario>& bundled,
                           size_t n, size_t groups) {
  std::deque<Group> out;
  for (size_t g = 0; g < groups; ++g) {
    int days = 7 * (int(g) * 5 - 60);  // -60 .. +135 weeks in steps of 5
    auto& grp = out.emplace_back(Group{shifted(l, days), {}, {}});
    grp.catalog = cli::catalog_of(grp.loaded);
  }
  for (size_t i = 0; i < n; ++i) {
    auto& grp = out[i % groups];
    int days = 7 * (int(i % groups) * 5 - 60);
    grp.scenarios.push_back(
        shifted(bundled[(i / groups) % bundled.size()], days, fmt::format("t{}", i)));
  }
  return out;
}

struct Run {
  double secs = 0, cpu = 0;  // wall; CPU time of the process (all threads)
  size_t passed = 0, failed = 0;
};

Run run_all(const std::deque<Group>& groups, int jobs, bool print_failures) {
  Run r;
  auto t0 = Clock::now();
  std::clock_t c0 = std::clock();
  std::vector<std::vector<scen::Result>> results;
  for (const auto& g : groups) results.push_back(scen::run_suite(g.scenarios, g.catalog, jobs));
  r.secs = since(t0);
  r.cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
  size_t shown = 0;
  for (const auto& rs : results)
    for (const auto& res : rs) {
      (res.passed ? r.passed : r.failed)++;
      if (res.passed || !print_failures || shown++ >= 20) continue;
      fmt::print("  FAIL {} — {}\n", res.file, res.name);
      for (const auto& f : res.failures)
        fmt::print("    {}: step {}: expected {}; found {}\n", f.loc.str(), f.step, f.expectation,
                   f.found);
    }
  return r;
}

// Baselines: per scenario, an in-memory Store with its schema; and an Engine on it.
void baselines(const rt::Catalog& cat, size_t n) {
  auto t0 = Clock::now();
  for (size_t i = 0; i < n; ++i) rt::Store s(":memory:");
  double store = since(t0);
  t0 = Clock::now();
  for (size_t i = 0; i < n; ++i) {
    rt::Store s(":memory:");
    rt::Engine e(s, cat);
  }
  double engine = since(t0);
  fmt::print(
      "baseline: in-memory store + schema {:.0f}/s ({:.3f} ms each); store + engine {:.0f}/s "
      "({:.3f} ms each)\n",
      n / store, 1e3 * store / n, n / engine, 1e3 * engine / n);
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : "playbooks";
  size_t n = argc > 2 ? size_t(std::atol(argv[2])) : 10000;
  int jobs = argc > 3 ? std::atoi(argv[3]) : 0;

  auto t0 = Clock::now();  // the bundled suite, as `playbook test DIR` does it, without a process
  Diagnostics d;
  LoadResult loaded = load_paths({dir}, d);
  rt::Catalog cat = cli::catalog_of(loaded);
  auto bundled = load_scenarios(dir);
  auto results = scen::run_suite(bundled, cat, jobs);
  double suite = since(t0);
  size_t ok =
      size_t(std::count_if(results.begin(), results.end(), [](const auto& r) { return r.passed; }));
  fmt::print(
      "bundled suite: {} scenarios ({} passed) in {:.0f} ms wall (load + run, {} threads; target < 2000 ms)\n",
      bundled.size(), ok, 1e3 * suite, scen::suite_threads(jobs, bundled.size()));
  if (bundled.empty() || ok != bundled.size())
    return fmt::print(stderr, "the bundled suite must pass\n"), 1;

  auto groups = generate(loaded, bundled, n, 40);
  baselines(cat, std::min<size_t>(n, 2000));
  Run seq = run_all(groups, 1, true);
  fmt::print("generated suite: {} scenarios, {} passed, {} failed\n", seq.passed + seq.failed,
             seq.passed, seq.failed);
  Run par = run_all(groups, jobs, false);
  fmt::print("sequential: {:.2f} s = {:.0f} scenarios/s ({:.2f} s CPU)\n", seq.secs, n / seq.secs,
             seq.cpu);
  fmt::print("parallel ({} threads): {:.2f} s = {:.0f} scenarios/s ({:.2f}x; {:.2f} s CPU)\n",
             scen::suite_threads(jobs, n), par.secs, n / par.secs, seq.secs / par.secs, par.cpu);
  return seq.failed || par.failed ? 1 : 0;
}

// cmd_test.cpp — `playbook test [PATH…]`: runs every `*.scenario.yaml` under
// the paths (default: the --playbooks directory) against the playbooks of
// --playbooks (runtime/scenario.hpp), on in-memory databases, `-j N` at a
// time (default: one per hardware thread); results print in file order.
//
// Output (text): one line per scenario ("PASS file — name" / "FAIL …"), for a
// failure one line per failed expectation ("  file:line:col: step N: expected
// …; found …"), with --coverage the coverage report, and the closing line
// "N passed, N failed" last. --format json or
// junit print the same results in those forms. --coverage adds what the
// scenarios left unreached (cli/test_coverage.hpp; json: a "coverage" object);
// --min-coverage / --min-playbook-coverage fail the run when the transition
// coverage is below a percentage. Exit: 0 all passed, 1 a scenario failed or
// coverage is below a minimum, 2 a scenario file (or a path) could not be read.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/test_coverage.hpp"
#include "cli/text_out.hpp"
#include "cli/scaffold.hpp"
#include "cli/options.hpp"
#include "run_common.hpp"
#include "runtime/scenario.hpp"
#include "source/scenario_loader.hpp"

namespace pb::cli {

namespace {

namespace fs = std::filesystem;

struct TestOpts {
  std::vector<std::string> paths;
  std::string format = "text";
  bool coverage = false;
  CoverageLimits limits;
  int jobs = 0;  // 0: one per hardware thread
};

bool scenario_files(const std::string& path, std::vector<std::string>& out) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return out.push_back(path), true;
  if (!fs::is_directory(path, ec))
    return fmt::print(stderr, "error: cannot read '{}'\n", path), false;
  std::vector<std::string> found;
  for (auto it = fs::recursive_directory_iterator(path, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec) && it->path().filename().string().ends_with(".scenario.yaml"))
      found.push_back(it->path().string());
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
  return true;
}

std::string failure_line(const scen::Failure& f) {
  return fmt::format("{}: step {}: expected {}; found {}", f.loc.str(), f.step, f.expectation,
                     f.found);
}

void print_text(const std::vector<scen::Result>& results) {
  for (const auto& r : results) {
    fmt::print("{} {} — {}\n", r.passed ? "PASS" : "FAIL", r.file, r.name);
    for (const auto& f : r.failures) fmt::print("  {}\n", failure_line(f));
  }
}

void print_json(const std::vector<scen::Result>& results, int passed, int failed,
                const std::optional<scen::CoverageReport>& cov) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : results) {
    nlohmann::json fails = nlohmann::json::array();
    for (const auto& f : r.failures)
      fails.push_back({{"step", f.step},
                       {"expected", f.expectation},
                       {"found", f.found},
                       {"file", f.loc.filename()},
                       {"line", f.loc.line},
                       {"col", f.loc.col}});
    list.push_back({{"file", r.file}, {"name", r.name}, {"passed", r.passed}, {"failures", fails}});
  }
  nlohmann::json out{{"scenarios", list}, {"passed", passed}, {"failed", failed}};
  if (cov) out["coverage"] = coverage_json(*cov);
  fmt::print("{}\n", json_text(out));
}

// XML text (attribute values when `attr`): markup escaped, line breaks kept
// in attributes as character references, and the control characters XML 1.0
// cannot carry replaced by U+FFFD.
std::string xml(std::string_view s, bool attr = true) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += attr ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += attr ? "&#9;" : "\t"; break;
      default: out += (unsigned char)c < 0x20 ? "\xEF\xBF\xBD" : std::string(1, c);
    }
  }
  return out;
}

void print_junit(const std::vector<scen::Result>& results, int failed) {
  fmt::print("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  fmt::print("<testsuites name=\"playbook test\" tests=\"{}\" failures=\"{}\">\n", results.size(),
             failed);
  fmt::print("<testsuite name=\"playbook scenarios\" tests=\"{}\" failures=\"{}\">\n",
             results.size(), failed);
  for (const auto& r : results) {
    fmt::print("  <testcase classname=\"{}\" name=\"{}\"", xml(r.file), xml(r.name));
    if (r.passed) {
      fmt::print("/>\n");
      continue;
    }
    fmt::print(">\n    <failure message=\"{}\">",
               xml(r.failures.empty() ? "" : failure_line(r.failures[0])));
    for (const auto& f : r.failures) fmt::print("{}\n", xml(failure_line(f), false));
    fmt::print("</failure>\n  </testcase>\n");
  }
  fmt::print("</testsuite>\n</testsuites>\n");
}

int run_test(const Globals& g, const TestOpts& o) {
  std::vector<std::string> files;
  bool bad = false;
  for (const auto& p : o.paths.empty() ? g.playbook_dirs : o.paths)
    bad |= !scenario_files(p, files);
  Diagnostics load_diags;
  LoadResult loaded = load_paths(g.playbook_dirs, load_diags);
  rt::Catalog catalog = catalog_of(loaded);
  std::vector<scen::Scenario> scenarios;
  for (const auto& file : files) {
    Diagnostics d;
    std::optional<scen::Scenario> s = scen::load_scenario_file(file, g.playbooks + "/samples", d);
    d.sort();
    for (const auto& x : d.items())
      fmt::print(stderr, "{}: error: {} [{}]{}\n", x.loc.str(), x.message, x.code,
                 x.hint.empty() ? "" : " " + x.hint);
    if (!s) {
      bad = true;
      continue;
    }
    scenarios.push_back(std::move(*s));
  }
  std::vector<scen::Result> results = scen::run_suite(scenarios, catalog, o.jobs);
  int passed =
      int(std::count_if(results.begin(), results.end(), [](const auto& r) { return r.passed; }));
  int failed = int(results.size()) - passed;
  std::optional<scen::CoverageReport> cov;
  if (o.coverage || o.limits.total || o.limits.per_playbook)
    cov = scen::coverage(loaded.project, reached_of(results));
  if (o.format == "json")
    print_json(results, passed, failed, o.coverage ? cov : std::nullopt);
  else if (o.format == "junit")
    print_junit(results, failed);
  else
    print_text(results);
  if (o.format == "text" && o.coverage) print_coverage_text(*cov);
  bool low = cov && !coverage_meets(*cov, o.limits);
  if (o.format == "text") fmt::print("{} passed, {} failed\n", passed, failed);  // the closing line
  return bad ? kBadInput : failed || low ? kCheckFailed : kOk;
}

const Registrar reg(Place::Test, [](CLI::App& root, Globals& g) {
  auto o = std::make_shared<TestOpts>();
  auto* cmd = root.add_subcommand("test", "run the scenario tests (*.scenario.yaml) of playbooks");
  cmd->add_option("paths", o->paths,
                  "scenario files or directories (default: the --playbooks directory)");
  cmd->add_option("--format", o->format, "text, json or junit")
      ->check(one_of({"text", "json", "junit"}));
  cmd->add_flag("--coverage", o->coverage,
                "after the results, list the steps, transitions and rules no scenario reached");
  cmd->add_option("--min-coverage", o->limits.total,
                  "fail (exit 1) when the total transition coverage is below PCT")
      ->check(number(0.0, 100.0))
      ->option_text("PCT");
  cmd->add_option("--min-playbook-coverage", o->limits.per_playbook,
                  "fail (exit 1) when a playbook's transition coverage is below PCT")
      ->check(number(0.0, 100.0))
      ->option_text("PCT");
  cmd->add_option("-j,--jobs", o->jobs,
                  "scenarios run in parallel (default: one per hardware thread)")
      ->check(whole_number(0));
  auto sc = std::make_shared<ScaffoldOpts>();
  auto* scaffold =
      cmd->add_option("--scaffold", sc->playbook,
                      "write a scenario skeleton for each path of PLAYBOOK no scenario covers");
  cmd->add_option("--out", sc->out,
                  "with --scaffold: the directory for the skeletons (default: PLAYBOOKS/tests)")
      ->needs(scaffold);
  cmd->add_option("--max-loops", sc->flags.max_loops, "with --scaffold: as `playbook paths`")
      ->check(whole_number(0, 100))
      ->needs(scaffold);
  cmd->add_option("--limit", sc->flags.limit, "with --scaffold: as `playbook paths`")
      ->check(whole_number(1, 1000000))
      ->needs(scaffold);
  cmd->add_option("--max-new", sc->max_new,
                  "with --scaffold: write at most N skeletons (default 25)")
      ->check(whole_number(0))
      ->needs(scaffold);
  cmd->callback([o, sc, &g] {
    if (sc->playbook.empty()) return void(g.exit_code = run_test(g, *o));
    sc->scenario_paths = o->paths;
    g.exit_code = run_scaffold(g, *sc);
  });
});

}  // namespace

}  // namespace pb::cli

// scaffold.cpp — see scaffold.hpp: coverage of paths by the scenarios, and
// writing the skeletons of the uncovered ones.
#include "cli/scaffold.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "cli/project_cli.hpp"
#include "cli/run_common.hpp"
#include "model/calendar_math.hpp"
#include "source/scenario_loader.hpp"

namespace pb::cli {

namespace {

namespace fs = std::filesystem;

bool collect(const std::string& path, std::vector<std::string>& out) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return out.push_back(path), true;
  if (!fs::is_directory(path, ec))
    return fmt::print(stderr, "error: cannot read '{}'\n", path), false;
  for (auto it = fs::recursive_directory_iterator(path, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec) && it->path().filename().string().ends_with(".scenario.yaml"))
      out.push_back(it->path().string());
  return true;
}

// Runs every loadable scenario; files that do not load are reported and skipped.
std::vector<scen::Result> run_all(const Globals& g, const std::vector<std::string>& files,
                                  const rt::Catalog& cat) {
  std::vector<scen::Scenario> scenarios;
  for (const auto& file : files) {
    Diagnostics d;
    if (auto s = scen::load_scenario_file(file, g.playbooks + "/samples", d))
      scenarios.push_back(std::move(*s));
    else
      fmt::print(stderr, "note: {} does not load; its coverage is not counted\n", file);
  }
  return scen::run_suite(scenarios, cat);
}

std::string first_sample(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    std::string f = it->path().filename().string();
    if (f.ends_with(".tenant.yaml")) names.push_back(f.substr(0, f.size() - 12));
  }
  std::sort(names.begin(), names.end());
  return names.empty() ? "" : names.front();
}

Instant scaffold_start(const Globals& g) {
  Instant now{};
  if (g.now.empty() || !parse_iso_instant(g.now, now))
    now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return start_of(day_of(now)) + std::chrono::hours{9};
}

bool write_new(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  return bool(out.flush());
}

}  // namespace

bool covers(const scen::Reached& r, const std::string& pb_id, const paths::Path& p) {
  if (p.edges.empty())  // the start step is terminal: covered once an instance entered it
    return std::find(r.entered.begin(), r.entered.end(), std::pair{pb_id, p.terminal->id}) !=
           r.entered.end();
  std::vector<const Loc*> seq;
  for (const auto& [pb, loc] : r.taken)
    if (pb == pb_id) seq.push_back(&loc);
  auto same = [](const Loc* a, const paths::Edge& e) {
    return a->line == e.t->loc.line && a->col == e.t->loc.col;
  };
  return std::search(seq.begin(), seq.end(), p.edges.begin(), p.edges.end(), same) != seq.end();
}

int run_scaffold(const Globals& g, const ScaffoldOpts& o) {
  std::optional<LoadResult> project;
  const Playbook* pb = find_playbook(g, project, o.playbook);
  if (!pb) return kBadInput;
  std::vector<std::string> files;
  for (const auto& p : o.scenario_paths.empty() ? g.playbook_dirs : o.scenario_paths)
    if (!collect(p, files)) return kBadInput;
  std::sort(files.begin(), files.end());
  Diagnostics load_diags;
  LoadResult loaded = load_paths(g.playbook_dirs, load_diags);
  auto results = run_all(g, files, catalog_of(loaded));
  paths::Enumeration e = paths::enumerate(*pb, o.flags.options());
  fs::path out_dir = o.out.empty() ? fs::path(g.playbooks) / "tests" : fs::path(o.out);
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (!fs::is_directory(out_dir, ec))
    return fmt::print(stderr, "error: cannot create '{}'\n", out_dir.string()), kBadInput;
  std::string sample = first_sample(g.playbooks + "/samples");
  std::string cal = project->project.calendars.empty() ? "" : project->project.calendars.front().id;
  size_t covered = 0, wrote = 0, left = 0;
  for (size_t i = 0; i < e.paths.size(); ++i) {
    const auto& p = e.paths[i];
    if (std::any_of(results.begin(), results.end(),
                    [&](const scen::Result& r) { return covers(r.reached, pb->id, p); })) {
      ++covered;
      continue;
    }
    if (wrote >= o.max_new) {
      ++left;
      continue;
    }
    fs::path file = out_dir / fmt::format("{}-path-{}.scenario.yaml", pb->id, i + 1);
    if (fs::exists(file, ec)) {
      fmt::print("skipped {} (exists)\n", file.string());
      continue;
    }
    if (!write_new(file, skeleton(*pb, p, i + 1, sample, scaffold_start(g), cal)))
      return fmt::print(stderr, "error: cannot write '{}'\n", file.string()), kBadInput;
    fmt::print("wrote {}: {}\n", file.string(), path_line(p));
    ++wrote;
  }
  fmt::print("{} paths, {} covered by {} scenarios, {} skeletons written\n", e.paths.size(),
             covered, results.size(), wrote);
  if (left) fmt::print("{} more uncovered paths not written (--max-new {})\n", left, o.max_new);
  if (auto note = truncation_note(e, o.flags); !note.empty()) fmt::print(stderr, "{}\n", note);
  return kOk;
}

}  // namespace pb::cli

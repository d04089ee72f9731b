// cmd_paths.cpp — `playbook paths PLAYBOOK [--max-loops K] [--limit N]
// [--format text|json]`: the distinct paths from the start step to every
// terminal step (interpreter/paths.hpp; docs/scenarios.md "Paths").
//
// Output (text): one numbered line per path, then "N paths" (and on stderr a
// note when the enumeration was cut by --limit or its work budget). Exit: 0;
// 2 for an unknown playbook (with "did you mean") or bad options.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/options.hpp"
#include "cli/path_text.hpp"
#include "cli/project_cli.hpp"
#include "cli/text_out.hpp"

namespace pb::cli {
namespace {

struct PathsOpts {
  std::string playbook;
  PathFlags flags;
  std::string format = "text";
};

// Each region's paths, once (their interleavings are not listed).
void print_regions(const paths::Enumeration& e) {
  for (const auto& r : e.regions) {
    fmt::print(
        "\nregion {} of step {} (its steps interleave with the other regions' in any "
        "order):\n",
        r.region, r.parallel->id);
    for (size_t i = 0; i < r.paths.size(); ++i)
      fmt::print("{}. {}\n", i + 1, path_line(r.paths[i]));
    if (r.paths.empty())
      fmt::print("no path ends in it: it runs until the parallel step is left\n");
  }
}

nlohmann::json regions_json(const paths::Enumeration& e) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : e.regions) {
    nlohmann::json list = nlohmann::json::array();
    for (size_t i = 0; i < r.paths.size(); ++i) {
      auto j = path_json(r.paths[i]);
      j["number"] = i + 1;
      list.push_back(std::move(j));
    }
    out.push_back({{"step", r.parallel->id}, {"region", r.region}, {"paths", std::move(list)}});
  }
  return out;
}

int run_paths(const Globals& g, const PathsOpts& o) {
  std::optional<LoadResult> project;
  const Playbook* pb = find_playbook(g, project, o.playbook);
  if (!pb) return kBadInput;
  paths::Enumeration e = paths::enumerate(*pb, o.flags.options());
  if (o.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (size_t i = 0; i < e.paths.size(); ++i) {
      auto j = path_json(e.paths[i]);
      j["number"] = i + 1;
      list.push_back(std::move(j));
    }
    nlohmann::json j{{"playbook", pb->id},
                     {"max_loops", o.flags.max_loops},
                     {"truncated", e.truncated},
                     {"paths", list}};
    if (!e.regions.empty()) j["regions"] = regions_json(e);
    fmt::print("{}\n", json_text(j));
  } else {
    for (size_t i = 0; i < e.paths.size(); ++i)
      fmt::print("{}. {}\n", i + 1, path_line(e.paths[i]));
    fmt::print("{} path{}\n", e.paths.size(), e.paths.size() == 1 ? "" : "s");
    print_regions(e);
  }
  if (auto note = truncation_note(e, o.flags); !note.empty()) fmt::print(stderr, "{}\n", note);
  return kOk;
}

const Registrar reg(Place::Paths, [](CLI::App& root, Globals& g) {
  auto o = std::make_shared<PathsOpts>();
  auto* cmd = root.add_subcommand(
      "paths", "list the distinct paths from the start to every end, goto and handoff");
  cmd->add_option("playbook", o->playbook, "playbook id or file")->required();
  cmd->add_option(
         "--max-loops", o->flags.max_loops,
         "times a path may go around a cycle: each step is entered at most K+1 times (visits() "
         "guards may allow more)")
      ->check(whole_number(0, 100));
  cmd->add_option("--limit", o->flags.limit, "stop after this many paths")
      ->check(whole_number(1, 1000000));
  cmd->add_option("--format", o->format, "text or json")->check(one_of({"text", "json"}));
  cmd->callback([o, &g] { g.exit_code = run_paths(g, *o); });
});

}  // namespace
}  // namespace pb::cli

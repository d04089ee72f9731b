// project_cli.cpp — see project_cli.hpp.
#include "project_cli.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "cli/diag_format.hpp"
#include "cli/text_out.hpp"
#include "interpreter/checker.hpp"

namespace pb::cli {

std::optional<LoadResult> load_project(const Globals& g, const std::vector<std::string>& paths) {
  Diagnostics d;
  auto result = load_paths(paths.empty() ? g.playbook_dirs : paths, d);
  check_playbook_ids(result.project, d);  // an id in two files is ambiguous
  if (!d.has_errors()) return result;
  Diagnostics errors;
  for (const auto& x : d.items())
    if (x.severity == Severity::Error) errors.add(x);
  errors.sort();
  fmt::print(stderr, "{}", format_text(errors, result.sources, {}));
  return std::nullopt;
}

const Playbook* find_playbook(const Globals& g, std::optional<LoadResult>& project,
                              const std::string& id_or_file) {
  bool is_file = std::filesystem::is_regular_file(id_or_file);
  project =
      load_project(g, is_file ? std::vector<std::string>{id_or_file} : std::vector<std::string>{});
  if (!project) return nullptr;
  if (is_file) {
    if (!project->project.playbooks.empty()) return &project->project.playbooks.front();
    err_line("{}: no playbook in this file", id_or_file);
    return nullptr;
  }
  if (const Playbook* pb = project->project.playbook(id_or_file)) return pb;
  std::vector<std::string> ids;
  for (const auto& p : project->project.playbooks) ids.push_back(p.id);
  std::string hint = did_you_mean(id_or_file, ids);
  std::string dirs;
  for (const auto& d : g.playbook_dirs) dirs += (dirs.empty() ? "" : ":") + d;
  err_line("error: no playbook '{}' in {}{}", id_or_file, dirs, hint.empty() ? "" : "; " + hint);
  return nullptr;
}

}  // namespace pb::cli

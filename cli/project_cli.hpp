// project_cli.hpp — loading playbooks for commands that read them (graph,
// explain, fmt…): the --playbooks directories or explicit files, with load
// diagnostics (and a playbook id declared by two files, PB021) printed to
// stderr.
#pragma once

#include <optional>
#include <string>

#include "cli/app.hpp"
#include "grammar/loader.hpp"

namespace pb::cli {

// Loads `paths` (or the --playbooks directories when empty). Errors are printed
// and make the result empty; warnings are not printed (lint's job).
std::optional<LoadResult> load_project(const Globals& g,
                                       const std::vector<std::string>& paths = {});

// The playbook named by `id_or_file`: a playbook id in the project, or a
// playbook file (which is then loaded on its own). Prints an error with a
// "did you mean" and returns nullptr when there is none.
const Playbook* find_playbook(const Globals& g, std::optional<LoadResult>& project,
                              const std::string& id_or_file);

}  // namespace pb::cli

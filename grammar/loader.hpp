// loader.hpp — reads files and directories into a Project.
//
// Contract: a directory is searched recursively for `*.playbook` (DSL),
// `*.playbook.yaml` / `*.playbook.yml` (YAML), `*.schema.yaml` (the tenant
// schema) and `calendars/*.yaml` (calendars). Files that cannot be read or
// parsed produce diagnostics; loading never stops at the first bad file.
// `sources` keeps every file's text so diagnostics can quote the line.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "interpreter/diagnostics.hpp"
#include "interpreter/project.hpp"

namespace pb {

struct LoadResult {
  Project project;
  std::map<std::string, std::string> sources;  // path → text
  std::map<std::string, std::string> origin;   // playbook id → path of its file
};

LoadResult load_paths(const std::vector<std::string>& paths, Diagnostics& diags);

// Reads one file; a read failure adds PB005 and returns false.
bool read_file(const std::string& path, std::string& out, Diagnostics& diags);

}  // namespace pb

// loader.hpp — reads files and directories into a Project.
//
// Contract: a directory is searched recursively for `*.playbook` (DSL),
// `*.playbook.yaml` / `*.playbook.yml` (YAML), `*.schema.yaml` (the tenant
// schema), `calendars/*.yaml` (calendars), `.playbook-lint.yaml` (lint
// suppressions) and `*.migration.yaml` (migration maps, kept in
// `migrations` for `lint`; the project does not hold them). Several paths load as their union; a file reached twice is
// read once. Files that cannot be read or parsed produce diagnostics; loading
// never stops at the first bad file. `sources` keeps every file's text so
// diagnostics can quote the line.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <string>
#include <vector>

#include "model/diagnostics.hpp"
#include "model/migration.hpp"
#include "model/project.hpp"

namespace pb {

// The name of a directory's lint configuration (suppressions with reasons).
inline constexpr std::string_view kLintConfigName = ".playbook-lint.yaml";

struct LoadResult {
  Project project;
  std::map<std::string, std::string> sources;  // path → text
  std::map<std::string, std::string> origin;   // playbook id → path of its file
  std::vector<std::string> lint_configs;       // the .playbook-lint.yaml files read
  std::set<std::string> seen;                  // canonical paths read (each once)
  std::set<std::string> faulty;          // playbook and schema files whose parse reported an error
  std::vector<MigrationMap> migrations;  // the migration files read, in load order
};

// Merges one schema file's schema into the directory's (the first file's
// location stays; attributes and rules append in load order).
void merge_schema(std::optional<Schema>& into, Schema part);

LoadResult load_paths(const std::vector<std::string>& paths, Diagnostics& diags);

// Reads one file; a read failure adds PB005 and returns false.
bool read_file(const std::string& path, std::string& out, Diagnostics& diags);

}  // namespace pb

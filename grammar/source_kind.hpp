// source_kind.hpp — which parser reads a file, decided by its name in one
// place for every reader: the loader (directories and files), `fmt`,
// `lint` (a playbook given alone brings its siblings) and the playbook source
// (source/directory_source.hpp: a pinned version is parsed by its file name).
//
// Contract: `*.playbook` is the DSL; `*.playbook.yaml|yml` a YAML playbook;
// `*.schema.yaml|yml` the tenant schema; `*.yaml|yml` directly inside a
// directory named `calendars` a calendar; `.playbook-lint.yaml` a lint
// configuration; `*.migration.yaml|yml` a migration file (`playbook
// migrate`); anything else is not read. Only the name is looked at.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/diagnostics.hpp"
#include "model/model.hpp"

namespace pb {

enum class SourceKind { DslPlaybook, YamlPlaybook, Schema, Calendar, LintConfig, Migration, Other };

SourceKind source_kind(const std::string& path);

inline bool is_playbook_source(SourceKind k) {
  return k == SourceKind::DslPlaybook || k == SourceKind::YamlPlaybook;
}

// Parses a playbook file's text in the form its name says. A name that is
// not a playbook's adds PB005 (naming the accepted names) and gives nullopt.
std::optional<Playbook> parse_playbook_source(std::string_view text, const std::string& path,
                                              Diagnostics& diags);

// How many times parse_playbook_source parsed a playbook in this process
// (every playbook parse of loading a directory and compiling a pinned
// version goes through it). `PB_STATS=1 playbook …` prints it on stderr.
size_t playbook_parses();

}  // namespace pb

// lint_migrations.hpp — `playbook lint` of migration files
// (`*.migration.yaml`, docs/runtime.md "Migration").
//
// Contract: each migration file the loader read is checked with
// check_migration (PB150–PB153) against the playbook it names in the
// linted files — its new version — and, with `base` (a git revision, `lint
// --base REV`), against that playbook's file at REV — its old version — so
// that CI checks every removed step is mapped (PB151) before a change
// merges. A migration for a playbook the files lack is PB153 with a did-you-
// mean; a playbook REV lacks (new since) has no old version and is checked
// against its new one only; a revision git cannot read is PB005 (exit 2),
// in git's own words. With `base`, a playbook no migration file names is
// checked the same way against an empty map, so removing a step with
// neither a mapping nor `renamed_from` is PB151 even before a migration
// file exists. Findings go to `out`; the old texts read at REV go to
// `sources` (under "REV:PATH") so they can be quoted.
#pragma once

#include <map>
#include <string>

#include "grammar/loader.hpp"
#include "model/diagnostics.hpp"

namespace pb::cli {

void lint_migrations(const LoadResult& loaded, const std::string& base,
                     std::map<std::string, std::string>& sources, Diagnostics& out);

}  // namespace pb::cli

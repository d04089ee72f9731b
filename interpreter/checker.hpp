// checker.hpp — `playbook lint`: resolves names across a Project and reports
// every finding (docs/lint-codes.md) as a Diagnostic. Pure: no I/O.
#pragma once

#include "model/diagnostics.hpp"
#include "model/migration.hpp"
#include "model/project.hpp"

namespace pb {

void check_project(const Project& project, Diagnostics& diags);

// PB021 alone: one playbook id declared by two files (the run commands refuse
// an ambiguous id, as lint reports it).
void check_playbook_ids(const Project& project, Diagnostics& diags);

// A migration file against the new version (and the old one, when known):
// targets exist (PB150, with did-you-mean), every step the new version
// removes is mapped or renamed (PB151, only with `old`), sources exist in
// the old version (PB152, a warning), the file names the playbook (PB153).
void check_migration(const MigrationMap& m, const Playbook* old, const Playbook& now,
                     Diagnostics& diags);

}  // namespace pb

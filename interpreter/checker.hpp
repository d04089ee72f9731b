// checker.hpp — `playbook lint`: resolves names across a Project and reports
// every finding (docs/lint-codes.md) as a Diagnostic. Pure: no I/O.
#pragma once

#include "model/diagnostics.hpp"
#include "model/project.hpp"

namespace pb {

void check_project(const Project& project, Diagnostics& diags);

// PB021 alone: one playbook id declared by two files (the run commands refuse
// an ambiguous id, as lint reports it).
void check_playbook_ids(const Project& project, Diagnostics& diags);

}  // namespace pb

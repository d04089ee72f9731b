// migrate_input.hpp — what `playbook migrate` migrates to, read and checked
// before anything is planned (cmd_migrate.cpp): the new version's text and
// model, and the migration map from its file and `--map`.
//
// Contract:
//  * The new version is `--to FILE`, else the directory's file of the
//    playbook. It must parse and lint without errors against the
//    directory (the same check `start` makes), else exit 2 with the
//    diagnostics.
//  * The map is `--migration FILE`, else `PLAYBOOK.migration.yaml` beside
//    the new version's file when there is one, plus every `--map`. It is
//    checked against the new version and every version the store has
//    running instances on (check_migration); errors stop the command.
#pragma once

#include <string>
#include <vector>

#include "run_common.hpp"

namespace pb::cli {

struct MigrateOpts {
  std::string playbook, to, migration, step, format = "text", plan_file;
  std::vector<std::string> maps, tenants, where;
  bool apply = false, plan = false;
  int batch = 256;
};

struct MigrateTarget {
  rt::MigrationRequest req;
  Playbook model;        // the new version as parsed
  std::string map_file;  // the migration file read ("" = none)
};

// Fills `out`; false (exit set, reasons printed on stderr) when the new
// version or the map is unusable.
bool read_target(Session& s, const MigrateOpts& o, MigrateTarget& out, int& exit);

// check_migration against every version with running instances; prints
// the findings on stderr; false when one is an error and `apply` (a plan
// goes on, and shows the instances the error blocks).
bool check_against_store(Session& s, const MigrateTarget& t, bool apply, int& exit);

// One finding as lint prints it: FILE:LINE:COL: SEVERITY: MESSAGE [CODE]
// and its hint on the next line.
void print_diagnostic(const Diagnostic& d);

}  // namespace pb::cli

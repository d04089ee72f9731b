// migration_loader.hpp — reads a migration file (`PLAYBOOK.migration.yaml`,
// model/migration.hpp) and `migrate --map old=new` arguments:
//
//   migration: customer-engagement     # the playbook it migrates
//   steps:                             # old step id: new step id
//     phone: call_1
//   tasks:                             # old task id: new task id, or drop
//     1234: 1240
//     1250: drop
//
// Contract: like every parse function (frontend.hpp) it never throws;
// problems are diagnostics at 1-based line:col with the reader's codes
// (PB010–PB014, PB090), a key listed twice is PB011 naming the first.
// Whether the ids exist is the checker's business (check_migration).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostics.hpp"
#include "model/migration.hpp"

namespace pb {

std::optional<MigrationMap> parse_migration(std::string_view text, const std::string& filename,
                                            Diagnostics& diags);

// `--map OLD=NEW` (steps) and `--map task:OLD=NEW|drop` (tasks), added to
// `into`; a malformed argument is a PB090 at "--map".
void parse_map_args(const std::vector<std::string>& args, MigrationMap& into, Diagnostics& diags);

}  // namespace pb

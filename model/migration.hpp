// migration.hpp — a migration file as parsed (`PLAYBOOK.migration.yaml`, or
// `migrate --map old=new`): how the running instances of one playbook move
// to a new version. Pure data with positions; grammar/migration_loader.cpp
// reads it, interpreter/migration.cpp checks and applies it.
//
// Contract:
//  * `steps` maps a step id of an old version to a step id of the new one;
//    `tasks` maps a task id of the old catalog to one of the new catalog, or
//    to 0: the task is dropped on purpose.
//  * A step the new version still has, or one a step of the new version
//    names in `renamed_from`, needs no mapping; an explicit mapping wins.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model.hpp"

namespace pb {

struct StepMapping {
  NodeLoc loc;  // the old id's position
  std::string from, to;
  NodeLoc to_loc;
  bool operator==(const StepMapping&) const = default;
};

struct TaskMapping {
  NodeLoc loc;
  int64_t from = 0, to = 0;  // to 0: dropped
  NodeLoc to_loc;
  bool operator==(const TaskMapping&) const = default;
};

struct MigrationMap {
  NodeLoc loc;
  std::string playbook;  // "" = the playbook migrated (--map)
  std::vector<StepMapping> steps;
  std::vector<TaskMapping> tasks;
  bool operator==(const MigrationMap&) const = default;

  const std::string* step_to(std::string_view from) const {
    for (const auto& m : steps)
      if (m.from == from) return &m.to;
    return nullptr;
  }
  const TaskMapping* task(int64_t from) const {
    for (const auto& m : tasks)
      if (m.from == from) return &m;
    return nullptr;
  }
};

}  // namespace pb

// project.hpp — everything loaded from a playbook directory: the playbooks,
// the shared tenant schema and the business calendars. Plain data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calendar.hpp"
#include "model.hpp"

namespace pb {

struct Project {
  std::vector<Playbook> playbooks;
  std::optional<Schema> schema;     // tenant.schema.yaml, when present
  std::vector<Calendar> calendars;  // calendars/*.yaml
  bool has_calendar_dir = false;    // calendar references are checked only then
  std::vector<std::string> files;   // every file read, in path order (the order
                                    // of the paths given, then sorted by name)

  const Playbook* playbook(const std::string& id) const;
  const Calendar* calendar(const std::string& id) const;
};

}  // namespace pb

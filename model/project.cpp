// project.cpp — lookups over a loaded Project, and Calendar::is_working.
#include "project.hpp"

namespace pb {

const Playbook* Project::playbook(const std::string& id) const {
  for (const auto& p : playbooks)
    if (p.id == id) return &p;
  return nullptr;
}

const Calendar* Project::calendar(const std::string& id) const {
  for (const auto& c : calendars)
    if (c.id == id) return &c;
  return nullptr;
}

bool Calendar::is_working(Days d) const {
  std::chrono::weekday wd{d};
  return working[wd.c_encoding()] && !holidays.contains(d);
}

}  // namespace pb

// calendar_finder.hpp — a calendar by id among a directory's calendar files,
// reading no more of them than it must: what a command that runs one tenant
// needs (rt::Catalog::find_calendar), where loading every calendar up front
// cost more than the rest of the command.
//
// Contract:
//  * find(id) is the calendar the whole directory loaded would give: the
//    first of `files` (in their order) that parses (parse_yaml_calendar
//    returns one, diagnostics or not) with that id; nullptr when none does.
//  * A file whose text surely declares another id (scan_calendar_id) is
//    not parsed; every other file up to the one found is. Each file is read
//    and parsed at most once; the diagnostics are dropped (lint reports them).
//  * The calendars returned stay at their address while the finder lives.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/calendar.hpp"

namespace pb::src {

class CalendarFinder {
 public:
  explicit CalendarFinder(std::vector<std::string> files);
  const Calendar* find(const std::string& id);

 private:
  struct File {
    std::string path;
    std::optional<std::string> text, sure_id;  // text: read yet
    bool readable = false, parsed = false;
    std::optional<Calendar> calendar;
  };
  const Calendar* parse(File& f);

  std::vector<File> files_;
  std::map<std::string, const Calendar*> found_;  // by id; nullptr: none
};

}  // namespace pb::src

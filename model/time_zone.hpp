// time_zone.hpp — IANA time zones by name, from the operating system's tzdb
// (Debian tzdata), for the working hours of business calendars.
//
// Contract: called by the loaders of calendars, never by the evaluator.
// find_time_zone returns the zone with its rules already loaded (so later
// conversions read no files), the same pointer for the same name, or nullptr for a name the tzdb does not know
// (or when the tzdb cannot be read); it never throws. time_zone_names lists
// every zone name the tzdb holds (for did-you-mean), empty without a tzdb.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "calendar.hpp"

namespace pb {

const TimeZone* find_time_zone(std::string_view name);
std::vector<std::string> time_zone_names();

}  // namespace pb

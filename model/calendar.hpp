// calendar.hpp — a business calendar: which weekdays are working days and
// which dates are public holidays. Pure date arithmetic with <chrono>.
//
// Contract: "N business days after t" counts working days of this calendar;
// an instant on a non-working day counts from the next working day's start.
// All instants are UTC.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <string>

#include "model.hpp"

namespace pb {

using Days = std::chrono::sys_days;
using Instant = std::chrono::sys_seconds;

struct Calendar {
  Loc loc;
  std::string id;       // e.g. "AMERICAS" — the value of the calendar attribute
  std::string country;  // the representative country whose holidays are listed
  std::array<bool, 7> working{false, true, true, true, true, true, false};  // Sun..Sat
  std::map<Days, std::string> holidays;                                     // date → name

  bool is_working(Days d) const;
};

}  // namespace pb

// calendar.hpp — a business calendar: which weekdays are working days and
// which dates are public holidays. Pure date arithmetic with <chrono>.
//
// Contract: "N business days after t" counts working days of this calendar;
// an instant on a non-working day counts from the next working day's start.
// All instants are UTC. Business days count UTC dates; business hours count
// the working hours of working days in the calendar's time zone (`zone`,
// resolved when the calendar is loaded, so the arithmetic reads no files):
// a holiday's date is a date of that zone. Without a zone: UTC; without
// working hours: 09:00-17:00.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <string>

#include "model.hpp"

namespace pb {

using Days = std::chrono::sys_days;
using Instant = std::chrono::sys_seconds;

// A time zone with its rules loaded (time_zone.hpp); opaque here, so that
// the model's headers do not bring in the tz library's names.
struct TimeZone;

struct Calendar {
  Loc loc;
  std::string id;       // e.g. "AMERICAS" — the value of the calendar attribute
  std::string country;  // the representative country whose holidays are listed
  std::array<bool, 7> working{false, true, true, true, true, true, false};  // Sun..Sat
  std::map<Days, std::string> holidays;                                     // date → name
  std::string time_zone;           // IANA name as written; "" = UTC
  const TimeZone* zone = nullptr;  // `time_zone` resolved; nullptr = UTC
  int work_start = 9 * 60;         // working hours: minutes after local
  int work_end = 17 * 60;          // midnight, work_start < work_end

  bool is_working(Days d) const;
};

}  // namespace pb

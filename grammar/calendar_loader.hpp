// calendar_loader.hpp — reads a business calendar file (calendars/*.yaml):
//
//   calendar: AMERICAS
//   country: United States
//   working_days: [Mon, Tue, Wed, Thu, Fri]     # optional, default Mon–Fri
//   holidays:
//     - {date: 2026-01-01, name: "New Year's Day"}
//
// Contract: like every parse function (frontend.hpp) it never throws; problems
// are diagnostics at 1-based line:col (PB010–PB014, PB090 for an impossible
// date or unknown weekday, PB020 for a date listed twice).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/calendar.hpp"
#include "model/diagnostics.hpp"

namespace pb {

std::optional<Calendar> parse_yaml_calendar(std::string_view text, const std::string& filename,
                                            Diagnostics& diags);

}  // namespace pb

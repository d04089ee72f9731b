// calendar_loader.hpp — reads a business calendar file (calendars/*.yaml):
//
//   calendar: AMERICAS
//   country: United States
//   working_days: [Mon, Tue, Wed, Thu, Fri]     # optional, default Mon–Fri
//   time_zone: America/New_York                 # optional IANA name, default UTC
//   working_hours: "09:00-17:00"                # optional local hours, this default
//   holidays:
//     - {date: 2026-01-01, name: "New Year's Day"}
//
// Contract: like every parse function (frontend.hpp) it never throws; problems
// are diagnostics at 1-based line:col (PB010–PB014, PB090 for an impossible
// date, unknown weekday, unknown time zone (with did-you-mean) or malformed
// working hours, PB020 for a date listed twice). The time zone is resolved
// here, with its rules loaded (model/time_zone.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/calendar.hpp"
#include "model/diagnostics.hpp"

namespace pb {

std::optional<Calendar> parse_yaml_calendar(std::string_view text, const std::string& filename,
                                            Diagnostics& diags);

// The id a calendar file's text declares, read without parsing it, when the
// text makes it certain: exactly one line (not indented) `calendar: ID` with
// ID a plain word (letters, digits, _ - .), not continued on the next line,
// and no line that could declare the root otherwise (documents, directives,
// flow, quoted or explicit keys, tags, anchors, block scalars). Otherwise
// nullopt: parse the text to know. An id it gives is the one
// parse_yaml_calendar reads when the text parses at all; callers looking
// for a calendar by id may skip files whose sure id is another.
std::optional<std::string> scan_calendar_id(std::string_view text);

}  // namespace pb

// calendar_math.hpp — date arithmetic over business calendars. Pure (<chrono>
// only): no clock, no files.
//
// Contract (documented for users in docs/runtime.md):
//  * A "working day" is a day the calendar marks working (weekday) that is not
//    a holiday. A calendar with no working weekday at all makes business days
//    behave like calendar days (never an endless search).
//  * add_business_days(t, n), n >= 0:
//      - t on a working day: the same time of day, n working days later
//        (Fri 10:00 + 2 → Tue 10:00; n = 0 → t).
//      - t on a non-working day: counting starts at 00:00 of the next working
//        day, so the deadline lands at 00:00 (Sat 15:00 + 2 → Wed 00:00;
//        n = 0 → Mon 00:00).
//    n < 0 counts backwards symmetrically (same time of day, n working days
//    earlier; from a non-working day, from 00:00 of the next working day).
//  * business_days_between(a, b): the number of working days d with
//    a < d <= b when a <= b, and minus the number with b < d <= a otherwise.
//    So business_days_between(day(t), day(add_business_days(t, n))) == n when
//    t is on a working day.
//  * Plain units are calendar time: days = 24 h, weeks = 7 days, hours = 1 h.
//  * add_months(t, n): the same day of the month n calendar months later
//    (UTC), clamped to the last day of that month, at the same time of day:
//    31 Jan + 1 → 28 Feb (29 Feb in a leap year); 29 Feb 2028 + 12 → 28 Feb
//    2029; 30 Apr + 1 → 30 May (never "end of month stays end of month").
//    n < 0 counts backwards with the same clamp. |n| beyond 12 000 saturates.
//  * add_business_hours(t, n), n >= 0: the earliest instant by which n hours
//    of working time have passed since t. Working time is [start, end) of
//    the calendar's working hours (local time in its zone; default
//    09:00-17:00 UTC) on each working day (local date; holidays and
//    non-working weekdays have none). So: t inside working hours counts from
//    t; t before the start counts from the start; t after the end, at night,
//    on a weekend or holiday counts from the next working day's start. A
//    deadline that uses up exactly a day's remaining hours lands at that
//    day's end (Mon 13:00 + 4 → Mon 17:00, not Tue 09:00). n = 0 → t.
//    Local times are converted with the zone's rules of that date, so a DST
//    change keeps 09:00-17:00 local (8 h) and shifts it in UTC. A calendar
//    with no working weekday counts plain hours.
//  * Searches are bounded (kMaxScanDays); inputs beyond it saturate.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "calendar.hpp"
#include "model.hpp"

namespace pb {

inline constexpr int64_t kMaxScanDays = 366 * 50;

// The day of an instant (UTC) and the instant at a day's 00:00 UTC.
Days day_of(Instant t);
Instant start_of(Days d);

// The first working day on or after d (d itself when none within the bound).
Days next_working_day(Days d, const Calendar& cal);

// True when some weekday is a working day.
bool has_working_weekday(const Calendar& cal);

Instant add_business_days(Instant t, int64_t n, const Calendar& cal);
int64_t business_days_between(Days a, Days b, const Calendar& cal);

Instant add_days(Instant t, int64_t n);
Instant add_weeks(Instant t, int64_t n);
Instant add_hours(Instant t, int64_t n);
Instant add_months(Instant t, int64_t n);
Instant add_business_hours(Instant t, int64_t n, const Calendar& cal);

// `after N UNIT` from t: dispatches on the unit.
Instant add_duration(Instant t, int64_t n, DurationUnit unit, const Calendar& cal);

// A default calendar: Monday to Friday, no holidays.
const Calendar& default_calendar();

// "YYYY-MM-DD" → day; false unless a real calendar date.
bool parse_iso_date(std::string_view text, Days& out);
// "YYYY-MM-DD" (00:00 UTC), "YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)" → instant
// (UTC). A time without a zone is refused.
bool parse_iso_instant(std::string_view text, Instant& out);
std::string format_iso_date(Days d);        // YYYY-MM-DD
std::string format_iso_instant(Instant t);  // YYYY-MM-DDTHH:MM:SSZ

}  // namespace pb

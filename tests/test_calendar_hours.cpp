// test_calendar_hours.cpp — calendar months (the end-of-month clamp) and
// business hours (nights, weekends, holidays, the end of a working day,
// N = 0, time zones across DST changes, local dates that are not UTC dates),
// and the calendar file's `time_zone` and `working_hours`.
#include <catch2/catch.hpp>

#include "grammar/calendar_loader.hpp"
#include "model/calendar_math.hpp"
#include "model/time_zone.hpp"
#include "yaml_test_util.hpp"

using namespace pb;
using pb::test::render;

namespace {
Days D(const char* s) {
  Days d;
  REQUIRE(parse_iso_date(s, d));
  return d;
}
Instant T(const char* s) {
  Instant t;
  REQUIRE(parse_iso_instant(s, t));
  return t;
}
Calendar zoned(const char* zone, std::initializer_list<const char*> holidays = {}) {
  Calendar c;
  c.id = zone;
  c.time_zone = zone;
  c.zone = find_time_zone(zone);
  REQUIRE(c.zone);
  for (const char* h : holidays) c.holidays[D(h)] = "holiday";
  return c;
}
}  // namespace

TEST_CASE("months: the same day, clamped to the month's last day", "[calendar][months]") {
  CHECK(add_months(T("2026-01-31T10:00:00Z"), 1) == T("2026-02-28T10:00:00Z"));
  CHECK(add_months(T("2028-01-31T10:00:00Z"), 1) == T("2028-02-29T10:00:00Z"));
  CHECK(add_months(T("2028-02-29T08:15:00Z"), 12) == T("2029-02-28T08:15:00Z"));
  CHECK(add_months(T("2026-04-30T00:00:00Z"), 1) == T("2026-05-30T00:00:00Z"));
  CHECK(add_months(T("2026-11-15T12:00:00Z"), 3) == T("2027-02-15T12:00:00Z"));
  CHECK(add_months(T("2026-08-31T23:59:00Z"), 6) == T("2027-02-28T23:59:00Z"));
  CHECK(add_months(T("2026-03-31T09:00:00Z"), -1) == T("2026-02-28T09:00:00Z"));
  CHECK(add_months(T("2026-03-31T09:00:00Z"), 0) == T("2026-03-31T09:00:00Z"));
  CHECK(add_duration(T("2026-01-31T10:00:00Z"), 3, DurationUnit::Months, default_calendar()) ==
        T("2026-04-30T10:00:00Z"));
  // Saturates instead of leaving the calendar's range.
  CHECK(add_months(T("2026-01-31T10:00:00Z"), 100000000) == T("3026-01-31T10:00:00Z"));
}

TEST_CASE("business hours: 09:00-17:00 UTC by default", "[calendar][business-hours]") {
  const Calendar& c = default_calendar();
  // 2026-03-02 is a Monday.
  CHECK(add_business_hours(T("2026-03-02T13:00:00Z"), 4, c) == T("2026-03-02T17:00:00Z"));
  CHECK(add_business_hours(T("2026-03-02T13:00:00Z"), 5, c) == T("2026-03-03T10:00:00Z"));
  CHECK(add_business_hours(T("2026-03-02T07:00:00Z"), 1, c) == T("2026-03-02T10:00:00Z"));
  CHECK(add_business_hours(T("2026-03-02T20:00:00Z"), 1, c) == T("2026-03-03T10:00:00Z"));
  CHECK(add_business_hours(T("2026-03-02T17:00:00Z"), 1, c) == T("2026-03-03T10:00:00Z"));
  CHECK(add_business_hours(T("2026-03-02T09:00:00Z"), 16, c) == T("2026-03-03T17:00:00Z"));
  CHECK(add_business_hours(T("2026-03-02T09:30:00Z"), 1, c) == T("2026-03-02T10:30:00Z"));
  // Friday afternoon over the weekend; a Saturday entry.
  CHECK(add_business_hours(T("2026-03-06T15:00:00Z"), 4, c) == T("2026-03-09T11:00:00Z"));
  CHECK(add_business_hours(T("2026-03-07T12:00:00Z"), 8, c) == T("2026-03-09T17:00:00Z"));
  // N = 0 is the instant itself, even at night or on a weekend.
  CHECK(add_business_hours(T("2026-03-07T12:00:00Z"), 0, c) == T("2026-03-07T12:00:00Z"));
  CHECK(add_duration(T("2026-03-02T16:00:00Z"), 2, DurationUnit::BusinessHours, c) ==
        T("2026-03-03T10:00:00Z"));
  CHECK(add_duration(T("2026-03-02T16:00:00Z"), 2, DurationUnit::Hours, c) ==
        T("2026-03-02T18:00:00Z"));
}

TEST_CASE("business hours skip holidays", "[calendar][business-hours]") {
  Calendar c;
  c.holidays[D("2026-05-25")] = "Memorial Day";  // Monday
  CHECK(add_business_hours(T("2026-05-22T16:00:00Z"), 2, c) == T("2026-05-26T10:00:00Z"));
  CHECK(add_business_hours(T("2026-05-25T10:00:00Z"), 1, c) == T("2026-05-26T10:00:00Z"));
}

TEST_CASE("business hours with custom working hours", "[calendar][business-hours]") {
  Calendar c;
  c.work_start = 8 * 60 + 30;
  c.work_end = 12 * 60;
  CHECK(add_business_hours(T("2026-03-02T11:00:00Z"), 1, c) == T("2026-03-02T12:00:00Z"));
  CHECK(add_business_hours(T("2026-03-02T11:00:00Z"), 2, c) == T("2026-03-03T09:30:00Z"));
  CHECK(add_business_hours(T("2026-03-02T07:00:00Z"), 4, c) == T("2026-03-03T09:00:00Z"));
}

TEST_CASE("business hours in New York across both DST changes", "[calendar][business-hours]") {
  Calendar ny = zoned("America/New_York");
  // Fri 6 March 2026 is EST (09:00-17:00 = 14:00-22:00Z); Sun 8 March the
  // clocks go forward, so Mon 9 March 09:00-17:00 EDT = 13:00-21:00Z.
  CHECK(add_business_hours(T("2026-03-06T20:00:00Z"), 4, ny) == T("2026-03-09T15:00:00Z"));
  CHECK(add_business_hours(T("2026-03-06T23:00:00Z"), 1, ny) == T("2026-03-09T14:00:00Z"));
  CHECK(add_business_hours(T("2026-03-06T22:00:00Z"), 8, ny) == T("2026-03-09T21:00:00Z"));
  // Fri 30 October EDT (13:00-21:00Z); Sun 1 November back to EST (14:00-22:00Z).
  CHECK(add_business_hours(T("2026-10-30T19:00:00Z"), 3, ny) == T("2026-11-02T15:00:00Z"));
  CHECK(add_business_hours(T("2026-10-30T12:00:00Z"), 16, ny) == T("2026-11-02T22:00:00Z"));
}

TEST_CASE("business hours in Sydney: local dates, holidays, DST", "[calendar][business-hours]") {
  Calendar syd = zoned("Australia/Sydney", {"2026-04-03", "2026-04-06"});
  // Sun 1 March 23:00Z is Mon 2 March 10:00 AEDT (UTC+11): a working hour.
  CHECK(add_business_hours(T("2026-03-01T23:00:00Z"), 1, syd) == T("2026-03-02T00:00:00Z"));
  // Fri 6 March 07:00Z is Fri 18:00 local: after hours, so Mon 09:00 local.
  CHECK(add_business_hours(T("2026-03-06T07:00:00Z"), 1, syd) == T("2026-03-08T23:00:00Z"));
  // Thu 2 April 16:00 AEDT; Good Friday, the weekend (DST ends Sun 5 April)
  // and Easter Monday are skipped; Tue 7 April 09:00 AEST is 6 April 23:00Z.
  CHECK(add_business_hours(T("2026-04-02T05:00:00Z"), 2, syd) == T("2026-04-07T00:00:00Z"));
}

TEST_CASE("time zones by name", "[calendar][time-zone]") {
  CHECK(find_time_zone("Europe/Berlin"));
  CHECK_FALSE(find_time_zone("Europe/Berlinn"));
  CHECK_FALSE(find_time_zone(""));
  auto names = time_zone_names();
  CHECK(std::find(names.begin(), names.end(), "Asia/Singapore") != names.end());
}

TEST_CASE("a calendar file with a time zone and working hours", "[calendar][time-zone]") {
  Diagnostics d;
  auto c = parse_yaml_calendar(
      "calendar: AMERICAS\ntime_zone: America/New_York\nworking_hours: \"08:30-16:30\"\n",
      "calendars/AMERICAS.yaml", d);
  INFO(render(d));
  REQUIRE(c);
  CHECK(d.empty());
  CHECK(c->time_zone == "America/New_York");
  CHECK(c->zone == find_time_zone("America/New_York"));
  CHECK((c->work_start == 8 * 60 + 30 && c->work_end == 16 * 60 + 30));
  auto plain = parse_yaml_calendar("calendar: X\n", "x.yaml", d);
  REQUIRE(plain);
  CHECK((plain->zone == nullptr && plain->work_start == 9 * 60 && plain->work_end == 17 * 60));
}

TEST_CASE("calendar time zone and working hours errors", "[calendar][time-zone]") {
  Diagnostics d;
  parse_yaml_calendar("calendar: EMEA\ntime_zone: Europe/Londn\nworking_hours: \"17:00-09:00\"\n",
                      "c.yaml", d);
  d.sort();
  CHECK(render(d) ==
        "2:12 PB090 unknown time zone 'Europe/Londn': use an IANA name such as "
        "America/New_York, Europe/London or Australia/Sydney | did you mean 'Europe/London'?\n"
        "3:16 PB090 'working_hours' must be \"HH:MM-HH:MM\" with the start before the end, "
        "e.g. \"09:00-17:00\"; got '17:00-09:00'\n");
  Diagnostics d2;
  parse_yaml_calendar("calendar: EMEA\nworking_hours: \"9-17\"\nworkng_hours: x\n", "c.yaml", d2);
  d2.sort();
  CHECK(render(d2) ==
        "2:16 PB090 'working_hours' must be \"HH:MM-HH:MM\" with the start before the end, "
        "e.g. \"09:00-17:00\"; got '9-17'\n"
        "3:1 PB010 unknown key 'workng_hours' in the calendar file | did you mean "
        "'working_hours'?\n");
}

// test_calendar_math.cpp — business-day arithmetic (interpreter/calendar_math):
// year ends, Monday and Friday holidays, weekend entries, leap days, the
// 2026/2027 US holidays, and ISO parsing.
#include <catch2/catch.hpp>

#include "model/calendar_math.hpp"

using namespace pb;

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
// A US-like calendar with the 2026 and 2027 federal holidays (observed dates).
Calendar americas() {
  Calendar c;
  c.id = "AMERICAS";
  for (const char* h :
       {"2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03",
        "2026-09-07", "2026-11-26", "2026-12-25", "2027-01-01", "2027-01-18", "2027-05-31",
        "2027-07-05", "2027-09-06", "2027-11-25", "2027-12-24", "2027-12-31"})
    c.holidays[D(h)] = "holiday";
  return c;
}
}  // namespace

TEST_CASE("plain weekdays keep the time of day", "[calendar]") {
  const Calendar& c = default_calendar();
  CHECK(add_business_days(T("2026-03-02T10:30:00Z"), 2, c) == T("2026-03-04T10:30:00Z"));
  CHECK(add_business_days(T("2026-03-06T10:00:00Z"), 2, c) == T("2026-03-10T10:00:00Z"));
  CHECK(add_business_days(T("2026-03-06T10:00:00Z"), 0, c) == T("2026-03-06T10:00:00Z"));
  CHECK(add_business_days(T("2026-03-06T10:00:00Z"), 5, c) == T("2026-03-13T10:00:00Z"));
}

TEST_CASE("an entry on a weekend counts from the next working day's start", "[calendar]") {
  const Calendar& c = default_calendar();
  CHECK(add_business_days(T("2026-03-07T15:00:00Z"), 2, c) == T("2026-03-11T00:00:00Z"));
  CHECK(add_business_days(T("2026-03-08T23:59:59Z"), 1, c) == T("2026-03-10T00:00:00Z"));
  CHECK(add_business_days(T("2026-03-07T15:00:00Z"), 0, c) == T("2026-03-09T00:00:00Z"));
}

TEST_CASE("holidays on Mondays and Fridays are skipped", "[calendar]") {
  Calendar c = americas();
  // Fri 2026-01-16 + 1 skips the weekend and MLK Monday 2026-01-19.
  CHECK(add_business_days(T("2026-01-16T09:00:00Z"), 1, c) == T("2026-01-20T09:00:00Z"));
  // Entry on MLK day itself counts from Tuesday 00:00.
  CHECK(add_business_days(T("2026-01-19T12:00:00Z"), 1, c) == T("2026-01-21T00:00:00Z"));
  // Thu 2026-07-02 + 1: Friday 07-03 is the observed Independence Day.
  CHECK(add_business_days(T("2026-07-02T08:00:00Z"), 1, c) == T("2026-07-06T08:00:00Z"));
  // Thu 2027-12-23 + 1: Fri 12-24 is a holiday.
  CHECK(add_business_days(T("2027-12-23T08:00:00Z"), 1, c) == T("2027-12-27T08:00:00Z"));
}

TEST_CASE("year ends", "[calendar]") {
  Calendar c = americas();
  // Thu 2026-12-24 + 2: Fri 12-25 holiday, weekend, Mon 12-28, Tue 12-29.
  CHECK(add_business_days(T("2026-12-24T10:00:00Z"), 2, c) == T("2026-12-29T10:00:00Z"));
  // Wed 2026-12-30 + 2: Thu 12-31, (Fri 2027-01-01 holiday), Mon 2027-01-04.
  CHECK(add_business_days(T("2026-12-30T10:00:00Z"), 2, c) == T("2027-01-04T10:00:00Z"));
  // Thu 2027-12-30 + 1: Fri 12-31 (observed New Year), weekend → Mon 2028-01-03.
  CHECK(add_business_days(T("2027-12-30T10:00:00Z"), 1, c) == T("2028-01-03T10:00:00Z"));
  CHECK(business_days_between(D("2026-12-24"), D("2027-01-04"), c) == 5);  // 12-28..31, 01-04
}

TEST_CASE("leap days", "[calendar]") {
  const Calendar& c = default_calendar();
  // 2028-02-28 is a Monday, 02-29 a Tuesday.
  CHECK(add_business_days(T("2028-02-28T10:00:00Z"), 1, c) == T("2028-02-29T10:00:00Z"));
  CHECK(add_business_days(T("2028-02-29T10:00:00Z"), 3, c) == T("2028-03-03T10:00:00Z"));
  CHECK(add_days(T("2028-02-28T10:00:00Z"), 2) == T("2028-03-01T10:00:00Z"));
  CHECK(business_days_between(D("2028-02-25"), D("2028-03-01"), c) == 3);
  Days d;
  CHECK(parse_iso_date("2028-02-29", d));
  CHECK_FALSE(parse_iso_date("2027-02-29", d));
}

TEST_CASE("business_days_between is the inverse of add_business_days", "[calendar]") {
  Calendar c = americas();
  Instant start = T("2026-01-02T09:00:00Z");
  for (int n = 0; n < 400; n += 7) {
    Instant end = add_business_days(start, n, c);
    CHECK(business_days_between(day_of(start), day_of(end), c) == n);
    CHECK(business_days_between(day_of(end), day_of(start), c) == -n);
    CHECK(add_business_days(end, -n, c) == start);
  }
}

TEST_CASE("plain units are calendar time", "[calendar]") {
  const Calendar& c = default_calendar();
  Instant sat = T("2026-03-07T15:00:00Z");
  CHECK(add_duration(sat, 30, DurationUnit::Days, c) == T("2026-04-06T15:00:00Z"));
  CHECK(add_duration(sat, 1, DurationUnit::Weeks, c) == T("2026-03-14T15:00:00Z"));
  CHECK(add_duration(sat, 10, DurationUnit::Hours, c) == T("2026-03-08T01:00:00Z"));
  CHECK(add_duration(sat, 1, DurationUnit::BusinessDays, c) == T("2026-03-10T00:00:00Z"));
}

TEST_CASE("a calendar without working days never searches forever", "[calendar]") {
  Calendar c;
  c.working.fill(false);
  CHECK(add_business_days(T("2026-03-07T15:00:00Z"), 2, c) == T("2026-03-09T15:00:00Z"));
  CHECK(business_days_between(D("2026-03-01"), D("2026-03-05"), c) == 4);
}

TEST_CASE("ISO instants", "[calendar]") {
  Instant t;
  CHECK(parse_iso_instant("2026-03-07T15:00:00+02:00", t));
  CHECK(format_iso_instant(t) == "2026-03-07T13:00:00Z");
  CHECK(parse_iso_instant("2026-03-07", t));
  CHECK(format_iso_instant(t) == "2026-03-07T00:00:00Z");
  CHECK_FALSE(parse_iso_instant("2026-03-07T25:00", t));
  CHECK_FALSE(parse_iso_instant("2026-13-07", t));
  CHECK_FALSE(parse_iso_instant("", t));
  CHECK_FALSE(parse_iso_instant("2026-03-07Tx", t));
}

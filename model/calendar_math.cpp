// calendar_math.cpp — business-day arithmetic and ISO date parsing; the
// contract is in calendar_math.hpp.
#include "calendar_math.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace pb {

using std::chrono::days;
using std::chrono::hours;

Days day_of(Instant t) { return std::chrono::floor<days>(t); }
Instant start_of(Days d) { return Instant{d.time_since_epoch()}; }

bool has_working_weekday(const Calendar& cal) {
  for (bool w : cal.working)
    if (w) return true;
  return false;
}

Days next_working_day(Days d, const Calendar& cal) {
  for (int64_t i = 0; i < kMaxScanDays; ++i) {
    Days c = d + days{i};
    if (cal.is_working(c)) return c;
  }
  return d;
}

static Days step_working_days(Days d, int64_t n, const Calendar& cal) {
  const int64_t dir = n >= 0 ? 1 : -1;
  int64_t left = n >= 0 ? n : -n;
  for (int64_t scanned = 0; left > 0 && scanned < kMaxScanDays; ++scanned) {
    d += days{dir};
    if (cal.is_working(d)) --left;
  }
  return d;
}

Instant add_business_days(Instant t, int64_t n, const Calendar& cal) {
  if (!has_working_weekday(cal)) return add_days(t, n);
  Days d = day_of(t);
  Instant from = t;
  if (!cal.is_working(d)) {
    d = next_working_day(d, cal);
    from = start_of(d);
  }
  auto time_of_day = from - start_of(d);
  return start_of(step_working_days(d, n, cal)) + time_of_day;
}

int64_t business_days_between(Days a, Days b, const Calendar& cal) {
  if (b < a) return -business_days_between(b, a, cal);
  if (!has_working_weekday(cal)) return (b - a).count();
  int64_t count = 0, scanned = 0;
  for (Days d = a + days{1}; d <= b && scanned < kMaxScanDays; d += days{1}, ++scanned)
    if (cal.is_working(d)) ++count;
  return count;
}

Instant add_days(Instant t, int64_t n) { return t + days{n}; }
Instant add_weeks(Instant t, int64_t n) { return t + days{7 * n}; }
Instant add_hours(Instant t, int64_t n) { return t + hours{n}; }

Instant add_months(Instant t, int64_t n) {
  using namespace std::chrono;
  constexpr int64_t kMaxMonths = 12000;
  n = std::clamp<int64_t>(n, -kMaxMonths, kMaxMonths);
  Days d = day_of(t);
  auto time_of_day = t - start_of(d);
  year_month_day ymd{d};
  year_month ym = ymd.year() / ymd.month() + months{n};
  day last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
  return start_of(Days{ym / std::min(ymd.day(), last)}) + time_of_day;
}

Instant add_duration(Instant t, int64_t n, DurationUnit unit, const Calendar& cal) {
  switch (unit) {
    case DurationUnit::BusinessDays: return add_business_days(t, n, cal);
    case DurationUnit::Days: return add_days(t, n);
    case DurationUnit::Weeks: return add_weeks(t, n);
    case DurationUnit::Hours: return add_hours(t, n);
    case DurationUnit::Months: return add_months(t, n);
    case DurationUnit::BusinessHours: return add_business_hours(t, n, cal);
  }
  return t;
}

const Calendar& default_calendar() {
  static const Calendar cal = [] {
    Calendar c;
    c.id = "default";
    return c;
  }();
  return cal;
}

// Reads exactly `width` digits at text[pos].
static bool read_num(std::string_view text, size_t pos, size_t width, int& out) {
  if (pos + width > text.size()) return false;
  for (size_t i = pos; i < pos + width; ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  std::from_chars(text.data() + pos, text.data() + pos + width, out);
  return true;
}

bool parse_iso_date(std::string_view text, Days& out) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  if (!read_num(text, 0, 4, y) || !read_num(text, 5, 2, m) || !read_num(text, 8, 2, d))
    return false;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                  std::chrono::day{unsigned(d)}};
  if (!ymd.ok()) return false;
  out = Days{ymd};
  return true;
}

// Parses "Z|±HH:MM" at text[pos..]; offset in seconds east of UTC. A time
// without a zone is refused: it would be read in an unknown zone.
static bool parse_zone(std::string_view rest, int& offset) {
  offset = 0;
  if (rest == "Z" || rest == "z") return true;
  int hh = 0, mm = 0;
  if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':') return false;
  if (!read_num(rest, 1, 2, hh) || !read_num(rest, 4, 2, mm) || hh > 23 || mm > 59) return false;
  offset = (hh * 3600 + mm * 60) * (rest[0] == '-' ? -1 : 1);
  return true;
}

bool parse_iso_instant(std::string_view text, Instant& out) {
  Days d;
  if (text.size() < 10 || !parse_iso_date(text.substr(0, 10), d)) return false;
  if (text.size() == 10) {
    out = start_of(d);
    return true;
  }
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return false;
  int hh = 0, mi = 0, ss = 0;
  if (!read_num(text, 11, 2, hh) || text.size() < 16 || text[13] != ':' ||
      !read_num(text, 14, 2, mi))
    return false;
  size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    if (!read_num(text, pos + 1, 2, ss)) return false;
    pos += 3;
  }
  int offset = 0;
  if (hh > 23 || mi > 59 || ss > 60 || !parse_zone(text.substr(pos), offset)) return false;
  out = start_of(d) + std::chrono::seconds{hh * 3600 + mi * 60 + ss - offset};
  return true;
}

std::string format_iso_date(Days d) {
  std::chrono::year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()),
                     unsigned(ymd.day()));
}

std::string format_iso_instant(Instant t) {
  Days d = day_of(t);
  auto secs = (t - start_of(d)).count();
  return fmt::format("{}T{:02}:{:02}:{:02}Z", format_iso_date(d), secs / 3600, secs / 60 % 60,
                     secs % 60);
}

}  // namespace pb

// business_hours.cpp — working-hour arithmetic in a calendar's time zone
// (add_business_hours, contract in calendar_math.hpp) and the lookup of a
// time zone by name (time_zone.hpp). The arithmetic only converts between UTC
// and a zone whose rules find_time_zone already loaded: it reads no files.
#include <date/tz.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "calendar_math.hpp"
#include "time_zone.hpp"

namespace pb {

struct TimeZone {
  const date::time_zone* tz;
};

namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::seconds;

date::local_seconds to_local(Instant t, const TimeZone* z) {
  if (!z) return date::local_seconds{t.time_since_epoch()};
  return z->tz->to_local(t);
}

Instant to_sys(date::local_seconds l, const TimeZone* z) {
  if (!z) return Instant{l.time_since_epoch()};
  return z->tz->to_sys(l, date::choose::earliest);  // a time skipped by DST: the change itself
}

}  // namespace

Instant add_business_hours(Instant t, int64_t n, const Calendar& cal) {
  if (n <= 0) return t;
  if (!has_working_weekday(cal)) return add_hours(t, n);
  seconds left = std::chrono::hours{n};
  auto ld = std::chrono::floor<days>(to_local(t, cal.zone));
  for (int64_t i = 0; i < kMaxScanDays; ++i, ld += days{1}) {
    if (!cal.is_working(Days{ld.time_since_epoch()})) continue;
    Instant start = to_sys(ld + minutes{cal.work_start}, cal.zone);
    Instant end = to_sys(ld + minutes{cal.work_end}, cal.zone);
    Instant from = std::max(t, start);
    if (from >= end) continue;
    if (end - from >= left) return from + left;
    left -= end - from;
  }
  return t + left;
}

const TimeZone* find_time_zone(std::string_view name) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<TimeZone>, std::less<>> found;
  std::lock_guard lock(mu);
  if (auto it = found.find(name); it != found.end()) return it->second.get();
  try {
    const date::time_zone* z = date::locate_zone(name);
    z->get_info(date::sys_seconds{});  // loads the zone's rules now, not in the evaluator
    return found.emplace(std::string(name), std::make_unique<TimeZone>(TimeZone{z}))
        .first->second.get();
  } catch (const std::exception&) {
    return nullptr;
  }
}

std::vector<std::string> time_zone_names() {
  std::vector<std::string> out;
  try {
    const auto& db = date::get_tzdb();
    for (const auto& z : db.zones) out.emplace_back(z.name());
  } catch (const std::exception&) {}
  return out;
}

}  // namespace pb

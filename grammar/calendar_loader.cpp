// calendar_loader.cpp — calendars/*.yaml → pb::Calendar (calendar_loader.hpp).
#include "calendar_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "model/time_zone.hpp"
#include "yaml_internal.hpp"

namespace pb {

namespace {

using yaml::Field;
using yaml::Reader;

const std::vector<std::string> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const std::vector<std::string> kLongDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                            "Thursday", "Friday", "Saturday"};

void read_working_days(Reader& r, const Field& f, Calendar& c) {
  auto items = r.list(f);
  if (!items) return;
  c.working.fill(false);
  for (const auto& it : *items) {
    std::string d;
    if (!r.str(it, d)) continue;
    auto pos = std::find(kDays.begin(), kDays.end(), d);
    auto lpos = std::find(kLongDays.begin(), kLongDays.end(), d);
    if (pos != kDays.end())
      c.working[pos - kDays.begin()] = true;
    else if (lpos != kLongDays.end())
      c.working[lpos - kLongDays.begin()] = true;
    else
      r.invalid(it.loc, fmt::format("unknown weekday '{}'; write Mon, Tue, … Sun", d),
                did_you_mean(d, kDays));
  }
}

std::optional<Days> parse_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  using namespace std::chrono;
  year_month_day ymd{year{std::stoi(s.substr(0, 4))},
                     month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
                     day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

void read_holidays(Reader& r, const Field& f, Calendar& c) {
  for (const auto& it : yaml::items(r, f, "holiday")) {
    std::string date, name;
    auto df = r.get(it, "date", true);
    yaml::read_key(r, it, "name", name, yaml::str, true);
    if (!df || !r.str(*df, date)) continue;
    auto d = parse_date(date);
    if (!d) {
      r.invalid(df->loc, fmt::format("'date' must be a real date YYYY-MM-DD; got '{}'", date));
      continue;
    }
    if (!c.holidays.emplace(*d, name).second)
      r.diags.error(df->loc, LintCode::DuplicateId, fmt::format("holiday {} listed twice", date));
  }
}

// "HH:MM" → minutes after midnight (00:00..24:00); -1 when not a time.
int parse_clock(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return -1;
  for (size_t i : {0, 1, 3, 4})
    if (s[i] < '0' || s[i] > '9') return -1;
  int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return -1;
  return h * 60 + m;
}

void read_working_hours(Reader& r, const Field& f, Calendar& c) {
  std::string text;
  if (!r.str(f, text)) return;
  std::string_view s = text;
  size_t dash = s.find('-');
  int start = dash == std::string_view::npos ? -1 : parse_clock(s.substr(0, dash));
  int end = dash == std::string_view::npos ? -1 : parse_clock(s.substr(dash + 1));
  if (start < 0 || end < 0 || start >= end) {
    r.invalid(f.loc, fmt::format("'working_hours' must be \"HH:MM-HH:MM\" with the start "
                                 "before the end, e.g. \"09:00-17:00\"; got '{}'",
                                 text));
    return;
  }
  c.work_start = start;
  c.work_end = end;
}

void read_time_zone(Reader& r, const Field& f, Calendar& c) {
  if (!r.str(f, c.time_zone)) return;
  c.zone = find_time_zone(c.time_zone);
  if (!c.zone)
    r.invalid(f.loc,
              fmt::format("unknown time zone '{}': use an IANA name such as "
                          "America/New_York, Europe/London or Australia/Sydney",
                          c.time_zone),
              did_you_mean(c.time_zone, time_zone_names()));
}

bool id_char(char ch) {
  return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-' || ch == '.';
}

// The plain word after `calendar: ` on a line (a comment may follow), or "".
std::string_view id_of_line(std::string_view line) {
  std::string_view rest = line.substr(std::string_view("calendar: ").size());
  size_t begin = rest.find_first_not_of(' ');
  if (begin == std::string_view::npos) return {};
  size_t end = begin;
  while (end < rest.size() && id_char(rest[end])) ++end;
  size_t after = rest.find_first_not_of(' ', end);
  if (after != std::string_view::npos && !(rest[after] == '#' && after > end)) return {};
  return rest.substr(begin, end - begin);
}

// A line that may make the root something `calendar: ID` lines do not see:
// a document marker or directive, a flow or quoted or explicit key, a tag,
// an anchor or alias, a block scalar, a byte order mark.
bool unsure_line(std::string_view line) {
  if (line.starts_with("---") || line.starts_with("...")) return true;
  return !line.empty() &&
         std::string_view("%{[\"'?&*!|>\xEF").find(line[0]) != std::string_view::npos;
}

}  // namespace

std::optional<std::string> scan_calendar_id(std::string_view text) {
  std::string_view id;
  bool after_id = false;  // the line before (blank lines aside) was the `calendar:` one
  for (size_t at = 0; at < text.size();) {
    size_t end = std::min(text.find('\n', at), text.size());
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (after_id && (line[0] == ' ' || line[0] == '\t')) return std::nullopt;  // continued?
    after_id = false;
    if (unsure_line(line)) return std::nullopt;
    if (!line.starts_with("calendar")) continue;
    if (!id.empty() || !line.starts_with("calendar: ")) return std::nullopt;
    id = id_of_line(line);
    if (id.empty()) return std::nullopt;
    after_id = true;
  }
  if (id.empty()) return std::nullopt;
  return std::string(id);
}

std::optional<Calendar> parse_yaml_calendar(std::string_view text, const std::string& filename,
                                            Diagnostics& diags) {
  auto doc = yaml::load_document(text, filename, diags);
  if (!doc) return std::nullopt;
  Reader r(text, filename, diags);
  Field root = r.root(*doc, "the calendar file");
  if (!r.mapping(root, yaml::keys("calendar_file"))) return std::nullopt;
  Calendar c;
  c.loc = root.loc;
  yaml::read_key(r, root, "calendar", c.id, yaml::str, true);
  yaml::read_key(r, root, "country", c.country, yaml::str);
  if (auto w = r.get(root, "working_days")) read_working_days(r, *w, c);
  if (auto z = r.get(root, "time_zone")) read_time_zone(r, *z, c);
  if (auto h = r.get(root, "working_hours")) read_working_hours(r, *h, c);
  if (auto h = r.get(root, "holidays")) read_holidays(r, *h, c);
  return c;
}

}  // namespace pb

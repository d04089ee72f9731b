// calendar_loader.cpp — calendars/*.yaml → pb::Calendar (calendar_loader.hpp).
#include "calendar_loader.hpp"

#include <fmt/format.h>

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

}  // namespace

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
  if (auto h = r.get(root, "holidays")) read_holidays(r, *h, c);
  return c;
}

}  // namespace pb

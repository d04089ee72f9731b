// calendar_finder.cpp — calendars by id, parsed only when they may be the
// one asked for (calendar_finder.hpp).
#include "source/calendar_finder.hpp"

#include "grammar/calendar_loader.hpp"
#include "grammar/loader.hpp"

namespace pb::src {

CalendarFinder::CalendarFinder(std::vector<std::string> files) {
  for (auto& path : files) files_.push_back(File{std::move(path), {}, {}, false, false, {}});
}

const Calendar* CalendarFinder::parse(File& f) {
  if (!f.parsed) {
    f.parsed = true;
    Diagnostics dropped;
    f.calendar = parse_yaml_calendar(*f.text, f.path, dropped);
  }
  return f.calendar ? &*f.calendar : nullptr;
}

const Calendar* CalendarFinder::find(const std::string& id) {
  if (auto it = found_.find(id); it != found_.end()) return it->second;
  const Calendar* out = nullptr;
  for (auto& f : files_) {
    if (!f.text) {
      Diagnostics dropped;
      std::string text;
      f.readable = read_file(f.path, text, dropped);
      f.text = std::move(text);
      if (f.readable) f.sure_id = scan_calendar_id(*f.text);
    }
    if (!f.readable || (f.sure_id && *f.sure_id != id)) continue;
    if (const Calendar* c = parse(f); c && c->id == id) {
      out = c;
      break;
    }
  }
  return found_[id] = out;
}

}  // namespace pb::src

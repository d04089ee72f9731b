// test_calendar_finder.cpp — a calendar by id without loading every
// calendar file (source/calendar_finder.hpp, scan_calendar_id in
// grammar/calendar_loader.hpp): the id is read off the text only when
// certain, and the finder gives what the whole directory loaded gives —
// broken files, duplicate ids and files it cannot be sure of included.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "grammar/calendar_loader.hpp"
#include "grammar/loader.hpp"
#include "source/calendar_finder.hpp"

namespace {

namespace fs = std::filesystem;

struct CalDir {
  fs::path dir;
  CalDir() {
    std::random_device rd;
    dir = fs::temp_directory_path() / ("pbcal-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir / "calendars");
  }
  ~CalDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / "calendars" / name) << text;
  }
  std::vector<std::string> files() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir / "calendars"))
      out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

std::string cal(const std::string& id, const std::string& holiday) {
  return "calendar: " + id + "\ncountry: X\nholidays:\n  - {date: " + holiday + ", name: H}\n";
}

// What the whole directory loaded picks for `id`: the first calendar of that id.
const pb::Calendar* loaded_pick(const pb::LoadResult& l, const std::string& id) {
  for (const auto& c : l.project.calendars)
    if (c.id == id) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("scan_calendar_id: sure only of one plain `calendar: ID` line", "[calendar-finder]") {
  using pb::scan_calendar_id;
  CHECK(scan_calendar_id("# c\ncalendar: EMEA\ncountry: UK\n") == "EMEA");
  CHECK(scan_calendar_id("calendar: EMEA   # the region\r\nholidays: []\n") == "EMEA");
  CHECK(scan_calendar_id("country: UK\n\ncalendar: APJ-2.x\n") == "APJ-2.x");
  CHECK_FALSE(scan_calendar_id("country: UK\n"));                         // no id
  CHECK_FALSE(scan_calendar_id("calendar: A\ncalendar: B\n"));            // twice
  CHECK_FALSE(scan_calendar_id("calendar: EM\n  EA\n"));                  // continued
  CHECK_FALSE(scan_calendar_id("calendar: EM\n\n  EA\n"));                // continued
  CHECK_FALSE(scan_calendar_id("calendar: \"EMEA\"\n"));                  // quoted
  CHECK_FALSE(scan_calendar_id("calendar: &a EMEA\n"));                   // anchor
  CHECK_FALSE(scan_calendar_id("calendar: EMEA x\n"));                    // not one word
  CHECK_FALSE(scan_calendar_id("calendar:\n  EMEA\n"));                   // value below
  CHECK_FALSE(scan_calendar_id("calendar : EMEA\n"));                     // spaced key
  CHECK_FALSE(scan_calendar_id("\"calendar\": X\ncalendar: EMEA\n"));     // quoted key
  CHECK_FALSE(scan_calendar_id("{calendar: X}\n"));                       // flow root
  CHECK_FALSE(scan_calendar_id("? calendar\n: X\ncalendar: EMEA\n"));     // explicit key
  CHECK_FALSE(scan_calendar_id("calendar: EMEA\n---\ncalendar: APJ\n"));  // documents
  CHECK_FALSE(
      scan_calendar_id("\xEF\xBB\xBF"
                       "calendar: EMEA\n"));  // byte order mark
  CHECK_FALSE(scan_calendar_id("calendars: EMEA\n"));
}

TEST_CASE("calendar finder: gives what loading every calendar gives", "[calendar-finder]") {
  CalDir d;
  d.write("a-broken.yaml", "calendar: EMEA\nholidays: [\n");  // does not parse: not EMEA
  d.write("b.yaml", cal("EMEA", "2026-12-25"));
  d.write("c.yaml", cal("EMEA", "2026-12-26"));  // a second EMEA: the first wins
  d.write("d.yaml", "{calendar: APJ, holidays: [{date: 2026-01-26, name: A}]}\n");  // not sure
  d.write("e.yaml",
          "calendar: AMER\nholidays:\n  - {date: 2026-02-30, name: Bad}\n"
          "  - {date: 2026-07-04, name: Ind}\n");  // errors, yet a calendar
  d.write("f.yml", cal("APJ", "2026-04-25"));

  pb::Diagnostics diags;
  auto loaded = pb::load_paths(d.files(), diags);
  REQUIRE(diags.has_errors());
  pb::src::CalendarFinder finder(d.files());
  for (const char* id : {"EMEA", "APJ", "AMER", "NONE", "EMEA"}) {
    INFO(id);
    const pb::Calendar* want = loaded_pick(loaded, id);
    const pb::Calendar* got = finder.find(id);
    REQUIRE((want == nullptr) == (got == nullptr));
    if (!want) continue;
    CHECK(got->id == want->id);
    CHECK(got->holidays == want->holidays);
    CHECK(got->working == want->working);
    CHECK(got->loc.str() == want->loc.str());
  }
  CHECK(finder.find("EMEA") == finder.find("EMEA"));  // the same calendar, found once
}

TEST_CASE("calendar finder: an unreadable or missing file is no calendar", "[calendar-finder]") {
  CalDir d;
  d.write("b.yaml", cal("EMEA", "2026-12-25"));
  pb::src::CalendarFinder finder({(d.dir / "calendars" / "gone.yaml").string(),
                                  (d.dir / "calendars").string(),
                                  (d.dir / "calendars" / "b.yaml").string()});
  const pb::Calendar* c = finder.find("EMEA");
  REQUIRE(c);
  CHECK(c->loc.filename() == (d.dir / "calendars" / "b.yaml").string());
  CHECK_FALSE(finder.find("APJ"));
}

// test_playbooks_dir.cpp — the shipped playbooks/ directory: it lints clean
// with --werror, holds the five seeds' playbooks, the shared schema and the
// three regional calendars (every holiday a working weekday, key observed
// dates present), and the sample tenants only use attributes of the schema
// with values of their types.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "grammar/loader.hpp"
#include "run_binary.hpp"

namespace fs = std::filesystem;
using namespace std::chrono;

namespace {

const fs::path kDir = fs::path(PB_SOURCE_DIR) / "playbooks";

pb::Project load_dir() {
  pb::Diagnostics diags;
  auto r = pb::load_paths({kDir.string()}, diags);
  return r.project;
}

pb::Days ymd(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / month{m} / std::chrono::day{d}};
}

// Whether the YAML scalar `text` is a value of `type` (bool, int, date,
// enum value; any string).
bool fits(const pb::Type& type, const std::string& text) {
  switch (type.kind) {
    case pb::TypeKind::Bool: return text == "true" || text == "false";
    case pb::TypeKind::Int:
      return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
    case pb::TypeKind::Date: {
      int y = 0;
      unsigned m = 0, d = 0;
      if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3)
        return false;
      return year_month_day{year{y}, month{m}, std::chrono::day{d}}.ok();
    }
    case pb::TypeKind::Enum:
      return std::find(type.values.begin(), type.values.end(), text) != type.values.end();
    default: return true;
  }
}

}  // namespace

TEST_CASE("playbooks/: lint --werror is clean", "[playbooks]") {
  auto r = pbtest::run_playbook(kDir, "lint --werror .");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK(r.out.empty());
}

TEST_CASE("playbooks/: the five seeds, the schema and three calendars", "[playbooks]") {
  auto pj = load_dir();
  for (const char* id : {"customer-engagement", "engage-customer-document-intent",
                         "re-engagement-team-disengaged", "assign-to-delivery"})
    CHECK(pj.playbook(id) != nullptr);
  REQUIRE(pj.schema);
  CHECK(pj.schema->rules.size() >= 3);  // the ESD rules of seed 003
  for (const char* cal : {"AMERICAS", "EMEA", "APJ"}) {
    const pb::Calendar* c = pj.calendar(cal);
    REQUIRE(c != nullptr);
    int in_2026 = 0, in_2027 = 0;
    for (const auto& [d, name] : c->holidays) {
      year_month_day ymd{d};
      in_2026 += ymd.year() == year{2026};
      in_2027 += ymd.year() == year{2027};
      unsigned wd = weekday{d}.c_encoding();
      bool weekend_anzac = std::string(cal) == "APJ" && name == "Anzac Day";
      INFO(cal << " " << name);
      CHECK((weekend_anzac || (wd >= 1 && wd <= 5)));
    }
    CHECK(in_2026 >= 7);
    CHECK(in_2027 >= 7);
  }
  CHECK(pj.calendar("AMERICAS")->holidays.contains(ymd(2026, 7, 3)));    // July 4th on a Saturday
  CHECK(pj.calendar("AMERICAS")->holidays.contains(ymd(2027, 12, 31)));  // New Year 2028 observed
  CHECK(pj.calendar("EMEA")->holidays.contains(ymd(2026, 12, 28)));      // Boxing Day substitute
  CHECK(pj.calendar("EMEA")->holidays.contains(ymd(2027, 3, 26)));       // Good Friday
  CHECK(pj.calendar("APJ")->holidays.contains(ymd(2027, 1, 26)));        // Australia Day
  CHECK(pj.calendar("APJ")->holidays.contains(ymd(2027, 12, 28)));       // Boxing Day substitute
}

TEST_CASE("playbooks/samples: attributes of the schema, values of their types", "[playbooks]") {
  auto pj = load_dir();
  REQUIRE(pj.schema);
  auto attr = [&](const std::string& n) -> const pb::Attribute* {
    for (const auto& a : pj.schema->attributes)
      if (a.name == n) return &a;
    return nullptr;
  };
  int files = 0;
  for (const auto& e : fs::directory_iterator(kDir / "samples")) {
    if (e.path().extension() != ".yaml") continue;
    ++files;
    YAML::Node doc = YAML::LoadFile(e.path().string());
    CHECK(doc["tenant"].IsScalar());
    for (const auto& kv : doc["attributes"]) {
      auto name = kv.first.as<std::string>();
      INFO(e.path().filename() << ": " << name);
      const pb::Attribute* a = attr(name);
      REQUIRE(a != nullptr);
      if (a->type.kind == pb::TypeKind::Contacts) {
        for (const auto& c : kv.second) CHECK(c["name"].IsScalar());
      } else if (a->type.kind == pb::TypeKind::Records) {
        for (const auto& rec : kv.second)
          for (const auto& f : rec.second) {
            auto field = f.first.as<std::string>();
            auto it = std::find_if(a->type.fields.begin(), a->type.fields.end(),
                                   [&](const pb::Attribute& x) { return x.name == field; });
            REQUIRE(it != a->type.fields.end());
            CHECK(fits(it->type, f.second.as<std::string>()));
          }
      } else {
        CHECK(fits(a->type, kv.second.as<std::string>()));
      }
    }
  }
  CHECK(files == 3);
}

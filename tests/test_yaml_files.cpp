// test_yaml_files.cpp — the tenant schema file, calendar files and
// load_paths over files and directories.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "grammar/calendar_loader.hpp"
#include "grammar/frontend.hpp"
#include "grammar/loader.hpp"
#include "yaml_test_util.hpp"

using namespace pb;
using pb::test::render;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system temp dir, removed at scope exit.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("pb_yaml_" + std::to_string(reinterpret_cast<uintptr_t>(this)) + "_" +
            std::to_string(std::rand()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& rel, const std::string& text) const {
    fs::path p = path / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
};

}  // namespace

TEST_CASE("a tenant schema file loads attributes and rules") {
  Diagnostics d;
  auto s = parse_yaml_schema(
      "# The shared schema.\nschema: tenant\nattributes:\n  managed: {type: bool}\n"
      "  region: {type: enum, values: [AMERICAS, EMEA, APJ], calendar: true}\n"
      "rules:\n  - {id: r, message: M, on: {set: tenant.region}, require: tenant.managed}\n",
      "tenant.schema.yaml", d);
  INFO(render(d));
  REQUIRE(s);
  CHECK(d.empty());
  CHECK(s->comments.lines == std::vector<std::string>{"The shared schema."});
  REQUIRE(s->attributes.size() == 2);
  CHECK(s->attributes[1].calendar);
  CHECK(s->attributes[1].type.values.size() == 3);
  REQUIRE(s->rules.size() == 1);
  CHECK(s->rules[0].on == RuleOn::Set);
}

TEST_CASE("schema file errors") {
  Diagnostics d;
  parse_yaml_schema("schema: tenat\natributes: {}\n", "s.yaml", d);
  d.sort();
  CHECK(render(d) ==
        "1:9 PB090 'schema' must be 'tenant'; got 'tenat'\n"
        "2:1 PB010 unknown key 'atributes' in the schema file | did you mean 'attributes'?\n");
  Diagnostics d2;
  parse_yaml_schema("attributes: {}\n", "s.yaml", d2);
  CHECK(render(d2) == "1:1 PB014 the schema file needs the key 'schema'\n");
}

TEST_CASE("a calendar file loads working days and holidays") {
  Diagnostics d;
  auto c = parse_yaml_calendar(
      "calendar: AMERICAS\ncountry: United States\nworking_days: [Mon, Tue, Wed, Thu, Fri]\n"
      "holidays:\n  - {date: 2026-01-01, name: \"New Year's Day\"}\n"
      "  - {date: 2026-07-03, name: Independence Day (observed)}\n",
      "calendars/americas.yaml", d);
  INFO(render(d));
  REQUIRE(c);
  CHECK(d.empty());
  CHECK(c->id == "AMERICAS");
  CHECK(c->country == "United States");
  using namespace std::chrono;
  CHECK(c->holidays.at(sys_days{2026y / January / 1}) == "New Year's Day");
  CHECK_FALSE(c->is_working(sys_days{2026y / July / 3}));
  CHECK_FALSE(c->is_working(sys_days{2026y / July / 4}));  // Saturday
  CHECK(c->is_working(sys_days{2026y / July / 6}));
}

TEST_CASE("calendar file errors") {
  Diagnostics d;
  parse_yaml_calendar(
      "calendar: EMEA\nworking_days: [Mon, Tues, Sat]\nholidays:\n"
      "  - {date: 2026-02-30, name: X}\n  - {date: 2026-12-25, name: A}\n"
      "  - {date: 2026-12-25, name: B}\n  - {name: C}\n  - {date: x, nme: D}\n",
      "c.yaml", d);
  d.sort();
  CHECK(render(d) ==
        "2:21 PB090 unknown weekday 'Tues'; write Mon, Tue, … Sun | did you mean 'Tue'?\n"
        "4:12 PB090 'date' must be a real date YYYY-MM-DD; got '2026-02-30'\n"
        "6:12 PB020 holiday 2026-12-25 listed twice\n"
        "7:5 PB014 holiday needs the key 'date'\n"
        "8:5 PB014 holiday needs the key 'name'\n"
        "8:12 PB090 'date' must be a real date YYYY-MM-DD; got 'x'\n"
        "8:15 PB010 unknown key 'nme' in holiday | did you mean 'name'?\n");
}

TEST_CASE("load_paths walks directories in sorted order and dispatches on names") {
  TempDir t;
  t.write("b/two.playbook.yaml", "playbook: two\n");
  t.write("a/one.playbook.yml", "playbook: one\n");
  t.write("tenant.schema.yaml", "schema: tenant\nattributes:\n  managed: {type: bool}\n");
  t.write("calendars/emea.yaml", "calendar: EMEA\n");
  t.write("README.md", "not a playbook\n");
  t.write("scenarios/x.test.yaml", "whatever: 1\n");
  t.write(".hidden/z.playbook.yaml", "playbook: hidden\n");
  Diagnostics d;
  auto r = load_paths({t.path.string()}, d);
  INFO(render(d));
  CHECK(d.empty());
  REQUIRE(r.project.playbooks.size() == 2);
  CHECK(r.project.playbooks[0].id == "one");
  CHECK(r.project.playbooks[1].id == "two");
  REQUIRE(r.project.schema);
  CHECK(r.project.schema->attributes.size() == 1);
  REQUIRE(r.project.calendars.size() == 1);
  CHECK(r.project.has_calendar_dir);
  CHECK(r.origin.at("two") == (t.path / "b/two.playbook.yaml").string());
  CHECK(r.sources.size() == 4);
}

TEST_CASE("load_paths reports missing paths and unknown kinds as PB005") {
  TempDir t;
  std::string other = t.write("notes.txt", "x");
  std::string bad = t.write("bad.playbook.yaml", "playbook: x\ntitel: y\n");
  Diagnostics d;
  auto r = load_paths({(t.path / "missing").string(), other, bad}, d);
  d.sort();
  std::string out;
  for (const auto& x : d.items())
    out += x.loc.str() + " " + std::string(to_string(x.code)) + " " + x.message + "\n";
  CHECK(out == bad + ":2:1 PB010 unknown key 'titel' in the playbook\n" +
                   (t.path / "missing").string() + ":1:1 PB005 no such file or directory\n" +
                   other +
                   ":1:1 PB005 unknown file kind; expected *.playbook, *.playbook.yaml, "
                   "*.schema.yaml, *.migration.yaml or calendars/*.yaml\n");
  CHECK(r.project.playbooks.size() == 1);
}

TEST_CASE("the YAML test data loads without diagnostics") {
  Diagnostics d;
  auto r = load_paths({std::string(PB_SOURCE_DIR) + "/tests/data/yaml"}, d);
  INFO(render(d));
  CHECK(d.empty());
  CHECK(r.project.playbooks.size() == 1);
  CHECK(r.project.schema);
  CHECK(r.project.calendars.size() == 1);
}

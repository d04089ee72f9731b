// test_directory_source.cpp — the one playbook source (source/
// directory_source.hpp): a directory's versions pin the merged tenant schema
// of all its schema files, as the loader merges them, and a version is parsed
// at most once per process (not at all when the loader already parsed it).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "grammar/source_kind.hpp"
#include "source/directory_source.hpp"

namespace {

namespace fs = std::filesystem;

struct TwoSchemaDir {
  fs::path dir;
  TwoSchemaDir() {
    std::random_device rd;
    dir = fs::temp_directory_path() / ("pbsource-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir);
    write("a.schema.yaml",
          "schema: tenant\nattributes:\n  priority: {type: int}\nrules:\n"
          "  - id: priority_range\n    message: priority is 0 to 5\n"
          "    on: {set: tenant.priority}\n    require: tenant.priority <= 5\n");
    write("b.schema.yaml",
          "schema: tenant\nattributes:\n  level: {type: int}\nrules:\n"
          "  - id: level_range\n    message: level is 0 to 3\n"
          "    on: {set: tenant.level}\n    require: tenant.level <= 3\n");
    write(
        "p.playbook",
        "playbook p {\n  event bump \"Bump\"\n  start s\n  step s \"S\" {\n"
        "    on bump -> t { set tenant.level = 2 }\n  }\n  step t \"T\" {\n    end \"done\"\n  }\n}\n");
  }
  ~TwoSchemaDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
  }
  std::string path(const std::string& name) const { return (dir / name).string(); }
};

bool has_attr(const pb::CompiledPlaybook& cp, const std::string& name) {
  return std::any_of(cp.attrs.begin(), cp.attrs.end(),
                     [&](const pb::Attribute& a) { return a.name == name; });
}
bool has_rule(const pb::CompiledPlaybook& cp, const std::string& id) {
  return std::any_of(cp.rules.begin(), cp.rules.end(),
                     [&](const pb::Rule& r) { return r.id == id; });
}

}  // namespace

TEST_CASE("directory source: a version pins every schema file, merged as the loader merges them",
          "[source]") {
  TwoSchemaDir d;
  pb::Diagnostics diags;
  pb::LoadResult loaded = pb::load_paths({d.dir.string()}, diags);
  REQUIRE_FALSE(diags.has_errors());
  REQUIRE(loaded.project.schema);
  CHECK(loaded.project.schema->attributes.size() == 2);

  pb::rt::Catalog cat = pb::src::catalog_of(loaded);
  REQUIRE(cat.files.count("p"));
  const pb::rt::PinnedSource& v = cat.files.at("p");
  CHECK(v.schema_filename == d.path("a.schema.yaml") + "\n" + d.path("b.schema.yaml"));

  // A later process has only the pinned text: it compiles with both files.
  pb::src::DirectorySource fresh(nullptr);
  auto cp = fresh.compile("h1", v);
  REQUIRE(cp);
  CHECK(has_attr(*cp, "priority"));
  CHECK(has_attr(*cp, "level"));
  CHECK(has_rule(*cp, "priority_range"));
  CHECK(has_rule(*cp, "level_range"));

  pb::Diagnostics d2;
  auto schema = pb::src::parse_pinned_schema(v.schema_filename, v.schema_source, d2);
  REQUIRE(schema);
  CHECK(*schema == *loaded.project.schema);
}

TEST_CASE(
    "directory source: a version is parsed at most once, and not at all when the loader parsed it",
    "[source]") {
  TwoSchemaDir d;
  pb::Diagnostics diags;
  pb::LoadResult loaded = pb::load_paths({d.dir.string()}, diags);
  pb::rt::Catalog cat = pb::src::catalog_of(loaded);
  const pb::rt::PinnedSource& v = cat.files.at("p");

  size_t before = pb::playbook_parses();
  auto from_dir = cat.source->compile("h1", v);
  REQUIRE(from_dir);
  CHECK(pb::playbook_parses() == before);  // the loader's model, compiled
  CHECK(has_attr(*from_dir, "level"));

  pb::src::DirectorySource fresh(nullptr);
  auto once = fresh.compile("h1", v);
  auto twice = fresh.compile("h1", v);
  REQUIRE(once);
  REQUIRE(twice);
  CHECK(pb::playbook_parses() == before + 1);
  CHECK(once->pb == twice->pb);

  // An edited file is another version: parsed from its text.
  pb::rt::PinnedSource edited = v;
  edited.source += "\n";
  CHECK(cat.source->compile("h2", edited));
  CHECK(pb::playbook_parses() == before + 2);
}

// test_schema_pin.cpp — the tenant schema pinned as parsed (source/
// schema_codec.hpp) beside its text: it reads back equal, positions and
// comments included; it is stored and loaded with the version; a model that
// is not for the pinned text, of another format, or not one at all is not
// used (the text is parsed); a schema file with errors pins no model.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "grammar/loader.hpp"
#include "runtime/store.hpp"
#include "runtime/store_world.hpp"
#include "source/directory_source.hpp"
#include "source/schema_codec.hpp"

namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path dir;
  TempDir() {
    std::random_device rd;
    dir =
        fs::temp_directory_path() / ("pbschemapin-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
  }
};

const char* const kPlaybook =
    "playbook p {\n  event bump \"Bump\"\n  start s\n  step s \"S\" {\n"
    "    on bump -> t { set tenant.level = 2 }\n  }\n  step t \"T\" {\n    end \"done\"\n  }\n}\n";

// Every position of a schema, in order, as text: equality of models
// ignores them.
void locs_of(const pb::Expr& e, std::vector<std::string>& out) {
  out.push_back(e.loc.str());
  for (const auto& a : e.args) locs_of(a, out);
}
void locs_of(const pb::Attribute& a, std::vector<std::string>& out) {
  out.push_back(a.loc.str() + " " + std::to_string(a.comments.lines.size()));
  for (const auto& f : a.type.fields) locs_of(f, out);
}
std::vector<std::string> locs_of(const pb::Schema& s) {
  std::vector<std::string> out{s.loc.str()};
  for (const auto& a : s.attributes) locs_of(a, out);
  for (const auto& r : s.rules) {
    out.push_back(r.loc.str() + " " + r.on_loc.str() + " " +
                  std::to_string(r.comments.lines.size()));
    locs_of(r.condition, out);
  }
  return out;
}

}  // namespace

TEST_CASE("schema codec: the bundled schema reads back equal, positions and comments included",
          "[source][schema-pin]") {
  pb::Diagnostics diags;
  auto loaded = pb::load_paths({PB_SOURCE_DIR "/playbooks"}, diags);
  REQUIRE(loaded.project.schema);
  const pb::Schema& s = *loaded.project.schema;
  std::string text = pb::src::schema_to_json(s, "k");
  auto back = pb::src::schema_from_json(text, "k");
  REQUIRE(back);
  CHECK(*back == s);
  CHECK(locs_of(*back) == locs_of(s));
  CHECK(pb::src::schema_to_json(*back, "k") == text);
  CHECK_FALSE(back->rules.empty());
}

TEST_CASE("schema codec: every tenant schema in the repository reads back equal",
          "[source][schema-pin]") {
  int schemas = 0;
  for (const char* root : {"playbooks", "tests"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(PB_SOURCE_DIR) / root)) {
      if (e.path().filename() != "tenant.schema.yaml") continue;
      pb::Diagnostics diags;
      auto loaded = pb::load_paths({e.path().parent_path().string()}, diags);
      if (!loaded.project.schema) continue;
      INFO(e.path().string());
      const pb::Schema& s = *loaded.project.schema;
      auto back = pb::src::schema_from_json(pb::src::schema_to_json(s, "k"), "k");
      REQUIRE(back);
      CHECK(*back == s);
      CHECK(locs_of(*back) == locs_of(s));
      ++schemas;
    }
  }
  CHECK(schemas >= 8);
}

TEST_CASE("schema codec: another key, another format or a broken text is not read",
          "[source][schema-pin]") {
  pb::Diagnostics diags;
  auto loaded = pb::load_paths({PB_SOURCE_DIR "/playbooks"}, diags);
  REQUIRE(loaded.project.schema);
  std::string text = pb::src::schema_to_json(*loaded.project.schema, "k");
  CHECK_FALSE(pb::src::schema_from_json(text, "other"));
  std::string v2 = text;
  v2.replace(v2.find("\"format\":1"), 10, "\"format\":2");
  CHECK_FALSE(pb::src::schema_from_json(v2, "k"));
  CHECK_FALSE(pb::src::schema_from_json(text.substr(0, text.size() / 2), "k"));
  CHECK_FALSE(pb::src::schema_from_json("", "k"));
  CHECK_FALSE(pb::src::schema_from_json(R"({"format":1,"of":"k","files":[],"schema":[]})", "k"));
  CHECK_FALSE(pb::src::schema_from_json(
      R"({"format":1,"of":"k","files":[],"schema":[[-1,1,1],[],{},[]]})", "k"));
  CHECK_FALSE(pb::src::schema_from_json(R"({"format":"1","of":"k"})", "k"));
}

TEST_CASE("schema pin: the catalog pins the model, stored and loaded with the version",
          "[source][schema-pin]") {
  TempDir d;
  d.write("t.schema.yaml",
          "schema: tenant\nattributes:\n  # how far along\n  level: {type: int}\nrules:\n"
          "  - id: level_range\n    message: level is 0 to 3\n"
          "    on: {set: tenant.level}\n    require: tenant.level <= 3\n");
  d.write("p.playbook", kPlaybook);
  pb::Diagnostics diags;
  auto loaded = pb::load_paths({d.dir.string()}, diags);
  REQUIRE_FALSE(diags.has_errors());
  pb::rt::Catalog cat = pb::src::catalog_of(loaded);
  const pb::rt::PinnedSource& v = cat.files.at("p");
  REQUIRE_FALSE(v.schema_model.empty());

  pb::rt::Store store((d.dir / "s.db").string());
  pb::rt::save_source(store, "h1", v);
  auto back = pb::rt::load_source(store, "h1");
  REQUIRE(back);
  CHECK(back->source == v.source);
  CHECK(back->schema_filename == v.schema_filename);
  CHECK(back->schema_source == v.schema_source);
  CHECK(back->schema_model == v.schema_model);

  // Compiled from the model or from the text, the version is the same.
  pb::rt::PinnedSource text_only = *back;
  text_only.schema_model.clear();
  pb::src::DirectorySource a(nullptr), b(nullptr);
  auto from_model = a.compile("h1", *back);
  auto from_text = b.compile("h1", text_only);
  REQUIRE(from_model);
  REQUIRE(from_text);
  CHECK(from_model->pb == from_text->pb);
  CHECK(from_model->attrs == from_text->attrs);
  CHECK(from_model->rules == from_text->rules);
}

TEST_CASE("schema pin: a model made from another text is not used; the text is parsed",
          "[source][schema-pin]") {
  TempDir d;
  d.write("t.schema.yaml", "schema: tenant\nattributes:\n  level: {type: int}\n");
  d.write("p.playbook", kPlaybook);
  pb::Diagnostics diags;
  auto loaded = pb::load_paths({d.dir.string()}, diags);
  pb::rt::PinnedSource v = pb::src::catalog_of(loaded).files.at("p");
  REQUIRE_FALSE(v.schema_model.empty());
  v.schema_source = "schema: tenant\nattributes:\n  level: {type: int}\n  other: {type: bool}\n";
  pb::src::DirectorySource fresh(nullptr);
  auto cp = fresh.compile("h2", v);
  REQUIRE(cp);
  CHECK(cp->attribute("other"));

  v.schema_source = "schema: tenant\nattributes: [\n";  // the text alone decides: refused
  pb::src::DirectorySource again(nullptr);
  CHECK_FALSE(again.compile("h3", v));
}

TEST_CASE("schema pin: a schema file with errors pins no model", "[source][schema-pin]") {
  TempDir d;
  d.write("t.schema.yaml", "schema: tenant\nattributes:\n  level: {type: wat}\n");
  d.write("p.playbook", kPlaybook);
  pb::Diagnostics diags;
  auto loaded = pb::load_paths({d.dir.string()}, diags);
  REQUIRE(diags.has_errors());
  pb::rt::Catalog cat = pb::src::catalog_of(loaded);
  REQUIRE(cat.files.count("p"));
  CHECK(cat.files.at("p").schema_model.empty());
  pb::src::DirectorySource fresh(nullptr);
  CHECK_FALSE(fresh.compile("h1", cat.files.at("p")));  // refused, as before
}

TEST_CASE("schema pin: a version stored before the model was kept loads without one",
          "[source][schema-pin]") {
  TempDir d;
  pb::rt::Store store((d.dir / "s.db").string());
  auto insert = [&](const char* hash, const std::string& body) {
    pb::rt::Query q(
        store, "INSERT INTO playbook_sources(hash, playbook, filename, source) VALUES(?, ?, ?, ?)");
    q.bind(1, hash).bind(2, "p").bind(3, "p.playbook").bind(4, body).run();
  };
  insert("old", R"({"playbook":"text","schema":{"schema_filename":"t.schema.yaml",)"
                R"("schema_source":"schema: tenant\n"}})");
  auto v = pb::rt::load_source(store, "old");
  REQUIRE(v);
  CHECK(v->source == "text");
  CHECK(v->schema_filename == "t.schema.yaml");
  CHECK(v->schema_source == "schema: tenant\n");
  CHECK(v->schema_model.empty());

  insert("bad", "{not json");
  CHECK_FALSE(pb::rt::load_source(store, "bad"));
  insert("arr", "[1]");
  CHECK_FALSE(pb::rt::load_source(store, "arr"));
}

// test_yaml_schema.cpp — docs/playbook.schema.json agrees with the loader:
// the same keys per construct, and every YAML file of the repository
// (playbooks/, tests/data/yaml/, the docs example) validates against it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "grammar/yaml_keys.hpp"
#include "yaml_test_util.hpp"

namespace fs = std::filesystem;
using pb::test::slurp;

namespace {

const std::string kSrc = PB_SOURCE_DIR;

nlohmann::json schema() {
  return nlohmann::json::parse(slurp(kSrc + "/docs/playbook.schema.json"));
}

bool is_checked_yaml(const fs::path& p) {
  std::string n = p.filename().string();
  auto ends = [&](std::string_view s) { return n.size() >= s.size() && n.ends_with(s); };
  bool yaml = ends(".yaml") || ends(".yml");
  return yaml && (ends(".playbook.yaml") || ends(".playbook.yml") || ends(".schema.yaml") ||
                  ends(".schema.yml") || p.parent_path().filename() == "calendars");
}

std::vector<std::string> repo_yaml_files() {
  std::vector<std::string> out;
  for (const char* dir : {"/playbooks", "/tests/data/yaml"}) {
    if (!fs::is_directory(kSrc + dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(kSrc + dir))
      if (e.is_regular_file() && is_checked_yaml(e.path())) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool have_python_jsonschema() {
  return std::system("python3 -c 'import jsonschema, yaml' >/dev/null 2>&1") == 0;
}

int validate(const std::vector<std::string>& files, const std::string& log) {
  std::string cmd =
      "python3 " + kSrc + "/tests/validate_yaml_schema.py " + kSrc + "/docs/playbook.schema.json";
  for (const auto& f : files) cmd += " '" + f + "'";
  int rc = std::system((cmd + " >" + log + " 2>&1").c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

}  // namespace

TEST_CASE("the JSON Schema names exactly the keys the loader knows") {
  auto s = schema();
  for (const auto& [construct, keys] : pb::yaml::known_keys()) {
    const auto& node = construct == "playbook" ? s : s["$defs"][construct];
    INFO(construct);
    REQUIRE(node.contains("properties"));
    std::set<std::string> in_schema, in_loader(keys.begin(), keys.end());
    for (const auto& [k, v] : node["properties"].items()) in_schema.insert(k);
    CHECK(in_schema == in_loader);
    CHECK(node.value("additionalProperties", true) == false);
  }
}

TEST_CASE("every YAML file of the repository validates against the JSON Schema") {
  if (!have_python_jsonschema()) {
    WARN(
        "python3 with jsonschema and yaml is not available: schema validation skipped "
        "(apt-get install python3-jsonschema python3-yaml)");
    return;
  }
  std::string tmp = (fs::temp_directory_path() / "pb_schema_docs_example.playbook.yaml").string();
  std::ofstream(tmp) << pb::test::doc_block("yaml");
  auto files = repo_yaml_files();
  files.push_back(tmp);
  std::string log = (fs::temp_directory_path() / "pb_schema_validate.log").string();
  int rc = validate(files, log);
  INFO(slurp(log));
  CHECK(rc == 0);

  std::string bad = (fs::temp_directory_path() / "pb_schema_bad.playbook.yaml").string();
  std::ofstream(bad) << "playbook: x\ntitel: y\n";
  CHECK(validate({bad}, log) == 1);
  CHECK(slurp(log).find("'titel' was unexpected") != std::string::npos);
  fs::remove(bad);
  fs::remove(tmp);
  fs::remove(log);
}

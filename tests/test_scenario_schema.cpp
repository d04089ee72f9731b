// test_scenario_schema.cpp — docs/scenario.schema.json agrees with the
// scenario loader: the same keys per construct (pb::scen::known_keys(), the
// tables the loader checks every mapping against), every bundled scenario,
// sample tenant and the docs/scenarios.md example validate against it
// (python3-jsonschema, tests/validate_yaml_schema.py), and a bad file fails.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "runtime/scenario.hpp"
#include "source/scenario_loader.hpp"
#include "yaml_test_util.hpp"

namespace fs = std::filesystem;
using pb::test::slurp;

namespace {

const std::string kSrc = PB_SOURCE_DIR;

nlohmann::json schema() {
  return nlohmann::json::parse(slurp(kSrc + "/docs/scenario.schema.json"));
}

std::vector<std::string> files_ending(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kSrc + dir))
    if (e.path().filename().string().ends_with(suffix)) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// The ```yaml example of docs/scenarios.md.
std::string doc_example() {
  std::string md = slurp(kSrc + "/docs/scenarios.md");
  size_t open = md.find("```yaml\n");
  if (open == std::string::npos) return {};
  open += 8;
  return md.substr(open, md.find("```", open) - open);
}

bool have_python_jsonschema() {
  return std::system("python3 -c 'import jsonschema, yaml' >/dev/null 2>&1") == 0;
}

int validate(const std::vector<std::string>& files, const std::string& log) {
  std::string cmd =
      "python3 " + kSrc + "/tests/validate_yaml_schema.py " + kSrc + "/docs/scenario.schema.json";
  for (const auto& f : files) cmd += " '" + f + "'";
  int rc = std::system((cmd + " >" + log + " 2>&1").c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

}  // namespace

TEST_CASE("scenario schema: exactly the keys the scenario loader knows", "[scenario][schema]") {
  auto s = schema();
  std::set<std::string> constructs;
  for (const auto& [construct, keys] : pb::scen::known_keys()) {
    INFO(construct);
    constructs.insert(construct);
    const auto& node = construct == "scenario" ? s : s["$defs"][construct];
    REQUIRE(node.contains("properties"));
    std::set<std::string> in_schema, in_loader(keys.begin(), keys.end());
    for (const auto& [k, v] : node["properties"].items()) {
      in_schema.insert(k);
      CHECK((v.contains("description") || v.contains("$ref")));
    }
    CHECK(in_schema == in_loader);
    CHECK(node.value("additionalProperties", true) == false);
  }
  // and no closed mapping in the schema that the loader does not check
  for (const auto& [name, def] : s["$defs"].items())
    if (def.contains("properties")) CHECK(constructs.count(name) == 1);
}

TEST_CASE("scenario schema: every bundled scenario and sample validates; a bad file does not",
          "[scenario][schema]") {
  if (!have_python_jsonschema()) {
    WARN(
        "python3 with jsonschema and yaml is not available: schema validation skipped "
        "(apt-get install python3-jsonschema python3-yaml)");
    return;
  }
  auto files = files_ending("/playbooks/tests", ".scenario.yaml");
  REQUIRE(files.size() >= 10);
  for (const auto& f : files_ending("/playbooks/samples", ".tenant.yaml")) files.push_back(f);
  files.push_back(kSrc + "/tests/data/scenarios/failing.scenario.yaml");
  std::string example = (fs::temp_directory_path() / "pb_docs_example.scenario.yaml").string();
  std::ofstream(example) << doc_example();
  files.push_back(example);
  std::string log = (fs::temp_directory_path() / "pb_scenario_schema.log").string();
  int rc = validate(files, log);
  INFO(slurp(log));
  CHECK(rc == 0);

  CHECK(validate({kSrc + "/tests/data/scenarios/bad.scenario.yaml"}, log) == 1);
  std::string out = slurp(log);
  INFO(out);
  CHECK(out.find(": Additional properties are not allowed ('playbok' was unexpected)") !=
        std::string::npos);
  CHECK(out.find("steps/0: Additional properties are not allowed ('expcet' was unexpected)") !=
        std::string::npos);
  CHECK(out.find("start: '2026-13-01' does not match") != std::string::npos);
  CHECK(out.find("steps/1/advance: 'two days' does not match") != std::string::npos);
  CHECK(out.find("steps/3: {'complete': 3663, 'tick': True} is valid under each of") !=
        std::string::npos);

  std::string bad = (fs::temp_directory_path() / "pb_bad_step.scenario.yaml").string();
  std::ofstream(bad) << "playbook: x\nstart: 2026-01-01\nsample: s\ntenant: {a: 1}\nsteps:\n"
                        "  - advance: 1 day\n    note: n\n  - expect: {tasks: {x: complete}}\n";
  CHECK(validate({bad}, log) == 1);
  out = slurp(log);
  INFO(out);
  CHECK(out.find("is valid under each of {'required': ['sample']}, {'required': ['tenant']}") !=
        std::string::npos);
  CHECK(out.find("steps/0: ") != std::string::npos);
  CHECK(out.find("steps/1: ") != std::string::npos);
  CHECK(out.find("steps/1/expect/tasks: 'x' does not match") != std::string::npos);
  fs::remove(bad);
  fs::remove(example);
  fs::remove(log);
}

TEST_CASE("scenario loader: a note on a clock or start step is an error", "[scenario]") {
  pb::Diagnostics d;
  auto s = pb::scen::load_scenario(
      "playbook: a\nstart: 2026-01-01\ntenant: {}\nsteps:\n  - advance: 1 day\n"
      "    note: n\n",
      "x.scenario.yaml", kSrc + "/playbooks/samples", d);
  CHECK_FALSE(s);
  CHECK(pb::test::render(d) ==
        "6:5 PB090 'note' goes with 'fire', 'complete' or 'set', or stands alone (an FM note)\n");
}

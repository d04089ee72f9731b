// test_scenario_junit.cpp — `playbook test --format junit` read back by a
// real XML parser (python3's xml.etree via tests/junit_summary.py): the
// testsuites/testsuite/testcase structure, the counts and failures
// attributes, the failure messages and texts, and the escaping of & < > " ',
// line breaks and control characters in names and messages.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "run_binary.hpp"

namespace fs = std::filesystem;

namespace {

const std::string kSrc = PB_SOURCE_DIR;

struct Junit {
  int code = -1;
  std::string xml;
  nlohmann::json doc;  // junit_summary.py's view of the XML
};

Junit junit(const std::string& args) {
  Junit j;
  auto r = pbtest::run_playbook(kSrc, "test --format junit " + args);
  j.code = r.code;
  j.xml = r.out;
  auto base = fs::temp_directory_path() / ("pb_junit_" + std::to_string(::getpid()));
  std::ofstream(base.string() + ".xml") << r.out;
  std::string cmd = "python3 " + kSrc + "/tests/junit_summary.py " + base.string() + ".xml >" +
                    base.string() + ".json 2>&1";
  int rc = std::system(cmd.c_str());
  std::string summary = pbtest::slurp(base.string() + ".json");
  INFO(r.out << summary);
  REQUIRE(WIFEXITED(rc));
  REQUIRE(WEXITSTATUS(rc) == 0);
  j.doc = nlohmann::json::parse(summary);
  fs::remove(base.string() + ".xml");
  fs::remove(base.string() + ".json");
  return j;
}

size_t bundled_count() {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(kSrc + "/playbooks/tests"))
    n += e.path().filename().string().ends_with(".scenario.yaml");
  return n;
}

}  // namespace

TEST_CASE("junit: the bundled suite parses with one testcase per scenario, none failing",
          "[scenario][junit]") {
  auto j = junit("playbooks/tests");
  CHECK(j.code == 0);
  const auto& d = j.doc;
  size_t n = bundled_count();
  REQUIRE(n > 0);
  CHECK(d["root"] == "testsuites");
  CHECK(d["children"] == nlohmann::json::array({"testsuite"}));
  CHECK(d["attrs"]["tests"] == std::to_string(n));
  CHECK(d["attrs"]["failures"] == "0");
  REQUIRE(d["suites"].size() == 1);
  const auto& s = d["suites"][0];
  CHECK(s["attrs"]["tests"] == std::to_string(n));
  CHECK(s["attrs"]["failures"] == "0");
  REQUIRE(s["cases"].size() == n);
  for (const auto& c : s["cases"]) {
    CHECK(c["failures"].empty());
    CHECK(c["children"].empty());
    std::string file = c["attrs"]["classname"];
    CHECK(file.starts_with("playbooks/tests/"));
    CHECK(file.ends_with(".scenario.yaml"));
    CHECK_FALSE(std::string(c["attrs"]["name"]).empty());
  }
}

TEST_CASE("junit: failing scenarios, their messages, and escaping", "[scenario][junit]") {
  auto j = junit(
      "tests/data/scenarios/failing.scenario.yaml tests/data/scenarios/escaping.scenario.yaml "
      "playbooks/tests/re-engagement-rules.scenario.yaml");
  CHECK(j.code == 1);
  const auto& d = j.doc;
  CHECK(d["root"] == "testsuites");
  CHECK(d["attrs"]["tests"] == "3");
  CHECK(d["attrs"]["failures"] == "2");
  REQUIRE(d["suites"].size() == 1);
  const auto& s = d["suites"][0];
  CHECK(s["attrs"]["tests"] == "3");
  CHECK(s["attrs"]["failures"] == "2");
  REQUIRE(s["cases"].size() == 3);

  const auto& failing = s["cases"][0];
  CHECK(failing["attrs"]["classname"] == "tests/data/scenarios/failing.scenario.yaml");
  CHECK(failing["attrs"]["name"] == "deliberately failing");
  REQUIRE(failing["failures"].size() == 1);
  std::string first =
      "tests/data/scenarios/failing.scenario.yaml:13:7: step 2: expected step: pitch; "
      "found step ask_account_team";
  CHECK(failing["failures"][0]["message"] == first);
  CHECK(failing["failures"][0]["text"] ==
        first +
            "\ntests/data/scenarios/failing.scenario.yaml:14:15: step 2: expected tasks 3692: "
            "complete; found not_started\n");

  const auto& esc = s["cases"][1];
  CHECK(esc["attrs"]["name"] == R"(R&D <"quoted"> & 'apostrophes')");
  REQUIRE(esc["failures"].size() == 1);
  std::string msg =
      "tests/data/scenarios/escaping.scenario.yaml:11:7: step 1: expected notes: "
      "text:a & b <c> \"d\"\nline two \xEF\xBF\xBD; found no notes";
  CHECK(esc["failures"][0]["message"] == msg);
  CHECK(esc["failures"][0]["text"] == msg + "\n");
  CHECK(j.xml.find(R"(name="R&amp;D &lt;&quot;quoted&quot;&gt; &amp; 'apostrophes'")") !=
        std::string::npos);

  const auto& pass = s["cases"][2];
  CHECK(pass["attrs"]["classname"] == "playbooks/tests/re-engagement-rules.scenario.yaml");
  CHECK(pass["failures"].empty());
}

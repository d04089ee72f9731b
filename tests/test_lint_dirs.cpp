// test_lint_dirs.cpp — lint and the run commands over several directories,
// end to end through the binary: the --playbooks search path (`:`-separated,
// repeated, PLAYBOOK_DIR), a playbook id in two directories (PB021, refused by
// `start`), a file reached twice; suppressions (--show-suppressed, --werror,
// the summary); and the SARIF form of paths, related locations and
// suppressions.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

#include "cli_fixture.hpp"
#include "run_binary.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using pbtest::run_playbook;

namespace {

const fs::path kData = fs::path(PB_SOURCE_DIR) / "tests" / "data" / "search_path";
const fs::path kCorpus = fs::path(PB_SOURCE_DIR) / "tests" / "corpus";

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) {
    path = fs::temp_directory_path() / (name + "_" + std::to_string(::getpid()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the playbook search path (--playbooks, PLAYBOOK_DIR) is ':'-separated or repeated",
          "[lint][dirs]") {
  auto alone = run_playbook(kData, "--playbooks team lint");
  INFO(alone.out);
  CHECK(alone.code == 1);  // the shared playbook and schema are not seen
  CHECK(contains(alone.out, "[PB033]"));
  auto joined = run_playbook(kData, "--playbooks team:shared lint");
  INFO(joined.out << joined.err);
  CHECK(joined.code == 0);
  CHECK(joined.out.empty());
  CHECK(joined.err == "no problems in 3 files\n");
  auto repeated = run_playbook(kData, "--playbooks team --playbooks shared lint --werror");
  CHECK(repeated.code == 0);
  CHECK(repeated.out.empty());
}

TEST_CASE("a playbook id in two directories is PB021 naming both files", "[lint][dirs]") {
  auto r = run_playbook(kData, "--playbooks clash:shared lint");
  INFO(r.out);
  CHECK(r.code == 1);
  CHECK(r.out ==
        "shared/outreach.playbook:2:1: error: playbook id 'outreach' is also used at "
        "clash/outreach.playbook.yaml:2:1; playbook ids must be unique across the playbook "
        "directories [PB021]\n");
}

TEST_CASE("a file reached twice is read once", "[lint][dirs]") {
  auto r = run_playbook(kData, "lint shared shared/outreach.playbook shared/");
  INFO(r.out);
  CHECK(r.code == 0);
  CHECK(r.out.empty());
  CHECK(r.err == "no problems in 2 files\n");
}

TEST_CASE("a playbook file alone is checked with its directory's calendars", "[lint][dirs]") {
  auto r = run_playbook(kCorpus, "lint undefined_calendar/a.playbook");
  INFO(r.out);
  CHECK(r.code == 1);
  CHECK(
      r.out ==
      "undefined_calendar/a.playbook:6:12: error: no business calendar for tenant.region \"APJ\": "
      "add calendars/APJ.yaml [PB036]\n"
      "undefined_calendar/a.playbook:6:12: error: no business calendar for tenant.region \"EMEA\": "
      "add calendars/EMEA.yaml [PB036]\n");
}

TEST_CASE("run commands see the union of PLAYBOOK_DIR and refuse an ambiguous id", "[dirs]") {
  pbt::Cli cli;
  cli.data = "search_path/team:" + kData.string() + "/shared";
  REQUIRE(cli("tenant add t1 --set managed=true").rc == 0);  // the schema is in shared/
  auto start = cli("start t1 team-followup");
  INFO(start.out);
  CHECK(start.rc == 0);
  auto status = cli("status t1 --format json");
  INFO(status.out);
  CHECK(contains(status.out, "\"playbook\": \"outreach\""));  // goto into the other directory

  pbt::Cli clash;
  clash.data = "search_path/clash:" + kData.string() + "/shared";
  REQUIRE(clash("tenant add t1").rc == 0);
  auto refused = clash("start t1 outreach");
  INFO(refused.out);
  CHECK(refused.rc == 2);
  CHECK(contains(refused.out, "clash/outreach.playbook.yaml:2:1"));
  CHECK(contains(refused.out, "shared/outreach.playbook:2:1: error: playbook id 'outreach'"));
}

TEST_CASE("suppressed findings: --show-suppressed, the summary, --werror", "[lint][allow]") {
  auto plain = run_playbook(kCorpus, "lint suppressions");
  CHECK_FALSE(contains(plain.out, "suppressed at"));
  CHECK(contains(plain.err, "(3 suppressed)"));
  auto text = run_playbook(kCorpus, "lint --show-suppressed suppressions");
  INFO(text.out);
  CHECK(contains(text.out, "suppressions/a.playbook:33:3: warning: step 'email_2' only waits for"));
  CHECK(contains(
      text.out,
      "[PB054] (suppressed at suppressions/a.playbook:32:3: the ML model fires the reply event)"));
  auto j =
      json::parse(run_playbook(kCorpus, "lint --show-suppressed --format json suppressions").out);
  std::set<std::string> kinds;
  for (const auto& d : j)
    if (d.contains("suppression")) kinds.insert(d["suppression"]["kind"].get<std::string>());
  CHECK(kinds == std::set<std::string>{"inSource", "external"});

  TempDir dir("pb_lint_werror");
  std::ofstream(dir.path / "p.playbook")
      << "playbook p {\n  event scored \"Scored\"\n  start a\n"
         "  # lint: allow PB054 — the scoring model fires `scored`\n"
         "  step a {\n    on scored -> b\n  }\n  step b { end \"x\" }\n}\n";
  auto werror = run_playbook(dir.path, "lint --werror .");
  INFO(werror.out << werror.err);
  CHECK(werror.code == 0);
  CHECK(werror.out.empty());
  CHECK(werror.err == "no problems in 1 file (1 suppressed)\n");
}

TEST_CASE("JSON: a catalog conflict names every other place in relatedLocations", "[lint][json]") {
  auto j = json::parse(run_playbook(kCorpus, "lint --format json catalog_three_files").out);
  REQUIRE(j.size() == 2);
  const auto& flag = j[0];  // the file that says optional, against the two that say mandatory
  CHECK(flag["code"] == "PB070");
  CHECK(flag["file"] == "catalog_three_files/a.playbook");
  REQUIRE(flag["relatedLocations"].size() == 2);
  CHECK(flag["relatedLocations"][0] == json{{"file", "catalog_three_files/b.playbook.yaml"},
                                            {"line", 9},
                                            {"column", 5},
                                            {"message", "task 3663 is mandatory here"}});
  CHECK(flag["relatedLocations"][1] == json{{"file", "catalog_three_files/c.playbook"},
                                            {"line", 8},
                                            {"column", 3},
                                            {"message", "task 3663 is mandatory here"}});
  const auto& name = j[1];
  CHECK(name["file"] == "catalog_three_files/b.playbook.yaml");
  REQUIRE(name["relatedLocations"].size() == 2);
  CHECK(name["relatedLocations"][0]["message"] ==
        "task 3663 is named \"Send Email Outreach #1\" here");
}

TEST_CASE("SARIF: paths relative to SRCROOT or file:// URIs, related locations, suppressions",
          "[lint][sarif]") {
  auto rel = json::parse(
      run_playbook(kCorpus, "lint --format sarif catalog_three_files suppressions").out);
  auto& run = rel["runs"][0];
  std::string root = run["originalUriBaseIds"]["SRCROOT"]["uri"];
  CHECK(root.starts_with("file:///"));
  CHECK(root.ends_with("/tests/corpus/"));
  auto& driver = run["tool"]["driver"];
  CHECK(driver["informationUri"].get<std::string>().ends_with("lint-codes.md"));
  for (const auto& r : driver["rules"]) CHECK(contains(r["helpUri"], "lint-codes.md#pb0"));
  bool related = false, in_source = false, external = false;
  for (const auto& r : run["results"]) {
    auto& art = r["locations"][0]["physicalLocation"]["artifactLocation"];
    CHECK(art["uriBaseId"] == "SRCROOT");
    CHECK_FALSE(art["uri"].get<std::string>().starts_with("/"));
    if (r.contains("relatedLocations")) related |= r["relatedLocations"].size() >= 2;
    for (const auto& s : r.value("suppressions", json::array())) {
      in_source |=
          s["kind"] == "inSource" && s["justification"] == "the ML model fires the reply event";
      external |= s["kind"] == "external" && s["justification"] == "an FM calls every day";
    }
  }
  CHECK(related);
  CHECK(in_source);
  CHECK(external);

  TempDir elsewhere("pb_lint_sarif");
  auto abs =
      json::parse(run_playbook(elsewhere.path,
                               "lint --format sarif " + (kCorpus / "catalog_three_files").string())
                      .out);
  auto& loc = abs["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(loc["uri"].get<std::string>().starts_with("file:///"));
  CHECK_FALSE(loc.contains("uriBaseId"));
  auto under = json::parse(
      run_playbook(kCorpus, "lint --format sarif " + (kCorpus / "catalog_three_files").string())
          .out);
  auto& loc2 =
      under["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(loc2["uri"].get<std::string>().starts_with("catalog_three_files/"));
  CHECK(loc2["uriBaseId"] == "SRCROOT");
}

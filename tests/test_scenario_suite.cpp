// test_scenario_suite.cpp — run_suite (runtime/scenario_suite.cpp) and
// `playbook test -j N`: parallel runs give the same results, in the
// scenarios' order, as a sequential run; the thread count follows -j; the
// engines of a suite share compiled playbooks through the CompileCache.
#include <catch2/catch.hpp>

#include <filesystem>
#include <thread>

#include "cli/run_common.hpp"
#include "model/calendar_math.hpp"
#include "run_binary.hpp"
#include "runtime/scenario.hpp"
#include "source/scenario_loader.hpp"

namespace fs = std::filesystem;

namespace {

const std::string kSrc = PB_SOURCE_DIR;

pb::scen::Scenario load(const std::string& path) {
  pb::Diagnostics d;
  std::string text;
  REQUIRE(pb::read_file(path, text, d));
  auto s = pb::scen::load_scenario(text, path, kSrc + "/playbooks/samples", d);
  REQUIRE(s);
  return *s;
}

// The bundled scenarios with the failing fixture in the middle.
std::vector<pb::scen::Scenario> suite() {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(kSrc + "/playbooks/tests"))
    if (e.path().filename().string().ends_with(".scenario.yaml"))
      files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  files.insert(files.begin() + long(files.size() / 2),
               kSrc + "/tests/data/scenarios/failing.scenario.yaml");
  std::vector<pb::scen::Scenario> out;
  for (const auto& f : files) out.push_back(load(f));
  return out;
}

const pb::rt::Catalog& catalog() {
  static pb::Diagnostics d;
  static pb::LoadResult loaded = pb::load_paths({kSrc + "/playbooks"}, d);
  static pb::rt::Catalog cat = pb::cli::catalog_of(loaded);
  return cat;
}

std::string render(const pb::scen::Result& r) {
  std::string out = r.file + " | " + r.name + (r.passed ? " | pass" : " | fail");
  for (const auto& f : r.failures)
    out += "\n  " + f.loc.str() + " step " + std::to_string(f.step) + ": " + f.expectation + " / " +
           f.found;
  return out;
}

}  // namespace

TEST_CASE("run_suite: parallel results equal sequential ones, in the scenarios' order",
          "[scenario][suite]") {
  auto scenarios = suite();
  auto one = pb::scen::run_suite(scenarios, catalog(), 1);
  auto four = pb::scen::run_suite(scenarios, catalog(), 4);
  REQUIRE(one.size() == scenarios.size());
  REQUIRE(four.size() == scenarios.size());
  int failed = 0;
  for (size_t i = 0; i < scenarios.size(); ++i) {
    CHECK(one[i].file == scenarios[i].file);
    CHECK(render(four[i]) == render(one[i]));
    CHECK(four[i].reached.taken.size() == one[i].reached.taken.size());
    failed += !one[i].passed;
  }
  CHECK(failed == 1);
}

TEST_CASE("run_suite: a slow scenario first keeps its slot", "[scenario][suite]") {
  auto slow =
      load(kSrc + "/playbooks/tests/customer-engagement-unresponsive-holidays.scenario.yaml");
  auto quick = load(kSrc + "/tests/data/scenarios/failing.scenario.yaml");
  std::vector<pb::scen::Scenario> list{slow};
  for (int i = 0; i < 12; ++i) list.push_back(quick);
  auto got = pb::scen::run_suite(list, catalog(), 3);
  REQUIRE(got.size() == list.size());
  CHECK(got[0].passed);
  CHECK(got[0].file == slow.file);
  for (size_t i = 1; i < got.size(); ++i) CHECK_FALSE(got[i].passed);
  CHECK(pb::scen::run_suite({}, catalog(), 4).empty());
}

TEST_CASE("run_suite: thread count", "[scenario][suite]") {
  unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  CHECK(pb::scen::suite_threads(0, 1000) == std::min(hw, 1000u));
  CHECK(pb::scen::suite_threads(-3, 1000) == std::min(hw, 1000u));
  CHECK(pb::scen::suite_threads(8, 1000) == 8);
  CHECK(pb::scen::suite_threads(8, 3) == 3);
  CHECK(pb::scen::suite_threads(8, 0) == 1);
}

TEST_CASE("playbook test -j: the same output whatever the number of jobs",
          "[scenario][suite][cli]") {
  std::string args = " playbooks/tests tests/data/scenarios/failing.scenario.yaml";
  auto seq = pbtest::run_playbook(kSrc, "test -j 1" + args);
  auto par = pbtest::run_playbook(kSrc, "test -j 4" + args);
  auto dflt = pbtest::run_playbook(kSrc, "test" + args);
  CHECK(seq.code == 1);
  CHECK(par.code == 1);
  CHECK(par.out == seq.out);
  CHECK(dflt.out == seq.out);
  CHECK(seq.out.ends_with(" passed, 1 failed\n"));
  auto bad = pbtest::run_playbook(kSrc, "test -j -2" + args);
  CHECK(bad.code != 0);
  CHECK(bad.out.find("passed") == std::string::npos);
}

namespace {

// A tenant started on customer-engagement in a fresh engine on `cat`; the
// compiled playbook its instance pinned.
std::shared_ptr<const pb::CompiledPlaybook> started(const pb::rt::Catalog& cat) {
  pb::rt::Store store(":memory:");
  pb::rt::Engine engine(store, cat);
  pb::Instant now;
  REQUIRE(pb::parse_iso_instant("2026-04-01T09:00:00Z", now));
  REQUIRE(engine.tenant_add("t", {{"region", "EMEA"}, {"managed", "false"}}, "test", now).exit ==
          pb::rt::kOk);
  pb::rt::LogInput in;
  in.op = pb::rt::InputOp::Start;
  in.playbook = "customer-engagement";
  in.at = now;
  in.input.kind = pb::InputKind::Start;
  in.input.actor = "test";
  REQUIRE(engine.submit("t", std::move(in)).exit == pb::rt::kOk);
  pb::rt::TenantWorld w;
  REQUIRE(engine.load("t", w).exit == 0);
  REQUIRE(w.instances.size() == 1);
  return engine.playbook(w.instances[0].hash);
}

}  // namespace

TEST_CASE("CompileCache: engines of one catalog share a compiled playbook only through it",
          "[suite][engine]") {
  pb::rt::Catalog plain = catalog();
  auto a = started(plain), b = started(plain);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a.get() != b.get());  // each engine compiles its own
  pb::rt::Catalog shared = catalog();
  shared.cache = std::make_shared<pb::rt::CompileCache>();
  auto c = started(shared), e = started(shared);
  REQUIRE(c);
  CHECK(c.get() == e.get());
}

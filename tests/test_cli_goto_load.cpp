// test_cli_goto_load.cpp — an input (or a timer) whose `goto playbook`
// target does not load, end to end through the binary: `fire` and `tick`
// read the playbook directory only when they must (a goto), and then the
// user sees the target file's load error at file:line:col beside the
// refusal; nothing is written (the instance stays where it was, no event).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "cli_fixture.hpp"

using pbt::Cli;
using pbt::has;
using pbt::Run;

namespace {

namespace fs = std::filesystem;

const char* kFront = R"(playbook front {
  event go "Go"
  start here
  step here "Here" {
    on go -> away
    after 2 days -> away
  }
  step away "Away" {
    goto playbook back
  }
}
)";

const char* kBackClean = R"(playbook back {
  event done "Done"
  start one
  step one "One" {
    on done -> two
  }
  step two "Two" {
    end "ok"
  }
}
)";

// Not a playbook at all: the loader reads no playbook `back` from it.
const char* kBackGarbage = "this is not a playbook\n";

struct GotoDir {
  Cli cli;
  fs::path dir = cli.db.dir / "playbooks";
  GotoDir() {
    fs::create_directories(dir);
    write("front.playbook", kFront);
    write("back.playbook", kBackClean);  // front starts only when its goto target lints
    cli.dir = dir.string();
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
  }
  size_t events(const std::string& tenant) {
    auto j = nlohmann::json::parse(cli("history " + tenant + " --format json").out);
    return j["events"].size();
  }
};

}  // namespace

TEST_CASE("fire: a goto to a playbook that does not load is refused with its load error",
          "[cli-goto-load]") {
  GotoDir d;
  REQUIRE(d.cli("tenant add acme").rc == 0);
  REQUIRE(d.cli("start acme front").rc == 0);
  d.write("back.playbook", kBackGarbage);
  size_t before = d.events("acme");

  Run r = d.cli("fire acme go");
  INFO(r.out);
  CHECK(r.rc == 2);
  CHECK(has(r, "error: there is no playbook 'back' [unknown-playbook]"));
  CHECK(has(r, (d.dir / "back.playbook").string() + ":1:1: error: "));  // the target's load error
  CHECK(d.events("acme") == before);                                    // nothing written
  CHECK(has(d.cli("status acme"), "front: step here"));

  d.write("back.playbook", kBackClean);
  r = d.cli("fire acme go");
  CHECK(r.rc == 0);
  CHECK(has(r, "back: one"));
}

TEST_CASE("tick: a timer's goto to a playbook that does not load shows its load error",
          "[cli-goto-load]") {
  GotoDir d;
  REQUIRE(d.cli("tenant add acme").rc == 0);
  REQUIRE(d.cli("start acme front").rc == 0);
  d.write("back.playbook", kBackGarbage);
  size_t before = d.events("acme");

  Run r = d.cli("tick", "2026-03-20T10:00:00Z");
  INFO(r.out);
  CHECK(r.rc == 1);
  CHECK(has(r, "stuck acme front here"));
  CHECK(has(r, (d.dir / "back.playbook").string() + ":1:1: error: "));
  CHECK(has(r, "0 fired, 1 stuck"));
  CHECK(d.events("acme") == before);
  CHECK(has(d.cli("status acme"), "front: step here"));
}

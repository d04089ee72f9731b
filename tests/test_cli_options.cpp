// test_cli_options.cpp — the command line end to end (PB_BINARY): global
// options before or after the command, a global --format handed to the
// command's own, and usage errors in our words (never CLI11's messages).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <utility>

#include "cli_fixture.hpp"

using pbt::Cli;
using pbt::has;
using pbt::Run;

namespace {

// No message of the CLI11 library reaches the user.
bool cli11_words(const Run& r) {
  for (const char* w :
       {"not expected", "is required", "Could not convert", "not in range", "not in {",
        "Run with --help", "required TEXT missing", "Expected exactly", "File does not exist"})
    if (has(r, w)) return true;
  return false;
}

}  // namespace

TEST_CASE("cli options: global options after the command", "[cli-options]") {
  Cli cli;
  Run r = cli("tick --now 2027-03-01T09:00:00Z");
  CHECK(r.rc == 0);
  CHECK(has(r, "tick 2027-03-01T09:00:00Z: 0 fired"));
  Cli other;
  REQUIRE(cli("tenant add acme --set region=EMEA").rc == 0);
  r = other("tenant show acme --db '" + cli.db.path() + "'");  // nested command, --db after it
  CHECK(r.rc == 0);
  CHECK(has(r, "region = EMEA"));
  r = cli(
      "tenant set acme priority=3 --as ana");  // the fixture gave --as fm1 before: the last wins
  CHECK(r.rc == 0);
  CHECK(has(cli("history acme"), "tenant-set by ana"));
  r = cli("status acme --playbooks '" PB_SOURCE_DIR "/tests/data/status'");
  CHECK(r.rc == 0);
}

TEST_CASE("cli options: --format before the command is the command's own", "[cli-options]") {
  Cli cli;
  REQUIRE(cli("tenant add acme --set region=EMEA").rc == 0);
  Run r = cli("--format json tenant show acme");
  REQUIRE(r.rc == 0);
  CHECK(nlohmann::json::parse(r.out)["id"] == "acme");
  r = cli("--format json history acme");
  REQUIRE(r.rc == 0);
  CHECK(nlohmann::json::parse(r.out)["events"].size() == 1);
  CHECK(cli("--format json status acme --format json").rc == 0);
  r = cli("--format yaml status acme");  // checked against the command's choices
  CHECK(r.rc == 2);
  CHECK(has(r, "error: --format: must be text, json, not 'yaml'"));
  CHECK(!cli11_words(r));
  r = cli("status acme --format yaml");
  CHECK(r.rc == 2);
  CHECK(has(r, "error: --format: must be text, json, not 'yaml'"));
  r = cli("--format jsn due");
  CHECK(has(r, "did you mean 'json'?"));
  r = cli("--format json tick");
  CHECK(r.rc == 2);
  CHECK(has(r, "`playbook tick` prints text only"));
  CHECK(cli("--format text tick").rc == 0);
  r = cli("--format json status acme --format text");  // the last one given wins
  CHECK(r.rc == 0);
  CHECK(has(r, "tenant acme"));
  r = cli("--format mermaid graph outreach");  // a command with choices of its own
  CHECK(r.rc == 0);
  CHECK(has(r, "flowchart TD"));
}

// Each bad command line: its message, in our words; none of CLI11's.
TEST_CASE("cli options: bad values and usage errors in our words", "[cli-options]") {
  Cli cli;
  const std::pair<const char*, const char*> cases[] = {
      {"due --limit -1", "error: --limit: must be 0 or more, not -1"},
      {"due --limit many", "error: --limit: 'many' is not a whole number"},
      {"tenant import x.csv --batch abc", "error: --batch: 'abc' is not a whole number"},
      {"tenant import x.csv --batch 0", "error: --batch: must be 1 or more, not 0"},
      {"tick --batch abc",
       "error: --batch: 'abc' is not a whole number"},  // CLI11's conversion, translated
      {"tick --nwo 2027-03-01",
       "error: `playbook tick` has no option '--nwo' (did you mean '--now'?)"},
      {"status acme extra", "error: `playbook status` does not take 'extra'"},
      {"tenant show", "error: `playbook tenant show` needs ID (tenant id)"},
      {"tenant", "error: `playbook tenant` needs a command: add, set, show"},
      {"tenant shwo acme", "error: `playbook tenant` has no command 'shwo' (did you mean 'show'?)"},
      {"nosuchcommand", "error: `playbook` has no command 'nosuchcommand'"},
      {"status acme --db", "error: --db needs a value"},
      {"fire acme paused --playbook a --playbook b", "error: --playbook is given more than once"},
      {"paths outreach --limit 0", "error: --limit: must be 1 or more, not 0"},
      {"fmt nonesuch.playbook", "error: cannot read 'nonesuch.playbook': no such file"},
      {"convert x --to xml", "error: "},
      {"test --min-coverage 200", "error: --min-coverage: must be from 0 to 100, not 200"},
  };
  for (const auto& [args, message] : cases) {
    INFO(args);
    Run r = cli(args);
    CHECK(r.rc == 2);
    CHECK(has(r, message));
    CHECK(has(r, "--help` shows the usage"));
    CHECK(!cli11_words(r));
    CHECK(!has(r, "1.79"));
  }
}

TEST_CASE("cli options: help names the global options on every command", "[cli-options]") {
  Cli cli;
  Run r = cli("tick --help");
  CHECK(r.rc == 0);
  CHECK(has(
      r, "Global options (--db, --playbooks, --now, --as, --format) may be given before or after"));
  r = cli("--help");
  CHECK(has(r, "--format"));
}

// test_cli_migrate_lint.cpp — a migration file in CI, end to end
// (PB_BINARY): `lint` checks it against the playbook it names and, with
// `--base REV`, against the version committed at REV (every removed step
// mapped, PB151; stale sources, PB152); and a scenario moves its tenant to a
// new version mid-run (`migrate:` step) and goes on in it.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "cli_fixture.hpp"
#include "run_binary.hpp"

using pbt::Cli;
using pbt::Run;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

void replace(const fs::path& p, const std::string& from, const std::string& to) {
  std::string text = pbtest::slurp(p);
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  write(p, text);
}

// tests/data/run copied to `to`.
void copy_run(const fs::path& to) {
  fs::copy(PB_SOURCE_DIR "/tests/data/run", to, fs::copy_options::recursive);
}

// A new git repository at `repo` with everything in it committed.
// N of lint's "... in N files".
int files_linted(const Run& r) {
  std::smatch m;
  REQUIRE(std::regex_search(r.out, m, std::regex(" in ([0-9]+) files")));
  return std::stoi(m[1]);
}

void commit_all(const fs::path& repo) {
  std::string git = "git -C '" + repo.string() + "' -c user.name=t -c user.email=t@example.com ";
  REQUIRE(std::system((git + "init -q && " + git + "add -A && " + git + "commit -qm v1").c_str()) ==
          0);
}

// outreach's step phone becomes call (every way into it renamed).
void rename_phone(const fs::path& file) {
  replace(file, "step phone \"Call\"", "step call \"Call\"");
  replace(file, "after 2 business days -> phone", "after 2 business days -> call");
}

}  // namespace

TEST_CASE("lint --base: a removed step needs a mapping before the change merges", "[cli-migrate]") {
  Cli cli;
  fs::path repo = cli.db.dir / "repo";
  copy_run(repo);
  commit_all(repo);
  rename_phone(repo / "outreach.playbook");
  cli.dir = repo.string();

  Run plain = cli("lint");  // the new version alone is a clean playbook
  CHECK(plain.rc == 0);
  Run no_file = cli("lint --base HEAD");  // no migration file yet: the change is checked anyway
  CHECK(no_file.rc == 1);
  CHECK(pbt::has(no_file,
                 "outreach.playbook:3:1: error: step phone is removed in the new version and the "
                 "migration does not map it: instances there cannot move (map it in "
                 "outreach.migration.yaml beside the playbook, or add `renamed_from` to the step "
                 "that replaces it) [PB151]"));
  CHECK(files_linted(no_file) == files_linted(plain));  // not the texts read at HEAD
  write(repo / "outreach.migration.yaml", "migration: outreach\nsteps:\n  email_9: call\n");
  Run unmapped = cli("lint --base HEAD");
  CHECK(unmapped.rc == 1);
  CHECK(pbt::has(unmapped,
                 "outreach.migration.yaml:1:1: error: step phone is removed in the new version "
                 "and the migration does not map it: instances there cannot move (add `phone: "
                 "NEW_STEP` under steps) [PB151]"));
  CHECK(pbt::has(unmapped,
                 "outreach.migration.yaml:3:3: warning: 'email_9' is not a step of the old "
                 "version: the mapping moves nothing (did you mean 'email_1'?) [PB152]"));

  write(repo / "outreach.migration.yaml", "migration: outreach\nsteps:\n  phone: call\n");
  Run mapped = cli("lint --werror --base HEAD");
  CHECK(mapped.rc == 0);
  CHECK(mapped.out.find("PB15") == std::string::npos);

  Run bad_rev = cli("lint --base no-such-rev");
  CHECK(bad_rev.rc == 2);
  CHECK(pbt::has(bad_rev, "cannot read"));
  CHECK(pbt::has(bad_rev, "at revision no-such-rev"));
  CHECK(pbt::has(bad_rev, "[PB005]"));
}

TEST_CASE("lint --base: a playbook the revision lacks is checked against its new version only",
          "[cli-migrate]") {
  Cli cli;
  fs::path repo = cli.db.dir / "repo";
  fs::create_directories(repo);
  write(repo / "README", "empty\n");
  commit_all(repo);
  copy_run(repo / "pb");
  write(repo / "pb" / "outreach.migration.yaml", "migration: outreach\nsteps:\n  phone: cal\n");
  cli.dir = (repo / "pb").string();
  Run r = cli("lint --base HEAD");
  CHECK(r.rc == 1);
  CHECK(pbt::has(r, "[PB150]"));
  CHECK_FALSE(pbt::has(r, "[PB151]"));
  CHECK_FALSE(pbt::has(r, "[PB005]"));
}

TEST_CASE("scenario: migrate mid-run moves the tenant and the next steps run the new version",
          "[cli-migrate]") {
  Cli cli;
  fs::path pb = cli.db.dir / "pb", next = cli.db.dir / "next";
  copy_run(pb);
  fs::create_directories(pb / "tests");
  fs::create_directories(next);
  fs::copy_file(pb / "outreach.playbook", next / "outreach.playbook");
  rename_phone(next / "outreach.playbook");
  std::string head =
      "playbook: outreach\nstart: 2026-03-02T09:00:00Z\n"
      "tenant: {region: AMERICAS, contacts: 'Ana <ana@x.com> primary'}\nsteps:\n"
      "  - advance: 3 business days\n    expect: {step: phone}\n";
  write(pb / "tests" / "blocked.scenario.yaml",
        "scenario: no map\n" + head +
            "  - migrate: ../../next/outreach.playbook\n"
            "    migration: empty.migration.yaml\n"  // maps nothing: phone has nowhere to go
            "    expect: {refused: migration-blocked}\n"
            "  - fire: customer_replied\n    expect: {ended: replied}\n");
  write(pb / "tests" / "empty.migration.yaml", "migration: outreach\n");
  write(next / "outreach.migration.yaml", "migration: outreach\nsteps:\n  phone: call\n");
  write(pb / "tests" / "moved.scenario.yaml",
        "scenario: phone becomes call\n" + head +
            "  - migrate: ../../next/outreach.playbook\n    expect: {step: call}\n"
            "  - advance: 1 week\n    expect: {ended: replied}\n");
  cli.dir = pb.string();
  Run r = cli("test");
  INFO(r.out);
  CHECK(r.rc == 0);
  // The map is read beside the new version: without it the move is blocked.
  fs::remove(next / "outreach.migration.yaml");
  Run no_map = cli("test");
  CHECK(no_map.rc == 1);
  CHECK(pbt::has(no_map, "migration-blocked"));
}

TEST_CASE("diff --stored: the file against the version tenants run", "[cli-migrate]") {
  Cli cli;
  fs::path pb = cli.db.dir / "pb";
  copy_run(pb);
  cli.dir = pb.string();
  REQUIRE(
      cli("tenant add acme --set region=AMERICAS --set 'contacts=Ana <ana@x.com> primary'").rc ==
      0);
  REQUIRE(cli("start acme outreach").rc == 0);
  Run v = cli("versions outreach --format json");
  REQUIRE(v.rc == 0);
  std::string id = nlohmann::json::parse(v.out)[0]["version"].get<std::string>().substr(0, 12);
  Run same = cli("diff --stored " + id + " '" + (pb / "outreach.playbook").string() + "'");
  CHECK(same.rc == 0);
  rename_phone(pb / "outreach.playbook");
  Run changed =
      cli("diff --stored " + id.substr(0, 6) + " '" + (pb / "outreach.playbook").string() + "'");
  INFO(changed.out);
  CHECK(changed.rc == 1);
  CHECK(pbt::has(changed, "breaking: step-removed: step phone is removed"));
  CHECK(pbt::has(changed, id + ":"));  // the old side is named by its version
  Run none = cli("diff --stored zzzz '" + (pb / "outreach.playbook").string() + "'");
  CHECK(none.rc == 2);
  CHECK(pbt::has(none, "the store holds no version of outreach whose id starts with 'zzzz'"));
}

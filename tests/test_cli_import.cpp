// test_cli_import.cpp — `playbook tenant import` end to end (PB_BINARY on
// tests/data/run): malformed CSV imports nothing and says where; a byte order
// mark; repeated columns and tenants; an unchanged row writes nothing; line
// numbers with CRLF, CR and quoted line breaks.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

#include "cli_fixture.hpp"

using pbt::Cli;
using pbt::has;
using pbt::Run;

namespace {

std::string write_csv(Cli& cli, const std::string& text, const std::string& name = "t.csv") {
  std::string path = cli.db.dir.string() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Writes `text` as the CSV file `csv` and imports it (with `flags`).
Run import(Cli& cli, const std::string& text, std::string& csv, const std::string& flags = "") {
  csv = write_csv(cli, text);
  return cli("tenant import " + flags + " '" + csv + "'");
}

size_t events_of(Cli& cli, const std::string& tenant) {
  Run r = cli("history " + tenant + " --format json");
  return r.rc == 0 ? nlohmann::json::parse(r.out)["events"].size() : 0;
}

}  // namespace

TEST_CASE("cli import: an unclosed quote imports nothing and says where it opens", "[cli-import]") {
  Cli cli;
  std::string csv;
  Run r = import(cli, "id,region\nalpha,\"EMEA\nbeta,EMEA\ngamma,EMEA\n", csv);
  CHECK(r.rc == 2);
  CHECK(has(r, csv + ":2:7: this quoted cell is never closed"));
  CHECK(has(r, "nothing imported"));
  for (const char* id : {"alpha", "beta", "gamma"})
    CHECK(cli(std::string("tenant show ") + id).rc == 2);
}

TEST_CASE("cli import: a stray quote is a malformed record with its line and column",
          "[cli-import]") {
  Cli cli;
  std::string csv;
  Run r = import(cli, "id,region\nalpha,EMEA\nbeta,EM\"EA\n", csv);
  CHECK(r.rc == 2);
  CHECK(has(r, csv + ":3:8: a quote inside a cell that does not start with one"));
  CHECK(cli("tenant show alpha").rc == 2);  // the good row before it is not imported either
  r = import(cli, "id,region\n\"alpha\"x,EMEA\n", csv);
  CHECK(r.rc == 2);
  CHECK(has(r, csv + ":2:8: only a comma or the end of the line may follow the closing quote"));
}

TEST_CASE("cli import: a UTF-8 byte order mark before the header is skipped", "[cli-import]") {
  Cli cli;
  std::string csv;
  Run r = import(cli, "\xEF\xBB\xBFid,region\nalpha,EMEA\n", csv);
  CHECK(r.rc == 0);
  CHECK(has(r, "imported 1 of 1 rows"));
  CHECK(has(cli("tenant show alpha"), "region = EMEA"));
}

TEST_CASE("cli import: a column named twice in the header imports nothing", "[cli-import]") {
  Cli cli;
  std::string csv;
  Run r = import(cli, "id,region,priority,region\nalpha,EMEA,1,AMERICAS\n", csv);
  CHECK(r.rc == 2);
  CHECK(has(r, csv + ":1: column 'region' is in the header twice (columns 2 and 4)"));
  CHECK(cli("tenant show alpha").rc == 2);
  CHECK(has(import(cli, "id,,region\nalpha,x,EMEA\n", csv), "column 2 of the header has no name"));
}

TEST_CASE("cli import: a second row for the same tenant is a bad row naming both lines",
          "[cli-import]") {
  Cli cli;
  std::string csv;
  Run r = import(cli, "id,region,priority\nalpha,EMEA,1\nbeta,EMEA,2\nalpha,AMERICAS,3\n", csv);
  CHECK(r.rc == 2);
  CHECK(has(r, csv + ":4: tenant alpha: a second row for this tenant (the first is on line 2)"));
  CHECK(has(r, "[duplicate-id]"));
  CHECK(has(r, "1 of 3 rows are bad; nothing imported"));
  CHECK(cli("tenant show alpha").rc == 2);
  r = cli("tenant import --skip-bad '" + csv + "'");  // the first row of the tenant is imported
  CHECK(r.rc == 2);
  CHECK(has(r, "imported 2 of 3 rows (1 bad rows skipped)"));
  CHECK(has(cli("tenant show alpha"), "priority = 1"));
  CHECK(events_of(cli, "alpha") == 1);
}

TEST_CASE("cli import: importing the same file again writes nothing", "[cli-import]") {
  Cli cli;
  std::string csv = write_csv(cli, "id,region,priority\nalpha,EMEA,1\nbeta,AMERICAS,\n");
  REQUIRE(cli("tenant import '" + csv + "'").rc == 0);
  Run r = cli("tenant import '" + csv + "'");
  CHECK(r.rc == 0);
  CHECK(has(r, "imported 0 of 2 rows, 2 unchanged (nothing written for them)"));
  CHECK(events_of(cli, "alpha") == 1);
  CHECK(events_of(cli, "beta") == 1);
  csv = write_csv(cli, "id,priority\nalpha,1\nbeta,4\n");  // beta changes, alpha does not
  r = cli("tenant import --batch 1 '" + csv + "'");
  CHECK(r.rc == 0);
  CHECK(has(r, "imported 1 of 2 rows, 1 unchanged"));
  CHECK(events_of(cli, "alpha") == 1);
  CHECK(events_of(cli, "beta") == 2);
  CHECK(cli("replay beta").rc == 0);
}

TEST_CASE("cli import: line numbers with CRLF, CR and quoted line breaks", "[cli-import]") {
  Cli cli;
  std::string csv;
  Run r = import(cli, "id,region\r\n\r\nalpha,\"EM\r\nEA\"\r\nbeta,MARS\r\n", csv);
  CHECK(r.rc == 2);
  CHECK(has(r, csv + ":3: tenant alpha: "));  // the quoted line break makes alpha's value bad
  CHECK(has(r, csv + ":5: tenant beta: "));
  r = import(cli, "id,region\ralpha,EMEA\rbeta,MARS\r", csv);
  CHECK(r.rc == 2);
  CHECK(has(r, csv + ":3: tenant beta: "));
  CHECK(has(r, "1 of 2 rows are bad"));
}

TEST_CASE("cli import: an empty file, a header alone, a header without id", "[cli-import]") {
  Cli cli;
  std::string csv;
  Run r = import(cli, "", csv);
  CHECK(r.rc == 2);
  CHECK(has(r, "the file is empty"));
  r = import(cli, "id,region\n", csv);
  CHECK(r.rc == 0);
  CHECK(has(r, "imported 0 of 0 rows"));
  r = import(cli, "name,region\nalpha,EMEA\n", csv);
  CHECK(r.rc == 2);
  CHECK(has(r, "the first column of the header must be 'id', not 'name'"));
  r = cli("tenant import '" + cli.db.dir.string() + "/nonesuch.csv'");
  CHECK(r.rc == 2);
  CHECK(has(r, "nonesuch.csv"));
}

// A row without an id is refused as `tenant add ""` is: the shared rule for
// tenant ids (bad-id), not a rule of the import's own.
TEST_CASE("cli import: a row without an id is a bad id as for tenant add", "[cli-import]") {
  Cli cli;
  Run add = cli("tenant add ''");
  CHECK(add.rc == 2);
  CHECK(has(add, "tenant id '' is empty; it must be "));
  CHECK(has(add, "[bad-id]"));
  std::string csv;
  Run r = import(cli, "id,region\n,EMEA\nt9,EMEA\n", csv);
  CHECK(r.rc == 2);
  CHECK(has(r, csv + ":2: tenant (no id): tenant id '' is empty; it must be "));
  CHECK(has(r, "[bad-id]"));
  CHECK(has(r, "1 of 2 rows are bad; nothing imported"));
}

// Cells are taken verbatim: spaces are part of the value (RFC 4180), and a
// quoted empty cell leaves the attribute alone like an empty one.
TEST_CASE("cli import: cells verbatim, empty and quoted-empty cells leave the attribute alone",
          "[cli-import]") {
  Cli cli;
  REQUIRE(cli("tenant add alpha --set region=EMEA --set priority=2").rc == 0);
  std::string csv;
  Run r = import(cli, "id,region,priority\nalpha,\"\",\nbeta, EMEA,1\n", csv, "--skip-bad");
  CHECK(has(r, csv + ":3: tenant beta: "));  // " EMEA" is not a region
  CHECK(
      has(r, "imported 0 of 2 rows, 1 unchanged (nothing written for them) (1 bad rows skipped)"));
  CHECK(has(cli("tenant show alpha"), "region = EMEA"));
}

// test_cli_input.cpp — input at the boundary, end to end through the binary
// (docs/runtime.md "Text rules"): invalid UTF-8 and control characters are
// refused with their byte offset and write nothing; ids have a charset;
// `--now` needs a zone; contact flags are parsed strictly; a database that
// already holds bad bytes stays readable; text output escapes control
// characters.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <fstream>
#include <string>

#include "cli_fixture.hpp"

using pbt::Cli;
using pbt::has;
using pbt::Run;

namespace {

// A shell word holding the bytes printf makes of `fmt` (octal escapes: \377).
std::string bytes(const std::string& fmt) { return "\"$(printf '" + fmt + "')\""; }

const char* kFFFD = "\xEF\xBF\xBD";

size_t event_count(Cli& cli, const std::string& tenant) {
  Run r = cli("history " + tenant + " --format json");
  REQUIRE(r.rc == 0);
  return nlohmann::json::parse(r.out)["events"].size();
}

void add_acme(Cli& cli) {
  REQUIRE(
      cli("tenant add acme --set region=AMERICAS --set 'contacts=Ana <ana@acme.com> primary'").rc ==
      0);
  REQUIRE(cli("start acme outreach").rc == 0);
}

// Runs statements on the database behind the program's back, binding `bad`
// to every ?1 (the way an older version, or a hand edit, left bad bytes).
void raw_sql(Cli& cli, const std::string& sql, const std::string& bad) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(cli.db.path().c_str(), &db) == SQLITE_OK);
  const char* tail = sql.c_str();
  while (*tail) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, tail, -1, &st, &tail) == SQLITE_OK);
    if (!st) break;
    if (sqlite3_bind_parameter_count(st) > 0)
      sqlite3_bind_text(st, 1, bad.data(), int(bad.size()), SQLITE_TRANSIENT);
    INFO(sqlite3_sql(st));
    CHECK(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
}

}  // namespace

TEST_CASE("input: invalid UTF-8 is refused at the boundary with its byte offset", "[cli-input]") {
  Cli cli;
  add_acme(cli);
  size_t before = event_count(cli, "acme");
  Run r = cli("note acme " + bytes("Re-engaged Customer: caf\\351"));
  CHECK(r.rc == 2);
  CHECK(has(r, "byte offset 24"));
  CHECK(has(r, "not valid UTF-8"));
  cli.as = bytes("fm\\377");
  r = cli("note acme 'Re-engaged Customer: hi'");
  cli.as = "fm1";
  CHECK(r.rc == 2);
  CHECK(has(r, "byte offset 2"));
  r = cli("tenant set acme " + bytes("contacts=An\\377a <ana@acme.com> primary"));
  CHECK(r.rc == 2);
  CHECK(has(r, "byte offset 11"));
  r = cli("fire acme paused --set until=2026-04-20 --note " +
          bytes("Re-engaged Customer \\300\\200"));
  CHECK(r.rc == 2);  // an overlong form is not UTF-8
  CHECK(has(r, "byte offset 20"));
  r = cli("tenant add " + bytes("ab\\377"));
  CHECK(r.rc == 2);
  CHECK(has(r, "byte offset 2"));
  CHECK(event_count(cli, "acme") == before);  // nothing written
  CHECK(nlohmann::json::parse(cli("due --until 2027-01-01 --format json").out).size() == 1);
}

TEST_CASE("input: a CSV cell that is not UTF-8 is a bad row; nothing is imported", "[cli-input]") {
  Cli cli;
  std::string csv = cli.db.dir.string() + "/t.csv";
  std::ofstream(csv) << "id,region,contacts\nbeta,EMEA,Bo <bo@beta.com> primary\n"
                        "gamma,EMEA,G\xffo <g@gamma.com>\n";
  Run r = cli("tenant import '" + csv + "'");
  CHECK(r.rc == 2);
  CHECK(has(r, csv + ":3: tenant gamma: "));
  CHECK(has(r, "byte offset 1"));
  CHECK(has(r, "[bad-text]"));
  CHECK(cli("tenant show beta").rc == 2);
}

TEST_CASE("input: control characters are refused in text, ids have a charset", "[cli-input]") {
  Cli cli;
  add_acme(cli);
  size_t before = event_count(cli, "acme");
  Run r = cli("note acme " + bytes("Re-engaged Customer: \\033[2J"));
  CHECK(r.rc == 2);
  CHECK(has(r, "byte offset 21 is a control character (U+001B)"));
  CHECK(has(r, "[bad-text]"));
  for (const std::string& id : {bytes("a\\nb"), bytes("a\\033b"), std::string("'   '"),
                                std::string("'gam,ma'"), std::string(129, 'x')}) {
    r = cli("tenant add " + id);
    INFO(id);
    CHECK(r.rc == 2);
    CHECK(has(r, "[bad-id]"));
  }
  cli.as = "'Jane Doe'";
  r = cli("note acme 'Re-engaged Customer: hi'");
  CHECK(r.rc == 2);
  CHECK(has(r, "actor 'Jane Doe' has byte 0x20 at byte offset 4"));
  cli.as = bytes("fm\\033");
  r = cli("note acme 'Re-engaged Customer: hi'");
  CHECK(r.rc == 2);
  CHECK(has(r, "[bad-id]"));
  cli.as = "fm1";
  r = cli("note acme 'Re-engaged Customer: hi' --id " + bytes("k\\n1"));
  CHECK(r.rc == 2);
  CHECK(has(r, "idempotency key"));
  CHECK(event_count(cli, "acme") == before);
  cli.as = "jane.doe@contoso.example";
  CHECK(cli("note acme 'Re-engaged Customer: hi' --id ticket-42/1").rc == 0);
  CHECK(cli("tenant add 3f2a9c1e-77b0-4c1e-9d6a-0b1c2d3e4f50").rc == 0);
}

TEST_CASE("input: --now needs a zone unless it is a bare date", "[cli-input]") {
  Cli cli;
  Run r = cli("--now 2027-03-01T09:00:00 tenant add acme");
  CHECK(r.rc == 2);
  CHECK(has(r, "--now '2027-03-01T09:00:00' has no zone"));
  CHECK(cli("tenant show acme").rc == 2);
  CHECK(cli("--now 2027-03-01T09:00 tick").rc == 2);
  CHECK(cli("due --until 2027-03-01T09:00").rc == 2);
  CHECK(cli("--now 2027-03-01T09:00:00+01:00 tenant add acme").rc == 0);
  CHECK(cli("--now 2027-03-01 tenant add beta").rc == 0);
  r = cli("history beta --format json");
  CHECK(nlohmann::json::parse(r.out)["events"][0]["at"] == "2027-03-01T00:00:00Z");
}

TEST_CASE("input: contact flags are parsed strictly", "[cli-input]") {
  Cli cli;
  Run r = cli("tenant add acme --set 'contacts=Ana <ana@acme.com> do-not-contract'");
  CHECK(r.rc == 2);
  CHECK(has(r, "'do-not-contract'"));
  CHECK(has(r, "did you mean 'do-not-contact'?"));
  CHECK(has(r, "[bad-value]"));
  r = cli("tenant add acme --set 'contacts=<<<>>>'");
  CHECK(r.rc == 2);
  CHECK(has(r, "[bad-value]"));
  CHECK(cli("tenant add acme --set 'contacts=Ana <ana@acme.com> Primary'").rc == 2);
  CHECK(cli("tenant add acme --set 'contacts=Ana <ana@@acme.com>'").rc == 2);
  CHECK(cli("tenant add acme --set 'contacts=Ana <ana acme.com>'").rc == 2);
  CHECK(cli("tenant add acme --set 'contacts=Ana <ana@acme.com> primary x <y@z.com>'").rc == 2);
  CHECK(cli("tenant show acme").rc == 2);
  r = cli(
      "tenant add acme --set 'contacts=Ana <ana@acme.com> primary  unsubscribed; Bo <bo@acme.com>'");
  CHECK(r.rc == 0);
  auto j = nlohmann::json::parse(
      cli("tenant show acme --format json").out)["attributes"]["contacts"]["contacts"];
  REQUIRE(j.size() == 2);
  CHECK(j[0]["primary"] == true);
  CHECK(j[0]["unsubscribed"] == true);
  CHECK(j[0]["do_not_contact"] == false);
  CHECK(j[1]["name"] == "Bo");
}

TEST_CASE("output: text output escapes control characters, JSON stays exact", "[cli-input]") {
  Cli cli;
  add_acme(cli);
  // A carriage return is allowed in a note; printed raw it would forge a line.
  REQUIRE(
      cli("note acme " + bytes("Re-engaged Customer: ok\\r#9 2026-03-06T10:00:00Z fire by boss"))
          .rc == 0);
  REQUIRE(cli("note acme " + bytes("Re-engaged Customer: two\\nlines")).rc == 0);
  Run r = cli("history acme");
  REQUIRE(r.rc == 0);
  CHECK(r.out.find('\r') == std::string::npos);
  CHECK(has(r, "Re-engaged Customer: ok\\r#9 2026-03-06T10:00:00Z fire by boss\n"));
  CHECK(has(r, "Re-engaged Customer: two\\nlines\n"));
  r = cli("history acme --format json");
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["notes"][0]["text"] == "Re-engaged Customer: ok\r#9 2026-03-06T10:00:00Z fire by boss");
  // Text an older version stored: ESC and a right-to-left override (in a
  // note as they are, in an attribute's JSON with JSON's escapes).
  raw_sql(cli, "UPDATE notes SET text = ?1;", "Re-engaged \x1b[2J\xe2\x80\xae");
  raw_sql(cli, "UPDATE attributes SET value = replace(value, 'Ana', ?1) WHERE name = 'contacts';",
          "Re-engaged \\u001b[2J\\u202e");
  for (const char* cmd : {"history acme", "tenant show acme"}) {
    r = cli(cmd);
    INFO(cmd << "\n" << r.out);
    CHECK(r.rc == 0);
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK(has(r, "Re-engaged \\x1b[2J\\u202e"));
  }
  r = cli("tenant show " + bytes("a\\033b"));  // an error echoing user input
  CHECK(r.rc == 2);
  CHECK(has(r, "there is no tenant 'a\\x1bb'"));
  CHECK(r.out.find('\x1b') == std::string::npos);
}

TEST_CASE("input: a database that already holds bad bytes stays readable", "[cli-input]") {
  Cli cli;
  add_acme(cli);
  REQUIRE(cli("note acme 'Re-engaged Customer: MARK'").rc == 0);
  REQUIRE(cli("tenant add zz --set region=EMEA --set 'contacts=Zed <z@z.com> primary'").rc == 0);
  REQUIRE(cli("start zz outreach").rc == 0);
  // What an older version let in: bad bytes in a note, its event, an actor,
  // a contact's name and a tenant id.
  raw_sql(cli,
          "DROP TRIGGER events_append_only_update;"
          "UPDATE notes SET text = replace(text, 'MARK', ?1);"
          "UPDATE events SET input = replace(replace(input, 'MARK', ?1), 'Ana', ?1);"
          "UPDATE events SET actor = ?1 WHERE kind = 'note';"
          "UPDATE attributes SET value = replace(value, 'Ana', ?1) WHERE name = 'contacts';"
          "UPDATE outreach SET contact = replace(contact, 'Ana', ?1);",
          "x\xff\xfey");
  std::string zz = std::string("zz") + "\xff";
  for (const char* table : {"attributes", "instances", "events", "notes", "outreach", "tasks"})
    raw_sql(cli, std::string("UPDATE ") + table + " SET tenant = ?1 WHERE tenant = 'zz';", zz);
  raw_sql(cli, "UPDATE tenants SET id = ?1 WHERE id = 'zz';", zz);
  std::string shown = std::string("x") + kFFFD + kFFFD + "y";
  struct Read {
    const char* cmd;
    bool text_shows;  // the text form shows a repaired value
  };
  for (Read rd :
       {Read{"history acme", true}, Read{"tenant show acme", true}, Read{"status acme", false},
        Read{"replay acme", false}, Read{"due --until 2027-01-01", false}}) {
    Run r = cli(rd.cmd);
    INFO(rd.cmd << "\n" << r.out);
    CHECK(r.rc == 0);
    CHECK(r.out.find('\xff') == std::string::npos);
    if (rd.text_shows) CHECK(has(r, shown));
    r = cli(std::string(rd.cmd) + " --format json");
    INFO(r.out);
    CHECK(r.rc == 0);
    CHECK(nlohmann::json::accept(r.out));
    if (std::string(rd.cmd) != "replay acme")
      CHECK((has(r, shown) || has(r, std::string("zz") + kFFFD)));
  }
  CHECK(has(cli("due --until 2027-01-01"), std::string("zz") + kFFFD));
  CHECK(has(cli("due --until 2027-01-01 --format json"), std::string("zz") + kFFFD));
}

TEST_CASE("output: status, tick and the outreach in history escape what the store holds",
          "[cli-input]") {
  Cli cli;
  REQUIRE(
      cli("tenant add acme --set region=AMERICAS --set 'contacts=Ana <ana@acme.com> primary'").rc ==
      0);
  // A contact name an older version stored with ESC; the outreach sent at
  // start goes to it, and tick moves the tenant on.
  raw_sql(cli, "UPDATE attributes SET value = replace(value, 'Ana', ?1) WHERE name = 'contacts';",
          "An\\u001b[2Ja");
  REQUIRE(cli("start acme outreach").rc == 0);
  for (const char* cmd : {"status acme", "tick", "history acme", "due --until 2026-04-01"}) {
    Run r = cli(cmd, "2026-03-20T10:00:00Z");
    INFO(cmd << "\n" << r.out);
    CHECK(r.rc == 0);
    CHECK(r.out.find('\x1b') == std::string::npos);
    if (std::string(cmd) == "history acme") CHECK(has(r, "to An\\x1b[2Ja <ana@acme.com>"));
  }
}

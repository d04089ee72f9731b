// test_source_kind.cpp — one rule for which parser reads a file
// (grammar/source_kind.hpp), whoever reads it: the loader, fmt, lint and the
// engine's pinned sources all follow it.
#include <catch2/catch.hpp>

#include "grammar/source_kind.hpp"

using pb::source_kind;
using pb::SourceKind;

TEST_CASE("source kind: a file's name alone says which parser reads it", "[source-kind]") {
  CHECK(source_kind("playbooks/outreach.playbook") == SourceKind::DslPlaybook);
  CHECK(source_kind("a/b.playbook.yaml") == SourceKind::YamlPlaybook);
  CHECK(source_kind("a/b.playbook.yml") == SourceKind::YamlPlaybook);
  CHECK(source_kind("tenant.schema.yaml") == SourceKind::Schema);
  CHECK(source_kind("dir/extra.schema.yml") == SourceKind::Schema);
  CHECK(source_kind("playbooks/calendars/EMEA.yaml") == SourceKind::Calendar);
  CHECK(source_kind("playbooks/calendars/EMEA.yml") == SourceKind::Calendar);
  CHECK(source_kind("playbooks/.playbook-lint.yaml") == SourceKind::LintConfig);
  CHECK(source_kind("playbooks/outreach.migration.yaml") == SourceKind::Migration);
  CHECK(source_kind("playbooks/outreach.migration.yml") == SourceKind::Migration);
  // Not read: a YAML file that is neither, a calendar outside calendars/,
  // a name that only contains ".playbook".
  CHECK(source_kind("notes.yaml") == SourceKind::Other);
  CHECK(source_kind("playbooks/EMEA.yaml") == SourceKind::Other);
  CHECK(source_kind("x.playbook.bak") == SourceKind::Other);
  CHECK(source_kind("README.md") == SourceKind::Other);
}

TEST_CASE(
    "source kind: a playbook parses in the form its name says, and only a playbook's name parses",
    "[source-kind]") {
  pb::Diagnostics d1, d2, d3;
  auto dsl = pb::parse_playbook_source(
      "playbook p {\n  start s\n  step s {\n    end done\n  }\n}\n", "p.playbook", d1);
  REQUIRE(dsl);
  CHECK(dsl->id == "p");
  CHECK_FALSE(pb::parse_playbook_source("playbook p {\n}\n", "p.playbook.yml",
                                        d2));  // DSL text read as YAML
  CHECK(d2.has_errors());
  auto yaml = pb::parse_playbook_source("playbook: p\nstart: s\nsteps:\n  - id: s\n    end: done\n",
                                        "p.playbook.yml", d3);
  REQUIRE(yaml);
  CHECK(yaml->id == "p");
  pb::Diagnostics d4;
  CHECK_FALSE(pb::parse_playbook_source("playbook: p\n", "p.yaml", d4));
  REQUIRE(d4.items().size() == 1);
  CHECK(to_string(d4.items()[0].code) == "PB005");
  CHECK(d4.items()[0].message ==
        "not a playbook file name; expected *.playbook (DSL) or *.playbook.yaml (YAML)");
}

// test_words_people.cpp — the playbook's own words (issue 14, "words and
// people"): note kinds declared per playbook (docs/language.md, "Note
// kinds"). Both forms read and print a declaration and a note of a declared
// kind and agree; the checker reports a note of an unknown kind (PB140), a
// redeclared kind (PB141) and `event.note_kind` compared with a kind the
// playbook lacks (PB035); at run time a note's kind is checked against the
// playbook that keeps it (refusal `unknown-note-kind`), is stored by id, is
// readable as `event.note_kind` in rules, and replays. `extend enum`: both
// forms, the checker (PB142–PB145, the added values valid in the extending
// playbook only), `tenant set` of an added value only while the tenant runs
// the playbook that adds it, `fire --set` on its instance. The data
// directory tests/data/words runs both under `playbook test`.
#include <catch2/catch.hpp>

#include "data_dir_check.hpp"
#include "grammar/frontend.hpp"
#include "interpreter/checker.hpp"
#include "runtime/store_world.hpp"
#include "runtime_fixture.hpp"

using namespace pbt;
using namespace pb::rt;

namespace {

const char* kKindsDsl = R"(playbook kinds {
  title "Kinds"

  note_kind environment "Environment note"

  event logged "Logged"

  rule logged_needs_technical "A technical note is needed"
    on event logged
    require event.note_kind == "technical"

  start a

  step a {
    enter { note environment "the tenant runs in one region" }
    on logged -> b
    after 1 week -> b
  }

  step b {
    end "done"
  }
}
)";

// The codes these tests are about (enum values, note kinds, extensions).
bool words_code(pb::LintCode c) {
  return c == pb::LintCode::UndefinedEnumValue || c >= pb::LintCode::UnknownNoteKind;
}

std::vector<std::string> lint_codes(const std::string& dsl) {
  pb::Diagnostics parse, check;
  auto p = pb::parse_dsl(dsl, "k.playbook", parse);
  REQUIRE(p);
  REQUIRE_FALSE(parse.has_errors());
  pb::Project project;
  project.playbooks.push_back(std::move(*p));
  pb::check_project(project, check);
  std::vector<std::string> codes;
  for (const auto& d : check.items())
    if (words_code(d.code)) codes.push_back(std::string(to_string(d.code)) + " " + d.hint);
  return codes;
}

std::string with(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("note kinds: both forms read and print a declared kind and agree", "[words]") {
  pb::Diagnostics d;
  auto dsl = pb::parse_dsl(kKindsDsl, "k.playbook", d);
  REQUIRE(dsl);
  REQUIRE_FALSE(d.has_errors());
  REQUIRE(dsl->note_kinds.size() == 1);
  CHECK(dsl->note_kinds[0].id == "environment");
  CHECK(dsl->note_kinds[0].name == "Environment note");
  CHECK(dsl->steps[0].enter[0].note_kind.id == "environment");
  CHECK(pb::print_dsl(*dsl) == kKindsDsl);

  std::string yaml = pb::print_yaml(*dsl);
  CHECK(yaml.find("note_kinds:\n  - {id: environment, name: Environment note}") !=
        std::string::npos);
  CHECK(yaml.find("note: {kind: environment, text: the tenant runs in one region}") !=
        std::string::npos);
  auto back = pb::parse_yaml_playbook(yaml, "k.playbook.yaml", d);
  REQUIRE(back);
  REQUIRE_FALSE(d.has_errors());
  CHECK(*back == *dsl);
  CHECK(pb::print_dsl(*back) == kKindsDsl);
}

TEST_CASE("note kinds: the checker knows the built-in and declared kinds", "[words]") {
  CHECK(lint_codes(kKindsDsl).empty());
  CHECK(lint_codes(with(kKindsDsl, "note environment", "note enviroment")) ==
        std::vector<std::string>{"PB140 did you mean 'environment'?"});
  CHECK(lint_codes(with(kKindsDsl, "\"technical\"", "\"tecnical\"")) ==
        std::vector<std::string>{"PB035 did you mean 'technical'?"});
  CHECK(lint_codes(with(kKindsDsl, "\"technical\"", "\"environment\"")).empty());
  CHECK(lint_codes(with(kKindsDsl, "note_kind environment", "note_kind status")) ==
        std::vector<std::string>{"PB141 ", "PB140 "});
  CHECK(lint_codes(with(kKindsDsl, "note_kind environment \"Environment note\"",
                        "note_kind environment \"E\"\n  note_kind environment \"F\"")) ==
        std::vector<std::string>{"PB141 "});
}

namespace {

struct KindsFixture {
  TempDb db;
  Store s{db.path()};
  Dir dir;
  std::unique_ptr<Engine> engine;
  KindsFixture() {
    pb::Diagnostics d;
    auto p = pb::parse_dsl(kKindsDsl, "kinds.playbook", d);
    REQUIRE(p);
    dir.catalog.files[p->id] = PinnedSource{p->id, "kinds.playbook", kKindsDsl, "", ""};
    dir.project.playbooks.push_back(std::move(*p));
    engine = std::make_unique<Engine>(s, dir.cat());
    REQUIRE(
        engine->tenant_add("acme", {{"region", "EMEA"}}, "fm1", at("2026-03-02T09:00:00Z")).exit ==
        0);
    REQUIRE(engine->submit("acme", start("kinds", "2026-03-02T09:00:00Z")).exit == 0);
  }
  Response note(const std::string& kind, const char* now) {
    LogInput in;
    in.op = InputOp::Note;
    in.input.kind = pb::InputKind::Note;
    in.input.note = "about the environment";
    in.input.note_kind = pb::NoteKind{kind};
    in.input.actor = "fm1";
    in.at = at(now);
    return engine->submit("acme", std::move(in));
  }
  Response logged(const std::string& kind, const char* now) {
    LogInput in = fire("logged", now);
    in.input.note = "the reason";
    in.input.note_kind = pb::NoteKind{kind};
    return engine->submit("acme", std::move(in));
  }
};

}  // namespace

TEST_CASE_METHOD(KindsFixture, "note kinds: an FM note takes only a kind of its playbook",
                 "[words][engine]") {
  Response r = note("environment", "2026-03-02T10:00:00Z");
  REQUIRE(r.exit == 0);
  r = note("enviroment", "2026-03-02T10:01:00Z");
  CHECK(r.exit == 2);
  CHECK(r.code == "unknown-note-kind");
  CHECK(r.message.find("did you mean 'environment'?") != std::string::npos);
  auto notes = notes_of(s, "acme");
  REQUIRE(notes.size() == 2);  // the enter action's and the FM's
  CHECK(notes[0].kind == "environment");
  CHECK(notes[1].kind == "environment");
  CHECK(notes[1].text == "about the environment");
  auto rp = engine->replay("acme");
  CHECK(rp.diffs.empty());
}

TEST_CASE_METHOD(KindsFixture, "note kinds: a rule reads event.note_kind", "[words][engine]") {
  Response r = logged("status", "2026-03-02T10:00:00Z");
  CHECK(r.exit == 1);
  CHECK(r.code == "logged_needs_technical");
  r = logged("technical", "2026-03-02T10:01:00Z");
  REQUIRE(r.exit == 0);
  auto notes = notes_of(s, "acme");
  REQUIRE(notes.size() == 2);
  CHECK(notes[1].kind == "technical");
}

TEST_CASE_METHOD(KindsFixture, "note kinds: a tenant set note is checked against its playbook",
                 "[words][engine]") {
  Response r = engine->tenant_set("acme", {}, "fm1", at("2026-03-02T10:00:00Z"),
                                  TenantNote{"set up", pb::NoteKind{"environment"}, "kinds"});
  CHECK(r.exit == 0);
  r = engine->tenant_set("acme", {}, "fm1", at("2026-03-02T10:01:00Z"),
                         TenantNote{"set up", pb::NoteKind{"climate"}, "kinds"});
  CHECK(r.exit == 2);
  CHECK(r.code == "unknown-note-kind");
  // Under no running playbook only the built-in kinds exist.
  REQUIRE(engine->tenant_add("fabrikam", {}, "fm1", at("2026-03-02T10:02:00Z")).exit == 0);
  r = engine->tenant_set("fabrikam", {}, "fm1", at("2026-03-02T10:03:00Z"),
                         TenantNote{"set up", pb::NoteKind{"environment"}, ""});
  CHECK(r.exit == 2);
  CHECK(r.code == "unknown-note-kind");
  r = engine->tenant_set("fabrikam", {}, "fm1", at("2026-03-02T10:04:00Z"),
                         TenantNote{"set up", pb::NoteKind{"technical"}, ""});
  CHECK(r.exit == 0);
}

// ---------------------------------------------------------------- extend enum

namespace {

const char* kSchemaYaml = R"(schema: tenant
attributes:
  reason: {type: enum, values: [Declined, Other]}
  workloads:
    type: records
    key: workload
    fields:
      l1: {type: enum, values: [In Progress, Blocked]}
)";

const char* kExtendDsl = R"(playbook extender {
  title "Extender"

  event closed "Closed"

  extend enum tenant.reason with "Duplicate", "Not a customer"
  extend enum tenant.workloads.l1 with "On Hold"

  start a

  step a {
    on closed when tenant.reason == "Duplicate" -> b
    on closed when tenant.reason != "Duplicate" -> b {
      set tenant.reason = "Not a customer"
      note status "not a customer"
    }
    after 1 week -> b
  }

  step b {
    end "done"
  }
}
)";

pb::Schema schema() {
  pb::Diagnostics d;
  auto s = pb::parse_yaml_schema(kSchemaYaml, "tenant.schema.yaml", d);
  REQUIRE(s);
  REQUIRE_FALSE(d.has_errors());
  return *s;
}

std::vector<std::string> lint_with_schema(const std::string& dsl) {
  pb::Diagnostics parse, check;
  auto p = pb::parse_dsl(dsl, "x.playbook", parse);
  REQUIRE(p);
  REQUIRE_FALSE(parse.has_errors());
  pb::Project project;
  project.schema = schema();
  project.playbooks.push_back(std::move(*p));
  pb::check_project(project, check);
  std::vector<std::string> codes;
  for (const auto& d : check.items())
    if (words_code(d.code)) codes.push_back(std::string(to_string(d.code)) + " " + d.hint);
  return codes;
}

}  // namespace

TEST_CASE("extend enum: both forms read and print an extension and agree", "[words]") {
  pb::Diagnostics d;
  auto dsl = pb::parse_dsl(kExtendDsl, "x.playbook", d);
  REQUIRE(dsl);
  REQUIRE_FALSE(d.has_errors());
  REQUIRE(dsl->extends.size() == 2);
  CHECK(dsl->extends[0].path == "tenant.reason");
  CHECK(dsl->extends[0].values == std::vector<std::string>{"Duplicate", "Not a customer"});
  CHECK(dsl->extends[1].path == "tenant.workloads.l1");
  CHECK(pb::print_dsl(*dsl) == kExtendDsl);
  std::string yaml = pb::print_yaml(*dsl);
  CHECK(yaml.find("extend:\n  - {enum: tenant.reason, values: [Duplicate, Not a customer]}\n"
                  "  - {enum: tenant.workloads.l1, values: [On Hold]}\n") != std::string::npos);
  auto back = pb::parse_yaml_playbook(yaml, "x.playbook.yaml", d);
  REQUIRE(back);
  REQUIRE_FALSE(d.has_errors());
  CHECK(*back == *dsl);
}

TEST_CASE("extend enum: the values hold for the extending playbook only", "[words]") {
  CHECK(lint_with_schema(kExtendDsl).empty());
  // Without the extension the same values are not the enum's.
  std::string without =
      with(kExtendDsl, "  extend enum tenant.reason with \"Duplicate\", \"Not a customer\"\n", "");
  CHECK(lint_with_schema(without) == std::vector<std::string>{"PB035 ", "PB035 ", "PB035 "});
  CHECK(lint_with_schema(with(kExtendDsl, "with \"Duplicate\",", "with \"Declined\",")) ==
        std::vector<std::string>{"PB144 ", "PB035 ", "PB035 "});
  CHECK(lint_with_schema(with(kExtendDsl, "tenant.reason with", "tenant.reasn with")).front() ==
        "PB143 did you mean 'reason'?");
  CHECK(
      lint_with_schema(with(kExtendDsl, "tenant.workloads.l1 with", "tenant.workloads.l2 with")) ==
      std::vector<std::string>{"PB143 did you mean 'l1'?"});
  CHECK(lint_with_schema(with(kExtendDsl, "tenant.workloads.l1 with", "tenant.workloads with")) ==
        std::vector<std::string>{"PB142 "});
}

TEST_CASE("extend enum: two playbooks spelling one added value two ways clash", "[words]") {
  pb::Diagnostics parse, check;
  pb::Project project;
  project.schema = schema();
  for (auto [name, text] : {std::pair{"a.playbook",
                                      "playbook a {\n  extend enum tenant.reason "
                                      "with \"Duplicate\"\n  start s\n  step s { end "
                                      "\"x\" }\n}\n"},
                            std::pair{"b.playbook",
                                      "playbook b {\n  extend enum tenant.reason "
                                      "with \"Invalid\", \"duplicate\"\n  start s\n  step s "
                                      "{ end \"x\" }\n}\n"},
                            std::pair{"c.playbook",
                                      "playbook c {\n  extend enum tenant.reason "
                                      "with \"Duplicate\", \"Invalid\"\n  start s\n  step s "
                                      "{ end \"x\" }\n}\n"}}) {
    auto p = pb::parse_dsl(text, name, parse);
    REQUIRE(p);
    project.playbooks.push_back(std::move(*p));
  }
  REQUIRE_FALSE(parse.has_errors());
  pb::check_project(project, check);
  std::vector<std::string> found;
  for (const auto& d : check.items())
    if (d.code == pb::LintCode::ExtendClash) found.push_back(d.loc.str() + " " + d.message);
  // b's "duplicate" against a's "Duplicate", and c's "Duplicate" against b's
  // "duplicate"; the same value in a and c, or different ones, are no clash.
  REQUIRE(found.size() == 2);
  CHECK(found[0].starts_with("b.playbook:2:45 playbook 'b' adds \"duplicate\""));
  CHECK(found[1].starts_with("c.playbook:2:34 playbook 'c' adds \"Duplicate\""));
}

namespace {

struct ExtendFixture {
  TempDb db;
  Store s{db.path()};
  Dir dir;
  std::unique_ptr<Engine> engine;
  ExtendFixture() {
    pb::Diagnostics d;
    auto p = pb::parse_dsl(kExtendDsl, "extender.playbook", d);
    REQUIRE(p);
    dir.project.schema = schema();
    dir.catalog.files[p->id] =
        PinnedSource{p->id, "extender.playbook", kExtendDsl, "tenant.schema.yaml", kSchemaYaml};
    dir.project.playbooks.push_back(std::move(*p));
    engine = std::make_unique<Engine>(s, dir.cat());
    REQUIRE(engine->tenant_add("acme", {}, "fm1", at("2026-03-02T09:00:00Z")).exit == 0);
  }
  Response set(const std::string& key, const std::string& value, const char* now) {
    return engine->tenant_set("acme", {{key, value}}, "fm1", at(now), TenantNote{});
  }
};

}  // namespace

TEST_CASE_METHOD(ExtendFixture,
                 "extend enum: a tenant takes an added value only while it runs "
                 "the playbook that adds it",
                 "[words][engine]") {
  Response r = set("reason", "Duplicate", "2026-03-02T09:10:00Z");
  CHECK(r.exit == 2);
  CHECK(r.code == "bad-value");
  CHECK(r.message.find("playbook extender adds") != std::string::npos);
  r = set("workloads.Teams.l1", "On Hold", "2026-03-02T09:11:00Z");
  CHECK(r.code == "bad-value");
  CHECK(set("reason", "Declined", "2026-03-02T09:12:00Z").exit == 0);
  CHECK(set("reason", "Duplicat", "2026-03-02T09:13:00Z").code == "bad-value");

  REQUIRE(engine->submit("acme", start("extender", "2026-03-02T10:00:00Z")).exit == 0);
  CHECK(set("reason", "Duplicate", "2026-03-02T10:01:00Z").exit == 0);
  CHECK(set("workloads.Teams.l1", "On Hold", "2026-03-02T10:02:00Z").exit == 0);
  // fire --set on the instance types the value against its playbook.
  r = engine->submit("acme",
                     fire("closed", "2026-03-02T10:03:00Z", {{"reason", "Not a customer"}}));
  REQUIRE(r.exit == 0);
  CHECK(r.world.tenant.attrs.at("reason").s == "Not a customer");
  CHECK(r.world.instances.front().st.step == "b");
  auto rp = engine->replay("acme");
  for (auto& diff : rp.diffs) UNSCOPED_INFO(diff);
  CHECK(rp.diffs.empty());
}

TEST_CASE("words: the data directory tests/data/words passes with full coverage", "[words][cli]") {
  pbtest::check_data_dir("tests/data/words", 6);
}

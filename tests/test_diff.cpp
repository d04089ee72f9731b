// test_diff.cpp — `renamed_from` (both forms, canonical printing, the PB146
// check) and `playbook diff` (docs/diff.md): diff_models on parsed models,
// the golden cases of tests/data/diff/ (one directory each: an old and a new
// side, each a file `old.playbook[.yaml]` or a directory `old/` holding the
// playbook and its schema; `expected.txt` is the text output, and the exit
// code is 1 exactly when it has a breaking change; PB_UPDATE_GOLDEN=1
// rewrites them), and the command end to end: formats, exit codes, --git,
// bad input.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "checker_fixture.hpp"
#include "grammar/frontend.hpp"
#include "interpreter/model_diff.hpp"
#include "run_binary.hpp"

namespace fs = std::filesystem;
using pbtest::run_playbook;
using pbtest::shell_quote;
using pbtest::slurp;

namespace {

const fs::path kData = fs::path(PB_SOURCE_DIR) / "tests" / "data" / "diff";

bool updating() {
  const char* v = std::getenv("PB_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

pb::Playbook dsl(const std::string& text) {
  pb::Diagnostics d;
  auto m = pb::parse_dsl(text, "t.playbook", d);
  INFO(text);
  REQUIRE(m);
  REQUIRE_FALSE(d.has_errors());
  return *m;
}

pb::Playbook yaml(const std::string& text) {
  pb::Diagnostics d;
  auto m = pb::parse_yaml_playbook(text, "t.playbook.yaml", d);
  INFO(text);
  REQUIRE(m);
  REQUIRE_FALSE(d.has_errors());
  return *m;
}

std::string base() { return slurp(kData / "step_split" / "old.playbook"); }
std::string split() { return slurp(kData / "step_split" / "new.playbook"); }

std::string edit(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::vector<pb::ModelChange> diff(const std::string& old_text, const std::string& new_text) {
  return pb::diff_models(dsl(old_text), nullptr, dsl(new_text), nullptr);
}

const pb::ModelChange* kind(const std::vector<pb::ModelChange>& cs, const std::string& k) {
  for (const auto& c : cs)
    if (c.kind == k) return &c;
  return nullptr;
}

// The playbook file of one side of a case: `NAME.playbook[.yaml]` or in `NAME/`.
std::string side(const fs::path& dir, const std::string& name) {
  for (const char* ext : {".playbook", ".playbook.yaml"})
    if (fs::exists(dir / (name + ext))) return name + ext;
  for (const auto& e : fs::directory_iterator(dir / name))
    if (e.path().filename().string().find(".playbook") != std::string::npos)
      return name + "/" + e.path().filename().string();
  FAIL("no " << name << " side in " << dir);
  return {};
}

}  // namespace

// ---------------------------------------------------------------- renamed_from

TEST_CASE("renamed_from reads in both forms and prints canonically", "[diff]") {
  auto m = dsl(split());
  const pb::Step* s = m.step("call_1");
  REQUIRE(s);
  CHECK(s->renamed_from == std::vector<std::string>{"phone"});
  CHECK(s->renamed_from_loc.line == 42);
  std::string printed = pb::print_dsl(m);
  CHECK(printed.find("  step call_1 \"Call the customer\" role tm {\n    renamed_from phone\n") !=
        std::string::npos);
  CHECK(dsl(printed) == m);
  CHECK(pb::print_dsl(dsl(printed)) == printed);
  std::string y = pb::print_yaml(m);
  CHECK(y.find("renamed_from: phone") != std::string::npos);
  CHECK(yaml(y) == m);
  CHECK(pb::print_yaml(yaml(y)) == y);
}

TEST_CASE("renamed_from takes a list: steps merged into one", "[diff]") {
  auto m = dsl(edit(split(), "renamed_from phone", "renamed_from phone, ring"));
  CHECK(m.step("call_1")->renamed_from == std::vector<std::string>{"phone", "ring"});
  std::string y = pb::print_yaml(m);
  CHECK(y.find("renamed_from: [phone, ring]") != std::string::npos);
  CHECK(yaml(y) == m);
  CHECK(dsl(pb::print_dsl(m)) == m);
}

TEST_CASE("renamed_from misuse is a syntax error or PB011", "[diff]") {
  pb::Diagnostics d;
  pb::parse_dsl(edit(split(), "renamed_from phone", "renamed_from"), "t.playbook", d);
  CHECK(d.has_errors());
  pb::Diagnostics twice;
  pb::parse_dsl(edit(split(), "renamed_from phone", "renamed_from phone\n    renamed_from ring"),
                "t.playbook", twice);
  CHECK(fx::find(twice, "PB011"));
  pb::Diagnostics bad_yaml;
  pb::parse_yaml_playbook(
      edit(pb::print_yaml(dsl(split())), "renamed_from: phone", "renamed_from: \"not an id\""),
      "t.playbook.yaml", bad_yaml);
  CHECK(bad_yaml.has_errors());
}

TEST_CASE("the checker rejects a renamed_from id still in use or claimed twice", "[diff]") {
  auto live = dsl(edit(split(), "renamed_from phone", "renamed_from call_2"));
  auto d = fx::check(live);
  const auto* f = fx::find(d, "PB146");
  REQUIRE(f);
  CHECK(f->message.find("step 'call_2' still exists") != std::string::npos);
  auto twice = dsl(edit(edit(split(), "renamed_from phone", "renamed_from phone"),
                        "  step call_2 \"Call the customer again\" role tm {\n",
                        "  step call_2 \"Call the customer again\" role tm {\n    renamed_from "
                        "phone\n"));
  CHECK(fx::count(fx::check(twice), "PB146") == 1);
  CHECK(fx::count(fx::check(dsl(split())), "PB146") == 0);
}

// ---------------------------------------------------------------- diff_models

TEST_CASE("diff: a playbook against itself, moved or converted, has no change", "[diff]") {
  CHECK(diff(base(), base()).empty());
  auto m = dsl(base());
  CHECK(pb::diff_models(yaml(pb::print_yaml(m)), nullptr, m, nullptr).empty());
}

TEST_CASE("diff: a rename through renamed_from is compatible and changes nothing else", "[diff]") {
  auto cs = diff(base(), split());
  const auto* r = kind(cs, "step-renamed");
  REQUIRE(r);
  CHECK(r->cls == pb::ChangeClass::Compatible);
  CHECK(r->before == "phone");
  CHECK(r->after == "call_1");
  CHECK_FALSE(kind(cs, "step-removed"));
  // email_2 now goes to call_1, which is phone renamed: no change there.
  for (const auto& c : cs) CHECK(c.subject != "step email_2");
}

TEST_CASE("diff: a removed step is breaking with a guess of its successor", "[diff]") {
  auto cs = diff(base(), edit(edit(base(), "-> phone", "-> call_1"), "step phone", "step call_1"));
  const auto* r = kind(cs, "step-removed");
  REQUIRE(r);
  CHECK(r->cls == pb::ChangeClass::Breaking);
  CHECK(r->old_loc.line == 41);
  CHECK(r->new_loc.line == 0);
  CHECK(r->hint.find("step call_1 looks like a rename") != std::string::npos);
  CHECK(r->hint.find("`renamed_from phone`") != std::string::npos);
  auto unlike = diff(base(), edit(edit(base(), "-> phone", "-> visit"),
                                  "step phone \"Call the customer\"", "step visit \"Go and see\""));
  REQUIRE(kind(unlike, "step-removed"));
  CHECK(kind(unlike, "step-removed")->hint.find("looks like") == std::string::npos);
}

TEST_CASE("diff: a shortened wait warns that timers may fire at once", "[diff]") {
  auto cs = diff(base(), edit(base(), "after 1 week -> phone", "after 2 days -> phone"));
  REQUIRE(cs.size() == 1);
  CHECK(cs[0].kind == "wait-changed");
  CHECK(cs[0].before == "1 week");
  CHECK(cs[0].after == "2 days");
  CHECK(cs[0].text.find("may fire at once") != std::string::npos);
  auto longer = diff(base(), edit(base(), "after 2 days", "after 2 business days"));
  REQUIRE(longer.size() == 1);
  CHECK(longer[0].text.find("may fire at once") == std::string::npos);
}

TEST_CASE("diff: a changed guard carries both conditions", "[diff]") {
  auto cs = diff(base(), edit(base(), "< 90", "< 60"));
  const auto* g = kind(cs, "guard-changed");
  REQUIRE(g);
  CHECK(g->old_expr);
  CHECK(g->new_expr);
  CHECK(pb::print_expr(*g->new_expr) == "days_until(event.until) < 60");
}

TEST_CASE("diff: the order is steps, removed steps, header, catalog, events, schema", "[diff]") {
  auto text = edit(split(), "task 3663 \"Send Email Outreach #1\"", "task 3663 \"First email\"");
  text = edit(text, "attr reason string \"Reason\"",
              "attr reason string \"Reason\"\n    attr "
              "ticket string \"Ticket\"");
  text = edit(text, "\"Blocked\", \"No Intent\"", "\"Blocked\"");
  auto cs = diff(base(), text);
  std::vector<std::string> kinds;
  for (const auto& c : cs) kinds.push_back(c.kind);
  CHECK(kinds == std::vector<std::string>{"step-renamed", "transition-changed", "step-added",
                                          "task-renamed", "payload-field-added",
                                          "enum-value-removed"});
}

// ---------------------------------------------------------------- golden cases

TEST_CASE("diff: the golden cases of tests/data/diff", "[diff]") {
  size_t cases = 0;
  for (const auto& e : fs::directory_iterator(kData)) {
    if (!e.is_directory()) continue;
    ++cases;
    std::string args = "diff " + side(e.path(), "old") + " " + side(e.path(), "new");
    auto r = run_playbook(e.path(), args);
    INFO(e.path().filename().string() << ": " << args << "\n" << r.err);
    CHECK(r.err.empty());
    fs::path golden = e.path() / "expected.txt";
    if (updating()) std::ofstream(golden, std::ios::binary) << r.out;
    CHECK(r.out == slurp(golden));
    CHECK(r.code == (r.out.find(": breaking: ") != std::string::npos ? 1 : 0));
  }
  CHECK(cases >= 9);
}

// ---------------------------------------------------------------- the command

TEST_CASE("diff --format json has every field of every change, in a fixed order", "[diff]") {
  auto r =
      run_playbook(kData / "step_removed_hint", "diff old.playbook new.playbook --format json");
  CHECK(r.code == 1);
  auto j = nlohmann::ordered_json::parse(r.out);
  REQUIRE(j.is_array());
  REQUIRE(j.size() >= 2);
  const auto& first = j[0];
  std::vector<std::string> keys;
  for (auto it = first.begin(); it != first.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"class", "kind", "subject", "old", "new", "text", "hint",
                                         "before", "after"});
  bool removed = false;
  for (const auto& c : j)
    if (c["kind"] == "step-removed") {
      removed = true;
      CHECK(c["class"] == "breaking");
      CHECK(c["new"].is_null());
      CHECK(c["old"]["file"] == "old.playbook");
      CHECK(c["old"]["line"] == 41);
      CHECK(c["hint"].get<std::string>().find("renamed_from phone") != std::string::npos);
    }
  CHECK(removed);
}

TEST_CASE("diff --format markdown is a summary line and a table per class", "[diff]") {
  auto r =
      run_playbook(kData / "step_removed_hint", "--format markdown diff old.playbook new.playbook");
  CHECK(r.code == 1);
  CHECK(r.out.starts_with("**playbook diff**: 1 breaking, 2 compatible, 0 cosmetic\n"));
  CHECK(r.out.find("\n### Breaking\n\n| where | kind | change |\n| --- | --- | --- |\n") !=
        std::string::npos);
  CHECK(r.out.find("| `old.playbook:41:3` | step-removed | step phone is removed") !=
        std::string::npos);
  CHECK(r.out.find("### Cosmetic") == std::string::npos);
  auto none = run_playbook(kData / "no_change", "diff " + side(kData / "no_change", "old") +
                                                    " new.playbook --format markdown");
  CHECK(none.code == 0);
  CHECK(none.out == "**playbook diff**: no change\n");
}

TEST_CASE("diff: bad input exits 2 with the diagnostics on stderr", "[diff]") {
  auto missing = run_playbook(kData / "waits", "diff old.playbook nowhere.playbook");
  CHECK(missing.code == 2);
  CHECK(missing.err.find("nowhere.playbook") != std::string::npos);
  CHECK(missing.err.find("PB005") != std::string::npos);
  auto tmp = fs::temp_directory_path() / ("pb_diff_bad_" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  std::ofstream(tmp / "bad.playbook") << edit(base(), "after 2 days", "after 2 fortnights");
  auto bad = run_playbook(
      tmp, "diff " + shell_quote((kData / "waits" / "old.playbook").string()) + " bad.playbook");
  CHECK(bad.code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("bad.playbook:31:") != std::string::npos);
  auto one = run_playbook(kData / "waits", "diff old.playbook");
  CHECK(one.code == 2);
  CHECK(one.err.find("OLD and NEW") != std::string::npos);
  fs::remove_all(tmp);
}

TEST_CASE("diff --git REV FILE compares with the file as committed", "[diff]") {
  auto tmp = fs::temp_directory_path() / ("pb_diff_git_" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp / "flows");
  std::ofstream(tmp / "flows" / "outreach.playbook") << base();
  std::string git = "git -c user.name=t -c user.email=t@example.com -c init.defaultBranch=main ";
  REQUIRE(std::system(("cd " + shell_quote(tmp.string()) + " && " + git + "init -q && " + git +
                       "add . && " + git + "commit -q -m v1")
                          .c_str()) == 0);
  std::ofstream(tmp / "flows" / "outreach.playbook") << split();
  auto r = run_playbook(tmp, "diff --git HEAD flows/outreach.playbook");
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(r.out.find("flows/outreach.playbook:42:5: compatible: step-renamed: step phone is "
                   "renamed to call_1") != std::string::npos);
  auto gone = run_playbook(tmp, "diff --git HEAD flows/outreach.playbook --format json");
  CHECK(gone.out.find("\"HEAD:flows/outreach.playbook\"") != std::string::npos);
  auto bad_rev = run_playbook(tmp, "diff --git no-such-rev flows/outreach.playbook");
  CHECK(bad_rev.code == 2);
  CHECK(bad_rev.err.find("cannot read flows/outreach.playbook at revision no-such-rev") !=
        std::string::npos);
  CHECK(bad_rev.err.find("[PB005]") != std::string::npos);
  std::ofstream(tmp / "flows" / "new.playbook") << base();
  auto untracked = run_playbook(tmp, "diff --git HEAD flows/new.playbook");
  CHECK(untracked.code == 2);
  CHECK(untracked.err.find("at revision HEAD") != std::string::npos);
  fs::remove_all(tmp);
}

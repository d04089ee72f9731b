// test_cli_pin_lint.cpp — a playbook with lint errors is never pinned: not by
// `start`, not by a `goto playbook` into it (end to end through the binary,
// on playbook directories written by the test); the refusal shows the
// diagnostics. And the table of refusal codes (interpreter/refusal_code.cpp)
// is what docs/refusal-codes.md documents, code, exit and text; every code
// the engine can return is in it, and every code in it is returned.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "cli_fixture.hpp"
#include "model/refusal_code.hpp"
#include "run_binary.hpp"

using pbt::Cli;
using pbt::has;
using pbt::Run;

namespace {

namespace fs = std::filesystem;

const char* kFront = R"(playbook front {
  event go "Go"
  event stay "Stay"
  start here
  step here "Here" {
    on go -> away
    on stay -> here
  }
  step away "Away" {
    goto playbook back
  }
}
)";

// PB030: a transition to a step that does not exist.
const char* kBackBroken = R"(playbook back {
  event done "Done"
  start one
  step one "One" {
    on done -> tow
  }
  step two "Two" {
    end "ok"
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

// PB034: a guard reads an attribute nobody declares.
const char* kUndefined = R"(playbook guarded {
  event go "Go"
  start one
  step one "One" {
    on go when tenant.regoin == "EMEA" -> two
  }
  step two "Two" {
    end "ok"
  }
}
)";

struct PlaybookDir {
  pbt::TempDb tmp;
  fs::path dir = tmp.dir / "playbooks";
  PlaybookDir() { fs::create_directories(dir); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
  }
  std::string opt() const { return "--playbooks '" + dir.string() + "' "; }
};

size_t events(Cli& cli, const std::string& tenant) {
  return nlohmann::json::parse(cli("history " + tenant + " --format json").out)["events"].size();
}

}  // namespace

TEST_CASE("pin: start refuses a playbook with checker errors and shows them", "[cli-pin]") {
  PlaybookDir d;
  d.write("back.playbook", kBackBroken);
  d.write("guarded.playbook", kUndefined);
  Cli cli;
  REQUIRE(cli(d.opt() + "tenant add acme").rc == 0);
  Run r = cli(d.opt() + "start acme back");
  CHECK(r.rc == 2);
  CHECK(has(r, "[playbook-invalid]"));
  CHECK(has(r, (d.dir / "back.playbook").string() + ":5:"));
  CHECK(has(r, "[PB030]"));
  r = cli(d.opt() + "start acme guarded");
  CHECK(r.rc == 2);
  CHECK(has(r, (d.dir / "guarded.playbook").string() + ":5:"));
  CHECK(has(r, "[PB034]"));
  CHECK(events(cli, "acme") == 1);  // only tenant-add: nothing pinned
  r = cli(d.opt() + "status acme --format json");
  CHECK(nlohmann::json::parse(r.out)["instances"].empty());
}

TEST_CASE("pin: a goto into a playbook with errors is refused; fixed, it goes", "[cli-pin]") {
  PlaybookDir d;
  d.write("front.playbook", kFront);
  d.write("back.playbook", kBackBroken);
  Cli cli;
  REQUIRE(cli(d.opt() + "tenant add acme").rc == 0);
  REQUIRE(cli(d.opt() + "start acme front").rc == 0);  // front itself is clean
  Run r = cli(d.opt() + "fire acme go");
  CHECK(r.rc == 2);
  CHECK(has(r, "[playbook-invalid]"));
  CHECK(has(r, "back.playbook:5:"));
  CHECK(has(r, "[PB030]"));
  CHECK(events(cli, "acme") == 2);
  CHECK(cli(d.opt() + "fire acme stay").rc == 0);  // the rest of front still runs
  d.write("back.playbook", kBackClean);
  r = cli(d.opt() + "fire acme go");
  CHECK(r.rc == 0);
  CHECK(has(r, "back: one"));
}

TEST_CASE("pin: an error in the shared schema blocks every playbook", "[cli-pin]") {
  PlaybookDir d;
  d.write("back.playbook", kBackClean);
  d.write("tenant.schema.yaml",
          "schema: tenant\nattributes:\n  priority: {type: int}\nrules:\n"
          "  - id: r1\n    message: m\n    on: {set: tenant.priority}\n"
          "    require: tenant.prioirty >= 0\n");
  Cli cli;
  REQUIRE(cli(d.opt() + "tenant add acme").rc == 0);
  Run r = cli(d.opt() + "start acme back");
  CHECK(r.rc == 2);
  CHECK(has(r, "tenant.schema.yaml:8:"));
  CHECK(has(r, "[PB034]"));
}

// The table's name of a code: "bad-value" is RefusalCode::BadValue.
static std::string enum_name(std::string_view text) {
  std::string out;
  bool up = true;
  for (char c : text) {
    if (c == '-')
      up = true;
    else
      out += up ? char(std::toupper(static_cast<unsigned char>(c))) : c, up = false;
  }
  return out;
}

// The codes the sources use: RefusalCode::X in interpreter/, runtime/ and
// cli/ (as spellings), and any code still spelled as a literal — the first
// string literal of a Refusal{…}, a refuse…(…) or a failure(kX, …) in
// interpreter/ and runtime/, or a "[code]" the CLI prints (not in comments).
static std::set<std::string> codes_in_sources() {
  std::map<std::string, std::string> spelling;  // BadValue → bad-value
  for (const auto& i : pb::refusal_codes()) spelling[enum_name(i.text)] = std::string(i.text);
  std::set<std::string> out;
  std::regex named(R"re(RefusalCode::(\w+))re");
  std::regex use(R"re((?:Refusal\{|refuse\w*\(|failure\(k\w+,)[^";]*?"([a-z][a-z0-9-]*)")re");
  std::regex printed(R"re(\[([a-z][a-z0-9-]*)\](\\n)?")re");
  for (const char* dir : {"interpreter", "runtime", "cli"})
    for (const auto& f : fs::recursive_directory_iterator(fs::path(PB_SOURCE_DIR) / dir)) {
      auto ext = f.path().extension();
      if ((ext != ".cpp" && ext != ".hpp") || f.path().stem() == "refusal_code") continue;
      std::string text = pbtest::slurp(f.path());
      for (std::sregex_iterator it(text.begin(), text.end(), named), end; it != end; ++it)
        if (spelling.count((*it)[1])) out.insert(spelling[(*it)[1]]);
      if (std::string(dir) != "cli")
        for (std::sregex_iterator it(text.begin(), text.end(), use), end; it != end; ++it)
          out.insert((*it)[1]);
      std::istringstream lines(text);
      for (std::string line; dir == std::string("cli") && std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_search(line, m, printed) &&
            line.rfind("//", size_t(m.position(0))) == std::string::npos)
          out.insert(m[1]);
      }
    }
  return out;
}

// The rows of the table of docs/refusal-codes.md: each `code` of a row's
// first cell with the row's exit and text (italic rows name codes that
// come from the playbook: not in the table).
struct DocRow {
  int exit;
  std::string when;
};
static std::map<std::string, DocRow> codes_in_doc() {
  std::map<std::string, DocRow> out;
  std::istringstream doc(pbtest::slurp(fs::path(PB_SOURCE_DIR) / "docs/refusal-codes.md"));
  std::regex code("`([a-z][a-z0-9-]*)`");
  for (std::string line; std::getline(doc, line);) {
    if (!line.starts_with("| `")) continue;
    std::vector<std::string> cells;
    for (size_t at = 2, bar; (bar = line.find(" | ", at)) != std::string::npos; at = bar + 3)
      cells.push_back(line.substr(at, bar - at));
    cells.push_back(line.substr(line.rfind(" | ") + 3, line.size() - line.rfind(" | ") - 5));
    REQUIRE(cells.size() == 3);
    for (std::sregex_iterator it(cells[0].begin(), cells[0].end(), code), end; it != end; ++it)
      out[(*it)[1]] = DocRow{std::stoi(cells[1]), cells[2]};
  }
  return out;
}

TEST_CASE("refusal codes: docs/refusal-codes.md documents the table, code by code", "[cli-pin]") {
  auto doc = codes_in_doc();
  REQUIRE(doc.size() > 20);
  for (const auto& i : pb::refusal_codes()) {
    std::string text(i.text);
    INFO("in the table but not in docs/refusal-codes.md: " << text);
    REQUIRE(doc.count(text));
    CHECK(doc[text].exit == i.exit);
    CHECK(doc[text].when == i.when);
    CHECK(pb::to_string(i.code) == i.text);
  }
  for (const auto& [c, row] : doc) {
    INFO("documented but not in the table: " << c);
    CHECK(std::any_of(pb::refusal_codes().begin(), pb::refusal_codes().end(),
                      [&](const auto& i) { return i.text == c; }));
  }
}

TEST_CASE("refusal codes: every code the engine returns is in the table, and no other",
          "[cli-pin]") {
  auto src = codes_in_sources();
  REQUIRE(src.size() > 20);
  std::set<std::string> table;
  for (const auto& i : pb::refusal_codes()) table.insert(std::string(i.text));
  for (const auto& c : src) {
    INFO("returned but not in the table (refusal_code.cpp): " << c);
    CHECK(table.count(c));
  }
  for (const auto& c : table) {
    INFO("in the table but never returned: " << c);
    CHECK(src.count(c));
  }
}

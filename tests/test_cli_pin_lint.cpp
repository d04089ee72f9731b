// test_cli_pin_lint.cpp — a playbook with lint errors is never pinned: not by
// `start`, not by a `goto playbook` into it (end to end through the binary,
// on playbook directories written by the test); the refusal shows the
// diagnostics. And every refusal code the engine can return is documented in
// docs/refusal-codes.md, and every documented code is one it returns.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "cli_fixture.hpp"
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
  void write(const std::string& name, const std::string& text) { std::ofstream(dir / name) << text; }
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
  d.write("tenant.schema.yaml", "schema: tenant\nattributes:\n  priority: {type: int}\nrules:\n"
                                "  - id: r1\n    message: m\n    on: {set: tenant.priority}\n"
                                "    require: tenant.prioirty >= 0\n");
  Cli cli;
  REQUIRE(cli(d.opt() + "tenant add acme").rc == 0);
  Run r = cli(d.opt() + "start acme back");
  CHECK(r.rc == 2);
  CHECK(has(r, "tenant.schema.yaml:8:"));
  CHECK(has(r, "[PB034]"));
}

// Codes in the sources, in interpreter/ and runtime/ (and the CLI's own,
// printed as "[code]"): the first string
// literal of a Refusal{…}, a refuse…(…) or a failure(kX, …), when it reads
// like a code (Refusal{"code", …}, refuse(a, "code", …), c.refuse_by(loc,
// x.empty() ? "code" : x, …), failure(kBadInput, "code", …)).
static std::set<std::string> codes_in_sources() {
  std::set<std::string> out;
  std::regex use(R"re((?:Refusal\{|refuse\w*\(|failure\(k\w+,)[^";]*?"([a-z][a-z0-9-]*)")re");
  for (const char* dir : {"interpreter", "runtime"})
    for (const auto& f : fs::recursive_directory_iterator(fs::path(PB_SOURCE_DIR) / dir)) {
      auto ext = f.path().extension();
      if (ext != ".cpp" && ext != ".hpp") continue;
      std::string text = pbtest::slurp(f.path());
      for (std::sregex_iterator it(text.begin(), text.end(), use), end; it != end; ++it) out.insert((*it)[1]);
    }
  // The codes the CLI gives by itself, in a string it prints ("… [internal]\n",
  // "[duplicate-id]"); not in comments.
  std::regex printed(R"re(\[([a-z][a-z0-9-]*)\](\\n)?")re");
  for (const auto& f : fs::directory_iterator(fs::path(PB_SOURCE_DIR) / "cli")) {
    if (f.path().extension() != ".cpp") continue;
    std::istringstream text(pbtest::slurp(f.path()));
    for (std::string line; std::getline(text, line);) {
      std::smatch m;
      if (std::regex_search(line, m, printed) && line.rfind("//", size_t(m.position(0))) == std::string::npos)
        out.insert(m[1]);
    }
  }
  return out;
}

// Codes in the table of docs/refusal-codes.md: the `code`s of each row's
// first cell (italic rows name codes that come from the playbook).
static std::set<std::string> codes_in_doc() {
  std::set<std::string> out;
  std::istringstream doc(pbtest::slurp(fs::path(PB_SOURCE_DIR) / "docs/refusal-codes.md"));
  std::regex code("`([a-z][a-z0-9-]*)`");
  for (std::string line; std::getline(doc, line);) {
    if (!line.starts_with("| `")) continue;
    std::string cell = line.substr(1, line.find('|', 1) - 1);
    for (std::sregex_iterator it(cell.begin(), cell.end(), code), end; it != end; ++it) out.insert((*it)[1]);
  }
  return out;
}

TEST_CASE("refusal codes: every code the engine returns is documented, and no other", "[cli-pin]") {
  auto src = codes_in_sources(), doc = codes_in_doc();
  REQUIRE(src.size() > 20);
  for (const auto& c : src) {
    INFO("returned but not in docs/refusal-codes.md: " << c);
    CHECK(doc.count(c));
  }
  for (const auto& c : doc) {
    INFO("documented but never returned: " << c);
    CHECK(src.count(c));
  }
}

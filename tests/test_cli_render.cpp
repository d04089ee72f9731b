// test_cli_render.cpp — `fmt`, `convert`, `graph` and `explain` end to end:
// canonical output and its idempotence, --check/--write, lossless conversion
// of every bundled playbook, node shapes and labels in DOT and Mermaid, the
// text an FM reads in `explain`, and exit codes for bad input.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

#include "grammar/frontend.hpp"
#include "run_binary.hpp"

namespace fs = std::filesystem;
using pbtest::run_playbook;
using pbtest::shell_quote;
using pbtest::slurp;

namespace {

const fs::path kRoot = PB_SOURCE_DIR;
const fs::path kShapes = kRoot / "tests" / "data" / "render" / "shapes.playbook";

std::string run_shell(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

fs::path temp_dir(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("pb_render_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<fs::path> bundled_playbooks() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(kRoot / "playbooks")) {
    auto name = e.path().filename().string();
    if (name.ends_with(".playbook") || name.ends_with(".playbook.yaml")) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

pb::Playbook parse_file(const fs::path& p) {
  pb::Diagnostics d;
  std::string text = slurp(p);
  auto name = p.string();
  auto pb = name.ends_with(".yaml") ? pb::parse_yaml_playbook(text, name, d)
                                    : pb::parse_dsl(text, name, d);
  INFO(name);
  REQUIRE(pb);
  REQUIRE_FALSE(d.has_errors());
  return *pb;
}

}  // namespace

TEST_CASE("fmt prints the canonical form, and fmt of fmt is identical", "[fmt]") {
  auto dir = temp_dir("fmt");
  std::string messy =
      "playbook  m {  title \"M\"\n\trole fm \"FM\" start a\n"
      "step a \"A\" role fm { on go->b\n after 2 business days -> b {complete 1;} }\n"
      "step b { end \"done\" } task 1 \"T\" optional role fm event go \"Go\" }\n";
  std::ofstream(dir / "m.playbook") << messy;
  auto first = run_playbook(dir, "fmt m.playbook");
  REQUIRE(first.code == 0);
  CHECK(first.out.find("  task 1 \"T\" optional role fm\n") != std::string::npos);
  CHECK(first.out.find("after 2 business days -> b { complete 1 }") != std::string::npos);

  std::ofstream(dir / "canon.playbook") << first.out;
  auto second = run_playbook(dir, "fmt canon.playbook");
  CHECK(second.out == first.out);

  CHECK(run_playbook(dir, "fmt --check canon.playbook").code == 0);
  CHECK(run_playbook(dir, "fmt --check canon.playbook").out.empty());
  auto check = run_playbook(dir, "fmt --check m.playbook canon.playbook");
  CHECK(check.code == 1);
  // A unified diff from the file to its canonical form: the hunks GNU diff
  // prints, and what patch applies.
  REQUIRE(check.out.rfind("--- m.playbook\n+++ m.playbook\n", 0) == 0);
  CHECK(check.out.find("canon.playbook") == std::string::npos);
  std::ofstream(dir / "fix.diff") << check.out;
  auto in_dir = "cd " + shell_quote(dir.string()) + " && ";
  auto gnu = run_shell(in_dir + "diff -u m.playbook canon.playbook | tail -n +3");
  CHECK(check.out.substr(check.out.find("@@")) == gnu);
  REQUIRE(std::system(
              (in_dir + "cp m.playbook p.playbook && patch -s p.playbook < fix.diff").c_str()) ==
          0);
  CHECK(slurp(dir / "p.playbook") == first.out);

  REQUIRE(run_playbook(dir, "fmt --write m.playbook").code == 0);
  CHECK(slurp(dir / "m.playbook") == first.out);
  fs::remove_all(dir);
}

TEST_CASE("fmt refuses a file that does not parse and leaves it untouched", "[fmt]") {
  auto dir = temp_dir("fmtbad");
  std::string broken = "playbook b {\n  title \"B\"\n  step x {\n";
  std::ofstream(dir / "b.playbook") << broken;
  auto r = run_playbook(dir, "fmt --write b.playbook");
  CHECK(r.code == 2);
  CHECK(r.err.find("b.playbook:") == 0);
  CHECK(r.err.find("[PB001]") != std::string::npos);
  CHECK(slurp(dir / "b.playbook") == broken);
  fs::remove_all(dir);
}

TEST_CASE("every bundled playbook is canonical and converts losslessly", "[convert]") {
  auto files = bundled_playbooks();
  REQUIRE(files.size() >= 4);
  for (const auto& f : files) {
    INFO(f.string());
    CHECK(run_playbook(kRoot, "fmt --check " + shell_quote(f.string())).code == 0);
    pb::Playbook model = parse_file(f);
    // model(dsl) == model(yaml(dsl)) and fmt(dsl(yaml(dsl))) == fmt(dsl)
    std::string dsl = pb::print_dsl(model);
    pb::Diagnostics d;
    auto via_yaml = pb::parse_yaml_playbook(pb::print_yaml(model), "via.yaml", d);
    REQUIRE(via_yaml);
    CHECK_FALSE(d.has_errors());
    CHECK(*via_yaml == model);
    CHECK(pb::print_dsl(*via_yaml) == dsl);
    auto back = pb::parse_dsl(dsl, "via.playbook", d);
    REQUIRE(back);
    CHECK(*back == model);
  }
}

TEST_CASE("the YAML source playbook converts to the same model as its DSL twin", "[convert]") {
  auto dir = temp_dir("twin");
  auto yaml = kRoot / "playbooks" / "assign-to-delivery.playbook.yaml";
  auto r =
      run_playbook(dir, "convert " + shell_quote(yaml.string()) + " --to dsl -o twin.playbook");
  REQUIRE(r.code == 0);
  CHECK(parse_file(dir / "twin.playbook") == parse_file(yaml));
  auto back = run_playbook(dir, "convert twin.playbook --to yaml");
  REQUIRE(back.code == 0);
  CHECK(back.out == slurp(yaml));
  fs::remove_all(dir);
}

TEST_CASE("graph draws steps, decisions, ends, gotos and hand-offs distinctly", "[graph]") {
  auto dot = run_playbook(kRoot, "graph " + shell_quote(kShapes.string()) + " --format dot");
  REQUIRE(dot.code == 0);
  CHECK(dot.out.rfind("digraph \"shapes\" {", 0) == 0);
  CHECK(dot.out.find("\"shapes/email\" [label=\"Send Email Outreach #1\\n(FastTrack Manager)\", "
                     "shape=box, style=rounded];") != std::string::npos);
  CHECK(dot.out.find("\"shapes/decide\" [label=\"Managed?\", shape=diamond];") !=
        std::string::npos);
  CHECK(dot.out.find("shape=doubleoctagon") != std::string::npos);
  CHECK(dot.out.find("shape=cds") != std::string::npos);
  CHECK(dot.out.find("shape=component") != std::string::npos);
  CHECK(dot.out.find("[label=\"on customer_replied\\n[not tenant.managed]\"]") !=
        std::string::npos);
  CHECK(dot.out.find("[label=\"after 2 business days\"]") != std::string::npos);

  auto mm = run_playbook(kRoot, "graph " + shell_quote(kShapes.string()) + " --format mermaid");
  REQUIRE(mm.code == 0);
  CHECK(mm.out.rfind("flowchart TD\n", 0) == 0);
  CHECK(mm.out.find("shapes__decide{\"Managed?\"}") != std::string::npos);
  CHECK(mm.out.find("shapes__unresponsive>\"Unresponsive customer<br/>⇒ external: Unresponsive "
                    "Customer\"]") != std::string::npos);
  CHECK(mm.out.find("shapes__decide -->|\"otherwise\"| shapes__unresponsive") != std::string::npos);
}

TEST_CASE("graph --all joins the bundled playbooks through their gotos", "[graph]") {
  auto all = run_playbook(kRoot, "graph --all --format dot");
  REQUIRE(all.code == 0);
  CHECK(all.out.find("subgraph \"cluster_customer-engagement\"") != std::string::npos);
  CHECK(all.out.find("label=\"goto\"") != std::string::npos);
  auto none = run_playbook(kRoot, "graph no-such-playbook");
  CHECK(none.code == 2);
  CHECK(none.err.find("no playbook 'no-such-playbook'") != std::string::npos);
}

TEST_CASE("docs/playbooks.md is what graph --all --format markdown prints", "[graph]") {
  auto md = run_playbook(kRoot, "graph --all --format markdown");
  REQUIRE(md.code == 0);
  INFO("regenerate with: build/cli/playbook graph --all --format markdown > docs/playbooks.md");
  CHECK(md.out == slurp(kRoot / "docs" / "playbooks.md"));
}

TEST_CASE("explain shows role, tasks, events, waits and rules of a step", "[explain]") {
  auto r = run_playbook(kRoot, "explain " + shell_quote(kShapes.string()) + " email");
  REQUIRE(r.code == 0);
  CHECK(r.out ==
        "Step email — Send Email Outreach #1\n"
        "  Role: FastTrack Manager (fm)\n"
        "  Tasks:\n"
        "    3663 Send Email Outreach #1 (optional)\n"
        "  On entry: complete task 3663 \"Send Email Outreach #1\"\n"
        "  What you can record:\n"
        "    - customer_replied (Customer replied), only if tenant.managed → done \"Engaged\"\n"
        "    - customer_replied (Customer replied), only if not tenant.managed → next \"Assign to "
        "delivery\"\n"
        "  Waits:\n"
        "    - after 2 business days → decide \"Managed?\"\n"
        "        then: add Overall Status Note \"Re-engaged Customer: no reply\"\n"
        "  Rules:\n"
        "    - every note must start with \"Re-engaged Customer\"\n");

  auto bad = run_playbook(kRoot, "explain " + shell_quote(kShapes.string()) + " emial");
  CHECK(bad.code == 2);
  CHECK(bad.err == "error: playbook shapes has no step 'emial'; did you mean 'email'?\n");

  auto json = run_playbook(kRoot, "explain customer-engagement --format json");
  REQUIRE(json.code == 0);
  auto j = nlohmann::json::parse(json.out);
  CHECK(j["playbook"] == "customer-engagement");
  CHECK(j["steps"].size() > 5);
}

TEST_CASE("explain lists a parallel step's regions and joins and places a region's step",
          "[explain]") {
  const std::string file =
      shell_quote((kRoot / "tests" / "data" / "parallel" / "enable-workloads.playbook").string());
  auto p = run_playbook(kRoot, "explain " + file + " enablement");
  REQUIRE(p.code == 0);
  CHECK(p.out ==
        "Step enablement — Enable the services\n"
        "  Role: FastTrack Manager (fm)\n"
        "  Runs 3 regions at the same time, each from its first step:\n"
        "    - region edge (Deploy Edge): deploy_edge \"Deploy Edge\", edge_late \"Edge "
        "deployment is late\", edge_live \"Edge is live\" — finishes at its `done` step\n"
        "    - region workloads (Enable the workloads): pilot \"Pilot the workloads\", "
        "workloads_live \"The workloads are live\" — finishes at its `done` step\n"
        "    - region sync (Weekly sync meetings): weekly_sync \"Hold the weekly sync\" — never "
        "finishes: it stops at a join or when the step is left\n"
        "  Leaves when its regions are done:\n"
        "    - when regions edge, workloads are done → closeout \"Services enabled\" (region "
        "sync stops there)\n"
        "  What you can record:\n"
        "    - customer_withdrew (The customer withdrew) → closed \"Enablement closed\"\n"
        "  Waits:\n"
        "    - after 3 months → blocked \"Enablement is blocked\"\n");
  auto r = run_playbook(kRoot, "explain " + file + " edge_live");
  REQUIRE(r.code == 0);
  CHECK(r.out ==
        "Step edge_live — Edge is live\n"
        "  In region edge (Deploy Edge) of parallel step enablement \"Enable the services\"; "
        "alongside regions workloads, sync\n"
        "  Finishes region edge of step enablement\n");
  auto all = run_playbook(kRoot, "explain " + file);
  REQUIRE(all.code == 0);
  CHECK(all.out.find("  In region sync (Weekly sync meetings) of parallel step enablement") !=
        std::string::npos);
}

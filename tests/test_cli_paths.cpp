// test_cli_paths.cpp — end-to-end runs of `playbook paths`, `playbook test
// --scaffold` and `playbook whatif` (PB_BINARY) on the bundled playbooks:
// every bundled playbook works with each, the skeletons load, a scenario's
// path is not scaffolded again, and the 23 December EMEA timeline has the
// exact dates across the holidays of calendars/EMEA.yaml.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "run_binary.hpp"

namespace fs = std::filesystem;
using pbtest::run_playbook;
using pbtest::shell_quote;

namespace {

const char* kBundled[] = {"customer-engagement", "engage-customer-document-intent",
                          "re-engagement-team-disengaged", "assign-to-delivery"};

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("pb_paths_" + std::to_string(::getpid()) + "_" + std::to_string(rand()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

size_t count_lines(const std::string& s) { return size_t(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

TEST_CASE("paths: every bundled playbook, text and json agree", "[paths][cli]") {
  for (const char* id : kBundled) {
    INFO(id);
    auto text = run_playbook(PB_SOURCE_DIR, std::string("paths ") + id + " --limit 300");
    REQUIRE(text.code == 0);
    CHECK(text.out.starts_with("1. "));
    auto json =
        run_playbook(PB_SOURCE_DIR, std::string("paths ") + id + " --limit 300 --format json");
    REQUIRE(json.code == 0);
    auto j = nlohmann::json::parse(json.out);
    size_t n = j["paths"].size();
    CHECK(n >= 1);
    CHECK(text.out.ends_with("\n" + std::to_string(n) + " path" + (n == 1 ? "" : "s") + "\n"));
    CHECK(count_lines(text.out) == n + 1);
    CHECK(j["paths"][0]["text"].get<std::string>() == text.out.substr(3, text.out.find('\n') - 3));
  }
}

TEST_CASE("paths: exact count with --max-loops 0, a known path, truncation, unknown playbook",
          "[paths][cli]") {
  auto r = run_playbook(PB_SOURCE_DIR, "paths re-engagement-team-disengaged --max-loops 0");
  REQUIRE(r.code == 0);
  CHECK(r.out.ends_with("\n26 paths\n"));
  CHECK(
      r.out.find(
          "\n20. select_outcome -(otherwise)-> choose_outcome -(non_actionable_selected)-> non_actionable "
          "-(task 3708)-> non_actionable_queues => end \"Non-actionable\"\n") != std::string::npos);
  auto cut =
      run_playbook(PB_SOURCE_DIR, "paths re-engagement-team-disengaged --max-loops 0 --limit 5");
  CHECK(cut.code == 0);
  CHECK(cut.out.ends_with("\n5 paths\n"));
  CHECK(cut.err.find("stopped after 5 paths (--limit 5)") != std::string::npos);
  auto bad = run_playbook(PB_SOURCE_DIR, "paths customer-engagment");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("did you mean 'customer-engagement'") != std::string::npos);
}

TEST_CASE("test --scaffold: every bundled playbook; the skeletons load; nothing is overwritten",
          "[paths][cli]") {
  for (const char* id : kBundled) {
    INFO(id);
    TempDir dir;
    std::string args = std::string("--now 2026-12-23T09:00:00Z test --scaffold ") + id +
                       " --max-loops 0 --out " + shell_quote(dir.path.string());
    auto r = run_playbook(PB_SOURCE_DIR, args);
    REQUIRE(r.code == 0);
    CHECK(r.out.find(" skeletons written\n") != std::string::npos);
    size_t files = std::distance(fs::directory_iterator(dir.path), fs::directory_iterator{});
    CHECK(files >= 1);
    auto loaded = run_playbook(PB_SOURCE_DIR, "test " + shell_quote(dir.path.string()));
    CHECK(loaded.code != 2);  // 2 = a scenario file did not load
    CHECK(loaded.err == "");
    int passed = -1, failed = -1;
    auto last = loaded.out.rfind('\n', loaded.out.size() - 2);
    std::sscanf(loaded.out.c_str() + last + 1, "%d passed, %d failed", &passed, &failed);
    CHECK(size_t(passed + failed) == files);  // every skeleton loaded and ran
    std::map<fs::path, std::string> first;
    for (const auto& f : fs::directory_iterator(dir.path))
      first[f.path()] = pbtest::slurp(f.path());
    auto again =
        run_playbook(PB_SOURCE_DIR, args);  // writes the next batch, if any; keeps the first
    CHECK(again.code == 0);
    for (const auto& [f, text] : first) {
      CHECK(again.out.find("skipped " + f.string() + " (exists)") != std::string::npos);
      CHECK(pbtest::slurp(f) == text);
    }
    CHECK(again.out.find("skipped ") != std::string::npos);
  }
}

TEST_CASE("test --scaffold: a path a scenario walked is covered, the others are written",
          "[paths][cli]") {
  TempDir dir;
  fs::create_directories(dir.path / "scen");
  std::ofstream(dir.path / "scen" / "frp.scenario.yaml")
      << "playbook: re-engagement-team-disengaged\nstart: 2026-12-23T09:00:00Z\n"
         "tenant: {region: APJ, grt_outcome: FRP is taking over}\n"
         "steps:\n  - fire: psm_confirmed\n    expect: {step: re-engagement-team-disengaged/frp_done}\n";
  auto r = run_playbook(
      PB_SOURCE_DIR, "--now 2026-12-23T09:00:00Z test --scaffold re-engagement-team-disengaged " +
                         shell_quote((dir.path / "scen").string()) + " --max-loops 0 --out " +
                         shell_quote((dir.path / "out").string()));
  REQUIRE(r.code == 0);
  CHECK(r.out.find("26 paths, 1 covered by 1 scenarios, 25 skeletons written\n") !=
        std::string::npos);
  // path 3: select_outcome -(when … "FRP is taking over")-> frp_taking_over -(psm_confirmed)-> frp_disengage
  //         -(otherwise)-> frp_done (the tenant has no Windows 10 workload)
  CHECK_FALSE(fs::exists(dir.path / "out" / "re-engagement-team-disengaged-path-3.scenario.yaml"));
  CHECK(fs::exists(dir.path / "out" / "re-engagement-team-disengaged-path-2.scenario.yaml"));
  auto loaded = run_playbook(PB_SOURCE_DIR, "test " + shell_quote((dir.path / "out").string()));
  CHECK(loaded.code != 2);
  CHECK(loaded.err == "");
}

TEST_CASE("whatif: a tenant first contacted on 23 December in EMEA who never answers",
          "[paths][cli][whatif]") {
  auto r = run_playbook(
      PB_SOURCE_DIR,
      "whatif customer-engagement --start 2026-12-23 --sample fabrikam-emea research_done@+0h "
      "'contact_selected@+0h:contact=Sam Okafor,source=Contacts list'");
  REQUIRE(r.code == 0);
  CHECK(
      r.out ==
      "whatif customer-engagement: tenant from sample fabrikam-emea\n"
      "calendar: EMEA\n"
      "  holiday Fri 2026-12-25: Christmas Day\n"
      "  holiday Mon 2026-12-28: Boxing Day (substitute day)\n"
      "  holiday Fri 2027-01-01: New Year's Day\n"
      "Wed 2026-12-23 09:00  start customer-engagement  customer-engagement: research\n"
      "Wed 2026-12-23 09:00  event research_done  customer-engagement: research -> do_not_contact\n"
      "Wed 2026-12-23 09:00  event contact_selected  customer-engagement: do_not_contact -> ask_account_team\n"
      "                      with contact=Sam Okafor, source=Contacts list\n"
      "Tue 2026-12-29 09:00  timer after 2 business days  customer-engagement: ask_account_team -> email_1\n"
      "                      sent \"Customer Outreach\" to Sam Okafor <sam.okafor@fabrikam.example>\n"
      "                      tasks: 3663 complete\n"
      "Thu 2026-12-31 09:00  timer after 2 business days  customer-engagement: email_1 -> call\n"
      "                      tasks: 3664 complete\n"
      "Mon 2027-01-04 09:00  timer after 1 business day  customer-engagement: call -> phone_outreach\n"
      "Mon 2027-01-11 09:00  timer after 1 week since entering phone_outreach  customer-engagement: "
      "phone_outreach -> atu_help\n"
      "                      sent \"Unresponsive Customer - ATU Help Request\" to Noa Levi "
      "<noa.levi@fabrikam.example>\n"
      "                      sent \"Unresponsive Customer - ATU Help Request\" cc Ines Duarte "
      "<ines.duarte@fabrikam.example>\n"
      "                      tasks: 3665 complete\n"
      "                      note: \"Re-engaged Customer: customer unresponsive, Account Team Unit asked for "
      "help reaching the customer\"\n"
      "Wed 2027-01-13 09:00  timer after 2 business days  customer-engagement: atu_help -> atu_escalation\n"
      "                      note: \"Re-engaged Customer: no response, reach-out to the Account Team Unit "
      "repeated with escalation\"\n"
      "Fri 2027-01-15 09:00  timer after 2 business days  customer-engagement: atu_escalation -> "
      "outreach_unsuccessful; re-engagement-team-disengaged: select_outcome -> non_actionable\n"
      "                      note: \"Re-engaged Customer: Reason: customer outreach unsuccessful\"\n"
      "ended Fri 2027-01-15 09:00: customer-engagement: goto re-engagement-team-disengaged\n");
  auto j = run_playbook(
      PB_SOURCE_DIR,
      "whatif customer-engagement --start 2026-12-23 --sample fabrikam-emea --format json "
      "research_done@+0h 'contact_selected@+0h:contact=Sam Okafor'");
  REQUIRE(j.code == 0);
  auto doc = nlohmann::json::parse(j.out);
  CHECK(doc["ended"] == "customer-engagement: goto re-engagement-team-disengaged");
  CHECK(doc["entries"].back()["at"] == "2027-01-15T09:00:00Z");
  CHECK(doc["holidays"].size() == 3);
}

TEST_CASE("whatif: refusals, skipped inputs, the horizon, the default calendar",
          "[paths][cli][whatif]") {
  auto r = run_playbook(PB_SOURCE_DIR,
                        "whatif customer-engagement --start 2027-03-01T10:00:00Z --until +3d "
                        "--set \"contacts=Tim <tim@x.example> role=tam\" "
                        "meeting_held@+1h research_done@+2h");
  REQUIRE(r.code == 0);
  CHECK(r.out.find("calendar: default (Mon-Fri, no holidays") != std::string::npos);
  // the 1-hour timer fires before the event planned at the same instant
  CHECK(
      r.out.find(
          "Mon 2027-03-01 10:00  start customer-engagement  customer-engagement: research\n"
          "Mon 2027-03-01 11:00  timer after 1 hour  customer-engagement: research -> do_not_contact\n"
          "Mon 2027-03-01 11:00  refused meeting_held\n") != std::string::npos);
  CHECK(r.out.find("[event-not-possible]") != std::string::npos);
  CHECK(r.out.find("Mon 2027-03-01 12:00  refused research_done") != std::string::npos);
  CHECK(
      r.out.find(
          "Wed 2027-03-03 11:00  timer after 2 business days  customer-engagement: do_not_contact -> "
          "atu_help") != std::string::npos);
  CHECK(r.out.ends_with("still running at Thu 2027-03-04 10:00 (--until)\n"));
  auto done =
      run_playbook(PB_SOURCE_DIR,
                   "whatif re-engagement-team-disengaged --start 2027-03-01 --region APJ "
                   "--set 'grt_outcome=FRP is taking over' psm_confirmed@+1h frp_selected@+1d");
  REQUIRE(done.code == 0);
  CHECK(
      done.out.find(
          "Mon 2027-03-01 10:00  event psm_confirmed  re-engagement-team-disengaged: frp_taking_over -> "
          "frp_disengage -> frp_done\n") != std::string::npos);
  CHECK(done.out.find("Tue 2027-03-02 09:00  skipped frp_selected@+1d\n") != std::string::npos);
  CHECK(done.out.ends_with(
      "not fired: the run had already ended\n"
      "ended Mon 2027-03-01 10:00: re-engagement-team-disengaged: end \"FRP is taking over\"\n"));
  auto bad = run_playbook(PB_SOURCE_DIR,
                          "whatif customer-engagement --start 2027-03-01 research_done@soon");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("is not an offset") != std::string::npos);
}

TEST_CASE("whatif: every bundled playbook runs to an end or the horizon", "[paths][cli][whatif]") {
  for (const char* id : kBundled) {
    INFO(id);
    auto r = run_playbook(PB_SOURCE_DIR, std::string("whatif ") + id +
                                             " --start 2026-12-23 --region EMEA --until +60d");
    REQUIRE(r.code == 0);
    CHECK(r.out.find("Wed 2026-12-23 09:00  start " + std::string(id)) != std::string::npos);
    CHECK((r.out.find("\nended ") != std::string::npos ||
           r.out.find("\nstill running at ") != std::string::npos));
  }
}

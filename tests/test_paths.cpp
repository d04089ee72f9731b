// test_paths.cpp — interpreter/paths.hpp: exact path lists of small playbooks
// with loops, visits() guards, literal sets and task() guards, the bounds,
// and truncation.
#include <catch2/catch.hpp>

#include "cli/path_text.hpp"
#include "cli/scaffold.hpp"
#include "grammar/frontend.hpp"
#include "interpreter/paths.hpp"

using namespace pb;

namespace {

std::vector<std::string> lines_of(const std::string& text, paths::Options o = {},
                                  bool* truncated = nullptr) {
  Diagnostics d;
  auto pb = parse_dsl(text, "t.playbook", d);
  for (const auto& x : d.items()) UNSCOPED_INFO(x.loc.str() << " " << x.message);
  REQUIRE(pb);
  REQUIRE_FALSE(d.has_errors());
  auto e = paths::enumerate(*pb, o);
  if (truncated) *truncated = e.truncated;
  std::vector<std::string> out;
  for (const auto& p : e.paths) out.push_back(cli::path_line(p));
  return out;
}

const char* kBranches = R"(playbook t {
  start a
  step a "A" {
    on x -> b
    on y -> c
  }
  step b "B" { end "won" }
  step c "C" { goto playbook other }
}
)";

const char* kReminder = R"(playbook t {
  start a
  step a "A" {
    on go -> done
    after 2 business days -> a
  }
  step done "Done" { handoff ext }
}
)";

const char* kVisits = R"(playbook t {
  start phone
  step phone "Phone" {
    on no_answer when visits(phone) < 3 -> phone
    on no_answer when visits(phone) >= 3 -> give_up
    on yes -> won
  }
  step give_up "Give up" { end "lost" }
  step won "Won" { end "won" }
}
)";

const char* kLiteralSet = R"(playbook t {
  start a
  step a "A" {
    on x -> d { set tenant.kind = "A" }
    on y -> d
  }
  step d "Decide" {
    when tenant.kind == "A" -> ea
    otherwise -> eb
  }
  step ea "EA" { end "a" }
  step eb "EB" { end "b" }
}
)";

const char* kTaskGuard = R"(playbook t {
  start s0
  step s0 "First meeting" { on held -> o }
  step o "Outcome" {
    when tenant.more and not task(3670) -> s1
    otherwise -> done
  }
  step s1 "Another meeting" { on held -> o { complete 3670 } }
  step done "Done" { end "done" }
}
)";

}  // namespace

TEST_CASE("paths: every terminal, in the order transitions are written", "[paths]") {
  CHECK(lines_of(kBranches) == std::vector<std::string>{
                                   "a -(x)-> b => end \"won\"",
                                   "a -(y)-> c => goto other",
                               });
}

TEST_CASE("paths: a cycle is gone around at most --max-loops times", "[paths]") {
  CHECK(lines_of(kReminder) == std::vector<std::string>{
                                   "a -(go)-> done => handoff ext",
                                   "a -(after 2 business days)-> a -(go)-> done => handoff ext",
                               });
  CHECK(lines_of(kReminder, {2, 1000, 100000}).size() == 3);
  CHECK(lines_of(kReminder, {0, 1000, 100000}) ==
        std::vector<std::string>{"a -(go)-> done => handoff ext"});
}

TEST_CASE("paths: a visits() guard allows its loop as often as it says", "[paths]") {
  CHECK(
      lines_of(kVisits) ==
      std::vector<std::string>{
          "phone -(no_answer when visits(phone) < 3)-> phone -(no_answer when visits(phone) < 3)-> phone "
          "-(no_answer when visits(phone) >= 3)-> give_up => end \"lost\"",
          "phone -(no_answer when visits(phone) < 3)-> phone -(no_answer when visits(phone) < 3)-> phone "
          "-(yes)-> won => end \"won\"",
          "phone -(no_answer when visits(phone) < 3)-> phone -(yes)-> won => end \"won\"",
          "phone -(yes)-> won => end \"won\"",
      });
}

TEST_CASE("paths: a literal set decides a later branch; unknown attributes take every branch",
          "[paths]") {
  CHECK(lines_of(kLiteralSet) == std::vector<std::string>{
                                     "a -(x)-> d -(when tenant.kind == \"A\")-> ea => end \"a\"",
                                     "a -(y)-> d -(when tenant.kind == \"A\")-> ea => end \"a\"",
                                     "a -(y)-> d -(otherwise)-> eb => end \"b\"",
                                 });
}

TEST_CASE("paths: a task completed on the path is known to task()", "[paths]") {
  auto got = lines_of(kTaskGuard, {3, 1000, 100000});  // o and s1 could be entered 4 times
  CHECK(
      got ==
      std::vector<std::string>{
          "s0 -(held)-> o -(when tenant.more and not task(3670))-> s1 -(held)-> o -(otherwise)-> done "
          "=> end \"done\"",
          "s0 -(held)-> o -(otherwise)-> done => end \"done\"",
      });
}

TEST_CASE("paths: --limit truncates and says so", "[paths]") {
  bool truncated = false;
  CHECK(lines_of(kVisits, {1, 2, 100000}, &truncated).size() == 2);
  CHECK(truncated);
  CHECK(lines_of(kVisits, {1, 4, 100000}, &truncated).size() == 4);
  CHECK_FALSE(truncated);  // exactly as many paths as the limit: nothing left out
}

TEST_CASE("scaffold: a path is covered by a contiguous run of the playbook's taken transitions",
          "[paths]") {
  Diagnostics d;
  auto pb = parse_dsl(kVisits, "t.playbook", d);
  REQUIRE(pb);
  auto e = paths::enumerate(*pb);
  REQUIRE(e.paths.size() == 4);
  const auto& phone = pb->step("phone")->transitions;  // [0] < 3 loop, [1] >= 3, [2] yes
  auto reached = [&](std::vector<std::pair<std::string, int>> seq) {
    scen::Reached r;
    for (const auto& [id, i] : seq) r.taken.emplace_back(id, phone[size_t(i)].loc);
    return r;
  };
  const auto& loop_yes = e.paths[2];  // phone -(no_answer <3)-> phone -(yes)-> won
  CHECK(cli::covers(reached({{"t", 0}, {"t", 2}}), "t", loop_yes));
  CHECK(cli::covers(reached({{"t", 0}, {"t", 0}, {"t", 2}}), "t", loop_yes));  // a run inside
  CHECK(cli::covers(reached({{"t", 0}, {"other", 1}, {"t", 2}}), "t",
                    loop_yes));  // other playbooks drop out
  CHECK_FALSE(
      cli::covers(reached({{"t", 0}, {"t", 1}, {"t", 2}}), "t", loop_yes));  // not contiguous
  CHECK_FALSE(cli::covers(reached({{"t", 2}}), "t", loop_yes));              // a prefix only
  CHECK_FALSE(cli::covers(reached({{"x", 0}, {"x", 2}}), "t", loop_yes));    // another playbook's
}

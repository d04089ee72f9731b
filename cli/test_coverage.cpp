// test_coverage.cpp — printing scenario coverage and checking its minimums
// (test_coverage.hpp).
#include "cli/test_coverage.hpp"

#include <fmt/format.h>

namespace pb::cli {

namespace {

std::string figure(const char* what, const scen::Figure& f) {
  return fmt::format("{} {}/{} ({})", what, f.reached, f.total, scen::percent_text(f));
}

std::string figures(const scen::Figure& steps, const scen::Figure& transitions,
                    const scen::Figure& rules) {
  return fmt::format("{}, {}, {}", figure("steps", steps), figure("transitions", transitions),
                     figure("rules", rules));
}

nlohmann::json figure_json(const scen::Figure& f) {
  return {{"reached", f.reached}, {"total", f.total}, {"percent", f.percent()}};
}

const char* kind_name(scen::ItemKind k) {
  switch (k) {
    case scen::ItemKind::Step: return "step";
    case scen::ItemKind::Transition: return "transition";
    case scen::ItemKind::Rule: return "rule";
  }
  return "";
}

}  // namespace

std::vector<scen::Reached> reached_of(const std::vector<scen::Result>& results) {
  std::vector<scen::Reached> out;
  for (const auto& r : results) out.push_back(r.reached);
  return out;
}

void print_coverage_text(const scen::CoverageReport& rep) {
  fmt::print("\ncoverage (steps entered, transitions taken, refusal rules that refused):\n");
  for (const auto& pb : rep.playbooks) {
    fmt::print("{}: {}\n", pb.id, figures(pb.steps, pb.transitions, pb.rules));
    for (const auto* item : pb.missed()) fmt::print("  {}\n", item->line());
  }
  fmt::print("total: {}\n\n", figures(rep.steps, rep.transitions, rep.rules));
}

nlohmann::json coverage_json(const scen::CoverageReport& rep) {
  nlohmann::json pbs = nlohmann::json::array();
  for (const auto& pb : rep.playbooks) {
    nlohmann::json missed = nlohmann::json::array();
    for (const auto* i : pb.missed())
      missed.push_back({{"kind", kind_name(i->kind)},
                        {"file", i->loc.filename()},
                        {"line", i->loc.line},
                        {"col", i->loc.col},
                        {"text", i->text}});
    pbs.push_back({{"id", pb.id},
                   {"file", pb.file},
                   {"steps", figure_json(pb.steps)},
                   {"transitions", figure_json(pb.transitions)},
                   {"rules", figure_json(pb.rules)},
                   {"missed", missed}});
  }
  return {{"playbooks", pbs},
          {"total",
           {{"steps", figure_json(rep.steps)},
            {"transitions", figure_json(rep.transitions)},
            {"rules", figure_json(rep.rules)}}}};
}

bool coverage_meets(const scen::CoverageReport& rep, const CoverageLimits& limits) {
  bool ok = true;
  auto check = [&](const std::string& who, const scen::Figure& f, double min, const char* option) {
    if (f.percent() >= min) return;
    ok = false;
    fmt::print(stderr, "coverage too low: {} {} is below {} {}%\n", who, figure("transitions", f),
               option, min);
  };
  if (limits.total) check("total", rep.transitions, *limits.total, "--min-coverage");
  if (limits.per_playbook)
    for (const auto& pb : rep.playbooks)
      check(pb.id, pb.transitions, *limits.per_playbook, "--min-playbook-coverage");
  return ok;
}

}  // namespace pb::cli

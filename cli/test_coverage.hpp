// test_coverage.hpp — how `playbook test` shows scenario coverage
// (--coverage, --min-coverage, --min-playbook-coverage; the figures come from
// source/coverage.hpp, docs/scenarios.md describes the output).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

#include "source/coverage.hpp"

namespace pb::cli {

struct CoverageLimits {
  std::optional<double> total;         // --min-coverage: total transition coverage
  std::optional<double> per_playbook;  // --min-playbook-coverage: each playbook's
};

// The reached sets of every result, for scen::coverage.
std::vector<scen::Reached> reached_of(const std::vector<scen::Result>& results);

// Text: per playbook one figures line, then one line per unreached item
// ("  file:line:col: transition a --on e--> b"); then the totals.
void print_coverage_text(const scen::CoverageReport& rep);

nlohmann::json coverage_json(const scen::CoverageReport& rep);

// Prints one line on stderr per figure below its limit; true when none is.
bool coverage_meets(const scen::CoverageReport& rep, const CoverageLimits& limits);

}  // namespace pb::cli

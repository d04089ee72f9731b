// scenario_suite.cpp — runs a suite of scenarios on a pool of threads
// (run_suite, scenario.hpp). Each scenario gets its own Engine and in-memory
// Store inside run_scenario; the threads share only the read-only Catalog
// (and the Project it points to) and its CompileCache (locked; compiled
// playbooks are immutable), so each playbook is compiled once per suite.
// Scenarios are handed out through an atomic index and each result is
// written to its own slot, so the results come in the scenarios' order
// whatever the scheduling.
#include <algorithm>
#include <atomic>
#include <system_error>
#include <thread>

#include "runtime/scenario.hpp"

namespace pb::scen {

unsigned suite_threads(int jobs, size_t count) {
  unsigned want = jobs > 0 ? unsigned(jobs) : std::max(1u, std::thread::hardware_concurrency());
  return unsigned(std::max<size_t>(1, std::min<size_t>(want, count)));
}

std::vector<Result> run_suite(const std::vector<Scenario>& scenarios, const rt::Catalog& catalog,
                              int jobs) {
  rt::Catalog shared = catalog;  // one compile per playbook for the whole suite
  if (!shared.cache) shared.cache = std::make_shared<rt::CompileCache>();
  std::vector<Result> results(scenarios.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < scenarios.size(); i = next++)
      results[i] = run_scenario(scenarios[i], shared);
  };
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < suite_threads(jobs, scenarios.size()); ++t) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads: the ones running (and this one) finish the suite
    }
  }
  work();
  pool.clear();  // joins: every slot is written before the results move out
  return results;
}

}  // namespace pb::scen

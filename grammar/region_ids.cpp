// region_ids.cpp — see region_ids.hpp.
#include "region_ids.hpp"

#include <fmt/format.h>

#include <unordered_map>

namespace pb {

void check_parallel_ids(const Playbook& pb, Diagnostics& diags) {
  std::unordered_map<std::string, const Step*> parallel;
  for (const auto& s : pb.steps)
    if (!s.regions.empty()) parallel.emplace(s.id, &s);
  if (parallel.empty()) return;
  for (const auto& s : pb.steps) {
    auto it = parallel.find(s.id);
    if (it == parallel.end() || it->second == &s) continue;
    diags.error(s.loc, LintCode::ParallelMisuse,
                fmt::format("step id '{}' is given twice, and step '{}' has regions: a region's "
                            "steps are told by their parallel step's id; rename one",
                            s.id, s.id));
  }
}

}  // namespace pb

// regions.cpp — the lookups of regions.hpp.
#include "regions.hpp"

namespace pb {

std::vector<const Step*> region_steps(const Playbook& pb, const std::string& parallel,
                                      const std::string& region) {
  std::vector<const Step*> out;
  for (const auto& s : pb.steps)
    if (s.parent == parallel && s.region == region) out.push_back(&s);
  return out;
}

const Step* region_start(const Playbook& pb, const std::string& parallel,
                         const std::string& region) {
  for (const auto& s : pb.steps)
    if (s.parent == parallel && s.region == region) return &s;
  return nullptr;
}

std::vector<std::string> join_regions(const Step& parallel, const Transition& join) {
  if (!join.join.empty()) return join.join;
  std::vector<std::string> all;
  for (const auto& r : parallel.regions) all.push_back(r.id);
  return all;
}

bool may_enter(const Step& from, const Step& to) {
  return !in_region(to) || (from.parent == to.parent && from.region == to.region);
}

std::vector<const Step*> live_steps(const Playbook& pb, const InstanceState& st) {
  std::vector<const Step*> out;
  for (const auto& r : st.regions)
    if (const Step* s = pb.step(r.step); s && s->terminal == TerminalKind::None) out.push_back(s);
  if (const Step* s = pb.step(st.step)) out.push_back(s);
  return out;
}

}  // namespace pb

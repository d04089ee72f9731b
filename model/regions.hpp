// regions.hpp — parallel steps and their regions, as the model states them
// (model.hpp): which steps make up a region, where it starts, what a join
// waits for, and which transitions may enter a region's step.
//
// Contract:
//  * Read-only lookups over a Playbook; no state, no evaluation.
//  * A region's steps are the playbook's steps with that `parent` and
//    `region`, in the playbook's order; the first is the region's start.
#pragma once

#include <string>
#include <vector>

#include "model.hpp"
#include "state.hpp"

namespace pb {

inline bool is_parallel(const Step& s) { return !s.regions.empty(); }
inline bool in_region(const Step& s) { return !s.parent.empty(); }

// The steps of region `region` of parallel step `parallel`, in order.
std::vector<const Step*> region_steps(const Playbook& pb, const std::string& parallel,
                                      const std::string& region);

// Where a region starts (its first step), or nullptr when it has none.
const Step* region_start(const Playbook& pb, const std::string& parallel,
                         const std::string& region);

// The regions a `join` of `parallel` waits for: the listed ones, or every
// region of the step for `join all`.
std::vector<std::string> join_regions(const Step& parallel, const Transition& join);

// Whether a transition out of `from` may enter `to`: a top-level step from
// anywhere, a region's step only from a step of the same region.
bool may_enter(const Step& from, const Step& to);

// The steps of a run that take events, task completions and timers: the
// steps its regions are in (not finished ones), then its step.
std::vector<const Step*> live_steps(const Playbook& pb, const InstanceState& st);

}  // namespace pb

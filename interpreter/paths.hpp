// paths.hpp — the distinct paths through one playbook, from its start step to
// every terminal step (end, goto, handoff), on the model only (pure).
//
// Contract (user documentation: docs/scenarios.md, "Paths"):
//  * A path is the sequence of transitions a fresh instance takes from the
//    start step to a terminal step. Every trigger counts (events, task
//    completions, timers, decision branches), the step's own transitions
//    and then the playbook-wide (`anywhere`) ones that apply to it. A
//    transition that stays in its step, and a reminder, is not an edge.
//  * Guards are evaluated three-valued along the path: visits(STEP) is known
//    exactly, task(N) is known once the path completed or reset N (otherwise
//    unknown), tenant.X is known once the path set it to a literal; anything
//    else (event payload, dates, records) is unknown. A transition is left
//    out only when its guard is known false, or (decision steps) when an
//    earlier branch is known true.
//  * Bounds: one path enters a step at most max_loops + 1 times, so every
//    cycle is gone around at most max_loops times (0: no step twice); a
//    transition whose guard compares visits(…) with a number N may enter its
//    target up to max(max_loops + 1, N) times (the guard decides). Dead ends
//    (every way on exhausted) are not paths.
//  * Parallel steps: a path passes a parallel step by one of its own
//    transitions (a `join`, an event, a timer) or by a region's transition to
//    a step outside it. What happens inside the regions is enumerated once
//    per region (RegionPaths), from the region's first step to its `done`
//    step, a terminal, or a step outside the region: the orders in which
//    the regions' steps interleave are never listed, so N regions of k paths
//    give N·k region paths, not k^N.
//  * The enumeration is depth-first in the order transitions are written, so
//    the numbering is stable for a given playbook and options. It stops after
//    `limit` paths or `budget` explored transitions, and says so (truncated).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace pb::paths {

struct Edge {
  const Step* from = nullptr;
  const Transition* t = nullptr;
};

struct Path {
  std::vector<Edge> edges;
  const Step* terminal = nullptr;  // the last step: its terminal kind and argument
                                   // (a region path: or the step outside the region)
};

// The paths through one region of a parallel step.
struct RegionPaths {
  const Step* parallel = nullptr;
  std::string region;
  std::vector<Path> paths;
};

struct Options {
  int max_loops = 1;        // >= 0
  size_t limit = 1000;      // paths
  size_t budget = 2000000;  // explored transitions
};

struct Enumeration {
  std::vector<Path> paths;
  std::vector<RegionPaths> regions;  // every region of every parallel step, in order
  bool truncated = false;
  std::string why;  // "limit" or "budget" when truncated
};

// Requires a checked playbook (targets resolve); unknown targets are skipped.
Enumeration enumerate(const Playbook& pb, const Options& o = {});

// True when `s` decides at once (its transitions are when/otherwise only).
bool is_decision(const Step& s);

}  // namespace pb::paths

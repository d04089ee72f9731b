// evaluator_regions.cpp — parallel steps in the pure evaluator
// (evaluator.hpp): starting the regions of a parallel step, moving one
// region, offering an input to every region, and joins.
//
// Contract (docs/language.md, "Parallel regions"):
//  * Entering a parallel step enters the first step of each of its regions,
//    in the order written; the instance's step stays the parallel step and
//    InstanceState::regions holds where each region is.
//  * An event or a task completion goes to every region whose step has a
//    transition for it whose guard holds, in region order, within the one
//    input; only when no region takes it do the parallel step's own
//    transitions (and `anywhere`) get it. A refusal in any region refuses
//    the whole input: no region moves.
//  * A region whose step is `done` is finished. After a region finishes, the
//    first `join` of the parallel step whose regions are all finished and
//    whose guard holds is taken; it leaves the parallel step, and every
//    region still running stops there (its timers are dropped).
//  * A transition from a region's step to a step outside the parallel step
//    leaves it (and stops the other regions); `end`, `goto` and `handoff` in
//    a region end the whole run.
#include <fmt/format.h>

#include <algorithm>

#include "model/regions.hpp"
#include "evaluator_ctx.hpp"

namespace pb::detail {

namespace {

RegionState* region_state(InstanceState& inst, const Step& s) {
  if (inst.step != s.parent) return nullptr;
  for (auto& r : inst.regions)
    if (r.id == s.region) return &r;
  return nullptr;
}

// Whether every region `join` waits for is in a `done` step.
bool all_done(const Ctx& c, const Step& parallel, const Transition& join) {
  for (const auto& id : join_regions(parallel, join)) {
    auto r = std::find_if(c.out.instance.regions.begin(), c.out.instance.regions.end(),
                          [&](const RegionState& x) { return x.id == id; });
    if (r == c.out.instance.regions.end()) return false;
    const Step* s = c.cp.step(r->step);
    if (!s || s->terminal != TerminalKind::Done) return false;
  }
  return true;
}

}  // namespace

bool fork(Ctx& c, const Step& parallel) {
  const int gen = ++c.forks;
  auto& inst = c.out.instance;
  for (const auto& r : parallel.regions) {
    if (c.forks != gen || inst.step != parallel.id || inst.status != InstanceStatus::Active)
      break;  // an earlier region left the parallel step already
    const Step* first = region_start(c.cp.pb, parallel.id, r.id);
    if (!first)
      return c.refuse(RefusalCode::RegionEntry,
                      fmt::format("region '{}' of step '{}' has no step", r.id, parallel.id));
    inst.regions.push_back(RegionState{r.id, "", c.now});
    if (!enter_in_region(c, *first)) return false;
  }
  return true;
}

bool enter_in_region(Ctx& c, const Step& s) {
  auto& inst = c.out.instance;
  RegionState* r = region_state(inst, s);
  if (!r)
    return c.refuse(RefusalCode::RegionEntry,
                    fmt::format("step '{}' is in region '{}' of step '{}', which is not the "
                                "current step",
                                s.id, s.region, s.parent));
  if (r->step != s.id) inst.arrived[s.id] = c.now;
  std::erase_if(inst.timers, [&](const TimerState& t) { return t.step == r->step; });
  r->step = s.id;
  r->entered_at = c.now;
  ++inst.visits[s.id];
  c.out.entered.push_back(s.id);
  if (!run_actions(c, s.enter)) return false;
  if (s.terminal != TerminalKind::None && !check_mandatory_exit(c, s)) return false;
  switch (s.terminal) {
    case TerminalKind::Done: return check_join(c);
    case TerminalKind::None:
      if (!is_waiting(s)) return decide(c, s);
      arm_timers(c, s);
      return true;
    default: finish_run(c, s); return true;
  }
}

bool check_join(Ctx& c) {
  const auto& inst = c.out.instance;
  const Step* p = c.cp.step(inst.step);
  if (!p || !is_parallel(*p) || inst.status != InstanceStatus::Active) return true;
  for (const auto& t : p->transitions) {
    if (t.trigger != TriggerKind::Join || !all_done(c, *p, t)) continue;
    if (holds(c, t.guard)) return take(c, *p, t);
    if (c.failed()) return false;
  }
  return true;
}

bool regions_offer(const Ctx& c, MatchFn match) {
  for (const auto& r : c.out.instance.regions)
    if (const Step* leaf = c.cp.step(r.step))
      for (const auto& t : leaf->transitions)
        if (match(c, t)) return true;
  return false;
}

bool to_regions(Ctx& c, MatchFn match, int& took) {
  auto& inst = c.out.instance;
  const std::string parallel = inst.step;
  const int gen = c.forks;
  for (size_t i = 0; i < inst.regions.size(); ++i) {
    if (c.forks != gen || inst.step != parallel || inst.status != InstanceStatus::Active)
      break;  // an earlier region left (or re-entered) the parallel step
    const Step* leaf = c.cp.step(inst.regions[i].step);
    if (!leaf || !is_waiting(*leaf)) continue;
    for (const auto& t : leaf->transitions) {
      if (!match(c, t)) continue;
      if (!holds(c, t.guard)) {
        if (c.failed()) return false;
        continue;
      }
      ++took;
      if (!take(c, *leaf, t)) return false;
      break;
    }
  }
  return true;
}

const Step* timer_owner(const Ctx& c, const std::string& step) {
  const auto& inst = c.out.instance;
  if (step == inst.step) return c.cp.step(step);
  for (const auto& r : inst.regions)
    if (r.step == step) return c.cp.step(step);
  return nullptr;
}

}  // namespace pb::detail

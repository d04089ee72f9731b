// checker_regions.cpp — parallel steps and their regions in one playbook:
// `done` outside a region (PB110), a region's step entered from outside it
// (PB111), joins of regions the step does not have (PB112) or that never
// finish (PB113), a region named twice in one join (PB011), and parallel
// steps or regions that cannot run (PB114, including `call` in a parallel step
// or a region's step, and transitions of a `done` step).
// Linear in steps+transitions (a region's steps are found by one pass).
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "model/regions.hpp"
#include "checker_internal.hpp"

namespace pb::check {

namespace {

using RegionKey = std::pair<std::string_view, std::string_view>;  // parallel step, region
struct RegionKeyHash {
  size_t operator()(const RegionKey& k) const {
    return std::hash<std::string_view>{}(k.first) * 31 + std::hash<std::string_view>{}(k.second);
  }
};
struct RegionFacts {
  size_t steps = 0;
  bool done = false;  // it has a `done` step
};
using Facts = std::unordered_map<RegionKey, RegionFacts, RegionKeyHash>;

Facts region_facts(const Playbook& pb) {
  Facts f;
  for (const auto& st : pb.steps) {
    if (!in_region(st)) continue;
    auto& r = f[{st.parent, st.region}];
    ++r.steps;
    r.done = r.done || st.terminal == TerminalKind::Done;
  }
  return f;
}

// PB111: `what` (e.g. "step 'x' cannot go to") names region step `to`; `fix`
// is the verb of the remedy ("go to", "start at").
void entered_from_outside(PlaybookScope& s, const Loc& at, const std::string& what,
                          const std::string& fix, const Step& to) {
  s.diags.error(at, LintCode::RegionEntered,
                fmt::format("{} '{}': it is in region '{}' of step '{}', whose steps are entered "
                            "only from that region; {} '{}', which starts its regions",
                            what, to.id, to.region, to.parent, fix, to.parent));
}

void check_targets(PlaybookScope& s, const Step& st) {
  for (const auto& t : st.transitions) {
    auto it = s.steps.find(t.target);
    if (t.target.empty() || it == s.steps.end() || may_enter(st, *it->second)) continue;
    entered_from_outside(s, t.target_loc.line ? t.target_loc : t.loc,
                         fmt::format("step '{}' cannot go to", st.id), "go to", *it->second);
  }
}

void check_entries(PlaybookScope& s) {
  for (const auto& st : s.pb.steps) check_targets(s, st);
  if (auto it = s.steps.find(s.pb.start); it != s.steps.end() && in_region(*it->second))
    entered_from_outside(s, s.pb.start_loc.line ? s.pb.start_loc : s.pb.loc,
                         "the playbook cannot start at", "start at", *it->second);
  if (!s.pb.anywhere) return;
  for (const auto& t : s.pb.anywhere->transitions)
    if (auto it = s.steps.find(t.target); it != s.steps.end() && in_region(*it->second))
      entered_from_outside(s, t.target_loc.line ? t.target_loc : t.loc, "`anywhere` cannot go to",
                           "go to", *it->second);
}

// PB112 and PB113 for one `join` of parallel step `p`.
void check_join(PlaybookScope& s, const Step& p, const Transition& t, const Facts& facts) {
  std::vector<std::string> ids;  // each once, in order (PB114 reports a repeated one)
  for (const auto& r : p.regions)
    if (std::find(ids.begin(), ids.end(), r.id) == ids.end()) ids.push_back(r.id);
  for (size_t i = 0; i < t.join.size(); ++i)
    if (std::find(t.join.begin(), t.join.begin() + i, t.join[i]) != t.join.begin() + i)
      s.diags.error(loc_at(t.join_locs, i, t.loc), LintCode::DuplicateKey,
                    fmt::format("region '{}' is named twice in this join", t.join[i]));
    else if (std::find(ids.begin(), ids.end(), t.join[i]) == ids.end()) {
      std::string hint = did_you_mean(t.join[i], ids);
      s.diags.error(loc_at(t.join_locs, i, t.loc), LintCode::UnknownRegion,
                    fmt::format("step '{}' has no region '{}' to join (its regions: {}){}", p.id,
                                t.join[i], join(ids, ", "), hint.empty() ? "" : "; " + hint));
    }
  for (const auto& id : join_regions(p, t)) {
    auto f = facts.find({p.id, id});
    if (f == facts.end() || f->second.steps == 0 || f->second.done) continue;
    s.diags.warning(t.loc, LintCode::RegionNeverDone,
                    fmt::format("this join of step '{}' is never taken: region '{}' has no `done` "
                                "step, so it never finishes; join the regions that finish (the "
                                "others stop at the join) or give '{}' a `done` step",
                                p.id, id, id));
  }
}

void misuse(PlaybookScope& s, const Loc& at, std::string message) {
  s.diags.error(at, LintCode::ParallelMisuse, std::move(message));
}

// PB114 for parallel step `p`: nesting, deciding or ending, empty regions,
// reserved region ids (a repeated id is reported by the front ends).
void check_shape(PlaybookScope& s, const Step& p, const Facts& facts) {
  const Loc& at = p.parallel_loc.line ? p.parallel_loc : p.loc;
  if (in_region(p))
    misuse(s, at,
           fmt::format("step '{}' is in region '{}' of step '{}': a parallel step inside "
                       "a region is not supported; make its regions regions of '{}'",
                       p.id, p.region, p.parent, p.parent));
  if (!is_waiting(p))
    misuse(s, at,
           p.terminal != TerminalKind::None
               ? fmt::format("parallel step '{}' is also a terminal step (`end`, `goto playbook`, "
                             "`handoff` or `done`): a parallel step waits for its regions; move "
                             "the terminal to the step a `join` goes to",
                             p.id)
               : fmt::format("parallel step '{}' is also a decision step (`when`/`otherwise`): "
                             "a parallel step waits for its regions; decide in the step a "
                             "`join` goes to",
                             p.id));
  if (!p.call.empty())
    misuse(s, p.call_loc.line ? p.call_loc : at,
           fmt::format("parallel step '{}' also calls playbook '{}': call it from a step of its "
                       "own, before or after the parallel step",
                       p.id, p.call));
  for (const auto& r : p.regions) {  // a repeated id is the front ends' PB114
    if (r.id == "all")
      misuse(s, r.loc,
             "a region cannot be named 'all': `join all` waits for every region; rename it");
    auto f = facts.find({p.id, r.id});
    if (f == facts.end() || f->second.steps == 0)
      misuse(s, r.loc,
             fmt::format("region '{}' of step '{}' has no step: a region starts at its "
                         "first step; give it its steps or remove it",
                         r.id, p.id));
  }
}

}  // namespace

void check_regions(PlaybookScope& s) {
  Facts facts = region_facts(s.pb);
  for (const auto& st : s.pb.steps) {
    if (st.terminal == TerminalKind::Done && !in_region(st))
      s.diags.error(st.terminal_loc.line ? st.terminal_loc : st.loc, LintCode::DoneOutsideRegion,
                    fmt::format("step '{}' says `done`, which finishes a region of a parallel "
                                "step, but '{}' is in no region; use `end \"…\"` to end the run",
                                st.id, st.id));
    if (is_parallel(st)) check_shape(s, st, facts);
    if (st.terminal == TerminalKind::Done && in_region(st) && !st.transitions.empty())
      misuse(s, st.transitions.front().loc,
             fmt::format("step '{}' is `done`: entering it finishes region '{}', so its "
                         "transitions never fire; move them to a step before it",
                         st.id, st.region));
    if (in_region(st) && !st.call.empty())
      misuse(s, st.call_loc.line ? st.call_loc : st.loc,
             fmt::format("step '{}' is in region '{}' of step '{}': a region's step cannot call a "
                         "playbook (not supported); call it before or after the parallel step",
                         st.id, st.region, st.parent));
    for (const auto& t : st.transitions) {
      if (t.trigger != TriggerKind::Join) continue;
      if (is_parallel(st))
        check_join(s, st, t, facts);
      else
        s.diags.error(t.loc, LintCode::UnknownRegion,
                      fmt::format("step '{}' has `join` but no `parallel` block: there is nothing "
                                  "to join",
                                  st.id));
    }
  }
  check_entries(s);
}

}  // namespace pb::check

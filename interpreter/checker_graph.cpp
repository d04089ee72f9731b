// checker_graph.cpp — the step graph of one playbook: unreachable steps
// (PB050; those cut off only by an undefined target are one note on it),
// dead ends (PB051), decision steps without a final `otherwise` (PB052),
// decision branches mixed with other triggers (PB055), steps that wait for
// outside events with no timer (PB054), decision steps with instructions
// or tasks nobody sees (PB056), misused playbook-wide transitions (PB058)
// and timers anchored at a step that never comes first (PB059). Linear in
// steps+transitions, except PB059: one search per anchored timer.
#include <fmt/format.h>

#include <algorithm>
#include <deque>

#include "model/regions.hpp"
#include "checker_internal.hpp"

namespace pb::check {

namespace {

bool is_branch(const Transition& t) {
  return t.trigger == TriggerKind::When || t.trigger == TriggerKind::Otherwise;
}

// The step a transition leads to: its target, or for an undefined target
// (PB030) the step its "did you mean" names, as the author meant it.
const Step* target_of(PlaybookScope& s, const Transition& t) {
  if (t.target.empty()) return nullptr;  // stays in the step
  if (auto it = s.steps.find(t.target); it != s.steps.end()) return it->second;
  std::string near = closest(t.target, s.step_names());
  return near.empty() ? nullptr : s.steps.at(near);
}

// Steps not reached because a reachable transition names no step and none
// close: not reported one by one (they follow from the PB030) but listed in
// a note at that transition.
void note_cut_off(PlaybookScope& s, const std::vector<const Transition*>& broken,
                  const std::vector<const Step*>& cut) {
  std::vector<std::string> names;
  for (size_t i = 0; i < cut.size() && i < 5; ++i) names.push_back("'" + cut[i]->id + "'");
  if (cut.size() > 5) names.push_back(fmt::format("and {} more", cut.size() - 5));
  const Transition& t = *broken.front();
  Diagnostic d;
  d.loc = t.target_loc.line ? t.target_loc : t.loc;
  d.severity = Severity::Note;
  d.code = LintCode::UnreachableStep;
  d.message = fmt::format(
      "while '{}' is not a step, {} {} cannot be reached from the start step: {} (not "
      "reported as unreachable until it is fixed)",
      t.target, cut.size(), cut.size() == 1 ? "step" : "steps", join(names, ", "));
  s.diags.add(std::move(d));
}

// Calls f(next, t) for each step `st` leads to: each transition's target
// (null when it names no step; t the transition), then for a parallel step
// the first step of each region (t null).
template <class F>
void each_next(PlaybookScope& s, const Step& st, F f) {
  for (const Transition* t : transitions_of(s.pb, st)) f(target_of(s, *t), t);
  for (const auto& r : st.regions)
    if (const Step* first = region_start(s.pb, st.id, r.id)) f(first, nullptr);
}

// Whether a path of transitions leads from `from` to `to`.
bool reaches(PlaybookScope& s, const Step* from, const Step* to) {
  std::unordered_set<const Step*> seen{from};
  std::deque<const Step*> todo{from};
  while (!todo.empty()) {
    const Step* st = todo.front();
    todo.pop_front();
    bool found = false;
    each_next(s, *st, [&](const Step* next, const Transition*) {
      found = found || next == to;
      if (next && seen.insert(next).second) todo.push_back(next);
    });
    if (found) return true;
  }
  return false;
}

void check_reachable(PlaybookScope& s) {
  if (!s.steps.contains(s.pb.start)) return;  // PB030 already says why
  std::unordered_set<const Step*> seen{s.steps.at(s.pb.start)};
  std::deque<const Step*> todo{s.steps.at(s.pb.start)};
  std::vector<const Transition*> broken;  // reachable, naming no step and none close
  while (!todo.empty()) {
    const Step* st = todo.front();
    todo.pop_front();
    each_next(s, *st, [&](const Step* next, const Transition* t) {
      if (!next && t && !t->target.empty()) broken.push_back(t);
      if (next && seen.insert(next).second) todo.push_back(next);
    });
  }
  std::vector<const Step*> cut;
  std::unordered_set<const Step*> reported;  // a duplicated id is PB020, not PB050 twice
  for (const auto& st : s.pb.steps) {
    const Step* first = s.steps.at(st.id);
    if (seen.contains(first) || !reported.insert(first).second) continue;
    if (!broken.empty()) {
      cut.push_back(&st);
      continue;
    }
    s.diags.error(st.loc, LintCode::UnreachableStep,
                  fmt::format("step '{}' is unreachable: no transition from the start step '{}' "
                              "leads to it",
                              st.id, s.pb.start));
  }
  if (!cut.empty()) note_cut_off(s, broken, cut);
}

// A decision step is left as soon as it is entered: what it would show the
// FM (instructions, tasks) is never seen (PB056).
void decision_shows(PlaybookScope& s, const Step& st) {
  if (!st.instructions.empty())
    s.diags.warning(st.instructions_loc.line ? st.instructions_loc : st.loc,
                    LintCode::DecisionStepContent,
                    fmt::format("step '{}' is a decision step, left as soon as it is entered, so "
                                "its instructions are never shown to anyone; move them to the "
                                "step where the FM acts",
                                st.id));
  if (!st.tasks.empty())
    s.diags.warning(loc_at(st.task_locs, 0, st.loc), LintCode::DecisionStepContent,
                    fmt::format("step '{}' is a decision step, left as soon as it is entered, so "
                                "its tasks are never shown to anyone; list them on the step where "
                                "the FM does them",
                                st.id));
}

void check_decision(PlaybookScope& s, const Step& st) {
  size_t branches = 0;
  for (const auto& t : st.transitions) branches += is_branch(t);
  if (branches == 0) return;
  if (branches != st.transitions.size()) {
    for (const auto& t : st.transitions)
      if (!is_branch(t)) {
        s.diags.error(t.loc, LintCode::MixedDecision,
                      fmt::format("step '{}' mixes decision branches (`when`/`otherwise`) with "
                                  "other triggers; a decision step is left as soon as it is "
                                  "entered, so this transition never fires — move it to its own "
                                  "step",
                                  st.id));
        break;
      }
    return;
  }
  decision_shows(s, st);
  const Transition& last = st.transitions.back();
  if (last.trigger != TriggerKind::Otherwise)
    s.diags.warning(last.loc, LintCode::NoFinalOtherwise,
                    fmt::format("decision step '{}' does not end with `otherwise`; when no branch "
                                "holds the instance stays in '{}' with nothing to leave it",
                                st.id, st.id));
}

// PB058: an `except` step that does not wait (it takes no transitions
// anyway), and a playbook-wide transition no step can take (every waiting
// step is excluded or has its own unguarded transition on the trigger).
bool same_trigger(const Transition& a, const Transition& b) {
  return a.trigger == b.trigger && a.event == b.event && a.task == b.task;
}

bool takes_somewhere(const PlaybookScope& s, const Transition& t) {
  for (const auto& st : s.pb.steps) {
    if (!anywhere_applies(s.pb, st)) continue;
    bool own = std::any_of(st.transitions.begin(), st.transitions.end(),
                           [&](const Transition& o) { return same_trigger(o, t) && !o.guard; });
    if (!own) return true;
  }
  return false;
}

void check_anywhere(PlaybookScope& s) {
  if (!s.pb.anywhere) return;
  const Anywhere& a = *s.pb.anywhere;
  for (size_t i = 0; i < a.except.size(); ++i)
    if (auto it = s.steps.find(a.except[i]); it != s.steps.end() && !is_waiting(*it->second))
      s.diags.warning(loc_at(a.except_locs, i, a.loc), LintCode::AnywhereMisuse,
                      fmt::format("'except {}' changes nothing: step '{}' does not wait (it ends, "
                                  "hands over or decides), so no playbook-wide transition "
                                  "applies to it",
                                  a.except[i], a.except[i]));
  for (const auto& t : a.transitions) {
    if ((t.trigger == TriggerKind::Event || t.trigger == TriggerKind::Task) &&
        !takes_somewhere(s, t))
      s.diags.warning(
          t.loc, LintCode::AnywhereMisuse,
          fmt::format(
              "playbook-wide 'on {}' is never taken: every step it applies "
              "to takes it itself (or is excluded)",
              t.trigger == TriggerKind::Event ? t.event : "task " + std::to_string(t.task)));
  }
}

// PB059: a timer `since entering X` in step S where no path from X reaches S
// (and X is not S): the anchor is never set when S arms it, so it never fires.
void check_anchors(PlaybookScope& s) {
  for (const auto& st : s.pb.steps)
    for (const auto& t : st.transitions) {
      if (t.since.empty() || t.since == st.id) continue;
      auto from = s.steps.find(t.since);
      if (from == s.steps.end() || reaches(s, from->second, &st)) continue;
      s.diags.warning(t.since_loc.line ? t.since_loc : t.loc, LintCode::AnchorNeverReached,
                      fmt::format("step '{}' is never reached after '{}', so the timer `since "
                                  "entering {}` is never armed",
                                  st.id, t.since, t.since));
    }
}

// PB054. A timer, a date, a reminder or a decision: someone hears of it.
void check_waits(PlaybookScope& s, const Step& st) {
  if (st.terminal != TerminalKind::None || st.transitions.empty()) return;
  for (const auto& t : st.transitions)
    if (t.trigger != TriggerKind::Event && t.trigger != TriggerKind::Task) return;
  std::vector<std::string> events;
  for (const auto& t : st.transitions) {
    if (t.trigger == TriggerKind::Event)
      events.push_back("'" + t.event + "'");
    else
      events.push_back(fmt::format("task {}", t.task));
  }
  s.diags.warning(st.loc, LintCode::OutsideEventsOnly,
                  fmt::format("step '{}' only waits for {}; with no timer (`after …`, `at …`) "
                              "or reminder (`remind ROLE after …`) nothing escalates when none "
                              "comes",
                              st.id, join(events, ", ")));
}

}  // namespace

void check_graph(PlaybookScope& s) {
  check_reachable(s);
  for (const auto& st : s.pb.steps) {
    bool leaves_by_anywhere = anywhere_applies(s.pb, st) && !s.pb.anywhere->transitions.empty();
    if (st.transitions.empty() && st.terminal == TerminalKind::None && !leaves_by_anywhere)
      s.diags.error(st.loc, LintCode::DeadEnd,
                    fmt::format("step '{}' is a dead end: it has no transitions and no `end`, "
                                "`goto playbook` or `handoff`",
                                st.id));
    check_decision(s, st);
    check_waits(s, st);
  }
  check_anywhere(s);
  check_anchors(s);
}

}  // namespace pb::check

// checker_graph.cpp — the step graph of one playbook: unreachable steps
// (PB050), dead ends (PB051), decision steps without a final `otherwise`
// (PB052), decision branches mixed with other triggers (PB055) and steps that
// wait for outside events with no timer (PB054). Linear in steps+transitions.
#include <fmt/format.h>

#include <deque>

#include "checker_internal.hpp"

namespace pb::check {

namespace {

bool is_branch(const Transition& t) {
  return t.trigger == TriggerKind::When || t.trigger == TriggerKind::Otherwise;
}

void check_reachable(PlaybookScope& s) {
  if (!s.steps.contains(s.pb.start)) return;  // PB030 already says why
  std::unordered_set<std::string_view> seen{s.pb.start};  // views of the model's ids
  std::deque<const Step*> todo{s.steps.at(s.pb.start)};
  while (!todo.empty()) {
    const Step* st = todo.front();
    todo.pop_front();
    for (const auto& t : st->transitions) {
      auto it = s.steps.find(t.target);
      if (it != s.steps.end() && seen.insert(t.target).second) todo.push_back(it->second);
    }
  }
  std::unordered_set<const Step*> reported;  // a duplicated id is PB020, not PB050 twice
  for (const auto& st : s.pb.steps)
    if (!seen.contains(st.id) && reported.insert(s.steps.at(st.id)).second)
      s.diags.error(st.loc, "PB050",
                    fmt::format("step '{}' is unreachable: no transition from the start step '{}' "
                                "leads to it",
                                st.id, s.pb.start));
}

void check_decision(PlaybookScope& s, const Step& st) {
  size_t branches = 0;
  for (const auto& t : st.transitions) branches += is_branch(t);
  if (branches == 0) return;
  if (branches != st.transitions.size()) {
    for (const auto& t : st.transitions)
      if (!is_branch(t)) {
        s.diags.error(t.loc, "PB055",
                      fmt::format("step '{}' mixes decision branches (`when`/`otherwise`) with "
                                  "other triggers; a decision step is left as soon as it is "
                                  "entered, so this transition never fires — move it to its own "
                                  "step",
                                  st.id));
        break;
      }
    return;
  }
  const Transition& last = st.transitions.back();
  if (last.trigger != TriggerKind::Otherwise)
    s.diags.warning(last.loc, "PB052",
                    fmt::format("decision step '{}' does not end with `otherwise`; when no branch "
                                "holds the instance stays in '{}' with nothing to leave it",
                                st.id, st.id));
}

void check_waits(PlaybookScope& s, const Step& st) {
  if (st.terminal != TerminalKind::None || st.transitions.empty()) return;
  for (const auto& t : st.transitions)  // a timer, a date or a decision: it cannot wait forever
    if (t.trigger != TriggerKind::Event && t.trigger != TriggerKind::Task) return;
  std::vector<std::string> events;
  for (const auto& t : st.transitions) {
    if (t.trigger == TriggerKind::Event) events.push_back("'" + t.event + "'");
    else events.push_back(fmt::format("task {}", t.task));
  }
  s.diags.warning(st.loc, "PB054",
                  fmt::format("step '{}' only waits for {}; with no timer (`after …`, `at …`) "
                              "nothing escalates when none comes",
                              st.id, join(events, ", ")));
}

}  // namespace

void check_graph(PlaybookScope& s) {
  check_reachable(s);
  for (const auto& st : s.pb.steps) {
    if (st.transitions.empty() && st.terminal == TerminalKind::None)
      s.diags.error(st.loc, "PB051",
                    fmt::format("step '{}' is a dead end: it has no transitions and no `end`, "
                                "`goto playbook` or `handoff`",
                                st.id));
    check_decision(s, st);
    check_waits(s, st);
  }
}

}  // namespace pb::check

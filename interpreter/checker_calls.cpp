// checker_calls.cpp — the checks of call and return (docs/lint-codes.md,
// PB120–PB125): the called playbook exists (with "did you mean"), a calling
// step waits for an `on return` and is neither terminal nor a decision step,
// `on return` only where a step calls, a return that always has somewhere to
// go, and no call cycle across the linted files. `outcome(ID)` is typed in
// checker_types.cpp (PB124). Pure, no I/O.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "checker_internal.hpp"

namespace pb::check {

namespace {

const Loc& call_at(const Step& st) { return st.call_loc.line ? st.call_loc : st.loc; }

void check_callee(PlaybookScope& s, const Step& st) {
  if (s.playbook_ids.contains(st.call)) return;
  std::vector<std::string> known(s.playbook_ids.begin(), s.playbook_ids.end());
  std::sort(known.begin(), known.end());
  bool external = s.externals.contains(st.call);
  if (external) s.used_externals.insert(s.externals.find(st.call)->first);  // meant: not PB083
  s.diags.error(call_at(st), LintCode::UnknownCallee,
                external
                    ? fmt::format("step '{}' calls '{}', an external process of this "
                                  "playbook, not a playbook; hand over to it with `handoff {}`",
                                  st.id, st.call, st.call)
                    : fmt::format("step '{}' calls playbook '{}', which is not a playbook in "
                                  "the linted files",
                                  st.id, st.call),
                external ? "" : did_you_mean(st.call, known));
}

// A calling step waits for the return: no terminal, no decision branches.
void check_calling_step(PlaybookScope& s, const Step& st) {
  if (st.terminal != TerminalKind::None)
    s.diags.error(call_at(st), LintCode::CallInTerminal,
                  fmt::format("step '{}' calls playbook '{}' and also ends the run "
                              "(`end`, `goto playbook` or `handoff`); a calling step waits for "
                              "the return: move the terminal to the step `on return` goes to",
                              st.id, st.call));
  auto branch = [](const Transition& t) {
    return t.trigger == TriggerKind::When || t.trigger == TriggerKind::Otherwise;
  };
  if (std::any_of(st.transitions.begin(), st.transitions.end(), branch))
    s.diags.error(call_at(st), LintCode::CallInTerminal,
                  fmt::format("step '{}' calls playbook '{}' and is also a decision step "
                              "(`when`/`otherwise`); decide in the step `on return` goes to",
                              st.id, st.call));
  std::vector<const Transition*> returns;
  for (const auto& t : st.transitions)
    if (t.trigger == TriggerKind::Return) returns.push_back(&t);
  if (returns.empty())
    s.diags.error(call_at(st), LintCode::CallWithoutReturn,
                  fmt::format("step '{}' calls playbook '{}' but has no `on return`: where the "
                              "run goes when '{}' ends is not said",
                              st.id, st.call, st.call));
  else if (std::all_of(returns.begin(), returns.end(), [](auto* t) { return t->guard; }))
    s.diags.warning(returns.back()->loc, LintCode::NoDefaultReturn,
                    fmt::format("every `on return` of step '{}' has a condition; when none holds "
                                "the end of '{}' is refused (no-return-branch): add a last `on "
                                "return` without `when`",
                                st.id, st.call));
}

void no_return_here(PlaybookScope& s, const Transition& t, const std::string& where) {
  if (t.trigger != TriggerKind::Return) return;
  s.diags.error(t.loc, LintCode::CallWithoutReturn,
                fmt::format("`on return` in {}, which calls no playbook; only a step with `call "
                            "playbook ID` is returned to",
                            where));
}

using Calls = std::map<std::string, std::vector<const Step*>>;  // playbook → calling steps

// Whether `to` is reached from `from` through calls; `path` gets the way.
bool way_back(Calls& calls, const std::string& from, const std::string& to,
              std::set<std::string>& seen, std::vector<std::string>& path) {
  for (const Step* st : calls[from]) {
    if (st->call == to) return path.push_back(to), true;
    if (!seen.insert(st->call).second) continue;
    path.push_back(st->call);
    if (way_back(calls, st->call, to, seen, path)) return true;
    path.pop_back();
  }
  return false;
}

}  // namespace

void check_calls(PlaybookScope& s) {
  for (const auto& st : s.pb.steps) {
    if (st.call.empty()) {
      for (const auto& t : st.transitions) no_return_here(s, t, "step '" + st.id + "'");
      continue;
    }
    check_callee(s, st);
    check_calling_step(s, st);
  }
  if (s.pb.anywhere)
    for (const auto& t : s.pb.anywhere->transitions)
      no_return_here(s, t, "`anywhere` (playbook-wide)");
}

void check_call_cycles(const Project& project, Diagnostics& diags) {
  Calls calls;
  for (const auto& p : project.playbooks)
    for (const auto& st : p.steps)
      if (!st.call.empty()) calls[p.id].push_back(&st);
  for (const auto& p : project.playbooks)
    for (const Step* st : calls[p.id]) {
      std::vector<std::string> path{p.id, st->call};
      std::set<std::string> seen{st->call};
      if (st->call != p.id && !way_back(calls, st->call, p.id, seen, path)) continue;
      diags.error(call_at(*st), LintCode::CallCycle,
                  fmt::format("step '{}' calls playbook '{}', which leads back to '{}' ({}); a "
                              "playbook that is running cannot be called again",
                              st->id, st->call, p.id, fmt::join(path, " calls ")));
    }
}

}  // namespace pb::check

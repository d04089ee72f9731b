// engine_calls.cpp — call and return between a tenant's runs (engine_calls.hpp;
// docs/language.md, "Call and return"): starting a called playbook, returning
// its end or handoff to the calling run, gotos that carry the call on, and
// cancelling the runs a caller no longer waits for.
#include "engine_calls.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pb::rt::detail {

namespace {

void add_summary(Applied& a, const std::string& text) {
  if (!a.summary.empty()) a.summary += "; ";
  a.summary += text;
}

// Cancels every active run called by `caller` (and the runs those called):
// the caller left the step that waited for them.
void cancel_callees(TenantWorld& w, const std::string& caller, Applied& a) {
  for (size_t i = 0; i < w.instances.size(); ++i) {
    InstanceState& st = w.instances[i].st;
    if (st.status != InstanceStatus::Active || st.caller != caller) continue;
    st.status = InstanceStatus::Cancelled;
    st.timers.clear();
    add_summary(a, fmt::format("{}: cancelled in step '{}' ({} left the calling step)", st.playbook,
                               st.step, caller));
    cancel_callees(w, st.playbook, a);
  }
}

int active_index(const TenantWorld& w, const std::string& playbook) {
  for (size_t i = 0; i < w.instances.size(); ++i)
    if (w.instances[i].st.status == InstanceStatus::Active &&
        w.instances[i].st.playbook == playbook)
      return int(i);
  return -1;
}

bool count_call(Applied& a) {
  if (++a.calls <= kMaxCalls) return true;
  return refuse(a, Refusal{RefusalCode::CallLoop,
                           fmt::format("more than {} calls and returns in one input", kMaxCalls)});
}

// Run idx ended (end: its outcome; handoff: the external id) and was called:
// the caller takes its `on return` in the same input.
bool return_to_caller(TenantWorld& w, int idx, LogInput& in, Resolver& r, Applied& a) {
  const InstanceState& done = w.instances[idx].st;
  int ci = active_index(w, done.caller);
  if (ci < 0) return true;  // no caller waits (it cannot: leaving cancels)
  if (!count_call(a)) return false;
  Refusal why;
  auto pinned = r.by_hash(w.instances[ci].hash, why);
  if (!pinned) return refuse(a, std::move(why));
  const Step* s = pinned->cp->pb.step(w.instances[ci].st.step);
  Input ret;
  ret.kind = InputKind::Return;
  ret.actor = in.input.actor;
  // After a goto the run that ends is not the one called: the return is the call's.
  ret.callee = s && !s->call.empty() ? s->call : done.playbook;
  ret.outcome = done.outcome;
  return evaluate_on(w, ci, in, ret, r, a);
}

bool hand_over(TenantWorld& w, int idx, LogInput& in, Resolver& r, Applied& a) {
  if (a.gotos >= kMaxGotos)
    return refuse(a,
                  Refusal{RefusalCode::GotoLoop,
                          fmt::format("more than {} playbook hand-overs in one input", kMaxGotos)});
  ++a.gotos;
  std::string target = w.instances[idx].st.outcome, caller = w.instances[idx].st.caller;
  return start_playbook(w, target, caller, in, r, a);
}

}  // namespace

bool settle(TenantWorld& w, int idx, bool moved, const std::string& call, LogInput& in, Resolver& r,
            Applied& a) {
  if (moved) cancel_callees(w, w.instances[idx].st.playbook, a);
  switch (w.instances[idx].st.status) {
    case InstanceStatus::Goto: return hand_over(w, idx, in, r, a);
    case InstanceStatus::Ended:
    case InstanceStatus::Handoff:
      return w.instances[idx].st.caller.empty() || return_to_caller(w, idx, in, r, a);
    case InstanceStatus::Active: break;
    case InstanceStatus::Cancelled: return true;
  }
  if (call.empty()) return true;
  if (!count_call(a)) return false;
  return start_playbook(w, call, w.instances[idx].st.playbook, in, r, a);
}

std::vector<int> innermost(const TenantWorld& w, const std::vector<int>& candidates) {
  std::vector<int> out;
  for (int i : candidates) {
    const std::string& id = w.instances[i].st.playbook;
    bool waited_on = std::any_of(w.instances.begin(), w.instances.end(), [&](const auto& x) {
      return x.st.status == InstanceStatus::Active && x.st.caller == id;
    });
    if (!waited_on) out.push_back(i);
  }
  return out;
}

}  // namespace pb::rt::detail

// engine_core.cpp — one logged input applied to a TenantWorld in memory
// (engine_core.hpp): instance choice, evaluation, goto chains, re-arming.
#include "engine_core.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "engine_calls.hpp"
#include "model/diagnostics.hpp"

namespace pb::rt {

namespace detail {

bool refuse(Applied& a, Refusal why) {
  a.ok = false;
  a.refusal = std::move(why);
  return false;
}

}  // namespace detail

namespace {

using namespace detail;
using detail::refuse;  // beside the overload below

bool refuse(Applied& a, RefusalId code, std::string reason, bool bad_input) {
  return refuse(a, Refusal{std::move(code), std::move(reason), bad_input});
}

// The instance an input addresses: by playbook, or the only active one (or
// the only innermost one, when runs call each other).
int pick_instance(TenantWorld& w, const std::string& playbook, Applied& a) {
  std::vector<int> candidates;
  for (size_t i = 0; i < w.instances.size(); ++i) {
    const auto& st = w.instances[i].st;
    if (st.status == InstanceStatus::Active && (playbook.empty() || st.playbook == playbook))
      candidates.push_back(int(i));
  }
  if (candidates.size() == 1) return candidates[0];
  if (auto inner = innermost(w, candidates); candidates.size() > 1 && inner.size() == 1)
    return inner[0];
  if (candidates.empty())
    refuse(a, RefusalCode::NotRunning,
           playbook.empty()
               ? fmt::format("tenant '{}' runs no playbook", w.tenant.id)
               : fmt::format("playbook '{}' is not running for tenant '{}'", playbook, w.tenant.id),
           false);
  else {
    std::vector<std::string> ids;
    for (int i : candidates) ids.push_back(w.instances[i].st.playbook);
    refuse(a, RefusalCode::AmbiguousInstance,
           fmt::format("tenant '{}' runs several playbooks ({}); pick one "
                       "with --playbook",
                       w.tenant.id, fmt::join(ids, ", ")),
           true);
  }
  return -1;
}

// The task state changes the summary (and so `history`) names: every change
// of a `mark`, and any change into or out of a state other than not started
// and complete ("task 3653: not_started -> in_progress").
static void summarize_task_states(const Outcome& out, const LogInput& in, Applied& a) {
  auto binary = [](TaskStatus s) {
    return s == TaskStatus::NotStarted || s == TaskStatus::Complete;
  };
  for (const TaskChange& tc : out.tasks) {
    if (in.op != InputOp::Mark && binary(tc.before) && binary(tc.status)) continue;
    if (!a.summary.empty()) a.summary += "; ";
    a.summary +=
        fmt::format("task {}: {} -> {}", tc.task, to_string(tc.before), to_string(tc.status));
  }
}

// "from -> a -> b": the steps entered in order; a region's steps go in
// parentheses after their parallel step, each region named once
// ("work (a: a1, b: b1 -> b2) -> next").
std::string path_text(const CompiledPlaybook& cp, const std::string& from,
                      const std::vector<std::string>& entered) {
  std::string path = from, region;
  bool open = false;
  for (const auto& e : entered) {
    const Step* s = cp.step(e);
    if (s && !s->region.empty()) {
      path += !open                 ? " (" + s->region + ": "
              : s->region == region ? " -> "
                                    : ", " + s->region + ": ";
      path += e;
      open = true, region = s->region;
      continue;
    }
    if (open) path += ")", open = false;
    path += (path.empty() ? "" : " -> ") + e;
  }
  return open ? path + ")" : path;
}

void absorb(TenantWorld& w, int idx, const CompiledPlaybook& cp, Outcome& out, const LogInput& in,
            Applied& a) {
  InstanceRec& r = w.instances[idx];
  apply_outcome(w.tenant, out, in.input.actor, in.at);
  for (auto& n : out.notes) a.notes.emplace_back(r.st.playbook, std::move(n));
  for (auto& s : out.sent) a.sent.push_back(std::move(s));
  for (const Transition* t : out.taken) a.taken.emplace_back(r.st.playbook, t->loc);
  for (const auto& e : out.entered) a.entered.emplace_back(r.st.playbook, e);
  std::string from = r.st.step;
  r.st = std::move(out.instance);
  if (out.transitioned) {
    if (!a.summary.empty()) a.summary += "; ";
    a.summary += fmt::format("{}: {}", r.st.playbook, path_text(cp, from, out.entered));
  }
  summarize_task_states(out, in, a);
  for (const auto& m : out.reminders) {
    if (!a.summary.empty()) a.summary += "; ";
    a.summary +=
        fmt::format("{}: reminder to {} in step '{}': {}", r.st.playbook, m.role, m.step, m.text);
  }
}

}  // namespace

namespace detail {

bool evaluate_on(TenantWorld& w, int idx, LogInput& in, const Input& input, Resolver& r,
                 Applied& a) {
  Refusal why;
  auto pinned = r.by_hash(w.instances[idx].hash, why);
  if (!pinned) return refuse(a, std::move(why));
  const Calendar& cal = r.calendar(*pinned->cp, w.tenant, in);
  Result res = evaluate(*pinned->cp, w.tenant, w.instances[idx].st, input, in.at, cal);
  if (!res.ok()) {
    a.ok = false;
    a.refusal = std::move(res.refusal);
    return false;
  }
  bool moved = !res.outcome->entered.empty();
  std::string call = std::move(res.outcome->call);
  absorb(w, idx, *pinned->cp, *res.outcome, in, a);
  return settle(w, idx, moved, call, in, r, a);
}

bool start_playbook(TenantWorld& w, const std::string& playbook, const std::string& caller,
                    LogInput& in, Resolver& r, Applied& a) {
  if (w.active(playbook))
    return refuse(a, Refusal{RefusalCode::AlreadyRunning,
                             fmt::format("playbook '{}' is already running for tenant '{}'{}",
                                         playbook, w.tenant.id,
                                         caller.empty() ? "" : " (a call cannot start it again)")});
  Refusal why;
  auto pinned = r.to_start(playbook, in, why);
  if (!pinned) return refuse(a, std::move(why));
  InstanceRec rec;
  rec.hash = pinned->hash;
  rec.st.playbook = playbook;
  rec.st.caller = caller;
  w.instances.push_back(std::move(rec));
  Input start;
  start.kind = InputKind::Start;
  start.actor = in.input.actor;
  return evaluate_on(w, int(w.instances.size()) - 1, in, start, r, a);
}

}  // namespace detail

namespace {

void rearm_others(TenantWorld& w, int except, Resolver& r) {
  for (size_t i = 0; i < w.instances.size(); ++i) {
    if (int(i) == except || w.instances[i].st.status != InstanceStatus::Active) continue;
    Refusal why;
    if (auto p = r.by_hash(w.instances[i].hash, why))
      rearm_at_timers(*p->cp, w.tenant, w.instances[i].st);
  }
}

// The kind of a note kept under `pb` (the built-ins only for a note kept
// under no playbook) must be one `pb` has.
static bool known_note_kind(const Playbook& pb, const NoteKind& kind, Applied& a) {
  if (has_note_kind(pb, kind.id)) return true;
  auto kinds = note_kind_ids(pb);
  std::string hint = did_you_mean(kind.id, kinds);
  return refuse(a, RefusalCode::UnknownNoteKind,
                fmt::format("{} has no note kind '{}' (it has {}){}",
                            pb.id.empty() ? std::string("a note kept under no playbook")
                                          : fmt::format("playbook '{}'", pb.id),
                            kind.id, fmt::join(kinds, ", "), hint.empty() ? "" : "; " + hint),
                true);
}

// The playbook a tenant-level note is filed under ("" = none running).
bool note_home(TenantWorld& w, const LogInput& in, Resolver& r, std::string& home, Applied& a) {
  std::vector<std::string> prefixes;
  bool any = false;
  for (auto* i : w.all_active()) {
    if (!in.playbook.empty() && i->st.playbook != in.playbook) continue;
    any = true;
    Refusal why;
    auto p = r.by_hash(i->hash, why);
    if (!p) return refuse(a, std::move(why));
    const std::string& prefix = p->cp->pb.note_prefix;
    if (prefix.empty() || in.input.note.starts_with(prefix)) {
      home = i->st.playbook;
      return known_note_kind(p->cp->pb, in.input.note_kind, a);
    }
    prefixes.push_back(fmt::format("\"{}\" ({})", prefix, i->st.playbook));
  }
  if (!any && !in.playbook.empty())
    return refuse(
        a, RefusalCode::NotRunning,
        fmt::format("playbook '{}' is not running for tenant '{}'", in.playbook, w.tenant.id),
        false);
  if (any)
    return refuse(a, RefusalCode::NotePrefix,
                  fmt::format("a note for tenant '{}' must start with {}", w.tenant.id,
                              fmt::join(prefixes, " or ")),
                  false);
  home.clear();
  return known_note_kind(Playbook{}, in.input.note_kind, a);
}

bool apply_tenant_op(TenantWorld& w, LogInput& in, Resolver& r, Applied& a) {
  std::string home;
  if (!in.input.note.empty() && !note_home(w, in, r, home, a)) return false;
  for (const auto& wr : in.writes) apply_write(w.tenant.attrs, wr);
  rearm_others(w, -1, r);
  if (!in.input.note.empty())
    a.notes.emplace_back(home, NoteEffect{in.input.note_kind, in.input.note});
  return true;
}

// assign / unassign: one RM/FM assignment of the tenant. Unassigning a name
// the queue does not hold is bad input (with the queue's names to choose from).
bool apply_assign(TenantWorld& w, const LogInput& in, Applied& a) {
  const AssignChange& c = in.assign;
  const char* queue = to_string(c.queue);
  if (!c.add) {
    std::vector<std::string> names;
    for (const auto& x : w.tenant.assignments)
      if (x.queue == c.queue) names.push_back(x.name);
    if (std::find(names.begin(), names.end(), c.name) == names.end()) {
      std::string hint = did_you_mean(c.name, names);
      return refuse(a, RefusalCode::NotAssigned,
                    fmt::format("tenant '{}' has no {} '{}'{}", w.tenant.id, queue, c.name,
                                hint.empty() ? "" : "; " + hint),
                    true);
    }
  }
  Outcome out;
  out.assignments.push_back(c);
  apply_outcome(w.tenant, out, in.input.actor, in.at);
  a.summary = fmt::format("{} {} \"{}\"{}", c.add ? "assigned" : "unassigned", queue, c.name,
                          c.add && c.primary ? " (primary)" : "");
  return true;
}

}  // namespace

Applied apply_input(TenantWorld& w, LogInput& in, Resolver& r) {
  Applied a;
  if (is_tenant_write(in.op)) {
    a.ok = apply_tenant_op(w, in, r, a);
    return a;
  }
  if (is_assignment(in.op)) {
    a.ok = apply_assign(w, in, a);
    return a;
  }
  if (in.op == InputOp::Migrate) {
    a.ok = apply_migration(w, in, r, a);
    return a;
  }
  if (in.op == InputOp::Start) {
    a.instance = int(w.instances.size());  // gotos and calls append after it
    if (!start_playbook(w, in.playbook, "", in, r, a)) return a;
  } else {
    a.instance = pick_instance(w, in.playbook, a);
    if (a.instance < 0) return a;
    if (!evaluate_on(w, a.instance, in, in.input, r, a)) return a;
  }
  rearm_others(w, a.instance, r);
  a.ok = true;
  return a;
}

}  // namespace pb::rt

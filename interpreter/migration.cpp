// migration.cpp — one instance moved to another version (migration.hpp):
// where its steps land, which timers are kept, re-armed, fired or dropped,
// which task states move or drop, and what blocks it.
#include "interpreter/migration.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pb {

const char* to_string(MigrationVerdict v) {
  switch (v) {
    case MigrationVerdict::AsIs: return "as-is";
    case MigrationVerdict::Mapped: return "mapped";
    case MigrationVerdict::Blocked: return "blocked";
  }
  return "?";
}

const char* to_string(TimerFate f) {
  switch (f) {
    case TimerFate::Kept: return "kept";
    case TimerFate::Rearmed: return "re-armed";
    case TimerFate::FiresAtOnce: return "fires at the next tick";
    case TimerFate::Dropped: return "dropped";
  }
  return "?";
}

namespace {

struct Planner {
  const CompiledPlaybook &from, &to;
  const TenantState& tenant;
  const MigrationMap& map;
  InstanceMigration out;

  void block(std::string why) { out.reasons.push_back(std::move(why)); }

  // Where old step `id` lands in the new version (nullptr: nowhere).
  const Step* land(const std::string& id) const {
    if (const std::string* t = map.step_to(id)) return to.step(*t);
    if (const Step* s = to.step(id)) return s;
    for (const auto& s : to.pb.steps)
      if (std::find(s.renamed_from.begin(), s.renamed_from.end(), id) != s.renamed_from.end())
        return &s;
    return nullptr;
  }

  // The landing step of `id` (and the move when it changes); "" when none.
  std::string move(const std::string& region, const std::string& id) {
    const Step* s = land(id);
    if (!s) {
      block(fmt::format("step {} is not in the new version: map it to a step of the new version",
                        id));
      return "";
    }
    if (s->id != id) out.steps.push_back(StepMove{region, id, s->id});
    return s->id;
  }

  void regions(InstanceState& after, const Step& parallel) {
    std::vector<std::string> old_ids, new_ids;
    for (const auto& r : after.regions) old_ids.push_back(r.id);
    for (const auto& r : parallel.regions) new_ids.push_back(r.id);
    if (old_ids != new_ids) {
      block(fmt::format("the regions of parallel step {} differ in the new version", parallel.id));
      return;
    }
    for (auto& r : after.regions) {
      std::string leaf = move(r.id, r.step);
      const Step* s = leaf.empty() ? nullptr : to.step(leaf);
      if (s && (s->parent != parallel.id || s->region != r.id))
        block(fmt::format("step {} of region {} lands on {}, outside that region", r.step, r.id,
                          leaf));
      r.step = leaf;
    }
  }

  // The same transition once the old one's target is read in the new
  // version (a renamed or mapped target is the same target).
  bool same_transition(const Transition& old, const Transition& now) const {
    Transition moved = old;
    if (const Step* s = old.target.empty() ? nullptr : land(old.target)) moved.target = s->id;
    return moved == now;
  }

  template <class M>
  M renamed_keys(const M& m) const {
    M out;
    for (const auto& [id, v] : m)
      if (const Step* s = land(id)) out[s->id] = v;
    return out;
  }

  void steps(const InstanceState& inst) {
    InstanceState& after = out.after;
    after = inst;
    after.step = move("", inst.step);
    const Step* s = after.step.empty() ? nullptr : to.step(after.step);
    if (s && !inst.regions.empty()) regions(after, *s);
    if (s && inst.regions.empty() && !s->regions.empty())
      block(fmt::format("step {} is a parallel step in the new version", s->id));
    after.visits = renamed_keys(inst.visits);
    after.arrived = renamed_keys(inst.arrived);
  }

  void timers(const InstanceState& inst, Instant now, const Calendar& cal) {
    std::vector<TimerState> armed = arm_current_timers(to, tenant, out.after, cal);
    std::vector<bool> matched(inst.timers.size(), false);
    for (auto& t : armed) {
      TimerFate fate = t.due <= now ? TimerFate::FiresAtOnce : TimerFate::Rearmed;
      for (size_t i = 0; i < inst.timers.size(); ++i) {
        const TimerState& old = inst.timers[i];
        const Step* os = from.step(old.step);
        const Step* lands = os ? land(os->id) : nullptr;
        if (matched[i] || !lands || lands->id != t.step || old.transition >= os->transitions.size())
          continue;
        if (!same_transition(os->transitions[old.transition],
                             to.step(t.step)->transitions[t.transition]))
          continue;
        matched[i] = true, t.due = old.due, fate = TimerFate::Kept;
        break;
      }
      out.timers.push_back(TimerMove{fate, t});
    }
    for (size_t i = 0; i < inst.timers.size(); ++i)
      if (!matched[i]) out.timers.push_back(TimerMove{TimerFate::Dropped, inst.timers[i]});
    out.after.timers = std::move(armed);
  }

  void task(const Task& t, const std::set<int64_t>& keep) {
    const TaskMapping* m = map.task(t.id);
    if (!m && to.pb.task(t.id)) return;  // still in the catalog
    auto it = tenant.tasks.find(t.id);
    if (m && m->to != 0 && !to.pb.task(m->to))
      return block(
          fmt::format("task {} is mapped to task {}, which the new version lacks", t.id, m->to));
    if (it == tenant.tasks.end()) return;  // no state to move
    int64_t dest = m ? m->to : 0;
    if (dest == 0 && keep.count(t.id)) return;
    out.tasks.push_back(TaskMove{t.id, dest, it->second.status});
    if (dest != 0 && !out.tasks_after.count(dest)) out.tasks_after[dest] = it->second;
    out.tasks_after.erase(t.id);
  }

  // A tenant value the new version's enums no longer allow.
  void values() {
    for (const auto& [name, v] : tenant.attrs) {
      const Attribute* a = to.attribute(name);
      if (!a || a->type.kind != TypeKind::Enum || v.kind != Value::Kind::String) continue;
      const auto& allowed = a->type.values;
      if (std::find(allowed.begin(), allowed.end(), v.s) != allowed.end()) continue;
      bool extended = false;
      for (const auto& x : to.pb.extends)
        if (x.path == "tenant." + name &&
            std::find(x.values.begin(), x.values.end(), v.s) != x.values.end())
          extended = true;
      if (!extended)
        block(fmt::format("tenant.{} is \"{}\", which the new version's enum no longer allows",
                          name, v.s));
    }
  }
};

}  // namespace

InstanceMigration plan_migration(const CompiledPlaybook& from, const CompiledPlaybook& to,
                                 const TenantState& tenant, const InstanceState& inst,
                                 const MigrationMap& map, const std::set<int64_t>& keep,
                                 Instant now, const Calendar& cal) {
  Planner p{from, to, tenant, map, {}};
  p.out.tasks_after = tenant.tasks;
  p.steps(inst);
  for (const auto& t : from.pb.tasks) p.task(t, keep);
  p.values();
  if (p.out.reasons.empty()) p.timers(inst, now, cal);
  auto& out = p.out;
  out.verdict = !out.reasons.empty()                     ? MigrationVerdict::Blocked
                : out.steps.empty() && out.tasks.empty() ? MigrationVerdict::AsIs
                                                         : MigrationVerdict::Mapped;
  return std::move(out);
}

}  // namespace pb

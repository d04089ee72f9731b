// engine_migrate.cpp — `playbook migrate` over the store (engine.hpp,
// Engine::migrate): the running instances of a playbook on other versions,
// planned and, with `apply`, each migrated by its own logged input (op
// `migrate`, engine_migrate_core.cpp), a batch of them per commit.
//
// Contract:
//  * Instances are read in pages of req.batch tenants, by tenant id: memory
//    stays flat in the number of instances. A plan reads each page in one
//    read transaction; an apply reads, migrates and commits each page in
//    one write transaction (as `tick` does its batches), so the commit cost
//    is paid once per page, not once per instance.
//  * Each instance is still atomic: its event, version, step, timers and
//    task states are written together or not at all. A refused instance
//    writes nothing and the page goes on; a store failure rolls the whole
//    page back and stops, leaving the committed pages migrated.
//  * An instance already on the target version is counted `current` and
//    left alone: a killed apply is resumed by running it again.
//  * Applying plans each instance once, inside its input (the plan the
//    input followed is what is reported), so replay follows the same path.
//  * Lines reach `each` only once their page committed.
//  * The new version is written to the store with the first event that
//    pins it (LiveResolver), never by a plan.
#include <fmt/format.h>

#include <algorithm>

#include "engine.hpp"
#include "engine_impl.hpp"
#include "store_world_batch.hpp"
#include "interpreter/migration.hpp"

namespace pb::rt {

namespace {

std::vector<std::string> page_of(Store& s, const MigrationRequest& req, const std::string& after) {
  std::vector<std::string> ids;
  Query q(s,
          "SELECT tenant FROM instances WHERE playbook = ? AND status = 'active' AND tenant > ? "
          "ORDER BY tenant LIMIT ?");
  q.bind(1, req.playbook).bind(2, after).bind(3, int64_t{req.batch});
  while (q.step()) ids.push_back(q.text(0));
  return ids;
}

bool selected(const MigrationRequest& req, const TenantWorld& w, const InstanceRec& i) {
  const auto& ts = req.tenants;
  if (!ts.empty() && std::find(ts.begin(), ts.end(), w.tenant.id) == ts.end()) return false;
  if (!req.step.empty() && i.st.step != req.step) return false;
  for (const auto& [name, want] : req.where) {
    auto it = w.tenant.attrs.find(name);
    if (it == w.tenant.attrs.end() || to_text(it->second) != want) return false;
  }
  return true;
}

void count(MigrationTotals& t, const InstancePlan& ip, bool apply) {
  bool planned = ip.outcome.exit == kOk || ip.outcome.code == RefusalCode::MigrationBlocked;
  if (!planned) {
    ++t.refused;
    return;
  }
  switch (ip.plan.verdict) {
    case MigrationVerdict::AsIs: ++t.as_is; break;
    case MigrationVerdict::Mapped: ++t.mapped; break;
    case MigrationVerdict::Blocked: ++t.blocked; return;
  }
  if (apply) ++t.migrated;
}

void add(MigrationTotals& t, const MigrationTotals& page) {
  t.as_is += page.as_is, t.mapped += page.mapped, t.blocked += page.blocked;
  t.current += page.current, t.migrated += page.migrated, t.refused += page.refused;
}

}  // namespace

// The plan to fill for w's instance of req.playbook when the request
// selects it and it runs another version than `to` (one on `to` is counted
// current).
std::optional<InstancePlan> Engine::Impl::select(TenantWorld& w, const MigrationRequest& req,
                                                 const std::string& to, MigrationTotals& t) {
  const InstanceRec* i = w.active(req.playbook);
  if (!i || !selected(req, w, *i)) return std::nullopt;
  std::string version = version_of(i->hash);
  if (version == to) {
    ++t.current;
    return std::nullopt;
  }
  return InstancePlan{w.tenant.id, i->hash, version, i->st};
}

// The plan of the instance of ip.from_hash (ip.plan), or why it cannot be
// planned (ip.outcome). Changes nothing.
void Engine::Impl::plan_one(const TenantWorld& w, const InstanceRec& i, const Pinned& to,
                            const MigrationMap& map, Instant now, InstancePlan& ip) {
  Refusal why;
  auto from = by_hash(ip.from_hash, why);
  if (!from) {
    ip.outcome = refused(why);
    return;
  }
  ReplayResolver r(*this);
  auto keep = tasks_elsewhere(w, int(&i - w.instances.data()), r);
  const Calendar& cal = pick_calendar(*to.cp, w.tenant);
  ip.plan = plan_migration(*from->cp, *to.cp, w.tenant, i.st, map, keep, now, cal);
}

// Migrates the instance inside the caller's write transaction: one logged
// input carrying the map and the version and step it was read at.
void Engine::Impl::apply_one(TenantWorld w, const MigrationRequest& req, const std::string& to,
                             Instant now, const std::string& actor, TxMemo& memo,
                             InstancePlan& ip) {
  LogInput in;
  in.op = InputOp::Migrate;
  in.playbook = req.playbook;
  in.input.kind = InputKind::Set;
  in.input.actor = actor;
  in.at = now;
  in.pins[req.playbook] = to;
  in.migration = LogMigration{req.map, ip.from_hash, ip.before.step};
  ip.outcome = run_in_tx(*this, std::move(w), std::move(in), memo);
  if (ip.outcome.applied.migration) ip.plan = std::move(*ip.outcome.applied.migration);
  ip.outcome.applied = {}, ip.outcome.world = {};  // the page keeps only what its lines print
}

MigrationTotals Engine::migrate(const MigrationRequest& req, Instant now, bool apply,
                                const std::string& actor, const PlanSink& each) {
  MigrationTotals t;
  Impl& e = *impl_;
  Refusal why;
  t.to_version = e.cat.source ? e.cat.source->version_of("", req.to) : "";
  if (t.to_version.empty()) {
    t.failure = failure(kBadInput, RefusalCode::PinnedUnreadable,
                        fmt::format("the new version ({}) does not parse", req.to.filename));
    return t;
  }
  try {
    e.migration_targets[t.to_version] = req.to;
    auto to = e.compile(t.to_version, req.to, why);
    if (!to) return t.failure = refused(why), t;
    e.compiled[t.to_version] = *to;
    std::string after;
    for (bool more = true; more;) {
      std::vector<InstancePlan> plans;
      MigrationTotals page;
      Transaction tx(store_, apply);
      auto ids = page_of(store_, req, after);
      plans.reserve(ids.size());
      more = ids.size() == size_t(req.batch);
      if (!ids.empty()) after = ids.back();
      auto worlds = load_worlds(store_, ids);
      TxMemo memo;
      if (apply) memo.last = last_events(store_, ids);
      for (auto& [id, w] : worlds) {
        auto ip = e.select(w, req, t.to_version, page);
        if (!ip) continue;
        ip->to = to->cp;
        if (apply)
          e.apply_one(std::move(w), req, t.to_version, now, actor, memo, *ip);
        else
          e.plan_one(w, *w.active(req.playbook), *to, req.map, now, *ip);
        if (store_failed(ip->outcome)) return t.failure = ip->outcome, t;  // the page rolls back
        count(page, *ip, apply);
        plans.push_back(std::move(*ip));
      }
      tx.commit();
      add(t, page);
      if (each)
        for (const auto& ip : plans) each(ip);
    }
  } catch (const StoreError& err) {
    t.failure = store_failure(err);
  }
  return t;
}

}  // namespace pb::rt

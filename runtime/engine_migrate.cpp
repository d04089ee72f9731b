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
//  * With a plan made earlier (req.plan_version set), only the plan's
//    tenants are planned or migrated; the others are counted `unplanned`
//    and left alone. A planned instance whose version, step or rows (its
//    own, its tenant's) changed since is refused `changed-since-plan`, as
//    is a planned tenant that no longer runs the playbook: optimistic
//    concurrency, the plan's row versions against the store's.
#include <fmt/format.h>

#include <algorithm>
#include <set>

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
  t.unplanned += page.unplanned;
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
  if (!req.plan_version.empty() && !req.planned.count(w.tenant.id)) {
    ++t.unplanned;
    return std::nullopt;
  }
  InstancePlan ip{w.tenant.id, i->hash, version, i->st};
  ip.tenant_version = w.version;
  ip.instance_version = i->version;
  return ip;
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

namespace {

// One run of migrate: what every page shares.
struct Run {
  Engine::Impl& e;
  const MigrationRequest& req;
  Pinned to;
  Instant now;
  bool apply;
  const std::string& actor;
  const PlanSink& each;
  MigrationTotals& t;
  std::string after;           // the last tenant of the previous page
  std::set<std::string> seen;  // with a plan: the tenants running req.playbook
};

std::string short_hash(const std::string& h) { return h.substr(0, 12); }

// With a plan in force: why the instance is no longer as the plan read it,
// as a `changed-since-plan` refusal; nullopt when it still is.
std::optional<Response> moved_since_plan(const MigrationRequest& req, const InstancePlan& ip) {
  if (req.plan_version.empty()) return std::nullopt;
  const PlannedInstance& p = req.planned.at(ip.tenant);
  std::vector<std::string> why;
  if (ip.from_hash != p.hash)
    why.push_back(fmt::format("it runs version {}, the plan read {}", short_hash(ip.from_hash),
                              short_hash(p.hash)));
  if (ip.before.step != p.step)
    why.push_back(fmt::format("it is in step {}, the plan read {}", ip.before.step, p.step));
  if (why.empty() && ip.instance_version != p.instance_version)
    why.push_back(
        fmt::format("its timers or visits changed (instance row version {}, the plan "
                    "read {})",
                    ip.instance_version, p.instance_version));
  if (ip.tenant_version != p.tenant_version)
    why.push_back(
        fmt::format("its tasks, attributes or assignments changed (tenant row version "
                    "{}, the plan read {})",
                    ip.tenant_version, p.tenant_version));
  if (why.empty()) return std::nullopt;
  return failure(kRefused, RefusalCode::ChangedSincePlan,
                 fmt::format("tenant '{}' changed since the plan: {}; plan again", ip.tenant,
                             fmt::join(why, "; ")));
}

// Plans or migrates one page of tenants in one transaction, then hands its
// lines to `each`. False after the last page, or when the store failed
// (t.failure; the page rolled back).
bool run_page(Run& r) {
  std::vector<InstancePlan> plans;
  MigrationTotals page;
  Transaction tx(r.e.store, r.apply);
  auto ids = page_of(r.e.store, r.req, r.after);
  plans.reserve(ids.size());  // InstancePlans are large: relocating them cost a third of apply
  bool more = ids.size() == size_t(r.req.batch);
  if (!ids.empty()) r.after = ids.back();
  if (!r.req.plan_version.empty()) r.seen.insert(ids.begin(), ids.end());
  auto worlds = load_worlds(r.e.store, ids);
  TxMemo memo;
  if (r.apply) memo.last = last_events(r.e.store, ids);
  for (auto& [id, w] : worlds) {
    auto ip = r.e.select(w, r.req, r.to.hash, page);
    if (!ip) continue;
    ip->to = r.to.cp;
    if (auto moved = moved_since_plan(r.req, *ip))
      ip->outcome = std::move(*moved);
    else if (r.apply)
      r.e.apply_one(std::move(w), r.req, r.to.hash, r.now, r.actor, memo, *ip);
    else
      r.e.plan_one(w, *w.active(r.req.playbook), r.to, r.req.map, r.now, *ip);
    if (store_failed(ip->outcome)) return r.t.failure = ip->outcome, false;
    count(page, *ip, r.apply);
    plans.push_back(std::move(*ip));
  }
  tx.commit();
  add(r.t, page);
  if (r.each)
    for (const auto& ip : plans) r.each(ip);
  return more;
}

// With a plan in force: each planned tenant no page met (it runs no
// instance of the playbook any more) is refused `changed-since-plan`.
void report_gone(Run& r) {
  for (const auto& [tenant, p] : r.req.planned) {
    if (r.seen.count(tenant)) continue;
    InstancePlan ip{tenant, p.hash, r.e.version_of(p.hash), {}};
    ip.before.step = p.step;
    ip.outcome = failure(kRefused, RefusalCode::ChangedSincePlan,
                         fmt::format("tenant '{}' changed since the plan: it runs no instance of "
                                     "{} any more",
                                     tenant, r.req.playbook));
    ++r.t.refused;
    if (r.each) r.each(ip);
  }
}

}  // namespace

MigrationTotals Engine::migrate(const MigrationRequest& req, Instant now, bool apply,
                                const std::string& actor, const PlanSink& each) {
  MigrationTotals t;
  Impl& e = *impl_;
  Refusal why;
  t.to_version = e.cat.source ? e.cat.source->version_of("", req.to) : "";
  if (t.to_version.empty())
    return t.failure = failure(kBadInput, RefusalCode::PinnedUnreadable,
                               fmt::format("the new version ({}) does not parse", req.to.filename)),
           t;
  if (!req.plan_version.empty() && req.plan_version != t.to_version)
    return t.failure = failure(kBadInput, RefusalCode::BadValue,
                               fmt::format("the plan moves instances to version {}, but the new "
                                           "version is {}: plan again",
                                           short_hash(req.plan_version), short_hash(t.to_version))),
           t;
  try {
    e.migration_targets[t.to_version] = req.to;
    auto to = e.compile(t.to_version, req.to, why);
    if (!to) return t.failure = refused(why), t;
    e.compiled[t.to_version] = *to;
    Run r{e, req, *to, now, apply, actor, each, t, {}, {}};
    while (run_page(r)) {}
    if (t.failure.exit == kOk && !req.plan_version.empty()) report_gone(r);
  } catch (const StoreError& err) {
    t.failure = store_failure(err);
  }
  return t;
}

}  // namespace pb::rt

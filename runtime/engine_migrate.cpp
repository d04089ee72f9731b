// engine_migrate.cpp — `playbook migrate` over the store (engine.hpp,
// Engine::migrate): the running instances of a playbook on other versions,
// planned one by one and, with `apply`, each migrated in its own logged,
// atomic input (op `migrate`, engine_migrate_core.cpp).
//
// Contract:
//  * Instances are read in pages (kPage tenants per read transaction, by
//    tenant id): memory stays flat in the number of instances, and no read
//    transaction is held while a migration commits.
//  * An instance already on the target version is counted `current` and
//    left alone: a killed apply is resumed by running it again.
//  * Apply logs, per instance, the map and what the plan saw (expect_hash,
//    expect_step): an instance that moved in between is refused
//    `changed-since-plan` and counted refused; the others carry on.
//  * The new version is written to the store with the first event that
//    pins it (LiveResolver), never by a plan.
#include <fmt/format.h>

#include <algorithm>

#include "engine.hpp"
#include "engine_impl.hpp"
#include "interpreter/migration.hpp"

namespace pb::rt {

namespace {

constexpr int kPage = 256;

std::vector<std::string> page_of(Store& s, const std::string& playbook, const std::string& after) {
  std::vector<std::string> ids;
  Query q(s,
          "SELECT tenant FROM instances WHERE playbook = ? AND status = 'active' AND tenant > ? "
          "ORDER BY tenant LIMIT ?");
  q.bind(1, playbook).bind(2, after).bind(3, int64_t{kPage});
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

void count(MigrationTotals& t, MigrationVerdict v) {
  switch (v) {
    case MigrationVerdict::AsIs: ++t.as_is; break;
    case MigrationVerdict::Mapped: ++t.mapped; break;
    case MigrationVerdict::Blocked: ++t.blocked; break;
  }
}

}  // namespace

// The plan of one instance (ip.plan), or why it cannot be planned (ip.outcome).
void Engine::Impl::plan_one(const TenantWorld& w, const InstanceRec& i, const Pinned& to,
                            const MigrationMap& map, Instant now, InstancePlan& ip) {
  Refusal why;
  auto from = by_hash(i.hash, why);
  if (!from) {
    ip.outcome = refused(why);
    return;
  }
  std::set<int64_t> keep;
  for (const auto& o : w.instances)
    if (&o != &i && o.st.status == InstanceStatus::Active)
      if (auto p = by_hash(o.hash, why))
        for (const auto& t : p->cp->pb.tasks) keep.insert(t.id);
  const Calendar& cal = pick_calendar(*to.cp, w.tenant);
  ip.plan = plan_migration(*from->cp, *to.cp, w.tenant, i.st, map, keep, now, cal);
}

// Plans the instance of req.playbook of tenant `id` when the request
// selects it and it runs another version (counted in `t` either way).
void Engine::Impl::plan_tenant(const std::string& id, const MigrationRequest& req, const Pinned& to,
                               MigrationTotals& t, Instant now, std::vector<InstancePlan>& plans) {
  TenantWorld w;
  if (!load_world(store, id, w)) return;
  const InstanceRec* i = w.active(req.playbook);
  if (!i || !selected(req, w, *i)) return;
  std::string version = version_of(i->hash);
  if (version == to.hash) {
    ++t.current;
    return;
  }
  InstancePlan ip{id, i->hash, version, i->st};
  ip.to = to.cp;
  plan_one(w, *i, to, req.map, now, ip);
  if (ip.outcome.exit != kOk)
    ++t.refused;
  else
    count(t, ip.plan.verdict);
  plans.push_back(std::move(ip));
}

Response Engine::Impl::migrate_one(Engine& e, const MigrationRequest& req, const std::string& to,
                                   const InstancePlan& ip, Instant now, const std::string& actor) {
  LogInput in;
  in.op = InputOp::Migrate;
  in.playbook = req.playbook;
  in.input.kind = InputKind::Set;
  in.input.actor = actor;
  in.at = now;
  in.pins[req.playbook] = to;
  in.migration = LogMigration{req.map, ip.from_hash, ip.before.step};
  return e.submit(ip.tenant, std::move(in));
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
      Response r = in_snapshot(store_, [&] {
        auto ids = page_of(store_, req.playbook, after);
        more = ids.size() == size_t(kPage);
        if (!ids.empty()) after = ids.back();
        for (const auto& id : ids) e.plan_tenant(id, req, *to, t, now, plans);
        return Response{};
      });
      if (r.exit != kOk) return t.failure = r, t;
      for (auto& ip : plans) {
        if (apply && ip.outcome.exit == kOk && ip.plan.verdict != MigrationVerdict::Blocked) {
          ip.outcome = e.migrate_one(*this, req, t.to_version, ip, now, actor);
          ++(ip.outcome.exit == kOk ? t.migrated : t.refused);
        }
        if (each) each(ip);
        if (store_failed(ip.outcome)) return t.failure = ip.outcome, t;
      }
    }
  } catch (const StoreError& err) {
    t.failure = store_failure(err);
  }
  return t;
}

}  // namespace pb::rt

// engine_impl.hpp — internal to the engine (engine*.cpp): the compiled
// playbook cache and the two resolvers (live engine, replay).
#pragma once

#include <set>
#include <unordered_map>

#include "engine.hpp"

namespace pb::rt {

// The committed worlds of the tenants this engine wrote last (engine.cpp).
// Used optimistically, never trusted: an input evaluated on a cached world
// commits only if the tenant row version is still the cached one, and a
// refusal or a conflict met on a cached world is redone on a fresh read.
// Bounded: when full it is emptied. Capacity 0 turns it off.
struct WorldCache {
  size_t capacity = 1024;
  std::unordered_map<std::string, TenantWorld> map;

  const TenantWorld* find(const std::string& id) const {
    auto it = map.find(id);
    return it == map.end() ? nullptr : &it->second;
  }
  void put(const std::string& id, const TenantWorld& w) {
    if (capacity == 0) return;
    if (map.size() >= capacity && !map.count(id)) map.clear();
    map[id] = w;
  }
  void drop(const std::string& id) { map.erase(id); }
};

struct TxMemo;

struct Engine::Impl {
  Store& store;
  Catalog cat;
  int retries;
  std::unordered_map<std::string, Pinned> compiled;  // by hash
  std::map<std::string, std::string> file_hash;  // playbook id → its file's version (file_version)
  std::shared_ptr<const CompiledPlaybook> tenant_schema;  // for tenant add/set
  Engine::Observer observer;                              // may be empty
  // The project's calendars as stored (hash, JSON body), serialised once:
  // the live resolver needs them on every input.
  std::unordered_map<const Calendar*, std::pair<std::string, std::string>> calendar_pins;

  // Versions `migrate` moves instances to (not in the store until an
  // event pins them): the live resolver stores each with such an event.
  std::map<std::string, PinnedSource> migration_targets;

  bool all_loaded = false;
  WorldCache worlds;

  Impl(Store& s, Catalog c, int r);
  void load_all();  // cat.load_all once, then the file hashes and the tenant schema
  std::optional<Pinned> by_hash(const std::string& hash, Refusal& why);
  // The version the directory's file of `playbook` (which must be in
  // cat.files) would pin: its version id, computed once.
  const std::string& file_version(const std::string& playbook);
  // The version id a pinned hash names (itself, or what an old FNV alias
  // names; the alias itself when its text cannot be read).
  std::string version_of(const std::string& hash);
  // migrate (engine_migrate.cpp)
  std::optional<InstancePlan> select(TenantWorld& w, const MigrationRequest& req,
                                     const std::string& to, MigrationTotals& t);
  void plan_one(const TenantWorld& w, const InstanceRec& i, const Pinned& to,
                const MigrationMap& map, Instant now, InstancePlan& ip);
  void apply_one(TenantWorld w, const MigrationRequest& req, const std::string& to, Instant now,
                 const std::string& actor, TxMemo& memo, InstancePlan& ip);
  std::optional<Pinned> compile(const std::string& hash, const PinnedSource& src, Refusal& why);
  // Whether `playbook` of the catalog may be pinned: its checker errors, if
  // any, refuse it (`playbook-invalid`, the diagnostics in why.details).
  bool lint_clean(const std::string& playbook, Refusal& why);
  // The tenant's calendar under `cp`: cat.find_calendar's when set, else
  // the project's (pick_calendar), else the default.
  const Calendar& pick_calendar(const CompiledPlaybook& cp, const TenantState& t);
  std::shared_ptr<const CompileCache::LintErrors> lint_errors;  // by playbook id; null until needed
  // Types `given.sets` against the tenant schema and checks its `on set`
  // rules (event.note is given.note).
  bool tenant_writes(const Input& given, const TenantState& t, Instant now,
                     std::vector<AttrWrite>& out, Refusal& why);
  // A tenant write of a value that only an `extend enum` adds (the tenant
  // schema takes every playbook's extensions) is refused `bad-value` unless
  // a playbook the tenant runs adds it (engine_vocabulary.cpp).
  bool extended_values_run(TenantWorld& w, const std::vector<AttrWrite>& writes, Resolver& r,
                           Refusal& why);
};

// Runs `read` in one read transaction: exit 0, or the store's failure.
template <class Read>
Response in_snapshot(Store& s, Read read) {
  try {
    Transaction rd(s, false);
    Response r = read();
    rd.commit();
    return r;
  } catch (const StoreError& e) {
    return store_failure(e);
  }
}

// The live resolver: playbooks from the directory (pinned as they start),
// calendars from the project; remembers what must be stored with the event.
class LiveResolver : public Resolver {
 public:
  explicit LiveResolver(Engine::Impl& e) : e_(e) {}
  std::optional<Pinned> to_start(const std::string& playbook, LogInput& in, Refusal& why) override;
  std::optional<Pinned> by_hash(const std::string& hash, Refusal& why) override {
    // A version a migration moves to is stored with the first event that pins it.
    if (auto it = e_.migration_targets.find(hash); it != e_.migration_targets.end())
      new_sources.emplace(hash, &it->second);
    return e_.by_hash(hash, why);
  }
  const Calendar& calendar(const CompiledPlaybook& cp, const TenantState& t, LogInput& in) override;

  // Point into the engine (cat.files, migration_targets, calendar_pins),
  // which outlives the resolver: nothing is copied per input.
  std::map<std::string, const PinnedSource*> new_sources;
  std::map<std::string, const std::string*> new_calendars;

 private:
  Engine::Impl& e_;
};

// The replay resolver: only what the log and the store pinned.
class ReplayResolver : public Resolver {
 public:
  explicit ReplayResolver(Engine::Impl& e) : e_(e) {}
  std::optional<Pinned> to_start(const std::string& playbook, LogInput& in, Refusal& why) override;
  std::optional<Pinned> by_hash(const std::string& hash, Refusal& why) override {
    return e_.by_hash(hash, why);
  }
  const Calendar& calendar(const CompiledPlaybook& cp, const TenantState& t, LogInput& in) override;

 private:
  Engine::Impl& e_;
  std::map<std::string, Calendar> calendars_;
};

Response refused(const Refusal& r);
Response failure(int exit, RefusalId code, std::string message);
// Whether `r` is a failure of the store (busy, or an SQLite error), not a
// refusal: the batch it happened in stops.
bool store_failed(const Response& r);

// The boundary (engine_input.cpp): nullopt when every text of the input
// keeps the text rules, else the exit-2 response (`bad-text`, `bad-id`).
// `create`: the input adds the tenant, so its id must be a valid tenant id.
std::optional<Response> check_input(const std::string& tenant, const LogInput& in,
                                    const std::string& key, bool create);
std::optional<Response> check_new_tenant(const std::string& tenant);

// What the inputs sharing one write transaction (a migrate page) need only
// once: the pinned sources and calendars saved in it so far, and each
// tenant's last event as read in it (a tenant absent from `last` has its
// own read). Lives no longer than the transaction.
struct TxMemo {
  std::set<std::string> saved;
  std::map<std::string, std::optional<LastEvent>> last;
};

// Submits `in` inside the caller's write transaction, starting from `world`,
// which the caller read in that transaction (migrate's batches).
Response run_in_tx(Engine::Impl& e, TenantWorld world, LogInput in, TxMemo& memo);

// Idempotency (idempotency.cpp): the canonical text of a command, and what a
// key answers for it: nullopt when unused, the first event when used for the
// identical command, else a `key-reused` refusal.
std::string command_text(const std::string& tenant, const LogInput& in);
std::optional<Response> answer_key(Store& s, const std::string& key, const std::string& command);

}  // namespace pb::rt

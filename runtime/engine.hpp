// engine.hpp — runs tenants: loads a tenant's world and pinned playbooks,
// calls the evaluator (through engine_core), and commits the outcome in one
// transaction with an optimistic version check; timers (tick) and replay.
//
// Contract (docs/runtime.md):
//  * One accepted input = one transaction: the event row, state changes,
//    task changes, notes, outreach, timers and the idempotency key commit
//    together or not at all. Refused inputs write nothing and are not logged.
//  * Evaluation happens outside the write lock (tick: inside its batch's
//    transaction, where nothing can conflict); the commit checks the tenant
//    row version. On a conflict the input is evaluated again against the new
//    state (at most `retries` times), so it is refused if no longer valid.
//    A busy store is retried by the store's busy policy (store.hpp). When
//    retries run out the response is exit 3 (busy); any other store failure
//    is exit 2, code "store", naming the database file.
//  * The boundary: every text an input brings is checked before anything is
//    read or written (engine_input.cpp, text.hpp): ids by their charset, all
//    other text as UTF-8 without control characters; exit 2 otherwise.
//  * An idempotency key that was already used for the identical command
//    returns the first event, with `duplicate` set and no new effect; used
//    for any other command it is refused `key-reused` (idempotency.cpp).
//  * A playbook is pinned (start, goto) only when the checker finds no error
//    in it (engine_lint.cpp); otherwise `playbook-invalid` with the
//    diagnostics in `details`.
//  * Every instance pins the playbook text (and shared schema text) it
//    started on, by content hash; later edits of the files never change it.
//  * tick fires due timers in batches of `batch`, one write transaction per
//    batch: each timer's event, its effects and the deletion of its timer row
//    commit together. A timer's event is dated when the tick runs (`now`),
//    never before the tenant's last event. A timer whose input is refused
//    stays, marked stuck (code, reason, since), and is retried by every later
//    tick; one tick visits each due timer once, and fires at most one timer
//    per instance (none of an instance it started). A store failure rolls back
//    the batch in flight and stops the tick (the report's `failure` says why);
//    a killed tick loses at most that batch, whose timers stay due: exactly
//    once.
//  * Events of a tenant are dated in order: any other input dated before the
//    tenant's last event is refused (`before-last-event`, exit 2).
//  * The API never throws; failures are Responses with exit codes.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine_core.hpp"
#include "engine_read.hpp"
#include "interpreter/migration.hpp"
#include "model/project.hpp"
#include "playbook_source.hpp"
#include "preview.hpp"
#include "store.hpp"
#include "store_world.hpp"

namespace pb::rt {

enum Exit : int { kOk = 0, kRefused = 1, kBadInput = 2, kBusy = 3 };

struct Response {
  int exit = kOk;
  RefusalId code;                    // refusal code (RefusalCode::Busy, UnknownTenant, …)
  std::string message;               // for a person
  std::vector<std::string> details;  // more lines for a person (playbook-invalid: the diagnostics)
  int64_t event = 0;                 // the event row written (or the earlier one when duplicate)
  bool duplicate = false;
  bool unchanged = false;  // the input would change nothing: nothing was written (import, assign)
  Applied applied;
  TenantWorld world;  // the tenant after the input (when exit == 0)
};

// A store failure as a Response: busy (exit 3, code "busy") after the busy
// policy, else exit 2 with code "store"; the message names the database file
// and gives SQLite's message.
Response store_failure(const StoreError& e);

// One version of a playbook in the store (`playbook versions`).
struct VersionRow {
  std::string version;               // the version id (SHA-256 of the canonical model)
  std::vector<std::string> pinned;   // the hashes it is pinned under: itself, old aliases
  std::string filename;              // the file it was first pinned from
  int64_t active = 0, finished = 0;  // its instances
  bool current = false;              // the directory's file is this version
};

// One instance as a plan read it (`migrate --plan-file`): its pinned hash
// and step, and the row versions of its tenant and of itself.
struct PlannedInstance {
  std::string hash, step;
  int64_t tenant_version = 0, instance_version = 0;
};

// `playbook migrate` (engine_migrate.cpp): which running instances of
// `playbook` move to the version `to`, and how.
struct MigrationRequest {
  std::string playbook;
  PinnedSource to;  // the new version's text (the directory's file, or --to FILE)
  MigrationMap map;
  std::vector<std::string> tenants;  // only these (empty: every tenant)
  std::string step;                  // only instances in this step
  std::vector<std::pair<std::string, std::string>>
      where;        // only tenants with ATTR = VALUE (as text)
  int batch = 256;  // tenants read per transaction; applying, migrated per commit
  // A plan made earlier, in force when plan_version (the version it moves
  // to, which must be the new version) is set: only its instances (by
  // tenant) are planned or migrated, each refused `changed-since-plan` when
  // it is no longer as the plan read it.
  std::string plan_version;
  std::map<std::string, PlannedInstance> planned;
};

// One instance planned (and, applying, migrated: `outcome` is its input's
// response, `plan` the plan the input followed or was blocked by).
// outcome.exit != 0 without apply: its version could not be read.
struct InstancePlan {
  std::string tenant;
  std::string from_hash, from_version;
  InstanceState before;
  InstanceMigration plan{};
  Response outcome{};
  std::shared_ptr<const CompiledPlaybook> to{};      // the new version
  int64_t tenant_version = 0, instance_version = 0;  // the rows as read (PlannedInstance)
};
using PlanSink = std::function<void(const InstancePlan&)>;

struct MigrationTotals {
  std::string to_version;
  int64_t as_is = 0, mapped = 0, blocked = 0;  // planned instances by verdict
  int64_t current = 0;                         // already on the new version: left alone
  int64_t migrated = 0, refused = 0;           // applying: inputs committed, refused
  int64_t unplanned = 0;  // with a plan: running on another version, not in it: left alone
  Response failure;       // exit != 0: stopped (the new version does not parse, the store failed)
};

struct TickReport {
  int fired = 0;  // timers whose event was committed
  int stuck = 0;  // timers that could not fire: they stay, marked stuck, and are retried
  std::vector<std::string> lines;  // one per timer fired or stuck, in order
  // Why the tick stopped early, when it did: the store stayed busy (exit 3,
  // code "busy") or failed (exit 2, code "store"); what it had not reached
  // stays due. exit 0 otherwise.
  Response failure;
};
// Called with each line of a batch once that batch committed.
using TickSink = std::function<void(const std::string&)>;

struct ReplayReport {
  int events = 0;
  std::vector<std::string> diffs;  // empty = the stored state matches the log
  Response failure;                // exit != 0 when the store could not be read: no verdict
  bool matches() const { return failure.exit == kOk && diffs.empty(); }
};

// How far import_write got: rows committed, and when it stopped early, why.
struct ImportWrite {
  size_t written = 0;    // rows committed that changed their tenant
  size_t unchanged = 0;  // rows committed that changed nothing (nothing written for them)
  // Why the import stopped (exit 0 when it did not stop, or the rows did):
  // the store's failure, or the refusal of `refused_line` / `refused_id`,
  // a row the check passed whose tenant another writer changed since.
  Response failure;
  size_t refused_line = 0;
  std::string refused_id;
  size_t batch_line = 0;  // the first line of the last batch begun (rolled back when it stopped)
  bool read = false;      // the rows were read to their end
};

// Compiled playbooks shared by several engines of one catalog (run_suite
// gives every scenario's engine the same cache): keyed by content hash, so
// an entry never changes; safe to use from several threads at once.
class CompileCache {
 public:
  std::shared_ptr<const CompiledPlaybook> find(const std::string& key) const;
  // Stores `cp` unless `key` is there already; returns the stored one.
  std::shared_ptr<const CompiledPlaybook> insert(const std::string& key,
                                                 std::shared_ptr<const CompiledPlaybook> cp);

  // The catalog's checker errors by playbook id (engine_lint.cpp): `compute`
  // runs once, for the first engine that needs them.
  using LintErrors = std::map<std::string, std::vector<std::string>>;
  std::shared_ptr<const LintErrors> lint(const std::function<LintErrors()>& compute);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const CompiledPlaybook>> map_;
  std::shared_ptr<const LintErrors> lint_;
};

// What the engine needs from the playbook directory.
struct Catalog {
  const Project* project = nullptr;
  std::map<std::string, PinnedSource> files;  // playbook id → its file and the schema text
  std::shared_ptr<CompileCache> cache;        // optional; for this catalog's engines only
  // Compiles versions (the directory's, and those pinned in the store); the
  // one implementation is source/directory_source.hpp. Without it no version
  // can be compiled: starting or running a playbook is `pinned-unreadable`.
  std::shared_ptr<PlaybookSource> source;
  // Optional: when set, `project` may hold only the calendars and `files` be
  // empty; the engine calls this once, the first time it must start a
  // playbook or type tenant attributes, to fill in the whole directory (the
  // read commands then never parse playbook files they do not need).
  std::function<void(Catalog&)> load_all;
  // Optional: the calendar of an id (nullptr: none), for catalogs whose
  // `project` does not hold the calendars (they are read when asked for).
  // When set, the engine asks it rather than `project`.
  std::function<const Calendar*(const std::string& id)> find_calendar;
};

class Engine {
 public:
  Engine(Store& store, Catalog catalog, int retries = 16);
  ~Engine();

  // `note` (optional) is given with the change: rules read it as event.note,
  // and it is written as a note in the same transaction (see engine_core.hpp).
  Response tenant_add(const std::string& id,
                      const std::vector<std::pair<std::string, std::string>>& sets,
                      const std::string& actor, Instant now, const TenantNote& note = {});
  Response tenant_set(const std::string& id,
                      const std::vector<std::pair<std::string, std::string>>& sets,
                      const std::string& actor, Instant now, const TenantNote& note = {});
  // `tenant import` in two passes over the same rows (engine_import.cpp).
  // import_check decides every row as `tenant add|set` would and writes
  // nothing, in one read transaction: `verdict` gets each row with exit 0,
  // or why it is bad (row.bad, with no code; a second row of one tenant,
  // `duplicate-id`, naming the line of the first; the refusal). The
  // returned Response is the store's failure, which stops the check.
  using ImportVerdict = std::function<void(const ImportRow&, const Response&)>;
  Response import_check(const ImportRows& rows, const std::string& actor, Instant now,
                        const ImportVerdict& verdict);
  // import_write commits the rows it is given, `batch` per write
  // transaction (0 counts as 1), calling `committed` after each commit with
  // the totals so far. A row that would change nothing writes nothing and is
  // counted unchanged. It stops at a store failure or at a refused row (see
  // ImportWrite), and when the rows stop early; the batch in flight is then
  // rolled back.
  using ImportProgress = std::function<void(const ImportWrite&)>;
  ImportWrite import_write(const ImportRows& rows, size_t batch, const std::string& actor,
                           Instant now, const ImportProgress& committed);
  // One import row: adds the tenant, or sets its attributes when it exists,
  // inside a write transaction the caller holds (BEGIN IMMEDIATE) and commits
  // or rolls back. A refusal writes nothing; after a store failure (exit 2,
  // code "store") the transaction holds partial writes: roll it back. A row
  // that would change nothing writes nothing (`unchanged`). `check_only`:
  // the same decision, nothing written (the caller may hold a read
  // transaction only).
  Response tenant_put_in_tx(const std::string& id,
                            const std::vector<std::pair<std::string, std::string>>& sets,
                            const std::string& actor, Instant now, bool check_only = false);
  // `tenant assign|unassign`: adds (change.add) or removes one RM/FM
  // assignment, logged as an `assign` / `unassign` input that replay applies
  // again; one transaction with the version check of every input. Adding
  // with primary makes it the queue's only primary; adding what is already
  // there, primary alike, writes nothing (`unchanged`). Removing a name the
  // queue does not hold is refused `not-assigned` (exit 2).
  Response assign(const std::string& tenant, const AssignChange& change, const std::string& actor,
                  Instant now);
  // start/fire/complete/note: in.op, in.playbook and in.input filled by the caller.
  Response submit(const std::string& tenant, LogInput in, const std::string& idempotency_key = "");
  TickReport tick(Instant now, int batch = 200, int max_batches = 1 << 30,
                  const TickSink& sink = {});
  ReplayReport replay(const std::string& tenant);

  // Sees every input the engine decided (accepted or refused; not
  // duplicates, not busy), with its Applied: scenario coverage uses it.
  using Observer = std::function<void(const std::string& tenant, const Response&)>;
  void observe(Observer o);

  // What each event possible now in w.instances[instance], and each task
  // completion that moves its step, would do, computed on a copy of `w` as
  // `actor` at `now` (preview.hpp). Writes nothing.
  std::vector<EventPreview> preview(const TenantWorld& w, size_t instance, Instant now,
                                    const std::string& actor);
  // How many tenants' committed worlds the engine keeps between inputs (so
  // a long-lived process does not re-read a tenant it just wrote; see
  // WorldCache in engine_impl.hpp). Default 1024; 0 turns the cache off.
  void cache_worlds(size_t capacity);
  // The reads (engine_read.cpp), each in one read transaction, one
  // snapshot: exit 0, or `unknown-tenant` (exit 2), or the store's failure.
  // load: the tenant (show, and every runtime caller that reads a tenant).
  Response load(const std::string& tenant, TenantWorld& out);
  // status: the tenant and the stuck marks of its timers.
  Response status(const std::string& tenant, TenantStatus& out);
  // history: the tenant's events with exactly their notes and outreach.
  Response history(const std::string& tenant, TenantHistory& out);
  // due: the timers due at or before `until`, oldest first, streamed to
  // `each` (which may call playbook()); `queue` (optional) keeps only
  // tenants assigned to a queue of that name. Exit 0 or the store's failure.
  Response due(Instant until, const std::string& queue, const DueVisitor& each);
  // Versions (engine_versions.cpp, docs/runtime.md "Versions").
  // version_of: the version id a pinned hash names (an old FNV alias names
  // the id of its content; itself when its text cannot be read).
  std::string version_of(const std::string& hash);
  // The version the directory's file of `playbook` would pin now ("" when
  // the directory has no such playbook).
  std::string current_version(const std::string& playbook);
  // Every version of `playbook` the store holds, oldest pinned first, with
  // its instances; aliases of one version are merged into one row.
  Response versions(const std::string& playbook, std::vector<VersionRow>& out);
  // Plans (and with `apply` migrates, as `actor` at `now`) every running
  // instance the request selects that runs another version, calling `each`
  // per instance in tenant order. Streams: one page of tenants in memory.
  MigrationTotals migrate(const MigrationRequest& req, Instant now, bool apply,
                          const std::string& actor, const PlanSink& each);
  Store& store() { return store_; }
  // The compiled playbook pinned under `hash` (nullptr when unknown/unreadable).
  std::shared_ptr<const CompiledPlaybook> playbook(const std::string& hash);

  struct Impl;

 private:
  Store& store_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pb::rt

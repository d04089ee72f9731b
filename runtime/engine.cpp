// engine.cpp — the commit loop of the engine (engine.hpp): read the world,
// evaluate outside the write lock, then BEGIN IMMEDIATE, check the row
// version, write everything and the event, commit; retry on conflict/busy.
#include "engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <functional>

#include "engine_impl.hpp"
#include "log_text.hpp"
#include "model/calendar_math.hpp"

namespace pb::rt {

namespace {

using Prepare = std::function<bool(const TenantWorld& before, TenantWorld& after, LogInput& li,
                                   LiveResolver& r, Applied& a)>;

struct Job {
  std::string tenant;
  LogInput in;
  std::string key;
  std::string command;  // with a key: the canonical command (idempotency.cpp)
  bool create = false;
  int64_t timer_id = 0;        // tick: the timer row this event consumes
  int64_t timer_instance = 0;  // … and its instance
  bool tick = false;           // dated no earlier than the tenant's last event (others are refused)
  bool in_tx = false;          // the caller holds the write transaction (tick, import batches)
  bool upsert = false;         // tenant-add when the tenant is missing, else tenant-set
  bool skip_noop = false;      // an input on an existing tenant that changes nothing writes nothing
  bool check_only = false;     // decide, write nothing (import's checking pass)
  // in_tx: the world the caller read in its transaction, taken (moved) by
  // the one attempt an in_tx job makes.
  TenantWorld* world = nullptr;
  TxMemo* memo = nullptr;  // in_tx: what the caller's transaction read and saved once
  Prepare prepare;
};

void write_log(Store& s, const Job& job, TenantWorld& after, LogInput& li, Applied& a,
               Response& out) {
  EventRow e;
  e.tenant = job.tenant;
  e.instance = a.instance >= 0 ? after.instances[a.instance].id : 0;
  e.playbook = a.instance >= 0 ? after.instances[a.instance].st.playbook : li.playbook;
  e.kind = to_string(li.op);
  e.input = log_text(li);
  e.actor = li.input.actor;
  e.at = li.at;
  e.summary = a.summary;
  out.event = insert_event(s, e);
  int seq = 0;
  for (const auto& [playbook, n] : a.notes)
    insert_note(s, job.tenant, out.event, ++seq, playbook, n, e.actor, li.at);
  seq = 0;
  for (const auto& o : a.sent) insert_outreach(s, job.tenant, out.event, ++seq, o, li.at);
  if (!job.key.empty()) save_key(s, job.key, job.tenant, out.event, job.command);
}

// The world an attempt starts from: the world the caller read in its
// transaction, or the engine's cached copy when `cached` (then nothing is
// read), else a fresh read, which also answers a reused
// idempotency key at once.
std::optional<Response> read_before(Engine::Impl& e, const Job& job, bool cached,
                                    TenantWorld& before, bool& exists) {
  if (cached || job.world) {
    before = job.world ? std::move(*job.world) : *e.worlds.find(job.tenant);
    exists = true;
    return std::nullopt;
  }
  std::optional<Transaction> rd;
  if (!job.in_tx) rd.emplace(e.store, false);
  if (!job.key.empty())
    if (auto used = answer_key(e.store, job.key, job.command)) return used;
  exists = load_world(e.store, job.tenant, before);
  if (rd) rd->commit();
  return std::nullopt;
}

// The tenant's last event: as the shared transaction read it, else read now.
std::optional<LastEvent> last_of(Store& s, const Job& job) {
  if (job.memo)
    if (auto it = job.memo->last.find(job.tenant); it != job.memo->last.end()) return it->second;
  return last_event(s, job.tenant);
}

// Events of a tenant are dated in order. A tick (inside its batch's write
// transaction) is moved to the tenant's last event time when it would fall
// before it; any other input dated before it is refused — its --now is wrong.
// Read inside the write transaction: no other writer can slip between.
std::optional<Response> order_in_log(Engine::Impl& e, const Job& job, LogInput& li) {
  auto last = last_of(e.store, job);
  if (!last || li.at >= last->at) return std::nullopt;
  if (job.tick) {
    li.at = last->at;
    return std::nullopt;
  }
  return failure(
      kBadInput, RefusalCode::BeforeLastEvent,
      fmt::format("the input is dated {}, before the last event of tenant '{}' (#{} at {}): a "
                  "tenant's events are dated in order; check --now",
                  format_iso_instant(li.at), job.tenant, last->id, format_iso_instant(last->at)));
}

// Deletes the row of the timer a tick fires. When the instance arms a timer
// equal to it (a step re-entered at the same instant), that one is new: the
// fired one leaves `before` so that persist writes it. False when the row
// was gone already.
bool consume_timer(Store& s, const Job& job, TenantWorld& before, const TenantWorld& after) {
  Query q(s, "DELETE FROM timers WHERE id = ?");
  q.bind(1, job.timer_id).run();
  if (s.changes() != 1) return false;
  const TimerState& fired = job.in.input.timer;
  for (const auto& a : after.instances)
    if (a.id == job.timer_instance &&
        std::find(a.st.timers.begin(), a.st.timers.end(), fired) != a.st.timers.end())
      for (auto& b : before.instances)
        if (b.id == a.id) std::erase(b.st.timers, fired);
  return true;
}

// Stores the sources and calendars the input pinned first (each once per
// shared transaction).
void save_pins(Store& s, TxMemo* memo, const LiveResolver& r) {
  for (const auto& [hash, src] : r.new_sources)
    if (!memo || memo->saved.insert(hash).second) save_source(s, hash, *src);
  for (const auto& [hash, body] : r.new_calendars)
    if (!memo || memo->saved.insert(hash).second) save_calendar(s, hash, *body);
}

// One attempt. Returns nullopt when it must be retried (version conflict).
std::optional<Response> attempt(Engine::Impl& e, const Job& job, bool cached) {
  TenantWorld before;
  bool exists = false;
  if (auto dup = read_before(e, job, cached, before, exists)) return dup;
  bool create = job.upsert ? !exists : job.create;
  if (create && exists)
    return failure(kBadInput, RefusalCode::TenantExists,
                   fmt::format("tenant '{}' already exists", job.tenant));
  if (create && job.upsert)  // tenant_add checked it up front
    if (auto bad = check_new_tenant(job.tenant)) return bad;
  if (!create && !exists)
    return failure(kBadInput, RefusalCode::UnknownTenant,
                   fmt::format("there is no tenant '{}'", job.tenant));
  before.tenant.id = job.tenant;
  TenantWorld after = before;
  LogInput li = job.in;
  if (job.upsert) li.op = create ? InputOp::TenantAdd : InputOp::TenantSet;
  if (job.tick)
    if (auto no = order_in_log(e, job, li)) return no;
  LiveResolver r(e);
  Applied a;
  if (!job.prepare(before, after, li, r, a)) {
    Response no = refused(a.refusal);
    no.applied = std::move(a);
    return no;
  }
  bool noop = job.skip_noop && !create && after.tenant == before.tenant &&
              after.instances == before.instances;
  if (noop || job.check_only) {
    Response out;
    out.unchanged = noop;
    out.applied = std::move(a);
    out.world = std::move(after);
    return out;
  }
  std::optional<Transaction> tx;
  if (!job.in_tx) tx.emplace(e.store, true);
  if (!job.key.empty())
    if (auto used = answer_key(e.store, job.key, job.command)) return used;
  if (!job.tick && !create)
    if (auto no = order_in_log(e, job, li)) return no;
  if (job.timer_id && !consume_timer(e.store, job, before, after))
    return failure(kRefused, RefusalCode::TimerStale, "the timer was fired already");
  save_pins(e.store, job.memo, r);
  if (!persist(e.store, before, after, create, li.at, job.in_tx)) return std::nullopt;
  Response out;
  write_log(e.store, job, after, li, a, out);
  if (job.memo) job.memo->last[job.tenant] = LastEvent{out.event, li.at};
  if (tx) tx->commit();
  out.applied = std::move(a);
  out.world = std::move(after);
  return out;
}

// Version conflicts are retried up to e.retries times. A busy store was
// already retried by the busy policy (Store::begin_immediate): it is the
// answer, as is any other store failure.
Response run(Engine::Impl& e, const Job& job) {
  // A job inside the caller's transaction may be rolled back with it: it
  // neither reads nor fills the cache.
  if (job.in_tx) e.worlds.drop(job.tenant);
  for (int i = 0; i < e.retries; ++i) {
    bool cached = !job.in_tx && e.worlds.find(job.tenant);
    try {
      auto r = attempt(e, job, cached);
      if (cached && (!r || r->exit != kOk)) {  // stale, or an answer a fresh read must confirm
        e.worlds.drop(job.tenant);
        --i;
        continue;
      }
      if (r) {
        if (r->exit == kOk && !r->duplicate && !job.in_tx) e.worlds.put(job.tenant, r->world);
        if (e.observer && !r->duplicate && !job.check_only) e.observer(job.tenant, *r);
        return std::move(*r);
      }
      if (job.in_tx)  // cannot happen under the caller's write lock; never retry on partial writes
        return failure(kBadInput, RefusalCode::Store,
                       "the tenant changed inside the tick's transaction");
    } catch (const StoreError& err) {
      e.worlds.drop(job.tenant);
      if ((err.code & 0xff) == SQLITE_CONSTRAINT && job.create)
        return failure(kBadInput, RefusalCode::TenantExists,
                       fmt::format("tenant '{}' already exists", job.tenant));
      return store_failure(err);
    }
    busy_pause(i);
  }
  return failure(kBusy, RefusalCode::Busy,
                 fmt::format("tenant '{}' kept changing: another writer committed first {} "
                             "times",
                             job.tenant, e.retries));
}

}  // namespace

Engine::Engine(Store& store, Catalog catalog, int retries)
    : store_(store), impl_(std::make_unique<Impl>(store, std::move(catalog), retries)) {}

Engine::~Engine() = default;

void Engine::observe(Observer o) { impl_->observer = std::move(o); }

void Engine::cache_worlds(size_t capacity) {
  impl_->worlds.capacity = capacity;
  impl_->worlds.map.clear();
}

static Response tenant_op(Engine::Impl& e, const std::string& id, InputOp op, bool create,
                          const std::vector<std::pair<std::string, std::string>>& sets,
                          const std::string& actor, Instant now, const TenantNote& note) {
  Job job;
  job.tenant = id;
  job.create = create;
  job.in.op = op;
  job.in.playbook = note.playbook;
  job.in.input.actor = actor;
  job.in.input.sets = sets;
  job.in.input.note = note.text;
  job.in.input.note_kind = note.kind;
  job.in.at = now;
  if (auto bad = check_input(id, job.in, "", create)) return *bad;
  job.prepare = [&e](const TenantWorld&, TenantWorld& after, LogInput& li, LiveResolver& r,
                     Applied& a) {
    if (!e.tenant_writes(li.input, after.tenant, li.at, li.writes, a.refusal)) return false;
    if (!e.extended_values_run(after, li.writes, r, a.refusal)) return false;
    a = apply_input(after, li, r);
    return a.ok;
  };
  return run(e, job);
}

Response Engine::tenant_add(const std::string& id,
                            const std::vector<std::pair<std::string, std::string>>& sets,
                            const std::string& actor, Instant now, const TenantNote& note) {
  return tenant_op(*impl_, id, InputOp::TenantAdd, true, sets, actor, now, note);
}

Response Engine::tenant_set(const std::string& id,
                            const std::vector<std::pair<std::string, std::string>>& sets,
                            const std::string& actor, Instant now, const TenantNote& note) {
  return tenant_op(*impl_, id, InputOp::TenantSet, false, sets, actor, now, note);
}

Response Engine::tenant_put_in_tx(const std::string& id,
                                  const std::vector<std::pair<std::string, std::string>>& sets,
                                  const std::string& actor, Instant now, bool check_only) {
  Job job;
  job.tenant = id;
  job.upsert = true;
  job.in_tx = true;
  job.skip_noop = true;
  job.check_only = check_only;
  job.in.input.actor = actor;
  job.in.input.sets = sets;
  job.in.at = now;
  if (auto bad = check_input(id, job.in, "", false))
    return *bad;  // a new tenant's id: in attempt()
  Engine::Impl& e = *impl_;
  job.prepare = [&e](const TenantWorld&, TenantWorld& after, LogInput& li, LiveResolver& r,
                     Applied& a) {
    if (!e.tenant_writes(li.input, after.tenant, li.at, li.writes, a.refusal)) return false;
    if (!e.extended_values_run(after, li.writes, r, a.refusal)) return false;
    a = apply_input(after, li, r);
    return a.ok;
  };
  return run(e, job);
}

Response Engine::submit(const std::string& tenant, LogInput in, const std::string& key) {
  Job job;
  job.tenant = tenant;
  job.in = std::move(in);
  job.key = key;
  if (auto bad = check_input(tenant, job.in, key, false)) return *bad;
  if (!key.empty()) job.command = command_text(tenant, job.in);
  job.prepare = [](const TenantWorld&, TenantWorld& after, LogInput& li, LiveResolver& r,
                   Applied& a) {
    a = apply_input(after, li, r);
    return a.ok;
  };
  return run(*impl_, job);
}

Response Engine::assign(const std::string& tenant, const AssignChange& change,
                        const std::string& actor, Instant now) {
  if (change.name.empty())
    return failure(kBadInput, RefusalCode::BadValue, "an RM/FM name cannot be empty");
  Job job;
  job.tenant = tenant;
  job.skip_noop = true;
  job.in.op = change.add ? InputOp::Assign : InputOp::Unassign;
  job.in.assign = change;
  job.in.input.kind = InputKind::Set;
  job.in.input.actor = actor;
  job.in.at = now;
  job.prepare = [](const TenantWorld&, TenantWorld& after, LogInput& li, LiveResolver& r,
                   Applied& a) {
    a = apply_input(after, li, r);
    return a.ok;
  };
  return run(*impl_, job);
}

std::shared_ptr<const CompiledPlaybook> Engine::playbook(const std::string& hash) {
  Refusal why;
  try {
    auto p = impl_->by_hash(hash, why);
    return p ? p->cp : nullptr;
  } catch (const StoreError&) {
    return nullptr;
  }
}

Response run_tick_job(Engine::Impl& e, const DueTimer& t, Instant now) {
  Job job;
  job.in_tx = true;
  job.tick = true;
  job.tenant = t.tenant;
  job.timer_id = t.id;
  job.timer_instance = t.instance;
  job.in.op = InputOp::Tick;
  job.in.playbook = t.playbook;
  job.in.at = now;  // when it fires, not when it was due (docs/runtime.md, "Timers")
  job.in.input.kind = InputKind::Tick;
  job.in.input.actor = "timer";
  job.in.input.timer = TimerState{t.step, t.transition, t.due};
  job.prepare = [](const TenantWorld&, TenantWorld& after, LogInput& li, LiveResolver& r,
                   Applied& a) {
    a = apply_input(after, li, r);
    return a.ok;
  };
  return run(e, job);
}

Response run_in_tx(Engine::Impl& e, TenantWorld world, LogInput in, TxMemo& memo) {
  Job job;
  job.tenant = world.tenant.id;
  job.in = std::move(in);
  job.in_tx = true;
  job.world = &world;
  job.memo = &memo;
  if (auto bad = check_input(job.tenant, job.in, "", false)) return *bad;
  job.prepare = [](const TenantWorld&, TenantWorld& after, LogInput& li, LiveResolver& r,
                   Applied& a) {
    a = apply_input(after, li, r);
    return a.ok;
  };
  return run(e, job);
}

}  // namespace pb::rt

// engine_tick.cpp — `tick` (fire every due timer, exactly once, in bounded
// batches) and `replay` (rebuild a tenant from its log and diff it against
// the stored state). See engine.hpp.
#include <fmt/format.h>

#include <algorithm>

#include "engine_impl.hpp"
#include "replay_diff.hpp"
#include "model/calendar_math.hpp"

namespace pb::rt {

Response run_tick_job(Engine::Impl& e, const DueTimer& t, Instant now);

namespace {

std::string where(const DueTimer& t) {
  return fmt::format("{} {} {} (due {})", t.tenant, t.playbook, t.step, format_iso_instant(t.due));
}

// What became of one timer of a batch.
enum class Handled { Fired, Stuck, Gone, Later, Failed };

// The instances that fired a timer in this tick. Each fires at most once per
// tick: a timer it arms then (or another of its timers still due) waits for
// the next tick, so no chain of timers can keep a tick going. Sorted ids of
// the committed batches, plus those of the batch in flight.
class FiredInstances {
 public:
  bool has(int64_t id) const {
    return std::binary_search(done_.begin(), done_.end(), id) ||
           std::find(batch_.begin(), batch_.end(), id) != batch_.end();
  }
  void add(int64_t id) { batch_.push_back(id); }
  void commit() {
    std::sort(batch_.begin(), batch_.end());
    size_t mid = done_.size();
    done_.insert(done_.end(), batch_.begin(), batch_.end());
    std::inplace_merge(done_.begin(), done_.begin() + std::ptrdiff_t(mid), done_.end());
    batch_.clear();
  }

 private:
  std::vector<int64_t> done_, batch_;
};

struct TickRun {
  Instant now;
  int64_t max_instance = 0;  // instances started by the tick itself wait for the next one
  DueKey cursor;
  FiredInstances fired;
};

// Handles one due timer inside the batch's transaction. A refused timer
// stays, marked stuck (its mark written only when it changes). Failed: the
// store failed on it (`failure` says how); the batch must be rolled back.
Handled handle_timer(Engine::Impl& e, const DueTimer& t, TickRun& run, TickReport& part,
                     Response& failure) {
  if (run.fired.has(t.instance)) return Handled::Later;
  // An earlier event of this batch removed it (another instance's input re-armed its `at` timer).
  if (!timer_exists(e.store, t.id)) return Handled::Gone;
  Response r = run_tick_job(e, t, run.now);
  if (r.exit == kOk) {
    ++part.fired;
    run.fired.add(t.instance);
    part.lines.push_back(
        fmt::format("fired {}: {}", where(t),
                    r.applied.summary.empty() ? std::string("no transition") : r.applied.summary));
    return Handled::Fired;
  }
  if (store_failed(r)) {
    r.message = fmt::format("{}: {}", where(t), r.message);
    failure = std::move(r);
    return Handled::Failed;
  }
  StuckMark m = mark_stuck(e.store, t, std::string(r.code.str()), r.message, run.now);
  ++part.stuck;
  part.lines.push_back(
      fmt::format("stuck {}: {} [{}] (stuck since {}; it stays and is retried by every "
                  "tick)",
                  where(t), r.message, r.code, format_iso_instant(*m.since)));
  return Handled::Stuck;
}

// One batch: the next `batch` due timers after the cursor, handled in one
// write transaction; each fired timer's event, effects and the deletion of
// its row, and each stuck mark, commit together. Returns how many timers it
// read; -1 when the store failed (the batch was rolled back and
// rep.failure says why). Lines are given to `sink` only once their batch committed.
int run_batch(Engine::Impl& e, TickRun& run, int batch, TickReport& rep, const TickSink& sink) {
  Transaction tx(e.store, true);
  std::vector<DueTimer> page = due_page(e.store, run.now, run.max_instance, run.cursor, batch);
  TickReport part;
  for (const auto& t : page)
    if (handle_timer(e, t, run, part, rep.failure) == Handled::Failed)
      return -1;  // rolled back by ~Transaction
  tx.commit();
  run.fired.commit();
  if (!page.empty()) run.cursor = key_of(page.back());
  rep.fired += part.fired;
  rep.stuck += part.stuck;
  for (auto& l : part.lines) {
    if (sink) sink(l);
    rep.lines.push_back(std::move(l));
  }
  return int(page.size());
}

}  // namespace

// Each due timer is visited once, in (due, id) order, by keyset pagination:
// a stuck timer is passed over, not read again. An instance fires at most
// once per tick, and an instance the tick started waits for the next one.
TickReport Engine::tick(Instant now, int batch, int max_batches, const TickSink& sink) {
  TickReport rep;
  if (batch < 1) batch = 1;
  try {
    TickRun run{now, max_instance_id(store_), {}, {}};
    for (int b = 0; b < max_batches; ++b) {
      int n = run_batch(*impl_, run, batch, rep, sink);
      if (n < batch) break;  // the last page, or a failure
    }
  } catch (const StoreError& err) {  // the batch in flight was rolled back; its timers stay due
    rep.failure = store_failure(err);
  }
  return rep;
}

// ---------------------------------------------------------------- replay

ReplayReport Engine::replay(const std::string& tenant) {
  ReplayReport rep;
  try {
    TenantWorld stored;
    std::vector<EventRow> events;
    LoggedRows rows, logged;
    {
      Transaction rd(store_, false);
      if (!load_world(store_, tenant, stored)) {
        rep.diffs.push_back(fmt::format("there is no tenant '{}'", tenant));
        return rep;
      }
      events = events_of(store_, tenant);
      rows.notes = notes_of(store_, tenant);
      rows.outreach = outreach_of(store_, tenant);
      rd.commit();
    }
    TenantWorld w;
    w.tenant.id = tenant;
    ReplayResolver r(*impl_);
    for (const auto& ev : events) {
      LogInput li;
      ++rep.events;
      if (!log_from_json(nlohmann::json::parse(ev.input, nullptr, false), li)) {
        rep.diffs.push_back(fmt::format("event {}: unreadable log record", ev.id));
        continue;
      }
      TenantWorld next = w;
      Applied a = apply_input(next, li, r);
      if (!a.ok) {
        rep.diffs.push_back(fmt::format("event {} ({}): refused on replay: {} [{}]", ev.id, ev.kind,
                                        a.refusal.reason, a.refusal.code));
        continue;
      }
      w = std::move(next);
      for (const auto& [playbook, n] : a.notes)
        logged.notes.push_back(
            NoteRow{playbook, to_string(n.kind), n.text, li.input.actor, li.at, ev.id});
      for (const auto& o : a.sent)
        logged.outreach.push_back(
            OutreachRow{o.template_name, o.contact, o.email, li.at, ev.id, o.cc});
    }
    diff_tenant(w.tenant, stored.tenant, rep.diffs);
    diff_instances(w, stored, rep.diffs);
    diff_rows(logged, rows, rep.diffs);
  } catch (const StoreError& e) {
    rep.failure = store_failure(e);
  }
  return rep;
}

}  // namespace pb::rt

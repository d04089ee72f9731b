// engine_tick.cpp — `tick` (fire every due timer, exactly once, in bounded
// batches) and `replay` (rebuild a tenant from its log and diff it against
// the stored state). See engine.hpp.
#include <fmt/format.h>

#include <set>

#include "engine_impl.hpp"
#include "replay_diff.hpp"
#include "interpreter/calendar_math.hpp"

namespace pb::rt {

Response run_tick_job(Engine::Impl& e, const DueTimer& t, bool in_tx);

// Handles one due timer inside the batch's transaction. False when the store
// failed on it: the batch must then be rolled back (its writes are partial).
static bool handle_timer(Engine::Impl& e, const DueTimer& t, TickReport& rep, std::string& left,
                         Response& failed) {
  Response r = run_tick_job(e, t, true);
  std::string where = fmt::format("{} {} {} (due {})", t.tenant, t.playbook, t.step,
                                  format_iso_instant(t.due));
  if (r.exit == kOk) {
    ++rep.fired;
    rep.lines.push_back(fmt::format("fired {}: {}", where, r.applied.summary.empty()
                                                               ? std::string("no transition")
                                                               : r.applied.summary));
    return true;
  }
  if (r.exit == kBusy || r.code == "store") {
    left = fmt::format("left {}: {} [{}]", where, r.message, r.code);
    failed = std::move(r);
    return false;
  }
  {
    Query q(e.store, "DELETE FROM timers WHERE id = ?");
    q.bind(1, t.id).run();
  }
  // Every change of a tenant's rows bumps its version: an engine holding the
  // tenant's world in its cache then sees the world is stale.
  Query bump(e.store, "UPDATE tenants SET version = version + 1 WHERE id = ?");
  bump.bind(1, t.tenant).run();
  if (r.code == "timer-stale") ++rep.dropped;
  else ++rep.refused;
  rep.lines.push_back(fmt::format("dropped {}: {} [{}]", where, r.message, r.code));
  return true;
}

// Keeps the tick's first store failure, or a failure (exit 2) over a busy store (exit 3).
static void note_failure(TickReport& rep, Response r) {
  if (rep.failure.exit == kOk || (rep.failure.exit == kBusy && r.exit != kBusy)) rep.failure = std::move(r);
}

// One batch: up to `batch` due timers read and fired in one write
// transaction (each timer's event, its effects and the deletion of its timer
// row inside it). A timer the store fails on is skipped from then on and its
// batch rolled back; the others come again in the next batch. False when no
// timer was left to handle.
static bool run_batch(Engine::Impl& e, Instant now, int batch, TickReport& rep, std::set<int64_t>& skipped) {
  TickReport part;
  Transaction tx(e.store, true);
  bool progress = false;
  for (const auto& t : due_timers(e.store, now, batch + int(skipped.size()))) {
    if (skipped.count(t.id)) continue;
    progress = true;
    std::string left;
    Response failed;
    if (!handle_timer(e, t, part, left, failed)) {
      skipped.insert(t.id);
      ++rep.busy;
      rep.lines.push_back(std::move(left));
      note_failure(rep, std::move(failed));
      return true;  // rolled back by ~Transaction
    }
  }
  tx.commit();
  rep.fired += part.fired;
  rep.dropped += part.dropped;
  rep.refused += part.refused;
  for (auto& l : part.lines) rep.lines.push_back(std::move(l));
  return progress;
}

TickReport Engine::tick(Instant now, int batch, int max_batches) {
  TickReport rep;
  std::set<int64_t> skipped;
  for (int b = 0; b < max_batches; ++b) {
    try {
      if (!run_batch(*impl_, now, batch, rep, skipped)) break;
    } catch (const StoreError& err) {  // the batch was rolled back; its timers stay due
      note_failure(rep, store_failure(err));
      break;
    }
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
        logged.notes.push_back(NoteRow{playbook, to_string(n.kind), n.text, li.input.actor, li.at, ev.id});
      for (const auto& o : a.sent) logged.outreach.push_back(OutreachRow{o.template_name, o.contact, o.email, li.at, ev.id});
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

// engine_tick.cpp — `tick` (fire every due timer, exactly once, in bounded
// batches) and `replay` (rebuild a tenant from its log and diff it against
// the stored state). See engine.hpp.
#include <fmt/format.h>

#include <set>

#include "engine_impl.hpp"
#include "interpreter/calendar_math.hpp"

namespace pb::rt {

Response run_tick_job(Engine::Impl& e, const DueTimer& t, Instant now);

static void drop_timer(Store& s, int64_t id) {
  Transaction tx(s, true);
  Query q(s, "DELETE FROM timers WHERE id = ?");
  q.bind(1, id).run();
  tx.commit();
}

static void handle_timer(Engine::Impl& e, const DueTimer& t, Instant now, TickReport& rep,
                         std::set<int64_t>& skipped) {
  Response r = run_tick_job(e, t, now);
  std::string where = fmt::format("{} {} {} (due {})", t.tenant, t.playbook, t.step,
                                  format_iso_instant(t.due));
  if (r.exit == kOk) {
    ++rep.fired;
    rep.lines.push_back(fmt::format("fired {}: {}", where, r.applied.summary.empty()
                                                               ? std::string("no transition")
                                                               : r.applied.summary));
    return;
  }
  if (r.exit == kBusy || r.code == "store") {
    ++rep.busy;
    skipped.insert(t.id);
    rep.lines.push_back(fmt::format("left {}: {}", where, r.message));
    return;
  }
  try {
    drop_timer(e.store, t.id);
  } catch (const StoreError& err) {
    ++rep.busy;
    skipped.insert(t.id);
    return;
  }
  if (r.code == "timer-stale") ++rep.dropped;
  else ++rep.refused;
  rep.lines.push_back(fmt::format("dropped {}: {} [{}]", where, r.message, r.code));
}

TickReport Engine::tick(Instant now, int batch, int max_batches) {
  TickReport rep;
  std::set<int64_t> skipped;
  for (int b = 0; b < max_batches; ++b) {
    std::vector<DueTimer> due;
    try {
      due = due_timers(store_, now, batch + int(skipped.size()));
    } catch (const StoreError& e) {
      ++rep.busy;
      break;
    }
    bool progress = false;
    for (const auto& t : due) {
      if (skipped.count(t.id)) continue;
      progress = true;
      handle_timer(*impl_, t, now, rep, skipped);
    }
    if (!progress) break;
  }
  return rep;
}

// ---------------------------------------------------------------- replay

static std::string show(const Value& v) { return value_to_json(v).dump(); }

static void diff_tenant(const TenantState& want, const TenantState& got, std::vector<std::string>& out) {
  for (const auto& [k, v] : want.attrs)
    if (!got.attrs.count(k) || !(got.attrs.at(k) == v))
      out.push_back(fmt::format("attribute {}: stored {}, replayed {}", k,
                                got.attrs.count(k) ? show(got.attrs.at(k)) : "unset", show(v)));
  for (const auto& [k, v] : got.attrs)
    if (!want.attrs.count(k)) out.push_back(fmt::format("attribute {}: stored {}, replayed unset", k, show(v)));
  if (want.tasks != got.tasks) out.push_back("task states differ");
  if (want.assignments != got.assignments) out.push_back("assignments differ");
}

static void diff_instances(const TenantWorld& want, const TenantWorld& got, std::vector<std::string>& out) {
  if (want.instances.size() != got.instances.size())
    out.push_back(fmt::format("stored {} instances, replayed {}", got.instances.size(), want.instances.size()));
  for (size_t i = 0; i < std::min(want.instances.size(), got.instances.size()); ++i) {
    const auto &w = want.instances[i], &g = got.instances[i];
    std::string who = fmt::format("instance {} ({})", g.id, g.st.playbook);
    if (w.hash != g.hash) out.push_back(who + ": pinned playbook differs");
    if (w.st.step != g.st.step || w.st.status != g.st.status || w.st.outcome != g.st.outcome)
      out.push_back(fmt::format("{}: stored {} {}, replayed {} {}", who, g.st.step, to_string(g.st.status),
                                w.st.step, to_string(w.st.status)));
    if (w.st.entered_at != g.st.entered_at) out.push_back(who + ": entered_at differs");
    if (w.st.visits != g.st.visits) out.push_back(who + ": visits differ");
    if (w.st.timers != g.st.timers) out.push_back(who + ": timers differ");
  }
}

ReplayReport Engine::replay(const std::string& tenant) {
  ReplayReport rep;
  try {
    TenantWorld stored;
    std::vector<EventRow> events;
    {
      Transaction rd(store_, false);
      if (!load_world(store_, tenant, stored)) {
        rep.diffs.push_back(fmt::format("there is no tenant '{}'", tenant));
        return rep;
      }
      events = events_of(store_, tenant);
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
    }
    diff_tenant(w.tenant, stored.tenant, rep.diffs);
    diff_instances(w, stored, rep.diffs);
  } catch (const StoreError& e) {
    rep.diffs.push_back(e.what());
  }
  return rep;
}

}  // namespace pb::rt

// store_timers.cpp — the due list, stuck marks and last event of the store
// (store_timers.hpp). Prepared, cached statements only.
#include "store_timers.hpp"

namespace pb::rt {

#define PB_DUE_COLUMNS                                                                                 \
  "SELECT t.id, t.instance, i.tenant, i.playbook, t.step, t.transition, t.due, i.hash, t.stuck_code, " \
  "t.stuck_reason, t.stuck_since FROM timers t JOIN instances i ON i.id = t.instance "

static StuckMark stuck_row(const Query& q, int col) {
  StuckMark m{q.text(col), q.text(col + 1), std::nullopt};
  if (!q.is_null(col + 2)) m.since = from_secs(q.i64(col + 2));
  return m;
}

static DueTimer due_row(const Query& q) {
  return DueTimer{q.i64(0),       q.i64(1),           q.text(2),           q.text(3),
                  q.text(4),      uint32_t(q.i64(5)), from_secs(q.i64(6)), q.text(7),
                  stuck_row(q, 8)};
}

void for_each_due(Store& s, Instant now, const std::string& queue,
                  const std::function<bool(const DueTimer&)>& each) {
  Query q(s, PB_DUE_COLUMNS
          "WHERE t.due <= ?1 AND (?2 = '' OR EXISTS (SELECT 1 FROM assignments a "
          "WHERE a.tenant = i.tenant AND a.name = ?2)) ORDER BY t.due, t.id");
  q.bind(1, to_secs(now)).bind(2, queue);
  while (q.step())
    if (!each(due_row(q))) return;
}

std::vector<DueTimer> due_timers(Store& s, Instant now, int limit) {
  std::vector<DueTimer> out;
  if (limit == 0) return out;
  for_each_due(s, now, "", [&](const DueTimer& t) {  // a negative limit is no limit, as SQL's LIMIT
    out.push_back(t);
    return limit < 0 || out.size() < size_t(limit);
  });
  return out;
}

// Two index seeks, not one row-value range: SQLite seeks (due, id) > (?, ?)
// by `due` alone, which would rescan every timer of the same due instant
// before the cursor (all the timers of a bulk start share one).
std::vector<DueTimer> due_page(Store& s, Instant now, int64_t max_instance, DueKey after,
                               int limit) {
  std::vector<DueTimer> out;
  if (after.due <= to_secs(now)) {
    Query q(s, PB_DUE_COLUMNS
            "WHERE t.due = ?1 AND t.id > ?2 AND t.instance <= ?3 ORDER BY t.id LIMIT ?4");
    q.bind(1, after.due).bind(2, after.id).bind(3, max_instance).bind(4, int64_t{limit});
    while (q.step()) out.push_back(due_row(q));
  }
  if (out.size() >= size_t(limit)) return out;
  Query q(s, PB_DUE_COLUMNS
          "WHERE t.due > ?1 AND t.due <= ?2 AND t.instance <= ?3 ORDER BY t.due, t.id LIMIT ?4");
  q.bind(1, after.due)
      .bind(2, to_secs(now))
      .bind(3, max_instance)
      .bind(4, int64_t(limit - int(out.size())));
  while (q.step()) out.push_back(due_row(q));
  return out;
}

#undef PB_DUE_COLUMNS

int64_t max_instance_id(Store& s) {
  Query q(s, "SELECT coalesce(max(id), 0) FROM instances");
  return q.step() ? q.i64(0) : 0;
}

bool timer_exists(Store& s, int64_t id) {
  Query q(s, "SELECT 1 FROM timers WHERE id = ?");
  q.bind(1, id);
  return q.step();
}

StuckMark mark_stuck(Store& s, const DueTimer& t, const std::string& code,
                     const std::string& reason, Instant now) {
  StuckMark m{code, reason, t.stuck.since ? t.stuck.since : std::optional<Instant>(now)};
  if (t.stuck.since && t.stuck.code == code && t.stuck.reason == reason) return m;
  Query q(s,
          "UPDATE timers SET stuck_code = ?2, stuck_reason = ?3, stuck_since = ?4 WHERE id = ?1");
  q.bind(1, t.id).bind(2, code).bind(3, reason).bind(4, to_secs(*m.since)).run();
  return m;
}

std::map<int64_t, std::vector<StuckTimer>> stuck_of(Store& s, const std::string& tenant) {
  std::map<int64_t, std::vector<StuckTimer>> out;
  Query q(
      s,
      "SELECT t.instance, t.step, t.transition, t.due, t.stuck_code, t.stuck_reason, t.stuck_since "
      "FROM timers t JOIN instances i ON i.id = t.instance WHERE i.tenant = ? AND t.stuck_since IS NOT NULL");
  q.bind(1, tenant);
  while (q.step())
    out[q.i64(0)].push_back(StuckTimer{
        TimerState{q.text(1), uint32_t(q.i64(2)), from_secs(q.i64(3))}, stuck_row(q, 4)});
  return out;
}

const StuckMark* find_stuck(const std::vector<StuckTimer>& stuck, const TimerState& t) {
  for (const auto& x : stuck)
    if (x.timer == t) return &x.mark;
  return nullptr;
}

std::optional<LastEvent> last_event(Store& s, const std::string& tenant) {
  Query q(s, "SELECT id, at FROM events WHERE tenant = ? ORDER BY id DESC LIMIT 1");
  q.bind(1, tenant);
  if (!q.step()) return std::nullopt;
  return LastEvent{q.i64(0), from_secs(q.i64(1))};
}

}  // namespace pb::rt

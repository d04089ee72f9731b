// store_timers.hpp — the timer rows as `tick`, `due` and `status` read them:
// the due list (oldest first, streamed or one page at a time), the stuck
// marks, and the tenant's last event time. Every function runs inside the
// caller's transaction (or in autocommit); none opens or commits one.
//
// A stuck mark (code, reason, since) says why `tick` could not fire a timer
// and since when. It is bookkeeping beside the timer, not tenant state: the
// world (load_world) does not read it and replay does not compare it, so
// writing it changes no version. It disappears with its timer row, which
// only a logged event removes.
#pragma once

#include <climits>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store.hpp"
#include "world.hpp"

namespace pb::rt {

struct StuckMark {
  std::string code;              // the refusal code ("" = not stuck)
  std::string reason;            // the refusal's reason
  std::optional<Instant> since;  // the first tick that could not fire it
  bool stuck() const { return since.has_value(); }
};

struct DueTimer {
  int64_t id = 0;
  int64_t instance = 0;
  std::string tenant, playbook, step;
  uint32_t transition = 0;
  Instant due{};
  std::string hash;  // the instance's pinned playbook
  StuckMark stuck;
};

// Timers due at or before `now`, oldest first, at most `limit`.
std::vector<DueTimer> due_timers(Store& s, Instant now, int limit);
// The same rows, streamed: calls `each` oldest first until it returns false.
// `queue` (optional) keeps only tenants assigned to a queue of that name.
// One query; rows are read only as far as the caller goes.
void for_each_due(Store& s, Instant now, const std::string& queue,
                  const std::function<bool(const DueTimer&)>& each);

// A position in the due order (due, id): a page starts after it.
struct DueKey {
  int64_t due = INT64_MIN;  // seconds since the epoch
  int64_t id = 0;
};
// At most `limit` timers due at or before `now` whose key is after `after`,
// of instances whose id is at most `max_instance`, oldest first (keyset
// pagination on the timers_due index: a page costs its own rows, however
// many came before).
std::vector<DueTimer> due_page(Store& s, Instant now, int64_t max_instance, DueKey after,
                               int limit);
inline DueKey key_of(const DueTimer& t) { return DueKey{to_secs(t.due), t.id}; }
// The largest instance id (0 when there is none). Instance rows are never
// deleted, so an id above it is an instance started later.
int64_t max_instance_id(Store& s);
bool timer_exists(Store& s, int64_t id);

// Marks the timer stuck with (code, reason), keeping its first `since`.
// Writes only when the mark changes; returns the mark now stored.
StuckMark mark_stuck(Store& s, const DueTimer& t, const std::string& code,
                     const std::string& reason, Instant now);
// The stuck timers of a tenant: instance id → its stuck timers.
struct StuckTimer {
  TimerState timer;
  StuckMark mark;
};
std::map<int64_t, std::vector<StuckTimer>> stuck_of(Store& s, const std::string& tenant);
// The mark of `t` among `stuck` (nullptr: not stuck).
const StuckMark* find_stuck(const std::vector<StuckTimer>& stuck, const TimerState& t);

// The tenant's last event (by id, through the events_tenant index).
struct LastEvent {
  int64_t id = 0;
  Instant at{};
};
std::optional<LastEvent> last_event(Store& s, const std::string& tenant);

}  // namespace pb::rt

// store_world_batch.cpp — load_worlds and last_events
// (store_world_batch.hpp). Each query reads the range of tenant ids from the
// first of the list to the last, in index order, and skips the rows of
// tenants not in the list: migrate's pages are dense runs of ids, and
// disjoint, so a whole migration reads each row at most once. Rows are
// decoded by the decoders load_world uses (store_rows.hpp) and ordered as it
// orders them: assignments and instances by id, timers by step, transition
// and id.
#include "store_world_batch.hpp"

#include <algorithm>
#include <unordered_map>

#include "store_rows.hpp"

namespace pb::rt {

namespace {

using Worlds = std::map<std::string, TenantWorld>;

struct Range {
  std::string first, last;
};

Range range_of(const std::vector<std::string>& tenants) {
  auto [lo, hi] = std::minmax_element(tenants.begin(), tenants.end());
  return Range{*lo, *hi};
}

// Runs `sql` over the range (?1, ?2) and hands each row of a tenant in `out`
// (column 0 names it) to `row`, from column 1 on.
template <class Map, class Row>
void rows_of(Store& s, const char* sql, const Range& r, Map& out, Row row) {
  Query q(s, sql);
  q.bind(1, r.first).bind(2, r.last);
  while (q.step())
    if (auto it = out.find(q.text(0)); it != out.end()) row(q, it->second);
}

void read_timers(Store& s, const Range& range, Worlds& out) {
  std::unordered_map<int64_t, InstanceRec*> by_id;
  for (auto& [id, w] : out)
    for (auto& r : w.instances) by_id[r.id] = &r;
  Query q(s,
          "SELECT t.instance, t.step, t.transition, t.due FROM instances i JOIN timers t ON "
          "t.instance = i.id WHERE i.tenant BETWEEN ?1 AND ?2 "
          "ORDER BY t.instance, t.step, t.transition, t.id");
  q.bind(1, range.first).bind(2, range.last);
  while (q.step())
    if (auto it = by_id.find(q.i64(0)); it != by_id.end())
      it->second->st.timers.push_back(timer_row(q, 1));
}

}  // namespace

std::map<std::string, TenantWorld> load_worlds(Store& s, const std::vector<std::string>& tenants) {
  Worlds out;
  if (tenants.empty()) return out;
  for (const auto& t : tenants) out[t];
  Range range = range_of(tenants);
  std::map<std::string, TenantWorld*> found;
  rows_of(s, "SELECT id, version FROM tenants WHERE id BETWEEN ?1 AND ?2", range, out,
          [&](Query& q, TenantWorld& w) {
            w.tenant.id = q.text(0);
            w.version = q.i64(1);
            found[w.tenant.id] = &w;
          });
  std::erase_if(out, [&](const auto& kv) { return !found.count(kv.first); });
  rows_of(s, "SELECT tenant, name, value FROM attributes WHERE tenant BETWEEN ?1 AND ?2", range,
          out, [](Query& q, TenantWorld& w) { attr_row(q, 1, w.tenant); });
  rows_of(s, "SELECT tenant, task, complete, who, at FROM tasks WHERE tenant BETWEEN ?1 AND ?2",
          range, out, [](Query& q, TenantWorld& w) { task_row(q, 1, w.tenant); });
  rows_of(s,
          "SELECT tenant, queue, name, is_primary FROM assignments WHERE tenant BETWEEN ?1 AND ?2 "
          "ORDER BY id",
          range, out, [](Query& q, TenantWorld& w) { assignment_row(q, 1, w.tenant); });
  rows_of(s,
          "SELECT tenant, " PB_INSTANCE_COLUMNS
          " FROM instances WHERE tenant BETWEEN ?1 AND ?2 ORDER BY id",
          range, out, [](Query& q, TenantWorld& w) { w.instances.push_back(instance_row(q, 1)); });
  read_timers(s, range, out);
  return out;
}

std::map<std::string, std::optional<LastEvent>> last_events(
    Store& s, const std::vector<std::string>& tenants) {
  std::map<std::string, std::optional<LastEvent>> out;
  if (tenants.empty()) return out;
  for (const auto& t : tenants) out[t];
  rows_of(s,
          "SELECT tenant, id, at FROM events WHERE id IN (SELECT max(id) FROM events WHERE "
          "tenant BETWEEN ?1 AND ?2 GROUP BY tenant)",
          range_of(tenants), out, [](Query& q, std::optional<LastEvent>& last) {
            last = LastEvent{q.i64(1), from_secs(q.i64(2))};
          });
  return out;
}

}  // namespace pb::rt

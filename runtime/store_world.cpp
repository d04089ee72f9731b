// store_world.cpp — TenantWorld ⇄ rows, the event log and its companions
// (store_world.hpp). Prepared, cached statements only.
#include "store_world.hpp"
#include "store_rows.hpp"

#include <algorithm>

#include "model/calendar_math.hpp"

namespace pb::rt {

using json = nlohmann::json;

// Runs `sql` with ?1 = tenant and hands each row to `row`.
template <class Row>
static void rows_of(Store& s, const char* sql, const std::string& tenant, Row row) {
  Query q(s, sql);
  q.bind(1, tenant);
  while (q.step()) row(q);
}

bool load_world(Store& s, const std::string& tenant, TenantWorld& out) {
  out = TenantWorld{};
  {
    Query q(s, "SELECT version FROM tenants WHERE id = ?");
    q.bind(1, tenant);
    if (!q.step()) return false;
    out.version = q.i64(0);
  }
  TenantState& t = out.tenant;
  t.id = tenant;
  rows_of(s, "SELECT name, value FROM attributes WHERE tenant = ?", tenant,
          [&](Query& q) { attr_row(q, 0, t); });
  rows_of(s, "SELECT task, complete, who, at FROM tasks WHERE tenant = ?", tenant,
          [&](Query& q) { task_row(q, 0, t); });
  rows_of(s, "SELECT queue, name, is_primary FROM assignments WHERE tenant = ? ORDER BY id", tenant,
          [&](Query& q) { assignment_row(q, 0, t); });
  rows_of(s, "SELECT " PB_INSTANCE_COLUMNS " FROM instances WHERE tenant = ? ORDER BY id", tenant,
          [&](Query& q) { out.instances.push_back(instance_row(q, 0)); });
  for (auto& r : out.instances) {
    Query q(s,
            "SELECT step, transition, due FROM timers WHERE instance = ? "
            "ORDER BY step, transition, id");
    q.bind(1, r.id);
    while (q.step()) r.st.timers.push_back(timer_row(q, 0));
  }
  return true;
}

static void persist_attrs(Store& s, const TenantState& b, const TenantState& a) {
  for (const auto& [name, v] : a.attrs) {
    auto it = b.attrs.find(name);
    if (it != b.attrs.end() && it->second == v) continue;
    Query q(s,
            "INSERT INTO attributes(tenant, name, value) VALUES(?, ?, ?) "
            "ON CONFLICT(tenant, name) DO UPDATE SET value = excluded.value");
    q.bind(1, a.id).bind(2, name).bind(3, value_to_json(v).dump()).run();
  }
  for (const auto& [name, v] : b.attrs)
    if (!a.attrs.count(name)) {
      Query q(s, "DELETE FROM attributes WHERE tenant = ? AND name = ?");
      q.bind(1, a.id).bind(2, name).run();
    }
}

static void persist_tasks(Store& s, const TenantState& b, const TenantState& a) {
  for (const auto& [task, st] : b.tasks)  // a migration drops a task's state
    if (!a.tasks.count(task)) {
      Query q(s, "DELETE FROM tasks WHERE tenant = ? AND task = ?");
      q.bind(1, a.id).bind(2, task).run();
    }
  for (const auto& [task, st] : a.tasks) {
    auto it = b.tasks.find(task);
    if (it != b.tasks.end() && it->second == st) continue;
    Query q(s,
            "INSERT INTO tasks(tenant, task, complete, who, at) VALUES(?, ?, ?, ?, ?) "
            "ON CONFLICT(tenant, task) DO UPDATE SET complete = excluded.complete, "
            "who = excluded.who, at = excluded.at");
    q.bind(1, a.id)
        .bind(2, task)
        .bind(3, static_cast<int64_t>(st.status))
        .bind(4, st.who)
        .bind(5, to_secs(st.when))
        .run();
  }
}

static void persist_assignments(Store& s, const TenantState& b, const TenantState& a) {
  if (a.assignments == b.assignments) return;
  {
    Query q(s, "DELETE FROM assignments WHERE tenant = ?");
    q.bind(1, a.id).run();
  }
  for (const auto& x : a.assignments) {
    Query q(s, "INSERT INTO assignments(tenant, queue, name, is_primary) VALUES(?, ?, ?, ?)");
    q.bind(1, a.id).bind(2, to_string(x.queue)).bind(3, x.name).bind(4, int64_t{x.primary}).run();
  }
}

static bool has_timer(const std::vector<TimerState>& ts, const TimerState& t) {
  return std::find(ts.begin(), ts.end(), t) != ts.end();
}

// Deletes the rows of the timers `before` had and `after` has not, inserts
// the new ones; a timer in both keeps its row (and its stuck mark).
static void write_timers(Store& s, const InstanceRec& r, const std::vector<TimerState>& before) {
  for (const auto& t : before)
    if (!has_timer(r.st.timers, t)) {
      Query q(s,
              "DELETE FROM timers WHERE instance = ? AND step = ? AND transition = ? AND due = ?");
      q.bind(1, r.id).bind(2, t.step).bind(3, int64_t{t.transition}).bind(4, to_secs(t.due)).run();
    }
  for (const auto& t : r.st.timers)
    if (!has_timer(before, t)) {
      Query q(s, "INSERT INTO timers(instance, step, transition, due) VALUES(?, ?, ?, ?)");
      q.bind(1, r.id).bind(2, t.step).bind(3, int64_t{t.transition}).bind(4, to_secs(t.due)).run();
    }
}

static void insert_instance(Store& s, const std::string& tenant, InstanceRec& r) {
  Query q(s,
          "INSERT INTO instances(tenant, playbook, hash, step, entered_at, status, outcome, "
          "visits, arrived, caller, returns, regions, version) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?, 0)");
  q.bind(1, tenant).bind(2, r.st.playbook).bind(3, r.hash).bind(4, r.st.step);
  q.bind(5, to_secs(r.st.entered_at)).bind(6, to_string(r.st.status)).bind(7, r.st.outcome);
  q.bind(8, visits_to_json(r.st.visits).dump()).bind(9, arrived_to_json(r.st.arrived).dump());
  q.bind(10, r.st.caller).bind(11, returns_to_json(r.st.returns).dump());
  q.bind(12, regions_to_json(r.st.regions).dump());
  q.run();
  r.id = s.last_id();
  r.version = 0;
}

// `status` is in the SET list only when it changed: SQLite rewrites the
// partial index instances_one_active (WHERE status = 'active') whenever it is.
// A JSON column is encoded only when it changed; an unbound (NULL) one keeps
// its stored text.
static void update_instance(Store& s, InstanceRec& r, const InstanceRec& old) {
  bool status_changed = old.st.status != r.st.status;
  Query q(s, status_changed
                 ? "UPDATE instances SET step = ?1, entered_at = ?2, outcome = ?3, "
                   "visits = coalesce(?4, visits), arrived = coalesce(?8, arrived), "
                   "returns = coalesce(?9, returns), regions = coalesce(?10, regions), "
                   "hash = ?11, status = ?7, version = version + 1 WHERE id = ?5 AND version = ?6"
                 : "UPDATE instances SET step = ?1, entered_at = ?2, outcome = ?3, "
                   "visits = coalesce(?4, visits), arrived = coalesce(?8, arrived), "
                   "returns = coalesce(?9, returns), regions = coalesce(?10, regions), "
                   "hash = ?11, version = version + 1 WHERE id = ?5 AND version = ?6");
  q.bind(1, r.st.step).bind(2, to_secs(r.st.entered_at)).bind(3, r.st.outcome);
  q.bind(5, r.id).bind(6, r.version);
  if (status_changed) q.bind(7, to_string(r.st.status));
  if (r.st.visits != old.st.visits) q.bind(4, visits_to_json(r.st.visits).dump());
  if (r.st.arrived != old.st.arrived) q.bind(8, arrived_to_json(r.st.arrived).dump());
  if (r.st.returns != old.st.returns) q.bind(9, returns_to_json(r.st.returns).dump());
  if (r.st.regions != old.st.regions) q.bind(10, regions_to_json(r.st.regions).dump());
  q.bind(11, r.hash);  // changes only by a migration
  q.run();
  ++r.version;
}

static const InstanceRec* stored_as(const TenantWorld& before, const InstanceRec& r) {
  if (r.id == 0) return nullptr;
  for (const auto& b : before.instances)
    if (b.id == r.id) return &b;
  return nullptr;
}

static bool persist_instances(Store& s, const TenantWorld& before, TenantWorld& after) {
  for (auto& r : after.instances) {
    const InstanceRec* old = stored_as(before, r);
    if (!old) {
      insert_instance(s, after.tenant.id, r);
      write_timers(s, r, {});
      continue;
    }
    if (old->st == r.st && old->hash == r.hash) continue;
    update_instance(s, r, *old);
    if (s.changes() != 1) return false;
    if (old->st.timers != r.st.timers) write_timers(s, r, old->st.timers);
  }
  return true;
}

// A change another instance's input could depend on: attributes, tasks,
// assignments, or which instances exist and run.
static bool tenant_level_change(const TenantWorld& before, const TenantWorld& after) {
  const TenantState &b = before.tenant, &a = after.tenant;
  if (a.attrs != b.attrs || a.tasks != b.tasks || a.assignments != b.assignments) return true;
  for (const auto& r : after.instances) {
    const InstanceRec* old = stored_as(before, r);
    if (!old || old->st.status != r.st.status) return true;
  }
  return false;
}

// The tenant row version covers tenant-level state. It is bumped when that
// changes, and otherwise only checked (an input that moved one instance
// dirties no tenants page; its instance row carries its own version).
static bool check_tenant_version(Store& s, const TenantWorld& before, TenantWorld& after,
                                 bool read_in_tx) {
  if (tenant_level_change(before, after)) {
    Query q(s, "UPDATE tenants SET version = version + 1 WHERE id = ? AND version = ?");
    q.bind(1, after.tenant.id).bind(2, before.version).run();
    if (s.changes() != 1) return false;
    after.version = before.version + 1;
    return true;
  }
  if (read_in_tx) return true;
  Query q(s, "SELECT version FROM tenants WHERE id = ?");
  q.bind(1, after.tenant.id);
  return q.step() && q.i64(0) == before.version;
}

bool persist(Store& s, const TenantWorld& before, TenantWorld& after, bool create, Instant now,
             bool read_in_tx) {
  if (create) {
    Query q(s, "INSERT INTO tenants(id, version, created_at) VALUES(?, 0, ?)");
    q.bind(1, after.tenant.id).bind(2, to_secs(now)).run();
  } else if (!check_tenant_version(s, before, after, read_in_tx)) {
    return false;
  }
  persist_attrs(s, before.tenant, after.tenant);
  persist_tasks(s, before.tenant, after.tenant);
  persist_assignments(s, before.tenant, after.tenant);
  return persist_instances(s, before, after);
}

int64_t insert_event(Store& s, const EventRow& e) {
  Query q(s,
          "INSERT INTO events(tenant, instance, playbook, kind, input, actor, at, summary) "
          "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, e.tenant);
  if (e.instance)
    q.bind(2, e.instance);
  else
    q.bind_null(2);
  q.bind(3, e.playbook).bind(4, e.kind).bind(5, e.input).bind(6, e.actor).bind(7, to_secs(e.at));
  q.bind(8, e.summary).run();
  return s.last_id();
}

std::vector<EventRow> events_of(Store& s, const std::string& tenant) {
  std::vector<EventRow> out;
  Query q(s,
          "SELECT id, tenant, instance, playbook, kind, input, actor, at, summary FROM events "
          "WHERE tenant = ? ORDER BY id");
  q.bind(1, tenant);
  while (q.step())
    out.push_back(EventRow{q.i64(0), q.text(1), q.i64(2), q.text(3), q.text(4), q.text(5),
                           q.text(6), from_secs(q.i64(7)), q.text(8)});
  return out;
}

void insert_note(Store& s, const std::string& tenant, int64_t event, int seq,
                 const std::string& playbook, const NoteEffect& n, const std::string& who,
                 Instant at) {
  Query q(
      s,
      "INSERT INTO notes(tenant, event, seq, playbook, kind, text, who, at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, tenant)
      .bind(2, event)
      .bind(3, int64_t{seq})
      .bind(4, playbook)
      .bind(5, to_string(n.kind));
  q.bind(6, n.text).bind(7, who).bind(8, to_secs(at)).run();
}

void insert_outreach(Store& s, const std::string& tenant, int64_t event, int seq, const Outreach& o,
                     Instant at) {
  Query q(s,
          "INSERT INTO outreach(tenant, event, seq, template, contact, email, at, cc) "
          "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, tenant)
      .bind(2, event)
      .bind(3, int64_t{seq})
      .bind(4, o.template_name)
      .bind(5, o.contact);
  q.bind(6, o.email).bind(7, to_secs(at)).bind(8, int64_t{o.cc}).run();
}

std::vector<NoteRow> notes_of(Store& s, const std::string& tenant) {
  std::vector<NoteRow> out;
  Query q(
      s,
      "SELECT playbook, kind, text, who, at, event FROM notes WHERE tenant = ? ORDER BY event, seq");
  q.bind(1, tenant);
  while (q.step())
    out.push_back(
        NoteRow{q.text(0), q.text(1), q.text(2), q.text(3), from_secs(q.i64(4)), q.i64(5)});
  return out;
}

std::vector<OutreachRow> outreach_of(Store& s, const std::string& tenant) {
  std::vector<OutreachRow> out;
  Query q(s,
          "SELECT template, contact, email, at, event, cc FROM outreach WHERE tenant = ? "
          "ORDER BY event, seq");
  q.bind(1, tenant);
  while (q.step())
    out.push_back(
        OutreachRow{q.text(0), q.text(1), q.text(2), from_secs(q.i64(3)), q.i64(4), q.i64(5) != 0});
  return out;
}

// A version is stored once: its JSON body (the texts, escaped) is built only
// when the row is missing — every input of a migration pins the same one.
void save_source(Store& s, const std::string& hash, const PinnedSource& src) {
  if (has_source(s, hash)) return;
  json body{{"schema_filename", src.schema_filename}, {"schema_source", src.schema_source}};
  if (!src.schema_model.empty()) body["model"] = src.schema_model;
  Query q(
      s,
      "INSERT OR IGNORE INTO playbook_sources(hash, playbook, filename, source) VALUES(?, ?, ?, ?)");
  q.bind(1, hash).bind(2, src.playbook).bind(3, src.filename);
  q.bind(4, json{{"playbook", src.source}, {"schema", body}}.dump()).run();
}

bool has_source(Store& s, const std::string& hash) {
  Query q(s, "SELECT 1 FROM playbook_sources WHERE hash = ?");
  q.bind(1, hash);
  return q.step();
}

// SQLite's JSON functions take the body apart: quicker than decoding the
// whole text (the playbook's and the schema's, escaped) here.
std::optional<PinnedSource> load_source(Store& s, const std::string& hash) {
  Query q(s,
          "SELECT playbook, filename, "
          "CASE WHEN json_valid(source) THEN json_type(source) = 'object' ELSE 0 END, "
          "CASE WHEN json_valid(source) THEN json_extract(source, '$.playbook') END, "
          "CASE WHEN json_valid(source) THEN json_extract(source, '$.schema.schema_filename') END, "
          "CASE WHEN json_valid(source) THEN json_extract(source, '$.schema.schema_source') END, "
          "CASE WHEN json_valid(source) THEN json_extract(source, '$.schema.model') END "
          "FROM playbook_sources WHERE hash = ?");
  q.bind(1, hash);
  if (!q.step() || q.i64(2) == 0) return std::nullopt;
  return PinnedSource{q.text(0), q.text(1), q.text(3), q.text(4), q.text(5), q.text(6)};
}

void save_calendar(Store& s, const std::string& hash, const std::string& body) {
  Query q(s, "INSERT OR IGNORE INTO calendar_sources(hash, body) VALUES(?, ?)");
  q.bind(1, hash).bind(2, body).run();
}

std::optional<std::string> load_calendar(Store& s, const std::string& hash) {
  Query q(s, "SELECT body FROM calendar_sources WHERE hash = ?");
  q.bind(1, hash);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

std::optional<KeyUse> find_key(Store& s, const std::string& key) {
  Query q(s, "SELECT event, tenant, command FROM idempotency WHERE key = ?");
  q.bind(1, key);
  if (!q.step()) return std::nullopt;
  return KeyUse{q.i64(0), q.text(1), q.text(2)};
}

void save_key(Store& s, const std::string& key, const std::string& tenant, int64_t event,
              const std::string& command) {
  Query q(s, "INSERT INTO idempotency(key, tenant, event, command) VALUES(?, ?, ?, ?)");
  q.bind(1, key).bind(2, tenant).bind(3, event).bind(4, command).run();
}

}  // namespace pb::rt

// store_schema.cpp — the schema of the SQLite store as its migrations, in
// order, and the current schema built from them once per process (store.hpp).
// The tables are documented in docs/runtime.md.
#include "store.hpp"

namespace pb::rt {

namespace {

// Migration N brings user_version N-1 to N. Append only; never edit one.
const char* const kMigrations[] = {
    // 1: the first schema
    R"sql(
CREATE TABLE tenants(
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL);
CREATE TABLE attributes(
  tenant TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(tenant, name)) WITHOUT ROWID;
CREATE TABLE playbook_sources(
  hash TEXT PRIMARY KEY,
  playbook TEXT NOT NULL,
  filename TEXT NOT NULL,
  source TEXT NOT NULL);
CREATE TABLE calendar_sources(
  hash TEXT PRIMARY KEY,
  body TEXT NOT NULL);
CREATE TABLE instances(
  id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL REFERENCES tenants(id),
  playbook TEXT NOT NULL,
  hash TEXT NOT NULL REFERENCES playbook_sources(hash),
  step TEXT NOT NULL,
  entered_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT '',
  visits TEXT NOT NULL DEFAULT '{}',
  version INTEGER NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX instances_one_active ON instances(tenant, playbook) WHERE status = 'active';
CREATE INDEX instances_tenant ON instances(tenant);
CREATE TABLE tasks(
  tenant TEXT NOT NULL REFERENCES tenants(id),
  task INTEGER NOT NULL,
  complete INTEGER NOT NULL,
  who TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY(tenant, task)) WITHOUT ROWID;
CREATE TABLE assignments(
  id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL REFERENCES tenants(id),
  queue TEXT NOT NULL,
  name TEXT NOT NULL,
  is_primary INTEGER NOT NULL,
  UNIQUE(tenant, queue, name));
CREATE TABLE events(
  id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL REFERENCES tenants(id),
  instance INTEGER REFERENCES instances(id),
  playbook TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  input TEXT NOT NULL,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL,
  summary TEXT NOT NULL DEFAULT '');
CREATE INDEX events_tenant ON events(tenant, id);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TABLE notes(
  id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL REFERENCES tenants(id),
  event INTEGER NOT NULL REFERENCES events(id),
  playbook TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  who TEXT NOT NULL,
  at INTEGER NOT NULL);
CREATE INDEX notes_tenant ON notes(tenant, id);
CREATE TABLE outreach(
  id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL REFERENCES tenants(id),
  event INTEGER NOT NULL REFERENCES events(id),
  template TEXT NOT NULL,
  contact TEXT NOT NULL,
  email TEXT NOT NULL,
  at INTEGER NOT NULL);
CREATE TABLE timers(
  id INTEGER PRIMARY KEY,
  instance INTEGER NOT NULL REFERENCES instances(id),
  step TEXT NOT NULL,
  transition INTEGER NOT NULL,
  due INTEGER NOT NULL);
CREATE INDEX timers_due ON timers(due, id);
CREATE INDEX timers_instance ON timers(instance);
CREATE TABLE idempotency(
  key TEXT PRIMARY KEY,
  tenant TEXT NOT NULL REFERENCES tenants(id),
  event INTEGER NOT NULL REFERENCES events(id));
)sql",
    // 2: replay reads a tenant's outreach
    R"sql(
CREATE INDEX outreach_tenant ON outreach(tenant, id);
)sql",
    // 3: notes and outreach are one B-tree each, clustered by tenant (they are
    // only ever read by tenant): an event with a note writes one page of it,
    // not a table page and an index page. Order within a tenant: event, seq.
    R"sql(
CREATE TABLE notes_v3(
  tenant TEXT NOT NULL REFERENCES tenants(id),
  event INTEGER NOT NULL REFERENCES events(id),
  seq INTEGER NOT NULL,
  playbook TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  who TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY(tenant, event, seq)) WITHOUT ROWID;
INSERT INTO notes_v3 SELECT tenant, event, row_number() OVER (PARTITION BY event ORDER BY id),
  playbook, kind, text, who, at FROM notes;
DROP INDEX notes_tenant;
DROP TABLE notes;
ALTER TABLE notes_v3 RENAME TO notes;
CREATE TABLE outreach_v3(
  tenant TEXT NOT NULL REFERENCES tenants(id),
  event INTEGER NOT NULL REFERENCES events(id),
  seq INTEGER NOT NULL,
  template TEXT NOT NULL,
  contact TEXT NOT NULL,
  email TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY(tenant, event, seq)) WITHOUT ROWID;
INSERT INTO outreach_v3 SELECT tenant, event, row_number() OVER (PARTITION BY event ORDER BY id),
  template, contact, email, at FROM outreach;
DROP INDEX outreach_tenant;
DROP TABLE outreach;
ALTER TABLE outreach_v3 RENAME TO outreach;
)sql",
    // 4: a timer that cannot fire stays in place and says why: `tick` records
    // the refusal (code, reason) and since when it is stuck, and clears them
    // when the timer fires. An idempotency key remembers the command it was
    // first used for, so a different command reusing the key is refused.
    R"sql(
ALTER TABLE timers ADD COLUMN stuck_code TEXT NOT NULL DEFAULT '';
ALTER TABLE timers ADD COLUMN stuck_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE timers ADD COLUMN stuck_since INTEGER;
ALTER TABLE idempotency ADD COLUMN command TEXT NOT NULL DEFAULT '';
)sql",
    // 5: when a run last arrived in each step from another step (JSON object
    // step → Unix seconds): the anchors of `since entering STEP` timers.
    R"sql(
ALTER TABLE instances ADD COLUMN arrived TEXT NOT NULL DEFAULT '{}';
)sql",
    // 6: call and return. caller: the playbook whose `call playbook` started
    // the run ('' = started by `start`); returns: callee → the outcome its
    // latest call returned with (JSON object), read by outcome(ID).
    R"sql(
ALTER TABLE instances ADD COLUMN caller TEXT NOT NULL DEFAULT '';
ALTER TABLE instances ADD COLUMN returns TEXT NOT NULL DEFAULT '{}';
)sql",
    // 7: the regions of a run's current parallel step (JSON array of
    // {"id", "step", "entered_at"}; [] when the step is not parallel).
    R"sql(
ALTER TABLE instances ADD COLUMN regions TEXT NOT NULL DEFAULT '[]';
)sql",
    // 8: an outreach row that is a copy (`send … cc contacts where …`).
    R"sql(
ALTER TABLE outreach ADD COLUMN cc INTEGER NOT NULL DEFAULT 0;
)sql",
    // 9: a playbook's running instances by tenant, for `migrate` (which
    // pages through them) and `versions`.
    R"sql(
CREATE INDEX instances_by_playbook ON instances(playbook, status, tenant);
)sql",
};

constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kMigrationCount == kSchemaVersion);

}  // namespace

const char* migration_sql(int n) {
  return n >= 1 && n <= kSchemaVersion ? kMigrations[n - 1] : nullptr;
}

// The current schema as SQL, read once per process from a private in-memory
// database that ran every migration: a new database gets in one step exactly
// what an old one migrated to (the chain's copies, drops and renames cost a
// new store as much as all the rest of its set-up).
const std::string& current_schema_sql() {
  static const std::string sql = [] {
    sqlite3* db = nullptr;
    std::string out;
    bool ok = sqlite3_open(":memory:", &db) == SQLITE_OK;
    for (int n = 1; ok && n <= kSchemaVersion; ++n)
      ok = sqlite3_exec(db, migration_sql(n), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_stmt* st = nullptr;
    ok = ok &&
         sqlite3_prepare_v2(db,
                            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY "
                            "CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid",
                            -1, &st, nullptr) == SQLITE_OK;
    while (ok && sqlite3_step(st) == SQLITE_ROW)
      out += std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + ";\n";
    sqlite3_finalize(st);
    std::string error = ok ? "" : sqlite3_errmsg(db);
    sqlite3_close(db);
    if (!ok) throw StoreError(SQLITE_ERROR, "cannot build the schema: " + error);
    return out;
  }();
  return sql;
}

}  // namespace pb::rt

// store.cpp — connection, statement cache, transactions and schema migrations
// of the SQLite store (store.hpp). The schema is documented in docs/runtime.md.
#include "store.hpp"

#include <fmt/format.h>

#include "text.hpp"

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
};

constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kMigrationCount == kSchemaVersion);

}  // namespace

const char* migration_sql(int n) { return n >= 1 && n <= kSchemaVersion ? kMigrations[n - 1] : nullptr; }

Query::Query(Store& store, const char* sql) : store_(store), stmt_(store.statement(sql)) {}

Query::~Query() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Query& Query::bind(int i, int64_t v) {
  if (int rc = sqlite3_bind_int64(stmt_, i, v); rc != SQLITE_OK) store_.fail(rc, "bind");
  return *this;
}

Query& Query::bind(int i, std::string_view v) {
  int rc = sqlite3_bind_text(stmt_, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) store_.fail(rc, "bind");
  return *this;
}

Query& Query::bind_null(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Query::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  store_.fail(rc, sqlite3_sql(stmt_));
}

void Query::run() {
  while (step()) {
  }
}

int64_t Query::i64(int col) const { return sqlite3_column_int64(stmt_, col); }

// Text is read repaired (text.hpp): the store holds only valid UTF-8, but a
// database an older version wrote may not, and every reader must survive it.
std::string Query::text(int col) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  std::string out = p ? std::string(p, size_t(sqlite3_column_bytes(stmt_, col))) : std::string();
  repair_utf8(out);
  return out;
}

bool Query::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

// Before SQLite's first use: no global memory statistics. They take one
// process-wide mutex on every allocation, which serialises threads that each
// run their own database (the parallel scenario runner).
static void configure_sqlite_once() {
  static const bool done = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)done;
}

Store::Store(const std::string& path, int busy_timeout_ms) {
  configure_sqlite_once();
  int rc = sqlite3_open_v2(path.c_str(), &db_,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(rc, fmt::format("cannot open database '{}': {}", path, msg));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  try {
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA foreign_keys=ON");
    exec("PRAGMA synchronous=FULL");  // an acknowledged event survives a power cut
    migrate();
  } catch (...) {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    sqlite3_close(db_);
    throw;
  }
}

Store::~Store() {
  for (auto& [sql, st] : cache_) sqlite3_finalize(st);
  sqlite3_close(db_);
}

void Store::fail(int rc, std::string_view what) const {
  throw StoreError(rc, fmt::format("{}: {}", sqlite3_errmsg(db_), what.substr(0, 80)));
}

sqlite3_stmt* Store::statement(const char* sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return it->second;
  sqlite3_stmt* st = nullptr;
  if (int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr);
      rc != SQLITE_OK)
    fail(rc, sql);
  cache_.emplace(sql, st);
  return st;
}

void Store::exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw StoreError(rc, fmt::format("{}: {}", msg, std::string_view(sql).substr(0, 60)));
  }
}

void Store::rollback() noexcept { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }

bool Store::has_tables() {
  Query q(*this, "SELECT 1 FROM sqlite_master LIMIT 1");
  return q.step();
}

int Store::user_version() {
  Query q(*this, "PRAGMA user_version");
  return q.step() ? int(q.i64(0)) : 0;
}

// The current schema as SQL, read once per process from a private in-memory
// database that ran every migration: a new database gets in one step exactly
// what an old one migrated to (the chain's copies, drops and renames cost a
// new store as much as all the rest of its set-up).
static const std::string& current_schema() {
  static const std::string sql = [] {
    sqlite3* db = nullptr;
    std::string out;
    bool ok = sqlite3_open(":memory:", &db) == SQLITE_OK;
    for (int n = 1; ok && n <= kSchemaVersion; ++n)
      ok = sqlite3_exec(db, migration_sql(n), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_stmt* st = nullptr;
    ok = ok && sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY "
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

void Store::migrate() {
  exec("BEGIN IMMEDIATE");
  try {
    int v = user_version();
    if (v > kSchemaVersion)
      throw StoreError(SQLITE_ERROR, fmt::format("the database has schema version {}, newer than "
                                                 "this program's {}", v, kSchemaVersion));
    if (v == 0 && !has_tables()) {
      exec(current_schema().c_str());
      v = kSchemaVersion;
      exec(fmt::format("PRAGMA user_version = {}", v).c_str());
    }
    for (; v < kSchemaVersion; ++v) {
      exec(kMigrations[v]);
      exec(fmt::format("PRAGMA user_version = {}", v + 1).c_str());
    }
    exec("COMMIT");
  } catch (...) {
    rollback();
    throw;
  }
}

}  // namespace pb::rt

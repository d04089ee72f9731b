// store.cpp — connection (opened for reading or writing), statement cache,
// transactions under the busy policy, and running the schema migrations of
// store_schema.cpp (store.hpp).
#include "store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "text.hpp"

namespace pb::rt {

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
  while (step()) {}
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

void busy_pause(int attempt) {
  thread_local std::mt19937 rng{std::random_device{}()};
  int ms = 1 + int(rng() % unsigned(2 + 4 * std::min(attempt, 10)));
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

namespace {

// What a person can do about an error SQLite's message leaves open.
std::string hint(int code) {
  switch (code) {
    case SQLITE_READONLY_DIRECTORY:
      return "; the directory is read-only, so SQLite cannot create the -wal/-shm files beside the database";
    case SQLITE_READONLY: return "; this user cannot write the file";
    default: return "";
  }
}

bool is_uri_or_memory(const std::string& path) {
  return path.empty() || path == ":memory:" || path.starts_with("file:");
}

// `path` as an SQLite URI that opens it immutable: no locks, no -wal/-shm.
std::string immutable_uri(const std::string& path) {
  std::string abs = std::filesystem::absolute(path).lexically_normal().string(), out = "file:";
  for (char c : abs)
    out += (c == '%' || c == '?' || c == '#') ? fmt::format("%{:02X}", int(c)) : std::string(1, c);
  return out + "?immutable=1";
}

}  // namespace

Store::Store(const std::string& path, Access access, int busy_timeout_ms)
    : path_(path), access_(access), busy_timeout_ms_(busy_timeout_ms) {
  configure_sqlite_once();
  try {
    if (access == Access::Write)
      open_for_writing(true);
    else
      open_for_reading();
  } catch (...) {
    close();
    throw;
  }
}

Store::~Store() { close(); }

void Store::close() noexcept {
  for (auto& [sql, st] : cache_) sqlite3_finalize(st);
  cache_.clear();
  sqlite3_close(db_);
  db_ = nullptr;
}

void Store::connect(int flags, const std::string& name) {
  int rc = sqlite3_open_v2(name.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    close();
    throw StoreError(rc, fmt::format("cannot open database '{}': {}{}", path_, msg, hint(rc)));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms_);
}

void Store::with_busy_policy(const std::function<void()>& work, std::string_view doing) {
  for (int attempt = 0;; ++attempt) {
    try {
      work();
      return;
    } catch (const StoreError& e) {
      if (!e.busy()) throw;
      if (attempt >= kBusyRetries)
        throw StoreError(
            e.code, fmt::format("database '{}' is locked by another writer: tried to {} {} times, "
                                "waiting up to {:g} s each time",
                                path_, doing, attempt + 1, busy_timeout_ms_ / 1000.0));
    }
    busy_pause(attempt);
  }
}

void Store::begin_immediate() {
  with_busy_policy([this] { exec("BEGIN IMMEDIATE"); }, "start a write transaction");
}

// Writing: the file is created when absent (`create`) and migrated under the
// write lock only when its version is older.
void Store::open_for_writing(bool create) {
  connect(SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), path_);
  if (sqlite3_db_readonly(db_, "main") == 1)
    throw StoreError(SQLITE_READONLY,
                     fmt::format("database '{}' is read-only for this user, and this command "
                                 "writes to it",
                                 path_));
  exec("PRAGMA foreign_keys=ON");
  exec("PRAGMA synchronous=FULL");  // an acknowledged event survives a power cut
  with_busy_policy(
      [this] {
        exec("PRAGMA journal_mode=WAL");  // a no-op read unless the file is new
        if (checked_version() < kSchemaVersion) migrate();
      },
      "open it for writing");
}

// Reading: never creates, never writes, except an older schema's migration
// through a writing connection of its own (then read-only again).
void Store::open_for_reading() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!is_uri_or_memory(path_) && !fs::exists(path_, ec))
    throw StoreError(SQLITE_CANTOPEN,
                     fmt::format("there is no database '{}' (a read command does not create "
                                 "one; `tenant add` or `tenant import` does)",
                                 path_));
  connect(SQLITE_OPEN_READONLY, path_);
  int v = 0;
  try {
    v = checked_version();
  } catch (const StoreError& e) {
    // Nobody can be writing in WAL mode where no -wal file can be made.
    if (e.code != SQLITE_READONLY_DIRECTORY || fs::exists(path_ + "-wal", ec)) throw;
    close();
    connect(SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, immutable_uri(path_));
    v = checked_version();
  }
  if (v == kSchemaVersion) return;
  if (v == 0)
    throw StoreError(SQLITE_NOTADB,
                     fmt::format("database '{}' is empty: it holds no playbook store (a read "
                                 "command does not create one)",
                                 path_));
  close();
  try {
    open_for_writing(false);
  } catch (const StoreError& e) {
    if (e.busy()) throw;
    throw StoreError(
        e.code, fmt::format("database '{}' has schema version {}, older than this program's {}; a "
                            "read command migrates it first, which needs write access: {}",
                            path_, v, kSchemaVersion, e.what()));
  }
  close();
  connect(SQLITE_OPEN_READONLY, path_);
}

void Store::fail(int rc, std::string_view what) const {
  throw StoreError(rc, fmt::format("database '{}': {}{} ({})", path_, sqlite3_errmsg(db_), hint(rc),
                                   what.substr(0, 80)));
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
    rc = sqlite3_extended_errcode(db_);
    throw StoreError(rc, fmt::format("database '{}': {}{} ({})", path_, msg, hint(rc),
                                     std::string_view(sql).substr(0, 60)));
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

// The schema version, read without a write lock (a read transaction of its
// own, or the caller's). Throws for a newer schema or a foreign database.
int Store::checked_version() {
  int v = user_version();
  if (v > kSchemaVersion)
    throw StoreError(SQLITE_ERROR,
                     fmt::format("database '{}' has schema version {}, newer than this "
                                 "program's {}",
                                 path_, v, kSchemaVersion));
  if (v == 0 && has_tables())
    throw StoreError(SQLITE_NOTADB,
                     fmt::format("database '{}' is not a playbook store: it has tables but no "
                                 "schema version",
                                 path_));
  return v;
}

// Under the write lock: the version again (another process may have
// migrated meanwhile), then a new schema in one step or each migration due.
void Store::migrate() {
  exec("BEGIN IMMEDIATE");
  try {
    int v = checked_version();
    if (v == 0) {
      exec(current_schema_sql().c_str());
      v = kSchemaVersion;
      exec(fmt::format("PRAGMA user_version = {}", v).c_str());
    }
    for (; v < kSchemaVersion; ++v) {
      exec(migration_sql(v + 1));
      exec(fmt::format("PRAGMA user_version = {}", v + 1).c_str());
    }
    exec("COMMIT");
  } catch (...) {
    rollback();
    throw;
  }
}

}  // namespace pb::rt

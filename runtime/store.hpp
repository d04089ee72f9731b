// store.hpp — the embedded SQLite database: connection, cached prepared
// statements, transactions and the versioned schema (docs/runtime.md).
//
// Contract:
//  * A store is opened for writing or for reading (Access), chosen by the
//    command. Writing: creates the file when absent, sets WAL,
//    synchronous=FULL (a commit is fsynced) and foreign keys, and migrates
//    the schema forward to kSchemaVersion (PRAGMA user_version). A
//    read-only file is refused at once.
//  * Reading: the connection is SQLITE_OPEN_READONLY, so it cannot write;
//    reads are WAL read transactions, which never wait for a writer and
//    never hold one up. A missing or empty file is refused (never created).
//    A file in a directory this user cannot write (where SQLite cannot make
//    the -wal/-shm files) is read as an immutable file when no -wal file
//    is there. An older schema is migrated only then, through a writing
//    connection; when this user cannot write the file that is refused with
//    both versions named.
//  * Either way the schema version is checked first without any lock that
//    could block (a newer database than this program knows is refused, as
//    is an SQLite file that is not a playbook store); the write lock is
//    taken only when a migration is due.
//  * The busy policy, for every write transaction including the migration
//    on open: SQLite's busy handler waits up to the busy timeout for the
//    write lock, and BEGIN IMMEDIATE is tried kBusyRetries more times after
//    a short random pause; then StoreError with busy() and a message
//    naming the file and the waiting done.
//  * Every StoreError message names the database file and carries SQLite's
//    message.
//  * Only prepared statements, cached per SQL text; values are bound, never
//    spliced into SQL.
//  * SQLite failures inside the runtime throw StoreError (with the SQLite
//    result code); the engine catches them at its boundary. SQLITE_BUSY /
//    SQLITE_LOCKED are `busy()`.
//  * The event log is append-only: triggers abort UPDATE and DELETE on it.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pb::rt {

inline constexpr int kSchemaVersion = 9;

// The busy policy (see the contract above and docs/runtime.md).
inline constexpr int kBusyTimeoutMs = 5000;
inline constexpr int kBusyRetries = 2;
// The random pause before retry number `attempt` (from 0) of a busy or
// conflicting write: 1 to 2+4·min(attempt, 10) ms.
void busy_pause(int attempt);

// Whether a command may write the database (see the contract above).
enum class Access { Write, Read };

// The SQL of migration n (1 … kSchemaVersion), which brings user_version
// n-1 to n; nullptr otherwise (store_schema.cpp).
const char* migration_sql(int n);
// The current schema as SQL: exactly what the migrations build, for a new
// database in one step. Built once per process; throws StoreError if not.
const std::string& current_schema_sql();

struct StoreError : std::runtime_error {
  int code;
  StoreError(int c, const std::string& what) : std::runtime_error(what), code(c) {}
  bool busy() const {
    int primary = code & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
  }
};

class Store;

// A cached statement in use: binds, steps, reads columns; resets on scope exit.
class Query {
 public:
  Query(Store& store, const char* sql);
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& bind(int i, int64_t v);
  Query& bind(int i, std::string_view v);
  Query& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Query& bind_null(int i);
  bool step();  // true while a row is available
  void run();   // steps to completion
  int64_t i64(int col) const;
  std::string text(int col) const;  // invalid UTF-8 reads as U+FFFD (text.hpp)
  bool is_null(int col) const;

 private:
  Store& store_;
  sqlite3_stmt* stmt_;
};

class Store {
 public:
  // Opens for `access` (see the contract above). Throws StoreError.
  explicit Store(const std::string& path, Access access = Access::Write,
                 int busy_timeout_ms = kBusyTimeoutMs);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  sqlite3* db() const { return db_; }
  sqlite3_stmt* statement(const char* sql);
  void exec(const char* sql);  // for DDL and transaction control only
  [[noreturn]] void fail(int rc, std::string_view what) const;
  int64_t changes() const { return sqlite3_changes64(db_); }
  int64_t last_id() const { return sqlite3_last_insert_rowid(db_); }
  int user_version();
  bool has_tables();  // false for a database nothing was ever created in
  const std::string& path() const { return path_; }
  Access access() const { return access_; }

  // BEGIN IMMEDIATE under the busy policy.
  void begin_immediate();
  void begin_read() { exec("BEGIN"); }
  void commit() { exec("COMMIT"); }
  void rollback() noexcept;

 private:
  void connect(int flags, const std::string& name);
  // Runs `work` (which starts with taking the write lock) under the busy
  // policy; `doing` completes "tried to …" in the busy message.
  void with_busy_policy(const std::function<void()>& work, std::string_view doing);
  void close() noexcept;
  void open_for_writing(bool create);
  void open_for_reading();
  int checked_version();
  void migrate();
  std::string path_;
  Access access_;
  int busy_timeout_ms_;
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// Rolls back on scope exit unless commit() was called.
class Transaction {
 public:
  Transaction(Store& s, bool immediate) : s_(s) {
    immediate ? s.begin_immediate() : s.begin_read();
  }
  ~Transaction() {
    if (!done_) s_.rollback();
  }
  void commit() {
    s_.commit();
    done_ = true;
  }

 private:
  Store& s_;
  bool done_ = false;
};

}  // namespace pb::rt

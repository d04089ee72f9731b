// store.hpp — the embedded SQLite database: connection, cached prepared
// statements, transactions and the versioned schema (docs/runtime.md).
//
// Contract:
//  * open() sets WAL, synchronous=FULL (a commit is fsynced), foreign keys,
//    a busy timeout, and migrates the schema forward to kSchemaVersion
//    (PRAGMA user_version); a newer database than this program knows is
//    refused.
//  * Only prepared statements, cached per SQL text; values are bound, never
//    spliced into SQL.
//  * SQLite failures inside the runtime throw StoreError (with the SQLite
//    result code); the engine catches them at its boundary. SQLITE_BUSY /
//    SQLITE_LOCKED are `busy()`.
//  * The event log is append-only: triggers abort UPDATE and DELETE on it.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pb::rt {

inline constexpr int kSchemaVersion = 4;

// The SQL of migration n (1 … kSchemaVersion), which brings user_version
// n-1 to n; nullptr otherwise. For tests of the migrations.
const char* migration_sql(int n);

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
  // Opens (creating when absent) and migrates. Throws StoreError.
  explicit Store(const std::string& path, int busy_timeout_ms = 5000);
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

  void begin_immediate() { exec("BEGIN IMMEDIATE"); }
  void begin_read() { exec("BEGIN"); }
  void commit() { exec("COMMIT"); }
  void rollback() noexcept;

 private:
  void migrate();
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// Rolls back on scope exit unless commit() was called.
class Transaction {
 public:
  Transaction(Store& s, bool immediate) : s_(s) { immediate ? s.begin_immediate() : s.begin_read(); }
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

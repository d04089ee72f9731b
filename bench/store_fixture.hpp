// store_fixture.hpp — helpers of bench_store.cpp: the clock and the result
// line every figure prints, a raw SQLite statement wrapper for the baselines, inputs for the engine, and the fast builder of a
// large tenant database. The builder makes two template tenants through the
// engine and clones their rows (tenants, attributes, tasks, assignments,
// instances, timers, events) with INSERT … SELECT in big transactions, so
// every clone holds exactly the rows the engine would have written for it
// (replay matches), at a fraction of the cost. Bench code, not product code.
#pragma once

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "model/calendar_math.hpp"
#include "runtime/engine.hpp"

namespace bench {

using namespace pb;

using Clock = std::chrono::steady_clock;

inline const char* const kT0 = "2026-03-02T09:00:00Z";  // a Monday

inline Instant at(const char* iso, int64_t plus_secs = 0) {
  Instant t;
  parse_iso_instant(iso, t);
  return t + std::chrono::seconds(plus_secs);
}

inline double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// One figure beside its baseline; a ratio of 0 (none meant) prints as "-".
inline void line(const std::string& what, const std::string& fig, const std::string& base,
                 double ratio, const std::string& target, bool pass) {
  std::string r = ratio > 0 ? fmt::format("{:.2f}", ratio) : "-";
  fmt::print("{:<34} {:>16}   baseline {:>16}   ratio {:>6}   target {:<18} {}\n", what, fig, base,
             r, target, pass ? "PASS" : "MISS");
}

// A prepared statement on a raw connection; throws on any SQLite error.
class Raw {
 public:
  Raw(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) != SQLITE_OK) fail();
  }
  ~Raw() { sqlite3_finalize(st_); }
  Raw(const Raw&) = delete;
  Raw& operator=(const Raw&) = delete;
  Raw& bind(int i, int64_t v) { return sqlite3_bind_int64(st_, i, v), *this; }
  Raw& bind(int i, const std::string& v) {
    return sqlite3_bind_text(st_, i, v.data(), int(v.size()), SQLITE_TRANSIENT), *this;
  }
  bool step() {
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail();
    return false;
  }
  void run() {
    while (step()) {}
    sqlite3_reset(st_);
  }
  void reset() { sqlite3_reset(st_); }
  int64_t i64(int c) { return sqlite3_column_int64(st_, c); }
  std::string text(int c) {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(st_, c));
    return p ? std::string(p, size_t(sqlite3_column_bytes(st_, c))) : std::string();
  }

 private:
  [[noreturn]] void fail() {
    throw std::runtime_error(fmt::format("sqlite: {}", sqlite3_errmsg(db_)));
  }
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

inline void exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
    throw std::runtime_error(fmt::format("sqlite: {}: {}", sqlite3_errmsg(db), sql));
}

inline rt::LogInput input(rt::InputOp op, InputKind kind, Instant at) {
  rt::LogInput in;
  in.op = op;
  in.input.kind = kind;
  in.input.actor = "bench";
  in.at = at;
  return in;
}

inline rt::LogInput start_input(const std::string& playbook, Instant at) {
  rt::LogInput in = input(rt::InputOp::Start, InputKind::Start, at);
  in.playbook = playbook;
  return in;
}

inline rt::LogInput fire_input(const std::string& event,
                               std::vector<std::pair<std::string, std::string>> sets,
                               const std::string& note, Instant at) {
  rt::LogInput in = input(rt::InputOp::Fire, InputKind::Fire, at);
  in.input.event = event;
  in.input.sets = std::move(sets);
  in.input.note = note;
  return in;
}

inline void must(const rt::Response& r, const std::string& what) {
  if (r.exit != rt::kOk)
    throw std::runtime_error(fmt::format("{}: {} [{}]", what, r.message, r.code));
}

// A tenant added at `added` that starts `playbook` at `started`.
inline void make_template(rt::Engine& e, const std::string& id, const std::string& playbook,
                          Instant added, Instant started) {
  must(e.tenant_add(id, {{"region", "EMEA"}}, "bench", added), "tenant add " + id);
  must(e.submit(id, start_input(playbook, started)), "start " + id);
}

// Clone statements: the temp table ids(n, id, tpl) names each clone and its
// template; ?1..?2 is the range of n copied in one transaction.
inline const char* const kCloneSql[] = {
    "INSERT INTO tenants(id, version, created_at) SELECT ids.id, t.version, t.created_at "
    "FROM ids JOIN tenants t ON t.id = ids.tpl WHERE ids.n BETWEEN ?1 AND ?2 ORDER BY ids.n",
    "INSERT INTO attributes(tenant, name, value) SELECT ids.id, a.name, a.value "
    "FROM ids JOIN attributes a ON a.tenant = ids.tpl WHERE ids.n BETWEEN ?1 AND ?2",
    "INSERT INTO tasks(tenant, task, complete, who, at) SELECT ids.id, k.task, k.complete, k.who, k.at "
    "FROM ids JOIN tasks k ON k.tenant = ids.tpl WHERE ids.n BETWEEN ?1 AND ?2",
    "INSERT INTO assignments(tenant, queue, name, is_primary) SELECT ids.id, a.queue, a.name, a.is_primary "
    "FROM ids JOIN assignments a ON a.tenant = ids.tpl WHERE ids.n BETWEEN ?1 AND ?2 ORDER BY ids.n, a.id",
    "INSERT INTO instances(tenant, playbook, hash, step, entered_at, status, outcome, visits, version) "
    "SELECT ids.id, i.playbook, i.hash, i.step, i.entered_at, i.status, i.outcome, i.visits, i.version "
    "FROM ids JOIN instances i ON i.tenant = ids.tpl WHERE ids.n BETWEEN ?1 AND ?2 ORDER BY ids.n",
    "INSERT INTO timers(instance, step, transition, due) SELECT ci.id, tm.step, tm.transition, tm.due "
    "FROM ids JOIN instances ci ON ci.tenant = ids.id JOIN instances ti ON ti.tenant = ids.tpl "
    "JOIN timers tm ON tm.instance = ti.id WHERE ids.n BETWEEN ?1 AND ?2 ORDER BY ids.n, tm.id",
    "INSERT INTO events(tenant, instance, playbook, kind, input, actor, at, summary) "
    "SELECT ids.id, CASE WHEN e.instance IS NULL THEN NULL ELSE ci.id END, e.playbook, e.kind, e.input, "
    "e.actor, e.at, e.summary FROM ids JOIN events e ON e.tenant = ids.tpl "
    "LEFT JOIN instances ci ON ci.tenant = ids.id WHERE ids.n BETWEEN ?1 AND ?2 ORDER BY ids.n, e.id",
};

// The clone statements assume what the templates hold: one instance each,
// no notes, outreach or idempotency keys (they would need event id mapping).
inline void check_templates(sqlite3* db) {
  Raw q(
      db,
      "SELECT (SELECT count(*) FROM instances WHERE tenant LIKE 'tpl-%') = "
      "(SELECT count(*) FROM tenants WHERE id LIKE 'tpl-%'), "
      "(SELECT count(*) FROM notes) + (SELECT count(*) FROM outreach) + (SELECT count(*) FROM idempotency)");
  if (!q.step() || q.i64(0) != 1 || q.i64(1) != 0)
    throw std::runtime_error("the template tenants hold rows the cloner does not copy");
}

// Clones `n` tenants t0000001…: every `every`-th from tpl-due, the others
// from tpl-later. Big transactions of `chunk` tenants; WAL checkpointed.
inline void clone_tenants(const std::string& path, int64_t n, int64_t every,
                          int64_t chunk = 100000) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot open " + path);
  try {
    exec(db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY");
    check_templates(db);
    exec(db, "CREATE TEMP TABLE ids(n INTEGER PRIMARY KEY, id TEXT NOT NULL, tpl TEXT NOT NULL)");
    Raw ids(db,
            "INSERT INTO ids WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c "
            "WHERE n < ?1) SELECT n, printf('t%07d', n), CASE WHEN n % ?2 = 0 THEN 'tpl-due' "
            "ELSE 'tpl-later' END FROM c");
    ids.bind(1, n).bind(2, every).run();
    for (int64_t lo = 1; lo <= n; lo += chunk) {
      exec(db, "BEGIN");
      for (const char* sql : kCloneSql) Raw(db, sql).bind(1, lo).bind(2, lo + chunk - 1).run();
      exec(db, "COMMIT");
    }
    exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  sqlite3_close(db);
}

}  // namespace bench

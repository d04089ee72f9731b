// engine_import.cpp — `tenant import` as the engine runs it (engine.hpp):
// the checking pass in one read transaction, the writing pass in write
// transactions of `batch` rows. The rows come from the caller (the CLI reads
// them from a CSV file, as a stream); messages and exit codes are the
// caller's.
//
// Contract:
//  * The check writes no tenant: the ids it met are kept in a temporary
//    table of the store connection (not in memory: a file may hold
//    millions), dropped when the check ends; a second row for the same
//    tenant is bad (`duplicate-id`, naming the line of the first).
//  * The write commits every `batch` rows; a store failure or a refused
//    row rolls back the batch in flight, and what was committed stays: a
//    second run resumes (the committed rows are unchanged then).
//  * Nothing throws out of the rows' callbacks (the reader may be C code):
//    a store failure is caught in them and stops the rows.
#include <fmt/format.h>

#include <algorithm>

#include "engine.hpp"
#include "engine_impl.hpp"

namespace pb::rt {

namespace {

// The ids the check met, in a temporary table of the store connection.
class SeenIds {
 public:
  explicit SeenIds(Store& s) : s_(s) {
    s.exec(
        "CREATE TEMP TABLE IF NOT EXISTS import_ids(id TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID");
  }
  ~SeenIds() {
    try {
      s_.exec("DROP TABLE IF EXISTS temp.import_ids");
    } catch (const StoreError&) {  // the connection is closed with the command anyway
    }
  }
  // 0 the first time `id` is met, else the line it was first met on.
  size_t first_line(const std::string& id, size_t line) {
    Query ins(s_, "INSERT INTO temp.import_ids(id, line) VALUES(?, ?) ON CONFLICT(id) DO NOTHING");
    ins.bind(1, id).bind(2, int64_t(line)).run();
    if (s_.changes() == 1) return 0;
    Query q(s_, "SELECT line FROM temp.import_ids WHERE id = ?");
    q.bind(1, id);
    return q.step() ? size_t(q.i64(0)) : 0;
  }

 private:
  Store& s_;
};

// The write transaction of the batch in flight, if any: rolled back when it
// is dropped before its commit.
class Batch {
 public:
  explicit Batch(Store& s) : s_(s) {}
  ~Batch() { rollback(); }
  bool open() const { return open_; }
  void begin() {
    s_.begin_immediate();
    open_ = true;
  }
  void commit() {
    s_.commit();
    open_ = false;
  }
  void rollback() noexcept {
    if (open_) s_.rollback(), open_ = false;
  }

 private:
  Store& s_;
  bool open_ = false;
};

Response duplicate(size_t first) {
  return failure(
      kBadInput, RefusalCode::DuplicateId,
      fmt::format(
          "a second row for this tenant (the first is on line {}); give each tenant one row",
          first));
}

}  // namespace

Response Engine::import_check(const ImportRows& rows, const std::string& actor, Instant now,
                              const ImportVerdict& verdict) {
  Response fail;
  try {
    SeenIds seen(store_);
    Transaction rd(store_, false);
    rows([&](const ImportRow& r) {
      try {
        if (size_t first = r.id.empty() ? 0 : seen.first_line(r.id, r.line))
          return verdict(r, duplicate(first)), true;
        if (!r.bad.empty()) return verdict(r, failure(kBadInput, RefusalId{}, r.bad)), true;
        Response resp = tenant_put_in_tx(r.id, r.sets, actor, now, true);
        if (store_failed(resp)) return fail = resp, false;
        return verdict(r, resp), true;
      } catch (const StoreError& e) {
        return fail = store_failure(e), false;
      }
    });
    rd.commit();
  } catch (const StoreError& e) {
    fail = store_failure(e);
  }
  return fail;
}

ImportWrite Engine::import_write(const ImportRows& rows, size_t batch, const std::string& actor,
                                 Instant now, const ImportProgress& committed) {
  ImportWrite out;
  size_t in_batch = 0, pending = 0, pending_same = 0;
  batch = std::max<size_t>(1, batch);
  Batch tx(store_);
  auto flush = [&] {
    tx.commit();
    out.written += pending, out.unchanged += pending_same, pending = pending_same = in_batch = 0;
    if (committed) committed(out);
  };
  auto row = [&](const ImportRow& r) {
    try {
      if (!tx.open()) out.batch_line = r.line, tx.begin();
      Response resp = tenant_put_in_tx(r.id, r.sets, actor, now);
      if (store_failed(resp)) return out.failure = resp, false;
      if (resp.exit != kOk)  // another writer changed the tenant since the check
        return out.failure = resp, out.refused_line = r.line, out.refused_id = r.id, false;
      ++(resp.unchanged ? pending_same : pending);
      if (++in_batch == batch) flush();
      return true;
    } catch (const StoreError& e) {
      return out.failure = store_failure(e), false;
    }
  };
  try {
    out.read = rows(row) && out.failure.exit == kOk;
    if (out.read && tx.open()) flush();
  } catch (const StoreError& e) {  // COMMIT
    out.failure = store_failure(e), out.read = false;
  }
  tx.rollback();  // the batch in flight
  return out;
}

}  // namespace pb::rt

// fault_vfs.hpp — a SQLite VFS for the fault-injection tests, after SQLite's
// own I/O-error tests: it wraps the default (unix) VFS and, once armed,
// counts every xWrite, xSync and xRead of every file (database, -wal,
// journal) and fails the Nth call of one kind with an error code (e.g.
// SQLITE_IOERR_WRITE or SQLITE_FULL) — once, or that call and every later
// one of its kind (a disk that stays full). Disarmed, it only passes calls
// through. Test-only; not part of the product.
//
// FaultVfs installs itself as SQLite's default VFS for its lifetime (so code
// that opens databases by name, such as the CLI run in-process, goes through
// it) and gives the default back when destroyed. Not thread-safe: one test
// thread arms it at a time.
#pragma once

#include <sqlite3.h>

namespace pbt {

enum class FaultOp { Write, Sync, Read };

struct FaultCounts {
  int writes = 0, syncs = 0, reads = 0;
  int of(FaultOp op) const {
    return op == FaultOp::Write ? writes : op == FaultOp::Sync ? syncs : reads;
  }
};

class FaultVfs {
 public:
  FaultVfs();
  ~FaultVfs();
  FaultVfs(const FaultVfs&) = delete;
  FaultVfs& operator=(const FaultVfs&) = delete;

  // Counts from zero; the `nth` call (from 1) of `op` fails with `error`
  // (and every later one when `sticky`). nth = 0 only counts.
  void arm(FaultOp op, int nth, int error, bool sticky = false);
  void disarm();
  FaultCounts counts() const;
  bool fired() const;  // whether the armed fault was injected
};

}  // namespace pbt

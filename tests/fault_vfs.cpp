// fault_vfs.cpp — the fault-injecting SQLite VFS of fault_vfs.hpp: a thin
// wrapper whose file methods forward to the default VFS's file, after
// counting (and perhaps failing) xWrite, xSync and xRead. Memory-mapped I/O
// is not offered (io_methods version 2), so every page read is an xRead.
#include "fault_vfs.hpp"

#include <stdexcept>

namespace pbt {

namespace {

struct State {
  sqlite3_vfs* base = nullptr;
  sqlite3_vfs vfs{};
  sqlite3_io_methods methods{};
  bool armed = false, sticky = false, fired = false;
  FaultOp op = FaultOp::Write;
  int nth = 0, error = SQLITE_OK;
  FaultCounts counts;
};
State g;

// Our file; the default VFS's file follows it in the same allocation.
struct File {
  sqlite3_file base;
  sqlite3_file* real;
};

sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

// SQLITE_OK, or the error this call of `op` is to fail with.
int inject(FaultOp op) {
  if (!g.armed) return SQLITE_OK;
  int& n = op == FaultOp::Write  ? g.counts.writes
           : op == FaultOp::Sync ? g.counts.syncs
                                 : g.counts.reads;
  ++n;
  if (op != g.op || g.nth == 0 || !(n == g.nth || (g.sticky && n > g.nth))) return SQLITE_OK;
  g.fired = true;
  return g.error;
}

int f_close(sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); }
int f_read(sqlite3_file* f, void* buf, int amt, sqlite3_int64 off) {
  if (int rc = inject(FaultOp::Read)) return rc;
  return real(f)->pMethods->xRead(real(f), buf, amt, off);
}
int f_write(sqlite3_file* f, const void* buf, int amt, sqlite3_int64 off) {
  if (int rc = inject(FaultOp::Write)) return rc;
  return real(f)->pMethods->xWrite(real(f), buf, amt, off);
}
int f_truncate(sqlite3_file* f, sqlite3_int64 size) {
  return real(f)->pMethods->xTruncate(real(f), size);
}
int f_sync(sqlite3_file* f, int flags) {
  if (int rc = inject(FaultOp::Sync)) return rc;
  return real(f)->pMethods->xSync(real(f), flags);
}
int f_size(sqlite3_file* f, sqlite3_int64* size) {
  return real(f)->pMethods->xFileSize(real(f), size);
}
int f_lock(sqlite3_file* f, int level) { return real(f)->pMethods->xLock(real(f), level); }
int f_unlock(sqlite3_file* f, int level) { return real(f)->pMethods->xUnlock(real(f), level); }
int f_reserved(sqlite3_file* f, int* out) {
  return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int f_control(sqlite3_file* f, int op, void* arg) {
  return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int f_sector(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int f_device(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int f_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
}
int f_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void f_shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
int f_shm_unmap(sqlite3_file* f, int del) { return real(f)->pMethods->xShmUnmap(real(f), del); }

int v_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out) {
  auto* p = reinterpret_cast<File*>(f);
  p->real = reinterpret_cast<sqlite3_file*>(p + 1);
  int rc = g.base->xOpen(g.base, name, p->real, flags, out);
  p->base.pMethods = p->real->pMethods ? &g.methods : nullptr;
  return rc;
}
int v_delete(sqlite3_vfs*, const char* name, int sync) {
  return g.base->xDelete(g.base, name, sync);
}
int v_access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return g.base->xAccess(g.base, name, flags, out);
}
int v_full(sqlite3_vfs*, const char* name, int n, char* out) {
  return g.base->xFullPathname(g.base, name, n, out);
}
int v_random(sqlite3_vfs*, int n, char* out) { return g.base->xRandomness(g.base, n, out); }
int v_sleep(sqlite3_vfs*, int us) { return g.base->xSleep(g.base, us); }
int v_time(sqlite3_vfs*, double* out) { return g.base->xCurrentTime(g.base, out); }
int v_error(sqlite3_vfs*, int n, char* out) { return g.base->xGetLastError(g.base, n, out); }
int v_time64(sqlite3_vfs*, sqlite3_int64* out) { return g.base->xCurrentTimeInt64(g.base, out); }

void build() {
  g.methods = sqlite3_io_methods{
      2,          f_close,       f_read,      f_write,   f_truncate, f_sync,   f_size,
      f_lock,     f_unlock,      f_reserved,  f_control, f_sector,   f_device, f_shm_map,
      f_shm_lock, f_shm_barrier, f_shm_unmap, nullptr,   nullptr};
  g.vfs = sqlite3_vfs{};
  g.vfs.iVersion = 2;
  g.vfs.szOsFile = int(sizeof(File)) + g.base->szOsFile;
  g.vfs.mxPathname = g.base->mxPathname;
  g.vfs.zName = "pb-fault";
  g.vfs.xOpen = v_open;
  g.vfs.xDelete = v_delete;
  g.vfs.xAccess = v_access;
  g.vfs.xFullPathname = v_full;
  g.vfs.xRandomness = v_random;
  g.vfs.xSleep = v_sleep;
  g.vfs.xCurrentTime = v_time;
  g.vfs.xGetLastError = v_error;
  g.vfs.xCurrentTimeInt64 = v_time64;
}

}  // namespace

FaultVfs::FaultVfs() {
  if (g.base) throw std::logic_error("one FaultVfs at a time");
  sqlite3_initialize();
  g.base = sqlite3_vfs_find(nullptr);
  if (!g.base || g.base->iVersion < 2) throw std::runtime_error("no default SQLite VFS to wrap");
  build();
  if (sqlite3_vfs_register(&g.vfs, 1) != SQLITE_OK)
    throw std::runtime_error("cannot register the fault VFS");
}

FaultVfs::~FaultVfs() {
  sqlite3_vfs_register(g.base, 1);
  sqlite3_vfs_unregister(&g.vfs);
  g = State{};
}

void FaultVfs::arm(FaultOp op, int nth, int error, bool sticky) {
  g.counts = FaultCounts{};
  g.op = op;
  g.nth = nth;
  g.error = error;
  g.sticky = sticky;
  g.fired = false;
  g.armed = true;
}

void FaultVfs::disarm() { g.armed = false; }

FaultCounts FaultVfs::counts() const { return g.counts; }

bool FaultVfs::fired() const { return g.fired; }

}  // namespace pbt

#pragma once
// A fault-injecting SQLite VFS for tests (issue 15, LevelDB's Env idea):
// registered as the default, it forwards to the real one, and while armed
// (`countdown` >= 0) counts writes and syncs down; the one that reaches zero
// fails with SQLITE_IOERR_WRITE or SQLITE_IOERR_FSYNC. Used by the server's
// store test (tests/server/io_fault_test.cpp) and the device's
// (tests/core/local_store_io_fault_test.cpp).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <string>

namespace secap::testing::faulty_vfs {

inline std::atomic<int> g_countdown{-1};  // -1: disarmed
inline std::atomic<int> g_faults{0};
inline sqlite3_vfs* g_real = nullptr;

inline bool failNow() {
  int left = g_countdown.load();
  while (left >= 0) {
    if (g_countdown.compare_exchange_weak(left, left - 1)) {
      if (left == 0) {
        ++g_faults;
        return true;
      }
      return false;
    }
  }
  return false;
}

struct FaultyFile {
  sqlite3_file base;  // must come first
  sqlite3_file* real;
};

inline sqlite3_file* realOf(sqlite3_file* f) { return reinterpret_cast<FaultyFile*>(f)->real; }

inline int xClose(sqlite3_file* f) {
  sqlite3_file* real = realOf(f);
  const int rc = real->pMethods ? real->pMethods->xClose(real) : SQLITE_OK;
  sqlite3_free(real);
  return rc;
}
inline int xRead(sqlite3_file* f, void* p, int n, sqlite3_int64 off) {
  return realOf(f)->pMethods->xRead(realOf(f), p, n, off);
}
inline int xWrite(sqlite3_file* f, const void* p, int n, sqlite3_int64 off) {
  if (failNow()) return SQLITE_IOERR_WRITE;
  return realOf(f)->pMethods->xWrite(realOf(f), p, n, off);
}
inline int xTruncate(sqlite3_file* f, sqlite3_int64 size) { return realOf(f)->pMethods->xTruncate(realOf(f), size); }
inline int xSync(sqlite3_file* f, int flags) {
  if (failNow()) return SQLITE_IOERR_FSYNC;
  return realOf(f)->pMethods->xSync(realOf(f), flags);
}
inline int xFileSize(sqlite3_file* f, sqlite3_int64* size) { return realOf(f)->pMethods->xFileSize(realOf(f), size); }
inline int xLock(sqlite3_file* f, int l) { return realOf(f)->pMethods->xLock(realOf(f), l); }
inline int xUnlock(sqlite3_file* f, int l) { return realOf(f)->pMethods->xUnlock(realOf(f), l); }
inline int xCheckReservedLock(sqlite3_file* f, int* out) {
  return realOf(f)->pMethods->xCheckReservedLock(realOf(f), out);
}
inline int xFileControl(sqlite3_file* f, int op, void* arg) {
  return realOf(f)->pMethods->xFileControl(realOf(f), op, arg);
}
inline int xSectorSize(sqlite3_file* f) { return realOf(f)->pMethods->xSectorSize(realOf(f)); }
inline int xDeviceCharacteristics(sqlite3_file* f) { return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f)); }
inline int xShmMap(sqlite3_file* f, int pg, int sz, int extend, void volatile** p) {
  return realOf(f)->pMethods->xShmMap(realOf(f), pg, sz, extend, p);
}
inline int xShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return realOf(f)->pMethods->xShmLock(realOf(f), offset, n, flags);
}
inline void xShmBarrier(sqlite3_file* f) { realOf(f)->pMethods->xShmBarrier(realOf(f)); }
inline int xShmUnmap(sqlite3_file* f, int del) { return realOf(f)->pMethods->xShmUnmap(realOf(f), del); }

inline const sqlite3_io_methods kMethods = {2,
                                            xClose,
                                            xRead,
                                            xWrite,
                                            xTruncate,
                                            xSync,
                                            xFileSize,
                                            xLock,
                                            xUnlock,
                                            xCheckReservedLock,
                                            xFileControl,
                                            xSectorSize,
                                            xDeviceCharacteristics,
                                            xShmMap,
                                            xShmLock,
                                            xShmBarrier,
                                            xShmUnmap,
                                            nullptr,
                                            nullptr};

inline int vfsOpen(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* outFlags) {
  auto* file = reinterpret_cast<FaultyFile*>(f);
  file->base.pMethods = nullptr;
  file->real = static_cast<sqlite3_file*>(sqlite3_malloc(g_real->szOsFile));
  if (!file->real) return SQLITE_NOMEM;
  std::memset(file->real, 0, static_cast<size_t>(g_real->szOsFile));
  const int rc = g_real->xOpen(g_real, name, file->real, flags, outFlags);
  if (rc != SQLITE_OK) {
    sqlite3_free(file->real);
    return rc;
  }
  file->base.pMethods = &kMethods;
  return SQLITE_OK;
}

inline sqlite3_vfs g_faulty;

inline void installFaultyVfs() {
  static bool installed = [] {
    g_real = sqlite3_vfs_find(nullptr);
    g_faulty = *g_real;
    g_faulty.zName = "secap-faulty";
    g_faulty.szOsFile = static_cast<int>(sizeof(FaultyFile));
    g_faulty.xOpen = vfsOpen;
    g_faulty.pNext = nullptr;
    return sqlite3_vfs_register(&g_faulty, /*makeDflt=*/1) == SQLITE_OK;
  }();
  ASSERT_TRUE(installed);
}

// True when the database at `path` passes PRAGMA integrity_check (opened
// through the real VFS).
inline bool intact(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, g_real->zName) != SQLITE_OK) return false;
  sqlite3_stmt* st = nullptr;
  bool ok = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW &&
            std::strcmp(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok") == 0;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return ok;
}

}  // namespace secap::testing::faulty_vfs

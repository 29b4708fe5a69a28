#pragma once
// A small RAII wrapper over the SQLite C API: Db owns a connection, Stmt a
// prepared statement, Transaction a BEGIN..COMMIT that rolls back unless
// committed. Errors come back as Status, with SQLite's message; SQLITE_FULL
// and SQLITE_IOERR map to kResourceExhausted / kDataLoss so callers can tell
// a full disk apart. Not thread-safe: one thread at a time per Db (callers
// hold their own mutex).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "secap/core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace secap::core::sqlite {

class Db;

class Stmt {
 public:
  Stmt() = default;
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Binding, 1-based like SQLite. Return *this to chain.
  Stmt& bind(int idx, int64_t v);
  Stmt& bind(int idx, int v) { return bind(idx, static_cast<int64_t>(v)); }
  Stmt& bind(int idx, double v);
  Stmt& bind(int idx, std::string_view text);
  Stmt& bind(int idx, const char* text) { return bind(idx, std::string_view(text)); }
  Stmt& bind(int idx, const std::string& text) { return bind(idx, std::string_view(text)); }
  Stmt& bindBlob(int idx, std::string_view bytes);
  Stmt& bindNull(int idx);

  // Steps once: a row (true), done (false), or an error.
  Result<bool> step();
  // Steps to completion, for statements that return no rows.
  Status exec();
  void reset();

  [[nodiscard]] int64_t columnInt(int col) const;
  [[nodiscard]] double columnDouble(int col) const;
  [[nodiscard]] std::string columnText(int col) const;
  [[nodiscard]] std::string columnBlob(int col) const;
  [[nodiscard]] bool columnIsNull(int col) const;

 private:
  friend class Db;
  Stmt(sqlite3* db, sqlite3_stmt* s) : m_db(db), m_stmt(s) {}
  sqlite3* m_db = nullptr;
  sqlite3_stmt* m_stmt = nullptr;
};

class Db {
 public:
  // Opens (creating if needed) a database file in WAL mode with foreign keys on.
  static Result<std::unique_ptr<Db>> open(const std::string& path);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Status exec(std::string_view sql);
  Result<Stmt> prepare(std::string_view sql);
  // A prepared statement kept for the life of the connection, reset and
  // with its bindings cleared: for hot paths. The pointer stays valid.
  Result<Stmt*> cached(std::string_view sql);
  [[nodiscard]] int64_t lastInsertRowId() const;
  [[nodiscard]] int changes() const;
  [[nodiscard]] sqlite3* handle() const { return m_db; }

  // An online copy of this database into a new file at `path` (SQLite's
  // backup API, one pass in one read transaction: a consistent snapshot,
  // while other connections keep writing in WAL mode). Written to
  // `path`.part, synced, then renamed, so `path` is whole or absent.
  // kAlreadyExists when `path` exists.
  Status backupTo(const std::string& path);

  // Turns the last error of this connection into a Status.
  [[nodiscard]] Status lastError(std::string_view context) const;

 private:
  explicit Db(sqlite3* db) : m_db(db) {}
  sqlite3* m_db;
  std::unordered_map<std::string, std::unique_ptr<Stmt>> m_cache;
};

// BEGIN IMMEDIATE on construction via begin(); ROLLBACK in the destructor
// unless commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Db& db) : m_db(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Status begin();
  Status commit();

 private:
  Db& m_db;
  bool m_open = false;
};

// Maps an SQLite result code to a Status with `context` in its message.
Status statusFromSqlite(int rc, std::string_view context, std::string_view detail);

}  // namespace secap::core::sqlite

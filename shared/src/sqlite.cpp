#include "secap/core/sqlite.h"

#include <sqlite3.h>

#include <filesystem>
#include <string>

namespace secap::core::sqlite {

Status statusFromSqlite(int rc, std::string_view context, std::string_view detail) {
  std::string msg = std::string(context) + ": " + std::string(detail);
  switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return Status::ok();
    case SQLITE_FULL:
      return {StatusCode::kResourceExhausted, "the disk is full (" + msg + ")"};
    case SQLITE_IOERR:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return {StatusCode::kDataLoss, msg};
    case SQLITE_CONSTRAINT:
      return {StatusCode::kAlreadyExists, msg};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {StatusCode::kUnavailable, msg};
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return {StatusCode::kFailedPrecondition, msg};
    default:
      return {StatusCode::kInternal, msg};
  }
}

Stmt::Stmt(Stmt&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) { other.m_stmt = nullptr; }

Stmt& Stmt::operator=(Stmt&& other) noexcept {
  if (this != &other) {
    if (m_stmt) sqlite3_finalize(m_stmt);
    m_db = other.m_db;
    m_stmt = other.m_stmt;
    other.m_stmt = nullptr;
  }
  return *this;
}

Stmt::~Stmt() {
  if (m_stmt) sqlite3_finalize(m_stmt);
}

Stmt& Stmt::bind(int idx, int64_t v) {
  sqlite3_bind_int64(m_stmt, idx, v);
  return *this;
}
Stmt& Stmt::bind(int idx, double v) {
  sqlite3_bind_double(m_stmt, idx, v);
  return *this;
}
Stmt& Stmt::bind(int idx, std::string_view text) {
  sqlite3_bind_text(m_stmt, idx, text.empty() ? "" : text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bindBlob(int idx, std::string_view bytes) {
  if (bytes.empty()) {
    sqlite3_bind_zeroblob(m_stmt, idx, 0);  // an empty blob, not NULL
    return *this;
  }
  sqlite3_bind_blob(m_stmt, idx, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bindNull(int idx) {
  sqlite3_bind_null(m_stmt, idx);
  return *this;
}

Result<bool> Stmt::step() {
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return statusFromSqlite(rc, "sqlite step", sqlite3_errmsg(m_db));
}

Status Stmt::exec() {
  for (;;) {
    auto r = step();
    if (!r.isOk()) {
      sqlite3_reset(m_stmt);
      return r.status();
    }
    if (!*r) break;
  }
  sqlite3_reset(m_stmt);
  return Status::ok();
}

void Stmt::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

int64_t Stmt::columnInt(int col) const { return sqlite3_column_int64(m_stmt, col); }
double Stmt::columnDouble(int col) const { return sqlite3_column_double(m_stmt, col); }
std::string Stmt::columnText(int col) const {
  const auto* p = sqlite3_column_text(m_stmt, col);
  const int n = sqlite3_column_bytes(m_stmt, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}
std::string Stmt::columnBlob(int col) const {
  const auto* p = sqlite3_column_blob(m_stmt, col);
  const int n = sqlite3_column_bytes(m_stmt, col);
  return p ? std::string(static_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}
bool Stmt::columnIsNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }

Result<std::unique_ptr<Db>> Db::open(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status st = statusFromSqlite(rc, "cannot open database " + path, raw ? sqlite3_errmsg(raw) : "out of memory");
    sqlite3_close(raw);
    return st;
  }
  std::unique_ptr<Db> db(new Db(raw));
  sqlite3_busy_timeout(raw, 5000);
  sqlite3_extended_result_codes(raw, 1);
  // Checks that the file really is a database before anything else.
  Status st = db->exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;");
  if (!st.isOk()) return st;
  return db;
}

Db::~Db() {
  m_cache.clear();  // Finalise cached statements before closing.
  sqlite3_close_v2(m_db);
}

Status Db::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  const int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string detail = err ? err : sqlite3_errmsg(m_db);
    sqlite3_free(err);
    return statusFromSqlite(rc, "sqlite exec", detail);
  }
  return Status::ok();
}

Result<Stmt> Db::prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  const int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &s, nullptr);
  if (rc != SQLITE_OK) return statusFromSqlite(rc, "sqlite prepare", sqlite3_errmsg(m_db));
  return Stmt(m_db, s);
}

Result<Stmt*> Db::cached(std::string_view sql) {
  auto it = m_cache.find(std::string(sql));
  if (it == m_cache.end()) {
    auto st = prepare(sql);
    if (!st.isOk()) return st.status();
    it = m_cache.emplace(std::string(sql), std::make_unique<Stmt>(std::move(st).value())).first;
  }
  it->second->reset();
  return it->second.get();
}

int64_t Db::lastInsertRowId() const { return sqlite3_last_insert_rowid(m_db); }
int Db::changes() const { return sqlite3_changes(m_db); }

Status Db::backupTo(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return {StatusCode::kAlreadyExists, path + " exists already"};
  const std::string part = path + ".part";
  std::filesystem::remove(part, ec);
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(part.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    Status st = statusFromSqlite(rc, "cannot create " + part, dest ? sqlite3_errmsg(dest) : "out of memory");
    sqlite3_close(dest);
    return st;
  }
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", m_db, "main");
  if (!backup) {
    Status st = statusFromSqlite(sqlite3_errcode(dest), "cannot start the backup", sqlite3_errmsg(dest));
    sqlite3_close(dest);
    std::filesystem::remove(part, ec);
    return st;
  }
  // All pages in one step: one read transaction, so one consistent state.
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_OK);
  sqlite3_backup_finish(backup);
  Status st = Status::ok();
  if (rc != SQLITE_DONE) st = statusFromSqlite(rc, "the backup failed", sqlite3_errmsg(dest));
  // A copy that is one file: no WAL beside it.
  if (st.isOk() && sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) != SQLITE_OK)
    st = statusFromSqlite(sqlite3_errcode(dest), "the backup failed", sqlite3_errmsg(dest));
  sqlite3_close(dest);
  if (st.isOk()) {
    std::filesystem::rename(part, path, ec);
    if (ec) st = {StatusCode::kUnavailable, "cannot rename " + part + " to " + path + ": " + ec.message()};
  }
  if (!st.isOk()) std::filesystem::remove(part, ec);
  return st;
}

Status Db::lastError(std::string_view context) const {
  return statusFromSqlite(sqlite3_errcode(m_db), context, sqlite3_errmsg(m_db));
}

Transaction::~Transaction() {
  if (m_open) (void)m_db.exec("ROLLBACK");
}

Status Transaction::begin() {
  SECAP_RETURN_IF_ERROR(m_db.exec("BEGIN IMMEDIATE"));
  m_open = true;
  return Status::ok();
}

Status Transaction::commit() {
  Status st = m_db.exec("COMMIT");
  if (st.isOk()) m_open = false;
  return st;
}

}  // namespace secap::core::sqlite

#pragma once
// A small RAII wrapper around libpq (PLATFORM.md: Debian's libpqxx is 6.4,
// so we use libpq directly): a connection, a result, prepared statements by
// SQL text, binary parameters and results, and a connection pool.
//
// Parameters and results use PostgreSQL's binary format, so int8, float8,
// bytea and text travel without escaping or parsing. Writes whose answer
// nothing waits for can be queued (libpq's pipeline mode): they travel
// together, one round trip for many, instead of one each. Errors become Status:
// connection loss → kUnavailable, deadlock and serialization failures →
// kAborted (retry the transaction), unique violations → kAlreadyExists.
//
// A Conn is used by one thread at a time; the Pool is thread-safe.

#include <libpq-fe.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "secap/core/status.h"

namespace secap::server::pg {

using core::Result;
using core::Status;

// One bound parameter, in binary format with its type OID.
struct Param {
  unsigned int oid = 0;  // 0: NULL
  std::string bytes;
  bool isNull = false;

  static Param int8(int64_t v);
  static Param float8(double v);
  static Param text(std::string_view v);
  static Param bytea(std::string_view v);
  static Param textArray(const std::vector<std::string>& values);
  static Param int8Array(const std::vector<int64_t>& values);
  static Param float8Array(const std::vector<double>& values);
};

// Round trips to PostgreSQL made by this process so far: a statement run and
// waited for, a prepare, or one flush of queued statements. For tests and
// benchmarks that count what a push costs.
int64_t roundTrips();

// The rows of one statement, in binary format.
class Rows {
 public:
  Rows() = default;
  explicit Rows(PGresult* r) : m_res(r, &PQclear) {}

  [[nodiscard]] int size() const { return m_res ? PQntuples(m_res.get()) : 0; }
  [[nodiscard]] bool empty() const { return size() == 0; }
  [[nodiscard]] bool isNull(int row, int col) const { return PQgetisnull(m_res.get(), row, col) != 0; }
  // int2/int4/int8 columns.
  [[nodiscard]] int64_t getInt(int row, int col) const;
  [[nodiscard]] double getDouble(int row, int col) const;
  // text and bytea columns: the raw bytes.
  [[nodiscard]] std::string getBytes(int row, int col) const;
  [[nodiscard]] bool getBool(int row, int col) const;
  // Rows affected by INSERT/UPDATE/DELETE.
  [[nodiscard]] int64_t affected() const;

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> m_res{nullptr, &PQclear};
};

class Conn {
 public:
  static Result<std::unique_ptr<Conn>> connect(const std::string& url);
  ~Conn() = default;
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // Runs one or more statements without parameters (DDL, BEGIN, COMMIT).
  Status exec(std::string_view sql);
  // Runs `sql` with parameters, preparing it on first use on this connection.
  // exec and query first wait for every queued statement (flush) and fail
  // with the first error among them.
  Result<Rows> query(const std::string& sql, const std::vector<Param>& params = {});
  // Sends `sql` without waiting for its answer (pipeline mode). Its error,
  // if any, comes from the next flush, exec or query: inside a transaction
  // the transaction then fails whole, as it would have at once.
  Status queue(const std::string& sql, const std::vector<Param>& params);
  // Waits for every queued statement: one round trip for all of them.
  Status flush();

  // False once the connection is broken; the pool then replaces it.
  [[nodiscard]] bool healthy() const { return PQstatus(m_conn.get()) == CONNECTION_OK; }
  [[nodiscard]] bool inTransaction() const { return PQtransactionStatus(m_conn.get()) != PQTRANS_IDLE; }

 private:
  explicit Conn(PGconn* c) : m_conn(c, &PQfinish) {}
  Status errorOf(PGresult* r, std::string_view what) const;
  // The name of `sql` prepared on this connection, preparing it first.
  Result<std::string> prepared(const std::string& sql, const std::vector<Param>& params);

  // More than this many queued statements are flushed, so that neither side
  // buffers an unbounded backlog of answers.
  static constexpr int kMaxQueued = 4096;
  std::unique_ptr<PGconn, void (*)(PGconn*)> m_conn;
  std::unordered_map<std::string, std::string> m_prepared;  // sql → statement name
  int m_queued = 0;
};

// A fixed-size pool. lease() waits for a free connection; a connection that
// broke while leased is dropped and a new one opened on the next lease.
class Pool {
 public:
  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Conn> conn) : m_pool(&pool), m_conn(std::move(conn)) {}
    Lease(Lease&& o) noexcept : m_pool(o.m_pool), m_conn(std::move(o.m_conn)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (m_conn) m_pool->giveBack(std::move(m_conn));
    }
    Conn* operator->() { return m_conn.get(); }
    Conn& operator*() { return *m_conn; }

   private:
    Pool* m_pool;
    std::unique_ptr<Conn> m_conn;
  };

  Pool(std::string url, int size) : m_url(std::move(url)), m_size(size) {}
  Result<Lease> lease();

 private:
  void giveBack(std::unique_ptr<Conn> conn);

  const std::string m_url;
  const int m_size;
  std::mutex m_mu;
  std::condition_variable m_cv;
  std::vector<std::unique_ptr<Conn>> m_idle;
  int m_open = 0;
};

}  // namespace secap::server::pg

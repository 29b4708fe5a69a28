#include "pg.h"

#include <endian.h>

#include <atomic>
#include <cstring>

namespace secap::server::pg {

namespace {

using core::StatusCode;

// Type OIDs from pg_type.h (stable across PostgreSQL versions).
constexpr unsigned int kBoolOid = 16;
constexpr unsigned int kByteaOid = 17;
constexpr unsigned int kInt8Oid = 20;
constexpr unsigned int kInt2Oid = 21;
constexpr unsigned int kInt4Oid = 23;
constexpr unsigned int kTextOid = 25;
constexpr unsigned int kFloat8Oid = 701;
constexpr unsigned int kTextArrayOid = 1009;
constexpr unsigned int kInt8ArrayOid = 1016;
constexpr unsigned int kFloat8ArrayOid = 1022;

std::atomic<int64_t> g_roundTrips{0};

std::string be32(uint32_t v) {
  v = htobe32(v);
  return {reinterpret_cast<const char*>(&v), 4};
}

std::string be64(uint64_t v) {
  v = htobe64(v);
  return {reinterpret_cast<const char*>(&v), 8};
}

uint64_t readBe64(const char* p) {
  uint64_t v = 0;
  std::memcpy(&v, p, 8);
  return be64toh(v);
}

uint32_t readBe32(const char* p) {
  uint32_t v = 0;
  std::memcpy(&v, p, 4);
  return be32toh(v);
}

// The binary array format: ndim, has-nulls, element oid, then per
// dimension (length, lower bound), then (length, bytes) per element.
std::string arrayHeader(unsigned int elementOid, size_t n) {
  return be32(1) + be32(0) + be32(elementOid) + be32(static_cast<uint32_t>(n)) + be32(1);
}

}  // namespace

int64_t roundTrips() { return g_roundTrips.load(std::memory_order_relaxed); }

Param Param::int8(int64_t v) { return {kInt8Oid, be64(static_cast<uint64_t>(v)), false}; }

Param Param::float8(double v) {
  uint64_t bits = 0;
  std::memcpy(&bits, &v, 8);
  return {kFloat8Oid, be64(bits), false};
}

Param Param::text(std::string_view v) { return {kTextOid, std::string(v), false}; }

Param Param::bytea(std::string_view v) { return {kByteaOid, std::string(v), false}; }

Param Param::textArray(const std::vector<std::string>& values) {
  std::string out = arrayHeader(kTextOid, values.size());
  for (const auto& v : values) out += be32(static_cast<uint32_t>(v.size())) + v;
  return {kTextArrayOid, std::move(out), false};
}

Param Param::int8Array(const std::vector<int64_t>& values) {
  std::string out = arrayHeader(kInt8Oid, values.size());
  for (const int64_t v : values) out += be32(8) + be64(static_cast<uint64_t>(v));
  return {kInt8ArrayOid, std::move(out), false};
}

Param Param::float8Array(const std::vector<double>& values) {
  std::string out = arrayHeader(kFloat8Oid, values.size());
  for (const double v : values) out += be32(8) + float8(v).bytes;
  return {kFloat8ArrayOid, std::move(out), false};
}

int64_t Rows::getInt(int row, int col) const {
  const char* p = PQgetvalue(m_res.get(), row, col);
  switch (PQftype(m_res.get(), col)) {
    case kInt8Oid:
      return static_cast<int64_t>(readBe64(p));
    case kInt4Oid:
      return static_cast<int32_t>(readBe32(p));
    case kInt2Oid: {
      uint16_t v = 0;
      std::memcpy(&v, p, 2);
      return static_cast<int16_t>(be16toh(v));
    }
    case kBoolOid:
      return *p ? 1 : 0;
    default:
      return 0;
  }
}

double Rows::getDouble(int row, int col) const {
  const uint64_t bits = readBe64(PQgetvalue(m_res.get(), row, col));
  double d = 0;
  std::memcpy(&d, &bits, 8);
  return d;
}

std::string Rows::getBytes(int row, int col) const {
  return {PQgetvalue(m_res.get(), row, col), static_cast<size_t>(PQgetlength(m_res.get(), row, col))};
}

bool Rows::getBool(int row, int col) const { return *PQgetvalue(m_res.get(), row, col) != 0; }

int64_t Rows::affected() const {
  const char* n = PQcmdTuples(m_res.get());
  return (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
}

Result<std::unique_ptr<Conn>> Conn::connect(const std::string& url) {
  PGconn* raw = PQconnectdb(url.c_str());
  std::unique_ptr<Conn> conn(new Conn(raw));
  if (!raw || PQstatus(raw) != CONNECTION_OK) {
    std::string why = raw ? PQerrorMessage(raw) : "out of memory";
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return core::unavailable("cannot connect to PostgreSQL: " + why);
  }
  // Quiet NOTICEs (CREATE ... IF NOT EXISTS) stay out of the server log.
  PQsetNoticeProcessor(
      raw, [](void*, const char*) {}, nullptr);
  return conn;
}

Status Conn::errorOf(PGresult* r, std::string_view what) const {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = r ? PQresultErrorMessage(r) : PQerrorMessage(m_conn.get());
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  message = std::string(what) + ": " + message;
  if (!healthy()) return core::unavailable("lost the PostgreSQL connection: " + message);
  const std::string sqlstate = state ? state : "";
  if (sqlstate == "40001" || sqlstate == "40P01") return {StatusCode::kAborted, message};
  if (sqlstate == "23505") return {StatusCode::kAlreadyExists, message};
  if (sqlstate == "53100") return {StatusCode::kResourceExhausted, "the database disk is full: " + message};
  if (sqlstate.rfind("08", 0) == 0 || sqlstate == "57P01") return core::unavailable(message);
  return core::internalError(message);
}

Status Conn::exec(std::string_view sql) {
  SECAP_RETURN_IF_ERROR(flush());
  g_roundTrips.fetch_add(1, std::memory_order_relaxed);
  PGresult* r = PQexec(m_conn.get(), std::string(sql).c_str());
  Rows rows(r);
  const auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return errorOf(r, "PostgreSQL");
  return Status::ok();
}

namespace {

// The arrays libpq takes for one statement's parameters, all binary.
struct BoundParams {
  explicit BoundParams(const std::vector<Param>& params)
      : values(params.size()), lengths(params.size()), formats(params.size(), 1), types(params.size()) {
    for (size_t i = 0; i < params.size(); ++i) {
      values[i] = params[i].isNull ? nullptr : params[i].bytes.data();
      lengths[i] = static_cast<int>(params[i].bytes.size());
      types[i] = params[i].oid;
    }
  }
  [[nodiscard]] int count() const { return static_cast<int>(values.size()); }
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
  std::vector<Oid> types;
};

}  // namespace

Result<std::string> Conn::prepared(const std::string& sql, const std::vector<Param>& params) {
  if (auto it = m_prepared.find(sql); it != m_prepared.end()) return it->second;
  // PQprepare waits for its answer, which it cannot do inside a pipeline.
  SECAP_RETURN_IF_ERROR(flush());
  const BoundParams bound(params);
  const std::string name = "s" + std::to_string(m_prepared.size());
  g_roundTrips.fetch_add(1, std::memory_order_relaxed);
  PGresult* p = PQprepare(m_conn.get(), name.c_str(), sql.c_str(), bound.count(), bound.types.data());
  Rows prepared(p);
  if (PQresultStatus(p) != PGRES_COMMAND_OK) return errorOf(p, "cannot prepare a statement");
  m_prepared.emplace(sql, name);
  return name;
}

Result<Rows> Conn::query(const std::string& sql, const std::vector<Param>& params) {
  auto name = prepared(sql, params);
  if (!name.isOk()) return name.status();
  SECAP_RETURN_IF_ERROR(flush());
  const BoundParams bound(params);
  g_roundTrips.fetch_add(1, std::memory_order_relaxed);
  PGresult* r = PQexecPrepared(m_conn.get(), name->c_str(), bound.count(), bound.values.data(), bound.lengths.data(),
                               bound.formats.data(), 1);
  Rows rows(r);
  const auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return errorOf(r, "query failed");
  return rows;
}

Status Conn::queue(const std::string& sql, const std::vector<Param>& params) {
  auto name = prepared(sql, params);
  if (!name.isOk()) return name.status();
  if (PQpipelineStatus(m_conn.get()) == PQ_PIPELINE_OFF && PQenterPipelineMode(m_conn.get()) != 1)
    return errorOf(nullptr, "cannot queue statements");
  const BoundParams bound(params);
  if (PQsendQueryPrepared(m_conn.get(), name->c_str(), bound.count(), bound.values.data(), bound.lengths.data(),
                          bound.formats.data(), 1) != 1)
    return errorOf(nullptr, "cannot send a statement");
  if (++m_queued >= kMaxQueued) return flush();
  return Status::ok();
}

Status Conn::flush() {
  if (PQpipelineStatus(m_conn.get()) == PQ_PIPELINE_OFF) return Status::ok();
  g_roundTrips.fetch_add(1, std::memory_order_relaxed);
  Status first = Status::ok();
  if (PQpipelineSync(m_conn.get()) != 1) {
    first = errorOf(nullptr, "cannot send the queued statements");
  } else {
    // Each queued statement answers with its result and then a null; the
    // sync answers last. After a failure the rest come back "aborted".
    for (int nulls = 0;;) {
      PGresult* r = PQgetResult(m_conn.get());
      if (!r) {
        if (!healthy() || ++nulls > m_queued + 1) {
          if (first.isOk()) first = errorOf(nullptr, "a queued statement got no answer");
          break;
        }
        continue;
      }
      Rows rows(r);
      const auto st = PQresultStatus(r);
      if (st == PGRES_PIPELINE_SYNC) break;
      if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_PIPELINE_ABORTED) continue;
      if (first.isOk()) first = errorOf(r, "a queued statement failed");
    }
  }
  m_queued = 0;
  if (PQexitPipelineMode(m_conn.get()) != 1 && first.isOk()) first = errorOf(nullptr, "cannot end the pipeline");
  return first;
}

Result<Pool::Lease> Pool::lease() {
  std::unique_lock lock(m_mu);
  m_cv.wait(lock, [&] { return !m_idle.empty() || m_open < m_size; });
  if (!m_idle.empty()) {
    auto conn = std::move(m_idle.back());
    m_idle.pop_back();
    return Lease(*this, std::move(conn));
  }
  ++m_open;
  lock.unlock();
  auto conn = Conn::connect(m_url);
  if (!conn.isOk()) {
    std::lock_guard relock(m_mu);
    --m_open;
    m_cv.notify_one();
    return conn.status();
  }
  return Lease(*this, std::move(conn).value());
}

void Pool::giveBack(std::unique_ptr<Conn> conn) {
  // A connection left inside a transaction (an early return) is rolled back
  // first, once its queued statements have answered.
  if (conn->healthy()) (void)conn->flush();
  if (conn->healthy() && conn->inTransaction()) (void)conn->exec("ROLLBACK");
  std::lock_guard lock(m_mu);
  if (conn->healthy()) {
    m_idle.push_back(std::move(conn));
  } else {
    --m_open;
  }
  m_cv.notify_one();
}

}  // namespace secap::server::pg

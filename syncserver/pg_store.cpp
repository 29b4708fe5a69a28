#include "pg_store.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <tuple>
#include <vector>

namespace secap::server {

namespace {

using core::EntityType;
using core::StatusCode;
using pg::Param;
using pg::Rows;

// Advisory lock keys. The two-int form (objsubid 2 in pg_locks) is used for
// the gate and the scopes; the one-bigint form (objsubid 1) only for the
// in-flight seqs, so the watermark query can tell them apart.
constexpr const char* kLockGateShared = "SELECT pg_advisory_lock_shared(24317, 0)";
constexpr const char* kUnlockGateShared = "SELECT pg_advisory_unlock_shared(24317, 0)";
constexpr const char* kLockGate = "SELECT pg_advisory_lock(24317, 0)";
constexpr const char* kUnlockGate = "SELECT pg_advisory_unlock(24317, 0)";
constexpr const char* kLockEverything = "SELECT pg_advisory_xact_lock(24318, 0)";
constexpr const char* kLockAnyScope = "SELECT pg_advisory_xact_lock_shared(24318, 0)";
constexpr const char* kLockScope = "SELECT pg_advisory_xact_lock(24319, hashtext($1))";
constexpr const char* kMigrationLock = "SELECT pg_advisory_lock(24320, 0)";
constexpr const char* kMigrationUnlock = "SELECT pg_advisory_unlock(24320, 0)";

const char* const kMigrations[] = {
    R"sql(
CREATE SEQUENCE change_seq;
CREATE TABLE change_log(
  seq BIGINT PRIMARY KEY,
  municipality_id TEXT NOT NULL,
  entity_type INTEGER NOT NULL,
  entity_id TEXT NOT NULL,
  payload BYTEA NOT NULL);
CREATE INDEX change_log_by_scope ON change_log(municipality_id, seq);
CREATE TABLE change_results(
  change_id TEXT PRIMARY KEY,
  outcome INTEGER NOT NULL,
  server_seq BIGINT NOT NULL,
  canonical_entity_id TEXT NOT NULL DEFAULT '');
CREATE TABLE entities(
  type INTEGER NOT NULL,
  id TEXT COLLATE "C" NOT NULL,
  municipality_id TEXT COLLATE "C" NOT NULL,
  parent_id TEXT NOT NULL,
  hlc BIGINT NOT NULL,
  origin_device_id TEXT NOT NULL,
  deleted BOOLEAN NOT NULL,
  server_seq BIGINT NOT NULL,
  data BYTEA NOT NULL,
  stamps BYTEA NOT NULL DEFAULT '',
  PRIMARY KEY(type, id));
CREATE INDEX entities_by_scope ON entities(municipality_id, type, id);
CREATE TABLE reading_content(
  meter_id TEXT NOT NULL,
  taken_at BIGINT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  reading_id TEXT NOT NULL,
  server_seq BIGINT NOT NULL,
  period_start BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY(meter_id, taken_at, value));
CREATE TABLE enrollment_codes(
  code_hash TEXT PRIMARY KEY,
  municipality_id TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT NOT NULL DEFAULT 0,
  used_by_install_id TEXT NOT NULL DEFAULT '',
  device_id TEXT NOT NULL DEFAULT '');
CREATE TABLE devices(
  id TEXT PRIMARY KEY,
  install_id TEXT NOT NULL,
  name TEXT NOT NULL,
  platform TEXT NOT NULL,
  app_version TEXT NOT NULL,
  municipality_id TEXT NOT NULL,
  role TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  enrolled_at BIGINT NOT NULL,
  revoked_at BIGINT NOT NULL DEFAULT 0);
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value BIGINT NOT NULL);
CREATE TABLE audit_log(
  id BIGSERIAL PRIMARY KEY,
  at_ms BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL);
)sql",
    // 2: attachment upload progress (docs/ATTACHMENTS.md); devices, roles and limits (docs/SECURITY.md).
    R"sql(
CREATE TABLE upload_progress(
  device_id TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  attachment_id TEXT NOT NULL,
  total_size BIGINT NOT NULL,
  received BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY(device_id, sha256));
ALTER TABLE devices ADD COLUMN rescue INTEGER NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN resync_pending INTEGER NOT NULL DEFAULT 0;
CREATE TABLE device_roles(
  device_id TEXT NOT NULL,
  municipality_id TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY(device_id, municipality_id));
INSERT INTO device_roles(device_id, municipality_id, role) SELECT id, municipality_id, role FROM devices;
CREATE TABLE rate_windows(
  device_id TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  calls BIGINT NOT NULL);
CREATE INDEX audit_log_by_time ON audit_log(at_ms);
CREATE TABLE device_sites(
  device_id TEXT NOT NULL,
  site_id TEXT NOT NULL,
  PRIMARY KEY(device_id, site_id));
)sql",
    // 3: a kiosk's sites can be bound when its enrollment code is issued.
    R"sql(
CREATE TABLE enrollment_code_sites(
  code_hash TEXT NOT NULL,
  site_id TEXT NOT NULL,
  PRIMARY KEY(code_hash, site_id));
)sql",
    // 4: monthly rollups per meter and each meter's chain end (rollup.h);
    // records by parent (a meter's readings, their reviews).
    R"sql(
CREATE TABLE meter_months(
  meter_id TEXT NOT NULL,
  ym INTEGER NOT NULL,
  municipality_id TEXT NOT NULL,
  kwh DOUBLE PRECISION NOT NULL,
  readings BIGINT NOT NULL,
  PRIMARY KEY(meter_id, ym));
CREATE INDEX meter_months_by_municipality ON meter_months(municipality_id);
CREATE TABLE meter_chain(
  meter_id TEXT PRIMARY KEY,
  reading_id TEXT NOT NULL,
  taken_at BIGINT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  kind INTEGER NOT NULL);
CREATE INDEX entities_by_parent ON entities(type, parent_id);
)sql",
    // 5: when each device last synced, and its outbox then (/metrics).
    R"sql(
ALTER TABLE devices ADD COLUMN last_seen_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN outbox BIGINT NOT NULL DEFAULT -1;
)sql",
    // 6: web dashboard users and their sessions (web_auth.h).
    R"sql(
CREATE TABLE web_users(
  login TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  failed_logins BIGINT NOT NULL DEFAULT 0,
  locked_until_ms BIGINT NOT NULL DEFAULT 0);
CREATE TABLE web_sessions(
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  login TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL);
CREATE INDEX web_sessions_by_login ON web_sessions(login);
CREATE INDEX web_sessions_by_expiry ON web_sessions(expires_ms);
)sql",
};
constexpr int kMigrationCount = static_cast<int>(std::size(kMigrations));
static_assert(kMigrationCount == PgStore::kSchemaVersion);

constexpr const char* kEntityColumns =
    "SELECT type, id, municipality_id, parent_id, hlc, origin_device_id, deleted, server_seq, data, stamps "
    "FROM entities ";

constexpr const char* kDeviceColumns =
    "SELECT id, install_id, name, platform, app_version, municipality_id, role, enrolled_at, revoked_at, rescue, "
    "resync_pending, last_seen_ms, outbox FROM devices ";

Status entitiesFrom(const Rows& rows, std::vector<StoredEntity>& out) {
  out.reserve(out.size() + rows.size());
  for (int i = 0; i < rows.size(); ++i) {
    StoredEntity e;
    e.type = static_cast<EntityType>(rows.getInt(i, 0));
    e.id = rows.getBytes(i, 1);
    e.municipalityId = rows.getBytes(i, 2);
    e.parentId = rows.getBytes(i, 3);
    e.hlc = static_cast<core::HlcValue>(rows.getInt(i, 4));
    e.originDeviceId = rows.getBytes(i, 5);
    e.deleted = rows.getBool(i, 6);
    e.serverSeq = rows.getInt(i, 7);
    if (!core::parseEntityInto(e.type, rows.getBytes(i, 8), e.entity))
      return {StatusCode::kDataLoss, "stored entity " + e.id + " cannot be decoded"};
    auto stamps = core::decodeStamps(rows.getBytes(i, 9));
    if (!stamps) return {StatusCode::kDataLoss, "stored stamps of " + e.id + " cannot be decoded"};
    e.stamps = std::move(*stamps);
    out.push_back(std::move(e));
  }
  return Status::ok();
}

DeviceRecord deviceFrom(const Rows& rows, int i) {
  DeviceRecord d;
  d.id = rows.getBytes(i, 0);
  d.installId = rows.getBytes(i, 1);
  d.name = rows.getBytes(i, 2);
  d.platform = rows.getBytes(i, 3);
  d.appVersion = rows.getBytes(i, 4);
  d.municipalityId = rows.getBytes(i, 5);
  d.role = rows.getBytes(i, 6);
  d.enrolledAtMs = rows.getInt(i, 7);
  d.revokedAtMs = rows.getInt(i, 8);
  d.rescue = static_cast<int>(rows.getInt(i, 9));
  d.resyncPending = rows.getInt(i, 10);
  d.lastSeenMs = rows.getInt(i, 11);
  d.outbox = rows.getInt(i, 12);
  return d;
}

// Fills in the device's roles (device_roles) and bound sites (device_sites).
Status loadRoles(pg::Conn& conn, DeviceRecord& d) {
  auto rows = conn.query("SELECT municipality_id, role FROM device_roles WHERE device_id=$1", {Param::text(d.id)});
  if (!rows.isOk()) return rows.status();
  d.roles.clear();
  for (int i = 0; i < rows->size(); ++i) d.roles[rows->getBytes(i, 0)] = rows->getBytes(i, 1);
  auto sites = conn.query("SELECT site_id FROM device_sites WHERE device_id=$1 ORDER BY site_id", {Param::text(d.id)});
  if (!sites.isOk()) return sites.status();
  d.sites.clear();
  for (int i = 0; i < sites->size(); ++i) d.sites.push_back(sites->getBytes(i, 0));
  return Status::ok();
}

Status audit(pg::Conn& conn, int64_t atMs, const std::string& actor, const std::string& action,
             const std::string& detail) {
  auto r = conn.query("INSERT INTO audit_log(at_ms, actor, action, detail) VALUES($1,$2,$3,$4)",
                      {Param::int8(atMs), Param::text(actor), Param::text(action), Param::text(detail)});
  return r.status();
}

// A transaction on a leased connection that rolls back unless committed.
class PgTransaction {
 public:
  explicit PgTransaction(pg::Conn& conn) : m_conn(conn) {}
  ~PgTransaction() {
    if (m_open && m_conn.healthy()) (void)m_conn.exec("ROLLBACK");
  }
  Status begin() {
    SECAP_RETURN_IF_ERROR(m_conn.exec("BEGIN"));
    m_open = true;
    return Status::ok();
  }
  Status commit() {
    m_open = false;
    return m_conn.exec("COMMIT");
  }

 private:
  pg::Conn& m_conn;
  bool m_open = false;
};

}  // namespace

class PgWriteTx final : public WriteTx {
 public:
  PgWriteTx(PgStore& store, pg::Pool::Lease lease) : m_store(store), m_lease(std::move(lease)) {}

  ~PgWriteTx() override {
    if (!m_lease->healthy()) return;
    (void)m_lease->flush();
    if (!m_committed) (void)m_lease->exec("ROLLBACK");
    // A failure between taking the gate and releasing it must not leave the
    // session lock behind on a pooled connection: readers would wait forever.
    if (m_gateHeld) (void)m_lease->exec("SELECT pg_advisory_unlock_all()");
  }

  Status begin(const WriteScope& scope) {
    SECAP_RETURN_IF_ERROR(m_lease->exec("BEGIN"));
    if (scope.everything()) return m_lease->exec(kLockEverything);
    SECAP_RETURN_IF_ERROR(m_lease->exec(kLockAnyScope));
    // Sorted, so two writers with overlapping scopes cannot deadlock.
    auto ids = scope.municipalities;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (const auto& id : ids) SECAP_RETURN_IF_ERROR(m_lease->query(kLockScope, {Param::text(id)}).status());
    return Status::ok();
  }

  // Three queries for the whole push instead of three per change: the
  // remembered verdicts, the records and the readings' content keys it names.
  // Taken under the scope's locks, so no other writer changes them; what this
  // transaction writes afterwards drops the entry (read again when needed).
  Status prefetch(const secap::v1::PushRequest& request) override {
    m_seqHint = request.changes_size();
    std::vector<std::string> changeIds;
    std::map<EntityType, std::vector<std::string>> idsByType;
    std::vector<std::string> meters;
    std::vector<int64_t> times;
    std::vector<double> values;
    for (const auto& c : request.changes()) {
      changeIds.push_back(c.change_id());
      m_changes.emplace(c.change_id(), std::nullopt);
      const EntityType type = core::entityTypeOf(c);
      if (type == EntityType::kUnknown) continue;
      idsByType[type].push_back(c.entity_id());
      m_entities.emplace(std::make_pair(type, c.entity_id()), std::nullopt);
      if (type == EntityType::kReading && std::isfinite(c.reading().value())) {
        const auto& r = c.reading();
        meters.push_back(r.meter_id());
        times.push_back(r.taken_at());
        values.push_back(r.value());
        m_content.emplace(ContentKey{r.meter_id(), r.taken_at(), r.value()}, std::nullopt);
      }
    }
    if (!changeIds.empty()) {
      auto rows = m_lease->query(
          "SELECT change_id, outcome, server_seq, canonical_entity_id FROM change_results "
          "WHERE change_id = ANY($1::text[])",
          {Param::textArray(changeIds)});
      if (!rows.isOk()) return rows.status();
      for (int i = 0; i < rows->size(); ++i)
        m_changes[rows->getBytes(i, 0)] = RememberedResult{static_cast<secap::v1::Outcome>(rows->getInt(i, 1)),
                                                           rows->getInt(i, 2), rows->getBytes(i, 3)};
    }
    for (const auto& [type, ids] : idsByType) {
      auto rows = m_lease->query(std::string(kEntityColumns) + "WHERE type=$1 AND id = ANY($2::text[])",
                                 {Param::int8(static_cast<int>(type)), Param::textArray(ids)});
      if (!rows.isOk()) return rows.status();
      std::vector<StoredEntity> found;
      SECAP_RETURN_IF_ERROR(entitiesFrom(*rows, found));
      for (auto& e : found) {
        auto key = std::make_pair(e.type, e.id);
        m_entities[key] = std::move(e);
      }
    }
    if (!meters.empty()) {
      auto rows = m_lease->query(
          "SELECT rc.meter_id, rc.taken_at, rc.value, rc.reading_id, rc.server_seq "
          "FROM unnest($1::text[], $2::int8[], $3::float8[]) AS k(meter_id, taken_at, value) "
          "JOIN reading_content rc ON rc.meter_id=k.meter_id AND rc.taken_at=k.taken_at AND rc.value=k.value",
          {Param::textArray(meters), Param::int8Array(times), Param::float8Array(values)});
      if (!rows.isOk()) return rows.status();
      for (int i = 0; i < rows->size(); ++i)
        m_content[ContentKey{rows->getBytes(i, 0), rows->getInt(i, 1), rows->getDouble(i, 2)}] =
            std::make_pair(rows->getBytes(i, 3), rows->getInt(i, 4));
    }
    return Status::ok();
  }

  Result<std::optional<RememberedResult>> findChange(const std::string& changeId) override {
    if (auto it = m_changes.find(changeId); it != m_changes.end()) return it->second;
    auto rows = m_lease->query("SELECT outcome, server_seq, canonical_entity_id FROM change_results WHERE change_id=$1",
                               {Param::text(changeId)});
    if (!rows.isOk()) return rows.status();
    if (rows->empty()) return std::optional<RememberedResult>();
    RememberedResult r;
    r.outcome = static_cast<secap::v1::Outcome>(rows->getInt(0, 0));
    r.serverSeq = rows->getInt(0, 1);
    r.canonicalEntityId = rows->getBytes(0, 2);
    return std::optional<RememberedResult>(r);
  }

  Status rememberChange(const std::string& changeId, const RememberedResult& r) override {
    m_changes.erase(changeId);
    return m_lease->queue(
        "INSERT INTO change_results(change_id, outcome, server_seq, canonical_entity_id) VALUES($1,$2,$3,$4)",
        {Param::text(changeId), Param::int8(static_cast<int>(r.outcome)), Param::int8(r.serverSeq),
         Param::text(r.canonicalEntityId)});
  }

  Result<std::optional<StoredEntity>> getEntity(EntityType type, const std::string& id) override {
    if (auto it = m_entities.find(std::make_pair(type, id)); it != m_entities.end()) return it->second;
    auto rows = m_lease->query(std::string(kEntityColumns) + "WHERE type=$1 AND id=$2",
                               {Param::int8(static_cast<int>(type)), Param::text(id)});
    if (!rows.isOk()) return rows.status();
    std::vector<StoredEntity> out;
    SECAP_RETURN_IF_ERROR(entitiesFrom(*rows, out));
    if (out.empty()) return std::optional<StoredEntity>();
    return std::optional<StoredEntity>(std::move(out.front()));
  }

  Result<std::optional<std::pair<std::string, int64_t>>> findReadingByContent(const std::string& meterId,
                                                                              int64_t takenAt, double value) override {
    using R = std::optional<std::pair<std::string, int64_t>>;
    if (auto it = m_content.find(ContentKey{meterId, takenAt, value}); it != m_content.end()) return it->second;
    auto rows = m_lease->query(
        "SELECT reading_id, server_seq FROM reading_content WHERE meter_id=$1 AND taken_at=$2 AND value=$3",
        {Param::text(meterId), Param::int8(takenAt), Param::float8(value)});
    if (!rows.isOk()) return rows.status();
    if (rows->empty()) return R();
    return R(std::make_pair(rows->getBytes(0, 0), rows->getInt(0, 1)));
  }

  Result<std::vector<core::ReadingPoint>> recentReadings(const std::string& meterId, int limit) override {
    auto rows = m_lease->query(
        "SELECT taken_at, value, period_start FROM reading_content WHERE meter_id=$1 ORDER BY taken_at DESC LIMIT $2",
        {Param::text(meterId), Param::int8(limit)});
    if (!rows.isOk()) return rows.status();
    std::vector<core::ReadingPoint> out;
    out.reserve(rows->size());
    for (int i = rows->size() - 1; i >= 0; --i)
      out.push_back({rows->getInt(i, 0), rows->getDouble(i, 1), rows->getInt(i, 2)});
    return out;
  }

  Result<int64_t> appendChange(const secap::v1::Change& change, const std::string& municipalityId) override {
    auto seq = nextSeq();
    if (!seq.isOk()) return seq.status();
    SECAP_RETURN_IF_ERROR(m_lease->queue(
        "INSERT INTO change_log(seq, municipality_id, entity_type, entity_id, payload) VALUES($1,$2,$3,$4,$5)",
        {Param::int8(*seq), Param::text(municipalityId), Param::int8(static_cast<int>(core::entityTypeOf(change))),
         Param::text(change.entity_id()), Param::bytea(core::serializeWithServerSeq(change, *seq))}));
    return *seq;
  }

  Status putEntity(const StoredEntity& e) override {
    m_entities.erase(std::make_pair(e.type, e.id));
    SECAP_RETURN_IF_ERROR(
        m_lease->queue("INSERT INTO entities(type, id, municipality_id, parent_id, hlc, origin_device_id, deleted, "
                       "server_seq, data, stamps) VALUES($1,$2,$3,$4,$5,$6,$7 <> 0,$8,$9,$10) ON CONFLICT(type, id) DO "
                       "UPDATE SET municipality_id=excluded.municipality_id, parent_id=excluded.parent_id, "
                       "hlc=excluded.hlc, origin_device_id=excluded.origin_device_id, deleted=excluded.deleted, "
                       "server_seq=excluded.server_seq, data=excluded.data, stamps=excluded.stamps",
                       {Param::int8(static_cast<int>(e.type)), Param::text(e.id), Param::text(e.municipalityId),
                        Param::text(e.parentId), Param::int8(static_cast<int64_t>(e.hlc)),
                        Param::text(e.originDeviceId), Param::int8(e.deleted ? 1 : 0), Param::int8(e.serverSeq),
                        Param::bytea(core::serializeEntity(e.entity)), Param::bytea(core::encodeStamps(e.stamps))}));
    if (e.type != EntityType::kReading) return Status::ok();
    const auto& r = e.entity.reading();
    m_content.erase(ContentKey{r.meter_id(), r.taken_at(), r.value()});
    return m_lease->queue(
        "INSERT INTO reading_content(meter_id, taken_at, value, reading_id, server_seq, period_start) "
        "VALUES($1,$2,$3,$4,$5,$6) ON CONFLICT DO NOTHING",
        {Param::text(r.meter_id()), Param::int8(r.taken_at()), Param::float8(r.value()), Param::text(r.id()),
         Param::int8(e.serverSeq), Param::int8(r.has_period_start() ? r.period_start() : 0)});
  }

  Status removeChange(int64_t seq) override {
    return m_lease->query("DELETE FROM change_log WHERE seq=$1", {Param::int8(seq)}).status();
  }

  Status raiseCompactionHorizon(int64_t seq) override {
    return m_lease
        ->query(
            "INSERT INTO meta(key, value) VALUES('compaction_horizon', $1) "
            "ON CONFLICT(key) DO UPDATE SET value=greatest(meta.value, excluded.value)",
            {Param::int8(seq)})
        .status();
  }

  Result<int64_t> highestSeqInUse() override {
    auto rows = m_lease->query(
        "SELECT greatest(coalesce(pg_sequence_last_value('change_seq'), 0), "
        "coalesce((SELECT max(seq) FROM change_log), 0))");
    if (!rows.isOk()) return rows.status();
    return rows->getInt(0, 0);
  }

  Status raiseSeqFloor(int64_t floor) override {
    // setval: the next nextval() returns floor + 1; the watermark reads the
    // sequence, so it is at least `floor` from now on.
    return m_lease
        ->query("SELECT setval('change_seq', greatest($1, coalesce(pg_sequence_last_value('change_seq'), 0)))",
                {Param::int8(floor)})
        .status();
  }

  Status markKiosksForResync(const std::string& municipalityId) override {
    return m_lease->queue(
        "UPDATE devices SET resync_pending=resync_pending+1 WHERE revoked_at=0 AND id IN "
        "(SELECT device_id FROM device_roles WHERE municipality_id=$1 AND role='kiosk')",
        {Param::text(municipalityId)});
  }

  // --- Rollups ---

  Result<std::vector<StoredEntity>> entitiesIn(EntityType type, const std::string& municipalityId) override {
    return entitiesWhere("WHERE type=$1 AND municipality_id=$2 AND NOT deleted",
                         {Param::int8(static_cast<int>(type)), Param::text(municipalityId)});
  }

  Result<std::vector<StoredEntity>> entitiesWithParent(EntityType type, const std::string& parentId) override {
    return entitiesWhere("WHERE type=$1 AND parent_id=$2",
                         {Param::int8(static_cast<int>(type)), Param::text(parentId)});
  }

  Result<std::vector<StoredEntity>> reviewsOfMeter(const std::string& meterId) override {
    return entitiesWhere("WHERE type=$1 AND parent_id IN (SELECT id FROM entities WHERE type=$2 AND parent_id=$3)",
                         {Param::int8(static_cast<int>(EntityType::kReadingReview)),
                          Param::int8(static_cast<int>(EntityType::kReading)), Param::text(meterId)});
  }

  Result<std::optional<core::ChainEnd>> meterChainEnd(const std::string& meterId) override {
    auto rows = m_lease->query("SELECT reading_id, taken_at, value, kind FROM meter_chain WHERE meter_id=$1",
                               {Param::text(meterId)});
    if (!rows.isOk()) return rows.status();
    if (rows->empty()) return std::optional<core::ChainEnd>();
    return std::optional<core::ChainEnd>(core::ChainEnd{rows->getBytes(0, 0), rows->getInt(0, 1), rows->getDouble(0, 2),
                                                        static_cast<core::ReadingKind>(rows->getInt(0, 3))});
  }

  Status addToMeterRollup(const std::string& meterId, const std::string& municipalityId,
                          const core::MeterRollup& delta) override {
    for (const auto& [month, use] : delta.months)
      SECAP_RETURN_IF_ERROR(m_lease->queue(
          "INSERT INTO meter_months(meter_id, ym, municipality_id, kwh, readings) VALUES($1,$2,$3,$4,$5) "
          "ON CONFLICT(meter_id, ym) DO UPDATE SET kwh=meter_months.kwh+excluded.kwh, "
          "readings=meter_months.readings+excluded.readings, municipality_id=excluded.municipality_id",
          {Param::text(meterId), Param::int8(month.index()), Param::text(municipalityId), Param::float8(use.kwh),
           Param::int8(use.readings)}));
    return setChainEnd(meterId, delta.end);
  }

  Result<StoredMonths> meterMonthsOf(const std::string& meterId) override {
    auto rows = m_lease->query("SELECT ym, kwh, readings, municipality_id FROM meter_months WHERE meter_id=$1",
                               {Param::text(meterId)});
    if (!rows.isOk()) return rows.status();
    StoredMonths out;
    for (int i = 0; i < rows->size(); ++i) {
      out.months[core::YearMonth::fromIndex(static_cast<int>(rows->getInt(i, 0)))] =
          core::MonthUse{rows->getDouble(i, 1), rows->getInt(i, 2)};
      out.municipalityId = rows->getBytes(i, 3);
    }
    return out;
  }

  Status replaceMeterRollup(const std::string& meterId, const std::string& municipalityId,
                            const core::MeterRollup& rollup, const StoredMonths& stored) override {
    for (const auto& [month, use] : stored.months)
      if (!rollup.months.count(month))
        SECAP_RETURN_IF_ERROR(m_lease
                                  ->query("DELETE FROM meter_months WHERE meter_id=$1 AND ym=$2",
                                          {Param::text(meterId), Param::int8(month.index())})
                                  .status());
    const bool moved = stored.municipalityId != municipalityId;
    for (const auto& [month, use] : rollup.months) {
      auto old = stored.months.find(month);
      if (!moved && old != stored.months.end() && old->second.kwh == use.kwh && old->second.readings == use.readings)
        continue;
      SECAP_RETURN_IF_ERROR(m_lease->queue(
          "INSERT INTO meter_months(meter_id, ym, municipality_id, kwh, readings) VALUES($1,$2,$3,$4,$5) "
          "ON CONFLICT(meter_id, ym) DO UPDATE SET kwh=excluded.kwh, readings=excluded.readings, "
          "municipality_id=excluded.municipality_id",
          {Param::text(meterId), Param::int8(month.index()), Param::text(municipalityId), Param::float8(use.kwh),
           Param::int8(use.readings)}));
    }
    return setChainEnd(meterId, rollup.end);
  }

  Status clearRollups(const std::string& municipalityId) override {
    SECAP_RETURN_IF_ERROR(m_lease
                              ->query("DELETE FROM meter_chain WHERE meter_id IN "
                                      "(SELECT DISTINCT meter_id FROM meter_months WHERE municipality_id=$1)",
                                      {Param::text(municipalityId)})
                              .status());
    return m_lease->query("DELETE FROM meter_months WHERE municipality_id=$1", {Param::text(municipalityId)}).status();
  }

  Status setMeta(const std::string& key, int64_t value) override {
    return m_lease
        ->query("INSERT INTO meta(key, value) VALUES($1,$2) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                {Param::text(key), Param::int8(value)})
        .status();
  }

  Result<std::optional<int64_t>> meta(const std::string& key) override {
    auto rows = m_lease->query("SELECT value FROM meta WHERE key=$1", {Param::text(key)});
    if (!rows.isOk()) return rows.status();
    if (rows->empty()) return std::optional<int64_t>();
    return std::optional<int64_t>(rows->getInt(0, 0));
  }

  Status commit() override {
    SECAP_RETURN_IF_ERROR(m_lease->exec("COMMIT"));
    m_committed = true;
    return Status::ok();
  }

 private:
  Result<std::vector<StoredEntity>> entitiesWhere(const std::string& where, const std::vector<Param>& params) {
    auto rows = m_lease->query(std::string(kEntityColumns) + where, params);
    if (!rows.isOk()) return rows.status();
    std::vector<StoredEntity> out;
    SECAP_RETURN_IF_ERROR(entitiesFrom(*rows, out));
    return out;
  }

  Status setChainEnd(const std::string& meterId, const std::optional<core::ChainEnd>& end) {
    if (!end) return m_lease->query("DELETE FROM meter_chain WHERE meter_id=$1", {Param::text(meterId)}).status();
    return m_lease->queue(
        "INSERT INTO meter_chain(meter_id, reading_id, taken_at, value, kind) VALUES($1,$2,$3,$4,$5) "
        "ON CONFLICT(meter_id) DO UPDATE SET reading_id=excluded.reading_id, taken_at=excluded.taken_at, "
        "value=excluded.value, kind=excluded.kind",
        {Param::text(meterId), Param::text(end->readingId), Param::int8(end->takenAtMs), Param::float8(end->value),
         Param::int8(static_cast<int>(end->kind))});
  }

  // The first seq of the transaction is taken under the gate together with
  // its in-flight lock; later seqs are higher, so that one lock covers them.
  // Later seqs come in blocks of kSeqBlock, one round trip each; seqs of a
  // block that the transaction does not use are simply never used (the
  // watermark passes over them like over an aborted transaction's).
  Result<int64_t> nextSeq() {
    if (m_firstSeq != 0) {
      if (m_block.empty()) {
        const int64_t block = std::clamp(m_seqHint - m_seqsTaken, kSeqBlock, int64_t{5000});
        auto rows = m_lease->query("SELECT nextval('change_seq') FROM generate_series(1, $1)", {Param::int8(block)});
        if (!rows.isOk()) return rows.status();
        for (int i = 0; i < rows->size(); ++i) m_block.push_back(rows->getInt(i, 0));
        std::sort(m_block.begin(), m_block.end(), std::greater<>());  // taken from the back, lowest first
      }
      const int64_t seq = m_block.back();
      m_block.pop_back();
      ++m_seqsTaken;
      return seq;
    }
    SECAP_RETURN_IF_ERROR(m_lease->exec(kLockGateShared));
    m_gateHeld = true;
    auto rows =
        m_lease->query("SELECT s, pg_advisory_xact_lock(s) FROM (SELECT nextval('change_seq') AS s OFFSET 0) n");
    if (!rows.isOk()) return rows.status();
    SECAP_RETURN_IF_ERROR(m_lease->exec(kUnlockGateShared));
    m_gateHeld = false;
    m_firstSeq = rows->getInt(0, 0);
    m_seqsTaken = 1;
    if (m_store.afterFirstSeqTaken) m_store.afterFirstSeqTaken(m_firstSeq);
    return m_firstSeq;
  }

  PgStore& m_store;
  pg::Pool::Lease m_lease;
  static constexpr int64_t kSeqBlock = 32;
  // What prefetch loaded, by key; nullopt: known to be absent.
  using ContentKey = std::tuple<std::string, int64_t, double>;
  std::map<std::string, std::optional<RememberedResult>> m_changes;
  std::map<std::pair<EntityType, std::string>, std::optional<StoredEntity>> m_entities;
  std::map<ContentKey, std::optional<std::pair<std::string, int64_t>>> m_content;
  int64_t m_seqHint = 0;  // the changes of the push: seqs are taken in blocks of up to this many
  int64_t m_firstSeq = 0;
  int64_t m_seqsTaken = 0;
  std::vector<int64_t> m_block;  // seqs taken but not used yet, highest first
  bool m_gateHeld = false;
  bool m_committed = false;
};

Result<std::unique_ptr<PgStore>> PgStore::open(const std::string& url, int poolSize) {
  std::unique_ptr<PgStore> store(new PgStore(url, std::max(2, poolSize)));
  SECAP_RETURN_IF_ERROR(store->migrate());
  return store;
}

Status PgStore::migrate() {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  pg::Conn& c = **conn;
  // Several instances may start at once: one migrates, the others wait.
  SECAP_RETURN_IF_ERROR(c.exec(kMigrationLock));
  struct Unlock {
    pg::Conn& c;
    ~Unlock() { (void)c.exec(kMigrationUnlock); }
  } unlock{c};
  SECAP_RETURN_IF_ERROR(c.exec("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)"));
  auto rows = c.query("SELECT coalesce(max(version), 0) FROM schema_version");
  if (!rows.isOk()) return rows.status();
  const int current = static_cast<int>(rows->getInt(0, 0));
  if (current > kMigrationCount)
    return {StatusCode::kFailedPrecondition, "the database was written by a newer secap-syncserver"};
  for (int v = current; v < kMigrationCount; ++v) {
    PgTransaction tx(c);
    SECAP_RETURN_IF_ERROR(tx.begin());
    SECAP_RETURN_IF_ERROR(c.exec(kMigrations[v]));
    SECAP_RETURN_IF_ERROR(
        c.exec("DELETE FROM schema_version; INSERT INTO schema_version VALUES(" + std::to_string(v + 1) + ")"));
    SECAP_RETURN_IF_ERROR(tx.commit());
  }
  return Status::ok();
}

Result<std::unique_ptr<WriteTx>> PgStore::beginWrite(const WriteScope& scope) {
  auto lease = m_pool.lease();
  if (!lease.isOk()) return lease.status();
  auto tx = std::make_unique<PgWriteTx>(*this, std::move(lease).value());
  SECAP_RETURN_IF_ERROR(tx->begin(scope));
  return std::unique_ptr<WriteTx>(std::move(tx));
}

Result<int64_t> PgStore::watermarkOn(pg::Conn& conn) {
  // Under the exclusive gate no writer is between taking its first seq and
  // locking it, so "handed out" and "still locked" are read consistently.
  SECAP_RETURN_IF_ERROR(conn.exec(kLockGate));
  auto rows = conn.query(
      "SELECT coalesce(pg_sequence_last_value('change_seq'), 0), "
      "(SELECT min((classid::bigint << 32) | objid::bigint) FROM pg_locks WHERE locktype = 'advisory' AND "
      "objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))");
  const Status unlocked = conn.exec(kUnlockGate);
  if (!rows.isOk()) {
    (void)conn.exec("SELECT pg_advisory_unlock_all()");
    return rows.status();
  }
  SECAP_RETURN_IF_ERROR(unlocked);
  int64_t w = rows->getInt(0, 0);
  if (!rows->isNull(0, 1)) w = std::min(w, rows->getInt(0, 1) - 1);
  return w;
}

Result<int64_t> PgStore::watermark() {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  return watermarkOn(**conn);
}

Result<PullPage> PgStore::pull(const std::vector<std::string>& municipalityIds, int64_t afterSeq, int maxChanges,
                               size_t maxBytes) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto watermark = watermarkOn(**conn);
  if (!watermark.isOk()) return watermark.status();
  PullPage page;
  page.lastSeq = std::max(afterSeq, *watermark);
  if (municipalityIds.empty() || afterSeq >= *watermark) return page;
  // Every seq at or below the watermark has committed or been abandoned,
  // so this statement's snapshot sees all of them that exist.
  auto rows = (*conn)->query(
      "SELECT seq, payload, municipality_id FROM change_log WHERE seq > $1 AND seq <= $2 AND municipality_id = ANY($3) "
      "ORDER BY seq LIMIT $4",
      {Param::int8(afterSeq), Param::int8(*watermark), Param::textArray(municipalityIds), Param::int8(maxChanges + 1)});
  if (!rows.isOk()) return rows.status();
  size_t bytes = 0;
  for (int i = 0; i < rows->size(); ++i) {
    const int64_t seq = rows->getInt(i, 0);
    std::string payload = rows->getBytes(i, 1);
    if (static_cast<int>(page.changes.size()) == maxChanges ||
        (!page.changes.empty() && bytes + payload.size() > maxBytes)) {
      page.hasMore = true;
      page.lastSeq = page.changes.back().server_seq();
      break;
    }
    secap::v1::Change c;
    if (!c.ParseFromString(payload))
      return Status(StatusCode::kDataLoss, "change " + std::to_string(seq) + " is corrupt");
    bytes += payload.size();
    page.changes.push_back(std::move(c));
    page.municipalityIds.push_back(rows->getBytes(i, 2));
  }
  return page;
}

Result<std::vector<LoggedChange>> PgStore::changeLog(int64_t afterSeq, int64_t upToSeq, int limit) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query(
      "SELECT seq, municipality_id, payload FROM change_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3",
      {Param::int8(afterSeq), Param::int8(upToSeq), Param::int8(limit)});
  if (!rows.isOk()) return rows.status();
  std::vector<LoggedChange> out;
  out.reserve(rows->size());
  for (int i = 0; i < rows->size(); ++i) {
    LoggedChange c;
    c.seq = rows->getInt(i, 0);
    c.municipalityId = rows->getBytes(i, 1);
    if (!c.change.ParseFromString(rows->getBytes(i, 2)))
      return Status(StatusCode::kDataLoss, "change " + std::to_string(c.seq) + " is corrupt");
    out.push_back(std::move(c));
  }
  return out;
}

Result<int64_t> PgStore::compactionHorizon() {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query("SELECT coalesce((SELECT value FROM meta WHERE key='compaction_horizon'), 0)");
  if (!rows.isOk()) return rows.status();
  return rows->getInt(0, 0);
}

Status PgStore::addEnrollmentCode(const EnrollmentCodeRecord& code) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  PgTransaction tx(**conn);
  SECAP_RETURN_IF_ERROR(tx.begin());
  SECAP_RETURN_IF_ERROR(
      (*conn)
          ->query("INSERT INTO enrollment_codes(code_hash, municipality_id, role, created_at, expires_at) "
                  "VALUES($1,$2,$3,$4,$5)",
                  {Param::text(code.codeHash), Param::text(code.municipalityId), Param::text(code.role),
                   Param::int8(code.createdAtMs), Param::int8(code.expiresAtMs)})
          .status());
  for (const auto& site : code.sites)
    SECAP_RETURN_IF_ERROR((*conn)
                              ->query("INSERT INTO enrollment_code_sites(code_hash, site_id) VALUES($1,$2) "
                                      "ON CONFLICT DO NOTHING",
                                      {Param::text(code.codeHash), Param::text(site)})
                              .status());
  SECAP_RETURN_IF_ERROR(audit(**conn, code.createdAtMs, "admin", "enrollment_code.create",
                              "municipality=" + code.municipalityId + " role=" + code.role));
  return tx.commit();
}

Result<DeviceRecord> PgStore::enroll(const EnrollAttempt& a) {
  auto lease = m_pool.lease();
  if (!lease.isOk()) return lease.status();
  pg::Conn& conn = **lease;
  PgTransaction tx(conn);
  SECAP_RETURN_IF_ERROR(tx.begin());
  // FOR UPDATE: two instances enrolling with one code take turns.
  auto code = conn.query(
      "SELECT municipality_id, role, expires_at, used_by_install_id, device_id FROM enrollment_codes "
      "WHERE code_hash=$1 FOR UPDATE",
      {Param::text(a.codeHash)});
  if (!code.isOk()) return code.status();
  if (code->empty()) return Status(StatusCode::kNotFound, "unknown enrollment code");
  const std::string municipalityId = code->getBytes(0, 0);
  const std::string role = code->getBytes(0, 1);
  const int64_t expiresAt = code->getInt(0, 2);
  const std::string usedBy = code->getBytes(0, 3);
  const std::string existingDevice = code->getBytes(0, 4);
  if (a.nowMs > expiresAt) return Status(StatusCode::kFailedPrecondition, "the enrollment code has expired");

  std::string deviceId;
  if (!usedBy.empty()) {
    if (usedBy != a.installId)
      return Status(StatusCode::kPermissionDenied, "the enrollment code has already been used by another device");
    // A retry after a lost reply: same device, fresh token, old one revoked.
    deviceId = existingDevice;
    // A withdrawn device keeps its token, so it still gets the wipe order.
    auto revoked = conn.query("SELECT revoked_at FROM devices WHERE id=$1", {Param::text(deviceId)});
    if (!revoked.isOk()) return revoked.status();
    if (!revoked->empty() && revoked->getInt(0, 0) != 0)
      return Status(StatusCode::kPermissionDenied, "this device was withdrawn by your coordinator");
    SECAP_RETURN_IF_ERROR(conn.query("UPDATE devices SET token_hash=$1, name=$2, app_version=$3 WHERE id=$4",
                                     {Param::text(a.newTokenHash), Param::text(a.deviceName), Param::text(a.appVersion),
                                      Param::text(deviceId)})
                              .status());
  } else {
    deviceId = a.newDeviceId;
    SECAP_RETURN_IF_ERROR(
        conn.query("INSERT INTO devices(id, install_id, name, platform, app_version, municipality_id, role, "
                   "token_hash, enrolled_at) VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9)",
                   {Param::text(deviceId), Param::text(a.installId), Param::text(a.deviceName), Param::text(a.platform),
                    Param::text(a.appVersion), Param::text(municipalityId), Param::text(role),
                    Param::text(a.newTokenHash), Param::int8(a.nowMs)})
            .status());
    SECAP_RETURN_IF_ERROR(conn.query("INSERT INTO device_roles(device_id, municipality_id, role) VALUES($1,$2,$3)",
                                     {Param::text(deviceId), Param::text(municipalityId), Param::text(role)})
                              .status());
    SECAP_RETURN_IF_ERROR(conn.query("INSERT INTO device_sites(device_id, site_id) SELECT $1, site_id "
                                     "FROM enrollment_code_sites WHERE code_hash=$2 ON CONFLICT DO NOTHING",
                                     {Param::text(deviceId), Param::text(a.codeHash)})
                              .status());
    SECAP_RETURN_IF_ERROR(
        conn.query("UPDATE enrollment_codes SET used_at=$1, used_by_install_id=$2, device_id=$3 WHERE code_hash=$4",
                   {Param::int8(a.nowMs), Param::text(a.installId), Param::text(deviceId), Param::text(a.codeHash)})
            .status());
  }
  SECAP_RETURN_IF_ERROR(audit(conn, a.nowMs, deviceId, "device.enroll",
                              "name=" + a.deviceName + " municipality=" + municipalityId + " role=" + role));
  auto device = conn.query(std::string(kDeviceColumns) + "WHERE id=$1", {Param::text(deviceId)});
  if (!device.isOk()) return device.status();
  if (device->empty()) return core::internalError("enrolled device vanished");
  DeviceRecord d = deviceFrom(*device, 0);
  SECAP_RETURN_IF_ERROR(loadRoles(conn, d));
  SECAP_RETURN_IF_ERROR(tx.commit());
  return d;
}

Result<std::optional<DeviceRecord>> PgStore::deviceByTokenHash(const std::string& tokenHash) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query(std::string(kDeviceColumns) + "WHERE token_hash=$1", {Param::text(tokenHash)});
  if (!rows.isOk()) return rows.status();
  if (rows->empty()) return std::optional<DeviceRecord>();
  DeviceRecord d = deviceFrom(*rows, 0);
  SECAP_RETURN_IF_ERROR(loadRoles(**conn, d));
  return std::optional<DeviceRecord>(std::move(d));
}

Result<std::vector<StoredEntity>> PgStore::entitiesOf(EntityType type, const std::string& municipalityId) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query(std::string(kEntityColumns) + "WHERE type=$1 AND municipality_id=$2 AND NOT deleted",
                             {Param::int8(static_cast<int>(type)), Param::text(municipalityId)});
  if (!rows.isOk()) return rows.status();
  std::vector<StoredEntity> out;
  SECAP_RETURN_IF_ERROR(entitiesFrom(*rows, out));
  return out;
}

Result<std::optional<StoredEntity>> PgStore::entity(EntityType type, const std::string& id) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query(std::string(kEntityColumns) + "WHERE type=$1 AND id=$2",
                             {Param::int8(static_cast<int>(type)), Param::text(id)});
  if (!rows.isOk()) return rows.status();
  std::vector<StoredEntity> out;
  SECAP_RETURN_IF_ERROR(entitiesFrom(*rows, out));
  if (out.empty()) return std::optional<StoredEntity>();
  return std::optional<StoredEntity>(std::move(out.front()));
}

Result<std::map<std::string, core::MonthlyUse>> PgStore::meterRollups(const std::string& municipalityId) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query("SELECT meter_id, ym, kwh, readings FROM meter_months WHERE municipality_id=$1",
                             {Param::text(municipalityId)});
  if (!rows.isOk()) return rows.status();
  std::map<std::string, core::MonthlyUse> out;
  for (int i = 0; i < rows->size(); ++i)
    out[rows->getBytes(i, 0)][core::YearMonth::fromIndex(static_cast<int>(rows->getInt(i, 1)))] =
        core::MonthUse{rows->getDouble(i, 2), rows->getInt(i, 3)};
  return out;
}

Result<std::vector<StoredEntity>> PgStore::allMunicipalities() {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query(std::string(kEntityColumns) + "WHERE type=$1 AND NOT deleted ORDER BY id",
                             {Param::int8(static_cast<int>(EntityType::kMunicipality))});
  if (!rows.isOk()) return rows.status();
  std::vector<StoredEntity> out;
  SECAP_RETURN_IF_ERROR(entitiesFrom(*rows, out));
  return out;
}

Result<std::vector<StoredEntity>> PgStore::recordsOf(const std::string& municipalityId) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query(std::string(kEntityColumns) + "WHERE municipality_id=$1 ORDER BY type, id",
                             {Param::text(municipalityId)});
  if (!rows.isOk()) return rows.status();
  std::vector<StoredEntity> out;
  SECAP_RETURN_IF_ERROR(entitiesFrom(*rows, out));
  return out;
}

Result<std::vector<StoredEntity>> PgStore::recordsAfter(const std::vector<std::string>& municipalityIds, int afterType,
                                                        const std::string& afterId, int limit) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  // entities.id is COLLATE "C": the same byte order as SQLite, whatever the database's locale.
  auto rows = (*conn)->query(
      std::string(kEntityColumns) +
          "WHERE (type > $1 OR (type = $1 AND id > $2)) AND "
          "municipality_id = ANY($3) ORDER BY type, id LIMIT $4",
      {Param::int8(afterType), Param::text(afterId), Param::textArray(municipalityIds), Param::int8(limit)});
  if (!rows.isOk()) return rows.status();
  std::vector<StoredEntity> out;
  SECAP_RETURN_IF_ERROR(entitiesFrom(*rows, out));
  return out;
}

// --- Attachments ---

Result<std::optional<UploadProgress>> PgStore::uploadProgress(const std::string& deviceId, const std::string& sha256) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query(
      "SELECT attachment_id, total_size, received, updated_at FROM upload_progress WHERE device_id=$1 AND sha256=$2",
      {Param::text(deviceId), Param::text(sha256)});
  if (!rows.isOk()) return rows.status();
  if (rows->empty()) return std::optional<UploadProgress>();
  UploadProgress p;
  p.deviceId = deviceId;
  p.sha256 = sha256;
  p.attachmentId = rows->getBytes(0, 0);
  p.totalSize = rows->getInt(0, 1);
  p.received = rows->getInt(0, 2);
  p.updatedAtMs = rows->getInt(0, 3);
  return std::optional<UploadProgress>(std::move(p));
}

Status PgStore::putUploadProgress(const UploadProgress& p) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query(
      "INSERT INTO upload_progress(device_id, sha256, attachment_id, total_size, received, updated_at) "
      "VALUES($1,$2,$3,$4,$5,$6) ON CONFLICT(device_id, sha256) DO UPDATE SET attachment_id=EXCLUDED.attachment_id, "
      "total_size=EXCLUDED.total_size, received=EXCLUDED.received, updated_at=EXCLUDED.updated_at",
      {Param::text(p.deviceId), Param::text(p.sha256), Param::text(p.attachmentId), Param::int8(p.totalSize),
       Param::int8(p.received), Param::int8(p.updatedAtMs)});
  return rows.status();
}

Status PgStore::removeUploadProgress(const std::string& deviceId, const std::string& sha256) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  return (*conn)
      ->query("DELETE FROM upload_progress WHERE device_id=$1 AND sha256=$2",
              {Param::text(deviceId), Param::text(sha256)})
      .status();
}

Result<std::optional<StoredEntity>> PgStore::attachmentById(const std::string& id) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query(std::string(kEntityColumns) + "WHERE type=$1 AND id=$2",
                             {Param::int8(static_cast<int>(EntityType::kAttachment)), Param::text(id)});
  if (!rows.isOk()) return rows.status();
  std::vector<StoredEntity> out;
  SECAP_RETURN_IF_ERROR(entitiesFrom(*rows, out));
  if (out.empty()) return std::optional<StoredEntity>();
  return std::optional<StoredEntity>(std::move(out.front()));
}

Result<std::vector<StoredEntity>> PgStore::attachmentsWithContent(const std::string& sha256) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query(std::string(kEntityColumns) + "WHERE type=$1",
                             {Param::int8(static_cast<int>(EntityType::kAttachment))});
  if (!rows.isOk()) return rows.status();
  std::vector<StoredEntity> out;
  SECAP_RETURN_IF_ERROR(entitiesFrom(*rows, out));
  std::erase_if(out, [&](const StoredEntity& e) { return e.entity.attachment().sha256() != sha256; });
  return out;
}

Status PgStore::addAuditEntry(const AuditEntry& entry) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  return audit(**conn, entry.atMs, entry.actor, entry.action, entry.detail);
}

Result<std::vector<AuditEntry>> PgStore::auditEntries(const std::string& action) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query("SELECT at_ms, actor, action, detail FROM audit_log WHERE action=$1 ORDER BY id",
                             {Param::text(action)});
  if (!rows.isOk()) return rows.status();
  std::vector<AuditEntry> out;
  for (int i = 0; i < rows->size(); ++i)
    out.push_back({.atMs = rows->getInt(i, 0),
                   .actor = rows->getBytes(i, 1),
                   .action = rows->getBytes(i, 2),
                   .detail = rows->getBytes(i, 3)});
  return out;
}

// --- Devices, roles and limits ---

namespace {

Result<std::optional<DeviceRecord>> deviceOn(pg::Conn& conn, const std::string& deviceId, bool forUpdate = false) {
  auto rows = conn.query(std::string(kDeviceColumns) + "WHERE id=$1" + (forUpdate ? " FOR UPDATE" : ""),
                         {Param::text(deviceId)});
  if (!rows.isOk()) return rows.status();
  if (rows->empty()) return std::optional<DeviceRecord>();
  DeviceRecord d = deviceFrom(*rows, 0);
  SECAP_RETURN_IF_ERROR(loadRoles(conn, d));
  return std::optional<DeviceRecord>(std::move(d));
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
  return out.empty() ? "none" : out;
}

Status unknownDevice(const std::string& deviceId) { return {StatusCode::kNotFound, "there is no device " + deviceId}; }

// Runs `body(conn, device)` in a transaction with the device row locked.
template <typename Body>
Status withDevice(pg::Pool& pool, const std::string& deviceId, Body&& body) {
  auto lease = pool.lease();
  if (!lease.isOk()) return lease.status();
  pg::Conn& conn = **lease;
  PgTransaction tx(conn);
  SECAP_RETURN_IF_ERROR(tx.begin());
  auto d = deviceOn(conn, deviceId, /*forUpdate=*/true);
  if (!d.isOk()) return d.status();
  if (!d->has_value()) return unknownDevice(deviceId);
  SECAP_RETURN_IF_ERROR(body(conn, **d));
  return tx.commit();
}

}  // namespace

Result<std::optional<DeviceRecord>> PgStore::deviceById(const std::string& deviceId) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  return deviceOn(**conn, deviceId);
}

Status PgStore::revokeDevice(const std::string& deviceId, bool allowRescue, int64_t nowMs, const std::string& actor) {
  return withDevice(m_pool, deviceId, [&](pg::Conn& conn, const DeviceRecord& d) -> Status {
    SECAP_RETURN_IF_ERROR(
        conn.query("UPDATE devices SET revoked_at=CASE WHEN revoked_at=0 THEN $1 ELSE revoked_at END, rescue=$2 "
                   "WHERE id=$3",
                   {Param::int8(nowMs), Param::int8(allowRescue ? kRescueAllowed : d.rescue), Param::text(deviceId)})
            .status());
    return audit(conn, nowMs, actor, "device.revoke",
                 "device=" + deviceId + " name=" + d.name + (allowRescue ? " rescue=allowed" : ""));
  });
}

Status PgStore::allowRescue(const std::string& deviceId, int64_t nowMs, const std::string& actor) {
  return withDevice(m_pool, deviceId, [&](pg::Conn& conn, const DeviceRecord& d) -> Status {
    if (d.revokedAtMs == 0)
      return {StatusCode::kFailedPrecondition, "device " + deviceId + " is not revoked; revoke it first"};
    SECAP_RETURN_IF_ERROR(conn.query("UPDATE devices SET rescue=1 WHERE id=$1", {Param::text(deviceId)}).status());
    return audit(conn, nowMs, actor, "device.rescue", "device=" + deviceId + " name=" + d.name);
  });
}

Result<bool> PgStore::takeRescue(const std::string& deviceId) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  // One statement: of two instances racing, exactly one changes the row.
  auto rows =
      (*conn)->query("UPDATE devices SET rescue=2 WHERE id=$1 AND rescue=1 AND revoked_at<>0", {Param::text(deviceId)});
  if (!rows.isOk()) return rows.status();
  return rows->affected() == 1;
}

Status PgStore::giveBackRescue(const std::string& deviceId) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  return (*conn)->query("UPDATE devices SET rescue=1 WHERE id=$1 AND rescue=2", {Param::text(deviceId)}).status();
}

Status PgStore::grantRole(const std::string& deviceId, const std::string& municipalityId, const std::string& role,
                          int64_t nowMs, const std::string& actor) {
  return withDevice(m_pool, deviceId, [&](pg::Conn& conn, const DeviceRecord& d) -> Status {
    SECAP_RETURN_IF_ERROR(conn.query("INSERT INTO device_roles(device_id, municipality_id, role) VALUES($1,$2,$3) "
                                     "ON CONFLICT(device_id, municipality_id) DO UPDATE SET role=EXCLUDED.role",
                                     {Param::text(deviceId), Param::text(municipalityId), Param::text(role)})
                              .status());
    SECAP_RETURN_IF_ERROR(
        conn.query("UPDATE devices SET resync_pending=resync_pending+1 WHERE id=$1", {Param::text(deviceId)}).status());
    const auto old = d.roles.find(municipalityId);
    return audit(conn, nowMs, actor, "device.grant",
                 "device=" + deviceId + " municipality=" + municipalityId + " role=" + role +
                     (old != d.roles.end() ? " was=" + old->second : ""));
  });
}

Status PgStore::ungrantRole(const std::string& deviceId, const std::string& municipalityId, int64_t nowMs,
                            const std::string& actor) {
  return withDevice(m_pool, deviceId, [&](pg::Conn& conn, const DeviceRecord& d) -> Status {
    const auto old = d.roles.find(municipalityId);
    if (old == d.roles.end())
      return {StatusCode::kNotFound, "device " + deviceId + " has no role in municipality " + municipalityId};
    SECAP_RETURN_IF_ERROR(conn.query("DELETE FROM device_roles WHERE device_id=$1 AND municipality_id=$2",
                                     {Param::text(deviceId), Param::text(municipalityId)})
                              .status());
    SECAP_RETURN_IF_ERROR(
        conn.query("UPDATE devices SET resync_pending=resync_pending+1 WHERE id=$1", {Param::text(deviceId)}).status());
    return audit(conn, nowMs, actor, "device.ungrant",
                 "device=" + deviceId + " municipality=" + municipalityId + " was=" + old->second);
  });
}

Status PgStore::noteDeviceSeen(const std::string& deviceId, int64_t nowMs, int64_t outbox) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  return (*conn)
      ->query(
          "UPDATE devices SET last_seen_ms=greatest(last_seen_ms, $1), "
          "outbox=CASE WHEN $2<0 THEN outbox ELSE $2 END WHERE id=$3",
          {Param::int8(nowMs), Param::int8(outbox), Param::text(deviceId)})
      .status();
}

Status PgStore::clearResyncPending(const std::string& deviceId, int64_t mark) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  return (*conn)
      ->query("UPDATE devices SET resync_pending=0 WHERE id=$1 AND resync_pending=$2",
              {Param::text(deviceId), Param::int8(mark)})
      .status();
}

Status PgStore::bindSites(const std::string& deviceId, const std::vector<std::string>& siteIds, int64_t nowMs,
                          const std::string& actor) {
  return withDevice(m_pool, deviceId, [&](pg::Conn& conn, const DeviceRecord& d) -> Status {
    SECAP_RETURN_IF_ERROR(conn.query("DELETE FROM device_sites WHERE device_id=$1", {Param::text(deviceId)}).status());
    for (const auto& site : siteIds)
      SECAP_RETURN_IF_ERROR(conn.query("INSERT INTO device_sites(device_id, site_id) VALUES($1,$2) ON CONFLICT DO "
                                       "NOTHING",
                                       {Param::text(deviceId), Param::text(site)})
                                .status());
    SECAP_RETURN_IF_ERROR(
        conn.query("UPDATE devices SET resync_pending=resync_pending+1 WHERE id=$1", {Param::text(deviceId)}).status());
    return audit(conn, nowMs, actor, "device.bind_sites",
                 "device=" + deviceId + " sites=" + joined(siteIds) + " was=" + joined(d.sites));
  });
}

Result<int64_t> PgStore::countCall(const std::string& deviceId, int64_t windowStartMs) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  // The row lock of ON CONFLICT makes concurrent instances count one by one.
  auto rows = (*conn)->query(
      "INSERT INTO rate_windows(device_id, window_start, calls) VALUES($1,$2,1) ON CONFLICT(device_id) DO UPDATE SET "
      "calls=CASE WHEN rate_windows.window_start=EXCLUDED.window_start THEN rate_windows.calls+1 ELSE 1 END, "
      "window_start=EXCLUDED.window_start RETURNING calls",
      {Param::text(deviceId), Param::int8(windowStartMs)});
  if (!rows.isOk()) return rows.status();
  if (rows->empty()) return core::internalError("the rate counter returned nothing");
  return rows->getInt(0, 0);
}

Result<std::vector<AuditEntry>> PgStore::auditLog(int64_t sinceMs, int limit) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query(
      "SELECT id, at_ms, actor, action, detail FROM audit_log WHERE at_ms>=$1 ORDER BY at_ms DESC, id DESC LIMIT $2",
      {Param::int8(sinceMs), Param::int8(limit)});
  if (!rows.isOk()) return rows.status();
  std::vector<AuditEntry> out;
  for (int i = rows->size() - 1; i >= 0; --i)
    out.push_back(
        {rows->getInt(i, 0), rows->getInt(i, 1), rows->getBytes(i, 2), rows->getBytes(i, 3), rows->getBytes(i, 4)});
  return out;
}

Result<std::vector<DeviceRecord>> PgStore::allDevices() {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query(std::string(kDeviceColumns) + "ORDER BY enrolled_at, id");
  if (!rows.isOk()) return rows.status();
  std::vector<DeviceRecord> out;
  for (int i = 0; i < rows->size(); ++i) {
    out.push_back(deviceFrom(*rows, i));
    SECAP_RETURN_IF_ERROR(loadRoles(**conn, out.back()));
  }
  return out;
}

// --- Web users and sessions ---

namespace {

constexpr const char* kWebUserColumns =
    "SELECT login, device_id, password_hash, created_ms, failed_logins, locked_until_ms FROM web_users ";

WebUserRecord webUserFrom(const pg::Rows& rows, int i) {
  return {rows.getBytes(i, 0),
          rows.getBytes(i, 1),
          rows.getBytes(i, 2),
          rows.getInt(i, 3),
          static_cast<int>(rows.getInt(i, 4)),
          rows.getInt(i, 5)};
}

}  // namespace

Status PgStore::addWebUser(const WebUserRecord& u) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  Status done = (*conn)
                    ->query("INSERT INTO web_users(login, device_id, password_hash, created_ms) VALUES($1,$2,$3,$4)",
                            {Param::text(u.login), Param::text(u.deviceId), Param::text(u.passwordHash),
                             Param::int8(u.createdAtMs)})
                    .status();
  if (done.code() == StatusCode::kAlreadyExists)
    return {StatusCode::kAlreadyExists, "the login " + u.login + " is taken"};
  return done;
}

Result<std::optional<WebUserRecord>> PgStore::webUser(const std::string& login) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query(std::string(kWebUserColumns) + "WHERE login=$1", {Param::text(login)});
  if (!rows.isOk()) return rows.status();
  std::optional<WebUserRecord> out;
  if (!rows->empty()) out = webUserFrom(*rows, 0);
  return out;
}

Result<std::vector<WebUserRecord>> PgStore::webUsers() {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query(std::string(kWebUserColumns) + "ORDER BY login");
  if (!rows.isOk()) return rows.status();
  std::vector<WebUserRecord> out;
  for (int i = 0; i < rows->size(); ++i) out.push_back(webUserFrom(*rows, i));
  return out;
}

Status PgStore::setWebPassword(const std::string& login, const std::string& passwordHash) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query("UPDATE web_users SET password_hash=$1, failed_logins=0, locked_until_ms=0 WHERE login=$2",
                             {Param::text(passwordHash), Param::text(login)});
  if (!rows.isOk()) return rows.status();
  if (rows->affected() == 0) return core::notFound("there is no web user " + login);
  return Status::ok();
}

Result<int> PgStore::countLoginFailure(const std::string& login) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows =
      (*conn)->query("UPDATE web_users SET failed_logins=failed_logins+1 WHERE login=$1 RETURNING failed_logins",
                     {Param::text(login)});
  if (!rows.isOk()) return rows.status();
  return rows->empty() ? 0 : static_cast<int>(rows->getInt(0, 0));
}

Status PgStore::setLoginLock(const std::string& login, int64_t lockedUntilMs) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  return (*conn)
      ->query("UPDATE web_users SET failed_logins=0, locked_until_ms=$1 WHERE login=$2",
              {Param::int8(lockedUntilMs), Param::text(login)})
      .status();
}

Status PgStore::addWebSession(const WebSessionRecord& s) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  SECAP_RETURN_IF_ERROR(
      (*conn)->query("DELETE FROM web_sessions WHERE expires_ms<=$1", {Param::int8(s.createdAtMs)}).status());
  return (*conn)
      ->query(
          "INSERT INTO web_sessions(token_hash, kind, login, csrf_token, created_ms, expires_ms) "
          "VALUES($1,$2,$3,$4,$5,$6)",
          {Param::text(s.tokenHash), Param::text(s.kind), Param::text(s.login), Param::text(s.csrfToken),
           Param::int8(s.createdAtMs), Param::int8(s.expiresAtMs)})
      .status();
}

Result<std::optional<WebSessionRecord>> PgStore::webSession(const std::string& tokenHash) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query(
      "SELECT token_hash, kind, login, csrf_token, created_ms, expires_ms FROM web_sessions WHERE token_hash=$1",
      {Param::text(tokenHash)});
  if (!rows.isOk()) return rows.status();
  std::optional<WebSessionRecord> out;
  if (!rows->empty())
    out = WebSessionRecord{rows->getBytes(0, 0), rows->getBytes(0, 1), rows->getBytes(0, 2),
                           rows->getBytes(0, 3), rows->getInt(0, 4),   rows->getInt(0, 5)};
  return out;
}

Result<bool> PgStore::removeWebSession(const std::string& tokenHash) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  auto rows = (*conn)->query("DELETE FROM web_sessions WHERE token_hash=$1", {Param::text(tokenHash)});
  if (!rows.isOk()) return rows.status();
  return rows->affected() > 0;
}

Status PgStore::removeWebSessionsOf(const std::string& login) {
  auto conn = m_pool.lease();
  if (!conn.isOk()) return conn.status();
  return (*conn)->query("DELETE FROM web_sessions WHERE login=$1", {Param::text(login)}).status();
}

}  // namespace secap::server

#include "sqlite_store.h"

#include <algorithm>

namespace secap::server {

namespace {

using core::EntityType;
using core::StatusCode;
using core::sqlite::Db;
using core::sqlite::Stmt;

const char* const kMigrations[] = {
    R"sql(
CREATE TABLE change_log(
  seq INTEGER PRIMARY KEY,
  municipality_id TEXT NOT NULL,
  entity_type INTEGER NOT NULL,
  entity_id TEXT NOT NULL,
  payload BLOB NOT NULL);
CREATE INDEX change_log_by_scope ON change_log(municipality_id, seq);
CREATE TABLE change_results(
  change_id TEXT PRIMARY KEY,
  outcome INTEGER NOT NULL,
  server_seq INTEGER NOT NULL,
  canonical_entity_id TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
CREATE TABLE entities(
  type INTEGER NOT NULL,
  id TEXT NOT NULL,
  municipality_id TEXT NOT NULL,
  parent_id TEXT NOT NULL,
  hlc INTEGER NOT NULL,
  origin_device_id TEXT NOT NULL,
  deleted INTEGER NOT NULL,
  server_seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  stamps BLOB NOT NULL DEFAULT '',
  PRIMARY KEY(type, id)) WITHOUT ROWID;
CREATE INDEX entities_by_scope ON entities(type, municipality_id);
CREATE TABLE reading_content(
  meter_id TEXT NOT NULL,
  taken_at INTEGER NOT NULL,
  value REAL NOT NULL,
  reading_id TEXT NOT NULL,
  server_seq INTEGER NOT NULL,
  period_start INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(meter_id, taken_at, value)) WITHOUT ROWID;
CREATE TABLE enrollment_codes(
  code_hash TEXT PRIMARY KEY,
  municipality_id TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER NOT NULL DEFAULT 0,
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
  enrolled_at INTEGER NOT NULL,
  revoked_at INTEGER NOT NULL DEFAULT 0);
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL);
CREATE TABLE audit_log(
  id INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
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
  total_size INTEGER NOT NULL,
  received INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY(device_id, sha256)) WITHOUT ROWID;
ALTER TABLE devices ADD COLUMN rescue INTEGER NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN resync_pending INTEGER NOT NULL DEFAULT 0;
CREATE TABLE device_roles(
  device_id TEXT NOT NULL,
  municipality_id TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY(device_id, municipality_id)) WITHOUT ROWID;
INSERT INTO device_roles(device_id, municipality_id, role) SELECT id, municipality_id, role FROM devices;
CREATE TABLE rate_windows(
  device_id TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  calls INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX audit_log_by_time ON audit_log(at_ms);
CREATE TABLE device_sites(
  device_id TEXT NOT NULL,
  site_id TEXT NOT NULL,
  PRIMARY KEY(device_id, site_id)) WITHOUT ROWID;
)sql",
    // 3: a kiosk's sites can be bound when its enrollment code is issued.
    R"sql(
CREATE TABLE enrollment_code_sites(
  code_hash TEXT NOT NULL,
  site_id TEXT NOT NULL,
  PRIMARY KEY(code_hash, site_id)) WITHOUT ROWID;
)sql",
    // 4: monthly rollups per meter and each meter's chain end (rollup.h);
    // records by parent (a meter's readings, their reviews).
    R"sql(
CREATE TABLE meter_months(
  meter_id TEXT NOT NULL,
  ym INTEGER NOT NULL,
  municipality_id TEXT NOT NULL,
  kwh REAL NOT NULL,
  readings INTEGER NOT NULL,
  PRIMARY KEY(meter_id, ym)) WITHOUT ROWID;
CREATE INDEX meter_months_by_municipality ON meter_months(municipality_id);
CREATE TABLE meter_chain(
  meter_id TEXT PRIMARY KEY,
  reading_id TEXT NOT NULL,
  taken_at INTEGER NOT NULL,
  value REAL NOT NULL,
  kind INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX entities_by_parent ON entities(type, parent_id);
)sql",
    // 5: when each device last synced, and its outbox then (/metrics).
    R"sql(
ALTER TABLE devices ADD COLUMN last_seen_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN outbox INTEGER NOT NULL DEFAULT -1;
)sql",
    // 6: web dashboard users and their sessions (web_auth.h).
    R"sql(
CREATE TABLE web_users(
  login TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until_ms INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE TABLE web_sessions(
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  login TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX web_sessions_by_login ON web_sessions(login);
CREATE INDEX web_sessions_by_expiry ON web_sessions(expires_ms);
)sql",
};
constexpr int kMigrationCount = static_cast<int>(std::size(kMigrations));
static_assert(kMigrationCount == SqliteStore::kSchemaVersion);

Status rowsOf(Stmt& st, std::vector<StoredEntity>& out) {
  while (true) {
    auto row = st.step();
    if (!row.isOk()) return row.status();
    if (!*row) return Status::ok();
    StoredEntity e;
    e.type = static_cast<EntityType>(st.columnInt(0));
    e.id = st.columnText(1);
    e.municipalityId = st.columnText(2);
    e.parentId = st.columnText(3);
    e.hlc = static_cast<core::HlcValue>(st.columnInt(4));
    e.originDeviceId = st.columnText(5);
    e.deleted = st.columnInt(6) != 0;
    e.serverSeq = st.columnInt(7);
    if (!core::parseEntityInto(e.type, st.columnBlob(8), e.entity))
      return {StatusCode::kDataLoss, "stored entity " + e.id + " cannot be decoded"};
    auto stamps = core::decodeStamps(st.columnBlob(9));
    if (!stamps) return {StatusCode::kDataLoss, "stored stamps of " + e.id + " cannot be decoded"};
    e.stamps = std::move(*stamps);
    out.push_back(std::move(e));
  }
}

constexpr const char* kEntityColumns =
    "SELECT type, id, municipality_id, parent_id, hlc, origin_device_id, deleted, server_seq, data, stamps "
    "FROM entities ";
using sqlite_sql::kEntitiesByParent;
using sqlite_sql::kEntitiesByScope;

DeviceRecord deviceFromRow(const Stmt& st) {
  DeviceRecord d;
  d.id = st.columnText(0);
  d.installId = st.columnText(1);
  d.name = st.columnText(2);
  d.platform = st.columnText(3);
  d.appVersion = st.columnText(4);
  d.municipalityId = st.columnText(5);
  d.role = st.columnText(6);
  d.enrolledAtMs = st.columnInt(7);
  d.revokedAtMs = st.columnInt(8);
  d.rescue = static_cast<int>(st.columnInt(9));
  d.resyncPending = st.columnInt(10);
  d.lastSeenMs = st.columnInt(11);
  d.outbox = st.columnInt(12);
  return d;
}

// Seqs commit in order here, so the watermark is the highest seq (or the
// floor set after a restore, which no device may pass without a resync).
constexpr const char* kWatermarkSql =
    "SELECT max(coalesce((SELECT max(seq) FROM change_log), 0), "
    "coalesce((SELECT value FROM meta WHERE key='seq_floor'), 0))";

constexpr const char* kDeviceColumns =
    "SELECT id, install_id, name, platform, app_version, municipality_id, role, enrolled_at, revoked_at, rescue, "
    "resync_pending, last_seen_ms, outbox FROM devices ";

// Fills in the device's roles (device_roles) and bound sites (device_sites).
Status loadRoles(Db& db, DeviceRecord& d) {
  auto st = db.cached("SELECT municipality_id, role FROM device_roles WHERE device_id=?");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, d.id);
  d.roles.clear();
  while (true) {
    auto row = (*st)->step();
    if (!row.isOk()) return row.status();
    if (!*row) break;
    d.roles[(*st)->columnText(0)] = (*st)->columnText(1);
  }
  auto sites = db.cached("SELECT site_id FROM device_sites WHERE device_id=? ORDER BY site_id");
  if (!sites.isOk()) return sites.status();
  (*sites)->bind(1, d.id);
  d.sites.clear();
  while (true) {
    auto row = (*sites)->step();
    if (!row.isOk()) return row.status();
    if (!*row) return Status::ok();
    d.sites.push_back((*sites)->columnText(0));
  }
}

Result<std::optional<DeviceRecord>> deviceOn(Db& db, const std::string& deviceId);

Status auditOn(Db& db, int64_t atMs, const std::string& actor, const std::string& action, const std::string& detail) {
  auto st = db.cached("INSERT INTO audit_log(at_ms, actor, action, detail) VALUES(?,?,?,?)");
  if (!st.isOk()) return st.status();
  return (*st)->bind(1, atMs).bind(2, actor).bind(3, action).bind(4, detail).exec();
}

}  // namespace

class SqliteWriteTx final : public WriteTx {
 public:
  SqliteWriteTx(SqliteStore& store, std::unique_lock<std::mutex> lock)
      : m_lock(std::move(lock)), m_db(*store.m_writer), m_tx(m_db) {}

  Status begin() { return m_tx.begin(); }

  Result<std::optional<RememberedResult>> findChange(const std::string& changeId) override {
    auto st =
        stmt(m_findChange, "SELECT outcome, server_seq, canonical_entity_id FROM change_results WHERE change_id=?");
    if (!st.isOk()) return st.status();
    (*st)->bind(1, changeId);
    auto row = (*st)->step();
    if (!row.isOk()) return row.status();
    if (!*row) return std::optional<RememberedResult>();
    RememberedResult r;
    r.outcome = static_cast<secap::v1::Outcome>((*st)->columnInt(0));
    r.serverSeq = (*st)->columnInt(1);
    r.canonicalEntityId = (*st)->columnText(2);
    (*st)->reset();
    return std::optional<RememberedResult>(r);
  }

  Status rememberChange(const std::string& changeId, const RememberedResult& r) override {
    auto st = stmt(m_rememberChange,
                   "INSERT INTO change_results(change_id, outcome, server_seq, canonical_entity_id) VALUES(?,?,?,?)");
    if (!st.isOk()) return st.status();
    return (*st)
        ->bind(1, changeId)
        .bind(2, static_cast<int>(r.outcome))
        .bind(3, r.serverSeq)
        .bind(4, r.canonicalEntityId)
        .exec();
  }

  Result<std::optional<StoredEntity>> getEntity(EntityType type, const std::string& id) override {
    if (!m_getEntity) {
      auto st = m_db.cached(std::string(kEntityColumns) + "WHERE type=? AND id=?");
      if (!st.isOk()) return st.status();
      m_getEntity = *st;
    }
    m_getEntity->reset();
    Stmt* st = m_getEntity;
    st->bind(1, static_cast<int>(type)).bind(2, id);
    std::vector<StoredEntity> rows;
    SECAP_RETURN_IF_ERROR(rowsOf(*st, rows));
    if (rows.empty()) return std::optional<StoredEntity>();
    return std::optional<StoredEntity>(std::move(rows.front()));
  }

  Result<std::optional<std::pair<std::string, int64_t>>> findReadingByContent(const std::string& meterId,
                                                                              int64_t takenAt, double value) override {
    using R = std::optional<std::pair<std::string, int64_t>>;
    auto st = stmt(m_findContent,
                   "SELECT reading_id, server_seq FROM reading_content WHERE meter_id=? AND taken_at=? AND value=?");
    if (!st.isOk()) return st.status();
    (*st)->bind(1, meterId).bind(2, takenAt).bind(3, value);
    auto row = (*st)->step();
    if (!row.isOk()) return row.status();
    if (!*row) return R();
    R r = std::make_pair((*st)->columnText(0), (*st)->columnInt(1));
    (*st)->reset();
    return r;
  }

  Result<std::vector<core::ReadingPoint>> recentReadings(const std::string& meterId, int limit) override {
    auto st = m_db.cached(
        "SELECT taken_at, value, period_start FROM reading_content WHERE meter_id=? ORDER BY taken_at DESC LIMIT ?");
    if (!st.isOk()) return st.status();
    (*st)->bind(1, meterId).bind(2, limit);
    std::vector<core::ReadingPoint> out;
    while (true) {
      auto row = (*st)->step();
      if (!row.isOk()) return row.status();
      if (!*row) break;
      out.push_back({(*st)->columnInt(0), (*st)->columnDouble(1), (*st)->columnInt(2)});
    }
    std::reverse(out.begin(), out.end());
    return out;
  }

  Result<int64_t> appendChange(const secap::v1::Change& change, const std::string& municipalityId) override {
    // One writer at a time, so the next seq is simply one past the highest
    // (compaction never removes the highest entry), or past the floor set
    // after a restore; after the transaction's first, one more each time
    // (until a floor or a removal changes the picture).
    if (m_nextSeq == 0) {
      auto highest = highestSeqInUse();
      if (!highest.isOk()) return highest.status();
      m_nextSeq = *highest + 1;
    }
    const int64_t seq = m_nextSeq;
    auto st = stmt(m_appendChange,
                   "INSERT INTO change_log(seq, municipality_id, entity_type, entity_id, payload) VALUES(?,?,?,?,?)");
    if (!st.isOk()) return st.status();
    SECAP_RETURN_IF_ERROR((*st)
                              ->bind(1, seq)
                              .bind(2, municipalityId)
                              .bind(3, static_cast<int>(core::entityTypeOf(change)))
                              .bind(4, change.entity_id())
                              .bindBlob(5, core::serializeWithServerSeq(change, seq))
                              .exec());
    ++m_nextSeq;
    return seq;
  }

  Status putEntity(const StoredEntity& e) override {
    auto st = stmt(
        m_putEntity,
        "INSERT INTO entities(type, id, municipality_id, parent_id, hlc, origin_device_id, deleted, server_seq, data, "
        "stamps) VALUES(?,?,?,?,?,?,?,?,?,?) ON CONFLICT(type, id) DO UPDATE SET "
        "municipality_id=excluded.municipality_id, parent_id=excluded.parent_id, hlc=excluded.hlc, "
        "origin_device_id=excluded.origin_device_id, deleted=excluded.deleted, server_seq=excluded.server_seq, "
        "data=excluded.data, stamps=excluded.stamps");
    if (!st.isOk()) return st.status();
    SECAP_RETURN_IF_ERROR((*st)
                              ->bind(1, static_cast<int>(e.type))
                              .bind(2, e.id)
                              .bind(3, e.municipalityId)
                              .bind(4, e.parentId)
                              .bind(5, static_cast<int64_t>(e.hlc))
                              .bind(6, e.originDeviceId)
                              .bind(7, e.deleted ? 1 : 0)
                              .bind(8, e.serverSeq)
                              .bindBlob(9, core::serializeEntity(e.entity))
                              .bindBlob(10, core::encodeStamps(e.stamps))
                              .exec());
    if (e.type == EntityType::kReading) {
      const auto& r = e.entity.reading();
      auto rc =
          stmt(m_putContent,
               "INSERT OR IGNORE INTO reading_content(meter_id, taken_at, value, reading_id, server_seq, period_start) "
               "VALUES(?,?,?,?,?,?)");
      if (!rc.isOk()) return rc.status();
      SECAP_RETURN_IF_ERROR((*rc)
                                ->bind(1, r.meter_id())
                                .bind(2, r.taken_at())
                                .bind(3, r.value())
                                .bind(4, r.id())
                                .bind(5, e.serverSeq)
                                .bind(6, r.has_period_start() ? r.period_start() : 0)
                                .exec());
    }
    return Status::ok();
  }

  Status removeChange(int64_t seq) override {
    m_nextSeq = 0;
    auto st = m_db.cached("DELETE FROM change_log WHERE seq=?");
    if (!st.isOk()) return st.status();
    return (*st)->bind(1, seq).exec();
  }

  Status raiseCompactionHorizon(int64_t seq) override {
    auto st = m_db.cached(
        "INSERT INTO meta(key, value) VALUES('compaction_horizon', ?) "
        "ON CONFLICT(key) DO UPDATE SET value=max(value, excluded.value)");
    if (!st.isOk()) return st.status();
    return (*st)->bind(1, seq).exec();
  }

  Result<int64_t> highestSeqInUse() override {
    auto st = m_db.cached(
        "SELECT max(coalesce((SELECT max(seq) FROM change_log), 0), "
        "coalesce((SELECT value FROM meta WHERE key='seq_floor'), 0))");
    if (!st.isOk()) return st.status();
    auto row = (*st)->step();
    if (!row.isOk()) return row.status();
    const int64_t v = (*st)->columnInt(0);
    (*st)->reset();
    return v;
  }

  Status raiseSeqFloor(int64_t floor) override {
    m_nextSeq = 0;
    auto st = m_db.cached(
        "INSERT INTO meta(key, value) VALUES('seq_floor', ?) "
        "ON CONFLICT(key) DO UPDATE SET value=max(value, excluded.value)");
    if (!st.isOk()) return st.status();
    return (*st)->bind(1, floor).exec();
  }

  Status markKiosksForResync(const std::string& municipalityId) override {
    auto st = m_db.cached(
        "UPDATE devices SET resync_pending=resync_pending+1 WHERE revoked_at=0 AND id IN "
        "(SELECT device_id FROM device_roles WHERE municipality_id=? AND role='kiosk')");
    if (!st.isOk()) return st.status();
    return (*st)->bind(1, municipalityId).exec();
  }

  // --- Rollups ---

  Result<std::vector<StoredEntity>> entitiesIn(EntityType type, const std::string& municipalityId) override {
    auto st = m_db.cached(std::string(kEntitiesByScope) + "WHERE type=? AND municipality_id=? AND deleted=0");
    if (!st.isOk()) return st.status();
    (*st)->bind(1, static_cast<int>(type)).bind(2, municipalityId);
    std::vector<StoredEntity> out;
    SECAP_RETURN_IF_ERROR(rowsOf(**st, out));
    return out;
  }

  Result<std::vector<StoredEntity>> entitiesWithParent(EntityType type, const std::string& parentId) override {
    auto st = m_db.cached(std::string(kEntitiesByParent) + "WHERE type=? AND parent_id=?");
    if (!st.isOk()) return st.status();
    (*st)->bind(1, static_cast<int>(type)).bind(2, parentId);
    std::vector<StoredEntity> out;
    SECAP_RETURN_IF_ERROR(rowsOf(**st, out));
    return out;
  }

  Result<std::vector<StoredEntity>> reviewsOfMeter(const std::string& meterId) override {
    auto st = m_db.cached(std::string(kEntitiesByParent) +
                          "WHERE type=? AND parent_id IN "
                          "(SELECT id FROM entities INDEXED BY entities_by_parent WHERE type=? AND parent_id=?)");
    if (!st.isOk()) return st.status();
    (*st)
        ->bind(1, static_cast<int>(EntityType::kReadingReview))
        .bind(2, static_cast<int>(EntityType::kReading))
        .bind(3, meterId);
    std::vector<StoredEntity> out;
    SECAP_RETURN_IF_ERROR(rowsOf(**st, out));
    return out;
  }

  Result<std::optional<core::ChainEnd>> meterChainEnd(const std::string& meterId) override {
    auto st = m_db.cached("SELECT reading_id, taken_at, value, kind FROM meter_chain WHERE meter_id=?");
    if (!st.isOk()) return st.status();
    (*st)->bind(1, meterId);
    auto row = (*st)->step();
    if (!row.isOk()) return row.status();
    if (!*row) return std::optional<core::ChainEnd>();
    core::ChainEnd end{(*st)->columnText(0), (*st)->columnInt(1), (*st)->columnDouble(2),
                       static_cast<core::ReadingKind>((*st)->columnInt(3))};
    (*st)->reset();  // an unfinished statement would keep its snapshot
    return std::optional<core::ChainEnd>(std::move(end));
  }

  Status addToMeterRollup(const std::string& meterId, const std::string& municipalityId,
                          const core::MeterRollup& delta) override {
    auto st = m_db.cached(
        "INSERT INTO meter_months(meter_id, ym, municipality_id, kwh, readings) VALUES(?,?,?,?,?) "
        "ON CONFLICT(meter_id, ym) DO UPDATE SET kwh=kwh+excluded.kwh, readings=readings+excluded.readings, "
        "municipality_id=excluded.municipality_id");
    if (!st.isOk()) return st.status();
    for (const auto& [month, use] : delta.months)
      SECAP_RETURN_IF_ERROR((*st)
                                ->bind(1, meterId)
                                .bind(2, static_cast<int64_t>(month.index()))
                                .bind(3, municipalityId)
                                .bind(4, use.kwh)
                                .bind(5, use.readings)
                                .exec());
    return setChainEnd(meterId, delta.end);
  }

  Result<StoredMonths> meterMonthsOf(const std::string& meterId) override {
    auto st = m_db.cached("SELECT ym, kwh, readings, municipality_id FROM meter_months WHERE meter_id=?");
    if (!st.isOk()) return st.status();
    (*st)->bind(1, meterId);
    StoredMonths out;
    while (true) {
      auto row = (*st)->step();
      if (!row.isOk()) return row.status();
      if (!*row) return out;
      out.months[core::YearMonth::fromIndex(static_cast<int>((*st)->columnInt(0)))] =
          core::MonthUse{(*st)->columnDouble(1), (*st)->columnInt(2)};
      out.municipalityId = (*st)->columnText(3);
    }
  }

  Status replaceMeterRollup(const std::string& meterId, const std::string& municipalityId,
                            const core::MeterRollup& rollup, const StoredMonths& stored) override {
    auto del = m_db.cached("DELETE FROM meter_months WHERE meter_id=? AND ym=?");
    if (!del.isOk()) return del.status();
    for (const auto& [month, use] : stored.months)
      if (!rollup.months.count(month))
        SECAP_RETURN_IF_ERROR((*del)->bind(1, meterId).bind(2, static_cast<int64_t>(month.index())).exec());
    auto put = m_db.cached(
        "INSERT INTO meter_months(meter_id, ym, municipality_id, kwh, readings) VALUES(?,?,?,?,?) "
        "ON CONFLICT(meter_id, ym) DO UPDATE SET kwh=excluded.kwh, readings=excluded.readings, "
        "municipality_id=excluded.municipality_id");
    if (!put.isOk()) return put.status();
    const bool moved = stored.municipalityId != municipalityId;
    for (const auto& [month, use] : rollup.months) {
      auto old = stored.months.find(month);
      if (!moved && old != stored.months.end() && old->second.kwh == use.kwh && old->second.readings == use.readings)
        continue;
      SECAP_RETURN_IF_ERROR((*put)
                                ->bind(1, meterId)
                                .bind(2, static_cast<int64_t>(month.index()))
                                .bind(3, municipalityId)
                                .bind(4, use.kwh)
                                .bind(5, use.readings)
                                .exec());
    }
    return setChainEnd(meterId, rollup.end);
  }

  Status clearRollups(const std::string& municipalityId) override {
    auto chain = m_db.cached(
        "DELETE FROM meter_chain WHERE meter_id IN (SELECT DISTINCT meter_id FROM meter_months WHERE "
        "municipality_id=?)");
    if (!chain.isOk()) return chain.status();
    SECAP_RETURN_IF_ERROR((*chain)->bind(1, municipalityId).exec());
    auto months = m_db.cached("DELETE FROM meter_months WHERE municipality_id=?");
    if (!months.isOk()) return months.status();
    return (*months)->bind(1, municipalityId).exec();
  }

  Status setMeta(const std::string& key, int64_t value) override {
    auto st =
        m_db.cached("INSERT INTO meta(key, value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    if (!st.isOk()) return st.status();
    return (*st)->bind(1, key).bind(2, value).exec();
  }

  Result<std::optional<int64_t>> meta(const std::string& key) override {
    auto st = m_db.cached("SELECT value FROM meta WHERE key=?");
    if (!st.isOk()) return st.status();
    (*st)->bind(1, key);
    auto row = (*st)->step();
    if (!row.isOk()) return row.status();
    if (!*row) return std::optional<int64_t>();
    const int64_t value = (*st)->columnInt(0);
    (*st)->reset();
    return std::optional<int64_t>(value);
  }

  Status commit() override { return m_tx.commit(); }

 private:
  Status setChainEnd(const std::string& meterId, const std::optional<core::ChainEnd>& end) {
    if (!end) {
      auto st = m_db.cached("DELETE FROM meter_chain WHERE meter_id=?");
      if (!st.isOk()) return st.status();
      return (*st)->bind(1, meterId).exec();
    }
    auto st = m_db.cached(
        "INSERT INTO meter_chain(meter_id, reading_id, taken_at, value, kind) VALUES(?,?,?,?,?) "
        "ON CONFLICT(meter_id) DO UPDATE SET reading_id=excluded.reading_id, taken_at=excluded.taken_at, "
        "value=excluded.value, kind=excluded.kind");
    if (!st.isOk()) return st.status();
    return (*st)
        ->bind(1, meterId)
        .bind(2, end->readingId)
        .bind(3, end->takenAtMs)
        .bind(4, end->value)
        .bind(5, static_cast<int>(end->kind))
        .exec();
  }

  // A hot statement of ingest: looked up by its SQL text on first use in the
  // transaction, then by this pointer (Db owns it; it lives as long as Db).
  Result<Stmt*> stmt(Stmt*& slot, std::string_view sql) {
    if (!slot) {
      auto st = m_db.cached(sql);
      if (!st.isOk()) return st.status();
      slot = *st;
    }
    slot->reset();
    return slot;
  }

  std::unique_lock<std::mutex> m_lock;
  Db& m_db;
  core::sqlite::Transaction m_tx;
  int64_t m_nextSeq = 0;  // 0: not known yet
  Stmt* m_findChange = nullptr;
  Stmt* m_rememberChange = nullptr;
  Stmt* m_getEntity = nullptr;
  Stmt* m_findContent = nullptr;
  Stmt* m_appendChange = nullptr;
  Stmt* m_putEntity = nullptr;
  Stmt* m_putContent = nullptr;
};

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  auto writer = Db::open(path);
  if (!writer.isOk()) return writer.status();
  SECAP_RETURN_IF_ERROR((*writer)->exec("PRAGMA synchronous=FULL"));
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(writer).value(), nullptr));
  SECAP_RETURN_IF_ERROR(store->migrate());
  auto reader = Db::open(path);
  if (!reader.isOk()) return reader.status();
  store->m_reader = std::move(reader).value();
  return store;
}

Status SqliteStore::migrate() {
  std::lock_guard lock(m_writeMu);
  auto st = m_writer->prepare("PRAGMA user_version");
  if (!st.isOk()) return st.status();
  auto row = st->step();
  if (!row.isOk()) return row.status();
  const int current = static_cast<int>(st->columnInt(0));
  if (current > kMigrationCount)
    return {StatusCode::kFailedPrecondition, "the data directory was written by a newer secap-syncserver"};
  for (int v = current; v < kMigrationCount; ++v) {
    core::sqlite::Transaction tx(*m_writer);
    SECAP_RETURN_IF_ERROR(tx.begin());
    SECAP_RETURN_IF_ERROR(m_writer->exec(kMigrations[v]));
    SECAP_RETURN_IF_ERROR(m_writer->exec("PRAGMA user_version=" + std::to_string(v + 1)));
    SECAP_RETURN_IF_ERROR(tx.commit());
  }
  return Status::ok();
}

Result<std::unique_ptr<WriteTx>> SqliteStore::beginWrite(const WriteScope& /*scope: one writer anyway*/) {
  auto tx = std::make_unique<SqliteWriteTx>(*this, std::unique_lock(m_writeMu));
  SECAP_RETURN_IF_ERROR(tx->begin());
  return std::unique_ptr<WriteTx>(std::move(tx));
}

Result<int64_t> SqliteStore::watermark() {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached(kWatermarkSql);
  if (!st.isOk()) return st.status();
  auto row = (*st)->step();
  if (!row.isOk()) return row.status();
  const int64_t w = (*st)->columnInt(0);
  (*st)->reset();
  return w;
}

Result<PullPage> SqliteStore::pull(const std::vector<std::string>& municipalityIds, int64_t afterSeq, int maxChanges,
                                   size_t maxBytes) {
  std::lock_guard lock(m_readMu);
  // One read snapshot for the watermark and the page.
  SECAP_RETURN_IF_ERROR(m_reader->exec("BEGIN"));
  struct EndRead {
    Db& db;
    ~EndRead() { (void)db.exec("COMMIT"); }
  } endRead{*m_reader};

  auto wm = m_reader->cached(kWatermarkSql);
  if (!wm.isOk()) return wm.status();
  auto wrow = (*wm)->step();
  if (!wrow.isOk()) return wrow.status();
  const int64_t watermark = (*wm)->columnInt(0);
  (*wm)->reset();

  PullPage page;
  page.lastSeq = std::max(afterSeq, watermark);
  if (municipalityIds.empty() || afterSeq >= watermark) return page;

  // Merge the per-municipality index ranges in seq order.
  std::string sql =
      "SELECT seq, payload, municipality_id FROM change_log WHERE seq > ? AND seq <= ? AND municipality_id IN (";
  for (size_t i = 0; i < municipalityIds.size(); ++i) sql += i ? ",?" : "?";
  sql += ") ORDER BY seq LIMIT ?";
  auto st = m_reader->cached(sql);
  if (!st.isOk()) return st.status();
  int idx = 1;
  (*st)->bind(idx++, afterSeq).bind(idx++, watermark);
  for (const auto& m : municipalityIds) (*st)->bind(idx++, m);
  (*st)->bind(idx, maxChanges + 1);
  size_t bytes = 0;
  while (true) {
    auto row = (*st)->step();
    if (!row.isOk()) return row.status();
    if (!*row) break;
    const int64_t seq = (*st)->columnInt(0);
    std::string payload = (*st)->columnBlob(1);
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
    page.municipalityIds.push_back((*st)->columnText(2));
  }
  (*st)->reset();
  return page;
}

Status SqliteStore::addEnrollmentCode(const EnrollmentCodeRecord& code) {
  std::lock_guard lock(m_writeMu);
  auto st = m_writer->cached(
      "INSERT INTO enrollment_codes(code_hash, municipality_id, role, created_at, expires_at) VALUES(?,?,?,?,?)");
  if (!st.isOk()) return st.status();
  SECAP_RETURN_IF_ERROR((*st)
                            ->bind(1, code.codeHash)
                            .bind(2, code.municipalityId)
                            .bind(3, code.role)
                            .bind(4, code.createdAtMs)
                            .bind(5, code.expiresAtMs)
                            .exec());
  for (const auto& site : code.sites) {
    auto bind = m_writer->cached("INSERT OR IGNORE INTO enrollment_code_sites(code_hash, site_id) VALUES(?,?)");
    if (!bind.isOk()) return bind.status();
    SECAP_RETURN_IF_ERROR((*bind)->bind(1, code.codeHash).bind(2, site).exec());
  }
  auto audit = m_writer->cached("INSERT INTO audit_log(at_ms, actor, action, detail) VALUES(?,?,?,?)");
  if (!audit.isOk()) return audit.status();
  return (*audit)
      ->bind(1, code.createdAtMs)
      .bind(2, "admin")
      .bind(3, "enrollment_code.create")
      .bind(4, "municipality=" + code.municipalityId + " role=" + code.role)
      .exec();
}

Result<DeviceRecord> SqliteStore::enroll(const EnrollAttempt& a) {
  std::lock_guard lock(m_writeMu);
  core::sqlite::Transaction tx(*m_writer);
  SECAP_RETURN_IF_ERROR(tx.begin());
  auto st = m_writer->cached(
      "SELECT municipality_id, role, expires_at, used_by_install_id, device_id FROM enrollment_codes WHERE "
      "code_hash=?");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, a.codeHash);
  auto row = (*st)->step();
  if (!row.isOk()) return row.status();
  if (!*row) return Status(StatusCode::kNotFound, "unknown enrollment code");
  const std::string municipalityId = (*st)->columnText(0);
  const std::string role = (*st)->columnText(1);
  const int64_t expiresAt = (*st)->columnInt(2);
  const std::string usedBy = (*st)->columnText(3);
  const std::string existingDevice = (*st)->columnText(4);
  (*st)->reset();
  if (a.nowMs > expiresAt) return Status(StatusCode::kFailedPrecondition, "the enrollment code has expired");

  std::string deviceId;
  if (!usedBy.empty()) {
    if (usedBy != a.installId)
      return Status(StatusCode::kPermissionDenied, "the enrollment code has already been used by another device");
    // A retry after a lost reply: same device, fresh token, old one revoked.
    deviceId = existingDevice;
    // A withdrawn device keeps its token, so it still gets the wipe order.
    auto current = deviceOn(*m_writer, deviceId);
    if (!current.isOk()) return current.status();
    if (*current && (*current)->revokedAtMs != 0)
      return Status(StatusCode::kPermissionDenied, "this device was withdrawn by your coordinator");
    auto upd = m_writer->cached("UPDATE devices SET token_hash=?, name=?, app_version=? WHERE id=?");
    if (!upd.isOk()) return upd.status();
    SECAP_RETURN_IF_ERROR(
        (*upd)->bind(1, a.newTokenHash).bind(2, a.deviceName).bind(3, a.appVersion).bind(4, deviceId).exec());
  } else {
    deviceId = a.newDeviceId;
    auto ins = m_writer->cached(
        "INSERT INTO devices(id, install_id, name, platform, app_version, municipality_id, role, token_hash, "
        "enrolled_at) VALUES(?,?,?,?,?,?,?,?,?)");
    if (!ins.isOk()) return ins.status();
    SECAP_RETURN_IF_ERROR((*ins)
                              ->bind(1, deviceId)
                              .bind(2, a.installId)
                              .bind(3, a.deviceName)
                              .bind(4, a.platform)
                              .bind(5, a.appVersion)
                              .bind(6, municipalityId)
                              .bind(7, role)
                              .bind(8, a.newTokenHash)
                              .bind(9, a.nowMs)
                              .exec());
    auto grant = m_writer->cached("INSERT INTO device_roles(device_id, municipality_id, role) VALUES(?,?,?)");
    if (!grant.isOk()) return grant.status();
    SECAP_RETURN_IF_ERROR((*grant)->bind(1, deviceId).bind(2, municipalityId).bind(3, role).exec());
    auto sites = m_writer->cached(
        "INSERT OR IGNORE INTO device_sites(device_id, site_id) SELECT ?, site_id FROM enrollment_code_sites "
        "WHERE code_hash=?");
    if (!sites.isOk()) return sites.status();
    SECAP_RETURN_IF_ERROR((*sites)->bind(1, deviceId).bind(2, a.codeHash).exec());
    auto use =
        m_writer->cached("UPDATE enrollment_codes SET used_at=?, used_by_install_id=?, device_id=? WHERE code_hash=?");
    if (!use.isOk()) return use.status();
    SECAP_RETURN_IF_ERROR((*use)->bind(1, a.nowMs).bind(2, a.installId).bind(3, deviceId).bind(4, a.codeHash).exec());
  }
  auto audit = m_writer->cached("INSERT INTO audit_log(at_ms, actor, action, detail) VALUES(?,?,?,?)");
  if (!audit.isOk()) return audit.status();
  SECAP_RETURN_IF_ERROR((*audit)
                            ->bind(1, a.nowMs)
                            .bind(2, deviceId)
                            .bind(3, "device.enroll")
                            .bind(4, "name=" + a.deviceName + " municipality=" + municipalityId + " role=" + role)
                            .exec());
  auto get = m_writer->cached(std::string(kDeviceColumns) + "WHERE id=?");
  if (!get.isOk()) return get.status();
  (*get)->bind(1, deviceId);
  auto drow = (*get)->step();
  if (!drow.isOk()) return drow.status();
  if (!*drow) return core::internalError("enrolled device vanished");
  DeviceRecord device = deviceFromRow(**get);
  (*get)->reset();
  SECAP_RETURN_IF_ERROR(loadRoles(*m_writer, device));
  SECAP_RETURN_IF_ERROR(tx.commit());
  return device;
}

Result<std::optional<DeviceRecord>> SqliteStore::deviceByTokenHash(const std::string& tokenHash) {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached(std::string(kDeviceColumns) + "WHERE token_hash=?");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, tokenHash);
  auto row = (*st)->step();
  if (!row.isOk()) return row.status();
  if (!*row) return std::optional<DeviceRecord>();
  auto d = deviceFromRow(**st);
  (*st)->reset();
  SECAP_RETURN_IF_ERROR(loadRoles(*m_reader, d));
  return std::optional<DeviceRecord>(std::move(d));
}

Result<std::vector<StoredEntity>> SqliteStore::entitiesOf(EntityType type, const std::string& municipalityId) {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached(std::string(kEntitiesByScope) + "WHERE type=? AND municipality_id=? AND deleted=0");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, static_cast<int>(type)).bind(2, municipalityId);
  std::vector<StoredEntity> out;
  SECAP_RETURN_IF_ERROR(rowsOf(**st, out));
  return out;
}

Result<std::optional<StoredEntity>> SqliteStore::entity(EntityType type, const std::string& id) {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached(std::string(kEntityColumns) + "WHERE type=? AND id=?");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, static_cast<int>(type)).bind(2, id);
  std::vector<StoredEntity> out;
  SECAP_RETURN_IF_ERROR(rowsOf(**st, out));
  if (out.empty()) return std::optional<StoredEntity>();
  return std::optional<StoredEntity>(std::move(out.front()));
}

Result<std::map<std::string, core::MonthlyUse>> SqliteStore::meterRollups(const std::string& municipalityId) {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached("SELECT meter_id, ym, kwh, readings FROM meter_months WHERE municipality_id=?");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, municipalityId);
  std::map<std::string, core::MonthlyUse> out;
  while (true) {
    auto row = (*st)->step();
    if (!row.isOk()) return row.status();
    if (!*row) return out;
    out[(*st)->columnText(0)][core::YearMonth::fromIndex(static_cast<int>((*st)->columnInt(1)))] =
        core::MonthUse{(*st)->columnDouble(2), (*st)->columnInt(3)};
  }
}

Result<std::vector<StoredEntity>> SqliteStore::allMunicipalities() {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached(std::string(kEntityColumns) + "WHERE type=? AND deleted=0");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, static_cast<int>(EntityType::kMunicipality));
  std::vector<StoredEntity> out;
  SECAP_RETURN_IF_ERROR(rowsOf(**st, out));
  return out;
}

Result<std::vector<StoredEntity>> SqliteStore::recordsOf(const std::string& municipalityId) {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached(std::string(kEntityColumns) + "WHERE municipality_id=? ORDER BY type, id");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, municipalityId);
  std::vector<StoredEntity> out;
  SECAP_RETURN_IF_ERROR(rowsOf(**st, out));
  return out;
}

Result<std::vector<LoggedChange>> SqliteStore::changeLog(int64_t afterSeq, int64_t upToSeq, int limit) {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached(
      "SELECT seq, municipality_id, payload FROM change_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, afterSeq).bind(2, upToSeq).bind(3, limit);
  std::vector<LoggedChange> out;
  while (true) {
    auto row = (*st)->step();
    if (!row.isOk()) return row.status();
    if (!*row) break;
    LoggedChange c;
    c.seq = (*st)->columnInt(0);
    c.municipalityId = (*st)->columnText(1);
    if (!c.change.ParseFromString((*st)->columnBlob(2)))
      return Status(StatusCode::kDataLoss, "change " + std::to_string(c.seq) + " is corrupt");
    out.push_back(std::move(c));
  }
  return out;
}

Result<int64_t> SqliteStore::compactionHorizon() {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached("SELECT coalesce((SELECT value FROM meta WHERE key='compaction_horizon'), 0)");
  if (!st.isOk()) return st.status();
  auto row = (*st)->step();
  if (!row.isOk()) return row.status();
  const int64_t h = (*st)->columnInt(0);
  (*st)->reset();
  return h;
}

Result<std::vector<StoredEntity>> SqliteStore::recordsAfter(const std::vector<std::string>& municipalityIds,
                                                            int afterType, const std::string& afterId, int limit) {
  std::lock_guard lock(m_readMu);
  std::string sql = std::string(kEntityColumns) + "WHERE (type > ? OR (type = ? AND id > ?)) AND municipality_id IN (";
  for (size_t i = 0; i < municipalityIds.size(); ++i) sql += i ? ",?" : "?";
  sql += ") ORDER BY type, id LIMIT ?";
  auto st = m_reader->cached(sql);
  if (!st.isOk()) return st.status();
  int idx = 1;
  (*st)->bind(idx++, afterType).bind(idx++, afterType).bind(idx++, afterId);
  for (const auto& m : municipalityIds) (*st)->bind(idx++, m);
  (*st)->bind(idx, limit);
  std::vector<StoredEntity> out;
  SECAP_RETURN_IF_ERROR(rowsOf(**st, out));
  return out;
}

// --- Attachments ---

Result<std::optional<UploadProgress>> SqliteStore::uploadProgress(const std::string& deviceId,
                                                                  const std::string& sha256) {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached(
      "SELECT attachment_id, total_size, received, updated_at FROM upload_progress WHERE device_id=? AND sha256=?");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, deviceId).bind(2, sha256);
  auto row = (*st)->step();
  if (!row.isOk()) return row.status();
  if (!*row) return std::optional<UploadProgress>();
  UploadProgress p;
  p.deviceId = deviceId;
  p.sha256 = sha256;
  p.attachmentId = (*st)->columnText(0);
  p.totalSize = (*st)->columnInt(1);
  p.received = (*st)->columnInt(2);
  p.updatedAtMs = (*st)->columnInt(3);
  (*st)->reset();
  return std::optional<UploadProgress>(std::move(p));
}

Status SqliteStore::putUploadProgress(const UploadProgress& p) {
  std::lock_guard lock(m_writeMu);
  auto st = m_writer->cached(
      "INSERT OR REPLACE INTO upload_progress(device_id, sha256, attachment_id, total_size, received, updated_at) "
      "VALUES(?,?,?,?,?,?)");
  if (!st.isOk()) return st.status();
  return (*st)
      ->bind(1, p.deviceId)
      .bind(2, p.sha256)
      .bind(3, p.attachmentId)
      .bind(4, p.totalSize)
      .bind(5, p.received)
      .bind(6, p.updatedAtMs)
      .exec();
}

Status SqliteStore::removeUploadProgress(const std::string& deviceId, const std::string& sha256) {
  std::lock_guard lock(m_writeMu);
  auto st = m_writer->cached("DELETE FROM upload_progress WHERE device_id=? AND sha256=?");
  if (!st.isOk()) return st.status();
  return (*st)->bind(1, deviceId).bind(2, sha256).exec();
}

Result<std::optional<StoredEntity>> SqliteStore::attachmentById(const std::string& id) {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached(std::string(kEntityColumns) + "WHERE type=? AND id=?");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, static_cast<int>(EntityType::kAttachment)).bind(2, id);
  std::vector<StoredEntity> rows;
  SECAP_RETURN_IF_ERROR(rowsOf(**st, rows));
  if (rows.empty()) return std::optional<StoredEntity>();
  return std::optional<StoredEntity>(std::move(rows.front()));
}

Result<std::vector<StoredEntity>> SqliteStore::attachmentsWithContent(const std::string& sha256) {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached(std::string(kEntityColumns) + "WHERE type=?");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, static_cast<int>(EntityType::kAttachment));
  std::vector<StoredEntity> rows;
  SECAP_RETURN_IF_ERROR(rowsOf(**st, rows));
  std::erase_if(rows, [&](const StoredEntity& e) { return e.entity.attachment().sha256() != sha256; });
  return rows;
}

Status SqliteStore::addAuditEntry(const AuditEntry& entry) {
  std::lock_guard lock(m_writeMu);
  auto st = m_writer->cached("INSERT INTO audit_log(at_ms, actor, action, detail) VALUES(?,?,?,?)");
  if (!st.isOk()) return st.status();
  return (*st)->bind(1, entry.atMs).bind(2, entry.actor).bind(3, entry.action).bind(4, entry.detail).exec();
}

Result<std::vector<AuditEntry>> SqliteStore::auditEntries(const std::string& action) {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached("SELECT at_ms, actor, action, detail FROM audit_log WHERE action=? ORDER BY id");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, action);
  std::vector<AuditEntry> out;
  while (true) {
    auto row = (*st)->step();
    if (!row.isOk()) return row.status();
    if (!*row) break;
    out.push_back({.atMs = (*st)->columnInt(0),
                   .actor = (*st)->columnText(1),
                   .action = (*st)->columnText(2),
                   .detail = (*st)->columnText(3)});
  }
  return out;
}

// --- Devices, roles and limits ---

namespace {

// Runs `body` in a write transaction on the writer connection.
template <typename Body>
Status inWriteTx(std::mutex& mu, Db& db, Body&& body) {
  std::lock_guard lock(mu);
  core::sqlite::Transaction tx(db);
  SECAP_RETURN_IF_ERROR(tx.begin());
  SECAP_RETURN_IF_ERROR(body());
  return tx.commit();
}

Result<std::optional<DeviceRecord>> deviceOn(Db& db, const std::string& deviceId) {
  auto st = db.cached(std::string(kDeviceColumns) + "WHERE id=?");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, deviceId);
  auto row = (*st)->step();
  if (!row.isOk()) return row.status();
  if (!*row) return std::optional<DeviceRecord>();
  auto d = deviceFromRow(**st);
  (*st)->reset();
  SECAP_RETURN_IF_ERROR(loadRoles(db, d));
  return std::optional<DeviceRecord>(std::move(d));
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
  return out.empty() ? "none" : out;
}

Status unknownDevice(const std::string& deviceId) { return {StatusCode::kNotFound, "there is no device " + deviceId}; }

// Runs an UPDATE with one text parameter and returns the rows it changed.
Result<int> updateDevice(Db& db, const std::string& sql, const std::string& deviceId) {
  auto st = db.cached(sql);
  if (!st.isOk()) return st.status();
  SECAP_RETURN_IF_ERROR((*st)->bind(1, deviceId).exec());
  return db.changes();
}

}  // namespace

Result<std::optional<DeviceRecord>> SqliteStore::deviceById(const std::string& deviceId) {
  std::lock_guard lock(m_readMu);
  return deviceOn(*m_reader, deviceId);
}

Status SqliteStore::revokeDevice(const std::string& deviceId, bool allowRescue, int64_t nowMs,
                                 const std::string& actor) {
  return inWriteTx(m_writeMu, *m_writer, [&]() -> Status {
    auto d = deviceOn(*m_writer, deviceId);
    if (!d.isOk()) return d.status();
    if (!d->has_value()) return unknownDevice(deviceId);
    auto st = m_writer->cached(
        "UPDATE devices SET revoked_at=CASE WHEN revoked_at=0 THEN ? ELSE revoked_at END, rescue=? WHERE id=?");
    if (!st.isOk()) return st.status();
    SECAP_RETURN_IF_ERROR(
        (*st)->bind(1, nowMs).bind(2, allowRescue ? kRescueAllowed : (*d)->rescue).bind(3, deviceId).exec());
    return auditOn(*m_writer, nowMs, actor, "device.revoke",
                   "device=" + deviceId + " name=" + (*d)->name + (allowRescue ? " rescue=allowed" : ""));
  });
}

Status SqliteStore::allowRescue(const std::string& deviceId, int64_t nowMs, const std::string& actor) {
  return inWriteTx(m_writeMu, *m_writer, [&]() -> Status {
    auto d = deviceOn(*m_writer, deviceId);
    if (!d.isOk()) return d.status();
    if (!d->has_value()) return unknownDevice(deviceId);
    if ((*d)->revokedAtMs == 0)
      return {StatusCode::kFailedPrecondition, "device " + deviceId + " is not revoked; revoke it first"};
    auto n = updateDevice(*m_writer, "UPDATE devices SET rescue=1 WHERE id=?", deviceId);
    if (!n.isOk()) return n.status();
    return auditOn(*m_writer, nowMs, actor, "device.rescue", "device=" + deviceId + " name=" + (*d)->name);
  });
}

Result<bool> SqliteStore::takeRescue(const std::string& deviceId) {
  std::lock_guard lock(m_writeMu);
  auto n = updateDevice(*m_writer, "UPDATE devices SET rescue=2 WHERE id=? AND rescue=1 AND revoked_at<>0", deviceId);
  if (!n.isOk()) return n.status();
  return *n == 1;
}

Status SqliteStore::giveBackRescue(const std::string& deviceId) {
  std::lock_guard lock(m_writeMu);
  return updateDevice(*m_writer, "UPDATE devices SET rescue=1 WHERE id=? AND rescue=2", deviceId).status();
}

Status SqliteStore::grantRole(const std::string& deviceId, const std::string& municipalityId, const std::string& role,
                              int64_t nowMs, const std::string& actor) {
  return inWriteTx(m_writeMu, *m_writer, [&]() -> Status {
    auto d = deviceOn(*m_writer, deviceId);
    if (!d.isOk()) return d.status();
    if (!d->has_value()) return unknownDevice(deviceId);
    auto st = m_writer->cached(
        "INSERT INTO device_roles(device_id, municipality_id, role) VALUES(?,?,?) "
        "ON CONFLICT(device_id, municipality_id) DO UPDATE SET role=excluded.role");
    if (!st.isOk()) return st.status();
    SECAP_RETURN_IF_ERROR((*st)->bind(1, deviceId).bind(2, municipalityId).bind(3, role).exec());
    auto n = updateDevice(*m_writer, "UPDATE devices SET resync_pending=resync_pending+1 WHERE id=?", deviceId);
    if (!n.isOk()) return n.status();
    const auto old = (*d)->roles.find(municipalityId);
    return auditOn(*m_writer, nowMs, actor, "device.grant",
                   "device=" + deviceId + " municipality=" + municipalityId + " role=" + role +
                       (old != (*d)->roles.end() ? " was=" + old->second : ""));
  });
}

Status SqliteStore::ungrantRole(const std::string& deviceId, const std::string& municipalityId, int64_t nowMs,
                                const std::string& actor) {
  return inWriteTx(m_writeMu, *m_writer, [&]() -> Status {
    auto d = deviceOn(*m_writer, deviceId);
    if (!d.isOk()) return d.status();
    if (!d->has_value()) return unknownDevice(deviceId);
    const auto old = (*d)->roles.find(municipalityId);
    if (old == (*d)->roles.end())
      return {StatusCode::kNotFound, "device " + deviceId + " has no role in municipality " + municipalityId};
    auto st = m_writer->cached("DELETE FROM device_roles WHERE device_id=? AND municipality_id=?");
    if (!st.isOk()) return st.status();
    SECAP_RETURN_IF_ERROR((*st)->bind(1, deviceId).bind(2, municipalityId).exec());
    auto n = updateDevice(*m_writer, "UPDATE devices SET resync_pending=resync_pending+1 WHERE id=?", deviceId);
    if (!n.isOk()) return n.status();
    return auditOn(*m_writer, nowMs, actor, "device.ungrant",
                   "device=" + deviceId + " municipality=" + municipalityId + " was=" + old->second);
  });
}

Status SqliteStore::noteDeviceSeen(const std::string& deviceId, int64_t nowMs, int64_t outbox) {
  std::lock_guard lock(m_writeMu);
  auto st = m_writer->cached(
      "UPDATE devices SET last_seen_ms=max(last_seen_ms, ?), outbox=CASE WHEN ?<0 THEN outbox ELSE ? END WHERE id=?");
  if (!st.isOk()) return st.status();
  return (*st)->bind(1, nowMs).bind(2, outbox).bind(3, outbox).bind(4, deviceId).exec();
}

Status SqliteStore::clearResyncPending(const std::string& deviceId, int64_t mark) {
  std::lock_guard lock(m_writeMu);
  auto st = m_writer->cached("UPDATE devices SET resync_pending=0 WHERE id=? AND resync_pending=?");
  if (!st.isOk()) return st.status();
  return (*st)->bind(1, deviceId).bind(2, mark).exec();
}

Status SqliteStore::bindSites(const std::string& deviceId, const std::vector<std::string>& siteIds, int64_t nowMs,
                              const std::string& actor) {
  return inWriteTx(m_writeMu, *m_writer, [&]() -> Status {
    auto d = deviceOn(*m_writer, deviceId);
    if (!d.isOk()) return d.status();
    if (!d->has_value()) return unknownDevice(deviceId);
    auto del = m_writer->cached("DELETE FROM device_sites WHERE device_id=?");
    if (!del.isOk()) return del.status();
    SECAP_RETURN_IF_ERROR((*del)->bind(1, deviceId).exec());
    for (const auto& site : siteIds) {
      auto ins = m_writer->cached("INSERT OR IGNORE INTO device_sites(device_id, site_id) VALUES(?,?)");
      if (!ins.isOk()) return ins.status();
      SECAP_RETURN_IF_ERROR((*ins)->bind(1, deviceId).bind(2, site).exec());
    }
    auto n = updateDevice(*m_writer, "UPDATE devices SET resync_pending=resync_pending+1 WHERE id=?", deviceId);
    if (!n.isOk()) return n.status();
    return auditOn(*m_writer, nowMs, actor, "device.bind_sites",
                   "device=" + deviceId + " sites=" + joined(siteIds) + " was=" + joined((*d)->sites));
  });
}

Result<int64_t> SqliteStore::countCall(const std::string& deviceId, int64_t windowStartMs) {
  std::lock_guard lock(m_writeMu);
  auto st = m_writer->cached(
      "INSERT INTO rate_windows(device_id, window_start, calls) VALUES(?,?,1) ON CONFLICT(device_id) DO UPDATE SET "
      "calls=CASE WHEN window_start=excluded.window_start THEN calls+1 ELSE 1 END, "
      "window_start=excluded.window_start RETURNING calls");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, deviceId).bind(2, windowStartMs);
  auto row = (*st)->step();
  if (!row.isOk()) return row.status();
  if (!*row) return core::internalError("the rate counter returned nothing");
  const int64_t calls = (*st)->columnInt(0);
  (*st)->reset();
  return calls;
}

Result<std::vector<AuditEntry>> SqliteStore::auditLog(int64_t sinceMs, int limit) {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached(
      "SELECT id, at_ms, actor, action, detail FROM audit_log WHERE at_ms>=? ORDER BY at_ms DESC, id DESC LIMIT ?");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, sinceMs).bind(2, limit);
  std::vector<AuditEntry> out;
  while (true) {
    auto row = (*st)->step();
    if (!row.isOk()) return row.status();
    if (!*row) break;
    out.push_back(
        {(*st)->columnInt(0), (*st)->columnInt(1), (*st)->columnText(2), (*st)->columnText(3), (*st)->columnText(4)});
  }
  std::reverse(out.begin(), out.end());
  return out;
}

Result<std::vector<DeviceRecord>> SqliteStore::allDevices() {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached(std::string(kDeviceColumns) + "ORDER BY enrolled_at, id");
  if (!st.isOk()) return st.status();
  std::vector<DeviceRecord> out;
  while (true) {
    auto row = (*st)->step();
    if (!row.isOk()) return row.status();
    if (!*row) break;
    out.push_back(deviceFromRow(**st));
  }
  for (auto& d : out) SECAP_RETURN_IF_ERROR(loadRoles(*m_reader, d));
  return out;
}

// --- Web users and sessions ---

namespace {

constexpr const char* kWebUserColumns =
    "SELECT login, device_id, password_hash, created_ms, failed_logins, locked_until_ms FROM web_users ";
constexpr const char* kWebSessionColumns =
    "SELECT token_hash, kind, login, csrf_token, created_ms, expires_ms FROM web_sessions ";

WebUserRecord webUserFromRow(const Stmt& st) {
  return {st.columnText(0), st.columnText(1), st.columnText(2), st.columnInt(3), static_cast<int>(st.columnInt(4)),
          st.columnInt(5)};
}

}  // namespace

Status SqliteStore::addWebUser(const WebUserRecord& u) {
  std::lock_guard lock(m_writeMu);
  auto st = m_writer->cached("INSERT INTO web_users(login, device_id, password_hash, created_ms) VALUES(?,?,?,?)");
  if (!st.isOk()) return st.status();
  Status done = (*st)->bind(1, u.login).bind(2, u.deviceId).bind(3, u.passwordHash).bind(4, u.createdAtMs).exec();
  if (done.code() == StatusCode::kAlreadyExists)
    return {StatusCode::kAlreadyExists, "the login " + u.login + " is taken"};
  return done;
}

Result<std::optional<WebUserRecord>> SqliteStore::webUser(const std::string& login) {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached(std::string(kWebUserColumns) + "WHERE login=?");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, login);
  auto row = (*st)->step();
  if (!row.isOk()) return row.status();
  std::optional<WebUserRecord> out;
  if (*row) out = webUserFromRow(**st);
  (*st)->reset();
  return out;
}

Result<std::vector<WebUserRecord>> SqliteStore::webUsers() {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached(std::string(kWebUserColumns) + "ORDER BY login");
  if (!st.isOk()) return st.status();
  std::vector<WebUserRecord> out;
  while (true) {
    auto row = (*st)->step();
    if (!row.isOk()) return row.status();
    if (!*row) break;
    out.push_back(webUserFromRow(**st));
  }
  return out;
}

Status SqliteStore::setWebPassword(const std::string& login, const std::string& passwordHash) {
  std::lock_guard lock(m_writeMu);
  auto st = m_writer->cached("UPDATE web_users SET password_hash=?, failed_logins=0, locked_until_ms=0 WHERE login=?");
  if (!st.isOk()) return st.status();
  SECAP_RETURN_IF_ERROR((*st)->bind(1, passwordHash).bind(2, login).exec());
  if (m_writer->changes() == 0) return core::notFound("there is no web user " + login);
  return Status::ok();
}

Result<int> SqliteStore::countLoginFailure(const std::string& login) {
  std::lock_guard lock(m_writeMu);
  auto st =
      m_writer->cached("UPDATE web_users SET failed_logins=failed_logins+1 WHERE login=? RETURNING failed_logins");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, login);
  auto row = (*st)->step();
  if (!row.isOk()) return row.status();
  const int failures = *row ? static_cast<int>((*st)->columnInt(0)) : 0;
  (*st)->reset();
  return failures;
}

Status SqliteStore::setLoginLock(const std::string& login, int64_t lockedUntilMs) {
  std::lock_guard lock(m_writeMu);
  auto st = m_writer->cached("UPDATE web_users SET failed_logins=0, locked_until_ms=? WHERE login=?");
  if (!st.isOk()) return st.status();
  return (*st)->bind(1, lockedUntilMs).bind(2, login).exec();
}

Status SqliteStore::addWebSession(const WebSessionRecord& s) {
  return inWriteTx(m_writeMu, *m_writer, [&]() -> Status {
    auto expired = m_writer->cached("DELETE FROM web_sessions WHERE expires_ms<=?");
    if (!expired.isOk()) return expired.status();
    SECAP_RETURN_IF_ERROR((*expired)->bind(1, s.createdAtMs).exec());
    auto st = m_writer->cached(
        "INSERT INTO web_sessions(token_hash, kind, login, csrf_token, created_ms, expires_ms) VALUES(?,?,?,?,?,?)");
    if (!st.isOk()) return st.status();
    return (*st)
        ->bind(1, s.tokenHash)
        .bind(2, s.kind)
        .bind(3, s.login)
        .bind(4, s.csrfToken)
        .bind(5, s.createdAtMs)
        .bind(6, s.expiresAtMs)
        .exec();
  });
}

Result<std::optional<WebSessionRecord>> SqliteStore::webSession(const std::string& tokenHash) {
  std::lock_guard lock(m_readMu);
  auto st = m_reader->cached(std::string(kWebSessionColumns) + "WHERE token_hash=?");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, tokenHash);
  auto row = (*st)->step();
  if (!row.isOk()) return row.status();
  std::optional<WebSessionRecord> out;
  if (*row)
    out = WebSessionRecord{(*st)->columnText(0), (*st)->columnText(1), (*st)->columnText(2),
                           (*st)->columnText(3), (*st)->columnInt(4),  (*st)->columnInt(5)};
  (*st)->reset();
  return out;
}

Result<bool> SqliteStore::removeWebSession(const std::string& tokenHash) {
  std::lock_guard lock(m_writeMu);
  auto st = m_writer->cached("DELETE FROM web_sessions WHERE token_hash=?");
  if (!st.isOk()) return st.status();
  SECAP_RETURN_IF_ERROR((*st)->bind(1, tokenHash).exec());
  return m_writer->changes() > 0;
}

Status SqliteStore::removeWebSessionsOf(const std::string& login) {
  std::lock_guard lock(m_writeMu);
  auto st = m_writer->cached("DELETE FROM web_sessions WHERE login=?");
  if (!st.isOk()) return st.status();
  return (*st)->bind(1, login).exec();
}

}  // namespace secap::server

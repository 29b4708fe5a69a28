#include "secap/core/local_store.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>

#include "secap/core/ids.h"
#include "secap/core/merge.h"
#include "secap/core/quality.h"

namespace secap::core {

namespace {

using secap::v1::Change;
using secap::v1::Meter;
using secap::v1::Reading;

// Forward-only migrations; index i takes the schema from version i to i+1.
// Never edit a released entry: add a new one.
const char* const kMigrations[] = {
    // 1: device state, entity rows, outbox.
    R"sql(
CREATE TABLE state(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL);
CREATE TABLE entities(
  type INTEGER NOT NULL,
  id TEXT NOT NULL,
  parent_id TEXT NOT NULL DEFAULT '',
  sort_key INTEGER NOT NULL DEFAULT 0,
  hlc INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  pending INTEGER NOT NULL DEFAULT 0,
  data BLOB NOT NULL,
  stamps BLOB NOT NULL DEFAULT '',
  PRIMARY KEY(type, id)) WITHOUT ROWID;
CREATE INDEX entities_by_parent ON entities(type, parent_id, sort_key);
CREATE TABLE outbox(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  change_id TEXT NOT NULL UNIQUE,
  entity_type INTEGER NOT NULL,
  entity_id TEXT NOT NULL,
  payload BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  reason_code TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL DEFAULT '');
CREATE INDEX outbox_by_entity ON outbox(entity_type, entity_id);
)sql",
    // 2: rows remember the full resync that last confirmed them.
    R"sql(
ALTER TABLE entities ADD COLUMN resync_gen INTEGER NOT NULL DEFAULT 0;
)sql",
    // 3: attachment files on the device and whether their bytes are uploaded.
    R"sql(
CREATE TABLE attachment_files(
  attachment_id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  uploaded_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '');
)sql",
    // 4: inspection drafts, which never sync, and the photos taken for them.
    R"sql(
CREATE TABLE inspection_drafts(
  id TEXT PRIMARY KEY,
  updated_at INTEGER NOT NULL,
  data BLOB NOT NULL);
CREATE TABLE inspection_draft_photos(
  attachment_id TEXT PRIMARY KEY,
  draft_id TEXT NOT NULL,
  path TEXT NOT NULL,
  data BLOB NOT NULL);
CREATE INDEX inspection_draft_photos_by_draft ON inspection_draft_photos(draft_id);
)sql",
};
constexpr int kMigrationCount = static_cast<int>(std::size(kMigrations));
static_assert(kMigrationCount == LocalStore::kSchemaVersion);

// Where versions before the TokenVault kept the access token (state table).
constexpr const char* kLegacyAccessTokenKey = "access_token";

int64_t sortKeyOf(const Change& c) { return c.entity_case() == Change::kReading ? c.reading().taken_at() : 0; }

template <typename T>
std::vector<T> parseAll(sqlite::Stmt& st, EntityType type) {
  std::vector<T> out;
  while (true) {
    auto row = st.step();
    if (!row.isOk() || !*row) break;
    Change c;
    const std::string data = st.columnBlob(0);
    if (!parseEntityInto(type, data, c)) continue;
    if constexpr (std::is_same_v<T, secap::v1::Municipality>) out.push_back(c.municipality());
    if constexpr (std::is_same_v<T, secap::v1::Site>) out.push_back(c.site());
    if constexpr (std::is_same_v<T, Meter>) out.push_back(c.meter());
    if constexpr (std::is_same_v<T, Reading>) out.push_back(c.reading());
    if constexpr (std::is_same_v<T, secap::v1::Measure>) out.push_back(c.measure());
    if constexpr (std::is_same_v<T, secap::v1::ProgressUpdate>) out.push_back(c.progress_update());
    if constexpr (std::is_same_v<T, secap::v1::Inspection>) out.push_back(c.inspection());
    if constexpr (std::is_same_v<T, secap::v1::InspectionTemplate>) out.push_back(c.inspection_template());
    if constexpr (std::is_same_v<T, secap::v1::Person>) out.push_back(c.person());
    if constexpr (std::is_same_v<T, secap::v1::Attachment>) out.push_back(c.attachment());
  }
  return out;
}

// The record of `type` with this id (not deleted).
template <typename T>
std::optional<T> findById(sqlite::Db& db, EntityType type, const std::string& id) {
  auto st = db.cached("SELECT data FROM entities WHERE type=? AND id=? AND deleted=0");
  if (!st.isOk()) return std::nullopt;
  (*st)->bind(1, static_cast<int>(type)).bind(2, id);
  auto rows = parseAll<T>(**st, type);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

// The records of `type` under this parent (not deleted), unsorted.
template <typename T>
std::vector<T> findChildren(sqlite::Db& db, EntityType type, const std::string& parentId) {
  auto st = db.cached("SELECT data FROM entities WHERE type=? AND parent_id=? AND deleted=0");
  if (!st.isOk()) return {};
  (*st)->bind(1, static_cast<int>(type)).bind(2, parentId);
  return parseAll<T>(**st, type);
}

}  // namespace

std::string_view LocalStore::migrationSql(int index) {
  return index >= 0 && index < kMigrationCount ? kMigrations[index] : std::string_view();
}

Result<std::unique_ptr<LocalStore>> LocalStore::open(const std::string& path, const Clock& clock,
                                                     std::unique_ptr<TokenVault> tokenVault) {
  auto db = sqlite::Db::open(path);
  if (!db.isOk()) return db.status();
  // The records name people and places: on a shared desktop, only this user
  // may read them (phones sandbox the app anyway). SQLite gives the -wal and
  // -shm files the database file's mode.
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    std::filesystem::permissions(path + suffix,
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace, ec);
  }
  // Every commit is fsynced: a saved reading survives the battery dying.
  SECAP_RETURN_IF_ERROR((*db)->exec("PRAGMA synchronous=FULL"));
  if (!tokenVault) tokenVault = std::make_unique<FileTokenVault>(FileTokenVault::pathFor(path));
  std::unique_ptr<LocalStore> store(new LocalStore(std::move(db).value(), clock, std::move(tokenVault)));
  SECAP_RETURN_IF_ERROR(store->migrate());
  SECAP_RETURN_IF_ERROR(store->moveLegacyTokenToVault());
  std::lock_guard lock(store->m_mu);
  if (auto last = store->stateLocked(state_keys::kHlcLast)) store->m_hlc.update(std::stoull(*last));
  if (auto off = store->stateLocked(state_keys::kServerOffsetMs)) store->m_hlc.setServerOffsetMs(std::stoll(*off));
  if (!store->stateLocked(state_keys::kInstallId))
    SECAP_RETURN_IF_ERROR(store->setStateLocked(state_keys::kInstallId, newUuidV7(clock)));
  return store;
}

LocalStore::LocalStore(std::unique_ptr<sqlite::Db> db, const Clock& clock, std::unique_ptr<TokenVault> tokenVault)
    : m_db(std::move(db)), m_clock(clock), m_hlc(clock), m_tokenVault(std::move(tokenVault)) {}

LocalStore::~LocalStore() = default;

Status LocalStore::migrate() {
  std::lock_guard lock(m_mu);
  auto st = m_db->prepare("PRAGMA user_version");
  if (!st.isOk()) return st.status();
  auto row = st->step();
  if (!row.isOk()) return row.status();
  const int current = static_cast<int>(st->columnInt(0));
  if (current > kMigrationCount)
    return {StatusCode::kFailedPrecondition,
            "the local database was written by a newer version of the app (schema " + std::to_string(current) + ")"};
  for (int v = current; v < kMigrationCount; ++v) {
    sqlite::Transaction tx(*m_db);
    SECAP_RETURN_IF_ERROR(tx.begin());
    SECAP_RETURN_IF_ERROR(m_db->exec(kMigrations[v]));
    SECAP_RETURN_IF_ERROR(m_db->exec("PRAGMA user_version=" + std::to_string(v + 1)));
    SECAP_RETURN_IF_ERROR(tx.commit());
  }
  return Status::ok();
}

Status LocalStore::moveLegacyTokenToVault() {
  std::optional<std::string> legacy;
  {
    std::lock_guard lock(m_mu);
    legacy = stateLocked(kLegacyAccessTokenKey);
  }
  if (!legacy) return Status::ok();
  // Into the vault first: a crash before the row is deleted moves it again
  // on the next open, and the token is never in neither place.
  SECAP_RETURN_IF_ERROR(setAccessToken(*legacy));
  std::lock_guard lock(m_mu);
  // Overwrite the row, not just unlink it, and empty the WAL that still
  // holds its page: the token must not stay readable in the file. The
  // setting is put back after (Debian's SQLite has it on by default, other
  // builds not: it slows every delete).
  int64_t secureDelete = 0;
  {
    auto mode = m_db->prepare("PRAGMA secure_delete");
    if (!mode.isOk()) return mode.status();
    auto row = mode->step();
    if (!row.isOk()) return row.status();
    secureDelete = mode->columnInt(0);
  }
  SECAP_RETURN_IF_ERROR(m_db->exec("PRAGMA secure_delete=ON"));
  auto st = m_db->cached("DELETE FROM state WHERE key=?");
  const Status deleted = st.isOk() ? (*st)->bind(1, kLegacyAccessTokenKey).exec() : st.status();
  SECAP_RETURN_IF_ERROR(m_db->exec("PRAGMA secure_delete=" + std::to_string(secureDelete)));
  SECAP_RETURN_IF_ERROR(deleted);
  return m_db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

Result<std::optional<std::string>> LocalStore::accessToken() {
  std::lock_guard lock(m_tokenMu);
  if (m_cachedToken) return *m_cachedToken;
  auto token = m_tokenVault->get();
  // Errors are not cached: a locked keychain may open later.
  if (token.isOk()) m_cachedToken = *token;
  return token;
}

Status LocalStore::setAccessToken(const std::string& token) {
  std::lock_guard lock(m_tokenMu);
  m_cachedToken.reset();
  SECAP_RETURN_IF_ERROR(m_tokenVault->set(token));
  m_cachedToken = std::optional<std::string>(token);
  return Status::ok();
}

int LocalStore::schemaVersion() {
  std::lock_guard lock(m_mu);
  auto st = m_db->prepare("PRAGMA user_version");
  if (!st.isOk() || !st->step().isOk()) return -1;
  return static_cast<int>(st->columnInt(0));
}

std::optional<std::string> LocalStore::stateLocked(const std::string& key) {
  auto st = m_db->cached("SELECT value FROM state WHERE key=?");
  if (!st.isOk()) return std::nullopt;
  (*st)->bind(1, key);
  auto row = (*st)->step();
  if (!row.isOk() || !*row) return std::nullopt;
  std::string value = (*st)->columnText(0);
  (*st)->reset();  // An open statement would lock the table against wipe().
  return value;
}

Status LocalStore::setStateLocked(const std::string& key, const std::string& value) {
  auto st =
      m_db->cached("INSERT INTO state(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
  if (!st.isOk()) return st.status();
  return (*st)->bind(1, key).bind(2, value).exec();
}

std::optional<std::string> LocalStore::state(const std::string& key) {
  std::lock_guard lock(m_mu);
  return stateLocked(key);
}

Status LocalStore::setState(const std::string& key, const std::string& value) {
  std::lock_guard lock(m_mu);
  return setStateLocked(key, value);
}

Status LocalStore::writeEntityLocked(const Change& change, bool pendingLocal, int64_t resyncGeneration) {
  const EntityType type = entityTypeOf(change);
  if (type == EntityType::kUnknown) return invalidArgument("change carries no entity");
  const std::string origin = pendingLocal ? stateLocked(state_keys::kDeviceId).value_or("") : change.origin_device_id();

  // Append-only records are written whole (a pulled copy carries the
  // server's quality flags). Mutable records merge per field, so an older
  // remote value never overwrites a newer local edit, pending or not.
  MergedRecord record;
  bool pending = pendingLocal;
  if (isAppendOnly(type)) {
    record.entity = change;
    record.deleted = false;
  } else {
    auto cur = m_db->cached("SELECT data, stamps, deleted, pending FROM entities WHERE type=? AND id=?");
    if (!cur.isOk()) return cur.status();
    (*cur)->bind(1, static_cast<int>(type)).bind(2, change.entity_id());
    auto row = (*cur)->step();
    if (!row.isOk()) return row.status();
    if (*row) {
      if (!parseEntityInto(type, (*cur)->columnBlob(0), record.entity))
        return {StatusCode::kDataLoss, "stored record " + change.entity_id() + " cannot be decoded"};
      auto stamps = decodeStamps((*cur)->columnBlob(1));
      if (!stamps) return {StatusCode::kDataLoss, "stored stamps of " + change.entity_id() + " cannot be decoded"};
      record.stamps = std::move(*stamps);
      record.deleted = (*cur)->columnInt(2) != 0;
      pending = pending || (*cur)->columnInt(3) != 0;
    }
    (*cur)->reset();
    if (mergeChange(record, change, origin).empty() && !pendingLocal) {
      if (resyncGeneration == 0 || !*row) return Status::ok();
      // Nothing new, but the resync has seen the row: it stays.
      auto seen = m_db->cached("UPDATE entities SET resync_gen=? WHERE type=? AND id=?");
      if (!seen.isOk()) return seen.status();
      return (*seen)->bind(1, resyncGeneration).bind(2, static_cast<int>(type)).bind(3, change.entity_id()).exec();
    }
  }
  HlcValue maxHlc = change.hlc();
  for (const auto& [name, stamp] : record.stamps) maxHlc = std::max(maxHlc, stamp.hlc);
  auto st = m_db->cached(
      "INSERT INTO entities(type, id, parent_id, sort_key, hlc, deleted, pending, data, stamps, resync_gen) "
      "VALUES(?,?,?,?,?,?,?,?,?,?) ON CONFLICT(type, id) DO UPDATE SET parent_id=excluded.parent_id, "
      "sort_key=excluded.sort_key, hlc=excluded.hlc, deleted=excluded.deleted, pending=excluded.pending, "
      "data=excluded.data, stamps=excluded.stamps, resync_gen=max(resync_gen, excluded.resync_gen)");
  if (!st.isOk()) return st.status();
  (*st)
      ->bind(1, static_cast<int>(type))
      .bind(2, change.entity_id())
      .bind(3, parentIdOf(record.entity))
      .bind(4, sortKeyOf(record.entity))
      .bind(5, static_cast<int64_t>(maxHlc))
      .bind(6, record.deleted ? 1 : 0)
      .bind(7, pending ? 1 : 0)
      .bindBlob(8, serializeEntity(record.entity))
      .bindBlob(9, encodeStamps(record.stamps))
      .bind(10, resyncGeneration);
  return (*st)->exec();
}

std::optional<Meter> LocalStore::meterLocked(const std::string& id) {
  auto st = m_db->cached("SELECT data FROM entities WHERE type=? AND id=? AND deleted=0");
  if (!st.isOk()) return std::nullopt;
  (*st)->bind(1, static_cast<int>(EntityType::kMeter)).bind(2, id);
  auto rows = parseAll<Meter>(**st, EntityType::kMeter);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

ValidationContext LocalStore::validationContextLocked() {
  ValidationContext ctx;
  ctx.nowMs = m_hlc.correctedNowMs();
  ctx.exists = [this](EntityType type, const std::string& id) {
    auto st = m_db->cached("SELECT 1 FROM entities WHERE type=? AND id=? AND deleted=0");
    if (!st.isOk()) return false;
    (*st)->bind(1, static_cast<int>(type)).bind(2, id);
    auto row = (*st)->step();
    return row.isOk() && *row;
  };
  ctx.findMeter = [this](const std::string& id) { return meterLocked(id); };
  // The checklist an inspection answers, and a submitted inspection the
  // server holds, which must not change: the same checks as on the server.
  // An inspection still waiting here (pending) is not the server's yet: a
  // refused one can be corrected and sent again. (Attachments are left out:
  // the device rewrites a photo's owner when a reading was a duplicate.)
  ctx.findStored = [this](EntityType type, const std::string& id) -> std::optional<Change> {
    if (type != EntityType::kInspectionTemplate && type != EntityType::kInspection) return std::nullopt;
    auto st = m_db->cached(type == EntityType::kInspection
                               ? "SELECT data FROM entities WHERE type=? AND id=? AND deleted=0 AND pending=0"
                               : "SELECT data FROM entities WHERE type=? AND id=? AND deleted=0");
    if (!st.isOk()) return std::nullopt;
    (*st)->bind(1, static_cast<int>(type)).bind(2, id);
    auto row = (*st)->step();
    if (!row.isOk() || !*row) return std::nullopt;
    Change c;
    const std::string data = (*st)->columnBlob(0);
    (*st)->reset();
    if (!parseEntityInto(type, data, c)) return std::nullopt;
    return c;
  };
  return ctx;
}

Result<Reading> LocalStore::recordReading(Reading reading) {
  Change change;
  {
    std::lock_guard lock(m_mu);
    if (reading.id().empty()) {
      // A new reading is written once: its id serves as the change's
      // idempotency key too, so the wire carries one random id, not two
      // (DESIGN.md §10, wire size). A later change of the same reading is a
      // duplicate on the server whatever its key (readings are append-only).
      reading.set_id(newUuidV7(m_clock));
      change.set_change_id(reading.id());
    }
    if (reading.taken_at() == 0) reading.set_taken_at(m_hlc.correctedNowMs());
    if (reading.kind() == secap::v1::READING_KIND_UNSPECIFIED) reading.set_kind(secap::v1::READING_KIND_ACTUAL);
    if (reading.source() == secap::v1::READING_SOURCE_UNSPECIFIED) reading.set_source(secap::v1::READING_SOURCE_MANUAL);
    if (reading.recorded_by().empty()) reading.set_recorded_by(stateLocked(state_keys::kDeviceId).value_or(""));
    reading.clear_quality_flags();  // The server sets them.
  }
  change.set_entity_id(reading.id());
  *change.mutable_reading() = reading;
  auto saved = saveLocalChange(std::move(change));
  if (!saved.isOk()) return saved.status();
  return saved->reading();
}

std::vector<std::string> LocalStore::provisionalFlags(const Reading& reading) {
  const auto m = meter(reading.meter_id());
  if (!m) return {};
  auto recent = readings(reading.meter_id(), 400);
  std::vector<ReadingPoint> history;
  history.reserve(recent.size());
  for (auto it = recent.rbegin(); it != recent.rend(); ++it)
    if (it->id() != reading.id())
      history.push_back({it->taken_at(), it->value(), it->has_period_start() ? it->period_start() : 0});
  Reading probe = reading;
  if (probe.taken_at() == 0) probe.set_taken_at(m_hlc.correctedNowMs());
  return readingFlags(*m, probe, history);
}

Result<Change> LocalStore::saveLocalChange(Change change) {
  std::lock_guard lock(m_mu);
  sqlite::Transaction tx(*m_db);
  SECAP_RETURN_IF_ERROR(tx.begin());
  SECAP_RETURN_IF_ERROR(saveLocalChangeLocked(change));
  SECAP_RETURN_IF_ERROR(tx.commit());
  return change;
}

Status LocalStore::saveLocalChangeLocked(Change& change) {
  if (change.change_id().empty()) change.set_change_id(newUuidV7(m_clock));
  change.set_hlc(m_hlc.now());
  change.clear_server_seq();
  change.clear_origin_device_id();
  change.clear_received_at_ms();
  if (auto rejection = validateChange(change, validationContextLocked()))
    return Status(StatusCode::kInvalidArgument, rejection->reasonCode + ": " + rejection->message);
  SECAP_RETURN_IF_ERROR(writeEntityLocked(change, /*pendingLocal=*/true));
  auto st =
      m_db->cached("INSERT INTO outbox(change_id, entity_type, entity_id, payload, created_at) VALUES(?,?,?,?,?)");
  if (!st.isOk()) return st.status();
  (*st)
      ->bind(1, change.change_id())
      .bind(2, static_cast<int>(entityTypeOf(change)))
      .bind(3, change.entity_id())
      .bindBlob(4, change.SerializeAsString())
      .bind(5, m_clock.nowMs());
  SECAP_RETURN_IF_ERROR((*st)->exec());
  return setStateLocked(state_keys::kHlcLast, std::to_string(m_hlc.last()));
}

std::vector<secap::v1::Municipality> LocalStore::municipalities() {
  std::lock_guard lock(m_mu);
  auto st = m_db->cached("SELECT data FROM entities WHERE type=? AND deleted=0");
  if (!st.isOk()) return {};
  (*st)->bind(1, static_cast<int>(EntityType::kMunicipality));
  auto out = parseAll<secap::v1::Municipality>(**st, EntityType::kMunicipality);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name() < b.name(); });
  return out;
}

std::optional<secap::v1::Municipality> LocalStore::municipality(const std::string& id) {
  for (auto& m : municipalities())
    if (m.id() == id) return m;
  return std::nullopt;
}

std::vector<secap::v1::Site> LocalStore::sites(const std::string& municipalityId) {
  std::lock_guard lock(m_mu);
  auto out = findChildren<secap::v1::Site>(*m_db, EntityType::kSite, municipalityId);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name() < b.name(); });
  return out;
}

std::optional<secap::v1::Site> LocalStore::site(const std::string& id) {
  std::lock_guard lock(m_mu);
  return findById<secap::v1::Site>(*m_db, EntityType::kSite, id);
}

std::vector<Meter> LocalStore::meters(const std::string& siteId) {
  std::lock_guard lock(m_mu);
  auto out = findChildren<Meter>(*m_db, EntityType::kMeter, siteId);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.carrier() != b.carrier() ? a.carrier() < b.carrier() : a.serial() < b.serial();
  });
  return out;
}

std::vector<secap::v1::Measure> LocalStore::measures(const std::string& municipalityId) {
  std::lock_guard lock(m_mu);
  auto out = findChildren<secap::v1::Measure>(*m_db, EntityType::kMeasure, municipalityId);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return std::tie(a.code(), a.id()) < std::tie(b.code(), b.id()); });
  return out;
}

std::optional<secap::v1::Measure> LocalStore::measure(const std::string& id) {
  std::lock_guard lock(m_mu);
  return findById<secap::v1::Measure>(*m_db, EntityType::kMeasure, id);
}

std::vector<secap::v1::ProgressUpdate> LocalStore::progressUpdates(const std::string& measureId) {
  std::lock_guard lock(m_mu);
  auto out = findChildren<secap::v1::ProgressUpdate>(*m_db, EntityType::kProgressUpdate, measureId);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::make_tuple(a.reported_at(), a.id()) > std::make_tuple(b.reported_at(), b.id());
  });
  return out;
}

std::optional<Meter> LocalStore::meter(const std::string& id) {
  std::lock_guard lock(m_mu);
  return meterLocked(id);
}

namespace {
// A label as printed and as scanned: no surrounding spaces, ASCII upper case.
std::string labelKey(std::string_view label) {
  const auto begin = label.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  const auto end = label.find_last_not_of(" \t\r\n");
  std::string out(label.substr(begin, end - begin + 1));
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}
}  // namespace

std::optional<Meter> LocalStore::meterByLabel(const std::string& label) {
  const std::string wanted = labelKey(label);
  if (wanted.empty()) return std::nullopt;
  std::lock_guard lock(m_mu);
  auto st = m_db->cached("SELECT data FROM entities WHERE type=? AND deleted=0");
  if (!st.isOk()) return std::nullopt;
  (*st)->bind(1, static_cast<int>(EntityType::kMeter));
  std::optional<Meter> found;
  for (auto& m : parseAll<Meter>(**st, EntityType::kMeter)) {
    if (labelKey(m.label_code()) != wanted) continue;
    // A label moved to a new meter at an exchange: the one in place wins.
    if (!found || (found->has_removed_at() && !m.has_removed_at())) found = std::move(m);
  }
  return found;
}

std::vector<Reading> LocalStore::readings(const std::string& meterId, int limit) {
  std::lock_guard lock(m_mu);
  auto st = m_db->cached(
      "SELECT data FROM entities WHERE type=? AND parent_id=? AND deleted=0 ORDER BY sort_key DESC, id DESC LIMIT ?");
  if (!st.isOk()) return {};
  (*st)->bind(1, static_cast<int>(EntityType::kReading)).bind(2, meterId).bind(3, limit > 0 ? limit : -1);
  return parseAll<Reading>(**st, EntityType::kReading);
}

std::optional<Reading> LocalStore::reading(const std::string& id) {
  std::lock_guard lock(m_mu);
  return findById<Reading>(*m_db, EntityType::kReading, id);
}

std::optional<Reading> LocalStore::lastReading(const std::string& meterId) {
  auto r = readings(meterId, 1);
  if (r.empty()) return std::nullopt;
  return r.front();
}

namespace {
int64_t countOf(sqlite::Db& db, std::string_view sql) {
  auto st = db.cached(sql);
  if (!st.isOk()) return 0;
  auto row = (*st)->step();
  const int64_t n = row.isOk() && *row ? (*st)->columnInt(0) : 0;
  (*st)->reset();
  return n;
}
}  // namespace

int64_t LocalStore::readingCount() {
  std::lock_guard lock(m_mu);
  return countOf(*m_db, "SELECT count(*) FROM entities WHERE type=4 AND deleted=0");
}

int64_t LocalStore::pendingCount() {
  std::lock_guard lock(m_mu);
  return countOf(*m_db, "SELECT count(*) FROM outbox WHERE rejected=0");
}

int64_t LocalStore::rejectedCount() {
  std::lock_guard lock(m_mu);
  return countOf(*m_db, "SELECT count(*) FROM outbox WHERE rejected=1");
}

std::vector<RejectedChange> LocalStore::rejectedChanges() {
  std::lock_guard lock(m_mu);
  std::vector<RejectedChange> out;
  auto st = m_db->cached("SELECT seq, payload, reason_code, message FROM outbox WHERE rejected=1 ORDER BY seq");
  if (!st.isOk()) return out;
  while (true) {
    auto row = (*st)->step();
    if (!row.isOk() || !*row) break;
    RejectedChange rc;
    rc.seq = (*st)->columnInt(0);
    if (!rc.change.ParseFromString((*st)->columnBlob(1))) continue;
    rc.reasonCode = (*st)->columnText(2);
    rc.message = (*st)->columnText(3);
    out.push_back(std::move(rc));
  }
  return out;
}

std::vector<LocalRecord> LocalStore::allRecords() {
  std::lock_guard lock(m_mu);
  std::vector<LocalRecord> out;
  auto st = m_db->prepare("SELECT type, id, data, stamps, deleted FROM entities ORDER BY type, id");
  if (!st.isOk()) return out;
  while (true) {
    auto row = st->step();
    if (!row.isOk() || !*row) break;
    LocalRecord r;
    r.type = static_cast<EntityType>(st->columnInt(0));
    r.id = st->columnText(1);
    r.data = st->columnBlob(2);
    r.stamps = decodeStamps(st->columnBlob(3)).value_or(FieldStamps{});
    r.deleted = st->columnInt(4) != 0;
    out.push_back(std::move(r));
  }
  return out;
}

MonitoringRecords LocalStore::monitoringRecords(const std::string& municipalityId) {
  std::lock_guard lock(m_mu);
  MonitoringRecords out;
  auto each = [&](EntityType type, auto&& take) {
    auto st = m_db->cached("SELECT data FROM entities WHERE type=? AND deleted=0 ORDER BY id");
    if (!st.isOk()) return;
    (*st)->bind(1, static_cast<int>(type));
    while (true) {
      auto row = (*st)->step();
      if (!row.isOk() || !*row) break;
      Change c;
      if (parseEntityInto(type, (*st)->columnBlob(0), c)) take(c);
    }
  };
  each(EntityType::kMunicipality, [&](Change& c) {
    if (c.municipality().id() == municipalityId) out.municipality = c.municipality();
  });
  if (out.municipality.id().empty()) return out;
  each(EntityType::kMunicipalityYear, [&](Change& c) { out.years.push_back(c.municipality_year()); });
  each(EntityType::kPublishedInventory, [&](Change& c) { out.published.push_back(c.published_inventory()); });
  each(EntityType::kActivityData, [&](Change& c) { out.activity.push_back(c.activity_data()); });
  each(EntityType::kSite, [&](Change& c) { out.sites.push_back(c.site()); });
  each(EntityType::kMeter, [&](Change& c) { out.meters.push_back(c.meter()); });
  each(EntityType::kReading, [&](Change& c) { out.readings.push_back(c.reading()); });
  each(EntityType::kReadingReview, [&](Change& c) { out.reviews.push_back(c.reading_review()); });
  each(EntityType::kEmissionFactor, [&](Change& c) { out.factors.push_back(c.emission_factor()); });
  each(EntityType::kDegreeDays, [&](Change& c) { out.degreeDays.push_back(c.degree_days()); });
  each(EntityType::kMeasure, [&](Change& c) { out.measures.push_back(c.measure()); });
  each(EntityType::kProgressUpdate, [&](Change& c) { out.progress.push_back(c.progress_update()); });
  each(EntityType::kInspection, [&](Change& c) { out.inspections.push_back(c.inspection()); });
  return out;
}

std::vector<OutboxEntry> LocalStore::pendingOutbox(int maxChanges, size_t maxBytes) {
  std::lock_guard lock(m_mu);
  std::vector<OutboxEntry> out;
  auto st = m_db->cached("SELECT seq, payload, attempts FROM outbox WHERE rejected=0 ORDER BY seq LIMIT ?");
  if (!st.isOk()) return out;
  (*st)->bind(1, maxChanges);
  size_t bytes = 0;
  while (true) {
    auto row = (*st)->step();
    if (!row.isOk() || !*row) break;
    const std::string payload = (*st)->columnBlob(1);
    // Each change costs its bytes plus a few of framing.
    if (!out.empty() && bytes + payload.size() + 8 > maxBytes) break;
    OutboxEntry e;
    e.seq = (*st)->columnInt(0);
    if (!e.change.ParseFromString(payload)) continue;
    e.attempts = static_cast<int>((*st)->columnInt(2));
    bytes += payload.size() + 8;
    out.push_back(std::move(e));
  }
  (*st)->reset();
  return out;
}

Status LocalStore::applyPushResults(const std::vector<OutboxEntry>& sent, const secap::v1::PushResponse& response) {
  std::lock_guard lock(m_mu);
  std::set<std::string> movedAttachments;
  sqlite::Transaction tx(*m_db);
  SECAP_RETURN_IF_ERROR(tx.begin());
  for (size_t i = 0; i < sent.size(); ++i) {
    const OutboxEntry& e = sent[i];
    if (i >= static_cast<size_t>(response.results_size()) ||
        response.results(static_cast<int>(i)).change_id() != e.change.change_id()) {
      // No verdict for this change: it stays pending.
      auto st = m_db->cached("UPDATE outbox SET attempts=attempts+1 WHERE seq=?");
      if (!st.isOk()) return st.status();
      SECAP_RETURN_IF_ERROR((*st)->bind(1, e.seq).exec());
      continue;
    }
    const auto& r = response.results(static_cast<int>(i));
    if (r.outcome() == secap::v1::ACCEPTED || r.outcome() == secap::v1::DUPLICATE) {
      auto del = m_db->cached("DELETE FROM outbox WHERE seq=?");
      if (!del.isOk()) return del.status();
      SECAP_RETURN_IF_ERROR((*del)->bind(1, e.seq).exec());
      const int type = static_cast<int>(entityTypeOf(e.change));
      if (!r.canonical_entity_id().empty() && r.canonical_entity_id() != e.change.entity_id()) {
        // Content duplicate: the server's record is canonical; ours goes,
        // and the canonical one arrives with the next pull.
        auto drop = m_db->cached("DELETE FROM entities WHERE type=? AND id=?");
        if (!drop.isOk()) return drop.status();
        SECAP_RETURN_IF_ERROR((*drop)->bind(1, type).bind(2, e.change.entity_id()).exec());
        // Its photos now belong to the canonical record (DESIGN.md §4).
        if (type == static_cast<int>(EntityType::kReading)) {
          auto moved = moveAttachmentsLocked(e.change.entity_id(), r.canonical_entity_id());
          if (!moved.isOk()) return moved.status();
          movedAttachments.insert(moved->begin(), moved->end());
        }
      } else {
        auto clear = m_db->cached(
            "UPDATE entities SET pending=0 WHERE type=? AND id=? AND NOT EXISTS "
            "(SELECT 1 FROM outbox WHERE entity_type=? AND entity_id=?)");
        if (!clear.isOk()) return clear.status();
        SECAP_RETURN_IF_ERROR(
            (*clear)->bind(1, type).bind(2, e.change.entity_id()).bind(3, type).bind(4, e.change.entity_id()).exec());
      }
    } else {
      auto st = m_db->cached("UPDATE outbox SET rejected=1, attempts=attempts+1, reason_code=?, message=? WHERE seq=?");
      if (!st.isOk()) return st.status();
      SECAP_RETURN_IF_ERROR((*st)->bind(1, r.reason_code()).bind(2, r.message()).bind(3, e.seq).exec());
    }
  }
  // A photo pushed in the same batch as its reading was refused for an owner
  // the server does not know: it names the canonical reading now, so it goes
  // again rather than waiting in needs-attention.
  for (const auto& id : movedAttachments) {
    auto st = m_db->cached(
        "UPDATE outbox SET rejected=0, reason_code='', message='' WHERE entity_type=? AND entity_id=? AND "
        "reason_code='attachment.unknown_owner'");
    if (!st.isOk()) return st.status();
    SECAP_RETURN_IF_ERROR((*st)->bind(1, static_cast<int>(EntityType::kAttachment)).bind(2, id).exec());
  }
  return tx.commit();
}

Result<std::vector<std::string>> LocalStore::moveAttachmentsLocked(const std::string& fromReadingId,
                                                                   const std::string& toReadingId) {
  const int attachmentType = static_cast<int>(EntityType::kAttachment);
  std::vector<std::pair<std::string, std::string>> rows;  // id, data
  {
    auto st = m_db->cached("SELECT id, data FROM entities WHERE type=? AND parent_id=?");
    if (!st.isOk()) return st.status();
    (*st)->bind(1, attachmentType).bind(2, fromReadingId);
    while (true) {
      auto row = (*st)->step();
      if (!row.isOk()) return row.status();
      if (!*row) break;
      rows.emplace_back((*st)->columnText(0), (*st)->columnBlob(1));
    }
    (*st)->reset();
  }
  std::vector<std::string> moved;
  for (const auto& [id, data] : rows) {
    secap::v1::Attachment a;
    if (!a.ParseFromString(data) || a.owner_type() != "reading") continue;
    a.set_owner_id(toReadingId);
    auto upd = m_db->cached("UPDATE entities SET parent_id=?, data=? WHERE type=? AND id=?");
    if (!upd.isOk()) return upd.status();
    SECAP_RETURN_IF_ERROR(
        (*upd)->bind(1, toReadingId).bind(2, a.SerializeAsString()).bind(3, attachmentType).bind(4, id).exec());
    // The unsent record of the photo names the new owner too.
    std::vector<std::pair<int64_t, Change>> pending;
    {
      auto st = m_db->cached("SELECT seq, payload FROM outbox WHERE entity_type=? AND entity_id=?");
      if (!st.isOk()) return st.status();
      (*st)->bind(1, attachmentType).bind(2, id);
      while (true) {
        auto row = (*st)->step();
        if (!row.isOk()) return row.status();
        if (!*row) break;
        Change c;
        if (c.ParseFromString((*st)->columnBlob(1))) pending.emplace_back((*st)->columnInt(0), std::move(c));
      }
      (*st)->reset();
    }
    for (auto& [seq, c] : pending) {
      if (!c.has_attachment() || c.attachment().owner_id() != fromReadingId) continue;
      c.mutable_attachment()->set_owner_id(toReadingId);
      auto st = m_db->cached("UPDATE outbox SET payload=? WHERE seq=?");
      if (!st.isOk()) return st.status();
      SECAP_RETURN_IF_ERROR((*st)->bind(1, c.SerializeAsString()).bind(2, seq).exec());
    }
    moved.push_back(id);
  }
  return moved;
}

Status LocalStore::retryRejected() {
  std::lock_guard lock(m_mu);
  return m_db->exec("UPDATE outbox SET rejected=0, reason_code='', message='' WHERE rejected=1");
}

Result<Change> LocalStore::rejectedChangeLocked(int64_t seq) {
  auto st = m_db->cached("SELECT payload FROM outbox WHERE seq=? AND rejected=1");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, seq);
  auto row = (*st)->step();
  if (!row.isOk()) return row.status();
  Change rejected;
  const bool found = *row && rejected.ParseFromString((*st)->columnBlob(0));
  (*st)->reset();
  if (!found) return Status(StatusCode::kNotFound, "no rejected change " + std::to_string(seq));
  return rejected;
}

Status LocalStore::retryRejected(int64_t seq) {
  std::lock_guard lock(m_mu);
  auto st = m_db->cached("UPDATE outbox SET rejected=0, reason_code='', message='' WHERE seq=? AND rejected=1");
  if (!st.isOk()) return st.status();
  SECAP_RETURN_IF_ERROR((*st)->bind(1, seq).exec());
  if (m_db->changes() == 0) return {StatusCode::kNotFound, "no rejected change " + std::to_string(seq)};
  return Status::ok();
}

Result<Change> LocalStore::correctRejected(int64_t seq, Change corrected) {
  std::lock_guard lock(m_mu);
  auto found = rejectedChangeLocked(seq);
  if (!found.isOk()) return found.status();
  const Change rejected = std::move(found).value();
  if (entityTypeOf(corrected) != entityTypeOf(rejected) || corrected.entity_id() != rejected.entity_id())
    return Status(StatusCode::kInvalidArgument, "input.other_record: a correction must be of the same record");
  corrected.set_change_id(newUuidV7(m_clock));
  sqlite::Transaction tx(*m_db);
  SECAP_RETURN_IF_ERROR(tx.begin());
  // The rejected change goes first: the correction takes its place.
  auto del = m_db->cached("DELETE FROM outbox WHERE seq=?");
  if (!del.isOk()) return del.status();
  SECAP_RETURN_IF_ERROR((*del)->bind(1, seq).exec());
  SECAP_RETURN_IF_ERROR(saveLocalChangeLocked(corrected));
  SECAP_RETURN_IF_ERROR(tx.commit());
  return corrected;
}

Result<LocalStore::Discarded> LocalStore::discardRejected(int64_t seq) {
  std::lock_guard lock(m_mu);
  auto found = rejectedChangeLocked(seq);
  if (!found.isOk()) return found.status();
  const Change rejected = std::move(found).value();
  const EntityType type = entityTypeOf(rejected);
  const int typeInt = static_cast<int>(type);
  Discarded out;
  sqlite::Transaction tx(*m_db);
  SECAP_RETURN_IF_ERROR(tx.begin());
  auto del = m_db->cached("DELETE FROM outbox WHERE seq=?");
  if (!del.isOk()) return del.status();
  SECAP_RETURN_IF_ERROR((*del)->bind(1, seq).exec());
  // An append-only record exists only as this change until the server takes
  // it: it goes from the device, and so do the photos waiting to follow it.
  if (isAppendOnly(type) || type == EntityType::kAttachment || type == EntityType::kInspection) {
    std::vector<std::string> records{rejected.entity_id()};
    {
      auto st = m_db->cached("SELECT id FROM entities WHERE type=? AND parent_id=? AND pending=1");
      if (!st.isOk()) return st.status();
      (*st)->bind(1, static_cast<int>(EntityType::kAttachment)).bind(2, rejected.entity_id());
      while (true) {
        auto row = (*st)->step();
        if (!row.isOk()) return row.status();
        if (!*row) break;
        records.push_back((*st)->columnText(0));
      }
      (*st)->reset();
    }
    for (size_t i = 0; i < records.size(); ++i) {
      const int t = i == 0 ? typeInt : static_cast<int>(EntityType::kAttachment);
      auto drop = m_db->cached("DELETE FROM entities WHERE type=? AND id=? AND pending=1");
      if (!drop.isOk()) return drop.status();
      SECAP_RETURN_IF_ERROR((*drop)->bind(1, t).bind(2, records[i]).exec());
      auto rest = m_db->cached("DELETE FROM outbox WHERE entity_type=? AND entity_id=?");
      if (!rest.isOk()) return rest.status();
      SECAP_RETURN_IF_ERROR((*rest)->bind(1, t).bind(2, records[i]).exec());
      if (t != static_cast<int>(EntityType::kAttachment)) continue;
      auto file = m_db->cached("SELECT path FROM attachment_files WHERE attachment_id=? AND uploaded_at=0");
      if (!file.isOk()) return file.status();
      (*file)->bind(1, records[i]);
      auto row = (*file)->step();
      if (!row.isOk()) return row.status();
      if (*row) out.photoPaths.push_back((*file)->columnText(0));
      (*file)->reset();
      auto forget = m_db->cached("DELETE FROM attachment_files WHERE attachment_id=? AND uploaded_at=0");
      if (!forget.isOk()) return forget.status();
      SECAP_RETURN_IF_ERROR((*forget)->bind(1, records[i]).exec());
    }
  } else {
    // An edit of a record the server holds: the local values are the
    // rejected ones, so the server's version comes back by a full resync.
    auto others = m_db->cached("SELECT count(*) FROM outbox WHERE entity_type=? AND entity_id=?");
    if (!others.isOk()) return others.status();
    (*others)->bind(1, typeInt).bind(2, rejected.entity_id());
    auto row = (*others)->step();
    if (!row.isOk()) return row.status();
    const bool stillPending = *row && (*others)->columnInt(0) > 0;
    (*others)->reset();
    if (!stillPending) {
      auto clear = m_db->cached("UPDATE entities SET pending=0 WHERE type=? AND id=?");
      if (!clear.isOk()) return clear.status();
      SECAP_RETURN_IF_ERROR((*clear)->bind(1, typeInt).bind(2, rejected.entity_id()).exec());
    }
    SECAP_RETURN_IF_ERROR(setStateLocked(state_keys::kResyncNeeded, "1"));
  }
  SECAP_RETURN_IF_ERROR(tx.commit());
  return out;
}

Result<int> LocalStore::restampClockSkewed() {
  std::lock_guard lock(m_mu);
  std::vector<std::pair<int64_t, Change>> rows;
  {
    auto st = m_db->cached("SELECT seq, payload FROM outbox WHERE rejected=1 AND reason_code='clock.skew'");
    if (!st.isOk()) return st.status();
    while (true) {
      auto row = (*st)->step();
      if (!row.isOk()) return row.status();
      if (!*row) break;
      Change c;
      if (c.ParseFromString((*st)->columnBlob(1))) rows.emplace_back((*st)->columnInt(0), std::move(c));
    }
  }
  if (rows.empty()) return 0;
  m_hlc.rewindIfAhead(kMaxClockSkewMs / 2);
  sqlite::Transaction tx(*m_db);
  SECAP_RETURN_IF_ERROR(tx.begin());
  for (auto& [seq, change] : rows) {
    change.set_hlc(m_hlc.now());
    SECAP_RETURN_IF_ERROR(writeEntityLocked(change, /*pendingLocal=*/true));
    auto upd = m_db->cached("UPDATE outbox SET payload=?, rejected=0, reason_code='', message='' WHERE seq=?");
    if (!upd.isOk()) return upd.status();
    SECAP_RETURN_IF_ERROR((*upd)->bindBlob(1, change.SerializeAsString()).bind(2, seq).exec());
  }
  SECAP_RETURN_IF_ERROR(setStateLocked(state_keys::kHlcLast, std::to_string(m_hlc.last())));
  SECAP_RETURN_IF_ERROR(tx.commit());
  return static_cast<int>(rows.size());
}

Result<int64_t> LocalStore::beginFullResync() {
  std::lock_guard lock(m_mu);
  const int64_t generation = std::stoll(stateLocked(state_keys::kResyncGeneration).value_or("0")) + 1;
  sqlite::Transaction tx(*m_db);
  SECAP_RETURN_IF_ERROR(tx.begin());
  SECAP_RETURN_IF_ERROR(setStateLocked(state_keys::kResyncGeneration, std::to_string(generation)));
  SECAP_RETURN_IF_ERROR(setStateLocked(state_keys::kResyncNeeded, "1"));
  SECAP_RETURN_IF_ERROR(tx.commit());
  return generation;
}

Status LocalStore::applyResyncPage(const secap::v1::PullResponse& page, int64_t generation) {
  std::lock_guard lock(m_mu);
  sqlite::Transaction tx(*m_db);
  SECAP_RETURN_IF_ERROR(tx.begin());
  for (const Change& c : page.changes()) {
    if (entityTypeOf(c) == EntityType::kUnknown) continue;
    m_hlc.update(c.hlc());
    SECAP_RETURN_IF_ERROR(writeEntityLocked(c, /*pendingLocal=*/false, generation));
  }
  SECAP_RETURN_IF_ERROR(setStateLocked(state_keys::kHlcLast, std::to_string(m_hlc.last())));
  return tx.commit();
}

Status LocalStore::finishFullResync(int64_t generation, int64_t cursor) {
  std::lock_guard lock(m_mu);
  sqlite::Transaction tx(*m_db);
  SECAP_RETURN_IF_ERROR(tx.begin());
  // Rows the server no longer has go, unless they wait to be pushed.
  auto st = m_db->cached(
      "DELETE FROM entities WHERE resync_gen < ? AND pending = 0 AND NOT EXISTS "
      "(SELECT 1 FROM outbox WHERE outbox.entity_type = entities.type AND outbox.entity_id = entities.id)");
  if (!st.isOk()) return st.status();
  SECAP_RETURN_IF_ERROR((*st)->bind(1, generation).exec());
  SECAP_RETURN_IF_ERROR(setStateLocked(state_keys::kCursor, std::to_string(cursor)));
  SECAP_RETURN_IF_ERROR(setStateLocked(state_keys::kResyncNeeded, "0"));
  return tx.commit();
}

int64_t LocalStore::cursor() {
  auto v = state(state_keys::kCursor);
  return v ? std::stoll(*v) : 0;
}

Status LocalStore::applyPullPage(const secap::v1::PullResponse& page) {
  std::lock_guard lock(m_mu);
  sqlite::Transaction tx(*m_db);
  SECAP_RETURN_IF_ERROR(tx.begin());
  for (const Change& c : page.changes()) {
    if (entityTypeOf(c) == EntityType::kUnknown) continue;  // A kind this build does not know.
    m_hlc.update(c.hlc());
    SECAP_RETURN_IF_ERROR(writeEntityLocked(c, /*pendingLocal=*/false));
  }
  SECAP_RETURN_IF_ERROR(setStateLocked(state_keys::kCursor, std::to_string(page.last_seq())));
  SECAP_RETURN_IF_ERROR(setStateLocked(state_keys::kHlcLast, std::to_string(m_hlc.last())));
  return tx.commit();
}

// --- Attachments ---

Result<secap::v1::Attachment> LocalStore::addAttachment(secap::v1::Attachment attachment, const std::string& path) {
  auto content = sha256OfFile(path);
  if (!content.isOk()) {
    if (content.status().code() == StatusCode::kNotFound)
      return Status(StatusCode::kNotFound, "the photo file " + path + " cannot be read");
    return content.status();
  }
  const std::string hex = content->sha256;
  const int64_t size = content->size;
  if (attachment.id().empty()) attachment.set_id(newUuidV7(m_clock));
  attachment.set_sha256(hex);
  attachment.set_size(size);

  std::lock_guard lock(m_mu);
  sqlite::Transaction tx(*m_db);
  SECAP_RETURN_IF_ERROR(tx.begin());
  SECAP_RETURN_IF_ERROR(addAttachmentLocked(attachment, path));
  SECAP_RETURN_IF_ERROR(tx.commit());
  return attachment;
}

Status LocalStore::addAttachmentLocked(secap::v1::Attachment& attachment, const std::string& path) {
  Change change;
  change.set_entity_id(attachment.id());
  *change.mutable_attachment() = attachment;
  SECAP_RETURN_IF_ERROR(saveLocalChangeLocked(change));
  auto st = m_db->cached(
      "INSERT OR REPLACE INTO attachment_files(attachment_id, sha256, path, size, created_at) VALUES(?,?,?,?,?)");
  if (!st.isOk()) return st.status();
  return (*st)
      ->bind(1, attachment.id())
      .bind(2, attachment.sha256())
      .bind(3, path)
      .bind(4, attachment.size())
      .bind(5, m_clock.nowMs())
      .exec();
}

std::vector<PendingAttachment> LocalStore::pendingAttachmentUploads() {
  std::lock_guard lock(m_mu);
  // Records sync before photos: a file waits while its record is unsent.
  auto st = m_db->cached(
      "SELECT attachment_id, sha256, path, size FROM attachment_files f WHERE uploaded_at=0 AND NOT EXISTS "
      "(SELECT 1 FROM outbox o WHERE o.entity_type=? AND o.entity_id=f.attachment_id) ORDER BY created_at, "
      "attachment_id");
  if (!st.isOk()) return {};
  (*st)->bind(1, static_cast<int>(EntityType::kAttachment));
  std::vector<PendingAttachment> out;
  while (true) {
    auto row = (*st)->step();
    if (!row.isOk() || !*row) break;
    out.push_back({(*st)->columnText(0), (*st)->columnText(1), (*st)->columnText(2), (*st)->columnInt(3)});
  }
  return out;
}

int64_t LocalStore::pendingAttachmentCount() {
  std::lock_guard lock(m_mu);
  auto st = m_db->cached("SELECT count(*) FROM attachment_files WHERE uploaded_at=0");
  if (!st.isOk()) return 0;
  auto row = (*st)->step();
  const int64_t n = row.isOk() && *row ? (*st)->columnInt(0) : 0;
  (*st)->reset();
  return n;
}

Status LocalStore::markAttachmentUploaded(const std::string& attachmentId) {
  std::lock_guard lock(m_mu);
  auto st = m_db->cached("UPDATE attachment_files SET uploaded_at=?, last_error='' WHERE attachment_id=?");
  if (!st.isOk()) return st.status();
  return (*st)->bind(1, std::max<int64_t>(1, m_clock.nowMs())).bind(2, attachmentId).exec();
}

Status LocalStore::setAttachmentError(const std::string& attachmentId, const std::string& message) {
  std::lock_guard lock(m_mu);
  auto st = m_db->cached("UPDATE attachment_files SET last_error=? WHERE attachment_id=?");
  if (!st.isOk()) return st.status();
  return (*st)->bind(1, message).bind(2, attachmentId).exec();
}

std::optional<secap::v1::Attachment> LocalStore::attachment(const std::string& id) {
  std::lock_guard lock(m_mu);
  return findById<secap::v1::Attachment>(*m_db, EntityType::kAttachment, id);
}

std::vector<secap::v1::Attachment> LocalStore::attachmentsOf(const std::string& ownerId) {
  std::lock_guard lock(m_mu);
  return findChildren<secap::v1::Attachment>(*m_db, EntityType::kAttachment, ownerId);
}

std::optional<std::string> LocalStore::attachmentFile(const std::string& attachmentId) {
  std::lock_guard lock(m_mu);
  auto st = m_db->cached("SELECT path FROM attachment_files WHERE attachment_id=?");
  if (!st.isOk()) return std::nullopt;
  (*st)->bind(1, attachmentId);
  auto row = (*st)->step();
  std::optional<std::string> path;
  if (row.isOk() && *row) path = (*st)->columnText(0);
  (*st)->reset();
  std::error_code ec;
  if (path && !std::filesystem::is_regular_file(*path, ec)) path.reset();
  return path;
}

Status LocalStore::recordDownloadedAttachment(const std::string& attachmentId, const std::string& sha256,
                                              const std::string& path, int64_t size) {
  std::lock_guard lock(m_mu);
  // uploaded_at set: the bytes came from the server, there is nothing to send.
  auto st = m_db->cached(
      "INSERT OR REPLACE INTO attachment_files(attachment_id, sha256, path, size, created_at, uploaded_at) "
      "VALUES(?,?,?,?,?,?)");
  if (!st.isOk()) return st.status();
  const int64_t now = std::max<int64_t>(1, m_clock.nowMs());
  return (*st)->bind(1, attachmentId).bind(2, sha256).bind(3, path).bind(4, size).bind(5, now).bind(6, now).exec();
}

std::vector<secap::v1::Attachment> LocalStore::attachmentsWithoutFile(int limit) {
  std::lock_guard lock(m_mu);
  auto st = m_db->cached(
      "SELECT data FROM entities e WHERE type=? AND deleted=0 AND NOT EXISTS "
      "(SELECT 1 FROM attachment_files f WHERE f.attachment_id=e.id) ORDER BY id");
  if (!st.isOk()) return {};
  (*st)->bind(1, static_cast<int>(EntityType::kAttachment));
  std::vector<secap::v1::Attachment> out;
  while (static_cast<int>(out.size()) < limit) {
    auto row = (*st)->step();
    if (!row.isOk() || !*row) break;
    secap::v1::Attachment a;
    if (!a.ParseFromString((*st)->columnBlob(0)) || a.redacted() || a.sha256().empty()) continue;
    out.push_back(std::move(a));
  }
  (*st)->reset();
  return out;
}

// --- Inspections ---

std::vector<secap::v1::InspectionTemplate> LocalStore::inspectionTemplates(const std::string& municipalityId) {
  std::lock_guard lock(m_mu);
  auto st = m_db->cached("SELECT data FROM entities WHERE type=? AND (parent_id='' OR parent_id=?) AND deleted=0");
  if (!st.isOk()) return {};
  (*st)->bind(1, static_cast<int>(EntityType::kInspectionTemplate)).bind(2, municipalityId);
  auto out = parseAll<secap::v1::InspectionTemplate>(**st, EntityType::kInspectionTemplate);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return std::tie(a.name(), a.id()) < std::tie(b.name(), b.id()); });
  return out;
}

std::optional<secap::v1::InspectionTemplate> LocalStore::inspectionTemplate(const std::string& id) {
  std::lock_guard lock(m_mu);
  return findById<secap::v1::InspectionTemplate>(*m_db, EntityType::kInspectionTemplate, id);
}

namespace {
void newestFirst(std::vector<secap::v1::Inspection>& list) {
  std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
    return std::make_tuple(a.submitted_at(), a.id()) > std::make_tuple(b.submitted_at(), b.id());
  });
}
}  // namespace

std::vector<secap::v1::Inspection> LocalStore::inspectionsOfSite(const std::string& siteId) {
  std::lock_guard lock(m_mu);
  auto out = findChildren<secap::v1::Inspection>(*m_db, EntityType::kInspection, siteId);
  newestFirst(out);
  return out;
}

std::vector<secap::v1::Inspection> LocalStore::inspectionsOfMeasure(const std::string& measureId) {
  std::lock_guard lock(m_mu);
  // Inspections hang from their site; a device holds few enough to filter.
  auto st = m_db->cached("SELECT data FROM entities WHERE type=? AND deleted=0");
  if (!st.isOk()) return {};
  (*st)->bind(1, static_cast<int>(EntityType::kInspection));
  auto all = parseAll<secap::v1::Inspection>(**st, EntityType::kInspection);
  std::vector<secap::v1::Inspection> out;
  for (auto& i : all)
    if (i.has_measure_id() && i.measure_id() == measureId) out.push_back(std::move(i));
  newestFirst(out);
  return out;
}

std::optional<secap::v1::Inspection> LocalStore::inspection(const std::string& id) {
  std::lock_guard lock(m_mu);
  return findById<secap::v1::Inspection>(*m_db, EntityType::kInspection, id);
}

std::vector<secap::v1::Person> LocalStore::persons() {
  std::lock_guard lock(m_mu);
  auto st = m_db->cached("SELECT data FROM entities WHERE type=? AND deleted=0");
  if (!st.isOk()) return {};
  (*st)->bind(1, static_cast<int>(EntityType::kPerson));
  auto out = parseAll<secap::v1::Person>(**st, EntityType::kPerson);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.display_name(), a.id()) < std::tie(b.display_name(), b.id());
  });
  return out;
}

bool LocalStore::hasUnsentChange(EntityType type, const std::string& id) {
  std::lock_guard lock(m_mu);
  auto st = m_db->cached("SELECT 1 FROM outbox WHERE entity_type=? AND entity_id=? LIMIT 1");
  if (!st.isOk()) return false;
  (*st)->bind(1, static_cast<int>(type)).bind(2, id);
  auto row = (*st)->step();
  const bool found = row.isOk() && *row;
  (*st)->reset();
  return found;
}

std::optional<InspectionDraft> LocalStore::inspectionDraftLocked(const std::string& id) {
  auto st = m_db->cached("SELECT data, updated_at FROM inspection_drafts WHERE id=?");
  if (!st.isOk()) return std::nullopt;
  (*st)->bind(1, id);
  auto row = (*st)->step();
  if (!row.isOk() || !*row) return std::nullopt;
  InspectionDraft draft;
  const std::string data = (*st)->columnBlob(0);
  draft.updatedAt = (*st)->columnInt(1);
  (*st)->reset();
  if (!draft.inspection.ParseFromString(data)) return std::nullopt;
  auto photos = m_db->cached("SELECT data, path FROM inspection_draft_photos WHERE draft_id=? ORDER BY attachment_id");
  if (!photos.isOk()) return std::nullopt;
  (*photos)->bind(1, id);
  while (true) {
    auto r = (*photos)->step();
    if (!r.isOk() || !*r) break;
    DraftPhoto photo;
    if (!photo.attachment.ParseFromString((*photos)->columnBlob(0))) continue;
    photo.path = (*photos)->columnText(1);
    draft.photos.push_back(std::move(photo));
  }
  return draft;
}

Result<std::vector<std::string>> LocalStore::draftPhotoPathsLocked(const std::string& id) {
  auto st = m_db->cached("SELECT path FROM inspection_draft_photos WHERE draft_id=?");
  if (!st.isOk()) return st.status();
  (*st)->bind(1, id);
  std::vector<std::string> out;
  while (true) {
    auto row = (*st)->step();
    if (!row.isOk()) return row.status();
    if (!*row) break;
    out.push_back((*st)->columnText(0));
  }
  return out;
}

Result<std::vector<std::string>> LocalStore::saveInspectionDraft(InspectionDraft draft) {
  auto& i = draft.inspection;
  if (i.id().empty()) return Status(StatusCode::kInvalidArgument, "change.incomplete: the draft has no id");
  if (i.has_submitted_at())
    return Status(StatusCode::kInvalidArgument, "inspection.immutable: a submitted inspection is no draft");
  std::lock_guard lock(m_mu);
  {
    auto st = m_db->cached("SELECT 1 FROM entities WHERE type=? AND id=?");
    if (!st.isOk()) return st.status();
    (*st)->bind(1, static_cast<int>(EntityType::kInspection)).bind(2, i.id());
    auto row = (*st)->step();
    if (!row.isOk()) return row.status();
    const bool submitted = *row;
    (*st)->reset();
    if (submitted)
      return Status(StatusCode::kInvalidArgument,
                    "inspection.immutable: this inspection was submitted; amend it with a new one");
  }
  draft.updatedAt = m_clock.nowMs();
  auto before = draftPhotoPathsLocked(i.id());
  if (!before.isOk()) return before.status();
  sqlite::Transaction tx(*m_db);
  SECAP_RETURN_IF_ERROR(tx.begin());
  auto st = m_db->cached("INSERT OR REPLACE INTO inspection_drafts(id, updated_at, data) VALUES(?,?,?)");
  if (!st.isOk()) return st.status();
  SECAP_RETURN_IF_ERROR((*st)->bind(1, i.id()).bind(2, draft.updatedAt).bindBlob(3, i.SerializeAsString()).exec());
  auto clear = m_db->cached("DELETE FROM inspection_draft_photos WHERE draft_id=?");
  if (!clear.isOk()) return clear.status();
  SECAP_RETURN_IF_ERROR((*clear)->bind(1, i.id()).exec());
  std::set<std::string> kept;
  for (const auto& photo : draft.photos) {
    auto add = m_db->cached(
        "INSERT OR REPLACE INTO inspection_draft_photos(attachment_id, draft_id, path, data) VALUES(?,?,?,?)");
    if (!add.isOk()) return add.status();
    SECAP_RETURN_IF_ERROR((*add)
                              ->bind(1, photo.attachment.id())
                              .bind(2, i.id())
                              .bind(3, photo.path)
                              .bindBlob(4, photo.attachment.SerializeAsString())
                              .exec());
    kept.insert(photo.path);
  }
  SECAP_RETURN_IF_ERROR(tx.commit());
  std::vector<std::string> dropped;
  for (const auto& path : *before)
    if (!kept.count(path)) dropped.push_back(path);
  return dropped;
}

std::vector<InspectionDraft> LocalStore::inspectionDrafts() {
  std::lock_guard lock(m_mu);
  std::vector<std::string> ids;
  {
    auto st = m_db->cached("SELECT id FROM inspection_drafts ORDER BY updated_at DESC, id");
    if (!st.isOk()) return {};
    while (true) {
      auto row = (*st)->step();
      if (!row.isOk() || !*row) break;
      ids.push_back((*st)->columnText(0));
    }
  }
  std::vector<InspectionDraft> out;
  for (const auto& id : ids)
    if (auto d = inspectionDraftLocked(id)) out.push_back(std::move(*d));
  return out;
}

std::optional<InspectionDraft> LocalStore::inspectionDraft(const std::string& id) {
  std::lock_guard lock(m_mu);
  return inspectionDraftLocked(id);
}

Result<std::vector<std::string>> LocalStore::discardInspectionDraft(const std::string& id) {
  std::lock_guard lock(m_mu);
  if (!inspectionDraftLocked(id))
    return Status(StatusCode::kNotFound, "inspection.draft_gone: there is no such draft on this device");
  auto paths = draftPhotoPathsLocked(id);
  if (!paths.isOk()) return paths.status();
  sqlite::Transaction tx(*m_db);
  SECAP_RETURN_IF_ERROR(tx.begin());
  for (const char* sql :
       {"DELETE FROM inspection_drafts WHERE id=?", "DELETE FROM inspection_draft_photos WHERE draft_id=?"}) {
    auto st = m_db->cached(sql);
    if (!st.isOk()) return st.status();
    SECAP_RETURN_IF_ERROR((*st)->bind(1, id).exec());
  }
  SECAP_RETURN_IF_ERROR(tx.commit());
  return *paths;
}

Result<secap::v1::Inspection> LocalStore::submitInspectionDraft(const std::string& id) {
  std::lock_guard lock(m_mu);
  auto draft = inspectionDraftLocked(id);
  if (!draft) return Status(StatusCode::kNotFound, "inspection.draft_gone: there is no such draft on this device");
  // Hash the photos first: one that cannot be read stops the submit, and the
  // draft stays as it is for the user to take the photo again.
  for (auto& photo : draft->photos) {
    auto digest = sha256OfFile(photo.path);
    if (!digest.isOk())
      return Status(digest.status().code() == StatusCode::kNotFound ? StatusCode::kNotFound : digest.status().code(),
                    "inspection.photo_missing: the photo file " + photo.path + " cannot be read");
    photo.attachment.set_sha256(digest->sha256);
    photo.attachment.set_size(digest->size);
  }
  auto& i = draft->inspection;
  const int64_t now = m_hlc.correctedNowMs();
  i.set_submitted_at(now);
  if (i.started_at() <= 0 || i.started_at() > now) i.set_started_at(now);
  if (i.inspector().empty()) i.set_inspector(stateLocked(state_keys::kDeviceId).value_or(""));
  // Every photo of the inspection is listed with it, answers' photos too.
  std::set<std::string> listed(i.attachment_ids().begin(), i.attachment_ids().end());
  for (const auto& photo : draft->photos)
    if (listed.insert(photo.attachment.id()).second) i.add_attachment_ids(photo.attachment.id());

  sqlite::Transaction tx(*m_db);
  SECAP_RETURN_IF_ERROR(tx.begin());
  Change change;
  change.set_entity_id(i.id());
  *change.mutable_inspection() = i;
  SECAP_RETURN_IF_ERROR(saveLocalChangeLocked(change));
  for (auto& photo : draft->photos) {
    photo.attachment.set_owner_type("inspection");
    photo.attachment.set_owner_id(i.id());
    SECAP_RETURN_IF_ERROR(addAttachmentLocked(photo.attachment, photo.path));
  }
  for (const char* sql :
       {"DELETE FROM inspection_drafts WHERE id=?", "DELETE FROM inspection_draft_photos WHERE draft_id=?"}) {
    auto st = m_db->cached(sql);
    if (!st.isOk()) return st.status();
    SECAP_RETURN_IF_ERROR((*st)->bind(1, id).exec());
  }
  SECAP_RETURN_IF_ERROR(tx.commit());
  return change.inspection();
}

Status LocalStore::wipe() {
  {
    std::lock_guard lock(m_mu);
    // Photos are personal data too: the files the device took or downloaded go
    // with the records.
    std::vector<std::string> files;
    for (const char* sql : {"SELECT path FROM attachment_files", "SELECT path FROM inspection_draft_photos"}) {
      auto st = m_db->cached(sql);
      if (!st.isOk()) return st.status();
      while (true) {
        auto row = (*st)->step();
        if (!row.isOk()) return row.status();
        if (!*row) break;
        files.push_back((*st)->columnText(0));
      }
      (*st)->reset();
    }
    // Deleted rows would stay readable in free pages: overwrite them.
    SECAP_RETURN_IF_ERROR(m_db->exec("PRAGMA secure_delete=ON"));
    {
      sqlite::Transaction tx(*m_db);
      SECAP_RETURN_IF_ERROR(tx.begin());
      SECAP_RETURN_IF_ERROR(
          m_db->exec("DELETE FROM entities; DELETE FROM outbox; DELETE FROM attachment_files; "
                     "DELETE FROM inspection_drafts; DELETE FROM inspection_draft_photos"));
      auto st = m_db->cached("DELETE FROM state WHERE key<>?");
      if (!st.isOk()) return st.status();
      SECAP_RETURN_IF_ERROR((*st)->bind(1, state_keys::kInstallId).exec());
      SECAP_RETURN_IF_ERROR(setStateLocked(state_keys::kWithdrawn, "1"));
      SECAP_RETURN_IF_ERROR(tx.commit());
    }
    for (const auto& f : files) {
      std::error_code ec;
      std::filesystem::remove(f, ec);  // already gone is fine
    }
    // The WAL still holds the old pages: move the zeroed ones into the file
    // and empty it.
    SECAP_RETURN_IF_ERROR(m_db->exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  }
  // The token last: should clearing it fail, the device still holds a token
  // the server answers with the same order to wipe, so the wipe is retried.
  std::lock_guard lock(m_tokenMu);
  m_cachedToken.reset();
  SECAP_RETURN_IF_ERROR(m_tokenVault->clear());
  m_cachedToken = std::optional<std::string>();
  return Status::ok();
}

}  // namespace secap::core

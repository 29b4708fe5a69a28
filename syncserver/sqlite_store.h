#pragma once
// SqliteStore: the embedded Store backend, one database file in the data
// directory. One writer connection (write transactions are serialised by a
// mutex, so seqs commit in order and the watermark is the highest committed
// seq) and one reader connection for pulls and reports (WAL lets it read a
// consistent snapshot while a write is under way). Commits use
// synchronous=FULL: an acknowledged change survives kill -9 and power loss.
// Thread-safe.

#include <memory>
#include <mutex>
#include <string>

#include "secap/core/sqlite.h"
#include "store.h"

namespace secap::server {

namespace sqlite_sql {
// The records of a type in a scope (municipality), or with a parent. Without
// statistics (no ANALYZE) SQLite 3.40 searches the primary key (type, id) by
// the type alone rather than these indexes, which reads every record of the
// type (every reading, for one meter's): the queries name their index.
inline constexpr const char* kEntitiesByScope =
    "SELECT type, id, municipality_id, parent_id, hlc, origin_device_id, deleted, server_seq, data, stamps "
    "FROM entities INDEXED BY entities_by_scope ";
inline constexpr const char* kEntitiesByParent =
    "SELECT type, id, municipality_id, parent_id, hlc, origin_device_id, deleted, server_seq, data, stamps "
    "FROM entities INDEXED BY entities_by_parent ";
}  // namespace sqlite_sql

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path);
  static constexpr int kSchemaVersion = 6;

  Result<std::unique_ptr<WriteTx>> beginWrite(const WriteScope& scope) override;
  Result<PullPage> pull(const std::vector<std::string>& municipalityIds, int64_t afterSeq, int maxChanges,
                        size_t maxBytes) override;
  Result<int64_t> watermark() override;
  Result<std::vector<LoggedChange>> changeLog(int64_t afterSeq, int64_t upToSeq, int limit) override;
  Result<int64_t> compactionHorizon() override;
  Status addEnrollmentCode(const EnrollmentCodeRecord& code) override;
  Result<DeviceRecord> enroll(const EnrollAttempt& attempt) override;
  Result<std::optional<DeviceRecord>> deviceByTokenHash(const std::string& tokenHash) override;
  Result<std::vector<StoredEntity>> entitiesOf(core::EntityType type, const std::string& municipalityId) override;
  Result<std::vector<StoredEntity>> allMunicipalities() override;
  Result<std::vector<StoredEntity>> recordsOf(const std::string& municipalityId) override;
  Result<std::vector<StoredEntity>> recordsAfter(const std::vector<std::string>& municipalityIds, int afterType,
                                                 const std::string& afterId, int limit) override;
  Result<std::optional<StoredEntity>> entity(core::EntityType type, const std::string& id) override;
  Result<std::map<std::string, core::MonthlyUse>> meterRollups(const std::string& municipalityId) override;

  // --- Attachments ---
  Result<std::optional<UploadProgress>> uploadProgress(const std::string& deviceId, const std::string& sha256) override;
  Status putUploadProgress(const UploadProgress& progress) override;
  Status removeUploadProgress(const std::string& deviceId, const std::string& sha256) override;
  Result<std::optional<StoredEntity>> attachmentById(const std::string& id) override;
  Result<std::vector<StoredEntity>> attachmentsWithContent(const std::string& sha256) override;
  Status addAuditEntry(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> auditEntries(const std::string& action) override;

  // --- Devices, roles and limits ---
  Result<std::optional<DeviceRecord>> deviceById(const std::string& deviceId) override;
  Status revokeDevice(const std::string& deviceId, bool allowRescue, int64_t nowMs, const std::string& actor) override;
  Status allowRescue(const std::string& deviceId, int64_t nowMs, const std::string& actor) override;
  Result<bool> takeRescue(const std::string& deviceId) override;
  Status giveBackRescue(const std::string& deviceId) override;
  Status grantRole(const std::string& deviceId, const std::string& municipalityId, const std::string& role,
                   int64_t nowMs, const std::string& actor) override;
  Status ungrantRole(const std::string& deviceId, const std::string& municipalityId, int64_t nowMs,
                     const std::string& actor) override;
  Status noteDeviceSeen(const std::string& deviceId, int64_t nowMs, int64_t outbox) override;
  Status clearResyncPending(const std::string& deviceId, int64_t mark) override;
  Status bindSites(const std::string& deviceId, const std::vector<std::string>& siteIds, int64_t nowMs,
                   const std::string& actor) override;
  Result<int64_t> countCall(const std::string& deviceId, int64_t windowStartMs) override;
  Result<std::vector<AuditEntry>> auditLog(int64_t sinceMs, int limit) override;
  Result<std::vector<DeviceRecord>> allDevices() override;
  Status addWebUser(const WebUserRecord& user) override;
  Result<std::optional<WebUserRecord>> webUser(const std::string& login) override;
  Result<std::vector<WebUserRecord>> webUsers() override;
  Status setWebPassword(const std::string& login, const std::string& passwordHash) override;
  Result<int> countLoginFailure(const std::string& login) override;
  Status setLoginLock(const std::string& login, int64_t lockedUntilMs) override;
  Status addWebSession(const WebSessionRecord& session) override;
  Result<std::optional<WebSessionRecord>> webSession(const std::string& tokenHash) override;
  Result<bool> removeWebSession(const std::string& tokenHash) override;
  Status removeWebSessionsOf(const std::string& login) override;

 private:
  friend class SqliteWriteTx;
  SqliteStore(std::unique_ptr<core::sqlite::Db> writer, std::unique_ptr<core::sqlite::Db> reader)
      : m_writer(std::move(writer)), m_reader(std::move(reader)) {}
  Status migrate();

  std::mutex m_writeMu;
  std::unique_ptr<core::sqlite::Db> m_writer;
  std::mutex m_readMu;
  std::unique_ptr<core::sqlite::Db> m_reader;
};

}  // namespace secap::server

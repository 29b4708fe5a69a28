#pragma once
// PgStore: the PostgreSQL Store backend, for production and for several
// stateless secap-syncserver instances on one database (DESIGN.md §5).
// It holds no logic of its own: the same ingest, merge and validation code
// runs on top of it as on SqliteStore.
//
// Writers. A write transaction first takes transaction-level advisory locks
// on the municipalities it may touch (WriteScope): writers of the same
// municipality take turns, so the read-merge-write of a record and the
// content dedup of readings stay exact, while different municipalities
// write in parallel, on any instance.
//
// The commit watermark (DESIGN.md §4). server_seq comes from a sequence, so
// a transaction can take seq 7 and commit after another one committed 8. On
// taking its first seq, a transaction also takes a transaction-level
// advisory lock whose key is that seq; PostgreSQL releases it at commit or
// abort, also when the client dies. A "gate" lock makes taking the seq and
// its lock one step as seen by readers. The watermark is then
//   min(highest seq handed out, lowest seq still locked − 1),
// read under the gate: every seq at or below it has committed or been
// abandoned, so a pull below it never skips a change that commits late.
// docs/ARCHITECTURE.md explains it with an example.
//
// Thread-safe: a pool of connections serves concurrent calls.

#include <functional>
#include <memory>
#include <string>

#include "pg.h"
#include "store.h"

namespace secap::server {

class PgStore final : public Store {
 public:
  // `url` is a libpq connection URI (postgresql://user@host:port/db?...).
  // Runs the migrations (one instance at a time, under an advisory lock).
  static Result<std::unique_ptr<PgStore>> open(const std::string& url, int poolSize = 8);
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

  // Test hook: called inside a write transaction right after it took its
  // first server_seq and before it goes on, so a test can hold it open.
  std::function<void(int64_t seq)> afterFirstSeqTaken;

 private:
  friend class PgWriteTx;
  explicit PgStore(const std::string& url, int poolSize) : m_pool(url, poolSize) {}
  Status migrate();
  Result<int64_t> watermarkOn(pg::Conn& conn);

  pg::Pool m_pool;
};

}  // namespace secap::server

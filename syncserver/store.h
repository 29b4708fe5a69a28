#pragma once
// Store: the server's storage interface (DESIGN.md §5). A backend only
// stores and finds; validation, merging, flags and rollups live in shared/
// and in ingest.cpp, so every backend behaves the same. SQLite is the
// embedded default (sqlite_store.h); PostgreSQL comes behind the same
// interface.
//
// The change log is ordered by one global server_seq. pull() returns only
// changes at or below the commit watermark: the highest seq such that every
// lower seq has committed or been abandoned. A backend that commits in seq
// order (SQLite: one writer) has the watermark equal to its highest seq;
// PostgreSQL lets writers of different municipalities commit out of seq
// order and computes the watermark from the seqs still in flight
// (pg_store.h).
//
// Thread-safe: any number of threads (and, on PostgreSQL, processes) may
// call a Store. A WriteTx belongs to the thread that began it. A write may
// fail with kAborted when it conflicted with a concurrent one: retry it.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "secap/core/entity.h"
#include "secap/core/hlc.h"
#include "secap/core/merge.h"
#include "secap/core/quality.h"
#include "secap/core/rollup.h"
#include "secap/core/status.h"
#include "secap/v1/sync.pb.h"

namespace secap::server {

using core::Result;
using core::Status;

// The origin recorded for changes the server makes itself (demo data, admin).
inline constexpr const char* kServerOriginId = "server";

struct DeviceRecord {
  std::string id;
  std::string installId;
  std::string name;
  std::string platform;
  std::string appVersion;
  std::string municipalityId;
  std::string role;  // admin, coordinator, field, kiosk, partner
  int64_t enrolledAtMs = 0;
  int64_t revokedAtMs = 0;  // 0 = active
  // --- Devices, roles and limits ---
  // Municipality id → role. The token's scope: the municipalities it may
  // pull and the role its writes are judged by in each (DESIGN.md §4, §8).
  std::map<std::string, std::string> roles;
  int rescue = 0;  // RescueState of a revoked device
  // Its scope changed: the next incremental pull must resync. 0 = no; each
  // scope change bumps it, and a finished resync clears only the mark it
  // began with, so a change that came in during a resync is not lost.
  int64_t resyncPending = 0;
  std::vector<std::string> sites;  // a kiosk's bound sites (empty: not bound)
  // Its last sync call (0: never), and the outbox it reported at its last
  // pull (-1: not reported). For /metrics; written at most once a minute.
  int64_t lastSeenMs = 0;
  int64_t outbox = -1;
};

// A revoked device's one last push (DESIGN.md §8, lost devices).
enum RescueState : int { kRescueNone = 0, kRescueAllowed = 1, kRescueUsed = 2 };

// One administrative action (audit_log).
struct AuditEntry {
  int64_t id = 0;
  int64_t atMs = 0;
  std::string actor;   // who: a device id or "admin:<user>"
  std::string action;  // what: device.enroll, device.revoke, device.rescue, device.grant, ...
  std::string detail;
};

struct EnrollmentCodeRecord {
  std::string codeHash;  // sha256 of the code; the code itself is never stored
  std::string municipalityId;
  std::string role;
  int64_t createdAtMs = 0;
  int64_t expiresAtMs = 0;
  std::vector<std::string> sites;  // a kiosk code: the sites the device is bound to
};

// What Enroll asks the store to do atomically.
struct EnrollAttempt {
  std::string codeHash;
  std::string installId;
  std::string deviceName;
  std::string platform;
  std::string appVersion;
  std::string newDeviceId;   // used when this is a first enrollment
  std::string newTokenHash;  // replaces any earlier token of the same device
  int64_t nowMs = 0;
};

// --- Web users and sessions (web_auth.h) ---

// A named person who signs in to the web dashboard. Their role and
// municipality are those of a device record of platform "web" that enrolled
// with them, so every rule for devices (roles, revocation, authorship of
// writes, audit) applies to them unchanged.
struct WebUserRecord {
  std::string login;         // what they type; lower case
  std::string deviceId;      // their device record
  std::string passwordHash;  // argon2id (passwords.h); empty: one-time links only
  int64_t createdAtMs = 0;
  int failedLogins = 0;       // wrong passwords since the last lock or success
  int64_t lockedUntilMs = 0;  // sign-in refused before this time
};

// A signed-in browser, or a one-time sign-in link not used yet.
struct WebSessionRecord {
  std::string tokenHash;  // sha256 of the token in the cookie or link
  std::string kind;       // "session" or "link"
  std::string login;
  std::string csrfToken;  // a session's writes carry it (X-CSRF-Token)
  int64_t createdAtMs = 0;
  int64_t expiresAtMs = 0;
};

// A stored record: the entity plus what the merge needs.
struct StoredEntity {
  core::EntityType type = core::EntityType::kUnknown;
  std::string id;
  std::string municipalityId;
  std::string parentId;
  core::HlcValue hlc = 0;      // the highest stamp of any field
  std::string originDeviceId;  // who wrote that stamp
  bool deleted = false;
  core::FieldStamps stamps;  // per field, for mutable records
  int64_t serverSeq = 0;     // the seq of the change that last set it
  secap::v1::Change entity;  // only the oneof entity is meaningful
};

// The remembered verdict for a change_id (ACCEPTED or DUPLICATE only).
struct RememberedResult {
  secap::v1::Outcome outcome = secap::v1::OUTCOME_UNSPECIFIED;
  int64_t serverSeq = 0;
  std::string canonicalEntityId;
};

// Which municipalities a write transaction may touch. Backends that allow
// concurrent writers (PostgreSQL) lock these for the transaction, so two
// writers of one municipality take turns while different municipalities
// proceed in parallel; an empty list (admin, compaction) locks everything.
struct WriteScope {
  std::vector<std::string> municipalities;
  static WriteScope all() { return {}; }
  [[nodiscard]] bool everything() const { return municipalities.empty(); }
};

// --- Attachments --- (types for the Store methods at the end of Store)

// An attachment upload under way: recorded by every chunk the server
// appends, so any instance can tell a device where to resume.
struct UploadProgress {
  std::string deviceId;
  std::string sha256;
  std::string attachmentId;
  int64_t totalSize = 0;
  int64_t received = 0;  // Bytes appended so far.
  int64_t updatedAtMs = 0;
};

class WriteTx {
 public:
  virtual ~WriteTx() = default;  // Rolls back unless committed.
  // A hint before a push: the remembered verdicts, records and readings'
  // content keys its changes will be looked up by. A backend with a round
  // trip per lookup (PostgreSQL) loads them in a few queries; the embedded
  // one needs no hint.
  virtual Status prefetch(const secap::v1::PushRequest& /*request*/) { return Status::ok(); }
  virtual Result<std::optional<RememberedResult>> findChange(const std::string& changeId) = 0;
  virtual Status rememberChange(const std::string& changeId, const RememberedResult& result) = 0;
  virtual Result<std::optional<StoredEntity>> getEntity(core::EntityType type, const std::string& id) = 0;
  // The id and seq of a reading with exactly this meter, time and value.
  virtual Result<std::optional<std::pair<std::string, int64_t>>> findReadingByContent(const std::string& meterId,
                                                                                      int64_t takenAt,
                                                                                      double value) = 0;
  // The meter's latest `limit` readings, oldest first (for quality flags).
  virtual Result<std::vector<core::ReadingPoint>> recentReadings(const std::string& meterId, int limit) = 0;
  // Appends to the change log; `change` carries server_seq = 0 on entry and
  // the assigned seq is returned.
  virtual Result<int64_t> appendChange(const secap::v1::Change& change, const std::string& municipalityId) = 0;
  virtual Status putEntity(const StoredEntity& entity) = 0;
  // Compaction: drops one change-log entry (its remembered verdict stays),
  // and raises the horizon below which cursors must do a full resync.
  virtual Status removeChange(int64_t seq) = 0;
  virtual Status raiseCompactionHorizon(int64_t seq) = 0;
  // After a restore from backup: the next seq handed out is at least
  // `floor + 1` and the watermark at least `floor`, so no seq a device
  // received before the restore can be reused. Returns the highest seq in use
  // (the caller puts the floor above it).
  virtual Result<int64_t> highestSeqInUse() = 0;
  virtual Status raiseSeqFloor(int64_t floor) = 0;
  // Marks every kiosk of the municipality for a full resync (scope.h: a
  // record entered or left what kiosks see). Atomic with the transaction.
  virtual Status markKiosksForResync(const std::string& municipalityId) = 0;

  // --- Rollups (rollup.h), kept up to date in the change's transaction ---
  // Records of a kind in a municipality, not deleted, as this transaction sees them.
  virtual Result<std::vector<StoredEntity>> entitiesIn(core::EntityType type, const std::string& municipalityId) = 0;
  // Records of a kind whose parent is `parentId` (a meter's readings, a site's meters), deleted ones included.
  virtual Result<std::vector<StoredEntity>> entitiesWithParent(core::EntityType type, const std::string& parentId) = 0;
  // The reviews of a meter's readings.
  virtual Result<std::vector<StoredEntity>> reviewsOfMeter(const std::string& meterId) = 0;
  // The last reading the meter's rollup used; none when it used none yet.
  virtual Result<std::optional<core::ChainEnd>> meterChainEnd(const std::string& meterId) = 0;
  // The meter's stored months, and the municipality they are filed under.
  struct StoredMonths {
    std::string municipalityId;
    core::MonthlyUse months;
  };
  virtual Result<StoredMonths> meterMonthsOf(const std::string& meterId) = 0;
  // Adds `delta.months` to the meter's months and sets its chain end to `delta.end`.
  virtual Status addToMeterRollup(const std::string& meterId, const std::string& municipalityId,
                                  const core::MeterRollup& delta) = 0;
  // Replaces every month and the chain end of the meter (an empty rollup
  // removes them: a deleted meter). `stored` is what it holds now
  // (meterMonthsOf): only the months that differ are written.
  virtual Status replaceMeterRollup(const std::string& meterId, const std::string& municipalityId,
                                    const core::MeterRollup& rollup, const StoredMonths& stored) = 0;
  // Removes every rollup of the municipality's meters (before a rebuild).
  virtual Status clearRollups(const std::string& municipalityId) = 0;
  // A small integer setting kept with the data (meta table).
  virtual Status setMeta(const std::string& key, int64_t value) = 0;
  virtual Result<std::optional<int64_t>> meta(const std::string& key) = 0;
  virtual Status commit() = 0;
};

// One change-log entry as stored.
struct LoggedChange {
  int64_t seq = 0;
  std::string municipalityId;
  secap::v1::Change change;
};

struct PullPage {
  std::vector<secap::v1::Change> changes;
  std::vector<std::string> municipalityIds;  // of each change, in the same order
  int64_t lastSeq = 0;
  bool hasMore = false;
};

class Store {
 public:
  virtual ~Store() = default;

  virtual Result<std::unique_ptr<WriteTx>> beginWrite(const WriteScope& scope) = 0;
  // Changes of the given municipalities after `afterSeq`, up to the watermark.
  virtual Result<PullPage> pull(const std::vector<std::string>& municipalityIds, int64_t afterSeq, int maxChanges,
                                size_t maxBytes) = 0;
  virtual Result<int64_t> watermark() = 0;
  // Change-log entries with afterSeq < seq <= upToSeq, ascending, at most `limit`.
  virtual Result<std::vector<LoggedChange>> changeLog(int64_t afterSeq, int64_t upToSeq, int limit) = 0;
  // Cursors below this seq get full_resync_required (0: never compacted).
  virtual Result<int64_t> compactionHorizon() = 0;

  // Enrollment and devices.
  virtual Status addEnrollmentCode(const EnrollmentCodeRecord& code) = 0;
  // Uses a code: a first use creates the device; a retry from the same
  // install_id before expiry returns the same device with the new token.
  // kNotFound (unknown code), kFailedPrecondition (expired),
  // kPermissionDenied (used by another installation).
  virtual Result<DeviceRecord> enroll(const EnrollAttempt& attempt) = 0;
  virtual Result<std::optional<DeviceRecord>> deviceByTokenHash(const std::string& tokenHash) = 0;

  // Reads for reports.
  virtual Result<std::vector<StoredEntity>> entitiesOf(core::EntityType type, const std::string& municipalityId) = 0;
  virtual Result<std::vector<StoredEntity>> allMunicipalities() = 0;
  // Every record of a municipality, of every type, deleted ones included,
  // ordered by type and id (full resync, audits, tests).
  virtual Result<std::vector<StoredEntity>> recordsOf(const std::string& municipalityId) = 0;
  // Records of the given municipalities ordered by (type, id) after the key
  // (afterType, afterId), at most `limit`: the pages of a full resync.
  virtual Result<std::vector<StoredEntity>> recordsAfter(const std::vector<std::string>& municipalityIds, int afterType,
                                                         const std::string& afterId, int limit) = 0;
  // One record by type and id, deleted or not.
  virtual Result<std::optional<StoredEntity>> entity(core::EntityType type, const std::string& id) = 0;
  // The monthly rollups of the municipality's meters, by meter id (rollup.h);
  // reports read these, never the readings.
  virtual Result<std::map<std::string, core::MonthlyUse>> meterRollups(const std::string& municipalityId) = 0;

  // --- Attachments ---
  // Upload progress lives here so that every server instance sees it; the
  // bytes themselves are in the BlobStore (attachments.h).

  // The upload of `sha256` by `deviceId`, if one is under way.
  virtual Result<std::optional<UploadProgress>> uploadProgress(const std::string& deviceId,
                                                               const std::string& sha256) = 0;
  // Inserts or replaces the progress row of (deviceId, sha256).
  virtual Status putUploadProgress(const UploadProgress& progress) = 0;
  // Forgets an upload (finished, refused or abandoned); harmless when absent.
  virtual Status removeUploadProgress(const std::string& deviceId, const std::string& sha256) = 0;
  // One Attachment record by id, deleted or not.
  virtual Result<std::optional<StoredEntity>> attachmentById(const std::string& id) = 0;
  // Every Attachment record, of any municipality, whose content is `sha256`
  // (redaction checks whether another record still needs the blob). Scans
  // the attachment records: fine for thousands, an index comes later.
  virtual Result<std::vector<StoredEntity>> attachmentsWithContent(const std::string& sha256) = 0;
  // Appends an administrative action to audit_log (DESIGN.md §8).
  virtual Status addAuditEntry(const AuditEntry& entry) = 0;
  // The audit_log rows whose action is `action`, oldest first (tests, reports).
  virtual Result<std::vector<AuditEntry>> auditEntries(const std::string& action) = 0;

  // --- Devices, roles and limits ---
  // Every method that changes a device also writes an audit_log entry with
  // `actor`, atomically with the change.
  virtual Result<std::optional<DeviceRecord>> deviceById(const std::string& deviceId) = 0;
  // Revokes a device (kNotFound if unknown); with allowRescue its next push
  // is still accepted once. Revoking a revoked device only updates rescue.
  virtual Status revokeDevice(const std::string& deviceId, bool allowRescue, int64_t nowMs,
                              const std::string& actor) = 0;
  // Allows a revoked device one last push (kFailedPrecondition if active).
  virtual Status allowRescue(const std::string& deviceId, int64_t nowMs, const std::string& actor) = 0;
  // Uses up an allowed rescue: true for exactly one caller, even across
  // instances. giveBackRescue undoes it when that push failed.
  virtual Result<bool> takeRescue(const std::string& deviceId) = 0;
  virtual Status giveBackRescue(const std::string& deviceId) = 0;
  // Sets (or replaces) the device's role in a municipality, or removes it
  // (kNotFound when it had none there). Either marks it resync-pending.
  virtual Status grantRole(const std::string& deviceId, const std::string& municipalityId, const std::string& role,
                           int64_t nowMs, const std::string& actor) = 0;
  virtual Status ungrantRole(const std::string& deviceId, const std::string& municipalityId, int64_t nowMs,
                             const std::string& actor) = 0;
  // Records a sync call of the device: when, and the outbox it reported
  // (-1 keeps the one recorded). Not audited: it is no administrative action.
  virtual Status noteDeviceSeen(const std::string& deviceId, int64_t nowMs, int64_t outbox) = 0;
  // Clears the mark if it is still `mark` (a later scope change keeps it).
  virtual Status clearResyncPending(const std::string& deviceId, int64_t mark) = 0;
  // Replaces the sites a kiosk is bound to (empty: unbound) and marks it
  // resync-pending.
  virtual Status bindSites(const std::string& deviceId, const std::vector<std::string>& siteIds, int64_t nowMs,
                           const std::string& actor) = 0;
  // Counts one call of a device in the fixed rate window starting at
  // windowStartMs and returns the calls in that window so far, this one
  // included. Shared by every instance on the same database.
  virtual Result<int64_t> countCall(const std::string& deviceId, int64_t windowStartMs) = 0;
  // Audit entries at or after sinceMs, the newest `limit`, oldest first.
  virtual Result<std::vector<AuditEntry>> auditLog(int64_t sinceMs, int limit) = 0;
  virtual Result<std::vector<DeviceRecord>> allDevices() = 0;

  // --- Web users and sessions (web_auth.h) ---
  // kAlreadyExists when the login is taken.
  virtual Status addWebUser(const WebUserRecord& user) = 0;
  virtual Result<std::optional<WebUserRecord>> webUser(const std::string& login) = 0;
  virtual Result<std::vector<WebUserRecord>> webUsers() = 0;
  // Replaces the password hash and clears failures and lock (kNotFound if unknown).
  virtual Status setWebPassword(const std::string& login, const std::string& passwordHash) = 0;
  // Counts one wrong password and returns the failures so far; atomic
  // across instances.
  virtual Result<int> countLoginFailure(const std::string& login) = 0;
  // Sets the lock (0: none) and clears the failures.
  virtual Status setLoginLock(const std::string& login, int64_t lockedUntilMs) = 0;
  // Stores a session or link; drops the expired ones of any user on the way.
  virtual Status addWebSession(const WebSessionRecord& session) = 0;
  virtual Result<std::optional<WebSessionRecord>> webSession(const std::string& tokenHash) = 0;
  // Removes one; true for exactly one caller, even across instances (a
  // one-time link is used by removing it).
  virtual Result<bool> removeWebSession(const std::string& tokenHash) = 0;
  // Signs a user out everywhere (and voids their unused links).
  virtual Status removeWebSessionsOf(const std::string& login) = 0;
};

}  // namespace secap::server

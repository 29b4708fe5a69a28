#pragma once
// LocalStore: the device's SQLite database and the one owner of its outbox
// (DESIGN.md §2, §5). Every local save writes the entity row and its outbox
// row in one transaction with synchronous=FULL, so a saved reading survives
// the battery dying. Pulled pages are applied in one transaction together
// with the new cursor. Schema migrations are numbered and forward-only.
//
// The device's access token is not in the database: LocalStore owns the
// device's TokenVault (the OS keychain, or a 0600 file next to the database),
// and moves a token an older version left in the database into it on open.
//
// Thread-safe: one internal mutex serialises all access to the connection,
// another the token. Calls block on disk I/O (fsync): UI code calls them from
// a worker thread.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "secap/core/clock.h"
#include "secap/core/entity.h"
#include "secap/core/hlc.h"
#include "secap/core/merge.h"
#include "secap/core/progress.h"
#include "secap/core/sqlite.h"
#include "secap/core/status.h"
#include "secap/core/token_vault.h"
#include "secap/core/validation.h"
#include "secap/v1/sync.pb.h"

namespace secap::core {

// Keys of the device's small key/value state table.
namespace state_keys {
inline constexpr const char* kDeviceId = "device_id";
// No access token here: it is in the TokenVault (LocalStore::accessToken).
inline constexpr const char* kMunicipalityId = "municipality_id";
inline constexpr const char* kRole = "role";
inline constexpr const char* kInstallId = "install_id";
inline constexpr const char* kServer = "server";
inline constexpr const char* kServerSpkiPin = "server_spki";  // the pin from the enrollment URI; absent: plain text
inline constexpr const char* kCursor = "pull_cursor";
inline constexpr const char* kServerOffsetMs = "server_offset_ms";
inline constexpr const char* kHlcLast = "hlc_last";
inline constexpr const char* kLastSyncMs = "last_sync_ms";
inline constexpr const char* kResyncGeneration = "resync_generation";
inline constexpr const char* kResyncNeeded = "resync_needed";  // "1" while a full resync is due or unfinished
inline constexpr const char* kSyncedSchema = "synced_schema";
inline constexpr const char* kWithdrawn = "withdrawn";  // "1" after a wipe ordered by the server
}  // namespace state_keys

// A stored row as the merge sees it: for comparisons and diagnostics.
struct LocalRecord {
  EntityType type = EntityType::kUnknown;
  std::string id;
  std::string data;  // the serialised entity message
  FieldStamps stamps;
  bool deleted = false;
};

struct OutboxEntry {
  int64_t seq = 0;  // Local order of the outbox.
  secap::v1::Change change;
  int attempts = 0;
};

// A change the server rejected: shown in the needs-attention list.
struct RejectedChange {
  int64_t seq = 0;
  secap::v1::Change change;
  std::string reasonCode;
  std::string message;
};

// An attachment file whose bytes are not on the server yet.
// A photo on an inspection draft: the Attachment it becomes on submit (id,
// mime, width, height, taken_at; the owner is set then) and its file, kept
// where the saved photo stays (the app's photos/<attachment id>.jpg).
struct DraftPhoto {
  secap::v1::Attachment attachment;
  std::string path;
};

// An inspection being filled in (DESIGN.md §3: "draft on the device only").
// It lives in its own table, never in the outbox, until it is submitted.
struct InspectionDraft {
  secap::v1::Inspection inspection;  // submitted_at never set
  std::vector<DraftPhoto> photos;
  int64_t updatedAt = 0;  // ms, set by saveInspectionDraft
};

struct PendingAttachment {
  std::string attachmentId;
  std::string sha256;
  std::string path;
  int64_t size = 0;
};

class LocalStore {
 public:
  // The schema version this build migrates to.
  static constexpr int kSchemaVersion = 4;

  // The SQL of migration `index` (0-based: it takes the schema from version
  // index to index+1), for upgrade tests.
  static std::string_view migrationSql(int index);

  // Opens or creates the database at `path`, runs pending migrations, and
  // moves an access token left in the database by an older version into
  // `tokenVault` (the row is then deleted and overwritten; if the vault
  // cannot take the token, open fails and the row stays). Without a vault,
  // the token is kept in a 0600 file next to the database
  // (FileTokenVault::pathFor(path)).
  static Result<std::unique_ptr<LocalStore>> open(const std::string& path, const Clock& clock = SystemClock::instance(),
                                                  std::unique_ptr<TokenVault> tokenVault = nullptr);
  ~LocalStore();

  [[nodiscard]] int schemaVersion();
  Hlc& hlc() { return m_hlc; }
  const Clock& clock() const { return m_clock; }

  // Small key/value device state (identity, cursor, offsets).
  std::optional<std::string> state(const std::string& key);
  Status setState(const std::string& key, const std::string& value);

  // --- The device's access token (kept in the TokenVault, cached here) ---

  // nullopt before enrollment and after a wipe; an error when the vault cannot
  // tell right now (a locked keychain), which is not the same as "not enrolled".
  Result<std::optional<std::string>> accessToken();
  Status setAccessToken(const std::string& token);

  // --- Local edits (entity row + outbox row, one durable transaction) ---

  // Records a new reading: fills id, default taken_at (server-corrected
  // clock) and recorded_by, validates it with the shared rules, and saves
  // it. Returns the saved reading, or a Rejection-coded error
  // (kInvalidArgument, message "reason_code: text").
  Result<secap::v1::Reading> recordReading(secap::v1::Reading reading);
  // The quality flags the server would set on this reading (not monotonic,
  // rollover, spike, invoice gap/overlap), from the readings on the device:
  // for the warning shown before saving. Empty for an unknown meter.
  std::vector<std::string> provisionalFlags(const secap::v1::Reading& reading);
  // Saves an arbitrary local change (change_id and hlc are assigned here).
  Result<secap::v1::Change> saveLocalChange(secap::v1::Change change);

  // --- Queries for the UI ---
  std::vector<secap::v1::Municipality> municipalities();
  std::optional<secap::v1::Municipality> municipality(const std::string& id);
  std::vector<secap::v1::Site> sites(const std::string& municipalityId);
  std::optional<secap::v1::Site> site(const std::string& id);
  std::vector<secap::v1::Meter> meters(const std::string& siteId);
  std::optional<secap::v1::Meter> meter(const std::string& id);
  // The meter whose label (label_code, the QR or barcode text on it) reads
  // `label`: spaces around it and letter case do not matter. Not removed
  // meters first; nullopt for an empty or unknown label.
  std::optional<secap::v1::Meter> meterByLabel(const std::string& label);
  // Newest first; `limit` <= 0 means all.
  std::vector<secap::v1::Reading> readings(const std::string& meterId, int limit = 0);
  std::optional<secap::v1::Reading> lastReading(const std::string& meterId);
  std::optional<secap::v1::Reading> reading(const std::string& id);
  // A municipality's SECAP measures, by code.
  std::vector<secap::v1::Measure> measures(const std::string& municipalityId);
  std::optional<secap::v1::Measure> measure(const std::string& id);
  // A measure's progress updates, newest first (reported_at, then id).
  std::vector<secap::v1::ProgressUpdate> progressUpdates(const std::string& measureId);
  // The checklists this device can use: the municipality's and the global
  // ones (not deleted), by name.
  std::vector<secap::v1::InspectionTemplate> inspectionTemplates(const std::string& municipalityId);
  std::optional<secap::v1::InspectionTemplate> inspectionTemplate(const std::string& id);
  // Submitted inspections of a site, or of a measure, newest first.
  std::vector<secap::v1::Inspection> inspectionsOfSite(const std::string& siteId);
  std::vector<secap::v1::Inspection> inspectionsOfMeasure(const std::string& measureId);
  std::optional<secap::v1::Inspection> inspection(const std::string& id);
  // The persons held here (not deleted), by name: on a kiosk, the caretakers
  // with a PIN for its sites.
  std::vector<secap::v1::Person> persons();
  // Whether a change of this record waits in the outbox (not sent yet, or
  // refused and waiting for the user).
  bool hasUnsentChange(EntityType type, const std::string& id);
  // An attachment record held here (not deleted).
  std::optional<secap::v1::Attachment> attachment(const std::string& id);
  // The attachment records held here that a record owns (its photos).
  std::vector<secap::v1::Attachment> attachmentsOf(const std::string& ownerId);
  int64_t readingCount();
  int64_t pendingCount();
  int64_t rejectedCount();
  std::vector<RejectedChange> rejectedChanges();
  // Every stored record, deleted ones included, ordered by type and id.
  std::vector<LocalRecord> allRecords();
  // What the progress calculation reads (progress.h), as held here: the
  // municipality and the records of the kinds it needs (not deleted). Empty
  // municipality when it is not on this device.
  MonitoringRecords monitoringRecords(const std::string& municipalityId);

  // --- Inspection drafts (device only; see InspectionDraft) ---

  // Writes the draft (durably: it survives the app being killed) and
  // returns the photo files the stored version had and this one has not,
  // for the caller to delete. kInvalidArgument without an id or with a
  // submitted_at; "inspection.immutable" when that inspection was submitted.
  Result<std::vector<std::string>> saveInspectionDraft(InspectionDraft draft);
  // Drafts on this device, the last edited first.
  std::vector<InspectionDraft> inspectionDrafts();
  std::optional<InspectionDraft> inspectionDraft(const std::string& id);
  // The user discards the draft: it goes, and the returned photo files are
  // the caller's to delete. NotFound when there is no such draft.
  Result<std::vector<std::string>> discardInspectionDraft(const std::string& id);
  // Submits the draft in one transaction: it gets submitted_at (and
  // started_at, inspector when empty), is validated by the shared rules
  // (a checklist with a required item unanswered is refused:
  // inspection.missing_answer), goes to the outbox as an immutable
  // Inspection with its photos as Attachments owned by it (their files
  // stay and are uploaded after the record), and the draft is gone.
  // Errors: "inspection.draft_gone" (NotFound), "inspection.photo_missing"
  // (a photo file cannot be read; nothing changes), a validation reason.
  Result<secap::v1::Inspection> submitInspectionDraft(const std::string& id);

  // --- Sync engine side ---

  // Oldest pending changes first, at most `maxChanges` and about `maxBytes`.
  std::vector<OutboxEntry> pendingOutbox(int maxChanges, size_t maxBytes);
  // Applies the server's verdicts: ACCEPTED and DUPLICATE rows leave the
  // outbox (a content duplicate replaces the local reading by the canonical
  // id); REJECTED rows stay, marked, for the needs-attention list.
  Status applyPushResults(const std::vector<OutboxEntry>& sent, const secap::v1::PushResponse& response);
  // Puts rejected changes back into the pending queue (after a correction
  // or a re-stamp); keeps their change_id.
  Status retryRejected();
  // --- Needs attention: one rejected change at a time (the user's fixes) ---
  // Sends it again as it is (the reason said "resend once it exists").
  // NotFound when `seq` is no rejected change.
  Status retryRejected(int64_t seq);
  // Replaces the rejected change by `corrected`, the same record with the
  // user's correction (same entity id): it is validated like a new local
  // save, written, and queued under a fresh change_id and stamp.
  Result<secap::v1::Change> correctRejected(int64_t seq, secap::v1::Change corrected);
  // What discardRejected left behind for the caller: the photo files of
  // records that went with it (the app deletes them).
  struct Discarded {
    std::vector<std::string> photoPaths;
  };
  // The user discards a rejected change. A record that never reached the
  // server (created here, nothing of it accepted) goes from the device with
  // its unsent photos; for an edit of a record the server holds, the edit
  // goes and a full resync brings the server's version back.
  Result<Discarded> discardRejected(int64_t seq);
  // Gives changes rejected for clock.skew a fresh hlc (taken after the
  // server offset was re-measured) and queues them again under the same
  // change_id. Returns how many were re-stamped.
  Result<int> restampClockSkewed();
  int64_t cursor();
  // Applies one pulled page and its cursor in one transaction. Pulled values
  // never overwrite a pending local edit with an older stamp.
  Status applyPullPage(const secap::v1::PullResponse& page);

  // Full resync (DESIGN.md §4): the server sends its current state in pages.
  // Rows the state does not mention are removed at the end, except pending
  // local rows; the outbox is never touched. An interrupted resync starts
  // again (kResyncNeeded stays "1" until finishFullResync).
  Result<int64_t> beginFullResync();
  Status applyResyncPage(const secap::v1::PullResponse& page, int64_t generation);
  Status finishFullResync(int64_t generation, int64_t cursor);

  // --- Attachments ---
  // Records a photo or document: hashes the file at `path` (it must stay
  // there until uploaded), fills id (when empty), sha256 and size, and saves
  // the Attachment record (outbox) and the pending file in one transaction.
  Result<secap::v1::Attachment> addAttachment(secap::v1::Attachment attachment, const std::string& path);
  // Files not uploaded yet whose record has left the outbox (records always
  // sync before photos), oldest first.
  std::vector<PendingAttachment> pendingAttachmentUploads();
  // Files not uploaded yet, whether or not their record was sent.
  int64_t pendingAttachmentCount();
  Status markAttachmentUploaded(const std::string& attachmentId);
  // Why the last upload attempt failed (for the needs-attention list).
  Status setAttachmentError(const std::string& attachmentId, const std::string& message);
  // The file on this device holding the attachment's bytes (taken here or
  // downloaded), if there is one.
  std::optional<std::string> attachmentFile(const std::string& attachmentId);
  // Remembers a file whose bytes were downloaded and verified.
  Status recordDownloadedAttachment(const std::string& attachmentId, const std::string& sha256, const std::string& path,
                                    int64_t size);
  // Attachment records held here (not deleted, not redacted) with no file
  // on the device, at most `limit`.
  std::vector<secap::v1::Attachment> attachmentsWithoutFile(int limit);

  // Lost devices (DESIGN.md §8): removes every record, the outbox, the photo
  // files the device took or downloaded, and the device's identity,
  // overwriting the deleted rows (secure_delete) and emptying the WAL so they
  // are not left readable in the file, then clears the token from its vault.
  // Keeps only the install id and marks the store withdrawn
  // (state_keys::kWithdrawn). The device must enroll again.
  Status wipe();

 private:
  Status saveLocalChangeLocked(secap::v1::Change& change);
  // The attachment's record (outbox) and its file row, of a file hashed already.
  Status addAttachmentLocked(secap::v1::Attachment& attachment, const std::string& path);
  std::optional<InspectionDraft> inspectionDraftLocked(const std::string& id);
  Result<std::vector<std::string>> draftPhotoPathsLocked(const std::string& id);
  // The rejected change of outbox entry `seq`; NotFound when there is none.
  Result<secap::v1::Change> rejectedChangeLocked(int64_t seq);
  // A content duplicate's photos follow it to the canonical reading: the
  // attachment rows and their unsent records name `toReadingId`. Returns the
  // attachments moved.
  Result<std::vector<std::string>> moveAttachmentsLocked(const std::string& fromReadingId,
                                                         const std::string& toReadingId);
  LocalStore(std::unique_ptr<sqlite::Db> db, const Clock& clock, std::unique_ptr<TokenVault> tokenVault);
  Status migrate();
  Status moveLegacyTokenToVault();
  Status writeEntityLocked(const secap::v1::Change& change, bool pendingLocal, int64_t resyncGeneration = 0);
  std::optional<std::string> stateLocked(const std::string& key);
  Status setStateLocked(const std::string& key, const std::string& value);
  std::optional<secap::v1::Meter> meterLocked(const std::string& id);
  ValidationContext validationContextLocked();

  std::mutex m_mu;
  std::unique_ptr<sqlite::Db> m_db;
  const Clock& m_clock;
  Hlc m_hlc;

  // Guards the vault and the cache; never held while taking m_mu.
  std::mutex m_tokenMu;
  std::unique_ptr<TokenVault> m_tokenVault;
  // Outer empty: not read yet. A keychain read can take a while, and the
  // sync engine needs the token on every call.
  std::optional<std::optional<std::string>> m_cachedToken;
};

}  // namespace secap::core

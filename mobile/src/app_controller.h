#pragma once
// AppController: the QML façade over libsecap_core (DESIGN.md §2, §7). It owns
// the device's LocalStore, the sync transport and the SyncClient, and turns
// their state into properties QML binds to: sync status (online, pending,
// needs attention, last sync), enrollment, and the last error as object state
// (errorType, errorString, hasError), the QField way.
//
// main() is the composition root: it opens the store, creates the controller
// and hands it to QML as the `App` singleton (AppSingleton::setInstance, before
// the engine loads). Models take it as their `app`.
//
// Threading: the controller lives on the UI thread. Saving a reading fsyncs,
// so it runs on a one-thread write pool; enrollment waits on the network, so
// it runs on a one-thread network pool; the SyncClient has its own thread and
// its listener is re-posted here. Results come back as signals on the UI
// thread. Reads for the models happen on the UI thread (LocalStore is
// thread-safe; a read may wait briefly behind a write).

#include <QtQml/qqml.h>

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>
#include <QTimer>
#include <QVariantMap>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "photo_draft.h"
#include "secap/core/local_store.h"
#include "secap/core/status.h"
#include "secap/core/sync_client.h"
#include "secap/core/sync_transport.h"

namespace secap::field {

// Creates the transport for a "host:port" server address. `spkiPin` is the
// server key's pin from the enrollment URI (TLS), or empty (plain text).
using TransportFactory =
    std::function<std::unique_ptr<core::SyncTransport>(const std::string& target, const std::string& spkiPin)>;

// What a save on the write pool gives back (app_controller.cpp).
struct SaveOutcome;

// The database file inside the app's data directory.
QString storePath(const QString& dataDir);

class AppController : public QObject {
  Q_OBJECT

  Q_PROPERTY(bool enrolled READ enrolled NOTIFY enrolledChanged)
  Q_PROPERTY(QString municipalityId READ municipalityId NOTIFY enrolledChanged)
  Q_PROPERTY(QString municipalityName READ municipalityName NOTIFY municipalityNameChanged)
  Q_PROPERTY(QString deviceId READ deviceId NOTIFY enrolledChanged)
  Q_PROPERTY(QString role READ role NOTIFY enrolledChanged)
  // The device's role may change a measure's plan (coordinator, admin).
  Q_PROPERTY(bool canEditMeasures READ canEditMeasures NOTIFY enrolledChanged)
  Q_PROPERTY(QString serverAddress READ serverAddress WRITE setServerAddress NOTIFY serverAddressChanged)
  // The pinned server key from the enrollment link; empty: plain text.
  Q_PROPERTY(QString serverPin READ serverPin NOTIFY serverAddressChanged)
  Q_PROPERTY(bool syncEnabled READ syncEnabled NOTIFY syncEnabledChanged)

  Q_PROPERTY(bool online READ online NOTIFY syncStatusChanged)
  Q_PROPERTY(bool syncing READ syncing NOTIFY syncStatusChanged)
  Q_PROPERTY(int pendingCount READ pendingCount NOTIFY syncStatusChanged)
  Q_PROPERTY(int needsAttentionCount READ needsAttentionCount NOTIFY syncStatusChanged)
  Q_PROPERTY(qint64 lastSyncMs READ lastSyncMs NOTIFY syncStatusChanged)
  Q_PROPERTY(QString lastSyncText READ lastSyncText NOTIFY lastSyncTextChanged)
  Q_PROPERTY(QString lastSyncError READ lastSyncError NOTIFY syncStatusChanged)
  Q_PROPERTY(bool upgradeRequired READ upgradeRequired NOTIFY syncStatusChanged)
  // The coordinator withdrew this device and the server had it wipe its data
  // (DESIGN.md §8): the enrollment page says so.
  Q_PROPERTY(bool withdrawn READ withdrawn NOTIFY syncStatusChanged)
  // Photos not uploaded yet, and the user's "send photos only on Wi-Fi".
  Q_PROPERTY(int pendingPhotoCount READ pendingPhotoCount NOTIFY syncStatusChanged)
  Q_PROPERTY(bool waitingForWifi READ waitingForWifi NOTIFY syncStatusChanged)
  Q_PROPERTY(bool photosOnlyOnWifi READ photosOnlyOnWifi WRITE setPhotosOnlyOnWifi NOTIFY photosOnlyOnWifiChanged)
  // The user's language: "" follows the system, else "pl", "en" or "de".
  // Saved on the device; main() applies it (translations.h) on a change.
  Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)

  Q_PROPERTY(bool enrolling READ enrolling NOTIFY enrollingChanged)
  Q_PROPERTY(bool saving READ saving NOTIFY savingChanged)

  Q_PROPERTY(ErrorType errorType READ errorType NOTIFY errorChanged)
  Q_PROPERTY(QString errorCode READ errorCode NOTIFY errorChanged)
  Q_PROPERTY(QString errorString READ errorString NOTIFY errorChanged)
  Q_PROPERTY(bool hasError READ hasError NOTIFY errorChanged)

  // Increases whenever local data changed (a save, a pull): models reload.
  Q_PROPERTY(int dataRevision READ dataRevision NOTIFY dataChanged)
  Q_PROPERTY(QString appVersion READ appVersion CONSTANT)
  Q_PROPERTY(QString dataDir READ dataDir CONSTANT)

 public:
  enum ErrorType {
    NoError,
    InputError,       // The typed text is not a number.
    ValidationError,  // The shared rules rejected the record (reason code set).
    StorageError,     // The device database failed (full disk, I/O).
    EnrollmentError,  // The server refused the code, or could not be reached.
    PhotoError,       // A reading was saved without its photo (readingPhotoFailed).
  };
  Q_ENUM(ErrorType)

  // `transportFactory` may be empty: the app then never syncs (tests, demo).
  AppController(std::unique_ptr<core::LocalStore> store, TransportFactory transportFactory, QString dataDir,
                QObject* parent = nullptr);
  ~AppController() override;

  core::LocalStore& store() { return *m_store; }

  bool enrolled() const { return m_enrolled; }
  QString municipalityId() const { return m_municipalityId; }
  QString municipalityName() const { return m_municipalityName; }
  QString deviceId() const { return m_deviceId; }
  QString role() const { return m_role; }
  QString serverAddress() const { return m_serverAddress; }
  // Keeps the pinned key: the same server may move to another address.
  void setServerAddress(const QString& address);
  QString serverPin() const { return m_serverPin; }
  bool syncEnabled() const { return m_sync != nullptr; }

  bool online() const { return m_status.online; }
  bool syncing() const { return m_status.syncing; }
  int pendingCount() const { return static_cast<int>(m_status.pending); }
  int needsAttentionCount() const { return static_cast<int>(m_status.needsAttention); }
  qint64 lastSyncMs() const { return m_status.lastSyncMs; }
  QString lastSyncText() const;
  QString lastSyncError() const { return QString::fromStdString(m_status.lastError); }
  bool upgradeRequired() const { return m_status.upgradeRequired; }
  bool withdrawn() const { return m_status.withdrawn; }
  int pendingPhotoCount() const { return static_cast<int>(m_status.pendingAttachments); }
  bool waitingForWifi() const { return m_status.waitingForWifi; }
  bool photosOnlyOnWifi() const { return m_photosOnlyOnWifi; }
  // Saved on the device; applies from the next sync round.
  void setPhotosOnlyOnWifi(bool onlyOnWifi);
  QString language() const { return m_language; }
  // Saves the choice and emits languageChanged; unknown codes are ignored.
  void setLanguage(const QString& code);
  // Numbers and dates are shown anew (after a language change).
  Q_INVOKABLE void refreshTexts() {
    emit lastSyncTextChanged();
    bumpData();
  }

  bool enrolling() const { return m_enrolling; }
  bool saving() const { return m_savesInFlight > 0; }

  ErrorType errorType() const { return m_errorType; }
  QString errorCode() const { return m_errorCode; }
  QString errorString() const { return m_errorString; }
  bool hasError() const { return m_errorType != NoError; }

  int dataRevision() const { return m_dataRevision; }
  QString appVersion() const;
  QString dataDir() const { return m_dataDir; }

  // Starts background sync (when enrolled and a transport exists).
  void startSync();
  void stopSync();

  // Enrolls with a one-time code or a secap://enroll link, off the UI thread;
  // a success starts sync. A link sets the server address and pinned key
  // first. Ends with enrollFinished(); error codes: enroll.empty_code,
  // enroll.bad_link, enroll.no_server, enroll.unreachable,
  // enroll.server_mismatch (the server's key is not the pinned one),
  // enroll.upgrade_required, enroll.rejected.
  Q_INVOKABLE void enroll(const QString& codeOrLink);
  // Asks the background sync for a round now; never blocks.
  Q_INVOKABLE void syncNow();
  // Parses `valueText` in the locale's format and saves a manual reading off
  // the UI thread. Returns false (and emits readingRejected) at once when the
  // text is not a number; otherwise the outcome arrives as readingSaved or
  // readingRejected.
  Q_INVOKABLE bool recordReading(const QString& meterId, const QString& valueText, const QString& note = QString());
  // The same, with the photo of `photo` (may be null or empty) attached: the
  // reading is saved first, then the photo is moved from the drafts to
  // photos/<attachment id>.jpg and recorded as an Attachment owned by the
  // reading (also named by its photo_attachment_id), which the sync uploads
  // after the records. These are two transactions, so a photo that fails
  // never costs the reading: readingSaved comes, then readingPhotoFailed
  // (photo.missing: the draft file cannot be read any more; photo.not_stored:
  // the photo could not be moved or recorded). On success the draft lets go
  // of its file. Returns false at once while the photo is still being
  // prepared (photo.busy), as for text that is not a number.
  Q_INVOKABLE bool recordReadingWithPhoto(const QString& meterId, const QString& valueText, const QString& note,
                                          secap::field::PhotoDraft* photo);
  // Saves a ProgressUpdate of the measure off the UI thread, reported now by
  // this device: `status` a ProgressStatus, percent and spent EUR as typed
  // in the locale's format (empty: not given), a note, `indicators` as
  // [{key, valueText, unit, custom}] (a row without a value is skipped, but
  // a custom one with a name is half-filled; a custom name becomes a
  // snake_case key) and an optional
  // photo, recorded as an Attachment owned by the update and named in its
  // attachment_ids. Returns false at once (progressRejected) for a missing
  // status, text that is not a number, a half-filled indicator or a photo
  // still being prepared; otherwise progressSaved or progressRejected (the
  // shared validation's reason code, e.g. progress.bad_percent) follows,
  // and readingPhotoFailed's codes arrive as an error (PhotoError).
  Q_INVOKABLE bool recordProgress(const QString& measureId, int status, const QString& percentText,
                                  const QString& spentText, const QString& note, const QVariantList& indicators,
                                  secap::field::PhotoDraft* photo);
  // --- The needs-attention inbox (NeedsAttentionModel). Each fix runs on
  // the write pool and ends with attentionFixed(key) or attentionFailed(key,
  // code, message); `key` is the inbox row's. Nothing is discarded unless
  // discardChange is called. ---
  // Sends a rejected change again as it is.
  Q_INVOKABLE void resendChange(const QString& key, qint64 seq);
  // Re-stamps every change refused for the device's clock and sends them.
  Q_INVOKABLE void restampChanges(const QString& key);
  // Corrects a rejected reading's value or progress update's percent, typed
  // in the locale's format; false at once for text that is not a number.
  Q_INVOKABLE bool correctChange(const QString& key, qint64 seq, const QString& valueText);
  // Drops a rejected change, and a new record with its unsent photos.
  Q_INVOKABLE void discardChange(const QString& key, qint64 seq);
  // A flagged reading was misread: a new reading at the same time with the
  // right value supersedes it (the coordinator sees both).
  Q_INVOKABLE bool correctReading(const QString& key, const QString& readingId, const QString& valueText);
  // A measure's plan for its page: the Covenant fields (code, title,
  // description, type, comSector, area, instrument, responsibleBody,
  // plannedStart/End (ms), budget, fundingSources, expectedSavingsMwh,
  // expectedRenewableMwh, expectedCo2T, keyAction, implementedAt, siteNames)
  // and where it stands (status, percent, spent, lastReportedAt); the
  // numbers are absent when the plan or the updates do not give them.
  Q_INVOKABLE QVariantMap measureDetails(const QString& measureId) const;
  // --- Inspections (app_inspections.cpp; the wizard is InspectionForm) ---
  // The checklists this device can use: [{id, name (in the app's
  // language), fullName (as stored), version, itemCount}].
  Q_INVOKABLE QVariantList inspectionTemplates() const;
  // A submitted inspection for its page: exists, id, templateName, siteId,
  // siteName, measureId, measureTitle, inspector, startedAt, submittedAt,
  // outcome, findings, hasLocation (latitude, longitude, accuracy when
  // known), answers [{key, prompt, kind, required, answered, answerText,
  // photoUrl}], photoUrls (the inspection's other photos held here),
  // amendsId, amendedById (a later inspection amending it, if known here),
  // pending (not on the server yet).
  Q_INVOKABLE QVariantMap inspectionDetails(const QString& inspectionId) const;
  // The language checklist prompts are shown in: the app's ("pl", "en", "de").
  QString contentLanguage() const;
  // Writes a draft on the write pool (in order with every save); the photo
  // files it no longer holds are deleted afterwards. Emits
  // inspectionDraftsChanged, or inspectionDraftSaveFailed.
  // `released` are photo files the form let go of since its last write
  // (perhaps never written): deleted once this write succeeded.
  void saveInspectionDraft(core::InspectionDraft draft, QStringList released = {});
  // Submits the draft on the write pool after the saves queued before it:
  // inspectionSubmitted or inspectionSubmitFailed (inspection.missing_answer,
  // inspection.photo_missing, inspection.draft_gone, ...).
  void submitInspection(const QString& inspectionId);
  // Drops the draft and its photo files (those written with it and
  // `photoFiles`, the form's own): inspectionDiscarded.
  void discardInspectionDraft(const QString& inspectionId, QStringList photoFiles = {});
  // A coordinator (or admin) device edits a measure's plan (DESIGN.md §8:
  // field staff may not). `values` holds what the form shows: title,
  // description, responsibleBody (text), budget, expectedSavings,
  // expectedRenewable, expectedCo2 (numbers typed in the locale's format;
  // empty clears), keyAction (bool), plannedStart, plannedEnd (ms; 0 clears).
  // Only what changed is sent, with its field mask, so it merges with edits
  // made elsewhere. Returns false at once (measureRejected) for another role,
  // an empty title or text that is not a number; otherwise measureSaved or
  // measureRejected (the shared validation's reason, e.g. measure.bad_dates)
  // follows.
  Q_INVOKABLE bool updateMeasure(const QString& measureId, const QVariantMap& values);
  bool canEditMeasures() const { return m_role == QLatin1String("coordinator") || m_role == QLatin1String("admin"); }
  // The pool for reads that take long (the offline report); the controller
  // waits for it before the store goes.
  QThreadPool* readPool() { return &m_readPool; }
  // True for a secap://enroll link (what an enrollment QR code holds), as
  // opposed to a bare code or any other text.
  Q_INVOKABLE bool isEnrollmentLink(const QString& text) const;
  // The typed text as a number, or undefined when it is not one.
  Q_INVOKABLE QVariant parseNumber(const QString& text) const;
  Q_INVOKABLE QString formatNumber(double value) const;
  Q_INVOKABLE QString formatDate(qint64 ms) const;
  Q_INVOKABLE QString formatEuro(double value) const;
  Q_INVOKABLE QString formatMonthYear(qint64 ms) const;
  // Meter facts for the meter page: serial, labelCode, carrier, unit, kind,
  // siteId, exists.
  Q_INVOKABLE QVariantMap meterDetails(const QString& meterId) const;
  // The meter's monthly use for its history chart, in the meter's own unit
  // (multiplier included): {available, months: [{label, year, month, value,
  // lastYear}]} for the 12 local calendar months up to this one, `value` and
  // `lastYear` (the same month a year before) absent where the readings do
  // not cover the month; `max` the largest value shown. The readings are
  // spread over the days they cover (consumption.h, calendar.h).
  Q_INVOKABLE QVariantMap meterHistory(const QString& meterId) const;
  // The meter a scanned label belongs to: {found, meterId, siteId, label}
  // (the label as scanned, trimmed).
  Q_INVOKABLE QVariantMap meterForLabel(const QString& label) const;
  // Site facts for the site page: name, kind, address, heatedArea, yearBuilt.
  Q_INVOKABLE QVariantMap siteDetails(const QString& siteId) const;
  Q_INVOKABLE void clearError();
  // Writes a report for support (log_book.h: the app's state and its log)
  // into the user's Documents folder (else <data dir>/exports) and returns
  // its path; empty when it could not be written.
  Q_INVOKABLE QString exportLogs();

  // Milliseconds now, from the store's (injectable) clock.
  qint64 nowMs() const;

 signals:
  void enrolledChanged();
  void municipalityNameChanged();
  void serverAddressChanged();
  void syncEnabledChanged();
  void syncStatusChanged();
  void lastSyncTextChanged();
  void enrollingChanged();
  void savingChanged();
  void errorChanged();
  void dataChanged();
  void enrollFinished(bool ok, const QString& errorCode, const QString& message);
  void readingSaved(const QString& meterId, const QString& readingId, double value);
  void readingRejected(const QString& meterId, const QString& reasonCode, const QString& message);
  // After readingSaved: the reading is stored, its photo is not.
  void readingPhotoFailed(const QString& meterId, const QString& readingId, const QString& reasonCode,
                          const QString& message);
  void photosOnlyOnWifiChanged();
  void languageChanged();
  void progressSaved(const QString& measureId, const QString& updateId);
  void attentionFixed(const QString& key);
  void attentionFailed(const QString& key, const QString& reasonCode, const QString& message);
  void progressRejected(const QString& measureId, const QString& reasonCode, const QString& message);
  void measureSaved(const QString& measureId);
  void measureRejected(const QString& measureId, const QString& reasonCode, const QString& message);
  void inspectionDraftsChanged();
  void inspectionDraftSaveFailed(const QString& inspectionId, const QString& reasonCode, const QString& message);
  void inspectionSubmitted(const QString& inspectionId);
  void inspectionSubmitFailed(const QString& inspectionId, const QString& reasonCode, const QString& message);
  void inspectionDiscarded(const QString& inspectionId);

 private:
  void rebuildSync();
  // Follows the transport medium through QNetworkInformation, when a backend loads.
  void watchNetwork();
  // Sets the address and pin together (one transport rebuild); false when
  // they could not be saved (the error is set).
  bool setServer(const QString& address, const QString& pin);
  void loadIdentity();
  void refreshMunicipalityName();
  void applySyncStatus(const core::SyncStatus& status);
  void refreshLocalCounts();
  void setError(ErrorType type, const QString& code, const QString& message);
  void bumpData();
  bool saveReading(const QString& meterId, const QString& valueText, const QString& note,
                   std::optional<StagedPhoto> photo, QPointer<PhotoDraft> draft);
  // Runs `work` on the write pool, in order with every save; on success the
  // files it returns are deleted, then `done` gets the status on the UI
  // thread. `isSave` counts it in `saving` (a user's action, not an autosave).
  void runWrite(std::function<core::Result<QStringList>(core::LocalStore&)> work, bool isSave,
                std::function<void(const core::Status&)> done);
  // Runs an inbox fix on the write pool; the photo files it returns are
  // deleted after it succeeded.
  void runFix(const QString& key, std::function<core::Result<QStringList>(core::LocalStore&)> fix);
  // The one save path of every form: `write` runs on the write pool, then
  // the photo (if any) becomes an Attachment of `ownerType` owned by the
  // saved record; the outcome comes back on the UI thread.
  bool startSave(std::function<core::Result<QString>(core::LocalStore&)> write, const char* ownerType,
                 std::optional<StagedPhoto> photo, bool photoReadable, const QString& attachmentId,
                 QPointer<PhotoDraft> draft, std::function<void(const SaveOutcome&)> onSaved,
                 std::function<void(const QString&, const QString&)> onRejected);

  std::unique_ptr<core::LocalStore> m_store;
  TransportFactory m_transportFactory;
  std::unique_ptr<core::SyncTransport> m_transport;
  std::unique_ptr<core::SyncClient> m_sync;
  bool m_syncStarted = false;  // startSync() was called.
  bool m_syncRunning = false;  // The SyncClient thread runs.
  int64_t m_lastCursor = 0;
  int64_t m_lastPhotosFetched = 0;
  QString m_dataDir;

  QThreadPool m_writePool;    // One thread: saves run in order.
  QThreadPool m_networkPool;  // One thread: enrollment.
  QThreadPool m_readPool;     // One thread: the offline report.
  QTimer m_clockTick;         // Keeps lastSyncText fresh.

  bool m_enrolled = false;
  QString m_municipalityId;
  QString m_municipalityName;
  QString m_deviceId;
  QString m_role;
  QString m_serverAddress;
  QString m_serverPin;
  core::SyncStatus m_status;
  bool m_enrolling = false;
  int m_savesInFlight = 0;
  ErrorType m_errorType = NoError;
  QString m_errorCode;
  QString m_errorString;
  int m_dataRevision = 0;
  bool m_photosOnlyOnWifi = false;
  QString m_language;
  // Written on the UI thread, read by the sync thread's isOnWifi().
  std::shared_ptr<std::atomic<bool>> m_onWifi = std::make_shared<std::atomic<bool>>(false);
};

// Registers the composition root's AppController as the QML singleton `App`
// (a foreign singleton, so qmllint and qmlls know its type). One instance per
// process; it must outlive every engine that uses it.
struct AppSingleton {
  Q_GADGET
  QML_FOREIGN(secap::field::AppController)
  QML_NAMED_ELEMENT(App)
  QML_SINGLETON

 public:
  static void setInstance(AppController* app) { s_instance = app; }
  static AppController* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

 private:
  static inline AppController* s_instance = nullptr;
};

// Splits a LocalStore rejection "reason.code: text" into its parts; other
// failures get a storage.* code from their StatusCode.
struct ReasonedError {
  QString code;
  QString message;
};
ReasonedError reasonOf(const core::Status& status);

}  // namespace secap::field

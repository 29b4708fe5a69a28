#include "app_controller.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFuture>
#include <QJSEngine>
#include <QLocale>
#include <QNetworkInformation>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSysInfo>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "field_format.h"
#include "log_book.h"
#include "secap/core/consumption.h"
#include "secap/core/enroll_uri.h"
#include "secap/core/ids.h"
#include "secap/core/progress.h"
#include "secap/core/report.h"
#include "secap/core/status.h"

namespace secap::field {

namespace keys = core::state_keys;

struct SaveOutcome {
  core::Status status;
  QString entityId;  // The saved record's id.
  int64_t pending = 0;
  int64_t pendingPhotos = 0;
  bool photoSaved = false;
  // Set when the record was saved but its photo was not.
  QString photoErrorCode;
  QString photoErrorMessage;
};

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

constexpr const char* kPhotosOnlyOnWifiKey = "photos_only_on_wifi";
constexpr const char* kLanguageKey = "language";

// Runs on the write pool after the record was saved: moves the draft to its
// final name and records the Attachment owned by the record. The record is
// already durable, so nothing here can lose it.
void attachPhoto(core::LocalStore& store, const QString& dataDir, const StagedPhoto& photo, const QString& attachmentId,
                 const char* ownerType, SaveOutcome& out) {
  const QString finalPath = photoFilePath(dataDir, attachmentId);
  if (!QDir().mkpath(photoDirectory(dataDir)) || !QFile::rename(photo.path, finalPath)) {
    out.photoErrorCode = QStringLiteral("photo.not_stored");
    out.photoErrorMessage = QStringLiteral("the photo could not be moved to %1").arg(finalPath);
    return;
  }
  secap::v1::Attachment attachment;
  attachment.set_id(attachmentId.toStdString());
  attachment.set_mime("image/jpeg");
  attachment.set_width(photo.width);
  attachment.set_height(photo.height);
  attachment.set_taken_at(photo.takenAt);
  attachment.set_owner_type(ownerType);
  attachment.set_owner_id(out.entityId.toStdString());
  auto added = store.addAttachment(std::move(attachment), finalPath.toStdString());
  if (!added.isOk()) {
    // No record points at the file: it would never be uploaded, so it goes.
    QFile::remove(finalPath);
    out.photoErrorCode = QStringLiteral("photo.not_stored");
    out.photoErrorMessage = qs(added.status().message());
    return;
  }
  out.photoSaved = true;
}

// An optional number field of a form: empty text is "not given".
struct OptionalNumber {
  bool ok = true;
  std::optional<double> value;
};
OptionalNumber optionalNumber(const QString& text) {
  if (text.trimmed().isEmpty()) return {};
  const auto v = parseLocaleNumber(text);
  return {v.has_value(), v};
}

}  // namespace

AppController* AppSingleton::create(QQmlEngine*, QJSEngine*) {
  Q_ASSERT_X(s_instance, "AppSingleton::create", "main() sets the instance before loading QML");
  // Owned by main(), not by the engine.
  QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
  return s_instance;
}

QString storePath(const QString& dataDir) { return QDir(dataDir).filePath(QStringLiteral("field.sqlite")); }

ReasonedError reasonOf(const core::Status& status) {
  const std::string& msg = status.message();
  const auto colon = msg.find(": ");
  if (status.code() == core::StatusCode::kInvalidArgument && colon != std::string::npos) {
    const std::string code = msg.substr(0, colon);
    if (code.find('.') != std::string::npos && code.find(' ') == std::string::npos) {
      return {qs(code), qs(msg.substr(colon + 2))};
    }
  }
  switch (status.code()) {
    case core::StatusCode::kResourceExhausted:
      return {QStringLiteral("storage.full"), qs(msg)};
    case core::StatusCode::kDataLoss:
      return {QStringLiteral("storage.io"), qs(msg)};
    case core::StatusCode::kInvalidArgument:
      return {QStringLiteral("input.invalid"), qs(msg)};
    default:
      return {QStringLiteral("storage.error"), qs(msg)};
  }
}

AppController::AppController(std::unique_ptr<core::LocalStore> store, TransportFactory transportFactory,
                             QString dataDir, QObject* parent)
    : QObject(parent),
      m_store(std::move(store)),
      m_transportFactory(std::move(transportFactory)),
      m_dataDir(std::move(dataDir)) {
  Q_ASSERT(m_store);
  m_writePool.setMaxThreadCount(1);
  m_networkPool.setMaxThreadCount(1);
  m_readPool.setMaxThreadCount(1);
  if (auto server = m_store->state(keys::kServer)) m_serverAddress = qs(*server);
  if (auto pin = m_store->state(keys::kServerSpkiPin)) m_serverPin = qs(*pin);
  loadIdentity();
  refreshLocalCounts();
  m_lastCursor = m_store->cursor();
  m_photosOnlyOnWifi = m_store->state(kPhotosOnlyOnWifiKey).value_or("0") == "1";
  m_language = qs(m_store->state(kLanguageKey).value_or(std::string()));
  watchNetwork();
  rebuildSync();

  m_clockTick.setInterval(30 * 1000);
  connect(&m_clockTick, &QTimer::timeout, this, &AppController::lastSyncTextChanged);
  m_clockTick.start();
}

AppController::~AppController() {
  // Nothing may call back into this object once destruction begins.
  if (m_sync) {
    m_sync->setListener({});
    if (m_syncRunning) m_sync->stop();
  }
  m_writePool.waitForDone();
  m_networkPool.waitForDone();
  m_readPool.waitForDone();
}

QString AppController::appVersion() const {
#ifdef SECAP_FIELD_VERSION
  return QStringLiteral(SECAP_FIELD_VERSION);
#else
  return QCoreApplication::applicationVersion();
#endif
}

qint64 AppController::nowMs() const { return m_store->clock().nowMs(); }

void AppController::loadIdentity() {
  const bool wasEnrolled = m_enrolled;
  const QString oldDevice = m_deviceId;
  const QString oldMunicipality = m_municipalityId;
  const QString oldRole = m_role;
  m_deviceId = qs(m_store->state(keys::kDeviceId).value_or(std::string()));
  m_municipalityId = qs(m_store->state(keys::kMunicipalityId).value_or(std::string()));
  m_role = qs(m_store->state(keys::kRole).value_or(std::string()));
  // A token the keychain cannot give right now still counts: sync says why.
  const auto token = m_store->accessToken();
  m_enrolled = !m_deviceId.isEmpty() && (!token.isOk() || token->has_value());
  if (wasEnrolled != m_enrolled || oldDevice != m_deviceId || oldMunicipality != m_municipalityId ||
      oldRole != m_role) {
    emit enrolledChanged();
  }
  if (m_sync && oldRole != m_role) m_sync->setPrefetchAttachments(m_role == QStringLiteral("kiosk"));
  refreshMunicipalityName();
}

void AppController::refreshMunicipalityName() {
  QString name;
  if (!m_municipalityId.isEmpty()) {
    if (auto m = m_store->municipality(m_municipalityId.toStdString())) name = qs(m->name());
  }
  if (name != m_municipalityName) {
    m_municipalityName = name;
    emit municipalityNameChanged();
  }
}

void AppController::refreshLocalCounts() {
  m_status.enrolled = m_enrolled;
  m_status.withdrawn = m_store->state(keys::kWithdrawn).value_or("0") == "1";
  m_status.pending = m_store->pendingCount();
  m_status.needsAttention = m_store->rejectedCount();
  m_status.pendingAttachments = m_store->pendingAttachmentCount();
  if (auto last = m_store->state(keys::kLastSyncMs)) {
    m_status.lastSyncMs = QString::fromStdString(*last).toLongLong();
  }
  emit syncStatusChanged();
  emit lastSyncTextChanged();
}

void AppController::setServerAddress(const QString& address) {
  if (m_enrolling) return;
  setServer(address, m_serverPin);
}

bool AppController::setServer(const QString& address, const QString& pin) {
  const QString trimmed = address.trimmed();
  if (trimmed == m_serverAddress && pin == m_serverPin) return true;
  m_serverAddress = trimmed;
  m_serverPin = pin;
  core::Status st = m_store->setState(keys::kServer, trimmed.toStdString());
  if (st.isOk()) st = m_store->setState(keys::kServerSpkiPin, pin.toStdString());
  if (!st.isOk()) {
    const auto r = reasonOf(st);
    setError(StorageError, r.code, r.message);
  }
  emit serverAddressChanged();
  rebuildSync();
  return st.isOk();
}

void AppController::rebuildSync() {
  const bool wasEnabled = m_sync != nullptr;
  if (m_sync) {
    m_sync->setListener({});
    if (m_syncRunning) m_sync->stop();
    m_syncRunning = false;
    m_sync.reset();
  }
  m_transport.reset();
  if (m_transportFactory && !m_serverAddress.isEmpty()) {
    m_transport = m_transportFactory(m_serverAddress.toStdString(), m_serverPin.toStdString());
  }
  if (m_transport) {
    core::SyncOptions options;
    options.photosOnlyOnWifi = m_photosOnlyOnWifi;
    options.isOnWifi = [onWifi = m_onWifi] { return onWifi->load(); };
    // Photos from the server: a kiosk keeps its published ones for the board.
    options.attachmentDir = (photoDirectory(m_dataDir) + QStringLiteral("/received")).toStdString();
    options.prefetchAttachments = m_role == QStringLiteral("kiosk");
    m_sync = std::make_unique<core::SyncClient>(*m_store, *m_transport, options);
    // Called on the sync thread: hop to the UI thread. The destructor clears
    // the listener and joins the thread before `this` goes away.
    m_sync->setListener([this](const core::SyncStatus& status) {
      QMetaObject::invokeMethod(
          this, [this, status] { applySyncStatus(status); }, Qt::QueuedConnection);
    });
    if (m_syncStarted && m_enrolled) {
      m_sync->start();
      m_syncRunning = true;
    }
  }
  if (wasEnabled != (m_sync != nullptr)) emit syncEnabledChanged();
}

void AppController::watchNetwork() {
  // Qt 6.3+: NetworkManager on Linux, the platform's own API on Android and
  // iOS. Without a backend the medium stays unknown (not Wi-Fi), so photos
  // wait while "only on Wi-Fi" is on: docs/ATTACHMENTS.md.
  if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::TransportMedium)) return;
  auto* info = QNetworkInformation::instance();
  auto update = [onWifi = m_onWifi, info] {
    const auto medium = info->transportMedium();
    onWifi->store(medium == QNetworkInformation::TransportMedium::WiFi ||
                  medium == QNetworkInformation::TransportMedium::Ethernet);
  };
  update();
  connect(info, &QNetworkInformation::transportMediumChanged, this, update);
}

void AppController::setPhotosOnlyOnWifi(bool onlyOnWifi) {
  if (onlyOnWifi == m_photosOnlyOnWifi) return;
  m_photosOnlyOnWifi = onlyOnWifi;
  if (auto st = m_store->setState(kPhotosOnlyOnWifiKey, onlyOnWifi ? "1" : "0"); !st.isOk())
    setError(StorageError, QStringLiteral("storage.failed"), qs(st.message()));
  if (m_sync) m_sync->setPhotosOnlyOnWifi(onlyOnWifi);
  emit photosOnlyOnWifiChanged();
}

void AppController::setLanguage(const QString& code) {
  if (code == m_language) return;
  if (!code.isEmpty() && code != QLatin1String("pl") && code != QLatin1String("en") && code != QLatin1String("de"))
    return;
  // A choice that cannot be saved still applies for this session.
  if (auto st = m_store->setState(kLanguageKey, code.toStdString()); !st.isOk())
    setError(StorageError, QStringLiteral("storage.failed"), qs(st.message()));
  m_language = code;
  emit languageChanged();
}

void AppController::startSync() {
  m_syncStarted = true;
  if (m_sync && m_enrolled && !m_syncRunning) {
    m_sync->start();
    m_syncRunning = true;
  }
}

void AppController::stopSync() {
  m_syncStarted = false;
  if (m_sync && m_syncRunning) {
    m_sync->stop();
    m_syncRunning = false;
  }
}

void AppController::syncNow() {
  if (!m_sync || !m_enrolled) return;
  if (!m_syncRunning) {
    m_sync->start();
    m_syncRunning = true;
  }
  m_sync->requestSync();
}

void AppController::applySyncStatus(const core::SyncStatus& snapshot) {
  // The snapshot was taken on the sync thread, perhaps before a save that
  // has finished since: what waits is read from the store now, so a reading
  // just saved is never shown as sent.
  core::SyncStatus status = snapshot;
  status.pending = m_store->pendingCount();
  status.needsAttention = m_store->rejectedCount();
  status.pendingAttachments = m_store->pendingAttachmentCount();
  const bool lastSyncMoved = status.lastSyncMs != m_status.lastSyncMs;
  const bool attentionMoved = status.needsAttention != m_status.needsAttention;
  // The server ordered a wipe (DESIGN.md §8): the store is empty now, and
  // the photos, personal data like the records, go as well.
  if (status.withdrawn && !m_status.withdrawn) QDir(photoDirectory(m_dataDir)).removeRecursively();
  m_status = status;
  emit syncStatusChanged();
  if (lastSyncMoved) emit lastSyncTextChanged();
  if (status.enrolled != m_enrolled) loadIdentity();
  if (status.syncing) return;
  // A finished round: reload only when a pull moved the cursor (or a verdict
  // moved records, or prefetched photos came in), so lists keep their scroll
  // position between idle syncs.
  const int64_t cursor = m_store->cursor();
  if (cursor != m_lastCursor || attentionMoved || status.attachmentsFetched != m_lastPhotosFetched) {
    m_lastCursor = cursor;
    m_lastPhotosFetched = status.attachmentsFetched;
    refreshMunicipalityName();
    bumpData();
  }
}

void AppController::enroll(const QString& codeOrLink) {
  if (m_enrolling) return;
  const QString trimmed = codeOrLink.trimmed();
  auto fail = [this](const QString& errorCode, const QString& message) {
    setError(EnrollmentError, errorCode, message);
    emit enrollFinished(false, errorCode, message);
  };
  if (trimmed.isEmpty()) {
    fail(QStringLiteral("enroll.empty_code"), QStringLiteral("No enrollment code."));
    return;
  }
  auto invite = core::parseEnrollmentInput(trimmed.toStdString());
  if (!invite.isOk()) {
    fail(QStringLiteral("enroll.bad_link"), qs(invite.status().message()));
    return;
  }
  // A link names the server and its key: they replace what was set before.
  if (!invite->server.empty() && !setServer(qs(invite->server), qs(invite->spkiPin))) {
    emit enrollFinished(false, m_errorCode, m_errorString);
    return;
  }
  if (!m_sync) {
    fail(QStringLiteral("enroll.no_server"), QStringLiteral("No server address."));
    return;
  }
  clearError();
  m_enrolling = true;
  emit enrollingChanged();

  core::SyncClient* sync = m_sync.get();
  const std::string codeText = invite->code;
  const std::string deviceName = QSysInfo::machineHostName().toStdString();
  const std::string platform = (QSysInfo::productType() + QLatin1Char(' ') + QSysInfo::productVersion()).toStdString();
  const std::string version = appVersion().toStdString();
  QtConcurrent::run(&m_networkPool, [sync, codeText, deviceName, platform, version] {
    return sync->enroll(codeText, deviceName, platform, version);
  }).then(this, [this, fail](core::Status st) {
    m_enrolling = false;
    emit enrollingChanged();
    if (!st.isOk()) {
      const QString message = qs(st.message());
      switch (st.code()) {
        case core::StatusCode::kUnavailable:
          fail(QStringLiteral("enroll.unreachable"), message);
          break;
        case core::StatusCode::kFailedPrecondition:
          fail(QStringLiteral("enroll.upgrade_required"), message);
          break;
        case core::StatusCode::kUnauthenticated:
          fail(core::isServerKeyMismatch(st) ? QStringLiteral("enroll.server_mismatch")
                                             : QStringLiteral("enroll.rejected"),
               message);
          break;
        default:
          fail(QStringLiteral("enroll.rejected"), message);
          break;
      }
      return;
    }
    loadIdentity();
    refreshLocalCounts();
    if (m_syncStarted) startSync();
    syncNow();
    emit enrollFinished(true, QString(), QString());
  });
}

bool AppController::recordReading(const QString& meterId, const QString& valueText, const QString& note) {
  return saveReading(meterId, valueText, note, std::nullopt, nullptr);
}

bool AppController::recordReadingWithPhoto(const QString& meterId, const QString& valueText, const QString& note,
                                           PhotoDraft* photo) {
  if (photo && photo->busy()) {
    const QString code = QStringLiteral("photo.busy");
    const QString message = QStringLiteral("The photo is still being prepared.");
    setError(InputError, code, message);
    emit readingRejected(meterId, code, message);
    return false;
  }
  return saveReading(meterId, valueText, note, photo ? photo->staged() : std::nullopt, photo);
}

bool AppController::isEnrollmentLink(const QString& text) const { return core::looksLikeEnrollUri(text.toStdString()); }

bool AppController::saveReading(const QString& meterId, const QString& valueText, const QString& note,
                                std::optional<StagedPhoto> photo, QPointer<PhotoDraft> draft) {
  const auto value = parseLocaleNumber(valueText);
  if (!value) {
    const bool empty = valueText.trimmed().isEmpty();
    const QString code = empty ? QStringLiteral("input.empty") : QStringLiteral("input.not_a_number");
    const QString message = empty ? QStringLiteral("Type the value on the meter.")
                                  : QStringLiteral("\"%1\" is not a number.").arg(valueText.trimmed());
    setError(InputError, code, message);
    emit readingRejected(meterId, code, message);
    return false;
  }

  secap::v1::Reading reading;
  reading.set_meter_id(meterId.toStdString());
  reading.set_value(*value);
  reading.set_kind(secap::v1::READING_KIND_ACTUAL);
  reading.set_source(secap::v1::READING_SOURCE_MANUAL);
  if (!note.trimmed().isEmpty()) reading.set_note(note.trimmed().toStdString());
  // The reading names its photo only when the photo can still be read now;
  // one that vanished since it was chosen is reported, and the reading saved.
  QString attachmentId;
  bool photoReadable = false;
  if (photo) {
    const QFileInfo info(photo->path);
    photoReadable = info.isFile() && info.isReadable() && info.size() > 0;
    if (photoReadable) {
      attachmentId = qs(core::newUuidV7(m_store->clock()));
      reading.set_photo_attachment_id(attachmentId.toStdString());
    }
  }

  return startSave(
      [reading](core::LocalStore& store) -> core::Result<QString> {
        auto saved = store.recordReading(reading);
        if (!saved.isOk()) return saved.status();
        return qs(saved->id());
      },
      "reading", photo, photoReadable, attachmentId, draft,
      [this, meterId, value = *value](const SaveOutcome& out) {
        emit readingSaved(meterId, out.entityId, value);
        if (out.photoErrorCode.isEmpty()) return;
        setError(PhotoError, out.photoErrorCode, out.photoErrorMessage);
        emit readingPhotoFailed(meterId, out.entityId, out.photoErrorCode, out.photoErrorMessage);
      },
      [this, meterId](const QString& code, const QString& message) { emit readingRejected(meterId, code, message); });
}

bool AppController::startSave(std::function<core::Result<QString>(core::LocalStore&)> write, const char* ownerType,
                              std::optional<StagedPhoto> photo, bool photoReadable, const QString& attachmentId,
                              QPointer<PhotoDraft> draft, std::function<void(const SaveOutcome&)> onSaved,
                              std::function<void(const QString&, const QString&)> onRejected) {
  if (draft && photo) draft->setHandedOver(true);
  ++m_savesInFlight;
  if (m_savesInFlight == 1) emit savingChanged();

  core::LocalStore* store = m_store.get();
  QtConcurrent::run(
      &m_writePool,
      [store, write = std::move(write), ownerType, photo, photoReadable, attachmentId, dataDir = m_dataDir] {
        SaveOutcome out;
        auto saved = write(*store);
        if (saved.isOk()) {
          out.entityId = *saved;
          if (photo && photoReadable) {
            attachPhoto(*store, dataDir, *photo, attachmentId, ownerType, out);
          } else if (photo) {
            out.photoErrorCode = QStringLiteral("photo.missing");
            out.photoErrorMessage = QStringLiteral("the photo file %1 cannot be read any more").arg(photo->path);
          }
        } else {
          out.status = saved.status();
        }
        out.pending = store->pendingCount();
        out.pendingPhotos = store->pendingAttachmentCount();
        return out;
      })
      .then(this,
            [this, draft, onSaved = std::move(onSaved), onRejected = std::move(onRejected)](const SaveOutcome& out) {
              --m_savesInFlight;
              if (m_savesInFlight == 0) emit savingChanged();
              if (!out.status.isOk()) {
                // Nothing was saved: the photo stays on the form for the next try.
                if (draft) draft->setHandedOver(false);
                const auto r = reasonOf(out.status);
                const bool storage = r.code.startsWith(QLatin1String("storage."));
                setError(storage ? StorageError : ValidationError, r.code, r.message);
                onRejected(r.code, r.message);
                return;
              }
              if (m_errorType == InputError || m_errorType == ValidationError || m_errorType == PhotoError)
                clearError();
              m_status.pending = out.pending;
              m_status.pendingAttachments = out.pendingPhotos;
              emit syncStatusChanged();
              // The form starts afresh: a saved photo's file has moved; one that
              // failed cannot belong to this record any more.
              if (draft && out.photoSaved) draft->release();
              if (draft && !out.photoErrorCode.isEmpty()) draft->clear();
              bumpData();
              // Tells the outcome; a photo that failed after the record was saved
              // is set as a PhotoError there, after the "saved" signal.
              onSaved(out);
              if (m_sync && m_enrolled) m_sync->requestSync();
            });
  return true;
}

bool AppController::recordProgress(const QString& measureId, int status, const QString& percentText,
                                   const QString& spentText, const QString& note, const QVariantList& indicators,
                                   PhotoDraft* photo) {
  auto reject = [&](const QString& code, const QString& message) {
    setError(InputError, code, message);
    emit progressRejected(measureId, code, message);
    return false;
  };
  if (photo && photo->busy())
    return reject(QStringLiteral("photo.busy"), QStringLiteral("The photo is still being prepared."));
  if (status <= secap::v1::PROGRESS_STATUS_UNSPECIFIED || !secap::v1::ProgressStatus_IsValid(status))
    return reject(QStringLiteral("progress.no_status"), QStringLiteral("Choose the measure's status."));
  const auto percent = optionalNumber(percentText);
  if (!percent.ok)
    return reject(QStringLiteral("input.not_a_number"),
                  QStringLiteral("\"%1\" is not a number.").arg(percentText.trimmed()));
  const auto spent = optionalNumber(spentText);
  if (!spent.ok)
    return reject(QStringLiteral("input.not_a_number"),
                  QStringLiteral("\"%1\" is not a number.").arg(spentText.trimmed()));

  secap::v1::Change change;
  auto* u = change.mutable_progress_update();
  u->set_id(core::newUuidV7(m_store->clock()));
  change.set_entity_id(u->id());
  u->set_measure_id(measureId.toStdString());
  u->set_reported_at(nowMs());
  u->set_status(static_cast<secap::v1::ProgressStatus>(status));
  if (percent.value) u->set_percent_complete(*percent.value);
  if (spent.value) u->set_spent_eur(*spent.value);
  if (!note.trimmed().isEmpty()) u->set_note(note.trimmed().toStdString());
  u->set_reported_by(m_deviceId.toStdString());
  for (const QVariant& v : indicators) {
    const QVariantMap m = v.toMap();
    // A name typed for a new indicator becomes its snake_case key.
    const QString key = m.value(QStringLiteral("key"))
                            .toString()
                            .trimmed()
                            .toLower()
                            .replace(QRegularExpression(QStringLiteral("[^\\p{L}\\p{N}]+")), QStringLiteral("_"));
    const QString valueText = m.value(QStringLiteral("valueText")).toString();
    // A row without a value is not reported this time; a name typed for a
    // new indicator without its value is a half-filled row.
    const bool custom = m.value(QStringLiteral("custom")).toBool();
    if (valueText.trimmed().isEmpty() && (!custom || key.isEmpty())) continue;
    const auto value = parseLocaleNumber(valueText);
    if (key.isEmpty() || !value)
      return reject(QStringLiteral("progress.bad_indicator"),
                    QStringLiteral("An indicator needs a name and a number."));
    auto* i = u->add_indicators();
    i->set_key(key.toStdString());
    i->set_value(*value);
    i->set_unit(m.value(QStringLiteral("unit")).toString().trimmed().toStdString());
  }
  std::optional<StagedPhoto> staged = photo ? photo->staged() : std::nullopt;
  bool photoReadable = false;
  QString attachmentId;
  if (staged) {
    const QFileInfo info(staged->path);
    photoReadable = info.isFile() && info.isReadable() && info.size() > 0;
    if (photoReadable) {
      attachmentId = qs(core::newUuidV7(m_store->clock()));
      u->add_attachment_ids(attachmentId.toStdString());
    }
  }
  return startSave(
      [change](core::LocalStore& store) -> core::Result<QString> {
        auto saved = store.saveLocalChange(change);
        if (!saved.isOk()) return saved.status();
        return qs(saved->entity_id());
      },
      "progress_update", staged, photoReadable, attachmentId, photo,
      [this, measureId](const SaveOutcome& out) {
        emit progressSaved(measureId, out.entityId);
        if (!out.photoErrorCode.isEmpty()) setError(PhotoError, out.photoErrorCode, out.photoErrorMessage);
      },
      [this, measureId](const QString& code, const QString& message) {
        emit progressRejected(measureId, code, message);
      });
}

QVariant AppController::parseNumber(const QString& text) const {
  const auto v = parseLocaleNumber(text);
  return v ? QVariant(*v) : QVariant();
}

QString AppController::formatNumber(double value) const { return secap::field::formatNumber(value); }

QString AppController::formatDate(qint64 ms) const { return formatShortDate(ms, nowMs()); }

QString AppController::formatEuro(double value) const { return secap::field::formatEuro(value); }

QString AppController::formatMonthYear(qint64 ms) const { return secap::field::formatMonthYear(ms); }

QVariantMap AppController::meterDetails(const QString& meterId) const {
  QVariantMap map;
  const auto meter = m_store->meter(meterId.toStdString());
  map.insert(QStringLiteral("exists"), meter.has_value());
  if (!meter) return map;
  map.insert(QStringLiteral("id"), qs(meter->id()));
  map.insert(QStringLiteral("siteId"), qs(meter->site_id()));
  map.insert(QStringLiteral("serial"), qs(meter->serial()));
  map.insert(QStringLiteral("labelCode"), qs(meter->label_code()));
  map.insert(QStringLiteral("carrier"), static_cast<int>(meter->carrier()));
  map.insert(QStringLiteral("unit"), static_cast<int>(meter->unit()));
  map.insert(QStringLiteral("kind"), static_cast<int>(meter->kind()));
  map.insert(QStringLiteral("cumulative"), meter->kind() != secap::v1::METER_KIND_PERIOD);
  map.insert(QStringLiteral("registerDigits"), meter->register_digits());
  map.insert(QStringLiteral("multiplier"), meter->multiplier() == 0 ? 1.0 : meter->multiplier());
  map.insert(QStringLiteral("removed"), meter->has_removed_at());
  return map;
}

QVariantMap AppController::meterHistory(const QString& meterId) const {
  QVariantMap out{{QStringLiteral("available"), false}};
  const auto meter = m_store->meter(meterId.toStdString());
  if (!meter) return out;
  // In the meter's own unit: the consumption rules with a conversion of 1
  // (an electricity register in kWh), times the multiplier.
  core::MeterConfig config = core::meterConfigFromProto(*meter);
  config.carrier = core::Carrier::kElectricity;
  config.unit = core::Unit::kKwh;
  std::vector<core::ReadingRecord> records;
  for (const auto& r : m_store->readings(meter->id())) records.push_back(core::readingFromProto(r));
  const auto consumption = core::meterConsumption(config, records);
  if (consumption.intervals.empty()) return out;
  secap::v1::Municipality municipality;
  if (auto m = m_store->municipality(m_municipalityId.toStdString())) municipality = *m;
  const core::Calendar cal = core::calendarOf(municipality);
  const auto months = core::calendariseMonthly(consumption.intervals, cal);
  // A month counts as covered when the intervals reach past its end.
  const int64_t coveredUntil = consumption.intervals.back().endMs;
  const core::LocalDate today = cal.localDateOf(nowMs());
  const int thisMonth = core::YearMonth{today.year, today.month}.index();
  QVariantList list;
  double max = 0;
  for (int i = thisMonth - 11; i <= thisMonth; ++i) {
    const core::YearMonth ym = core::YearMonth::fromIndex(i);
    const core::YearMonth before = core::YearMonth::fromIndex(i - 12);
    QVariantMap month{
        {QStringLiteral("year"), ym.year},
        {QStringLiteral("month"), static_cast<int>(ym.month)},
        {QStringLiteral("label"), QLocale().standaloneMonthName(static_cast<int>(ym.month), QLocale::NarrowFormat)}};
    auto take = [&](const core::YearMonth& m, const QString& key) {
      auto it = months.find(m);
      const bool covered =
          it != months.end() && cal.monthStartMs(core::YearMonth::fromIndex(m.index() + 1)) <= coveredUntil;
      if (!covered) return;
      month.insert(key, it->second);
      max = std::max(max, it->second);
    };
    take(ym, QStringLiteral("value"));
    take(before, QStringLiteral("lastYear"));
    list.append(month);
  }
  out.insert(QStringLiteral("available"), max > 0);
  out.insert(QStringLiteral("months"), list);
  out.insert(QStringLiteral("max"), max);
  return out;
}

QVariantMap AppController::meterForLabel(const QString& label) const {
  QVariantMap map{{QStringLiteral("found"), false}, {QStringLiteral("label"), label.trimmed()}};
  const auto meter = m_store->meterByLabel(label.toStdString());
  if (!meter) return map;
  map.insert(QStringLiteral("found"), true);
  map.insert(QStringLiteral("meterId"), qs(meter->id()));
  map.insert(QStringLiteral("siteId"), qs(meter->site_id()));
  return map;
}

QVariantMap AppController::siteDetails(const QString& siteId) const {
  QVariantMap map;
  const auto site = m_store->site(siteId.toStdString());
  map.insert(QStringLiteral("exists"), site.has_value());
  if (!site) return map;
  map.insert(QStringLiteral("id"), qs(site->id()));
  map.insert(QStringLiteral("name"), qs(site->name()));
  map.insert(QStringLiteral("kind"), static_cast<int>(site->kind()));
  map.insert(QStringLiteral("address"), qs(site->address()));
  map.insert(QStringLiteral("comSector"), qs(site->com_sector()));
  if (const auto municipality = m_store->municipality(site->municipality_id()))
    map.insert(QStringLiteral("municipalityName"), qs(municipality->name()));
  if (site->has_heated_area_m2()) map.insert(QStringLiteral("heatedArea"), site->heated_area_m2());
  if (site->has_year_built()) map.insert(QStringLiteral("yearBuilt"), site->year_built());
  return map;
}

void AppController::runWrite(std::function<core::Result<QStringList>(core::LocalStore&)> work, bool isSave,
                             std::function<void(const core::Status&)> done) {
  core::LocalStore* store = m_store.get();
  if (isSave && ++m_savesInFlight == 1) emit savingChanged();
  QtConcurrent::run(&m_writePool, [store, work = std::move(work)] {
    return work(*store);
  }).then(this, [this, isSave, done = std::move(done)](const core::Result<QStringList>& result) {
    if (isSave && --m_savesInFlight == 0) emit savingChanged();
    if (result.isOk())
      for (const QString& path : *result) QFile::remove(path);
    done(result.status());
  });
}

void AppController::runFix(const QString& key, std::function<core::Result<QStringList>(core::LocalStore&)> fix) {
  runWrite(std::move(fix), /*isSave=*/true, [this, key](const core::Status& done) {
    if (!done.isOk()) {
      // Fixed or discarded already (on another tap, or a sync got there first).
      if (done.code() == core::StatusCode::kNotFound) {
        bumpData();
        emit attentionFailed(key, QStringLiteral("attention.gone"), qs(done.message()));
        return;
      }
      const auto r = reasonOf(done);
      emit attentionFailed(key, r.code, r.message);
      return;
    }
    refreshLocalCounts();
    bumpData();
    emit attentionFixed(key);
    if (m_sync && m_enrolled) m_sync->requestSync();
  });
}

void AppController::resendChange(const QString& key, qint64 seq) {
  runFix(key, [seq](core::LocalStore& store) -> core::Result<QStringList> {
    SECAP_RETURN_IF_ERROR(store.retryRejected(seq));
    return QStringList();
  });
}

void AppController::restampChanges(const QString& key) {
  runFix(key, [](core::LocalStore& store) -> core::Result<QStringList> {
    auto n = store.restampClockSkewed();
    if (!n.isOk()) return n.status();
    return QStringList();
  });
}

bool AppController::correctChange(const QString& key, qint64 seq, const QString& valueText) {
  const auto value = parseLocaleNumber(valueText);
  if (!value) {
    emit attentionFailed(key, QStringLiteral("input.not_a_number"),
                         QStringLiteral("\"%1\" is not a number.").arg(valueText.trimmed()));
    return false;
  }
  runFix(key, [seq, v = *value](core::LocalStore& store) -> core::Result<QStringList> {
    for (const auto& r : store.rejectedChanges()) {
      if (r.seq != seq) continue;
      secap::v1::Change corrected = r.change;
      if (corrected.has_reading()) {
        corrected.mutable_reading()->set_value(v);
      } else if (corrected.has_progress_update()) {
        corrected.mutable_progress_update()->set_percent_complete(v);
      } else {
        return core::Status(core::StatusCode::kInvalidArgument, "input.invalid: this record has no value to correct");
      }
      auto saved = store.correctRejected(seq, corrected);
      if (!saved.isOk()) return saved.status();
      return QStringList();
    }
    return core::Status(core::StatusCode::kNotFound, "the change is not in needs-attention any more");
  });
  return true;
}

void AppController::discardChange(const QString& key, qint64 seq) {
  runFix(key, [seq](core::LocalStore& store) -> core::Result<QStringList> {
    auto discarded = store.discardRejected(seq);
    if (!discarded.isOk()) return discarded.status();
    QStringList files;
    for (const auto& p : discarded->photoPaths) files << qs(p);
    return files;
  });
}

bool AppController::correctReading(const QString& key, const QString& readingId, const QString& valueText) {
  const auto value = parseLocaleNumber(valueText);
  if (!value) {
    emit attentionFailed(key, QStringLiteral("input.not_a_number"),
                         QStringLiteral("\"%1\" is not a number.").arg(valueText.trimmed()));
    return false;
  }
  runFix(key, [readingId = readingId.toStdString(), v = *value](core::LocalStore& store) -> core::Result<QStringList> {
    const auto original = store.reading(readingId);
    if (!original) return core::Status(core::StatusCode::kNotFound, "the reading is not on this device any more");
    secap::v1::Reading correction;
    correction.set_meter_id(original->meter_id());
    correction.set_taken_at(original->taken_at());
    correction.set_value(v);
    correction.set_kind(original->kind());
    if (original->has_period_start()) correction.set_period_start(original->period_start());
    correction.set_source(secap::v1::READING_SOURCE_MANUAL);
    correction.set_supersedes_id(original->id());
    auto saved = store.recordReading(correction);
    if (!saved.isOk()) return saved.status();
    return QStringList();
  });
  return true;
}

bool AppController::updateMeasure(const QString& measureId, const QVariantMap& values) {
  auto reject = [&](const QString& code, const QString& message) {
    setError(InputError, code, message);
    emit measureRejected(measureId, code, message);
    return false;
  };
  if (!canEditMeasures())
    return reject(QStringLiteral("auth.forbidden"), QStringLiteral("Only a coordinator may change a measure's plan."));
  const auto current = m_store->measure(measureId.toStdString());
  if (!current)
    return reject(QStringLiteral("progress.unknown_measure"), QStringLiteral("The measure is not on this device."));
  secap::v1::Measure edited = *current;
  std::vector<std::string> mask;
  auto text = [&](const char* key, const char* field, const std::string& now, auto set) {
    if (!values.contains(QLatin1String(key))) return;
    const std::string typed = values.value(QLatin1String(key)).toString().trimmed().toStdString();
    if (typed == now) return;
    set(typed);
    mask.emplace_back(field);
  };
  text("title", "title", current->title(), [&](const std::string& v) { edited.set_title(v); });
  text("description", "description", current->description(), [&](const std::string& v) { edited.set_description(v); });
  text("responsibleBody", "responsible_body", current->responsible_body(),
       [&](const std::string& v) { edited.set_responsible_body(v); });
  if (edited.title().empty())
    return reject(QStringLiteral("measure.no_title"), QStringLiteral("A measure needs a title."));

  // Optional figures: typed in the locale's format, empty clears.
  struct Figure {
    const char* key;
    const char* field;
    bool (secap::v1::Measure::*has)() const;
    double (secap::v1::Measure::*get)() const;
    void (secap::v1::Measure::*set)(double);
    void (secap::v1::Measure::*clear)();
  };
  using M = secap::v1::Measure;
  for (const Figure& f :
       {Figure{"budget", "budget_eur", &M::has_budget_eur, &M::budget_eur, &M::set_budget_eur, &M::clear_budget_eur},
        Figure{"expectedSavings", "expected_savings_mwh_per_year", &M::has_expected_savings_mwh_per_year,
               &M::expected_savings_mwh_per_year, &M::set_expected_savings_mwh_per_year,
               &M::clear_expected_savings_mwh_per_year},
        Figure{"expectedRenewable", "expected_renewable_mwh_per_year", &M::has_expected_renewable_mwh_per_year,
               &M::expected_renewable_mwh_per_year, &M::set_expected_renewable_mwh_per_year,
               &M::clear_expected_renewable_mwh_per_year},
        Figure{"expectedCo2", "expected_co2_reduction_t_per_year", &M::has_expected_co2_reduction_t_per_year,
               &M::expected_co2_reduction_t_per_year, &M::set_expected_co2_reduction_t_per_year,
               &M::clear_expected_co2_reduction_t_per_year}}) {
    if (!values.contains(QLatin1String(f.key))) continue;
    const QString typed = values.value(QLatin1String(f.key)).toString();
    const auto number = optionalNumber(typed);
    if (!number.ok)
      return reject(QStringLiteral("input.not_a_number"),
                    QStringLiteral("\"%1\" is not a number.").arg(typed.trimmed()));
    const bool had = ((*current).*f.has)();
    if (number.value ? (had && ((*current).*f.get)() == *number.value) : !had) continue;
    if (number.value)
      (edited.*f.set)(*number.value);
    else
      (edited.*f.clear)();
    mask.emplace_back(f.field);
  }
  if (values.contains(QStringLiteral("keyAction")) &&
      values.value(QStringLiteral("keyAction")).toBool() != current->key_action()) {
    edited.set_key_action(values.value(QStringLiteral("keyAction")).toBool());
    mask.emplace_back("key_action");
  }
  auto date = [&](const char* key, const char* field, bool had, int64_t now, auto set, auto clear) {
    if (!values.contains(QLatin1String(key))) return;
    const qint64 ms = values.value(QLatin1String(key)).toLongLong();
    if (ms > 0 ? (had && now == ms) : !had) return;
    if (ms > 0)
      set(ms);
    else
      clear();
    mask.emplace_back(field);
  };
  date(
      "plannedStart", "planned_start", current->has_planned_start(), current->planned_start(),
      [&](int64_t v) { edited.set_planned_start(v); }, [&] { edited.clear_planned_start(); });
  date(
      "plannedEnd", "planned_end", current->has_planned_end(), current->planned_end(),
      [&](int64_t v) { edited.set_planned_end(v); }, [&] { edited.clear_planned_end(); });

  if (mask.empty()) {
    emit measureSaved(measureId);
    return true;
  }
  secap::v1::Change change;
  change.set_entity_id(edited.id());
  *change.mutable_measure() = edited;
  for (const auto& f : mask) change.add_fields(f);
  runWrite(
      [change = std::move(change)](core::LocalStore& store) -> core::Result<QStringList> {
        auto saved = store.saveLocalChange(change);
        if (!saved.isOk()) return saved.status();
        return QStringList();
      },
      /*isSave=*/true,
      [this, measureId](const core::Status& done) {
        if (!done.isOk()) {
          const auto r = reasonOf(done);
          setError(ValidationError, r.code, r.message);
          emit measureRejected(measureId, r.code, r.message);
          return;
        }
        refreshLocalCounts();
        bumpData();
        emit measureSaved(measureId);
        if (m_sync && m_enrolled) m_sync->requestSync();
      });
  return true;
}

QVariantMap AppController::measureDetails(const QString& measureId) const {
  QVariantMap map;
  const auto measure = m_store->measure(measureId.toStdString());
  map.insert(QStringLiteral("exists"), measure.has_value());
  if (!measure) return map;
  const auto& m = *measure;
  map.insert(QStringLiteral("id"), qs(m.id()));
  map.insert(QStringLiteral("code"), qs(m.code()));
  map.insert(QStringLiteral("title"), qs(m.title()));
  map.insert(QStringLiteral("description"), qs(m.description()));
  map.insert(QStringLiteral("measureType"), static_cast<int>(m.type()));
  map.insert(QStringLiteral("comSector"), qs(m.com_sector()));
  map.insert(QStringLiteral("area"), qs(m.area_of_intervention()));
  map.insert(QStringLiteral("instrument"), qs(m.policy_instrument()));
  map.insert(QStringLiteral("responsibleBody"), qs(m.responsible_body()));
  map.insert(QStringLiteral("keyAction"), m.key_action());
  if (m.has_planned_start()) map.insert(QStringLiteral("plannedStart"), static_cast<qint64>(m.planned_start()));
  if (m.has_planned_end()) map.insert(QStringLiteral("plannedEnd"), static_cast<qint64>(m.planned_end()));
  if (m.has_implemented_at()) map.insert(QStringLiteral("implementedAt"), static_cast<qint64>(m.implemented_at()));
  if (m.has_budget_eur()) map.insert(QStringLiteral("budget"), m.budget_eur());
  if (m.has_expected_savings_mwh_per_year())
    map.insert(QStringLiteral("expectedSavingsMwh"), m.expected_savings_mwh_per_year());
  if (m.has_expected_renewable_mwh_per_year())
    map.insert(QStringLiteral("expectedRenewableMwh"), m.expected_renewable_mwh_per_year());
  if (m.has_expected_co2_reduction_t_per_year())
    map.insert(QStringLiteral("expectedCo2T"), m.expected_co2_reduction_t_per_year());
  QStringList funding;
  for (const auto& f : m.funding_sources()) funding << qs(f);
  map.insert(QStringLiteral("fundingSources"), funding);
  QStringList siteIds;
  QStringList siteNames;
  for (const auto& siteId : m.site_ids()) {
    siteIds << qs(siteId);
    const QVariantMap site = siteDetails(qs(siteId));
    siteNames << (site.value(QStringLiteral("exists")).toBool() ? site.value(QStringLiteral("name")).toString()
                                                                : tr("Unknown site"));
  }
  map.insert(QStringLiteral("siteIds"), siteIds);
  map.insert(QStringLiteral("siteNames"), siteNames);
  const auto updates = m_store->progressUpdates(m.id());
  const secap::v1::ProgressUpdate* latest = core::latestProgressOf(updates, m.id());
  map.insert(QStringLiteral("status"), static_cast<int>(core::statusOf(latest)));
  if (latest && latest->has_percent_complete()) map.insert(QStringLiteral("percent"), latest->percent_complete());
  if (latest && latest->has_spent_eur()) map.insert(QStringLiteral("spent"), latest->spent_eur());
  if (latest) map.insert(QStringLiteral("lastReportedAt"), static_cast<qint64>(latest->reported_at()));
  // Keys of the indicators reported so far, with their units: the form
  // offers them again.
  QVariantList known;
  QStringList seen;
  for (const auto& u : updates) {
    for (const auto& i : u.indicators()) {
      if (seen.contains(qs(i.key()))) continue;
      seen << qs(i.key());
      known.append(QVariantMap{{QStringLiteral("key"), qs(i.key())}, {QStringLiteral("unit"), qs(i.unit())}});
    }
  }
  map.insert(QStringLiteral("knownIndicators"), known);
  return map;
}

QString AppController::exportLogs() {
  QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  if (folder.isEmpty()) folder = QDir(m_dataDir).filePath(QStringLiteral("exports"));
  return secap::field::exportLogs(*this, folder);
}

QString AppController::lastSyncText() const {
  const qint64 last = m_status.lastSyncMs;
  if (last <= 0) return m_enrolled ? tr("Not synced yet") : tr("Never synced");
  const qint64 now = nowMs();
  const qint64 age = std::max<qint64>(0, now - last);
  if (age < 60 * 1000) return tr("Synced just now");
  if (age < 60 * 60 * 1000) {
    return tr("Synced %n min ago", nullptr, static_cast<int>(age / (60 * 1000)));
  }
  const QDateTime lastDt = QDateTime::fromMSecsSinceEpoch(last);
  if (lastDt.date() == QDateTime::fromMSecsSinceEpoch(now).date()) {
    return tr("Synced at %1").arg(formatTime(last));
  }
  return tr("Synced %1").arg(formatDateTime(last, now));
}

void AppController::setError(ErrorType type, const QString& code, const QString& message) {
  m_errorType = type;
  m_errorCode = code;
  m_errorString = message;
  emit errorChanged();
}

void AppController::clearError() {
  if (m_errorType == NoError && m_errorCode.isEmpty() && m_errorString.isEmpty()) return;
  m_errorType = NoError;
  m_errorCode.clear();
  m_errorString.clear();
  emit errorChanged();
}

void AppController::bumpData() {
  ++m_dataRevision;
  emit dataChanged();
}

}  // namespace secap::field

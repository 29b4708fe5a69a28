#include "photo_draft.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "app_controller.h"

namespace secap::field {

namespace {

QString newDraftName(const QString& prefix) {
  return prefix + QUuid::createUuid().toString(QUuid::WithoutBraces) + QStringLiteral(".jpg");
}

// Runs on the thread pool: scales `source` and writes the JPEG into `dir`.
PhotoDraftOutcome stagePhoto(const QString& source, const QString& dir, bool fullSize) {
  PhotoDraftOutcome out;
  PhotoScaleOptions options;
  options.fullSize = fullSize;
  auto scaled = scalePhotoFile(source, options);
  if (!scaled.isOk()) {
    out.errorCode = QStringLiteral("photo.unreadable");
    out.errorString = QString::fromStdString(scaled.status().message());
    return out;
  }
  const QString path = QDir(dir).filePath(newDraftName(QString()));
  QSaveFile file(path);
  if (!QDir().mkpath(dir) || !file.open(QIODevice::WriteOnly) || file.write(scaled->jpeg) != scaled->jpeg.size() ||
      !file.commit()) {
    out.errorCode = QStringLiteral("photo.not_saved");
    out.errorString = QStringLiteral("the photo could not be written to %1: %2").arg(path, file.errorString());
    return out;
  }
  out.path = path;
  out.width = scaled->width;
  out.height = scaled->height;
  out.bytes = scaled->jpeg.size();
  return out;
}

void removeFile(const QString& path) {
  if (!path.isEmpty()) QFile::remove(path);
}

}  // namespace

QString photoDirectory(const QString& dataDir) { return QDir(dataDir).filePath(QStringLiteral("photos")); }

QString photoFilePath(const QString& dataDir, const QString& attachmentId) {
  return QDir(photoDirectory(dataDir)).filePath(attachmentId + QStringLiteral(".jpg"));
}

QString photoDraftDirectory(const QString& dataDir) {
  return QDir(photoDirectory(dataDir)).filePath(QStringLiteral("drafts"));
}

void removeStalePhotoDrafts(const QString& dataDir) {
  QDir drafts(photoDraftDirectory(dataDir));
  if (!drafts.exists()) return;
  for (const QString& name : drafts.entryList(QDir::Files)) drafts.remove(name);
}

PhotoDraft::PhotoDraft(QObject* parent) : QObject(parent) {
  connect(&m_job, &QFutureWatcherBase::finished, this, &PhotoDraft::finish);
}

PhotoDraft::~PhotoDraft() {
  // The form went away unsaved: nothing of the photo is kept.
  if (m_job.isRunning()) {
    m_job.waitForFinished();
    removeFile(m_job.result().path);
    if (m_jobIsCapture) removeFile(m_jobSource);
  }
  // A draft a save still holds is the save's to move (or, should the save
  // fail, removeStalePhotoDrafts's to remove at the next start).
  if (!m_handedOver) removeFile(m_path);
  dropCapture();
}

AppController* PhotoDraft::app() const { return m_app; }

void PhotoDraft::setApp(AppController* app) {
  if (m_app == app) return;
  m_app = app;
  emit appChanged();
}

void PhotoDraft::setFullSize(bool fullSize) {
  if (m_fullSize == fullSize) return;
  m_fullSize = fullSize;
  emit fullSizeChanged();
  // A running job sees the change when it finishes.
  if (!m_source.isEmpty() && !m_job.isRunning()) {
    m_jobSource = m_source;
    m_jobIsCapture = m_sourceIsCapture;
    m_jobTakenAt = m_sourceTakenAt;
    start();
  }
}

void PhotoDraft::loadFile(const QUrl& file) {
  if (m_job.isRunning() || !m_app) return;
  m_jobSource = file.isLocalFile() ? file.toLocalFile() : file.toString();
  m_jobIsCapture = false;
  // The file's date is the best guess at when a picked photo was taken; a
  // file "from the future" (a wrong clock elsewhere) counts as taken now.
  const qint64 now = m_app->nowMs();
  const QDateTime modified = QFileInfo(m_jobSource).lastModified();
  m_jobTakenAt = modified.isValid() ? std::min(modified.toMSecsSinceEpoch(), now) : now;
  start();
}

QString PhotoDraft::newCapturePath() const {
  if (!m_app) return {};
  const QString dir = photoDraftDirectory(m_app->dataDir());
  QDir().mkpath(dir);
  return QDir(dir).filePath(newDraftName(QStringLiteral("capture-")));
}

void PhotoDraft::loadCapture(const QString& path) {
  if (!m_app) return;
  if (m_job.isRunning()) {
    removeFile(path);
    return;
  }
  m_jobSource = path;
  m_jobIsCapture = true;
  m_jobTakenAt = m_app->nowMs();
  start();
}

void PhotoDraft::start() {
  m_jobFullSize = m_fullSize;
  m_job.setFuture(QtConcurrent::run(stagePhoto, m_jobSource, photoDraftDirectory(m_app->dataDir()), m_jobFullSize));
  emit busyChanged();
}

void PhotoDraft::finish() {
  emit busyChanged();
  const PhotoDraftOutcome out = m_job.result();
  if (m_discardJob) {
    // clear() came while scaling: the result is not wanted.
    m_discardJob = false;
    removeFile(out.path);
    if (m_jobIsCapture) removeFile(m_jobSource);
    return;
  }
  if (!out.errorCode.isEmpty()) {
    // The previous photo, if any, stays: a failed replacement loses nothing.
    if (m_jobIsCapture && m_jobSource != m_source) removeFile(m_jobSource);
    setError(out.errorCode, out.errorString);
    return;
  }
  if (m_path != out.path) removeFile(m_path);
  if (m_jobSource != m_source) dropCapture();
  m_source = m_jobSource;
  m_sourceIsCapture = m_jobIsCapture;
  m_sourceTakenAt = m_jobTakenAt;
  m_path = out.path;
  m_width = out.width;
  m_height = out.height;
  m_bytes = out.bytes;
  m_takenAt = m_jobTakenAt;
  setError(QString(), QString());
  emit photoChanged();
  // "Full size" was switched while this one was being made.
  if (m_jobFullSize != m_fullSize) start();
}

void PhotoDraft::clear() {
  if (m_job.isRunning()) m_discardJob = true;
  removeFile(m_path);
  dropCapture();
  release();
  setError(QString(), QString());
}

std::optional<StagedPhoto> PhotoDraft::staged() const {
  if (m_path.isEmpty() || m_job.isRunning()) return std::nullopt;
  return StagedPhoto{m_path, m_width, m_height, m_takenAt};
}

void PhotoDraft::release() {
  m_handedOver = false;
  dropCapture();
  const bool had = !m_path.isEmpty();
  m_source.clear();
  m_sourceIsCapture = false;
  m_sourceTakenAt = 0;
  m_path.clear();
  m_width = m_height = 0;
  m_bytes = 0;
  m_takenAt = 0;
  if (had) emit photoChanged();
}

void PhotoDraft::setError(const QString& code, const QString& message) {
  if (code == m_errorCode && message == m_errorString) return;
  m_errorCode = code;
  m_errorString = message;
  emit errorChanged();
}

void PhotoDraft::dropCapture() {
  if (m_sourceIsCapture) removeFile(m_source);
  m_sourceIsCapture = false;
}

}  // namespace secap::field

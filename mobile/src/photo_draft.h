#pragma once
// PhotoDraft: the photo on a form before the form is saved (DESIGN.md §7:
// "new reading ... and an optional photo"; §4 "Attachments"). A chosen image
// file or a camera capture is downscaled (PhotoScaler: about 2048 px, JPEG;
// every pixel when fullSize) into a draft JPEG in the app's data directory,
// off the UI thread, so the form can show it and the user can remove or
// replace it. Saving the form (AppController::recordReadingWithPhoto) moves
// the draft to its final place and records it as an Attachment; the draft
// then lets go of it (release()).
//
// Files, under the app's data directory:
//   photos/drafts/<uuid>.jpg       a draft (and photos/drafts/capture-*.jpg,
//                                  the camera's full-size captures)
//   photos/<attachment id>.jpg     a saved photo; the upload reads it from here
// Drafts are removed when the user removes them, when the form goes away
// unsaved, and (after a crash) at the next start: removeStalePhotoDrafts.
//
// UI thread only; the scaling runs on the global thread pool.

#include <QtQml/qqmlregistration.h>

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <optional>

#include "photo_scaler.h"

namespace secap::field {

class AppController;

// A draft ready to be saved.
struct StagedPhoto {
  QString path;  // The draft JPEG.
  int width = 0;
  int height = 0;
  qint64 takenAt = 0;  // ms since the epoch: capture time, or the file's date.
};

// <dataDir>/photos: saved photos, one JPEG per attachment.
QString photoDirectory(const QString& dataDir);
// Where the photo of `attachmentId` is kept on this device.
QString photoFilePath(const QString& dataDir, const QString& attachmentId);
// <dataDir>/photos/drafts.
QString photoDraftDirectory(const QString& dataDir);
// Removes drafts that no form holds any more (left by a crash). Call at
// start, before any form exists.
void removeStalePhotoDrafts(const QString& dataDir);

// What a scaling job hands back to the UI thread.
struct PhotoDraftOutcome {
  QString path;
  int width = 0;
  int height = 0;
  qint64 bytes = 0;
  QString errorCode;  // Empty on success: photo.unreadable or photo.not_saved.
  QString errorString;
};

class PhotoDraft : public QObject {
  Q_OBJECT
  QML_ELEMENT
  // Gives the data directory and the (server-corrected) clock.
  Q_PROPERTY(secap::field::AppController* app READ app WRITE setApp NOTIFY appChanged)
  // Keep every pixel instead of about 2048 px; changing it redoes the draft.
  Q_PROPERTY(bool fullSize READ fullSize WRITE setFullSize NOTIFY fullSizeChanged)
  Q_PROPERTY(bool hasPhoto READ hasPhoto NOTIFY photoChanged)
  // A photo is being scaled; the previous one (if any) stays until it is done.
  Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
  Q_PROPERTY(QUrl url READ url NOTIFY photoChanged)
  Q_PROPERTY(int width READ width NOTIFY photoChanged)
  Q_PROPERTY(int height READ height NOTIFY photoChanged)
  Q_PROPERTY(qint64 byteSize READ byteSize NOTIFY photoChanged)
  // Why the last photo could not be used: photo.unreadable, photo.not_saved.
  Q_PROPERTY(QString errorCode READ errorCode NOTIFY errorChanged)
  Q_PROPERTY(QString errorString READ errorString NOTIFY errorChanged)
  Q_PROPERTY(bool hasError READ hasError NOTIFY errorChanged)

 public:
  explicit PhotoDraft(QObject* parent = nullptr);
  ~PhotoDraft() override;

  AppController* app() const;
  void setApp(AppController* app);
  bool fullSize() const { return m_fullSize; }
  void setFullSize(bool fullSize);
  bool hasPhoto() const { return !m_path.isEmpty(); }
  bool busy() const { return m_job.isRunning(); }
  QUrl url() const { return m_path.isEmpty() ? QUrl() : QUrl::fromLocalFile(m_path); }
  int width() const { return m_width; }
  int height() const { return m_height; }
  qint64 byteSize() const { return m_bytes; }
  QString errorCode() const { return m_errorCode; }
  QString errorString() const { return m_errorString; }
  bool hasError() const { return !m_errorCode.isEmpty(); }

  // Uses an image file the user chose (a file: URL from a FileDialog, or a
  // local path). The file itself is left alone.
  Q_INVOKABLE void loadFile(const QUrl& file);
  // A fresh path for the camera to write a capture to (ImageCapture's
  // captureToFile), inside the drafts folder.
  Q_INVOKABLE QString newCapturePath() const;
  // Uses a camera capture written to newCapturePath(); the draft owns that
  // file from now on and deletes it when done.
  Q_INVOKABLE void loadCapture(const QString& path);
  // Removes the photo (and its draft file).
  Q_INVOKABLE void clear();

  // The draft to save, or nothing while there is none (or it is busy).
  std::optional<StagedPhoto> staged() const;
  // A save is using the draft file (true) or is done with it (false).
  // Meanwhile the draft never deletes the file, not even when the form goes
  // away: the save may be moving it.
  void setHandedOver(bool handedOver) { m_handedOver = handedOver; }
  // The save moved the draft file away: forget it without deleting it.
  void release();

 signals:
  void appChanged();
  void fullSizeChanged();
  void photoChanged();
  void busyChanged();
  void errorChanged();

 private:
  void start();
  void finish();
  void setError(const QString& code, const QString& message);
  void dropCapture();

  QPointer<AppController> m_app;
  bool m_fullSize = false;
  // What the user chose: re-scaled when fullSize changes.
  QString m_source;
  bool m_sourceIsCapture = false;
  qint64 m_sourceTakenAt = 0;
  // The current draft.
  QString m_path;
  int m_width = 0;
  int m_height = 0;
  qint64 m_bytes = 0;
  qint64 m_takenAt = 0;
  QString m_errorCode;
  QString m_errorString;
  bool m_handedOver = false;

  // The scaling in flight, and what it was started with.
  QFutureWatcher<PhotoDraftOutcome> m_job;
  bool m_jobFullSize = false;
  QString m_jobSource;
  bool m_jobIsCapture = false;
  qint64 m_jobTakenAt = 0;
  bool m_discardJob = false;  // clear() came while it ran.
};

}  // namespace secap::field

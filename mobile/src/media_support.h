#pragma once
// Media: what this device offers for photos and QR codes, for QML (the
// `Media` singleton). Forms offer "Take photo" and "Scan QR code" only when
// there is a camera, and a file picker always; a desktop or a CI runner
// without a camera thus gets the picker and a plain message instead of a
// viewfinder that never starts. It looks again whenever the app comes back to
// the foreground, so a camera plugged in meanwhile is found. Asking Qt
// Multimedia for its cameras does not open any of them; a QMediaDevices
// object would also watch the audio devices (PulseAudio), which this app
// does not use.
//
// A QML_SINGLETON created by the engine; UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QUrl>

namespace secap::field {

class MediaSupport : public QObject {
  Q_OBJECT
  QML_NAMED_ELEMENT(Media)
  QML_SINGLETON
  Q_PROPERTY(bool cameraAvailable READ cameraAvailable NOTIFY cameraAvailableChanged)
  // Where file pickers open: the user's pictures (screenshots live there too).
  Q_PROPERTY(QUrl picturesFolder READ picturesFolder CONSTANT)

 public:
  explicit MediaSupport(QObject* parent = nullptr);

  bool cameraAvailable() const { return m_cameraAvailable; }
  QUrl picturesFolder() const;

 signals:
  void cameraAvailableChanged();

 private:
  void refresh();

  bool m_cameraAvailable = false;
};

}  // namespace secap::field

#include "media_support.h"

#include <QCameraDevice>
#include <QGuiApplication>
#include <QMediaDevices>
#include <QStandardPaths>

namespace secap::field {

MediaSupport::MediaSupport(QObject* parent) : QObject(parent) {
  m_cameraAvailable = !QMediaDevices::videoInputs().isEmpty();
  connect(qGuiApp, &QGuiApplication::applicationStateChanged, this, [this](Qt::ApplicationState state) {
    if (state == Qt::ApplicationActive) refresh();
  });
}

void MediaSupport::refresh() {
  const bool available = !QMediaDevices::videoInputs().isEmpty();
  if (available == m_cameraAvailable) return;
  m_cameraAvailable = available;
  emit cameraAvailableChanged();
}

QUrl MediaSupport::picturesFolder() const {
  return QUrl::fromLocalFile(QStandardPaths::writableLocation(QStandardPaths::PicturesLocation));
}

}  // namespace secap::field

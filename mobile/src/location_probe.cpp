#include "location_probe.h"

#include <QFile>
#include <QNmeaPositionInfoSource>
#include <QtGlobal>
#include <cmath>

namespace secap::field {

LocationProbe::LocationProbe(QObject* parent) : QObject(parent) {
  m_deadline.setSingleShot(true);
  connect(&m_deadline, &QTimer::timeout, this, [this] {
    if (m_state != Locating) return;
    if (m_source) m_source->stopUpdates();
    fail(QStringLiteral("location.timeout"));
  });
}

LocationProbe::~LocationProbe() {
  if (m_source) m_source->stopUpdates();
}

void LocationProbe::setTimeoutMs(int ms) {
  if (ms == m_timeoutMs || ms <= 0) return;
  m_timeoutMs = ms;
  emit timeoutMsChanged();
}

QGeoPositionInfoSource* LocationProbe::ensureSource() {
  if (m_sourceTried) return m_source;
  m_sourceTried = true;
  const QString wanted = qEnvironmentVariable("SECAP_POSITION_SOURCE");
  if (wanted == QLatin1String("none")) return nullptr;
  if (wanted.startsWith(QLatin1String("nmea:"))) {
    auto* file = new QFile(wanted.mid(5));
    if (!file->open(QIODevice::ReadOnly)) {
      qWarning("position log %s cannot be read", qPrintable(file->fileName()));
      delete file;
      return nullptr;
    }
    auto* nmea = new QNmeaPositionInfoSource(QNmeaPositionInfoSource::SimulationMode, this);
    file->setParent(nmea);
    nmea->setDevice(file);
    // Qt reports 2 × HDOP × UERE (about 95 %); a UERE of 2.5 m makes that
    // HDOP × 5 m, a usual receiver's 68 % radius.
    nmea->setUserEquivalentRangeError(2.5);
    m_source = nmea;
  } else {
    m_source = QGeoPositionInfoSource::createDefaultSource(this);
  }
  if (!m_source) return nullptr;
  connect(m_source, &QGeoPositionInfoSource::positionUpdated, this, &LocationProbe::onPosition);
  connect(m_source, &QGeoPositionInfoSource::errorOccurred, this, [this](QGeoPositionInfoSource::Error error) {
    if (m_state != Locating) return;
    switch (error) {
      case QGeoPositionInfoSource::AccessError:
        fail(QStringLiteral("location.denied"));
        break;
      case QGeoPositionInfoSource::UpdateTimeoutError:
        fail(QStringLiteral("location.timeout"));
        break;
      case QGeoPositionInfoSource::NoError:
        break;
      default:
        fail(QStringLiteral("location.failed"));
    }
  });
  return m_source;
}

void LocationProbe::locate() {
  if (m_state == Locating) return;
  QGeoPositionInfoSource* source = ensureSource();
  if (!source) {
    fail(QStringLiteral("location.unavailable"));
    return;
  }
  m_errorCode.clear();
  m_state = Locating;
  emit stateChanged();
  m_deadline.start(m_timeoutMs);
  source->requestUpdate(m_timeoutMs);
}

void LocationProbe::stop() {
  m_deadline.stop();
  if (m_source) m_source->stopUpdates();
  if (m_state == Locating) {
    m_state = m_fixTime > 0 ? Fixed : Idle;
    emit stateChanged();
  }
}

void LocationProbe::onPosition(const QGeoPositionInfo& info) {
  if (!info.isValid() || !info.coordinate().isValid()) return;
  m_deadline.stop();
  m_latitude = info.coordinate().latitude();
  m_longitude = info.coordinate().longitude();
  m_accuracy = info.hasAttribute(QGeoPositionInfo::HorizontalAccuracy)
                   ? info.attribute(QGeoPositionInfo::HorizontalAccuracy)
                   : -1.0;
  if (!std::isfinite(m_accuracy)) m_accuracy = -1.0;
  m_fixTime = info.timestamp().isValid() ? info.timestamp().toMSecsSinceEpoch() : 0;
  if (m_fixTime <= 0) m_fixTime = 1;
  m_errorCode.clear();
  m_state = Fixed;
  emit stateChanged();
}

void LocationProbe::fail(const QString& code) {
  m_deadline.stop();
  m_errorCode = code;
  m_state = NoPosition;
  emit stateChanged();
}

}  // namespace secap::field

#pragma once
// LocationProbe: one position fix for an inspection (DESIGN.md §7 "GPS
// position"), through Qt Positioning. A fix comes with its accuracy; where
// there is no positioning at all (no plugin, no GeoClue over D-Bus, access
// denied) or no fix arrives in time, the state says so and the inspection is
// submitted without a location (PLATFORM.md: "must degrade to a clear
// message, never a hang").
//
// The source: the platform's default, or, when SECAP_POSITION_SOURCE is
// set, "none" (positioning unavailable) or "nmea:<file>" (a recorded NMEA
// log replayed, for tests, demos and screenshots).
//
// UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QGeoPositionInfo>
#include <QGeoPositionInfoSource>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

namespace secap::field {

class LocationProbe : public QObject {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(State state READ state NOTIFY stateChanged)
  Q_PROPERTY(bool hasFix READ hasFix NOTIFY stateChanged)
  Q_PROPERTY(double latitude READ latitude NOTIFY stateChanged)
  Q_PROPERTY(double longitude READ longitude NOTIFY stateChanged)
  // Metres (68 % confidence); negative when the source does not say.
  Q_PROPERTY(double accuracy READ accuracy NOTIFY stateChanged)
  Q_PROPERTY(qint64 fixTime READ fixTime NOTIFY stateChanged)
  // Why there is no fix: location.unavailable, location.denied,
  // location.timeout, location.failed.
  Q_PROPERTY(QString errorCode READ errorCode NOTIFY stateChanged)
  // How long to wait for a fix (ms).
  Q_PROPERTY(int timeoutMs READ timeoutMs WRITE setTimeoutMs NOTIFY timeoutMsChanged)

 public:
  enum State {
    Idle,        // Not asked yet.
    Locating,    // Waiting for a fix.
    Fixed,       // A position is known.
    NoPosition,  // None could be had (errorCode says why).
  };
  Q_ENUM(State)

  explicit LocationProbe(QObject* parent = nullptr);
  ~LocationProbe() override;

  State state() const { return m_state; }
  bool hasFix() const { return m_state == Fixed; }
  double latitude() const { return m_latitude; }
  double longitude() const { return m_longitude; }
  double accuracy() const { return m_accuracy; }
  qint64 fixTime() const { return m_fixTime; }
  QString errorCode() const { return m_errorCode; }
  int timeoutMs() const { return m_timeoutMs; }
  void setTimeoutMs(int ms);

  // Asks for one fix (at most timeoutMs).
  Q_INVOKABLE void locate();
  Q_INVOKABLE void stop();

 signals:
  void stateChanged();
  void timeoutMsChanged();

 private:
  QGeoPositionInfoSource* ensureSource();
  void onPosition(const QGeoPositionInfo& info);
  void fail(const QString& code);

  QPointer<QGeoPositionInfoSource> m_source;
  bool m_sourceTried = false;
  QTimer m_deadline;
  State m_state = Idle;
  double m_latitude = 0;
  double m_longitude = 0;
  double m_accuracy = -1;
  qint64 m_fixTime = 0;
  QString m_errorCode;
  int m_timeoutMs = 30000;
};

}  // namespace secap::field

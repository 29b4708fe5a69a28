#pragma once
// KioskBoard: what the wall tablet's public board shows (DESIGN.md §7 kiosk),
// from the tablet's own records, offline, with the shared calculations:
// - `building`: its sites' energy last month against the same month a year
//   before, heat weather-normalised (core::compareMonth): {available,
//   monthStart (ms), lastYearStart (ms), kwh, lastYearKwh, referenceKwh,
//   change (fraction), normalised, meters}; available is false when no
//   meter covers both months;
// - `measures`: the municipality's completed measures, those with published
//   photos first: [{measureId, code, title, photoUrls}] — only photos a
//   coordinator marked publishable and that are not redacted, with their
//   bytes on the tablet; never another;
// - `siteNames`: the sites it stands for; `meters`: their meters read on
//   site (not removed): [{meterId, siteId, siteName, carrier, unit, serial}], for a
//   caretaker's reading.
// The SECAP progress and the neutrality gap come from MunicipalityProgress.
// Reloads when the app's data changes. UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QVariantList>
#include <QVariantMap>

#include "app_controller.h"

namespace secap::field {

class KioskBoard : public QObject {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(secap::field::AppController* app READ app WRITE setApp NOTIFY appChanged)
  Q_PROPERTY(QVariantMap building READ building NOTIFY changed)
  Q_PROPERTY(QVariantList measures READ measures NOTIFY changed)
  Q_PROPERTY(QStringList siteNames READ siteNames NOTIFY changed)
  Q_PROPERTY(QVariantList meters READ meters NOTIFY changed)

 public:
  explicit KioskBoard(QObject* parent = nullptr);

  AppController* app() const { return m_app; }
  void setApp(AppController* app);
  QVariantMap building() const { return m_building; }
  QVariantList measures() const { return m_measures; }
  QStringList siteNames() const { return m_siteNames; }
  QVariantList meters() const { return m_meters; }

  Q_INVOKABLE void reload();

 signals:
  void appChanged();
  void changed();

 private:
  QPointer<AppController> m_app;
  QVariantMap m_building;
  QVariantList m_measures;
  QStringList m_siteNames;
  QVariantList m_meters;
};

}  // namespace secap::field

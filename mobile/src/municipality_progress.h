#pragma once
// MunicipalityProgress: the municipality's SECAP report computed on the
// device (DESIGN.md §7 "Progress: the municipality report, computed
// offline"), by core::municipalityReport, the function the server answers
// GetMunicipalityReport with, over the records this device holds. It runs on
// a worker thread whenever the app's data change, and hands QML a plain map:
//
//   available, name, baselineYear, targetYear, targetReductionPct,
//   bei {year, tCo2, tCo2PerCapita?, mwh, published, locked, complete},
//   meis [same], reduction {year, reductionPct, expectedReductionPct, onTrack,
//   perCapitaReductionPct?}, path [{year, tCo2, reductionPct}],
//   targetTCo2, neutralityYear?, neutralityGapTCo2?, neutralityCutTCo2PerYear?,
//   byStatus [{status, measures, budget, spent}], measureCount,
//   expectedSavingsMwh, verifiedSavingsMwh, verifiedMeasures,
//   measures {id: {verified, verifiedSavingsMwh?, realisationRate?, savingsNote}},
//   notes [English text].
//
// UI thread only; the computation reads the thread-safe LocalStore.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QPointer>
#include <QVariantMap>

#include "app_controller.h"
#include "secap/v1/monitoring.pb.h"

namespace secap::field {

// The report as the map above (exposed for tests).
QVariantMap progressMap(const secap::v1::MunicipalityReport& report);

class MunicipalityProgress : public QObject {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(secap::field::AppController* app READ app WRITE setApp NOTIFY appChanged)
  Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
  Q_PROPERTY(QVariantMap report READ report NOTIFY reportChanged)

 public:
  explicit MunicipalityProgress(QObject* parent = nullptr);

  AppController* app() const { return m_app; }
  void setApp(AppController* app);
  bool loading() const { return m_running; }
  QVariantMap report() const { return m_report; }

  Q_INVOKABLE void refresh();

 signals:
  void appChanged();
  void loadingChanged();
  void reportChanged();

 private:
  QPointer<AppController> m_app;
  QVariantMap m_report;
  bool m_running = false;
  bool m_again = false;  // The data changed while a computation ran.
};

}  // namespace secap::field

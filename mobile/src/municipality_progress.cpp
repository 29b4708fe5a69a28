#include "municipality_progress.h"

#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <cmath>

#include "secap/core/report.h"

namespace secap::field {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QVariantMap inventoryMap(const secap::v1::InventoryReport& inv) {
  QVariantMap m{{QStringLiteral("year"), inv.year()},     {QStringLiteral("tCo2"), inv.total_t_co2()},
                {QStringLiteral("mwh"), inv.total_mwh()}, {QStringLiteral("published"), inv.published()},
                {QStringLiteral("locked"), inv.locked()}, {QStringLiteral("complete"), inv.complete()}};
  if (inv.has_t_co2_per_capita()) m.insert(QStringLiteral("tCo2PerCapita"), inv.t_co2_per_capita());
  if (inv.has_population()) m.insert(QStringLiteral("population"), static_cast<qint64>(inv.population()));
  return m;
}

}  // namespace

QVariantMap progressMap(const secap::v1::MunicipalityReport& r) {
  QVariantMap out;
  out.insert(QStringLiteral("available"), !r.municipality_id().empty());
  out.insert(QStringLiteral("name"), qs(r.name()));
  out.insert(QStringLiteral("baselineYear"), r.baseline_year());
  out.insert(QStringLiteral("targetYear"), r.target_year());
  out.insert(QStringLiteral("targetReductionPct"), r.target_reduction_pct());
  if (r.has_bei()) {
    out.insert(QStringLiteral("bei"), inventoryMap(r.bei()));
    out.insert(QStringLiteral("targetTCo2"), r.bei().total_t_co2() * (1.0 - r.target_reduction_pct() / 100.0));
  }
  QVariantList meis;
  for (const auto& m : r.meis()) meis.append(inventoryMap(m));
  out.insert(QStringLiteral("meis"), meis);
  if (r.has_reduction()) {
    const auto& x = r.reduction();
    QVariantMap red{{QStringLiteral("year"), x.year()},
                    {QStringLiteral("tCo2"), x.t_co2()},
                    {QStringLiteral("reductionPct"), x.reduction_pct()},
                    {QStringLiteral("expectedReductionPct"), x.expected_reduction_pct()},
                    {QStringLiteral("onTrack"), x.on_track()}};
    if (x.has_per_capita_reduction_pct())
      red.insert(QStringLiteral("perCapitaReductionPct"), x.per_capita_reduction_pct());
    out.insert(QStringLiteral("reduction"), red);
  }
  QVariantList path;
  for (const auto& p : r.linear_path())
    path.append(QVariantMap{{QStringLiteral("year"), p.year()},
                            {QStringLiteral("tCo2"), p.t_co2()},
                            {QStringLiteral("reductionPct"), p.reduction_pct()}});
  out.insert(QStringLiteral("path"), path);
  if (r.has_climate_neutrality_year()) out.insert(QStringLiteral("neutralityYear"), r.climate_neutrality_year());
  if (r.has_neutrality_gap_t_co2()) out.insert(QStringLiteral("neutralityGapTCo2"), r.neutrality_gap_t_co2());
  if (r.has_neutrality_cut_t_co2_per_year())
    out.insert(QStringLiteral("neutralityCutTCo2PerYear"), r.neutrality_cut_t_co2_per_year());
  QVariantList byStatus;
  for (const auto& t : r.measures_by_status())
    byStatus.append(QVariantMap{{QStringLiteral("status"), static_cast<int>(t.status())},
                                {QStringLiteral("measures"), t.measures()},
                                {QStringLiteral("budget"), t.budget_eur()},
                                {QStringLiteral("spent"), t.spent_eur()}});
  out.insert(QStringLiteral("byStatus"), byStatus);
  out.insert(QStringLiteral("measureCount"), r.measures_size());
  out.insert(QStringLiteral("expectedSavingsMwh"), r.expected_savings_mwh_per_year());
  out.insert(QStringLiteral("verifiedSavingsMwh"), r.verified_savings_mwh_per_year());
  out.insert(QStringLiteral("verifiedMeasures"), r.verified_measures());
  QVariantMap measures;
  for (const auto& m : r.measures()) {
    QVariantMap x{{QStringLiteral("verified"), m.verified()}, {QStringLiteral("savingsNote"), qs(m.savings_note())}};
    if (m.has_verified_savings_mwh_per_year())
      x.insert(QStringLiteral("verifiedSavingsMwh"), m.verified_savings_mwh_per_year());
    if (m.has_realisation_rate()) x.insert(QStringLiteral("realisationRate"), m.realisation_rate());
    measures.insert(qs(m.measure_id()), x);
  }
  out.insert(QStringLiteral("measures"), measures);
  QStringList notes;
  for (const auto& n : r.notes()) notes << qs(n);
  out.insert(QStringLiteral("notes"), notes);
  return out;
}

MunicipalityProgress::MunicipalityProgress(QObject* parent) : QObject(parent) {}

void MunicipalityProgress::setApp(AppController* app) {
  if (m_app == app) return;
  if (m_app) disconnect(m_app, nullptr, this, nullptr);
  m_app = app;
  if (m_app) {
    connect(m_app, &AppController::dataChanged, this, &MunicipalityProgress::refresh);
    connect(m_app, &AppController::enrolledChanged, this, &MunicipalityProgress::refresh);
  }
  emit appChanged();
  refresh();
}

void MunicipalityProgress::refresh() {
  if (!m_app) return;
  if (m_running) {
    m_again = true;
    return;
  }
  m_running = true;
  emit loadingChanged();
  core::LocalStore* store = &m_app->store();
  std::string municipalityId = m_app->municipalityId().toStdString();
  if (municipalityId.empty()) {
    const auto all = store->municipalities();
    if (!all.empty()) municipalityId = all.front().id();
  }
  // The controller waits for its read pool before the store goes; the
  // context object drops the result if this object is gone first.
  QtConcurrent::run(m_app->readPool(), [store, municipalityId] {
    if (municipalityId.empty()) return QVariantMap{{QStringLiteral("available"), false}};
    return progressMap(core::municipalityReport(store->monitoringRecords(municipalityId)));
  }).then(this, [this](const QVariantMap& report) {
    m_running = false;
    m_report = report;
    emit reportChanged();
    emit loadingChanged();
    if (m_again) {
      m_again = false;
      refresh();
    }
  });
}

}  // namespace secap::field

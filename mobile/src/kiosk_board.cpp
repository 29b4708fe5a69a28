#include "kiosk_board.h"

#include <QFileInfo>
#include <QUrl>
#include <set>

#include "secap/core/kiosk_board.h"
#include "secap/core/progress.h"
#include "secap/core/report.h"

namespace secap::field {

namespace {
QString qs(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

KioskBoard::KioskBoard(QObject* parent) : QObject(parent) {}

void KioskBoard::setApp(AppController* app) {
  if (m_app == app) return;
  if (m_app) disconnect(m_app, nullptr, this, nullptr);
  m_app = app;
  if (m_app) {
    connect(m_app, &AppController::dataChanged, this, &KioskBoard::reload);
    connect(m_app, &AppController::enrolledChanged, this, &KioskBoard::reload);
  }
  emit appChanged();
  reload();
}

void KioskBoard::reload() {
  m_building.clear();
  m_measures.clear();
  m_siteNames.clear();
  m_meters.clear();
  if (!m_app || m_app->municipalityId().isEmpty()) {
    m_building.insert(QStringLiteral("available"), false);
    emit changed();
    return;
  }
  auto& store = m_app->store();
  const auto records = store.monitoringRecords(m_app->municipalityId().toStdString());

  // The building card: every site this tablet holds (a kiosk holds its own).
  std::set<std::string> siteIds;
  for (const auto& s : records.sites) {
    siteIds.insert(s.id());
    m_siteNames << qs(s.name());
  }
  for (const auto& s : records.sites)
    for (const auto& m : records.meters) {
      if (m.site_id() != s.id() || m.has_removed_at() || m.kind() == secap::v1::METER_KIND_PERIOD) continue;
      m_meters.append(QVariantMap{{QStringLiteral("meterId"), qs(m.id())},
                                  {QStringLiteral("siteId"), qs(s.id())},
                                  {QStringLiteral("siteName"), qs(s.name())},
                                  {QStringLiteral("carrier"), static_cast<int>(m.carrier())},
                                  {QStringLiteral("unit"), static_cast<int>(m.unit())},
                                  {QStringLiteral("serial"), qs(m.serial())}});
    }
  const core::Calendar cal = core::calendarOf(records.municipality);
  const core::DegreeDays hdd = core::degreeDaysOf(records.degreeDays, records.municipality.id());
  const auto series = core::meterSeriesOf(records.meters, records.readings, records.reviews, siteIds);
  const auto month = core::compareMonth(series, &hdd, cal, m_app->nowMs());
  m_building.insert(QStringLiteral("available"), month.meters > 0 && month.change.has_value());
  m_building.insert(QStringLiteral("monthStart"), static_cast<qint64>(cal.monthStartMs(month.month)));
  m_building.insert(QStringLiteral("lastYearStart"),
                    static_cast<qint64>(cal.monthStartMs(core::YearMonth::fromIndex(month.month.index() - 12))));
  m_building.insert(QStringLiteral("kwh"), month.kwh);
  m_building.insert(QStringLiteral("lastYearKwh"), month.lastYearKwh);
  m_building.insert(QStringLiteral("referenceKwh"), month.referenceKwh);
  m_building.insert(QStringLiteral("normalised"), month.normalised);
  m_building.insert(QStringLiteral("meters"), month.meters);
  if (month.change) m_building.insert(QStringLiteral("change"), *month.change);

  // Completed measures, with their published photos.
  QVariantList withPhotos;
  QVariantList without;
  for (const auto& m : records.measures) {
    std::vector<secap::v1::ProgressUpdate> updates;
    for (const auto& p : records.progress)
      if (p.measure_id() == m.id()) updates.push_back(p);
    const auto* latest = core::latestProgressOf(updates, m.id());
    if (core::statusOf(latest) != secap::v1::PROGRESS_STATUS_COMPLETED) continue;
    // Photos of its reports, and of its inspections where the device holds
    // them (a kiosk does not: DESIGN.md §8).
    std::vector<std::string> owners;
    for (const auto& u : updates) owners.push_back(u.id());
    for (const auto& i : records.inspections)
      if (i.measure_id() == m.id()) owners.push_back(i.id());
    QVariantList photos;
    for (const auto& owner : owners)
      for (const auto& a : store.attachmentsOf(owner)) {
        if (!a.publishable() || a.redacted()) continue;  // never an unpublished or redacted photo
        const auto file = store.attachmentFile(a.id());
        if (!file || !QFileInfo::exists(qs(*file))) continue;
        photos.append(QUrl::fromLocalFile(qs(*file)));
      }
    const QVariantMap row{{QStringLiteral("measureId"), qs(m.id())},
                          {QStringLiteral("code"), qs(m.code())},
                          {QStringLiteral("title"), qs(m.title())},
                          {QStringLiteral("photoUrls"), photos}};
    (photos.isEmpty() ? without : withPhotos).append(row);
  }
  m_measures = withPhotos + without;
  emit changed();
}

}  // namespace secap::field

#include "measures_model.h"

#include <QCollator>
#include <QLocale>
#include <algorithm>

#include "field_format.h"
#include "secap/core/report.h"

namespace secap::field {

MeasuresModel::MeasuresModel(QObject* parent) : RowsModel<MeasureRow>(parent) {}

void MeasuresModel::setSiteId(const QString& siteId) {
  if (m_siteId == siteId) return;
  m_siteId = siteId;
  emit siteIdChanged();
  reload();
}

void MeasuresModel::setFilter(const QString& filter) {
  if (m_filter == filter) return;
  m_filter = filter;
  emit filterChanged();
  applyFilter();
}

void MeasuresModel::setStatusFilter(int status) {
  if (m_statusFilter == status) return;
  m_statusFilter = status;
  emit statusFilterChanged();
  applyFilter();
}

void MeasuresModel::setSectorFilter(const QString& sector) {
  if (m_sectorFilter == sector) return;
  m_sectorFilter = sector;
  emit sectorFilterChanged();
  applyFilter();
}

QStringList MeasuresModel::sectors() const {
  QStringList out;
  for (const MeasureRow& r : m_all)
    if (!r.comSector.isEmpty() && !out.contains(r.comSector)) out << r.comSector;
  return out;
}

void MeasuresModel::reload() {
  std::vector<MeasureRow> rows;
  if (m_app) {
    core::LocalStore& store = m_app->store();
    std::vector<std::string> municipalities;
    if (!m_app->municipalityId().isEmpty()) {
      municipalities.push_back(m_app->municipalityId().toStdString());
    } else {
      for (const auto& m : store.municipalities()) municipalities.push_back(m.id());
    }
    const std::string site = m_siteId.toStdString();
    for (const auto& municipalityId : municipalities) {
      for (const auto& measure : store.measures(municipalityId)) {
        if (!site.empty() &&
            std::find(measure.site_ids().begin(), measure.site_ids().end(), site) == measure.site_ids().end()) {
          continue;
        }
        const auto updates = store.progressUpdates(measure.id());
        const secap::v1::ProgressUpdate* latest = core::latestProgressOf(updates, measure.id());
        MeasureRow row;
        row.key = QString::fromStdString(measure.id());
        row.code = QString::fromStdString(measure.code());
        row.title = QString::fromStdString(measure.title());
        row.measureType = static_cast<int>(measure.type());
        row.comSector = QString::fromStdString(measure.com_sector());
        row.area = QString::fromStdString(measure.area_of_intervention());
        row.status = static_cast<int>(core::statusOf(latest));
        if (latest && latest->has_percent_complete()) row.percent = latest->percent_complete();
        if (latest && latest->has_spent_eur()) row.spent = latest->spent_eur();
        if (measure.has_budget_eur()) row.budget = measure.budget_eur();
        row.keyAction = measure.key_action();
        row.lastReportedAt = latest ? latest->reported_at() : 0;
        row.updateCount = static_cast<int>(updates.size());
        row.searchText =
            foldForSearch(QStringList{row.code, row.title, QString::fromStdString(measure.responsible_body()),
                                      row.comSector, row.area, QString::fromStdString(measure.description())}
                              .join(QLatin1Char(' '))
                              .replace(QLatin1Char('_'), QLatin1Char(' ')));
        rows.push_back(std::move(row));
      }
    }
  }
  // Plan codes sort as people number them: "B.2" before "B.10".
  QCollator collator{QLocale()};
  collator.setCaseSensitivity(Qt::CaseInsensitive);
  collator.setNumericMode(true);
  std::stable_sort(rows.begin(), rows.end(), [&](const MeasureRow& a, const MeasureRow& b) {
    const int byCode = collator.compare(a.code, b.code);
    return byCode != 0 ? byCode < 0 : collator.compare(a.title, b.title) < 0;
  });
  m_all = std::move(rows);
  applyFilter();
}

void MeasuresModel::applyFilter() {
  const QStringList words = foldForSearch(m_filter).split(QLatin1Char(' '), Qt::SkipEmptyParts);
  std::vector<MeasureRow> shown;
  for (const MeasureRow& row : m_all) {
    if (m_statusFilter != 0 && row.status != m_statusFilter) continue;
    if (!m_sectorFilter.isEmpty() && row.comSector != m_sectorFilter) continue;
    const bool match =
        std::all_of(words.begin(), words.end(), [&](const QString& w) { return row.searchText.contains(w); });
    if (match) shown.push_back(row);
  }
  setRows(std::move(shown));
  emit countChanged();
}

int MeasuresModel::countWithStatus(int status) const {
  // Within the chosen sector, so the chips add up to what the list can show.
  return static_cast<int>(std::count_if(m_all.begin(), m_all.end(), [&](const MeasureRow& r) {
    return (status == 0 || r.status == status) && (m_sectorFilter.isEmpty() || r.comSector == m_sectorFilter);
  }));
}

QVariant MeasuresModel::data(const QModelIndex& index, int role) const {
  const MeasureRow* row = rowAt(index);
  if (!row) return {};
  switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
      return row->title;
    case MeasureIdRole:
      return row->key;
    case CodeRole:
      return row->code;
    case MeasureTypeRole:
      return row->measureType;
    case ComSectorRole:
      return row->comSector;
    case AreaRole:
      return row->area;
    case StatusRole:
      return row->status;
    case PercentRole:
      return row->percent;
    case SpentRole:
      return row->spent;
    case BudgetRole:
      return row->budget;
    case KeyActionRole:
      return row->keyAction;
    case LastReportedAtRole:
      return row->lastReportedAt;
    case LastReportedTextRole:
      return row->lastReportedAt > 0 && m_app ? formatShortDate(row->lastReportedAt, m_app->nowMs()) : QString();
    case UpdateCountRole:
      return row->updateCount;
    default:
      return {};
  }
}

QHash<int, QByteArray> MeasuresModel::roleNames() const {
  return {
      {MeasureIdRole, "measureId"},
      {CodeRole, "code"},
      {TitleRole, "title"},
      {MeasureTypeRole, "measureType"},
      {ComSectorRole, "comSector"},
      {AreaRole, "area"},
      {StatusRole, "status"},
      {PercentRole, "percent"},
      {SpentRole, "spent"},
      {BudgetRole, "budget"},
      {KeyActionRole, "keyAction"},
      {LastReportedAtRole, "lastReportedAt"},
      {LastReportedTextRole, "lastReportedText"},
      {UpdateCountRole, "updateCount"},
  };
}

}  // namespace secap::field

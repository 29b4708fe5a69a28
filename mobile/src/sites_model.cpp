#include "sites_model.h"

#include <QCollator>
#include <QLocale>
#include <algorithm>

#include "field_format.h"

namespace secap::field {

SitesModel::SitesModel(QObject* parent) : RowsModel<SiteRow>(parent) {}

void SitesModel::setFilter(const QString& filter) {
  if (m_filter == filter) return;
  m_filter = filter;
  emit filterChanged();
  applyFilter();
}

void SitesModel::reload() {
  std::vector<SiteRow> rows;
  if (m_app) {
    core::LocalStore& store = m_app->store();
    std::vector<secap::v1::Municipality> scope;
    const QString own = m_app->municipalityId();
    if (!own.isEmpty()) {
      secap::v1::Municipality m;
      m.set_id(own.toStdString());
      if (auto stored = store.municipality(m.id())) m = *stored;
      scope.push_back(std::move(m));
    } else {
      scope = store.municipalities();
    }
    for (const auto& municipality : scope) {
      const QString municipalityName = QString::fromStdString(municipality.name());
      for (const auto& site : store.sites(municipality.id())) {
        if (site.archived()) continue;
        SiteRow row;
        row.key = QString::fromStdString(site.id());
        row.name = QString::fromStdString(site.name());
        row.kind = static_cast<int>(site.kind());
        row.address = QString::fromStdString(site.address());
        row.comSector = QString::fromStdString(site.com_sector());
        row.municipalityName = municipalityName;
        for (const auto& meter : store.meters(site.id())) {
          if (!meter.has_removed_at()) ++row.meterCount;
        }
        row.searchText = foldForSearch(row.name + QLatin1Char(' ') + row.address + QLatin1Char(' ') + municipalityName);
        rows.push_back(std::move(row));
      }
    }
  }
  QCollator collator{QLocale()};
  collator.setCaseSensitivity(Qt::CaseInsensitive);
  collator.setNumericMode(true);
  std::stable_sort(rows.begin(), rows.end(),
                   [&](const SiteRow& a, const SiteRow& b) { return collator.compare(a.name, b.name) < 0; });
  m_all = std::move(rows);
  applyFilter();
}

void SitesModel::applyFilter() {
  const QStringList words = foldForSearch(m_filter).split(QLatin1Char(' '), Qt::SkipEmptyParts);
  std::vector<SiteRow> shown;
  for (const SiteRow& row : m_all) {
    const bool match =
        std::all_of(words.begin(), words.end(), [&](const QString& w) { return row.searchText.contains(w); });
    if (match) shown.push_back(row);
  }
  setRows(std::move(shown));
  // totalCount may change while count does not: one signal covers both.
  emit countChanged();
}

QVariant SitesModel::data(const QModelIndex& index, int role) const {
  const SiteRow* row = rowAt(index);
  if (!row) return {};
  switch (role) {
    case Qt::DisplayRole:
    case NameRole:
      return row->name;
    case SiteIdRole:
      return row->key;
    case KindRole:
      return row->kind;
    case AddressRole:
      return row->address;
    case ComSectorRole:
      return row->comSector;
    case MunicipalityNameRole:
      return row->municipalityName;
    case MeterCountRole:
      return row->meterCount;
    default:
      return {};
  }
}

QHash<int, QByteArray> SitesModel::roleNames() const {
  return {
      {SiteIdRole, "siteId"},         {NameRole, "name"},           {KindRole, "kind"},
      {AddressRole, "address"},       {ComSectorRole, "comSector"}, {MunicipalityNameRole, "municipalityName"},
      {MeterCountRole, "meterCount"},
  };
}

}  // namespace secap::field

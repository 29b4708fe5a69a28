#include "readings_due_model.h"

#include "field_format.h"
#include "secap/core/progress.h"
#include "secap/core/readings_due.h"

namespace secap::field {

ReadingsDueModel::ReadingsDueModel(QObject* parent) : RowsModel<DueRow>(parent) {}

void ReadingsDueModel::reload() {
  std::vector<DueRow> rows;
  int sites = 0;
  if (m_app && !m_app->municipalityId().isEmpty()) {
    core::LocalStore& store = m_app->store();
    const std::string municipalityId = m_app->municipalityId().toStdString();
    secap::v1::Municipality municipality;
    municipality.set_id(municipalityId);
    if (auto stored = store.municipality(municipalityId)) municipality = *stored;
    const auto siteList = store.sites(municipalityId);
    std::vector<secap::v1::Meter> meters;
    for (const auto& s : siteList)
      for (auto& m : store.meters(s.id())) meters.push_back(std::move(m));
    const auto due = core::readingsDue(
        siteList, meters, [&store](const std::string& id) { return store.lastReading(id); },
        core::calendarOf(municipality), m_app->nowMs());
    for (const auto& site : due) {
      ++sites;
      for (const auto& m : site.meters) {
        DueRow row;
        row.key = QString::fromStdString(m.meter.id());
        row.serial = QString::fromStdString(m.meter.serial());
        row.carrier = static_cast<int>(m.meter.carrier());
        row.unit = static_cast<int>(m.meter.unit());
        row.siteId = QString::fromStdString(site.site.id());
        row.siteName = QString::fromStdString(site.site.name());
        row.siteAddress = QString::fromStdString(site.site.address());
        row.stop = sites;
        if (m.last) {
          row.hasLast = true;
          row.lastValue = m.last->value();
          row.lastAt = m.last->taken_at();
        }
        rows.push_back(std::move(row));
      }
    }
  }
  const bool sitesChanged = sites != m_sites;
  m_sites = sites;
  if (setRows(std::move(rows)) || sitesChanged) emit countChanged();
}

QVariant ReadingsDueModel::data(const QModelIndex& index, int role) const {
  const DueRow* row = rowAt(index);
  if (!row) return {};
  switch (role) {
    case MeterIdRole:
      return row->key;
    case SerialRole:
      return row->serial;
    case CarrierRole:
      return row->carrier;
    case UnitRole:
      return row->unit;
    case SiteIdRole:
      return row->siteId;
    case Qt::DisplayRole:
    case SiteNameRole:
      return row->siteName;
    case SiteAddressRole:
      return row->siteAddress;
    case SectionRole:
      // Unique per stop, readable as a header: "3 · Szkoła Podstawowa nr 5".
      return QStringLiteral("%1 · %2").arg(row->stop).arg(row->siteName);
    case StopRole:
      return row->stop;
    case HasLastReadingRole:
      return row->hasLast;
    case LastValueTextRole:
      return row->hasLast ? formatNumber(row->lastValue) : QString();
    case LastDateTextRole:
      return row->hasLast && m_app ? formatShortDate(row->lastAt, m_app->nowMs()) : QString();
    default:
      return {};
  }
}

QHash<int, QByteArray> ReadingsDueModel::roleNames() const {
  return {
      {MeterIdRole, "meterId"},
      {SerialRole, "serial"},
      {CarrierRole, "carrier"},
      {UnitRole, "unit"},
      {SiteIdRole, "siteId"},
      {SiteNameRole, "siteName"},
      {SiteAddressRole, "siteAddress"},
      {SectionRole, "section"},
      {StopRole, "stop"},
      {HasLastReadingRole, "hasLastReading"},
      {LastValueTextRole, "lastValueText"},
      {LastDateTextRole, "lastDateText"},
  };
}

}  // namespace secap::field

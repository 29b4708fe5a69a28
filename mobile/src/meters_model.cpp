#include "meters_model.h"

#include <QCollator>
#include <QLocale>
#include <algorithm>

#include "field_format.h"

namespace secap::field {

MetersModel::MetersModel(QObject* parent) : RowsModel<MeterRow>(parent) {}

void MetersModel::setSiteId(const QString& siteId) {
  if (m_siteId == siteId) return;
  m_siteId = siteId;
  emit siteIdChanged();
  reload();
}

void MetersModel::reload() {
  std::vector<MeterRow> rows;
  if (m_app && !m_siteId.isEmpty()) {
    core::LocalStore& store = m_app->store();
    for (const auto& meter : store.meters(m_siteId.toStdString())) {
      MeterRow row;
      row.key = QString::fromStdString(meter.id());
      row.serial = QString::fromStdString(meter.serial());
      row.labelCode = QString::fromStdString(meter.label_code());
      row.carrier = static_cast<int>(meter.carrier());
      row.unit = static_cast<int>(meter.unit());
      row.kind = static_cast<int>(meter.kind());
      row.removed = meter.has_removed_at();
      if (auto last = store.lastReading(meter.id())) {
        row.hasLastReading = true;
        row.lastValue = last->value();
        row.lastTakenAt = last->taken_at();
      }
      rows.push_back(std::move(row));
    }
  }
  QCollator collator{QLocale()};
  collator.setNumericMode(true);
  std::stable_sort(rows.begin(), rows.end(), [&](const MeterRow& a, const MeterRow& b) {
    if (a.removed != b.removed) return !a.removed;
    if (a.carrier != b.carrier) return a.carrier < b.carrier;
    return collator.compare(a.serial, b.serial) < 0;
  });
  if (setRows(std::move(rows))) emit countChanged();
}

QVariant MetersModel::data(const QModelIndex& index, int role) const {
  const MeterRow* row = rowAt(index);
  if (!row) return {};
  switch (role) {
    case Qt::DisplayRole:
    case SerialRole:
      return row->serial;
    case MeterIdRole:
      return row->key;
    case LabelCodeRole:
      return row->labelCode;
    case CarrierRole:
      return row->carrier;
    case UnitRole:
      return row->unit;
    case MeterKindRole:
      return row->kind;
    case RemovedRole:
      return row->removed;
    case HasLastReadingRole:
      return row->hasLastReading;
    case LastValueRole:
      return row->lastValue;
    case LastValueTextRole:
      return row->hasLastReading ? formatNumber(row->lastValue) : QString();
    case LastTakenAtRole:
      return row->lastTakenAt;
    case LastDateTextRole:
      return row->hasLastReading && m_app ? formatShortDate(row->lastTakenAt, m_app->nowMs()) : QString();
    default:
      return {};
  }
}

QHash<int, QByteArray> MetersModel::roleNames() const {
  return {
      {MeterIdRole, "meterId"},
      {SerialRole, "serial"},
      {LabelCodeRole, "labelCode"},
      {CarrierRole, "carrier"},
      {UnitRole, "unit"},
      {MeterKindRole, "meterKind"},
      {RemovedRole, "removed"},
      {HasLastReadingRole, "hasLastReading"},
      {LastValueRole, "lastValue"},
      {LastValueTextRole, "lastValueText"},
      {LastTakenAtRole, "lastTakenAt"},
      {LastDateTextRole, "lastDateText"},
  };
}

}  // namespace secap::field

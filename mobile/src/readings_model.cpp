#include "readings_model.h"

#include <QFileInfo>

#include "field_format.h"
#include "photo_draft.h"

namespace secap::field {

ReadingsModel::ReadingsModel(QObject* parent) : RowsModel<ReadingRow>(parent) {}

void ReadingsModel::setMeterId(const QString& meterId) {
  if (m_meterId == meterId) return;
  m_meterId = meterId;
  emit meterIdChanged();
  reload();
}

void ReadingsModel::setLimit(int limit) {
  if (m_limit == limit) return;
  m_limit = limit;
  emit limitChanged();
  reload();
}

void ReadingsModel::reload() {
  std::vector<ReadingRow> rows;
  bool cumulative = true;
  if (m_app && !m_meterId.isEmpty()) {
    core::LocalStore& store = m_app->store();
    if (auto meter = store.meter(m_meterId.toStdString())) {
      cumulative = meter->kind() != secap::v1::METER_KIND_PERIOD;
    }
    // One more than shown, so the oldest shown row has its delta too.
    const int fetch = m_limit > 0 ? m_limit + 1 : 0;
    const auto readings = store.readings(m_meterId.toStdString(), fetch);
    for (size_t i = 0; i < readings.size(); ++i) {
      if (m_limit > 0 && static_cast<int>(i) >= m_limit) break;
      const auto& r = readings[i];
      ReadingRow row;
      row.key = QString::fromStdString(r.id());
      row.value = r.value();
      row.takenAt = r.taken_at();
      row.kind = static_cast<int>(r.kind());
      row.source = static_cast<int>(r.source());
      row.note = QString::fromStdString(r.note());
      for (const auto& flag : r.quality_flags()) row.qualityFlags << QString::fromStdString(flag);
      if (!r.photo_attachment_id().empty()) {
        const QString path = photoFilePath(m_app->dataDir(), QString::fromStdString(r.photo_attachment_id()));
        if (QFileInfo::exists(path)) row.photoUrl = QUrl::fromLocalFile(path);
      }
      if (cumulative && i + 1 < readings.size()) {
        row.hasDelta = true;
        row.delta = r.value() - readings[i + 1].value();
      }
      rows.push_back(std::move(row));
    }
  }
  const bool latestMoved = (rows.empty() != m_rows.empty()) || (!rows.empty() && !(rows.front() == m_rows.front()));
  if (setRows(std::move(rows))) emit countChanged();
  if (latestMoved) emit latestChanged();
}

QString ReadingsModel::latestValueText() const { return hasLatest() ? formatNumber(latestValue()) : QString(); }

QString ReadingsModel::latestDateText() const {
  return hasLatest() && m_app ? formatShortDate(latestTakenAt(), m_app->nowMs()) : QString();
}

QVariant ReadingsModel::data(const QModelIndex& index, int role) const {
  const ReadingRow* row = rowAt(index);
  if (!row) return {};
  switch (role) {
    case ReadingIdRole:
      return row->key;
    case ValueRole:
      return row->value;
    case Qt::DisplayRole:
    case ValueTextRole:
      return formatNumber(row->value);
    case TakenAtRole:
      return row->takenAt;
    case DateTextRole:
      return m_app ? formatDateTime(row->takenAt, m_app->nowMs()) : QString();
    case ReadingKindRole:
      return row->kind;
    case SourceRole:
      return row->source;
    case NoteRole:
      return row->note;
    case QualityFlagsRole:
      return row->qualityFlags;
    case HasDeltaRole:
      return row->hasDelta;
    case DeltaRole:
      return row->delta;
    case PhotoUrlRole:
      return row->photoUrl;
    case DeltaTextRole: {
      if (!row->hasDelta) return QString();
      const QString magnitude = formatNumber(std::abs(row->delta));
      if (row->delta > 0) return QStringLiteral("+") + magnitude;
      if (row->delta < 0) return QStringLiteral("−") + magnitude;
      return magnitude;
    }
    default:
      return {};
  }
}

QHash<int, QByteArray> ReadingsModel::roleNames() const {
  return {
      {ReadingIdRole, "readingId"}, {ValueRole, "value"},       {ValueTextRole, "valueText"},
      {TakenAtRole, "takenAt"},     {DateTextRole, "dateText"}, {ReadingKindRole, "readingKind"},
      {SourceRole, "source"},       {NoteRole, "note"},         {QualityFlagsRole, "qualityFlags"},
      {HasDeltaRole, "hasDelta"},   {DeltaRole, "delta"},       {DeltaTextRole, "deltaText"},
      {PhotoUrlRole, "photoUrl"},
  };
}

}  // namespace secap::field

#include "progress_updates_model.h"

#include <QFileInfo>
#include <QUrl>

#include "field_format.h"
#include "photo_draft.h"

namespace secap::field {

ProgressUpdatesModel::ProgressUpdatesModel(QObject* parent) : RowsModel<ProgressRow>(parent) {}

void ProgressUpdatesModel::setMeasureId(const QString& measureId) {
  if (m_measureId == measureId) return;
  m_measureId = measureId;
  emit measureIdChanged();
  reload();
}

void ProgressUpdatesModel::reload() {
  std::vector<ProgressRow> rows;
  if (m_app && !m_measureId.isEmpty()) {
    for (const auto& u : m_app->store().progressUpdates(m_measureId.toStdString())) {
      ProgressRow row;
      row.key = QString::fromStdString(u.id());
      row.reportedAt = u.reported_at();
      row.status = static_cast<int>(u.status());
      if (u.has_percent_complete()) row.percent = u.percent_complete();
      if (u.has_spent_eur()) row.spent = u.spent_eur();
      row.note = QString::fromStdString(u.note());
      for (const auto& i : u.indicators()) {
        row.indicators.append(QVariantMap{{QStringLiteral("key"), QString::fromStdString(i.key())},
                                          {QStringLiteral("value"), i.value()},
                                          {QStringLiteral("valueText"), formatNumber(i.value())},
                                          {QStringLiteral("unit"), QString::fromStdString(i.unit())}});
      }
      for (const auto& attachmentId : u.attachment_ids()) {
        const QString path = photoFilePath(m_app->dataDir(), QString::fromStdString(attachmentId));
        if (QFileInfo::exists(path)) row.photoUrls.append(QUrl::fromLocalFile(path));
      }
      rows.push_back(std::move(row));
    }
  }
  if (setRows(std::move(rows))) emit countChanged();
}

QVariant ProgressUpdatesModel::data(const QModelIndex& index, int role) const {
  const ProgressRow* row = rowAt(index);
  if (!row) return {};
  switch (role) {
    case UpdateIdRole:
      return row->key;
    case ReportedAtRole:
      return row->reportedAt;
    case Qt::DisplayRole:
    case DateTextRole:
      return m_app ? formatShortDate(row->reportedAt, m_app->nowMs()) : QString();
    case StatusRole:
      return row->status;
    case PercentRole:
      return row->percent;
    case SpentRole:
      return row->spent;
    case NoteRole:
      return row->note;
    case IndicatorsRole:
      return row->indicators;
    case PhotoUrlsRole:
      return row->photoUrls;
    default:
      return {};
  }
}

QHash<int, QByteArray> ProgressUpdatesModel::roleNames() const {
  return {
      {UpdateIdRole, "updateId"}, {ReportedAtRole, "reportedAt"}, {DateTextRole, "dateText"},
      {StatusRole, "status"},     {PercentRole, "percent"},       {SpentRole, "spent"},
      {NoteRole, "note"},         {IndicatorsRole, "indicators"}, {PhotoUrlsRole, "photoUrls"},
  };
}

}  // namespace secap::field

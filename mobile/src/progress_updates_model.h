#pragma once
// ProgressUpdatesModel: one measure's progress updates, newest first: the
// status history of the measure page. Each row carries its indicators as a
// list of {key, value, valueText, unit} maps and the URLs of its photos kept
// on this device. Reloads when the app's data changes. UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QPointer>
#include <QString>
#include <QVariantList>

#include "app_controller.h"
#include "model_util.h"

namespace secap::field {

struct ProgressRow {
  QString key;  // Progress update id.
  qint64 reportedAt = 0;
  int status = 0;
  double percent = -1;  // -1: not reported.
  double spent = -1;    // -1: not reported.
  QString note;
  QVariantList indicators;
  QVariantList photoUrls;
  bool operator==(const ProgressRow&) const = default;
};

class ProgressUpdatesModel : public RowsModel<ProgressRow> {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(QString measureId READ measureId WRITE setMeasureId NOTIFY measureIdChanged)

 public:
  enum Role {
    UpdateIdRole = Qt::UserRole + 1,
    ReportedAtRole,
    DateTextRole,
    StatusRole,
    PercentRole,
    SpentRole,
    NoteRole,
    IndicatorsRole,
    PhotoUrlsRole,
  };
  Q_ENUM(Role)

  explicit ProgressUpdatesModel(QObject* parent = nullptr);

  QString measureId() const { return m_measureId; }
  void setMeasureId(const QString& measureId);

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void reload() override;

 signals:
  void measureIdChanged();

 private:
  QString m_measureId;
};

}  // namespace secap::field

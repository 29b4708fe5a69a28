#pragma once
// MetersModel: the meters of one site with their latest reading, active
// meters first (by carrier, then serial), removed meters last. Reloads when
// the app's data changes. UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QPointer>
#include <QString>

#include "app_controller.h"
#include "model_util.h"

namespace secap::field {

struct MeterRow {
  QString key;  // Meter id.
  QString serial;
  QString labelCode;
  int carrier = 0;
  int unit = 0;
  int kind = 0;
  bool removed = false;
  bool hasLastReading = false;
  double lastValue = 0;
  qint64 lastTakenAt = 0;
  bool operator==(const MeterRow&) const = default;
};

class MetersModel : public RowsModel<MeterRow> {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(QString siteId READ siteId WRITE setSiteId NOTIFY siteIdChanged)

 public:
  enum Role {
    MeterIdRole = Qt::UserRole + 1,
    SerialRole,
    LabelCodeRole,
    CarrierRole,
    UnitRole,
    MeterKindRole,
    RemovedRole,
    HasLastReadingRole,
    LastValueRole,
    LastValueTextRole,
    LastTakenAtRole,
    LastDateTextRole,
  };
  Q_ENUM(Role)

  explicit MetersModel(QObject* parent = nullptr);

  QString siteId() const { return m_siteId; }
  void setSiteId(const QString& siteId);

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void reload() override;

 signals:
  void siteIdChanged();

 private:
  QString m_siteId;
};

}  // namespace secap::field

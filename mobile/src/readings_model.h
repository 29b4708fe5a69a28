#pragma once
// ReadingsModel: one meter's readings, newest first, at most `limit` of them
// (the history list). Each row knows the change since the reading before it
// (cumulative meters) so the list can show consumption. The newest reading is
// also exposed as properties for "Previous: 12 345 kWh on 3 Oct". A reading
// whose photo is kept on this device (PhotoDraft's photos folder) has its
// file's URL in photoUrl. Reloads when the app's data changes. UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "app_controller.h"
#include "model_util.h"

namespace secap::field {

struct ReadingRow {
  QString key;  // Reading id.
  double value = 0;
  qint64 takenAt = 0;
  int kind = 0;
  int source = 0;
  QString note;
  QStringList qualityFlags;
  bool hasDelta = false;
  double delta = 0;
  QUrl photoUrl;  // Empty: no photo, or none on this device.
  bool operator==(const ReadingRow&) const = default;
};

class ReadingsModel : public RowsModel<ReadingRow> {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(QString meterId READ meterId WRITE setMeterId NOTIFY meterIdChanged)
  Q_PROPERTY(int limit READ limit WRITE setLimit NOTIFY limitChanged)
  Q_PROPERTY(bool hasLatest READ hasLatest NOTIFY latestChanged)
  Q_PROPERTY(double latestValue READ latestValue NOTIFY latestChanged)
  Q_PROPERTY(qint64 latestTakenAt READ latestTakenAt NOTIFY latestChanged)
  Q_PROPERTY(QString latestValueText READ latestValueText NOTIFY latestChanged)
  Q_PROPERTY(QString latestDateText READ latestDateText NOTIFY latestChanged)

 public:
  enum Role {
    ReadingIdRole = Qt::UserRole + 1,
    ValueRole,
    ValueTextRole,
    TakenAtRole,
    DateTextRole,
    ReadingKindRole,
    SourceRole,
    NoteRole,
    QualityFlagsRole,
    HasDeltaRole,
    DeltaRole,
    DeltaTextRole,
    PhotoUrlRole,
  };
  Q_ENUM(Role)

  explicit ReadingsModel(QObject* parent = nullptr);

  QString meterId() const { return m_meterId; }
  void setMeterId(const QString& meterId);
  int limit() const { return m_limit; }
  void setLimit(int limit);

  bool hasLatest() const { return !m_rows.empty(); }
  double latestValue() const { return hasLatest() ? m_rows.front().value : 0; }
  qint64 latestTakenAt() const { return hasLatest() ? m_rows.front().takenAt : 0; }
  QString latestValueText() const;
  QString latestDateText() const;

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void reload() override;

 signals:
  void meterIdChanged();
  void limitChanged();
  void latestChanged();

 private:
  QString m_meterId;
  int m_limit = 200;
};

}  // namespace secap::field

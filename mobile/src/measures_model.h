#pragma once
// MeasuresModel: the SECAP measures of the device's municipality (or of one
// site, when `siteId` is set), by code, with where each stands: the status,
// percent and spending of its latest progress update (report.h's rule, the
// same the server's report uses). `filter` matches every word, ignoring case
// and diacritics, against code, title, responsible body and the sector and
// area keys; `statusFilter` (a ProgressStatus, 0 for all) keeps one status.
// Reloads when the app's data changes. UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QPointer>
#include <QString>
#include <map>

#include "app_controller.h"
#include "model_util.h"

namespace secap::field {

struct MeasureRow {
  QString key;  // Measure id.
  QString code;
  QString title;
  int measureType = 0;
  QString comSector;
  QString area;
  int status = 0;       // ProgressStatus of the latest update (NOT_STARTED without one).
  double percent = -1;  // -1: not reported.
  double spent = -1;    // -1: not reported.
  double budget = -1;   // -1: none in the plan.
  bool keyAction = false;
  qint64 lastReportedAt = 0;  // 0: no progress update yet.
  int updateCount = 0;
  QString searchText;
  bool operator==(const MeasureRow&) const = default;
};

class MeasuresModel : public RowsModel<MeasureRow> {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(QString siteId READ siteId WRITE setSiteId NOTIFY siteIdChanged)
  Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)
  Q_PROPERTY(int statusFilter READ statusFilter WRITE setStatusFilter NOTIFY statusFilterChanged)
  // A Covenant sector key (com_sector); empty: every sector.
  Q_PROPERTY(QString sectorFilter READ sectorFilter WRITE setSectorFilter NOTIFY sectorFilterChanged)
  // Measures before filtering, to tell "no measures yet" from "no match".
  Q_PROPERTY(int totalCount READ totalCount NOTIFY countChanged)

 public:
  enum Role {
    MeasureIdRole = Qt::UserRole + 1,
    CodeRole,
    TitleRole,
    MeasureTypeRole,
    ComSectorRole,
    AreaRole,
    StatusRole,
    PercentRole,
    SpentRole,
    BudgetRole,
    KeyActionRole,
    LastReportedAtRole,
    LastReportedTextRole,
    UpdateCountRole,
  };
  Q_ENUM(Role)

  explicit MeasuresModel(QObject* parent = nullptr);

  QString siteId() const { return m_siteId; }
  void setSiteId(const QString& siteId);
  QString filter() const { return m_filter; }
  void setFilter(const QString& filter);
  int statusFilter() const { return m_statusFilter; }
  void setStatusFilter(int status);
  QString sectorFilter() const { return m_sectorFilter; }
  void setSectorFilter(const QString& sector);
  // The sectors the measures are in, each once, in plan order.
  Q_INVOKABLE QStringList sectors() const;
  int totalCount() const { return static_cast<int>(m_all.size()); }

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Measures of this status among all (before the filters); 0 counts all.
  Q_INVOKABLE int countWithStatus(int status) const;
  void reload() override;

 signals:
  void siteIdChanged();
  void filterChanged();
  void statusFilterChanged();
  void sectorFilterChanged();

 private:
  void applyFilter();

  QString m_siteId;
  QString m_filter;
  int m_statusFilter = 0;
  QString m_sectorFilter;
  std::vector<MeasureRow> m_all;
};

}  // namespace secap::field

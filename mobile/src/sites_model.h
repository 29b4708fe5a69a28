#pragma once
// SitesModel: the sites of the device's municipality (all municipalities in
// the store when it has none yet), sorted by name in the locale's collation,
// archived sites left out, filtered by `filter`. The filter ignores case and
// diacritics and matches every word against name, address and municipality.
// Reloads when the app's data changes. UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QPointer>
#include <QString>

#include "app_controller.h"
#include "model_util.h"

namespace secap::field {

struct SiteRow {
  QString key;  // Site id.
  QString name;
  int kind = 0;
  QString address;
  QString comSector;
  QString municipalityName;
  int meterCount = 0;
  QString searchText;  // Folded name, address and municipality.
  bool operator==(const SiteRow&) const = default;
};

class SitesModel : public RowsModel<SiteRow> {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)
  // Sites before filtering, to tell "no sites yet" from "no match".
  Q_PROPERTY(int totalCount READ totalCount NOTIFY countChanged)

 public:
  enum Role {
    SiteIdRole = Qt::UserRole + 1,
    NameRole,
    KindRole,
    AddressRole,
    ComSectorRole,
    MunicipalityNameRole,
    MeterCountRole,
  };
  Q_ENUM(Role)

  explicit SitesModel(QObject* parent = nullptr);

  QString filter() const { return m_filter; }
  void setFilter(const QString& filter);
  int totalCount() const { return static_cast<int>(m_all.size()); }

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void reload() override;

 signals:
  void filterChanged();

 private:
  void applyFilter();

  QString m_filter;
  std::vector<SiteRow> m_all;
};

}  // namespace secap::field

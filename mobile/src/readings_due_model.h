#pragma once
// ReadingsDueModel: the meters of the device's municipality not read this
// month (readings_due.h: the local calendar month, meters read on site),
// one row per meter, the sites in the order of a round (nearest next) and
// each site's meters by carrier. `section` is the site's name, for the list's
// headers. Reloads when the app's data change. UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QPointer>
#include <QString>

#include "app_controller.h"
#include "model_util.h"

namespace secap::field {

struct DueRow {
  QString key;  // Meter id.
  QString serial;
  int carrier = 0;
  int unit = 0;
  QString siteId;
  QString siteName;
  QString siteAddress;
  int stop = 0;  // 1-based place of the site in the round
  bool hasLast = false;
  double lastValue = 0;
  qint64 lastAt = 0;
  bool operator==(const DueRow&) const = default;
};

class ReadingsDueModel : public RowsModel<DueRow> {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(int siteCount READ siteCount NOTIFY countChanged)

 public:
  enum Role {
    MeterIdRole = Qt::UserRole + 1,
    SerialRole,
    CarrierRole,
    UnitRole,
    SiteIdRole,
    SiteNameRole,
    SiteAddressRole,
    SectionRole,
    StopRole,
    HasLastReadingRole,
    LastValueTextRole,
    LastDateTextRole,
  };
  Q_ENUM(Role)

  explicit ReadingsDueModel(QObject* parent = nullptr);

  int siteCount() const { return m_sites; }

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void reload() override;

 private:
  int m_sites = 0;
};

}  // namespace secap::field

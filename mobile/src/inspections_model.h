#pragma once
// InspectionsModel: the inspections of a site or of a measure, for their
// pages: the drafts on this device first (last edited first), then the
// submitted ones, newest first. A row says whether it is a draft, its
// checklist, dates, outcome, how much of the checklist is answered, whether
// it amends another one or waits to sync. Reloads when the app's data or
// its drafts change. UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QString>

#include "app_controller.h"
#include "model_util.h"

namespace secap::field {

struct InspectionRow {
  QString key;  // Inspection id.
  bool draft = false;
  QString templateName;
  qint64 startedAt = 0;
  qint64 submittedAt = 0;  // 0 for a draft
  int outcome = 0;
  QString findings;
  QString amendsId;
  int answered = 0;
  int itemCount = 0;
  bool pending = false;
  int photoCount = 0;
  bool operator==(const InspectionRow&) const = default;
};

class InspectionsModel : public RowsModel<InspectionRow> {
  Q_OBJECT
  QML_ELEMENT
  // One of the two: the site's inspections, or the measure's.
  Q_PROPERTY(QString siteId READ siteId WRITE setSiteId NOTIFY filterChanged)
  Q_PROPERTY(QString measureId READ measureId WRITE setMeasureId NOTIFY filterChanged)
  Q_PROPERTY(int draftCount READ draftCount NOTIFY countChanged)

 public:
  enum Role {
    InspectionIdRole = Qt::UserRole + 1,
    IsDraftRole,
    TemplateNameRole,
    StartedAtRole,
    SubmittedAtRole,
    DateTextRole,
    OutcomeRole,
    FindingsRole,
    AmendsIdRole,
    AnsweredRole,
    ItemCountRole,
    PendingRole,
    PhotoCountRole,
  };
  Q_ENUM(Role)

  explicit InspectionsModel(QObject* parent = nullptr);

  QString siteId() const { return m_siteId; }
  void setSiteId(const QString& siteId);
  QString measureId() const { return m_measureId; }
  void setMeasureId(const QString& measureId);
  int draftCount() const;

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void reload() override;

 signals:
  void filterChanged();

 private:
  QString m_siteId;
  QString m_measureId;
  QPointer<AppController> m_watched;
};

}  // namespace secap::field

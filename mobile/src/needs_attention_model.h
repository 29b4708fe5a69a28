#pragma once
// NeedsAttentionModel: the inbox (DESIGN.md §7 "Needs-attention inbox"):
// every change the server rejected, with its reason code and the fix that
// fits it, and every flagged reading of the municipality that no review has
// decided yet (review_queue.h, the server's rule), with its flags. Rejected
// changes first (they are this device's own and go nowhere until fixed),
// then flagged readings, newest first. Nothing leaves the list unless the
// user fixes or discards it (AppController).
//
// Rejected changes are read at once; the flagged readings need the
// municipality's readings and are gathered on the controller's read pool.
// Reloads when the app's data change. UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QPointer>
#include <QString>
#include <QStringList>

#include "app_controller.h"
#include "model_util.h"

namespace secap::field {

struct AttentionRow {
  QString key;         // "rejected:<seq>" or "flagged:<reading id>"
  QString kind;        // "rejected" or "flagged"
  qint64 seq = 0;      // the outbox entry (rejected)
  QString entityType;  // "reading", "progress_update", "attachment", … (entity.h names)
  QString entityId;
  QString reasonCode;  // rejected: the server's reason code
  QString message;     // rejected: the server's words (English), for codes the app does not know
  QString fix;         // "correct", "resend", "restamp" or "" (discard only)
  QStringList flags;   // flagged: the quality flags
  // What the record is, for the card.
  QString meterId;
  QString serial;
  int carrier = 0;
  int unit = 0;
  QString siteName;
  QString measureId;
  QString measureCode;
  QString measureTitle;
  bool hasValue = false;
  double value = 0;  // a reading's value, a progress update's percent
  qint64 at = 0;     // taken_at / reported_at
  bool operator==(const AttentionRow&) const = default;
};

class NeedsAttentionModel : public RowsModel<AttentionRow> {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(int rejectedCount READ rejectedCount NOTIFY countChanged)
  Q_PROPERTY(int flaggedCount READ flaggedCount NOTIFY countChanged)
  Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)

 public:
  enum Role {
    KeyRole = Qt::UserRole + 1,
    KindRole,
    SeqRole,
    EntityTypeRole,
    EntityIdRole,
    ReasonCodeRole,
    MessageRole,
    FixRole,
    FlagsRole,
    MeterIdRole,
    SerialRole,
    CarrierRole,
    UnitRole,
    SiteNameRole,
    MeasureIdRole,
    MeasureCodeRole,
    MeasureTitleRole,
    HasValueRole,
    ValueRole,
    ValueTextRole,
    AtRole,
    DateTextRole,
  };
  Q_ENUM(Role)

  explicit NeedsAttentionModel(QObject* parent = nullptr);

  int rejectedCount() const { return m_rejected; }
  int flaggedCount() const { return rowCount() - m_rejected; }
  bool loading() const { return m_loading; }

  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void reload() override;

 signals:
  void loadingChanged();

 private:
  void publish(std::vector<AttentionRow> rejected, std::vector<AttentionRow> flagged);

  std::vector<AttentionRow> m_rejectedRows;
  std::vector<AttentionRow> m_flaggedRows;
  int m_rejected = 0;
  bool m_loading = false;
  bool m_again = false;
};

// The fix a reason code allows for a record of `entityType` ("" when only
// discarding is left): "restamp" for clock.skew, "resend" for a record that
// names one the server does not know yet, "correct" for a reading's value
// or a progress update's figures the shared validation refused.
QString fixFor(const QString& reasonCode, const QString& entityType);

}  // namespace secap::field

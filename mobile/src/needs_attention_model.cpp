#include "needs_attention_model.h"

#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "field_format.h"
#include "secap/core/entity.h"
#include "secap/core/review_queue.h"

namespace secap::field {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

// The rows of the rejected changes, with what each record is about.
std::vector<AttentionRow> rejectedRows(core::LocalStore& store) {
  std::vector<AttentionRow> rows;
  for (const auto& r : store.rejectedChanges()) {
    AttentionRow row;
    row.kind = QStringLiteral("rejected");
    row.seq = r.seq;
    row.key = QStringLiteral("rejected:%1").arg(r.seq);
    row.entityType = qs(std::string(core::entityTypeName(core::entityTypeOf(r.change))));
    row.entityId = qs(r.change.entity_id());
    row.reasonCode = qs(r.reasonCode);
    row.message = qs(r.message);
    row.fix = fixFor(row.reasonCode, row.entityType);
    if (r.change.has_reading()) {
      const auto& reading = r.change.reading();
      row.meterId = qs(reading.meter_id());
      row.hasValue = true;
      row.value = reading.value();
      row.at = reading.taken_at();
      if (auto meter = store.meter(reading.meter_id())) {
        row.serial = qs(meter->serial());
        row.carrier = static_cast<int>(meter->carrier());
        row.unit = static_cast<int>(meter->unit());
      }
    } else if (r.change.has_progress_update()) {
      const auto& update = r.change.progress_update();
      row.measureId = qs(update.measure_id());
      row.at = update.reported_at();
      if (update.has_percent_complete()) {
        row.hasValue = true;
        row.value = update.percent_complete();
      }
      if (auto measure = store.measure(update.measure_id())) {
        row.measureCode = qs(measure->code());
        row.measureTitle = qs(measure->title());
      }
    } else if (r.change.has_attachment()) {
      row.at = r.change.attachment().taken_at();
    } else if (r.change.has_inspection()) {
      row.at = r.change.inspection().submitted_at();
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// The flagged readings no review has decided, newest first.
std::vector<AttentionRow> flaggedRows(core::LocalStore& store, const std::string& municipalityId) {
  std::vector<AttentionRow> rows;
  if (municipalityId.empty()) return rows;
  const auto records = store.monitoringRecords(municipalityId);
  const auto queue = core::reviewQueue(records.sites, records.meters, records.readings, records.reviews);
  for (auto it = queue.pending.rbegin(); it != queue.pending.rend(); ++it) {
    const auto& q = *it;
    AttentionRow row;
    row.kind = QStringLiteral("flagged");
    row.key = QStringLiteral("flagged:") + qs(q.reading().id());
    row.entityType = QStringLiteral("reading");
    row.entityId = qs(q.reading().id());
    row.fix = QStringLiteral("correct");
    for (const auto& f : q.reading().quality_flags()) row.flags << qs(f);
    row.meterId = qs(q.meter_id());
    row.serial = qs(q.serial());
    row.carrier = static_cast<int>(q.carrier());
    row.unit = static_cast<int>(q.unit());
    row.siteName = qs(q.site_name());
    row.hasValue = true;
    row.value = q.reading().value();
    row.at = q.reading().taken_at();
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

QString fixFor(const QString& reasonCode, const QString& entityType) {
  if (reasonCode == QLatin1String("clock.skew")) return QStringLiteral("restamp");
  if (reasonCode.contains(QLatin1String(".unknown_"))) return QStringLiteral("resend");
  static const QStringList readingValue{
      QStringLiteral("reading.not_a_number"), QStringLiteral("reading.negative_register"),
      QStringLiteral("reading.negative_value"), QStringLiteral("reading.too_many_digits")};
  if (entityType == QLatin1String("reading") && readingValue.contains(reasonCode)) return QStringLiteral("correct");
  if (entityType == QLatin1String("progress_update") &&
      (reasonCode == QLatin1String("progress.bad_percent") || reasonCode == QLatin1String("progress.bad_value")))
    return QStringLiteral("correct");
  return {};
}

NeedsAttentionModel::NeedsAttentionModel(QObject* parent) : RowsModel<AttentionRow>(parent) {}

void NeedsAttentionModel::reload() {
  if (!m_app) {
    publish({}, {});
    return;
  }
  // The device's own refused changes at once: they are few and small.
  publish(rejectedRows(m_app->store()), m_flaggedRows);
  if (m_loading) {
    m_again = true;
    return;
  }
  m_loading = true;
  emit loadingChanged();
  core::LocalStore* store = &m_app->store();
  const std::string municipalityId = m_app->municipalityId().toStdString();
  QtConcurrent::run(m_app->readPool(), [store, municipalityId] {
    return flaggedRows(*store, municipalityId);
  }).then(this, [this](std::vector<AttentionRow> flagged) {
    m_loading = false;
    publish(m_rejectedRows, std::move(flagged));
    emit loadingChanged();
    if (m_again) {
      m_again = false;
      reload();
    }
  });
}

void NeedsAttentionModel::publish(std::vector<AttentionRow> rejected, std::vector<AttentionRow> flagged) {
  m_rejectedRows = std::move(rejected);
  m_flaggedRows = std::move(flagged);
  std::vector<AttentionRow> rows = m_rejectedRows;
  rows.insert(rows.end(), m_flaggedRows.begin(), m_flaggedRows.end());
  const int rejectedBefore = m_rejected;
  m_rejected = static_cast<int>(m_rejectedRows.size());
  if (setRows(std::move(rows)) || rejectedBefore != m_rejected) emit countChanged();
}

QVariant NeedsAttentionModel::data(const QModelIndex& index, int role) const {
  const AttentionRow* row = rowAt(index);
  if (!row) return {};
  switch (role) {
    case KeyRole:
      return row->key;
    case KindRole:
      return row->kind;
    case SeqRole:
      return row->seq;
    case EntityTypeRole:
      return row->entityType;
    case EntityIdRole:
      return row->entityId;
    case ReasonCodeRole:
      return row->reasonCode;
    case MessageRole:
      return row->message;
    case FixRole:
      return row->fix;
    case FlagsRole:
      return row->flags;
    case MeterIdRole:
      return row->meterId;
    case SerialRole:
      return row->serial;
    case CarrierRole:
      return row->carrier;
    case UnitRole:
      return row->unit;
    case SiteNameRole:
      return row->siteName;
    case MeasureIdRole:
      return row->measureId;
    case MeasureCodeRole:
      return row->measureCode;
    case MeasureTitleRole:
      return row->measureTitle;
    case HasValueRole:
      return row->hasValue;
    case ValueRole:
      return row->value;
    case ValueTextRole:
      return row->hasValue ? formatNumber(row->value) : QString();
    case AtRole:
      return row->at;
    case Qt::DisplayRole:
    case DateTextRole:
      return row->at > 0 && m_app ? formatDateTime(row->at, m_app->nowMs()) : QString();
    default:
      return {};
  }
}

QHash<int, QByteArray> NeedsAttentionModel::roleNames() const {
  return {
      {KeyRole, "key"},
      {KindRole, "kind"},
      {SeqRole, "seq"},
      {EntityTypeRole, "entityType"},
      {EntityIdRole, "entityId"},
      {ReasonCodeRole, "reasonCode"},
      {MessageRole, "message"},
      {FixRole, "fix"},
      {FlagsRole, "flags"},
      {MeterIdRole, "meterId"},
      {SerialRole, "serial"},
      {CarrierRole, "carrier"},
      {UnitRole, "unit"},
      {SiteNameRole, "siteName"},
      {MeasureIdRole, "measureId"},
      {MeasureCodeRole, "measureCode"},
      {MeasureTitleRole, "measureTitle"},
      {HasValueRole, "hasValue"},
      {ValueRole, "value"},
      {ValueTextRole, "valueText"},
      {AtRole, "at"},
      {DateTextRole, "dateText"},
  };
}

}  // namespace secap::field

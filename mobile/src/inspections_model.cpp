#include "inspections_model.h"

#include <map>

#include "field_format.h"
#include "secap/core/inspection.h"

namespace secap::field {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

InspectionsModel::InspectionsModel(QObject* parent) : RowsModel<InspectionRow>(parent) {
  // Drafts change without the app's data changing (autosaves).
  connect(this, &AppListModel::appChanged, this, [this] {
    if (m_watched) disconnect(m_watched, &AppController::inspectionDraftsChanged, this, nullptr);
    m_watched = m_app;
    if (m_watched) connect(m_watched, &AppController::inspectionDraftsChanged, this, &InspectionsModel::reload);
  });
}

void InspectionsModel::setSiteId(const QString& siteId) {
  if (m_siteId == siteId) return;
  m_siteId = siteId;
  emit filterChanged();
  reload();
}

void InspectionsModel::setMeasureId(const QString& measureId) {
  if (m_measureId == measureId) return;
  m_measureId = measureId;
  emit filterChanged();
  reload();
}

int InspectionsModel::draftCount() const {
  return static_cast<int>(std::count_if(m_rows.begin(), m_rows.end(), [](const auto& r) { return r.draft; }));
}

void InspectionsModel::reload() {
  std::vector<InspectionRow> rows;
  if (m_app && (!m_siteId.isEmpty() || !m_measureId.isEmpty())) {
    auto& store = m_app->store();
    std::map<std::string, secap::v1::InspectionTemplate> templates;
    for (const auto& t : store.inspectionTemplates(m_app->municipalityId().toStdString())) templates[t.id()] = t;
    const std::string language = m_app->contentLanguage().toStdString();
    const std::string site = m_siteId.toStdString();
    const std::string measure = m_measureId.toStdString();
    auto matches = [&](const secap::v1::Inspection& i) {
      return measure.empty() ? i.site_id() == site : i.measure_id() == measure;
    };
    auto rowOf = [&](const secap::v1::Inspection& i, bool draft) {
      InspectionRow row;
      row.key = qs(i.id());
      row.draft = draft;
      row.startedAt = i.started_at();
      row.submittedAt = draft ? 0 : i.submitted_at();
      row.outcome = static_cast<int>(i.outcome());
      row.findings = qs(i.findings());
      row.amendsId = qs(i.amends_inspection_id());
      row.photoCount = i.attachment_ids_size();
      if (auto t = templates.find(i.template_id()); t != templates.end()) {
        row.templateName = qs(core::templateTitle(t->second, language));
        row.itemCount = t->second.items_size();
        for (const auto& item : t->second.items())
          for (const auto& a : i.answers())
            if (a.item_key() == item.key() && core::isAnswered(a)) {
              ++row.answered;
              break;
            }
      }
      return row;
    };
    for (const auto& d : store.inspectionDrafts()) {
      if (!matches(d.inspection)) continue;
      auto row = rowOf(d.inspection, true);
      row.photoCount = static_cast<int>(d.photos.size());
      rows.push_back(std::move(row));
    }
    const auto submitted = measure.empty() ? store.inspectionsOfSite(site) : store.inspectionsOfMeasure(measure);
    for (const auto& i : submitted) {
      auto row = rowOf(i, false);
      row.pending = store.hasUnsentChange(core::EntityType::kInspection, i.id());
      rows.push_back(std::move(row));
    }
  }
  if (setRows(std::move(rows))) emit countChanged();
}

QVariant InspectionsModel::data(const QModelIndex& index, int role) const {
  const InspectionRow* row = rowAt(index);
  if (!row) return {};
  switch (role) {
    case InspectionIdRole:
      return row->key;
    case IsDraftRole:
      return row->draft;
    case Qt::DisplayRole:
    case TemplateNameRole:
      return row->templateName;
    case StartedAtRole:
      return row->startedAt;
    case SubmittedAtRole:
      return row->submittedAt;
    case DateTextRole:
      return m_app ? formatShortDate(row->draft ? row->startedAt : row->submittedAt, m_app->nowMs()) : QString();
    case OutcomeRole:
      return row->outcome;
    case FindingsRole:
      return row->findings;
    case AmendsIdRole:
      return row->amendsId;
    case AnsweredRole:
      return row->answered;
    case ItemCountRole:
      return row->itemCount;
    case PendingRole:
      return row->pending;
    case PhotoCountRole:
      return row->photoCount;
    default:
      return {};
  }
}

QHash<int, QByteArray> InspectionsModel::roleNames() const {
  return {
      {InspectionIdRole, "inspectionId"}, {IsDraftRole, "isDraft"},         {TemplateNameRole, "templateName"},
      {StartedAtRole, "startedAt"},       {SubmittedAtRole, "submittedAt"}, {DateTextRole, "dateText"},
      {OutcomeRole, "outcome"},           {FindingsRole, "findings"},       {AmendsIdRole, "amendsId"},
      {AnsweredRole, "answered"},         {ItemCountRole, "itemCount"},     {PendingRole, "pending"},
      {PhotoCountRole, "photoCount"},
  };
}

}  // namespace secap::field

#include "inspection_form.h"

#include <QDir>
#include <QFile>
#include <QUrl>
#include <algorithm>
#include <utility>

#include "field_format.h"
#include "secap/core/ids.h"
#include "secap/core/inspection.h"

namespace secap::field {

namespace v1 = secap::v1;

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString kindText(secap::v1::InspectionItemKind kind) {
  const std::string_view name = core::itemKindName(kind);
  return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

// Autosave: a quarter second after the last change.
constexpr int kSaveDelayMs = 250;

}  // namespace

InspectionForm::InspectionForm(QObject* parent) : QObject(parent) {
  m_saveTimer.setSingleShot(true);
  m_saveTimer.setInterval(kSaveDelayMs);
  connect(&m_saveTimer, &QTimer::timeout, this, &InspectionForm::saveNow);
}

InspectionForm::~InspectionForm() { saveNow(); }

void InspectionForm::setApp(AppController* app) {
  if (m_app == app) return;
  if (m_app) disconnect(m_app, nullptr, this, nullptr);
  m_app = app;
  if (m_app) {
    connect(m_app, &AppController::inspectionSubmitted, this, [this](const QString& id) {
      if (id != inspectionId() || !m_submitting) return;
      m_submitting = false;
      m_ready = false;  // It is an Inspection now, never a draft again.
      emit stateChanged();
      emit submitted(id);
    });
    connect(m_app, &AppController::inspectionSubmitFailed, this,
            [this](const QString& id, const QString& code, const QString& message) {
              if (id != inspectionId()) return;
              m_submitting = false;
              m_discarding = false;
              emit stateChanged();
              emit submitFailed(code, message);
            });
    connect(m_app, &AppController::inspectionDiscarded, this, [this](const QString& id) {
      if (id != inspectionId() || !m_discarding) return;
      m_discarding = false;
      m_ready = false;
      emit stateChanged();
      emit loaded();
      emit discarded();
    });
    connect(m_app, &AppController::inspectionDraftSaveFailed, this,
            [this](const QString& id, const QString& code, const QString& message) {
              if (id != inspectionId()) return;
              m_dirty = true;  // Still to be written: the next change or leaving tries again.
              emit saveFailed(code, message);
            });
  }
  emit appChanged();
}

QString InspectionForm::inspectionId() const { return qs(m_draft.inspection.id()); }
QString InspectionForm::templateName() const {
  return qs(core::templateTitle(m_template, m_app ? m_app->contentLanguage().toStdString() : std::string("en")));
}
QString InspectionForm::siteId() const { return qs(m_draft.inspection.site_id()); }
QString InspectionForm::measureId() const { return qs(m_draft.inspection.measure_id()); }
QString InspectionForm::amendsId() const { return qs(m_draft.inspection.amends_inspection_id()); }
qint64 InspectionForm::startedAt() const { return m_draft.inspection.started_at(); }

QVariantMap InspectionForm::answers() const {
  QVariantMap out;
  for (const auto& a : m_draft.inspection.answers()) {
    if (!core::isAnswered(a)) continue;
    const QString key = qs(a.item_key());
    switch (a.value_case()) {
      case v1::InspectionAnswer::kYesNo:
        out.insert(key, a.yes_no());
        break;
      case v1::InspectionAnswer::kNumber:
        out.insert(key, a.number());
        break;
      case v1::InspectionAnswer::kChoice:
        out.insert(key, qs(a.choice()));
        break;
      case v1::InspectionAnswer::kText:
        out.insert(key, qs(a.text()));
        break;
      case v1::InspectionAnswer::kAttachmentId:
        for (const auto& p : m_draft.photos)
          if (p.attachment.id() == a.attachment_id()) out.insert(key, QUrl::fromLocalFile(qs(p.path)));
        break;
      default:
        break;
    }
  }
  return out;
}

int InspectionForm::answeredCount() const {
  int n = 0;
  for (const auto& item : m_template.items())
    for (const auto& a : m_draft.inspection.answers())
      if (a.item_key() == item.key() && core::isAnswered(a)) {
        ++n;
        break;
      }
  return n;
}

QString InspectionForm::findings() const { return qs(m_draft.inspection.findings()); }

void InspectionForm::setFindings(const QString& text) {
  if (!m_ready || text == findings()) return;
  m_draft.inspection.set_findings(text.toStdString());
  emit findingsChanged();
  scheduleSave();
}

int InspectionForm::outcome() const { return static_cast<int>(m_draft.inspection.outcome()); }

void InspectionForm::setOutcome(int outcome) {
  if (!m_ready || outcome == this->outcome() || !v1::InspectionOutcome_IsValid(outcome)) return;
  m_draft.inspection.set_outcome(static_cast<v1::InspectionOutcome>(outcome));
  emit outcomeChanged();
  emit stateChanged();
  scheduleSave();
}

QVariantList InspectionForm::photos() const {
  QVariantList out;
  for (const auto& p : m_draft.photos) {
    const bool ofItem = std::any_of(m_draft.inspection.answers().begin(), m_draft.inspection.answers().end(),
                                    [&](const auto& a) { return a.attachment_id() == p.attachment.id(); });
    if (ofItem) continue;
    out.append(QVariantMap{{QStringLiteral("attachmentId"), qs(p.attachment.id())},
                           {QStringLiteral("url"), QUrl::fromLocalFile(qs(p.path))}});
  }
  return out;
}

bool InspectionForm::hasLocation() const { return m_draft.inspection.has_location(); }
double InspectionForm::latitude() const { return m_draft.inspection.location().lat(); }
double InspectionForm::longitude() const { return m_draft.inspection.location().lon(); }
double InspectionForm::accuracy() const {
  const auto& l = m_draft.inspection.location();
  return l.has_accuracy_m() ? l.accuracy_m() : -1.0;
}

bool InspectionForm::canSubmit() const {
  return m_ready && !m_submitting && !m_discarding && m_missing.isEmpty() && m_invalid.isEmpty() && outcome() != 0;
}

bool InspectionForm::startNew(const QString& templateId, const QString& siteId, const QString& measureId,
                              const QString& amendsId) {
  if (!m_app) return false;
  auto& store = m_app->store();
  std::optional<v1::Inspection> previous;
  if (!amendsId.isEmpty()) {
    previous = store.inspection(amendsId.toStdString());
    if (!previous) return false;
  }
  // An amendment answers the checklist of the inspection it amends.
  const auto tmpl =
      store.inspectionTemplate(templateId.isEmpty() && previous ? previous->template_id() : templateId.toStdString());
  if (!tmpl) return false;
  core::InspectionDraft draft;
  auto& i = draft.inspection;
  i.set_id(core::newUuidV7(store.clock()));
  i.set_template_id(tmpl->id());
  i.set_template_version(tmpl->version());
  i.set_site_id(siteId.toStdString());
  if (!measureId.isEmpty()) i.set_measure_id(measureId.toStdString());
  i.set_started_at(m_app->nowMs());
  if (previous) {
    i.set_amends_inspection_id(previous->id());
    i.set_site_id(previous->site_id());
    if (previous->has_measure_id()) i.set_measure_id(previous->measure_id());
    // Start from what was found; photos stay with the inspection they were
    // taken for.
    for (const auto& a : previous->answers()) {
      const bool known = std::any_of(tmpl->items().begin(), tmpl->items().end(), [&](const auto& item) {
        return item.key() == a.item_key() && item.kind() != v1::INSPECTION_ITEM_KIND_PHOTO;
      });
      if (known && a.value_case() != v1::InspectionAnswer::kAttachmentId) *i.add_answers() = a;
    }
    i.set_findings(previous->findings());
    i.set_outcome(previous->outcome());
  }
  if (i.site_id().empty()) return false;
  load(std::move(draft), *tmpl);
  m_dirty = true;
  saveNow();
  return true;
}

bool InspectionForm::open(const QString& inspectionId) {
  if (!m_app) return false;
  auto& store = m_app->store();
  auto draft = store.inspectionDraft(inspectionId.toStdString());
  if (!draft) return false;
  const auto tmpl = store.inspectionTemplate(draft->inspection.template_id());
  if (!tmpl) return false;
  // The checklist as it is now: a coordinator may have changed it since.
  draft->inspection.set_template_version(tmpl->version());
  load(std::move(*draft), *tmpl);
  return true;
}

void InspectionForm::load(core::InspectionDraft draft, const v1::InspectionTemplate& tmpl) {
  saveNow();  // a draft open before
  m_draft = std::move(draft);
  m_template = tmpl;
  const std::string language = m_app ? m_app->contentLanguage().toStdString() : std::string("en");
  m_items.clear();
  for (const auto& item : m_template.items()) {
    QVariantMap row{{QStringLiteral("key"), qs(item.key())},
                    {QStringLiteral("kind"), kindText(item.kind())},
                    {QStringLiteral("prompt"), qs(core::localizedText(item.prompt(), language))},
                    {QStringLiteral("required"), item.required()},
                    {QStringLiteral("unit"), qs(item.unit())}};
    if (item.has_min()) row.insert(QStringLiteral("min"), item.min());
    if (item.has_max()) row.insert(QStringLiteral("max"), item.max());
    QVariantList choices;
    for (const auto& c : item.choices())
      choices.append(QVariantMap{{QStringLiteral("key"), qs(c.key())},
                                 {QStringLiteral("label"), qs(core::localizedText(c.label(), language))}});
    row.insert(QStringLiteral("choices"), choices);
    m_items.append(row);
  }
  m_ready = true;
  m_submitting = false;
  m_discarding = false;
  m_dirty = false;
  recheck();
  emit loaded();
  emit answersChanged();
  emit findingsChanged();
  emit outcomeChanged();
  emit photosChanged();
  emit locationChanged();
  emit stateChanged();
}

v1::InspectionAnswer* InspectionForm::answerFor(const QString& key, bool create) {
  const std::string k = key.toStdString();
  for (auto& a : *m_draft.inspection.mutable_answers())
    if (a.item_key() == k) return &a;
  if (!create) return nullptr;
  auto* a = m_draft.inspection.add_answers();
  a->set_item_key(k);
  return a;
}

void InspectionForm::setYesNo(const QString& key, bool value) {
  if (!m_ready) return;
  dropPhotoOfItem(key);
  answerFor(key, true)->set_yes_no(value);
  changed();
}

bool InspectionForm::setNumberText(const QString& key, const QString& text) {
  if (!m_ready) return false;
  if (text.trimmed().isEmpty()) {
    clearAnswer(key);
    return true;
  }
  const auto value = parseLocaleNumber(text);
  if (!value) {
    clearAnswer(key);
    return false;
  }
  answerFor(key, true)->set_number(*value);
  changed();
  return true;
}

void InspectionForm::setChoice(const QString& key, const QString& choiceKey) {
  if (!m_ready) return;
  answerFor(key, true)->set_choice(choiceKey.toStdString());
  changed();
}

void InspectionForm::setText(const QString& key, const QString& text) {
  if (!m_ready) return;
  auto* a = answerFor(key, true);
  if (a->value_case() == v1::InspectionAnswer::kText && qs(a->text()) == text) return;
  a->set_text(text.toStdString());
  changed();
}

void InspectionForm::clearAnswer(const QString& key) {
  if (!m_ready) return;
  dropPhotoOfItem(key);
  const std::string k = key.toStdString();
  auto* answers = m_draft.inspection.mutable_answers();
  const auto before = answers->size();
  answers->erase(std::remove_if(answers->begin(), answers->end(), [&](const auto& a) { return a.item_key() == k; }),
                 answers->end());
  if (answers->size() != before) changed();
}

void InspectionForm::dropPhotoOfItem(const QString& key) {
  const auto* a = answerFor(key, false);
  if (!a || a->value_case() != v1::InspectionAnswer::kAttachmentId) return;
  releasePhoto(a->attachment_id());
}

void InspectionForm::releasePhoto(const std::string& attachmentId) {
  auto& photos = m_draft.photos;
  for (auto it = photos.begin(); it != photos.end();) {
    if (it->attachment.id() == attachmentId) {
      m_released.append(qs(it->path));
      it = photos.erase(it);
    } else {
      ++it;
    }
  }
}

bool InspectionForm::adoptPhoto(const QString& key, PhotoDraft* draft) {
  if (!m_ready || !m_app || !draft) return false;
  const auto staged = draft->staged();
  if (!staged) return false;
  const QString attachmentId = qs(core::newUuidV7(m_app->store().clock()));
  const QString dest = photoFilePath(m_app->dataDir(), attachmentId);
  QDir().mkpath(photoDirectory(m_app->dataDir()));
  if (!QFile::rename(staged->path, dest)) {
    if (!QFile::copy(staged->path, dest)) return false;
    QFile::remove(staged->path);
  }
  draft->release();
  core::DraftPhoto photo;
  photo.attachment.set_id(attachmentId.toStdString());
  photo.attachment.set_mime("image/jpeg");
  photo.attachment.set_width(staged->width);
  photo.attachment.set_height(staged->height);
  if (staged->takenAt > 0) photo.attachment.set_taken_at(staged->takenAt);
  photo.path = dest.toStdString();
  if (!key.isEmpty()) {
    dropPhotoOfItem(key);
    answerFor(key, true)->set_attachment_id(photo.attachment.id());
  }
  m_draft.photos.push_back(std::move(photo));
  emit photosChanged();
  changed();
  return true;
}

void InspectionForm::removePhoto(const QString& attachmentId) {
  if (!m_ready) return;
  const std::string id = attachmentId.toStdString();
  releasePhoto(id);
  auto* answers = m_draft.inspection.mutable_answers();
  answers->erase(
      std::remove_if(answers->begin(), answers->end(), [&](const auto& a) { return a.attachment_id() == id; }),
      answers->end());
  auto* listed = m_draft.inspection.mutable_attachment_ids();
  listed->erase(std::remove(listed->begin(), listed->end(), id), listed->end());
  emit photosChanged();
  changed();
}

void InspectionForm::setLocation(double latitude, double longitude, double accuracy) {
  if (!m_ready) return;
  auto* l = m_draft.inspection.mutable_location();
  l->set_lat(latitude);
  l->set_lon(longitude);
  if (accuracy >= 0)
    l->set_accuracy_m(accuracy);
  else
    l->clear_accuracy_m();
  emit locationChanged();
  scheduleSave();
}

void InspectionForm::clearLocation() {
  if (!m_ready || !m_draft.inspection.has_location()) return;
  m_draft.inspection.clear_location();
  emit locationChanged();
  scheduleSave();
}

void InspectionForm::changed() {
  recheck();
  emit answersChanged();
  emit stateChanged();
  scheduleSave();
}

void InspectionForm::recheck() {
  m_missing.clear();
  m_invalid.clear();
  for (const auto& p : core::checkAnswers(m_template, m_draft.inspection)) {
    if (p.reasonCode == "inspection.missing_answer")
      m_missing.append(qs(p.itemKey));
    else
      m_invalid.append(qs(p.itemKey));
  }
}

void InspectionForm::scheduleSave() {
  m_dirty = true;
  m_saveTimer.start();
}

void InspectionForm::saveNow() {
  m_saveTimer.stop();
  if (!m_ready || !m_dirty || !m_app || m_discarding) return;
  m_dirty = false;
  m_app->saveInspectionDraft(m_draft, std::exchange(m_released, {}));
}

void InspectionForm::submit() {
  if (!m_ready || !m_app || m_submitting) return;
  if (!canSubmit()) {
    // The same order as the server's: the checklist first, then the outcome.
    if (!m_missing.isEmpty())
      emit submitFailed(QStringLiteral("inspection.missing_answer"), QString());
    else if (!m_invalid.isEmpty())
      emit submitFailed(QStringLiteral("inspection.bad_answer"), QString());
    else
      emit submitFailed(QStringLiteral("inspection.no_outcome"), QString());
    return;
  }
  saveNow();
  m_submitting = true;
  emit stateChanged();
  m_app->submitInspection(inspectionId());
}

void InspectionForm::discard() {
  if (!m_ready || !m_app || m_submitting) return;
  m_saveTimer.stop();
  m_dirty = false;
  m_discarding = true;
  emit stateChanged();
  QStringList files = std::exchange(m_released, {});
  for (const auto& p : m_draft.photos) files.append(qs(p.path));
  m_app->discardInspectionDraft(inspectionId(), files);
}

}  // namespace secap::field

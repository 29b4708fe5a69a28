// AppController's inspections: the checklists, a submitted inspection's
// page, and the draft writes the wizard (InspectionForm) queues. See
// app_controller.h.
#include <QFileInfo>
#include <QLocale>
#include <QUrl>
#include <set>

#include "app_controller.h"
#include "field_format.h"
#include "photo_draft.h"
#include "secap/core/inspection.h"

namespace secap::field {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString kindText(secap::v1::InspectionItemKind kind) {
  const std::string_view name = core::itemKindName(kind);
  return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

}  // namespace

QString AppController::contentLanguage() const {
  const QString code = m_language.isEmpty() ? QLocale().name().left(2) : m_language;
  return code.isEmpty() ? QStringLiteral("en") : code;
}

QVariantList AppController::inspectionTemplates() const {
  QVariantList out;
  const std::string language = contentLanguage().toStdString();
  for (const auto& t : m_store->inspectionTemplates(m_municipalityId.toStdString())) {
    out.append(QVariantMap{{QStringLiteral("id"), qs(t.id())},
                           {QStringLiteral("name"), qs(core::templateTitle(t, language))},
                           {QStringLiteral("fullName"), qs(t.name())},
                           {QStringLiteral("version"), t.version()},
                           {QStringLiteral("itemCount"), t.items_size()}});
  }
  return out;
}

QVariantMap AppController::inspectionDetails(const QString& inspectionId) const {
  QVariantMap map;
  const auto found = m_store->inspection(inspectionId.toStdString());
  map.insert(QStringLiteral("exists"), found.has_value());
  if (!found) return map;
  const auto& i = *found;
  const std::string language = contentLanguage().toStdString();
  map.insert(QStringLiteral("id"), qs(i.id()));
  map.insert(QStringLiteral("siteId"), qs(i.site_id()));
  map.insert(QStringLiteral("measureId"), qs(i.measure_id()));
  map.insert(QStringLiteral("inspector"), qs(i.inspector()));
  map.insert(QStringLiteral("startedAt"), static_cast<qint64>(i.started_at()));
  map.insert(QStringLiteral("submittedAt"), static_cast<qint64>(i.submitted_at()));
  map.insert(QStringLiteral("outcome"), static_cast<int>(i.outcome()));
  map.insert(QStringLiteral("findings"), qs(i.findings()));
  map.insert(QStringLiteral("amendsId"), qs(i.amends_inspection_id()));
  map.insert(QStringLiteral("hasLocation"), i.has_location());
  if (i.has_location()) {
    map.insert(QStringLiteral("latitude"), i.location().lat());
    map.insert(QStringLiteral("longitude"), i.location().lon());
    if (i.location().has_accuracy_m()) map.insert(QStringLiteral("accuracy"), i.location().accuracy_m());
  }
  map.insert(QStringLiteral("pending"), m_store->hasUnsentChange(core::EntityType::kInspection, i.id()));
  if (const auto site = m_store->site(i.site_id())) map.insert(QStringLiteral("siteName"), qs(site->name()));
  if (i.has_measure_id())
    if (const auto m = m_store->measure(i.measure_id())) {
      map.insert(QStringLiteral("measureTitle"), qs(m->title()));
      map.insert(QStringLiteral("measureCode"), qs(m->code()));
    }
  for (const auto& later : m_store->inspectionsOfSite(i.site_id()))
    if (later.amends_inspection_id() == i.id()) map.insert(QStringLiteral("amendedById"), qs(later.id()));

  const auto tmpl = m_store->inspectionTemplate(i.template_id());
  map.insert(QStringLiteral("templateName"), tmpl ? qs(core::templateTitle(*tmpl, language)) : QString());
  QVariantList answers;
  std::set<std::string> shownPhotos;
  auto photoUrl = [&](const std::string& attachmentId) {
    const QString path = photoFilePath(m_dataDir, qs(attachmentId));
    return QFileInfo::exists(path) ? QUrl::fromLocalFile(path) : QUrl();
  };
  if (tmpl) {
    for (const auto& item : tmpl->items()) {
      QVariantMap row{{QStringLiteral("key"), qs(item.key())},
                      {QStringLiteral("prompt"), qs(core::localizedText(item.prompt(), language))},
                      {QStringLiteral("kind"), kindText(item.kind())},
                      {QStringLiteral("required"), item.required()}};
      const secap::v1::InspectionAnswer* answer = nullptr;
      for (const auto& a : i.answers())
        if (a.item_key() == item.key() && core::isAnswered(a)) answer = &a;
      row.insert(QStringLiteral("answered"), answer != nullptr);
      if (answer) {
        switch (answer->value_case()) {
          case secap::v1::InspectionAnswer::kYesNo:
            row.insert(QStringLiteral("yesNo"), answer->yes_no());
            break;
          case secap::v1::InspectionAnswer::kNumber: {
            QString text = formatNumber(answer->number());
            if (!item.unit().empty()) text += QLatin1Char(' ') + qs(item.unit());
            row.insert(QStringLiteral("answerText"), text);
            break;
          }
          case secap::v1::InspectionAnswer::kChoice: {
            QString label = qs(answer->choice());
            for (const auto& c : item.choices())
              if (c.key() == answer->choice()) label = qs(core::localizedText(c.label(), language));
            row.insert(QStringLiteral("answerText"), label);
            break;
          }
          case secap::v1::InspectionAnswer::kText:
            row.insert(QStringLiteral("answerText"), qs(answer->text()));
            break;
          case secap::v1::InspectionAnswer::kAttachmentId:
            shownPhotos.insert(answer->attachment_id());
            row.insert(QStringLiteral("photoUrl"), photoUrl(answer->attachment_id()));
            break;
          default:
            break;
        }
      }
      answers.append(row);
    }
  }
  map.insert(QStringLiteral("answers"), answers);
  QVariantList photos;
  for (const auto& id : i.attachment_ids()) {
    if (shownPhotos.count(id)) continue;
    const QUrl url = photoUrl(id);
    if (!url.isEmpty()) photos.append(url);
  }
  map.insert(QStringLiteral("photoUrls"), photos);
  return map;
}

void AppController::saveInspectionDraft(core::InspectionDraft draft, QStringList released) {
  const QString id = qs(draft.inspection.id());
  runWrite(
      [draft = std::move(draft), released = std::move(released)](core::LocalStore& store) -> core::Result<QStringList> {
        auto dropped = store.saveInspectionDraft(draft);
        if (!dropped.isOk()) return dropped.status();
        QStringList files = released;
        for (const auto& path : *dropped) files.append(qs(path));
        return files;
      },
      /*isSave=*/false,
      [this, id](const core::Status& done) {
        if (!done.isOk()) {
          const auto r = reasonOf(done);
          qWarning("inspection draft %s not saved: %s", qPrintable(id), done.toString().c_str());
          emit inspectionDraftSaveFailed(id, r.code, r.message);
          return;
        }
        emit inspectionDraftsChanged();
      });
}

void AppController::submitInspection(const QString& inspectionId) {
  runWrite(
      [id = inspectionId.toStdString()](core::LocalStore& store) -> core::Result<QStringList> {
        auto submitted = store.submitInspectionDraft(id);
        if (!submitted.isOk()) return submitted.status();
        return QStringList();
      },
      /*isSave=*/true,
      [this, inspectionId](const core::Status& done) {
        if (!done.isOk()) {
          const auto r = reasonOf(done);
          emit inspectionSubmitFailed(inspectionId, r.code, r.message);
          return;
        }
        refreshLocalCounts();
        bumpData();
        emit inspectionDraftsChanged();
        emit inspectionSubmitted(inspectionId);
        if (m_sync && m_enrolled) m_sync->requestSync();
      });
}

void AppController::discardInspectionDraft(const QString& inspectionId, QStringList photoFiles) {
  runWrite(
      [id = inspectionId.toStdString(),
       photoFiles = std::move(photoFiles)](core::LocalStore& store) -> core::Result<QStringList> {
        auto files = store.discardInspectionDraft(id);
        // Not written yet (discarded within the autosave's delay): only the
        // form's own photos are left to delete.
        if (!files.isOk() && files.status().code() != core::StatusCode::kNotFound) return files.status();
        QStringList out = photoFiles;
        if (!files.isOk()) return out;
        for (const auto& path : *files) out.append(qs(path));
        return out;
      },
      /*isSave=*/true,
      [this, inspectionId](const core::Status& done) {
        if (!done.isOk() && done.code() != core::StatusCode::kNotFound) {
          const auto r = reasonOf(done);
          emit inspectionSubmitFailed(inspectionId, r.code, r.message);
          return;
        }
        emit inspectionDraftsChanged();
        emit inspectionDiscarded(inspectionId);
      });
}

}  // namespace secap::field

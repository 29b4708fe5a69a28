#pragma once
// InspectionForm: the inspection wizard's state (DESIGN.md §7 "Inspection
// wizard: checklist from the template, photos, GPS position, outcome,
// submit"). It holds one draft Inspection and its photos, answers the
// template's items in the app's language, and writes the draft to the
// device after every change (AppController::saveInspectionDraft, off the UI
// thread, a quarter second after the last change and at once when the page
// goes), so a draft survives the app being killed. Drafts stay on the device;
// submit() makes the draft an immutable Inspection in the outbox. An
// amendment is a new draft that names the inspection it amends, with that
// inspection's answers to start from.
//
// Whether it can be submitted comes from the shared checklist rule
// (inspection.h), the same the server applies: every required item
// answered, every answer fitting its item, and an outcome chosen.
//
// UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>

#include "app_controller.h"
#include "photo_draft.h"
#include "secap/core/local_store.h"

namespace secap::field {

class InspectionForm : public QObject {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(secap::field::AppController* app READ app WRITE setApp NOTIFY appChanged)
  // A draft is open.
  Q_PROPERTY(bool ready READ ready NOTIFY loaded)
  Q_PROPERTY(QString inspectionId READ inspectionId NOTIFY loaded)
  Q_PROPERTY(QString templateName READ templateName NOTIFY loaded)
  Q_PROPERTY(QString siteId READ siteId NOTIFY loaded)
  Q_PROPERTY(QString measureId READ measureId NOTIFY loaded)
  Q_PROPERTY(QString amendsId READ amendsId NOTIFY loaded)
  Q_PROPERTY(qint64 startedAt READ startedAt NOTIFY loaded)
  // The checklist: [{key, kind ("yes_no", "number", "choice", "text",
  // "photo"), prompt, required, unit, min, max (absent when not set),
  // choices [{key, label}]}], prompts and labels in the app's language.
  Q_PROPERTY(QVariantList items READ items NOTIFY loaded)
  // The answers by item key: a bool, a number, a choice key, a text, or a
  // photo's file URL.
  Q_PROPERTY(QVariantMap answers READ answers NOTIFY answersChanged)
  // Required items without an answer, and answers that do not fit, by key.
  Q_PROPERTY(QStringList missing READ missing NOTIFY answersChanged)
  Q_PROPERTY(QStringList invalid READ invalid NOTIFY answersChanged)
  Q_PROPERTY(int answeredCount READ answeredCount NOTIFY answersChanged)
  Q_PROPERTY(QString findings READ findings WRITE setFindings NOTIFY findingsChanged)
  // An InspectionOutcome; 0 while none is chosen.
  Q_PROPERTY(int outcome READ outcome WRITE setOutcome NOTIFY outcomeChanged)
  // The inspection's own photos (not an item's): [{attachmentId, url}].
  Q_PROPERTY(QVariantList photos READ photos NOTIFY photosChanged)
  Q_PROPERTY(bool hasLocation READ hasLocation NOTIFY locationChanged)
  Q_PROPERTY(double latitude READ latitude NOTIFY locationChanged)
  Q_PROPERTY(double longitude READ longitude NOTIFY locationChanged)
  Q_PROPERTY(double accuracy READ accuracy NOTIFY locationChanged)  // metres; negative: unknown
  Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY stateChanged)
  Q_PROPERTY(bool submitting READ submitting NOTIFY stateChanged)

 public:
  explicit InspectionForm(QObject* parent = nullptr);
  // Writes a pending change before it goes.
  ~InspectionForm() override;

  AppController* app() const { return m_app; }
  void setApp(AppController* app);

  bool ready() const { return m_ready; }
  QString inspectionId() const;
  QString templateName() const;
  QString siteId() const;
  QString measureId() const;
  QString amendsId() const;
  qint64 startedAt() const;
  QVariantList items() const { return m_items; }
  QVariantMap answers() const;
  QStringList missing() const { return m_missing; }
  QStringList invalid() const { return m_invalid; }
  int answeredCount() const;
  QString findings() const;
  void setFindings(const QString& text);
  int outcome() const;
  void setOutcome(int outcome);
  QVariantList photos() const;
  bool hasLocation() const;
  double latitude() const;
  double longitude() const;
  double accuracy() const;
  bool canSubmit() const;
  bool submitting() const { return m_submitting; }

  // Starts a new draft of `templateId` at the site (and measure, may be
  // empty), saved at once. With `amendsId`, the draft amends that submitted
  // inspection (its checklist when `templateId` is empty, its site and
  // measure) and starts from its answers, findings and outcome. False
  // when the template or the inspection to amend is not on the device.
  Q_INVOKABLE bool startNew(const QString& templateId, const QString& siteId, const QString& measureId,
                            const QString& amendsId = QString());
  // Opens a draft kept on the device; false when there is none.
  Q_INVOKABLE bool open(const QString& inspectionId);

  Q_INVOKABLE void setYesNo(const QString& key, bool value);
  // Text in the locale's format; false (and no answer) when it is not a
  // number. Empty text clears the answer.
  Q_INVOKABLE bool setNumberText(const QString& key, const QString& text);
  Q_INVOKABLE void setChoice(const QString& key, const QString& choiceKey);
  Q_INVOKABLE void setText(const QString& key, const QString& text);
  Q_INVOKABLE void clearAnswer(const QString& key);
  // Takes the photo of `draft` into the inspection: as the answer of item
  // `key`, or (empty key) as one of the inspection's photos. The file moves
  // to where saved photos stay; the PhotoDraft lets go of it. False when
  // the draft has no photo ready or the file cannot be moved.
  Q_INVOKABLE bool adoptPhoto(const QString& key, secap::field::PhotoDraft* draft);
  Q_INVOKABLE void removePhoto(const QString& attachmentId);
  // The position where the inspection is made; accuracy in metres, negative
  // when unknown.
  Q_INVOKABLE void setLocation(double latitude, double longitude, double accuracy);
  Q_INVOKABLE void clearLocation();

  // Writes the draft now (also done by itself after every change).
  Q_INVOKABLE void saveNow();
  // Submits: submitted(id) or submitFailed(code, message) follows.
  Q_INVOKABLE void submit();
  // Drops the draft and its photos: discarded() follows.
  Q_INVOKABLE void discard();

 signals:
  void appChanged();
  void loaded();
  void answersChanged();
  void findingsChanged();
  void outcomeChanged();
  void photosChanged();
  void locationChanged();
  void stateChanged();
  void submitted(const QString& inspectionId);
  void submitFailed(const QString& reasonCode, const QString& message);
  void discarded();
  // The draft could not be written (a full disk): the page says so.
  void saveFailed(const QString& reasonCode, const QString& message);

 private:
  void load(core::InspectionDraft draft, const secap::v1::InspectionTemplate& tmpl);
  secap::v1::InspectionAnswer* answerFor(const QString& key, bool create);
  void changed();  // answers changed: re-check, schedule a save
  void recheck();
  void scheduleSave();
  void dropPhotoOfItem(const QString& key);
  // Takes the photo out of the draft; its file goes after the next write.
  void releasePhoto(const std::string& attachmentId);

  QPointer<AppController> m_app;
  bool m_ready = false;
  core::InspectionDraft m_draft;
  secap::v1::InspectionTemplate m_template;
  QVariantList m_items;
  QStringList m_missing;
  QStringList m_invalid;
  bool m_submitting = false;
  bool m_discarding = false;
  bool m_dirty = false;
  // Photo files let go of since the last write (removed or replaced).
  QStringList m_released;
  QTimer m_saveTimer;
};

}  // namespace secap::field

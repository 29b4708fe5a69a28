// Inspections in the field app over a device store holding the server's demo
// data of Bydgoszcz: InspectionsModel (watched by QAbstractItemModelTester),
// InspectionForm through a real restart of the app (a new store and
// controller on the same data directory), submitting and amending, and
// LocationProbe with no positioning and with a recorded GPS log.

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QFileInfo>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "app_controller.h"
#include "demo_fixture.h"
#include "inspection_form.h"
#include "inspections_model.h"
#include "location_probe.h"
#include "photo_draft.h"

namespace secap::field {
namespace {

using Tester = QAbstractItemModelTester;

class InspectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_dir.isValid());
    m_app = testing::openServerDemoApp(m_dir.path(), {}, &m_ids);
    ASSERT_TRUE(m_app);
  }

  // The app is closed (the write pool finishes, as on a clean exit) and
  // started again on the same data directory.
  void restartApp() {
    m_app.reset();
    auto store = core::LocalStore::open(storePath(m_dir.path()).toStdString());
    ASSERT_TRUE(store.isOk()) << store.status().toString();
    m_app = std::make_unique<AppController>(std::move(store).value(), TransportFactory{}, m_dir.path());
  }

  QString templateNamed(const QString& english) {
    for (const QVariant& t : m_app->inspectionTemplates())
      if (t.toMap().value("fullName").toString().contains(english)) return t.toMap().value("id").toString();
    return {};
  }

  // A completed measure at a site: {measureId, siteId}.
  std::pair<QString, QString> completedMeasureAtSite() {
    for (const auto& m : m_app->store().measures(m_ids.municipalityId)) {
      const auto details = m_app->measureDetails(QString::fromStdString(m.id()));
      const QStringList sites = details.value("siteIds").toStringList();
      if (details.value("status").toInt() == secap::v1::PROGRESS_STATUS_COMPLETED && !sites.isEmpty())
        return {QString::fromStdString(m.id()), sites.first()};
    }
    return {};
  }

  QString photoFile(const QString& name) {
    const QString file = m_dir.filePath(name);
    QImage image(800, 600, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    EXPECT_TRUE(image.save(file));
    return file;
  }

  // Waits for the write pool to have written everything queued so far.
  void settle() {
    QSignalSpy drafts(m_app.get(), &AppController::inspectionDraftsChanged);
    core::InspectionDraft probe;  // a write queued behind the others
    probe.inspection.set_id("settle");
    probe.inspection.set_site_id("none");
    m_app->saveInspectionDraft(probe);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !drafts.isEmpty(); }, 10000));
    ASSERT_TRUE(m_app->store().discardInspectionDraft("settle").isOk());
  }

  QTemporaryDir m_dir;
  testing::ServerDemoIds m_ids;
  std::unique_ptr<AppController> m_app;
};

TEST_F(InspectionTest, TheDemoShipsTheVerificationAndTheSecapAuditInTheAppsLanguage) {
  m_app->setLanguage(QStringLiteral("de"));
  QStringList names;
  for (const QVariant& t : m_app->inspectionTemplates()) names << t.toMap().value("name").toString();
  EXPECT_TRUE(names.contains(QStringLiteral("Maßnahmenprüfung"))) << names.join(", ").toStdString();
  EXPECT_TRUE(names.contains(QStringLiteral("Internes SECAP-Audit"))) << names.join(", ").toStdString();

  InspectionForm form;
  form.setApp(m_app.get());
  const auto [measureId, siteId] = completedMeasureAtSite();
  ASSERT_TRUE(form.startNew(templateNamed("SECAP internal audit"), siteId, QString()));
  ASSERT_GE(form.items().size(), 8);
  EXPECT_EQ(form.items().first().toMap().value("prompt").toString(),
            QStringLiteral("Sind eine SECAP-Koordination und ein Energieteam benannt?"));
  form.discard();
}

TEST_F(InspectionTest, TheModelListsAMeasuresInspectionsAndItsDraftsFirst) {
  const auto [measureId, siteId] = completedMeasureAtSite();
  ASSERT_FALSE(measureId.isEmpty());
  InspectionsModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  model.setApp(m_app.get());
  model.setMeasureId(measureId);
  const int submitted = model.rowCount();
  ASSERT_GE(submitted, 1) << "the demo verified its completed measures on site";
  EXPECT_FALSE(model.index(0, 0).data(InspectionsModel::IsDraftRole).toBool());
  EXPECT_GT(model.index(0, 0).data(InspectionsModel::OutcomeRole).toInt(), 0);

  InspectionForm form;
  form.setApp(m_app.get());
  ASSERT_TRUE(form.startNew(templateNamed("Measure verification"), siteId, measureId));
  ASSERT_TRUE(QTest::qWaitFor([&] { return model.rowCount() == submitted + 1; }, 10000));
  EXPECT_TRUE(model.index(0, 0).data(InspectionsModel::IsDraftRole).toBool());
  EXPECT_EQ(model.index(0, 0).data(InspectionsModel::InspectionIdRole).toString(), form.inspectionId());
  EXPECT_EQ(model.draftCount(), 1);
}

// The app is closed in the middle of an inspection and started again: the
// answers, the findings, the position and the photo are all there.
TEST_F(InspectionTest, ADraftSurvivesARestartOfTheApp) {
  const auto [measureId, siteId] = completedMeasureAtSite();
  QString id;
  {
    InspectionForm form;
    form.setApp(m_app.get());
    ASSERT_TRUE(form.startNew(templateNamed("Measure verification"), siteId, measureId));
    id = form.inspectionId();
    form.setYesNo("implemented_as_planned", true);
    EXPECT_TRUE(form.setNumberText("installed_quantity", QStringLiteral("1 250,5")));
    form.setChoice("condition", "minor_defects");
    form.setFindings(QStringLiteral("Brak tabliczki znamionowej falownika."));
    form.setLocation(53.1235, 18.0084, 7);
    PhotoDraft photo;
    photo.setApp(m_app.get());
    photo.loadFile(QUrl::fromLocalFile(photoFile("roof.png")));
    ASSERT_TRUE(QTest::qWaitFor([&] { return photo.hasPhoto() && !photo.busy(); }, 10000));
    ASSERT_TRUE(form.adoptPhoto("photo_evidence", &photo));
    EXPECT_FALSE(photo.hasPhoto()) << "the draft took the file";
    // The form goes with its last change unwritten: it writes it as it goes.
  }
  restartApp();

  InspectionsModel model;
  model.setApp(m_app.get());
  model.setMeasureId(measureId);
  ASSERT_GE(model.rowCount(), 1);
  EXPECT_TRUE(model.index(0, 0).data(InspectionsModel::IsDraftRole).toBool());
  EXPECT_EQ(model.index(0, 0).data(InspectionsModel::AnsweredRole).toInt(), 4);

  InspectionForm form;
  form.setApp(m_app.get());
  ASSERT_TRUE(form.open(id));
  const QVariantMap answers = form.answers();
  EXPECT_EQ(answers.value("implemented_as_planned").toBool(), true);
  EXPECT_DOUBLE_EQ(answers.value("installed_quantity").toDouble(), 1250.5);
  EXPECT_EQ(answers.value("condition").toString(), QStringLiteral("minor_defects"));
  EXPECT_TRUE(QFileInfo::exists(answers.value("photo_evidence").toUrl().toLocalFile()));
  EXPECT_EQ(form.findings(), QStringLiteral("Brak tabliczki znamionowej falownika."));
  EXPECT_TRUE(form.hasLocation());
  EXPECT_DOUBLE_EQ(form.accuracy(), 7);
  EXPECT_EQ(form.missing(), QStringList{QStringLiteral("equipment_in_operation")});
  EXPECT_EQ(m_app->pendingCount(), 0) << "a draft never goes to the outbox";
}

TEST_F(InspectionTest, SubmittingNeedsEveryRequiredAnswerAndAnOutcomeThenTheInspectionNeverChanges) {
  const auto [measureId, siteId] = completedMeasureAtSite();
  InspectionForm form;
  form.setApp(m_app.get());
  ASSERT_TRUE(form.startNew(templateNamed("Measure verification"), siteId, measureId));
  QSignalSpy failed(&form, &InspectionForm::submitFailed);
  QSignalSpy submitted(&form, &InspectionForm::submitted);

  form.setYesNo("implemented_as_planned", true);
  form.submit();
  ASSERT_EQ(failed.size(), 1);
  EXPECT_EQ(failed.first().at(0).toString(), QStringLiteral("inspection.missing_answer"));
  form.setYesNo("equipment_in_operation", false);
  form.setChoice("condition", "major_defects");
  EXPECT_FALSE(form.setNumberText("installed_quantity", QStringLiteral("abc")));
  EXPECT_FALSE(form.answers().contains("installed_quantity")) << "text that is no number is no answer";
  form.submit();
  ASSERT_EQ(failed.size(), 2);
  EXPECT_EQ(failed.last().at(0).toString(), QStringLiteral("inspection.no_outcome"));
  form.setOutcome(secap::v1::INSPECTION_OUTCOME_FOLLOW_UP_NEEDED);
  ASSERT_TRUE(form.canSubmit());
  const int pending = m_app->pendingCount();
  form.submit();
  ASSERT_TRUE(QTest::qWaitFor([&] { return !submitted.isEmpty() || failed.size() > 2; }, 10000));
  ASSERT_EQ(submitted.size(), 1) << failed.last().at(0).toString().toStdString();
  EXPECT_EQ(m_app->pendingCount(), pending + 1);
  EXPECT_FALSE(form.ready());

  const QString id = form.inspectionId();
  const QVariantMap details = m_app->inspectionDetails(id);
  EXPECT_TRUE(details.value("exists").toBool());
  EXPECT_TRUE(details.value("pending").toBool());
  EXPECT_FALSE(details.value("hasLocation").toBool()) << "submitted without a fix, and says so";
  EXPECT_EQ(details.value("outcome").toInt(), secap::v1::INSPECTION_OUTCOME_FOLLOW_UP_NEEDED);
  EXPECT_FALSE(form.open(id)) << "a submitted inspection is no draft";

  // An amendment: a new inspection naming it, from its answers.
  InspectionForm amend;
  amend.setApp(m_app.get());
  ASSERT_TRUE(amend.startNew(QString(), QString(), QString(), id));
  EXPECT_EQ(amend.amendsId(), id);
  EXPECT_EQ(amend.measureId(), measureId);
  EXPECT_EQ(amend.answers().value("condition").toString(), QStringLiteral("major_defects"));
  EXPECT_EQ(amend.outcome(), secap::v1::INSPECTION_OUTCOME_FOLLOW_UP_NEEDED);
  amend.setYesNo("equipment_in_operation", true);
  amend.setChoice("condition", "good");
  amend.setOutcome(secap::v1::INSPECTION_OUTCOME_VERIFIED);
  QSignalSpy amended(&amend, &InspectionForm::submitted);
  amend.submit();
  ASSERT_TRUE(QTest::qWaitFor([&] { return !amended.isEmpty(); }, 10000));
  EXPECT_EQ(m_app->inspectionDetails(id).value("amendedById").toString(), amend.inspectionId());
  EXPECT_EQ(m_app->inspectionDetails(amend.inspectionId()).value("amendsId").toString(), id);
}

TEST_F(InspectionTest, ADiscardedDraftTakesItsPhotosWithIt) {
  const auto [measureId, siteId] = completedMeasureAtSite();
  InspectionForm form;
  form.setApp(m_app.get());
  ASSERT_TRUE(form.startNew(templateNamed("Measure verification"), siteId, measureId));
  PhotoDraft photo;
  photo.setApp(m_app.get());
  photo.loadFile(QUrl::fromLocalFile(photoFile("wall.png")));
  ASSERT_TRUE(QTest::qWaitFor([&] { return photo.hasPhoto() && !photo.busy(); }, 10000));
  ASSERT_TRUE(form.adoptPhoto(QString(), &photo));
  ASSERT_EQ(form.photos().size(), 1);
  const QString file = form.photos().first().toMap().value("url").toUrl().toLocalFile();
  ASSERT_TRUE(QFileInfo::exists(file));
  QSignalSpy discarded(&form, &InspectionForm::discarded);
  form.discard();
  ASSERT_TRUE(QTest::qWaitFor([&] { return !discarded.isEmpty(); }, 10000));
  EXPECT_FALSE(QFileInfo::exists(file));
  EXPECT_TRUE(m_app->store().inspectionDrafts().empty());
}

TEST(LocationProbe, WithoutPositioningItSaysSoAtOnce) {
  qputenv("SECAP_POSITION_SOURCE", "none");
  LocationProbe probe;
  probe.locate();
  EXPECT_EQ(probe.state(), LocationProbe::NoPosition);
  EXPECT_EQ(probe.errorCode(), QStringLiteral("location.unavailable"));
  qunsetenv("SECAP_POSITION_SOURCE");
}

TEST(LocationProbe, AGpsLogGivesAFixWithItsAccuracy) {
  qputenv("SECAP_POSITION_SOURCE", QByteArray("nmea:") + SECAP_TEST_NMEA);
  LocationProbe probe;
  probe.locate();
  ASSERT_TRUE(QTest::qWaitFor([&] { return probe.state() != LocationProbe::Locating; }, 15000));
  ASSERT_EQ(probe.state(), LocationProbe::Fixed) << probe.errorCode().toStdString();
  EXPECT_NEAR(probe.latitude(), 53.1235, 1e-4);
  EXPECT_NEAR(probe.longitude(), 18.0084, 1e-4);
  EXPECT_NEAR(probe.accuracy(), 6.0, 0.01);
  qunsetenv("SECAP_POSITION_SOURCE");
}

TEST(LocationProbe, AnUnreadableLogIsNoPositionNotAHang) {
  qputenv("SECAP_POSITION_SOURCE", "nmea:/nonexistent/gps.nmea");
  LocationProbe probe;
  probe.locate();
  EXPECT_EQ(probe.state(), LocationProbe::NoPosition);
  qunsetenv("SECAP_POSITION_SOURCE");
}

}  // namespace
}  // namespace secap::field

// The measures side of the field app over a device store holding the
// server's demo data of Bydgoszcz: MeasuresModel, ProgressUpdatesModel and
// MunicipalityProgress (each model watched by QAbstractItemModelTester), and
// AppController::recordProgress with its checks.

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
#include "measures_model.h"
#include "municipality_progress.h"
#include "photo_draft.h"
#include "progress_updates_model.h"
#include "secap/core/report.h"

namespace secap::field {
namespace {

using Tester = QAbstractItemModelTester;

class MeasuresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_dir.isValid());
    m_app = testing::openServerDemoApp(m_dir.path(), {}, &m_ids);
    ASSERT_TRUE(m_app);
  }

  // The first measure with this status, by its row in an unfiltered model.
  QString measureWithStatus(int status) {
    MeasuresModel model;
    model.setApp(m_app.get());
    for (int r = 0; r < model.rowCount(); ++r)
      if (model.index(r, 0).data(MeasuresModel::StatusRole).toInt() == status)
        return model.index(r, 0).data(MeasuresModel::MeasureIdRole).toString();
    return {};
  }

  // Saves and waits; returns the reason code of a refusal, "" on success.
  QString save(const QString& measureId, int status, const QString& percent, const QString& spent,
               const QVariantList& indicators = {}, PhotoDraft* photo = nullptr, QString* updateId = nullptr) {
    QSignalSpy saved(m_app.get(), &AppController::progressSaved);
    QSignalSpy rejected(m_app.get(), &AppController::progressRejected);
    const bool started =
        m_app->recordProgress(measureId, status, percent, spent, QStringLiteral("note"), indicators, photo);
    if (started && !QTest::qWaitFor([&] { return !saved.isEmpty() || !rejected.isEmpty(); }, 10000))
      return QStringLiteral("timeout");
    if (!rejected.isEmpty()) return rejected.first().at(1).toString();
    if (updateId) *updateId = saved.first().at(1).toString();
    return {};
  }

  QTemporaryDir m_dir;
  testing::ServerDemoIds m_ids;
  std::unique_ptr<AppController> m_app;
};

TEST_F(MeasuresTest, ListsTheTownsMeasuresByCodeWithWhereTheyStand) {
  MeasuresModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  model.setApp(m_app.get());

  ASSERT_EQ(model.rowCount(), m_ids.measures);
  ASSERT_GE(model.rowCount(), 6);
  QStringList codes;
  for (int r = 0; r < model.rowCount(); ++r) codes << model.index(r, 0).data(MeasuresModel::CodeRole).toString();
  QStringList sorted = codes;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(codes, sorted);
  // The demo story: done, under way and about to start.
  EXPECT_GT(model.countWithStatus(secap::v1::PROGRESS_STATUS_COMPLETED), 0);
  EXPECT_GT(model.countWithStatus(secap::v1::PROGRESS_STATUS_ONGOING), 0);
  EXPECT_GT(model.countWithStatus(secap::v1::PROGRESS_STATUS_NOT_STARTED), 0);
  // A measure without updates stands "not started", with nothing reported.
  for (int r = 0; r < model.rowCount(); ++r) {
    const QModelIndex i = model.index(r, 0);
    if (i.data(MeasuresModel::UpdateCountRole).toInt() > 0) continue;
    EXPECT_EQ(i.data(MeasuresModel::StatusRole).toInt(), secap::v1::PROGRESS_STATUS_NOT_STARTED);
    EXPECT_LT(i.data(MeasuresModel::PercentRole).toDouble(), 0);
  }
}

TEST_F(MeasuresTest, FiltersByWordsAndByStatus) {
  MeasuresModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  model.setApp(m_app.get());
  const int all = model.rowCount();

  model.setFilter(QStringLiteral("autobusow"));  // "autobusów" without its accent
  ASSERT_EQ(model.rowCount(), 1);
  EXPECT_EQ(model.index(0, 0).data(MeasuresModel::CodeRole).toString(), QStringLiteral("T.1"));
  model.setFilter(QStringLiteral("heat pumps"));  // the area key, as words
  EXPECT_EQ(model.rowCount(), 1);
  model.setFilter(QString());

  model.setStatusFilter(secap::v1::PROGRESS_STATUS_COMPLETED);
  EXPECT_EQ(model.rowCount(), model.countWithStatus(secap::v1::PROGRESS_STATUS_COMPLETED));
  for (int r = 0; r < model.rowCount(); ++r)
    EXPECT_EQ(model.index(r, 0).data(MeasuresModel::StatusRole).toInt(), secap::v1::PROGRESS_STATUS_COMPLETED);
  model.setStatusFilter(0);
  EXPECT_EQ(model.rowCount(), all);
}

TEST_F(MeasuresTest, ASitesMeasuresAreThoseNamingIt) {
  // The school's thermal modernisation names its school.
  MeasuresModel all;
  all.setApp(m_app.get());
  all.setFilter(QStringLiteral("B.1"));
  ASSERT_EQ(all.rowCount(), 1);
  const QStringList sites = m_app->measureDetails(all.index(0, 0).data(MeasuresModel::MeasureIdRole).toString())
                                .value(QStringLiteral("siteIds"))
                                .toStringList();
  ASSERT_EQ(sites.size(), 1);
  MeasuresModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  model.setApp(m_app.get());
  model.setSiteId(sites.first());
  ASSERT_GE(model.rowCount(), 1);
  for (int r = 0; r < model.rowCount(); ++r) {
    const QStringList of = m_app->measureDetails(model.index(r, 0).data(MeasuresModel::MeasureIdRole).toString())
                               .value(QStringLiteral("siteIds"))
                               .toStringList();
    EXPECT_TRUE(of.contains(sites.first()));
  }
}

TEST_F(MeasuresTest, ProgressSavedOfflineShowsAtOnceAndWaitsToSync) {
  const QString measureId = measureWithStatus(secap::v1::PROGRESS_STATUS_ONGOING);
  ASSERT_FALSE(measureId.isEmpty());
  MeasuresModel measures;
  Tester measuresTester(&measures, Tester::FailureReportingMode::Fatal);
  measures.setApp(m_app.get());
  ProgressUpdatesModel updates;
  Tester updatesTester(&updates, Tester::FailureReportingMode::Fatal);
  updates.setApp(m_app.get());
  updates.setMeasureId(measureId);
  const int before = updates.rowCount();
  const int pendingBefore = m_app->pendingCount();

  QLocale::setDefault(QLocale(QLocale::Polish, QLocale::Poland));
  const QVariantList indicators{
      QVariantMap{{"key", "buses_delivered"}, {"valueText", "4"}, {"unit", "pcs"}, {"custom", false}},
      QVariantMap{{"key", "installed_power"}, {"valueText", ""}, {"unit", "kWp"}, {"custom", false}},
      QVariantMap{{"key", "Stojaki rowerowe"}, {"valueText", "12,5"}, {"unit", "pcs"}, {"custom", true}}};
  QString updateId;
  EXPECT_EQ(save(measureId, secap::v1::PROGRESS_STATUS_ONGOING, QStringLiteral("67,5"), QStringLiteral("1 600 000"),
                 indicators, nullptr, &updateId),
            QString());
  QLocale::setDefault(QLocale::c());

  EXPECT_EQ(m_app->pendingCount(), pendingBefore + 1);
  ASSERT_EQ(updates.rowCount(), before + 1);
  const QModelIndex newest = updates.index(0, 0);
  EXPECT_EQ(newest.data(ProgressUpdatesModel::UpdateIdRole).toString(), updateId);
  EXPECT_DOUBLE_EQ(newest.data(ProgressUpdatesModel::PercentRole).toDouble(), 67.5);
  EXPECT_DOUBLE_EQ(newest.data(ProgressUpdatesModel::SpentRole).toDouble(), 1600000);
  // The empty row is not reported; a typed name becomes a snake_case key.
  const QVariantList saved = newest.data(ProgressUpdatesModel::IndicatorsRole).toList();
  ASSERT_EQ(saved.size(), 2);
  EXPECT_EQ(saved[1].toMap().value("key").toString(), QStringLiteral("stojaki_rowerowe"));
  EXPECT_DOUBLE_EQ(saved[1].toMap().value("value").toDouble(), 12.5);

  const QVariantMap details = m_app->measureDetails(measureId);
  EXPECT_DOUBLE_EQ(details.value("percent").toDouble(), 67.5);
  for (int r = 0; r < measures.rowCount(); ++r)
    if (measures.index(r, 0).data(MeasuresModel::MeasureIdRole).toString() == measureId)
      EXPECT_DOUBLE_EQ(measures.index(r, 0).data(MeasuresModel::PercentRole).toDouble(), 67.5);
}

TEST_F(MeasuresTest, RefusesWhatCannotBeRightAndSavesNothing) {
  const QString measureId = measureWithStatus(secap::v1::PROGRESS_STATUS_ONGOING);
  const int pending = m_app->pendingCount();
  EXPECT_EQ(save(measureId, 0, "10", ""), QStringLiteral("progress.no_status"));
  EXPECT_EQ(save(measureId, 2, "150", ""), QStringLiteral("progress.bad_percent"));
  EXPECT_EQ(save(measureId, 2, "10", "-5"), QStringLiteral("progress.bad_value"));
  EXPECT_EQ(save(measureId, 2, "ten", ""), QStringLiteral("input.not_a_number"));
  EXPECT_EQ(save(measureId, 2, "10", "", {QVariantMap{{"key", ""}, {"valueText", "3"}, {"custom", true}}}),
            QStringLiteral("progress.bad_indicator"));
  EXPECT_EQ(save(measureId, 2, "10", "", {QVariantMap{{"key", "bike racks"}, {"valueText", ""}, {"custom", true}}}),
            QStringLiteral("progress.bad_indicator"));
  EXPECT_EQ(save(QStringLiteral("0190f0f0-0000-7000-8000-000000000000"), 2, "10", ""),
            QStringLiteral("progress.unknown_measure"));
  EXPECT_EQ(m_app->pendingCount(), pending);
}

TEST_F(MeasuresTest, FiltersBySectorAndTheStatusCountsFollow) {
  MeasuresModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  model.setApp(m_app.get());
  const QStringList sectors = model.sectors();
  ASSERT_GE(sectors.size(), 2) << "the demo plan spans several sectors";
  const int all = model.rowCount();
  model.setSectorFilter(sectors.first());
  ASSERT_GT(model.rowCount(), 0);
  EXPECT_LT(model.rowCount(), all);
  for (int r = 0; r < model.rowCount(); ++r)
    EXPECT_EQ(model.index(r, 0).data(MeasuresModel::ComSectorRole).toString(), sectors.first());
  EXPECT_EQ(model.countWithStatus(0), model.rowCount());
  int byStatus = 0;
  for (int status = 1; status <= 5; ++status) byStatus += model.countWithStatus(status);
  EXPECT_EQ(byStatus, model.rowCount());
  model.setSectorFilter(QString());
  EXPECT_EQ(model.rowCount(), all);
}

TEST_F(MeasuresTest, APhotoBecomesAnAttachmentOfTheUpdate) {
  const QString measureId = measureWithStatus(secap::v1::PROGRESS_STATUS_ONGOING);
  const QString file = m_dir.filePath(QStringLiteral("work.png"));
  QImage image(800, 600, QImage::Format_RGB32);
  image.fill(Qt::darkGreen);
  ASSERT_TRUE(image.save(file));
  PhotoDraft photo;
  photo.setApp(m_app.get());
  photo.loadFile(QUrl::fromLocalFile(file));
  ASSERT_TRUE(QTest::qWaitFor([&] { return photo.hasPhoto() && !photo.busy(); }, 10000));

  QString updateId;
  ASSERT_EQ(save(measureId, 3, "100", "", {}, &photo, &updateId), QString());
  EXPECT_EQ(m_app->pendingPhotoCount(), 1);
  ProgressUpdatesModel updates;
  updates.setApp(m_app.get());
  updates.setMeasureId(measureId);
  ASSERT_GT(updates.rowCount(), 0);
  const QVariantList urls = updates.index(0, 0).data(ProgressUpdatesModel::PhotoUrlsRole).toList();
  ASSERT_EQ(urls.size(), 1);
  const auto attachmentId = QFileInfo(urls[0].toUrl().toLocalFile()).completeBaseName().toStdString();
  const auto attachment = m_app->store().attachment(attachmentId);
  ASSERT_TRUE(attachment.has_value());
  EXPECT_EQ(attachment->owner_type(), "progress_update");
  EXPECT_EQ(attachment->owner_id(), updateId.toStdString());
  // The measure is now complete.
  EXPECT_EQ(m_app->measureDetails(measureId).value("status").toInt(), secap::v1::PROGRESS_STATUS_COMPLETED);
}

TEST_F(MeasuresTest, TheOfflineReportIsTheSharedReportOfTheDevicesRecords) {
  MunicipalityProgress progress;
  QSignalSpy changed(&progress, &MunicipalityProgress::reportChanged);
  progress.setApp(m_app.get());
  ASSERT_TRUE(changed.wait(30000));
  const QVariantMap report = progress.report();
  ASSERT_TRUE(report.value("available").toBool());
  const auto expected =
      core::municipalityReport(m_app->store().monitoringRecords(m_app->municipalityId().toStdString()));
  EXPECT_EQ(report.value("name").toString(), QString::fromStdString(expected.name()));
  EXPECT_DOUBLE_EQ(report.value("bei").toMap().value("tCo2").toDouble(), expected.bei().total_t_co2());
  EXPECT_DOUBLE_EQ(report.value("reduction").toMap().value("reductionPct").toDouble(),
                   expected.reduction().reduction_pct());
  EXPECT_EQ(report.value("measureCount").toInt(), expected.measures_size());
  EXPECT_EQ(report.value("path").toList().size(), expected.linear_path_size());

  // A new progress update is in the next report.
  const QString measureId = measureWithStatus(secap::v1::PROGRESS_STATUS_ONGOING);
  changed.clear();
  ASSERT_EQ(save(measureId, secap::v1::PROGRESS_STATUS_COMPLETED, "100", ""), QString());
  // The new report may already have come while save() waited for the save
  // (a CI run under load: wait() alone then waited for a second one).
  ASSERT_TRUE(QTest::qWaitFor([&] { return !changed.isEmpty(); }, 30000));
  const QVariantMap measure = progress.report().value("measures").toMap().value(measureId).toMap();
  EXPECT_FALSE(measure.isEmpty());
  int completed = 0;
  for (const QVariant& s : progress.report().value("byStatus").toList())
    if (s.toMap().value("status").toInt() == secap::v1::PROGRESS_STATUS_COMPLETED)
      completed = s.toMap().value("measures").toInt();
  EXPECT_EQ(completed, static_cast<int>(std::count_if(
                           expected.measures().begin(), expected.measures().end(),
                           [](const auto& m) { return m.status() == secap::v1::PROGRESS_STATUS_COMPLETED; })) +
                           1);
}

}  // namespace
}  // namespace secap::field

namespace secap::field {
namespace {

// A coordinator's device edits a measure's plan; only what changed is sent,
// with its field mask. A field device is not allowed to.
class MeasureEditTest : public ::testing::Test {
 protected:
  std::unique_ptr<AppController> open(const std::string& role) {
    testing::ServerDemoOptions options;
    options.role = role;
    return testing::openServerDemoApp(m_dir.path(), options, &m_ids);
  }

  QString edit(AppController& app, const QString& measureId, const QVariantMap& values) {
    QSignalSpy saved(&app, &AppController::measureSaved);
    QSignalSpy rejected(&app, &AppController::measureRejected);
    if (app.updateMeasure(measureId, values) &&
        !QTest::qWaitFor([&] { return !saved.isEmpty() || !rejected.isEmpty(); }, 10000))
      return QStringLiteral("timeout");
    return rejected.isEmpty() ? QString() : rejected.first().at(1).toString();
  }

  QTemporaryDir m_dir;
  testing::ServerDemoIds m_ids;
};

TEST_F(MeasureEditTest, ACoordinatorChangesThePlanAndOnlyTheChangedFieldsAreSent) {
  auto app = open("coordinator");
  ASSERT_TRUE(app->canEditMeasures());
  const auto measure = app->store().measures(m_ids.municipalityId).front();
  const QString id = QString::fromStdString(measure.id());
  const int pending = app->pendingCount();

  ASSERT_EQ(edit(*app, id,
                 {{"title", QString::fromStdString(measure.title())},
                  {"budget", QStringLiteral("1 250 000,5")},
                  {"responsibleBody", QStringLiteral("Wydział Gospodarki Komunalnej")}}),
            QString());
  EXPECT_EQ(app->pendingCount(), pending + 1);
  const auto stored = app->store().measure(measure.id());
  ASSERT_TRUE(stored);
  EXPECT_DOUBLE_EQ(stored->budget_eur(), 1250000.5);
  EXPECT_EQ(stored->responsible_body(), "Wydział Gospodarki Komunalnej");
  EXPECT_EQ(stored->title(), measure.title());
  const auto outbox = app->store().pendingOutbox(1000, 1 << 24);
  ASSERT_FALSE(outbox.empty());
  const auto& sent = outbox.back().change;
  ASSERT_TRUE(sent.has_measure());
  EXPECT_EQ(std::vector<std::string>(sent.fields().begin(), sent.fields().end()),
            (std::vector<std::string>{"responsible_body", "budget_eur"}));

  // Nothing changed: nothing is sent.
  EXPECT_EQ(edit(*app, id, {{"budget", QStringLiteral("1250000.5")}}), QString());
  EXPECT_EQ(app->pendingCount(), pending + 1);

  // Bad input is refused with its reason, and nothing is queued.
  EXPECT_EQ(edit(*app, id, {{"title", QStringLiteral("  ")}}), QStringLiteral("measure.no_title"));
  EXPECT_EQ(edit(*app, id, {{"budget", QStringLiteral("dużo")}}), QStringLiteral("input.not_a_number"));
  EXPECT_EQ(edit(*app, id,
                 {{"plannedStart", QDateTime(QDate(2027, 6, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch()},
                  {"plannedEnd", QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch()}}),
            QStringLiteral("measure.bad_dates"));
  EXPECT_EQ(app->pendingCount(), pending + 1);
}

TEST_F(MeasureEditTest, AFieldDeviceMayNotChangeThePlan) {
  auto app = open("field");
  EXPECT_FALSE(app->canEditMeasures());
  const auto measure = app->store().measures(m_ids.municipalityId).front();
  const int pending = app->pendingCount();
  EXPECT_EQ(edit(*app, QString::fromStdString(measure.id()), {{"title", QStringLiteral("Inny tytuł")}}),
            QStringLiteral("auth.forbidden"));
  EXPECT_EQ(app->pendingCount(), pending);
  EXPECT_EQ(app->store().measure(measure.id())->title(), measure.title());
}

}  // namespace
}  // namespace secap::field

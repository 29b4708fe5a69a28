// SitesModel, MetersModel and ReadingsModel over a real LocalStore filled
// with the demo data, each watched by QAbstractItemModelTester.

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <memory>

#include "app_controller.h"
#include "demo_fixture.h"
#include "meters_model.h"
#include "readings_model.h"
#include "sites_model.h"

namespace secap::field {
namespace {

using Tester = QAbstractItemModelTester;

class ModelsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_dir.isValid());
    auto store = core::LocalStore::open(storePath(m_dir.path()).toStdString());
    ASSERT_TRUE(store.isOk()) << store.status().toString();
    testing::DemoOptions options;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    m_ids = testing::populateDemoStore(**store, options);
    m_app = std::make_unique<AppController>(std::move(store).value(), TransportFactory{}, m_dir.path());
  }

  void TearDown() override { QLocale::setDefault(QLocale::c()); }

  bool saveAndWait(const QString& meterId, const QString& text) {
    QSignalSpy saved(m_app.get(), &AppController::readingSaved);
    if (!m_app->recordReading(meterId, text)) return false;
    return saved.wait(10000);
  }

  QTemporaryDir m_dir;
  testing::DemoIds m_ids;
  std::unique_ptr<AppController> m_app;
};

QStringList column(const QAbstractItemModel& model, int role) {
  QStringList out;
  for (int r = 0; r < model.rowCount(); ++r) out << model.index(r, 0).data(role).toString();
  return out;
}

TEST_F(ModelsTest, SitesModelListsOwnMunicipalitySortedByName) {
  SitesModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  model.setApp(m_app.get());

  EXPECT_EQ(model.rowCount(), m_ids.sitesInMunicipality);
  const QStringList names = column(model, SitesModel::NameRole);
  EXPECT_FALSE(names.contains(QStringLiteral("Rathaus Schwäbisch Hall")));
  EXPECT_TRUE(names.contains(QStringLiteral("Urząd Gminy Żyraków")));
  EXPECT_EQ(names.first(), QStringLiteral("Gminny Ośrodek Kultury w Zasowie"));
}

TEST_F(ModelsTest, SitesFilterIgnoresCaseAndDiacritics) {
  SitesModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  model.setApp(m_app.get());

  model.setFilter(QStringLiteral("straszecin"));
  ASSERT_EQ(model.rowCount(), 1);
  EXPECT_EQ(model.index(0, 0).data(SitesModel::NameRole).toString(),
            QStringLiteral("Przedszkole Samorządowe w Straszęcinie"));
  EXPECT_EQ(model.totalCount(), m_ids.sitesInMunicipality);

  model.setFilter(QStringLiteral("ZYRAKOW szkoła"));
  EXPECT_EQ(model.rowCount(), 1);

  model.setFilter(QStringLiteral("no such place"));
  EXPECT_EQ(model.rowCount(), 0);

  model.setFilter(QString());
  EXPECT_EQ(model.rowCount(), m_ids.sitesInMunicipality);
}

TEST_F(ModelsTest, SitesModelCountsActiveMeters) {
  SitesModel model;
  model.setApp(m_app.get());
  model.setFilter(QStringLiteral("Jana Pawła"));
  ASSERT_EQ(model.rowCount(), 1);
  EXPECT_EQ(model.index(0, 0).data(SitesModel::MeterCountRole).toInt(), m_ids.schoolMeters);
  EXPECT_EQ(model.get(0).value(QStringLiteral("siteId")).toString().toStdString(), m_ids.schoolId);
}

TEST_F(ModelsTest, MetersModelShowsEachMeterWithItsLatestReading) {
  MetersModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  model.setApp(m_app.get());
  model.setSiteId(QString::fromStdString(m_ids.schoolId));

  ASSERT_EQ(model.rowCount(), m_ids.schoolMeters);
  // Electricity (carrier 1) sorts first.
  const QModelIndex first = model.index(0, 0);
  EXPECT_EQ(first.data(MetersModel::MeterIdRole).toString().toStdString(), m_ids.schoolElectricityId);
  EXPECT_TRUE(first.data(MetersModel::HasLastReadingRole).toBool());
  EXPECT_DOUBLE_EQ(first.data(MetersModel::LastValueRole).toDouble(), m_ids.schoolElectricityLatest);
  EXPECT_FALSE(first.data(MetersModel::LastDateTextRole).toString().isEmpty());

  model.setSiteId(QString());
  EXPECT_EQ(model.rowCount(), 0);
}

TEST_F(ModelsTest, ReadingsModelListsNewestFirstWithDeltas) {
  ReadingsModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  model.setApp(m_app.get());
  model.setMeterId(QString::fromStdString(m_ids.schoolElectricityId));

  ASSERT_EQ(model.rowCount(), m_ids.schoolElectricityReadings);
  qint64 previous = std::numeric_limits<qint64>::max();
  for (int r = 0; r < model.rowCount(); ++r) {
    const qint64 takenAt = model.index(r, 0).data(ReadingsModel::TakenAtRole).toLongLong();
    EXPECT_LT(takenAt, previous);
    previous = takenAt;
  }
  EXPECT_TRUE(model.hasLatest());
  EXPECT_DOUBLE_EQ(model.latestValue(), m_ids.schoolElectricityLatest);
  EXPECT_TRUE(model.index(0, 0).data(ReadingsModel::HasDeltaRole).toBool());
  EXPECT_FALSE(model.index(model.rowCount() - 1, 0).data(ReadingsModel::HasDeltaRole).toBool());
  // The server flagged one misread register.
  int flagged = 0;
  for (int r = 0; r < model.rowCount(); ++r) {
    flagged += model.index(r, 0).data(ReadingsModel::QualityFlagsRole).toStringList().size();
  }
  EXPECT_EQ(flagged, 1);
}

TEST_F(ModelsTest, ReadingsModelLimitKeepsTheNewest) {
  ReadingsModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  model.setApp(m_app.get());
  model.setMeterId(QString::fromStdString(m_ids.schoolElectricityId));
  model.setLimit(3);
  ASSERT_EQ(model.rowCount(), 3);
  EXPECT_TRUE(model.index(2, 0).data(ReadingsModel::HasDeltaRole).toBool());
  EXPECT_DOUBLE_EQ(model.latestValue(), m_ids.schoolElectricityLatest);
}

TEST_F(ModelsTest, ModelsFollowASavedReading) {
  ReadingsModel readings;
  MetersModel meters;
  Tester readingsTester(&readings, Tester::FailureReportingMode::Fatal);
  Tester metersTester(&meters, Tester::FailureReportingMode::Fatal);
  readings.setApp(m_app.get());
  readings.setMeterId(QString::fromStdString(m_ids.schoolElectricityId));
  meters.setApp(m_app.get());
  meters.setSiteId(QString::fromStdString(m_ids.schoolId));
  QSignalSpy latest(&readings, &ReadingsModel::latestChanged);

  QLocale::setDefault(QLocale(QLocale::English));
  const double next = m_ids.schoolElectricityLatest + 250;
  ASSERT_TRUE(saveAndWait(QString::fromStdString(m_ids.schoolElectricityId), QString::number(next, 'f', 1)));

  EXPECT_EQ(readings.rowCount(), m_ids.schoolElectricityReadings + 1);
  EXPECT_DOUBLE_EQ(readings.latestValue(), next);
  EXPECT_GE(latest.count(), 1);
  EXPECT_DOUBLE_EQ(meters.index(0, 0).data(MetersModel::LastValueRole).toDouble(), next);
  EXPECT_DOUBLE_EQ(readings.index(0, 0).data(ReadingsModel::DeltaRole).toDouble(), 250.0);
}

}  // namespace
}  // namespace secap::field

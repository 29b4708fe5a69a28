// The needs-attention inbox over a device store holding the server's demo
// data of Bydgoszcz with one reading the server refused: NeedsAttentionModel
// (watched by QAbstractItemModelTester), the fixes AppController offers, and
// how the app's list models change rows (RowsModel).

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "app_controller.h"
#include "demo_fixture.h"
#include "log_book.h"
#include "needs_attention_model.h"
#include "readings_due_model.h"
#include "readings_model.h"

namespace secap::field {
namespace {

using Tester = QAbstractItemModelTester;

class InboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_dir.isValid());
    testing::ServerDemoOptions options;
    options.refusedReading = true;
    options.dataDir = m_dir.path().toStdString();
    m_app = testing::openServerDemoApp(m_dir.path(), options, &m_ids);
    ASSERT_TRUE(m_app);
  }

  // Loads the model and waits for the flagged readings.
  void load(NeedsAttentionModel& model) {
    model.setApp(m_app.get());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !model.loading(); }, 20000));
  }

  int rowOfKind(const NeedsAttentionModel& model, const QString& kind) {
    for (int r = 0; r < model.rowCount(); ++r)
      if (model.index(r, 0).data(NeedsAttentionModel::KindRole).toString() == kind) return r;
    return -1;
  }

  // Runs a fix and waits for its outcome; "" on success, else the code.
  template <typename Fix>
  QString fix(Fix&& run) {
    QSignalSpy fixed(m_app.get(), &AppController::attentionFixed);
    QSignalSpy failed(m_app.get(), &AppController::attentionFailed);
    run();
    if (!QTest::qWaitFor([&] { return !fixed.isEmpty() || !failed.isEmpty(); }, 10000)) return "timeout";
    return failed.isEmpty() ? QString() : failed.first().at(1).toString();
  }

  QTemporaryDir m_dir;
  testing::ServerDemoIds m_ids;
  std::unique_ptr<AppController> m_app;
};

TEST_F(InboxTest, RefusedChangesComeFirstThenFlaggedReadings) {
  NeedsAttentionModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  load(model);
  ASSERT_GE(model.rowCount(), 2);
  EXPECT_EQ(model.rejectedCount(), 1);
  EXPECT_GE(model.flaggedCount(), 1);
  const QModelIndex first = model.index(0, 0);
  EXPECT_EQ(first.data(NeedsAttentionModel::KindRole).toString(), QStringLiteral("rejected"));
  EXPECT_EQ(first.data(NeedsAttentionModel::ReasonCodeRole).toString(), QStringLiteral("clock.skew"));
  EXPECT_EQ(first.data(NeedsAttentionModel::FixRole).toString(), QStringLiteral("restamp"));
  EXPECT_FALSE(first.data(NeedsAttentionModel::SerialRole).toString().isEmpty());
  for (int r = 1; r < model.rowCount(); ++r) {
    const QModelIndex i = model.index(r, 0);
    EXPECT_EQ(i.data(NeedsAttentionModel::KindRole).toString(), QStringLiteral("flagged"));
    EXPECT_FALSE(i.data(NeedsAttentionModel::FlagsRole).toStringList().isEmpty());
  }
}

TEST_F(InboxTest, TheFixFitsTheReason) {
  EXPECT_EQ(fixFor("clock.skew", "reading"), "restamp");
  EXPECT_EQ(fixFor("reading.unknown_meter", "reading"), "resend");
  EXPECT_EQ(fixFor("attachment.unknown_owner", "attachment"), "resend");
  EXPECT_EQ(fixFor("reading.too_many_digits", "reading"), "correct");
  EXPECT_EQ(fixFor("progress.bad_percent", "progress_update"), "correct");
  EXPECT_EQ(fixFor("auth.forbidden", "measure"), "");
  EXPECT_EQ(fixFor("change.malformed", "reading"), "");
}

TEST_F(InboxTest, ReStampingSendsTheReadingAgainAndLeavesTheInbox) {
  NeedsAttentionModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  load(model);
  const int before = model.rowCount();
  const int pending = m_app->pendingCount();
  const QString key = model.index(0, 0).data(NeedsAttentionModel::KeyRole).toString();
  EXPECT_EQ(fix([&] { m_app->restampChanges(key); }), QString());
  EXPECT_EQ(m_app->needsAttentionCount(), 0);
  EXPECT_EQ(m_app->pendingCount(), pending + 1);
  ASSERT_TRUE(QTest::qWaitFor([&] { return model.rowCount() == before - 1 && !model.loading(); }, 10000));
  EXPECT_EQ(model.rejectedCount(), 0);
}

TEST_F(InboxTest, DiscardingRemovesTheReadingAndItsCardOnly) {
  NeedsAttentionModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  load(model);
  const int before = model.rowCount();
  const qint64 readings = m_app->store().readingCount();
  const QString key = model.index(0, 0).data(NeedsAttentionModel::KeyRole).toString();
  const qint64 seq = model.index(0, 0).data(NeedsAttentionModel::SeqRole).toLongLong();
  EXPECT_EQ(fix([&] { m_app->discardChange(key, seq); }), QString());
  EXPECT_EQ(m_app->store().readingCount(), readings - 1);
  EXPECT_EQ(m_app->needsAttentionCount(), 0);
  ASSERT_TRUE(QTest::qWaitFor([&] { return model.rowCount() == before - 1 && !model.loading(); }, 10000));
  // A second discard of the same change says it is gone, and nothing else.
  EXPECT_EQ(fix([&] { m_app->discardChange(key, seq); }), QStringLiteral("attention.gone"));
  EXPECT_EQ(m_app->store().readingCount(), readings - 1);
}

TEST_F(InboxTest, AFlaggedReadingIsCorrectedByANewReadingThatSupersedesIt) {
  NeedsAttentionModel model;
  Tester tester(&model, Tester::FailureReportingMode::Fatal);
  load(model);
  const int row = rowOfKind(model, QStringLiteral("flagged"));
  ASSERT_GE(row, 0);
  const QModelIndex flagged = model.index(row, 0);
  const QString readingId = flagged.data(NeedsAttentionModel::EntityIdRole).toString();
  const QString meterId = flagged.data(NeedsAttentionModel::MeterIdRole).toString();
  const double value = flagged.data(NeedsAttentionModel::ValueRole).toDouble();
  EXPECT_EQ(fix([&] { m_app->correctReading(QStringLiteral("k"), readingId, QStringLiteral("abc")); }),
            QStringLiteral("input.not_a_number"));
  EXPECT_EQ(fix([&] { m_app->correctReading(QStringLiteral("k"), readingId, QString::number(value + 1)); }), QString());
  bool found = false;
  for (const auto& r : m_app->store().readings(meterId.toStdString()))
    if (r.supersedes_id() == readingId.toStdString()) {
      found = true;
      EXPECT_DOUBLE_EQ(r.value(), value + 1);
    }
  EXPECT_TRUE(found);
  // The corrected one leaves the inbox (review_queue.h: superseded).
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        if (model.loading()) return false;
        for (int r = 0; r < model.rowCount(); ++r)
          if (model.index(r, 0).data(NeedsAttentionModel::EntityIdRole).toString() == readingId) return false;
        return true;
      },
      20000));
}

// A new reading is inserted at the top of the history, not a reset: the
// list keeps its delegates and scroll position.
TEST_F(InboxTest, ListModelsInsertNewRowsInsteadOfResetting) {
  NeedsAttentionModel inbox;
  load(inbox);
  const QString meterId = inbox.index(0, 0).data(NeedsAttentionModel::MeterIdRole).toString();
  ReadingsModel readings;
  Tester tester(&readings, Tester::FailureReportingMode::Fatal);
  readings.setApp(m_app.get());
  readings.setMeterId(meterId);
  const int before = readings.rowCount();
  QSignalSpy reset(&readings, &QAbstractItemModel::modelReset);
  QSignalSpy inserted(&readings, &QAbstractItemModel::rowsInserted);
  QSignalSpy saved(m_app.get(), &AppController::readingSaved);
  ASSERT_TRUE(m_app->recordReading(meterId, QString::number(readings.latestValue() + 500)));
  ASSERT_TRUE(saved.wait(10000));
  EXPECT_EQ(readings.rowCount(), before + 1);
  EXPECT_EQ(reset.count(), 0);
  ASSERT_EQ(inserted.count(), 1);
  EXPECT_EQ(inserted.first().at(1).toInt(), 0);
}

// "Export logs": one file with the device's state, the refused changes and
// the log, and never the access token.
TEST_F(InboxTest, TheExportedReportHasTheStateAndTheLogButNoToken) {
  installLogBook(m_dir.path());
  qWarning("a line for the log: sync failed, retrying");
  const QString path = exportLogs(*m_app, m_dir.filePath(QStringLiteral("exports")));
  ASSERT_FALSE(path.isEmpty());
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QString text = QString::fromUtf8(file.readAll());
  EXPECT_TRUE(text.contains(m_app->deviceId()));
  EXPECT_TRUE(text.contains(QStringLiteral("Bydgoszcz")));
  EXPECT_TRUE(text.contains(QStringLiteral("clock.skew")));
  EXPECT_TRUE(text.contains(QStringLiteral("a line for the log: sync failed, retrying")));
  const auto token = m_app->store().accessToken();
  ASSERT_TRUE(token.isOk() && token->has_value());
  EXPECT_FALSE(text.contains(QString::fromStdString(**token)));
  // Nowhere to write: an empty path, no crash.
  EXPECT_TRUE(exportLogs(*m_app, QStringLiteral("/proc/no-such-folder")).isEmpty());
}

// The meter page's chart: the last 12 local months, each beside the month a
// year before, in the meter's own unit, a water meter's too (it has no kWh).
TEST_F(InboxTest, AMetersHistoryHasTwelveMonthsInItsOwnUnit) {
  int checked = 0;
  for (const auto& site : m_app->store().sites(m_ids.municipalityId)) {
    for (const auto& meter : m_app->store().meters(site.id())) {
      if (meter.carrier() != secap::v1::CARRIER_WATER && meter.carrier() != secap::v1::CARRIER_ELECTRICITY) continue;
      const QVariantMap history = m_app->meterHistory(QString::fromStdString(meter.id()));
      const QVariantList months = history.value("months").toList();
      ASSERT_TRUE(history.value("available").toBool()) << meter.serial();
      ASSERT_EQ(months.size(), 12);
      // The current month is not over: no bar yet.
      EXPECT_FALSE(months.back().toMap().contains("value"));
      int withValue = 0;
      double max = 0;
      for (const QVariant& m : months) {
        const QVariantMap month = m.toMap();
        if (month.contains("value")) {
          ++withValue;
          EXPECT_GT(month.value("value").toDouble(), 0);
          max = std::max(max, month.value("value").toDouble());
        }
        if (month.contains("lastYear")) max = std::max(max, month.value("lastYear").toDouble());
      }
      EXPECT_GE(withValue, 9) << meter.serial();
      EXPECT_DOUBLE_EQ(history.value("max").toDouble(), max);
      ++checked;
    }
  }
  EXPECT_GE(checked, 2);
  EXPECT_FALSE(m_app->meterHistory(QStringLiteral("no-such-meter")).value("available").toBool());
}

// The month's round: every meter read on site and not read this month, site
// by site; a reading taken takes its meter off the list, and only it.
TEST(ReadingsDue, AReadingTakesItsMeterOffTheRound) {
  QTemporaryDir dir;
  auto store = core::LocalStore::open(storePath(dir.path()).toStdString());
  ASSERT_TRUE(store.isOk());
  testing::ServerDemoOptions options;
  options.nowMs = QDateTime::currentMSecsSinceEpoch();
  options.roundStarted = true;
  testing::populateServerDemoStore(**store, options);
  AppController app(std::move(store).value(), TransportFactory{}, dir.path());

  ReadingsDueModel due;
  Tester tester(&due, Tester::FailureReportingMode::Fatal);
  due.setApp(&app);
  ASSERT_GT(due.rowCount(), 3);
  EXPECT_GT(due.siteCount(), 1);
  // Sites in one block each, numbered in the order of the round.
  int lastStop = 0;
  for (int r = 0; r < due.rowCount(); ++r) {
    const int stop = due.index(r, 0).data(ReadingsDueModel::StopRole).toInt();
    EXPECT_TRUE(stop == lastStop || stop == lastStop + 1);
    lastStop = stop;
  }
  EXPECT_EQ(lastStop, due.siteCount());
  // The site read this morning (pending readings) is not in the round.
  for (const auto& entry : app.store().pendingOutbox(100, 1 << 20))
    for (int r = 0; r < due.rowCount(); ++r)
      EXPECT_NE(due.index(r, 0).data(ReadingsDueModel::MeterIdRole).toString().toStdString(),
                entry.change.reading().meter_id());

  const int before = due.rowCount();
  const QString meterId = due.index(1, 0).data(ReadingsDueModel::MeterIdRole).toString();
  const QString value = QString::number(app.store().lastReading(meterId.toStdString())->value() + 50);
  QSignalSpy reset(&due, &QAbstractItemModel::modelReset);
  QSignalSpy removed(&due, &QAbstractItemModel::rowsRemoved);
  QSignalSpy saved(&app, &AppController::readingSaved);
  ASSERT_TRUE(app.recordReading(meterId, value));
  ASSERT_TRUE(saved.wait(10000));
  EXPECT_EQ(due.rowCount(), before - 1);
  EXPECT_EQ(reset.count(), 0);
  ASSERT_EQ(removed.count(), 1);
  EXPECT_EQ(removed.first().at(1).toInt(), 1);
}

}  // namespace
}  // namespace secap::field

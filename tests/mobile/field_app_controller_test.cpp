// AppController: saving off the UI thread without a server, numbers in the
// locale's format, and rejections surfaced as reason codes and error state.

#include <gtest/gtest.h>

#include <QDateTime>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <memory>
#include <utility>
#include <vector>

#include "app_controller.h"
#include "demo_fixture.h"
#include "readings_model.h"

namespace secap::field {
namespace {

// A server that is never there.
class UnreachableTransport : public core::SyncTransport {
 public:
  core::Result<secap::v1::EnrollResponse> enroll(const secap::v1::EnrollRequest&) override {
    return core::unavailable("connection refused");
  }
  core::Result<secap::v1::PushResponse> push(const secap::v1::PushRequest&, const std::string&) override {
    return core::unavailable("connection refused");
  }
  core::Result<secap::v1::PullResponse> pull(const secap::v1::PullRequest&, const std::string&) override {
    return core::unavailable("connection refused");
  }
};
// A server that answers with another key than the pinned one.
class WrongKeyTransport : public UnreachableTransport {
 public:
  core::Result<secap::v1::EnrollResponse> enroll(const secap::v1::EnrollRequest&) override {
    return core::Status(core::StatusCode::kUnauthenticated, core::kServerKeyMismatchMessage);
  }
};

class AppControllerTest : public ::testing::Test {
 protected:
  void open(bool enrolled, bool withTransport) {
    TransportFactory factory;
    if (withTransport) {
      factory = [](const std::string&, const std::string&) { return std::make_unique<UnreachableTransport>(); };
    }
    openWith(enrolled, factory);
  }
  void openWith(bool enrolled, const TransportFactory& factory) {
    ASSERT_TRUE(m_dir.isValid());
    auto store = core::LocalStore::open(storePath(m_dir.path()).toStdString());
    ASSERT_TRUE(store.isOk()) << store.status().toString();
    testing::DemoOptions options;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    options.enrolled = enrolled;
    m_ids = testing::populateDemoStore(**store, options);
    m_app = std::make_unique<AppController>(std::move(store).value(), factory, m_dir.path());
    m_app->setServerAddress(QStringLiteral("localhost:1"));
  }
  void TearDown() override { QLocale::setDefault(QLocale::c()); }

  QString electricity() const { return QString::fromStdString(m_ids.schoolElectricityId); }

  QTemporaryDir m_dir;
  testing::DemoIds m_ids;
  std::unique_ptr<AppController> m_app;
};

TEST_F(AppControllerTest, ReportsDemoDeviceAsEnrolled) {
  open(/*enrolled=*/true, /*withTransport=*/false);
  EXPECT_TRUE(m_app->enrolled());
  EXPECT_EQ(m_app->municipalityName(), QStringLiteral("Żyraków"));
  EXPECT_EQ(m_app->pendingCount(), 0);
  EXPECT_FALSE(m_app->lastSyncText().isEmpty());
}

TEST_F(AppControllerTest, SavesAReadingWhileTheServerIsDown) {
  open(true, /*withTransport=*/true);
  m_app->startSync();
  QSignalSpy saved(m_app.get(), &AppController::readingSaved);
  QLocale::setDefault(QLocale(QLocale::English));

  ASSERT_TRUE(m_app->recordReading(electricity(), QString::number(m_ids.schoolElectricityLatest + 10)));
  EXPECT_TRUE(m_app->saving());
  ASSERT_TRUE(saved.wait(10000));

  EXPECT_FALSE(m_app->saving());
  EXPECT_GE(m_app->pendingCount(), 1);
  EXPECT_FALSE(m_app->hasError());
  m_app->stopSync();
}

TEST_F(AppControllerTest, ParsesTheDecimalCommaOfPolish) {
  open(true, false);
  QLocale::setDefault(QLocale(QLocale::Polish, QLocale::Poland));
  QSignalSpy saved(m_app.get(), &AppController::readingSaved);
  const double value = m_ids.schoolElectricityLatest + 0.5;
  const QString text = QLocale().toString(value, 'f', 1);
  ASSERT_TRUE(text.contains(QLatin1Char(','))) << text.toStdString();

  ASSERT_TRUE(m_app->recordReading(electricity(), text));
  ASSERT_TRUE(saved.wait(10000));
  EXPECT_DOUBLE_EQ(saved.at(0).at(2).toDouble(), value);
}

TEST_F(AppControllerTest, RejectsTextThatIsNotANumberAtOnce) {
  open(true, false);
  QSignalSpy rejected(m_app.get(), &AppController::readingRejected);

  EXPECT_FALSE(m_app->recordReading(electricity(), QStringLiteral("12a4")));

  ASSERT_EQ(rejected.count(), 1);
  EXPECT_EQ(rejected.at(0).at(1).toString(), QStringLiteral("input.not_a_number"));
  EXPECT_EQ(m_app->errorType(), AppController::InputError);
  EXPECT_TRUE(m_app->hasError());
  EXPECT_EQ(m_app->pendingCount(), 0);
}

TEST_F(AppControllerTest, RejectsANegativeRegisterWithItsReasonCode) {
  open(true, false);
  QSignalSpy rejected(m_app.get(), &AppController::readingRejected);

  ASSERT_TRUE(m_app->recordReading(electricity(), QStringLiteral("-5")));
  ASSERT_TRUE(rejected.wait(10000));

  EXPECT_EQ(rejected.at(0).at(1).toString(), QStringLiteral("reading.negative_register"));
  EXPECT_EQ(m_app->errorType(), AppController::ValidationError);
  EXPECT_EQ(m_app->errorCode(), QStringLiteral("reading.negative_register"));
  EXPECT_EQ(m_app->pendingCount(), 0);
}

TEST_F(AppControllerTest, EnrollFailsClearlyWhenTheServerIsUnreachable) {
  open(/*enrolled=*/false, /*withTransport=*/true);
  ASSERT_FALSE(m_app->enrolled());
  QSignalSpy finished(m_app.get(), &AppController::enrollFinished);

  m_app->enroll(QStringLiteral("ABCD-1234"));
  EXPECT_TRUE(m_app->enrolling());
  ASSERT_TRUE(finished.wait(10000));

  EXPECT_FALSE(finished.at(0).at(0).toBool());
  EXPECT_EQ(finished.at(0).at(1).toString(), QStringLiteral("enroll.unreachable"));
  EXPECT_EQ(m_app->errorType(), AppController::EnrollmentError);
  EXPECT_FALSE(m_app->enrolled());
  EXPECT_FALSE(m_app->enrolling());
}

TEST_F(AppControllerTest, AnEnrollmentLinkSetsTheServerAndItsPinnedKey) {
  const std::string pin = "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";
  std::vector<std::pair<std::string, std::string>> made;
  openWith(false, [&made](const std::string& target, const std::string& spkiPin) {
    made.emplace_back(target, spkiPin);
    return std::make_unique<WrongKeyTransport>();
  });
  QSignalSpy finished(m_app.get(), &AppController::enrollFinished);

  m_app->enroll(QString::fromStdString("secap://enroll?server=sync.gmina.example:443&code=ABCDE&spki=" + pin));
  ASSERT_TRUE(finished.wait(10000));

  ASSERT_FALSE(made.empty());
  EXPECT_EQ(made.back(), std::make_pair(std::string("sync.gmina.example:443"), pin));
  EXPECT_EQ(m_app->serverAddress(), QStringLiteral("sync.gmina.example:443"));
  EXPECT_EQ(m_app->serverPin(), QString::fromStdString(pin));
  EXPECT_EQ(m_app->store().state(core::state_keys::kServerSpkiPin), pin);  // kept across restarts
  // The server answered with another key: the app says so in words.
  EXPECT_EQ(finished.at(0).at(1).toString(), QStringLiteral("enroll.server_mismatch"));
  EXPECT_TRUE(m_app->errorString().contains(
      QStringLiteral("the server's certificate does not match the one in the enrollment code")));
  EXPECT_FALSE(m_app->enrolled());
}

TEST_F(AppControllerTest, ADamagedEnrollmentLinkIsRefusedAndChangesNothing) {
  open(/*enrolled=*/false, /*withTransport=*/true);
  const QString before = m_app->serverAddress();
  QSignalSpy finished(m_app.get(), &AppController::enrollFinished);

  m_app->enroll(QStringLiteral("secap://enroll?code=ABCDE"));

  ASSERT_EQ(finished.count(), 1);  // at once, without the network
  EXPECT_EQ(finished.at(0).at(1).toString(), QStringLiteral("enroll.bad_link"));
  EXPECT_EQ(m_app->errorString(), QStringLiteral("the enrollment link names no server (server=HOST:PORT)"));
  EXPECT_EQ(m_app->serverAddress(), before);
  EXPECT_FALSE(m_app->enrolling());
}

TEST_F(AppControllerTest, MeterDetailsDescribeTheMeter) {
  open(true, false);
  const QVariantMap meter = m_app->meterDetails(electricity());
  EXPECT_TRUE(meter.value(QStringLiteral("exists")).toBool());
  EXPECT_EQ(meter.value(QStringLiteral("serial")).toString(), QStringLiteral("ZE-40217733"));
  EXPECT_EQ(meter.value(QStringLiteral("carrier")).toInt(), secap::v1::CARRIER_ELECTRICITY);
  EXPECT_TRUE(meter.value(QStringLiteral("cumulative")).toBool());
  EXPECT_FALSE(m_app->meterDetails(QStringLiteral("nope")).value(QStringLiteral("exists")).toBool());

  const QVariantMap site = m_app->siteDetails(QString::fromStdString(m_ids.schoolId));
  EXPECT_EQ(site.value(QStringLiteral("municipalityName")).toString(), QStringLiteral("Żyraków"));
}

TEST_F(AppControllerTest, ThePhotosOnlyOnWifiSettingIsRememberedAcrossRestarts) {
  open(/*enrolled=*/true, /*withTransport=*/true);
  EXPECT_FALSE(m_app->photosOnlyOnWifi());
  m_app->setPhotosOnlyOnWifi(true);
  EXPECT_TRUE(m_app->photosOnlyOnWifi());
  m_app.reset();
  auto store = core::LocalStore::open(storePath(m_dir.path()).toStdString());
  ASSERT_TRUE(store.isOk());
  m_app = std::make_unique<AppController>(std::move(store).value(), TransportFactory{}, m_dir.path());
  EXPECT_TRUE(m_app->photosOnlyOnWifi());
  EXPECT_EQ(m_app->pendingPhotoCount(), 0);
}

// After a wipe ordered by the server the app opens on the enrollment page,
// which must say why the device is empty, also after a restart.
TEST_F(AppControllerTest, AWithdrawnDeviceSaysSoAfterARestart) {
  open(/*enrolled=*/true, /*withTransport=*/false);
  EXPECT_FALSE(m_app->withdrawn());
  m_app.reset();
  {
    auto store = core::LocalStore::open(storePath(m_dir.path()).toStdString());
    ASSERT_TRUE(store.isOk());
    ASSERT_TRUE((*store)->wipe().isOk());
  }
  auto store = core::LocalStore::open(storePath(m_dir.path()).toStdString());
  ASSERT_TRUE(store.isOk());
  m_app = std::make_unique<AppController>(std::move(store).value(), TransportFactory{}, m_dir.path());
  EXPECT_FALSE(m_app->enrolled());
  EXPECT_TRUE(m_app->withdrawn());
}

}  // namespace
}  // namespace secap::field

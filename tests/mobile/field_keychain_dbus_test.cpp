// KeychainTokenVault against a keychain: a private dbus-daemon with a fake
// KWallet on it, which keeps entries, or, told to, never answers (a wallet
// waiting for its user to unlock it: QtKeychain would wait for days). Its own
// process with its own main(): QtKeychain picks its backend (KWallet, from
// the KDE session variables set here) once per process, on first use.
//
// Skipped when dbus-daemon is not installed (Debian package dbus-daemon).

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusContext>
#include <QDir>
#include <QMap>
#include <QMutex>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "fixtures.h"
#include "keychain_token_vault.h"
#include "secap/core/local_store.h"

using secap::field::KeychainTokenVault;
using secap::testing::freshDir;
using Location = KeychainTokenVault::Location;
using namespace std::chrono_literals;

// The part of org.kde.KWallet that QtKeychain calls (KWallet 5).
class FakeKWallet : public QObject, protected QDBusContext {
  Q_OBJECT
  Q_CLASSINFO("D-Bus Interface", "org.kde.KWallet")

 public:
  std::atomic<bool> neverAnswer{false};

  QMap<QString, QString> entries() {
    QMutexLocker lock(&m_mu);
    return m_entries;
  }
  void reset() {
    QMutexLocker lock(&m_mu);
    m_entries.clear();
    neverAnswer = false;
  }

 public slots:
  QString networkWallet() { return QStringLiteral("kdewallet"); }
  int open(const QString&, qlonglong, const QString&) {
    if (neverAnswer) {
      setDelayedReply(true);  // and no reply, ever
      return 0;
    }
    return 1;  // a wallet handle
  }
  int entryType(int, const QString&, const QString& key, const QString&) {
    QMutexLocker lock(&m_mu);
    return m_entries.contains(key) ? 1 : 0;  // 1: password, 0: unknown
  }
  QString readPassword(int, const QString&, const QString& key, const QString&) {
    QMutexLocker lock(&m_mu);
    return m_entries.value(key);
  }
  int writePassword(int, const QString&, const QString& key, const QString& value, const QString&) {
    QMutexLocker lock(&m_mu);
    m_entries.insert(key, value);
    return 0;
  }
  int removeEntry(int, const QString&, const QString& key, const QString&) {
    QMutexLocker lock(&m_mu);
    m_entries.remove(key);
    return 0;
  }

 private:
  QMutex m_mu;
  QMap<QString, QString> m_entries;
};

namespace {

namespace fs = std::filesystem;

// The bus and the fake wallet, set up by main() before any D-Bus use.
struct Bus {
  QTemporaryDir dir;
  QProcess daemon;
  QThread walletThread;
  FakeKWallet* wallet = nullptr;
  QString whyNot;  // empty when the bus runs

  bool start() {
    const QString exe = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
    if (exe.isEmpty()) {
      whyNot = QStringLiteral("dbus-daemon is not installed (Debian package dbus-daemon)");
      return false;
    }
    // A bare session bus: no service activation, so nothing but the fake answers.
    const QString config = dir.filePath(QStringLiteral("bus.conf"));
    std::ofstream(config.toStdString())
        << "<busconfig><type>session</type><listen>unix:dir=" << dir.path().toStdString()
        << "</listen><auth>EXTERNAL</auth><policy context=\"default\"><allow send_destination=\"*\"/>"
           "<allow receive_sender=\"*\"/><allow own=\"*\"/></policy></busconfig>\n";
    daemon.start(exe, {QStringLiteral("--config-file=") + config, QStringLiteral("--nofork"),
                       QStringLiteral("--print-address=1")});
    if (!daemon.waitForStarted() || !daemon.waitForReadyRead(10000)) {
      whyNot = QStringLiteral("dbus-daemon did not start: ") + QString::fromUtf8(daemon.readAllStandardError());
      return false;
    }
    const QByteArray address = daemon.readLine().trimmed();
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    qputenv("XDG_CURRENT_DESKTOP", "KDE");
    qputenv("KDE_SESSION_VERSION", "5");

    QDBusConnection connection = QDBusConnection::connectToBus(QString::fromUtf8(address), QStringLiteral("wallet"));
    wallet = new FakeKWallet();
    // Its own thread: it answers while a test blocks in a vault call.
    wallet->moveToThread(&walletThread);
    walletThread.start();
    if (!connection.registerObject(QStringLiteral("/modules/kwalletd5"), wallet, QDBusConnection::ExportAllSlots) ||
        !connection.registerService(QStringLiteral("org.kde.kwalletd5"))) {
      whyNot = QStringLiteral("the fake KWallet could not register: ") + connection.lastError().message();
      return false;
    }
    return true;
  }

  void stop() {
    QDBusConnection::disconnectFromBus(QStringLiteral("wallet"));
    if (wallet) wallet->deleteLater();
    walletThread.quit();
    walletThread.wait();
    daemon.kill();
    daemon.waitForFinished();
  }
};

Bus* g_bus = nullptr;

class KeychainTokenVaultOnDBus : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!g_bus->whyNot.isEmpty()) GTEST_SKIP() << g_bus->whyNot.toStdString();
    g_bus->wallet->reset();
  }

  // The vault as main.cpp builds it, for a database in `dir`. A short
  // timeout only speeds up the tests of a wallet that never answers.
  static std::unique_ptr<KeychainTokenVault> vaultFor(const std::string& dir, std::chrono::milliseconds timeout = 5s) {
    const std::string db = dir + "/field.sqlite";
    return std::make_unique<KeychainTokenVault>(QStringLiteral("secap-field-test"), keyFor(dir),
                                                secap::core::FileTokenVault::pathFor(db), timeout);
  }
  static QString keyFor(const std::string& dir) {
    return QStringLiteral("access token of ") + QString::fromStdString(dir + "/field.sqlite");
  }
};

}  // namespace

TEST_F(KeychainTokenVaultOnDBus, TheTokenIsKeptInTheKeychainAndNotInAFile) {
  const auto dir = freshDir("kcbus_keep");
  auto vault = vaultFor(dir);
  const auto st = vault->set("token-in-wallet");
  ASSERT_TRUE(st.isOk()) << st.toString();
  EXPECT_EQ(vault->location().value(), Location::kKeychain);
  EXPECT_EQ(g_bus->wallet->entries().value(keyFor(dir)), QStringLiteral("token-in-wallet"));
  EXPECT_FALSE(fs::exists(dir + "/field.sqlite.token"));
  EXPECT_EQ(vaultFor(dir)->get()->value_or(""), "token-in-wallet");  // as after a restart
}

TEST_F(KeychainTokenVaultOnDBus, ClearRemovesTheKeychainEntry) {
  const auto dir = freshDir("kcbus_clear");
  auto vault = vaultFor(dir);
  ASSERT_TRUE(vault->set("token").isOk());
  ASSERT_TRUE(vault->clear().isOk());
  EXPECT_TRUE(g_bus->wallet->entries().isEmpty());
  EXPECT_EQ(vault->location().value(), Location::kNone);
  EXPECT_FALSE(vault->get()->has_value());
}

TEST_F(KeychainTokenVaultOnDBus, WipeRemovesTheTokenFromTheKeychain) {
  const auto dir = freshDir("kcbus_wipe");
  auto store =
      secap::core::LocalStore::open(dir + "/field.sqlite", secap::core::SystemClock::instance(), vaultFor(dir));
  ASSERT_TRUE(store.isOk());
  ASSERT_TRUE((*store)->setAccessToken("token").isOk());
  ASSERT_FALSE(g_bus->wallet->entries().isEmpty());
  ASSERT_TRUE((*store)->wipe().isOk());
  EXPECT_TRUE(g_bus->wallet->entries().isEmpty());
  EXPECT_FALSE((*store)->accessToken()->has_value());
}

TEST_F(KeychainTokenVaultOnDBus, AKeychainThatNeverAnswersGetsNoTokenTheFileDoes) {
  const auto dir = freshDir("kcbus_hang");
  g_bus->wallet->neverAnswer = true;
  auto vault = vaultFor(dir, 300ms);
  const auto st = vault->set("token-0600");  // returns: the timeout ended the wait
  ASSERT_TRUE(st.isOk()) << st.toString();
  EXPECT_EQ(vault->location().value(), Location::kFile);
  EXPECT_EQ(secap::testing::readFile(dir + "/field.sqlite.token"), "token-0600");
  EXPECT_EQ(secap::testing::fileMode(dir + "/field.sqlite.token"), 0600);
  EXPECT_TRUE(g_bus->wallet->entries().isEmpty());
  // Read back from the file, without asking the silent keychain again.
  EXPECT_EQ(vault->get()->value_or(""), "token-0600");
}

TEST_F(KeychainTokenVaultOnDBus, ALockedKeychainHoldingTheTokenIsAnErrorNotANewDevice) {
  const auto dir = freshDir("kcbus_locked");
  ASSERT_TRUE(vaultFor(dir)->set("token").isOk());
  g_bus->wallet->neverAnswer = true;
  auto token = vaultFor(dir, 300ms)->get();
  ASSERT_FALSE(token.isOk());
  EXPECT_EQ(token.status().code(), secap::core::StatusCode::kUnavailable);
  EXPECT_NE(token.status().message().find("unlock the keychain"), std::string::npos) << token.status().message();
}

TEST_F(KeychainTokenVaultOnDBus, AfterATimeoutTheKeychainIsUsedAgainOnceItAnswers) {
  // QtKeychain runs one job at a time: the job that timed out must not hold
  // up the next ones.
  const auto dir = freshDir("kcbus_again");
  ASSERT_TRUE(vaultFor(dir)->set("token").isOk());
  g_bus->wallet->neverAnswer = true;
  ASSERT_FALSE(vaultFor(dir, 300ms)->get().isOk());
  g_bus->wallet->neverAnswer = false;  // unlocked
  auto token = vaultFor(dir)->get();
  ASSERT_TRUE(token.isOk()) << token.status().toString();
  EXPECT_EQ(token->value_or(""), "token");
}

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  Bus bus;
  g_bus = &bus;
  if (!bus.start()) std::fprintf(stderr, "no D-Bus test bus: %s\n", qPrintable(bus.whyNot));
  const int result = RUN_ALL_TESTS();
  bus.stop();
  return result;
}

#include "field_keychain_dbus_test.moc"

// The wall tablet's gatekeeping (KioskSession): the caretakers with a PIN
// for its sites, PIN checks offline with the shared argon2id code, the
// lockout after five wrong PINs (kept across a restart), the admin PIN that
// leaves kiosk mode, and the idle return to the board.

#include <gtest/gtest.h>

#include <QKeyEvent>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <fstream>
#include <map>
#include <memory>

#include "app_controller.h"
#include "demo_fixture.h"
#include "kiosk_board.h"
#include "kiosk_session.h"
#include "secap/core/clock.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"
#include "secap/core/kiosk_pin.h"

namespace secap::field {
namespace {

class KioskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_dir.isValid());
    m_clock = std::make_unique<core::ManualClock>(QDateTime::currentMSecsSinceEpoch());
    auto store = core::LocalStore::open(storePath(m_dir.path()).toStdString(), *m_clock);
    ASSERT_TRUE(store.isOk()) << store.status().toString();
    testing::ServerDemoOptions options;
    options.nowMs = m_clock->nowMs();
    options.role = "kiosk";
    m_ids = testing::populateServerDemoStore(**store, options);
    m_site = (*store)->sites(m_ids.municipalityId).front().id();
    // Three persons as the server sends them: a caretaker of a site here, one
    // of a site elsewhere, one without a PIN.
    secap::v1::PullResponse page;
    auto person = [&](const char* name, const std::string& site, const char* pin) {
      auto* c = page.add_changes();
      c->set_change_id(core::newUuidV7(*m_clock));
      c->set_entity_id(core::newUuidV7(*m_clock));
      c->set_hlc(core::makeHlc(m_clock->nowMs() - 1000, 0));
      c->set_server_seq(1'000'000 + page.changes_size());
      c->set_origin_device_id("server");
      auto* p = c->mutable_person();
      p->set_id(c->entity_id());
      p->set_display_name(name);
      if (pin) p->set_kiosk_pin_hash(core::hashKioskPin(pin).value());
      p->add_kiosk_site_ids(site);
      return p->id();
    };
    m_janina = QString::fromStdString(person("Janina Kowalska", m_site, "4711"));
    person("Piotr Nowak", core::newUuidV7(*m_clock), "1234");
    person("Bez PIN-u", m_site, nullptr);
    page.set_last_seq(1'000'000 + page.changes_size());
    ASSERT_TRUE((*store)->applyPullPage(page).isOk());
    m_app = std::make_unique<AppController>(std::move(store).value(), TransportFactory{}, m_dir.path());
  }

  // Checks a PIN and waits for the verdict: "accepted", "refused N" or "locked".
  QString check(KioskSession& kiosk, const QString& pin) {
    QSignalSpy accepted(&kiosk, &KioskSession::pinAccepted);
    QSignalSpy refused(&kiosk, &KioskSession::pinRefused);
    QSignalSpy locked(&kiosk, &KioskSession::personLocked);
    kiosk.checkPin(m_janina, pin);
    if (!QTest::qWaitFor([&] { return !accepted.isEmpty() || !refused.isEmpty() || !locked.isEmpty(); }, 10000))
      return QStringLiteral("timeout");
    if (!accepted.isEmpty()) return QStringLiteral("accepted");
    if (!locked.isEmpty()) return QStringLiteral("locked");
    return QStringLiteral("refused %1").arg(refused.first().at(1).toInt());
  }

  QTemporaryDir m_dir;
  std::unique_ptr<core::ManualClock> m_clock;
  testing::ServerDemoIds m_ids;
  std::string m_site;
  QString m_janina;
  std::unique_ptr<AppController> m_app;
};

TEST_F(KioskTest, TheCaretakersAreThoseWithAPinForThisTabletsSites) {
  KioskSession kiosk;
  kiosk.setApp(m_app.get());
  const QVariantList list = kiosk.caretakers();
  ASSERT_EQ(list.size(), 1);
  EXPECT_EQ(list[0].toMap().value("name").toString(), QStringLiteral("Janina Kowalska"));
  EXPECT_EQ(list[0].toMap().value("lockedUntil").toLongLong(), 0);
}

TEST_F(KioskTest, FiveWrongPinsLockThePersonForFiveMinutesEvenAcrossARestart) {
  auto kiosk = std::make_unique<KioskSession>();
  kiosk->setApp(m_app.get());
  EXPECT_EQ(check(*kiosk, "4711"), QStringLiteral("accepted"));
  for (int left = 4; left >= 1; --left) EXPECT_EQ(check(*kiosk, "0000"), QStringLiteral("refused %1").arg(left));
  EXPECT_EQ(check(*kiosk, "0000"), QStringLiteral("locked"));
  const qint64 until = kiosk->lockedUntil(m_janina);
  EXPECT_EQ(until, m_clock->nowMs() + KioskSession::kPinLockMs);
  EXPECT_EQ(kiosk->caretakers()[0].toMap().value("lockedUntil").toLongLong(), until) << "shown as locked";

  // The right PIN does not open a lock, not after a restart either.
  kiosk = std::make_unique<KioskSession>();
  kiosk->setApp(m_app.get());
  m_clock->advance(4 * 60 * 1000);
  EXPECT_EQ(check(*kiosk, "4711"), QStringLiteral("locked"));

  // Five minutes on, the PIN opens and the count starts afresh.
  m_clock->advance(61 * 1000);
  EXPECT_EQ(kiosk->lockedUntil(m_janina), 0);
  EXPECT_EQ(check(*kiosk, "4711"), QStringLiteral("accepted"));
  EXPECT_EQ(kiosk->failures(m_janina), 0);
  EXPECT_EQ(kiosk->caretakers()[0].toMap().value("lockedUntil").toLongLong(), 0) << "the board no longer shows it";
  EXPECT_EQ(check(*kiosk, "1111"), QStringLiteral("refused 4"));
}

TEST_F(KioskTest, LeavingKioskModeNeedsTheAdminPin) {
  KioskSession kiosk;
  kiosk.setApp(m_app.get());
  EXPECT_FALSE(kiosk.hasAdminPin());
  EXPECT_FALSE(kiosk.setAdminPin(QStringLiteral("12")));
  EXPECT_FALSE(kiosk.setAdminPin(QStringLiteral("12ab")));
  ASSERT_TRUE(kiosk.setAdminPin(QStringLiteral("24681357")));
  EXPECT_TRUE(kiosk.hasAdminPin());
  EXPECT_EQ(m_app->store().state("kiosk_admin_pin_hash").value_or("").rfind("$argon2id$", 0), 0u)
      << "only a hash is kept";

  QSignalSpy accepted(&kiosk, &KioskSession::adminPinAccepted);
  QSignalSpy refused(&kiosk, &KioskSession::adminPinRefused);
  kiosk.checkAdminPin(QStringLiteral("4711"));
  ASSERT_TRUE(QTest::qWaitFor([&] { return !refused.isEmpty(); }, 10000));
  kiosk.checkAdminPin(QStringLiteral("24681357"));
  ASSERT_TRUE(QTest::qWaitFor([&] { return !accepted.isEmpty(); }, 10000));
  EXPECT_EQ(refused.size(), 1);
}

TEST_F(KioskTest, IdleReturnsToTheBoardAndAnyInputPutsItOff) {
  KioskSession kiosk;
  kiosk.setApp(m_app.get());
  kiosk.setIdleTimeoutMs(300);
  QSignalSpy idle(&kiosk, &KioskSession::idle);
  kiosk.setWatchingInput(true);
  QObject somewhere;  // any object of the app: the filter is app-wide
  for (int i = 0; i < 5; ++i) {
    QTest::qWait(150);
    QKeyEvent key(QEvent::KeyPress, Qt::Key_5, Qt::NoModifier, QStringLiteral("5"));
    QCoreApplication::sendEvent(&somewhere, &key);
  }
  EXPECT_EQ(idle.size(), 0) << "typing keeps the page";
  ASSERT_TRUE(idle.wait(2000));
  kiosk.setWatchingInput(false);
  QTest::qWait(400);
  EXPECT_EQ(idle.size(), 1);
}

}  // namespace
}  // namespace secap::field

namespace secap::field {
namespace {

// The board's cards from the tablet's own records: the building's month
// against last year, and the completed measures with only their published
// photos.
TEST_F(KioskTest, TheBoardShowsTheBuildingsMonthAndOnlyPublishedPhotos) {
  auto& store = m_app->store();
  // A completed measure's latest update, and three photos of it: published,
  // not published, published but redacted.
  std::string updateId;
  std::string measureTitle;
  for (const auto& m : store.measures(m_ids.municipalityId)) {
    for (const auto& u : store.progressUpdates(m.id()))
      if (u.status() == secap::v1::PROGRESS_STATUS_COMPLETED && updateId.empty()) {
        updateId = u.id();
        measureTitle = m.title();
      }
  }
  ASSERT_FALSE(updateId.empty());
  secap::v1::PullResponse page;
  std::map<std::string, std::string> files;
  auto photo = [&](const char* name, bool publishable, bool redacted) {
    auto* c = page.add_changes();
    c->set_change_id(core::newUuidV7(*m_clock));
    c->set_entity_id(core::newUuidV7(*m_clock));
    c->set_hlc(core::makeHlc(m_clock->nowMs() - 500, 0));
    c->set_server_seq(2'000'000 + page.changes_size());
    c->set_origin_device_id("server");
    auto* a = c->mutable_attachment();
    a->set_id(c->entity_id());
    a->set_owner_type("progress_update");
    a->set_owner_id(updateId);
    a->set_mime("image/jpeg");
    a->set_publishable(publishable);
    a->set_redacted(redacted);
    const std::string path = (m_dir.path() + "/" + name).toStdString();
    std::ofstream(path) << name;
    a->set_sha256(core::sha256Hex(name));
    a->set_size(static_cast<int64_t>(std::string(name).size()));
    files[a->id()] = path;
    return a->id();
  };
  const std::string published = photo("published.jpg", true, false);
  photo("internal.jpg", false, false);
  photo("redacted.jpg", true, true);
  page.set_last_seq(2'000'000 + page.changes_size());
  ASSERT_TRUE(store.applyPullPage(page).isOk());
  for (const auto& [id, path] : files) {
    const auto a = store.attachment(id);
    ASSERT_TRUE(a);
    ASSERT_TRUE(store.recordDownloadedAttachment(id, a->sha256(), path, a->size()).isOk());
  }

  KioskBoard board;
  board.setApp(m_app.get());
  const QVariantMap building = board.building();
  EXPECT_TRUE(building.value("available").toBool()) << "the demo's readings cover last month and a year before";
  EXPECT_GT(building.value("meters").toInt(), 0);
  EXPECT_GT(building.value("kwh").toDouble(), 0);
  EXPECT_TRUE(building.contains("change"));

  bool found = false;
  for (const QVariant& v : board.measures()) {
    const QVariantMap m = v.toMap();
    const QVariantList photos = m.value("photoUrls").toList();
    for (const QVariant& url : photos) {
      const QString path = url.toUrl().toLocalFile();
      EXPECT_FALSE(path.endsWith("internal.jpg")) << "an unpublished photo never reaches the board";
      EXPECT_FALSE(path.endsWith("redacted.jpg")) << "nor a redacted one";
    }
    if (m.value("title").toString().toStdString() == measureTitle) {
      found = true;
      ASSERT_EQ(photos.size(), 1);
      EXPECT_EQ(photos[0].toUrl().toLocalFile().toStdString(), files[published]);
    }
  }
  EXPECT_TRUE(found) << "the completed measure is on the board";
  EXPECT_FALSE(board.measures().isEmpty());
  EXPECT_FALSE(board.meters().isEmpty());
}

}  // namespace
}  // namespace secap::field

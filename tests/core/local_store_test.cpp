#include "secap/core/local_store.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "fixtures.h"
#include "secap/core/ids.h"
#include "secap/core/sqlite.h"

using namespace secap::core;
using secap::testing::basePage;
using secap::testing::freshDir;
using secap::testing::kMeterId;
using secap::testing::kSiteId;

namespace {

constexpr int64_t kNow = 1767225600000;  // 2026-01-01

std::unique_ptr<LocalStore> openWithBase(const std::string& dir, const Clock& clock) {
  auto store = LocalStore::open(dir + "/device.db", clock);
  EXPECT_TRUE(store.isOk()) << store.status().toString();
  EXPECT_TRUE((*store)->applyPullPage(basePage(clock.nowMs())).isOk());
  return std::move(store).value();
}

secap::v1::Reading reading(double value, int64_t takenAt = 0) {
  secap::v1::Reading r;
  r.set_meter_id(kMeterId);
  r.set_value(value);
  r.set_taken_at(takenAt);
  return r;
}

}  // namespace

TEST(LocalStoreMigrations, FreshDatabaseReachesTheCurrentVersion) {
  ManualClock clock(kNow);
  auto store = LocalStore::open(freshDir("mig_fresh") + "/device.db", clock);
  ASSERT_TRUE(store.isOk());
  EXPECT_EQ((*store)->schemaVersion(), LocalStore::kSchemaVersion);
}

// The device database names people and places: other users of a shared
// desktop must not read it, whatever the umask.
TEST(LocalStoreFiles, TheDatabaseAndItsLogAreReadableByTheOwnerOnly) {
  const std::string path = secap::testing::freshDir("owner_only") + "/device.db";
  auto store = secap::core::LocalStore::open(path);
  ASSERT_TRUE(store.isOk()) << store.status().toString();
  secap::v1::Change site;
  site.set_entity_id(secap::core::newUuidV7());
  site.mutable_site()->set_id(site.entity_id());
  site.mutable_site()->set_name("Szkoła");
  (void)(*store)->saveLocalChange(site);
  namespace fs = std::filesystem;
  for (const std::string& f : {path, path + "-wal"}) {
    if (!fs::exists(f)) continue;
    const auto others = fs::perms::group_all | fs::perms::others_all;
    EXPECT_EQ(fs::status(f).permissions() & others, fs::perms::none) << f;
  }
}

TEST(LocalStoreMigrations, ReopeningKeepsDataAndVersion) {
  ManualClock clock(kNow);
  const auto dir = freshDir("mig_reopen");
  {
    auto store = openWithBase(dir, clock);
    ASSERT_TRUE(store->recordReading(reading(100)).isOk());
  }
  auto again = LocalStore::open(dir + "/device.db", clock);
  ASSERT_TRUE(again.isOk());
  EXPECT_EQ((*again)->schemaVersion(), LocalStore::kSchemaVersion);
  EXPECT_EQ((*again)->pendingCount(), 1);
  EXPECT_EQ((*again)->sites(secap::testing::kMunicipalityId).size(), 1u);
}

TEST(LocalStoreMigrations, UpgradesAnEmptyVersionZeroDatabase) {
  // A database file that exists but was never migrated (version 0).
  ManualClock clock(kNow);
  const auto path = freshDir("mig_zero") + "/device.db";
  { ASSERT_TRUE(sqlite::Db::open(path).isOk()); }
  auto store = LocalStore::open(path, clock);
  ASSERT_TRUE(store.isOk());
  EXPECT_EQ((*store)->schemaVersion(), LocalStore::kSchemaVersion);
}

TEST(LocalStoreMigrations, ADatabaseFromANewerAppIsRefusedNotDamaged) {
  ManualClock clock(kNow);
  const auto path = freshDir("mig_newer") + "/device.db";
  {
    auto db = sqlite::Db::open(path);
    ASSERT_TRUE((*db)->exec("PRAGMA user_version=99").isOk());
  }
  auto store = LocalStore::open(path, clock);
  ASSERT_FALSE(store.isOk());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
}

TEST(LocalStoreOutbox, RecordingAReadingWritesTheRowAndItsOutboxEntry) {
  ManualClock clock(kNow);
  auto store = openWithBase(freshDir("outbox_write"), clock);
  auto saved = store->recordReading(reading(1234.5));
  ASSERT_TRUE(saved.isOk()) << saved.status().toString();
  EXPECT_FALSE(saved->id().empty());
  EXPECT_EQ(saved->taken_at(), kNow);
  ASSERT_TRUE(store->lastReading(kMeterId).has_value());
  EXPECT_DOUBLE_EQ(store->lastReading(kMeterId)->value(), 1234.5);
  auto outbox = store->pendingOutbox(100, 1 << 20);
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].change.entity_id(), saved->id());
  // One random id on the wire, not two: the new reading's id is its change's key.
  EXPECT_EQ(outbox[0].change.change_id(), saved->id());
  EXPECT_NE(outbox[0].change.hlc(), 0u);
  EXPECT_EQ(outbox[0].change.reading().value(), 1234.5);
}

TEST(LocalStoreOutbox, TakenAtDefaultsToServerCorrectedTime) {
  ManualClock clock(kNow);
  auto store = openWithBase(freshDir("outbox_offset"), clock);
  store->hlc().setServerOffsetMs(3600 * 1000);  // the phone is an hour slow
  auto saved = store->recordReading(reading(5));
  ASSERT_TRUE(saved.isOk());
  EXPECT_EQ(saved->taken_at(), kNow + 3600 * 1000);
}

TEST(LocalStoreValidation, ImpossibleReadingsAreRefusedAndNothingIsQueued) {
  ManualClock clock(kNow);
  auto store = openWithBase(freshDir("validation"), clock);
  auto nan = store->recordReading(reading(std::nan("")));
  ASSERT_FALSE(nan.isOk());
  EXPECT_NE(nan.status().message().find("reading.not_a_number"), std::string::npos);
  auto negative = store->recordReading(reading(-1));
  EXPECT_NE(negative.status().message().find("reading.negative_register"), std::string::npos);
  auto future = store->recordReading(reading(10, kNow + 24 * 3600 * 1000));
  EXPECT_NE(future.status().message().find("reading.future"), std::string::npos);
  auto unknown = reading(10);
  unknown.set_meter_id("0190a000-0000-7000-8000-0000000000ff");
  EXPECT_NE(store->recordReading(unknown).status().message().find("reading.unknown_meter"), std::string::npos);
  EXPECT_EQ(store->pendingCount(), 0);
  EXPECT_EQ(store->readingCount(), 0);
}

TEST(LocalStoreOutbox, AcceptedAndDuplicateLeaveTheOutboxRejectedStays) {
  ManualClock clock(kNow);
  auto store = openWithBase(freshDir("results"), clock);
  for (double v : {10.0, 20.0, 30.0}) ASSERT_TRUE(store->recordReading(reading(v)).isOk());
  auto sent = store->pendingOutbox(10, 1 << 20);
  ASSERT_EQ(sent.size(), 3u);
  secap::v1::PushResponse resp;
  auto add = [&](int i, secap::v1::Outcome o) {
    auto* r = resp.add_results();
    r->set_change_id(sent[i].change.change_id());
    r->set_outcome(o);
    if (o == secap::v1::REJECTED) {
      r->set_reason_code("reading.future");
      r->set_message("the reading is dated in the future");
    }
  };
  add(0, secap::v1::ACCEPTED);
  add(1, secap::v1::DUPLICATE);
  add(2, secap::v1::REJECTED);
  ASSERT_TRUE(store->applyPushResults(sent, resp).isOk());
  EXPECT_EQ(store->pendingCount(), 0);
  ASSERT_EQ(store->rejectedCount(), 1);
  auto rejected = store->rejectedChanges();
  EXPECT_EQ(rejected[0].reasonCode, "reading.future");
  EXPECT_EQ(rejected[0].change.change_id(), sent[2].change.change_id());
  // The rejected reading is still on the device, not silently dropped.
  EXPECT_EQ(store->readingCount(), 3);
  ASSERT_TRUE(store->retryRejected().isOk());
  EXPECT_EQ(store->pendingCount(), 1);
  EXPECT_EQ(store->pendingOutbox(10, 1 << 20)[0].change.change_id(), sent[2].change.change_id());
}

TEST(LocalStoreOutbox, AMissingVerdictKeepsTheChangePending) {
  ManualClock clock(kNow);
  auto store = openWithBase(freshDir("missing"), clock);
  ASSERT_TRUE(store->recordReading(reading(10)).isOk());
  auto sent = store->pendingOutbox(10, 1 << 20);
  ASSERT_TRUE(store->applyPushResults(sent, secap::v1::PushResponse()).isOk());
  EXPECT_EQ(store->pendingCount(), 1);
}

TEST(LocalStoreOutbox, AContentDuplicateGivesWayToTheCanonicalReading) {
  ManualClock clock(kNow);
  auto store = openWithBase(freshDir("canonical"), clock);
  auto saved = store->recordReading(reading(10));
  ASSERT_TRUE(saved.isOk());
  auto sent = store->pendingOutbox(10, 1 << 20);
  secap::v1::PushResponse resp;
  auto* r = resp.add_results();
  r->set_change_id(sent[0].change.change_id());
  r->set_outcome(secap::v1::DUPLICATE);
  r->set_canonical_entity_id("0190a000-0000-7000-8000-0000000000aa");
  ASSERT_TRUE(store->applyPushResults(sent, resp).isOk());
  EXPECT_EQ(store->readingCount(), 0);  // the canonical copy arrives by pull
  EXPECT_EQ(store->pendingCount(), 0);
}

TEST(LocalStoreOutbox, BatchesRespectTheByteLimit) {
  ManualClock clock(kNow);
  auto store = openWithBase(freshDir("bytes"), clock);
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(store->recordReading(reading(100 + i, kNow - 1000 + i)).isOk());
  const auto all = store->pendingOutbox(1000, 1 << 20);
  ASSERT_EQ(all.size(), 50u);
  const size_t one = all[0].change.ByteSizeLong();
  const auto some = store->pendingOutbox(1000, one * 10);
  EXPECT_GT(some.size(), 0u);
  EXPECT_LT(some.size(), 50u);
  EXPECT_EQ(some[0].seq, all[0].seq);  // oldest first
}

TEST(LocalStorePull, PageAndCursorAreAppliedTogether) {
  ManualClock clock(kNow);
  auto store = LocalStore::open(freshDir("pull") + "/device.db", clock);
  ASSERT_TRUE(store.isOk());
  EXPECT_EQ((*store)->cursor(), 0);
  ASSERT_TRUE((*store)->applyPullPage(basePage(kNow)).isOk());
  EXPECT_EQ((*store)->cursor(), 3);
  ASSERT_EQ((*store)->municipalities().size(), 1u);
  EXPECT_EQ((*store)->municipalities()[0].name(), "Pałecznica");
  EXPECT_EQ((*store)->meters(kSiteId).size(), 1u);
}

TEST(LocalStorePull, AnOlderRemoteValueNeverOverwritesAPendingLocalEdit) {
  ManualClock clock(kNow);
  auto store = openWithBase(freshDir("pending_edit"), clock);
  // Local edit of the site name, not yet pushed.
  secap::v1::Change edit;
  edit.set_entity_id(kSiteId);
  auto site = store->sites(secap::testing::kMunicipalityId)[0];
  site.set_name("Szkoła Podstawowa nr 1 (po termomodernizacji)");
  *edit.mutable_site() = site;
  ASSERT_TRUE(store->saveLocalChange(edit).isOk());
  // A pulled value stamped before the edit.
  auto page = basePage(kNow);
  secap::v1::PullResponse older;
  *older.add_changes() = page.changes(1);
  older.mutable_changes(0)->mutable_site()->set_name("Stara nazwa");
  older.set_last_seq(10);
  ASSERT_TRUE(store->applyPullPage(older).isOk());
  EXPECT_EQ(store->sites(secap::testing::kMunicipalityId)[0].name(), "Szkoła Podstawowa nr 1 (po termomodernizacji)");
  EXPECT_EQ(store->cursor(), 10);
}

TEST(LocalStoreDurability, ASavedReadingSurvivesTheAppBeingKilled) {
  ManualClock clock(kNow);
  const auto dir = freshDir("kill9");
  { openWithBase(dir, clock); }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto store = LocalStore::open(dir + "/device.db", clock);
    if (!store.isOk() || !(*store)->recordReading(reading(4242)).isOk()) _exit(2);
    _exit(0);  // like kill -9: no destructors, no close
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  auto store = LocalStore::open(dir + "/device.db", clock);
  ASSERT_TRUE(store.isOk());
  ASSERT_TRUE((*store)->lastReading(kMeterId).has_value());
  EXPECT_DOUBLE_EQ((*store)->lastReading(kMeterId)->value(), 4242);
  EXPECT_EQ((*store)->pendingCount(), 1);
}

TEST(LocalStorePull, PartialChangesFromTwoPeopleMergePerField) {
  ManualClock clock(kNow);
  auto store = openWithBase(freshDir("partial"), clock);
  secap::v1::PullResponse page;
  auto add = [&](const std::string& field, int64_t ms, const std::function<void(secap::v1::Site&)>& set) {
    auto* c = page.add_changes();
    c->set_change_id(newUuidV7(clock));
    c->set_entity_id(kSiteId);
    c->set_hlc(makeHlc(ms, 0));
    c->set_origin_device_id("dev-" + field);
    c->add_fields(field);
    c->mutable_site()->set_id(kSiteId);
    set(*c->mutable_site());
  };
  add("address", kNow + 20, [](auto& s) { s.set_address("ul. Polna 2"); });
  add("name", kNow + 10, [](auto& s) { s.set_name("Przedszkole Samorządowe"); });
  add("name", kNow + 5, [](auto& s) { s.set_name("older name"); });  // arrives last, loses
  page.set_last_seq(20);
  ASSERT_TRUE(store->applyPullPage(page).isOk());
  const auto site = store->sites(secap::testing::kMunicipalityId).at(0);
  EXPECT_EQ(site.name(), "Przedszkole Samorządowe");
  EXPECT_EQ(site.address(), "ul. Polna 2");
  EXPECT_EQ(site.municipality_id(), secap::testing::kMunicipalityId);
}

TEST(LocalStoreValidation, ALowerRegisterIsWarnedAboutBeforeSaving) {
  ManualClock clock(kNow);
  auto store = openWithBase(freshDir("provisional"), clock);
  ASSERT_TRUE(store->recordReading(reading(12345, kNow - 86400000)).isOk());
  const auto flags = store->provisionalFlags(reading(12000));
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0], "reading.not_monotonic");
  EXPECT_TRUE(store->provisionalFlags(reading(12400)).empty());
}

TEST(LocalStoreMigrations, UpgradesFromEveryEarlierVersionKeepingPendingReadings) {
  ManualClock clock(kNow);
  for (int from = 1; from < LocalStore::kSchemaVersion; ++from) {
    SCOPED_TRACE("from version " + std::to_string(from));
    const auto path = freshDir("upgrade_" + std::to_string(from)) + "/device.db";
    {
      auto db = sqlite::Db::open(path);
      ASSERT_TRUE(db.isOk());
      for (int v = 0; v < from; ++v) ASSERT_TRUE((*db)->exec(LocalStore::migrationSql(v)).isOk());
      ASSERT_TRUE((*db)->exec("PRAGMA user_version=" + std::to_string(from)).isOk());
      // A meter and an unsent reading, written as that version wrote them.
      const auto page = basePage(kNow);
      auto ins = (*db)->prepare("INSERT INTO entities(type, id, parent_id, sort_key, hlc, data) VALUES(?,?,?,?,?,?)");
      ASSERT_TRUE(ins.isOk());
      ASSERT_TRUE(ins->bind(1, 3)
                      .bind(2, kMeterId)
                      .bind(3, kSiteId)
                      .bind(4, 0)
                      .bind(5, int64_t{1})
                      .bindBlob(6, page.changes(2).meter().SerializeAsString())
                      .exec()
                      .isOk());
      secap::v1::Change c;
      c.set_change_id("0190a000-0000-7000-8000-00000000c0de");
      c.set_entity_id("0190a000-0000-7000-8000-00000000beef");
      c.set_hlc(makeHlc(kNow, 0));
      auto* r = c.mutable_reading();
      r->set_id(c.entity_id());
      r->set_meter_id(kMeterId);
      r->set_value(777);
      r->set_taken_at(kNow - 5000);
      auto ins2 = (*db)->prepare(
          "INSERT INTO entities(type, id, parent_id, sort_key, hlc, pending, data) VALUES(4,?,?,?,?,1,?)");
      ASSERT_TRUE(ins2->bind(1, c.entity_id())
                      .bind(2, kMeterId)
                      .bind(3, r->taken_at())
                      .bind(4, int64_t{5})
                      .bindBlob(5, r->SerializeAsString())
                      .exec()
                      .isOk());
      auto ins3 = (*db)->prepare(
          "INSERT INTO outbox(change_id, entity_type, entity_id, payload, created_at) VALUES(?,4,?,?,?)");
      ASSERT_TRUE(ins3->bind(1, c.change_id())
                      .bind(2, c.entity_id())
                      .bindBlob(3, c.SerializeAsString())
                      .bind(4, kNow)
                      .exec()
                      .isOk());
    }
    auto store = LocalStore::open(path, clock);
    ASSERT_TRUE(store.isOk()) << store.status().toString();
    EXPECT_EQ((*store)->schemaVersion(), LocalStore::kSchemaVersion);
    EXPECT_EQ((*store)->pendingCount(), 1);
    ASSERT_TRUE((*store)->lastReading(kMeterId).has_value());
    EXPECT_DOUBLE_EQ((*store)->lastReading(kMeterId)->value(), 777);
  }
}

namespace {

secap::v1::Attachment sitePhoto() {
  secap::v1::Attachment a;
  a.set_mime("image/jpeg");
  a.set_owner_type("site");
  a.set_owner_id(kSiteId);
  return a;
}

std::string writeFile(const std::string& dir, const std::string& bytes) {
  const std::string path = dir + "/photo.jpg";
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

}  // namespace

TEST(LocalStoreAttachments, APhotoWaitsForItsRecordAndStaysPendingUntilUploaded) {
  ManualClock clock(kNow);
  const auto dir = freshDir("attachment_pending");
  auto store = openWithBase(dir, clock);
  const std::string bytes(100000, 'x');
  auto saved = store->addAttachment(sitePhoto(), writeFile(dir, bytes));
  ASSERT_TRUE(saved.isOk()) << saved.status().toString();
  EXPECT_EQ(saved->sha256(), sha256Hex(bytes));
  EXPECT_EQ(saved->size(), 100000);
  EXPECT_EQ(store->pendingCount(), 1);                     // the record goes first
  EXPECT_TRUE(store->pendingAttachmentUploads().empty());  // the photo waits for it
  EXPECT_EQ(store->pendingAttachmentCount(), 1);

  auto sent = store->pendingOutbox(10, 1 << 20);
  secap::v1::PushResponse resp;
  auto* r = resp.add_results();
  r->set_change_id(sent.at(0).change.change_id());
  r->set_outcome(secap::v1::ACCEPTED);
  r->set_server_seq(1);
  ASSERT_TRUE(store->applyPushResults(sent, resp).isOk());
  auto pending = store->pendingAttachmentUploads();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].attachmentId, saved->id());
  EXPECT_EQ(pending[0].size, 100000);

  ASSERT_TRUE(store->markAttachmentUploaded(saved->id()).isOk());
  EXPECT_TRUE(store->pendingAttachmentUploads().empty());
  EXPECT_EQ(store->pendingAttachmentCount(), 0);
}

TEST(LocalStoreAttachments, AMissingPhotoFileSavesNothing) {
  ManualClock clock(kNow);
  const auto dir = freshDir("attachment_missing");
  auto store = openWithBase(dir, clock);
  auto saved = store->addAttachment(sitePhoto(), dir + "/no_such_photo.jpg");
  EXPECT_EQ(saved.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->pendingCount(), 0);
  EXPECT_EQ(store->pendingAttachmentCount(), 0);
}

TEST(LocalStoreMigrations, ADatabaseFromBeforeAttachmentsCanRecordPhotosAfterTheUpgrade) {
  ManualClock clock(kNow);
  const auto dir = freshDir("upgrade_attachments");
  {
    auto db = sqlite::Db::open(dir + "/device.db");
    ASSERT_TRUE(db.isOk());
    for (int v = 0; v < 2; ++v) ASSERT_TRUE((*db)->exec(LocalStore::migrationSql(v)).isOk());
    ASSERT_TRUE((*db)->exec("PRAGMA user_version=2").isOk());
  }
  auto store = openWithBase(dir, clock);
  EXPECT_EQ(store->schemaVersion(), LocalStore::kSchemaVersion);
  auto saved = store->addAttachment(sitePhoto(), writeFile(dir, "jpeg bytes"));
  ASSERT_TRUE(saved.isOk()) << saved.status().toString();
  EXPECT_EQ(store->pendingAttachmentCount(), 1);
}

// A device from before inspection drafts keeps its pending readings and can
// keep drafts after the upgrade.
TEST(LocalStoreMigrations, ADatabaseFromBeforeDraftsKeepsItsOutboxAndTakesDrafts) {
  ManualClock clock(kNow);
  const auto dir = freshDir("upgrade_drafts");
  {
    auto db = sqlite::Db::open(dir + "/device.db");
    ASSERT_TRUE(db.isOk());
    for (int v = 0; v < 3; ++v) ASSERT_TRUE((*db)->exec(LocalStore::migrationSql(v)).isOk());
    ASSERT_TRUE((*db)->exec("PRAGMA user_version=3").isOk());
  }
  {
    auto store = openWithBase(dir, clock);
    ASSERT_TRUE(store->recordReading(reading(100)).isOk());
  }
  auto store = openWithBase(dir, clock);
  EXPECT_EQ(store->schemaVersion(), LocalStore::kSchemaVersion);
  EXPECT_EQ(store->pendingCount(), 1);
  InspectionDraft draft;
  draft.inspection.set_id(newUuidV7());
  draft.inspection.set_site_id(kSiteId);
  ASSERT_TRUE(store->saveInspectionDraft(draft).isOk());
  EXPECT_EQ(store->inspectionDrafts().size(), 1u);
}

namespace {

// The server refuses every change in the outbox with `reason`.
void rejectAll(LocalStore& store, const std::string& reason) {
  auto sent = store.pendingOutbox(100, 1 << 20);
  secap::v1::PushResponse resp;
  for (const auto& e : sent) {
    auto* r = resp.add_results();
    r->set_change_id(e.change.change_id());
    r->set_outcome(secap::v1::REJECTED);
    r->set_reason_code(reason);
    r->set_message("refused");
  }
  ASSERT_TRUE(store.applyPushResults(sent, resp).isOk());
}

}  // namespace

TEST(LocalStoreNeedsAttention, OneRejectedChangeIsSentAgainAlone) {
  ManualClock clock(kNow);
  auto store = openWithBase(freshDir("inbox_retry"), clock);
  ASSERT_TRUE(store->recordReading(reading(10)).isOk());
  ASSERT_TRUE(store->recordReading(reading(20)).isOk());
  rejectAll(*store, "reading.unknown_meter");
  const auto rejected = store->rejectedChanges();
  ASSERT_EQ(rejected.size(), 2u);
  ASSERT_TRUE(store->retryRejected(rejected[1].seq).isOk());
  EXPECT_EQ(store->rejectedCount(), 1);
  ASSERT_EQ(store->pendingOutbox(10, 1 << 20).size(), 1u);
  EXPECT_EQ(store->pendingOutbox(10, 1 << 20)[0].change.change_id(), rejected[1].change.change_id());
  EXPECT_EQ(store->retryRejected(rejected[1].seq).code(), StatusCode::kNotFound);
}

TEST(LocalStoreNeedsAttention, ACorrectedValueReplacesTheRejectedOneUnderANewChange) {
  ManualClock clock(kNow);
  auto store = openWithBase(freshDir("inbox_correct"), clock);
  auto saved = store->recordReading(reading(123456));
  ASSERT_TRUE(saved.isOk());
  rejectAll(*store, "reading.too_many_digits");
  const auto rejected = store->rejectedChanges().at(0);

  // A correction that is still wrong is refused and changes nothing.
  secap::v1::Change wrong = rejected.change;
  wrong.mutable_reading()->set_value(-5);
  auto refused = store->correctRejected(rejected.seq, wrong);
  ASSERT_FALSE(refused.isOk());
  EXPECT_NE(refused.status().message().find("reading.negative_register"), std::string::npos);
  EXPECT_EQ(store->rejectedCount(), 1);

  // Another record is not a correction of this one.
  secap::v1::Change other = rejected.change;
  other.set_entity_id("0190a000-0000-7000-8000-0000000000aa");
  other.mutable_reading()->set_id(other.entity_id());
  EXPECT_FALSE(store->correctRejected(rejected.seq, other).isOk());

  secap::v1::Change fixed = rejected.change;
  fixed.mutable_reading()->set_value(12345.6);
  auto corrected = store->correctRejected(rejected.seq, fixed);
  ASSERT_TRUE(corrected.isOk()) << corrected.status().toString();
  EXPECT_NE(corrected->change_id(), rejected.change.change_id());
  EXPECT_EQ(store->rejectedCount(), 0);
  const auto outbox = store->pendingOutbox(10, 1 << 20);
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].change.entity_id(), saved->id());
  EXPECT_DOUBLE_EQ(outbox[0].change.reading().value(), 12345.6);
  EXPECT_DOUBLE_EQ(store->lastReading(kMeterId)->value(), 12345.6);
  EXPECT_EQ(store->readingCount(), 1);
}

TEST(LocalStoreNeedsAttention, DiscardingANewRecordTakesItAndItsUnsentPhotoOffTheDevice) {
  ManualClock clock(kNow);
  const auto dir = freshDir("inbox_discard");
  auto store = openWithBase(dir, clock);
  ASSERT_TRUE(store->recordReading(reading(10)).isOk());  // stays
  auto doomed = store->recordReading(reading(99));
  ASSERT_TRUE(doomed.isOk());
  secap::v1::Attachment photo;
  photo.set_mime("image/jpeg");
  photo.set_owner_type("reading");
  photo.set_owner_id(doomed->id());
  const std::string path = writeFile(dir, std::string(1000, 'p'));
  ASSERT_TRUE(store->addAttachment(photo, path).isOk());
  rejectAll(*store, "reading.future");
  ASSERT_EQ(store->rejectedCount(), 3);

  int64_t seq = 0;
  for (const auto& r : store->rejectedChanges())
    if (r.change.entity_id() == doomed->id()) seq = r.seq;
  auto discarded = store->discardRejected(seq);
  ASSERT_TRUE(discarded.isOk()) << discarded.status().toString();
  ASSERT_EQ(discarded->photoPaths.size(), 1u);
  EXPECT_EQ(discarded->photoPaths[0], path);
  EXPECT_EQ(store->readingCount(), 1);
  EXPECT_DOUBLE_EQ(store->lastReading(kMeterId)->value(), 10);
  EXPECT_EQ(store->rejectedCount(), 1);  // the other reading waits for the user
  EXPECT_EQ(store->pendingAttachmentCount(), 0);
  EXPECT_EQ(store->discardRejected(seq).status().code(), StatusCode::kNotFound);
}

TEST(LocalStoreNeedsAttention, DiscardingAnEditBringsTheServersVersionBack) {
  ManualClock clock(kNow);
  auto store = openWithBase(freshDir("inbox_discard_edit"), clock);
  secap::v1::Change edit;
  edit.set_entity_id(kSiteId);
  edit.mutable_site()->set_id(kSiteId);
  edit.mutable_site()->set_name("Renamed here");
  edit.add_fields("name");
  ASSERT_TRUE(store->saveLocalChange(edit).isOk());
  rejectAll(*store, "auth.forbidden");
  auto discarded = store->discardRejected(store->rejectedChanges().at(0).seq);
  ASSERT_TRUE(discarded.isOk()) << discarded.status().toString();
  EXPECT_EQ(store->rejectedCount(), 0);
  EXPECT_EQ(store->pendingCount(), 0);
  EXPECT_EQ(store->state(state_keys::kResyncNeeded).value_or(""), "1");
}

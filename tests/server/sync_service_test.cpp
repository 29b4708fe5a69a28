// SyncService over real gRPC on loopback, against the SQLite store.
#include <gtest/gtest.h>

#include "harness.h"
#include "secap/core/ids.h"

using namespace secap;
using secap::testing::kMeterId;
using secap::testing::kMunicipalityId;
using secap::testing::kServerNow;
using secap::testing::ServerHarness;

namespace {

constexpr const char* kOtherMunicipality = "0190a000-0000-7000-8000-0000000000b1";

struct Device {
  std::string id;
  std::string token;
};

Device enroll(ServerHarness& h, const std::string& code, const std::string& installId) {
  grpc::ClientContext ctx;
  v1::EnrollRequest req;
  req.set_enrollment_code(code);
  req.set_install_id(installId);
  req.set_device_name("Tablet kotłowni");
  req.set_platform("test");
  v1::EnrollResponse resp;
  auto st = h.stub->Enroll(&ctx, req, &resp);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return {resp.device_id(), resp.access_token()};
}

v1::Change readingChange(core::ManualClock& clock, double value, int64_t takenAt) {
  v1::Change c;
  c.set_change_id(core::newUuidV7(clock));
  c.set_entity_id(core::newUuidV7(clock));
  c.set_hlc(core::makeHlc(clock.nowMs(), 0));
  auto* r = c.mutable_reading();
  r->set_id(c.entity_id());
  r->set_meter_id(kMeterId);
  r->set_value(value);
  r->set_taken_at(takenAt);
  return c;
}

grpc::Status push(ServerHarness& h, const Device& d, const std::vector<v1::Change>& changes, v1::PushResponse& resp,
                  int32_t schema = 1) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + d.token);
  v1::PushRequest req;
  req.set_schema_version(schema);
  for (const auto& c : changes) *req.add_changes() = c;
  return h.stub->Push(&ctx, req, &resp);
}

grpc::Status pull(ServerHarness& h, const Device& d, int64_t after, v1::PullResponse& resp, int max = 0) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + d.token);
  v1::PullRequest req;
  req.set_after_seq(after);
  req.set_max_changes(max);
  req.set_schema_version(1);
  return h.stub->Pull(&ctx, req, &resp);
}

class SyncServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h = std::make_unique<ServerHarness>(::testing::UnitTest::GetInstance()->current_test_info()->name());
    h->seed(secap::testing::baseChanges(kServerNow));
    v1::Change other;
    other.set_change_id("0190a000-0000-7000-9000-0000000000b1");
    other.set_entity_id(kOtherMunicipality);
    other.set_hlc(core::makeHlc(kServerNow - 1000, 0));
    other.mutable_municipality()->set_id(kOtherMunicipality);
    other.mutable_municipality()->set_name("Schwäbisch Hall");
    h->seed({other});
    device = enroll(*h, h->code(kMunicipalityId), "install-1");
  }
  std::unique_ptr<ServerHarness> h;
  Device device;
};

}  // namespace

TEST_F(SyncServiceTest, EnrollGivesAUniqueTokenAndTheMunicipality) {
  EXPECT_TRUE(core::isCanonicalUuid(device.id));
  EXPECT_EQ(device.token.size(), 64u);
}

TEST_F(SyncServiceTest, ARetriedEnrollFromTheSameInstallReturnsTheSameDeviceAndRevokesTheOldToken) {
  const auto code = h->code(kMunicipalityId);
  Device first = enroll(*h, code, "install-2");
  Device again = enroll(*h, code, "install-2");
  EXPECT_EQ(first.id, again.id);
  EXPECT_NE(first.token, again.token);
  v1::PullResponse resp;
  EXPECT_EQ(pull(*h, first, 0, resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(pull(*h, again, 0, resp).ok());
}

TEST_F(SyncServiceTest, AUsedCodeCannotEnrollAnotherDevice) {
  const auto code = h->code(kMunicipalityId);
  enroll(*h, code, "install-3");
  grpc::ClientContext ctx;
  v1::EnrollRequest req;
  req.set_enrollment_code(code);
  req.set_install_id("install-4");
  v1::EnrollResponse resp;
  EXPECT_EQ(h->stub->Enroll(&ctx, req, &resp).error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(SyncServiceTest, UnknownAndExpiredCodesAreRefused) {
  grpc::ClientContext ctx;
  v1::EnrollRequest req;
  req.set_enrollment_code("AAAAA-BBBBB-CCCCC");
  req.set_install_id("install-5");
  v1::EnrollResponse resp;
  EXPECT_EQ(h->stub->Enroll(&ctx, req, &resp).error_code(), grpc::StatusCode::NOT_FOUND);

  const auto code = h->code(kMunicipalityId);
  h->clock.advance(8LL * 86400000);
  grpc::ClientContext ctx2;
  req.set_enrollment_code(code);
  EXPECT_EQ(h->stub->Enroll(&ctx2, req, &resp).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(SyncServiceTest, CallsWithoutAValidTokenAreUnauthenticated) {
  v1::PullResponse resp;
  EXPECT_EQ(pull(*h, Device{"", ""}, 0, resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(pull(*h, Device{"", "0000"}, 0, resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(SyncServiceTest, PushAcceptsThenRemembersEachChangeId) {
  auto c = readingChange(h->clock, 100, kServerNow - 5000);
  v1::PushResponse first;
  ASSERT_TRUE(push(*h, device, {c}, first).ok());
  ASSERT_EQ(first.results(0).outcome(), v1::ACCEPTED);
  EXPECT_GT(first.results(0).server_seq(), 0);
  v1::PushResponse again;
  ASSERT_TRUE(push(*h, device, {c}, again).ok());
  EXPECT_EQ(again.results(0).outcome(), v1::DUPLICATE);
  EXPECT_EQ(again.results(0).server_seq(), first.results(0).server_seq());
}

TEST_F(SyncServiceTest, TheSameReadingFromTwoDevicesIsStoredOnce) {
  auto a = readingChange(h->clock, 200, kServerNow - 5000);
  auto b = readingChange(h->clock, 200, kServerNow - 5000);  // new ids, same content
  v1::PushResponse ra, rb;
  ASSERT_TRUE(push(*h, device, {a}, ra).ok());
  ASSERT_TRUE(push(*h, device, {b}, rb).ok());
  EXPECT_EQ(rb.results(0).outcome(), v1::DUPLICATE);
  EXPECT_EQ(rb.results(0).canonical_entity_id(), a.entity_id());
  EXPECT_EQ(rb.results(0).server_seq(), ra.results(0).server_seq());
}

TEST_F(SyncServiceTest, OneBadChangeDoesNotBlockTheRestOfItsBatch) {
  auto good1 = readingChange(h->clock, 300, kServerNow - 5000);
  auto bad = readingChange(h->clock, 301, kServerNow + 86400000);  // in the future
  auto good2 = readingChange(h->clock, 302, kServerNow - 4000);
  v1::PushResponse resp;
  ASSERT_TRUE(push(*h, device, {good1, bad, good2}, resp).ok());
  ASSERT_EQ(resp.results_size(), 3);
  EXPECT_EQ(resp.results(0).outcome(), v1::ACCEPTED);
  EXPECT_EQ(resp.results(1).outcome(), v1::REJECTED);
  EXPECT_EQ(resp.results(1).reason_code(), "reading.future");
  EXPECT_EQ(resp.results(2).outcome(), v1::ACCEPTED);
  // A rejected change is not remembered: corrected, it is judged afresh.
  bad.mutable_reading()->set_taken_at(kServerNow - 3000);
  v1::PushResponse retry;
  ASSERT_TRUE(push(*h, device, {bad}, retry).ok());
  EXPECT_EQ(retry.results(0).outcome(), v1::ACCEPTED);
}

TEST_F(SyncServiceTest, AFieldDeviceCannotWriteIntoAnotherMunicipality) {
  v1::Change site;
  site.set_change_id(core::newUuidV7(h->clock));
  site.set_entity_id(core::newUuidV7(h->clock));
  site.set_hlc(core::makeHlc(kServerNow, 1));
  site.mutable_site()->set_id(site.entity_id());
  site.mutable_site()->set_municipality_id(kOtherMunicipality);
  site.mutable_site()->set_name("Rathaus");
  v1::PushResponse resp;
  ASSERT_TRUE(push(*h, device, {site}, resp).ok());
  EXPECT_EQ(resp.results(0).reason_code(), "auth.forbidden");
}

TEST_F(SyncServiceTest, TooManyChangesIsInvalidArgument) {
  std::vector<v1::Change> many(5001, readingChange(h->clock, 1, kServerNow - 5000));
  v1::PushResponse resp;
  EXPECT_EQ(push(*h, device, many, resp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(SyncServiceTest, AnUnsupportedSchemaAsksForAnUpdate) {
  v1::PushResponse resp;
  auto st = push(*h, device, {readingChange(h->clock, 1, kServerNow - 5000)}, resp, 99);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("update"), std::string::npos);
}

TEST_F(SyncServiceTest, PullIsLimitedToTheDevicesMunicipality) {
  v1::PullResponse resp;
  ASSERT_TRUE(pull(*h, device, 0, resp).ok());
  for (const auto& c : resp.changes()) EXPECT_NE(c.entity_id(), kOtherMunicipality);
  EXPECT_EQ(resp.changes_size(), 3);  // municipality, site, meter
  EXPECT_FALSE(resp.has_more());
  EXPECT_EQ(resp.last_seq(), 4);  // past the other municipality's change too
}

TEST_F(SyncServiceTest, PullPagesInSeqOrderAndReturnsTheDevicesOwnChanges) {
  std::vector<v1::Change> batch;
  for (int i = 0; i < 10; ++i) batch.push_back(readingChange(h->clock, 1000 + i, kServerNow - 10000 + i));
  v1::PushResponse pr;
  ASSERT_TRUE(push(*h, device, batch, pr).ok());
  int64_t cursor = 0;
  std::vector<int64_t> seqs;
  int pages = 0;
  while (true) {
    v1::PullResponse page;
    ASSERT_TRUE(pull(*h, device, cursor, page, 4).ok());
    ++pages;
    for (const auto& c : page.changes()) seqs.push_back(c.server_seq());
    cursor = page.last_seq();
    if (!page.has_more()) break;
  }
  EXPECT_EQ(seqs.size(), 13u);
  EXPECT_TRUE(std::is_sorted(seqs.begin(), seqs.end()));
  EXPECT_EQ(pages, 4);
}

TEST_F(SyncServiceTest, TwoCoordinatorsEditingDifferentFieldsOfASiteBothKeepTheirEdits) {
  Device a = enroll(*h, h->code(kMunicipalityId, "coordinator"), "install-c1");
  Device b = enroll(*h, h->code(kMunicipalityId, "coordinator"), "install-c2");
  auto edit = [&](const std::string& field, const std::function<void(v1::Site&)>& set, int64_t offset) {
    v1::Change c;
    c.set_change_id(core::newUuidV7(h->clock));
    c.set_entity_id(secap::testing::kSiteId);
    c.set_hlc(core::makeHlc(kServerNow + offset, 0));
    c.add_fields(field);
    c.mutable_site()->set_id(secap::testing::kSiteId);
    set(*c.mutable_site());
    return c;
  };
  v1::PushResponse ra, rb;
  // B's edit is later in time but reaches the server first.
  ASSERT_TRUE(push(*h, b, {edit("address", [](auto& s) { s.set_address("ul. Kościuszki 5"); }, 20)}, rb).ok());
  ASSERT_TRUE(push(*h, a, {edit("name", [](auto& s) { s.set_name("SP nr 1 im. Marii Konopnickiej"); }, 10)}, ra).ok());
  ASSERT_EQ(ra.results(0).outcome(), v1::ACCEPTED) << ra.results(0).reason_code();
  ASSERT_EQ(rb.results(0).outcome(), v1::ACCEPTED) << rb.results(0).reason_code();
  auto sites = h->srv->store().entitiesOf(core::EntityType::kSite, kMunicipalityId);
  ASSERT_TRUE(sites.isOk());
  ASSERT_EQ(sites->size(), 1u);
  EXPECT_EQ(sites->front().entity.site().name(), "SP nr 1 im. Marii Konopnickiej");
  EXPECT_EQ(sites->front().entity.site().address(), "ul. Kościuszki 5");
  EXPECT_EQ(sites->front().entity.site().municipality_id(), kMunicipalityId);  // untouched by partial edits
  EXPECT_EQ(sites->front().stamps.at("address").origin, b.id);
  // A field worker may not edit a site.
  v1::PushResponse rf;
  ASSERT_TRUE(push(*h, device, {edit("name", [](auto& s) { s.set_name("x"); }, 30)}, rf).ok());
  EXPECT_EQ(rf.results(0).reason_code(), "auth.forbidden");
}

TEST_F(SyncServiceTest, AnAnomalousReadingIsAcceptedWithItsFlagsAndThoseArePulled) {
  v1::PushResponse first, lower;
  ASSERT_TRUE(push(*h, device, {readingChange(h->clock, 12345, kServerNow - 20000)}, first).ok());
  EXPECT_EQ(first.results(0).flags_size(), 0);
  auto low = readingChange(h->clock, 12000, kServerNow - 10000);
  low.mutable_reading()->add_quality_flags("made.up.by.device");  // only the server sets flags
  ASSERT_TRUE(push(*h, device, {low}, lower).ok());
  ASSERT_EQ(lower.results(0).outcome(), v1::ACCEPTED);
  ASSERT_EQ(lower.results(0).flags_size(), 1);
  EXPECT_EQ(lower.results(0).flags(0), "reading.not_monotonic");
  v1::PullResponse page;
  ASSERT_TRUE(pull(*h, device, 0, page).ok());
  bool found = false;
  for (const auto& c : page.changes()) {
    if (c.entity_id() != low.entity_id()) continue;
    found = true;
    ASSERT_EQ(c.reading().quality_flags_size(), 1);
    EXPECT_EQ(c.reading().quality_flags(0), "reading.not_monotonic");
  }
  EXPECT_TRUE(found);
}

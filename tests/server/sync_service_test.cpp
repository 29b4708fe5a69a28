// SyncService over real gRPC on loopback, against each store backend.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <chrono>

#include "harness.h"
#include "secap/core/entity.h"
#include "secap/core/ids.h"
#include "sync_calls.h"

using namespace secap;
using secap::testing::kMeterId;
using secap::testing::kMunicipalityId;
using secap::testing::kServerNow;
using secap::testing::ServerHarness;
using namespace secap::testing::calls;

namespace {

using secap::testing::kOtherMunicipality;

class SyncServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h = std::make_unique<ServerHarness>(::testing::UnitTest::GetInstance()->current_test_info()->name());
    h->seed(secap::testing::baseChanges(kServerNow));
    h->seed({secap::testing::otherMunicipalityChange(kServerNow)});
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

// The app sends a reading's id once, as the change's entity_id (and, for a
// new reading, as its change_id too): the server stores the reading under
// that id and every device pulls it back whole.
TEST_F(SyncServiceTest, AReadingSentWithItsIdOnceIsStoredAndPulledWithIt) {
  auto c = readingChange(h->clock, 300, kServerNow - 5000);
  c.set_change_id(c.entity_id());
  core::compactForWire(c);
  ASSERT_TRUE(c.reading().id().empty());
  v1::PushResponse resp;
  ASSERT_TRUE(push(*h, device, {c}, resp).ok());
  ASSERT_EQ(resp.results(0).outcome(), v1::ACCEPTED) << resp.results(0).message();
  v1::PushResponse again;
  ASSERT_TRUE(push(*h, device, {c}, again).ok());
  EXPECT_EQ(again.results(0).outcome(), v1::DUPLICATE);
  Device other = enroll(*h, h->code(kMunicipalityId), "install-compact");
  v1::PullResponse page;
  ASSERT_TRUE(pull(*h, other, 0, page).ok());
  int found = 0;
  for (const auto& p : page.changes())
    if (p.entity_id() == c.entity_id()) {
      ++found;
      EXPECT_EQ(p.reading().id(), c.entity_id());
      EXPECT_EQ(p.reading().value(), 300);
    }
  EXPECT_EQ(found, 1);
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

// An app of schema 1 (before published inventories and the new carriers)
// keeps syncing: what it cannot name, it keeps as unknown.
TEST_F(SyncServiceTest, AnOlderAppsSchemaIsStillServed) {
  for (int32_t schema : {0, 1, 2}) {
    v1::PushResponse resp;
    EXPECT_TRUE(push(*h, device, {readingChange(h->clock, schema + 1, kServerNow - 5000 + schema)}, resp, schema).ok())
        << schema;
  }
}

TEST_F(SyncServiceTest, PullIsLimitedToTheDevicesMunicipality) {
  v1::PullResponse resp;
  ASSERT_TRUE(pull(*h, device, 0, resp).ok());
  for (const auto& c : resp.changes()) EXPECT_NE(c.entity_id(), kOtherMunicipality);
  EXPECT_EQ(resp.changes_size(), 3);  // municipality, site, meter
  EXPECT_FALSE(resp.has_more());
  // Past the other municipality's change too: the cursor is the watermark.
  EXPECT_EQ(resp.last_seq(), *h->srv->store().watermark());
  EXPECT_GT(resp.last_seq(), resp.changes(2).server_seq());
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
  ASSERT_TRUE(push(*h, b,
                   {edit(
                       "address", [](auto& s) { s.set_address("ul. Kościuszki 5"); }, 20)},
                   rb)
                  .ok());
  ASSERT_TRUE(push(*h, a,
                   {edit(
                       "name", [](auto& s) { s.set_name("SP nr 1 im. Marii Konopnickiej"); }, 10)},
                   ra)
                  .ok());
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
  ASSERT_TRUE(push(*h, device,
                   {edit(
                       "name", [](auto& s) { s.set_name("x"); }, 30)},
                   rf)
                  .ok());
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

// ---------------------------------------------------------------------------
// Measures, progress, inspections, reviews and reference data (DESIGN.md §3, §8).

namespace {

v1::Change newChange(core::ManualClock& clock, int64_t offsetMs = 0, const std::string& entityId = "") {
  v1::Change c;
  c.set_change_id(core::newUuidV7(clock));
  c.set_entity_id(entityId.empty() ? core::newUuidV7(clock) : entityId);
  c.set_hlc(core::makeHlc(clock.nowMs() + offsetMs, 0));
  return c;
}

v1::Change measureChange(core::ManualClock& clock) {
  auto c = newChange(clock);
  auto* m = c.mutable_measure();
  m->set_id(c.entity_id());
  m->set_municipality_id(kMunicipalityId);
  m->set_code("B.1");
  m->set_title("Termomodernizacja Szkoły Podstawowej");
  m->set_budget_eur(1'150'000);
  m->add_funding_sources("RPO WM 2014-2020");
  return c;
}

v1::Change templateChange(core::ManualClock& clock) {
  auto c = newChange(clock);
  auto* t = c.mutable_inspection_template();
  t->set_id(c.entity_id());
  t->set_name("Weryfikacja");
  t->set_version(1);
  auto* item = t->add_items();
  item->set_key("implemented_as_planned");
  item->set_kind(v1::INSPECTION_ITEM_KIND_YES_NO);
  return c;
}

v1::Change progressChange(core::ManualClock& clock, const std::string& measureId, double percent) {
  auto c = newChange(clock);
  auto* p = c.mutable_progress_update();
  p->set_id(c.entity_id());
  p->set_measure_id(measureId);
  p->set_reported_at(clock.nowMs() - 1000);
  p->set_status(v1::PROGRESS_STATUS_ONGOING);
  p->set_percent_complete(percent);
  auto* ind = p->add_indicators();
  ind->set_key("insulated_area");
  ind->set_value(1200);
  ind->set_unit("m2");
  return c;
}

v1::Change inspectionChange(core::ManualClock& clock, const std::string& templateId, const std::string& measureId) {
  auto c = newChange(clock);
  auto* i = c.mutable_inspection();
  i->set_id(c.entity_id());
  i->set_template_id(templateId);
  i->set_template_version(1);
  i->set_site_id(secap::testing::kSiteId);
  i->set_measure_id(measureId);
  i->set_started_at(clock.nowMs() - 3'600'000);
  i->set_submitted_at(clock.nowMs() - 60'000);
  i->set_outcome(v1::INSPECTION_OUTCOME_VERIFIED);
  auto* a = i->add_answers();
  a->set_item_key("implemented_as_planned");
  a->set_yes_no(true);
  return c;
}

v1::Change reviewChange(core::ManualClock& clock, const std::string& readingId) {
  auto c = newChange(clock);
  auto* r = c.mutable_reading_review();
  r->set_id(c.entity_id());
  r->set_reading_id(readingId);
  r->set_decision(v1::REVIEW_DECISION_ERRONEOUS);
  r->set_note("Przestawione cyfry");
  return c;
}

const v1::ChangeResult& only(const v1::PushResponse& r) { return r.results(0); }

}  // namespace

TEST_F(SyncServiceTest, AFieldWorkerCannotEditAMeasureHeaderButACoordinatorCan) {
  Device coordinator = enroll(*h, h->code(kMunicipalityId, "coordinator"), "install-m1");
  auto measure = measureChange(h->clock);
  v1::PushResponse rf, rc, edit;
  ASSERT_TRUE(push(*h, device, {measure}, rf).ok());
  EXPECT_EQ(only(rf).reason_code(), "auth.forbidden");
  ASSERT_TRUE(push(*h, coordinator, {measure}, rc).ok());
  EXPECT_EQ(only(rc).outcome(), v1::ACCEPTED) << only(rc).reason_code();
  // Nor an edit of its title once it exists.
  auto title = newChange(h->clock, 10, measure.entity_id());
  title.add_fields("title");
  title.mutable_measure()->set_id(measure.entity_id());
  title.mutable_measure()->set_title("Inny tytuł");
  ASSERT_TRUE(push(*h, device, {title}, edit).ok());
  EXPECT_EQ(only(edit).reason_code(), "auth.forbidden");
}

TEST_F(SyncServiceTest, AFieldWorkerPushesProgressAndASubmittedInspectionWhichThenCannotChange) {
  auto measure = measureChange(h->clock);
  auto tmpl = templateChange(h->clock);
  h->seed({measure, tmpl});
  v1::PushResponse rp, ri, bad, again;
  ASSERT_TRUE(push(*h, device, {progressChange(h->clock, measure.entity_id(), 35)}, rp).ok());
  EXPECT_EQ(only(rp).outcome(), v1::ACCEPTED) << only(rp).reason_code();
  ASSERT_TRUE(push(*h, device, {progressChange(h->clock, measure.entity_id(), 135)}, bad).ok());
  EXPECT_EQ(only(bad).reason_code(), "progress.bad_percent");

  auto inspection = inspectionChange(h->clock, tmpl.entity_id(), measure.entity_id());
  ASSERT_TRUE(push(*h, device, {inspection}, ri).ok());
  EXPECT_EQ(only(ri).outcome(), v1::ACCEPTED) << only(ri).reason_code();
  // A later change of the same inspection, under a new change_id.
  auto edited = inspection;
  edited.set_change_id(core::newUuidV7(h->clock));
  edited.mutable_inspection()->set_outcome(v1::INSPECTION_OUTCOME_NOT_VERIFIED);
  ASSERT_TRUE(push(*h, device, {edited}, again).ok());
  EXPECT_EQ(only(again).outcome(), v1::REJECTED);
  EXPECT_EQ(only(again).reason_code(), "inspection.immutable");
  auto stored = h->srv->store().entitiesOf(core::EntityType::kInspection, kMunicipalityId);
  ASSERT_TRUE(stored.isOk());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front().entity.inspection().outcome(), v1::INSPECTION_OUTCOME_VERIFIED);
}

TEST_F(SyncServiceTest, ADraftInspectionIsNotAccepted) {
  auto tmpl = templateChange(h->clock);
  h->seed({tmpl});
  auto draft = inspectionChange(h->clock, tmpl.entity_id(), "");
  draft.mutable_inspection()->clear_measure_id();
  draft.mutable_inspection()->clear_submitted_at();
  v1::PushResponse resp;
  ASSERT_TRUE(push(*h, device, {draft}, resp).ok());
  EXPECT_EQ(only(resp).reason_code(), "inspection.not_submitted");
}

TEST_F(SyncServiceTest, AReviewOfAFlaggedReadingIsTheCoordinatorsAndSyncsToAnotherDevice) {
  Device coordinator = enroll(*h, h->code(kMunicipalityId, "coordinator"), "install-r1");
  Device other = enroll(*h, h->code(kMunicipalityId), "install-r2");
  v1::PushResponse first, lower, byField, byCoordinator;
  ASSERT_TRUE(push(*h, device, {readingChange(h->clock, 12345, kServerNow - 20000)}, first).ok());
  auto low = readingChange(h->clock, 12000, kServerNow - 10000);
  ASSERT_TRUE(push(*h, device, {low}, lower).ok());
  ASSERT_EQ(only(lower).flags_size(), 1);

  auto review = reviewChange(h->clock, low.entity_id());
  ASSERT_TRUE(push(*h, device, {review}, byField).ok());
  EXPECT_EQ(only(byField).reason_code(), "auth.forbidden");
  ASSERT_TRUE(push(*h, coordinator, {review}, byCoordinator).ok());
  ASSERT_EQ(only(byCoordinator).outcome(), v1::ACCEPTED) << only(byCoordinator).reason_code();

  v1::PullResponse page;
  ASSERT_TRUE(pull(*h, other, 0, page).ok());
  const v1::Change* pulled = nullptr;
  for (const auto& c : page.changes())
    if (c.entity_id() == review.entity_id()) pulled = &c;
  ASSERT_NE(pulled, nullptr);
  EXPECT_EQ(pulled->reading_review().reading_id(), low.entity_id());
  EXPECT_EQ(pulled->reading_review().decision(), v1::REVIEW_DECISION_ERRONEOUS);
  EXPECT_EQ(pulled->origin_device_id(), coordinator.id);

  // A review of a reading that does not exist.
  v1::PushResponse unknown;
  ASSERT_TRUE(push(*h, coordinator, {reviewChange(h->clock, core::newUuidV7(h->clock))}, unknown).ok());
  EXPECT_EQ(only(unknown).reason_code(), "review.unknown_reading");
}

TEST_F(SyncServiceTest, AFieldWorkerMayAddOnlyTheNewMeterOfAMeterExchange) {
  auto meter = [&](const std::string& replaces) {
    auto c = newChange(h->clock);
    auto* m = c.mutable_meter();
    m->set_id(c.entity_id());
    m->set_site_id(secap::testing::kSiteId);
    m->set_serial("E-2");
    m->set_carrier(v1::CARRIER_ELECTRICITY);
    m->set_kind(v1::METER_KIND_CUMULATIVE);
    m->set_replaces_meter_id(replaces);
    return c;
  };
  v1::PushResponse exchange, plain;
  ASSERT_TRUE(push(*h, device, {meter(kMeterId)}, exchange).ok());
  EXPECT_EQ(only(exchange).outcome(), v1::ACCEPTED) << only(exchange).reason_code();
  ASSERT_TRUE(push(*h, device, {meter("")}, plain).ok());
  EXPECT_EQ(only(plain).reason_code(), "auth.forbidden");
}

TEST_F(SyncServiceTest, GlobalReferenceDataIsTheAdminsAndLivesInTheGlobalScope) {
  Device coordinator = enroll(*h, h->code(kMunicipalityId, "coordinator"), "install-g1");
  auto factor = newChange(h->clock);
  auto* f = factor.mutable_emission_factor();
  f->set_id(factor.entity_id());
  f->set_carrier(v1::CARRIER_NATURAL_GAS);
  f->set_approach(v1::EMISSION_FACTOR_APPROACH_IPCC);
  f->set_t_per_mwh(0.202);
  f->set_source("IPCC 2006");
  v1::PushResponse resp;
  ASSERT_TRUE(push(*h, coordinator, {factor}, resp).ok());
  EXPECT_EQ(only(resp).reason_code(), "auth.forbidden");
  h->seed({factor});  // the admin
  auto global = h->srv->store().entitiesOf(core::EntityType::kEmissionFactor, core::kGlobalScope);
  ASSERT_TRUE(global.isOk());
  ASSERT_EQ(global->size(), 1u);
  EXPECT_DOUBLE_EQ(global->front().entity.emission_factor().t_per_mwh(), 0.202);
  // Every device pulls the global reference data with its own municipality's.
  v1::PullResponse page;
  ASSERT_TRUE(pull(*h, device, 0, page).ok());
  bool pulled = false;
  for (const auto& c : page.changes()) pulled = pulled || c.entity_id() == factor.entity_id();
  EXPECT_TRUE(pulled);
  // A bad value is refused even from the admin.
  f->set_t_per_mwh(-1);
  factor.set_change_id(core::newUuidV7(h->clock));
  EXPECT_THROW(h->seed({factor}), std::runtime_error);
}

TEST_F(SyncServiceTest, AKioskWritesReadingsOnly) {
  Device kiosk = enroll(*h, h->code(kMunicipalityId, "kiosk"), "install-k1");
  auto measure = measureChange(h->clock);
  h->seed({measure});
  v1::PushResponse reading, progress;
  ASSERT_TRUE(push(*h, kiosk, {readingChange(h->clock, 500, kServerNow - 5000)}, reading).ok());
  EXPECT_EQ(only(reading).outcome(), v1::ACCEPTED);
  ASSERT_TRUE(push(*h, kiosk, {progressChange(h->clock, measure.entity_id(), 50)}, progress).ok());
  EXPECT_EQ(only(progress).reason_code(), "auth.forbidden");
}

namespace {

// GET over loopback from the harness's HTTP listener.
std::pair<unsigned, std::string> httpGet(ServerHarness& h, const std::string& target) {
  namespace beast = boost::beast;
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(std::chrono::seconds(10));
  stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"),
                                                static_cast<unsigned short>(h.srv->httpPort())));
  beast::http::request<beast::http::empty_body> req{beast::http::verb::get, target, 11};
  req.set(beast::http::field::host, "127.0.0.1");
  beast::http::write(stream, req);
  beast::flat_buffer buffer;
  beast::http::response<beast::http::string_body> res;
  beast::http::read(stream, buffer, res);
  return {res.result_int(), res.body()};
}

// The value of one sample line ("name{labels} value"), or -1 when absent.
double sample(const std::string& text, const std::string& series) {
  const auto at = text.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + series.size() + 2));
}

}  // namespace

// What an operator's Prometheus scrapes: calls, changes, latency, devices.
TEST_F(SyncServiceTest, MetricsCountWhatTheServerDid) {
  auto good = readingChange(h->clock, 300, kServerNow - 5000);
  auto bad = readingChange(h->clock, 301, kServerNow + 86400000);  // in the future
  v1::PushResponse resp;
  ASSERT_TRUE(push(*h, device, {good, bad}, resp).ok());
  ASSERT_TRUE(push(*h, device, {good}, resp).ok());  // a retry: duplicate
  (void)h->pullAs(device.token, 0);
  Device other = enroll(*h, h->code(kMunicipalityId), "install-2");  // enrolled, never synced
  (void)httpGet(*h, "/healthz");
  (void)httpGet(*h, std::string("/api/v1/municipalities/") + kMunicipalityId + "/report");  // no token: 401

  const auto [status, text] = httpGet(*h, "/metrics");
  ASSERT_EQ(status, 200u);
  EXPECT_EQ(sample(text, R"(secap_changes_total{outcome="accepted",reason=""})"), 1);
  EXPECT_EQ(sample(text, R"(secap_changes_total{outcome="duplicate",reason=""})"), 1);
  EXPECT_EQ(sample(text, R"(secap_changes_total{outcome="rejected",reason="reading.future"})"), 1);
  EXPECT_EQ(sample(text, R"(secap_grpc_requests_total{code="OK",method="/secap.v1.SyncService/Push"})"), 2);
  EXPECT_EQ(sample(text, R"(secap_grpc_request_duration_seconds_count{method="/secap.v1.SyncService/Pull"})"), 1);
  EXPECT_EQ(sample(text, R"(secap_grpc_requests_total{code="OK",method="/secap.v1.SyncService/Enroll"})"), 2);
  EXPECT_EQ(sample(text, R"(secap_http_requests_total{code="200",route="/healthz"})"), 1);
  EXPECT_EQ(sample(text, R"(secap_http_requests_total{code="401",route="/api/v1/municipalities/{id}/report"})"), 1);
  EXPECT_EQ(sample(text, R"(secap_rollup_update_seconds_count)"), 2);
  EXPECT_EQ(sample(text, R"(secap_devices{state="active"})"), 2);
  EXPECT_EQ(sample(text, R"(secap_devices_seen{window="24h"})"), 1);
  EXPECT_EQ(sample(text, R"(secap_devices_outbox{state="empty",window="7d"})"), 1);
  EXPECT_EQ(sample(text, R"(secap_devices_outbox{state="waiting",window="7d"})"), 0);
  EXPECT_GT(sample(text, "secap_commit_watermark"), 0);

  // A day later with changes still waiting: seen in 7 days, not in 24 h; waiting.
  h->clock.advance(25LL * 3600 * 1000);
  (void)h->pullAs(other.token, 12);
  const auto later = httpGet(*h, "/metrics").second;
  EXPECT_EQ(sample(later, R"(secap_devices_seen{window="24h"})"), 1);
  EXPECT_EQ(sample(later, R"(secap_devices_seen{window="7d"})"), 2);
  EXPECT_EQ(sample(later, R"(secap_devices_outbox{state="waiting",window="7d"})"), 1);
}

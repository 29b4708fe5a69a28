// The kiosk scope (DESIGN.md §4 "Scopes", §8: "A kiosk holds only the PIN
// hashes of its own sites' persons"; docs/SECURITY.md), over real gRPC on
// loopback against each store backend: what a wall tablet pulls, what it may
// push, sites bound by its enrollment code, and that publishing or
// withdrawing a photo or a PIN reaches a tablet that already synced.
#include <gtest/gtest.h>

#include <optional>
#include <set>

#include "harness.h"
#include "kiosk_pins.h"
#include "secap/core/entity.h"
#include "secap/core/ids.h"
#include "secap/core/kiosk_pin.h"
#include "secap/core/local_store.h"
#include "secap/core/sync_client.h"
#include "sync_calls.h"

using namespace secap;
using secap::testing::kMeterId;
using secap::testing::kMunicipalityId;
using secap::testing::kOtherMunicipality;
using secap::testing::kServerNow;
using secap::testing::kSiteId;
using secap::testing::ServerHarness;
using secap::testing::calls::Device;

namespace {

constexpr const char* kPinHash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

class KioskScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h = std::make_unique<ServerHarness>(::testing::UnitTest::GetInstance()->current_test_info()->name());
    h->seed(secap::testing::baseChanges(kServerNow));
    h->seed({secap::testing::otherMunicipalityChange(kServerNow)});
    // A second site of the same municipality, with its own meter.
    gym = newChange();
    gym.mutable_site()->set_id(gym.entity_id());
    gym.mutable_site()->set_municipality_id(kMunicipalityId);
    gym.mutable_site()->set_name("Hala sportowa");
    gymMeter = newChange();
    gymMeter.mutable_meter()->set_id(gymMeter.entity_id());
    gymMeter.mutable_meter()->set_site_id(gym.entity_id());
    gymMeter.mutable_meter()->set_serial("G-7");
    gymMeter.mutable_meter()->set_multiplier(1);
    h->seed({gym, gymMeter});
    schoolReading = reading(kMeterId);
    gymReading = reading(gymMeter.entity_id());
    h->seed({schoolReading, gymReading});
    // The school's caretaker has a PIN for the school, the gym's for the gym;
    // the coordinator has none.
    caretaker = person("Jan Nowak", kPinHash, {kSiteId});
    gymCaretaker = person("Ewa Wiśniewska", kPinHash, {gym.entity_id()});
    coordinator = person("Anna Kowalska", "", {kSiteId});
    h->seed({caretaker, gymCaretaker, coordinator});
    // Two photos of the school's reading: one published.
    published = photo(schoolReading.entity_id(), true);
    unpublished = photo(schoolReading.entity_id(), false);
    h->seed({published, unpublished});
    // An inventory line: coordinators' working data, never on a tablet.
    inventory = newChange();
    auto* d = inventory.mutable_activity_data();
    d->set_id(inventory.entity_id());
    d->set_municipality_id(kMunicipalityId);
    d->set_year(2024);
    d->set_com_sector("residential");
    d->set_carrier(v1::CARRIER_NATURAL_GAS);
    d->set_mwh(1200);
    h->seed({inventory});
    // The BEI as published and the heat network's own factor: the board
    // shows the reduction against them, so the tablet holds them.
    bei = newChange();
    auto* p = bei.mutable_published_inventory();
    p->set_id(bei.entity_id());
    p->set_municipality_id(kMunicipalityId);
    p->set_kind(v1::INVENTORY_KIND_BEI);
    p->set_year(2014);
    p->set_approach(v1::EMISSION_FACTOR_APPROACH_IPCC);
    p->set_unit(v1::EMISSION_UNIT_T_CO2);
    auto* l = p->add_lines();
    l->set_com_sector("residential");
    l->set_carrier(v1::CARRIER_COAL);
    l->set_mwh(12000);
    l->set_t_co2(4092);
    heatFactor = newChange();
    auto* f = heatFactor.mutable_emission_factor();
    f->set_id(heatFactor.entity_id());
    f->set_carrier(v1::CARRIER_DISTRICT_HEAT);
    f->set_country("PL");
    f->set_year(2024);
    f->set_t_per_mwh(0.33);
    f->set_municipality_id(kMunicipalityId);
    h->seed({bei, heatFactor});
  }

  v1::Change newChange() {
    v1::Change c;
    c.set_change_id(core::newUuidV7(h->clock));
    c.set_entity_id(core::newUuidV7(h->clock));
    c.set_hlc(core::makeHlc(h->clock.nowMs(), 0));
    h->clock.advance(1);
    return c;
  }

  v1::Change reading(const std::string& meterId) {
    v1::Change c = newChange();
    auto* r = c.mutable_reading();
    r->set_id(c.entity_id());
    r->set_meter_id(meterId);
    r->set_value(1000 + static_cast<double>(++m_values));
    r->set_taken_at(kServerNow - 3600000 + m_values * 1000);
    return c;
  }

  v1::Change person(const std::string& name, const std::string& pinHash, const std::vector<std::string>& sites) {
    v1::Change c = newChange();
    auto* p = c.mutable_person();
    p->set_id(c.entity_id());
    p->set_display_name(name);
    auto* role = p->add_roles();
    role->set_municipality_id(kMunicipalityId);
    role->set_role("field");
    p->set_kiosk_pin_hash(pinHash);
    for (const auto& s : sites) p->add_kiosk_site_ids(s);
    return c;
  }

  v1::Change photo(const std::string& readingId, bool publishable) {
    v1::Change c = newChange();
    auto* a = c.mutable_attachment();
    a->set_id(c.entity_id());
    a->set_sha256(core::sha256Hex(c.entity_id()));
    a->set_mime("image/jpeg");
    a->set_size(1000);
    a->set_owner_type("reading");
    a->set_owner_id(readingId);
    a->set_publishable(publishable);
    return c;
  }

  // A coordinator's edit of some fields of a stored record.
  v1::Change edit(const v1::Change& of, const std::vector<std::string>& fields) {
    v1::Change c = of;
    c.set_change_id(core::newUuidV7(h->clock));
    c.set_hlc(core::makeHlc(h->clock.nowMs(), 0));
    h->clock.advance(1);
    c.clear_fields();
    for (const auto& f : fields) c.add_fields(f);
    return c;
  }

  Device enroll(const std::string& role, const std::vector<std::string>& sites = {}) {
    auto code = server::issueEnrollmentCode(h->srv->store(), kMunicipalityId, role, h->clock, 86400000, sites);
    EXPECT_TRUE(code.isOk()) << code.status().toString();
    return secap::testing::calls::enroll(*h, *code, "install-" + core::randomHex(4));
  }

  grpc::Status pullPage(const Device& d, v1::PullResponse& resp, bool fullResync, const std::string& cursor = "",
                        int max = 0) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + d.token);
    v1::PullRequest req;
    req.set_schema_version(1);
    req.set_full_resync(fullResync);
    req.set_resync_cursor(cursor);
    req.set_max_changes(max);
    return h->stub->Pull(&ctx, req, &resp);
  }

  // Every change a full resync hands the device, in order.
  std::vector<v1::Change> resync(const Device& d) {
    std::vector<v1::Change> out;
    std::string cursor;
    do {
      v1::PullResponse page;
      auto st = pullPage(d, page, true, cursor);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok()) break;
      out.insert(out.end(), page.changes().begin(), page.changes().end());
      cursor = page.resync_cursor();
    } while (!cursor.empty());
    return out;
  }

  // Every change an incremental pull from 0 hands the device.
  std::vector<v1::Change> incremental(const Device& d) {
    std::vector<v1::Change> out;
    int64_t after = 0;
    while (true) {
      v1::PullResponse page;
      auto st = secap::testing::calls::pull(*h, d, after, page);
      EXPECT_TRUE(st.ok()) << st.error_message();
      EXPECT_FALSE(page.full_resync_required());
      if (!st.ok() || page.full_resync_required()) break;
      out.insert(out.end(), page.changes().begin(), page.changes().end());
      after = page.last_seq();
      if (!page.has_more()) break;
    }
    return out;
  }

  static std::set<std::string> idsOf(const std::vector<v1::Change>& changes) {
    std::set<std::string> ids;
    for (const auto& c : changes) ids.insert(c.entity_id());
    return ids;
  }

  std::unique_ptr<ServerHarness> h;
  v1::Change gym, gymMeter, schoolReading, gymReading, caretaker, gymCaretaker, coordinator, published, unpublished,
      inventory, bei, heatFactor;
  int m_values = 0;
};

// A wall tablet with its own database and the real client.
struct Tablet {
  Tablet(ServerHarness& h, const std::string& name)
      : clock(kServerNow), transport(core::makeGrpcTransport(h.target(), 10000)) {
    store = std::move(core::LocalStore::open(secap::testing::freshDir(name) + "/tablet.db", clock)).value();
    client = std::make_unique<core::SyncClient>(*store, *transport);
  }
  std::set<std::string> holds() {
    std::set<std::string> ids;
    for (const auto& r : store->allRecords())
      if (!r.deleted) ids.insert(r.id);
    return ids;
  }
  core::ManualClock clock;
  std::unique_ptr<core::SyncTransport> transport;
  std::unique_ptr<core::LocalStore> store;
  std::unique_ptr<core::SyncClient> client;
};

}  // namespace

TEST_F(KioskScopeTest, AKioskBoundToTheSchoolPullsExactlyTheKioskScope) {
  const Device kiosk = enroll("kiosk", {kSiteId});
  for (const auto& changes : {resync(kiosk), incremental(kiosk)}) {
    const auto ids = idsOf(changes);
    // Its municipality, the school with its meter and reading, the school's
    // caretaker, the published photo, the published BEI and the heat factor.
    for (const std::string& id :
         {std::string(kMunicipalityId), std::string(kSiteId), std::string(kMeterId), schoolReading.entity_id(),
          caretaker.entity_id(), published.entity_id(), bei.entity_id(), heatFactor.entity_id()})
      EXPECT_TRUE(ids.count(id)) << id;
    // Not the gym, its caretaker, the coordinator without a PIN, the photo
    // not published, the inventory line, nor another municipality.
    for (const std::string& id :
         {gym.entity_id(), gymMeter.entity_id(), gymReading.entity_id(), gymCaretaker.entity_id(),
          coordinator.entity_id(), unpublished.entity_id(), inventory.entity_id(), std::string(kOtherMunicipality)})
      EXPECT_FALSE(ids.count(id)) << id;
    // The caretaker arrives with the name, PIN hash and sites, not the roles.
    bool sawCaretaker = false;
    for (const auto& c : changes) {
      if (!c.has_person()) continue;
      sawCaretaker = true;
      EXPECT_EQ(c.person().roles_size(), 0);
      for (const auto& f : c.fields()) EXPECT_NE(f, "roles");
      if (c.fields().empty() || std::find(c.fields().begin(), c.fields().end(), "kiosk_pin_hash") != c.fields().end())
        EXPECT_EQ(c.person().kiosk_pin_hash(), kPinHash);
    }
    EXPECT_TRUE(sawCaretaker);
  }
}

TEST_F(KioskScopeTest, AnUnboundKioskShowsEverySiteAndTheirCaretakers) {
  const auto ids = idsOf(resync(enroll("kiosk")));
  for (const std::string& id :
       {std::string(kSiteId), gym.entity_id(), gymReading.entity_id(), caretaker.entity_id(), gymCaretaker.entity_id()})
    EXPECT_TRUE(ids.count(id)) << id;
  EXPECT_FALSE(ids.count(coordinator.entity_id()));
  EXPECT_FALSE(ids.count(unpublished.entity_id()));
}

TEST_F(KioskScopeTest, FieldStaffSeeEveryPersonAndPhotoOfTheirMunicipality) {
  const auto ids = idsOf(incremental(enroll("field")));
  for (const std::string& id : {caretaker.entity_id(), gymCaretaker.entity_id(), coordinator.entity_id(),
                                published.entity_id(), unpublished.entity_id(), inventory.entity_id()})
    EXPECT_TRUE(ids.count(id)) << id;
}

TEST_F(KioskScopeTest, AKioskTakesReadingsOnlyForItsBoundSites) {
  const Device kiosk = enroll("kiosk", {kSiteId});
  v1::PushResponse resp;
  ASSERT_TRUE(secap::testing::calls::push(*h, kiosk, {reading(kMeterId), reading(gymMeter.entity_id())}, resp).ok());
  ASSERT_EQ(resp.results_size(), 2);
  EXPECT_EQ(resp.results(0).outcome(), v1::ACCEPTED);
  EXPECT_EQ(resp.results(1).outcome(), v1::REJECTED);
  EXPECT_EQ(resp.results(1).reason_code(), "auth.forbidden");
}

TEST_F(KioskScopeTest, OnlyAKioskCodeCanBindSitesAndOnlySitesOfItsMunicipality) {
  auto field = server::issueEnrollmentCode(h->srv->store(), kMunicipalityId, "field", h->clock, 86400000, {kSiteId});
  EXPECT_EQ(field.status().code(), core::StatusCode::kInvalidArgument);
  auto elsewhere =
      server::issueEnrollmentCode(h->srv->store(), kOtherMunicipality, "kiosk", h->clock, 86400000, {kSiteId});
  EXPECT_EQ(elsewhere.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(elsewhere.status().message().find(kSiteId), std::string::npos);
  // The device enrolled with a kiosk code carries the sites.
  const Device kiosk = enroll("kiosk", {kSiteId});
  auto device = h->srv->store().deviceById(kiosk.id);
  ASSERT_TRUE(device.isOk() && device->has_value());
  EXPECT_EQ((*device)->sites, std::vector<std::string>{kSiteId});
}

// The tablet synced already; then a coordinator publishes a photo, withdraws
// another and takes a caretaker's PIN away. At its next sync the tablet holds
// the new photo and no longer the withdrawn photo or the PIN.
TEST_F(KioskScopeTest, PublishingAndWithdrawingReachATabletThatAlreadySynced) {
  Tablet tablet(*h, "kiosk-tablet");
  auto code = server::issueEnrollmentCode(h->srv->store(), kMunicipalityId, "kiosk", h->clock, 86400000, {kSiteId});
  ASSERT_TRUE(code.isOk());
  ASSERT_TRUE(tablet.client->enroll(*code, "Tablet w holu", "test", "0").isOk());
  ASSERT_TRUE(tablet.client->syncOnce().isOk());
  auto held = tablet.holds();
  EXPECT_TRUE(held.count(published.entity_id()));
  EXPECT_TRUE(held.count(caretaker.entity_id()));
  EXPECT_FALSE(held.count(unpublished.entity_id()));

  const Device coordinatorPhone = enroll("coordinator");
  v1::Change publish = edit(unpublished, {"publishable"});
  publish.mutable_attachment()->set_publishable(true);
  v1::Change withdraw = edit(published, {"publishable"});
  withdraw.mutable_attachment()->set_publishable(false);
  v1::Change noPin = edit(caretaker, {"kiosk_pin_hash"});
  noPin.mutable_person()->clear_kiosk_pin_hash();
  v1::PushResponse resp;
  ASSERT_TRUE(secap::testing::calls::push(*h, coordinatorPhone, {publish, withdraw, noPin}, resp).ok());
  for (const auto& r : resp.results()) ASSERT_EQ(r.outcome(), v1::ACCEPTED) << r.reason_code();

  ASSERT_TRUE(tablet.client->syncOnce().isOk());
  held = tablet.holds();
  EXPECT_TRUE(held.count(unpublished.entity_id()));
  EXPECT_FALSE(held.count(published.entity_id()));
  EXPECT_FALSE(held.count(caretaker.entity_id()));
  // What stays in scope stays on the tablet.
  EXPECT_TRUE(held.count(kMeterId));
  EXPECT_TRUE(held.count(schoolReading.entity_id()));
}

// A photo published while a tablet is part-way through a full resync: the
// resync that began before it does not count as having caught up.
TEST_F(KioskScopeTest, AScopeChangeDuringAFullResyncIsNotLost) {
  const Device kiosk = enroll("kiosk", {kSiteId});
  ASSERT_TRUE(h->srv->store().bindSites(kiosk.id, {kSiteId}, kServerNow, "admin:test").isOk());
  v1::PullResponse first;
  ASSERT_TRUE(pullPage(kiosk, first, true, "", 4).ok());
  ASSERT_FALSE(first.resync_cursor().empty()) << "the test needs a resync of several pages";

  v1::Change publish = edit(unpublished, {"publishable"});
  publish.mutable_attachment()->set_publishable(true);
  h->seed({publish});

  std::string cursor = first.resync_cursor();
  while (!cursor.empty()) {
    v1::PullResponse page;
    ASSERT_TRUE(pullPage(kiosk, page, true, cursor, 4).ok());
    cursor = page.resync_cursor();
  }
  v1::PullResponse next;
  ASSERT_TRUE(secap::testing::calls::pull(*h, kiosk, 1, next).ok());
  EXPECT_TRUE(next.full_resync_required());
  // The second resync catches up and then it is done.
  EXPECT_TRUE(idsOf(resync(kiosk)).count(unpublished.entity_id()));
  v1::PullResponse after;
  ASSERT_TRUE(secap::testing::calls::pull(*h, kiosk, 1, after).ok());
  EXPECT_FALSE(after.full_resync_required());
}

// A consultant's tablet: kiosk in one municipality, field staff in another.
// It gets the kiosk view of the first and everything of the second.
TEST_F(KioskScopeTest, ADeviceThatIsAKioskInOneMunicipalityAndFieldInAnotherGetsBothViews) {
  const Device kiosk = enroll("kiosk", {kSiteId});
  ASSERT_TRUE(h->srv->store().grantRole(kiosk.id, kOtherMunicipality, "field", kServerNow, "admin:test").isOk());
  v1::Change otherSite = newChange();
  otherSite.mutable_site()->set_id(otherSite.entity_id());
  otherSite.mutable_site()->set_municipality_id(kOtherMunicipality);
  otherSite.mutable_site()->set_name("Rathaus");
  h->seed({otherSite});
  const auto ids = idsOf(resync(kiosk));
  EXPECT_TRUE(ids.count(kOtherMunicipality));
  EXPECT_TRUE(ids.count(otherSite.entity_id()));
  EXPECT_TRUE(ids.count(kSiteId));
  EXPECT_TRUE(ids.count(published.entity_id()));
  EXPECT_FALSE(ids.count(gym.entity_id()));
  EXPECT_FALSE(ids.count(unpublished.entity_id()));
  EXPECT_FALSE(ids.count(coordinator.entity_id()));
}

// admin kiosk-pin: the caretaker appears on the school's tablet with a PIN
// the tablet can check offline, and disappears once the PIN is taken away.
TEST_F(KioskScopeTest, ACaretakerGivenAPinAppearsOnTheTabletAndGoesWithIt) {
  Tablet tablet(*h, "pin-tablet");
  auto code = server::issueEnrollmentCode(h->srv->store(), kMunicipalityId, "kiosk", h->clock, 86400000, {kSiteId});
  ASSERT_TRUE(code.isOk());
  ASSERT_TRUE(tablet.client->enroll(*code, "Tablet w holu", "test", "0").isOk());

  server::KioskPinRequest req;
  req.municipalityId = kMunicipalityId;
  req.displayName = "Piotr Zieliński";
  req.sites = {kSiteId};
  req.pin = "2580";
  auto id = server::setKioskPin(h->srv->store(), req, h->clock, "admin:test");
  ASSERT_TRUE(id.isOk()) << id.status().toString();
  ASSERT_TRUE(tablet.client->syncOnce().isOk());
  std::optional<v1::Person> onTablet;
  for (const auto& r : tablet.store->allRecords())
    if (r.id == *id && !r.deleted) onTablet.emplace().ParseFromString(r.data);
  ASSERT_TRUE(onTablet.has_value());
  EXPECT_EQ(onTablet->display_name(), "Piotr Zieliński");
  EXPECT_TRUE(core::verifyKioskPin(onTablet->kiosk_pin_hash(), "2580"));
  EXPECT_FALSE(core::verifyKioskPin(onTablet->kiosk_pin_hash(), "2581"));
  EXPECT_EQ(onTablet->roles_size(), 0);

  // A site of another municipality, or a PIN of letters, is refused.
  req.sites = {kOtherMunicipality};
  EXPECT_EQ(server::setKioskPin(h->srv->store(), req, h->clock, "admin:test").status().code(),
            core::StatusCode::kInvalidArgument);
  req.sites = {kSiteId};
  req.pin = "abcd";
  EXPECT_EQ(server::setKioskPin(h->srv->store(), req, h->clock, "admin:test").status().code(),
            core::StatusCode::kInvalidArgument);

  server::KioskPinRequest clear;
  clear.municipalityId = kMunicipalityId;
  clear.personId = *id;
  clear.clear = true;
  ASSERT_TRUE(server::setKioskPin(h->srv->store(), clear, h->clock, "admin:test").isOk());
  ASSERT_TRUE(tablet.client->syncOnce().isOk());
  EXPECT_FALSE(tablet.holds().count(*id));
  auto audit = h->srv->store().auditEntries("person.kiosk_pin");
  ASSERT_TRUE(audit.isOk());
  EXPECT_EQ(audit->size(), 2u);
  for (const auto& e : *audit) EXPECT_EQ(e.detail.find("2580"), std::string::npos);
}

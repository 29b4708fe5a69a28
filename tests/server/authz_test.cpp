// Authorization, limits and lost devices (DESIGN.md §4, §8; docs/SECURITY.md),
// over real gRPC on loopback against each store backend: the role × RPC
// matrix, role changes and resync, the rate limit and the client's respect
// for it, revocation, rescue and wipe, and the audit log.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "harness.h"
#include "http_handler.h"
#include "reports.h"
#include "secap/core/entity.h"
#include "secap/core/ids.h"
#include "secap/core/local_store.h"
#include "secap/core/sync_client.h"
#include "secap/v1/monitoring.grpc.pb.h"

using namespace secap;
using secap::testing::kMeterId;
using secap::testing::kMunicipalityId;
using secap::testing::kServerNow;
using secap::testing::ServerHarness;

namespace {

// A second municipality with its own site and meter, for consultants.
using secap::testing::kOtherMunicipality;
constexpr const char* kOtherSite = "0190a000-0000-7000-8000-0000000000b2";
constexpr const char* kOtherMeter = "0190a000-0000-7000-8000-0000000000b3";

std::vector<v1::Change> otherMunicipality() {
  std::vector<v1::Change> out;
  for (auto c : secap::testing::baseChanges(kServerNow)) {
    c.set_change_id(c.change_id().substr(0, 34) + "b" + c.change_id().substr(35));
    if (c.has_municipality()) {
      c.set_entity_id(kOtherMunicipality);
      c.mutable_municipality()->set_id(kOtherMunicipality);
      c.mutable_municipality()->set_name("Schwäbisch Hall");
    } else if (c.has_site()) {
      c.set_entity_id(kOtherSite);
      c.mutable_site()->set_id(kOtherSite);
      c.mutable_site()->set_municipality_id(kOtherMunicipality);
    } else if (c.has_meter()) {
      c.set_entity_id(kOtherMeter);
      c.mutable_meter()->set_id(kOtherMeter);
      c.mutable_meter()->set_site_id(kOtherSite);
    }
    out.push_back(c);
  }
  return out;
}

struct Device {
  std::string id;
  std::string token;
};

struct Call;
std::map<std::string, std::string> trailersOf(const grpc::ClientContext& ctx) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : ctx.GetServerTrailingMetadata())
    out[std::string(k.data(), k.size())] = std::string(v.data(), v.size());
  return out;
}

struct Call {
  grpc::StatusCode code = grpc::StatusCode::OK;
  std::map<std::string, std::string> trailers;
  std::string trailer(const std::string& key) const {
    auto it = trailers.find(key);
    return it == trailers.end() ? std::string() : it->second;
  }
};

class AuthzTest : public ::testing::Test {
 protected:
  void SetUp() override { start(0); }

  void start(int rateLimit) {
    h.reset();
    h = std::make_unique<ServerHarness>(::testing::UnitTest::GetInstance()->current_test_info()->name(),
                                        [&](server::ServerConfig& c) { c.rateLimitPerMinute = rateLimit; });
    h->seed(secap::testing::baseChanges(kServerNow));
    h->seed(otherMunicipality());
  }

  Device enroll(const std::string& role, const std::string& municipality = kMunicipalityId) {
    const std::string install = "install-" + core::randomHex(4);
    grpc::ClientContext ctx;
    v1::EnrollRequest req;
    req.set_enrollment_code(h->code(municipality, role));
    req.set_install_id(install);
    req.set_device_name(role + " tablet");
    v1::EnrollResponse resp;
    auto st = h->stub->Enroll(&ctx, req, &resp);
    EXPECT_TRUE(st.ok()) << role << ": " << st.error_message();
    return {resp.device_id(), resp.access_token()};
  }

  v1::Change reading(const std::string& meterId) {
    ++m_values;
    return secap::testing::readingChange(h->clock, meterId, kServerNow - 3600000 + m_values * 1000,
                                         1000 + static_cast<double>(m_values));
  }

  v1::Change site(const std::string& municipalityId) {
    v1::Change c;
    c.set_change_id(core::newUuidV7(h->clock));
    c.set_entity_id(core::newUuidV7(h->clock));
    c.set_hlc(core::makeHlc(h->clock.nowMs(), 0));
    c.mutable_site()->set_id(c.entity_id());
    c.mutable_site()->set_municipality_id(municipalityId);
    c.mutable_site()->set_name("Przedszkole");
    return c;
  }

  // Pushes one change: "ACCEPTED", "auth.forbidden" and so on for a verdict,
  // or the RPC error ("PERMISSION_DENIED").
  std::string pushOne(const Device& d, const v1::Change& change) {
    v1::PushResponse resp;
    Call call = push(d, {change}, resp);
    if (call.code != grpc::StatusCode::OK) return codeName(call.code);
    if (resp.results(0).outcome() == v1::REJECTED) return resp.results(0).reason_code();
    return v1::Outcome_Name(resp.results(0).outcome());
  }

  Call push(const Device& d, const std::vector<v1::Change>& changes, v1::PushResponse& resp) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + d.token);
    v1::PushRequest req;
    req.set_schema_version(1);
    for (const auto& c : changes) *req.add_changes() = c;
    Call call;
    call.code = h->stub->Push(&ctx, req, &resp).error_code();
    call.trailers = trailersOf(ctx);
    return call;
  }

  Call pull(const Device& d, v1::PullResponse& resp, int64_t after = 0, bool fullResync = false,
            const std::string& cursor = "") {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + d.token);
    v1::PullRequest req;
    req.set_after_seq(after);
    req.set_schema_version(1);
    req.set_full_resync(fullResync);
    req.set_resync_cursor(cursor);
    Call call;
    call.code = h->stub->Pull(&ctx, req, &resp).error_code();
    call.trailers = trailersOf(ctx);
    return call;
  }

  // What an incremental pull from 0 shows: "A" and/or "B" (the municipality
  // records the device sees), or the RPC error.
  std::string pullSees(const Device& d) {
    v1::PullResponse resp;
    Call call = pull(d, resp);
    if (call.code != grpc::StatusCode::OK) return codeName(call.code);
    std::string seen;
    for (const auto& c : resp.changes()) {
      if (c.entity_id() == kMunicipalityId) seen += "A";
      if (c.entity_id() == kOtherMunicipality) seen += "B";
    }
    return seen;
  }

  static std::string codeName(grpc::StatusCode code) {
    switch (code) {
      case grpc::StatusCode::PERMISSION_DENIED:
        return "PERMISSION_DENIED";
      case grpc::StatusCode::UNAUTHENTICATED:
        return "UNAUTHENTICATED";
      case grpc::StatusCode::RESOURCE_EXHAUSTED:
        return "RESOURCE_EXHAUSTED";
      case grpc::StatusCode::INVALID_ARGUMENT:
        return "INVALID_ARGUMENT";
      default:
        return "code " + std::to_string(static_cast<int>(code));
    }
  }

  std::unique_ptr<ServerHarness> h;
  int m_values = 0;
};

}  // namespace

// The role × RPC matrix of docs/SECURITY.md. Each row is one device; the
// columns are what it gets from Pull and from a Push of one change.
TEST_F(AuthzTest, RoleByRpcMatrix) {
  struct Row {
    std::string who;
    Device device;
    std::string pull, readingA, readingB, siteA, siteB;
  };
  Device consultant = enroll("field", kMunicipalityId);
  ASSERT_TRUE(h->srv->store().grantRole(consultant.id, kOtherMunicipality, "coordinator", kServerNow, "test").isOk());
  Device revoked = enroll("coordinator");
  ASSERT_TRUE(h->srv->store().revokeDevice(revoked.id, false, kServerNow, "test").isOk());
  const std::string ok = "ACCEPTED", no = "auth.forbidden", denied = "PERMISSION_DENIED";
  std::vector<Row> rows = {
      {"admin", enroll("admin"), "AB", ok, ok, ok, ok},  // an admin anywhere sees everything
      {"coordinator", enroll("coordinator"), "A", ok, no, ok, no},
      {"field", enroll("field"), "A", ok, no, no, no},
      {"kiosk", enroll("kiosk"), "A", ok, no, no, no},
      {"partner", enroll("partner"), denied, denied, denied, denied, denied},
      // Field in A, coordinator in B: each write judged by the role where it lands.
      {"consultant", consultant, "AB", ok, ok, no, ok},
      {"revoked", revoked, denied, denied, denied, denied, denied},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(r.who);
    // A resync is due after the consultant's grant; a full resync clears it.
    if (r.who == "consultant") {
      v1::PullResponse resp;
      ASSERT_EQ(pull(r.device, resp, 0, true).code, grpc::StatusCode::OK);
    }
    EXPECT_EQ(pullSees(r.device), r.pull);
    EXPECT_EQ(pushOne(r.device, reading(kMeterId)), r.readingA);
    EXPECT_EQ(pushOne(r.device, reading(kOtherMeter)), r.readingB);
    EXPECT_EQ(pushOne(r.device, site(kMunicipalityId)), r.siteA);
    EXPECT_EQ(pushOne(r.device, site(kOtherMunicipality)), r.siteB);
  }
}

// Published inventories are the coordinator's (DESIGN.md §3); so is a heat
// network's own emission factor. A national factor is the admin's alone.
TEST_F(AuthzTest, InventoriesAndLocalFactorsAreTheCoordinatorsOwn) {
  auto published = [&](const std::string& municipality) {
    v1::Change c;
    c.set_change_id(core::newUuidV7(h->clock));
    c.set_entity_id(core::newUuidV7(h->clock));
    c.set_hlc(core::makeHlc(h->clock.nowMs(), 0));
    auto* p = c.mutable_published_inventory();
    p->set_id(c.entity_id());
    p->set_municipality_id(municipality);
    p->set_kind(v1::INVENTORY_KIND_BEI);
    p->set_year(2014);
    p->set_approach(v1::EMISSION_FACTOR_APPROACH_IPCC);
    p->set_unit(v1::EMISSION_UNIT_T_CO2);
    auto* l = p->add_lines();
    l->set_com_sector("residential");
    l->set_carrier(v1::CARRIER_COAL);
    l->set_mwh(1000);
    l->set_t_co2(341);
    return c;
  };
  auto factor = [&](const std::string& municipality) {
    v1::Change c;
    c.set_change_id(core::newUuidV7(h->clock));
    c.set_entity_id(core::newUuidV7(h->clock));
    c.set_hlc(core::makeHlc(h->clock.nowMs(), 0));
    auto* f = c.mutable_emission_factor();
    f->set_id(c.entity_id());
    f->set_carrier(v1::CARRIER_DISTRICT_HEAT);
    f->set_country("PL");
    f->set_year(2025);
    f->set_t_per_mwh(0.3);
    f->set_municipality_id(municipality);
    return c;
  };
  struct Row {
    std::string who;
    Device device;
    std::string inventoryA, inventoryB, localFactorA, nationalFactor;
  };
  Device consultant = enroll("field", kMunicipalityId);
  ASSERT_TRUE(h->srv->store().grantRole(consultant.id, kOtherMunicipality, "coordinator", kServerNow, "test").isOk());
  const std::string ok = "ACCEPTED", no = "auth.forbidden", denied = "PERMISSION_DENIED";
  std::vector<Row> rows = {
      {"admin", enroll("admin"), ok, ok, ok, ok},
      {"coordinator", enroll("coordinator"), ok, no, ok, no},
      {"field", enroll("field"), no, no, no, no},
      {"kiosk", enroll("kiosk"), no, no, no, no},
      {"partner", enroll("partner"), denied, denied, denied, denied},
      {"consultant", consultant, no, ok, no, no},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(r.who);
    EXPECT_EQ(pushOne(r.device, published(kMunicipalityId)), r.inventoryA);
    EXPECT_EQ(pushOne(r.device, published(kOtherMunicipality)), r.inventoryB);
    EXPECT_EQ(pushOne(r.device, factor(kMunicipalityId)), r.localFactorA);
    EXPECT_EQ(pushOne(r.device, factor("")), r.nationalFactor);
  }
}

// The monitoring reads (docs/API.md), role × route, through the real
// StoreReports and the HTTP router: A does not share its progress, B does.
TEST_F(AuthzTest, MonitoringRoleByRouteMatrix) {
  h->seed({secap::testing::shareProgressChange(kOtherMunicipality, h->clock)});
  server::StoreReports reports(h->srv->store());
  auto status = [&](const std::string& target, const std::string& token) {
    server::HttpRequest req{boost::beast::http::verb::get, target, 11};
    if (!token.empty()) req.set(boost::beast::http::field::authorization, "Bearer " + token);
    return static_cast<int>(server::handleRequest(req, reports).result_int());
  };
  const std::string a = std::string("/api/v1/municipalities/") + kMunicipalityId;
  const std::string b = std::string("/api/v1/municipalities/") + kOtherMunicipality;
  const std::string unknown = "/api/v1/municipalities/0190a000-0000-7000-8000-0000000000ff/report";
  Device consultant = enroll("field", kMunicipalityId);
  ASSERT_TRUE(h->srv->store().grantRole(consultant.id, kOtherMunicipality, "coordinator", kServerNow, "test").isOk());
  Device revoked = enroll("coordinator");
  ASSERT_TRUE(h->srv->store().revokeDevice(revoked.id, false, kServerNow, "test").isOk());
  struct Row {
    std::string who;
    std::string token;
    int summaryA, reportA, actionsA, inventoryA, reportB, summaryB, unknownReport, siteA, siteB;
  };
  // Every role of A reads A whole; a partner and a caller without a token
  // read only B, which shares its progress; A has no inventory for 2015 yet,
  // which only those who may read A learn (404). A site's report is for its
  // own municipality's devices only, even where the municipality shares.
  const std::vector<Row> rows = {
      {"admin", enroll("admin").token, 200, 200, 200, 404, 200, 200, 404, 200, 200},
      {"coordinator", enroll("coordinator").token, 200, 200, 200, 404, 200, 200, 404, 200, 403},
      {"field", enroll("field").token, 200, 200, 200, 404, 200, 200, 404, 200, 403},
      {"kiosk", enroll("kiosk").token, 200, 200, 200, 404, 200, 200, 404, 200, 403},
      {"partner", enroll("partner").token, 403, 403, 403, 403, 200, 200, 404, 403, 403},
      {"consultant", consultant.token, 200, 200, 200, 404, 200, 200, 404, 200, 200},
      {"no token", "", 401, 401, 401, 401, 200, 200, 401, 401, 401},
      {"unknown token", "0123456789abcdef", 401, 401, 401, 401, 401, 401, 401, 401, 401},
      {"revoked", revoked.token, 403, 403, 403, 403, 403, 403, 403, 403, 403},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(r.who);
    EXPECT_EQ(status(a + "/summary", r.token), r.summaryA);
    EXPECT_EQ(status(a + "/report", r.token), r.reportA);
    EXPECT_EQ(status(a + "/actions.csv", r.token), r.actionsA);
    EXPECT_EQ(status(a + "/inventories/2015.csv", r.token), r.inventoryA);
    EXPECT_EQ(status(b + "/report", r.token), r.reportB);
    EXPECT_EQ(status(b + "/summary", r.token), r.summaryB);
    EXPECT_EQ(status(unknown, r.token), r.unknownReport);
    EXPECT_EQ(status(std::string("/api/v1/sites/") + secap::testing::kSiteId + "/report", r.token), r.siteA);
    EXPECT_EQ(status(std::string("/api/v1/sites/") + kOtherSite + "/report?year=2025", r.token), r.siteB);
  }
  EXPECT_EQ(status(std::string("/api/v1/municipalities/not-a-uuid/report"), ""), 400);
}

// Outside a municipality that shares its progress, its summary names no
// meter or site: totals by carrier only.
TEST_F(AuthzTest, ASharedSummaryNamesNoMeterOrSite) {
  h->seed({secap::testing::shareProgressChange(kMunicipalityId, h->clock), reading(kMeterId), reading(kMeterId)});
  server::StoreReports reports(h->srv->store());
  auto anonymous = reports.municipalitySummary({}, kMunicipalityId);
  ASSERT_TRUE(anonymous.isOk()) << anonymous.status().toString();
  ASSERT_EQ(anonymous->meters_size(), 1);
  EXPECT_TRUE(anonymous->meters(0).meter_id().empty());
  EXPECT_TRUE(anonymous->meters(0).site_name().empty());
  EXPECT_EQ(anonymous->meters(0).reading_count(), 2);
  auto coordinator = reports.caller(enroll("coordinator").token);
  ASSERT_TRUE(coordinator.isOk());
  auto full = reports.municipalitySummary(*coordinator, kMunicipalityId);
  ASSERT_TRUE(full.isOk());
  EXPECT_EQ(full->meters(0).meter_id(), kMeterId);
}

TEST_F(AuthzTest, MonitoringServiceAnswersByTheSameRules) {
  auto stub = v1::MonitoringService::NewStub(h->channel);
  auto call = [&](const std::string& id, const std::string& token, v1::MunicipalityReport* out = nullptr) {
    grpc::ClientContext ctx;
    if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
    v1::GetMunicipalityReportRequest req;
    req.set_municipality_id(id);
    v1::MunicipalityReport resp;
    const auto code = stub->GetMunicipalityReport(&ctx, req, &resp).error_code();
    if (out) *out = resp;
    return code;
  };
  v1::MunicipalityReport report;
  EXPECT_EQ(call(kMunicipalityId, enroll("field").token, &report), grpc::StatusCode::OK);
  EXPECT_EQ(report.municipality_id(), kMunicipalityId);
  EXPECT_EQ(call(kMunicipalityId, ""), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(call(kMunicipalityId, enroll("partner").token), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(call("0190a000-0000-7000-8000-0000000000ff", enroll("coordinator").token), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(call("Pałecznica", enroll("coordinator").token), grpc::StatusCode::INVALID_ARGUMENT);

  auto site = [&](const std::string& id, const std::string& token, v1::SiteReport* out = nullptr) {
    grpc::ClientContext ctx;
    if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
    v1::GetSiteReportRequest req;
    req.set_site_id(id);
    v1::SiteReport resp;
    const auto code = stub->GetSiteReport(&ctx, req, &resp).error_code();
    if (out) *out = resp;
    return code;
  };
  v1::SiteReport school;
  EXPECT_EQ(site(secap::testing::kSiteId, enroll("field").token, &school), grpc::StatusCode::OK);
  EXPECT_EQ(school.site_id(), secap::testing::kSiteId);
  EXPECT_EQ(school.municipality_id(), kMunicipalityId);
  EXPECT_EQ(site(secap::testing::kSiteId, ""), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(site(secap::testing::kSiteId, enroll("partner").token), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(site(kOtherSite, enroll("coordinator").token), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(site("0190a000-0000-7000-8000-0000000000ff", enroll("coordinator").token), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(site("school", enroll("coordinator").token), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AuthzTest, AKioskPullsNoPersonsWhileFieldStaffDo) {
  v1::Change person;
  person.set_change_id(core::newUuidV7(h->clock));
  person.set_entity_id(core::newUuidV7(h->clock));
  person.set_hlc(core::makeHlc(h->clock.nowMs(), 0));
  auto* p = person.mutable_person();
  p->set_id(person.entity_id());
  p->set_display_name("Anna Nowak");
  auto* grant = p->add_roles();
  grant->set_municipality_id(kMunicipalityId);
  grant->set_role("field");
  h->seed({person});
  auto sees = [&](const Device& d) {
    v1::PullResponse resp;
    EXPECT_EQ(pull(d, resp).code, grpc::StatusCode::OK);
    std::set<std::string> ids;
    for (const auto& c : resp.changes()) ids.insert(c.entity_id());
    return ids;
  };
  const auto field = sees(enroll("field"));
  EXPECT_TRUE(field.count(person.entity_id()));
  const auto kiosk = sees(enroll("kiosk"));
  EXPECT_FALSE(kiosk.count(person.entity_id()));
  EXPECT_TRUE(kiosk.count(kMeterId));
}

TEST_F(AuthzTest, AKioskBoundToSitesPullsOnlyThoseSitesMetersAndReadings) {
  // A second site in A with its own meter and a reading.
  v1::Change other = site(kMunicipalityId);
  v1::Change meter;
  meter.set_change_id(core::newUuidV7(h->clock));
  meter.set_entity_id(core::newUuidV7(h->clock));
  meter.set_hlc(core::makeHlc(h->clock.nowMs(), 0));
  meter.mutable_meter()->set_id(meter.entity_id());
  meter.mutable_meter()->set_site_id(other.entity_id());
  meter.mutable_meter()->set_serial("G-7");
  meter.mutable_meter()->set_multiplier(1);
  h->seed({other, meter});
  h->seed({reading(kMeterId), reading(meter.entity_id())});
  Device kiosk = enroll("kiosk");
  auto sees = [&]() {
    std::map<std::string, int> kinds;  // entity case name → count
    std::string cursor;
    do {
      v1::PullResponse page;
      EXPECT_EQ(pull(kiosk, page, 0, true, cursor).code, grpc::StatusCode::OK);
      for (const auto& c : page.changes()) {
        if (c.entity_id() == other.entity_id() || c.entity_id() == meter.entity_id() ||
            (c.has_reading() && c.reading().meter_id() == meter.entity_id()))
          ++kinds["other"];
        if (c.has_reading() && c.reading().meter_id() == kMeterId) ++kinds["bound reading"];
      }
      cursor = page.resync_cursor();
    } while (!cursor.empty());
    return kinds;
  };
  // Unbound: the whole municipality.
  EXPECT_EQ(sees()["other"], 3);
  ASSERT_TRUE(h->srv->store().bindSites(kiosk.id, {secap::testing::kSiteId}, kServerNow, "admin:test").isOk());
  v1::PullResponse resp;
  ASSERT_EQ(pull(kiosk, resp, 1).code, grpc::StatusCode::OK);
  EXPECT_TRUE(resp.full_resync_required());
  const auto bound = sees();
  EXPECT_EQ(bound.count("other"), 0u);
  EXPECT_EQ(bound.at("bound reading"), 1);
}

TEST_F(AuthzTest, EveryRoleEnrollsButAWithdrawnDeviceCannotComeBackWithItsCode) {
  for (const char* role : {"admin", "coordinator", "field", "kiosk", "partner"}) EXPECT_FALSE(enroll(role).id.empty());
  const std::string code = h->code(kMunicipalityId, "field");
  auto enrollWith = [&](v1::EnrollResponse& resp) {
    grpc::ClientContext ctx;
    v1::EnrollRequest req;
    req.set_enrollment_code(code);
    req.set_install_id("install-lost");
    return h->stub->Enroll(&ctx, req, &resp).error_code();
  };
  v1::EnrollResponse first;
  ASSERT_EQ(enrollWith(first), grpc::StatusCode::OK);
  ASSERT_TRUE(h->srv->store().revokeDevice(first.device_id(), false, kServerNow, "test").isOk());
  v1::EnrollResponse again;
  EXPECT_EQ(enrollWith(again), grpc::StatusCode::PERMISSION_DENIED);
  // Its token was not replaced: it still hears that it is withdrawn.
  v1::PullResponse resp;
  EXPECT_EQ(pull(Device{first.device_id(), first.access_token()}, resp).code, grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(AuthzTest, NoTokenOrAnUnknownOneIsUnauthenticated) {
  EXPECT_EQ(pullSees(Device{"", ""}), "UNAUTHENTICATED");
  EXPECT_EQ(pushOne(Device{"", "not-a-token"}, reading(kMeterId)), "UNAUTHENTICATED");
}

TEST_F(AuthzTest, MoreThan5000ChangesInOnePushAreRefusedWhole) {
  Device field = enroll("field");
  std::vector<v1::Change> changes;
  for (int i = 0; i < 5001; ++i) changes.push_back(reading(kMeterId));
  v1::PushResponse resp;
  EXPECT_EQ(push(field, changes, resp).code, grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(resp.results_size(), 0);
}

TEST_F(AuthzTest, ATooLongFieldIsRejectedWithFieldTooLong) {
  Device coordinator = enroll("coordinator");
  v1::Change s = site(kMunicipalityId);
  s.mutable_site()->set_name(std::string(201, 'x'));
  EXPECT_EQ(pushOne(coordinator, s), "field.too_long");
  s.mutable_site()->set_name(std::string(200, 'x'));
  EXPECT_EQ(pushOne(coordinator, s), "ACCEPTED");
}

TEST_F(AuthzTest, AGrantMakesTheNextIncrementalPullAFullResyncOnceAndWidensTheScope) {
  Device field = enroll("field");
  v1::PullResponse first;
  ASSERT_EQ(pull(field, first).code, grpc::StatusCode::OK);
  ASSERT_FALSE(first.full_resync_required());
  ASSERT_TRUE(h->srv->store().grantRole(field.id, kOtherMunicipality, "field", kServerNow, "test").isOk());

  v1::PullResponse next;
  ASSERT_EQ(pull(field, next, first.last_seq()).code, grpc::StatusCode::OK);
  EXPECT_TRUE(next.full_resync_required());

  // The full resync brings the new municipality's records...
  std::set<std::string> ids;
  std::string cursor;
  do {
    v1::PullResponse page;
    ASSERT_EQ(pull(field, page, 0, true, cursor).code, grpc::StatusCode::OK);
    for (const auto& c : page.changes()) ids.insert(c.entity_id());
    cursor = page.resync_cursor();
  } while (!cursor.empty());
  EXPECT_TRUE(ids.count(kOtherMeter));
  // ...and after it, incremental pulls are normal again.
  v1::PullResponse after;
  ASSERT_EQ(pull(field, after, first.last_seq()).code, grpc::StatusCode::OK);
  EXPECT_FALSE(after.full_resync_required());

  // Taking the role away narrows the scope, again through one full resync.
  ASSERT_TRUE(h->srv->store().ungrantRole(field.id, kOtherMunicipality, kServerNow, "test").isOk());
  EXPECT_EQ(pullSees(field), "");  // from 0: told to resync, nothing else
  v1::PullResponse resync;
  ASSERT_EQ(pull(field, resync, 0, true).code, grpc::StatusCode::OK);
  EXPECT_EQ(pullSees(field), "A");
  EXPECT_EQ(pushOne(field, reading(kOtherMeter)), "auth.forbidden");
}

TEST_F(AuthzTest, ARateLimitedDeviceIsToldHowLongToWaitAndServedAgainAfterIt) {
  start(3);
  Device field = enroll("field");
  h->clock.advance(10000);  // 10 s into the one-minute window
  v1::PullResponse resp;
  for (int i = 0; i < 3; ++i) ASSERT_EQ(pull(field, resp).code, grpc::StatusCode::OK) << i;
  Call limited = pull(field, resp);
  EXPECT_EQ(limited.code, grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(limited.trailer("retry-after-ms"), "50000");
  // Other devices are not affected.
  Device other = enroll("field");
  EXPECT_EQ(pull(other, resp).code, grpc::StatusCode::OK);
  h->clock.advance(50000);
  EXPECT_EQ(pull(field, resp).code, grpc::StatusCode::OK);
}

TEST_F(AuthzTest, RateCountersAreSharedByInstancesOnOneDatabase) {
  Device field = enroll("field");
  // A second instance: another Store on the same database.
  auto second = server::openStore(h->dir, h->database.url());
  ASSERT_TRUE(second.isOk()) << second.status().toString();
  auto c1 = h->srv->store().countCall(field.id, 60000);
  ASSERT_TRUE(c1.isOk()) << c1.status().toString();
  auto c2 = (*second)->countCall(field.id, 60000);
  ASSERT_TRUE(c2.isOk()) << c2.status().toString();
  EXPECT_EQ(*c1, 1);
  EXPECT_EQ(*c2, 2);
  EXPECT_EQ(*h->srv->store().countCall(field.id, 60000), 3);
  EXPECT_EQ(*(*second)->countCall(field.id, 120000), 1);  // a new window starts afresh
}

namespace {

// Counts the calls that reach the server.
class CountingTransport final : public core::SyncTransport {
 public:
  explicit CountingTransport(std::unique_ptr<core::SyncTransport> inner) : m_inner(std::move(inner)) {}
  core::Result<v1::EnrollResponse> enroll(const v1::EnrollRequest& r) override { return m_inner->enroll(r); }
  core::Result<v1::PushResponse> push(const v1::PushRequest& r, const std::string& t) override {
    ++calls;
    return m_inner->push(r, t);
  }
  core::Result<v1::PullResponse> pull(const v1::PullRequest& r, const std::string& t) override {
    ++calls;
    return m_inner->pull(r, t);
  }
  int calls = 0;

 private:
  std::unique_ptr<core::SyncTransport> m_inner;
};

// A phone: its own database and clock, the real gRPC transport.
struct Phone {
  Phone(ServerHarness& h, const std::string& name)
      : clock(kServerNow), transport(core::makeGrpcTransport(h.target(), 10000)) {
    store = std::move(core::LocalStore::open(secap::testing::freshDir(name) + "/phone.db", clock)).value();
    core::SyncOptions o;
    o.minBackoffMs = 1000;
    o.maxBackoffMs = 4000;
    client = std::make_unique<core::SyncClient>(*store, transport, o);
  }
  void record(double value) {
    v1::Reading r;
    r.set_meter_id(kMeterId);
    r.set_value(value);
    auto saved = store->recordReading(r);
    ASSERT_TRUE(saved.isOk()) << saved.status().toString();
  }
  core::ManualClock clock;
  CountingTransport transport;
  std::unique_ptr<core::LocalStore> store;
  std::unique_ptr<core::SyncClient> client;
};

}  // namespace

TEST_F(AuthzTest, TheClientWaitsAtLeastAsLongAsTheRateLimitSays) {
  start(2);
  Phone phone(*h, "rate-phone");
  ASSERT_TRUE(phone.client->enroll(h->code(kMunicipalityId), "phone", "test", "0").isOk());
  ASSERT_TRUE(phone.client->syncOnce().isOk());  // one pull
  ASSERT_TRUE(phone.client->syncOnce().isOk());  // two
  const auto limited = phone.client->syncOnce();
  ASSERT_EQ(limited.code(), core::StatusCode::kResourceExhausted) << limited.toString();
  EXPECT_EQ(core::retryAfterMsOf(limited), 60000);
  // The backoff alone would retry after at most 1 s; the server asked for 60.
  EXPECT_GE(phone.client->retryDelayMs(limited, 0), 60000);
  EXPECT_EQ(phone.client->status().notBeforeMs, kServerNow + 60000);

  // Before then the phone does not even call.
  const int calls = phone.transport.calls;
  phone.clock.advance(59000);
  EXPECT_EQ(phone.client->syncOnce().code(), core::StatusCode::kResourceExhausted);
  EXPECT_EQ(phone.transport.calls, calls);
  // After it, it syncs again.
  phone.clock.advance(1000);
  h->clock.advance(60000);
  EXPECT_TRUE(phone.client->syncOnce().isOk());
  EXPECT_GT(phone.transport.calls, calls);
}

TEST_F(AuthzTest, ARescuedDevicePushesItsLastChangesThenWipesItsData) {
  Phone phone(*h, "rescue-phone");
  ASSERT_TRUE(phone.client->enroll(h->code(kMunicipalityId), "phone", "test", "0").isOk());
  ASSERT_TRUE(phone.client->syncOnce().isOk());
  const std::string deviceId = *phone.store->state(core::state_keys::kDeviceId);

  // Lost: revoked. Without a rescue it is refused and keeps its data.
  ASSERT_TRUE(h->srv->store().revokeDevice(deviceId, false, kServerNow, "admin:test").isOk());
  phone.record(2000);
  auto refused = phone.client->syncOnce();
  EXPECT_EQ(refused.code(), core::StatusCode::kPermissionDenied);
  EXPECT_EQ(phone.store->pendingCount(), 1);
  EXPECT_TRUE(phone.client->isEnrolled());

  // The coordinator allows a rescue: the unsent reading reaches the server,
  // then the phone is told to wipe, and does.
  ASSERT_TRUE(h->srv->store().allowRescue(deviceId, kServerNow, "admin:test").isOk());
  auto wiped = phone.client->syncOnce();
  EXPECT_EQ(wiped.code(), core::StatusCode::kPermissionDenied);
  EXPECT_EQ(wiped.message(), core::kWithdrawnMessage);
  auto readings = h->srv->store().entitiesOf(core::EntityType::kReading, kMunicipalityId);
  ASSERT_TRUE(readings.isOk());
  ASSERT_EQ(readings->size(), 1u);
  EXPECT_EQ(readings->front().entity.reading().value(), 2000);

  EXPECT_TRUE(phone.client->status().withdrawn);
  EXPECT_EQ(phone.client->status().lastError, core::kWithdrawnMessage);
  EXPECT_FALSE(phone.client->isEnrolled());
  EXPECT_EQ(phone.store->pendingCount(), 0);
  EXPECT_EQ(phone.store->readingCount(), 0);
  EXPECT_TRUE(phone.store->allRecords().empty());
  const auto token = phone.store->accessToken();
  ASSERT_TRUE(token.isOk()) << token.status().toString();
  EXPECT_FALSE(token->has_value());
  EXPECT_FALSE(phone.store->state(core::state_keys::kDeviceId).has_value());
  // It stays withdrawn, also for a new SyncClient on the same database.
  core::SyncClient reopened(*phone.store, phone.transport);
  EXPECT_TRUE(reopened.status().withdrawn);
  EXPECT_EQ(reopened.syncOnce().message(), core::kWithdrawnMessage);
}

TEST_F(AuthzTest, AfterTheRescueEveryCallIsDeniedWithTheWipeTrailer) {
  Device field = enroll("field");
  ASSERT_TRUE(h->srv->store().revokeDevice(field.id, true, kServerNow, "admin:test").isOk());
  v1::PullResponse pulled;
  Call early = pull(field, pulled);
  EXPECT_EQ(early.code, grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(early.trailer("secap-wipe"), "");  // the rescue is still to come
  EXPECT_EQ(pushOne(field, reading(kMeterId)), "ACCEPTED");
  v1::PushResponse pushed;
  Call again = push(field, {reading(kMeterId)}, pushed);
  EXPECT_EQ(again.code, grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(again.trailer("secap-wipe"), "1");
  Call later = pull(field, pulled);
  EXPECT_EQ(later.code, grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(later.trailer("secap-wipe"), "1");
}

TEST_F(AuthzTest, AWithdrawnPhoneWithNothingUnsentIsWipedOnceRescued) {
  Phone phone(*h, "empty-phone");
  ASSERT_TRUE(phone.client->enroll(h->code(kMunicipalityId), "phone", "test", "0").isOk());
  ASSERT_TRUE(phone.client->syncOnce().isOk());
  const std::string deviceId = *phone.store->state(core::state_keys::kDeviceId);
  ASSERT_TRUE(h->srv->store().revokeDevice(deviceId, true, kServerNow, "admin:test").isOk());
  EXPECT_EQ(phone.client->syncOnce().message(), core::kWithdrawnMessage);
  EXPECT_TRUE(phone.store->allRecords().empty());
}

TEST_F(AuthzTest, AdministrativeActionsAreAudited) {
  Device field = enroll("field");
  auto& store = h->srv->store();
  ASSERT_TRUE(store.grantRole(field.id, kOtherMunicipality, "coordinator", kServerNow + 1, "admin:ewa").isOk());
  ASSERT_TRUE(store.ungrantRole(field.id, kOtherMunicipality, kServerNow + 2, "admin:ewa").isOk());
  ASSERT_TRUE(store.revokeDevice(field.id, false, kServerNow + 3, "admin:ewa").isOk());
  ASSERT_TRUE(store.allowRescue(field.id, kServerNow + 4, "admin:jan").isOk());
  auto log = store.auditLog(kServerNow + 1, 100);
  ASSERT_TRUE(log.isOk());
  std::vector<std::string> seen;
  for (const auto& e : *log) seen.push_back(e.actor + " " + e.action);
  EXPECT_EQ(seen, (std::vector<std::string>{"admin:ewa device.grant", "admin:ewa device.ungrant",
                                            "admin:ewa device.revoke", "admin:jan device.rescue"}));
  EXPECT_NE(log->front().detail.find("role=coordinator"), std::string::npos);
  EXPECT_NE(log->front().detail.find(field.id), std::string::npos);
  // The enrollment itself was logged too, before.
  auto all = store.auditLog(0, 100);
  ASSERT_TRUE(all.isOk());
  EXPECT_TRUE(std::any_of(all->begin(), all->end(), [&](const server::AuditEntry& e) {
    return e.action == "device.enroll" && e.actor == field.id;
  }));
  // --limit keeps the newest.
  auto last = store.auditLog(0, 1);
  ASSERT_TRUE(last.isOk());
  ASSERT_EQ(last->size(), 1u);
  EXPECT_EQ(last->front().action, "device.rescue");
}

TEST_F(AuthzTest, RescueNeedsARevokedDeviceAndUnknownDevicesAreNamed) {
  Device field = enroll("field");
  EXPECT_EQ(h->srv->store().allowRescue(field.id, kServerNow, "t").code(), core::StatusCode::kFailedPrecondition);
  EXPECT_EQ(h->srv->store().revokeDevice("no-such-device", false, kServerNow, "t").code(), core::StatusCode::kNotFound);
  EXPECT_EQ(h->srv->store().ungrantRole(field.id, kOtherMunicipality, kServerNow, "t").code(),
            core::StatusCode::kNotFound);
}

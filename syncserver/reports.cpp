#include "reports.h"

#include <algorithm>
#include <set>

#include "inventories.h"
#include "review_queue.h"
#include "secap/core/com_template.h"
#include "secap/core/consumption.h"
#include "secap/core/ids.h"
#include "secap/core/report.h"
#include "web_admin.h"

namespace secap::server {

using core::EntityType;

Result<core::MonitoringRecords> monitoringRecordsOf(Store& store, const std::string& id) {
  core::MonitoringRecords out;
  auto load = [&](EntityType type, const std::string& scope, auto&& take) -> Status {
    auto rows = store.entitiesOf(type, scope);
    if (!rows.isOk()) return rows.status();
    for (const auto& r : *rows) take(r.entity);
    return Status::ok();
  };
  SECAP_RETURN_IF_ERROR(
      load(EntityType::kMunicipality, id, [&](const auto& c) { out.municipality = c.municipality(); }));
  if (out.municipality.id().empty()) return out;
  SECAP_RETURN_IF_ERROR(
      load(EntityType::kMunicipalityYear, id, [&](const auto& c) { out.years.push_back(c.municipality_year()); }));
  SECAP_RETURN_IF_ERROR(load(EntityType::kPublishedInventory, id,
                             [&](const auto& c) { out.published.push_back(c.published_inventory()); }));
  SECAP_RETURN_IF_ERROR(
      load(EntityType::kActivityData, id, [&](const auto& c) { out.activity.push_back(c.activity_data()); }));
  SECAP_RETURN_IF_ERROR(load(EntityType::kSite, id, [&](const auto& c) { out.sites.push_back(c.site()); }));
  SECAP_RETURN_IF_ERROR(load(EntityType::kMeter, id, [&](const auto& c) { out.meters.push_back(c.meter()); }));
  // The meters' months come from the rollups kept at ingest, not from the readings.
  auto rollups = store.meterRollups(id);
  if (!rollups.isOk()) return rollups.status();
  out.rollups = std::move(*rollups);
  for (const std::string& scope : {std::string(core::kGlobalScope), id})
    SECAP_RETURN_IF_ERROR(
        load(EntityType::kEmissionFactor, scope, [&](const auto& c) { out.factors.push_back(c.emission_factor()); }));
  SECAP_RETURN_IF_ERROR(
      load(EntityType::kDegreeDays, id, [&](const auto& c) { out.degreeDays.push_back(c.degree_days()); }));
  SECAP_RETURN_IF_ERROR(load(EntityType::kMeasure, id, [&](const auto& c) { out.measures.push_back(c.measure()); }));
  SECAP_RETURN_IF_ERROR(
      load(EntityType::kProgressUpdate, id, [&](const auto& c) { out.progress.push_back(c.progress_update()); }));
  SECAP_RETURN_IF_ERROR(
      load(EntityType::kInspection, id, [&](const auto& c) { out.inspections.push_back(c.inspection()); }));
  return out;
}

bool StoreReports::healthy() const { return m_store.watermark().isOk(); }

Result<Caller> StoreReports::caller(std::string_view bearerToken) const {
  auto found = m_store.deviceByTokenHash(core::sha256Hex(bearerToken));
  if (!found.isOk()) return found.status();
  if (!*found) return core::Status(core::StatusCode::kUnauthenticated, "unknown or replaced token");
  if ((*found)->revokedAtMs != 0)
    return core::Status(core::StatusCode::kPermissionDenied, "this device was withdrawn by its coordinator");
  return Caller{**found};
}

Result<StoreReports::Sight> StoreReports::sightOf(const Caller& caller, const std::string& id,
                                                  secap::v1::Municipality* municipality) const {
  auto found = m_store.entitiesOf(EntityType::kMunicipality, id);
  if (!found.isOk()) return found.status();
  if (found->empty()) {
    if (!caller.device) return core::Status(core::StatusCode::kUnauthenticated, "sign in with a bearer token");
    return core::notFound("there is no municipality " + id);
  }
  const secap::v1::Municipality& m = found->front().entity.municipality();
  if (municipality) *municipality = m;
  if (caller.device) {
    const auto& roles = caller.device->roles;
    const bool admin = std::any_of(roles.begin(), roles.end(), [](const auto& r) { return r.second == "admin"; });
    auto role = roles.find(id);
    if (admin || (role != roles.end() && role->second != "partner")) return Sight::kAll;
  }
  if (m.share_progress()) return Sight::kShared;
  if (!caller.device)
    return core::Status(core::StatusCode::kUnauthenticated,
                        m.name() + " does not share its progress: sign in with a bearer token");
  return core::Status(core::StatusCode::kPermissionDenied,
                      "this device has no role in " + m.name() + ", and " + m.name() + " does not share its progress");
}

Result<secap::v1::MunicipalitySummary> StoreReports::municipalitySummary(const Caller& caller,
                                                                         const std::string& id) const {
  auto sight = sightOf(caller, id);
  if (!sight.isOk()) return sight.status();
  auto municipalities = m_store.entitiesOf(EntityType::kMunicipality, id);
  auto sites = m_store.entitiesOf(EntityType::kSite, id);
  auto meters = m_store.entitiesOf(EntityType::kMeter, id);
  auto readings = m_store.entitiesOf(EntityType::kReading, id);
  auto reviews = m_store.entitiesOf(EntityType::kReadingReview, id);
  for (const core::Status& st :
       {municipalities.status(), sites.status(), meters.status(), readings.status(), reviews.status()})
    if (!st.isOk()) return st;
  std::vector<secap::v1::ReadingReview> reviewList;
  for (auto& r : *reviews) reviewList.push_back(r.entity.reading_review());
  std::vector<secap::v1::Site> siteList;
  for (auto& s : *sites) siteList.push_back(s.entity.site());
  std::vector<secap::v1::Meter> meterList;
  for (auto& m : *meters) meterList.push_back(m.entity.meter());
  std::map<std::string, std::vector<secap::v1::Reading>> byMeter;
  for (auto& r : *readings) byMeter[r.parentId].push_back(r.entity.reading());
  auto summary = core::summarizeMunicipality(municipalities->front().entity.municipality(), siteList, meterList,
                                             byMeter, reviewList);
  if (*sight == Sight::kAll) return summary;
  // Shared: totals by carrier, no meter or site named.
  std::map<int, secap::v1::MeterSummary> byCarrier;
  for (const auto& m : summary.meters()) {
    auto& agg = byCarrier[m.carrier()];
    agg.set_carrier(m.carrier());
    agg.set_reading_count(agg.reading_count() + m.reading_count());
    for (const auto& y : m.years()) {
      auto it = std::find_if(agg.mutable_years()->begin(), agg.mutable_years()->end(),
                             [&](const auto& a) { return a.year() == y.year(); });
      if (it == agg.mutable_years()->end()) {
        *agg.add_years() = y;
      } else {
        it->set_kwh(it->kwh() + y.kwh());
      }
    }
  }
  summary.clear_meters();
  for (auto& [carrier, agg] : byCarrier) {
    std::sort(agg.mutable_years()->begin(), agg.mutable_years()->end(),
              [](const auto& a, const auto& b) { return a.year() < b.year(); });
    *summary.add_meters() = std::move(agg);
  }
  return summary;
}

Result<secap::v1::MunicipalityReport> StoreReports::municipalityReport(const Caller& caller,
                                                                       const std::string& id) const {
  auto sight = sightOf(caller, id);
  if (!sight.isOk()) return sight.status();
  auto records = monitoringRecordsOf(m_store, id);
  if (!records.isOk()) return records.status();
  return core::municipalityReport(*records);
}

Result<std::string> StoreReports::inventoryCsv(const Caller& caller, const std::string& id, int year) const {
  auto sight = sightOf(caller, id);
  if (!sight.isOk()) return sight.status();
  return exportInventoryCsv(m_store, id, year);
}

Result<std::string> StoreReports::actionsCsv(const Caller& caller, const std::string& id) const {
  secap::v1::Municipality municipality;
  auto sight = sightOf(caller, id, &municipality);
  if (!sight.isOk()) return sight.status();
  auto records = monitoringRecordsOf(m_store, id);
  if (!records.isOk()) return records.status();
  return core::writeComActionsCsv(core::municipalityReport(*records), records->measures,
                                  core::calendarOf(municipality));
}

Result<secap::v1::CompareMunicipalitiesResponse> StoreReports::compare(const Caller& caller, int year) const {
  (void)caller;  // the comparison shows the municipalities that share their progress, to anyone
  if (year == 0) year = core::Calendar{}.localDateOf(m_clock.nowMs()).year - 1;
  auto all = m_store.allMunicipalities();
  if (!all.isOk()) return all.status();
  secap::v1::CompareMunicipalitiesResponse out;
  out.set_year(year);
  std::vector<secap::v1::MunicipalityComparison> rows;
  for (const auto& m : *all) {
    if (!m.entity.municipality().share_progress()) continue;
    auto records = monitoringRecordsOf(m_store, m.id);
    if (!records.isOk()) return records.status();
    const auto report = core::municipalityReport(*records);
    secap::v1::MunicipalityComparison c;
    c.set_municipality_id(m.id);
    c.set_name(report.name());
    c.set_country(report.country());
    c.set_baseline_year(report.baseline_year());
    c.set_target_year(report.target_year());
    c.set_target_reduction_pct(report.target_reduction_pct());
    if (report.has_climate_neutrality_year()) c.set_climate_neutrality_year(report.climate_neutrality_year());
    if (report.has_bei() && report.bei().has_t_co2_per_capita())
      c.set_bei_t_co2_per_capita(report.bei().t_co2_per_capita());
    if (report.meis_size() > 0) {
      const auto& mei = report.meis(report.meis_size() - 1);
      c.set_mei_year(mei.year());
      if (mei.has_t_co2_per_capita()) c.set_mei_t_co2_per_capita(mei.t_co2_per_capita());
      if (mei.has_population()) {
        c.set_population(mei.population());
        if (mei.population() > 0) c.set_mei_mwh_per_capita(mei.total_mwh() / static_cast<double>(mei.population()));
      }
    }
    if (report.has_reduction()) {
      c.set_reduction_pct(report.reduction().reduction_pct());
      if (report.reduction().has_per_capita_reduction_pct())
        c.set_per_capita_reduction_pct(report.reduction().per_capita_reduction_pct());
      c.set_on_track(report.reduction().on_track());
    }
    for (auto& k : core::kindIntensities(*records, year)) *c.add_intensities() = std::move(k);
    rows.push_back(std::move(c));
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.name() < b.name(); });
  for (auto& r : rows) *out.add_municipalities() = std::move(r);
  return out;
}

Result<secap::v1::ListMeasureOutcomesResponse> StoreReports::measureOutcomes(
    const Caller& caller, const secap::v1::ListMeasureOutcomesRequest& request) const {
  auto all = m_store.allMunicipalities();
  if (!all.isOk()) return all.status();
  std::vector<secap::v1::MeasureOutcome> found;
  for (const auto& m : *all) {
    auto sight = sightOf(caller, m.id);
    if (!sight.isOk()) continue;  // neither shared nor the caller's
    auto records = monitoringRecordsOf(m_store, m.id);
    if (!records.isOk()) return records.status();
    const auto report = core::municipalityReport(*records);
    for (const auto& measure : report.measures()) {
      if (!measure.verified()) continue;
      if (!request.com_sector().empty() && measure.com_sector() != request.com_sector()) continue;
      if (!request.area_of_intervention().empty() && measure.area_of_intervention() != request.area_of_intervention())
        continue;
      secap::v1::MeasureOutcome o;
      o.set_municipality_id(m.id);
      o.set_municipality_name(report.name());
      o.set_country(report.country());
      *o.mutable_measure() = measure;
      found.push_back(std::move(o));
    }
  }
  // Measured first, the best realisation first; then by municipality and code.
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    const bool ra = a.measure().has_realisation_rate(), rb = b.measure().has_realisation_rate();
    if (ra != rb) return ra;
    if (ra && a.measure().realisation_rate() != b.measure().realisation_rate())
      return a.measure().realisation_rate() > b.measure().realisation_rate();
    return std::tie(a.municipality_name(), a.measure().code()) < std::tie(b.municipality_name(), b.measure().code());
  });
  secap::v1::ListMeasureOutcomesResponse out;
  for (auto& o : found) *out.add_outcomes() = std::move(o);
  return out;
}

Result<secap::v1::SiteReport> StoreReports::siteReport(const Caller& caller, const std::string& siteId,
                                                       int year) const {
  auto site = m_store.entity(EntityType::kSite, siteId);
  if (!site.isOk()) return site.status();
  if (!*site || (*site)->deleted) {
    if (!caller.device) return core::Status(core::StatusCode::kUnauthenticated, "sign in with a bearer token");
    return core::notFound("there is no site " + siteId);
  }
  const std::string municipalityId = (*site)->municipalityId;
  auto sight = sightOf(caller, municipalityId);
  if (!sight.isOk()) return sight.status();
  if (*sight != Sight::kAll)  // a site's details are its municipality's own
    return core::Status(caller.device ? core::StatusCode::kPermissionDenied : core::StatusCode::kUnauthenticated,
                        "a site's report is for the devices of its municipality");
  if (year == 0) year = core::Calendar{}.localDateOf(m_clock.nowMs()).year - 1;
  auto records = monitoringRecordsOf(m_store, municipalityId);
  if (!records.isOk()) return records.status();
  // The peers: every site of the municipalities that share their progress.
  std::vector<core::SiteEnergy> peers;
  auto all = m_store.allMunicipalities();
  if (!all.isOk()) return all.status();
  for (const auto& m : *all) {
    if (!m.entity.municipality().share_progress()) continue;
    auto theirs = m.id == municipalityId ? records : monitoringRecordsOf(m_store, m.id);
    if (!theirs.isOk()) return theirs.status();
    for (auto& e : core::siteEnergies(*theirs, year)) peers.push_back(std::move(e));
  }
  auto report = core::siteReport(*records, siteId, year, peers);
  if (!report) return core::notFound("there is no site " + siteId);
  return *report;
}

Result<secap::v1::ReviewQueue> StoreReports::reviewQueue(const Caller& caller,
                                                         const std::string& municipalityId) const {
  return reviewQueueOf(m_store, caller, municipalityId);
}

Result<secap::v1::ReviewReadingResponse> StoreReports::reviewReading(
    const Caller& caller, const secap::v1::ReviewReadingRequest& request) const {
  return server::reviewReading(m_store, m_clock, caller, request);
}

Result<std::string> StoreReports::metrics() const {
  if (!m_metrics) return core::unavailable("this server keeps no metrics");
  return m_metrics->exposition();
}

void StoreReports::requestServed(std::string_view route, unsigned status) const {
  if (m_metrics) m_metrics->httpRequest(route, status);
}

// --- The web dashboard ---

Result<SignedIn> StoreReports::signIn(const secap::v1::SignInRequest& request, std::string_view peer) const {
  if (!m_web) return HttpBackend::signIn(request, peer);
  auto in = request.link_token().empty() ? m_web->signIn(request.login(), request.password(), peer)
                                         : m_web->signInWithLink(request.link_token(), peer);
  if (!in.isOk()) return in.status();
  Caller caller;
  caller.device = in->device;
  caller.webLogin = in->session.login;
  caller.csrfToken = in->session.csrfToken;
  auto session = webSession(caller);
  if (!session.isOk()) return session.status();
  session->set_expires_at(in->session.expiresAtMs);
  return SignedIn{std::move(in->token), std::move(*session)};
}

Result<Caller> StoreReports::sessionCaller(std::string_view token) const {
  if (!m_web) return HttpBackend::sessionCaller(token);
  return m_web->caller(token);
}

Status StoreReports::signOut(std::string_view token) const {
  if (!m_web) return HttpBackend::signOut(token);
  return m_web->signOut(token);
}

Result<secap::v1::WebSession> StoreReports::webSession(const Caller& caller) const {
  if (!caller.device || caller.webLogin.empty())
    return core::Status(core::StatusCode::kUnauthenticated, "not signed in");
  secap::v1::WebSession out;
  out.set_login(caller.webLogin);
  out.set_role(caller.device->role);
  out.set_municipality_id(caller.device->municipalityId);
  out.set_csrf_token(caller.csrfToken);
  out.set_device_id(caller.device->id);
  auto m = m_store.entitiesOf(EntityType::kMunicipality, caller.device->municipalityId);
  if (!m.isOk()) return m.status();
  if (!m->empty()) out.set_municipality_name(m->front().entity.municipality().name());
  return out;
}

Result<secap::v1::MunicipalityList> StoreReports::municipalities(const Caller& caller) const {
  auto all = m_store.allMunicipalities();
  if (!all.isOk()) return all.status();
  secap::v1::MunicipalityList out;
  for (const auto& m : *all) {
    if (m.deleted) continue;
    auto sight = sightOf(caller, m.id);
    if (!sight.isOk()) continue;  // neither a role there nor shared
    auto* row = out.add_municipalities();
    row->set_municipality_id(m.id);
    row->set_name(m.entity.municipality().name());
    row->set_country(m.entity.municipality().country());
    row->set_share_progress(m.entity.municipality().share_progress());
    row->set_full_access(*sight == Sight::kAll);
    if (caller.device) {
      const auto& roles = caller.device->roles;
      const bool admin = std::any_of(roles.begin(), roles.end(), [](const auto& r) { return r.second == "admin"; });
      auto role = roles.find(m.id);
      row->set_role(role != roles.end() ? role->second : admin ? "admin" : "");
    }
  }
  std::sort(out.mutable_municipalities()->begin(), out.mutable_municipalities()->end(),
            [](const auto& a, const auto& b) { return a.name() < b.name(); });
  return out;
}

Result<secap::v1::SiteList> StoreReports::sites(const Caller& caller, const std::string& id, int year) const {
  auto sight = sightOf(caller, id);
  if (!sight.isOk()) return sight.status();
  if (*sight != Sight::kAll)
    return core::Status(core::StatusCode::kPermissionDenied, "a town's sites are shown to its own staff only");
  if (year == 0) year = core::Calendar{}.localDateOf(m_clock.nowMs()).year - 1;
  auto records = monitoringRecordsOf(m_store, id);
  if (!records.isOk()) return records.status();
  secap::v1::SiteList out;
  out.set_municipality_id(id);
  out.set_year(year);
  for (const auto& site : records->sites) {
    auto report = core::siteReport(*records, site.id(), year, {});
    if (!report) continue;
    auto* row = out.add_sites();
    row->set_site_id(site.id());
    row->set_name(site.name());
    row->set_kind(site.kind());
    row->set_com_sector(site.com_sector());
    if (report->has_heated_area_m2()) row->set_heated_area_m2(report->heated_area_m2());
    if (report->has_heat_kwh_per_m2()) row->set_heat_kwh_per_m2(report->heat_kwh_per_m2());
    row->set_heat_normalised(report->heat_normalised());
    if (report->has_electricity_kwh_per_m2()) row->set_electricity_kwh_per_m2(report->electricity_kwh_per_m2());
    if (report->has_heat_median_municipality()) row->set_heat_median_municipality(report->heat_median_municipality());
    if (report->has_electricity_median_municipality())
      row->set_electricity_median_municipality(report->electricity_median_municipality());
  }
  std::sort(out.mutable_sites()->begin(), out.mutable_sites()->end(),
            [](const auto& a, const auto& b) { return a.name() < b.name(); });
  return out;
}

// --- A measure's page and photos ---

Result<secap::v1::MeasureDetail> StoreReports::measureDetail(const Caller& caller, const std::string& id) const {
  auto found = m_store.entity(EntityType::kMeasure, id);
  if (!found.isOk()) return found.status();
  if (!*found || (*found)->deleted) return core::notFound("there is no measure " + id);
  const std::string municipalityId = (*found)->municipalityId;
  auto sight = sightOf(caller, municipalityId);
  if (!sight.isOk()) return sight.status();
  const bool all = *sight == Sight::kAll;
  auto records = monitoringRecordsOf(m_store, municipalityId);
  if (!records.isOk()) return records.status();
  secap::v1::MeasureDetail out;
  out.set_municipality_id(municipalityId);
  *out.mutable_measure() = (*found)->entity.measure();
  if (all)  // the shared view names no site
    for (const auto& site : records->sites)
      for (const auto& siteId : out.measure().site_ids())
        if (site.id() == siteId) (*out.mutable_site_names())[siteId] = site.name();
  const auto report = core::municipalityReport(*records);  // kept: the loop reads into it
  for (const auto& m : report.measures())
    if (m.measure_id() == id) *out.mutable_report() = m;

  std::set<std::string> owners{id};  // the measure, its progress updates and inspections
  auto progress = m_store.entitiesOf(EntityType::kProgressUpdate, municipalityId);
  if (!progress.isOk()) return progress.status();
  for (const auto& e : *progress) {
    if (e.entity.progress_update().measure_id() != id) continue;
    auto* p = out.add_progress();
    *p = e.entity.progress_update();
    owners.insert(p->id());
    if (!all) p->clear_reported_by();
  }
  std::sort(out.mutable_progress()->begin(), out.mutable_progress()->end(),
            [](const auto& a, const auto& b) { return a.reported_at() > b.reported_at(); });
  // Inspections' photos count for everyone (publishable ones only in the
  // shared view); the inspections themselves are for the town's own staff.
  auto inspections = m_store.entitiesOf(EntityType::kInspection, municipalityId);
  if (!inspections.isOk()) return inspections.status();
  for (const auto& e : *inspections) {
    const auto& i = e.entity.inspection();
    if (!i.has_measure_id() || i.measure_id() != id || !i.has_submitted_at()) continue;
    owners.insert(i.id());
    if (all) *out.add_inspections() = i;
  }
  std::sort(out.mutable_inspections()->begin(), out.mutable_inspections()->end(),
            [](const auto& a, const auto& b) { return a.submitted_at() > b.submitted_at(); });
  auto attachments = m_store.entitiesOf(EntityType::kAttachment, municipalityId);
  if (!attachments.isOk()) return attachments.status();
  std::set<std::string> shown;
  for (const auto& e : *attachments) {
    const auto& a = e.entity.attachment();
    if (a.redacted() || !owners.count(a.owner_id()) || (!all && !a.publishable())) continue;
    *out.add_photos() = a;
    shown.insert(a.id());
  }
  // A visitor sees no trace of a photo that is not published, not even its id.
  if (!all)
    for (auto& p : *out.mutable_progress()) {
      auto* ids = p.mutable_attachment_ids();
      ids->erase(std::remove_if(ids->begin(), ids->end(), [&](const std::string& a) { return !shown.count(a); }),
                 ids->end());
    }
  return out;
}

Result<BlobContent> StoreReports::attachmentContent(const Caller& caller, const std::string& id) const {
  auto found = m_store.attachmentById(id);
  if (!found.isOk()) return found.status();
  if (!*found || (*found)->deleted) return core::notFound("there is no photo " + id);
  auto sight = sightOf(caller, (*found)->municipalityId);
  if (!sight.isOk()) return sight.status();
  const auto& a = (*found)->entity.attachment();
  if (a.redacted()) return core::notFound("this photo was redacted");
  if (*sight != Sight::kAll && !a.publishable()) return core::notFound("there is no published photo " + id);
  if (!m_blobs) return core::unavailable("this server keeps no photos");
  auto reader = m_blobs->openForRead(a.sha256());
  if (!reader.isOk()) return reader.status();
  auto bytes = (*reader)->read(0, static_cast<size_t>((*reader)->size()));
  if (!bytes.isOk()) return bytes.status();
  return BlobContent{std::move(*bytes), a.mime().empty() ? "application/octet-stream" : a.mime()};
}

// --- A coordinator's management (web_admin.h) ---

Result<secap::v1::DeviceList> StoreReports::devices(const Caller& caller, const std::string& municipalityId) const {
  return devicesOf(m_store, caller, municipalityId);
}

Result<secap::v1::IssuedEnrollmentCode> StoreReports::issueCode(
    const Caller& caller, const std::string& municipalityId,
    const secap::v1::IssueEnrollmentCodeRequest& request) const {
  return issueCodeFor(m_store, m_clock, caller, municipalityId, request);
}

Status StoreReports::revokeDevice(const Caller& caller, const std::string& deviceId, bool allowRescue) const {
  return revokeDeviceFor(m_store, m_clock, caller, deviceId, allowRescue);
}

Status StoreReports::bindSites(const Caller& caller, const std::string& deviceId,
                               const std::vector<std::string>& siteIds) const {
  return bindSitesFor(m_store, m_clock, caller, deviceId, siteIds);
}

Result<secap::v1::PhotoList> StoreReports::photos(const Caller& caller, const std::string& municipalityId) const {
  return photosOf(m_store, caller, municipalityId);
}

Result<secap::v1::Attachment> StoreReports::setPublishable(const Caller& caller, const std::string& attachmentId,
                                                           bool publishable) const {
  return setPublishableFor(m_store, m_clock, caller, attachmentId, publishable);
}

Status StoreReports::redact(const Caller& caller, const std::string& attachmentId, const std::string& reason) const {
  return redactFor(m_store, m_attachments, caller, attachmentId, reason);
}

}  // namespace secap::server

#include "reports.h"

#include "secap/core/consumption.h"

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
  SECAP_RETURN_IF_ERROR(load(EntityType::kMunicipality, id, [&](const auto& c) { out.municipality = c.municipality(); }));
  if (out.municipality.id().empty()) return out;
  SECAP_RETURN_IF_ERROR(load(EntityType::kMunicipalityYear, id, [&](const auto& c) { out.years.push_back(c.municipality_year()); }));
  SECAP_RETURN_IF_ERROR(load(EntityType::kPublishedInventory, id, [&](const auto& c) { out.published.push_back(c.published_inventory()); }));
  SECAP_RETURN_IF_ERROR(load(EntityType::kActivityData, id, [&](const auto& c) { out.activity.push_back(c.activity_data()); }));
  SECAP_RETURN_IF_ERROR(load(EntityType::kSite, id, [&](const auto& c) { out.sites.push_back(c.site()); }));
  SECAP_RETURN_IF_ERROR(load(EntityType::kMeter, id, [&](const auto& c) { out.meters.push_back(c.meter()); }));
  // The meters' months come from the rollups kept at ingest, not from the readings.
  auto rollups = store.meterRollups(id);
  if (!rollups.isOk()) return rollups.status();
  out.rollups = std::move(*rollups);
  for (const std::string& scope : {std::string(core::kGlobalScope), id})
    SECAP_RETURN_IF_ERROR(load(EntityType::kEmissionFactor, scope, [&](const auto& c) { out.factors.push_back(c.emission_factor()); }));
  SECAP_RETURN_IF_ERROR(load(EntityType::kDegreeDays, id, [&](const auto& c) { out.degreeDays.push_back(c.degree_days()); }));
  return out;
}

bool StoreReports::healthy() const { return m_store.watermark().isOk(); }

std::optional<secap::v1::MunicipalitySummary> StoreReports::municipalitySummary(const std::string& id) const {
  auto municipalities = m_store.entitiesOf(EntityType::kMunicipality, id);
  if (!municipalities.isOk() || municipalities->empty()) return std::nullopt;
  auto sites = m_store.entitiesOf(EntityType::kSite, id);
  auto meters = m_store.entitiesOf(EntityType::kMeter, id);
  auto readings = m_store.entitiesOf(EntityType::kReading, id);
  auto reviews = m_store.entitiesOf(EntityType::kReadingReview, id);
  if (!sites.isOk() || !meters.isOk() || !readings.isOk() || !reviews.isOk()) return std::nullopt;
  std::vector<secap::v1::ReadingReview> reviewList;
  for (auto& r : *reviews) reviewList.push_back(r.entity.reading_review());

  std::vector<secap::v1::Site> siteList;
  for (auto& s : *sites) siteList.push_back(s.entity.site());
  std::vector<secap::v1::Meter> meterList;
  for (auto& m : *meters) meterList.push_back(m.entity.meter());
  std::map<std::string, std::vector<secap::v1::Reading>> byMeter;
  for (auto& r : *readings) byMeter[r.parentId].push_back(r.entity.reading());
  return core::summarizeMunicipality(municipalities->front().entity.municipality(), siteList, meterList, byMeter,
                                     reviewList);
}

}  // namespace secap::server

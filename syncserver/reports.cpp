#include "reports.h"

#include "secap/core/consumption.h"

namespace secap::server {

using core::EntityType;

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

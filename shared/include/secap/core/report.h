#pragma once
// The municipality report (MonitoringService.GetMunicipalityReport, DESIGN
// §6) from a municipality's records: the inventories, reduction and
// climate-neutrality gap of progress.h, and the measures' status, spending
// and results (measures.h: IPMVP option C on the measure's sites' meters,
// month by month from the rollups). One function for the server's gRPC,
// JSON and CSV answers and the app's offline progress view.
//
// Pure functions over values; thread-safe.

#include <optional>
#include <span>

#include "secap/core/enpi.h"
#include "secap/core/progress.h"
#include "secap/v1/monitoring.pb.h"

namespace secap::core {

secap::v1::MunicipalityReport municipalityReport(const MonitoringRecords& records);

// The progress update that says where a measure stands: its latest
// (reported_at, then id) among `updates`; null when it has none.
const secap::v1::ProgressUpdate* latestProgressOf(std::span<const secap::v1::ProgressUpdate> updates,
                                                  const std::string& measureId);
// The measure's status from its latest update: NOT_STARTED without one.
secap::v1::ProgressStatus statusOf(const secap::v1::ProgressUpdate* latest);

// Energy per m² of heated area by kind of building in one calendar year:
// every energy meter of the sites with a heated area, NCV kWh of the year's
// months (rollups or readings), summed by kind.
std::vector<secap::v1::KindIntensity> kindIntensities(const MonitoringRecords& records, int year);

// The year's energy of every site of the municipality (heat normalised by
// the site's model when it is accepted), for the EnPI medians (enpi.h).
std::vector<SiteEnergy> siteEnergies(const MonitoringRecords& records, int year);

// One site's report (MonitoringService.GetSiteReport): its monthly use by
// carrier (NCV kWh, with each month's HDD), the CalTRACK billing model of its
// heating carriers on its energy baseline (the 12 whole months before the
// latest measure at the site went live, or its first 12 complete months),
// the avoided energy since, the weather-normalised annual use, its EnPIs in
// `year` against the median of its kind in the municipality and among
// `peers`, and its significant energy uses. nullopt for an unknown site.
std::optional<secap::v1::SiteReport> siteReport(const MonitoringRecords& records, const std::string& siteId, int year,
                                                std::span<const SiteEnergy> peers);

// One inventory year as the report states it.
secap::v1::InventoryReport inventoryReport(const YearInventory& year);

}  // namespace secap::core

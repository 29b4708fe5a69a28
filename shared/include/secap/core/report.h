#pragma once
// The municipality report (MonitoringService.GetMunicipalityReport, DESIGN
// §6) from a municipality's records: the inventories, reduction and
// climate-neutrality gap of progress.h, and the measures' status, spending
// and results (measures.h: IPMVP option C on the measure's sites' meters,
// month by month from the rollups). One function for the server's gRPC,
// JSON and CSV answers and the app's offline progress view.
//
// Pure functions over values; thread-safe.

#include "secap/core/progress.h"
#include "secap/v1/monitoring.pb.h"

namespace secap::core {

secap::v1::MunicipalityReport municipalityReport(const MonitoringRecords& records);

// Energy per m² of heated area by kind of building in one calendar year:
// every energy meter of the sites with a heated area, NCV kWh of the year's
// months (rollups or readings), summed by kind.
std::vector<secap::v1::KindIntensity> kindIntensities(const MonitoringRecords& records, int year);

// One inventory year as the report states it.
secap::v1::InventoryReport inventoryReport(const YearInventory& year);

}  // namespace secap::core

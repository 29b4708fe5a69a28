#pragma once
// The demo dataset (DESIGN.md §1, §12 `secap-syncserver demo-data`): the ten
// seed municipalities of the Covenant of Mayors pilot, with realistic sites,
// meters and about three years of monthly manual meter readings, returned as
// sync Changes in dependency order (municipalities, sites, meters, readings)
// so that they can be pushed or applied one by one.
//
// Everything is a pure function of DemoOptions: the same seed and nowMs give
// byte-identical Changes on every run and platform (own PRNG, no
// std::*_distribution). Municipality ids depend only on the seed and the name,
// never on nowMs, so scripts can find them with demoMunicipalityId().
//
// The consumption model (monthly increment = a·days + b·HDD + noise) uses a
// synthetic daily climatology per municipality and the Eurostat HDD rule
// (18 − Tm when Tm ≤ 15 °C); generateDemoDegreeDays() returns the same monthly
// HDD so weather normalisation can be demonstrated on the data. One or two
// meters with few register digits roll over; their rollover reading carries a
// note.
//
// The SECAP part follows the regular series: IPCC default emission factors
// (global reference data) and monthly DegreeDays from
// generateDemoDegreeDays(); the whole territory's part (demo_territory.h):
// populations for every year, every town's BEI (published and locked for
// Bydgoszcz and Sztum), activity data for the monitoring years, EXAMPLE
// national electricity factors, each heat network's own factor and an LCA
// set (docs/DEMO_DATA.md); a few measures per municipality
// (thermal modernisation of a school, LED street lighting, PV on the town
// hall, a heat pump in a kindergarten, rainwater retention) with quarterly
// progress updates and indicators; a global verification template (pl, en,
// de) and submitted inspections of completed measures; three deliberately
// anomalous readings (two lower registers, one spike; recorded_by
// kDemoAnomalyRecorder), one of them decided by a ReadingReview.
// Order: municipalities, reference data, the territory's factors, years,
// published inventories and activity data, sites, meters, readings,
// anomalies, reviews, templates, measures, progress updates, inspections.
//
// Stateless; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "secap/v1/sync.pb.h"

namespace secap::server {

// recorded_by of the readings that are anomalous on purpose (flagged at ingest).
inline constexpr const char* kDemoAnomalyRecorder = "demo-anomaly";

struct DemoOptions {
  uint64_t seed = 2030;
  // UTC ms; every stamp and taken_at lies before it. Required (must be > 0).
  int64_t nowMs = 0;
  // Years of monthly readings that end near nowMs (1..20).
  int years = 3;
};

// The dataset as Changes: change_id and entity ids are UUIDv7, hlc stamps
// increase strictly in list order and lie just before nowMs, field masks are
// empty (every field). Throws std::invalid_argument for nowMs <= 0 or years
// outside 1..20 (programmer errors).
// With `photos`, the inspections of measures also get a photo each (an
// illustration, demo_photos.h; publishable where the measure was verified,
// not where a follow-up is needed), appended last, and their bytes are put
// in `photos` for the caller to store as blobs before pushing.
struct DemoBlob {
  std::string sha256;
  std::string bytes;
};
std::vector<secap::v1::Change> generateDemoData(const DemoOptions& options, std::vector<DemoBlob>* photos = nullptr);

// The utility's invoices for the last full month of Bydgoszcz's invoiced
// street lighting, which the dataset holds back: a CSV for the import folder
// (importers.h, kind invoices), as a portal would export it.
struct DemoInvoiceFile {
  std::string name;  // "invoices-enea-bydgoszcz-2026-11.csv"
  std::string text;
};
DemoInvoiceFile demoInvoiceFile(const DemoOptions& options);

// The ten seed municipalities' names, UTF-8, in the order they are generated.
const std::vector<std::string>& demoMunicipalityNames();

// The fixed id of a seed municipality (exact UTF-8 name, e.g. "Żyraków") for
// a seed, or an empty string when the name is not one of them.
std::string demoMunicipalityId(std::string_view name, uint64_t seed = DemoOptions{}.seed);

// Heating degree days of one calendar month (UTC) at a municipality, as used
// by the generator.
struct DemoDegreeDays {
  std::string municipalityId;
  int year = 0;
  int month = 0;  // 1..12
  double hdd = 0;
};

// The monthly HDD behind the readings, for every municipality and every full
// month the readings cover. Same preconditions as generateDemoData.
std::vector<DemoDegreeDays> generateDemoDegreeDays(const DemoOptions& options);

}  // namespace secap::server

#pragma once
// The whole-territory part of the demo dataset (demo_data.h; issue: every
// town's progress can be read): for each seed municipality its population
// in every year, its Baseline Emission Inventory, activity data for the
// monitoring years, and the emission factors for every carrier and year used
// (example national electricity factors per year, each heat network's own
// factor, an LCA set). docs/DEMO_DATA.md states the per-capita figures and
// what they were shaped on.
//
// The stories differ: Bydgoszcz and Sztum submitted their BEI years ago
// (published and locked, with an MEI published since); the others' BEIs are
// computed from activity data of their baseline year; Besko has a BEI and no
// MEI yet; Raciechowice one MEI; Bydgoszcz, Raciechowice, Pałecznica and
// Zamość are on track, the others behind; Schwäbisch Hall (LCA) has a
// climate-neutrality target. The municipality's own buildings and street
// lights are in its meters; the activity data of a monitoring year adds only
// what the meters do not cover, so the two never count one kWh twice.
//
// Deterministic for a seed and nowMs, like the rest of the dataset.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "secap/v1/sync.pb.h"

namespace secap::server {

struct DemoTerritoryInput {
  int64_t nowMs = 0;
  const std::vector<secap::v1::Change>* municipalities = nullptr;
  const std::vector<secap::v1::Change>* sites = nullptr;
  const std::vector<secap::v1::Change>* meters = nullptr;
  const std::vector<secap::v1::Change>* readings = nullptr;
  const std::vector<secap::v1::Change>* degreeDays = nullptr;  // DegreeDays changes (others are skipped)
  std::function<std::string(int64_t ms)> newId;                // a UUIDv7 for a record made at ms
};

struct DemoTerritory {
  std::vector<secap::v1::Change> factors;    // EmissionFactor: national, LCA and heat networks' own
  std::vector<secap::v1::Change> years;      // MunicipalityYear, every year from the baseline to now
  std::vector<secap::v1::Change> published;  // PublishedInventory
  std::vector<secap::v1::Change> activity;   // ActivityData
};

DemoTerritory generateDemoTerritory(const DemoTerritoryInput& input);

// The climate-neutrality year of a seed municipality, or 0 when it has none.
int demoClimateNeutralityYear(std::string_view municipalityName);

}  // namespace secap::server

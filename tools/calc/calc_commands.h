#pragma once
// secap-calc's commands: each reads its input files through calc_inputs.h,
// runs the shared calculations of secap_core and returns the JSON result that
// main.cpp prints. No I/O besides reading the named files; thread-safe.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "secap/core/status.h"

namespace secap::calc {

struct ConsumptionArgs {
  std::string meters, readings, hdd, temperatures, timeZone;
};
core::Result<nlohmann::json> runConsumption(const ConsumptionArgs& a);

core::Result<nlohmann::json> runHdd(const std::string& temperatures);

struct MvArgs {
  std::string meters, readings, hdd, temperatures, measure, timeZone;
};
core::Result<nlohmann::json> runMv(const MvArgs& a);

struct InventoryArgs {
  std::string meters, readings, activity, factors, timeZone, country, approach = "ipcc";
  int year = 0;
  std::optional<double> localElectricityFactor;
  std::optional<int> baselineYear;
  std::optional<int> targetYear;
  std::optional<double> targetPct;
  long long population = 0;
  long long baselinePopulation = 0;
  bool perCapitaTarget = false;
  // A BEI as published (the Covenant CSV of ../shared/COM_TEMPLATE.md): the
  // baseline, as submitted; its year and population unless given.
  std::string publishedBei;
};
core::Result<nlohmann::json> runInventory(const InventoryArgs& a);

struct EfeArgs {
  double tce = 0, lpe = 0, gep = 0, neefe = 0, co2Lpe = 0, co2Gep = 0;
};
core::Result<nlohmann::json> runEfe(const EfeArgs& a);

nlohmann::json runConstants();

}  // namespace secap::calc

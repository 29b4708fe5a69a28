#pragma once
// Energy carriers, units and the one table of conversion constants used by the
// monitoring calculations (DESIGN.md §6.3). Every number that converts a unit
// or a fuel quantity into kWh lives in kConstants below, with its source, so an
// auditor can check each one; docs/CALCULATIONS.md prints the same table.
//
// Energy basis: IPCC default emission factors are per unit of energy on the
// net calorific value (NCV) basis, while Polish and German gas invoices state
// kWh on the gross (GCV) basis. A meter records its basis; toNetKwh converts.
//
// Plain constexpr data and pure functions: thread-safe.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace secap::core {

// Energy carriers of DESIGN §3 and every fuel column of the Covenant of
// Mayors table A (lignite, other fossil fuels, plant oil, biofuel,
// geothermal), plus residual fuel oil, which has its own IPCC factor and
// counts as "Other fossil fuels" in the Covenant's table.
enum class Carrier {
  kUnspecified,
  kElectricity,
  kNaturalGas,
  kDistrictHeat,
  kHeatingOil,
  kLpg,
  kCoal,
  kLignite,
  kResidualFuelOil,
  kBiomass,
  kDiesel,
  kGasoline,
  kPvProduction,
  kSolarThermal,
  kWater,
  kOtherFossil,
  kPlantOil,
  kBiofuel,
  kGeothermal,
};

// Register or invoice units.
enum class Unit { kUnspecified, kKwh, kMwh, kM3, kGj, kL, kKg };

// Which calorific value an energy quantity is stated on.
enum class EnergyBasis { kNet, kGross };

// Stable snake_case names, as used in CSV/JSON inputs and outputs.
std::string_view carrierName(Carrier c);
std::optional<Carrier> parseCarrier(std::string_view name);
std::string_view unitName(Unit u);
std::optional<Unit> parseUnit(std::string_view name);  // kWh, MWh, m3, GJ, l, kg (case-insensitive)
std::string_view basisName(EnergyBasis b);
std::optional<EnergyBasis> parseBasis(std::string_view name);  // net/ncv, gross/gcv

// True for carriers whose use depends on heating degree days (calendarisation
// weights and weather normalisation apply).
bool isHeatingCarrier(Carrier c);
// True for carriers that are energy consumption (not water, not local production).
bool isConsumedEnergy(Carrier c);

// One row of the constants table.
struct Constant {
  std::string_view key;
  double value;
  std::string_view unit;
  std::string_view source;
};

// The table. Keys are stable; tests and docs refer to them.
std::span<const Constant> constantsTable();
// The value of a key of the table; aborts on an unknown key (a programmer error).
double constant(std::string_view key);

// kWh per unit of energy quantity, or nullopt when the unit is not an energy
// unit (m3, l, kg need a calorific value).
std::optional<double> kwhPerEnergyUnit(Unit u);

// Default net calorific value in kWh per unit of fuel quantity (kg or l) from
// the table, or nullopt when the table has none for that carrier and unit.
std::optional<double> defaultNetKwhPerUnit(Carrier c, Unit u);

// NCV/GCV ratio for the carrier (1 for carriers without a gross basis in use,
// i.e. electricity and heat).
double ncvPerGcv(Carrier c);

// Converts kWh stated on `basis` into kWh on the net (NCV) basis.
double toNetKwh(double kwh, Carrier c, EnergyBasis basis);

}  // namespace secap::core

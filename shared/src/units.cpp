#include "secap/core/units.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace secap::core {

namespace {

constexpr std::string_view kSi = "by definition: 1 kWh = 1 kW x 3 600 s = 3.6 MJ; 1 MWh = 1 000 kWh";
constexpr std::string_view kIpccNcv = "IPCC 2006 Guidelines Vol.2 ch.1 Table 1.2, default NCV (TJ/Gg = MJ/kg) / 3.6";
constexpr std::string_view kIpccGcv =
    "IPCC 2006 Guidelines Vol.2 ch.1 §1.4.1.2: NCV is about 10 % below GCV for natural gas";
constexpr std::string_view kIpccGcvOil =
    "IPCC 2006 Guidelines Vol.2 ch.1 §1.4.1.2: NCV is about 5 % below GCV for oil and coal";

constexpr std::array kTable{
    Constant{"kwh_per_mwh", 1000.0, "kWh/MWh", kSi},
    Constant{"kwh_per_gj", 1e9 / 3.6e6, "kWh/GJ", kSi},
    Constant{"tj_per_mwh", 3.6e9 / 1e12, "TJ/MWh", kSi},
    Constant{"ncv_per_gcv_natural_gas", 0.9, "NCV/GCV", kIpccGcv},
    Constant{"ncv_per_gcv_oil_coal", 0.95, "NCV/GCV", kIpccGcvOil},
    Constant{"ncv_natural_gas_kwh_per_kg", 48.0 / 3.6, "kWh/kg", kIpccNcv},
    Constant{"ncv_gas_diesel_oil_kwh_per_kg", 43.0 / 3.6, "kWh/kg", kIpccNcv},
    Constant{"ncv_motor_gasoline_kwh_per_kg", 44.3 / 3.6, "kWh/kg", kIpccNcv},
    Constant{"ncv_lpg_kwh_per_kg", 47.3 / 3.6, "kWh/kg", kIpccNcv},
    Constant{"ncv_residual_fuel_oil_kwh_per_kg", 40.4 / 3.6, "kWh/kg", kIpccNcv},
    Constant{"ncv_other_bituminous_coal_kwh_per_kg", 25.8 / 3.6, "kWh/kg", kIpccNcv},
    Constant{"ncv_lignite_kwh_per_kg", 11.9 / 3.6, "kWh/kg", kIpccNcv},
    Constant{"ncv_wood_kwh_per_kg", 15.6 / 3.6, "kWh/kg", kIpccNcv},
    Constant{"ncv_biodiesel_kwh_per_kg", 27.0 / 3.6, "kWh/kg", kIpccNcv},
    Constant{"ncv_other_liquid_biofuels_kwh_per_kg", 27.4 / 3.6, "kWh/kg", kIpccNcv},
    Constant{"density_diesel_kg_per_l", 0.8325, "kg/l", "EN 590 density at 15 °C 820-845 kg/m3, midpoint"},
    Constant{"density_gasoline_kg_per_l", 0.7475, "kg/l", "EN 228 density at 15 °C 720-775 kg/m3, midpoint"},
    Constant{"density_heating_oil_kg_per_l", 0.845, "kg/l", "DIN 51603-1 heating oil EL: at most 860 kg/m3 at 15 °C; typical 840-850"},
    Constant{"density_lpg_kg_per_l", 0.54, "kg/l",
             "EN 589 autogas, propane-butane mix: about 510 (propane) to 580 (butane) kg/m3 at 15 °C"},
    Constant{"density_biodiesel_kg_per_l", 0.88, "kg/l", "EN 14214 FAME density at 15 °C 860-900 kg/m3, midpoint"},
    Constant{"density_plant_oil_kg_per_l", 0.92, "kg/l", "DIN 51605 rapeseed oil fuel density at 15 °C 910-925 kg/m3"},
};

struct Named {
  std::string_view name;
  Carrier carrier;
};
constexpr std::array kCarrierNames{
    Named{"unspecified", Carrier::kUnspecified},
    Named{"electricity", Carrier::kElectricity},
    Named{"natural_gas", Carrier::kNaturalGas},
    Named{"district_heat", Carrier::kDistrictHeat},
    Named{"heating_oil", Carrier::kHeatingOil},
    Named{"lpg", Carrier::kLpg},
    Named{"coal", Carrier::kCoal},
    Named{"lignite", Carrier::kLignite},
    Named{"residual_fuel_oil", Carrier::kResidualFuelOil},
    Named{"biomass", Carrier::kBiomass},
    Named{"diesel", Carrier::kDiesel},
    Named{"gasoline", Carrier::kGasoline},
    Named{"pv_production", Carrier::kPvProduction},
    Named{"solar_thermal", Carrier::kSolarThermal},
    Named{"water", Carrier::kWater},
    Named{"other_fossil", Carrier::kOtherFossil},
    Named{"plant_oil", Carrier::kPlantOil},
    Named{"biofuel", Carrier::kBiofuel},
    Named{"geothermal", Carrier::kGeothermal},
};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::string_view carrierName(Carrier c) {
  for (const auto& n : kCarrierNames)
    if (n.carrier == c) return n.name;
  return "unspecified";
}

std::optional<Carrier> parseCarrier(std::string_view name) {
  const std::string l = lower(name);
  for (const auto& n : kCarrierNames)
    if (n.name == l) return n.carrier;
  return std::nullopt;
}

std::string_view unitName(Unit u) {
  switch (u) {
    case Unit::kKwh:
      return "kWh";
    case Unit::kMwh:
      return "MWh";
    case Unit::kM3:
      return "m3";
    case Unit::kGj:
      return "GJ";
    case Unit::kL:
      return "l";
    case Unit::kKg:
      return "kg";
    default:
      return "unspecified";
  }
}

std::optional<Unit> parseUnit(std::string_view name) {
  const std::string l = lower(name);
  if (l == "kwh") return Unit::kKwh;
  if (l == "mwh") return Unit::kMwh;
  if (l == "m3" || l == "m³") return Unit::kM3;
  if (l == "gj") return Unit::kGj;
  if (l == "l") return Unit::kL;
  if (l == "kg") return Unit::kKg;
  return std::nullopt;
}

std::string_view basisName(EnergyBasis b) { return b == EnergyBasis::kGross ? "gross" : "net"; }

std::optional<EnergyBasis> parseBasis(std::string_view name) {
  const std::string l = lower(name);
  if (l == "net" || l == "ncv") return EnergyBasis::kNet;
  if (l == "gross" || l == "gcv") return EnergyBasis::kGross;
  return std::nullopt;
}

bool isHeatingCarrier(Carrier c) {
  switch (c) {
    case Carrier::kNaturalGas:
    case Carrier::kDistrictHeat:
    case Carrier::kHeatingOil:
    case Carrier::kLpg:
    case Carrier::kCoal:
    case Carrier::kLignite:
    case Carrier::kBiomass:
    case Carrier::kOtherFossil:
    case Carrier::kPlantOil:
    case Carrier::kGeothermal:
      return true;
    default:
      return false;
  }
}

bool isConsumedEnergy(Carrier c) {
  return c != Carrier::kUnspecified && c != Carrier::kWater && c != Carrier::kPvProduction;
}

std::span<const Constant> constantsTable() { return kTable; }

double constant(std::string_view key) {
  for (const auto& c : kTable)
    if (c.key == key) return c.value;
  std::fprintf(stderr, "secap::core::constant: unknown key %.*s\n", static_cast<int>(key.size()), key.data());
  std::abort();
}

std::optional<double> kwhPerEnergyUnit(Unit u) {
  switch (u) {
    case Unit::kKwh:
      return 1.0;
    case Unit::kMwh:
      return constant("kwh_per_mwh");
    case Unit::kGj:
      return constant("kwh_per_gj");
    default:
      return std::nullopt;
  }
}

std::optional<double> defaultNetKwhPerUnit(Carrier c, Unit u) {
  if (u == Unit::kKg) {
    switch (c) {
      case Carrier::kNaturalGas:
        return constant("ncv_natural_gas_kwh_per_kg");
      case Carrier::kHeatingOil:
      case Carrier::kDiesel:
        return constant("ncv_gas_diesel_oil_kwh_per_kg");
      case Carrier::kGasoline:
        return constant("ncv_motor_gasoline_kwh_per_kg");
      case Carrier::kLpg:
        return constant("ncv_lpg_kwh_per_kg");
      case Carrier::kResidualFuelOil:
        return constant("ncv_residual_fuel_oil_kwh_per_kg");
      case Carrier::kCoal:
        return constant("ncv_other_bituminous_coal_kwh_per_kg");
      case Carrier::kLignite:
        return constant("ncv_lignite_kwh_per_kg");
      case Carrier::kBiomass:
        return constant("ncv_wood_kwh_per_kg");
      case Carrier::kBiofuel:
        return constant("ncv_biodiesel_kwh_per_kg");
      case Carrier::kPlantOil:
        return constant("ncv_other_liquid_biofuels_kwh_per_kg");
      default:
        return std::nullopt;
    }
  }
  if (u == Unit::kL) {
    switch (c) {
      case Carrier::kDiesel:
        return constant("ncv_gas_diesel_oil_kwh_per_kg") * constant("density_diesel_kg_per_l");
      case Carrier::kHeatingOil:
        return constant("ncv_gas_diesel_oil_kwh_per_kg") * constant("density_heating_oil_kg_per_l");
      case Carrier::kGasoline:
        return constant("ncv_motor_gasoline_kwh_per_kg") * constant("density_gasoline_kg_per_l");
      case Carrier::kLpg:
        return constant("ncv_lpg_kwh_per_kg") * constant("density_lpg_kg_per_l");
      case Carrier::kBiofuel:
        return constant("ncv_biodiesel_kwh_per_kg") * constant("density_biodiesel_kg_per_l");
      case Carrier::kPlantOil:
        return constant("ncv_other_liquid_biofuels_kwh_per_kg") * constant("density_plant_oil_kg_per_l");
      default:
        return std::nullopt;
    }
  }
  return std::nullopt;
}

double ncvPerGcv(Carrier c) {
  switch (c) {
    case Carrier::kNaturalGas:
      return constant("ncv_per_gcv_natural_gas");
    case Carrier::kHeatingOil:
    case Carrier::kLpg:
    case Carrier::kCoal:
    case Carrier::kLignite:
    case Carrier::kResidualFuelOil:
    case Carrier::kOtherFossil:
    case Carrier::kDiesel:
    case Carrier::kGasoline:
      return constant("ncv_per_gcv_oil_coal");
    default:
      return 1.0;
  }
}

double toNetKwh(double kwh, Carrier c, EnergyBasis basis) {
  return basis == EnergyBasis::kGross ? kwh * ncvPerGcv(c) : kwh;
}

}  // namespace secap::core

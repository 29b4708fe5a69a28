#include "demo_territory.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "secap/core/calendar.h"
#include "secap/core/consumption.h"
#include "secap/core/progress.h"

namespace secap::server {
namespace {

namespace v1 = secap::v1;
using v1::Carrier;

// ---------------------------------------------------------------------------
// Final energy per inhabitant in the baseline year, MWh, by sector and
// carrier, for four kinds of place. Shaped on national statistics (GUS
// "Zużycie paliw i nośników energii", Eurostat nrg_bal_c, AG Energiebilanzen)
// scaled to a municipality and rounded; docs/DEMO_DATA.md gives the totals.

struct Use {
  std::string_view sector;
  Carrier carrier;
  double mwhPerCapita;
};

enum class Place { kPolishCity, kPolishTown, kPolishRural, kGermanTown };

// clang-format off
const std::vector<Use> kPolishCity = {
    {"residential", v1::CARRIER_ELECTRICITY, 0.78}, {"residential", v1::CARRIER_DISTRICT_HEAT, 2.0},
    {"residential", v1::CARRIER_NATURAL_GAS, 1.4}, {"residential", v1::CARRIER_COAL, 0.7},
    {"residential", v1::CARRIER_BIOMASS, 0.25}, {"residential", v1::CARRIER_HEATING_OIL, 0.04},
    {"residential", v1::CARRIER_LPG, 0.05},
    {"tertiary", v1::CARRIER_ELECTRICITY, 1.0}, {"tertiary", v1::CARRIER_DISTRICT_HEAT, 0.7},
    {"tertiary", v1::CARRIER_NATURAL_GAS, 0.5}, {"tertiary", v1::CARRIER_COAL, 0.05},
    {"tertiary", v1::CARRIER_HEATING_OIL, 0.03},
    {"municipal_buildings", v1::CARRIER_ELECTRICITY, 0.12}, {"municipal_buildings", v1::CARRIER_DISTRICT_HEAT, 0.25},
    {"municipal_buildings", v1::CARRIER_NATURAL_GAS, 0.15},
    {"public_lighting", v1::CARRIER_ELECTRICITY, 0.055},
    {"industry_non_ets", v1::CARRIER_ELECTRICITY, 0.65}, {"industry_non_ets", v1::CARRIER_NATURAL_GAS, 0.6},
    {"industry_non_ets", v1::CARRIER_COAL, 0.15},
    {"municipal_fleet", v1::CARRIER_DIESEL, 0.03}, {"municipal_fleet", v1::CARRIER_GASOLINE, 0.005},
    {"public_transport", v1::CARRIER_DIESEL, 0.12}, {"public_transport", v1::CARRIER_ELECTRICITY, 0.04},
    {"private_commercial_transport", v1::CARRIER_DIESEL, 1.9},
    {"private_commercial_transport", v1::CARRIER_GASOLINE, 1.25},
    {"private_commercial_transport", v1::CARRIER_LPG, 0.3}, {"private_commercial_transport", v1::CARRIER_BIOFUEL, 0.08},
};
const std::vector<Use> kPolishTown = {
    {"residential", v1::CARRIER_ELECTRICITY, 0.72}, {"residential", v1::CARRIER_DISTRICT_HEAT, 1.0},
    {"residential", v1::CARRIER_NATURAL_GAS, 1.1}, {"residential", v1::CARRIER_COAL, 1.6},
    {"residential", v1::CARRIER_BIOMASS, 0.6}, {"residential", v1::CARRIER_HEATING_OIL, 0.06},
    {"residential", v1::CARRIER_LPG, 0.08},
    {"tertiary", v1::CARRIER_ELECTRICITY, 0.7}, {"tertiary", v1::CARRIER_DISTRICT_HEAT, 0.4},
    {"tertiary", v1::CARRIER_NATURAL_GAS, 0.35}, {"tertiary", v1::CARRIER_COAL, 0.15},
    {"tertiary", v1::CARRIER_HEATING_OIL, 0.04},
    {"municipal_buildings", v1::CARRIER_ELECTRICITY, 0.1}, {"municipal_buildings", v1::CARRIER_DISTRICT_HEAT, 0.18},
    {"municipal_buildings", v1::CARRIER_NATURAL_GAS, 0.12}, {"municipal_buildings", v1::CARRIER_COAL, 0.05},
    {"public_lighting", v1::CARRIER_ELECTRICITY, 0.05},
    {"industry_non_ets", v1::CARRIER_ELECTRICITY, 0.45}, {"industry_non_ets", v1::CARRIER_NATURAL_GAS, 0.4},
    {"industry_non_ets", v1::CARRIER_COAL, 0.15},
    {"municipal_fleet", v1::CARRIER_DIESEL, 0.025},
    {"public_transport", v1::CARRIER_DIESEL, 0.06},
    {"private_commercial_transport", v1::CARRIER_DIESEL, 1.8},
    {"private_commercial_transport", v1::CARRIER_GASOLINE, 1.15},
    {"private_commercial_transport", v1::CARRIER_LPG, 0.32}, {"private_commercial_transport", v1::CARRIER_BIOFUEL, 0.07},
    {"agriculture_forestry_fishery", v1::CARRIER_DIESEL, 0.25},
    {"agriculture_forestry_fishery", v1::CARRIER_ELECTRICITY, 0.05},
};
const std::vector<Use> kPolishRural = {
    {"residential", v1::CARRIER_ELECTRICITY, 0.68}, {"residential", v1::CARRIER_COAL, 2.5},
    {"residential", v1::CARRIER_BIOMASS, 1.7}, {"residential", v1::CARRIER_NATURAL_GAS, 0.7},
    {"residential", v1::CARRIER_LPG, 0.1}, {"residential", v1::CARRIER_HEATING_OIL, 0.08},
    {"tertiary", v1::CARRIER_ELECTRICITY, 0.4}, {"tertiary", v1::CARRIER_COAL, 0.25},
    {"tertiary", v1::CARRIER_NATURAL_GAS, 0.2}, {"tertiary", v1::CARRIER_HEATING_OIL, 0.05},
    {"municipal_buildings", v1::CARRIER_ELECTRICITY, 0.08}, {"municipal_buildings", v1::CARRIER_NATURAL_GAS, 0.14},
    {"municipal_buildings", v1::CARRIER_COAL, 0.12}, {"municipal_buildings", v1::CARRIER_HEATING_OIL, 0.05},
    {"public_lighting", v1::CARRIER_ELECTRICITY, 0.045},
    {"industry_non_ets", v1::CARRIER_ELECTRICITY, 0.3}, {"industry_non_ets", v1::CARRIER_NATURAL_GAS, 0.25},
    {"industry_non_ets", v1::CARRIER_COAL, 0.1},
    {"municipal_fleet", v1::CARRIER_DIESEL, 0.02},
    {"public_transport", v1::CARRIER_DIESEL, 0.04},
    {"private_commercial_transport", v1::CARRIER_DIESEL, 1.7},
    {"private_commercial_transport", v1::CARRIER_GASOLINE, 1.1},
    {"private_commercial_transport", v1::CARRIER_LPG, 0.35}, {"private_commercial_transport", v1::CARRIER_BIOFUEL, 0.06},
    {"agriculture_forestry_fishery", v1::CARRIER_DIESEL, 0.55},
    {"agriculture_forestry_fishery", v1::CARRIER_ELECTRICITY, 0.1},
    {"agriculture_forestry_fishery", v1::CARRIER_LPG, 0.02},
};
const std::vector<Use> kGermanTown = {
    {"residential", v1::CARRIER_ELECTRICITY, 1.55}, {"residential", v1::CARRIER_NATURAL_GAS, 3.9},
    {"residential", v1::CARRIER_HEATING_OIL, 1.9}, {"residential", v1::CARRIER_BIOMASS, 0.6},
    {"residential", v1::CARRIER_DISTRICT_HEAT, 0.15}, {"residential", v1::CARRIER_SOLAR_THERMAL, 0.06},
    {"residential", v1::CARRIER_GEOTHERMAL, 0.05},
    {"tertiary", v1::CARRIER_ELECTRICITY, 1.7}, {"tertiary", v1::CARRIER_NATURAL_GAS, 1.5},
    {"tertiary", v1::CARRIER_HEATING_OIL, 0.35}, {"tertiary", v1::CARRIER_DISTRICT_HEAT, 0.1},
    {"municipal_buildings", v1::CARRIER_ELECTRICITY, 0.1}, {"municipal_buildings", v1::CARRIER_NATURAL_GAS, 0.2},
    {"municipal_buildings", v1::CARRIER_DISTRICT_HEAT, 0.05}, {"municipal_buildings", v1::CARRIER_HEATING_OIL, 0.02},
    {"public_lighting", v1::CARRIER_ELECTRICITY, 0.04},
    {"industry_non_ets", v1::CARRIER_ELECTRICITY, 1.8}, {"industry_non_ets", v1::CARRIER_NATURAL_GAS, 2.0},
    {"industry_non_ets", v1::CARRIER_HEATING_OIL, 0.2},
    {"municipal_fleet", v1::CARRIER_DIESEL, 0.02},
    {"public_transport", v1::CARRIER_DIESEL, 0.12},
    {"private_commercial_transport", v1::CARRIER_DIESEL, 3.3},
    {"private_commercial_transport", v1::CARRIER_GASOLINE, 2.7},
    {"private_commercial_transport", v1::CARRIER_BIOFUEL, 0.3}, {"private_commercial_transport", v1::CARRIER_LPG, 0.05},
    {"agriculture_forestry_fishery", v1::CARRIER_DIESEL, 0.08},
};
// clang-format on

const std::vector<Use>& usesOf(Place p) {
  switch (p) {
    case Place::kPolishCity:
      return kPolishCity;
    case Place::kPolishTown:
      return kPolishTown;
    case Place::kPolishRural:
      return kPolishRural;
    case Place::kGermanTown:
      return kGermanTown;
  }
  return kPolishCity;
}

// How a line changes from the baseline year to the last monitoring year:
// (with little local action, with strong local action). A town's effort
// (0 = little, 1 = strong, above 1 = more still) picks between them.
struct Trend {
  std::string_view sector;
  Carrier carrier;  // CARRIER_UNSPECIFIED: every other carrier of the sector
  double passive;
  double active;
};
// clang-format off
constexpr std::array kTrends{
    Trend{"residential", v1::CARRIER_ELECTRICITY, 1.05, 0.95},
    Trend{"residential", v1::CARRIER_DISTRICT_HEAT, 1.0, 0.85},
    Trend{"residential", v1::CARRIER_NATURAL_GAS, 1.08, 1.15},  // coal boilers replaced by gas ("Czyste Powietrze")
    Trend{"residential", v1::CARRIER_COAL, 0.8, 0.35},
    Trend{"residential", v1::CARRIER_BIOMASS, 1.0, 1.3},
    Trend{"residential", v1::CARRIER_HEATING_OIL, 0.85, 0.55},
    Trend{"residential", v1::CARRIER_LPG, 1.0, 0.8},
    Trend{"residential", v1::CARRIER_SOLAR_THERMAL, 1.5, 3.0},
    Trend{"residential", v1::CARRIER_GEOTHERMAL, 2.0, 6.0},  // heat pumps' ambient heat
    Trend{"tertiary", v1::CARRIER_ELECTRICITY, 1.05, 0.88},
    Trend{"tertiary", v1::CARRIER_DISTRICT_HEAT, 1.0, 0.85},
    Trend{"tertiary", v1::CARRIER_NATURAL_GAS, 1.0, 0.85},
    Trend{"tertiary", v1::CARRIER_COAL, 0.7, 0.3},
    Trend{"tertiary", v1::CARRIER_HEATING_OIL, 0.8, 0.5},
    Trend{"municipal_buildings", v1::CARRIER_COAL, 0.6, 0.1},
    Trend{"municipal_buildings", v1::CARRIER_HEATING_OIL, 0.7, 0.3},
    Trend{"municipal_buildings", v1::CARRIER_UNSPECIFIED, 0.95, 0.72},
    Trend{"public_lighting", v1::CARRIER_UNSPECIFIED, 0.85, 0.5},
    Trend{"industry_non_ets", v1::CARRIER_COAL, 0.7, 0.4},
    Trend{"industry_non_ets", v1::CARRIER_UNSPECIFIED, 1.0, 0.9},
    Trend{"municipal_fleet", v1::CARRIER_UNSPECIFIED, 1.0, 0.7},
    Trend{"public_transport", v1::CARRIER_DIESEL, 1.0, 0.75},
    Trend{"public_transport", v1::CARRIER_ELECTRICITY, 1.0, 1.4},
    Trend{"private_commercial_transport", v1::CARRIER_DIESEL, 1.08, 0.98},
    Trend{"private_commercial_transport", v1::CARRIER_GASOLINE, 1.02, 0.92},
    Trend{"private_commercial_transport", v1::CARRIER_LPG, 0.95, 0.9},
    Trend{"private_commercial_transport", v1::CARRIER_BIOFUEL, 1.3, 1.8},
    Trend{"agriculture_forestry_fishery", v1::CARRIER_UNSPECIFIED, 1.0, 0.95},
};
// clang-format on
// In Germany heat pumps replace gas boilers instead of coal ones.
constexpr Trend kGermanResidentialGas{"residential", v1::CARRIER_NATURAL_GAS, 0.95, 0.78};

// A published inventory the town submitted to the Covenant.
struct Submission {
  int year = 0;  // 0: none
  core::LocalDate submitted;
  const char* source;
};

struct TownSpec {
  const char* name;
  Place place;
  int64_t populationInBaselineYear;
  double industryScale;  // of industry (non-ETS) against the kind of place
  double effort;
  double heatFactorFirst = 0;  // the heat network's own factor in the baseline year (0: no network)
  double heatFactorLast = 0;   // and in the last monitoring year
  int monitoringYears = 2;     // years with activity data, ending last year
  Submission bei{};            // a BEI submitted years ago: published and locked
  Submission mei{};            // an MEI submitted since
  int climateNeutralityYear = 0;
};

// clang-format off
const std::array<TownSpec, 10> kTowns{{
    {"Bydgoszcz", Place::kPolishCity, 361'000, 1.0, 0.75, 0.372, 0.250, 2,
     {2013, {2015, 11, 30}, "SECAP Bydgoszcz: BEI 2013 as submitted to the Covenant of Mayors (EXAMPLE figures)"},
     {2019, {2021, 3, 31}, "Monitoring report 2021: MEI 2019 as submitted (EXAMPLE figures)"}},
    {"Sztum", Place::kPolishTown, 18'600, 0.7, 0.25, 0.41, 0.39, 2,
     {2014, {2016, 5, 31}, "PGN/SECAP Sztum: BEI 2014 as submitted to the Covenant of Mayors (EXAMPLE figures)"},
     {2020, {2022, 6, 30}, "Monitoring report 2022: MEI 2020 as submitted (EXAMPLE figures)"}},
    {"Besko", Place::kPolishRural, 4'300, 0.6, 0.2, 0, 0, 0},
    {"Raciechowice", Place::kPolishRural, 6'280, 0.3, 1.05, 0, 0, 1},
    {"Pałecznica", Place::kPolishRural, 3'720, 0.4, 0.85},
    {"Siemiatycze", Place::kPolishTown, 15'050, 0.8, 0.3, 0.42, 0.40},
    {"Zamość", Place::kPolishCity, 64'600, 0.6, 1.45, 0.39, 0.27},
    {"Żyraków", Place::kPolishRural, 14'400, 1.5, 0.2},
    {"Schwäbisch Hall", Place::kGermanTown, 38'900, 1.0, 0.8, 0.22, 0.12, 2, {}, {}, 2040},
    {"Ritterhude", Place::kGermanTown, 14'650, 0.3, 0.3},
}};
// clang-format on

// EXAMPLE national electricity factors (t CO2 per MWh consumed), shaped on
// the downward trend of KOBiZE's (PL) and the Umweltbundesamt's (DE)
// published figures; not official values.
constexpr int kFirstFactorYear = 2013;
constexpr std::array<double, 14> kPolishElectricity{0.812, 0.809, 0.805, 0.796, 0.790, 0.778, 0.758,
                                                    0.719, 0.708, 0.685, 0.640, 0.620, 0.600, 0.590};
constexpr std::array<double, 14> kGermanElectricity{0.580, 0.569, 0.535, 0.523, 0.486, 0.468, 0.408,
                                                    0.369, 0.411, 0.433, 0.380, 0.363, 0.350, 0.340};

double tableValue(const std::array<double, 14>& table, int year) {
  const int i = std::clamp(year - kFirstFactorYear, 0, static_cast<int>(table.size()) - 1);
  return table[static_cast<size_t>(i)];
}
// LCA adds the upstream chain: EXAMPLE, about 8 % more plus 0.03 t/MWh.
double germanElectricityLca(int year) {
  return std::round((tableValue(kGermanElectricity, year) * 1.08 + 0.03) * 1000) / 1000;
}

// Fuel factors of the LCA approach ("How to develop a SEAP" guidebook, JRC
// 2010, Part II, Table 4), entered as defaults for every country; LPG and
// solar thermal have no value there and are EXAMPLE figures.
struct FuelFactor {
  Carrier carrier;
  double tPerMwh;
  const char* source;
};
constexpr const char* kGuidebook = "Covenant of Mayors SEAP guidebook (JRC 2010) Part II Table 4, LCA factor";
constexpr std::array kLcaFuels{
    FuelFactor{v1::CARRIER_NATURAL_GAS, 0.237, kGuidebook},
    FuelFactor{v1::CARRIER_HEATING_OIL, 0.305, kGuidebook},
    FuelFactor{v1::CARRIER_DIESEL, 0.305, kGuidebook},
    FuelFactor{v1::CARRIER_GASOLINE, 0.299, kGuidebook},
    FuelFactor{v1::CARRIER_COAL, 0.380, kGuidebook},
    FuelFactor{v1::CARRIER_LIGNITE, 0.375, kGuidebook},
    FuelFactor{v1::CARRIER_BIOMASS, 0.002, kGuidebook},
    FuelFactor{v1::CARRIER_PLANT_OIL, 0.182, kGuidebook},
    FuelFactor{v1::CARRIER_BIOFUEL, 0.156, kGuidebook},
    FuelFactor{v1::CARRIER_LPG, 0.241, "EXAMPLE LCA factor for LPG (demo only, not an official figure)"},
    FuelFactor{v1::CARRIER_SOLAR_THERMAL, 0.025, "EXAMPLE LCA factor for solar thermal (demo only)"},
    FuelFactor{v1::CARRIER_GEOTHERMAL, 0.0, "EXAMPLE: ambient heat; the heat pumps' electricity counts as electricity"},
};

// Where each line of activity data comes from, by sector and carrier.
std::string sourceOf(std::string_view sector, Carrier carrier, bool polish, int year) {
  const std::string y = " " + std::to_string(year) + " (EXAMPLE)";
  const bool electricity = carrier == v1::CARRIER_ELECTRICITY;
  if (sector == "municipal_buildings")
    return (polish ? "Faktury za energię pozostałych budynków gminy" : "Energierechnungen der übrigen kommunalen Gebäude") + y;
  if (sector == "public_lighting")
    return (polish ? "Faktury za oświetlenie uliczne (pozostałe obwody)" : "Rechnungen Straßenbeleuchtung (übrige Schaltkreise)") + y;
  if (sector == "municipal_fleet") return (polish ? "Karty paliwowe floty gminnej" : "Tankkarten des kommunalen Fuhrparks") + y;
  if (sector == "public_transport") return (polish ? "Dane przewoźnika komunikacji publicznej" : "Daten des ÖPNV-Betreibers") + y;
  if (sector == "private_commercial_transport")
    return (polish ? "Model ruchu (pojazdokilometry × wskaźniki COPERT)" : "Verkehrsmodell (Fahrzeugkilometer × HBEFA)") + y;
  if (sector == "agriculture_forestry_fishery")
    return (polish ? "Szacunek zużycia paliw w rolnictwie (PSR)" : "Schätzung Landwirtschaft (Agrarstatistik)") + y;
  if (sector == "industry_non_ets")
    return (polish ? "Ankieta przedsiębiorstw i dane GUS" : "Unternehmensbefragung und Statistisches Landesamt") + y;
  if (electricity) return (polish ? "OSD: sprzedaż energii elektrycznej w gminie" : "Netzbetreiber: Stromabsatz im Gemeindegebiet") + y;
  if (carrier == v1::CARRIER_NATURAL_GAS) return (polish ? "PSG: dystrybucja gazu w gminie" : "Gasnetzbetreiber: Gasabsatz") + y;
  if (carrier == v1::CARRIER_DISTRICT_HEAT) return (polish ? "Przedsiębiorstwo ciepłownicze: sprzedaż ciepła" : "Stadtwerke: Wärmeabsatz") + y;
  return (polish ? "CEEB i ankieta gospodarstw domowych GUS" : "Kehrbuch der Schornsteinfeger und Zensus") + y;
}

struct Town {
  const TownSpec* spec = nullptr;
  const v1::Municipality* municipality = nullptr;
  int nowYear = 0;
  // Metered municipal use per (year, sector, carrier), MWh NCV.
  std::map<std::tuple<int, std::string, Carrier>, double> metered;
  // Own buildings and lights against the kind of place's figures (>= 1, so
  // that a fifth of each stays outside the meters).
  std::map<std::string, double> municipalScale;

  [[nodiscard]] bool german() const { return std::string_view(municipality->country()) == "DE"; }
  [[nodiscard]] bool lca() const { return municipality->emission_factor_approach() == v1::EMISSION_FACTOR_APPROACH_LCA; }
  [[nodiscard]] int baselineYear() const { return municipality->baseline_year(); }
  [[nodiscard]] int lastYear() const { return nowYear - 1; }

  [[nodiscard]] int64_t population(int year) const {
    const double now = static_cast<double>(municipality->population());
    const double base = static_cast<double>(spec->populationInBaselineYear);
    const double span = std::max(1, nowYear - baselineYear());
    return std::llround(base * std::pow(now / base, (year - baselineYear()) / span));
  }
  // Share of the way from the baseline to the last monitoring year.
  [[nodiscard]] double progress(int year) const {
    return std::clamp(static_cast<double>(year - baselineYear()) / std::max(1, lastYear() - baselineYear()), 0.0, 1.3);
  }
  [[nodiscard]] double trend(std::string_view sector, Carrier carrier, int year) const {
    const Trend* t = nullptr;
    if (german() && sector == kGermanResidentialGas.sector && carrier == kGermanResidentialGas.carrier)
      t = &kGermanResidentialGas;
    for (const auto& c : kTrends)
      if (!t && c.sector == sector && (c.carrier == carrier || c.carrier == v1::CARRIER_UNSPECIFIED)) t = &c;
    if (!t) return 1.0;
    const double full = t->passive + (t->active - t->passive) * spec->effort;
    return 1.0 + (full - 1.0) * progress(year);
  }
  [[nodiscard]] double designMwh(const Use& u, int year) const {
    const std::string sector(u.sector);
    double scale = u.sector == "industry_non_ets" ? spec->industryScale : 1.0;
    if (auto it = municipalScale.find(sector); it != municipalScale.end()) scale *= it->second;
    return u.mwhPerCapita * scale * static_cast<double>(population(year)) * trend(u.sector, u.carrier, year);
  }
  [[nodiscard]] bool uses(const Use& u) const {
    return u.carrier != v1::CARRIER_DISTRICT_HEAT || spec->heatFactorFirst > 0;
  }
  [[nodiscard]] double heatFactor(int year) const {
    return spec->heatFactorFirst + (spec->heatFactorLast - spec->heatFactorFirst) * std::min(progress(year), 1.0);
  }
  // The factor this town's inventory uses for a carrier in a year.
  [[nodiscard]] double factor(Carrier carrier, int year) const {
    if (carrier == v1::CARRIER_ELECTRICITY)
      return german() ? (lca() ? germanElectricityLca(year) : tableValue(kGermanElectricity, year))
                      : tableValue(kPolishElectricity, year);
    if (carrier == v1::CARRIER_DISTRICT_HEAT) return std::round(heatFactor(year) * 1000) / 1000;
    if (lca()) {
      for (const auto& f : kLcaFuels)
        if (f.carrier == carrier) return f.tPerMwh;
      return 0;
    }
    auto d = core::ipccDefault(core::carrierFromProto(carrier));
    return d ? d->tPerMwh() : 0.0;
  }
};

v1::Change entity(std::string id) {
  v1::Change c;
  c.set_entity_id(std::move(id));
  return c;
}

int64_t msOf(core::LocalDate d) { return core::Calendar{}.dayStartMs(d); }

// The municipality's metered use, by the same code the reports use.
void meter(Town& town, const DemoTerritoryInput& in) {
  core::MonitoringRecords records;
  records.municipality = *town.municipality;
  for (const auto& s : *in.sites)
    if (s.site().municipality_id() == town.municipality->id()) records.sites.push_back(s.site());
  std::set<std::string> siteIds;
  for (const auto& s : records.sites) siteIds.insert(s.id());
  std::set<std::string> meterIds;
  for (const auto& m : *in.meters)
    if (siteIds.count(m.meter().site_id())) {
      records.meters.push_back(m.meter());
      meterIds.insert(m.meter().id());
    }
  for (const auto& r : *in.readings)
    if (meterIds.count(r.reading().meter_id())) records.readings.push_back(r.reading());
  for (const auto& d : *in.degreeDays)
    if (d.has_degree_days() && d.degree_days().municipality_id() == town.municipality->id())
      records.degreeDays.push_back(d.degree_days());
  for (const auto& line : core::meterLines(records))
    town.metered[{line.year, line.sector, core::carrierToProto(line.carrier)}] += line.mwh;
}

}  // namespace

int demoClimateNeutralityYear(std::string_view name) {
  for (const auto& t : kTowns)
    if (name == t.name) return t.climateNeutralityYear;
  return 0;
}

DemoTerritory generateDemoTerritory(const DemoTerritoryInput& in) {
  DemoTerritory out;
  const int nowYear = core::Calendar{}.localDateOf(in.nowMs).year;
  const int64_t enteredMs = msOf({nowYear - 1, 3, 1});

  auto addFactor = [&](Carrier carrier, v1::EmissionFactorApproach approach, const std::string& country, int year,
                       double t, const std::string& source, const std::string& municipalityId) {
    v1::Change c = entity(in.newId(enteredMs));
    auto* f = c.mutable_emission_factor();
    f->set_id(c.entity_id());
    f->set_carrier(carrier);
    f->set_approach(approach);
    f->set_country(country);
    f->set_year(year);
    f->set_t_per_mwh(t);
    f->set_source(source);
    f->set_municipality_id(municipalityId);
    out.factors.push_back(std::move(c));
  };
  const auto ipcc = v1::EMISSION_FACTOR_APPROACH_IPCC;
  const auto lcaApproach = v1::EMISSION_FACTOR_APPROACH_LCA;
  for (int year = kFirstFactorYear; year <= std::min(nowYear, kFirstFactorYear + 13); ++year) {
    addFactor(v1::CARRIER_ELECTRICITY, ipcc, "PL", year, tableValue(kPolishElectricity, year),
              "EXAMPLE national electricity factor (shaped on KOBiZE's trend), demo only - not an official figure", "");
    addFactor(v1::CARRIER_ELECTRICITY, ipcc, "DE", year, tableValue(kGermanElectricity, year),
              "EXAMPLE national electricity factor (shaped on the UBA's trend), demo only - not an official figure",
              "");
    addFactor(v1::CARRIER_ELECTRICITY, lcaApproach, "DE", year, germanElectricityLca(year),
              "EXAMPLE national LCA electricity factor, demo only - not an official figure", "");
  }
  for (const auto& f : kLcaFuels) addFactor(f.carrier, lcaApproach, "", 0, f.tPerMwh, f.source, "");

  for (const auto& mc : *in.municipalities) {
    const v1::Municipality& m = mc.municipality();
    const TownSpec* spec = nullptr;
    for (const auto& t : kTowns)
      if (m.name() == t.name) spec = &t;
    if (!spec) continue;
    Town town{spec, &m, nowYear, {}, {}};
    meter(town, in);
    const bool polish = !town.german();
    const int base = town.baselineYear();
    const std::vector<Use>& uses = usesOf(spec->place);

    // The heat network's own factor, from its utility, every year.
    if (spec->heatFactorFirst > 0)
      for (int year = base; year <= nowYear; ++year)
        addFactor(v1::CARRIER_DISTRICT_HEAT, town.lca() ? lcaApproach : ipcc, m.country(), year, town.factor(v1::CARRIER_DISTRICT_HEAT, year),
                  polish ? "Przedsiębiorstwo ciepłownicze: wskaźnik emisji sieci " + std::to_string(year) + " (EXAMPLE)"
                         : "Stadtwerke: Emissionsfaktor Fernwärme " + std::to_string(year) + " (EXAMPLE)",
                  m.id());

    // Monitoring years: the last `monitoringYears` full years.
    std::vector<int> monitoring;
    for (int k = spec->monitoringYears; k >= 1; --k) monitoring.push_back(nowYear - k);
    // The metered buildings and lights are part of the municipality's own:
    // scale its figures so that a fifth stays outside the meters.
    for (const auto& u : uses) {
      if (u.sector != "municipal_buildings" && u.sector != "public_lighting") continue;
      for (int year : monitoring) {
        auto it = town.metered.find({year, std::string(u.sector), u.carrier});
        if (it == town.metered.end()) continue;
        const double design = town.designMwh(u, year) / std::max(1.0, town.municipalScale[std::string(u.sector)]);
        double& scale = town.municipalScale[std::string(u.sector)];
        scale = std::max({scale, 1.0, it->second / (0.8 * design)});
      }
    }

    // Population every year from the baseline on.
    for (int year = base; year <= nowYear; ++year) {
      v1::Change c = entity(in.newId(enteredMs));
      auto* y = c.mutable_municipality_year();
      y->set_id(c.entity_id());
      y->set_municipality_id(m.id());
      y->set_year(year);
      y->set_population(town.population(year));
      y->set_bei_locked(spec->bei.year == year);
      out.years.push_back(std::move(c));
    }

    // Inventories submitted years ago, with the factors of their time.
    for (const Submission* s : {&spec->bei, &spec->mei}) {
      if (s->year == 0 || (!monitoring.empty() && s->year >= monitoring.front())) continue;
      v1::Change c = entity(in.newId(msOf(s->submitted)));
      auto* p = c.mutable_published_inventory();
      p->set_id(c.entity_id());
      p->set_municipality_id(m.id());
      p->set_kind(s == &spec->bei ? v1::INVENTORY_KIND_BEI : v1::INVENTORY_KIND_MEI);
      p->set_year(s->year);
      p->set_approach(m.emission_factor_approach());
      p->set_unit(town.lca() ? v1::EMISSION_UNIT_T_CO2_EQ : v1::EMISSION_UNIT_T_CO2);
      p->set_population(town.population(s->year));
      double heatMwh = 0;
      for (const auto& u : uses) {
        if (!town.uses(u)) continue;
        auto* line = p->add_lines();
        line->set_com_sector(std::string(u.sector));
        line->set_carrier(u.carrier);
        const double mwh = std::round(town.designMwh(u, s->year));
        line->set_mwh(mwh);
        line->set_t_co2(std::round(mwh * town.factor(u.carrier, s->year) * 10) / 10);
        if (u.carrier == v1::CARRIER_DISTRICT_HEAT) heatMwh += mwh;
      }
      p->set_electricity_t_per_mwh(town.factor(v1::CARRIER_ELECTRICITY, s->year));
      p->set_green_electricity_mwh(0);
      // Table C: the town's PV; table D: its heat network's plants.
      auto* pv = p->add_local_electricity();
      pv->set_plant("pv");
      pv->set_produced_mwh(std::round(static_cast<double>(town.population(s->year)) * 0.004 * (1 + town.progress(s->year))));
      pv->set_t_co2(0);
      if (heatMwh > 0) {
        auto* heat = p->add_local_heat();
        heat->set_plant("chp");
        heat->set_produced_mwh(heatMwh);
        auto* coal = heat->add_inputs();
        coal->set_input("coal");
        coal->set_mwh(std::round(heatMwh * 1.05));
        auto* gas = heat->add_inputs();
        gas->set_input("natural_gas");
        gas->set_mwh(std::round(heatMwh * 0.08));
        heat->set_t_co2(std::round(heatMwh * town.factor(v1::CARRIER_DISTRICT_HEAT, s->year) * 10) / 10);
      }
      p->set_source(s->source);
      p->set_submitted_at(msOf(s->submitted));
      out.published.push_back(std::move(c));
    }

    // Activity data: the whole baseline year where no BEI was published, and
    // every monitoring year (for the municipality's own buildings and lights,
    // only what the meters do not cover).
    std::vector<int> activityYears = monitoring;
    if (spec->bei.year == 0) activityYears.insert(activityYears.begin(), base);
    for (int year : activityYears) {
      for (const auto& u : uses) {
        if (!town.uses(u)) continue;
        double mwh = town.designMwh(u, year);
        if (year != base) {
          auto it = town.metered.find({year, std::string(u.sector), u.carrier});
          if (it != town.metered.end()) mwh -= it->second;
        }
        mwh = std::round(mwh);
        if (mwh <= 0) continue;
        v1::Change c = entity(in.newId(msOf({year + 1, 4, 15})));
        auto* a = c.mutable_activity_data();
        a->set_id(c.entity_id());
        a->set_municipality_id(m.id());
        a->set_year(year);
        a->set_com_sector(std::string(u.sector));
        a->set_carrier(u.carrier);
        a->set_mwh(mwh);
        a->set_source(sourceOf(u.sector, u.carrier, polish, year));
        out.activity.push_back(std::move(c));
      }
    }
  }
  return out;
}

}  // namespace secap::server

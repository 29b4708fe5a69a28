// secap-calc: the monitoring calculations of secap_core on CSV/JSON files, for
// energy auditors and scripts (DESIGN.md §12). Input formats and a worked
// example: docs/CALC_INPUTS.md; formulas and sources: docs/CALCULATIONS.md.
// Prints JSON on stdout; errors on stderr name the file, the line and the
// problem. Exit codes: 0 ok, 2 bad input or arguments.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "calc_commands.h"

namespace {

int emit(const secap::core::Result<nlohmann::json>& r) {
  if (!r.isOk()) {
    std::cerr << "secap-calc: " << r.status().message() << "\n";
    return 2;
  }
  std::cout << r.value().dump(2) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"secap-calc: SECAP monitoring calculations on CSV/JSON inputs (see docs/CALC_INPUTS.md)"};
  app.require_subcommand(1);

  secap::calc::ConsumptionArgs cons;
  auto* consumption = app.add_subcommand("consumption", "kWh per meter by local month and year");
  consumption->add_option("--meters", cons.meters, "meters CSV/JSON")->required();
  consumption->add_option("--readings", cons.readings, "readings CSV/JSON")->required();
  consumption->add_option("--hdd", cons.hdd, "degree days (month,hdd or date,hdd) to weight heating carriers");
  consumption->add_option("--temperatures", cons.temperatures, "daily mean temperatures (date,mean_c)");
  consumption->add_option("--tz", cons.timeZone, "IANA time zone of the municipality, e.g. Europe/Warsaw");

  std::string temperatures;
  auto* hdd = app.add_subcommand("hdd", "Eurostat heating degree days by month from daily mean temperatures");
  hdd->add_option("--temperatures", temperatures, "daily mean temperatures (date,mean_c)")->required();

  secap::calc::MvArgs mv;
  auto* mvCmd = app.add_subcommand("mv", "baseline model, avoided energy and realisation rate of a measure");
  mvCmd->add_option("--meters", mv.meters, "meters CSV/JSON")->required();
  mvCmd->add_option("--readings", mv.readings, "readings CSV/JSON")->required();
  mvCmd->add_option("--measure", mv.measure, "the measure's dates (JSON)")->required();
  mvCmd->add_option("--hdd", mv.hdd, "degree days (month,hdd or date,hdd)");
  mvCmd->add_option("--temperatures", mv.temperatures, "daily mean temperatures (date,mean_c)");
  mvCmd->add_option("--tz", mv.timeZone, "IANA time zone");

  secap::calc::InventoryArgs inv;
  auto* invCmd = app.add_subcommand("inventory", "BEI/MEI sector x carrier matrix, reduction and on-track status");
  invCmd->add_option("--year", inv.year, "inventory year")->required();
  invCmd->add_option("--country", inv.country, "ISO 3166-1 alpha-2 of the factors")->required();
  invCmd->add_option("--factors", inv.factors, "emission factors CSV/JSON")->required();
  invCmd->add_option("--approach", inv.approach, "ipcc or lca")->capture_default_str();
  invCmd->add_option("--activity", inv.activity, "activity data CSV/JSON");
  invCmd->add_option("--meters", inv.meters, "meters CSV/JSON (with a sector column)");
  invCmd->add_option("--readings", inv.readings, "readings CSV/JSON");
  invCmd->add_option("--tz", inv.timeZone, "IANA time zone for calendar years");
  invCmd->add_option("--local-electricity-factor", inv.localElectricityFactor, "EFE in t/MWh, replaces the national");
  invCmd->add_option("--baseline-year", inv.baselineYear, "BEI year: also compute the reduction");
  invCmd->add_option("--target-year", inv.targetYear, "target year (default 2030)");
  invCmd->add_option("--target-pct", inv.targetPct, "target reduction in %, e.g. 40");
  invCmd->add_option("--population", inv.population, "population in the inventory year");
  invCmd->add_option("--baseline-population", inv.baselinePopulation, "population in the baseline year");
  invCmd->add_flag("--per-capita-target", inv.perCapitaTarget, "the target is per capita");
  invCmd->add_option("--published-bei", inv.publishedBei,
                     "the BEI as submitted (Covenant of Mayors CSV, tables A-D): the baseline, never recomputed");

  secap::calc::EfeArgs efe;
  auto* efeCmd = app.add_subcommand("efe", "local electricity emission factor (Covenant of Mayors)");
  efeCmd->add_option("--tce", efe.tce, "total electricity consumption, MWh")->required();
  efeCmd->add_option("--lpe", efe.lpe, "local electricity production, MWh");
  efeCmd->add_option("--gep", efe.gep, "green electricity purchases, MWh");
  efeCmd->add_option("--neefe", efe.neefe, "national electricity factor, t/MWh")->required();
  efeCmd->add_option("--co2-lpe", efe.co2Lpe, "CO2 of local production, t");
  efeCmd->add_option("--co2-gep", efe.co2Gep, "CO2 of green purchases, t");

  auto* constants = app.add_subcommand("constants", "the conversion constants and IPCC defaults with sources");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (consumption->parsed()) return emit(secap::calc::runConsumption(cons));
  if (hdd->parsed()) return emit(secap::calc::runHdd(temperatures));
  if (mvCmd->parsed()) return emit(secap::calc::runMv(mv));
  if (invCmd->parsed()) return emit(secap::calc::runInventory(inv));
  if (efeCmd->parsed()) return emit(secap::calc::runEfe(efe));
  if (constants->parsed()) {
    std::cout << secap::calc::runConstants().dump(2) << "\n";
    return 0;
  }
  return 2;
}

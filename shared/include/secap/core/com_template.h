#pragma once
// The Covenant of Mayors monitoring tables as CSV (../shared/COM_TEMPLATE.md):
// the inventory information lines, table A (final energy consumption, MWh),
// table B (CO2 or CO2-eq emissions, t) and, where there are lines, tables C
// and D (local electricity and heat/cold production). One owner for the
// template's rows, columns and labels: the server's export and
// `admin import published-inventory`, and secap-calc's --published-bei, all
// go through here, so an export imported again gives the same figures.
//
// The file, in order (labels in English whatever the UI language):
//   # <template version>; municipality: <name>; inventory: <BEI|MEI> <year>
//   Inventory information,Value      then one line per item (kind, year,
//                                    population, approach, unit, green
//                                    electricity and its factor, the factor
//                                    for electricity not produced locally,
//                                    source, submitted)
//   (blank line)
//   A. Final energy consumption [MWh],Electricity,...,Geothermal,Total
//   <one row per sector, a subtotal closing each group, then Total>
//   (blank line)
//   B. CO2 emissions [t],<the same columns>
//   <the same rows; the non-energy rows (Total column only) before Total;
//    last the factors row, emissions ÷ consumption to 3 decimals>
//   (blank line, then C and D when the inventory has local production)
// Numbers with a decimal point, no thousands separator, up to 3 decimals;
// an empty cell means no figure (not zero).
//
// Pure functions; thread-safe.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "secap/core/calendar.h"
#include "secap/core/status.h"
#include "secap/v1/entities.pb.h"
#include "secap/v1/monitoring.pb.h"

namespace secap::core {

// The template version named in the first line of every export.
inline constexpr std::string_view kComTemplateVersion =
    "Covenant of Mayors SECAP template, JRC reporting guidelines 2016 (EUR 28160 EN) v2.0, tables A-D";

// A row of tables A and B: a sector, or a subtotal/total (sector empty).
struct ComSectorRow {
  std::string_view label;
  std::string_view sector;  // "" for a subtotal or the total
};
std::span<const ComSectorRow> comSectorRows();

// A carrier column of tables A and B.
struct ComCarrierColumn {
  std::string_view label;
  secap::v1::Carrier carrier;
};
std::span<const ComCarrierColumn> comCarrierColumns();

// The column label a carrier's energy counts in ("Heat/cold" for district
// heat); nullopt for what is not final energy (water, PV production).
std::optional<std::string_view> comColumnOf(secap::v1::Carrier carrier);
// The row label of a consumption sector key; nullopt for an unknown key.
std::optional<std::string_view> comSectorLabel(std::string_view sector);

// The whole CSV of one inventory.
std::string writeComInventoryCsv(const secap::v1::PublishedInventory& inventory, std::string_view municipalityName);

struct ComInventoryFile {
  secap::v1::PublishedInventory inventory;  // id, municipality_id and supersedes_id left empty
  std::string municipalityName;             // from the first line; empty when it names none
};

// Reads a file in exactly the shape writeComInventoryCsv writes. Checks every
// row and column label, every number, and that subtotals and totals add up;
// an error names the file, line and column ("bei.csv:14:4 (Natural gas):
// '12a' is not a number").
Result<ComInventoryFile> readComInventoryCsv(std::string_view text, std::string_view fileName);

// The action table of the action report: one row per measure with the
// template's columns (code, title, sector, area of intervention, policy
// instrument, origin, responsible body, implementation start and end year,
// status: Completed, Ongoing, Not started, Postponed or Cancelled,
// implementation cost, estimated savings, renewable production and CO2
// reduction, key action), then three columns of SECAP Field's own after them
// (spent so far, progress, verified savings). Measures in the report's
// order; years in the municipality's calendar.
std::string writeComActionsCsv(const secap::v1::MunicipalityReport& report,
                               const std::vector<secap::v1::Measure>& measures, const Calendar& cal);

}  // namespace secap::core

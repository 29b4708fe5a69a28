#pragma once
// Published inventories on the server (DESIGN.md §3, §6.5): importing the
// BEI or MEI a municipality submitted to the Covenant of Mayors
// (`secap-syncserver admin import published-inventory FILE`), exporting a
// year's inventory as the Covenant CSV (`admin export inventory`), and a
// municipality's progress as the shared engine computes it
// (`admin progress`). The CSV shape is com_template.h's; the figures are
// progress.h's, the same code a device runs offline.
//
// An import is one all-or-nothing push through the normal ingest path as the
// server: the PublishedInventory record (superseding the current one of that
// kind and year when the figures differ) and, for a BEI, the lock on its
// MunicipalityYear. The same file again adds nothing. Audited as
// inventory.import.
//
// Thread-safe as the Store is.

#include <string>

#include "secap/core/clock.h"
#include "secap/core/progress.h"
#include "store.h"

namespace secap::server {

struct InventoryImportRequest {
  std::string path;          // the CSV file
  std::string municipality;  // name or id; empty: the one the file's first line names
  bool lock = true;          // a BEI locks its year (MunicipalityYear.bei_locked)
};

struct InventoryImportOutcome {
  std::string municipalityId;
  std::string municipalityName;
  std::string inventoryId;   // the stored record (the existing one when unchanged)
  std::string supersededId;  // the record this one corrects, if any
  bool added = false;        // false: the same figures were there already
  bool lockedNow = false;    // the year was locked by this import
  secap::v1::PublishedInventory inventory;
  int baselineYear = 0;      // the municipality's, to warn when a BEI is of another year
};

Result<InventoryImportOutcome> importPublishedInventory(Store& store, const InventoryImportRequest& request,
                                                        const core::Clock& clock, const std::string& actor);

// The Covenant CSV of one year's inventory of a municipality: the published
// record as submitted when the year's inventory is one, else the computed
// inventory. kNotFound when the year is no inventory year.
Result<std::string> exportInventoryCsv(Store& store, const std::string& municipality, int year);

// The progress of a municipality (name or id).
Result<core::MunicipalityProgress> progressOf(Store& store, const std::string& municipality);

// A few readable lines for a coordinator's terminal.
std::string describeProgress(const core::MunicipalityProgress& progress);
// One line: the BEI, the latest MEI, the reduction and the verdict.
std::string summarizeProgress(const core::MunicipalityProgress& progress);

}  // namespace secap::server

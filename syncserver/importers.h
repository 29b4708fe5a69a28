#pragma once
// The importers (issue 13 §6, docs/IMPORT.md): CSV files of sites, meters,
// measures, readings, utility invoices, activity data, degree days and
// emission factors, written as changes through ingest (applyPush): the same
// validation, change log, rollups and sync to devices as a device's push.
//
// For every kind:
//   - The first line that is neither blank nor a comment names the columns,
//     in any order (case, spaces and '-' do not matter). A column the kind
//     does not know is an error: a typo must not drop data silently.
//   - Comma- or semicolon-separated; in a semicolon file numbers may use a
//     decimal comma (1234,5), as Polish and German spreadsheets write them.
//   - Every row is checked. Each error names the file, the line and the
//     column; the first 50 are listed.
//   - All or nothing: with one error, nothing is written.
//   - The same file again adds nothing: a record is found by its natural key
//     (a site by its name, a meter by its serial, a measure by its code, an
//     activity line by year, sector and carrier, ...) and only the fields that
//     differ are written; a reading already stored is skipped; an invoice for
//     a period already invoiced with another figure corrects it (supersedes).
//   - Each row names its municipality (a `municipality` column, name or id),
//     or the request gives the default.
//
// ImportFolder watches a drop folder (`serve --import-dir D`): each file
// that appears is imported by the kind its name starts with
// ("invoices-2026-11.csv") and moved to D/done or D/failed with a report
// beside it. Several instances may watch one folder: a file is claimed by an
// atomic rename, so each is imported once.
//
// Thread-safe as the Store is.

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>

#include "secap/core/clock.h"
#include "store.h"

namespace secap::server {

enum class ImportKind { kSites, kMeters, kMeasures, kReadings, kInvoices, kActivity, kDegreeDays, kEmissionFactors };

// "sites", "meters", "measures", "readings", "invoices", "activity",
// "degree-days", "emission-factors" ('_' for '-' too).
std::optional<ImportKind> parseImportKind(std::string_view name);
std::string_view importKindName(ImportKind kind);
// The kind a file's name starts with ("Invoices_2026-11.csv" → invoices).
std::optional<ImportKind> importKindOfFile(std::string_view fileName);

struct ImportRequest {
  std::string path;
  ImportKind kind = ImportKind::kReadings;
  std::string municipality;  // name or id, for rows without a municipality column
  std::string actor;         // for the audit log
};

struct ImportOutcome {
  std::string path;
  ImportKind kind = ImportKind::kReadings;
  int rows = 0;
  int added = 0;                         // new records
  int updated = 0;                       // records changed (an invoice corrected, a site's area)
  int unchanged = 0;                     // rows already stored as they are
  std::set<std::string> municipalities;  // names
};

// kInvalidArgument listing every error (file:line: column: message);
// kNotFound for a file that cannot be opened.
Result<ImportOutcome> importFile(Store& store, const ImportRequest& request, const core::Clock& clock);

// One line: "invoices.csv: 12 rows: 10 added, 2 corrected, 0 unchanged (Bydgoszcz)".
std::string describeImport(const ImportOutcome& outcome);

class ImportFolder {
 public:
  // A file is taken once it has not changed for `settleMs` (a copy in
  // progress is left alone).
  ImportFolder(Store& store, const core::Clock& clock, std::filesystem::path dir, std::string defaultMunicipality = "",
               int settleMs = 2000);
  ~ImportFolder();
  ImportFolder(const ImportFolder&) = delete;
  ImportFolder& operator=(const ImportFolder&) = delete;

  // Creates D/done, D/failed and D/.claimed, then polls every `pollMs`.
  Status start(int pollMs = 2000);
  void stop();
  // One pass: imports what is there now. Returns the files handled.
  int scanOnce();

 private:
  Status prepare();  // the folder's done/, failed/ and .claimed/
  void handle(const std::filesystem::path& file);

  Store& m_store;
  const core::Clock& m_clock;
  std::filesystem::path m_dir;
  std::string m_defaultMunicipality;
  int m_settleMs;
  std::thread m_thread;
  std::mutex m_mu;
  std::condition_variable m_wake;
  bool m_stopping = false;
};

}  // namespace secap::server

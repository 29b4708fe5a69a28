#pragma once
// A realistic device store for the field app's tests and screenshots: the
// gmina Żyraków with its sites, meters and a year of monthly readings, plus
// Pałecznica and Schwäbisch Hall, written through LocalStore::applyPullPage
// exactly as a first pull would write them. Optionally it also gives the
// store a device identity, so the app starts as an enrolled device, and
// photos of the latest readings of one meter.

#include <QString>
#include <cstdint>
#include <memory>
#include <string>

#include "app_controller.h"
#include "secap/core/local_store.h"

namespace secap::field::testing {

// The demo caretaker's kiosk PIN (ServerDemoOptions::caretaker).
inline constexpr const char* kCaretakerPin = "2468";

struct DemoIds {
  std::string municipalityId;       // Żyraków
  std::string otherMunicipalityId;  // Schwäbisch Hall
  std::string schoolId;             // Szkoła Podstawowa … w Żyrakowie
  std::string schoolElectricityId;  // Cumulative kWh meter with 13 readings.
  std::string schoolGasId;          // Cumulative m³ meter.
  std::string townHallId;
  int sitesInMunicipality = 0;
  int schoolMeters = 0;
  int schoolElectricityReadings = 0;
  double schoolElectricityLatest = 0;
  double schoolGasLatest = 0;
  int schoolElectricityPhotos = 0;  // Latest readings with a photo on the device.
};

struct DemoOptions {
  int64_t nowMs = 0;
  bool enrolled = true;
  // Which municipality the device belongs to: "zyrakow" or "schwabisch-hall".
  std::string municipality = "zyrakow";
  // The app's data directory: when set, the latest readings of the school's
  // electricity meter get photos (JPEG files there, Attachment records as a
  // pull brings them), so the history shows thumbnails.
  std::string dataDir;
};

// Writes the demo data; returns the ids tests refer to. Aborts the process
// (it is test code) when the store refuses the page.
DemoIds populateDemoStore(core::LocalStore& store, const DemoOptions& options);

// The server's demo dataset (syncserver/demo_data.h, what `secap-syncserver
// demo-data` loads) as a device of one seed municipality holds it after its
// first pull: that municipality's records and the global reference data,
// applied through LocalStore::applyPullPage in the generator's order. This
// is the data of the SECAP screens (measures, progress updates, published
// inventories, templates). With `dataDir` set, the two latest readings of
// the first electricity meter of the town's first school get photos, as in
// populateDemoStore. Readings carry the quality flags the server's ingest
// gives them (quality.h), so the demo anomalies are flagged.
struct ServerDemoOptions {
  int64_t nowMs = 0;
  std::string municipality = "Bydgoszcz";  // A name of demoMunicipalityNames().
  bool enrolled = true;
  std::string role = "field";
  std::string dataDir;
  // A reading recorded on this device that the server refused for the
  // device's clock (clock.skew): the inbox has something to fix.
  bool refusedReading = false;
  // The month's round under way: the data ends before this month began
  // (readings_due.h), and the meters of the round's first site have been
  // read on this device today (waiting to sync).
  bool roundStarted = false;
  // A caretaker with a kiosk PIN ("Jan Nowak", in Germany "Jürgen Weber";
  // PIN 2468) for the town's first
  // school, as the server sends a kiosk its persons.
  bool caretaker = false;
};
struct ServerDemoIds {
  std::string municipalityId;
  int measures = 0;
  int progressUpdates = 0;
  int changes = 0;  // Applied to the store.
};
ServerDemoIds populateServerDemoStore(core::LocalStore& store, const ServerDemoOptions& options);

// A device of the server's demo data, as the app opens it: a store in
// `dataDir` populated by populateServerDemoStore (nowMs defaults to now) and
// the AppController over it, without a transport. Null when the store does
// not open (the reason is printed).
std::unique_ptr<AppController> openServerDemoApp(const QString& dataDir, ServerDemoOptions options,
                                                 ServerDemoIds* ids = nullptr);

}  // namespace secap::field::testing

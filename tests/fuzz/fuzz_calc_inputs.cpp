// secap-calc's inputs (tools/calc/calc_inputs.h): any file as meters,
// readings, degree days, temperatures, factors, activity data or a measure,
// as CSV or JSON. Each gets its values or a clear error.

#include <cstdint>
#include <map>

#include "calc_inputs.h"
#include "fuzz_common.h"
#include "secap/core/calendar.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const secap::core::Calendar cal;
  // The first byte picks the reader and the format; the rest is the file.
  const uint8_t pick = data[0];
  const std::string path = secap::fuzz::inputFile(data + 1, size - 1, (pick & 0x80) ? "input.json" : "input.csv");
  switch (pick % 8) {
    case 0: {
      std::map<std::string, std::string> sectors;
      (void)secap::calc::loadMeters(path, cal, &sectors);
      break;
    }
    case 1: {
      secap::core::MeterConfig m;
      m.id = "m1";
      (void)secap::calc::loadReadings(path, cal, {m});
      break;
    }
    case 2:
      (void)secap::calc::loadDegreeDays(path);
      break;
    case 3:
      (void)secap::calc::loadTemperatures(path);
      break;
    case 4:
      (void)secap::calc::loadFactors(path);
      break;
    case 5:
      (void)secap::calc::loadActivity(path);
      break;
    case 6:
      (void)secap::calc::loadMeasure(path, cal);
      break;
    default:
      (void)secap::calc::parseInstant(std::string(reinterpret_cast<const char*>(data + 1), size - 1), cal);
  }
  return 0;
}

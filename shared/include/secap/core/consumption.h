#pragma once
// Consumption from meter readings (DESIGN.md §6.1-6.3): register deltas with
// the multiplier, rollover and meter exchanges, period and invoice values,
// conversion to kWh, the review rule for flagged readings, and attribution to
// calendar months and years in the municipality's time zone.
//
// Two layers. The calculation works on plain structs (MeterConfig,
// ReadingRecord), so secap-calc and benchmarks need no protobuf; thin adapters
// build them from the secap.v1 messages. The proto-level functions at the end
// are kept for the server report and the device.
//
// Pure functions over values; thread-safe.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "secap/core/calendar.h"
#include "secap/core/units.h"
#include "secap/v1/entities.pb.h"
#include "secap/v1/monitoring.pb.h"
#include "secap/v1/sync.pb.h"

namespace secap::core {

// Energy consumed between two instants, in kWh on the meter's energy basis.
struct ConsumptionInterval {
  int64_t startMs = 0;
  int64_t endMs = 0;
  double kwh = 0;
  bool rollover = false;
};

// Where a reading stands in the coordinator's review (DESIGN §4 validation).
enum class ReviewState {
  kUnflagged,           // no quality flags: used
  kFlaggedUnconfirmed,  // flagged, no decision yet: left out
  kConfirmed,           // flagged, then confirmed: used
  kErroneous,           // marked erroneous: never used
};
bool isUsable(ReviewState s);
std::string_view reviewStateName(ReviewState s);

// One coordinator decision (a ReadingReview record). The latest decision for a
// reading wins.
struct ReviewDecision {
  std::string readingId;
  bool erroneous = false;  // false = confirmed
  int64_t decidedAtMs = 0;
};
// The state of a reading from its flags and the decisions about it.
ReviewState reviewStateOf(bool flagged, std::span<const ReviewDecision> decisionsForReading);

enum class ReadingKind { kActual, kEstimated, kInvoice, kExchangeFinal, kExchangeStart };
std::optional<ReadingKind> parseReadingKind(std::string_view name);

// A meter's configuration as the calculations need it.
struct MeterConfig {
  std::string id;
  std::string siteId;
  Carrier carrier = Carrier::kElectricity;
  Unit unit = Unit::kKwh;
  bool cumulative = true;  // a register; false = each reading is its period's use
  int registerDigits = 0;  // 0 = unknown (no rollover is assumed)
  double multiplier = 1;   // current/voltage transformer ratio, pulses...
  double kwhPerUnit = 0;   // calorific value for m3, l and kg (0 = table default, if any)
  EnergyBasis basis = EnergyBasis::kNet;
  std::optional<int64_t> installedAtMs;
  std::optional<int64_t> removedAtMs;
  std::string replacesMeterId;
};

struct ReadingRecord {
  std::string id;
  std::string meterId;
  int64_t takenAtMs = 0;
  double value = 0;
  ReadingKind kind = ReadingKind::kActual;
  std::optional<int64_t> periodStartMs;
  ReviewState review = ReviewState::kUnflagged;
  std::string supersedesId;  // a correction names the reading it replaces
};

// A reading that was not used, and why.
struct ExcludedReading {
  std::string readingId;
  int64_t takenAtMs = 0;
  std::string reason;
};

// The last reading the calculation used: the next interval starts there.
// Everything a later reading needs of the past (rollups append from it).
struct ChainEnd {
  std::string readingId;
  int64_t takenAtMs = 0;
  double value = 0;
  ReadingKind kind = ReadingKind::kActual;
};

struct MeterConsumption {
  std::vector<ConsumptionInterval> intervals;  // ascending, kWh on the meter's basis
  std::vector<ExcludedReading> excluded;
  double totalKwh = 0;
  std::optional<ChainEnd> end;  // none when no reading was used
};

// kWh per register unit, multiplier included, on the meter's basis; nullopt
// when the unit cannot be converted (water, a volume without calorific value).
std::optional<double> kwhPerUnit(const MeterConfig& meter);

// Intervals of one meter. Readings may come unsorted and may include other
// meters' readings (ignored). Rules, in order:
// - superseded readings, non-finite values, readings outside
//   [installedAt, removedAt], unusable review states are left out;
// - period meters: each value covers period_start (or the previous reading)
//   to taken_at, as given;
// - registers: Δ = (Rᵢ − Rᵢ₋₁) × multiplier. A drop is a rollover,
//   Δ = (10^digits − Rᵢ₋₁ + Rᵢ) × multiplier, when digits are known and that
//   Δ is under half the register's range; a confirmed drop restarts the
//   register; any other drop is left out. No interval ends at an
//   exchange_start or begins at an exchange_final reading.
MeterConsumption meterConsumption(const MeterConfig& meter, std::span<const ReadingRecord> readings);

// Adapters from the synced entities. Flags are the reading's quality_flags;
// reviews are indexed by reading id (may be null: no decisions).
MeterConfig meterConfigFromProto(const secap::v1::Meter& meter);
ReadingRecord readingFromProto(const secap::v1::Reading& reading,
                               const std::map<std::string, std::vector<ReviewDecision>>* reviews = nullptr);

// ---- Proto-level API (server report, device) ----

// The synced carrier and the calculations' one; an unknown number (a newer
// server's carrier) is kUnspecified.
Carrier carrierFromProto(secap::v1::Carrier c);
secap::v1::Carrier carrierToProto(Carrier c);

// kWh per unit of the meter's register (multiplier included), or 0 when the
// unit cannot be converted (water, or a volume without a calorific value).
double kwhPerUnit(const secap::v1::Meter& meter);

// The coordinators' decisions indexed by reading id.
using ReviewIndex = std::map<std::string, std::vector<ReviewDecision>>;
ReviewIndex reviewIndexFromProto(const std::vector<secap::v1::ReadingReview>& reviews);

// Intervals from one meter's readings, by meterConsumption's rules; a flagged
// reading (quality_flags set) is used only once a review confirmed it.
std::vector<ConsumptionInterval> consumptionIntervals(const secap::v1::Meter& meter,
                                                      std::vector<secap::v1::Reading> readings,
                                                      const ReviewIndex* reviews = nullptr);

// Spreads intervals evenly over time into UTC calendar years.
std::map<int, double> kwhByYear(const std::vector<ConsumptionInterval>& intervals);
// The same in a time zone's calendar years.
std::map<int, double> kwhByYear(const std::vector<ConsumptionInterval>& intervals, const Calendar& cal);

// Per meter: readings counted and kWh per calendar year in the municipality's
// time zone (UTC when the zone is empty or unknown).
secap::v1::MunicipalitySummary summarizeMunicipality(
    const secap::v1::Municipality& municipality, const std::vector<secap::v1::Site>& sites,
    const std::vector<secap::v1::Meter>& meters,
    const std::map<std::string, std::vector<secap::v1::Reading>>& readingsByMeter,
    const std::vector<secap::v1::ReadingReview>& reviews = {});

}  // namespace secap::core

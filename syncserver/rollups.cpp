#include "rollups.h"

#include <spdlog/spdlog.h>

#include "secap/core/progress.h"

namespace secap::server {

namespace {

using core::EntityType;

constexpr const char* kRollupsBuilt = "rollups_built";

// A municipality's calendar and degree days, as the transaction sees them.
struct Clock {
  core::Calendar calendar;
  core::DegreeDays hdd;
};

Result<Clock> clockOf(WriteTx& tx, const std::string& municipalityId) {
  Clock c;
  auto m = tx.getEntity(EntityType::kMunicipality, municipalityId);
  if (!m.isOk()) return m.status();
  if (*m) c.calendar = core::calendarOf((*m)->entity.municipality());
  auto days = tx.entitiesIn(EntityType::kDegreeDays, municipalityId);
  if (!days.isOk()) return days.status();
  std::vector<secap::v1::DegreeDays> records;
  for (const auto& d : *days) records.push_back(d.entity.degree_days());
  c.hdd = core::degreeDaysOf(records, municipalityId);
  return c;
}

}  // namespace

namespace {

// One meter from its readings, with its municipality's calendar and degree
// days from `clocks` (loaded once per municipality).
Status recompute(WriteTx& tx, const std::string& meterId, std::map<std::string, Clock>& clocks) {
  auto stored = tx.meterMonthsOf(meterId);
  if (!stored.isOk()) return stored.status();
  auto meter = tx.getEntity(EntityType::kMeter, meterId);
  if (!meter.isOk()) return meter.status();
  if (!*meter || (*meter)->deleted) return tx.replaceMeterRollup(meterId, "", {}, *stored);
  const std::string& municipalityId = (*meter)->municipalityId;
  auto clock = clocks.find(municipalityId);
  if (clock == clocks.end()) {
    auto loaded = clockOf(tx, municipalityId);
    if (!loaded.isOk()) return loaded.status();
    clock = clocks.emplace(municipalityId, std::move(*loaded)).first;
  }
  auto readings = tx.entitiesWithParent(EntityType::kReading, meterId);
  if (!readings.isOk()) return readings.status();
  auto reviews = tx.reviewsOfMeter(meterId);
  if (!reviews.isOk()) return reviews.status();
  std::vector<secap::v1::ReadingReview> reviewList;
  for (const auto& r : *reviews) reviewList.push_back(r.entity.reading_review());
  const core::ReviewIndex index = core::reviewIndexFromProto(reviewList);
  std::vector<core::ReadingRecord> records;
  records.reserve(readings->size());
  for (const auto& r : *readings) records.push_back(core::readingFromProto(r.entity.reading(), &index));
  const auto rollup = core::rollUpMeter(core::meterConfigFromProto((*meter)->entity.meter()), records,
                                        clock->second.calendar, &clock->second.hdd);
  return tx.replaceMeterRollup(meterId, municipalityId, rollup, *stored);
}

}  // namespace

Status recomputeMeterRollup(WriteTx& tx, const std::string& meterId) {
  std::map<std::string, Clock> clocks;
  return recompute(tx, meterId, clocks);
}

Status RollupKeeper::noteAccepted(const secap::v1::Change& change, const StoredEntity& record,
                                  const StoredEntity* before) {
  switch (record.type) {
    case EntityType::kReading: {
      const auto& r = record.entity.reading();
      MeterWork& work = m_meters[r.meter_id()];
      if (!r.supersedes_id().empty())
        work.recompute = true;  // a correction takes another reading out
      else
        work.added.push_back(core::readingFromProto(r));
      break;
    }
    case EntityType::kReadingReview: {
      auto reading = m_tx.getEntity(EntityType::kReading, record.entity.reading_review().reading_id());
      if (!reading.isOk()) return reading.status();
      if (*reading) m_meters[(*reading)->entity.reading().meter_id()].recompute = true;
      break;
    }
    case EntityType::kMeter:
      m_meters[record.id].recompute = true;
      break;
    case EntityType::kSite:
      if (before && before->municipalityId != record.municipalityId) {
        auto meters = m_tx.entitiesWithParent(EntityType::kMeter, record.id);
        if (!meters.isOk()) return meters.status();
        for (const auto& m : *meters) m_meters[m.id].recompute = true;
      }
      break;
    case EntityType::kDegreeDays:
      m_newDegreeDays.insert(record.municipalityId);
      if (before) m_newDegreeDays.insert(before->municipalityId);
      break;
    case EntityType::kMunicipality:
      if (before && before->entity.municipality().time_zone() != record.entity.municipality().time_zone())
        m_newTimeZone.insert(record.id);
      break;
    default:
      break;
  }
  (void)change;
  return Status::ok();
}

Status RollupKeeper::recomputeMunicipality(const std::string& municipalityId, bool heatingOnly) {
  auto meters = m_tx.entitiesIn(EntityType::kMeter, municipalityId);
  if (!meters.isOk()) return meters.status();
  for (const auto& m : *meters)
    if (!heatingOnly || core::isHeatingCarrier(core::carrierFromProto(m.entity.meter().carrier())))
      m_meters[m.id].recompute = true;
  return Status::ok();
}

Status RollupKeeper::flush() {
  for (const auto& m : m_newTimeZone) SECAP_RETURN_IF_ERROR(recomputeMunicipality(m, false));
  for (const auto& m : m_newDegreeDays)
    if (!m_newTimeZone.count(m)) SECAP_RETURN_IF_ERROR(recomputeMunicipality(m, true));
  std::map<std::string, Clock> clocks;
  for (auto& [meterId, work] : m_meters) {
    if (!work.recompute) {
      auto meter = m_tx.getEntity(EntityType::kMeter, meterId);
      if (!meter.isOk()) return meter.status();
      auto end = m_tx.meterChainEnd(meterId);
      if (!end.isOk()) return end.status();
      if (*meter && !(*meter)->deleted) {
        const core::MeterConfig config = core::meterConfigFromProto((*meter)->entity.meter());
        if (core::appendsAfter(config, *end, work.added)) {
          const std::string& municipalityId = (*meter)->municipalityId;
          auto clock = clocks.find(municipalityId);
          if (clock == clocks.end()) {
            auto loaded = clockOf(m_tx, municipalityId);
            if (!loaded.isOk()) return loaded.status();
            clock = clocks.emplace(municipalityId, std::move(*loaded)).first;
          }
          const auto delta = core::appendToMeter(config, *end, work.added, clock->second.calendar, &clock->second.hdd);
          SECAP_RETURN_IF_ERROR(m_tx.addToMeterRollup(meterId, municipalityId, delta));
          continue;
        }
      }
    }
    SECAP_RETURN_IF_ERROR(recompute(m_tx, meterId, clocks));
  }
  m_meters.clear();
  m_newDegreeDays.clear();
  m_newTimeZone.clear();
  return Status::ok();
}

Result<int> rebuildRollups(Store& store) {
  auto municipalities = store.allMunicipalities();
  if (!municipalities.isOk()) return municipalities.status();
  int meters = 0;
  for (const auto& m : *municipalities) {
    auto tx = store.beginWrite(WriteScope{{m.id}});
    if (!tx.isOk()) return tx.status();
    SECAP_RETURN_IF_ERROR((*tx)->clearRollups(m.id));
    auto list = (*tx)->entitiesIn(EntityType::kMeter, m.id);
    if (!list.isOk()) return list.status();
    std::map<std::string, Clock> clocks;
    for (const auto& meter : *list) SECAP_RETURN_IF_ERROR(recompute(**tx, meter.id, clocks));
    SECAP_RETURN_IF_ERROR((*tx)->commit());
    meters += static_cast<int>(list->size());
  }
  auto tx = store.beginWrite(WriteScope::all());
  if (!tx.isOk()) return tx.status();
  SECAP_RETURN_IF_ERROR((*tx)->setMeta(kRollupsBuilt, 1));
  SECAP_RETURN_IF_ERROR((*tx)->commit());
  return meters;
}

Status ensureRollups(Store& store) {
  {
    auto tx = store.beginWrite(WriteScope::all());
    if (!tx.isOk()) return tx.status();
    auto built = (*tx)->meta(kRollupsBuilt);
    if (!built.isOk()) return built.status();
    if (*built && **built > 0) return Status::ok();
  }
  auto meters = rebuildRollups(store);
  if (!meters.isOk()) return meters.status();
  if (*meters > 0) spdlog::info("rollups built for {} meters", *meters);
  return Status::ok();
}

}  // namespace secap::server

#include "secap/core/review_queue.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace secap::core {
namespace {

bool takenBefore(const secap::v1::Reading& a, const secap::v1::Reading& b) {
  if (a.taken_at() != b.taken_at()) return a.taken_at() < b.taken_at();
  return a.id() < b.id();
}

}  // namespace

ReviewQueueResult reviewQueue(std::span<const secap::v1::Site> sites, std::span<const secap::v1::Meter> meters,
                              std::span<const secap::v1::Reading> readings,
                              std::span<const secap::v1::ReadingReview> reviews) {
  std::map<std::string, const secap::v1::Site*> siteById;
  for (const auto& s : sites) siteById[s.id()] = &s;
  std::map<std::string, const secap::v1::Meter*> meterById;
  for (const auto& m : meters) meterById[m.id()] = &m;
  std::set<std::string> decided;
  for (const auto& r : reviews)
    if (r.decision() == secap::v1::REVIEW_DECISION_CONFIRMED || r.decision() == secap::v1::REVIEW_DECISION_ERRONEOUS)
      decided.insert(r.reading_id());
  std::set<std::string> superseded;
  for (const auto& r : readings)
    if (!r.supersedes_id().empty()) superseded.insert(r.supersedes_id());

  // Each meter's standing readings in time order, for the neighbours.
  std::map<std::string, std::vector<const secap::v1::Reading*>> byMeter;
  for (const auto& r : readings)
    if (!superseded.count(r.id()) && meterById.count(r.meter_id())) byMeter[r.meter_id()].push_back(&r);
  auto earlier = [](const secap::v1::Reading* a, const secap::v1::Reading* b) { return takenBefore(*a, *b); };
  for (auto& [id, list] : byMeter) std::sort(list.begin(), list.end(), earlier);

  ReviewQueueResult out;
  for (auto& [meterId, list] : byMeter) {
    const secap::v1::Meter& meter = *meterById.at(meterId);
    for (size_t i = 0; i < list.size(); ++i) {
      const secap::v1::Reading& r = *list[i];
      if (r.quality_flags_size() == 0) continue;
      if (decided.count(r.id())) {
        ++out.decided;
        continue;
      }
      secap::v1::QueuedReading q;
      *q.mutable_reading() = r;
      q.set_meter_id(meter.id());
      q.set_serial(meter.serial());
      q.set_carrier(meter.carrier());
      q.set_unit(meter.unit());
      q.set_site_id(meter.site_id());
      if (auto s = siteById.find(meter.site_id()); s != siteById.end()) q.set_site_name(s->second->name());
      if (i > 0) *q.mutable_previous() = *list[i - 1];
      if (i + 1 < list.size()) *q.mutable_next() = *list[i + 1];
      out.pending.push_back(std::move(q));
    }
  }
  std::sort(out.pending.begin(), out.pending.end(),
            [](const auto& a, const auto& b) { return takenBefore(a.reading(), b.reading()); });
  return out;
}

std::vector<secap::v1::FollowUp> pendingFollowUps(std::span<const secap::v1::Site> sites,
                                                  std::span<const secap::v1::Measure> measures,
                                                  std::span<const secap::v1::Inspection> inspections) {
  std::vector<secap::v1::FollowUp> out;
  for (const auto& i : inspections) {
    if (!i.has_submitted_at() || i.outcome() != secap::v1::INSPECTION_OUTCOME_FOLLOW_UP_NEEDED) continue;
    const bool answered = std::any_of(inspections.begin(), inspections.end(), [&](const secap::v1::Inspection& later) {
      if (!later.has_submitted_at() || later.id() == i.id()) return false;
      if (later.amends_inspection_id() == i.id()) return true;
      const bool same = i.has_measure_id() ? (later.has_measure_id() && later.measure_id() == i.measure_id())
                                           : (!later.has_measure_id() && later.site_id() == i.site_id());
      return same && later.submitted_at() > i.submitted_at();
    });
    if (answered) continue;
    secap::v1::FollowUp f;
    *f.mutable_inspection() = i;
    for (const auto& s : sites)
      if (s.id() == i.site_id()) f.set_site_name(s.name());
    if (i.has_measure_id())
      for (const auto& m : measures)
        if (m.id() == i.measure_id()) {
          f.set_measure_id(m.id());
          f.set_measure_code(m.code());
          f.set_measure_title(m.title());
        }
    out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.inspection().submitted_at() < b.inspection().submitted_at(); });
  return out;
}

}  // namespace secap::core

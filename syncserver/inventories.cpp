#include "inventories.h"

#include <fmt/core.h>

#include <algorithm>

#include "enrollment.h"
#include "ingest.h"
#include "reports.h"
#include "secap/core/com_template.h"
#include "secap/core/csv.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"

namespace secap::server {

namespace {

namespace v1 = secap::v1;
using core::EntityType;

std::string kindName(v1::InventoryKind k) { return k == v1::INVENTORY_KIND_MEI ? "MEI" : "BEI"; }

// The current published record of this kind and year, if any.
Result<std::optional<StoredEntity>> currentOf(Store& store, const std::string& municipalityId, v1::InventoryKind kind,
                                              int year) {
  auto all = store.entitiesOf(EntityType::kPublishedInventory, municipalityId);
  if (!all.isOk()) return all.status();
  std::vector<v1::PublishedInventory> records;
  for (const auto& e : *all) records.push_back(e.entity.published_inventory());
  std::optional<StoredEntity> best;
  for (const auto& current : core::currentPublished(records)) {
    if (current.kind() != kind || current.year() != year) continue;
    auto it = std::find_if(all->begin(), all->end(), [&](const StoredEntity& e) { return e.id == current.id(); });
    const auto& p = it->entity.published_inventory();
    if (!best || std::make_tuple(p.submitted_at(), p.id()) > std::make_tuple(best->entity.published_inventory().submitted_at(),
                                                                             best->entity.published_inventory().id()))
      best = *it;
  }
  return best;
}

}  // namespace

Result<InventoryImportOutcome> importPublishedInventory(Store& store, const InventoryImportRequest& request,
                                                        const core::Clock& clock, const std::string& actor) {
  auto text = core::readTextFile(request.path);
  if (!text.isOk()) return text.status();
  auto file = core::readComInventoryCsv(*text, request.path);
  if (!file.isOk()) return file.status();

  const std::string wanted = request.municipality.empty() ? file->municipalityName : request.municipality;
  if (wanted.empty())
    return core::invalidArgument(request.path +
                                 ": the file names no municipality in its first line; give --municipality");
  auto m = findMunicipality(store, wanted);
  if (!m.isOk()) return m.status();
  const v1::Municipality& municipality = m->entity.municipality();
  if (!request.municipality.empty() && !file->municipalityName.empty() &&
      file->municipalityName != municipality.name())
    return core::invalidArgument(request.path + ": the file is the inventory of " + file->municipalityName +
                                 ", not of " + municipality.name());

  InventoryImportOutcome out;
  out.municipalityId = m->id;
  out.municipalityName = municipality.name();
  out.baselineYear = municipality.baseline_year();
  v1::PublishedInventory inventory = std::move(file->inventory);
  inventory.set_municipality_id(m->id);

  const int64_t now = clock.nowMs();
  v1::PushRequest push;
  core::HlcValue hlc = core::makeHlc(now, 0);

  auto current = currentOf(store, m->id, inventory.kind(), inventory.year());
  if (!current.isOk()) return current.status();
  if (*current && core::sameFigures((*current)->entity.published_inventory(), inventory)) {
    out.inventoryId = (*current)->id;
    out.inventory = (*current)->entity.published_inventory();
  } else {
    if (*current) {
      inventory.set_supersedes_id((*current)->id);
      out.supersededId = (*current)->id;
    }
    v1::Change change;
    change.set_change_id(core::newUuidV7(clock));
    change.set_entity_id(core::newUuidV7(clock));
    inventory.set_id(change.entity_id());
    change.set_hlc(hlc);
    *change.mutable_published_inventory() = inventory;
    *push.add_changes() = std::move(change);
    out.added = true;
    out.inventoryId = inventory.id();
    out.inventory = inventory;
  }

  if (request.lock && inventory.kind() == v1::INVENTORY_KIND_BEI) {
    auto years = store.entitiesOf(EntityType::kMunicipalityYear, m->id);
    if (!years.isOk()) return years.status();
    const StoredEntity* year = nullptr;
    for (const auto& y : *years)
      if (y.entity.municipality_year().year() == inventory.year() &&
          (!year || y.entity.municipality_year().bei_locked()))
        year = &y;
    if (!year || !year->entity.municipality_year().bei_locked()) {
      v1::Change change;
      change.set_change_id(core::newUuidV7(clock));
      auto* y = change.mutable_municipality_year();
      if (year) {
        // Later than any stamp the record has, so the lock wins the merge.
        change.set_hlc(std::max(hlc, year->hlc + 1));
        change.set_entity_id(year->id);
        y->set_id(year->id);
        change.add_fields("bei_locked");
      } else {
        change.set_hlc(hlc);
        change.set_entity_id(core::newUuidV7(clock));
        y->set_id(change.entity_id());
        y->set_municipality_id(m->id);
        y->set_year(inventory.year());
        if (inventory.population() > 0) y->set_population(inventory.population());
      }
      y->set_bei_locked(true);
      *push.add_changes() = std::move(change);
      out.lockedNow = true;
    }
  }
  if (push.changes_size() == 0) return out;

  auto result = applyPush(store, serverWriter(), push, now, {.allOrNothing = true});
  if (!result.isOk()) return core::Status(result.status().code(), request.path + ": " + result.status().message());
  SECAP_RETURN_IF_ERROR(store.addAuditEntry(
      {.atMs = now,
       .actor = actor,
       .action = "inventory.import",
       .detail = "municipality=" + m->id + " " + kindName(inventory.kind()) + "=" + std::to_string(inventory.year()) +
                 (out.added ? " record=" + out.inventoryId : " unchanged") +
                 (out.supersededId.empty() ? "" : " supersedes=" + out.supersededId) +
                 (out.lockedNow ? " locked" : "")}));
  return out;
}

Result<core::MunicipalityProgress> progressOf(Store& store, const std::string& municipality) {
  auto m = findMunicipality(store, municipality);
  if (!m.isOk()) return m.status();
  auto records = monitoringRecordsOf(store, m->id);
  if (!records.isOk()) return records.status();
  return core::municipalityProgress(*records);
}

Result<std::string> exportInventoryCsv(Store& store, const std::string& municipality, int year) {
  auto m = findMunicipality(store, municipality);
  if (!m.isOk()) return m.status();
  auto records = monitoringRecordsOf(store, m->id);
  if (!records.isOk()) return records.status();
  const auto progress = core::municipalityProgress(*records);
  const core::YearInventory* found = nullptr;
  if (progress.bei && progress.bei->inventory.year == year) found = &*progress.bei;
  for (const auto& mei : progress.meis)
    if (mei.inventory.year == year) found = &mei;
  if (!found) {
    std::string years;
    if (progress.bei) years = std::to_string(progress.bei->inventory.year) + " (BEI)";
    for (const auto& mei : progress.meis) years += (years.empty() ? "" : ", ") + std::to_string(mei.inventory.year);
    return core::notFound(m->entity.municipality().name() + " has no inventory for " + std::to_string(year) +
                          (years.empty() ? "" : "; it has " + years));
  }
  v1::PublishedInventory shape;
  if (!found->publishedId.empty()) {
    for (const auto& p : records->published)
      if (p.id() == found->publishedId) shape = p;
  } else {
    shape = core::toPublishedShape(*found, records->municipality);
  }
  return core::writeComInventoryCsv(shape, records->municipality.name());
}

std::string describeProgress(const core::MunicipalityProgress& p) {
  auto line = [](const core::YearInventory& y) {
    std::string s = fmt::format("  {} {}  {:>12.1f} MWh  {:>12.1f} t CO2", y.baseline ? "BEI" : "MEI",
                                y.inventory.year, y.inventory.totalMwh, y.inventory.totalTCo2);
    if (y.perCapitaT) s += fmt::format("  {:.2f} t per inhabitant{}", *y.perCapitaT, y.populationEstimated ? " (population estimated)" : "");
    bool metered = false;
    for (const auto& [sector, byCarrier] : y.inventory.cells)
      for (const auto& [carrier, cell] : byCarrier) metered = metered || !cell.origin.meters.empty();
    if (!y.publishedId.empty())
      s += std::string("  as published") + (y.locked ? " (locked)" : "");
    else
      s += metered ? "  computed from activity data and the municipality's meters" : "  computed from activity data";
    if (!y.inventory.complete())
      s += fmt::format("\n      {} cell(s) missing, e.g. {}", y.inventory.gaps.size(), y.inventory.gaps.front().reason);
    return s + "\n";
  };
  std::string out = fmt::format("{}: baseline {}, target -{:g} % by {}\n", p.name, p.baselineYear,
                                p.targetReductionPct, p.targetYear);
  if (p.bei) out += line(*p.bei);
  for (const auto& mei : p.meis) out += line(mei);
  if (p.reduction) {
    const auto& r = *p.reduction;
    out += fmt::format("  reduction {} against {}: {:.1f} %", r.year, r.baselineYear, r.reductionPct);
    if (r.perCapitaReductionPct) out += fmt::format(" ({:.1f} % per inhabitant)", *r.perCapitaReductionPct);
    out += fmt::format("; the linear path expects {:.1f} %: {}\n", r.expectedReductionPct,
                       r.onTrack ? "on track" : "behind");
  }
  if (p.climateNeutralityYear && p.neutralityGapT)
    out += fmt::format("  climate neutrality by {}: {:.0f} t CO2 still to go, {:.0f} t a year\n",
                       *p.climateNeutralityYear, *p.neutralityGapT, p.neutralityCutTPerYear.value_or(0));
  for (const auto& n : p.notes) out += "  note: " + n + "\n";
  return out;
}

std::string summarizeProgress(const core::MunicipalityProgress& p) {
  auto perCapita = [](const core::YearInventory& y) {
    return y.perCapitaT ? fmt::format("{:.2f} t/inh.", *y.perCapitaT) : std::string("? t/inh.");
  };
  std::string out = fmt::format("{:<16}", p.name);
  if (!p.bei) return out + "no BEI yet\n";
  out += fmt::format("BEI {} {:>12} {:<22}", p.bei->inventory.year, perCapita(*p.bei),
                     p.bei->publishedId.empty() ? "(computed)" : p.bei->locked ? "(published, locked)" : "(published)");
  if (p.meis.empty()) return out + "no MEI yet\n";
  const auto& mei = p.meis.back();
  out += fmt::format("MEI {} {:>12}", mei.inventory.year, perCapita(mei));
  if (p.reduction)
    out += fmt::format("  -{:.1f} % (the path: -{:.1f} %) {}", p.reduction->reductionPct,
                       p.reduction->expectedReductionPct, p.reduction->onTrack ? "on track" : "behind");
  return out + "\n";
}

}  // namespace secap::server

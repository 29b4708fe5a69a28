#include "scope.h"

#include <algorithm>

#include "secap/core/entity.h"
#include "secap/core/merge.h"

namespace secap::server {

using core::EntityType;
using secap::v1::Change;

namespace {

bool isAdmin(const DeviceRecord& device) {
  return std::any_of(device.roles.begin(), device.roles.end(), [](const auto& r) { return r.second == "admin"; });
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// A kiosk keeps a person's name, PIN hash and kiosk sites; which
// municipalities the person works for elsewhere is none of its business.
// false when nothing is left to send.
bool stripPersonForKiosk(Change& change) {
  change.mutable_person()->clear_roles();
  if (change.fields().empty()) return true;  // every field: roles now arrives empty
  auto* fields = change.mutable_fields();
  fields->erase(std::remove(fields->begin(), fields->end(), "roles"), fields->end());
  // An empty mask would mean "every field": a change that wrote only roles
  // has nothing for the kiosk.
  return !fields->empty() || change.deleted();
}

}  // namespace

Result<std::vector<std::string>> pullScopeOf(Store& store, const DeviceRecord& device) {
  std::vector<std::string> scopes;
  if (isAdmin(device)) {
    auto all = store.allMunicipalities();
    if (!all.isOk()) return all.status();
    for (const auto& m : *all) scopes.push_back(m.id);
  } else {
    for (const auto& [municipality, role] : device.roles) scopes.push_back(municipality);
  }
  scopes.push_back(core::kGlobalScope);
  return scopes;
}

PullFilter::PullFilter(Store& store, const DeviceRecord& device)
    : m_store(store), m_device(device), m_admin(isAdmin(device)) {}

Result<const PullFilter::KioskView*> PullFilter::kioskView(const std::string& municipalityId) {
  if (auto it = m_kiosk.find(municipalityId); it != m_kiosk.end()) return &it->second;
  KioskView view;
  auto sites = m_store.entitiesOf(EntityType::kSite, municipalityId);
  if (!sites.isOk()) return sites.status();
  for (const auto& s : *sites)
    if (m_device.sites.empty() || contains(m_device.sites, s.id)) view.sites.insert(s.id);
  auto meters = m_store.entitiesOf(EntityType::kMeter, municipalityId);
  if (!meters.isOk()) return meters.status();
  for (const auto& m : *meters)
    if (view.sites.count(m.entity.meter().site_id())) view.meters.insert(m.id);
  auto persons = m_store.entitiesOf(EntityType::kPerson, municipalityId);
  if (!persons.isOk()) return persons.status();
  for (const auto& p : *persons) {
    const auto& person = p.entity.person();
    if (person.kiosk_pin_hash().empty()) continue;
    if (std::any_of(person.kiosk_site_ids().begin(), person.kiosk_site_ids().end(),
                    [&](const std::string& site) { return view.sites.count(site) > 0; }))
      view.persons.insert(p.id);
  }
  auto attachments = m_store.entitiesOf(EntityType::kAttachment, municipalityId);
  if (!attachments.isOk()) return attachments.status();
  for (const auto& a : *attachments)
    if (a.entity.attachment().publishable() && !a.entity.attachment().redacted()) view.attachments.insert(a.id);
  return &m_kiosk.emplace(municipalityId, std::move(view)).first->second;
}

Result<bool> PullFilter::keep(const std::string& municipalityId, Change& change) {
  if (m_admin) return true;
  auto role = m_device.roles.find(municipalityId);
  // Reference data, and municipalities where the device is not a kiosk.
  if (role == m_device.roles.end() || role->second != "kiosk") return true;
  switch (change.entity_case()) {
    case Change::kMunicipality:
    case Change::kMeasure:
    case Change::kProgressUpdate:
    case Change::kEmissionFactor:
    case Change::kDegreeDays:
    case Change::kMunicipalityYear:
    case Change::kPublishedInventory:
      return true;
    case Change::kSite:
    case Change::kMeter:
    case Change::kReading:
    case Change::kPerson:
    case Change::kAttachment:
      break;
    default:
      // Inspections, reviews, templates and activity data stay off a wall tablet.
      return false;
  }
  auto view = kioskView(municipalityId);
  if (!view.isOk()) return view.status();
  const KioskView& v = **view;
  switch (change.entity_case()) {
    case Change::kSite:
      return v.sites.count(change.entity_id()) > 0;
    case Change::kMeter:
      return v.meters.count(change.entity_id()) > 0;
    case Change::kReading:
      return v.meters.count(change.reading().meter_id()) > 0;
    case Change::kPerson:
      return v.persons.count(change.entity_id()) > 0 && stripPersonForKiosk(change);
    case Change::kAttachment:
      return v.attachments.count(change.entity_id()) > 0;
    default:
      return false;
  }
}

Status PullFilter::apply(google::protobuf::RepeatedPtrField<Change>& changes,
                         const std::vector<std::string>& municipalityIds) {
  if (m_admin) return Status::ok();
  int kept = 0;
  for (int i = 0; i < changes.size(); ++i) {
    auto keepIt = keep(municipalityIds.at(static_cast<size_t>(i)), changes[i]);
    if (!keepIt.isOk()) return keepIt.status();
    if (!*keepIt) continue;
    if (kept != i) changes.SwapElements(kept, i);
    ++kept;
  }
  while (changes.size() > kept) changes.RemoveLast();
  return Status::ok();
}

bool changesKioskView(const Change& change, const std::vector<std::string>& changedFields) {
  auto touches = [&](std::initializer_list<std::string_view> names) {
    return std::any_of(changedFields.begin(), changedFields.end(),
                       [&](const std::string& f) { return std::find(names.begin(), names.end(), f) != names.end(); });
  };
  switch (change.entity_case()) {
    case Change::kSite:
      return touches({core::kDeletedField, "municipality_id"});
    case Change::kMeter:
      return touches({core::kDeletedField, "site_id"});
    case Change::kPerson:
      return touches({core::kDeletedField, "kiosk_pin_hash", "kiosk_site_ids", "roles"});
    case Change::kAttachment:
      return touches({core::kDeletedField, "publishable", "redacted", "owner_id", "owner_type"});
    default:
      return false;
  }
}

}  // namespace secap::server

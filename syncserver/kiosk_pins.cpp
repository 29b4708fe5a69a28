#include "kiosk_pins.h"

#include <algorithm>

#include "enrollment.h"
#include "ingest.h"
#include "secap/core/entity.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"
#include "secap/core/kiosk_pin.h"

namespace secap::server {

Result<std::string> setKioskPin(Store& store, const KioskPinRequest& r, const core::Clock& clock,
                                const std::string& actor) {
  if (!r.clear && r.sites.empty()) return core::invalidArgument("name the sites where the PIN works (--sites ID,ID)");
  SECAP_RETURN_IF_ERROR(checkKioskSites(store, {r.municipalityId}, r.sites));

  const int64_t now = clock.nowMs();
  secap::v1::Change change;
  change.set_change_id(core::newUuidV7(clock));
  core::HlcValue hlc = core::makeHlc(now, 0);
  auto* person = change.mutable_person();
  if (r.personId.empty()) {
    if (r.clear) return core::invalidArgument("--clear needs the --person whose PIN to take away");
    if (r.displayName.empty()) return core::invalidArgument("a new person needs a name (--name)");
    change.set_entity_id(core::newUuidV7(clock));
    person->set_id(change.entity_id());
    person->set_display_name(r.displayName);
    auto* role = person->add_roles();
    role->set_municipality_id(r.municipalityId);
    role->set_role("field");
  } else {
    auto persons = store.entitiesOf(core::EntityType::kPerson, r.municipalityId);
    if (!persons.isOk()) return persons.status();
    auto it = std::find_if(persons->begin(), persons->end(), [&](const StoredEntity& p) { return p.id == r.personId; });
    if (it == persons->end()) return core::notFound("there is no person " + r.personId + " in this municipality");
    change.set_entity_id(r.personId);
    person->set_id(r.personId);
    // Later than any stamp the record has, so this edit wins the merge even
    // against a device whose clock ran ahead.
    hlc = std::max(hlc, it->hlc + 1);
    change.add_fields("kiosk_pin_hash");
    change.add_fields("kiosk_site_ids");
    if (!r.displayName.empty()) {
      person->set_display_name(r.displayName);
      change.add_fields("display_name");
    }
  }
  change.set_hlc(hlc);
  if (!r.clear) {
    auto hash = core::hashKioskPin(r.pin);
    if (!hash.isOk()) return hash.status();
    person->set_kiosk_pin_hash(*hash);
    for (const auto& s : r.sites) person->add_kiosk_site_ids(s);
  }

  secap::v1::PushRequest push;
  *push.add_changes() = change;
  auto result = applyPush(store, serverWriter(), push, now);
  if (!result.isOk()) return result.status();
  const auto& verdict = result->results(0);
  if (verdict.outcome() == secap::v1::REJECTED)
    return core::invalidArgument("the person was not saved: " + verdict.message() + " (" + verdict.reason_code() + ")");
  std::string sites;
  for (const auto& s : r.sites) sites += (sites.empty() ? "" : ",") + s;
  SECAP_RETURN_IF_ERROR(
      store.addAuditEntry({.atMs = now,
                           .actor = actor,
                           .action = "person.kiosk_pin",
                           .detail = "person=" + change.entity_id() + " municipality=" + r.municipalityId +
                                     (r.clear ? " pin=cleared" : " pin=set sites=" + sites)}));
  return change.entity_id();
}

}  // namespace secap::server

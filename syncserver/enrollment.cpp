#include "enrollment.h"

#include <sodium.h>

#include <set>

#include "secap/core/ids.h"

namespace secap::server {

namespace {
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford base32
constexpr int kCodeChars = 15;
}  // namespace

std::string newEnrollmentCode() {
  (void)core::randomHex(1);  // makes sure libsodium is initialised
  std::string code;
  for (int i = 0; i < kCodeChars; ++i) {
    if (i > 0 && i % 5 == 0) code += '-';
    code += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  }
  return code;
}

std::string normalizeEnrollmentCode(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    out += c;
  }
  return out;
}

bool isKnownRole(std::string_view role) {
  return role == "admin" || role == "coordinator" || role == "field" || role == "kiosk" || role == "partner";
}

Status checkKioskSites(Store& store, const std::vector<std::string>& municipalityIds,
                       const std::vector<std::string>& sites) {
  std::set<std::string> known;
  for (const auto& municipality : municipalityIds) {
    auto all = store.entitiesOf(core::EntityType::kSite, municipality);
    if (!all.isOk()) return all.status();
    for (const auto& site : *all) known.insert(site.id);
  }
  for (const auto& site : sites)
    if (!known.count(site))
      return core::invalidArgument("site " + site + " is not a site of this kiosk's municipality");
  return Status::ok();
}

Result<std::string> issueEnrollmentCode(Store& store, const std::string& municipalityId, const std::string& role,
                                        const core::Clock& clock, int64_t lifetimeMs,
                                        const std::vector<std::string>& kioskSites) {
  if (!isKnownRole(role)) return core::invalidArgument("unknown role '" + role + "'");
  if (!kioskSites.empty()) {
    if (role != "kiosk") return core::invalidArgument("only a kiosk code can be bound to sites (--role kiosk)");
    SECAP_RETURN_IF_ERROR(checkKioskSites(store, {municipalityId}, kioskSites));
  }
  const std::string code = newEnrollmentCode();
  EnrollmentCodeRecord rec;
  rec.codeHash = core::sha256Hex(normalizeEnrollmentCode(code));
  rec.municipalityId = municipalityId;
  rec.role = role;
  rec.createdAtMs = clock.nowMs();
  rec.expiresAtMs = rec.createdAtMs + lifetimeMs;
  rec.sites = kioskSites;
  SECAP_RETURN_IF_ERROR(store.addEnrollmentCode(rec));
  return code;
}

Result<StoredEntity> findMunicipality(Store& store, const std::string& idOrName) {
  auto all = store.allMunicipalities();
  if (!all.isOk()) return all.status();
  for (auto& m : *all)
    if (m.id == idOrName || m.entity.municipality().name() == idOrName) return m;
  return core::notFound("no municipality with the id or name '" + idOrName + "'");
}

}  // namespace secap::server

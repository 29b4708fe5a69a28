#include "web_admin.h"

#include <algorithm>

#include "enroll_qr.h"
#include "enrollment.h"
#include "ingest.h"
#include "secap/core/enroll_uri.h"
#include "secap/core/hlc.h"
#include "secap/core/host_port.h"
#include "secap/core/ids.h"

namespace secap::server {

namespace v1 = secap::v1;
using core::EntityType;
using core::StatusCode;

namespace {

bool isAdmin(const Caller& caller) {
  if (!caller.device) return false;
  const auto& roles = caller.device->roles;
  return std::any_of(roles.begin(), roles.end(), [](const auto& r) { return r.second == "admin"; });
}

std::string actorOf(const Caller& caller) {
  return caller.webLogin.empty() ? caller.device->id : "web:" + caller.webLogin;
}

Result<DeviceRecord> deviceToManage(Store& store, const Caller& caller, const std::string& deviceId,
                                    const std::string& what) {
  if (!core::isCanonicalUuid(deviceId)) return core::invalidArgument("the device id must be a canonical UUID");
  auto d = store.deviceById(deviceId);
  if (!d.isOk()) return d.status();
  if (!d->has_value()) return core::notFound("there is no device " + deviceId);
  SECAP_RETURN_IF_ERROR(mayManage(caller, (*d)->municipalityId, what));
  return **d;
}

Result<StoredEntity> attachmentToManage(Store& store, const Caller& caller, const std::string& id,
                                        const std::string& what) {
  auto a = store.attachmentById(id);
  if (!a.isOk()) return a.status();
  if (!a->has_value() || (*a)->deleted) return core::notFound("there is no photo " + id);
  SECAP_RETURN_IF_ERROR(mayManage(caller, (*a)->municipalityId, what));
  return **a;
}

}  // namespace

Status mayManage(const Caller& caller, const std::string& municipalityId, const std::string& what) {
  if (!caller.device) return {StatusCode::kUnauthenticated, "sign in first"};
  if (isAdmin(caller)) return Status::ok();
  auto role = caller.device->roles.find(municipalityId);
  if (role != caller.device->roles.end() && role->second == "coordinator") return Status::ok();
  return {StatusCode::kPermissionDenied, what + " is for the municipality's coordinators"};
}

Result<v1::DeviceList> devicesOf(Store& store, const Caller& caller, const std::string& municipalityId) {
  SECAP_RETURN_IF_ERROR(mayManage(caller, municipalityId, "the list of devices"));
  auto all = store.allDevices();
  if (!all.isOk()) return all.status();
  v1::DeviceList out;
  for (const auto& d : *all) {
    auto role = d.roles.find(municipalityId);
    if (role == d.roles.end() && d.municipalityId != municipalityId) continue;
    auto* row = out.add_devices();
    row->set_device_id(d.id);
    row->set_name(d.name);
    row->set_platform(d.platform);
    row->set_role(role != d.roles.end() ? role->second : d.role);
    row->set_enrolled_at(d.enrolledAtMs);
    row->set_revoked_at(d.revokedAtMs);
    row->set_rescue(d.rescue);
    row->set_last_seen_at(d.lastSeenMs);
    row->set_outbox(d.outbox);
    for (const auto& s : d.sites) row->add_site_ids(s);
  }
  std::stable_sort(out.mutable_devices()->begin(), out.mutable_devices()->end(), [](const auto& a, const auto& b) {
    if ((a.revoked_at() == 0) != (b.revoked_at() == 0)) return a.revoked_at() == 0;
    return a.name() < b.name();
  });
  return out;
}

Result<v1::IssuedEnrollmentCode> issueCodeFor(Store& store, const core::Clock& clock, const Caller& caller,
                                              const std::string& municipalityId,
                                              const v1::IssueEnrollmentCodeRequest& request) {
  SECAP_RETURN_IF_ERROR(mayManage(caller, municipalityId, "enrolling devices"));
  if (request.role() == "admin" && !isAdmin(caller))
    return Status(StatusCode::kPermissionDenied, "only an administrator can enroll an administrator's device");
  if (request.days() < 0 || request.days() > 30) return core::invalidArgument("a code is valid 1 to 30 days");
  const int days = request.days() == 0 ? 7 : request.days();
  const std::vector<std::string> sites(request.site_ids().begin(), request.site_ids().end());
  auto code = issueEnrollmentCode(store, municipalityId, request.role(), clock, days * 24LL * 3600 * 1000, sites);
  if (!code.isOk()) return code.status();
  v1::IssuedEnrollmentCode out;
  out.set_code(*code);
  out.set_expires_at(clock.nowMs() + days * 24LL * 3600 * 1000);
  std::string qrText = *code;
  if (!request.server().empty()) {
    std::string host;
    uint16_t port = 0;
    if (!core::splitHostPort(request.server(), host, port) || port == 0)
      return core::invalidArgument("the server must be HOST:PORT, as devices dial it");
    core::EnrollInvite invite;
    invite.server = request.server();
    invite.code = *code;
    out.set_uri(core::buildEnrollUri(invite));
    qrText = out.uri();
  }
  out.set_qr_svg(qrSvg(qrText));
  SECAP_RETURN_IF_ERROR(store.addAuditEntry(
      {0, clock.nowMs(), actorOf(caller), "enroll_code.issue",
       "municipality=" + municipalityId + " role=" + request.role() + " sites=" + std::to_string(sites.size())}));
  return out;
}

Status revokeDeviceFor(Store& store, const core::Clock& clock, const Caller& caller, const std::string& deviceId,
                       bool allowRescue) {
  auto d = deviceToManage(store, caller, deviceId, "withdrawing devices");
  if (!d.isOk()) return d.status();
  if (d->id == caller.device->id) return core::invalidArgument("you cannot withdraw the device you are using");
  return store.revokeDevice(deviceId, allowRescue, clock.nowMs(), actorOf(caller));
}

Status bindSitesFor(Store& store, const core::Clock& clock, const Caller& caller, const std::string& deviceId,
                    const std::vector<std::string>& siteIds) {
  auto d = deviceToManage(store, caller, deviceId, "binding a kiosk to its sites");
  if (!d.isOk()) return d.status();
  if (d->role != "kiosk") return core::invalidArgument("only a kiosk is bound to sites");
  std::vector<std::string> municipalities;
  for (const auto& [m, role] : d->roles) municipalities.push_back(m);
  SECAP_RETURN_IF_ERROR(checkKioskSites(store, municipalities, siteIds));
  return store.bindSites(deviceId, siteIds, clock.nowMs(), actorOf(caller));
}

Result<v1::PhotoList> photosOf(Store& store, const Caller& caller, const std::string& municipalityId) {
  SECAP_RETURN_IF_ERROR(mayManage(caller, municipalityId, "managing photos"));
  auto found = store.entitiesOf(EntityType::kAttachment, municipalityId);
  if (!found.isOk()) return found.status();
  v1::PhotoList out;
  for (const auto& e : *found) *out.add_photos() = e.entity.attachment();
  std::sort(out.mutable_photos()->begin(), out.mutable_photos()->end(),
            [](const auto& a, const auto& b) { return a.taken_at() > b.taken_at(); });
  return out;
}

Result<v1::Attachment> setPublishableFor(Store& store, const core::Clock& clock, const Caller& caller,
                                         const std::string& attachmentId, bool publishable) {
  auto a = attachmentToManage(store, caller, attachmentId, "publishing photos");
  if (!a.isOk()) return a.status();
  if (a->entity.attachment().redacted() && publishable)
    return core::invalidArgument("a redacted photo cannot be published");
  const int64_t now = clock.nowMs();
  v1::PushRequest push;
  auto* change = push.add_changes();
  change->set_change_id(core::newUuidV7(clock));
  change->set_entity_id(attachmentId);
  change->set_hlc(core::makeHlc(std::max(now, core::hlcPhysicalMs(a->hlc) + 1), 0));
  change->add_fields("publishable");
  *change->mutable_attachment() = a->entity.attachment();
  change->mutable_attachment()->set_publishable(publishable);
  const auto& device = *caller.device;
  auto pushed = applyPush(store, Writer{device.id, device.roles, device.sites}, push, now);
  if (!pushed.isOk()) return pushed.status();
  const auto& result = pushed->results(0);
  if (result.outcome() != v1::ACCEPTED && result.outcome() != v1::DUPLICATE)
    return Status(
        result.reason_code() == "auth.forbidden" ? StatusCode::kPermissionDenied : StatusCode::kInvalidArgument,
        result.reason_code() + ": " + result.message());
  return change->attachment();
}

Status redactFor(Store& store, Attachments* attachments, const Caller& caller, const std::string& attachmentId,
                 const std::string& reason) {
  if (!attachments) return {StatusCode::kUnavailable, "this server keeps no photos"};
  auto a = attachmentToManage(store, caller, attachmentId, "redacting photos");
  if (!a.isOk()) return a.status();
  if (reason.find_first_not_of(" \t") == std::string::npos)
    return core::invalidArgument("say why the photo is redacted (it goes to the audit log)");
  auto done = attachments->redact(attachmentId, reason, actorOf(caller));
  return done.isOk() ? Status::ok() : done.status();
}

std::string qrSvg(const std::string& text) {
  auto qr = encodeQr(text);
  if (!qr.isOk()) return {};
  const int n = qr->size + 2 * kQrQuietZone;
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(n) + " " +
                    std::to_string(n) + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" " +
                    "fill=\"#fff\"/><path fill=\"#000\" d=\"";
  for (int y = 0; y < qr->size; ++y)
    for (int x = 0; x < qr->size; ++x)
      if (qr->dark(x, y))
        out += "M" + std::to_string(x + kQrQuietZone) + " " + std::to_string(y + kQrQuietZone) + "h1v1h-1z";
  out += "\"/></svg>";
  return out;
}

}  // namespace secap::server

#include "sync_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "compaction.h"
#include "enrollment.h"
#include "ingest.h"
#include "secap/core/ids.h"
#include "secap/core/sync_transport.h"

namespace secap::server {

using core::StatusCode;

grpc::Status toGrpcStatus(const core::Status& st) {
  switch (st.code()) {
    case StatusCode::kOk:
      return grpc::Status::OK;
    case StatusCode::kInvalidArgument:
      return {grpc::StatusCode::INVALID_ARGUMENT, st.message()};
    case StatusCode::kNotFound:
      return {grpc::StatusCode::NOT_FOUND, st.message()};
    case StatusCode::kAlreadyExists:
      return {grpc::StatusCode::ALREADY_EXISTS, st.message()};
    case StatusCode::kFailedPrecondition:
      return {grpc::StatusCode::FAILED_PRECONDITION, st.message()};
    case StatusCode::kPermissionDenied:
      return {grpc::StatusCode::PERMISSION_DENIED, st.message()};
    case StatusCode::kUnauthenticated:
      return {grpc::StatusCode::UNAUTHENTICATED, st.message()};
    case StatusCode::kResourceExhausted:
      // The server's own disk, not the caller's message size: try later.
      return {grpc::StatusCode::UNAVAILABLE, st.message()};
    case StatusCode::kUnavailable:
      return {grpc::StatusCode::UNAVAILABLE, st.message()};
    case StatusCode::kDataLoss:
      return {grpc::StatusCode::DATA_LOSS, st.message()};
    case StatusCode::kAborted:
      // Still conflicting after the server's own retries: the client retries.
      return {grpc::StatusCode::UNAVAILABLE, st.message()};
    case StatusCode::kInternal:
      break;
  }
  return {grpc::StatusCode::INTERNAL, st.message()};
}

namespace {

grpc::Status checkSchema(int32_t version) {
  // 0 means an older tool that does not send it; it is read as version 1.
  if (version != 0 && version != core::kSchemaVersion)
    return {grpc::StatusCode::FAILED_PRECONDITION,
            "this app version is not supported by the server (schema " + std::to_string(version) + ", server speaks " +
                std::to_string(core::kSchemaVersion) + "); please update the app"};
  return grpc::Status::OK;
}

}  // namespace

// --- Devices, roles and limits ---

bool isKioskOnly(const DeviceRecord& device) {
  return !device.roles.empty() &&
         std::all_of(device.roles.begin(), device.roles.end(), [](const auto& r) { return r.second == "kiosk"; });
}

// An admin role anywhere reaches every municipality (DESIGN.md §8).
Result<std::vector<std::string>> pullScopeOf(Store& store, const DeviceRecord& device) {
  const bool admin =
      std::any_of(device.roles.begin(), device.roles.end(), [](const auto& r) { return r.second == "admin"; });
  if (admin) {
    auto all = store.allMunicipalities();
    if (!all.isOk()) return all.status();
    std::vector<std::string> scopes;
    for (const auto& m : *all) scopes.push_back(m.id);
    scopes.push_back(core::kGlobalScope);
    return scopes;
  }
  const bool kioskOnly = isKioskOnly(device);
  std::vector<std::string> scopes;
  for (const auto& [municipality, role] : device.roles) {
    // A kiosk's municipality is filtered by kioskMaySee, which is done for
    // kiosk-only devices; a device that is also something else elsewhere
    // does not get its kiosk municipalities at all.
    if (role == "kiosk" && !kioskOnly) continue;
    scopes.push_back(municipality);
  }
  scopes.push_back(core::kGlobalScope);
  return scopes;
}

bool kioskMaySee(const secap::v1::Change& change) {
  using C = secap::v1::Change;
  switch (change.entity_case()) {
    case C::kMunicipality:
    case C::kSite:
    case C::kMeter:
    case C::kReading:
    case C::kMeasure:
    case C::kProgressUpdate:
    case C::kEmissionFactor:
    case C::kDegreeDays:
    case C::kMunicipalityYear:
      return true;
    default:
      // Persons (names, PIN hashes), inspections, reviews, templates,
      // activity data and attachments stay off a wall tablet.
      return false;
  }
}

namespace {

// What one kiosk-only device may pull: kioskMaySee, and once sites are bound
// to it (admin bind-sites), only those sites, their meters and readings.
class KioskView {
 public:
  static Result<KioskView> of(Store& store, const DeviceRecord& device) {
    KioskView view;
    view.m_bound = !device.sites.empty();
    if (!view.m_bound) return view;
    view.m_sites.insert(device.sites.begin(), device.sites.end());
    for (const auto& [municipality, role] : device.roles) {
      auto meters = store.entitiesOf(core::EntityType::kMeter, municipality);
      if (!meters.isOk()) return meters.status();
      for (const auto& m : *meters)
        if (view.m_sites.count(m.entity.meter().site_id())) view.m_meters.insert(m.id);
    }
    return view;
  }

  [[nodiscard]] bool allows(const secap::v1::Change& c) const {
    if (!kioskMaySee(c)) return false;
    if (!m_bound) return true;
    using C = secap::v1::Change;
    switch (c.entity_case()) {
      case C::kSite:
        return m_sites.count(c.entity_id()) > 0;
      case C::kMeter:
        return m_meters.count(c.entity_id()) > 0 || m_sites.count(c.meter().site_id()) > 0;
      case C::kReading:
        return m_meters.count(c.reading().meter_id()) > 0;
      default:
        return true;
    }
  }

  void filter(google::protobuf::RepeatedPtrField<secap::v1::Change>& changes) const {
    changes.erase(std::remove_if(changes.begin(), changes.end(), [this](const auto& c) { return !allows(c); }),
                  changes.end());
  }

 private:
  bool m_bound = false;
  std::set<std::string> m_sites;
  std::set<std::string> m_meters;
};

}  // namespace

grpc::Status SyncServiceImpl::authorize(grpc::ServerContext* ctx, Rpc rpc, DeviceRecord& device, bool& rescuePush) {
  rescuePush = false;
  const auto& md = ctx->client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) return {grpc::StatusCode::UNAUTHENTICATED, "missing bearer token"};
  const std::string value(it->second.data(), it->second.size());
  constexpr std::string_view kPrefix = "Bearer ";
  if (value.size() <= kPrefix.size() || value.compare(0, kPrefix.size(), kPrefix) != 0)
    return {grpc::StatusCode::UNAUTHENTICATED, "malformed authorization header"};
  auto found = m_store.deviceByTokenHash(core::sha256Hex(value.substr(kPrefix.size())));
  if (!found.isOk()) return toGrpcStatus(found.status());
  if (!found->has_value()) return {grpc::StatusCode::UNAUTHENTICATED, "unknown or replaced token"};
  device = **found;
  if (device.revokedAtMs != 0) {
    if (device.rescue == kRescueUsed) {
      ctx->AddTrailingMetadata(kWipeTrailer, "1");
      return {grpc::StatusCode::PERMISSION_DENIED,
              "this device was withdrawn by your coordinator; its data must be removed from it"};
    }
    if (device.rescue == kRescueAllowed && rpc == Rpc::kPush) {
      auto taken = m_store.takeRescue(device.id);
      if (!taken.isOk()) return toGrpcStatus(taken.status());
      if (*taken) {
        spdlog::warn("accepting the last push of withdrawn device {} ({})", device.id, device.name);
        rescuePush = true;
        return grpc::Status::OK;
      }
    }
    return {grpc::StatusCode::PERMISSION_DENIED,
            "this device was withdrawn by your coordinator; ask them if its unsent data should be saved"};
  }
  if (auto st = checkRate(ctx, device); !st.ok()) return st;
  if (device.roles.empty())
    return {grpc::StatusCode::PERMISSION_DENIED, "this device has no role in any municipality; ask your coordinator"};
  bool onlyPartner =
      std::all_of(device.roles.begin(), device.roles.end(), [](const auto& r) { return r.second == "partner"; });
  if (onlyPartner) return {grpc::StatusCode::PERMISSION_DENIED, "partners see shared aggregates only, not raw data"};
  return grpc::Status::OK;
}

grpc::Status SyncServiceImpl::checkRate(grpc::ServerContext* ctx, const DeviceRecord& device) {
  if (m_limits.rateLimitPerMinute <= 0) return grpc::Status::OK;
  const int64_t now = m_clock.nowMs();
  const int64_t windowStart = now - now % kRateWindowMs;
  auto calls = m_store.countCall(device.id, windowStart);
  if (!calls.isOk()) return toGrpcStatus(calls.status());
  if (*calls <= m_limits.rateLimitPerMinute) return grpc::Status::OK;
  const int64_t retryAfter = windowStart + kRateWindowMs - now;
  ctx->AddTrailingMetadata(kRetryAfterTrailer, std::to_string(retryAfter));
  return {grpc::StatusCode::RESOURCE_EXHAUSTED, "this device syncs too often (more than " +
                                                    std::to_string(m_limits.rateLimitPerMinute) +
                                                    " calls a minute); it will try again shortly"};
}

grpc::Status SyncServiceImpl::Enroll(grpc::ServerContext*, const secap::v1::EnrollRequest* req,
                                     secap::v1::EnrollResponse* resp) {
  if (req->enrollment_code().empty() || req->enrollment_code().size() > 128)
    return {grpc::StatusCode::INVALID_ARGUMENT, "enrollment_code is required"};
  if (req->install_id().empty() || req->install_id().size() > 64)
    return {grpc::StatusCode::INVALID_ARGUMENT, "install_id is required"};
  if (req->device_name().size() > 200 || req->platform().size() > 100 || req->app_version().size() > 100)
    return {grpc::StatusCode::INVALID_ARGUMENT, "a device field is too long"};

  const std::string token = core::randomHex(32);
  EnrollAttempt attempt;
  attempt.codeHash = core::sha256Hex(normalizeEnrollmentCode(req->enrollment_code()));
  attempt.installId = req->install_id();
  attempt.deviceName = req->device_name();
  attempt.platform = req->platform();
  attempt.appVersion = req->app_version();
  attempt.newDeviceId = core::newUuidV7(m_clock);
  attempt.newTokenHash = core::sha256Hex(token);
  attempt.nowMs = m_clock.nowMs();
  auto device = m_store.enroll(attempt);
  if (!device.isOk()) return toGrpcStatus(device.status());
  // A retry with the code of a withdrawn device must not bring it back.
  if (device->revokedAtMs != 0)
    return {grpc::StatusCode::PERMISSION_DENIED, "this device was withdrawn by your coordinator"};
  spdlog::info("enrolled device {} ({}) as {} of {}", device->id, device->name, device->role, device->municipalityId);
  resp->set_device_id(device->id);
  resp->set_access_token(token);
  resp->set_municipality_id(device->municipalityId);
  resp->set_role(device->role);
  resp->set_server_time_ms(m_clock.nowMs());
  return grpc::Status::OK;
}

grpc::Status SyncServiceImpl::Push(grpc::ServerContext* ctx, const secap::v1::PushRequest* req,
                                   secap::v1::PushResponse* resp) {
  DeviceRecord device;
  bool rescuePush = false;
  if (auto st = authorize(ctx, Rpc::kPush, device, rescuePush); !st.ok()) return st;
  // A rescue is used up only by a push that got its verdicts.
  struct GiveBack {
    Store& store;
    const std::string& deviceId;
    bool armed;
    ~GiveBack() {
      if (armed) (void)store.giveBackRescue(deviceId);
    }
  } giveBack{m_store, device.id, rescuePush};
  if (auto st = checkSchema(req->schema_version()); !st.ok()) return st;
  if (req->changes_size() > kMaxChangesPerPush)
    return {grpc::StatusCode::INVALID_ARGUMENT,
            "too many changes in one push (" + std::to_string(req->changes_size()) + ", at most 5000)"};
  auto result = applyPush(m_store, Writer{device.id, device.roles}, *req, m_clock.nowMs());
  if (!result.isOk()) {
    spdlog::error("push from {} failed: {}", device.id, result.status().toString());
    return toGrpcStatus(result.status());
  }
  *resp = std::move(result).value();
  giveBack.armed = false;
  if (rescuePush) spdlog::warn("withdrawn device {} pushed its last {} changes", device.id, req->changes_size());
  return grpc::Status::OK;
}

grpc::Status SyncServiceImpl::Pull(grpc::ServerContext* ctx, const secap::v1::PullRequest* req,
                                   secap::v1::PullResponse* resp) {
  DeviceRecord device;
  bool rescuePush = false;
  if (auto st = authorize(ctx, Rpc::kPull, device, rescuePush); !st.ok()) return st;
  if (auto st = checkSchema(req->schema_version()); !st.ok()) return st;
  if (req->after_seq() < 0) return {grpc::StatusCode::INVALID_ARGUMENT, "after_seq must not be negative"};
  const int maxChanges = req->max_changes() > 0 ? std::min(req->max_changes(), kMaxChangesPerPull) : kMaxChangesPerPull;
  // The device's municipalities (from its token) and the reference data that
  // applies to everyone (emission factors, global inspection templates).
  auto scoped = pullScopeOf(m_store, device);
  if (!scoped.isOk()) return toGrpcStatus(scoped.status());
  const std::vector<std::string>& scopes = *scoped;
  if (req->full_resync()) {
    auto page = resyncPage(m_store, scopes, req->resync_cursor(), maxChanges, kMaxPullPageBytes);
    if (!page.isOk()) return toGrpcStatus(page.status());
    *resp = std::move(page).value();
    if (isKioskOnly(device)) {
      auto view = KioskView::of(m_store, device);
      if (!view.isOk()) return toGrpcStatus(view.status());
      view->filter(*resp->mutable_changes());
    }
    // The last page of a full resync: the device now holds its new scope.
    if (device.resyncPending && resp->resync_cursor().empty()) {
      if (auto st = m_store.clearResyncPending(device.id); !st.isOk()) return toGrpcStatus(st);
    }
    resp->set_server_time_ms(m_clock.nowMs());
    return grpc::Status::OK;
  }
  // A cursor from before the last compaction may have missed entries that
  // are gone now: the device must fetch the current state instead.
  auto horizon = m_store.compactionHorizon();
  if (!horizon.isOk()) return toGrpcStatus(horizon.status());
  // So must a device whose scope changed (a role granted or taken away).
  if ((req->after_seq() > 0 && req->after_seq() < *horizon) || device.resyncPending) {
    resp->set_full_resync_required(true);
    resp->set_last_seq(req->after_seq());
    resp->set_server_time_ms(m_clock.nowMs());
    return grpc::Status::OK;
  }
  auto page = m_store.pull(scopes, req->after_seq(), maxChanges, kMaxPullPageBytes);
  if (!page.isOk()) return toGrpcStatus(page.status());
  for (auto& c : page->changes) *resp->add_changes() = std::move(c);
  if (isKioskOnly(device)) {
    auto view = KioskView::of(m_store, device);
    if (!view.isOk()) return toGrpcStatus(view.status());
    view->filter(*resp->mutable_changes());
  }
  resp->set_last_seq(page->lastSeq);
  resp->set_has_more(page->hasMore);
  resp->set_server_time_ms(m_clock.nowMs());
  return grpc::Status::OK;
}

namespace {

const grpc::Status kNoAttachments{grpc::StatusCode::UNIMPLEMENTED,
                                  "this server stores no attachments (it was started without a data directory)"};

}  // namespace

grpc::Status SyncServiceImpl::UploadAttachment(grpc::ServerContext* ctx,
                                               grpc::ServerReader<secap::v1::AttachmentChunk>* reader,
                                               secap::v1::UploadAttachmentResponse* resp) {
  DeviceRecord device;
  bool rescuePush = false;  // never for attachments: a withdrawn device's rescue is one push of records
  if (auto st = authorize(ctx, Rpc::kAttachment, device, rescuePush); !st.ok()) return st;
  if (!m_attachments) return kNoAttachments;
  auto upload = m_attachments->beginUpload(device);
  secap::v1::AttachmentChunk chunk;
  while (reader->Read(&chunk)) {
    auto settled = upload.onChunk(chunk);
    if (!settled.isOk()) return toGrpcStatus(settled.status());
    if (settled->has_value()) {
      // Complete, or the device is not where the server stands: answer now;
      // gRPC drops whatever the device still sends on this call.
      *resp = std::move(**settled);
      return grpc::Status::OK;
    }
  }
  auto stands = upload.finish();
  if (!stands.isOk()) return toGrpcStatus(stands.status());
  *resp = std::move(stands).value();
  return grpc::Status::OK;
}

grpc::Status SyncServiceImpl::GetUploadOffset(grpc::ServerContext* ctx, const secap::v1::UploadOffsetRequest* req,
                                              secap::v1::UploadOffsetResponse* resp) {
  DeviceRecord device;
  bool rescuePush = false;  // never for attachments: a withdrawn device's rescue is one push of records
  if (auto st = authorize(ctx, Rpc::kAttachment, device, rescuePush); !st.ok()) return st;
  if (!m_attachments) return kNoAttachments;
  auto r = m_attachments->uploadOffset(device, *req);
  if (!r.isOk()) return toGrpcStatus(r.status());
  *resp = std::move(r).value();
  return grpc::Status::OK;
}

grpc::Status SyncServiceImpl::DownloadAttachment(grpc::ServerContext* ctx,
                                                 const secap::v1::DownloadAttachmentRequest* req,
                                                 grpc::ServerWriter<secap::v1::AttachmentChunk>* writer) {
  DeviceRecord device;
  bool rescuePush = false;  // never for attachments: a withdrawn device's rescue is one push of records
  if (auto st = authorize(ctx, Rpc::kAttachment, device, rescuePush); !st.ok()) return st;
  if (!m_attachments) return kNoAttachments;
  auto download = m_attachments->openDownload(device, *req);
  if (!download.isOk()) return toGrpcStatus(download.status());
  int64_t offset = download->offset;
  do {
    auto data = download->reader->read(offset, kMaxAttachmentChunkBytes);
    if (!data.isOk()) return toGrpcStatus(data.status());
    secap::v1::AttachmentChunk chunk;
    chunk.set_attachment_id(download->attachmentId);
    chunk.set_sha256(download->sha256);
    chunk.set_total_size(download->totalSize);
    chunk.set_offset(offset);
    offset += static_cast<int64_t>(data->size());
    const bool empty = data->empty();
    chunk.set_data(std::move(data).value());
    if (!writer->Write(chunk)) return {grpc::StatusCode::CANCELLED, "the device went away"};
    if (empty) break;  // an empty file, or a resume at its end: one empty chunk says so
  } while (offset < download->totalSize && !ctx->IsCancelled());
  return grpc::Status::OK;
}

}  // namespace secap::server

#pragma once
// What a coordinator manages from the web dashboard (issue 14): the
// municipality's devices (list, enrollment codes with their QR code,
// withdrawal with or without rescue, a kiosk's sites) and its photos (mark
// publishable, redact). The same rules as the admin commands, reached over
// HTTP: coordinators of the municipality, or admins. Every write goes
// through the store's audited device methods, ingest (as the caller's
// device) or Attachments::redact, so it syncs and is logged like any other.
//
// Stateless free functions; thread-safe as the Store is.

#include <string>

#include "attachments.h"
#include "http_handler.h"
#include "secap/core/clock.h"
#include "secap/v1/monitoring.pb.h"
#include "store.h"

namespace secap::server {

// kOk for an admin or a coordinator of the municipality; kUnauthenticated
// without a caller, kPermissionDenied otherwise (`what` says what was asked).
Status mayManage(const Caller& caller, const std::string& municipalityId, const std::string& what);

Result<secap::v1::DeviceList> devicesOf(Store& store, const Caller& caller, const std::string& municipalityId);
Result<secap::v1::IssuedEnrollmentCode> issueCodeFor(Store& store, const core::Clock& clock, const Caller& caller,
                                                     const std::string& municipalityId,
                                                     const secap::v1::IssueEnrollmentCodeRequest& request);
// The device's home municipality decides who may withdraw it or bind it.
Status revokeDeviceFor(Store& store, const core::Clock& clock, const Caller& caller, const std::string& deviceId,
                       bool allowRescue);
Status bindSitesFor(Store& store, const core::Clock& clock, const Caller& caller, const std::string& deviceId,
                    const std::vector<std::string>& siteIds);

Result<secap::v1::PhotoList> photosOf(Store& store, const Caller& caller, const std::string& municipalityId);
// Writes the attachment's `publishable` field as the caller's device.
Result<secap::v1::Attachment> setPublishableFor(Store& store, const core::Clock& clock, const Caller& caller,
                                                const std::string& attachmentId, bool publishable);
Status redactFor(Store& store, Attachments* attachments, const Caller& caller, const std::string& attachmentId,
                 const std::string& reason);

// A QR code as a standalone SVG (black modules on white, with the quiet zone).
std::string qrSvg(const std::string& text);

}  // namespace secap::server

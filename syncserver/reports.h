#pragma once
// StoreReports: the monitoring results the HTTP API and MonitoringService
// serve, computed from the Store by the shared calculations in secap_core
// (report.h, progress.h; never by ad-hoc SQL), with who may read what.
//
// Who may read a municipality (docs/API.md): a device with any role there
// but partner, or an admin anywhere, reads everything; a partner, or a caller
// without a token, reads a municipality that shares its progress
// (share_progress), its summary aggregated by carrier; anyone else is refused
// (kUnauthenticated without a token, kPermissionDenied with one). An unknown
// municipality is kNotFound for a device and kUnauthenticated without a token.
//
// Thread-safe: the Store is.

#include "attachments.h"
#include "blob_store.h"
#include "http_handler.h"
#include "metrics.h"
#include "secap/core/clock.h"
#include "secap/core/progress.h"
#include "store.h"
#include "web_assets.h"
#include "web_auth.h"

namespace secap::server {

// What the progress calculation reads of one municipality, from the store:
// the records a device of that municipality holds (progress.h), with the
// meters' monthly rollups in place of their readings. An empty municipality
// in the result when it is unknown.
Result<core::MonitoringRecords> monitoringRecordsOf(Store& store, const std::string& municipalityId);

class StoreReports final : public HttpBackend {
 public:
  // `metrics` may be null: /metrics then answers 503 and nothing is counted.
  explicit StoreReports(Store& store, const core::Clock& clock = core::SystemClock::instance(),
                        Metrics* metrics = nullptr)
      : m_store(store), m_clock(clock), m_metrics(metrics) {}
  bool healthy() const override;
  Result<Caller> caller(std::string_view bearerToken) const override;
  Result<secap::v1::MunicipalitySummary> municipalitySummary(const Caller& caller,
                                                             const std::string& municipalityId) const override;
  Result<secap::v1::MunicipalityReport> municipalityReport(const Caller& caller,
                                                           const std::string& municipalityId) const override;
  Result<std::string> inventoryCsv(const Caller& caller, const std::string& municipalityId, int year) const override;
  Result<std::string> actionsCsv(const Caller& caller, const std::string& municipalityId) const override;
  Result<secap::v1::SiteReport> siteReport(const Caller& caller, const std::string& siteId, int year) const override;
  Result<secap::v1::CompareMunicipalitiesResponse> compare(const Caller& caller, int year) const override;
  Result<secap::v1::ListMeasureOutcomesResponse> measureOutcomes(
      const Caller& caller, const secap::v1::ListMeasureOutcomesRequest& request) const override;
  Result<secap::v1::ReviewQueue> reviewQueue(const Caller& caller, const std::string& municipalityId) const override;
  Result<secap::v1::ReviewReadingResponse> reviewReading(const Caller& caller,
                                                         const secap::v1::ReviewReadingRequest& request) const override;
  Result<std::string> metrics() const override;
  void requestServed(std::string_view route, unsigned status) const override;

  // The web dashboard: sign-in through `auth`, files from `assets` (either
  // may be null: no sign-in, no files). Call before serving.
  void enableWeb(WebAuth* auth, const WebAssets* assets, bool secureCookies) {
    m_web = auth;
    m_assets = assets;
    m_secureCookies = secureCookies;
  }
  Result<SignedIn> signIn(const secap::v1::SignInRequest& request, std::string_view peer) const override;
  Result<Caller> sessionCaller(std::string_view token) const override;
  Status signOut(std::string_view token) const override;
  Result<secap::v1::WebSession> webSession(const Caller& caller) const override;
  Result<secap::v1::MunicipalityList> municipalities(const Caller& caller) const override;
  Result<secap::v1::SiteList> sites(const Caller& caller, const std::string& municipalityId, int year) const override;
  Result<secap::v1::MeasureDetail> measureDetail(const Caller& caller, const std::string& measureId) const override;
  Result<BlobContent> attachmentContent(const Caller& caller, const std::string& attachmentId) const override;
  Result<secap::v1::DeviceList> devices(const Caller& caller, const std::string& municipalityId) const override;
  Result<secap::v1::IssuedEnrollmentCode> issueCode(
      const Caller& caller, const std::string& municipalityId,
      const secap::v1::IssueEnrollmentCodeRequest& request) const override;
  Status revokeDevice(const Caller& caller, const std::string& deviceId, bool allowRescue) const override;
  Status bindSites(const Caller& caller, const std::string& deviceId,
                   const std::vector<std::string>& siteIds) const override;
  Result<secap::v1::PhotoList> photos(const Caller& caller, const std::string& municipalityId) const override;
  Result<secap::v1::Attachment> setPublishable(const Caller& caller, const std::string& attachmentId,
                                               bool publishable) const override;
  Status redact(const Caller& caller, const std::string& attachmentId, const std::string& reason) const override;
  // Photos' bytes and redaction (either may be null: no photos).
  void enablePhotos(BlobStore* blobs, Attachments* attachments) {
    m_blobs = blobs;
    m_attachments = attachments;
  }
  bool secureCookies() const override { return m_secureCookies; }
  const StaticFile* staticFile(std::string_view path) const override {
    return m_assets ? m_assets->find(path) : nullptr;
  }

 private:
  // How much of the municipality the caller sees, or why nothing.
  enum class Sight { kAll, kShared };
  Result<Sight> sightOf(const Caller& caller, const std::string& municipalityId,
                        secap::v1::Municipality* municipality = nullptr) const;

  Store& m_store;
  const core::Clock& m_clock;
  Metrics* m_metrics;
  WebAuth* m_web = nullptr;
  const WebAssets* m_assets = nullptr;
  bool m_secureCookies = false;
  BlobStore* m_blobs = nullptr;
  Attachments* m_attachments = nullptr;
};

}  // namespace secap::server

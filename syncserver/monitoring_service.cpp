#include "monitoring_service.h"

#include "secap/core/ids.h"
#include "sync_service.h"

namespace secap::server {

Result<Caller> MonitoringServiceImpl::callerOf(grpc::ServerContext* ctx) const {
  const auto& md = ctx->client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) return Caller{};
  const std::string_view value(it->second.data(), it->second.size());
  constexpr std::string_view kPrefix = "Bearer ";
  if (value.size() <= kPrefix.size() || value.substr(0, kPrefix.size()) != kPrefix)
    return core::Status(core::StatusCode::kUnauthenticated, "malformed authorization header");
  return m_reports.caller(value.substr(kPrefix.size()));
}

grpc::Status MonitoringServiceImpl::GetMunicipalityReport(grpc::ServerContext* ctx,
                                                          const secap::v1::GetMunicipalityReportRequest* req,
                                                          secap::v1::MunicipalityReport* resp) {
  if (!core::isCanonicalUuid(req->municipality_id()))
    return {grpc::StatusCode::INVALID_ARGUMENT, "municipality_id must be a canonical lowercase UUID"};
  auto caller = callerOf(ctx);
  if (!caller.isOk()) return toGrpcStatus(caller.status());
  auto report = m_reports.municipalityReport(*caller, req->municipality_id());
  if (!report.isOk()) return toGrpcStatus(report.status());
  *resp = std::move(*report);
  return grpc::Status::OK;
}

grpc::Status MonitoringServiceImpl::GetSiteReport(grpc::ServerContext* ctx, const secap::v1::GetSiteReportRequest* req,
                                                  secap::v1::SiteReport* resp) {
  if (!core::isCanonicalUuid(req->site_id()))
    return {grpc::StatusCode::INVALID_ARGUMENT, "site_id must be a canonical lowercase UUID"};
  if (req->year() != 0 && (req->year() < 1950 || req->year() > 2100))
    return {grpc::StatusCode::INVALID_ARGUMENT, "year must be 0 (last year) or a plausible year"};
  auto caller = callerOf(ctx);
  if (!caller.isOk()) return toGrpcStatus(caller.status());
  auto r = m_reports.siteReport(*caller, req->site_id(), req->year());
  if (!r.isOk()) return toGrpcStatus(r.status());
  *resp = std::move(*r);
  return grpc::Status::OK;
}

grpc::Status MonitoringServiceImpl::CompareMunicipalities(grpc::ServerContext* ctx,
                                                          const secap::v1::CompareMunicipalitiesRequest* req,
                                                          secap::v1::CompareMunicipalitiesResponse* resp) {
  if (req->year() != 0 && (req->year() < 1950 || req->year() > 2100))
    return {grpc::StatusCode::INVALID_ARGUMENT, "year must be 0 (last year) or a plausible year"};
  auto caller = callerOf(ctx);
  if (!caller.isOk()) return toGrpcStatus(caller.status());
  auto r = m_reports.compare(*caller, req->year());
  if (!r.isOk()) return toGrpcStatus(r.status());
  *resp = std::move(*r);
  return grpc::Status::OK;
}

grpc::Status MonitoringServiceImpl::ListMeasureOutcomes(grpc::ServerContext* ctx,
                                                        const secap::v1::ListMeasureOutcomesRequest* req,
                                                        secap::v1::ListMeasureOutcomesResponse* resp) {
  auto caller = callerOf(ctx);
  if (!caller.isOk()) return toGrpcStatus(caller.status());
  auto r = m_reports.measureOutcomes(*caller, *req);
  if (!r.isOk()) return toGrpcStatus(r.status());
  *resp = std::move(*r);
  return grpc::Status::OK;
}

grpc::Status MonitoringServiceImpl::ListReviewQueue(grpc::ServerContext* ctx,
                                                    const secap::v1::ListReviewQueueRequest* req,
                                                    secap::v1::ReviewQueue* resp) {
  if (!core::isCanonicalUuid(req->municipality_id()))
    return {grpc::StatusCode::INVALID_ARGUMENT, "municipality_id must be a canonical lowercase UUID"};
  auto caller = callerOf(ctx);
  if (!caller.isOk()) return toGrpcStatus(caller.status());
  auto queue = m_reports.reviewQueue(*caller, req->municipality_id());
  if (!queue.isOk()) return toGrpcStatus(queue.status());
  *resp = std::move(*queue);
  return grpc::Status::OK;
}

grpc::Status MonitoringServiceImpl::ReviewReading(grpc::ServerContext* ctx, const secap::v1::ReviewReadingRequest* req,
                                                  secap::v1::ReviewReadingResponse* resp) {
  auto caller = callerOf(ctx);
  if (!caller.isOk()) return toGrpcStatus(caller.status());
  auto done = m_reports.reviewReading(*caller, *req);
  if (!done.isOk()) return toGrpcStatus(done.status());
  *resp = std::move(*done);
  return grpc::Status::OK;
}

}  // namespace secap::server

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

}  // namespace secap::server

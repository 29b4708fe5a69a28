#pragma once
// MonitoringServiceImpl: the gRPC face of the monitoring reports (DESIGN.md
// §6). The caller comes from the bearer token, when there is one; who may
// read what, and the reports themselves, are StoreReports' (reports.h), the
// same as the HTTP API's. Thread-safe: gRPC calls it from its thread pool.

#include <grpcpp/grpcpp.h>

#include "reports.h"
#include "secap/v1/monitoring.grpc.pb.h"

namespace secap::server {

class MonitoringServiceImpl final : public secap::v1::MonitoringService::Service {
 public:
  explicit MonitoringServiceImpl(const StoreReports& reports) : m_reports(reports) {}

  grpc::Status GetMunicipalityReport(grpc::ServerContext* ctx, const secap::v1::GetMunicipalityReportRequest* req,
                                     secap::v1::MunicipalityReport* resp) override;
  grpc::Status GetSiteReport(grpc::ServerContext* ctx, const secap::v1::GetSiteReportRequest* req,
                             secap::v1::SiteReport* resp) override;
  grpc::Status CompareMunicipalities(grpc::ServerContext* ctx, const secap::v1::CompareMunicipalitiesRequest* req,
                                     secap::v1::CompareMunicipalitiesResponse* resp) override;
  grpc::Status ListMeasureOutcomes(grpc::ServerContext* ctx, const secap::v1::ListMeasureOutcomesRequest* req,
                                   secap::v1::ListMeasureOutcomesResponse* resp) override;
  grpc::Status ListReviewQueue(grpc::ServerContext* ctx, const secap::v1::ListReviewQueueRequest* req,
                               secap::v1::ReviewQueue* resp) override;
  grpc::Status ReviewReading(grpc::ServerContext* ctx, const secap::v1::ReviewReadingRequest* req,
                             secap::v1::ReviewReadingResponse* resp) override;

 private:
  // The caller of the call: anonymous without an authorization header.
  Result<Caller> callerOf(grpc::ServerContext* ctx) const;

  const StoreReports& m_reports;
};

}  // namespace secap::server

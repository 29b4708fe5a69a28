#pragma once
// StoreReports: the monitoring results the HTTP API serves, computed from
// the Store by the shared calculations in secap_core (never by ad-hoc SQL).
// Thread-safe: the Store is.

#include "http_handler.h"
#include "secap/core/progress.h"
#include "store.h"

namespace secap::server {

// What the progress calculation reads of one municipality, from the store:
// the records a device of that municipality holds (progress.h), with the
// meters' monthly rollups in place of their readings. An empty municipality
// in the result when it is unknown.
Result<core::MonitoringRecords> monitoringRecordsOf(Store& store, const std::string& municipalityId);

class StoreReports final : public HttpBackend {
 public:
  explicit StoreReports(Store& store) : m_store(store) {}
  bool healthy() const override;
  std::optional<secap::v1::MunicipalitySummary> municipalitySummary(const std::string& municipalityId) const override;

 private:
  Store& m_store;
};

}  // namespace secap::server

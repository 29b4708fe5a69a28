#pragma once
// StoreReports: the monitoring results the HTTP API serves, computed from
// the Store by the shared calculations in secap_core (never by ad-hoc SQL).
// Thread-safe: the Store is.

#include "http_handler.h"
#include "store.h"

namespace secap::server {

class StoreReports final : public HttpBackend {
 public:
  explicit StoreReports(Store& store) : m_store(store) {}
  bool healthy() const override;
  std::optional<secap::v1::MunicipalitySummary> municipalitySummary(const std::string& municipalityId) const override;

 private:
  Store& m_store;
};

}  // namespace secap::server

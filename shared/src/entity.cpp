#include "secap/core/entity.h"

namespace secap::core {

using secap::v1::Change;

EntityType entityTypeOf(const Change& change) {
  switch (change.entity_case()) {
    case Change::kMunicipality: return EntityType::kMunicipality;
    case Change::kSite: return EntityType::kSite;
    case Change::kMeter: return EntityType::kMeter;
    case Change::kReading: return EntityType::kReading;
    default: return EntityType::kUnknown;
  }
}

std::string_view entityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kMunicipality: return "municipality";
    case EntityType::kSite: return "site";
    case EntityType::kMeter: return "meter";
    case EntityType::kReading: return "reading";
    case EntityType::kUnknown: break;
  }
  return "unknown";
}

bool isAppendOnly(EntityType type) { return type == EntityType::kReading; }

std::string parentIdOf(const Change& change) {
  switch (change.entity_case()) {
    case Change::kSite: return change.site().municipality_id();
    case Change::kMeter: return change.meter().site_id();
    case Change::kReading: return change.reading().meter_id();
    default: return {};
  }
}

std::string_view parentFieldOf(EntityType type) {
  switch (type) {
    case EntityType::kSite: return "municipality_id";
    case EntityType::kMeter: return "site_id";
    case EntityType::kReading: return "meter_id";
    default: return "";
  }
}

std::string embeddedIdOf(const Change& change) {
  switch (change.entity_case()) {
    case Change::kMunicipality: return change.municipality().id();
    case Change::kSite: return change.site().id();
    case Change::kMeter: return change.meter().id();
    case Change::kReading: return change.reading().id();
    default: return {};
  }
}

std::string serializeEntity(const Change& change) {
  switch (change.entity_case()) {
    case Change::kMunicipality: return change.municipality().SerializeAsString();
    case Change::kSite: return change.site().SerializeAsString();
    case Change::kMeter: return change.meter().SerializeAsString();
    case Change::kReading: return change.reading().SerializeAsString();
    default: return {};
  }
}

bool parseEntityInto(EntityType type, std::string_view bytes, Change& change) {
  const auto size = static_cast<int>(bytes.size());
  switch (type) {
    case EntityType::kMunicipality: return change.mutable_municipality()->ParseFromArray(bytes.data(), size);
    case EntityType::kSite: return change.mutable_site()->ParseFromArray(bytes.data(), size);
    case EntityType::kMeter: return change.mutable_meter()->ParseFromArray(bytes.data(), size);
    case EntityType::kReading: return change.mutable_reading()->ParseFromArray(bytes.data(), size);
    case EntityType::kUnknown: break;
  }
  return false;
}

}  // namespace secap::core

#include "secap/core/validation.h"

#include <algorithm>
#include <cmath>

#include "secap/core/hlc.h"
#include "secap/core/ids.h"
#include "secap/core/merge.h"

namespace secap::core {

namespace {

using secap::v1::Change;

std::optional<Rejection> reject(std::string code, std::string message) {
  return Rejection{std::move(code), std::move(message)};
}

bool textTooLong(const std::string& s) { return s.size() > kMaxTextBytes; }

std::optional<Rejection> validateReading(const secap::v1::Reading& r, const ValidationContext& ctx) {
  if (!std::isfinite(r.value())) return reject("reading.not_a_number", "the reading value is not a finite number");
  if (r.taken_at() <= 0) return reject("reading.no_time", "the reading has no taken_at time");
  if (ctx.nowMs > 0 && r.taken_at() > ctx.nowMs + kReadingFutureToleranceMs)
    return reject("reading.future", "the reading is dated in the future");
  if (r.has_period_start() && r.period_start() >= r.taken_at())
    return reject("reading.bad_period", "the period starts after it ends");
  if (textTooLong(r.note())) return reject("field.too_long", "the note is too long");
  std::optional<secap::v1::Meter> meter;
  if (ctx.findMeter) meter = ctx.findMeter(r.meter_id());
  if (!meter) return reject("reading.unknown_meter", "the reading's meter does not exist");
  if (meter->kind() == secap::v1::METER_KIND_CUMULATIVE && r.value() < 0)
    return reject("reading.negative_register", "a meter register cannot be negative");
  if (meter->register_digits() > 0 && meter->register_digits() < 16 &&
      r.value() >= std::pow(10.0, meter->register_digits()))
    return reject("reading.too_many_digits", "the value has more digits than the meter's register");
  return std::nullopt;
}

}  // namespace

std::optional<Rejection> validateChange(const Change& change, const ValidationContext& ctx) {
  if (!isCanonicalUuid(change.change_id()))
    return reject("change.malformed", "change_id is not a canonical UUID");
  if (!isCanonicalUuid(change.entity_id()))
    return reject("change.malformed", "entity_id is not a canonical UUID");
  const EntityType type = entityTypeOf(change);
  if (type == EntityType::kUnknown) return reject("change.malformed", "the change carries no entity");
  if (embeddedIdOf(change) != change.entity_id())
    return reject("change.malformed", "entity_id differs from the entity's own id");
  if (change.hlc() == 0) return reject("change.malformed", "the change has no hlc");
  if (ctx.nowMs > 0 && hlcPhysicalMs(change.hlc()) > ctx.nowMs + kMaxClockSkewMs)
    return reject("clock.skew", "the device clock is ahead of the server; re-stamp and resend");
  if (isAppendOnly(type) && change.deleted())
    return reject("change.append_only", "append-only records cannot be deleted");
  const auto written = fieldsWritten(change);
  if (!written) return reject("change.unknown_field", "the field mask names a field this record does not have");
  if (isAppendOnly(type) && change.fields_size() > 0)
    return reject("change.append_only", "append-only records are sent whole, without a field mask");
  auto writes = [&](const char* field) {
    return std::find(written->begin(), written->end(), field) != written->end();
  };

  auto parentExists = [&](EntityType parentType, const std::string& id) {
    return ctx.exists && ctx.exists(parentType, id);
  };
  switch (type) {
    case EntityType::kMunicipality: {
      const auto& m = change.municipality();
      if (writes("name") && m.name().empty()) return reject("municipality.no_name", "a municipality needs a name");
      if (textTooLong(m.name())) return reject("field.too_long", "the name is too long");
      break;
    }
    case EntityType::kSite:
      if (textTooLong(change.site().name()) || textTooLong(change.site().address()))
        return reject("field.too_long", "a text field is too long");
      if (writes("municipality_id") && !parentExists(EntityType::kMunicipality, change.site().municipality_id()))
        return reject("site.unknown_municipality", "the site's municipality does not exist");
      break;
    case EntityType::kMeter: {
      const auto& m = change.meter();
      if (!std::isfinite(m.multiplier()) || m.multiplier() < 0)
        return reject("meter.bad_multiplier", "the meter multiplier must be a positive number");
      if (m.register_digits() < 0 || m.register_digits() > 15)
        return reject("meter.bad_digits", "register_digits must be between 0 and 15");
      if (writes("site_id") && !parentExists(EntityType::kSite, m.site_id()))
        return reject("meter.unknown_site", "the meter's site does not exist");
      break;
    }
    case EntityType::kReading:
      return validateReading(change.reading(), ctx);
    case EntityType::kUnknown:
      break;
  }
  return std::nullopt;
}

}  // namespace secap::core

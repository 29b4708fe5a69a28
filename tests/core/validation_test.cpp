#include "secap/core/validation.h"

#include <gtest/gtest.h>

#include "fixtures.h"

using namespace secap::core;

namespace {

constexpr int64_t kNow = 1767225600000;

ValidationContext context() {
  ValidationContext ctx;
  ctx.nowMs = kNow;
  ctx.exists = [](EntityType, const std::string& id) { return id == secap::testing::kSiteId; };
  ctx.findMeter = [](const std::string& id) -> std::optional<secap::v1::Meter> {
    if (id != secap::testing::kMeterId) return std::nullopt;
    secap::v1::Meter m;
    m.set_kind(secap::v1::METER_KIND_CUMULATIVE);
    m.set_register_digits(5);
    return m;
  };
  return ctx;
}

secap::v1::Change readingChange(double value, int64_t takenAt = kNow - 1000) {
  secap::v1::Change c;
  c.set_change_id("0190a000-0000-7000-8000-0000000000c1");
  c.set_entity_id("0190a000-0000-7000-8000-0000000000d1");
  c.set_hlc(makeHlc(kNow, 0));
  auto* r = c.mutable_reading();
  r->set_id(c.entity_id());
  r->set_meter_id(secap::testing::kMeterId);
  r->set_value(value);
  r->set_taken_at(takenAt);
  return c;
}

std::string codeOf(const secap::v1::Change& c) {
  auto r = validateChange(c, context());
  return r ? r->reasonCode : "ok";
}

}  // namespace

TEST(Validation, APlausibleReadingPasses) { EXPECT_EQ(codeOf(readingChange(12345)), "ok"); }

TEST(Validation, ImpossibleReadingsAreRejectedWithStableCodes) {
  EXPECT_EQ(codeOf(readingChange(std::numeric_limits<double>::quiet_NaN())), "reading.not_a_number");
  EXPECT_EQ(codeOf(readingChange(std::numeric_limits<double>::infinity())), "reading.not_a_number");
  EXPECT_EQ(codeOf(readingChange(-5)), "reading.negative_register");
  EXPECT_EQ(codeOf(readingChange(5, kNow + 3600 * 1000)), "reading.future");
  EXPECT_EQ(codeOf(readingChange(100000)), "reading.too_many_digits");
  auto unknown = readingChange(5);
  unknown.mutable_reading()->set_meter_id("0190a000-0000-7000-8000-0000000000ee");
  EXPECT_EQ(codeOf(unknown), "reading.unknown_meter");
}

TEST(Validation, MalformedChangesAreRejected) {
  auto c = readingChange(5);
  c.set_change_id("1");
  EXPECT_EQ(codeOf(c), "change.malformed");
  c = readingChange(5);
  c.set_entity_id("0190a000-0000-7000-8000-0000000000d2");  // differs from the reading's id
  EXPECT_EQ(codeOf(c), "change.malformed");
  c = readingChange(5);
  c.clear_reading();
  EXPECT_EQ(codeOf(c), "change.malformed");
  c = readingChange(5);
  c.set_deleted(true);
  EXPECT_EQ(codeOf(c), "change.append_only");
}

TEST(Validation, AClockFarAheadIsAskedToRestamp) {
  auto c = readingChange(5);
  c.set_hlc(makeHlc(kNow + kMaxClockSkewMs + 1000, 0));
  EXPECT_EQ(codeOf(c), "clock.skew");
}

TEST(Validation, AMeterNeedsAnExistingSite) {
  secap::v1::Change c;
  c.set_change_id("0190a000-0000-7000-8000-0000000000c2");
  c.set_entity_id("0190a000-0000-7000-8000-0000000000d3");
  c.set_hlc(makeHlc(kNow, 0));
  c.mutable_meter()->set_id(c.entity_id());
  c.mutable_meter()->set_site_id("0190a000-0000-7000-8000-0000000000ee");
  EXPECT_EQ(codeOf(c), "meter.unknown_site");
  c.mutable_meter()->set_site_id(secap::testing::kSiteId);
  EXPECT_EQ(codeOf(c), "ok");
}

// ---------------------------------------------------------------------------
// Every entity of DESIGN.md §3.

namespace {

constexpr const char* kMeasureId = "0190a000-0000-7000-8000-000000000011";
constexpr const char* kReadingId = "0190a000-0000-7000-8000-000000000012";
constexpr const char* kTemplateId = "0190a000-0000-7000-8000-000000000013";
constexpr const char* kInspectionId = "0190a000-0000-7000-8000-000000000014";
constexpr const char* kAttachmentId = "0190a000-0000-7000-8000-000000000015";
constexpr const char* kUnknownId = "0190a000-0000-7000-8000-0000000000ee";

// A world with a municipality, site, meter, measure, reading and template,
// and a stored submitted inspection and attachment.
ValidationContext worldContext() {
  ValidationContext ctx = context();
  ctx.exists = [](EntityType, const std::string& id) {
    for (const char* known : {secap::testing::kMunicipalityId, secap::testing::kSiteId, secap::testing::kMeterId,
                              kMeasureId, kReadingId, kTemplateId})
      if (id == known) return true;
    return false;
  };
  ctx.findStored = [](EntityType type, const std::string& id) -> std::optional<secap::v1::Change> {
    secap::v1::Change c;
    if (type == EntityType::kInspection && id == kInspectionId) {
      c.mutable_inspection()->set_id(id);
      c.mutable_inspection()->set_submitted_at(kNow - 5000);
      return c;
    }
    if (type == EntityType::kAttachment && id == kAttachmentId) {
      c.mutable_attachment()->set_id(id);
      c.mutable_attachment()->set_sha256(std::string(64, 'a'));
      c.mutable_attachment()->set_mime("image/jpeg");
      return c;
    }
    return std::nullopt;
  };
  return ctx;
}

secap::v1::Change change(const std::string& entityId = "0190a000-0000-7000-8000-0000000000d9") {
  secap::v1::Change c;
  c.set_change_id("0190a000-0000-7000-8000-0000000000c9");
  c.set_entity_id(entityId);
  c.set_hlc(makeHlc(kNow, 0));
  return c;
}

std::string worldCodeOf(const secap::v1::Change& c) {
  auto r = validateChange(c, worldContext());
  return r ? r->reasonCode : "ok";
}

secap::v1::Change progress(double percent) {
  auto c = change();
  auto* p = c.mutable_progress_update();
  p->set_id(c.entity_id());
  p->set_measure_id(kMeasureId);
  p->set_reported_at(kNow - 1000);
  p->set_percent_complete(percent);
  return c;
}

secap::v1::Change inspection(const std::string& id = "0190a000-0000-7000-8000-0000000000d9") {
  auto c = change(id);
  auto* i = c.mutable_inspection();
  i->set_id(id);
  i->set_template_id(kTemplateId);
  i->set_template_version(1);
  i->set_site_id(secap::testing::kSiteId);
  i->set_started_at(kNow - 60000);
  i->set_submitted_at(kNow - 1000);
  i->set_outcome(secap::v1::INSPECTION_OUTCOME_VERIFIED);
  return c;
}

secap::v1::Change attachment(const std::string& id = "0190a000-0000-7000-8000-0000000000d9") {
  auto c = change(id);
  auto* a = c.mutable_attachment();
  a->set_id(id);
  a->set_sha256(std::string(64, 'a'));
  a->set_mime("image/jpeg");
  a->set_owner_type("reading");
  a->set_owner_id(kReadingId);
  return c;
}

}  // namespace

TEST(Validation, ProgressUpdatesNeedAPercentWithinZeroToHundredAndAKnownMeasure) {
  EXPECT_EQ(worldCodeOf(progress(40)), "ok");
  EXPECT_EQ(worldCodeOf(progress(100.5)), "progress.bad_percent");
  EXPECT_EQ(worldCodeOf(progress(-1)), "progress.bad_percent");
  EXPECT_EQ(worldCodeOf(progress(std::numeric_limits<double>::quiet_NaN())), "progress.bad_percent");
  auto c = progress(40);
  c.mutable_progress_update()->set_spent_eur(-5);
  EXPECT_EQ(worldCodeOf(c), "progress.bad_value");
  c = progress(40);
  auto* ind = c.mutable_progress_update()->add_indicators();
  ind->set_key("trees_planted");
  ind->set_value(std::numeric_limits<double>::infinity());
  EXPECT_EQ(worldCodeOf(c), "progress.bad_value");
  c = progress(40);
  c.mutable_progress_update()->set_reported_at(0);
  EXPECT_EQ(worldCodeOf(c), "progress.no_time");
  c = progress(40);
  c.mutable_progress_update()->set_measure_id(kUnknownId);
  EXPECT_EQ(worldCodeOf(c), "progress.unknown_measure");
  c = progress(40);
  c.add_fields("note");
  EXPECT_EQ(worldCodeOf(c), "change.append_only");
}

TEST(Validation, AReviewDecidesAKnownReading) {
  auto c = change();
  auto* r = c.mutable_reading_review();
  r->set_id(c.entity_id());
  r->set_reading_id(kReadingId);
  EXPECT_EQ(worldCodeOf(c), "review.bad_decision");
  r->set_decision(secap::v1::REVIEW_DECISION_CONFIRMED);
  EXPECT_EQ(worldCodeOf(c), "ok");
  r->set_reading_id(kUnknownId);
  EXPECT_EQ(worldCodeOf(c), "review.unknown_reading");
}

TEST(Validation, AMeasureCannotEndBeforeItStarts) {
  auto c = change();
  auto* m = c.mutable_measure();
  m->set_id(c.entity_id());
  m->set_municipality_id(secap::testing::kMunicipalityId);
  m->set_planned_start(kNow);
  m->set_planned_end(kNow + 86400000);
  EXPECT_EQ(worldCodeOf(c), "ok");
  m->set_planned_end(kNow - 86400000);
  EXPECT_EQ(worldCodeOf(c), "measure.bad_dates");
  m->clear_planned_end();
  m->set_budget_eur(-1);
  EXPECT_EQ(worldCodeOf(c), "measure.bad_value");
  m->clear_budget_eur();
  m->set_municipality_id(kUnknownId);
  EXPECT_EQ(worldCodeOf(c), "measure.unknown_municipality");
  // An edit that does not touch the municipality does not look it up.
  c.add_fields("title");
  EXPECT_EQ(worldCodeOf(c), "ok");
}

TEST(Validation, OnlySubmittedInspectionsOfKnownSitesAreSynced) {
  EXPECT_EQ(worldCodeOf(inspection()), "ok");
  auto c = inspection();
  c.mutable_inspection()->clear_submitted_at();
  EXPECT_EQ(worldCodeOf(c), "inspection.not_submitted");
  c = inspection();
  c.mutable_inspection()->set_site_id(kUnknownId);
  EXPECT_EQ(worldCodeOf(c), "inspection.unknown_site");
  c = inspection();
  c.mutable_inspection()->set_measure_id(kUnknownId);
  EXPECT_EQ(worldCodeOf(c), "inspection.unknown_measure");
  c.mutable_inspection()->set_measure_id(kMeasureId);
  EXPECT_EQ(worldCodeOf(c), "ok");
  c = inspection();
  c.mutable_inspection()->set_template_id(kUnknownId);
  EXPECT_EQ(worldCodeOf(c), "inspection.unknown_template");
  c = inspection();
  c.mutable_inspection()->set_submitted_at(kNow - 120000);  // before it started
  EXPECT_EQ(worldCodeOf(c), "inspection.bad_dates");
  c = inspection();
  c.mutable_inspection()->mutable_location()->set_lat(91);
  EXPECT_EQ(worldCodeOf(c), "inspection.bad_location");
  c = inspection();
  c.mutable_inspection()->set_outcome(secap::v1::INSPECTION_OUTCOME_UNSPECIFIED);
  EXPECT_EQ(worldCodeOf(c), "inspection.no_outcome");
  c = inspection();
  c.mutable_inspection()->add_answers()->set_text(std::string(kMaxTextBytes + 1, 'x'));
  EXPECT_EQ(worldCodeOf(c), "field.too_long");
}

TEST(Validation, ASubmittedInspectionCannotBeChanged) {
  EXPECT_EQ(worldCodeOf(inspection(kInspectionId)), "inspection.immutable");
  auto del = inspection(kInspectionId);
  del.set_deleted(true);
  EXPECT_EQ(worldCodeOf(del), "inspection.immutable");
}

TEST(Validation, TemplatesNeedAVersionAndDistinctItemKeys) {
  auto c = change();
  auto* t = c.mutable_inspection_template();
  t->set_id(c.entity_id());
  t->set_version(1);
  t->add_items()->set_key("implemented");
  EXPECT_EQ(worldCodeOf(c), "ok");  // global: no municipality
  t->set_version(0);
  EXPECT_EQ(worldCodeOf(c), "template.bad_version");
  t->set_version(2);
  t->add_items()->set_key("implemented");
  EXPECT_EQ(worldCodeOf(c), "template.bad_item");
  t->mutable_items()->RemoveLast();
  t->set_municipality_id(kUnknownId);
  EXPECT_EQ(worldCodeOf(c), "template.unknown_municipality");
}

TEST(Validation, AttachmentsNeedAShaAndAKnownOwnerAndKeepTheirContent) {
  EXPECT_EQ(worldCodeOf(attachment()), "ok");
  auto c = attachment();
  c.mutable_attachment()->set_sha256("ABC");
  EXPECT_EQ(worldCodeOf(c), "attachment.bad_sha256");
  c = attachment();
  c.mutable_attachment()->set_size(-1);
  EXPECT_EQ(worldCodeOf(c), "attachment.bad_size");
  c = attachment();
  c.mutable_attachment()->set_owner_type("measure");
  c.mutable_attachment()->set_owner_id(kUnknownId);
  EXPECT_EQ(worldCodeOf(c), "attachment.unknown_owner");
  // A stored attachment: its caption may change, its bytes' hash may not.
  c = change(kAttachmentId);
  c.mutable_attachment()->set_id(kAttachmentId);
  c.add_fields("caption");
  c.mutable_attachment()->set_caption("Kocioł po modernizacji");
  EXPECT_EQ(worldCodeOf(c), "ok");
  c.add_fields("sha256");
  c.mutable_attachment()->set_sha256(std::string(64, 'b'));
  EXPECT_EQ(worldCodeOf(c), "attachment.immutable");
}

TEST(Validation, InventoryAndReferenceDataRejectImpossibleValues) {
  auto a = change();
  auto* d = a.mutable_activity_data();
  d->set_id(a.entity_id());
  d->set_municipality_id(secap::testing::kMunicipalityId);
  d->set_year(2021);
  d->set_mwh(1250.5);
  EXPECT_EQ(worldCodeOf(a), "ok");
  d->set_mwh(-1);
  EXPECT_EQ(worldCodeOf(a), "activity.bad_value");
  d->set_mwh(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(worldCodeOf(a), "activity.bad_value");
  d->set_mwh(1);
  d->set_municipality_id(kUnknownId);
  EXPECT_EQ(worldCodeOf(a), "activity.unknown_municipality");

  auto f = change();
  auto* e = f.mutable_emission_factor();
  e->set_id(f.entity_id());
  e->set_carrier(secap::v1::CARRIER_NATURAL_GAS);
  e->set_t_per_mwh(0.202);
  EXPECT_EQ(worldCodeOf(f), "ok");
  e->set_t_per_mwh(-0.1);
  EXPECT_EQ(worldCodeOf(f), "emission_factor.bad_value");
  e->set_t_per_mwh(0.7);
  e->set_country("Polska");
  EXPECT_EQ(worldCodeOf(f), "emission_factor.bad_value");

  auto h = change();
  auto* dd = h.mutable_degree_days();
  dd->set_id(h.entity_id());
  dd->set_municipality_id(secap::testing::kMunicipalityId);
  dd->set_year(2025);
  dd->set_month(1);
  dd->set_hdd(512.3);
  EXPECT_EQ(worldCodeOf(h), "ok");
  dd->set_month(13);
  EXPECT_EQ(worldCodeOf(h), "degree_days.bad_value");
  dd->set_month(1);
  dd->set_hdd(-3);
  EXPECT_EQ(worldCodeOf(h), "degree_days.bad_value");
  dd->set_hdd(3);
  dd->set_municipality_id(kUnknownId);
  EXPECT_EQ(worldCodeOf(h), "degree_days.unknown_municipality");

  auto y = change();
  auto* my = y.mutable_municipality_year();
  my->set_id(y.entity_id());
  my->set_municipality_id(secap::testing::kMunicipalityId);
  my->set_year(2014);
  my->set_population(3612);
  EXPECT_EQ(worldCodeOf(y), "ok");
  my->set_population(-1);
  EXPECT_EQ(worldCodeOf(y), "municipality_year.bad_value");
  my->set_population(1);
  my->set_municipality_id(kUnknownId);
  EXPECT_EQ(worldCodeOf(y), "municipality_year.unknown_municipality");
}

TEST(Validation, ALocalEmissionFactorNamesAMunicipalityThatExists) {
  auto f = change();
  auto* e = f.mutable_emission_factor();
  e->set_id(f.entity_id());
  e->set_carrier(secap::v1::CARRIER_DISTRICT_HEAT);
  e->set_country("PL");
  e->set_year(2024);
  e->set_t_per_mwh(0.31);
  e->set_municipality_id(secap::testing::kMunicipalityId);
  EXPECT_EQ(worldCodeOf(f), "ok");
  e->set_municipality_id(kUnknownId);
  EXPECT_EQ(worldCodeOf(f), "emission_factor.unknown_municipality");
}

namespace {
secap::v1::Change publishedBei() {
  auto c = change();
  auto* p = c.mutable_published_inventory();
  p->set_id(c.entity_id());
  p->set_municipality_id(secap::testing::kMunicipalityId);
  p->set_kind(secap::v1::INVENTORY_KIND_BEI);
  p->set_year(2013);
  p->set_approach(secap::v1::EMISSION_FACTOR_APPROACH_IPCC);
  p->set_unit(secap::v1::EMISSION_UNIT_T_CO2);
  p->set_population(361000);
  auto* l = p->add_lines();
  l->set_com_sector("residential");
  l->set_carrier(secap::v1::CARRIER_COAL);
  l->set_mwh(252700);
  l->set_t_co2(86170.7);
  auto* pv = p->add_local_electricity();
  pv->set_plant("pv");
  pv->set_produced_mwh(850);
  return c;
}
}  // namespace

TEST(Validation, APublishedInventoryIsWholeAndPlausible) {
  EXPECT_EQ(worldCodeOf(publishedBei()), "ok");
  auto c = publishedBei();
  c.mutable_published_inventory()->set_kind(secap::v1::INVENTORY_KIND_UNSPECIFIED);
  EXPECT_EQ(worldCodeOf(c), "published_inventory.bad_kind");
  c = publishedBei();
  c.mutable_published_inventory()->set_year(13);
  EXPECT_EQ(worldCodeOf(c), "published_inventory.bad_value");
  c = publishedBei();
  c.mutable_published_inventory()->clear_unit();
  EXPECT_EQ(worldCodeOf(c), "published_inventory.bad_value");
  c = publishedBei();
  c.mutable_published_inventory()->mutable_lines(0)->set_mwh(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(worldCodeOf(c), "published_inventory.bad_value");
  c = publishedBei();
  c.mutable_published_inventory()->mutable_lines(0)->set_t_co2(-1);
  EXPECT_EQ(worldCodeOf(c), "published_inventory.bad_value");
  c = publishedBei();  // local production is table C, not a consumption line
  c.mutable_published_inventory()->mutable_lines(0)->set_com_sector("local_electricity_production");
  EXPECT_EQ(worldCodeOf(c), "published_inventory.bad_line");
  c = publishedBei();  // water is no energy
  c.mutable_published_inventory()->mutable_lines(0)->set_carrier(secap::v1::CARRIER_WATER);
  EXPECT_EQ(worldCodeOf(c), "published_inventory.bad_line");
  c = publishedBei();  // one line per cell
  *c.mutable_published_inventory()->add_lines() = c.published_inventory().lines(0);
  EXPECT_EQ(worldCodeOf(c), "published_inventory.bad_line");
  c = publishedBei();
  c.mutable_published_inventory()->mutable_local_electricity(0)->set_plant("nuclear");
  EXPECT_EQ(worldCodeOf(c), "published_inventory.bad_line");
  c = publishedBei();
  c.mutable_published_inventory()->set_municipality_id(kUnknownId);
  EXPECT_EQ(worldCodeOf(c), "published_inventory.unknown_municipality");
  c = publishedBei();
  c.mutable_published_inventory()->set_supersedes_id(kUnknownId);
  EXPECT_EQ(worldCodeOf(c), "published_inventory.unknown_supersedes");
  c = publishedBei();  // append-only: a correction is a new record
  c.set_deleted(true);
  EXPECT_EQ(worldCodeOf(c), "change.append_only");
}

TEST(Validation, APersonHoldsKnownRolesInKnownMunicipalities) {
  auto c = change();
  auto* p = c.mutable_person();
  p->set_id(c.entity_id());
  p->set_display_name("Anna Kowalska");
  auto* role = p->add_roles();
  role->set_municipality_id(secap::testing::kMunicipalityId);
  role->set_role("field");
  EXPECT_EQ(worldCodeOf(c), "ok");
  role->set_role("mayor");
  EXPECT_EQ(worldCodeOf(c), "person.bad_role");
  role->set_role("kiosk");
  role->set_municipality_id(kUnknownId);
  EXPECT_EQ(worldCodeOf(c), "person.unknown_municipality");
}

TEST(Validation, AKioskPinTravelsOnlyAsAnArgon2idHashForKnownSites) {
  auto c = change();
  auto* p = c.mutable_person();
  p->set_id(c.entity_id());
  p->set_display_name("Jan Nowak");
  auto* role = p->add_roles();
  role->set_municipality_id(secap::testing::kMunicipalityId);
  role->set_role("field");
  p->set_kiosk_pin_hash("1234");
  EXPECT_EQ(worldCodeOf(c), "person.bad_pin_hash");
  p->set_kiosk_pin_hash("$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA");
  EXPECT_EQ(worldCodeOf(c), "ok");
  p->add_kiosk_site_ids(secap::testing::kSiteId);
  EXPECT_EQ(worldCodeOf(c), "ok");
  p->add_kiosk_site_ids(kUnknownId);
  EXPECT_EQ(worldCodeOf(c), "person.unknown_site");
}

TEST(Entity, EveryTypeKnowsItsNameParentAndAppendOnlyRule) {
  for (EntityType type : kAllEntityTypes) {
    EXPECT_NE(entityTypeName(type), "unknown");
    EXPECT_EQ(entityTypeFromName(entityTypeName(type)), type);
  }
  EXPECT_TRUE(isAppendOnly(EntityType::kReadingReview));
  EXPECT_TRUE(isAppendOnly(EntityType::kProgressUpdate));
  EXPECT_TRUE(isAppendOnly(EntityType::kInspection));
  EXPECT_FALSE(isAppendOnly(EntityType::kMeasure));
  EXPECT_EQ(parentIdOf(progress(10)), kMeasureId);
  EXPECT_EQ(parentTypeOf(progress(10)), EntityType::kMeasure);
  EXPECT_EQ(parentIdOf(attachment()), kReadingId);
  EXPECT_EQ(parentTypeOf(attachment()), EntityType::kReading);
  // A factor may name its municipality (a heat network's own); a global one names none.
  EXPECT_EQ(parentFieldOf(EntityType::kEmissionFactor), "municipality_id");
  EXPECT_TRUE(isAppendOnly(EntityType::kPublishedInventory));
  EXPECT_EQ(parentFieldOf(EntityType::kPublishedInventory), "municipality_id");
  auto c = inspection();
  secap::v1::Change restored;
  ASSERT_TRUE(parseEntityInto(EntityType::kInspection, serializeEntity(c), restored));
  EXPECT_EQ(restored.inspection().SerializeAsString(), c.inspection().SerializeAsString());
  EXPECT_EQ(embeddedIdOf(restored), c.entity_id());
}

TEST(Validation, EachKindOfTextHasItsOwnLengthLimit) {
  EXPECT_EQ(maxTextBytesOf("id"), kMaxIdBytes);
  EXPECT_EQ(maxTextBytesOf("owner_id"), kMaxIdBytes);
  EXPECT_EQ(maxTextBytesOf("attachment_ids"), kMaxIdBytes);
  EXPECT_EQ(maxTextBytesOf("display_name"), kMaxNameBytes);
  EXPECT_EQ(maxTextBytesOf("note"), kMaxTextBytes);
  // An id one byte too long, a name one byte too long, a note that fits.
  auto c = inspection();
  c.mutable_inspection()->add_attachment_ids(std::string(kMaxIdBytes + 1, 'a'));
  EXPECT_EQ(worldCodeOf(c), "field.too_long");
  c = inspection();
  c.mutable_inspection()->set_inspector(std::string(kMaxNameBytes + 1, 'x'));
  EXPECT_EQ(worldCodeOf(c), "field.too_long");
  c = inspection();
  c.mutable_inspection()->set_inspector(std::string(kMaxNameBytes, 'x'));
  EXPECT_EQ(worldCodeOf(c), "ok");
}

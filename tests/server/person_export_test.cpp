// The data export for one person (DESIGN.md §8, issue 13 §7): every record
// that names them, nothing that does not, no secrets; on SQLite and, in the
// "pg:" run, PostgreSQL.
#include "person_export.h"

#include <gtest/gtest.h>

#include "harness.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"

namespace secap::testing {
namespace {

namespace v1 = secap::v1;

constexpr const char* kAnna = "0190a000-0000-7000-8000-0000000000a1";
constexpr const char* kPiotr = "0190a000-0000-7000-8000-0000000000a2";

class PersonExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h = std::make_unique<ServerHarness>(::testing::UnitTest::GetInstance()->current_test_info()->name());
    h->seed(baseChanges(kServerNow));
  }

  v1::Change change() {
    v1::Change c;
    c.set_change_id(core::newUuidV7(h->clock));
    c.set_entity_id(core::newUuidV7(h->clock));
    c.set_hlc(core::makeHlc(h->clock.nowMs(), 0));
    return c;
  }

  v1::Change person(const std::string& id, const std::string& name) {
    v1::Change c = change();
    c.set_entity_id(id);
    auto* p = c.mutable_person();
    p->set_id(id);
    p->set_display_name(name);
    auto* role = p->add_roles();
    role->set_municipality_id(kMunicipalityId);
    role->set_role("field");
    p->set_kiosk_pin_hash("$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA");
    return c;
  }

  v1::Change reading(const std::string& by, double value, const std::string& photo = "") {
    v1::Change c = change();
    auto* r = c.mutable_reading();
    r->set_id(c.entity_id());
    r->set_meter_id(kMeterId);
    r->set_value(value);
    r->set_taken_at(kServerNow - 86400000 + static_cast<int64_t>(value));
    r->set_recorded_by(by);
    r->set_photo_attachment_id(photo);
    return c;
  }

  v1::Change photo(const std::string& ownerId) {
    v1::Change c = change();
    auto* a = c.mutable_attachment();
    a->set_id(c.entity_id());
    a->set_sha256(std::string(64, 'a'));
    a->set_mime("image/jpeg");
    a->set_size(1000);
    a->set_owner_type("reading");
    a->set_owner_id(ownerId);
    return c;
  }

  std::unique_ptr<ServerHarness> h;
};

TEST_F(PersonExportTest, EverythingThatNamesThePersonAndNothingElse) {
  v1::Change annasReading = reading(kAnna, 100);
  v1::Change annasPhoto = photo(annasReading.entity_id());
  v1::Change piotrsReading = reading(kPiotr, 200);
  v1::Change piotrsPhoto = photo(piotrsReading.entity_id());
  h->seed({person(kAnna, "Anna Nowak"), person(kPiotr, "Piotr Zieliński"), annasReading, annasPhoto, piotrsReading,
           piotrsPhoto, reading(kAnna, 300)});
  ASSERT_TRUE(h->srv->store()
                  .addAuditEntry({.atMs = kServerNow,
                                  .actor = "admin:test",
                                  .action = "person.kiosk_pin",
                                  .detail = std::string("person=") + kAnna + " sites=1"})
                  .isOk());

  auto done = exportPerson(h->srv->store(), kAnna, kServerNow, "admin:dpo");
  ASSERT_TRUE(done.isOk()) << done.status().toString();
  const auto& doc = done->document;
  EXPECT_EQ(doc["subject"], kAnna);
  EXPECT_EQ(doc["person"]["display_name"], "Anna Nowak");
  EXPECT_FALSE(doc["person"].contains("kiosk_pin_hash"));
  EXPECT_EQ(doc["person"]["kiosk_pin"], "set (its hash is not exported)");
  EXPECT_EQ(doc.dump().find("argon2id"), std::string::npos) << "a PIN hash left the server";
  EXPECT_EQ(doc["counts"]["reading"], 2);
  EXPECT_EQ(doc["counts"]["attachment"], 1);
  EXPECT_EQ(doc["counts"]["person"], 1);
  std::set<std::string> ids;
  for (const auto& r : doc["records"]) ids.insert(r["id"].get<std::string>());
  EXPECT_TRUE(ids.count(annasReading.entity_id()));
  EXPECT_TRUE(ids.count(annasPhoto.entity_id()));
  EXPECT_FALSE(ids.count(piotrsReading.entity_id()));
  EXPECT_FALSE(ids.count(piotrsPhoto.entity_id()));
  EXPECT_FALSE(ids.count(kPiotr));
  ASSERT_EQ(doc["audit"].size(), 1u);
  EXPECT_EQ(doc["audit"][0]["action"], "person.kiosk_pin");

  // The export is itself an administrative action, logged.
  auto log = h->srv->store().auditEntries("person.export");
  ASSERT_TRUE(log.isOk());
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ(log->front().actor, "admin:dpo");
  EXPECT_NE(log->front().detail.find(kAnna), std::string::npos);
}

TEST_F(PersonExportTest, ADeviceIdExportsTheDeviceAndWhatItWrote) {
  v1::EnrollRequest req;
  req.set_enrollment_code(h->code(kMunicipalityId, "field"));
  req.set_install_id("phone-1");
  req.set_device_name("Anna's phone");
  v1::EnrollResponse enrolled;
  grpc::ClientContext ctx;
  ASSERT_TRUE(h->stub->Enroll(&ctx, req, &enrolled).ok());
  v1::PushRequest push;
  push.set_schema_version(1);
  *push.add_changes() = reading("", 400);
  grpc::ClientContext pushCtx;
  pushCtx.AddMetadata("authorization", "Bearer " + enrolled.access_token());
  v1::PushResponse pushed;
  ASSERT_TRUE(h->stub->Push(&pushCtx, push, &pushed).ok());
  ASSERT_EQ(pushed.results(0).outcome(), v1::ACCEPTED);

  auto done = exportPerson(h->srv->store(), enrolled.device_id(), kServerNow, "admin:dpo");
  ASSERT_TRUE(done.isOk()) << done.status().toString();
  const auto& doc = done->document;
  EXPECT_EQ(doc["device"]["name"], "Anna's phone");
  EXPECT_EQ(doc["device"]["roles"][kMunicipalityId], "field");
  EXPECT_EQ(doc.dump().find(enrolled.access_token()), std::string::npos) << "a token left the server";
  ASSERT_EQ(done->records, 1);
  EXPECT_EQ(doc["records"][0]["why"][0], "written by this device");
  EXPECT_GE(done->audit, 1);  // its enrollment
}

TEST_F(PersonExportTest, AnUnknownOrMalformedIdIsAClearError) {
  EXPECT_EQ(
      exportPerson(h->srv->store(), "0190a000-0000-7000-8000-0000000000ff", kServerNow, "admin:dpo").status().code(),
      core::StatusCode::kNotFound);
  EXPECT_EQ(exportPerson(h->srv->store(), "Anna Nowak", kServerNow, "admin:dpo").status().code(),
            core::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace secap::testing

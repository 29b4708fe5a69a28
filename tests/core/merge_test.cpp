#include "secap/core/merge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "secap/core/entity.h"

using namespace secap::core;
using secap::v1::Change;

namespace {

constexpr const char* kSite = "0190a000-0000-7000-8000-000000000002";
constexpr int64_t kT = 1767225600000;

Change siteChange(HlcValue hlc, std::vector<std::string> mask, const std::function<void(secap::v1::Site&)>& set,
                  bool deleted = false) {
  Change c;
  c.set_entity_id(kSite);
  c.set_hlc(hlc);
  c.set_deleted(deleted);
  for (auto& f : mask) c.add_fields(f);
  auto* s = c.mutable_site();
  s->set_id(kSite);
  set(*s);
  return c;
}

MergedRecord created() {
  MergedRecord r;
  mergeChange(r,
              siteChange(makeHlc(kT, 0), {},
                         [](auto& s) {
                           s.set_name("Szkoła Podstawowa nr 3");
                           s.set_address("ul. Szkolna 1");
                           s.set_lat(53.1);
                         }),
              "server");
  return r;
}

}  // namespace

TEST(Merge, EditsToDifferentFieldsByTwoPeopleAreBothKept) {
  auto a = siteChange(makeHlc(kT + 10, 0), {"name"}, [](auto& s) { s.set_name("SP nr 3 im. Kopernika"); });
  auto b = siteChange(makeHlc(kT + 5, 0), {"address"}, [](auto& s) { s.set_address("ul. Szkolna 3"); });
  for (bool aFirst : {true, false}) {
    auto r = created();
    mergeChange(r, aFirst ? a : b, aFirst ? "dev-a" : "dev-b");
    mergeChange(r, aFirst ? b : a, aFirst ? "dev-b" : "dev-a");
    EXPECT_EQ(r.entity.site().name(), "SP nr 3 im. Kopernika");
    EXPECT_EQ(r.entity.site().address(), "ul. Szkolna 3");
    EXPECT_DOUBLE_EQ(r.entity.site().lat(), 53.1);  // untouched
  }
}

TEST(Merge, TheLaterStampWinsTheSameFieldWhateverTheOrder) {
  auto older = siteChange(makeHlc(kT + 5, 0), {"name"}, [](auto& s) { s.set_name("older"); });
  auto newer = siteChange(makeHlc(kT + 9, 0), {"name"}, [](auto& s) { s.set_name("newer"); });
  auto r1 = created();
  mergeChange(r1, older, "a");
  mergeChange(r1, newer, "b");
  auto r2 = created();
  mergeChange(r2, newer, "b");
  EXPECT_TRUE(mergeChange(r2, older, "a").empty());
  EXPECT_EQ(r1.entity.site().name(), "newer");
  EXPECT_EQ(r2.entity.site().name(), "newer");
}

TEST(Merge, EqualStampsAreBrokenByTheOriginDevice) {
  auto x = siteChange(makeHlc(kT + 5, 0), {"name"}, [](auto& s) { s.set_name("from a"); });
  auto y = siteChange(makeHlc(kT + 5, 0), {"name"}, [](auto& s) { s.set_name("from b"); });
  auto r1 = created();
  mergeChange(r1, x, "dev-a");
  mergeChange(r1, y, "dev-b");
  auto r2 = created();
  mergeChange(r2, y, "dev-b");
  mergeChange(r2, x, "dev-a");
  EXPECT_EQ(r1.entity.site().name(), "from b");
  EXPECT_EQ(r2.entity.site().name(), "from b");
}

TEST(Merge, AFieldInTheMaskButUnsetIsCleared) {
  auto r = created();
  mergeChange(r, siteChange(makeHlc(kT + 1, 0), {"lat"}, [](auto&) {}), "a");
  EXPECT_FALSE(r.entity.site().has_lat());
}

TEST(Merge, AnEditAfterADeleteDoesNotUndelete) {
  auto r = created();
  mergeChange(r,
              siteChange(
                  makeHlc(kT + 5, 0), {}, [](auto&) {}, /*deleted=*/true),
              "a");
  // A field-only delete keeps the fields' values.
  EXPECT_TRUE(r.deleted);
  EXPECT_EQ(r.entity.site().name(), "Szkoła Podstawowa nr 3");
  mergeChange(r, siteChange(makeHlc(kT + 9, 0), {"name"}, [](auto& s) { s.set_name("edited later"); }), "b");
  EXPECT_TRUE(r.deleted);
  EXPECT_EQ(r.entity.site().name(), "edited later");
  // Only an explicit, later deleted=false brings it back.
  mergeChange(r, siteChange(makeHlc(kT + 12, 0), {"deleted"}, [](auto&) {}), "c");
  EXPECT_FALSE(r.deleted);
}

TEST(Merge, AnOlderUndeleteLosesToTheDelete) {
  auto r = created();
  mergeChange(r,
              siteChange(
                  makeHlc(kT + 5, 0), {"deleted"}, [](auto&) {}, true),
              "a");
  mergeChange(r, siteChange(makeHlc(kT + 4, 0), {"deleted"}, [](auto&) {}), "b");
  EXPECT_TRUE(r.deleted);
}

TEST(Merge, AMaskNamingAnUnknownFieldIsRefused) {
  auto c = siteChange(makeHlc(kT, 0), {"colour"}, [](auto&) {});
  EXPECT_FALSE(fieldsWritten(c).has_value());
  auto r = created();
  EXPECT_TRUE(mergeChange(r, c, "a").empty());
}

TEST(Merge, ARecordSplitIntoStampGroupsRebuildsItself) {
  auto r = created();
  mergeChange(r, siteChange(makeHlc(kT + 5, 0), {"name"}, [](auto& s) { s.set_name("Przedszkole nr 1"); }), "a");
  mergeChange(r,
              siteChange(
                  makeHlc(kT + 7, 0), {}, [](auto&) {}, true),
              "b");
  const auto groups = recordAsChanges(r, kSite);
  EXPECT_EQ(groups.size(), 3u);  // created fields, the name, the tombstone
  MergedRecord rebuilt;
  for (const auto& g : groups) mergeChange(rebuilt, g, g.origin_device_id());
  EXPECT_EQ(rebuilt.entity.SerializeAsString(), r.entity.SerializeAsString());
  EXPECT_EQ(rebuilt.stamps, r.stamps);
  EXPECT_EQ(rebuilt.deleted, r.deleted);
}

TEST(Merge, AnyOrderOfTheSameChangesConverges) {
  std::vector<std::pair<Change, std::string>> changes;
  const std::vector<std::string> fields{"name", "address", "lat", "com_sector", "archived"};
  std::mt19937_64 rng(42);
  for (int i = 0; i < 30; ++i) {
    const auto& f = fields[rng() % fields.size()];
    const bool del = rng() % 7 == 0;
    auto c = siteChange(
        makeHlc(kT + static_cast<int64_t>(rng() % 20), 0), {f},
        [&](auto& s) {
          s.set_name("n" + std::to_string(i));
          s.set_address("a" + std::to_string(i));
          s.set_lat(i);
          s.set_com_sector("sector" + std::to_string(i));
          s.set_archived(i % 2);
        },
        del);
    changes.emplace_back(c, "dev-" + std::to_string(rng() % 3));
  }
  auto apply = [&](const std::vector<std::pair<Change, std::string>>& order) {
    auto r = created();
    for (const auto& [c, o] : order) mergeChange(r, c, o);
    return r;
  };
  const auto reference = apply(changes);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(changes.begin(), changes.end(), rng);
    const auto r = apply(changes);
    EXPECT_EQ(r.entity.SerializeAsString(), reference.entity.SerializeAsString());
    EXPECT_EQ(r.stamps, reference.stamps);
    EXPECT_EQ(r.deleted, reference.deleted);
  }
}

TEST(Merge, StampsSurviveEncoding) {
  FieldStamps s{{"name", {makeHlc(kT, 3), "dev-a"}}, {"deleted", {makeHlc(kT, 9), "server"}}};
  auto back = decodeStamps(encodeStamps(s));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, s);
  EXPECT_FALSE(decodeStamps("garbage").has_value());
}

// writesField and fieldMaskIsValid answer what fieldsWritten's list says,
// for every field, over random masks, deletes and entity types (ingest and
// validation ask them instead of building the list for every change).
TEST(Merge, WritesFieldAgreesWithFieldsWrittenForEveryField) {
  std::mt19937 rng(20261206);
  const std::vector<std::string> extra = {kDeletedField, "id", "no_such_field", ""};
  for (int i = 0; i < 2000; ++i) {
    Change c;
    c.set_entity_id(kSite);
    c.set_hlc(makeHlc(kT, 1));
    const google::protobuf::Descriptor* desc = nullptr;
    switch (rng() % 4) {
      case 0:
        c.mutable_site()->set_id(kSite);
        desc = secap::v1::Site::descriptor();
        break;
      case 1:
        c.mutable_reading()->set_id(kSite);
        desc = secap::v1::Reading::descriptor();
        break;
      case 2:
        c.mutable_person()->set_id(kSite);
        desc = secap::v1::Person::descriptor();
        break;
      default:
        break;  // no entity at all
    }
    std::vector<std::string> names = extra;
    if (desc)
      for (int f = 0; f < desc->field_count(); ++f) names.push_back(desc->field(f)->name());
    c.set_deleted(rng() % 4 == 0);
    const int maskSize = static_cast<int>(rng() % 4);
    for (int m = 0; m < maskSize; ++m) c.add_fields(names[rng() % names.size()]);
    const auto written = fieldsWritten(c);
    ASSERT_EQ(fieldMaskIsValid(c), written.has_value()) << c.DebugString();
    if (!written) continue;
    for (const auto& name : names)
      EXPECT_EQ(writesField(c, name), std::find(written->begin(), written->end(), name) != written->end())
          << name << " in " << c.DebugString();
  }
}

// The change log's payload: the change with its seq, as if it had been set.
TEST(Merge, SerializeWithServerSeqParsesAsTheChangeWithItsSeq) {
  Change c = siteChange(makeHlc(kT, 3), {"name"}, [](auto& s) { s.set_name("Przedszkole"); });
  c.set_change_id("0190a000-0000-7000-8000-0000000000aa");
  for (const int64_t seq : {int64_t{1}, int64_t{300}, int64_t{1} << 40}) {
    Change parsed;
    ASSERT_TRUE(parsed.ParseFromString(serializeWithServerSeq(c, seq)));
    Change expected = c;
    expected.set_server_seq(seq);
    EXPECT_EQ(parsed.SerializeAsString(), expected.SerializeAsString());
  }
}

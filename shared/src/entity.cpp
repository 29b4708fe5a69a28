#include "secap/core/entity.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/message.h>
#include <google/protobuf/wire_format_lite.h>

namespace secap::core {

namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using secap::v1::Change;

// One row per type: its field of the Change oneof, whether it is append-only,
// and the field and type of its parent.
struct Kind {
  EntityType type;
  int oneofField;  // Change field number
  bool appendOnly;
  std::string_view parentField;
  EntityType parentType;  // kUnknown: none, or (attachment) given by owner_type
};

constexpr Kind kKinds[] = {
    {EntityType::kMunicipality, Change::kMunicipalityFieldNumber, false, "", EntityType::kUnknown},
    {EntityType::kSite, Change::kSiteFieldNumber, false, "municipality_id", EntityType::kMunicipality},
    {EntityType::kMeter, Change::kMeterFieldNumber, false, "site_id", EntityType::kSite},
    {EntityType::kReading, Change::kReadingFieldNumber, true, "meter_id", EntityType::kMeter},
    {EntityType::kReadingReview, Change::kReadingReviewFieldNumber, true, "reading_id", EntityType::kReading},
    {EntityType::kMeasure, Change::kMeasureFieldNumber, false, "municipality_id", EntityType::kMunicipality},
    {EntityType::kProgressUpdate, Change::kProgressUpdateFieldNumber, true, "measure_id", EntityType::kMeasure},
    {EntityType::kInspection, Change::kInspectionFieldNumber, true, "site_id", EntityType::kSite},
    {EntityType::kInspectionTemplate, Change::kInspectionTemplateFieldNumber, false, "municipality_id",
     EntityType::kMunicipality},
    {EntityType::kAttachment, Change::kAttachmentFieldNumber, false, "owner_id", EntityType::kUnknown},
    {EntityType::kActivityData, Change::kActivityDataFieldNumber, false, "municipality_id", EntityType::kMunicipality},
    {EntityType::kPerson, Change::kPersonFieldNumber, false, "roles", EntityType::kMunicipality},
    {EntityType::kEmissionFactor, Change::kEmissionFactorFieldNumber, false, "municipality_id",
     EntityType::kMunicipality},
    {EntityType::kDegreeDays, Change::kDegreeDaysFieldNumber, false, "municipality_id", EntityType::kMunicipality},
    {EntityType::kMunicipalityYear, Change::kMunicipalityYearFieldNumber, false, "municipality_id",
     EntityType::kMunicipality},
    {EntityType::kPublishedInventory, Change::kPublishedInventoryFieldNumber, true, "municipality_id",
     EntityType::kMunicipality},
};

const Kind* kindOf(EntityType type) {
  for (const auto& k : kKinds)
    if (k.type == type) return &k;
  return nullptr;
}

const FieldDescriptor* oneofFieldOf(EntityType type) {
  const Kind* k = kindOf(type);
  return k ? Change::descriptor()->FindFieldByNumber(k->oneofField) : nullptr;
}

const Message* entityOf(const Change& change) { return entityMessageOf(change); }

std::string stringField(const Message& m, std::string_view name) {
  const FieldDescriptor* f = m.GetDescriptor()->FindFieldByName(std::string(name));
  if (!f || f->is_repeated() || f->cpp_type() != FieldDescriptor::CPPTYPE_STRING) return {};
  return m.GetReflection()->GetString(m, f);
}

}  // namespace

EntityType entityTypeOf(const Change& change) {
  const int number = static_cast<int>(change.entity_case());
  for (const auto& k : kKinds)
    if (k.oneofField == number) return k.type;
  return EntityType::kUnknown;
}

const Message* entityMessageOf(const Change& change) {
  const FieldDescriptor* f = oneofFieldOf(entityTypeOf(change));
  return f ? &change.GetReflection()->GetMessage(change, f) : nullptr;
}

std::string_view entityTypeName(EntityType type) {
  const FieldDescriptor* f = oneofFieldOf(type);
  return f ? std::string_view(f->name()) : std::string_view("unknown");
}

EntityType entityTypeFromName(std::string_view name) {
  for (const auto& k : kKinds)
    if (entityTypeName(k.type) == name) return k.type;
  return EntityType::kUnknown;
}

bool isAppendOnly(EntityType type) {
  const Kind* k = kindOf(type);
  return k && k->appendOnly;
}

std::string parentIdOf(const Change& change) {
  if (change.entity_case() == Change::kPerson)
    return change.person().roles_size() > 0 ? change.person().roles(0).municipality_id() : std::string();
  const Message* m = entityOf(change);
  if (!m) return {};
  return stringField(*m, parentFieldOf(entityTypeOf(change)));
}

std::string_view parentFieldOf(EntityType type) {
  const Kind* k = kindOf(type);
  return k ? k->parentField : std::string_view();
}

EntityType parentTypeOf(const Change& change) {
  if (change.entity_case() == Change::kAttachment) return entityTypeFromName(change.attachment().owner_type());
  const Kind* k = kindOf(entityTypeOf(change));
  return k ? k->parentType : EntityType::kUnknown;
}

std::string embeddedIdOf(const Change& change) {
  const Message* m = entityOf(change);
  return m ? stringField(*m, "id") : std::string();
}

void compactForWire(Change& change) {
  if (change.has_reading() && change.reading().id() == change.entity_id()) change.mutable_reading()->clear_id();
}

const Change& withEmbeddedId(const Change& sent, Change& scratch) {
  if (!sent.has_reading() || !sent.reading().id().empty()) return sent;
  scratch = sent;
  scratch.mutable_reading()->set_id(sent.entity_id());
  return scratch;
}

std::string serializeWithServerSeq(const Change& change, int64_t seq) {
  std::string out = change.SerializeAsString();
  if (seq == change.server_seq()) return out;
  // A parser keeps the last value of a scalar field, so server_seq appended
  // after the rest is the seq of the parsed change.
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    google::protobuf::internal::WireFormatLite::WriteInt64(Change::kServerSeqFieldNumber, seq, &coded);
  }
  return out;
}

std::string serializeEntity(const Change& change) {
  const Message* m = entityOf(change);
  return m ? m->SerializeAsString() : std::string();
}

bool parseEntityInto(EntityType type, std::string_view bytes, Change& change) {
  const FieldDescriptor* f = oneofFieldOf(type);
  if (!f) return false;
  Message* m = change.GetReflection()->MutableMessage(&change, f);
  return m->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

}  // namespace secap::core

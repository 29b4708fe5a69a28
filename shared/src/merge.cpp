#include "secap/core/merge.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <algorithm>

namespace secap::core {

namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using secap::v1::Change;

const Message* entityMessage(const Change& change) {
  const auto* oneof = Change::descriptor()->FindOneofByName("entity");
  const auto* field = change.GetReflection()->GetOneofFieldDescriptor(change, oneof);
  if (!field) return nullptr;
  return &change.GetReflection()->GetMessage(change, field);
}

Message* mutableEntityMessage(Change& change, const FieldDescriptor* which) {
  return change.GetReflection()->MutableMessage(&change, which);
}

const FieldDescriptor* entityField(const Change& change) {
  const auto* oneof = Change::descriptor()->FindOneofByName("entity");
  return change.GetReflection()->GetOneofFieldDescriptor(change, oneof);
}

}  // namespace

std::optional<std::vector<std::string>> fieldsWritten(const Change& change) {
  std::vector<std::string> out;
  const Message* entity = entityMessage(change);
  if (entity) {
    const auto* desc = entity->GetDescriptor();
    if (change.fields().empty() && change.deleted()) {
      // A plain delete writes the tombstone only.
    } else if (change.fields().empty()) {
      for (int i = 0; i < desc->field_count(); ++i)
        if (desc->field(i)->name() != "id") out.push_back(desc->field(i)->name());
    } else {
      for (const auto& name : change.fields()) {
        if (name == kDeletedField) continue;
        const auto* f = desc->FindFieldByName(name);
        if (!f || name == "id") return std::nullopt;
        out.push_back(name);
      }
    }
  }
  const bool namesDeleted =
      std::find(change.fields().begin(), change.fields().end(), kDeletedField) != change.fields().end();
  if (change.deleted() || namesDeleted) out.emplace_back(kDeletedField);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool fieldMaskIsValid(const Change& change) {
  const Message* entity = entityMessage(change);
  if (!entity) return true;
  const auto* desc = entity->GetDescriptor();
  return std::all_of(change.fields().begin(), change.fields().end(), [&](const std::string& name) {
    return name == kDeletedField || (name != "id" && desc->FindFieldByName(name) != nullptr);
  });
}

bool writesField(const Change& change, std::string_view field) {
  const auto& mask = change.fields();
  const bool named = std::find(mask.begin(), mask.end(), field) != mask.end();
  if (field == kDeletedField) return change.deleted() || named;
  const Message* entity = entityMessage(change);
  if (!entity || field == "id" || !entity->GetDescriptor()->FindFieldByName(std::string(field))) return false;
  // An empty mask writes every field, unless the change is a plain delete.
  return mask.empty() ? !change.deleted() : named;
}

std::vector<std::string> mergeChange(MergedRecord& record, const Change& change, std::string_view origin) {
  std::vector<std::string> changed;
  const auto fields = fieldsWritten(change);
  if (!fields) return changed;
  const FieldStamp stamp{change.hlc(), std::string(origin)};
  const FieldDescriptor* which = entityField(change);
  if (which && !entityField(record.entity)) {
    // A new record: start from an empty entity of the right type with its id.
    Message* fresh = mutableEntityMessage(record.entity, which);
    const Message* src = entityMessage(change);
    if (const auto* idField = src->GetDescriptor()->FindFieldByName("id"))
      fresh->GetReflection()->SetString(fresh, idField, src->GetReflection()->GetString(*src, idField));
  }

  std::vector<const FieldDescriptor*> toCopy;
  for (const auto& name : *fields) {
    auto it = record.stamps.find(name);
    if (it != record.stamps.end() && !(it->second < stamp)) continue;
    record.stamps[name] = stamp;
    changed.push_back(name);
    if (name == kDeletedField) {
      record.deleted = change.deleted();
      continue;
    }
    toCopy.push_back(entityMessage(change)->GetDescriptor()->FindFieldByName(name));
  }
  if (!toCopy.empty() && which && entityField(record.entity) == which) {
    // SwapFields moves whole fields (repeated ones too, and presence), so a
    // field that is unset in the change is cleared in the record.
    Change copy = change;
    Message* dst = mutableEntityMessage(record.entity, which);
    Message* src = mutableEntityMessage(copy, which);
    dst->GetReflection()->SwapFields(dst, src, toCopy);
  }
  return changed;
}

std::vector<Change> recordAsChanges(const MergedRecord& record, const std::string& entityId) {
  std::map<FieldStamp, std::vector<std::string>> groups;
  for (const auto& [name, stamp] : record.stamps) groups[stamp].push_back(name);
  std::vector<Change> out;
  const FieldDescriptor* which = entityField(record.entity);
  for (const auto& [stamp, names] : groups) {
    Change c;
    c.set_entity_id(entityId);
    c.set_hlc(stamp.hlc);
    c.set_origin_device_id(stamp.origin);
    if (which) {
      Message* dst = mutableEntityMessage(c, which);
      dst->CopyFrom(*entityMessage(record.entity));
      // Only the group's own fields are carried (the id always is).
      const auto* desc = dst->GetDescriptor();
      for (int i = 0; i < desc->field_count(); ++i) {
        const auto* f = desc->field(i);
        if (f->name() != "id" && std::find(names.begin(), names.end(), f->name()) == names.end())
          dst->GetReflection()->ClearField(dst, f);
      }
    }
    for (const auto& n : names) c.add_fields(n);
    if (std::find(names.begin(), names.end(), kDeletedField) != names.end()) c.set_deleted(record.deleted);
    out.push_back(std::move(c));
  }
  return out;
}

std::string encodeStamps(const FieldStamps& stamps) {
  // name \t hlc \t origin \n ... ; names and origins hold no tabs or newlines.
  std::string out;
  for (const auto& [name, s] : stamps) {
    out += name;
    out += '\t';
    out += std::to_string(s.hlc);
    out += '\t';
    out += s.origin;
    out += '\n';
  }
  return out;
}

std::optional<FieldStamps> decodeStamps(std::string_view bytes) {
  FieldStamps out;
  while (!bytes.empty()) {
    const auto nl = bytes.find('\n');
    if (nl == std::string_view::npos) return std::nullopt;
    const std::string_view line = bytes.substr(0, nl);
    bytes.remove_prefix(nl + 1);
    const auto t1 = line.find('\t');
    const auto t2 = line.find('\t', t1 == std::string_view::npos ? 0 : t1 + 1);
    if (t1 == std::string_view::npos || t2 == std::string_view::npos) return std::nullopt;
    FieldStamp s;
    try {
      s.hlc = std::stoull(std::string(line.substr(t1 + 1, t2 - t1 - 1)));
    } catch (...) {
      return std::nullopt;
    }
    s.origin = std::string(line.substr(t2 + 1));
    out[std::string(line.substr(0, t1))] = std::move(s);
  }
  return out;
}

}  // namespace secap::core

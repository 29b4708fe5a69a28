#include "compaction.h"

#include <charconv>

#include "secap/core/merge.h"

namespace secap::server {

namespace {

constexpr int kCompactionBatch = 2000;

// A change is superseded when none of the fields it wrote still carries its
// stamp.
bool superseded(const secap::v1::Change& change, const StoredEntity& current) {
  const auto fields = core::fieldsWritten(change);
  if (!fields) return true;  // names nothing the record has
  const core::FieldStamp own{change.hlc(), change.origin_device_id()};
  for (const auto& f : *fields) {
    auto it = current.stamps.find(f);
    if (it != current.stamps.end() && it->second == own) return false;
  }
  return true;
}

// "watermark:mark:type:id": where the log continues after the resync, the
// device's resync mark when the resync began, and the last record sent.
struct ResyncCursor {
  int64_t watermark = 0;
  int64_t mark = 0;
  int type = 0;
  std::string id;
};

bool parseCursor(const std::string& text, ResyncCursor& out) {
  size_t at[3];
  size_t from = 0;
  for (auto& p : at) {
    p = text.find(':', from);
    if (p == std::string::npos) return false;
    from = p + 1;
  }
  auto r1 = std::from_chars(text.data(), text.data() + at[0], out.watermark);
  auto r2 = std::from_chars(text.data() + at[0] + 1, text.data() + at[1], out.mark);
  auto r3 = std::from_chars(text.data() + at[1] + 1, text.data() + at[2], out.type);
  if (r1.ec != std::errc() || r2.ec != std::errc() || r3.ec != std::errc()) return false;
  out.id = text.substr(at[2] + 1);
  return true;
}

std::string formatCursor(const ResyncCursor& c) {
  return std::to_string(c.watermark) + ":" + std::to_string(c.mark) + ":" + std::to_string(c.type) + ":" + c.id;
}

}  // namespace

Result<CompactionStats> compact(Store& store, int64_t horizonSeq) {
  CompactionStats stats;
  auto top = store.watermark();
  if (!top.isOk()) return top.status();
  const int64_t horizon = std::min(horizonSeq, *top - 1);
  if (horizon <= 0) return stats;
  int64_t after = 0;
  while (after < horizon) {
    auto page = store.changeLog(after, horizon, kCompactionBatch);
    if (!page.isOk()) return page.status();
    if (page->empty()) break;
    auto tx = store.beginWrite(WriteScope::all());
    if (!tx.isOk()) return tx.status();
    int64_t highestRemoved = 0;
    for (const auto& logged : *page) {
      after = logged.seq;
      ++stats.examined;
      const auto type = core::entityTypeOf(logged.change);
      if (core::isAppendOnly(type)) continue;
      auto current = (*tx)->getEntity(type, logged.change.entity_id());
      if (!current.isOk()) return current.status();
      if (!current->has_value() || !superseded(logged.change, **current)) continue;
      SECAP_RETURN_IF_ERROR((*tx)->removeChange(logged.seq));
      highestRemoved = logged.seq;
      ++stats.removed;
    }
    // Only a cursor below a removed entry can have missed it.
    if (highestRemoved > 0) {
      SECAP_RETURN_IF_ERROR((*tx)->raiseCompactionHorizon(highestRemoved));
      stats.horizon = highestRemoved;
    }
    SECAP_RETURN_IF_ERROR((*tx)->commit());
  }
  return stats;
}

Result<int64_t> resyncCursorMark(const std::string& cursorText) {
  if (cursorText.empty()) return int64_t{0};
  ResyncCursor cursor;
  if (!parseCursor(cursorText, cursor)) return core::invalidArgument("resync_cursor is malformed");
  return cursor.mark;
}

Result<secap::v1::PullResponse> resyncPage(Store& store, const std::vector<std::string>& municipalityIds,
                                           const std::string& cursorText, int maxChanges, size_t maxBytes,
                                           const ResyncFilter& keep, int64_t markAtStart) {
  ResyncCursor cursor;
  if (cursorText.empty()) {
    auto wm = store.watermark();
    if (!wm.isOk()) return wm.status();
    cursor.watermark = *wm;
    cursor.mark = markAtStart;
  } else if (!parseCursor(cursorText, cursor)) {
    return core::invalidArgument("resync_cursor is malformed");
  }
  secap::v1::PullResponse resp;
  resp.set_last_seq(cursor.watermark);
  // Records, not changes, are paged: a record gives one change per stamp group.
  auto records = store.recordsAfter(municipalityIds, cursor.type, cursor.id, std::max(1, maxChanges / 4));

  if (!records.isOk()) return records.status();
  const size_t limit = static_cast<size_t>(std::max(1, maxChanges / 4));
  size_t bytes = 0;
  size_t consumed = 0;
  for (const auto& r : *records) {
    std::vector<secap::v1::Change> changes;
    if (core::isAppendOnly(r.type)) {
      secap::v1::Change c = r.entity;
      c.set_entity_id(r.id);
      c.set_hlc(r.hlc);
      c.set_origin_device_id(r.originDeviceId);
      changes.push_back(std::move(c));
    } else {
      core::MergedRecord m{r.entity, r.stamps, r.deleted};
      changes = core::recordAsChanges(m, r.id);
    }
    if (keep) {
      std::vector<secap::v1::Change> kept;
      for (auto& c : changes) {
        auto ok = keep(r.municipalityId, c);
        if (!ok.isOk()) return ok.status();
        if (*ok) kept.push_back(std::move(c));
      }
      changes = std::move(kept);
    }
    size_t size = 0;
    for (auto& c : changes) {
      c.set_server_seq(r.serverSeq);
      size += c.ByteSizeLong();
    }
    if (resp.changes_size() > 0 &&
        (bytes + size > maxBytes || resp.changes_size() + changes.size() > static_cast<size_t>(maxChanges)))
      break;
    for (auto& c : changes) *resp.add_changes() = std::move(c);
    bytes += size;
    cursor.type = static_cast<int>(r.type);
    cursor.id = r.id;
    ++consumed;
  }
  const bool done = consumed == records->size() && records->size() < limit;
  resp.set_has_more(!done);
  resp.set_resync_cursor(done ? std::string() : formatCursor(cursor));
  return resp;
}

Result<int64_t> resetCursorsAfterRestore(Store& store) {
  constexpr int64_t kGap = int64_t{1} << 32;
  auto tx = store.beginWrite(WriteScope::all());
  if (!tx.isOk()) return tx.status();
  auto highest = (*tx)->highestSeqInUse();
  if (!highest.isOk()) return highest.status();
  const int64_t floor = *highest + kGap;
  SECAP_RETURN_IF_ERROR((*tx)->raiseSeqFloor(floor));
  SECAP_RETURN_IF_ERROR((*tx)->raiseCompactionHorizon(floor));
  SECAP_RETURN_IF_ERROR((*tx)->commit());
  return floor;
}

}  // namespace secap::server

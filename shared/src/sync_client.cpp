#include "secap/core/sync_client.h"

#include <algorithm>
#include <fstream>
#include <future>
#include <system_error>

#include "secap/core/attachment_fetcher.h"
#include "secap/core/enroll_uri.h"
#include "secap/core/entity.h"

namespace secap::core {

SyncClient::SyncClient(LocalStore& store, SyncTransport& transport, SyncOptions options)
    : m_store(store), m_transport(transport), m_options(options), m_rng(std::random_device{}()) {
  m_status.enrolled = isEnrolled();
  m_status.withdrawn = m_store.state(state_keys::kWithdrawn).value_or("0") == "1";
  if (m_status.withdrawn) m_status.lastError = kWithdrawnMessage;
  if (auto last = m_store.state(state_keys::kLastSyncMs)) m_status.lastSyncMs = std::stoll(*last);
  m_status.pending = m_store.pendingCount();
  m_status.needsAttention = m_store.rejectedCount();
  m_status.pendingAttachments = m_store.pendingAttachmentCount();
}

SyncClient::~SyncClient() { stop(); }

bool SyncClient::isEnrolled() {
  // A vault that cannot answer now (a locked keychain) still holds a token:
  // the next round says why it cannot sync.
  auto token = m_store.accessToken();
  return !token.isOk() || token->has_value();
}

Result<std::string> SyncClient::accessToken() {
  auto token = m_store.accessToken();
  if (!token.isOk()) return token.status();
  if (!*token) return Status(StatusCode::kFailedPrecondition, "this device is not enrolled yet");
  return **token;
}

Status SyncClient::enroll(const std::string& codeOrUri, const std::string& deviceName, const std::string& platform,
                          const std::string& appVersion) {
  auto invite = parseEnrollmentInput(codeOrUri);
  if (!invite.isOk()) return invite.status();
  std::lock_guard syncLock(m_syncMu);
  secap::v1::EnrollRequest req;
  req.set_enrollment_code(invite->code);
  req.set_install_id(m_store.state(state_keys::kInstallId).value_or(""));
  req.set_device_name(deviceName);
  req.set_platform(platform);
  req.set_app_version(appVersion);
  const int64_t sentAt = m_store.clock().nowMs();
  auto resp = m_transport.enroll(req);
  if (!resp.isOk()) return recordOutcome(resp.status());
  m_store.hlc().observeServerTime(resp->server_time_ms(), sentAt, m_store.clock().nowMs());
  SECAP_RETURN_IF_ERROR(m_store.setState(state_keys::kDeviceId, resp->device_id()));
  SECAP_RETURN_IF_ERROR(m_store.setState(state_keys::kMunicipalityId, resp->municipality_id()));
  SECAP_RETURN_IF_ERROR(m_store.setState(state_keys::kRole, resp->role()));
  SECAP_RETURN_IF_ERROR(m_store.setState(state_keys::kServerOffsetMs, std::to_string(m_store.hlc().serverOffsetMs())));
  // Last: a device with a token is enrolled.
  SECAP_RETURN_IF_ERROR(m_store.setAccessToken(resp->access_token()));
  (void)m_store.setState(state_keys::kWithdrawn, "0");
  {
    std::lock_guard lock(m_mu);
    m_status.enrolled = true;
    m_status.withdrawn = false;
  }
  return recordOutcome(Status::ok());
}

Status SyncClient::pushAll() {
  auto stored = accessToken();
  if (!stored.isOk()) return stored.status();
  const std::string& token = *stored;
  bool restamped = false;
  while (true) {
    auto batch = m_store.pendingOutbox(m_options.maxChangesPerPush, m_options.maxPushBytes);
    if (batch.empty()) return Status::ok();
    secap::v1::PushRequest req;
    req.set_schema_version(kSchemaVersion);
    for (const auto& e : batch) core::compactForWire(*req.add_changes() = e.change);
    const int64_t sentAt = m_store.clock().nowMs();
    auto resp = m_transport.push(req, token);
    if (!resp.isOk()) return resp.status();
    m_store.hlc().observeServerTime(resp->server_time_ms(), sentAt, m_store.clock().nowMs());
    const int64_t before = m_store.pendingCount();
    SECAP_RETURN_IF_ERROR(m_store.applyPushResults(batch, *resp));
    {
      std::lock_guard lock(m_mu);
      m_status.online = true;
    }
    publish();
    // clock.skew: the offset was just re-measured from this response, so a
    // fresh stamp is right now; once per round, so a bad clock cannot loop.
    if (!restamped) {
      auto n = m_store.restampClockSkewed();
      if (!n.isOk()) return n.status();
      if (*n > 0) {
        restamped = true;
        continue;
      }
    }
    // A response that settled nothing would loop forever: stop and retry later.
    if (m_store.pendingCount() >= before) return internalError("the server answered without verdicts");
  }
}

Status SyncClient::pullAll() {
  auto stored = accessToken();
  if (!stored.isOk()) return stored.status();
  const std::string& token = *stored;
  // An upgrade that knows more entity types than the last sync did: what was
  // skipped as unknown must be fetched again.
  const auto synced = m_store.state(state_keys::kSyncedSchema);
  if (!synced) {
    SECAP_RETURN_IF_ERROR(m_store.setState(state_keys::kSyncedSchema, std::to_string(kSchemaVersion)));
  } else if (std::stoi(*synced) < kSchemaVersion) {
    SECAP_RETURN_IF_ERROR(m_store.setState(state_keys::kResyncNeeded, "1"));
  }
  if (m_store.state(state_keys::kResyncNeeded).value_or("0") == "1") return fullResync();
  // The next page is fetched while the device applies this one (issue 15):
  // the server's and the wire's time overlap the device's. One call is in
  // flight at a time, so the transport is used by one thread at a time.
  struct Fetched {
    Result<secap::v1::PullResponse> resp;
    int64_t afterSeq = 0;
    int64_t sentAt = 0;
    int64_t receivedAt = 0;
  };
  auto fetch = [this, &token](int64_t afterSeq, int64_t outboxSize) {
    secap::v1::PullRequest req;
    req.set_after_seq(afterSeq);
    req.set_max_changes(m_options.maxChangesPerPull);
    req.set_schema_version(kSchemaVersion);
    req.set_outbox_size(outboxSize);
    Fetched out{.resp = Status(StatusCode::kInternal, "not fetched"), .afterSeq = afterSeq};
    out.sentAt = m_store.clock().nowMs();
    out.resp = m_transport.pull(req, token);
    out.receivedAt = m_store.clock().nowMs();
    return out;
  };
  Fetched page = fetch(m_store.cursor(), m_store.pendingCount());
  while (true) {
    if (!page.resp.isOk()) return page.resp.status();
    const auto& resp = *page.resp;
    m_store.hlc().observeServerTime(resp.server_time_ms(), page.sentAt, page.receivedAt);
    if (resp.full_resync_required()) return fullResync();
    // A page may be empty yet move the cursor (a kiosk's filtered page); one
    // that does not move it would loop forever.
    const bool more = resp.has_more() && resp.last_seq() > page.afterSeq;
    std::future<Fetched> next;
    if (more) {
      try {
        next = std::async(std::launch::async, fetch, resp.last_seq(), m_store.pendingCount());
      } catch (const std::system_error&) {
        // No thread to be had (a device at its limit): fetch after applying.
      }
    }
    const Status applied = m_store.applyPullPage(resp);
    if (!more) return applied;
    // Waited for even when the apply failed: `fetch` uses this frame.
    const bool prefetched = next.valid();
    Fetched fetched = prefetched ? next.get() : Fetched{.resp = Status(StatusCode::kInternal, "not fetched")};
    if (!applied.isOk()) return applied;
    page = prefetched ? std::move(fetched) : fetch(resp.last_seq(), m_store.pendingCount());
  }
}

Status SyncClient::fullResync() {
  auto stored = accessToken();
  if (!stored.isOk()) return stored.status();
  const std::string& token = *stored;
  auto generation = m_store.beginFullResync();
  if (!generation.isOk()) return generation.status();
  std::string cursor;
  while (true) {
    secap::v1::PullRequest req;
    req.set_full_resync(true);
    req.set_resync_cursor(cursor);
    req.set_max_changes(m_options.maxChangesPerPull);
    req.set_schema_version(kSchemaVersion);
    req.set_outbox_size(m_store.pendingCount());
    const int64_t sentAt = m_store.clock().nowMs();
    auto resp = m_transport.pull(req, token);
    if (!resp.isOk()) return resp.status();  // resumes from scratch next time
    m_store.hlc().observeServerTime(resp->server_time_ms(), sentAt, m_store.clock().nowMs());
    SECAP_RETURN_IF_ERROR(m_store.applyResyncPage(*resp, *generation));
    if (resp->resync_cursor().empty()) {
      SECAP_RETURN_IF_ERROR(m_store.finishFullResync(*generation, resp->last_seq()));
      return m_store.setState(state_keys::kSyncedSchema, std::to_string(kSchemaVersion));
    }
    cursor = resp->resync_cursor();
  }
}

Status SyncClient::syncOnce() {
  std::lock_guard syncLock(m_syncMu);
  auto token = m_store.accessToken();
  if (!token.isOk()) return recordOutcome(token.status());
  if (!*token) {
    if (m_store.state(state_keys::kWithdrawn).value_or("0") == "1")
      return {StatusCode::kPermissionDenied, kWithdrawnMessage};
    return {StatusCode::kFailedPrecondition, "this device is not enrolled yet"};
  }
  {
    std::lock_guard lock(m_mu);
    // The server asked for a pause (rate limit): no call before then.
    const int64_t now = m_store.clock().nowMs();
    if (now < m_status.notBeforeMs)
      return withRetryAfter({StatusCode::kResourceExhausted, "the server asked this device to pause its syncing"},
                            m_status.notBeforeMs - now);
    m_status.syncing = true;
  }
  publish();
  return recordOutcome(obeyServer(syncOnceLocked()));
}

Status SyncClient::syncOnceLocked() {
  Status st = pushAll();
  if (st.isOk()) st = pullAll();
  // A withdrawn device with nothing to push never called Push, where a
  // rescue allowed by the coordinator is used: an empty push uses it, and
  // the server then orders the wipe.
  if (st.code() == StatusCode::kPermissionDenied && !isWipeOrder(st) && m_store.pendingCount() == 0) {
    secap::v1::PushRequest empty;
    empty.set_schema_version(kSchemaVersion);
    auto token = accessToken();
    auto resp = token.isOk() ? m_transport.push(empty, *token) : Result<secap::v1::PushResponse>(token.status());
    if (resp.isOk())
      st = pullAll();
    else if (isWipeOrder(resp.status()))
      st = resp.status();
  }
  if (st.isOk()) {
    (void)m_store.setState(state_keys::kServerOffsetMs, std::to_string(m_store.hlc().serverOffsetMs()));
    const int64_t now = m_store.clock().nowMs();
    (void)m_store.setState(state_keys::kLastSyncMs, std::to_string(now));
    std::lock_guard lock(m_mu);
    m_status.lastSyncMs = now;
  }
  // Records first, then photos (DESIGN.md §4).
  if (st.isOk()) st = uploadAttachments();
  if (st.isOk()) st = prefetchAttachments();
  return st;
}

Status SyncClient::prefetchAttachments() {
  std::string dir;
  int64_t budget = 0;
  {
    std::lock_guard lock(m_mu);
    if (!m_options.prefetchAttachments || m_status.waitingForWifi) return Status::ok();
    dir = m_options.attachmentDir;
    budget = m_options.prefetchBytesPerRound;
  }
  if (dir.empty()) return Status::ok();
  auto token = accessToken();
  if (!token.isOk()) return token.status();
  AttachmentFetcher fetcher(m_store, m_transport, dir);
  auto fetched = fetcher.fetchMissing(*token, budget);
  if (fetched.isOk() && *fetched > 0) {
    std::lock_guard lock(m_mu);
    m_status.attachmentsFetched += *fetched;
  }
  return fetched.status();
}

Result<std::string> SyncClient::fetchAttachment(const std::string& attachmentId) {
  std::string dir;
  {
    std::lock_guard lock(m_mu);
    dir = m_options.attachmentDir;
  }
  if (dir.empty()) return Status(StatusCode::kFailedPrecondition, "this app keeps no downloaded photos");
  auto token = accessToken();
  if (!token.isOk()) return token.status();
  AttachmentFetcher fetcher(m_store, m_transport, dir);
  return fetcher.fetch(attachmentId, *token);
}

Status SyncClient::obeyServer(const Status& st) {
  if (isWipeOrder(st)) {
    SECAP_RETURN_IF_ERROR(m_store.wipe());
    std::lock_guard lock(m_mu);
    m_status.withdrawn = true;
    m_status.enrolled = false;
    m_status.lastSyncMs = 0;
    return {StatusCode::kPermissionDenied, kWithdrawnMessage};
  }
  if (const int64_t wait = retryAfterMsOf(st); wait > 0) {
    std::lock_guard lock(m_mu);
    m_status.notBeforeMs = m_store.clock().nowMs() + wait;
  }
  return st;
}

void SyncClient::setPhotosOnlyOnWifi(bool onlyOnWifi) {
  std::lock_guard lock(m_mu);
  m_options.photosOnlyOnWifi = onlyOnWifi;
}

void SyncClient::setPrefetchAttachments(bool prefetch) {
  std::lock_guard lock(m_mu);
  m_options.prefetchAttachments = prefetch;
}

Status SyncClient::uploadAttachments() {
  bool onlyOnWifi = false;
  std::function<bool()> isOnWifi;
  {
    std::lock_guard lock(m_mu);
    onlyOnWifi = m_options.photosOnlyOnWifi;
    isOnWifi = m_options.isOnWifi;
  }
  const bool wait = onlyOnWifi && !(isOnWifi && isOnWifi());
  {
    std::lock_guard lock(m_mu);
    m_status.waitingForWifi = wait;
  }
  if (wait) return Status::ok();
  auto stored = accessToken();
  if (!stored.isOk()) return stored.status();
  const std::string& token = *stored;
  for (const auto& file : m_store.pendingAttachmentUploads()) {
    Status st = uploadOne(file, token);
    if (st.isOk()) {
      SECAP_RETURN_IF_ERROR(m_store.markAttachmentUploaded(file.attachmentId));
      publish();
      continue;
    }
    // The link or the server is gone: the next round resumes where this stopped.
    if (st.code() == StatusCode::kUnavailable || st.code() == StatusCode::kUnauthenticated ||
        st.code() == StatusCode::kPermissionDenied)
      return st;
    // Something wrong with this one file (missing, damaged, redacted): the
    // others go on; it stays pending with its reason.
    SECAP_RETURN_IF_ERROR(m_store.setAttachmentError(file.attachmentId, st.message()));
  }
  return Status::ok();
}

Status SyncClient::uploadOne(const PendingAttachment& file, const std::string& token) {
  constexpr int64_t kChunkBytes = 64 * 1024;
  secap::v1::UploadOffsetRequest where;
  where.set_attachment_id(file.attachmentId);
  where.set_sha256(file.sha256);
  int damaged = 0;
  int64_t lastOffset = -1;
  int stalled = 0;
  while (true) {
    auto stands = m_transport.uploadOffset(where, token);
    if (!stands.isOk()) return stands.status();
    if (stands->complete()) return Status::ok();
    int64_t offset = stands->offset();
    if (offset < 0 || offset > file.size) return internalError("the server asked for a position outside the photo");
    // A server that keeps answering the same offset without taking bytes.
    if (offset == lastOffset && ++stalled >= 3) return internalError("the server does not accept the photo's bytes");
    lastOffset = offset;

    std::ifstream in(file.path, std::ios::binary);
    if (!in) return notFound("the photo file " + file.path + " is missing on this device");
    in.seekg(offset);
    std::string buffer;
    bool fileShort = false;
    AttachmentChunkSource next = [&]() -> std::optional<secap::v1::AttachmentChunk> {
      if (offset >= file.size) return std::nullopt;
      buffer.resize(static_cast<size_t>(std::min(kChunkBytes, file.size - offset)));
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      if (in.gcount() != static_cast<std::streamsize>(buffer.size())) {
        fileShort = true;
        return std::nullopt;
      }
      secap::v1::AttachmentChunk chunk;
      chunk.set_attachment_id(file.attachmentId);
      chunk.set_sha256(file.sha256);
      chunk.set_total_size(file.size);
      chunk.set_offset(offset);
      chunk.set_data(buffer);
      offset += static_cast<int64_t>(buffer.size());
      return chunk;
    };
    auto sent = m_transport.uploadAttachment(next, token);
    if (!sent.isOk()) {
      // The server discarded a damaged upload: send it again from 0, twice at most.
      if (sent.status().code() == StatusCode::kDataLoss && ++damaged <= 2) continue;
      return sent.status();
    }
    if (sent->complete()) return Status::ok();
    if (fileShort)
      return Status(StatusCode::kDataLoss, "the photo file " + file.path + " is shorter than when it was taken");
  }
}

Status SyncClient::recordOutcome(const Status& st) {
  {
    std::lock_guard lock(m_mu);
    m_status.syncing = false;
    // A server with the wrong key is not ours: that is not being online.
    m_status.online = st.isOk() || (st.code() != StatusCode::kUnavailable && !isServerKeyMismatch(st));
    m_status.upgradeRequired = st.code() == StatusCode::kFailedPrecondition && m_status.enrolled;
    m_status.lastError = st.isOk() ? std::string() : st.message();
  }
  publish();
  return st;
}

void SyncClient::publish() {
  SyncStatus copy;
  std::function<void(const SyncStatus&)> listener;
  const int64_t pending = m_store.pendingCount();
  const int64_t rejected = m_store.rejectedCount();
  const int64_t photos = m_store.pendingAttachmentCount();
  {
    std::lock_guard lock(m_mu);
    m_status.pending = pending;
    m_status.pendingAttachments = photos;
    m_status.needsAttention = rejected;
    copy = m_status;
    listener = m_listener;
  }
  if (listener) listener(copy);
}

SyncStatus SyncClient::status() {
  const int64_t pending = m_store.pendingCount();
  const int64_t rejected = m_store.rejectedCount();
  std::lock_guard lock(m_mu);
  m_status.pending = pending;
  m_status.needsAttention = rejected;
  return m_status;
}

void SyncClient::setListener(std::function<void(const SyncStatus&)> listener) {
  std::lock_guard lock(m_mu);
  m_listener = std::move(listener);
}

int64_t SyncClient::retryDelayMs(const Status& failure, int attempt) {
  return std::max(backoffDelayMs(attempt), retryAfterMsOf(failure));
}

int64_t SyncClient::backoffDelayMs(int attempt) {
  const int shift = std::clamp(attempt, 0, 30);
  const int64_t cap = std::min<int64_t>(m_options.maxBackoffMs, m_options.minBackoffMs << shift);
  std::lock_guard lock(m_mu);
  // Full jitter over [cap/2, cap]: spreads reconnecting devices, never zero.
  std::uniform_int_distribution<int64_t> dist(cap / 2, cap);
  return dist(m_rng);
}

void SyncClient::start() {
  std::lock_guard lock(m_mu);
  if (m_thread.joinable()) return;
  m_stop = false;
  m_thread = std::thread([this] { run(); });
}

void SyncClient::stop() {
  {
    std::lock_guard lock(m_mu);
    m_stop = true;
  }
  m_cv.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void SyncClient::requestSync() {
  {
    std::lock_guard lock(m_mu);
    m_wake = true;
  }
  m_cv.notify_all();
}

void SyncClient::run() {
  int failures = 0;
  while (true) {
    {
      std::lock_guard lock(m_mu);
      if (m_stop) return;
      m_wake = false;
    }
    int64_t waitMs = m_options.intervalMs;
    if (isEnrolled()) {
      const Status st = syncOnce();
      if (st.isOk()) {
        failures = 0;
      } else {
        waitMs = retryDelayMs(st, failures++);
      }
    }
    std::unique_lock lock(m_mu);
    m_cv.wait_for(lock, std::chrono::milliseconds(waitMs), [this] { return m_stop || m_wake; });
    if (m_stop) return;
  }
}

}  // namespace secap::core

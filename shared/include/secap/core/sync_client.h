#pragma once
// SyncClient: the device's sync engine (DESIGN.md §2 steps 2-6). It pushes
// the outbox in batches, deletes a row only on ACCEPTED or DUPLICATE, pulls
// pages after its cursor and applies each atomically with the cursor. A
// background thread syncs on a timer and on request, retrying with
// exponential backoff and full jitter while the server is unreachable.
//
// Thread-safe. The listener is called on the sync thread; Qt code re-posts
// it to the UI thread.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "secap/core/local_store.h"
#include "secap/core/sync_transport.h"

namespace secap::core {

struct SyncStatus {
  bool enrolled = false;
  bool online = false;  // The last call reached the server.
  bool syncing = false;
  int64_t pending = 0;         // Changes waiting in the outbox.
  int64_t needsAttention = 0;  // Rejected changes.
  int64_t lastSyncMs = 0;      // Last complete push+pull; 0 = never.
  std::string lastError;       // Empty when the last attempt succeeded.
  bool upgradeRequired = false;
  int64_t pendingAttachments = 0;  // Photos and documents not uploaded yet.
  bool waitingForWifi = false;     // Photos wait: the user wants them sent on Wi-Fi only.
  // The coordinator withdrew this device and the server ordered it to wipe:
  // its data is gone and it must be enrolled again (lastError says so).
  bool withdrawn = false;
  // The server rate-limited this device: no call before this time (ms).
  int64_t notBeforeMs = 0;
  // Photos prefetched since start (a kiosk's published photos): a screen
  // that shows them reloads when this moves, also in a round that pulled
  // no record.
  int64_t attachmentsFetched = 0;
};

// What the device shows after the server ordered it to wipe.
inline constexpr const char* kWithdrawnMessage = "this device was withdrawn by your coordinator; its data was removed";

struct SyncOptions {
  int64_t intervalMs = 30000;  // Regular sync when idle.
  int64_t minBackoffMs = 1000;
  int64_t maxBackoffMs = 5 * 60 * 1000;
  int maxChangesPerPush = 5000;   // DESIGN.md §4 limit.
  size_t maxPushBytes = 1000000;  // Under 1 MiB.
  int maxChangesPerPull = 5000;
  // Photos wait for Wi-Fi (DESIGN.md §4). The app injects how to tell; with
  // the setting on and no way to tell, photos wait (the user's choice wins
  // over an unknown network).
  bool photosOnlyOnWifi = false;
  std::function<bool()> isOnWifi;
  // Where photos downloaded from the server are kept (AttachmentFetcher).
  // With prefetchAttachments, each round also fetches, after the uploads,
  // the photos the device holds records of and has no file for (a kiosk's
  // published photos), up to prefetchBytesPerRound; Wi-Fi only if photos are.
  std::string attachmentDir;
  bool prefetchAttachments = false;
  int64_t prefetchBytesPerRound = 64LL * 1024 * 1024;
};

class SyncClient {
 public:
  SyncClient(LocalStore& store, SyncTransport& transport, SyncOptions options = {});
  ~SyncClient();
  SyncClient(const SyncClient&) = delete;
  SyncClient& operator=(const SyncClient&) = delete;

  // Enrolls with a one-time code; stores device id and municipality, and the
  // token in the store's TokenVault.
  // A secap://enroll URI is accepted too, and its code is used; connecting to
  // the URI's server with its pin is the caller's part, when it builds the
  // transport (see AppController::enroll). A malformed URI is invalidArgument.
  Status enroll(const std::string& codeOrUri, const std::string& deviceName, const std::string& platform,
                const std::string& appVersion);
  // True when the device holds a token, or its vault cannot tell right now
  // (a locked keychain: the next round reports why it cannot sync).
  [[nodiscard]] bool isEnrolled();

  // One full round on the calling thread: push everything, then pull
  // everything. Used by the background thread, secap-sim and tests.
  Status syncOnce();
  Status pushAll();
  Status pullAll();
  // Uploads the bytes of attachments whose records were pushed, resuming
  // each where the server stands (GetUploadOffset), so a chunk the server
  // holds is never sent again. A damaged upload (DATA_LOSS) starts again
  // from 0, at most twice per round. Skipped while photos wait for Wi-Fi.
  // kUnavailable when the link broke: the next round resumes.
  Status uploadAttachments();
  // The local file of a photo the device holds the record of, downloading
  // (or resuming) its bytes first when needed (options.attachmentDir).
  Result<std::string> fetchAttachment(const std::string& attachmentId);
  // The user's "photos only on Wi-Fi" setting.
  void setPhotosOnlyOnWifi(bool onlyOnWifi);
  // Whether each round fetches the photos held without a file (a kiosk does).
  void setPrefetchAttachments(bool prefetch);
  // Replaces the local view by the server's current state, page by page,
  // keeping the outbox and unpushed rows.
  Status fullResync();

  // Background operation.
  void start();
  void stop();
  void requestSync();

  SyncStatus status();
  void setListener(std::function<void(const SyncStatus&)> listener);

  // The delay before retry number `attempt` (0-based): exponential, capped,
  // with full jitter. Public for tests.
  int64_t backoffDelayMs(int attempt);
  // The wait after a failed round: the backoff, but never less than the
  // server's retry-after-ms. Public for tests.
  int64_t retryDelayMs(const Status& failure, int attempt);

 private:
  void run();
  // The stored token; kFailedPrecondition when there is none.
  Result<std::string> accessToken();
  void publish();
  Status recordOutcome(const Status& st);
  Status uploadOne(const PendingAttachment& file, const std::string& token);
  // options.prefetchAttachments: fetches missing photos after the uploads.
  Status prefetchAttachments();
  Status syncOnceLocked();
  // The server's orders on a refused call: wipe, or wait (retry-after-ms).
  Status obeyServer(const Status& st);

  LocalStore& m_store;
  SyncTransport& m_transport;
  SyncOptions m_options;

  std::mutex m_syncMu;  // One sync round at a time.
  std::mutex m_mu;      // Guards the fields below.
  std::condition_variable m_cv;
  bool m_stop = false;
  bool m_wake = false;
  SyncStatus m_status;
  std::function<void(const SyncStatus&)> m_listener;
  std::mt19937_64 m_rng;
  std::thread m_thread;
};

}  // namespace secap::core

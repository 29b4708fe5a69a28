#pragma once
// BlobStore: where attachment bytes live on the server (DESIGN.md §4
// "Attachments", §5). Blobs are content-addressed by the lowercase hex
// SHA-256 of their bytes, so a repeat upload of the same photo stores
// nothing new. Uploads arrive in chunks into a staging area keyed by an
// upload id: a chunk is appended only at the offset equal to the bytes
// already staged, otherwise the store answers with that offset, so an
// upload cut off by a dropped link resumes where it stopped. finalize()
// verifies the SHA-256 and moves the staged bytes to their content address.
//
// BlobStore is the interface an object store (S3 and the like) can later
// implement; DirectoryBlobStore keeps everything in one directory that
// several server instances share (a local disk or a shared mount):
//
//   <root>/blobs/ab/cd/<sha256>     finished blobs, read-only once there
//   <root>/staging/<upload_id>.part partial uploads
//
// Durability: an acknowledged append is fdatasync'ed; finalize fsyncs the
// file and the directories whose entries it changes before it returns, and
// uses an atomic rename, so a reader never sees a half-written blob.
//
// Thread- and process-safe: any number of threads and processes may use the
// same directory at once. Appends and finalize of one upload id are
// serialised by an advisory flock() on its staging file (on NFS this needs
// working lock support, e.g. NFSv4). Two instances finalizing the same
// content at once both succeed and leave one blob. Erasing a blob while
// another instance finalizes the same content may leave the blob in place:
// redaction tombstones the Attachment record first, so nothing re-uploads it.
// A reader opened before an erase keeps reading the old bytes (POSIX
// semantics); readers opened after it get kNotFound.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "secap/core/status.h"

namespace secap::server {

using core::Result;
using core::Status;

// DESIGN.md §4: the size limit is configurable, 25 MiB by default.
inline constexpr int64_t kDefaultMaxBlobBytes = 25 * 1024 * 1024;

// What an append did. A chunk at the wrong offset is not an error: the
// caller answers with `offset` and the device resumes from there.
struct AppendOutcome {
  bool appended = false;  // false: the chunk's offset was not the staged size.
  int64_t offset = 0;     // Bytes staged now: where the next chunk starts.
};

struct FinalizeOutcome {
  std::string sha256;
  int64_t size = 0;
  bool alreadyStored = false;  // The content existed; nothing new was stored.
};

// Reads one stored blob by ranges (DownloadAttachment sends 64 KiB chunks).
// Not thread-safe: one reader per stream.
class BlobReader {
 public:
  virtual ~BlobReader() = default;
  [[nodiscard]] virtual int64_t size() const = 0;
  // Up to `maxBytes` from `offset`; empty at or past the end.
  virtual Result<std::string> read(int64_t offset, size_t maxBytes) = 0;
};

class BlobStore {
 public:
  virtual ~BlobStore() = default;

  // --- Finished blobs, by sha256 (64 lowercase hex digits) ---
  virtual Result<bool> exists(const std::string& sha256) = 0;
  // kNotFound when there is no such blob.
  virtual Result<int64_t> size(const std::string& sha256) = 0;
  virtual Result<std::unique_ptr<BlobReader>> openForRead(const std::string& sha256) = 0;
  // Stores `bytes` whole after checking that they hash to `sha256`.
  // Storing content that exists already is a success that stores nothing.
  virtual Result<FinalizeOutcome> put(const std::string& sha256, std::string_view bytes) = 0;
  // Removes a blob for good (redaction). Returns whether there was one, so a
  // repeated erase is harmless.
  virtual Result<bool> erase(const std::string& sha256) = 0;

  // --- Staged uploads, by upload id ([A-Za-z0-9_-], 1 to 128 characters) ---

  // Bytes staged so far; 0 for an unknown upload (GetUploadOffset).
  virtual Result<int64_t> stagedSize(const std::string& uploadId) = 0;
  // Appends `data` when `offset` equals the staged size. kResourceExhausted
  // when the upload would grow past the size limit (the staging is kept, so
  // the caller decides: abort or nothing).
  virtual Result<AppendOutcome> append(const std::string& uploadId, int64_t offset, std::string_view data) = 0;
  // Checks that the staged bytes hash to `expectedSha256` and, when they do,
  // moves them to their content address (or drops them when the content is
  // stored already). A mismatch is kDataLoss and DISCARDS the staging: the
  // bytes are wrong somewhere and only a fresh upload from offset 0 can fix
  // them. kNotFound when nothing is staged under `uploadId`.
  virtual Result<FinalizeOutcome> finalize(const std::string& uploadId, const std::string& expectedSha256) = 0;
  // Drops a partial upload; harmless when there is none.
  virtual Status abort(const std::string& uploadId) = 0;

  [[nodiscard]] virtual int64_t maxBlobBytes() const = 0;
};

struct DirectoryBlobStoreOptions {
  int64_t maxBlobBytes = kDefaultMaxBlobBytes;
  // fdatasync each acknowledged append. Off only for tests and benchmarks.
  bool syncAppends = true;
};

class DirectoryBlobStore final : public BlobStore {
 public:
  // Creates `root`, `root/blobs` and `root/staging` when missing.
  static Result<std::unique_ptr<DirectoryBlobStore>> open(const std::string& root,
                                                          DirectoryBlobStoreOptions options = {});

  Result<bool> exists(const std::string& sha256) override;
  Result<int64_t> size(const std::string& sha256) override;
  Result<std::unique_ptr<BlobReader>> openForRead(const std::string& sha256) override;
  Result<FinalizeOutcome> put(const std::string& sha256, std::string_view bytes) override;
  Result<bool> erase(const std::string& sha256) override;

  Result<int64_t> stagedSize(const std::string& uploadId) override;
  Result<AppendOutcome> append(const std::string& uploadId, int64_t offset, std::string_view data) override;
  Result<FinalizeOutcome> finalize(const std::string& uploadId, const std::string& expectedSha256) override;
  Status abort(const std::string& uploadId) override;

  [[nodiscard]] int64_t maxBlobBytes() const override { return m_options.maxBlobBytes; }

  // The path a blob has (or would have): <root>/blobs/ab/cd/<sha256>.
  [[nodiscard]] std::string blobPath(const std::string& sha256) const;
  // Removes staged uploads untouched for `olderThanSeconds` (abandoned by
  // devices that never came back). Returns how many were removed.
  Result<int> removeStaleUploads(int64_t olderThanSeconds);

 private:
  DirectoryBlobStore(std::string root, DirectoryBlobStoreOptions options);
  [[nodiscard]] std::string stagingPath(const std::string& uploadId) const;
  // Verifies and moves the already-locked staged file `fd` at `path`.
  Result<FinalizeOutcome> finalizeLocked(int fd, const std::string& path, const std::string& expectedSha256);

  std::string m_root;
  DirectoryBlobStoreOptions m_options;
};

// Lowercase hex SHA-256 of `bytes` (libsodium).
std::string sha256Hex(std::string_view bytes);
// 64 lowercase hex digits?
bool isSha256Hex(std::string_view s);

}  // namespace secap::server

// DirectoryBlobStore (blob_store.h): POSIX files, flock, fsync and rename.
// No in-process state besides the root path and options, so instances in
// one or several processes coordinate through the file system alone.
#include "blob_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <vector>

namespace secap::server {

namespace {

using core::StatusCode;

constexpr size_t kHashBufferBytes = 1 << 20;
constexpr size_t kMaxUploadIdLength = 128;

std::string mib(int64_t bytes) {
  const double v = static_cast<double>(bytes) / (1024.0 * 1024.0);
  char buf[32];
  std::snprintf(buf, sizeof buf, v == static_cast<int64_t>(v) ? "%.0f MiB" : "%.1f MiB", v);
  return buf;
}

// An errno as a Status a person can act on: a full disk says so.
Status errnoStatus(int err, const std::string& what, const std::string& path) {
  const std::string detail = what + " " + path + ": " + std::strerror(err);
  switch (err) {
    case ENOSPC:
    case EDQUOT:
      return {StatusCode::kResourceExhausted, "the server's attachment storage is full (" + detail + ")"};
    case EACCES:
    case EPERM:
    case EROFS:
      return {StatusCode::kPermissionDenied, "the server may not write its attachment storage (" + detail + ")"};
    case ENOENT:
      return {StatusCode::kNotFound, detail};
    default:
      return {StatusCode::kInternal, "attachment storage error (" + detail + ")"};
  }
}

// Closes a descriptor at scope exit (releasing its flock).
class Fd {
 public:
  explicit Fd(int fd = -1) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&& o) noexcept : m_fd(std::exchange(o.m_fd, -1)) {}
  [[nodiscard]] int get() const { return m_fd; }
  int release() { return std::exchange(m_fd, -1); }

 private:
  int m_fd;
};

bool validUploadId(const std::string& id) {
  return !id.empty() && id.size() <= kMaxUploadIdLength && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

Status badUploadId(const std::string& id) {
  return core::invalidArgument("the upload id '" + id.substr(0, 40) +
                               "' is not valid: use 1 to 128 letters, digits, '-' or '_'");
}

Status badSha(const std::string& sha) {
  return core::invalidArgument("'" + sha.substr(0, 70) + "' is not a SHA-256: expected 64 lowercase hex digits");
}

Status fsyncDir(const std::string& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return errnoStatus(errno, "cannot open directory", dir);
  if (::fsync(fd.get()) != 0) return errnoStatus(errno, "cannot sync directory", dir);
  return Status::ok();
}

// mkdir that tolerates a concurrent creator; syncs the parent when it
// created the entry, so the new directory survives a crash.
Status makeDir(const std::string& dir, const std::string& parent) {
  if (::mkdir(dir.c_str(), 0755) == 0) return fsyncDir(parent);
  if (errno == EEXIST) return Status::ok();
  return errnoStatus(errno, "cannot create directory", dir);
}

Status writeAll(int fd, std::string_view data, int64_t offset, const std::string& path) {
  while (!data.empty()) {
    const ssize_t n = ::pwrite(fd, data.data(), data.size(), offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errnoStatus(errno, "cannot write", path);
    }
    data.remove_prefix(static_cast<size_t>(n));
    offset += n;
  }
  return Status::ok();
}

Result<std::string> hashFile(int fd, int64_t size, const std::string& path) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<unsigned char> buf(kHashBufferBytes);
  int64_t offset = 0;
  while (offset < size) {
    const ssize_t n = ::pread(fd, buf.data(), buf.size(), offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errnoStatus(errno, "cannot read", path);
    }
    if (n == 0) break;
    crypto_hash_sha256_update(&state, buf.data(), static_cast<unsigned long long>(n));
    offset += n;
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

// Opens (optionally creates) `path` and takes an exclusive flock on it. A
// file that was renamed or unlinked while we waited for the lock (another
// process finalized or aborted it) is not ours any more: try again on
// whatever the path names now. Returns an invalid Fd when `path` does not
// exist and `create` is false.
Result<Fd> openLocked(const std::string& path, bool create) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    Fd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0644));
    if (fd.get() < 0) {
      if (errno == ENOENT && !create) return Fd();
      return errnoStatus(errno, "cannot open", path);
    }
    while (::flock(fd.get(), LOCK_EX) != 0) {
      if (errno != EINTR) return errnoStatus(errno, "cannot lock", path);
    }
    struct stat held {};
    struct stat named {};
    if (::fstat(fd.get(), &held) != 0) return errnoStatus(errno, "cannot stat", path);
    if (::stat(path.c_str(), &named) == 0) {
      if (named.st_ino == held.st_ino && named.st_dev == held.st_dev) return fd;
    } else if (errno != ENOENT) {
      return errnoStatus(errno, "cannot stat", path);
    }
  }
  return core::internalError("the upload " + path + " keeps changing under us; try again");
}

class DirectoryBlobReader final : public BlobReader {
 public:
  DirectoryBlobReader(Fd fd, int64_t size, std::string path)
      : m_fd(std::move(fd)), m_size(size), m_path(std::move(path)) {}
  [[nodiscard]] int64_t size() const override { return m_size; }
  Result<std::string> read(int64_t offset, size_t maxBytes) override {
    if (offset < 0) return core::invalidArgument("a read offset cannot be negative");
    if (offset >= m_size) return std::string();
    std::string out(static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(maxBytes), m_size - offset)), '\0');
    size_t got = 0;
    while (got < out.size()) {
      const ssize_t n = ::pread(m_fd.get(), out.data() + got, out.size() - got, offset + static_cast<int64_t>(got));
      if (n < 0) {
        if (errno == EINTR) continue;
        return errnoStatus(errno, "cannot read", m_path);
      }
      if (n == 0) break;
      got += static_cast<size_t>(n);
    }
    out.resize(got);
    return out;
  }

 private:
  Fd m_fd;
  int64_t m_size;
  std::string m_path;
};

}  // namespace

std::string sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool isSha256Hex(std::string_view s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

DirectoryBlobStore::DirectoryBlobStore(std::string root, DirectoryBlobStoreOptions options)
    : m_root(std::move(root)), m_options(options) {}

Result<std::unique_ptr<DirectoryBlobStore>> DirectoryBlobStore::open(const std::string& root,
                                                                     DirectoryBlobStoreOptions options) {
  if (sodium_init() < 0) return core::internalError("libsodium could not be initialised");
  if (options.maxBlobBytes <= 0) return core::invalidArgument("the attachment size limit must be above zero");
  std::string r = root;
  while (r.size() > 1 && r.back() == '/') r.pop_back();
  if (::mkdir(r.c_str(), 0755) != 0 && errno != EEXIST) return errnoStatus(errno, "cannot create directory", r);
  SECAP_RETURN_IF_ERROR(makeDir(r + "/blobs", r));
  SECAP_RETURN_IF_ERROR(makeDir(r + "/staging", r));
  return std::unique_ptr<DirectoryBlobStore>(new DirectoryBlobStore(r, options));
}

std::string DirectoryBlobStore::blobPath(const std::string& sha256) const {
  return m_root + "/blobs/" + sha256.substr(0, 2) + "/" + sha256.substr(2, 2) + "/" + sha256;
}

std::string DirectoryBlobStore::stagingPath(const std::string& uploadId) const {
  return m_root + "/staging/" + uploadId + ".part";
}

Result<bool> DirectoryBlobStore::exists(const std::string& sha256) {
  auto s = size(sha256);
  if (s.isOk()) return true;
  if (s.status().code() == StatusCode::kNotFound) return false;
  return s.status();
}

Result<int64_t> DirectoryBlobStore::size(const std::string& sha256) {
  if (!isSha256Hex(sha256)) return badSha(sha256);
  struct stat st {};
  const std::string path = blobPath(sha256);
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return core::notFound("no attachment with SHA-256 " + sha256 + " is stored");
    return errnoStatus(errno, "cannot stat", path);
  }
  return static_cast<int64_t>(st.st_size);
}

Result<std::unique_ptr<BlobReader>> DirectoryBlobStore::openForRead(const std::string& sha256) {
  if (!isSha256Hex(sha256)) return badSha(sha256);
  const std::string path = blobPath(sha256);
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT)
      return core::notFound("this attachment is not on the server (never uploaded, or removed for data protection)");
    return errnoStatus(errno, "cannot open", path);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return errnoStatus(errno, "cannot stat", path);
  return std::unique_ptr<BlobReader>(new DirectoryBlobReader(std::move(fd), st.st_size, path));
}

Result<FinalizeOutcome> DirectoryBlobStore::put(const std::string& sha256, std::string_view bytes) {
  if (!isSha256Hex(sha256)) return badSha(sha256);
  if (static_cast<int64_t>(bytes.size()) > m_options.maxBlobBytes)
    return Status(StatusCode::kResourceExhausted, "the attachment is " + mib(static_cast<int64_t>(bytes.size())) +
                                                      ", more than the server's limit of " +
                                                      mib(m_options.maxBlobBytes));
  // A private staging file: no other caller can know its name.
  unsigned char rnd[12];
  randombytes_buf(rnd, sizeof rnd);
  char hex[sizeof rnd * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
  const std::string path = m_root + "/staging/put-" + hex + ".tmp";
  Fd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (fd.get() < 0) return errnoStatus(errno, "cannot create", path);
  Status st = writeAll(fd.get(), bytes, 0, path);
  Result<FinalizeOutcome> out = st;
  if (st.isOk()) out = finalizeLocked(fd.get(), path, sha256);
  if (!out.isOk()) ::unlink(path.c_str());
  return out;
}

Result<bool> DirectoryBlobStore::erase(const std::string& sha256) {
  if (!isSha256Hex(sha256)) return badSha(sha256);
  const std::string path = blobPath(sha256);
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return false;
    return errnoStatus(errno, "cannot remove", path);
  }
  SECAP_RETURN_IF_ERROR(fsyncDir(path.substr(0, path.rfind('/'))));
  return true;
}

Result<int64_t> DirectoryBlobStore::stagedSize(const std::string& uploadId) {
  if (!validUploadId(uploadId)) return badUploadId(uploadId);
  const std::string path = stagingPath(uploadId);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return int64_t{0};
    return errnoStatus(errno, "cannot stat", path);
  }
  return static_cast<int64_t>(st.st_size);
}

Result<AppendOutcome> DirectoryBlobStore::append(const std::string& uploadId, int64_t offset, std::string_view data) {
  if (!validUploadId(uploadId)) return badUploadId(uploadId);
  if (offset < 0) return core::invalidArgument("an upload offset cannot be negative");
  const std::string path = stagingPath(uploadId);
  // Only a chunk at offset 0 may start an upload; any other offset on an
  // unknown upload is answered with 0, and the device starts over.
  auto fd = openLocked(path, /*create=*/offset == 0);
  if (!fd.isOk()) return fd.status();
  if (fd->get() < 0) return AppendOutcome{false, 0};
  struct stat st {};
  if (::fstat(fd->get(), &st) != 0) return errnoStatus(errno, "cannot stat", path);
  const int64_t staged = st.st_size;
  if (offset != staged) return AppendOutcome{false, staged};
  const int64_t after = staged + static_cast<int64_t>(data.size());
  if (after > m_options.maxBlobBytes)
    return Status(StatusCode::kResourceExhausted, "the attachment is larger than the server's limit of " +
                                                      mib(m_options.maxBlobBytes) +
                                                      "; send a smaller photo (the app downscales photos unless "
                                                      "full size is asked for)");
  if (Status w = writeAll(fd->get(), data, offset, path); !w.isOk()) {
    // Never leave half a chunk behind: the next offset must be a chunk edge.
    (void)::ftruncate(fd->get(), staged);
    return w;
  }
  if (m_options.syncAppends && ::fdatasync(fd->get()) != 0) {
    const int err = errno;
    (void)::ftruncate(fd->get(), staged);
    return errnoStatus(err, "cannot sync", path);
  }
  if (staged == 0 && m_options.syncAppends) SECAP_RETURN_IF_ERROR(fsyncDir(m_root + "/staging"));
  return AppendOutcome{true, after};
}

Result<FinalizeOutcome> DirectoryBlobStore::finalize(const std::string& uploadId, const std::string& expectedSha256) {
  if (!validUploadId(uploadId)) return badUploadId(uploadId);
  if (!isSha256Hex(expectedSha256)) return badSha(expectedSha256);
  const std::string path = stagingPath(uploadId);
  auto fd = openLocked(path, /*create=*/false);
  if (!fd.isOk()) return fd.status();
  if (fd->get() < 0) return core::notFound("no upload '" + uploadId + "' is in progress; send the attachment again");
  return finalizeLocked(fd->get(), path, expectedSha256);
}

Result<FinalizeOutcome> DirectoryBlobStore::finalizeLocked(int fd, const std::string& path,
                                                           const std::string& expectedSha256) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return errnoStatus(errno, "cannot stat", path);
  const int64_t size = st.st_size;
  auto discard = [&] {
    ::unlink(path.c_str());
    (void)fsyncDir(m_root + "/staging");
  };
  if (size > m_options.maxBlobBytes) {
    discard();
    return Status(
        StatusCode::kResourceExhausted,
        "the attachment is " + mib(size) + ", more than the server's limit of " + mib(m_options.maxBlobBytes));
  }
  auto actual = hashFile(fd, size, path);
  if (!actual.isOk()) return actual.status();
  if (*actual != expectedSha256) {
    discard();
    return Status(StatusCode::kDataLoss, "the uploaded attachment is damaged: its SHA-256 is " + *actual +
                                             ", expected " + expectedSha256 +
                                             "; the partial upload was discarded, send it again from the start");
  }
  FinalizeOutcome out{expectedSha256, size, false};
  const std::string target = blobPath(expectedSha256);
  struct stat existing {};
  if (::stat(target.c_str(), &existing) == 0) {
    // Content addressing: the same bytes are stored already.
    discard();
    out.alreadyStored = true;
    return out;
  }
  if (::fsync(fd) != 0) return errnoStatus(errno, "cannot sync", path);
  const std::string level1 = m_root + "/blobs/" + expectedSha256.substr(0, 2);
  const std::string level2 = level1 + "/" + expectedSha256.substr(2, 2);
  SECAP_RETURN_IF_ERROR(makeDir(level1, m_root + "/blobs"));
  SECAP_RETURN_IF_ERROR(makeDir(level2, level1));
  // Atomic: readers see no blob or the whole blob. Two instances renaming
  // the same content at once both succeed; the bytes are identical.
  if (::rename(path.c_str(), target.c_str()) != 0) return errnoStatus(errno, "cannot move into place", target);
  ::fchmod(fd, 0444);
  SECAP_RETURN_IF_ERROR(fsyncDir(level2));
  SECAP_RETURN_IF_ERROR(fsyncDir(m_root + "/staging"));
  return out;
}

Status DirectoryBlobStore::abort(const std::string& uploadId) {
  if (!validUploadId(uploadId)) return badUploadId(uploadId);
  const std::string path = stagingPath(uploadId);
  auto fd = openLocked(path, /*create=*/false);
  if (!fd.isOk()) return fd.status();
  if (fd->get() < 0) return Status::ok();
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return errnoStatus(errno, "cannot remove", path);
  return fsyncDir(m_root + "/staging");
}

Result<int> DirectoryBlobStore::removeStaleUploads(int64_t olderThanSeconds) {
  const std::string dir = m_root + "/staging";
  DIR* d = ::opendir(dir.c_str());
  if (!d) return errnoStatus(errno, "cannot list", dir);
  std::vector<std::string> names;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(d);
  const int64_t cutoff = static_cast<int64_t>(std::time(nullptr)) - olderThanSeconds;
  int removed = 0;
  for (const auto& name : names) {
    const std::string path = dir + "/" + name;
    Fd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
    if (fd.get() < 0) continue;  // Finalized or aborted meanwhile.
    // Skip an upload that someone is appending to or finalizing right now.
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) continue;
    struct stat held {};
    struct stat named {};
    if (::fstat(fd.get(), &held) != 0 || ::stat(path.c_str(), &named) != 0 || held.st_ino != named.st_ino) continue;
    if (held.st_mtime >= cutoff) continue;
    if (::unlink(path.c_str()) == 0) ++removed;
  }
  if (removed > 0) SECAP_RETURN_IF_ERROR(fsyncDir(dir));
  return removed;
}

}  // namespace secap::server

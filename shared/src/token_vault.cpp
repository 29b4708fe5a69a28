#include "secap/core/token_vault.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

namespace secap::core {

namespace {

namespace fs = std::filesystem;

// A token is 256 random bits in text; anything far larger is not one.
constexpr size_t kMaxTokenBytes = 4096;
constexpr mode_t kOwnerOnly = S_IRUSR | S_IWUSR;

std::string errnoText(int err) { return std::strerror(err); }

Status fileError(const std::string& what, const std::string& path, int err) {
  const std::string message = "cannot " + what + " the device's sign-in token file " + path + ": " + errnoText(err);
  return {err == ENOSPC || err == EDQUOT ? StatusCode::kResourceExhausted : StatusCode::kInternal, message};
}

// Closes on every path out.
class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  [[nodiscard]] int get() const { return m_fd; }
  int release() { return std::exchange(m_fd, -1); }

 private:
  int m_fd;
};

std::string directoryOf(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// A rename or unlink is durable only once its directory is synced.
Status syncDirectory(const std::string& path) {
  const std::string dir = directoryOf(path);
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return fileError("open the folder of", path, errno);
  if (::fsync(fd.get()) != 0) return fileError("sync the folder of", path, errno);
  return Status::ok();
}

Status writeAll(int fd, const std::string& bytes, const std::string& path) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fileError("write", path, errno);
    }
    done += static_cast<size_t>(n);
  }
  return Status::ok();
}

std::string tempPrefixOf(const std::string& path) { return fs::path(path).filename().string() + ".tmp-"; }

}  // namespace

FileTokenVault::FileTokenVault(std::string path) : m_path(std::move(path)) {}

std::string FileTokenVault::pathFor(const std::string& databasePath) { return databasePath + ".token"; }

Result<std::optional<std::string>> FileTokenVault::get() {
  // O_NOFOLLOW: a link planted in place of the file is not followed.
  Fd fd(::open(m_path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    if (errno == ELOOP)
      return Status(StatusCode::kPermissionDenied,
                    "the device's sign-in token file " + m_path +
                        " is a link, not a file; remove it and enroll this device again");
    return fileError("read", m_path, errno);
  }
  struct stat st = {};
  if (::fstat(fd.get(), &st) != 0) return fileError("read", m_path, errno);
  if (!S_ISREG(st.st_mode))
    return Status(StatusCode::kPermissionDenied, "the device's sign-in token file " + m_path +
                                                     " is not a plain file; remove it and enroll this device again");
  // Someone else's file may hold someone else's token: never use it.
  if (st.st_uid != ::geteuid())
    return Status(StatusCode::kPermissionDenied,
                  "the device's sign-in token file " + m_path +
                      " belongs to another user; remove it and enroll this device again");
  // Readable by others (a copy, a restored backup): close that at once. The
  // server can revoke the token if it may have been read meanwhile.
  if ((st.st_mode & 07777) != kOwnerOnly && ::fchmod(fd.get(), kOwnerOnly) != 0)
    return fileError("protect", m_path, errno);
  if (st.st_size <= 0 || static_cast<size_t>(st.st_size) > kMaxTokenBytes)
    return Status(StatusCode::kDataLoss, "the device's sign-in token file " + m_path +
                                             " does not hold a token; remove it and enroll this device again");
  std::string token(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  while (done < token.size()) {
    const ssize_t n = ::read(fd.get(), token.data() + done, token.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fileError("read", m_path, errno);
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  token.resize(done);
  if (token.empty())
    return Status(StatusCode::kDataLoss, "the device's sign-in token file " + m_path +
                                             " does not hold a token; remove it and enroll this device again");
  return std::optional<std::string>(std::move(token));
}

Status FileTokenVault::set(const std::string& token) {
  if (token.empty() || token.size() > kMaxTokenBytes) return invalidArgument("the server sent no usable sign-in token");
  // mkostemp creates the file with O_EXCL and mode 0600, whatever the umask:
  // the token is never readable by others, not even between open and chmod.
  std::string temp = (fs::path(directoryOf(m_path)) / (tempPrefixOf(m_path) + "XXXXXX")).string();
  Fd fd(::mkostemp(temp.data(), O_CLOEXEC));
  if (fd.get() < 0) return fileError("create", m_path, errno);
  auto fail = [&](const Status& st) {
    ::unlink(temp.c_str());
    return st;
  };
  if (::fchmod(fd.get(), kOwnerOnly) != 0) return fail(fileError("protect", m_path, errno));
  if (Status st = writeAll(fd.get(), token, m_path); !st.isOk()) return fail(st);
  if (::fsync(fd.get()) != 0) return fail(fileError("save", m_path, errno));
  if (::close(fd.release()) != 0) return fail(fileError("save", m_path, errno));
  if (::rename(temp.c_str(), m_path.c_str()) != 0) return fail(fileError("replace", m_path, errno));
  return syncDirectory(m_path);
}

Status FileTokenVault::clear() {
  bool removed = false;
  if (::unlink(m_path.c_str()) == 0) {
    removed = true;
  } else if (errno != ENOENT) {
    return fileError("remove", m_path, errno);
  }
  // A crash inside set() leaves its temporary file, with a token in it.
  const std::string prefix = tempPrefixOf(m_path);
  std::error_code ec;
  for (fs::directory_iterator it(directoryOf(m_path), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    if (::unlink(it->path().c_str()) == 0) {
      removed = true;
    } else if (errno != ENOENT) {
      return fileError("remove", it->path().string(), errno);
    }
  }
  if (ec) return fileError("list the folder of", m_path, ec.value());
  return removed ? syncDirectory(m_path) : Status::ok();
}

}  // namespace secap::core

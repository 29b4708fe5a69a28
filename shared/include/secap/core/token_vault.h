#pragma once
// TokenVault: where the device keeps its access token (DESIGN.md §8, Tokens).
// The token is the device's only credential, so it is kept out of the device
// database: in the OS keychain where there is one (the app's
// KeychainTokenVault, mobile/), otherwise in a file only its owner can read
// (FileTokenVault). LocalStore owns the device's vault: it moves a token left
// in the database by an older version into it, reads and caches it, and
// clears it on a wipe.
//
// Implementations are thread-safe: the sync thread, the enrollment worker and
// the UI thread may call them. Calls may block on disk I/O (fsync), or on the
// keychain for a bounded time.

#include <optional>
#include <string>

#include "secap/core/status.h"

namespace secap::core {

class TokenVault {
 public:
  virtual ~TokenVault() = default;

  // The stored token; nullopt when the device holds none (not enrolled, or
  // wiped). An error means the vault cannot tell right now, not that the
  // device is not enrolled.
  virtual Result<std::optional<std::string>> get() = 0;
  // Replaces the stored token durably: it survives a crash right after.
  [[nodiscard]] virtual Status set(const std::string& token) = 0;
  // Removes the token; ok when there was none.
  [[nodiscard]] virtual Status clear() = 0;
};

// The token in one file that only the owner can read or write (mode 0600).
//
// - Written to a temporary file created with mode 0600 and O_EXCL, fsynced,
//   then renamed over the old one (and the directory fsynced): never
//   readable by others, not even for an instant, and never half-written.
// - A file that others could read (say, 0644 after a copy) is set back to
//   0600 when it is read; one owned by another user, or a symbolic link, is
//   refused.
// - No file: no token.
// The directory must exist.
class FileTokenVault final : public TokenVault {
 public:
  explicit FileTokenVault(std::string path);

  // The token file that goes with a device database: "<database>.token".
  static std::string pathFor(const std::string& databasePath);

  [[nodiscard]] const std::string& path() const { return m_path; }

  Result<std::optional<std::string>> get() override;
  [[nodiscard]] Status set(const std::string& token) override;
  // Also removes temporary files a crash in set() may have left behind.
  [[nodiscard]] Status clear() override;

 private:
  std::string m_path;
};

}  // namespace secap::core

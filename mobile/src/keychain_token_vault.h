#pragma once
// KeychainTokenVault: the app's TokenVault (DESIGN.md §8, Tokens). The device's
// access token goes to the OS keychain through QtKeychain (Keychain Services
// on iOS and macOS, the Android Keystore, Secret Service or KWallet over D-Bus
// on Linux, the Credential Manager on Windows). Where there is no keychain,
// or it does not answer, the token goes to a 0600 file instead
// (core::FileTokenVault, next to the device database).
//
// - Never hangs (PLATFORM.md): every keychain call gives up after `timeout`.
//   A keychain that did not take the token is not used for it: the file is.
// - Which of the two holds the token is remembered in a small flag file
//   (`<token file>.in-keychain`), so a device that is not enrolled, or has
//   no keychain, never waits for one, and a token in a locked keychain reads
//   as an error ("cannot tell now"), never as "not enrolled".
// - The token itself is cached by LocalStore, so the keychain is asked once
//   per run of the app.
// - Never QtKeychain's "insecure fallback" (a plain-text QSettings file).
//
// Thread-safe; may be called from any thread, the UI thread included: each
// keychain call blocks for at most `timeout` (get and clear make one, set
// two: it reads the token back). Needs a QCoreApplication: QtKeychain runs
// every job through one queue object that is not thread-safe, so all jobs run
// on one process-wide thread with an event loop, which stops when the
// application object is destroyed. No call may be in progress then.

#include <QString>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "secap/core/status.h"
#include "secap/core/token_vault.h"

namespace secap::field {

class KeychainTokenVault final : public core::TokenVault {
 public:
  static constexpr std::chrono::milliseconds kDefaultTimeout{5000};

  // `service` and `key` name the keychain entry (the app, and which device
  // database the token belongs to). `tokenFilePath` is the fallback file.
  KeychainTokenVault(QString service, QString key, std::string tokenFilePath,
                     std::chrono::milliseconds timeout = kDefaultTimeout);

  core::Result<std::optional<std::string>> get() override;
  // The keychain when it takes the token in time; otherwise the file.
  [[nodiscard]] core::Status set(const std::string& token) override;
  // Removes the file, the flag, and the keychain entry. A keychain that does
  // not answer keeps its entry; the device no longer refers to it, the next
  // enrollment overwrites it, and the server has revoked that token before
  // it orders a wipe.
  [[nodiscard]] core::Status clear() override;

  enum class Location { kNone, kKeychain, kFile };
  // Where the token is kept now, from the flag and the file (no keychain
  // call): for the settings page and tests.
  core::Result<Location> location();

 private:
  std::mutex m_mu;
  const QString m_service;
  const QString m_key;
  core::FileTokenVault m_file;
  // A FileTokenVault used as a flag: present when the keychain holds the
  // token. The same durable, private writes as the token file.
  core::FileTokenVault m_inKeychain;
  const std::chrono::milliseconds m_timeout;
};

}  // namespace secap::field

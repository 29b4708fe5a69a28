#include "web_auth.h"

#include <sodium.h>

#include "enrollment.h"
#include "secap/core/ids.h"
#include "secap/core/passwords.h"
#include "secap/core/text.h"

namespace secap::server {

namespace {

std::string newSecret() { return core::randomHex(32); }

core::Status wrongLogin() { return {core::StatusCode::kUnauthenticated, "wrong login or password"}; }

// Equal strings, in time that does not depend on where they differ.
bool sameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Result<std::string> WebAuth::normalizeLogin(std::string_view login) {
  std::string out;
  for (char c : login) {
    const char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    const bool ok = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '.' || l == '_' || l == '@' || l == '-';
    if (!ok) return core::invalidArgument("a login is letters a-z, digits and . _ @ - only");
    out += l;
  }
  if (out.size() < 3 || out.size() > 64) return core::invalidArgument("a login is 3 to 64 characters");
  return out;
}

Result<WebUserRecord> WebAuth::addUser(const std::string& loginIn, const std::string& municipalityId,
                                       const std::string& role, const std::string& password, const std::string& actor) {
  auto login = normalizeLogin(loginIn);
  if (!login.isOk()) return login.status();
  if (role == "kiosk") return core::invalidArgument("a kiosk is a tablet, not a web user");
  if (!isKnownRole(role)) return core::invalidArgument("unknown role '" + role + "'");
  std::string hash;
  if (!password.empty()) {
    SECAP_RETURN_IF_ERROR(core::checkPassword(password));
    auto h = core::hashSecret(password);
    if (!h.isOk()) return h.status();
    hash = std::move(*h);
  }
  auto existing = m_store.webUser(*login);
  if (!existing.isOk()) return existing.status();
  if (existing->has_value()) return core::Status(core::StatusCode::kAlreadyExists, "the login " + *login + " is taken");

  // The device behind the user: enrolled with a code used at once, so it is
  // made, stored and audited exactly like a phone's.
  auto code = issueEnrollmentCode(m_store, municipalityId, role, m_clock, 60 * 1000);
  if (!code.isOk()) return code.status();
  EnrollAttempt attempt;
  attempt.codeHash = core::sha256Hex(normalizeEnrollmentCode(*code));
  attempt.installId = "web:" + *login;
  attempt.deviceName = "Web: " + *login;
  attempt.platform = kWebPlatform;
  attempt.newDeviceId = core::newUuidV7(m_clock);
  attempt.newTokenHash = core::sha256Hex(newSecret());  // never shown: the device signs in by session only
  attempt.nowMs = m_clock.nowMs();
  auto device = m_store.enroll(attempt);
  if (!device.isOk()) return device.status();

  WebUserRecord user{*login, device->id, hash, m_clock.nowMs(), 0, 0};
  SECAP_RETURN_IF_ERROR(m_store.addWebUser(user));
  SECAP_RETURN_IF_ERROR(m_store.addAuditEntry(
      {0, m_clock.nowMs(), actor, "web_user.add",
       "login=" + *login + " device=" + device->id + " role=" + role + " municipality=" + municipalityId}));
  return user;
}

Status WebAuth::setPassword(const std::string& loginIn, const std::string& password, const std::string& actor) {
  auto login = normalizeLogin(loginIn);
  if (!login.isOk()) return login.status();
  SECAP_RETURN_IF_ERROR(core::checkPassword(password));
  auto hash = core::hashSecret(password);
  if (!hash.isOk()) return hash.status();
  SECAP_RETURN_IF_ERROR(m_store.setWebPassword(*login, *hash));
  SECAP_RETURN_IF_ERROR(m_store.removeWebSessionsOf(*login));
  return m_store.addAuditEntry({0, m_clock.nowMs(), actor, "web_user.password", "login=" + *login});
}

Result<DeviceRecord> WebAuth::activeDevice(const WebUserRecord& user) {
  auto device = m_store.deviceById(user.deviceId);
  if (!device.isOk()) return device.status();
  if (!device->has_value() || (*device)->revokedAtMs != 0)
    return core::Status(core::StatusCode::kPermissionDenied, "this account was withdrawn: ask your administrator");
  return **device;
}

Result<std::string> WebAuth::issueLink(const std::string& loginIn, const std::string& actor) {
  auto login = normalizeLogin(loginIn);
  if (!login.isOk()) return login.status();
  auto user = m_store.webUser(*login);
  if (!user.isOk()) return user.status();
  if (!user->has_value()) return core::notFound("there is no web user " + *login);
  auto device = activeDevice(**user);
  if (!device.isOk()) return device.status();
  const std::string token = newSecret();
  const int64_t now = m_clock.nowMs();
  SECAP_RETURN_IF_ERROR(m_store.addWebSession({core::sha256Hex(token), "link", *login, "", now, now + kWebLinkMs}));
  SECAP_RETURN_IF_ERROR(m_store.addAuditEntry({0, now, actor, "web_user.link", "login=" + *login}));
  return token;
}

Status WebAuth::revoke(const std::string& loginIn, const std::string& actor) {
  auto login = normalizeLogin(loginIn);
  if (!login.isOk()) return login.status();
  auto user = m_store.webUser(*login);
  if (!user.isOk()) return user.status();
  if (!user->has_value()) return core::notFound("there is no web user " + *login);
  SECAP_RETURN_IF_ERROR(m_store.revokeDevice((*user)->deviceId, false, m_clock.nowMs(), actor));
  return m_store.removeWebSessionsOf(*login);
}

Result<WebSignIn> WebAuth::startSession(const WebUserRecord& user) {
  auto device = activeDevice(user);
  if (!device.isOk()) return device.status();
  WebSignIn out;
  out.token = newSecret();
  const int64_t now = m_clock.nowMs();
  out.session = {core::sha256Hex(out.token), "session", user.login, newSecret(), now, now + kWebSessionMs};
  out.device = std::move(*device);
  SECAP_RETURN_IF_ERROR(m_store.addWebSession(out.session));
  return out;
}

Status WebAuth::checkPeer(std::string_view peer) {
  if (peer.empty()) return Status::ok();
  const int64_t now = m_clock.nowMs();
  std::lock_guard lock(m_peersMu);
  auto it = m_peerFailures.find(peer);
  if (it == m_peerFailures.end()) return Status::ok();
  auto& times = it->second;
  while (!times.empty() && times.front() <= now - kWebLockMs) times.pop_front();
  if (times.empty()) {
    m_peerFailures.erase(it);
    return Status::ok();
  }
  if (static_cast<int>(times.size()) < kWebFailuresPerAddress) return Status::ok();
  const int64_t minutes = (times.front() + kWebLockMs - now + 59'999) / 60'000;
  return {core::StatusCode::kResourceExhausted,
          "too many wrong sign-ins from your network address: try again in " + std::to_string(minutes) + " minutes"};
}

void WebAuth::notePeerFailure(std::string_view peer) {
  if (peer.empty()) return;
  std::lock_guard lock(m_peersMu);
  // A bound on memory: forget every address when a flood of new ones comes.
  if (m_peerFailures.size() >= 100'000 && m_peerFailures.find(peer) == m_peerFailures.end()) m_peerFailures.clear();
  auto& times = m_peerFailures[std::string(peer)];
  times.push_back(m_clock.nowMs());
  while (static_cast<int>(times.size()) > kWebFailuresPerAddress) times.pop_front();
}

Result<WebSignIn> WebAuth::signIn(std::string_view loginIn, std::string_view password, std::string_view peer) {
  SECAP_RETURN_IF_ERROR(checkPeer(peer));
  auto login = normalizeLogin(loginIn);
  if (!login.isOk()) {
    notePeerFailure(peer);
    return wrongLogin();
  }
  auto user = m_store.webUser(*login);
  if (!user.isOk()) return user.status();
  if (!user->has_value() || (*user)->passwordHash.empty()) {
    // The same work and the same answer as a wrong password, so that a
    // login's existence does not show.
    (void)core::verifySecret("", password);
    notePeerFailure(peer);
    return wrongLogin();
  }
  const WebUserRecord& u = **user;
  const int64_t now = m_clock.nowMs();
  if (u.lockedUntilMs > now)
    return core::Status(core::StatusCode::kResourceExhausted, "too many wrong passwords: this login is locked until " +
                                                                  core::formatUtc(u.lockedUntilMs, "%Y-%m-%d %H:%M") +
                                                                  " UTC");
  if (!core::verifySecret(u.passwordHash, password)) {
    auto failures = m_store.countLoginFailure(u.login);
    if (!failures.isOk()) return failures.status();
    if (*failures >= kWebFailuresBeforeLock) {
      SECAP_RETURN_IF_ERROR(m_store.setLoginLock(u.login, now + kWebLockMs));
      SECAP_RETURN_IF_ERROR(m_store.addAuditEntry({0, now, "web:" + u.login, "web_user.locked", "login=" + u.login}));
    }
    notePeerFailure(peer);
    return wrongLogin();
  }
  if (u.failedLogins > 0 || u.lockedUntilMs != 0) SECAP_RETURN_IF_ERROR(m_store.setLoginLock(u.login, 0));
  return startSession(u);
}

Result<WebSignIn> WebAuth::signInWithLink(std::string_view token, std::string_view peer) {
  SECAP_RETURN_IF_ERROR(checkPeer(peer));
  const std::string hash = core::sha256Hex(token);
  auto link = m_store.webSession(hash);
  if (!link.isOk()) return link.status();
  const core::Status expired(core::StatusCode::kUnauthenticated,
                             "this sign-in link was used already or has expired: ask for a new one");
  if (!link->has_value() || (*link)->kind != "link" || (*link)->expiresAtMs <= m_clock.nowMs()) {
    notePeerFailure(peer);
    return expired;
  }
  auto taken = m_store.removeWebSession(hash);  // one use, even when two browsers race
  if (!taken.isOk()) return taken.status();
  if (!*taken) return expired;
  auto user = m_store.webUser((*link)->login);
  if (!user.isOk()) return user.status();
  if (!user->has_value()) return expired;
  return startSession(**user);
}

Result<Caller> WebAuth::caller(std::string_view token) {
  auto session = m_store.webSession(core::sha256Hex(token));
  if (!session.isOk()) return session.status();
  if (!session->has_value() || (*session)->kind != "session" || (*session)->expiresAtMs <= m_clock.nowMs())
    return core::Status(core::StatusCode::kUnauthenticated, "your session has ended: sign in again");
  auto user = m_store.webUser((*session)->login);
  if (!user.isOk()) return user.status();
  if (!user->has_value()) return core::Status(core::StatusCode::kUnauthenticated, "sign in again");
  auto device = activeDevice(**user);
  if (!device.isOk()) return device.status();
  Caller c;
  c.device = std::move(*device);
  c.webLogin = (*session)->login;
  c.csrfToken = (*session)->csrfToken;
  return c;
}

Status WebAuth::signOut(std::string_view token) {
  auto removed = m_store.removeWebSession(core::sha256Hex(token));
  return removed.isOk() ? core::Status::ok() : removed.status();
}

bool csrfMatches(const Caller& caller, std::string_view sent) {
  return !caller.csrfToken.empty() && sameSecret(caller.csrfToken, sent);
}

}  // namespace secap::server

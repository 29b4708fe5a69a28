#pragma once
// Web dashboard users and their browser sessions (issue 14, docs/API.md
// "Signing in").
//
// A web user is a person with a login and an argon2id password (or none, and
// one-time sign-in links instead). Behind each stands an ordinary device
// record of platform "web", enrolled with a one-time code when the user is
// added, so the rules for devices apply unchanged: their role and
// municipality, revocation ("admin web-user revoke" revokes the device and
// ends the sessions), the author of their writes (a ReadingReview names the
// web user's device) and the audit log.
//
// A session is a 256-bit random token in an HttpOnly, SameSite=Strict
// cookie; the server keeps its SHA-256 only. It lasts 12 hours from sign-in
// and ends at sign-out. Each session has its own CSRF token that every
// write must echo in X-CSRF-Token. Five wrong passwords in a row lock a
// login for 15 minutes (counted in the store, so every instance sees it),
// and one network address gets at most 20 wrong sign-ins (passwords or
// links) in 15 minutes, whatever the logins (counted by this instance, in
// memory), against password spraying.
//
// Thread-safe: the Store is; the per-address counts are under a mutex.

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "http_handler.h"
#include "secap/core/clock.h"
#include "store.h"

namespace secap::server {

inline constexpr int64_t kWebSessionMs = 12LL * 3600 * 1000;
inline constexpr int64_t kWebLinkMs = 24LL * 3600 * 1000;
inline constexpr int kWebFailuresBeforeLock = 5;
inline constexpr int64_t kWebLockMs = 15LL * 60 * 1000;
inline constexpr int kWebFailuresPerAddress = 20;  // in kWebLockMs
inline constexpr const char* kWebPlatform = "web";

// What a successful sign-in hands the browser.
struct WebSignIn {
  std::string token;  // the cookie's value; shown once, stored hashed
  WebSessionRecord session;
  DeviceRecord device;
};

class WebAuth {
 public:
  explicit WebAuth(Store& store, const core::Clock& clock = core::SystemClock::instance())
      : m_store(store), m_clock(clock) {}

  // Adds a web user with a role in a municipality (admin, coordinator,
  // partner, field). `password` empty: the user signs in by links only.
  // kInvalidArgument for a malformed login, unknown role or short password,
  // kAlreadyExists for a taken login. `actor` goes to the audit log.
  Result<WebUserRecord> addUser(const std::string& login, const std::string& municipalityId, const std::string& role,
                                const std::string& password, const std::string& actor);
  // Replaces a user's password; their sessions end.
  Status setPassword(const std::string& login, const std::string& password, const std::string& actor);
  // A one-time sign-in link's token, valid 24 hours (kNotFound, kPermissionDenied for a withdrawn user).
  Result<std::string> issueLink(const std::string& login, const std::string& actor);
  // Withdraws the user: their device is revoked and every session ends.
  Status revoke(const std::string& login, const std::string& actor);

  // Signs in with a password: kUnauthenticated "wrong login or password"
  // (the same for an unknown login), kResourceExhausted while locked,
  // kPermissionDenied for a withdrawn user.
  // `peer` is the client's network address (empty: unknown, not limited);
  // too many failures from it are kResourceExhausted before any check.
  Result<WebSignIn> signIn(std::string_view login, std::string_view password, std::string_view peer = {});
  // Signs in with a one-time link's token (used up by this call).
  Result<WebSignIn> signInWithLink(std::string_view token, std::string_view peer = {});
  // The caller of a session cookie: kUnauthenticated when unknown or
  // expired, kPermissionDenied when the user was withdrawn.
  Result<Caller> caller(std::string_view token);
  // Ends the session (harmless when it has ended already).
  Status signOut(std::string_view token);

  // Lower-cases a login and checks it: 3 to 64 of a-z 0-9 . _ @ -.
  static Result<std::string> normalizeLogin(std::string_view login);

 private:
  Result<WebSignIn> startSession(const WebUserRecord& user);
  Result<DeviceRecord> activeDevice(const WebUserRecord& user);
  // kResourceExhausted when `peer` has had too many failures lately.
  Status checkPeer(std::string_view peer);
  void notePeerFailure(std::string_view peer);

  Store& m_store;
  const core::Clock& m_clock;
  std::mutex m_peersMu;
  std::map<std::string, std::deque<int64_t>, std::less<>> m_peerFailures;  // address -> failure times
};

// True when `sent` is the session's CSRF token (compared in constant time);
// false for a caller without a session.
bool csrfMatches(const Caller& caller, std::string_view sent);

}  // namespace secap::server

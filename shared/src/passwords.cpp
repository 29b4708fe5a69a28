#include "secap/core/passwords.h"

#include <sodium.h>

#include "secap/core/ids.h"

namespace secap::core {

Result<std::string> hashSecret(std::string_view secret) {
  (void)randomHex(1);  // makes sure libsodium is initialised
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, secret.data(), secret.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Status(StatusCode::kResourceExhausted, "not enough memory to hash the secret");
  return std::string(out);
}

bool verifySecret(std::string_view encodedHash, std::string_view secret) {
  if (encodedHash.empty() || encodedHash.size() >= crypto_pwhash_STRBYTES) return false;
  (void)randomHex(1);
  const std::string hash(encodedHash);  // NUL-terminated for libsodium
  return crypto_pwhash_str_verify(hash.c_str(), secret.data(), secret.size()) == 0;
}

Status checkPassword(std::string_view password) {
  // Characters, not bytes: count the bytes that start a UTF-8 sequence.
  size_t chars = 0;
  for (unsigned char c : password)
    if ((c & 0xC0) != 0x80) ++chars;
  if (chars < kMinPasswordChars)
    return invalidArgument("a password needs at least " + std::to_string(kMinPasswordChars) + " characters");
  if (chars > kMaxPasswordChars)
    return invalidArgument("a password has at most " + std::to_string(kMaxPasswordChars) + " characters");
  return Status::ok();
}

}  // namespace secap::core

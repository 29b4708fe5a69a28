#include "secap/core/ids.h"

#include <sodium.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace secap::core {

namespace {

void ensureSodium() {
  static const int kInit = sodium_init();
  if (kInit < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string toHex(const unsigned char* p, size_t n) {
  static const char* kDigits = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[p[i] >> 4];
    out[2 * i + 1] = kDigits[p[i] & 0xf];
  }
  return out;
}

}  // namespace

std::string newUuidV7(const Clock& clock) {
  ensureSodium();
  static std::mutex mu;
  static int64_t lastMs = -1;
  static uint16_t counter = 0;

  std::array<unsigned char, 16> b{};
  randombytes_buf(b.data(), b.size());
  int64_t ms = clock.nowMs();
  uint16_t slot = 0;  // this id's counter, taken under the lock
  {
    std::lock_guard lock(mu);
    if (ms <= lastMs) {
      // Same (or earlier) millisecond: keep order with the 12-bit counter,
      // borrowing the next millisecond if it overflows.
      ms = lastMs;
      if (++counter > 0x0fff) {
        ++ms;
        counter = static_cast<uint16_t>(b[6] & 0x03);
      }
    } else {
      // Start each millisecond at a small random counter, leaving headroom.
      counter = static_cast<uint16_t>(((b[6] & 0x03) << 8) | b[7]);
    }
    lastMs = ms;
    slot = counter;
  }
  for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>((ms >> (8 * (5 - i))) & 0xff);
  b[6] = static_cast<unsigned char>(0x70 | ((slot >> 8) & 0x0f));
  b[7] = static_cast<unsigned char>(slot & 0xff);
  b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3f));

  std::string hex = toHex(b.data(), b.size());
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

bool isCanonicalUuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

int64_t uuidV7TimestampMs(std::string_view s) {
  if (!isCanonicalUuid(s) || s[14] != '7') return -1;
  int64_t ms = 0;
  for (size_t i = 0; i < 13; ++i) {
    if (i == 8) continue;
    const char c = s[i];
    ms = (ms << 4) | (c <= '9' ? c - '0' : c - 'a' + 10);
  }
  return ms;
}

std::string randomHex(size_t bytes) {
  ensureSodium();
  std::string buf(bytes, '\0');
  randombytes_buf(buf.data(), bytes);
  return toHex(reinterpret_cast<const unsigned char*>(buf.data()), bytes);
}

std::string sha256Hex(std::string_view data) {
  ensureSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> out{};
  crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return toHex(out.data(), out.size());
}

Result<FileDigest> sha256OfFile(const std::string& path) {
  ensureSodium();
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, "the file " + path + " cannot be opened");
  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);
  std::vector<char> buf(64 * 1024);
  FileDigest digest;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = in.gcount();
    if (n <= 0) break;
    crypto_hash_sha256_update(&hash, reinterpret_cast<const unsigned char*>(buf.data()),
                              static_cast<unsigned long long>(n));
    digest.size += n;
  }
  if (in.bad()) return Status(StatusCode::kDataLoss, "the file " + path + " could not be read to the end");
  std::array<unsigned char, crypto_hash_sha256_BYTES> out{};
  crypto_hash_sha256_final(&hash, out.data());
  digest.sha256 = toHex(out.data(), out.size());
  return digest;
}

}  // namespace secap::core

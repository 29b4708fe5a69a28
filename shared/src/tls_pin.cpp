#include "secap/core/tls_pin.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sodium.h>

#include <memory>
#include <vector>

namespace secap::core {

namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

BioPtr memBio(std::string_view text) { return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size()))); }

X509Ptr readCertificate(std::string_view pem) {
  BioPtr bio = memBio(pem);
  if (!bio) return nullptr;
  return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

// OpenSSL keeps failures in a per-thread queue that gRPC's TLS code on the
// same thread would later misread; a failed parse here leaves it empty.
template <typename T>
T clearingErrors(T value) {
  ERR_clear_error();
  return value;
}

}  // namespace

Result<std::string> spkiPinOfCertificatePem(std::string_view pem) {
  X509Ptr cert = readCertificate(pem);
  if (!cert)
    return clearingErrors(invalidArgument("this is not a PEM certificate (expected -----BEGIN CERTIFICATE-----)"));
  const int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert.get()), nullptr);
  if (len <= 0) return invalidArgument("the certificate has no readable public key");
  std::vector<unsigned char> der(static_cast<size_t>(len));
  unsigned char* out = der.data();
  i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert.get()), &out);
  unsigned char digest[32];
  unsigned int digestLen = 0;
  if (EVP_Digest(der.data(), der.size(), digest, &digestLen, EVP_sha256(), nullptr) != 1 || digestLen != 32)
    return internalError("cannot hash the certificate's public key");
  char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(b64, sizeof b64, digest, sizeof digest, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(b64);
}

bool isWellFormedSpkiPin(std::string_view pin) {
  if (pin.size() != kSpkiPinLength) return false;
  for (char c : pin) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Status checkCertificateAndKeyPem(std::string_view certPem, std::string_view keyPem) {
  X509Ptr cert = readCertificate(certPem);
  if (!cert) return clearingErrors(invalidArgument("the TLS certificate file does not hold a PEM certificate"));
  BioPtr bio = memBio(keyPem);
  PkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!key)
    return clearingErrors(
        invalidArgument("the TLS key file does not hold a PEM private key (or the key is password-protected)"));
  if (X509_check_private_key(cert.get(), key.get()) != 1)
    return clearingErrors(invalidArgument("the TLS key does not belong to the TLS certificate"));
  return Status::ok();
}

}  // namespace secap::core

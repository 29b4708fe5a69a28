#pragma once
// Throwaway TLS material for tests, made with the OpenSSL C API at run time:
// a certificate authority and a server certificate it signs for 127.0.0.1
// and localhost. Nothing is read from or written to the system's trust
// store. Each call makes fresh keys; thread-safe as OpenSSL 3 is.

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace secap::testing {

struct TestKeyPair {
  std::string certPem;
  std::string keyPem;
  std::shared_ptr<EVP_PKEY> key;  // to sign with, or to renew with the same key
};

struct TestPki {
  TestKeyPair ca;
  TestKeyPair server;
};

namespace detail {

inline std::shared_ptr<EVP_PKEY> newKey() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  if (key == nullptr) throw std::runtime_error("cannot generate an EC key");
  return {key, EVP_PKEY_free};
}

inline std::string toPem(X509* cert) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(bio.get(), cert);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return {data, static_cast<size_t>(len)};
}

inline std::string toPem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return {data, static_cast<size_t>(len)};
}

inline void addExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) throw std::runtime_error(std::string("bad extension ") + value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

}  // namespace detail

// A certificate for `key` named `commonName`, signed by `issuer` (itself when
// null: a self-signed CA).
inline TestKeyPair makeCertificate(const std::shared_ptr<EVP_PKEY>& key, const std::string& commonName,
                                   const TestKeyPair* issuer, long serial) {
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 7L * 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(commonName.c_str()), -1,
                             -1, 0);
  std::unique_ptr<X509, decltype(&X509_free)> issuerCert(nullptr, X509_free);
  if (issuer != nullptr) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(issuer->certPem.data(), static_cast<int>(issuer->certPem.size())), BIO_free);
    issuerCert.reset(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    X509_set_issuer_name(cert.get(), X509_get_subject_name(issuerCert.get()));
    detail::addExtension(cert.get(), issuerCert.get(), NID_basic_constraints, "critical,CA:FALSE");
    detail::addExtension(cert.get(), issuerCert.get(), NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
    detail::addExtension(cert.get(), issuerCert.get(), NID_ext_key_usage, "serverAuth");
  } else {
    X509_set_issuer_name(cert.get(), name);
    detail::addExtension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    detail::addExtension(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  }
  EVP_PKEY* signer = issuer != nullptr ? issuer->key.get() : key.get();
  if (X509_sign(cert.get(), signer, EVP_sha256()) == 0) throw std::runtime_error("cannot sign the test certificate");
  ERR_clear_error();
  return {detail::toPem(cert.get()), detail::toPem(key.get()), key};
}

// A fresh CA and a server certificate it signs.
inline TestPki makeTestPki(const std::string& serverName = "secap test server") {
  TestPki pki;
  pki.ca = makeCertificate(detail::newKey(), "secap test CA", nullptr, 1);
  pki.server = makeCertificate(detail::newKey(), serverName, &pki.ca, 2);
  return pki;
}

}  // namespace secap::testing

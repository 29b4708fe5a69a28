// SPKI pins: the value a device trusts a server by. Checked against the
// OpenSSL command line, stable across a renewal with the same key, and
// different for another key.

#include "secap/core/tls_pin.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "fixtures.h"
#include "test_certs.h"

using namespace secap::core;
using secap::testing::makeCertificate;
using secap::testing::makeTestPki;

namespace {

std::string runShell(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[256];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  ::pclose(pipe);
  return out;
}

}  // namespace

TEST(SpkiPin, IsTheBase64UrlSha256OfThePublicKeyAsOpenSslComputesIt) {
  if (std::system("command -v openssl >/dev/null && command -v basenc >/dev/null") != 0)
    GTEST_SKIP() << "the openssl and basenc commands are not installed";
  const auto pki = makeTestPki();
  const std::string file = secap::testing::freshDir("spki_cli") + "/server.pem";
  std::ofstream(file) << pki.server.certPem;
  const std::string expected = runShell("openssl x509 -in " + file +
                                        " -pubkey -noout | openssl pkey -pubin -outform der | "
                                        "openssl dgst -sha256 -binary | basenc --base64url | tr -d '=\\n'");
  auto pin = spkiPinOfCertificatePem(pki.server.certPem);
  ASSERT_TRUE(pin.isOk()) << pin.status().message();
  EXPECT_EQ(*pin, expected);
  EXPECT_EQ(pin->size(), kSpkiPinLength);
  EXPECT_TRUE(isWellFormedSpkiPin(*pin));
}

TEST(SpkiPin, SurvivesARenewalWithTheSameKey) {
  const auto pki = makeTestPki();
  const auto renewed = makeCertificate(pki.server.key, "renewed name", &pki.ca, 99);
  ASSERT_NE(renewed.certPem, pki.server.certPem);
  EXPECT_EQ(*spkiPinOfCertificatePem(renewed.certPem), *spkiPinOfCertificatePem(pki.server.certPem));
}

TEST(SpkiPin, DiffersForAnotherKey) {
  const auto a = makeTestPki();
  const auto b = makeTestPki();
  EXPECT_NE(*spkiPinOfCertificatePem(a.server.certPem), *spkiPinOfCertificatePem(b.server.certPem));
  EXPECT_NE(*spkiPinOfCertificatePem(a.server.certPem), *spkiPinOfCertificatePem(a.ca.certPem));
}

TEST(SpkiPin, RefusesTextThatIsNoCertificate) {
  const auto pki = makeTestPki();
  auto pin = spkiPinOfCertificatePem(pki.server.keyPem);
  ASSERT_FALSE(pin.isOk());
  EXPECT_EQ(pin.status().message(), "this is not a PEM certificate (expected -----BEGIN CERTIFICATE-----)");
  EXPECT_FALSE(spkiPinOfCertificatePem("").isOk());
}

TEST(SpkiPin, ShapeCheckWantsFortyThreeBase64UrlCharacters) {
  EXPECT_TRUE(isWellFormedSpkiPin("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"));
  EXPECT_FALSE(isWellFormedSpkiPin("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"));  // plain base64
  EXPECT_FALSE(isWellFormedSpkiPin("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU="));
  EXPECT_FALSE(isWellFormedSpkiPin(""));
}

TEST(CertificateAndKey, AcceptsAMatchingPair) {
  const auto pki = makeTestPki();
  EXPECT_TRUE(checkCertificateAndKeyPem(pki.server.certPem, pki.server.keyPem).isOk());
}

TEST(CertificateAndKey, SaysWhenTheKeyBelongsToAnotherCertificate) {
  const auto pki = makeTestPki();
  const Status st = checkCertificateAndKeyPem(pki.server.certPem, pki.ca.keyPem);
  EXPECT_EQ(st.message(), "the TLS key does not belong to the TLS certificate");
}

TEST(CertificateAndKey, SaysWhichFileHoldsTheWrongThing) {
  const auto pki = makeTestPki();
  EXPECT_EQ(checkCertificateAndKeyPem(pki.server.keyPem, pki.server.keyPem).message(),
            "the TLS certificate file does not hold a PEM certificate");
  EXPECT_EQ(checkCertificateAndKeyPem(pki.server.certPem, pki.server.certPem).message(),
            "the TLS key file does not hold a PEM private key (or the key is password-protected)");
}

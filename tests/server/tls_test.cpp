// TLS on the sync server and SPKI pinning on the device (DESIGN.md §8): a
// server on 127.0.0.1 with a certificate from a throwaway CA made here; a
// device with the right pin enrolls, pushes and pulls; a device with a wrong
// pin is refused with the message the app shows; plain text off loopback is
// refused unless asked for.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "harness.h"
#include "secap/core/enroll_uri.h"
#include "secap/core/local_store.h"
#include "secap/core/sync_client.h"
#include "secap/core/sync_transport.h"
#include "secap/core/tls_pin.h"
#include "test_certs.h"

namespace secap {
namespace {

using secap::testing::kMeterId;
using secap::testing::kMunicipalityId;
using secap::testing::kServerNow;
using secap::testing::ServerHarness;

struct TlsFiles {
  std::string cert;
  std::string key;
};

TlsFiles writeTlsFiles(const std::string& dir, const secap::testing::TestKeyPair& pair) {
  TlsFiles files{dir + "/server.crt", dir + "/server.key"};
  std::ofstream(files.cert) << pair.certPem;
  std::ofstream(files.key) << pair.keyPem;
  return files;
}

// A TLS server seeded with one municipality, site and meter.
struct TlsServer {
  secap::testing::TestPki pki = secap::testing::makeTestPki();
  std::string pin = *core::spkiPinOfCertificatePem(pki.server.certPem);
  std::unique_ptr<ServerHarness> h;

  explicit TlsServer(const std::string& name) {
    const TlsFiles files = writeTlsFiles(secap::testing::freshDir(name + "_tls"), pki.server);
    h = std::make_unique<ServerHarness>(name, [&](server::ServerConfig& c) {
      c.tlsCertFile = files.cert;
      c.tlsKeyFile = files.key;
    });
    h->seed(secap::testing::baseChanges(kServerNow));
  }
};

struct Device {
  std::unique_ptr<core::LocalStore> store;
  std::unique_ptr<core::SyncTransport> transport;
  std::unique_ptr<core::SyncClient> client;

  Device(const std::string& dir, const std::string& target, const std::string& pin) {
    std::filesystem::create_directories(dir);
    store = std::move(core::LocalStore::open(dir + "/device.db")).value();
    core::TransportOptions options;
    options.deadlineMs = 10000;
    options.spkiPin = pin;
    transport = core::makeGrpcTransport(target, options);
    client = std::make_unique<core::SyncClient>(*store, *transport);
  }
};

TEST(Tls, ADeviceWithTheRightPinEnrollsPushesAndPulls) {
  TlsServer s("tls_right_pin");
  ASSERT_TRUE(s.h->srv->tls());
  Device d(s.h->dir, s.h->target(), s.pin);

  ASSERT_TRUE(d.client->enroll(s.h->code(kMunicipalityId), "phone", "test", "0").isOk());
  ASSERT_TRUE(d.client->pullAll().isOk());
  ASSERT_TRUE(d.store->municipality(kMunicipalityId).has_value());  // pulled over TLS

  v1::Reading reading;
  reading.set_meter_id(kMeterId);
  reading.set_value(1234);
  ASSERT_TRUE(d.store->recordReading(reading).isOk());
  ASSERT_TRUE(d.client->syncOnce().isOk()) << d.client->status().lastError;
  EXPECT_EQ(d.store->pendingCount(), 0);
  EXPECT_TRUE(d.client->status().lastError.empty());
  EXPECT_EQ(d.store->readingCount(), 1);
  auto watermark = s.h->srv->store().watermark();
  ASSERT_TRUE(watermark.isOk());
  EXPECT_EQ(*watermark, 4);  // three seeded changes and the reading
}

TEST(Tls, ADeviceWithAWrongPinIsRefusedWithAClearMessageAndTheCodeStaysUsable) {
  TlsServer s("tls_wrong_pin");
  const std::string otherPin = *core::spkiPinOfCertificatePem(secap::testing::makeTestPki().server.certPem);
  const std::string code = s.h->code(kMunicipalityId);
  Device impostor(s.h->dir + "/a", s.h->target(), otherPin);

  const auto started = std::chrono::steady_clock::now();
  const core::Status st = impostor.client->enroll(code, "phone", "test", "0");
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(st.isOk());
  EXPECT_EQ(st.code(), core::StatusCode::kUnauthenticated);
  EXPECT_TRUE(core::isServerKeyMismatch(st));
  EXPECT_NE(st.message().find("the server's certificate does not match the one in the enrollment code"),
            std::string::npos)
      << st.message();
  EXPECT_LT(elapsed, std::chrono::seconds(4)) << "a wrong key must not wait out the connect timeout";
  EXPECT_FALSE(impostor.client->isEnrolled());
  EXPECT_EQ(impostor.client->status().lastError, st.message());

  // Nothing reached the server: the same code still enrolls the right device.
  Device right(s.h->dir + "/b", s.h->target(), s.pin);
  EXPECT_TRUE(right.client->enroll(code, "phone", "test", "0").isOk());
}

TEST(Tls, ADeviceWithoutAPinCannotTalkPlainTextToATlsServer) {
  TlsServer s("tls_no_pin");
  Device plain(s.h->dir, s.h->target(), "");
  const core::Status st = plain.client->enroll(s.h->code(kMunicipalityId), "phone", "test", "0");
  EXPECT_EQ(st.code(), core::StatusCode::kUnavailable) << st.message();
}

TEST(Tls, AnEnrollmentLinkCarriesThePinOfTheServerCertificate) {
  TlsServer s("tls_link");
  // Off loopback the link carries the pin; the device connects by it.
  const std::string uri = core::buildEnrollUri({"sync.gmina.example:50051", s.h->code(kMunicipalityId), s.pin});
  auto invite = core::parseEnrollUri(uri);
  ASSERT_TRUE(invite.isOk()) << invite.status().message();
  ASSERT_EQ(invite->spkiPin, s.pin);
  Device d(s.h->dir, s.h->target(), invite->spkiPin);
  EXPECT_TRUE(d.client->enroll(uri, "phone", "test", "0").isOk());
}

TEST(Tls, PlainTextOffLoopbackIsRefusedNamingTheTlsFlags) {
  server::ServerConfig config;
  config.dataDir = secap::testing::freshDir("tls_refuse");
  config.grpcAddress = "0.0.0.0:0";  // refused before anything listens
  config.httpAddress = "127.0.0.1:0";
  server::SyncServer srv(config);
  const core::Status st = srv.start();
  ASSERT_FALSE(st.isOk());
  EXPECT_EQ(st.code(), core::StatusCode::kFailedPrecondition);
  EXPECT_NE(st.message().find("--tls-cert FILE --tls-key FILE"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("--insecure"), std::string::npos) << st.message();
  EXPECT_EQ(srv.grpcPort(), 0);
}

TEST(Tls, OffLoopbackIsAllowedWithTlsOrWithInsecure) {
  const auto pki = secap::testing::makeTestPki();
  const TlsFiles files = writeTlsFiles(secap::testing::freshDir("tls_allow"), pki.server);
  server::ServerConfig config;
  config.grpcAddress = "0.0.0.0:50051";  // only checked here, never bound
  config.tlsCertFile = files.cert;
  config.tlsKeyFile = files.key;
  EXPECT_TRUE(server::grpcCredentials(config).isOk());
  config.tlsCertFile.clear();
  config.tlsKeyFile.clear();
  config.insecure = true;
  EXPECT_TRUE(server::grpcCredentials(config).isOk());
}

TEST(Tls, TheHttpApiStaysOnLoopbackWithoutInsecure) {
  server::ServerConfig config;
  config.dataDir = secap::testing::freshDir("tls_http");
  config.grpcAddress = "127.0.0.1:0";
  config.httpAddress = "0.0.0.0:0";
  server::SyncServer srv(config);
  const core::Status st = srv.start();
  ASSERT_FALSE(st.isOk());
  EXPECT_NE(st.message().find("HTTP API"), std::string::npos) << st.message();
  EXPECT_EQ(srv.grpcPort(), 0);
}

TEST(Tls, BadTlsFilesAreNamedAtStart) {
  const auto pki = secap::testing::makeTestPki();
  const std::string dir = secap::testing::freshDir("tls_bad_files");
  const TlsFiles files = writeTlsFiles(dir, pki.server);
  std::ofstream(dir + "/ca.key") << pki.ca.keyPem;

  server::ServerConfig config;
  config.tlsCertFile = files.cert;
  EXPECT_EQ(server::grpcCredentials(config).status().message(),
            "TLS needs both --tls-cert and --tls-key (a PEM certificate and its private key)");

  config.tlsKeyFile = dir + "/ca.key";
  auto st = server::grpcCredentials(config).status();
  EXPECT_NE(st.message().find("the TLS key does not belong to the TLS certificate"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find(dir + "/ca.key"), std::string::npos) << st.message();

  config.tlsKeyFile = dir + "/missing.key";
  st = server::grpcCredentials(config).status();
  EXPECT_NE(st.message().find("cannot read the TLS key (--tls-key) file " + dir + "/missing.key"), std::string::npos)
      << st.message();
}

}  // namespace
}  // namespace secap

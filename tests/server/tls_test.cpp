// TLS on the sync server and SPKI pinning on the device (DESIGN.md §8): a
// server on 127.0.0.1 with a certificate from a throwaway CA made here; a
// device with the right pin enrolls, pushes and pulls; a device with a wrong
// pin is refused with the message the app shows; plain text off loopback is
// refused unless asked for.

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <variant>

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

// One GET over HTTPS to 127.0.0.1:port, trusting only `caPem`; the
// response, or the error's message.
std::variant<boost::beast::http::response<boost::beast::http::string_body>, std::string> httpsGet(
    int port, const std::string& caPem, const std::string& target) {
  namespace net = boost::asio;
  namespace beast = boost::beast;
  net::io_context ioc;
  net::ssl::context ctx(net::ssl::context::tls_client);
  boost::system::error_code ec;
  ctx.add_certificate_authority(net::buffer(caPem), ec);
  if (ec) return ec.message();
  ctx.set_verify_mode(net::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
  beast::get_lowest_layer(stream).connect(
      net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<uint16_t>(port)), ec);
  if (ec) return ec.message();
  stream.handshake(net::ssl::stream_base::client, ec);
  if (ec) return ec.message();
  beast::http::request<beast::http::empty_body> req{beast::http::verb::get, target, 11};
  req.set(beast::http::field::host, "127.0.0.1");
  beast::http::write(stream, req, ec);
  if (ec) return ec.message();
  beast::flat_buffer buffer;
  beast::http::response<beast::http::string_body> res;
  beast::http::read(stream, buffer, res, ec);
  if (ec) return ec.message();
  return res;
}

TEST(Tls, TheHttpApiAndDashboardAreServedOverHttpsWithTheSameCertificate) {
  TlsServer s("tls_https");
  auto res = httpsGet(s.h->srv->httpPort(), s.pki.ca.certPem, "/healthz");
  ASSERT_TRUE(std::holds_alternative<boost::beast::http::response<boost::beast::http::string_body>>(res))
      << std::get<std::string>(res);
  const auto& ok = std::get<0>(res);
  EXPECT_EQ(ok.result_int(), 200u);
  EXPECT_EQ(ok.body(), "ok");
  EXPECT_EQ(ok[boost::beast::http::field::strict_transport_security], "max-age=31536000");
  // A client that does not trust the server's CA gets no answer.
  const auto other = secap::testing::makeTestPki("another server");
  auto refused = httpsGet(s.h->srv->httpPort(), other.ca.certPem, "/healthz");
  EXPECT_TRUE(std::holds_alternative<std::string>(refused)) << "the handshake must fail";
  // Plain HTTP to the HTTPS port gets no HTTP answer either, and the server goes on.
  {
    namespace net = boost::asio;
    net::io_context ioc;
    boost::beast::tcp_stream plain(ioc);
    plain.connect(
        net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<uint16_t>(s.h->srv->httpPort())));
    boost::beast::http::request<boost::beast::http::empty_body> req{boost::beast::http::verb::get, "/healthz", 11};
    boost::beast::http::write(plain, req);
    boost::beast::flat_buffer buffer;
    boost::beast::http::response<boost::beast::http::string_body> answer;
    boost::system::error_code ec;
    plain.expires_after(std::chrono::seconds(10));
    boost::beast::http::read(plain, buffer, answer, ec);
    EXPECT_TRUE(ec) << "a plain-text request must not be answered in plain text";
  }
  auto again = httpsGet(s.h->srv->httpPort(), s.pki.ca.certPem, "/healthz");
  EXPECT_TRUE((std::holds_alternative<boost::beast::http::response<boost::beast::http::string_body>>(again)));
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

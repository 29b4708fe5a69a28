// Enrollment URIs: what a QR code carries, built and read back, and the
// messages a person sees for a damaged or foreign link.

#include "secap/core/enroll_uri.h"

#include <gtest/gtest.h>

using namespace secap::core;

namespace {

const std::string kPin = "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";

Status errorOf(std::string_view uri) {
  auto r = parseEnrollUri(uri);
  EXPECT_FALSE(r.isOk()) << uri << " was accepted";
  return r.status();
}

}  // namespace

TEST(EnrollUri, CarriesServerCodeAndPinOffLoopback) {
  EnrollInvite invite{"sync.gmina.example:50051", "ABCDE-FGHJK-MNPQR", kPin};
  EXPECT_EQ(buildEnrollUri(invite),
            "secap://enroll?server=sync.gmina.example:50051&code=ABCDE-FGHJK-MNPQR&spki=" + kPin);
}

TEST(EnrollUri, LeavesThePinOutOnLoopback) {
  EXPECT_EQ(buildEnrollUri({"127.0.0.1:50051", "ABCDE", kPin}), "secap://enroll?server=127.0.0.1:50051&code=ABCDE");
  EXPECT_EQ(buildEnrollUri({"localhost:50051", "ABCDE", kPin}), "secap://enroll?server=localhost:50051&code=ABCDE");
}

TEST(EnrollUri, RoundTripsThroughTheParser) {
  EnrollInvite invite{"10.0.0.7:443", "ABCDE-FGHJK-MNPQR", kPin};
  auto parsed = parseEnrollUri(buildEnrollUri(invite));
  ASSERT_TRUE(parsed.isOk()) << parsed.status().message();
  EXPECT_EQ(parsed->server, invite.server);
  EXPECT_EQ(parsed->code, invite.code);
  EXPECT_EQ(parsed->spkiPin, invite.spkiPin);
}

TEST(EnrollUri, EncodesAndDecodesReservedCharacters) {
  EnrollInvite invite{"[::1]:50051", "A B&C=D%", ""};
  const std::string uri = buildEnrollUri(invite);
  EXPECT_EQ(uri, "secap://enroll?server=%5B::1%5D:50051&code=A%20B%26C%3DD%25");
  auto parsed = parseEnrollUri(uri);
  ASSERT_TRUE(parsed.isOk()) << parsed.status().message();
  EXPECT_EQ(parsed->server, "[::1]:50051");
  EXPECT_EQ(parsed->code, "A B&C=D%");
}

TEST(EnrollUri, ReadsPercentEncodedValuesFromOtherGenerators) {
  auto parsed = parseEnrollUri("secap://enroll/?code=ABCDE%2dFGHJK&server=sync.example.org%3A8443&extra=1#x");
  ASSERT_TRUE(parsed.isOk()) << parsed.status().message();
  EXPECT_EQ(parsed->server, "sync.example.org:8443");
  EXPECT_EQ(parsed->code, "ABCDE-FGHJK");
  EXPECT_TRUE(parsed->spkiPin.empty());
}

TEST(EnrollUri, AcceptsAnUpperCaseScheme) {
  auto parsed = parseEnrollUri("  SECAP://ENROLL?server=127.0.0.1:1&code=X\n");
  ASSERT_TRUE(parsed.isOk()) << parsed.status().message();
  EXPECT_EQ(parsed->code, "X");
}

TEST(EnrollUri, RefusesALinkOfAnotherKind) {
  EXPECT_NE(errorOf("https://example.org/enroll?server=a:1&code=X").message().find("not a SECAP enrollment link"),
            std::string::npos);
  EXPECT_NE(errorOf("secap://login?server=a:1&code=X").message().find("must start with secap://enroll"),
            std::string::npos);
}

TEST(EnrollUri, NamesWhatIsMissing) {
  EXPECT_EQ(errorOf("secap://enroll").message(),
            "the enrollment link has no details after secap://enroll (server, code)");
  EXPECT_EQ(errorOf("secap://enroll?code=X").message(), "the enrollment link names no server (server=HOST:PORT)");
  EXPECT_EQ(errorOf("secap://enroll?server=a:1").message(), "the enrollment link has no enrollment code (code=...)");
  EXPECT_EQ(errorOf("secap://enroll?server=a:1&code=%20").message(),
            "the enrollment link has no enrollment code (code=...)");
}

TEST(EnrollUri, RefusesAServerWithoutAUsablePort) {
  for (const char* server : {"example.org", "example.org:", "example.org:0", "example.org:70000", ":50051"}) {
    const Status st = errorOf(std::string("secap://enroll?code=X&server=") + server);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(st.message().find("is not a HOST:PORT address"), std::string::npos) << server;
  }
}

// Found by fuzz_enroll_uri: a server name with control characters was taken,
// and the link built from it again could not be read.
TEST(EnrollUri, RefusesAServerNameWithCharactersNoHostHas) {
  // Raw bytes, as a damaged QR code or a paste gives them.
  for (const std::string server : {std::string("\x01\0P127.0.0.1:50051", 18), std::string("exa mple.org:50051"),
                                   std::string("user@example.org:50051"), std::string("example.org/x:50051")}) {
    const Status st = errorOf(std::string("secap://enroll?code=X&server=") + server);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << server;
    EXPECT_NE(st.message().find("is not a HOST:PORT address"), std::string::npos) << server;
  }
  for (const char* server : {"sync.gmina-example.pl:50051", "[::1]:50051", "10.0.0.7:443", "my_host:1"}) {
    auto invite = parseEnrollUri(std::string("secap://enroll?code=X&server=") + server);
    EXPECT_TRUE(invite.isOk()) << server << ": " << invite.status().toString();
  }
}

// Found by fuzz_enroll_uri: a code with control characters made a link that
// could not be read back.
TEST(EnrollUri, RefusesACodeWithControlCharacters) {
  const Status st = errorOf(std::string("secap://enroll?server=a.example:1&code=24JEG-PN3\x01\0PPH1", 54));
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("enrollment code in the link is damaged"), std::string::npos) << st.message();
  EXPECT_FALSE(parseEnrollmentInput(std::string("24JEG\x01PPH1")).isOk());
  EXPECT_TRUE(parseEnrollmentInput("24JEG-PN3T1-8PPH1").isOk());
}

TEST(EnrollUri, RefusesBrokenPercentEscapes) {
  for (const char* uri : {"secap://enroll?server=a:1&code=AB%4", "secap://enroll?server=a:1&code=AB%ZZ",
                          "secap://enroll?server=a:1&code=AB%"}) {
    EXPECT_NE(errorOf(uri).message().find("a %-escape in 'code' is incomplete"), std::string::npos) << uri;
  }
}

TEST(EnrollUri, RefusesARepeatedParameter) {
  EXPECT_EQ(errorOf("secap://enroll?server=a:1&code=X&code=Y").message(),
            "the enrollment link is damaged: 'code' appears twice");
}

TEST(EnrollUri, RefusesADamagedPin) {
  const std::string cut = kPin.substr(0, 40);
  EXPECT_EQ(errorOf("secap://enroll?server=a:1&code=X&spki=" + cut).message(),
            "the server key (spki) in the enrollment link is damaged; scan the code again");
  EXPECT_FALSE(parseEnrollUri("secap://enroll?server=a:1&code=X&spki=" + kPin.substr(0, 42) + "=").isOk());
}

TEST(EnrollmentInput, TakesABareCodeAsIs) {
  auto parsed = parseEnrollmentInput("  abcde-fghjk \n");
  ASSERT_TRUE(parsed.isOk());
  EXPECT_EQ(parsed->code, "abcde-fghjk");
  EXPECT_TRUE(parsed->server.empty());
  EXPECT_TRUE(parsed->spkiPin.empty());
}

TEST(EnrollmentInput, TakesALinkWithItsServerAndPin) {
  auto parsed = parseEnrollmentInput("secap://enroll?server=sync.example.org:443&code=ABCDE&spki=" + kPin);
  ASSERT_TRUE(parsed.isOk());
  EXPECT_EQ(parsed->server, "sync.example.org:443");
  EXPECT_EQ(parsed->code, "ABCDE");
  EXPECT_EQ(parsed->spkiPin, kPin);
}

TEST(EnrollmentInput, RefusesNothingAndADamagedLink) {
  EXPECT_EQ(parseEnrollmentInput("   ").status().message(), "no enrollment code was given");
  EXPECT_FALSE(parseEnrollmentInput("secap://enroll?code=X").isOk());
}

// The poor link (DESIGN.md §10, issue 15 item 4): the app's real SyncClient
// and gRPC transport (gzip, token, deadlines) against an in-process
// secap-syncserver, over a mobile link of 64 kbit/s, 600 ms RTT and 2 % loss.
//
// This kernel has no netem, so the link is emulated (poor_link_test.sh, which
// runs this binary inside a network namespace of its own):
// - bandwidth: tc, an htb root on lo whose two classes each hang a tbf of
//   64 kbit/s (burst 1600, latency 2 s): one for the packets to the link's
//   port (device to server), one for those from it (server to device);
// - loss: nftables drops 2 % of the packets to and from that port, each way;
// - delay: the Relay below listens on that port and passes every chunk it
//   reads on 300 ms later, each way (600 ms RTT), to the server's real port.
// Only the device's leg (device <-> relay) is shaped; the relay's own leg to
// the server is not, so the traffic is not shaped twice.
//
// What it checks (correctness only: the figures are printed, never asserted,
// as the project keeps time out of test verdicts):
// - a day's records (50 readings, 3 progress updates, 1 inspection with a
//   photo) all reach the server, and all of them were on the server before
//   the device made its first photo call (records go before photos);
// - a photo upload cut mid-way (the relay drops the connection) fails the
//   round with kUnavailable, and the next round resumes where the server
//   stands: no chunk the server completed is sent again, the bytes on the
//   wire stay within the photo plus one chunk, and the stored photo is the
//   original, byte for byte.
//
// Run alone, without the namespace (SECAP_POOR_LINK_PORT unset), it skips.
#include <arpa/inet.h>
#include <grpc/grpc.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "harness.h"
#include "secap/core/ids.h"
#include "secap/core/local_store.h"
#include "secap/core/sync_client.h"

using namespace secap;
using secap::testing::kMeterId;
using secap::testing::kMunicipalityId;
using secap::testing::kServerNow;
using secap::testing::kSiteId;
using secap::testing::ServerHarness;
using Clock = std::chrono::steady_clock;

namespace {

// gRPC shuts its library down when its last object goes (here, each test's
// server), and that blocking shutdown can wait up to 10 s for an executor
// thread's poll to time out (gRPC 1.51). One reference held for the whole run
// keeps the library up between the tests.
class GrpcLibraryHeld : public ::testing::Environment {
 public:
  void SetUp() override { grpc_init(); }
};
::testing::Environment* const kGrpcLibraryHeld = ::testing::AddGlobalTestEnvironment(new GrpcLibraryHeld);

constexpr auto kOneWayDelay = std::chrono::milliseconds(300);
constexpr int64_t kChunk = 64 * 1024;  // the client's and the server's chunk (DESIGN.md §4)

// The link's port, shaped by poor_link_test.sh; 0 when not run through it.
int linkPort() {
  const char* p = std::getenv("SECAP_POOR_LINK_PORT");
  return p ? std::atoi(p) : 0;
}

double secondsSince(Clock::time_point t0, Clock::time_point t1 = Clock::now()) {
  return std::chrono::duration<double>(t1 - t0).count();
}

// --- The relay: a TCP proxy on 127.0.0.1 that delays every chunk ---

// Listens on `listenPort`; each connection it accepts is joined to a new
// connection to `upstreamPort`. Every chunk read from either side is written
// to the other `delay` later, in order. Counts the bytes it passes each way,
// and can cut the connection once a given number of bytes more went up.
class Relay {
 public:
  Relay(int listenPort, int upstreamPort, std::chrono::milliseconds delay)
      : m_upstreamPort(upstreamPort), m_delay(delay) {
    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listen < 0) throw std::runtime_error("relay: socket: " + std::string(std::strerror(errno)));
    int one = 1;
    ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr = loopback(listenPort);
    if (::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(m_listen, 16) != 0) {
      const std::string why = std::strerror(errno);
      ::close(m_listen);
      throw std::runtime_error("relay: cannot listen on 127.0.0.1:" + std::to_string(listenPort) + ": " + why);
    }
    m_acceptor = std::thread([this] { acceptLoop(); });
  }

  ~Relay() {
    m_stopping = true;
    ::shutdown(m_listen, SHUT_RDWR);  // wakes accept()
    m_acceptor.join();
    std::lock_guard lock(m_connsMu);
    for (auto& c : m_conns) {
      kill(*c);
      for (auto& t : c->threads) t.join();
      ::close(c->deviceFd);
      ::close(c->serverFd);
    }
    ::close(m_listen);
  }

  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  struct Counters {
    int64_t up = 0;    // device to server
    int64_t down = 0;  // server to device
  };
  Counters counters() const { return {m_up.load(), m_down.load()}; }
  // Once `bytes` more have gone up, the connection carrying them is cut
  // (both sides closed): a dropped mobile link.
  void cutAfterUpBytes(int64_t bytes) { m_cutBudget = bytes; }
  int cuts() const { return m_cuts.load(); }
  int connections() const { return m_accepted.load(); }

 private:
  struct Chunk {
    Clock::time_point due;
    std::string data;
    bool eof = false;
  };
  struct Conn {
    int deviceFd = -1;
    int serverFd = -1;
    std::atomic<bool> dead{false};
    std::mutex mu;
    std::condition_variable cv;
    std::deque<Chunk> toServer;
    std::deque<Chunk> toDevice;
    std::vector<std::thread> threads;
  };

  static sockaddr_in loopback(int port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return addr;
  }

  static void kill(Conn& c) {
    c.dead = true;
    ::shutdown(c.deviceFd, SHUT_RDWR);
    ::shutdown(c.serverFd, SHUT_RDWR);
    std::lock_guard lock(c.mu);
    c.cv.notify_all();
  }

  static bool sendAll(int fd, const char* data, size_t n) {
    while (n > 0) {
      const ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return false;
      data += w;
      n -= static_cast<size_t>(w);
    }
    return true;
  }

  void acceptLoop() {
    while (!m_stopping) {
      const int device = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
      if (device < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        return;  // shut down
      }
      const int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      sockaddr_in addr = loopback(m_upstreamPort);
      if (server < 0 || ::connect(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        if (server >= 0) ::close(server);
        ::close(device);
        continue;
      }
      int one = 1;
      ::setsockopt(device, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      ::setsockopt(server, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      auto c = std::make_unique<Conn>();
      c->deviceFd = device;
      c->serverFd = server;
      Conn& conn = *c;
      conn.threads.emplace_back([this, &conn] { readLoop(conn, conn.deviceFd, conn.toServer); });
      conn.threads.emplace_back([this, &conn] { writeLoop(conn, conn.serverFd, conn.toServer, true); });
      conn.threads.emplace_back([this, &conn] { readLoop(conn, conn.serverFd, conn.toDevice); });
      conn.threads.emplace_back([this, &conn] { writeLoop(conn, conn.deviceFd, conn.toDevice, false); });
      ++m_accepted;
      std::lock_guard lock(m_connsMu);
      m_conns.push_back(std::move(c));
    }
  }

  void readLoop(Conn& c, int from, std::deque<Chunk>& queue) {
    std::vector<char> buf(16 * 1024);
    while (!c.dead) {
      const ssize_t n = ::recv(from, buf.data(), buf.size(), 0);
      if (n < 0 && errno == EINTR) continue;
      std::lock_guard lock(c.mu);
      if (n <= 0) {
        queue.push_back({Clock::now() + m_delay, {}, true});
        c.cv.notify_all();
        return;
      }
      queue.push_back({Clock::now() + m_delay, std::string(buf.data(), static_cast<size_t>(n)), false});
      c.cv.notify_all();
    }
  }

  void writeLoop(Conn& c, int to, std::deque<Chunk>& queue, bool up) {
    while (true) {
      Chunk chunk;
      {
        std::unique_lock lock(c.mu);
        c.cv.wait(lock, [&] { return c.dead || !queue.empty(); });
        if (c.dead) return;
        const auto due = queue.front().due;
        if (c.cv.wait_until(lock, due, [&] { return c.dead.load(); })) return;
        chunk = std::move(queue.front());
        queue.pop_front();
      }
      if (chunk.eof) {
        ::shutdown(to, SHUT_WR);
        return;
      }
      size_t n = chunk.data.size();
      bool cut = false;
      if (up) {
        const int64_t budget = m_cutBudget.load();
        if (budget >= 0) {
          if (static_cast<int64_t>(n) >= budget) {
            n = static_cast<size_t>(budget);
            cut = true;
            m_cutBudget = -1;
          } else {
            m_cutBudget = budget - static_cast<int64_t>(n);
          }
        }
      }
      if (!sendAll(to, chunk.data.data(), n)) {
        kill(c);
        return;
      }
      (up ? m_up : m_down) += static_cast<int64_t>(n);
      if (cut) {
        ++m_cuts;
        kill(c);
        return;
      }
    }
  }

  const int m_upstreamPort;
  const std::chrono::milliseconds m_delay;
  int m_listen = -1;
  std::atomic<bool> m_stopping{false};
  std::thread m_acceptor;
  std::mutex m_connsMu;
  std::vector<std::unique_ptr<Conn>> m_conns;
  std::atomic<int64_t> m_up{0};
  std::atomic<int64_t> m_down{0};
  std::atomic<int64_t> m_cutBudget{-1};
  std::atomic<int> m_cuts{0};
  std::atomic<int> m_accepted{0};
};

// --- The device side: the real gRPC transport, observed ---

// Passes every call to the app's real transport and notes what the photo
// calls did: when the first one began, the offsets the server answered, and
// the offset and size of every chunk the device sent, call by call. Changes
// nothing on the way.
class ObservingTransport : public core::SyncTransport {
 public:
  explicit ObservingTransport(std::unique_ptr<core::SyncTransport> inner) : m_inner(std::move(inner)) {}

  struct Call {
    std::string what;
    Clock::time_point start;
    Clock::time_point end;
    bool ok = false;
  };
  std::vector<Call> calls;  // every call, in order

 private:
  template <typename Fn>
  auto timed(const char* what, Fn&& call) {
    const auto start = Clock::now();
    auto result = call();
    calls.push_back({what, start, Clock::now(), result.isOk()});
    return result;
  }

 public:
  core::Result<v1::EnrollResponse> enroll(const v1::EnrollRequest& r) override {
    return timed("Enroll", [&] { return m_inner->enroll(r); });
  }
  core::Result<v1::PushResponse> push(const v1::PushRequest& r, const std::string& t) override {
    auto resp = timed("Push", [&] { return m_inner->push(r, t); });
    lastPushDone = Clock::now();
    return resp;
  }
  core::Result<v1::PullResponse> pull(const v1::PullRequest& r, const std::string& t) override {
    return timed("Pull", [&] { return m_inner->pull(r, t); });
  }
  core::Result<v1::UploadOffsetResponse> uploadOffset(const v1::UploadOffsetRequest& r, const std::string& t) override {
    photoCall();
    auto resp = timed("GetUploadOffset", [&] { return m_inner->uploadOffset(r, t); });
    if (resp.isOk()) offsetsAnswered.push_back(resp->complete() ? -1 : resp->offset());
    return resp;
  }
  core::Result<v1::UploadAttachmentResponse> uploadAttachment(const core::AttachmentChunkSource& next,
                                                              const std::string& token) override {
    photoCall();
    if (beforeUpload) beforeUpload(static_cast<int>(uploads.size()));
    uploads.emplace_back();
    auto& sent = uploads.back();
    auto observed = [&]() -> std::optional<v1::AttachmentChunk> {
      auto chunk = next();
      if (chunk) sent.push_back({chunk->offset(), static_cast<int64_t>(chunk->data().size())});
      return chunk;
    };
    return timed("UploadAttachment", [&] { return m_inner->uploadAttachment(observed, token); });
  }

  // Calls [from, to), as "Pull 0.0-1.2 s, ..." counted from `t0`.
  std::string timeline(size_t from, size_t to, Clock::time_point t0) const {
    std::string out;
    char buf[160];
    for (size_t i = from; i < to && i < calls.size(); ++i) {
      const auto& c = calls[i];
      std::snprintf(buf, sizeof buf, "%s%s %.1f-%.1f s%s", out.empty() ? "" : ", ", c.what.c_str(),
                    secondsSince(t0, c.start), secondsSince(t0, c.end), c.ok ? "" : " (failed)");
      out += buf;
    }
    return out;
  }

  struct SentChunk {
    int64_t offset = 0;
    int64_t size = 0;
  };
  std::function<void()> onFirstPhotoCall;
  std::function<void(int call)> beforeUpload;  // before each UploadAttachment call, numbered from 0
  std::optional<Clock::time_point> firstPhotoCall;
  Clock::time_point lastPushDone{};
  std::vector<int64_t> offsetsAnswered;  // GetUploadOffset answers in order; -1: complete
  std::vector<std::vector<SentChunk>> uploads;

 private:
  void photoCall() {
    if (firstPhotoCall) return;
    firstPhotoCall = Clock::now();
    if (onFirstPhotoCall) onFirstPhotoCall();
  }
  std::unique_ptr<core::SyncTransport> m_inner;
};

// Bytes that look like a camera's JPEG to anything but a decoder: the
// markers at both ends, random (incompressible) data in between.
std::string jpegLike(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng() & 0xff);
  const char head[] = {'\xff', '\xd8', '\xff', '\xe0', '\x00', '\x10', 'J', 'F', 'I', 'F', '\x00'};
  s.replace(0, sizeof head, head, sizeof head);
  s[n - 2] = '\xff';
  s[n - 1] = '\xd9';
  return s;
}

v1::Change seedChange(core::ManualClock& clock, uint16_t counter) {
  v1::Change c;
  c.set_change_id(core::newUuidV7(clock));
  c.set_entity_id(core::newUuidV7(clock));
  c.set_hlc(core::makeHlc(clock.nowMs() - 60000, counter));
  return c;
}

// A record the device made, to look for on the server.
struct Made {
  core::EntityType type;
  std::string id;
};

class PoorLinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const int port = linkPort();
    if (port <= 0)
      GTEST_SKIP() << "SECAP_POOR_LINK_PORT is not set: run this through tests/e2e/poor_link_test.sh "
                      "(ctest -R e2e_poor_link), which builds the emulated link around it";
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    h = std::make_unique<ServerHarness>("poor_link_" + name);
    seedMunicipality();
    relay = std::make_unique<Relay>(port, h->srv->grpcPort(), kOneWayDelay);

    dir = secap::testing::freshDir("poor_link_" + name + "_phone");
    auto s = core::LocalStore::open(dir + "/field.db", phoneClock);
    ASSERT_TRUE(s.isOk()) << s.status().toString();
    store = std::move(s).value();
    transport = std::make_unique<ObservingTransport>(core::makeGrpcTransport("127.0.0.1:" + std::to_string(port)));
    client = std::make_unique<core::SyncClient>(*store, *transport);

    // Enrolment and the first pull go over the poor link too.
    const auto t0 = Clock::now();
    auto st = client->enroll(h->code(kMunicipalityId, "field"), "Telefon inkasenta", "test", "1.0");
    ASSERT_TRUE(st.isOk()) << st.toString();
    st = syncRounds(3);
    ASSERT_TRUE(st.isOk()) << st.toString();
    ASSERT_EQ(meters.size(), store->meters(kSiteId).size());
    const auto wire = relay->counters();
    std::printf(
        "poor link: setup: enrolled and pulled %zu meters, %zu measures and a checklist in %.1f s "
        "(%lld B up, %lld B down)\n",
        meters.size(), measures.size(), secondsSince(t0), static_cast<long long>(wire.up),
        static_cast<long long>(wire.down));
  }

  void TearDown() override {
    const std::string serverDir = h ? h->dir : std::string();
    client.reset();
    transport.reset();
    store.reset();
    relay.reset();
    h.reset();
    std::error_code ignored;
    for (const auto& d : {dir, serverDir}) {
      if (d.empty()) continue;
      std::filesystem::remove_all(d, ignored);
      std::filesystem::remove(std::filesystem::path(d).parent_path(), ignored);  // the run's folder, once empty
    }
  }

  // The municipality a field worker covers in a day: 50 meters on the
  // school's site, 3 measures under way and a verification checklist.
  void seedMunicipality() {
    std::vector<v1::Change> seed = secap::testing::baseChanges(kServerNow);
    meters.push_back(kMeterId);
    for (int i = 1; i < 50; ++i) {
      auto c = seedChange(h->clock, static_cast<uint16_t>(i));
      auto* m = c.mutable_meter();
      m->set_id(c.entity_id());
      m->set_site_id(kSiteId);
      m->set_serial("E-" + std::to_string(100 + i));
      m->set_carrier(i % 3 == 0 ? v1::CARRIER_NATURAL_GAS : v1::CARRIER_ELECTRICITY);
      m->set_unit(i % 3 == 0 ? v1::UNIT_M3 : v1::UNIT_KWH);
      m->set_kind(v1::METER_KIND_CUMULATIVE);
      m->set_register_digits(6);
      m->set_multiplier(1);
      meters.push_back(c.entity_id());
      seed.push_back(c);
    }
    const char* titles[] = {"Termomodernizacja Szkoły Podstawowej", "Modernizacja oświetlenia ulicznego",
                            "Fotowoltaika na budynku urzędu gminy"};
    for (int i = 0; i < 3; ++i) {
      auto c = seedChange(h->clock, static_cast<uint16_t>(100 + i));
      auto* m = c.mutable_measure();
      m->set_id(c.entity_id());
      m->set_municipality_id(kMunicipalityId);
      m->set_code("B." + std::to_string(i + 1));
      m->set_title(titles[i]);
      m->set_budget_eur(250'000.0 * (i + 1));
      m->add_site_ids(kSiteId);
      measures.push_back(c.entity_id());
      seed.push_back(c);
    }
    auto t = seedChange(h->clock, 200);
    auto* tmpl = t.mutable_inspection_template();
    tmpl->set_id(t.entity_id());
    tmpl->set_name("Weryfikacja realizacji działania");
    tmpl->set_version(1);
    auto* yes = tmpl->add_items();
    yes->set_key("implemented");
    yes->set_kind(v1::INSPECTION_ITEM_KIND_YES_NO);
    yes->set_required(true);
    auto* photo = tmpl->add_items();
    photo->set_key("photo");
    photo->set_kind(v1::INSPECTION_ITEM_KIND_PHOTO);
    templateId = t.entity_id();
    seed.push_back(t);
    h->seed(seed);
  }

  // Sync rounds as the app's background thread runs them: another round
  // when the link broke one (kUnavailable), `max` rounds at most.
  core::Status syncRounds(int max, int* rounds = nullptr) {
    core::Status st;
    int n = 0;
    do {
      // As the app's background thread does, a round after a broken one
      // waits first: gRPC answers "Socket closed" at once while its channel
      // reconnects (seen in CI right after the cut).
      if (n > 0)
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::min<int64_t>(client->backoffDelayMs(n - 1), 2000) + 500));
      st = client->syncOnce();
      ++n;
    } while (st.code() == core::StatusCode::kUnavailable && n < max);
    if (rounds) *rounds = n;
    return st;
  }

  // How many of `made` the server's store holds.
  size_t onServer(const std::vector<Made>& made) {
    size_t n = 0;
    for (const auto& m : made) {
      auto e = h->srv->store().entity(m.type, m.id);
      if (e.isOk() && e->has_value() && !(*e)->deleted) ++n;
    }
    return n;
  }

  // The photo's bytes as the server serves them (straight, not over the link).
  std::string downloaded(const std::string& attachmentId) {
    auto token = store->accessToken();
    EXPECT_TRUE(token.isOk() && token->has_value());
    if (!token.isOk() || !token->has_value()) return {};
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + **token);
    v1::DownloadAttachmentRequest req;
    req.set_attachment_id(attachmentId);
    auto reader = h->stub->DownloadAttachment(&ctx, req);
    v1::AttachmentChunk chunk;
    std::string out;
    while (reader->Read(&chunk)) out += chunk.data();
    auto st = reader->Finish();
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  std::string writeFile(const std::string& name, const std::string& bytes) {
    const std::string path = dir + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  std::unique_ptr<ServerHarness> h;
  std::unique_ptr<Relay> relay;
  core::ManualClock phoneClock{kServerNow};
  std::string dir;
  std::unique_ptr<core::LocalStore> store;
  std::unique_ptr<ObservingTransport> transport;
  std::unique_ptr<core::SyncClient> client;
  std::vector<std::string> meters;
  std::vector<std::string> measures;
  std::string templateId;
};

}  // namespace

TEST_F(PoorLinkTest, ADaysRecordsAllArriveAndGoBeforeThePhoto) {
  std::vector<Made> made;
  // 50 readings, one a meter, through the working day.
  for (int i = 0; i < 50; ++i) {
    v1::Reading r;
    r.set_meter_id(meters[static_cast<size_t>(i)]);
    r.set_taken_at(kServerNow - 8 * 3'600'000 + i * 9 * 60'000);
    r.set_value(10'000 + 137.5 * i);
    r.set_kind(v1::READING_KIND_ACTUAL);
    r.set_source(v1::READING_SOURCE_MANUAL);
    auto saved = store->recordReading(r);
    ASSERT_TRUE(saved.isOk()) << saved.status().toString();
    made.push_back({core::EntityType::kReading, saved->id()});
  }
  // 3 progress updates, one a measure.
  for (int i = 0; i < 3; ++i) {
    v1::Change c;
    c.set_entity_id(core::newUuidV7(phoneClock));
    auto* p = c.mutable_progress_update();
    p->set_id(c.entity_id());
    p->set_measure_id(measures[static_cast<size_t>(i)]);
    p->set_reported_at(kServerNow - (3 - i) * 1'800'000);
    p->set_status(v1::PROGRESS_STATUS_ONGOING);
    p->set_percent_complete(35 + 10 * i);
    p->set_spent_eur(80'000.0 * (i + 1));
    p->set_note("Prace trwają zgodnie z harmonogramem.");
    auto* ind = p->add_indicators();
    ind->set_key("insulated_area");
    ind->set_value(1200 + 100 * i);
    ind->set_unit("m2");
    auto saved = store->saveLocalChange(c);
    ASSERT_TRUE(saved.isOk()) << saved.status().toString();
    made.push_back({core::EntityType::kProgressUpdate, saved->entity_id()});
  }
  // 1 inspection, with a photo as the app takes it (downscaled JPEG).
  const std::string photoBytes = jpegLike(100 * 1024, 42);
  core::InspectionDraft draft;
  auto& insp = draft.inspection;
  insp.set_id(core::newUuidV7(phoneClock));
  insp.set_template_id(templateId);
  insp.set_template_version(1);
  insp.set_site_id(kSiteId);
  insp.set_measure_id(measures[0]);
  insp.set_started_at(kServerNow - 40 * 60'000);
  insp.set_outcome(v1::INSPECTION_OUTCOME_VERIFIED);
  insp.set_findings("Docieplenie ścian i dachu wykonane zgodnie z projektem.");
  core::DraftPhoto photo;
  photo.attachment.set_id(core::newUuidV7(phoneClock));
  photo.attachment.set_mime("image/jpeg");
  photo.attachment.set_width(2048);
  photo.attachment.set_height(1536);
  photo.path = writeFile("elewacja.jpg", photoBytes);
  auto* yes = insp.add_answers();
  yes->set_item_key("implemented");
  yes->set_yes_no(true);
  auto* shot = insp.add_answers();
  shot->set_item_key("photo");
  shot->set_attachment_id(photo.attachment.id());
  draft.photos.push_back(photo);
  ASSERT_TRUE(store->saveInspectionDraft(draft).isOk());
  auto submitted = store->submitInspectionDraft(insp.id());
  ASSERT_TRUE(submitted.isOk()) << submitted.status().toString();
  made.push_back({core::EntityType::kInspection, insp.id()});
  made.push_back({core::EntityType::kAttachment, photo.attachment.id()});  // the photo's record
  const int64_t changes = store->pendingCount();
  ASSERT_EQ(changes, static_cast<int64_t>(made.size()));
  ASSERT_EQ(onServer(made), 0u);

  // One sync round, as the app runs it: records, then the photo.
  const auto wire0 = relay->counters();
  Relay::Counters wireAtPhoto;
  size_t onServerAtPhoto = 0;
  transport->onFirstPhotoCall = [&] {
    wireAtPhoto = relay->counters();
    onServerAtPhoto = onServer(made);
  };
  const size_t firstCall = transport->calls.size();
  const auto t0 = Clock::now();
  int rounds = 0;
  auto st = syncRounds(3, &rounds);
  const auto t1 = Clock::now();
  ASSERT_TRUE(st.isOk()) << st.toString();
  if (rounds > 1) std::printf("poor link: the link broke the round: it took %d rounds\n", rounds);
  const auto wire1 = relay->counters();

  // Everything arrived, nothing was refused.
  EXPECT_EQ(store->pendingCount(), 0);
  EXPECT_EQ(store->rejectedCount(), 0);
  EXPECT_EQ(store->pendingAttachmentCount(), 0);
  EXPECT_EQ(onServer(made), made.size());
  // Records before photos: at the device's first photo call, the server
  // already held every record of the day.
  ASSERT_TRUE(transport->firstPhotoCall.has_value()) << "the photo was never sent";
  EXPECT_EQ(onServerAtPhoto, made.size()) << "the photo went before some records";
  const std::string stored = downloaded(photo.attachment.id());
  EXPECT_TRUE(stored == photoBytes) << "the server's photo (" << stored.size() << " B) is not the one taken ("
                                    << photoBytes.size() << " B)";

  const double recordsS = secondsSince(t0, *transport->firstPhotoCall);
  const double pushS = secondsSince(t0, transport->lastPushDone);
  const double photoS = secondsSince(*transport->firstPhotoCall, t1);
  const int64_t up = wireAtPhoto.up - wire0.up;
  const int64_t down = wireAtPhoto.down - wire0.down;
  std::printf(
      "poor link: records: %lld changes (50 readings, 3 progress updates, 1 inspection and its photo's "
      "record) in %.1f s (push %.1f s, then the pull that confirms them), %lld B on the wire up and "
      "%lld B down (%lld B up a change)\n",
      static_cast<long long>(changes), recordsS, pushS, static_cast<long long>(up), static_cast<long long>(down),
      static_cast<long long>(up / changes));
  std::printf("poor link: photo: %zu KiB in %.1f s after the records (%lld B up, %lld B down on the wire)\n",
              photoBytes.size() / 1024, photoS, static_cast<long long>(wire1.up - wireAtPhoto.up),
              static_cast<long long>(wire1.down - wireAtPhoto.down));
  std::printf("poor link: calls of the round: %s\n",
              transport->timeline(firstCall, transport->calls.size(), t0).c_str());
}

TEST_F(PoorLinkTest, APhotoUploadCutMidwayResumesWithoutResendingCompletedChunks) {
  // A meter's photo: 3 chunks (64 + 64 + 2 KiB).
  const std::string bytes = jpegLike(130 * 1024, 7);
  v1::Attachment meta;
  meta.set_mime("image/jpeg");
  meta.set_owner_type("site");
  meta.set_owner_id(kSiteId);
  auto photo = store->addAttachment(meta, writeFile("licznik.jpg", bytes));
  ASSERT_TRUE(photo.isOk()) << photo.status().toString();
  const auto deviceId = store->state(core::state_keys::kDeviceId);
  ASSERT_TRUE(deviceId.has_value());

  // The link drops once 80 KiB of the upload went up: one whole chunk has
  // reached the server, the second is cut a quarter of the way in.
  constexpr int64_t kCutAt = 80 * 1024;
  Relay::Counters wireAtPhoto;
  transport->onFirstPhotoCall = [&] { wireAtPhoto = relay->counters(); };
  transport->beforeUpload = [&](int call) {
    if (call == 0) relay->cutAfterUpBytes(kCutAt);
  };
  const size_t firstCall = transport->calls.size();
  const auto t0 = Clock::now();
  auto cut = client->syncOnce();
  const auto t1 = Clock::now();
  EXPECT_EQ(cut.code(), core::StatusCode::kUnavailable) << cut.toString();
  ASSERT_EQ(relay->cuts(), 1) << "the link was not cut";
  EXPECT_EQ(store->pendingAttachmentCount(), 1);
  EXPECT_EQ(store->pendingCount(), 0);  // the photo's record went before
  // The server keeps whole chunks only.
  auto kept = h->srv->store().uploadProgress(*deviceId, photo->sha256());
  ASSERT_TRUE(kept.isOk()) << kept.status().toString();
  ASSERT_TRUE(kept->has_value()) << "the server kept nothing of the cut upload";
  const int64_t keptBytes = (*kept)->received;
  EXPECT_EQ(keptBytes, kChunk);
  const size_t callsBeforeResume = transport->uploads.size();
  const size_t answersBeforeResume = transport->offsetsAnswered.size();

  // The next round resumes where the server stands.
  const size_t resumeCall = transport->calls.size();
  const auto t2 = Clock::now();
  int rounds = 0;
  auto resumed = syncRounds(5, &rounds);
  const auto t3 = Clock::now();
  ASSERT_TRUE(resumed.isOk()) << resumed.toString();
  const auto wire = relay->counters();
  EXPECT_EQ(store->pendingAttachmentCount(), 0);
  const std::string stored = downloaded(photo->id());
  const bool same = stored == bytes;
  EXPECT_TRUE(same) << "the server's photo (" << stored.size() << " B) is not the one taken (" << bytes.size() << " B)";

  ASSERT_GT(transport->offsetsAnswered.size(), answersBeforeResume);
  const int64_t resumedAt = transport->offsetsAnswered[answersBeforeResume];
  EXPECT_EQ(resumedAt, keptBytes) << "the device did not resume where the server stood";
  ASSERT_GT(transport->uploads.size(), callsBeforeResume);
  ASSERT_FALSE(transport->uploads[callsBeforeResume].empty());
  EXPECT_EQ(transport->uploads[callsBeforeResume].front().offset, keptBytes);
  // No chunk the server had completed was sent again, and every byte of the
  // photo went after the cut exactly once.
  int64_t resentCompleted = 0;
  int64_t sentAfterCut = 0;
  int64_t inFlightAtCut = 0;  // handed to gRPC before the cut, never completed on the server
  for (size_t call = 0; call < transport->uploads.size(); ++call)
    for (const auto& c : transport->uploads[call]) {
      if (call < callsBeforeResume) {
        if (c.offset >= keptBytes) inFlightAtCut += c.size;
      } else {
        sentAfterCut += c.size;
        if (c.offset < keptBytes) resentCompleted += c.size;
      }
    }
  EXPECT_EQ(resentCompleted, 0);
  EXPECT_EQ(sentAfterCut, static_cast<int64_t>(bytes.size()) - keptBytes);
  // On the wire: the photo, the part of the chunk the cut lost (at most one
  // chunk), and the framing (gRPC, HTTP/2, the calls around the upload).
  const int64_t upOnWire = wire.up - wireAtPhoto.up;
  EXPECT_LE(upOnWire, static_cast<int64_t>(bytes.size()) + kChunk + 8 * 1024)
      << "more than the photo plus one chunk went up: completed chunks were sent again";

  std::printf(
      "poor link: cut: a %zu KiB photo, the link dropped after %lld KiB of the upload (%.1f s): the "
      "server kept %lld KiB (whole chunks), the round failed with kUnavailable\n",
      bytes.size() / 1024, static_cast<long long>(kCutAt / 1024), secondsSince(t0, t1),
      static_cast<long long>(keptBytes / 1024));
  std::printf(
      "poor link: resume: the next round went on at %lld KiB and finished in %.1f s; re-sent %lld B of "
      "completed chunks; the device had handed %lld B beyond the kept chunk to gRPC before the cut "
      "(lost in flight, sent again); %lld B up on the wire in all for the %zu B photo (+%lld B: the cut "
      "part-chunk and framing); the stored photo %s the original\n",
      static_cast<long long>(resumedAt / 1024), secondsSince(t2, t3), static_cast<long long>(resentCompleted),
      static_cast<long long>(inFlightAtCut), static_cast<long long>(upOnWire), bytes.size(),
      static_cast<long long>(upOnWire - static_cast<int64_t>(bytes.size())), same ? "equals" : "DIFFERS FROM");
  if (rounds > 1) std::printf("poor link: the link broke the resuming round too: %d rounds\n", rounds);
  std::printf("poor link: calls of the cut round: %s\n", transport->timeline(firstCall, resumeCall, t0).c_str());
  std::printf("poor link: calls of the resuming round: %s\n",
              transport->timeline(resumeCall, transport->calls.size(), t2).c_str());
}

// The sync targets of DESIGN.md §10 that involve the wire or the device, each
// against a reference measured in the same run (docs/PERFORMANCE.md):
//  - push ingest end to end: the app's gRPC transport (gzip, bearer token)
//    on loopback into an in-process SyncServer on SQLite, 5 000 readings per
//    push; reference BM_RawSqliteInsert (bench_common.h), the same rows;
//  - pull applied on the device: LocalStore::applyPullPage, pages of 5 000
//    readings, 1 000 000 in all, into a fresh device database; reference
//    BM_DeviceRawInsert, the same rows into the device's own schema;
//  - a device's initial sync end to end (server pages, gRPC, apply);
//  - bytes per reading of the pushes and pulls the app makes, serialised,
//    gzip-compressed and counted on the wire;
//  - a sync with nothing to do: bytes and time of one empty Pull, against
//    grpc.health.v1.Health/Check on a server started the same way.
// Client and server share this process and the machine's cores, so every
// time here is wall-clock time (UseRealTime): thread CPU time would leave out
// the server's threads and the waits for fsync.
//
// Run: build/bench/bench_sync --benchmark_counters_tabular=true --benchmark_min_time=0.5
#include <arpa/inet.h>
#include <benchmark/benchmark.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/client_unary_call.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <climits>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench_common.h"
#include "enrollment.h"
#include "fixtures.h"
#include "ingest.h"
#include "secap/core/entity.h"
#include "secap/core/ids.h"
#include "secap/core/local_store.h"
#include "secap/core/sync_client.h"
#include "secap/core/sync_transport.h"
#include "secap/v1/sync.grpc.pb.h"
#include "server.h"

using namespace secap;
using secap::bench::kBatch;
using secap::bench::kNow;

namespace {

// 200 pages of 5 000: the device side of an initial sync of 1 million readings.
constexpr int kPullPages = 200;
// The end-to-end initial sync: readings on the server, pulled by a new device.
constexpr int kInitialSyncReadings = 100000;
// Meters a field worker reads on a round (the wire-size pushes).
constexpr int kRoundMeters = 50;
// Calls averaged for the bytes of a call on an open connection.
constexpr int kWarmCalls = 100;

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what); }

void require(const core::Status& st, const std::string& what) {
  if (!st.isOk()) fail(what + ": " + st.toString());
}

// The gzip size of `bytes` as gRPC compresses a message: zlib at its default
// level, window 15 with the gzip wrapper, memLevel 8 (gRPC's
// src/core/lib/compression/message_compress.cc).
size_t gzipSize(const std::string& bytes) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 | 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, bytes.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  const size_t n = zs.total_out;
  deflateEnd(&zs);
  return n;
}

// A TCP relay on 127.0.0.1 that counts the bytes passing each way: exactly
// what gRPC writes to its socket (HTTP/2 frames, HPACK-coded headers, gzip
// messages, pings and window updates), without TCP/IP headers. Plain text,
// as on loopback. Two threads per connection with blocking I/O: the
// benchmarks open a handful of connections.
class CountingProxy {
 public:
  explicit CountingProxy(int targetPort) : m_targetPort(targetPort) {
    m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(m_listen, 16) != 0)
      fail("the counting proxy cannot listen");
    socklen_t len = sizeof addr;
    ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_acceptor = std::thread([this] { acceptLoop(); });
  }
  ~CountingProxy() {
    ::shutdown(m_listen, SHUT_RDWR);  // wakes accept()
    m_acceptor.join();
    {
      std::lock_guard lock(m_mu);
      for (int fd : m_fds) ::shutdown(fd, SHUT_RDWR);  // wakes the pumps' read()
    }
    for (auto& t : m_pumps) t.join();
    for (int fd : m_fds) ::close(fd);
    ::close(m_listen);
  }
  CountingProxy(const CountingProxy&) = delete;
  CountingProxy& operator=(const CountingProxy&) = delete;

  [[nodiscard]] std::string target() const { return "127.0.0.1:" + std::to_string(m_port); }
  // Client to server, and server to client.
  [[nodiscard]] uint64_t up() const { return m_up.load(); }
  [[nodiscard]] uint64_t down() const { return m_down.load(); }

 private:
  void acceptLoop() {
    while (true) {
      const int client = ::accept(m_listen, nullptr, nullptr);
      if (client < 0) return;
      const int server = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      addr.sin_port = htons(static_cast<uint16_t>(m_targetPort));
      if (::connect(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(client);
        ::close(server);
        continue;
      }
      // gRPC disables Nagle on its sockets; the relay must not add the delay back.
      const int one = 1;
      ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      ::setsockopt(server, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      std::lock_guard lock(m_mu);
      m_fds.push_back(client);
      m_fds.push_back(server);
      m_pumps.emplace_back(pump, client, server, &m_up);
      m_pumps.emplace_back(pump, server, client, &m_down);
    }
  }

  static void pump(int from, int to, std::atomic<uint64_t>* counter) {
    char buf[64 * 1024];
    while (true) {
      const ssize_t n = ::read(from, buf, sizeof buf);
      if (n <= 0) break;
      counter->fetch_add(static_cast<uint64_t>(n));
      for (ssize_t off = 0; off < n;) {
        const ssize_t w = ::send(to, buf + off, static_cast<size_t>(n - off), MSG_NOSIGNAL);
        if (w <= 0) return;
        off += w;
      }
    }
    ::shutdown(to, SHUT_WR);
  }

  int m_targetPort;
  int m_listen = -1;
  int m_port = 0;
  std::atomic<uint64_t> m_up{0};
  std::atomic<uint64_t> m_down{0};
  std::mutex m_mu;
  std::vector<int> m_fds;
  std::vector<std::thread> m_pumps;
  std::thread m_acceptor;
};

// Control frames (window updates, ping acks) may still be in flight when a
// call returns: let them pass before reading the counters.
void settle() { std::this_thread::sleep_for(std::chrono::milliseconds(50)); }

// An in-process secap-syncserver on 127.0.0.1 with ephemeral ports, started
// as tests/server/harness.h starts one (without GoogleTest): SQLite in `dir`,
// a manual clock, the fixture's municipality, site and meter.
// The meter device k reads: the fixture's for the first, for the others a
// meter of the same kind on the same site (LoopbackServer::addMeters).
std::string benchMeterId(int k) {
  if (k == 0) return secap::testing::kMeterId;
  return "0190a000-0000-7000-8000-0000000001" + std::string(k < 10 ? "0" : "") + std::to_string(k);
}

class LoopbackServer {
 public:
  explicit LoopbackServer(const std::string& dir, int rateLimitPerMinute = server::kDefaultRateLimitPerMinute)
      : m_clock(kNow) {
    server::ServerConfig config;
    config.dataDir = dir;
    config.grpcAddress = "127.0.0.1:0";
    config.httpAddress = "127.0.0.1:0";
    config.rateLimitPerMinute = rateLimitPerMinute;
    m_server = std::make_unique<server::SyncServer>(config, m_clock);
    require(m_server->start(), "start the server");
    v1::PushRequest seed;
    const auto base = secap::testing::basePage(kNow);
    for (auto c : base.changes()) {
      c.clear_server_seq();
      c.clear_origin_device_id();
      *seed.add_changes() = c;
    }
    push(seed);
  }

  [[nodiscard]] int port() const { return m_server->grpcPort(); }
  [[nodiscard]] std::string target() const { return "127.0.0.1:" + std::to_string(port()); }
  core::ManualClock& clock() { return m_clock; }

  // Writes as the server itself does when it seeds (admin writer, no gRPC).
  void push(const v1::PushRequest& req) {
    auto resp = server::applyPush(m_server->store(), server::serverWriter(), req, m_clock.nowMs());
    if (!resp.isOk()) fail("seed: " + resp.status().toString());
    for (const auto& r : resp->results())
      if (r.outcome() == v1::REJECTED) fail("seed rejected: " + r.reason_code());
  }

  // Meters 1 … n-1 besides the fixture's (benchMeterId), on the same site.
  void addMeters(int n) {
    const auto base = secap::testing::basePage(kNow);
    v1::PushRequest req;
    for (int k = 1; k < n; ++k)
      for (auto c : base.changes()) {
        if (!c.has_meter()) continue;
        c.clear_server_seq();
        c.clear_origin_device_id();
        c.set_change_id(core::newUuidV7(m_clock));
        c.set_entity_id(benchMeterId(k));
        c.mutable_meter()->set_id(c.entity_id());
        c.mutable_meter()->set_serial("E-" + std::to_string(k + 1));
        *req.add_changes() = c;
      }
    if (req.changes_size() > 0) push(req);
  }

  // A one-time enrollment code for a field device of the fixture's municipality.
  std::string enrollmentCode() {
    auto code =
        server::issueEnrollmentCode(m_server->store(), secap::testing::kMunicipalityId, "field", m_clock, 86400000);
    if (!code.isOk()) fail("enrollment code: " + code.status().toString());
    return *code;
  }

 private:
  core::ManualClock m_clock;  // outlives the server
  std::unique_ptr<server::SyncServer> m_server;
};

// A field device as the app builds one: its own LocalStore (WAL,
// synchronous=FULL), the gRPC transport and the SyncClient, enrolled with a
// fresh code and synced once. `target` may be a CountingProxy.
struct Device {
  Device(LoopbackServer& server, const std::string& dir, const std::string& target) {
    std::filesystem::create_directories(dir);
    auto opened = core::LocalStore::open(dir + "/device.db", server.clock());
    if (!opened.isOk()) fail("open the device store: " + opened.status().toString());
    store = std::move(opened).value();
    transport = core::makeGrpcTransport(target);
    client = std::make_unique<core::SyncClient>(*store, *transport);
    require(client->enroll(server.enrollmentCode(), "bench", "bench", "0"), "enroll");
    require(client->syncOnce(), "first sync");
  }
  std::string token() { return store->accessToken()->value_or(""); }

  std::unique_ptr<core::LocalStore> store;
  std::unique_ptr<core::SyncTransport> transport;
  std::unique_ptr<core::SyncClient> client;
};

// A channel set up as the app's transport sets up its own
// (shared/src/grpc_transport.cpp), for the raw calls below.
std::shared_ptr<grpc::Channel> appLikeChannel(const std::string& target) {
  grpc::ChannelArguments args;
  args.SetCompressionAlgorithm(GRPC_COMPRESS_GZIP);
  args.SetMaxReceiveMessageSize(16 * 1024 * 1024);
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

// The per-call settings of the app's transport: deadline, gzip, token.
void prepareCall(grpc::ClientContext& ctx, const std::string& token) {
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  ctx.set_compression_algorithm(GRPC_COMPRESS_GZIP);
  if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
}

// The Pull of a device that already holds everything: it brings nothing.
class EmptyPull {
 public:
  EmptyPull(const std::shared_ptr<grpc::Channel>& channel, std::string token, int64_t cursor)
      : m_stub(v1::SyncService::NewStub(channel)), m_token(std::move(token)) {
    m_request.set_after_seq(cursor);
    m_request.set_max_changes(kBatch);
    m_request.set_schema_version(core::kSchemaVersion);
  }
  // Empty when the call did what it should.
  std::string operator()() {
    grpc::ClientContext ctx;
    prepareCall(ctx, m_token);
    v1::PullResponse resp;
    const auto st = m_stub->Pull(&ctx, m_request, &resp);
    if (!st.ok()) return "Pull: " + st.error_message();
    if (resp.changes_size() != 0 || resp.has_more() || resp.full_resync_required()) return "the pull was not empty";
    return {};
  }

 private:
  std::unique_ptr<v1::SyncService::Stub> m_stub;
  std::string m_token;
  v1::PullRequest m_request;
};

// grpc.health.v1.Health/Check for the whole server: the cheapest unary call
// the server answers, through the same channel settings. Debian ships no
// generated health client, so this takes the path generated stubs take
// (BlockingUnaryCall on a method registered with the channel) with raw bytes:
// an empty request names the whole server. The health service ignores a
// token; sending one shows what the bearer token costs on the wire.
class HealthCheck {
 public:
  HealthCheck(const std::shared_ptr<grpc::Channel>& channel, std::string token, int64_t /*cursor*/)
      : m_channel(channel),
        m_method("/grpc.health.v1.Health/Check", grpc::internal::RpcMethod::NORMAL_RPC, channel),
        m_token(std::move(token)),
        m_empty(std::string()),
        m_request(&m_empty, 1) {}
  std::string operator()() {
    grpc::ClientContext ctx;
    prepareCall(ctx, m_token);
    grpc::ByteBuffer resp;
    const auto st = grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(m_channel.get(), m_method,
                                                                                          &ctx, m_request, &resp);
    if (!st.ok()) return "Check: " + st.error_message();
    return {};
  }

 private:
  std::shared_ptr<grpc::Channel> m_channel;
  grpc::internal::RpcMethod m_method;
  std::string m_token;
  grpc::Slice m_empty;
  grpc::ByteBuffer m_request;
};

// Bytes of one call both ways, on a new connection (HTTP/2 preface and
// settings, headers sent in full) and on an open one (HPACK has indexed the
// headers): kWarmCalls calls averaged.
struct CallBytes {
  double firstUp = 0, firstDown = 0, warmUp = 0, warmDown = 0;
};

template <typename Call>
CallBytes measureCallBytes(int serverPort, const std::string& token, int64_t cursor) {
  CountingProxy proxy(serverPort);
  Call call(appLikeChannel(proxy.target()), token, cursor);
  if (auto err = call(); !err.empty()) fail(err);
  settle();
  CallBytes b;
  b.firstUp = static_cast<double>(proxy.up());
  b.firstDown = static_cast<double>(proxy.down());
  for (int i = 0; i < kWarmCalls; ++i)
    if (auto err = call(); !err.empty()) fail(err);
  settle();
  b.warmUp = (static_cast<double>(proxy.up()) - b.firstUp) / kWarmCalls;
  b.warmDown = (static_cast<double>(proxy.down()) - b.firstDown) / kWarmCalls;
  return b;
}

void reportBytes(benchmark::State& state, const CallBytes& b) {
  state.counters["first_up_B"] = b.firstUp;
  state.counters["first_down_B"] = b.firstDown;
  state.counters["warm_up_B"] = b.warmUp;
  state.counters["warm_down_B"] = b.warmDown;
}

std::string enrollToken(LoopbackServer& server, core::SyncTransport& transport) {
  v1::EnrollRequest req;
  req.set_enrollment_code(server.enrollmentCode());
  req.set_install_id(core::newUuidV7(server.clock()));
  req.set_device_name("bench");
  req.set_platform("bench");
  auto resp = transport.enroll(req);
  if (!resp.isOk()) fail("enroll: " + resp.status().toString());
  return resp->access_token();
}

// ---------------------------------------------------------------------------
// 1. Push ingest, end to end.

// `devices` field devices push batches of 5 000 readings at the same time,
// each on its own meter and its own connection, one push per device an
// iteration: the server's throughput over gRPC, with the wire's work of one
// push overlapping the store's work of another (a device alone sends one
// push after another, so its wire and the store take turns).
void BM_PushEndToEnd(benchmark::State& state) {
  const int devices = static_cast<int>(state.range(0));
  bench::ScratchDir dir("bench_push_e2e");
  LoopbackServer server(dir.path());
  server.addMeters(devices);
  struct Pusher {
    std::unique_ptr<core::SyncTransport> transport;
    std::string token;
    std::string meterId;
    int64_t takenAt = kNow - 100000000;
    v1::PushRequest next;
    std::string error;
  };
  std::vector<Pusher> pushers(devices);
  for (int k = 0; k < devices; ++k) {
    pushers[k].transport = core::makeGrpcTransport(server.target());
    pushers[k].token = enrollToken(server, *pushers[k].transport);
    pushers[k].meterId = benchMeterId(k);
  }
  for (auto _ : state) {
    state.PauseTiming();
    for (auto& p : pushers) {
      p.next.Clear();
      p.next.set_schema_version(core::kSchemaVersion);
      // As SyncClient::pushAll sends them: a reading's id once (compactForWire).
      for (auto& c : bench::readingChanges(kBatch, p.takenAt, p.meterId))
        core::compactForWire(*p.next.add_changes() = std::move(c));
    }
    state.ResumeTiming();
    std::vector<std::thread> threads;
    for (auto& p : pushers)
      threads.emplace_back([&p] {
        auto resp = p.transport->push(p.next, p.token);
        if (!resp.isOk()) {
          p.error = resp.status().toString();
          return;
        }
        for (const auto& r : resp->results())
          if (r.outcome() != v1::ACCEPTED) {
            p.error = "not accepted: " + r.reason_code();
            return;
          }
      });
    for (auto& t : threads) t.join();
    if (auto bad = std::find_if(pushers.begin(), pushers.end(), [](const Pusher& p) { return !p.error.empty(); });
        bad != pushers.end()) {
      state.SkipWithError(bad->error.c_str());
      break;
    }
  }
  state.counters["readings/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * devices * kBatch), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PushEndToEnd)->ArgName("devices")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_RawSqliteInsert(benchmark::State& state) { bench::rawServerInsertBenchmark(state); }
BENCHMARK(BM_RawSqliteInsert)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---------------------------------------------------------------------------
// 2. Pull applied on the device.

// A page of `n` readings as the server sends them: server_seq, the origin
// device, the time received, and the device that recorded each reading.
v1::PullResponse pulledPage(int n, int64_t& takenAt, int64_t& seq) {
  // Not the system clock: UUIDv7 generation is ordered process-wide, and one
  // id from 2026-11 would pin every later id of the manual clocks to it.
  static const std::string kOrigin = core::newUuidV7(core::ManualClock(kNow));
  v1::PullResponse page;
  for (auto& c : bench::readingChanges(n, takenAt)) {
    c.set_server_seq(++seq);
    c.set_origin_device_id(kOrigin);
    c.set_received_at_ms(kNow);
    c.mutable_reading()->set_recorded_by(kOrigin);
    *page.add_changes() = std::move(c);
  }
  page.set_last_seq(seq);
  page.set_has_more(true);
  page.set_server_time_ms(kNow);
  return page;
}

void reportPullRates(benchmark::State& state, int64_t changes) {
  state.counters["changes/s"] = benchmark::Counter(static_cast<double>(changes), benchmark::Counter::kIsRate);
  // Seconds per million changes at this rate.
  state.counters["s/1M"] =
      benchmark::Counter(static_cast<double>(changes) / 1e6, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_ApplyPullPage(benchmark::State& state) {
  bench::ScratchDir dir("bench_apply_pull");
  core::ManualClock clock(kNow);
  auto opened = core::LocalStore::open(dir.path() + "/device.db", clock);
  if (!opened.isOk()) fail("open the device store: " + opened.status().toString());
  auto store = std::move(opened).value();
  const auto base = secap::testing::basePage(kNow);
  require(store->applyPullPage(base), "apply the base page");
  int64_t takenAt = kNow - 100000000;
  int64_t seq = base.last_seq();
  for (auto _ : state) {
    state.PauseTiming();
    const auto page = pulledPage(kBatch, takenAt, seq);
    state.ResumeTiming();
    if (auto st = store->applyPullPage(page); !st.isOk()) {
      state.SkipWithError(st.toString().c_str());
      break;
    }
  }
  if (store->readingCount() != state.iterations() * kBatch) state.SkipWithError("a pulled reading is missing");
  reportPullRates(state, state.iterations() * kBatch);
}
BENCHMARK(BM_ApplyPullPage)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(kPullPages);

// The device reference: the same rows into the device's own schema (every
// LocalStore migration, so the same keys and indexes), WAL and
// synchronous=FULL as LocalStore opens it, prepared statements, one
// transaction per page with the cursor and the hlc, nothing read, merged or
// checked.
class RawDeviceInsert {
 public:
  explicit RawDeviceInsert(const std::string& path) {
    sqlite3_open(path.c_str(), &m_db);
    sqlite3_exec(m_db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;", nullptr, nullptr,
                 nullptr);
    for (int i = 0; i < core::LocalStore::kSchemaVersion; ++i)
      sqlite3_exec(m_db, std::string(core::LocalStore::migrationSql(i)).c_str(), nullptr, nullptr, nullptr);
    sqlite3_prepare_v2(m_db,
                       "INSERT INTO entities(type, id, parent_id, sort_key, hlc, deleted, pending, data, stamps, "
                       "resync_gen) VALUES(?,?,?,?,?,0,0,?,'',0)",
                       -1, &m_entity, nullptr);
    sqlite3_prepare_v2(m_db,
                       "INSERT INTO state(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                       -1, &m_state, nullptr);
  }
  ~RawDeviceInsert() {
    sqlite3_finalize(m_entity);
    sqlite3_finalize(m_state);
    sqlite3_close(m_db);
  }
  RawDeviceInsert(const RawDeviceInsert&) = delete;
  RawDeviceInsert& operator=(const RawDeviceInsert&) = delete;

  void insert(const v1::PullResponse& page) {
    sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    uint64_t hlc = 0;
    for (const auto& c : page.changes()) {
      const std::string data = core::serializeEntity(c);
      const std::string parent = core::parentIdOf(c);
      sqlite3_bind_int(m_entity, 1, static_cast<int>(core::entityTypeOf(c)));
      sqlite3_bind_text(m_entity, 2, c.entity_id().c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(m_entity, 3, parent.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(m_entity, 4, c.reading().taken_at());
      sqlite3_bind_int64(m_entity, 5, static_cast<int64_t>(c.hlc()));
      sqlite3_bind_blob(m_entity, 6, data.data(), static_cast<int>(data.size()), SQLITE_TRANSIENT);
      sqlite3_step(m_entity);
      sqlite3_reset(m_entity);
      hlc = std::max<uint64_t>(hlc, c.hlc());
    }
    setState(core::state_keys::kCursor, std::to_string(page.last_seq()));
    setState(core::state_keys::kHlcLast, std::to_string(hlc));
    sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
  }

 private:
  void setState(const char* key, const std::string& value) {
    sqlite3_bind_text(m_state, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(m_state, 2, value.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(m_state);
    sqlite3_reset(m_state);
  }

  sqlite3* m_db = nullptr;
  sqlite3_stmt* m_entity = nullptr;
  sqlite3_stmt* m_state = nullptr;
};

void BM_DeviceRawInsert(benchmark::State& state) {
  bench::ScratchDir dir("bench_device_raw");
  RawDeviceInsert raw(dir.path() + "/raw.db");
  int64_t takenAt = kNow - 100000000;
  int64_t seq = 3;
  for (auto _ : state) {
    state.PauseTiming();
    const auto page = pulledPage(kBatch, takenAt, seq);
    state.ResumeTiming();
    raw.insert(page);
  }
  reportPullRates(state, state.iterations() * kBatch);
}
BENCHMARK(BM_DeviceRawInsert)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(kPullPages);

// A new device's first sync against a server holding kInitialSyncReadings
// readings. apply:1 is SyncClient::pullAll: the server's pages, gzip, gRPC on
// loopback and applyPullPage, page after page. apply:0 fetches the same pages
// with the same transport and drops them: the server's and the wire's share.
void BM_InitialSync(benchmark::State& state) {
  const bool apply = state.range(0) != 0;
  const int64_t readings = state.range(1);
  bench::ScratchDir dir("bench_initial_sync");
  LoopbackServer server(dir.path() + "/server");
  int64_t takenAt = kNow - 100000000;
  for (int64_t i = 0; i < readings / kBatch; ++i) {
    v1::PushRequest req;
    for (auto& c : bench::readingChanges(kBatch, takenAt)) *req.add_changes() = std::move(c);
    server.push(req);
  }
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string deviceDir = dir.path() + "/device" + std::to_string(round++);
    std::filesystem::create_directories(deviceDir);
    auto opened = core::LocalStore::open(deviceDir + "/device.db", server.clock());
    if (!opened.isOk()) fail("open the device store: " + opened.status().toString());
    auto store = std::move(opened).value();
    auto transport = core::makeGrpcTransport(server.target());
    auto client = std::make_unique<core::SyncClient>(*store, *transport);
    require(client->enroll(server.enrollmentCode(), "bench", "bench", "0"), "enroll");
    const std::string token = store->accessToken()->value_or("");
    int64_t received = 0;
    state.ResumeTiming();
    core::Status st;
    if (apply) {
      st = client->pullAll();
    } else {
      v1::PullRequest req;
      req.set_max_changes(core::SyncOptions().maxChangesPerPull);
      req.set_schema_version(core::kSchemaVersion);
      while (true) {
        auto page = transport->pull(req, token);
        if (!page.isOk()) {
          st = page.status();
          break;
        }
        received += page->changes_size();
        if (!page->has_more()) break;
        req.set_after_seq(page->last_seq());
      }
    }
    state.PauseTiming();
    if (!st.isOk()) state.SkipWithError(st.toString().c_str());
    if (apply) received = store->readingCount();
    // The seed's municipality, site and meter come too.
    if (received < readings) state.SkipWithError("the device did not get every reading");
    client.reset();
    transport.reset();
    store.reset();
    state.ResumeTiming();
  }
  reportPullRates(state, state.iterations() * readings);
}
// 100 000 readings, and the 1 million of DESIGN §10 measured (seeding them
// takes about half a minute a run).
BENCHMARK(BM_InitialSync)
    ->ArgNames({"apply", "readings"})
    ->Args({0, kInitialSyncReadings})
    ->Args({1, kInitialSyncReadings})
    ->Args({0, 1000000})
    ->Args({1, 1000000})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

// ---------------------------------------------------------------------------
// 3. Wire size per reading.

// On tmpfs when there is one: sizes do not depend on the disk, and a field
// round of 5 000 readings saved one fsync at a time would take minutes.
std::string memoryDir(const std::string& name) {
  if (!std::filesystem::is_directory("/dev/shm")) return secap::testing::freshDir(name);
  auto dir = std::filesystem::path("/dev/shm") / ("secap_bench_" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

struct WireFigures {
  v1::PushRequest push;  // the device's outbox, as one request
  double pushPb = 0, pushGz = 0, pushUp = 0, pushDown = 0;
  double pullPb = 0, pullGz = 0, pullUp = 0, pullDown = 0;
  int pushCalls = 0;
};

// Device A records `n` readings on a field round and pushes them; device B
// then pulls them. Both talk to the server through a CountingProxy, and both
// have synced before, so their connections are open, as in a day's use.
WireFigures measureWire(int n) {
  const std::string root = memoryDir("bench_wire_" + std::to_string(n));
  struct Cleanup {
    std::string path;
    ~Cleanup() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  } cleanup{root};
  LoopbackServer server(root + "/server");
  // Ids are UUIDv7, ordered process-wide (shared/src/ids.cpp): an id made at
  // a time before the last one made gets that one's millisecond and the next
  // counter, so it is no longer random where a device's id would be, and
  // compresses better than it should. Each round therefore starts after
  // every id this process has made.
  server.clock().set(core::uuidV7TimestampMs(core::newUuidV7(server.clock())) + 60000);
  // The round's meters: the fixture's and 49 more on its site.
  std::vector<std::string> meters{secap::testing::kMeterId};
  v1::PushRequest seed;
  const v1::Carrier carriers[] = {v1::CARRIER_ELECTRICITY, v1::CARRIER_NATURAL_GAS, v1::CARRIER_WATER};
  for (int i = 1; i < kRoundMeters; ++i) {
    auto* c = seed.add_changes();
    c->set_change_id(core::newUuidV7(server.clock()));
    c->set_entity_id(core::newUuidV7(server.clock()));
    c->set_hlc(core::makeHlc(kNow - 50000, static_cast<uint16_t>(i)));
    auto* m = c->mutable_meter();
    m->set_id(c->entity_id());
    m->set_site_id(secap::testing::kSiteId);
    m->set_serial("M-" + std::to_string(i));
    m->set_carrier(carriers[i % 3]);
    m->set_unit(i % 3 == 0 ? v1::UNIT_KWH : v1::UNIT_M3);
    m->set_kind(v1::METER_KIND_CUMULATIVE);
    m->set_register_digits(7);
    m->set_multiplier(1);
    meters.push_back(m->id());
  }
  server.push(seed);

  CountingProxy proxyA(server.port());
  CountingProxy proxyB(server.port());
  Device a(server, root + "/a", proxyA.target());
  Device b(server, root + "/b", proxyB.target());

  // The round: one meter after the other, one to five minutes apart, each
  // register advanced by a plausible use, with one decimal. The app fills
  // id, taken_at, kind, source and recorded_by.
  std::mt19937_64 rng(20261124);
  std::uniform_int_distribution<int64_t> walk(60000, 300000);
  std::uniform_real_distribution<double> start(1000, 90000), use(0.5, 40);
  std::vector<double> registers;
  for (size_t i = 0; i < meters.size(); ++i) registers.push_back(std::round(start(rng) * 10) / 10);
  for (int i = 0; i < n; ++i) {
    server.clock().advance(walk(rng));
    const size_t m = static_cast<size_t>(i) % meters.size();
    registers[m] = std::round((registers[m] + use(rng)) * 10) / 10;
    v1::Reading r;
    r.set_meter_id(meters[m]);
    r.set_value(registers[m]);
    if (auto saved = a.store->recordReading(r); !saved.isOk()) fail("record: " + saved.status().toString());
  }

  WireFigures f;
  f.push.set_schema_version(core::kSchemaVersion);
  for (auto& e : a.store->pendingOutbox(kBatch, SIZE_MAX)) *f.push.add_changes() = std::move(e.change);
  if (f.push.changes_size() != n) fail("the outbox does not hold the round");
  const std::string pushBytes = f.push.SerializeAsString();
  f.pushPb = static_cast<double>(pushBytes.size()) / n;
  f.pushGz = static_cast<double>(gzipSize(pushBytes)) / n;
  // The pushes SyncClient makes of this outbox: at most maxChangesPerPush
  // changes and about maxPushBytes each (LocalStore::pendingOutbox).
  {
    const core::SyncOptions options;
    size_t bytes = 0;
    int changes = 0;
    f.pushCalls = 1;
    for (const auto& c : f.push.changes()) {
      const size_t size = c.ByteSizeLong() + 8;
      if (changes > 0 && (changes == options.maxChangesPerPush || bytes + size > options.maxPushBytes)) {
        ++f.pushCalls;
        bytes = 0;
        changes = 0;
      }
      bytes += size;
      ++changes;
    }
  }
  settle();
  uint64_t up = proxyA.up(), down = proxyA.down();
  require(a.client->pushAll(), "push");
  settle();
  f.pushUp = static_cast<double>(proxyA.up() - up) / n;
  f.pushDown = static_cast<double>(proxyA.down() - down) / n;
  if (a.store->pendingCount() != 0 || a.store->rejectedCount() != 0) fail("the round was not accepted whole");

  // What B will be sent, as one page, for the serialised and gzip sizes.
  v1::PullRequest pullReq;
  pullReq.set_after_seq(b.store->cursor());
  pullReq.set_max_changes(kBatch);
  pullReq.set_schema_version(core::kSchemaVersion);
  auto page = b.transport->pull(pullReq, b.token());
  if (!page.isOk()) fail("pull: " + page.status().toString());
  if (page->changes_size() != n) fail("the pulled page does not hold the round");
  const std::string pullBytes = page->SerializeAsString();
  f.pullPb = static_cast<double>(pullBytes.size()) / n;
  f.pullGz = static_cast<double>(gzipSize(pullBytes)) / n;
  settle();
  up = proxyB.up();
  down = proxyB.down();
  require(b.client->pullAll(), "pull");
  settle();
  f.pullUp = static_cast<double>(proxyB.up() - up) / n;
  f.pullDown = static_cast<double>(proxyB.down() - down) / n;
  if (b.store->readingCount() != n) fail("device B did not get the round");
  return f;
}

// The sizes are the figures (counters, bytes per reading); the time is the
// device's cost to serialise and gzip its push request.
void BM_WireSize(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const WireFigures f = measureWire(n);
  for (auto _ : state) benchmark::DoNotOptimize(gzipSize(f.push.SerializeAsString()));
  state.counters["push_pb"] = f.pushPb;
  state.counters["push_gz"] = f.pushGz;
  state.counters["push_up"] = f.pushUp;
  state.counters["push_down"] = f.pushDown;
  state.counters["pushes"] = f.pushCalls;
  state.counters["pull_pb"] = f.pullPb;
  state.counters["pull_gz"] = f.pullGz;
  state.counters["pull_up"] = f.pullUp;
  state.counters["pull_down"] = f.pullDown;
}
BENCHMARK(BM_WireSize)
    ->ArgName("readings")
    ->Arg(1)
    ->Arg(50)
    ->Arg(500)
    ->Arg(5000)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime()
    ->Iterations(10);

// ---------------------------------------------------------------------------
// 4. A sync with nothing to do.

// The server's default rate limit counts every call of a device (a durable
// write); INT_MAX keeps the counting without refusing the benchmark's
// thousands of calls. 0 turns the limit, and the counting, off.
int rateLimitFor(int64_t counted) { return counted ? INT_MAX : 0; }

// One empty Pull through the real gRPC stack on loopback (the round-trip
// time bounds the server's time from above); bytes on the wire through a
// CountingProxy.
void BM_EmptyPull(benchmark::State& state) {
  bench::ScratchDir dir("bench_empty_pull");
  LoopbackServer server(dir.path() + "/server", rateLimitFor(state.range(0)));
  Device device(server, dir.path() + "/device", server.target());
  const std::string token = device.token();
  const int64_t cursor = device.store->cursor();
  const CallBytes bytes = measureCallBytes<EmptyPull>(server.port(), token, cursor);
  EmptyPull call(appLikeChannel(server.target()), token, cursor);
  if (auto err = call(); !err.empty()) fail(err);  // connects
  for (auto _ : state)
    if (auto err = call(); !err.empty()) {
      state.SkipWithError(err.c_str());
      break;
    }
  reportBytes(state, bytes);
}
BENCHMARK(BM_EmptyPull)->ArgName("rate_counted")->Arg(1)->Arg(0)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The reference: an empty unary call on a server started the same way;
// with_token:1 adds a bearer token of the server's format (32 random bytes,
// hex).
void BM_HealthCheck(benchmark::State& state) {
  bench::ScratchDir dir("bench_health");
  LoopbackServer server(dir.path() + "/server");
  const std::string token = state.range(0) ? core::randomHex(32) : "";
  const CallBytes bytes = measureCallBytes<HealthCheck>(server.port(), token, 0);
  HealthCheck call(appLikeChannel(server.target()), token, 0);
  if (auto err = call(); !err.empty()) fail(err);
  for (auto _ : state)
    if (auto err = call(); !err.empty()) {
      state.SkipWithError(err.c_str());
      break;
    }
  reportBytes(state, bytes);
}
BENCHMARK(BM_HealthCheck)->ArgName("with_token")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

// A whole SyncClient::syncOnce of an up-to-date device (empty outbox): the
// app's round, its own fsynced state writes included. Its bytes, against
// those of one empty Pull, show how many calls it makes.
void BM_SyncOnceIdle(benchmark::State& state) {
  bench::ScratchDir dir("bench_sync_idle");
  LoopbackServer server(dir.path() + "/server", rateLimitFor(1));
  CountingProxy proxy(server.port());
  Device watched(server, dir.path() + "/watched", proxy.target());
  settle();
  uint64_t up = proxy.up(), down = proxy.down();
  for (int i = 0; i < kWarmCalls; ++i) require(watched.client->syncOnce(), "idle sync");
  settle();
  state.counters["warm_up_B"] = static_cast<double>(proxy.up() - up) / kWarmCalls;
  state.counters["warm_down_B"] = static_cast<double>(proxy.down() - down) / kWarmCalls;

  Device device(server, dir.path() + "/device", server.target());
  for (auto _ : state)
    if (auto st = device.client->syncOnce(); !st.isOk()) {
      state.SkipWithError(st.toString().c_str());
      break;
    }
}
BENCHMARK(BM_SyncOnceIdle)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  // The server logs each enrollment at info level, into the benchmark table.
  spdlog::set_level(spdlog::level::warn);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

#pragma once
// A spawned secap-syncserver on loopback ports for the end-to-end tests, and
// the small helpers they share. The server binary's path comes from the
// SECAP_SYNCSERVER_BIN compile definition.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace secap::e2e {

inline int freePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

inline std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) out += buf;
  const int rc = ::pclose(p);
  EXPECT_EQ(rc, 0) << cmd << "\n" << out;
  return out;
}

// GET on loopback; returns status and body (status 0 when unreachable).
// GET with, when given, a device's bearer token (the monitoring routes need
// one for a municipality that does not share its progress).
inline std::pair<int, std::string> httpGet(int port, const std::string& target, const std::string& token = "") {
  namespace beast = boost::beast;
  try {
    boost::asio::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(
        boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    beast::http::request<beast::http::empty_body> req{beast::http::verb::get, target, 11};
    req.set(beast::http::field::host, "127.0.0.1");
    if (!token.empty()) req.set(beast::http::field::authorization, "Bearer " + token);
    beast::http::write(stream, req);
    beast::flat_buffer buffer;
    beast::http::response<beast::http::string_body> res;
    beast::http::read(stream, buffer, res);
    return {static_cast<int>(res.result_int()), res.body()};
  } catch (const std::exception&) {
    return {0, ""};
  }
}

class ServerProcess {
 public:
  // `extraArgs` go after serve's own (e.g. {"--db", url}).
  ServerProcess(std::string dataDir, int grpcPort, int httpPort, std::vector<std::string> extraArgs = {})
      : m_dataDir(std::move(dataDir)), m_grpc(grpcPort), m_http(httpPort), m_extraArgs(std::move(extraArgs)) {}
  ~ServerProcess() { stop(); }

  void start() {
    const std::string grpc = "127.0.0.1:" + std::to_string(m_grpc);
    const std::string http = "127.0.0.1:" + std::to_string(m_http);
    std::vector<std::string> args{
        SECAP_SYNCSERVER_BIN, "serve", "--data-dir", m_dataDir, "--grpc", grpc, "--http", http};
    args.insert(args.end(), m_extraArgs.begin(), m_extraArgs.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ASSERT_EQ(posix_spawn(&m_pid, argv[0], nullptr, nullptr, argv.data(), environ), 0);
    for (int i = 0; i < 200; ++i) {
      if (httpGet(m_http, "/healthz").first == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL() << "secap-syncserver did not become healthy";
  }

  void stop() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGTERM);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "server did not drain and exit cleanly";
    m_pid = -1;
  }

  // kill -9: no draining, no destructors.
  void kill9() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGKILL);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
  }

  // SIGTERM, then waits up to `limit` for the exit. The exit status (0 when
  // it drained and exited cleanly), or -1 when it was still running at the
  // limit (it is then killed).
  int terminate(std::chrono::milliseconds limit) {
    if (m_pid <= 0) return -1;
    ::kill(m_pid, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
        m_pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill9();
    return -1;
  }

  [[nodiscard]] bool running() const { return m_pid > 0; }
  [[nodiscard]] std::string grpcTarget() const { return "127.0.0.1:" + std::to_string(m_grpc); }
  [[nodiscard]] int httpPort() const { return m_http; }

 private:
  std::string m_dataDir;
  int m_grpc;
  int m_http;
  std::vector<std::string> m_extraArgs;
  pid_t m_pid = -1;
};

}  // namespace secap::e2e

#include "http_server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

namespace secap::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = beast::error_code;

constexpr std::chrono::seconds kIoTimeout{30};
constexpr std::chrono::seconds kDrainTimeout{5};
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};
constexpr std::uint64_t kBodyLimit = std::uint64_t{1024} * 1024;
constexpr std::uint32_t kHeaderLimit = 16 * 1024;

void logError(const std::string& what) { spdlog::warn("http: {}", what); }

class SessionBase;
class Listener;

// State shared by the server, its listener and its sessions. Members are
// declared so that the io_context is destroyed (destroying any pending
// handlers and the sessions they hold) before the registry those sessions
// report to.
struct ServerState {
  ServerState(const HttpBackend& b, int threadsWanted) : backend(b), threadCount(threadsWanted), ioc(threadsWanted) {}

  // Adds a new session unless the server is stopping.
  bool registerSession(const std::shared_ptr<SessionBase>& session);
  void unregisterSession(SessionBase* session);

  const HttpBackend& backend;
  std::shared_ptr<net::ssl::context> tls;  // null: plain HTTP
  const int threadCount;

  std::mutex mu;
  std::condition_variable sessionsDone;
  bool started = false;
  bool stopping = false;
  std::unordered_map<SessionBase*, std::weak_ptr<SessionBase>> sessions;

  net::io_context ioc;
  std::shared_ptr<Listener> listener;
  std::vector<std::thread> threads;
  uint16_t port = 0;
};

// What the server needs of a connection, plain or TLS.
class SessionBase {
 public:
  virtual ~SessionBase() = default;
  // Server shutdown: close now when idle, otherwise after the current response.
  virtual void shutdown() = 0;
};

// One connection: (for TLS, a handshake first) reads requests, answers them
// with handleRequest, keeps the connection alive when asked. Every step runs
// on the connection's strand. `Stream` is beast::tcp_stream or an
// ssl_stream over one.
template <class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  Session(tcp::socket&& socket, ServerState& server)
      : m_stream(makeStream(std::move(socket), server)), m_server(server) {}
  ~Session() override { m_server.unregisterSession(this); }

  void run() {
    net::dispatch(m_stream.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kTls) {
        beast::get_lowest_layer(self->m_stream).expires_after(kIoTimeout);
        self->m_reading = true;  // a shutdown during the handshake cancels it
        self->m_stream.async_handshake(net::ssl::stream_base::server,
                                       beast::bind_front_handler(&Session::onHandshake, self));
      } else {
        self->doRead();
      }
    });
  }

  void shutdown() override {
    net::dispatch(m_stream.get_executor(), [self = this->shared_from_this()] {
      self->m_closing = true;
      if (self->m_reading) {
        beast::get_lowest_layer(self->m_stream).cancel();
      }
    });
  }

 private:
  static Stream makeStream(tcp::socket&& socket, ServerState& server) {
    if constexpr (kTls)
      return Stream(std::move(socket), *server.tls);
    else
      return Stream(std::move(socket));
  }

  void onHandshake(error_code ec) {
    m_reading = false;
    if (ec) return;  // not TLS, a bad certificate, a timeout: nothing to answer
    doRead();
  }

  void doRead() {
    if (m_closing) return doClose();
    m_parser.emplace();
    m_parser->body_limit(kBodyLimit);
    m_parser->header_limit(kHeaderLimit);
    beast::get_lowest_layer(m_stream).expires_after(kIoTimeout);
    m_reading = true;
    http::async_read(m_stream, m_buffer, *m_parser,
                     beast::bind_front_handler(&Session::onRead, this->shared_from_this()));
  }

  void onRead(error_code ec, std::size_t /*bytes*/) {
    m_reading = false;
    if (ec == http::error::end_of_stream || ec == net::error::operation_aborted) return doClose();
    if (ec == beast::error::timeout) return;  // tcp_stream has closed the socket.
    if (ec == http::error::body_limit) {
      return sendError(http::status::payload_too_large, "payload_too_large", "the request body exceeds 1 MiB");
    }
    if (ec == http::error::header_limit) {
      return sendError(http::status::request_header_fields_too_large, "header_too_large",
                       "the request header exceeds 16 KiB");
    }
    if (ec.category() == http::make_error_code(http::error::bad_target).category()) {
      return sendError(http::status::bad_request, "bad_request", "malformed HTTP request");
    }
    if (ec) return;  // Reset by the peer or similar: nothing to answer.

    // Who is asking, for the sign-in limit per address; never what a client claims.
    auto& request = m_parser->get();
    request.erase(kPeerHeader);
    error_code peerEc;
    const auto remote = beast::get_lowest_layer(m_stream).socket().remote_endpoint(peerEc);
    if (!peerEc) request.set(kPeerHeader, remote.address().to_string());
    HttpResponse res;
    try {
      res = handleRequest(request, m_server.backend);
    } catch (const std::exception& e) {
      logError(std::string("request handler threw: ") + e.what());
      res = makeHttpError(http::status::internal_server_error, "internal", "internal error", m_parser->get().version(),
                          false);
    } catch (...) {
      logError("request handler threw a non-standard exception");
      res = makeHttpError(http::status::internal_server_error, "internal", "internal error", m_parser->get().version(),
                          false);
    }
    sendResponse(std::move(res));
  }

  void sendError(http::status status, const char* code, const char* message) {
    sendResponse(makeHttpError(status, code, message, 11, false));
  }

  void sendResponse(HttpResponse&& res) {
    if (m_closing) res.keep_alive(false);
    // Browsers are told to keep to HTTPS once they have seen it here.
    if constexpr (kTls) res.set(http::field::strict_transport_security, "max-age=31536000");
    m_response = std::move(res);
    beast::get_lowest_layer(m_stream).expires_after(kIoTimeout);
    http::async_write(m_stream, m_response, beast::bind_front_handler(&Session::onWrite, this->shared_from_this()));
  }

  void onWrite(error_code ec, std::size_t /*bytes*/) {
    if (ec) return;
    if (m_response.need_eof() || m_closing) return doClose();
    m_response = {};
    doRead();
  }

  void doClose() {
    if constexpr (kTls) {
      beast::get_lowest_layer(m_stream).expires_after(kIoTimeout);
      m_stream.async_shutdown([self = this->shared_from_this()](error_code) {
        error_code ignored;
        beast::get_lowest_layer(self->m_stream).socket().shutdown(tcp::socket::shutdown_send, ignored);
      });
    } else {
      error_code ec;
      m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      // The last handler returns; the session and its socket go with it.
    }
  }

  Stream m_stream;
  ServerState& m_server;
  beast::flat_buffer m_buffer;
  std::optional<http::request_parser<http::string_body>> m_parser;
  HttpResponse m_response;
  bool m_reading = false;
  bool m_closing = false;
};

// Accepts connections and starts a session on its own strand for each.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  explicit Listener(ServerState& server)
      : m_server(server), m_acceptor(net::make_strand(server.ioc)), m_retryTimer(m_acceptor.get_executor()) {}

  secap::core::Status open(const tcp::endpoint& endpoint) {
    error_code ec;
    const std::string where = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
    if (m_acceptor.open(endpoint.protocol(), ec); ec) return failed("open", where, ec);
    if (m_acceptor.set_option(net::socket_base::reuse_address(true), ec); ec) return failed("set_option", where, ec);
    if (m_acceptor.bind(endpoint, ec); ec) return failed("bind", where, ec);
    if (m_acceptor.listen(net::socket_base::max_listen_connections, ec); ec) return failed("listen", where, ec);
    return {};
  }

  [[nodiscard]] uint16_t port() const {
    error_code ec;
    const tcp::endpoint local = m_acceptor.local_endpoint(ec);
    return ec ? 0 : local.port();
  }

  void run() { doAccept(); }

  void close() {
    net::post(m_acceptor.get_executor(), [self = shared_from_this()] {
      error_code ec;
      self->m_acceptor.close(ec);
      self->m_retryTimer.cancel();
    });
  }

 private:
  static secap::core::Status failed(const char* step, const std::string& where, const error_code& ec) {
    return {secap::core::StatusCode::kUnavailable, std::string("HTTP ") + step + " " + where + ": " + ec.message()};
  }

  void doAccept() {
    m_acceptor.async_accept(net::make_strand(m_server.ioc),
                            beast::bind_front_handler(&Listener::onAccept, shared_from_this()));
  }

  void onAccept(error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !m_acceptor.is_open()) return;
    if (ec) {
      // For example EMFILE: wait a little instead of spinning, keep serving.
      logError("accept: " + ec.message());
      m_retryTimer.expires_after(kAcceptRetryDelay);
      m_retryTimer.async_wait([self = shared_from_this()](error_code timerEc) {
        if (!timerEc && self->m_acceptor.is_open()) self->doAccept();
      });
      return;
    }
    if (m_server.tls) {
      auto session = std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(std::move(socket), m_server);
      if (m_server.registerSession(session)) session->run();
    } else {
      auto session = std::make_shared<Session<beast::tcp_stream>>(std::move(socket), m_server);
      if (m_server.registerSession(session)) session->run();
    }
    doAccept();
  }

  ServerState& m_server;
  tcp::acceptor m_acceptor;
  net::steady_timer m_retryTimer;
};

bool ServerState::registerSession(const std::shared_ptr<SessionBase>& session) {
  std::lock_guard lock(mu);
  if (stopping) return false;
  sessions.emplace(session.get(), session);
  return true;
}

void ServerState::unregisterSession(SessionBase* session) {
  std::lock_guard lock(mu);
  // A session refused by registerSession was never added: erase is a no-op.
  if (sessions.erase(session) > 0 && sessions.empty()) sessionsDone.notify_all();
}

}  // namespace

struct HttpServer::Impl : ServerState {
  using ServerState::ServerState;
};

HttpServer::HttpServer(const HttpBackend& backend, int threads)
    : m_impl(std::make_unique<Impl>(backend, std::max(1, threads))) {}

secap::core::Status HttpServer::useTls(const std::string& certChainPem, const std::string& privateKeyPem) {
  auto ctx = std::make_shared<net::ssl::context>(net::ssl::context::tls_server);
  error_code ec;
  ctx->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 | net::ssl::context::no_sslv3 |
                       net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1,
                   ec);
  if (!ec) ctx->use_certificate_chain(net::buffer(certChainPem), ec);
  if (!ec) ctx->use_private_key(net::buffer(privateKeyPem), net::ssl::context::pem, ec);
  if (ec) return secap::core::invalidArgument("the HTTP server's TLS certificate or key: " + ec.message());
  std::lock_guard lock(m_impl->mu);
  if (m_impl->started) return {secap::core::StatusCode::kFailedPrecondition, "the HTTP server was already started"};
  m_impl->tls = std::move(ctx);
  return {};
}

HttpServer::~HttpServer() {
  try {
    stop();
  } catch (const std::exception& e) {  // std::system_error from join or a mutex.
    logError(std::string("stop failed: ") + e.what());
  }
}

secap::core::Result<uint16_t> HttpServer::start(const std::string& address, uint16_t port) {
  using secap::core::Status;
  using secap::core::StatusCode;
  {
    std::lock_guard lock(m_impl->mu);
    if (m_impl->started) return Status{StatusCode::kFailedPrecondition, "the HTTP server was already started"};
  }
  if (address.empty()) return secap::core::invalidArgument("empty HTTP listen address");
  error_code ec;
  tcp::endpoint endpoint;
  const net::ip::address ip = net::ip::make_address(address, ec);
  if (!ec) {
    endpoint = tcp::endpoint(ip, port);
  } else {
    tcp::resolver resolver(m_impl->ioc);
    const auto results = resolver.resolve(address, std::to_string(port), tcp::resolver::passive, ec);
    if (ec || results.empty()) {
      return secap::core::invalidArgument("invalid HTTP listen address '" + address + "'");
    }
    endpoint = results.begin()->endpoint();
  }

  auto listener = std::make_shared<Listener>(*m_impl);
  if (Status st = listener->open(endpoint); !st.isOk()) return st;
  m_impl->port = listener->port();
  {
    std::lock_guard lock(m_impl->mu);
    m_impl->started = true;
  }
  m_impl->listener = listener;
  listener->run();

  m_impl->threads.reserve(static_cast<size_t>(m_impl->threadCount));
  for (int i = 0; i < m_impl->threadCount; ++i) {
    m_impl->threads.emplace_back([impl = m_impl.get()] {
      for (;;) {
        try {
          impl->ioc.run();
          return;
        } catch (const std::exception& e) {
          logError(std::string("I/O thread caught: ") + e.what());
        } catch (...) {
          logError("I/O thread caught a non-standard exception");
        }
      }
    });
  }
  return m_impl->port;
}

void HttpServer::stop() {
  std::vector<std::shared_ptr<SessionBase>> live;
  {
    std::lock_guard lock(m_impl->mu);
    if (!m_impl->started || m_impl->stopping) return;
    m_impl->stopping = true;
    for (auto& [raw, weak] : m_impl->sessions) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
  }
  m_impl->listener->close();
  for (auto& s : live) s->shutdown();
  live.clear();  // Our references must not keep the sessions alive.
  {
    std::unique_lock lock(m_impl->mu);
    m_impl->sessionsDone.wait_for(lock, kDrainTimeout, [this] { return m_impl->sessions.empty(); });
  }
  m_impl->ioc.stop();
  for (auto& t : m_impl->threads) {
    if (t.joinable()) t.join();
  }
  m_impl->threads.clear();
  m_impl->listener.reset();
}

uint16_t HttpServer::port() const { return m_impl->port; }

}  // namespace secap::server

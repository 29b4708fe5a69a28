#pragma once
// HttpServer: the Boost.Beast HTTP/1.1 listener and sessions in front of
// handleRequest() (http_handler.h), layered like Beast's async server example:
// a listener accepts connections, and each session owns one connection on its
// own strand (read, handle, write, keep-alive), over TLS after useTls()
// (Beast's ssl_stream; every response then carries Strict-Transport-Security). Every read and write has a
// 30 s timeout, request bodies are capped at 1 MiB (413) and headers at
// 16 KiB (431); a malformed request gets 400 and the connection is closed.
//
// The server runs on its own io_context and `threads` I/O threads, started by
// start() and joined by stop(). stop() stops accepting, lets responses that
// are being written finish, closes idle keep-alive connections, waits up to
// 5 s for the sessions to end, then stops the io_context; it is idempotent and
// the destructor calls it. A server is started at most once. Errors inside the
// I/O threads never escape: a throwing backend call becomes a 500.
//
// Ownership: the backend is borrowed and must outlive the server. Thread
// safety: start() and stop() must be called from one controlling thread, never
// from inside a backend call; the backend is called concurrently from the I/O
// threads. Signal handling belongs to the caller (the serve command).

#include <cstdint>
#include <memory>
#include <string>

#include "http_handler.h"
#include "secap/core/status.h"

namespace secap::server {

class HttpServer {
 public:
  explicit HttpServer(const HttpBackend& backend, int threads = 1);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds `address` (an IP literal such as "127.0.0.1" or "::", or a host
  // name resolved once) and `port` (0 picks an ephemeral port), starts
  // accepting and returns the bound port. kInvalidArgument for an address that
  // does not resolve, kUnavailable when binding or listening fails (port in
  // use, no permission), kFailedPrecondition when already started.
  [[nodiscard]] secap::core::Result<uint16_t> start(const std::string& address, uint16_t port);

  // Serves HTTPS (TLS 1.2 or later) with this PEM certificate chain and
  // private key; before start(). kInvalidArgument when they do not load.
  [[nodiscard]] secap::core::Status useTls(const std::string& certChainPem, const std::string& privateKeyPem);

  // Stops accepting, drains and closes the connections, joins the threads.
  void stop();

  // The bound port, or 0 before start().
  [[nodiscard]] uint16_t port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace secap::server

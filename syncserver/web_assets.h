#pragma once
// The web dashboard's built files (dashboard/, built by the project's build
// into <build>/web), read into memory when the server starts and
// served at / by the HTTP API (http_handler.h).
//
// Cache rules: files under /assets/ carry a content hash in their names
// (Vite), so they are "public, max-age=31536000, immutable"; everything else
// (index.html, the icon) is "no-cache" with an ETag, so a new build shows at
// the next load. Any other path without a file extension is the dashboard's
// own route (/m/<id>/progress, /public/<id>) and gets index.html.
//
// Immutable after load(); safe to read from any thread.

#include <map>
#include <string>
#include <string_view>

#include "secap/core/status.h"

namespace secap::server {

struct StaticFile {
  std::string body;
  std::string contentType;
  std::string cacheControl;
  std::string etag;  // quoted, e.g. "\"3f2a...\""
};

class WebAssets {
 public:
  // Reads every file under `dir`. kNotFound when it has no index.html.
  static core::Result<WebAssets> load(const std::string& dir);

  // The file for a request path ("/", "/assets/app-3f2a.js",
  // "/m/<id>/progress"), or null.
  [[nodiscard]] const StaticFile* find(std::string_view path) const;
  [[nodiscard]] size_t size() const { return m_files.size(); }

 private:
  std::map<std::string, StaticFile, std::less<>> m_files;  // by path, "/index.html"
};

}  // namespace secap::server

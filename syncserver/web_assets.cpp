#include "web_assets.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "secap/core/ids.h"

namespace secap::server {

namespace {

namespace fs = std::filesystem;

std::string contentTypeOf(const fs::path& p) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  };
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

}  // namespace

core::Result<WebAssets> WebAssets::load(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(fs::path(dir) / "index.html", ec))
    return core::notFound("the dashboard is not built: " + dir + "/index.html is missing");
  WebAssets out;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) return core::Status(core::StatusCode::kUnavailable, "cannot read " + it->path().string());
    const std::string rel = "/" + fs::relative(it->path(), dir).generic_string();
    StaticFile f;
    f.body = bytes.str();
    f.contentType = contentTypeOf(it->path());
    f.cacheControl = rel.rfind("/assets/", 0) == 0 ? "public, max-age=31536000, immutable" : "no-cache";
    f.etag = "\"" + core::sha256Hex(f.body).substr(0, 32) + "\"";
    out.m_files.emplace(rel, std::move(f));
  }
  if (ec) return core::Status(core::StatusCode::kUnavailable, "cannot list " + dir + ": " + ec.message());
  return out;
}

const StaticFile* WebAssets::find(std::string_view path) const {
  if (path == "/") path = "/index.html";
  if (auto it = m_files.find(path); it != m_files.end()) return &it->second;
  // The dashboard's own routes have no extension in their last segment.
  const std::string_view last = path.substr(path.rfind('/') + 1);
  if (last.find('.') == std::string_view::npos && path.rfind("/assets/", 0) != 0) {
    if (auto it = m_files.find(std::string_view("/index.html")); it != m_files.end()) return &it->second;
  }
  return nullptr;
}

}  // namespace secap::server

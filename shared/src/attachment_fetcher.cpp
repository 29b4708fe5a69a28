#include "secap/core/attachment_fetcher.h"

#include <filesystem>
#include <fstream>

#include "secap/core/ids.h"

namespace secap::core {

namespace fs = std::filesystem;

AttachmentFetcher::AttachmentFetcher(LocalStore& store, SyncTransport& transport, std::string directory)
    : m_store(store), m_transport(transport), m_dir(std::move(directory)) {}

Result<std::string> AttachmentFetcher::fetch(const std::string& attachmentId, const std::string& token) {
  if (auto file = m_store.attachmentFile(attachmentId)) return *file;
  auto record = m_store.attachment(attachmentId);
  if (!record) return Status(StatusCode::kNotFound, "this device holds no photo " + attachmentId);
  if (record->redacted())
    return Status(StatusCode::kNotFound, "this photo was removed for data protection and is no longer available");
  return download(*record, token);
}

Result<int> AttachmentFetcher::fetchMissing(const std::string& token, int64_t maxBytes) {
  int done = 0;
  int64_t bytes = 0;
  for (const auto& record : m_store.attachmentsWithoutFile(1000)) {
    if (bytes >= maxBytes) break;
    auto file = download(record, token);
    if (file.isOk()) {
      ++done;
      bytes += record.size();
      continue;
    }
    // Not served (removed, not published, of a scope just left): nothing to
    // wait for. Damaged: fetched afresh next round. Anything else is the
    // link, and the next round resumes.
    const auto code = file.status().code();
    if (code == StatusCode::kNotFound || code == StatusCode::kDataLoss || code == StatusCode::kPermissionDenied)
      continue;
    return file.status();
  }
  return done;
}

Result<std::string> AttachmentFetcher::download(const secap::v1::Attachment& record, const std::string& token) {
  std::error_code ec;
  fs::create_directories(m_dir, ec);
  if (ec) return Status(StatusCode::kInternal, "cannot create the photo folder " + m_dir + ": " + ec.message());
  // Named by content: a record whose sha256 is not plain hex never names a path.
  if (record.sha256().size() != 64 || record.sha256().find_first_not_of("0123456789abcdef") != std::string::npos)
    return Status(StatusCode::kDataLoss, "the photo record has no valid sha256");
  const std::string final = (fs::path(m_dir) / record.sha256()).string();
  const std::string part = final + ".part";

  // Already here under another record (the same photo twice)?
  if (!fs::is_regular_file(final, ec)) {
    int64_t have = fs::is_regular_file(part, ec) ? static_cast<int64_t>(fs::file_size(part, ec)) : 0;
    if (ec || have > record.size()) {
      fs::remove(part, ec);
      have = 0;
    }
    if (have < record.size() || record.size() == 0) {
      std::ofstream out(part, std::ios::binary | std::ios::app);
      if (!out) return Status(StatusCode::kInternal, "cannot write the photo file " + part);
      secap::v1::DownloadAttachmentRequest request;
      request.set_attachment_id(record.id());
      request.set_offset(have);
      Status st = m_transport.downloadAttachment(request, token, [&](const secap::v1::AttachmentChunk& chunk) {
        // Append only what continues the file; anything else is a server
        // that does not stand where we do, and a fresh call sorts it out.
        if (chunk.offset() != have)
          return Status(StatusCode::kUnavailable, "the photo download lost its place; it will resume");
        if (have + static_cast<int64_t>(chunk.data().size()) > record.size())
          return Status(StatusCode::kDataLoss, "the server sent more bytes than the photo has");
        out.write(chunk.data().data(), static_cast<std::streamsize>(chunk.data().size()));
        out.flush();
        if (!out) return Status(StatusCode::kResourceExhausted, "the device storage is full: free some space");
        have += static_cast<int64_t>(chunk.data().size());
        return Status::ok();
      });
      out.close();
      if (st.code() == StatusCode::kDataLoss) fs::remove(part, ec);
      if (!st.isOk()) return st;
      if (have < record.size())
        return Status(StatusCode::kUnavailable, "the photo download stopped early; it will resume");
    }
    // Verify the whole file before anyone sees it.
    auto digest = sha256OfFile(part);
    if (!digest.isOk()) return digest.status();
    if (digest->sha256 != record.sha256() || digest->size != record.size()) {
      fs::remove(part, ec);
      return Status(StatusCode::kDataLoss, "the photo arrived damaged; it will be downloaded again");
    }
    fs::rename(part, final, ec);
    if (ec) return Status(StatusCode::kInternal, "cannot keep the photo file " + final + ": " + ec.message());
  }
  SECAP_RETURN_IF_ERROR(m_store.recordDownloadedAttachment(record.id(), record.sha256(), final, record.size()));
  return final;
}

}  // namespace secap::core

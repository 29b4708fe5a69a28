#pragma once
// AttachmentFetcher: brings attachment bytes to the device (DESIGN.md §4
// DownloadAttachment). A download cut by a bad link resumes from the bytes
// already kept (a ".part" file), the whole file is verified against the
// record's sha256 and size before it is used, and a damaged one is thrown
// away and fetched afresh. Files are named by content, so the same photo
// under two records is kept once.
//
// The kiosk prefetches the photos it may show (fetchMissing); a phone
// fetches one when the user opens it (fetch). Thread-safe as LocalStore and
// the transport are, as long as one fetcher works on one directory.

#include <string>

#include "secap/core/local_store.h"
#include "secap/core/sync_transport.h"

namespace secap::core {

class AttachmentFetcher {
 public:
  // `directory` holds the downloaded files; it is created when needed.
  AttachmentFetcher(LocalStore& store, SyncTransport& transport, std::string directory);

  // The local file of the attachment, downloading (or resuming) it first
  // when the device has none. kNotFound when the device holds no such
  // record or the server no longer serves it (removed, not published);
  // kDataLoss when the bytes arrived damaged (the next call starts afresh).
  Result<std::string> fetch(const std::string& attachmentId, const std::string& token);

  // Fetches the attachments held here without a file, until `maxBytes` have
  // come in. Photos the server no longer serves are skipped; a failed link
  // stops it with that Status (the next round resumes). Returns how many
  // files were completed.
  Result<int> fetchMissing(const std::string& token, int64_t maxBytes);

 private:
  Result<std::string> download(const secap::v1::Attachment& record, const std::string& token);

  LocalStore& m_store;
  SyncTransport& m_transport;
  std::string m_dir;
};

}  // namespace secap::core

#include "keychain_token_vault.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QDebug>
#include <QPointer>
#include <QThread>
#include <condition_variable>
#include <memory>
#include <utility>

namespace secap::field {

namespace {

// The flag file's content; only its presence matters.
constexpr const char* kInKeychainFlag = "the sign-in token is in the system keychain";

// --- The process-wide keychain thread ---
//
// QtKeychain queues every job through one JobExecutor, created in the thread
// of the first job and not thread-safe; a job also needs an event loop in its
// thread for its D-Bus replies. So every job starts on this one thread, which
// lives as long as the QCoreApplication (a post routine stops it). Callers on
// any thread wait for the outcome with a timeout, so a keychain that never
// answers can only hold up this thread, never theirs.

std::mutex g_threadMu;
QThread* g_thread = nullptr;
QObject* g_context = nullptr;  // lives in g_thread; parent of the running jobs
bool g_stopped = false;

void stopKeychainThread() {
  QThread* thread = nullptr;
  QObject* context = nullptr;
  {
    std::lock_guard lock(g_threadMu);
    g_stopped = true;
    thread = std::exchange(g_thread, nullptr);
    context = std::exchange(g_context, nullptr);
  }
  if (!thread) return;
  context->deleteLater();  // with any job still waiting for an answer
  thread->quit();
  thread->wait();
  delete thread;
}

// The object whose thread runs the jobs, or nullptr without an application
// (or once it is being destroyed).
QObject* keychainContext() {
  std::lock_guard lock(g_threadMu);
  if (g_stopped || !QCoreApplication::instance()) return nullptr;
  if (!g_thread) {
    g_thread = new QThread();
    g_thread->setObjectName(QStringLiteral("secap-keychain"));
    g_context = new QObject();
    g_context->moveToThread(g_thread);
    g_thread->start();
    qAddPostRoutine(stopKeychainThread);
  }
  return g_context;
}

enum class JobKind { kRead, kWrite, kDelete };

struct JobOutcome {
  enum Result { kOk, kNotFound, kFailed } result = kFailed;
  std::string data;   // what a read found
  std::string error;  // why it failed, for the message
};

std::string secondsText(std::chrono::milliseconds ms) {
  return QString::number(static_cast<double>(ms.count()) / 1000.0, 'g', 3).toStdString() + " s";
}

// Runs one QtKeychain job on the keychain thread and waits at most `timeout`.
JobOutcome runJob(JobKind kind, const QString& service, const QString& key, const std::string& data,
                  std::chrono::milliseconds timeout) {
  QObject* context = keychainContext();
  if (!context) return {JobOutcome::kFailed, {}, "the keychain is not reachable while the app starts or stops"};

  struct Shared {
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    JobOutcome outcome;
    QPointer<QKeychain::Job> job;  // only touched on the keychain thread
  };
  auto shared = std::make_shared<Shared>();
  const QString text = QString::fromStdString(data);
  QMetaObject::invokeMethod(
      context,
      [shared, kind, service, key, text, context] {
        QKeychain::Job* job = nullptr;
        switch (kind) {
          case JobKind::kRead:
            job = new QKeychain::ReadPasswordJob(service, context);
            break;
          case JobKind::kWrite: {
            auto* write = new QKeychain::WritePasswordJob(service, context);
            write->setTextData(text);
            job = write;
            break;
          }
          case JobKind::kDelete:
            job = new QKeychain::DeletePasswordJob(service, context);
            break;
        }
        job->setKey(key);
        job->setAutoDelete(false);
        // Never QtKeychain's plain-text QSettings fallback: ours is the 0600 file.
        job->setInsecureFallback(false);
        shared->job = job;
        QObject::connect(job, &QKeychain::Job::finished, context, [shared, kind](QKeychain::Job* finished) {
          JobOutcome outcome;
          if (finished->error() == QKeychain::NoError) {
            outcome.result = JobOutcome::kOk;
            if (kind == JobKind::kRead)
              outcome.data = static_cast<QKeychain::ReadPasswordJob*>(finished)->binaryData().toStdString();
          } else if (finished->error() == QKeychain::EntryNotFound) {
            outcome.result = JobOutcome::kNotFound;
          } else {
            outcome.error = finished->errorString().toStdString();
            if (outcome.error.empty()) outcome.error = "error " + std::to_string(finished->error());
          }
          {
            std::lock_guard lock(shared->mu);
            if (!shared->done) {
              shared->done = true;
              shared->outcome = std::move(outcome);
            }
          }
          shared->cv.notify_all();
          finished->deleteLater();
        });
        job->start();
      },
      Qt::QueuedConnection);

  std::unique_lock lock(shared->mu);
  if (shared->cv.wait_for(lock, timeout, [&] { return shared->done; })) return shared->outcome;
  shared->done = true;  // an answer after this is dropped
  lock.unlock();
  // QtKeychain runs one job at a time, and KWallet waits for days for a user
  // to unlock it: delete the job so the next call is not queued behind it.
  QMetaObject::invokeMethod(
      context, [shared] { delete shared->job.data(); }, Qt::QueuedConnection);
  return {JobOutcome::kFailed, {}, "it did not answer within " + secondsText(timeout)};
}

}  // namespace

KeychainTokenVault::KeychainTokenVault(QString service, QString key, std::string tokenFilePath,
                                       std::chrono::milliseconds timeout)
    : m_service(std::move(service)),
      m_key(std::move(key)),
      m_file(tokenFilePath),
      m_inKeychain(tokenFilePath + ".in-keychain"),
      m_timeout(timeout) {}

core::Result<std::optional<std::string>> KeychainTokenVault::get() {
  std::lock_guard lock(m_mu);
  auto inKeychain = m_inKeychain.get();
  if (!inKeychain.isOk()) return inKeychain.status();
  // Not in the keychain: the file has it, or there is none. No keychain call.
  if (!inKeychain->has_value()) return m_file.get();
  JobOutcome out = runJob(JobKind::kRead, m_service, m_key, {}, m_timeout);
  switch (out.result) {
    case JobOutcome::kOk:
      if (!out.data.empty()) return std::optional<std::string>(std::move(out.data));
      [[fallthrough]];
    case JobOutcome::kNotFound:
      // Removed from outside (the user emptied the keychain): the device
      // has no token any more and must be enrolled again.
      return std::optional<std::string>();
    case JobOutcome::kFailed:
      break;
  }
  return core::Status(core::StatusCode::kUnavailable,
                      "the system keychain holds this device's sign-in token but cannot be read (" + out.error +
                          "); unlock the keychain, then sync again");
}

core::Status KeychainTokenVault::set(const std::string& token) {
  std::lock_guard lock(m_mu);
  JobOutcome out = runJob(JobKind::kWrite, m_service, m_key, token, m_timeout);
  if (out.result == JobOutcome::kOk) {
    // QtKeychain's KWallet backend reports success even when the write
    // failed: only a token read back counts as kept.
    out = runJob(JobKind::kRead, m_service, m_key, {}, m_timeout);
    if (out.result == JobOutcome::kNotFound || (out.result == JobOutcome::kOk && out.data != token)) {
      out.result = JobOutcome::kFailed;
      out.error = "it did not keep the token";
    }
  }
  if (out.result == JobOutcome::kOk) {
    // The flag makes the keychain's copy the one in use; then the old file goes.
    SECAP_RETURN_IF_ERROR(m_inKeychain.set(kInKeychainFlag));
    return m_file.clear();
  }
  qInfo().noquote() << QStringLiteral(
                           "secap-field: the system keychain cannot keep the sign-in token (%1); it is kept in %2, "
                           "readable by this user only")
                           .arg(QString::fromStdString(out.error), QString::fromStdString(m_file.path()));
  // The flag first: a crash in between leaves no token (enroll again), never
  // a stale one in the keychain.
  SECAP_RETURN_IF_ERROR(m_inKeychain.clear());
  return m_file.set(token);
}

core::Status KeychainTokenVault::clear() {
  std::lock_guard lock(m_mu);
  auto inKeychain = m_inKeychain.get();
  const bool expected = !inKeychain.isOk() || inKeychain->has_value();
  // Also without the flag: an entry may be left from a crash inside set(),
  // or from before the keychain stopped answering.
  const JobOutcome out = runJob(JobKind::kDelete, m_service, m_key, {}, m_timeout);
  if (out.result == JobOutcome::kFailed && expected) {
    qWarning().noquote() << QStringLiteral(
                                "secap-field: the sign-in token stays in the system keychain, which cannot remove it "
                                "now (%1); this device no longer uses it")
                                .arg(QString::fromStdString(out.error));
  }
  SECAP_RETURN_IF_ERROR(m_file.clear());
  return m_inKeychain.clear();
}

core::Result<KeychainTokenVault::Location> KeychainTokenVault::location() {
  std::lock_guard lock(m_mu);
  auto inKeychain = m_inKeychain.get();
  if (!inKeychain.isOk()) return inKeychain.status();
  if (inKeychain->has_value()) return Location::kKeychain;
  auto file = m_file.get();
  if (!file.isOk()) return file.status();
  return file->has_value() ? Location::kFile : Location::kNone;
}

}  // namespace secap::field

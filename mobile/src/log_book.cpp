#include "log_book.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QSysInfo>
#include <QTextStream>

#include "app_controller.h"
#include "secap/core/entity.h"

namespace secap::field {

namespace {

constexpr qint64 kMaxLogBytes = 1024 * 1024;

QMutex g_mutex;
QString g_path;
QtMessageHandler g_previous = nullptr;

const char* levelOf(QtMsgType type) {
  switch (type) {
    case QtDebugMsg:
      return "debug";
    case QtInfoMsg:
      return "info";
    case QtWarningMsg:
      return "warning";
    case QtCriticalMsg:
      return "error";
    case QtFatalMsg:
      return "fatal";
  }
  return "?";
}

void handler(QtMsgType type, const QMessageLogContext& ctx, const QString& message) {
  {
    QMutexLocker lock(&g_mutex);
    if (!g_path.isEmpty()) {
      QFile file(g_path);
      if (file.size() > kMaxLogBytes) {
        QFile::remove(g_path + QStringLiteral(".1"));
        QFile::rename(g_path, g_path + QStringLiteral(".1"));
      }
      if (file.open(QIODevice::Append | QIODevice::Text)) {
        QTextStream out(&file);
        out << QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) << ' ' << levelOf(type) << ' '
            << (ctx.category ? ctx.category : "") << ": " << message << '\n';
      }
    }
  }
  if (g_previous) g_previous(type, ctx, message);
}

}  // namespace

QString logFilePath(const QString& dataDir) { return QDir(dataDir).filePath(QStringLiteral("logs/secap-field.log")); }

void installLogBook(const QString& dataDir) {
  QDir().mkpath(QDir(dataDir).filePath(QStringLiteral("logs")));
  {
    QMutexLocker lock(&g_mutex);
    g_path = logFilePath(dataDir);
  }
  g_previous = qInstallMessageHandler(handler);
}

QString exportLogs(AppController& app, const QString& folder) {
  if (!QDir().mkpath(folder)) return {};
  const QString path =
      QDir(folder).filePath(QStringLiteral("secap-field-report-%1.txt")
                                .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) return {};
  QTextStream out(&file);
  out << "SECAP Field report, " << QDateTime::currentDateTimeUtc().toString(Qt::ISODate) << "\n\n";
  out << "app version: " << app.appVersion() << '\n';
  out << "system: " << QSysInfo::prettyProductName() << '\n';
  out << "device id: " << app.deviceId() << '\n';
  out << "municipality: " << app.municipalityName() << " (" << app.municipalityId() << ")\n";
  out << "role: " << app.role() << '\n';
  out << "server: " << app.serverAddress() << (app.serverPin().isEmpty() ? "" : " (pinned key)") << '\n';
  out << "online: " << (app.online() ? "yes" : "no") << ", last sync: " << app.lastSyncText() << '\n';
  out << "waiting to sync: " << app.pendingCount() << " changes, " << app.pendingPhotoCount() << " photos\n";
  out << "last sync problem: " << (app.lastSyncError().isEmpty() ? QStringLiteral("none") : app.lastSyncError())
      << '\n';
  out << "needs attention: " << app.needsAttentionCount() << '\n';
  auto& store = app.store();
  for (const auto& r : store.rejectedChanges()) {
    out << "  refused " << QString::fromStdString(std::string(core::entityTypeName(core::entityTypeOf(r.change))))
        << ' ' << QString::fromStdString(r.change.entity_id()) << ": " << QString::fromStdString(r.reasonCode) << ", "
        << QString::fromStdString(r.message) << '\n';
  }
  for (const QString& log : {logFilePath(app.dataDir()) + QStringLiteral(".1"), logFilePath(app.dataDir())}) {
    QFile in(log);
    if (!in.open(QIODevice::ReadOnly | QIODevice::Text)) continue;
    out << "\n--- " << QFileInfo(log).fileName() << " ---\n";
    out << in.readAll();
  }
  out.flush();
  return file.error() == QFile::NoError ? path : QString();
}

}  // namespace secap::field

#pragma once
// The app's log file (issue 11 "export logs: a file the user can send"):
// every Qt message of the running app, with its time and level, appended to
// <data dir>/logs/secap-field.log, which starts afresh once it passes 1 MiB
// (the previous one is kept as secap-field.log.1). exportLogs() writes what
// a coordinator or support needs into one text file: the app's state (never
// a token or PIN) followed by the log files.
//
// install() is called once by main(); the handler is thread-safe.

#include <QString>

namespace secap::field {

class AppController;

// Installs the message handler writing to `dataDir`'s log; the previous
// handler (the console) still gets every message.
void installLogBook(const QString& dataDir);

// The log file of `dataDir`.
QString logFilePath(const QString& dataDir);

// Writes the report into `folder` (created if needed) as
// secap-field-report-<yyyyMMdd-HHmmss>.txt and returns its path, or an empty
// string when it cannot be written.
QString exportLogs(AppController& app, const QString& folder);

}  // namespace secap::field

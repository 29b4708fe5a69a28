#pragma once
// The QML side of the app's self-checks: where the module's QML lives, the
// --self-test run (load every page, fail on any QML warning or error) and the
// --screenshots run (render the main screens to PNG for phone and tablet
// sizes). Both drive the Main.qml window through its showScreen(name)
// function, so they see what a user sees. UI thread only; the self-test
// installs a process-wide Qt message handler while it runs.

#include <QList>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <functional>

class QQmlApplicationEngine;
class QQmlEngine;
class QTextStream;

namespace secap::field {

// Main.qml inside the SecapField module's resources.
QUrl mainQmlUrl();
// Adds the resource import path of the SecapField module (Qt 6.4 does not
// add qrc:/qt/qml by itself).
void prepareEngine(QQmlEngine& engine);

// The screens the harness visits, by the names Main.qml's showScreen knows.
QStringList harnessScreens();
// The wall tablet's screens (Main.showScreen("kiosk_…")): the board's cards
// and a caretaker's reading, rendered at 1280×800.
QStringList kioskScreens();

struct FormFactor {
  QString name;  // "phone", "tablet"
  QSize size;    // Logical pixels.
};
QList<FormFactor> screenshotFormFactors();

// Loads Main.qml and every page, instantiates each one and visits each
// screen. Returns 0 when nothing produced a QML warning or error, 1
// otherwise; the findings go to `log`.
int runSelfTest(QQmlApplicationEngine& engine, QTextStream& log);

// Loads Main.qml (unless already loaded) and writes
// <dir>/<language>_<form>_<screen>.png for every language of appLanguages()
// (switched with `setLanguage`), form factor and screen. Returns 0 on
// success.
int renderScreenshots(QQmlApplicationEngine& engine, const QString& dir, QTextStream& log,
                      const std::function<void(const QString&)>& setLanguage);

}  // namespace secap::field

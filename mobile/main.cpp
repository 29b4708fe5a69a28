// secap-field: the composition root. It reads the command line, opens the
// device store, builds the AppController over libsecap_core, hands it to QML
// as the `App` singleton and loads the SecapField module's Main.qml. Every
// class it wires lives in secap_field_lib, where the tests reach it too.

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTextStream>
#include <QtQml/QQmlExtensionPlugin>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>

#include <QSocketNotifier>
#include <csignal>
#endif

#include "app_controller.h"
#include "input_method.h"
#include "keychain_token_vault.h"
#include "log_book.h"
#include "qml_harness.h"
#include "secap/core/local_store.h"
#include "secap/core/sync_transport.h"
#include "translations.h"

Q_IMPORT_QML_PLUGIN(SecapFieldPlugin)

namespace {

// Used until the user or --server names a server.
constexpr auto kDefaultServer = "localhost:50051";

#ifdef Q_OS_UNIX
int g_signalPipe[2] = {-1, -1};

void writeSignalByte(int) {
  const char c = 1;
  [[maybe_unused]] const auto n = ::write(g_signalPipe[0], &c, 1);
}

// SIGINT and SIGTERM end the event loop, so the controller stops the sync
// thread and finishes saves in flight instead of dying mid-call.
void quitOnTerminationSignals(QCoreApplication& app) {
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) return;
  auto* notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, &app);
  QObject::connect(notifier, &QSocketNotifier::activated, &app, [] {
    char c = 0;
    [[maybe_unused]] const auto n = ::read(g_signalPipe[1], &c, 1);
    QCoreApplication::quit();
  });
  struct sigaction action = {};
  action.sa_handler = writeSignalByte;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}
#endif

}  // namespace

int main(int argc, char* argv[]) {
  // Before the application exists: --kiosk on a tablet without a keyboard,
  // and the screenshots (which render the kiosk's keyboard), type on Qt
  // Virtual Keyboard (input_method.h).
  bool kioskArg = false;
  bool screenshotsArg = false;
  for (int i = 1; i < argc; ++i) {
    const QByteArray arg(argv[i]);
    kioskArg = kioskArg || arg == "--kiosk";
    screenshotsArg = screenshotsArg || arg == "--screenshots" || arg.startsWith("--screenshots=");
  }
  const bool virtualKeyboard = secap::field::chooseVirtualKeyboard(kioskArg, screenshotsArg);
  // A QApplication, not a QGuiApplication: Qt Charts' ChartView needs Widgets.
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("SECAP"));
  QApplication::setApplicationName(QStringLiteral("secap-field"));
  QApplication::setApplicationDisplayName(QStringLiteral("SECAP Field"));
  QApplication::setApplicationVersion(QStringLiteral(SECAP_FIELD_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("SECAP Field: meter readings and monitoring for Sustainable Energy and Climate Action "
                     "Plans, offline first."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption serverOpt(QStringLiteral("server"),
                                     QStringLiteral("Sync server address (default: the saved one, "
                                                    "else %1).")
                                         .arg(QLatin1String(kDefaultServer)),
                                     QStringLiteral("HOST:PORT"));
  const QCommandLineOption dataDirOpt(QStringLiteral("data-dir"),
                                      QStringLiteral("Directory of the device database (default: %1).")
                                          .arg(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)),
                                      QStringLiteral("DIR"));
  const QCommandLineOption enrollOpt(
      QStringLiteral("enroll"),
      QStringLiteral("Enroll with this one-time code, or secap://enroll link (it sets the server and its key), "
                     "at start if not enrolled yet, then sync."),
      QStringLiteral("CODE|URI"));
  const QCommandLineOption kioskOpt(QStringLiteral("kiosk"), QStringLiteral("Kiosk mode: fullscreen wall tablet."));
  const QCommandLineOption kioskIdleOpt(
      QStringLiteral("kiosk-idle-seconds"),
      QStringLiteral("Kiosk mode: seconds without a touch before any screen returns to the board (default 60)."),
      QStringLiteral("N"), QStringLiteral("60"));
  const QCommandLineOption kioskLanguagesOpt(
      QStringLiteral("kiosk-languages"),
      QStringLiteral("Kiosk mode: the board's languages in turn, e.g. de,en (pl, en, de)."), QStringLiteral("LIST"));
  const QCommandLineOption selfTestOpt(
      QStringLiteral("self-test"),
      QStringLiteral("Load every QML page, exit 0 when there is no QML warning or error."));
  const QCommandLineOption screenshotsOpt(
      QStringLiteral("screenshots"),
      QStringLiteral("Render the main screens for phone and tablet to PNG files in DIR, then "
                     "exit."),
      QStringLiteral("DIR"));
  const QCommandLineOption localeOpt(
      QStringLiteral("locale"),
      QStringLiteral("Use this locale for numbers and dates, e.g. pl_PL (default: the system's)."),
      QStringLiteral("NAME"));
  parser.addOptions({serverOpt, dataDirOpt, enrollOpt, kioskOpt, kioskIdleOpt, kioskLanguagesOpt, selfTestOpt,
                     screenshotsOpt, localeOpt});
  parser.process(app);

  QTextStream out(stdout);
  QTextStream err(stderr);
  // The system's language (or --locale's) is the one "follow the system"
  // returns to; a language picked in the settings is applied once the
  // device store is open.
  const QLocale systemLocale = parser.isSet(localeOpt) ? QLocale(parser.value(localeOpt)) : QLocale::system();
  QLocale::setDefault(systemLocale);
  secap::field::installTranslations(app);

  const bool selfTest = parser.isSet(selfTestOpt);
  const bool screenshots = parser.isSet(screenshotsOpt);

  QString dataDir = parser.value(dataDirOpt);
  if (dataDir.isEmpty()) {
    dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  }
  if (!QDir().mkpath(dataDir)) {
    err << "secap-field: cannot create the data directory " << dataDir << '\n';
    return 2;
  }
  // The app's log file, for "export logs" (not for test and screenshot runs).
  if (!selfTest && !screenshots) secap::field::installLogBook(dataDir);
  // Photos a form held when the app last ended, never saved.
  secap::field::removeStalePhotoDrafts(dataDir);
  const QString databasePath = QFileInfo(secap::field::storePath(dataDir)).absoluteFilePath();
  // The access token goes to the OS keychain, one entry per data directory,
  // or else to a 0600 file next to the database.
  auto tokenVault = std::make_unique<secap::field::KeychainTokenVault>(
      QApplication::applicationName(), QStringLiteral("access token of ") + databasePath,
      secap::core::FileTokenVault::pathFor(databasePath.toStdString()));
  auto store = secap::core::LocalStore::open(databasePath.toStdString(), secap::core::SystemClock::instance(),
                                             std::move(tokenVault));
  if (!store.isOk()) {
    err << "secap-field: cannot open the device database in " << dataDir << ": "
        << QString::fromStdString(store.status().toString()) << '\n';
    return 2;
  }

  secap::field::AppController controller(
      std::move(store).value(),
      [](const std::string& target, const std::string& spkiPin) {
        secap::core::TransportOptions options;
        options.spkiPin = spkiPin;
        return secap::core::makeGrpcTransport(target, options);
      },
      dataDir);
  if (parser.isSet(serverOpt)) {
    controller.setServerAddress(parser.value(serverOpt));
  } else if (controller.serverAddress().isEmpty()) {
    controller.setServerAddress(QString::fromLatin1(kDefaultServer));
  }
  secap::field::AppSingleton::setInstance(&controller);
  // --locale is for this run: it outranks a saved choice.
  if (!parser.isSet(localeOpt) && !controller.language().isEmpty()) {
    secap::field::applyLanguage(app, controller.language(), systemLocale);
  }

  // The style is fixed before the engine loads any control.
  QQuickStyle::setStyle(QStringLiteral("Material"));
  if (QGuiApplication::platformName() == QLatin1String("offscreen")) {
    // Headless runs (CI, screenshots) have no GPU.
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
  }

  // Declared after the controller, so it is destroyed first.
  QQmlApplicationEngine engine;
  secap::field::prepareEngine(engine);
  bool idleOk = false;
  const int idleSeconds = parser.value(kioskIdleOpt).toInt(&idleOk);
  if (!idleOk || idleSeconds < 5 || idleSeconds > 3600) {
    err << "secap-field: --kiosk-idle-seconds takes a whole number of seconds from 5 to 3600\n";
    return 2;
  }
  QStringList kioskLanguages;
  for (const QString& code : parser.value(kioskLanguagesOpt).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    if (!secap::field::appLanguages().contains(code.trimmed())) {
      err << "secap-field: --kiosk-languages takes pl, en and de, separated by commas\n";
      return 2;
    }
    kioskLanguages << code.trimmed();
  }
  engine.setInitialProperties({{QStringLiteral("kiosk"), parser.isSet(kioskOpt)},
                               {QStringLiteral("kioskIdleMs"), idleSeconds * 1000},
                               {QStringLiteral("kioskLanguages"), kioskLanguages},
                               {QStringLiteral("virtualKeyboard"), virtualKeyboard},
                               {QStringLiteral("windowed"), selfTest || screenshots}});

  // A language picked in the settings applies at once: texts, numbers, dates.
  QObject::connect(&controller, &secap::field::AppController::languageChanged, &app,
                   [&app, &engine, &controller, &systemLocale] {
                     secap::field::applyLanguage(app, controller.language(), systemLocale);
                     engine.retranslate();
                     controller.refreshTexts();
                   });

  if (selfTest) return secap::field::runSelfTest(engine, out);

  engine.load(secap::field::mainQmlUrl());
  if (engine.rootObjects().isEmpty()) {
    err << "secap-field: the user interface did not load\n";
    return 1;
  }
  if (screenshots) {
    // Every screen in each language; the user's own choice comes back after.
    const QString chosen = controller.language();
    const int rc =
        secap::field::renderScreenshots(engine, parser.value(screenshotsOpt), out,
                                        [&controller](const QString& code) { controller.setLanguage(code); });
    controller.setLanguage(chosen);
    return rc;
  }

#ifdef Q_OS_UNIX
  quitOnTerminationSignals(app);
#endif
  // A line on the console for each enrollment and sync outcome, so a headless
  // run (the demo, a kiosk's journal) shows what the app is doing.
  QObject::connect(&controller, &secap::field::AppController::enrollFinished, &app,
                   [&out, &controller](bool ok, const QString&, const QString& message) {
                     if (ok) {
                       out << "secap-field: enrolled as a " << controller.role() << " device (" << controller.deviceId()
                           << ")\n";
                     } else {
                       out << "secap-field: enrollment failed: " << message << '\n';
                     }
                     out.flush();
                   });
  auto reportStatus = [&out, &controller] {
    // Quiet until enrolled and the first pull named the municipality.
    if (controller.syncing() || !controller.enrolled() || controller.municipalityName().isEmpty()) return;
    static QString last;
    const QString line =
        controller.online()
            ? QStringLiteral("online (%1), %2 to sync, %3 need attention")
                  .arg(controller.municipalityName())
                  .arg(controller.pendingCount())
                  .arg(controller.needsAttentionCount())
            : QStringLiteral("offline (%1), %2 to sync").arg(controller.lastSyncError()).arg(controller.pendingCount());
    if (line == last) return;
    last = line;
    out << "secap-field: " << line << '\n';
    out.flush();
  };
  QObject::connect(&controller, &secap::field::AppController::syncStatusChanged, &app, reportStatus);
  QObject::connect(&controller, &secap::field::AppController::municipalityNameChanged, &app, reportStatus);
  controller.startSync();
  if (parser.isSet(enrollOpt) && !controller.enrolled()) {
    controller.enroll(parser.value(enrollOpt));
  }
  return QApplication::exec();
}

#include "qml_harness.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QMutex>
#include <QMutexLocker>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQmlError>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTextStream>
#include <QTimer>
#include <QVariantMap>
#include <memory>

#include "translations.h"

namespace secap::field {

namespace {

const QString kModuleRoot = QStringLiteral("qrc:/qt/qml/SecapField/qml/");

// Pages and the initial properties they need on their own.
struct PageSpec {
  QString file;
  QVariantMap properties;
  // Compile only: creating it would start hardware that is not there.
  bool compileOnly = false;
};

QList<PageSpec> pageSpecs() {
  return {
      {QStringLiteral("EnrollmentPage.qml"), {}},
      {QStringLiteral("SitesPage.qml"), {}},
      {QStringLiteral("SitePage.qml"), {{QStringLiteral("siteId"), QString()}}},
      {QStringLiteral("MeterPage.qml"), {{QStringLiteral("meterId"), QString()}}},
      {QStringLiteral("MeasuresPage.qml"), {}},
      {QStringLiteral("MeasurePage.qml"), {{QStringLiteral("measureId"), QString()}}},
      {QStringLiteral("ProgressFormPage.qml"), {{QStringLiteral("measureId"), QString()}}},
      {QStringLiteral("ProgressPage.qml"), {}},
      {QStringLiteral("InboxPage.qml"), {}},
      {QStringLiteral("SettingsPage.qml"), {}},
      {QStringLiteral("PlaceholderPage.qml"), {}},
      // Loaded by URL, and only where there is a camera: compiled here (its
      // imports and types), not created, since a camera pipeline without a
      // camera only makes GStreamer complain.
      {QStringLiteral("components/CameraSheet.qml"), {}, /*compileOnly=*/true},
  };
}

// Collects QML and JavaScript diagnostics while a self-test runs.
class DiagnosticsCollector {
 public:
  DiagnosticsCollector() {
    s_instance = this;
    m_previous = qInstallMessageHandler(&DiagnosticsCollector::handler);
  }
  ~DiagnosticsCollector() {
    qInstallMessageHandler(m_previous);
    s_instance = nullptr;
  }
  DiagnosticsCollector(const DiagnosticsCollector&) = delete;
  DiagnosticsCollector& operator=(const DiagnosticsCollector&) = delete;

  void add(const QString& message) {
    QMutexLocker lock(&m_mu);
    m_messages << message;
  }
  QStringList messages() {
    QMutexLocker lock(&m_mu);
    return m_messages;
  }

 private:
  static bool isQmlDiagnostic(const QMessageLogContext& ctx, const QString& msg) {
    const QString category = QString::fromLatin1(ctx.category ? ctx.category : "");
    const QString file = QString::fromLatin1(ctx.file ? ctx.file : "");
    return category.startsWith(QLatin1String("qml")) || category.startsWith(QLatin1String("js")) ||
           category.startsWith(QLatin1String("qt.qml")) || category.startsWith(QLatin1String("qt.quick")) ||
           file.endsWith(QLatin1String(".qml")) || msg.contains(QLatin1String(".qml")) ||
           msg.contains(QLatin1String("qrc:/"));
  }

  static void handler(QtMsgType type, const QMessageLogContext& ctx, const QString& msg) {
    if (s_instance && type != QtDebugMsg && type != QtInfoMsg && isQmlDiagnostic(ctx, msg)) {
      s_instance->add(msg);
    }
    if (s_instance && s_instance->m_previous) {
      s_instance->m_previous(type, ctx, msg);
    } else {
      QTextStream(stderr) << qFormatLogMessage(type, ctx, msg) << '\n';
    }
  }

  static inline DiagnosticsCollector* s_instance = nullptr;
  QtMessageHandler m_previous = nullptr;
  QMutex m_mu;
  QStringList m_messages;
};

// Runs the event loop for `ms` so bindings, layouts and polish settle.
void settle(int ms) {
  QEventLoop loop;
  QTimer::singleShot(ms, &loop, &QEventLoop::quit);
  loop.exec();
}

QQuickWindow* mainWindow(QQmlApplicationEngine& engine) {
  if (engine.rootObjects().isEmpty()) engine.load(mainQmlUrl());
  if (engine.rootObjects().isEmpty()) return nullptr;
  return qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
}

bool showScreen(QQuickWindow* window, const QString& screen) {
  QVariant shown;
  const bool invoked =
      QMetaObject::invokeMethod(window, "showScreen", Q_RETURN_ARG(QVariant, shown), Q_ARG(QVariant, screen));
  return invoked && shown.toBool();
}

QString describe(const QList<QQmlError>& errors) {
  QStringList lines;
  for (const QQmlError& e : errors) lines << e.toString();
  return lines.join(QLatin1Char('\n'));
}

}  // namespace

QUrl mainQmlUrl() { return QUrl(kModuleRoot + QStringLiteral("Main.qml")); }

void prepareEngine(QQmlEngine& engine) { engine.addImportPath(QStringLiteral("qrc:/qt/qml")); }

QStringList harnessScreens() {
  return {QStringLiteral("sites"),
          QStringLiteral("readings_due"),
          QStringLiteral("site"),
          QStringLiteral("meter"),
          QStringLiteral("meter_warning"),
          QStringLiteral("meter_photo"),
          QStringLiteral("measures"),
          QStringLiteral("measure"),
          QStringLiteral("progress_form"),
          QStringLiteral("inspection"),
          QStringLiteral("inspection_conclusion"),
          QStringLiteral("inspection_view"),
          QStringLiteral("progress"),
          QStringLiteral("inbox"),
          QStringLiteral("settings"),
          QStringLiteral("enrollment"),
          QStringLiteral("enrollment_camera")};
}

QStringList kioskScreens() {
  return {QStringLiteral("kiosk_building"),   QStringLiteral("kiosk_progress"), QStringLiteral("kiosk_measures"),
          QStringLiteral("kiosk_neutrality"), QStringLiteral("kiosk_pin"),      QStringLiteral("kiosk_reading"),
          QStringLiteral("kiosk_note")};
}

QList<FormFactor> screenshotFormFactors() {
  return {{QStringLiteral("phone"), QSize(412, 915)}, {QStringLiteral("tablet"), QSize(1280, 800)}};
}

int runSelfTest(QQmlApplicationEngine& engine, QTextStream& log) {
  DiagnosticsCollector diagnostics;
  QObject::connect(&engine, &QQmlEngine::warnings, &engine, [&](const QList<QQmlError>& warnings) {
    for (const QQmlError& w : warnings) diagnostics.add(w.toString());
  });

  int failures = 0;
  auto fail = [&](const QString& what) {
    ++failures;
    log << "FAIL " << what << '\n';
  };

  QQuickWindow* window = mainWindow(engine);
  if (!window) {
    fail(QStringLiteral("Main.qml did not load"));
  } else {
    window->setProperty("reduceMotion", true);
    settle(100);
    log << "ok   Main.qml\n";

    for (const PageSpec& spec : pageSpecs()) {
      QQmlComponent component(&engine, QUrl(kModuleRoot + spec.file));
      if (component.isError()) {
        fail(spec.file + QLatin1Char('\n') + describe(component.errors()));
        continue;
      }
      if (spec.compileOnly) {
        log << "ok   " << spec.file << " (compiled)\n";
        continue;
      }
      std::unique_ptr<QObject> page(component.createWithInitialProperties(spec.properties));
      if (!page) {
        fail(spec.file + QLatin1Char('\n') + describe(component.errors()));
        continue;
      }
      if (auto* item = qobject_cast<QQuickItem*>(page.get())) {
        item->setParentItem(window->contentItem());
        item->setSize(window->contentItem()->size());
      }
      settle(50);
      page.reset();
      log << "ok   " << spec.file << '\n';
    }

    for (const QString& screen : harnessScreens() + kioskScreens()) {
      const bool shown = showScreen(window, screen);
      settle(50);
      log << (shown ? "ok   screen " : "skip screen ") << screen << (shown ? "" : " (no data for it)") << '\n';
    }
    showScreen(window, QStringLiteral("sites"));
    settle(50);
  }

  QStringList messages = diagnostics.messages();
  messages.removeDuplicates();  // The engine's signal and the handler both see most.
  for (const QString& m : messages) fail(QStringLiteral("QML diagnostic: ") + m);
  log << (failures == 0 ? "self-test passed\n" : "self-test FAILED\n");
  log.flush();
  return failures == 0 ? 0 : 1;
}

int renderScreenshots(QQmlApplicationEngine& engine, const QString& dir, QTextStream& log,
                      const std::function<void(const QString&)>& setLanguage) {
  QQuickWindow* window = mainWindow(engine);
  if (!window) {
    log << "Main.qml did not load\n";
    return 1;
  }
  if (!QDir().mkpath(dir)) {
    log << "cannot create " << dir << '\n';
    return 1;
  }
  window->setProperty("reduceMotion", true);
  // A wall tablet (kiosk role, or --kiosk) shows only the kiosk's screens
  // (main() keeps the window out of full screen: see Main.qml `windowed`).
  const bool kioskOnly = window->property("kioskMode").toBool();
  int written = 0;
  for (const QString& language : appLanguages()) {
    setLanguage(language);
    for (const FormFactor& form : kioskOnly ? QList<FormFactor>{} : screenshotFormFactors()) {
      window->resize(form.size);
      settle(150);
      for (const QString& screen : harnessScreens()) {
        if (!showScreen(window, screen)) {
          log << "skip " << language << ' ' << form.name << ' ' << screen << " (no data for it)\n";
          continue;
        }
        settle(250);
        const QImage image = window->grabWindow();
        const QString path = QDir(dir).filePath(language + QLatin1Char('_') + form.name + QLatin1Char('_') + screen +
                                                QStringLiteral(".png"));
        if (image.isNull() || !image.save(path)) {
          log << "cannot write " << path << '\n';
          return 1;
        }
        log << path << Qt::endl;
        ++written;
      }
    }
    // The wall tablet: a 10" 1280×800 screen.
    window->resize(QSize(1280, 800));
    settle(150);
    for (const QString& screen : kioskScreens()) {
      if (!showScreen(window, screen)) {
        log << "skip " << language << " kiosk " << screen << " (no data for it)\n";
        continue;
      }
      settle(300);
      const QImage image = window->grabWindow();
      const QString path = QDir(dir).filePath(language + QStringLiteral("_") + screen + QStringLiteral(".png"));
      if (image.isNull() || !image.save(path)) {
        log << "cannot write " << path << '\n';
        return 1;
      }
      log << path << Qt::endl;
      ++written;
    }
  }
  showScreen(window, QStringLiteral("sites"));
  log.flush();
  return written > 0 ? 0 : 1;
}

}  // namespace secap::field

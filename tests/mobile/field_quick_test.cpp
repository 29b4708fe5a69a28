// The field app's Qt Quick tests (tests/mobile/quick/tst_*.qml): the real
// pages over the real AppController, synced with a real secap-syncserver
// running in this process on loopback, seeded with the server's demo data.
// QML reaches the server through the TestEnv singleton (module
// SecapFieldTest): stop it to go offline, start it again on the same port,
// and look at what arrived.
//
// The device enrolls as a field phone, or with SECAP_QUICK_DEVICE_ROLE=kiosk
// as a wall tablet bound to the town's first school (quick/kiosk/).

#include <QtQuickTest/quicktest.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>
#include <QtQml/QQmlExtensionPlugin>
#include <memory>
#include <optional>

#include "app_controller.h"
#include "demo_data.h"
#include "enrollment.h"
#include "ingest.h"
#include "kiosk_pins.h"
#include "municipality_progress.h"
#include "qml_harness.h"
#include "reports.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"
#include "secap/core/local_store.h"
#include "secap/core/report.h"
#include "secap/core/sync_transport.h"
#include "server.h"
#include "translations.h"

Q_IMPORT_QML_PLUGIN(SecapFieldPlugin)

namespace {

namespace server = secap::server;
namespace core = secap::core;

class TestEnv : public QObject {
  Q_OBJECT
  Q_PROPERTY(QString enrollmentCode READ enrollmentCode CONSTANT)
  Q_PROPERTY(QString municipalityName READ municipalityName CONSTANT)
  Q_PROPERTY(bool serverRunning READ serverRunning NOTIFY serverRunningChanged)
  Q_PROPERTY(QString deviceRole READ deviceRole CONSTANT)
  Q_PROPERTY(QString kioskSiteName READ kioskSiteName CONSTANT)
  // Qt Virtual Keyboard is the input method, as --kiosk makes it.
  Q_PROPERTY(bool virtualKeyboard READ virtualKeyboard CONSTANT)

 public:
  explicit TestEnv(QString dir, QString role) : m_dir(std::move(dir)), m_role(std::move(role)) {}
  ~TestEnv() override {
    if (m_server) m_server->shutdown(1000);
  }

  QString enrollmentCode() const { return m_code; }
  QString municipalityName() const { return QStringLiteral("Bydgoszcz"); }
  bool serverRunning() const { return m_server != nullptr; }
  int port() const { return m_port; }
  QString deviceRole() const { return m_role; }
  // The school a kiosk is bound to ("" for a field device).
  QString kioskSiteName() const { return m_kioskSiteName; }
  bool virtualKeyboard() const { return qEnvironmentVariable("QT_IM_MODULE") == QLatin1String("qtvirtualkeyboard"); }

  // Starts the server (on the port of its first start, after that), seeded
  // with the demo data the first time. False when it cannot start.
  Q_INVOKABLE bool startServer() {
    if (m_server) return true;
    server::ServerConfig config;
    config.dataDir = QDir(m_dir).filePath(QStringLiteral("server")).toStdString();
    config.grpcAddress = "127.0.0.1:" + std::to_string(m_port);
    config.httpAddress = "127.0.0.1:0";
    auto srv = std::make_unique<server::SyncServer>(config);
    if (auto st = srv->start(); !st.isOk()) {
      qWarning("the test server did not start: %s", st.toString().c_str());
      return false;
    }
    m_port = srv->grpcPort();
    m_server = std::move(srv);
    if (m_code.isEmpty()) {
      secap::v1::PushRequest req;
      // With the demo's photos, whose bytes are stored first.
      std::vector<server::DemoBlob> photos;
      for (const auto& c : server::generateDemoData({.nowMs = core::SystemClock::instance().nowMs()}, &photos))
        *req.add_changes() = c;
      for (const auto& p : photos)
        if (!m_server->blobs()->put(p.sha256, p.bytes).isOk()) return false;
      auto seeded =
          server::applyPush(m_server->store(), server::serverWriter(), req, core::SystemClock::instance().nowMs());
      if (!seeded.isOk()) return false;
      std::vector<std::string> sites;
      if (m_role == QStringLiteral("kiosk")) {
        const auto school = firstSchool();
        if (!school) return false;
        sites = {school->id()};
        m_kioskSiteName = QString::fromStdString(school->name());
      }
      auto code =
          server::issueEnrollmentCode(m_server->store(), server::demoMunicipalityId("Bydgoszcz"), m_role.toStdString(),
                                      core::SystemClock::instance(), 24LL * 3600 * 1000, sites);
      if (!code.isOk()) return false;
      m_code = QString::fromStdString(*code);
    }
    emit serverRunningChanged();
    return true;
  }

  // The device is offline from now on: nothing answers on the port.
  Q_INVOKABLE void stopServer() {
    if (!m_server) return;
    m_server->shutdown(1000);
    m_server.reset();
    emit serverRunningChanged();
  }

  // A JPEG photo file to attach, as a phone camera would leave it.
  Q_INVOKABLE QUrl testPhoto() {
    QImage image(1200, 900, QImage::Format_RGB32);
    image.fill(QColor(0x6A, 0x8F, 0x5E));
    QPainter p(&image);
    p.fillRect(QRect(200, 150, 800, 600), QColor(0xD8, 0xD2, 0xC0));
    p.end();
    const QString path = QDir(m_dir).filePath(QStringLiteral("site-photo-%1.jpg").arg(++m_photos));
    image.save(path, "JPEG", 85);
    return QUrl::fromLocalFile(path);
  }

  // What the server holds of a progress update: {exists, percent, spent,
  // note, indicators: [{key, value, unit}], attachmentIds, photosStored}.
  Q_INVOKABLE QVariantMap serverProgressUpdate(const QString& id) {
    QVariantMap out{{QStringLiteral("exists"), false}};
    if (!m_server) return out;
    auto e = m_server->store().entity(core::EntityType::kProgressUpdate, id.toStdString());
    if (!e.isOk() || !e->has_value()) return out;
    const auto& u = (*e)->entity.progress_update();
    out.insert(QStringLiteral("exists"), true);
    out.insert(QStringLiteral("status"), static_cast<int>(u.status()));
    if (u.has_percent_complete()) out.insert(QStringLiteral("percent"), u.percent_complete());
    if (u.has_spent_eur()) out.insert(QStringLiteral("spent"), u.spent_eur());
    out.insert(QStringLiteral("note"), QString::fromStdString(u.note()));
    QVariantList indicators;
    for (const auto& i : u.indicators())
      indicators.append(QVariantMap{{QStringLiteral("key"), QString::fromStdString(i.key())},
                                    {QStringLiteral("value"), i.value()},
                                    {QStringLiteral("unit"), QString::fromStdString(i.unit())}});
    out.insert(QStringLiteral("indicators"), indicators);
    int stored = 0;
    for (const auto& a : u.attachment_ids()) {
      auto att = m_server->store().entity(core::EntityType::kAttachment, a);
      if (!att.isOk() || !att->has_value()) continue;
      auto has = m_server->blobs()->exists((*att)->entity.attachment().sha256());
      if (has.isOk() && *has) ++stored;
    }
    out.insert(QStringLiteral("attachmentIds"), u.attachment_ids_size());
    out.insert(QStringLiteral("photosStored"), stored);
    return out;
  }

  // What the server holds of an inspection: {exists, outcome, answers (how
  // many), findings, hasLocation, latitude, longitude, accuracy, amendsId,
  // photosStored}.
  Q_INVOKABLE QVariantMap serverInspection(const QString& id) {
    QVariantMap out{{QStringLiteral("exists"), false}};
    if (!m_server) return out;
    auto e = m_server->store().entity(core::EntityType::kInspection, id.toStdString());
    if (!e.isOk() || !e->has_value()) return out;
    const auto& i = (*e)->entity.inspection();
    out.insert(QStringLiteral("exists"), true);
    out.insert(QStringLiteral("outcome"), static_cast<int>(i.outcome()));
    out.insert(QStringLiteral("answers"), i.answers_size());
    out.insert(QStringLiteral("findings"), QString::fromStdString(i.findings()));
    out.insert(QStringLiteral("hasLocation"), i.has_location());
    out.insert(QStringLiteral("latitude"), i.location().lat());
    out.insert(QStringLiteral("longitude"), i.location().lon());
    out.insert(QStringLiteral("accuracy"), i.location().has_accuracy_m() ? i.location().accuracy_m() : -1.0);
    out.insert(QStringLiteral("amendsId"), QString::fromStdString(i.amends_inspection_id()));
    int stored = 0;
    for (const auto& a : i.attachment_ids()) {
      auto att = m_server->store().entity(core::EntityType::kAttachment, a);
      if (!att.isOk() || !att->has_value()) continue;
      auto has = m_server->blobs()->exists((*att)->entity.attachment().sha256());
      if (has.isOk() && *has) ++stored;
    }
    out.insert(QStringLiteral("photosStored"), stored);
    return out;
  }

  // The draft as a fresh start of the app finds it in the device database
  // (a second connection to the file): {exists, answers, findings, photos}.
  Q_INVOKABLE QVariantMap draftOnDisk(const QString& dataDir, const QString& id) {
    QVariantMap out{{QStringLiteral("exists"), false}};
    auto store = core::LocalStore::open(secap::field::storePath(dataDir).toStdString());
    if (!store.isOk()) return out;
    auto draft = (*store)->inspectionDraft(id.toStdString());
    if (!draft) return out;
    out.insert(QStringLiteral("exists"), true);
    out.insert(QStringLiteral("answers"), draft->inspection.answers_size());
    out.insert(QStringLiteral("findings"), QString::fromStdString(draft->inspection.findings()));
    out.insert(QStringLiteral("photos"), static_cast<int>(draft->photos.size()));
    return out;
  }

  // The coordinator gives a caretaker a kiosk PIN for a site of the town
  // (`siteId`, or the first school when empty), as `admin kiosk-pin` does;
  // devices learn of it at their next pull. Returns the person's id.
  Q_INVOKABLE QString addCaretaker(const QString& name, const QString& pin, const QString& siteId) {
    if (!m_server) return {};
    std::string site = siteId.toStdString();
    if (site.empty()) {
      const auto school = firstSchool();
      if (!school) return {};
      site = school->id();
    }
    server::KioskPinRequest request;
    request.municipalityId = server::demoMunicipalityId("Bydgoszcz");
    request.displayName = name.toStdString();
    request.sites = {site};
    request.pin = pin.toStdString();
    auto id = server::setKioskPin(m_server->store(), request, core::SystemClock::instance(), "test");
    if (!id.isOk()) {
      qWarning("the caretaker was not added: %s", id.status().toString().c_str());
      return {};
    }
    return QString::fromStdString(*id);
  }

  // Whether a photo file on the device holds the bytes of an attachment the
  // server lets the public see (publishable, not redacted): files are named
  // by their sha256 (attachment_fetcher.h).
  Q_INVOKABLE bool isPublishedPhoto(const QUrl& file) {
    if (!m_server) return false;
    const std::string sha = QFileInfo(file.toLocalFile()).fileName().toStdString();
    auto records = m_server->store().entitiesOf(core::EntityType::kAttachment, server::demoMunicipalityId("Bydgoszcz"));
    if (!records.isOk()) return false;
    for (const auto& r : *records)
      if (r.entity.attachment().sha256() == sha && r.entity.attachment().publishable() &&
          !r.entity.attachment().redacted())
        return true;
    return false;
  }

  // The coordinator adds a photo that is not for the public (staff in the
  // picture) to the report of a completed measure, beside its published one
  // (a report is append-only: the photo names it as its owner).
  // Returns the attachment's id.
  Q_INVOKABLE QString addUnpublishedPhoto() {
    if (!m_server) return {};
    auto updates =
        m_server->store().entitiesOf(core::EntityType::kProgressUpdate, server::demoMunicipalityId("Bydgoszcz"));
    if (!updates.isOk()) return {};
    const secap::v1::ProgressUpdate* completed = nullptr;
    for (const auto& u : *updates)
      if (u.entity.progress_update().status() == secap::v1::PROGRESS_STATUS_COMPLETED &&
          u.entity.progress_update().attachment_ids_size() > 0)
        completed = &u.entity.progress_update();
    if (!completed) return {};
    const QUrl file = testPhoto();
    QFile in(file.toLocalFile());
    if (!in.open(QIODevice::ReadOnly)) return {};
    const QByteArray bytes = in.readAll();
    const std::string_view view(bytes.constData(), static_cast<size_t>(bytes.size()));
    const std::string sha = core::sha256Hex(view);
    if (!m_server->blobs()->put(sha, view).isOk()) return {};
    const auto& clock = core::SystemClock::instance();
    secap::v1::PushRequest req;
    auto* a = req.add_changes();
    const std::string id = core::newUuidV7(clock);
    a->set_change_id(core::newUuidV7(clock));
    a->set_entity_id(id);
    a->set_hlc(core::makeHlc(clock.nowMs(), 0));
    auto* att = a->mutable_attachment();
    att->set_id(id);
    att->set_sha256(sha);
    att->set_mime("image/jpeg");
    att->set_size(bytes.size());
    att->set_owner_type("progress_update");
    att->set_owner_id(completed->id());
    att->set_caption("Staff in the boiler room");
    att->set_publishable(false);
    auto done = server::applyPush(m_server->store(), server::serverWriter(), req, clock.nowMs());
    if (!done.isOk()) return {};
    for (const auto& r : done->results())
      if (r.outcome() != secap::v1::ACCEPTED) {
        qWarning("the unpublished photo was refused: %s %s", r.reason_code().c_str(), r.message().c_str());
        return {};
      }
    return QString::fromStdString(id);
  }

  // How many attachments of the town are not for the public (unpublished or
  // redacted): the kiosk test checks there are some to leave out.
  Q_INVOKABLE int privatePhotoCount() {
    if (!m_server) return 0;
    auto records = m_server->store().entitiesOf(core::EntityType::kAttachment, server::demoMunicipalityId("Bydgoszcz"));
    if (!records.isOk()) return 0;
    int n = 0;
    for (const auto& r : *records)
      if (!r.entity.attachment().publishable() || r.entity.attachment().redacted()) ++n;
    return n;
  }

  // A cumulative meter of the town with readings, as the server holds it:
  // {meterId, digits, lastValue}; empty when there is none.
  Q_INVOKABLE QVariantMap aCumulativeMeter() {
    if (!m_server) return {};
    auto records = m_server->store().recordsOf(server::demoMunicipalityId("Bydgoszcz"));
    if (!records.isOk()) return {};
    for (const auto& m : *records) {
      if (m.type != core::EntityType::kMeter) continue;
      const auto& meter = m.entity.meter();
      if (meter.kind() == secap::v1::METER_KIND_PERIOD || meter.register_digits() < 5 || meter.has_removed_at())
        continue;
      double last = 0;
      int64_t lastAt = 0;
      for (const auto& r : *records)
        if (r.type == core::EntityType::kReading && r.entity.reading().meter_id() == meter.id() &&
            r.entity.reading().taken_at() > lastAt) {
          lastAt = r.entity.reading().taken_at();
          last = r.entity.reading().value();
        }
      if (lastAt == 0 || last < 10000) continue;
      return {{QStringLiteral("meterId"), QString::fromStdString(meter.id())},
              {QStringLiteral("digits"), meter.register_digits()},
              {QStringLiteral("lastValue"), last}};
    }
    return {};
  }

  // The coordinator changes a meter's register digits on the server (a
  // meter exchanged for a smaller one); devices learn of it at their next pull.
  Q_INVOKABLE bool setRegisterDigits(const QString& meterId, int digits) {
    if (!m_server) return false;
    secap::v1::PushRequest req;
    auto* c = req.add_changes();
    c->set_change_id(core::newUuidV7(core::SystemClock::instance()));
    c->set_entity_id(meterId.toStdString());
    c->set_hlc(core::makeHlc(core::SystemClock::instance().nowMs(), 0));
    c->mutable_meter()->set_id(meterId.toStdString());
    c->mutable_meter()->set_register_digits(digits);
    c->add_fields("register_digits");
    auto done =
        server::applyPush(m_server->store(), server::serverWriter(), req, core::SystemClock::instance().nowMs());
    return done.isOk() && done->results(0).outcome() == secap::v1::ACCEPTED;
  }

  // A reading as the server holds it: {exists, value}.
  Q_INVOKABLE QVariantMap serverReading(const QString& id) {
    QVariantMap out{{QStringLiteral("exists"), false}};
    if (!m_server) return out;
    auto e = m_server->store().entity(core::EntityType::kReading, id.toStdString());
    if (!e.isOk() || !e->has_value()) return out;
    out.insert(QStringLiteral("exists"), true);
    out.insert(QStringLiteral("value"), (*e)->entity.reading().value());
    out.insert(QStringLiteral("note"), QString::fromStdString((*e)->entity.reading().note()));
    return out;
  }

  // The reason codes of docs/PROTOCOL.md's table, or (flags) the quality
  // flags of its "Quality flags" section.
  Q_INVOKABLE QStringList protocolCodes(bool flags) const {
    QFile file(QStringLiteral(SECAP_PROTOCOL_MD));
    if (!file.open(QIODevice::ReadOnly)) return {};
    QString text = QString::fromUtf8(file.readAll());
    const qsizetype flagsAt = text.indexOf(QStringLiteral("## Quality flags"));
    if (flagsAt < 0) return {};
    if (flags) {
      text = text.mid(flagsAt);
      const qsizetype next = text.indexOf(QStringLiteral("\n## "), 3);
      if (next > 0) text = text.left(next);
    } else {
      text = text.left(flagsAt);
    }
    QStringList out;
    static const QRegularExpression row(QStringLiteral("^\\| `([a-z_0-9]+\\.[a-z_0-9]+)` \\|"),
                                        QRegularExpression::MultilineOption);
    for (auto it = row.globalMatch(text); it.hasNext();) {
      const QString code = it.next().captured(1);
      if (!out.contains(code)) out << code;
    }
    return out;
  }

  // The app's language for what follows ("" for the system's).
  Q_INVOKABLE void useLanguage(const QString& code) {
    secap::field::applyLanguage(*QCoreApplication::instance(), code, QLocale(QLocale::English));
  }

  // The server's MonitoringService report of the town, as the app's
  // MunicipalityProgress map.
  Q_INVOKABLE QVariantMap serverReport() {
    if (!m_server) return {};
    // The server's records as its report reads them (rollups, not readings).
    auto records = server::monitoringRecordsOf(m_server->store(), server::demoMunicipalityId("Bydgoszcz"));
    if (!records.isOk()) return {};
    return secap::field::progressMap(core::municipalityReport(*records));
  }

 signals:
  void serverRunningChanged();

 private:
  // The town's first school, as the server holds it.
  std::optional<secap::v1::Site> firstSchool() {
    auto records = m_server->store().entitiesOf(core::EntityType::kSite, server::demoMunicipalityId("Bydgoszcz"));
    if (!records.isOk()) return std::nullopt;
    for (const auto& r : *records)
      if (r.entity.site().kind() == secap::v1::SITE_KIND_SCHOOL) return r.entity.site();
    return std::nullopt;
  }

  QString m_dir;
  QString m_role;
  QString m_kioskSiteName;
  std::unique_ptr<server::SyncServer> m_server;
  int m_port = 0;
  QString m_code;
  int m_photos = 0;
};

class Setup : public QObject {
  Q_OBJECT

 public slots:
  void applicationAvailable() {
    QStandardPaths::setTestModeEnabled(true);
    QQuickStyle::setStyle(QStringLiteral("Material"));
    const QString role = qEnvironmentVariable("SECAP_QUICK_DEVICE_ROLE", QStringLiteral("field"));
    m_env = std::make_unique<TestEnv>(m_dir.path(), role);
    if (!m_env->startServer()) qFatal("the test server did not start");
    const QString appDir = QDir(m_dir.path()).filePath(QStringLiteral("app"));
    QDir().mkpath(appDir);
    auto store = core::LocalStore::open(secap::field::storePath(appDir).toStdString());
    if (!store.isOk()) qFatal("the device store did not open: %s", store.status().toString().c_str());
    m_app = std::make_unique<secap::field::AppController>(
        std::move(store).value(),
        [](const std::string& target, const std::string&) { return core::makeGrpcTransport(target, 5000); }, appDir);
    m_app->setServerAddress(QStringLiteral("127.0.0.1:%1").arg(m_env->port()));
    m_app->startSync();
    secap::field::AppSingleton::setInstance(m_app.get());
  }

  void qmlEngineAvailable(QQmlEngine* engine) {
    secap::field::prepareEngine(*engine);
    qmlRegisterSingletonInstance("SecapFieldTest", 1, 0, "TestEnv", m_env.get());
  }

  void cleanupTestCase() {
    m_app.reset();
    m_env.reset();
  }

 private:
  QTemporaryDir m_dir;
  std::unique_ptr<TestEnv> m_env;
  std::unique_ptr<secap::field::AppController> m_app;
};

}  // namespace

QUICK_TEST_MAIN_WITH_SETUP(field_quick_test, Setup)

#include "field_quick_test.moc"

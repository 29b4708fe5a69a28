// field_demo_fixture: writes the demo device store into a data directory, so
// `secap-field --data-dir DIR` (and its --screenshots) has something real to
// show without a server. Not installed; used by the tests and developers.
//
//   field_demo_fixture --data-dir DIR [--fresh] [--municipality zyrakow|schwabisch-hall]
//                      [--pending N] [--not-enrolled]
//   field_demo_fixture --data-dir DIR [--fresh] --server-demo NAME [--role ROLE] [--not-enrolled]
//
// The second form writes the server's demo dataset as a device of the seed
// municipality NAME (e.g. Bydgoszcz) holds it: measures, progress, the
// published inventories and the offline progress report's inputs.

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QGuiApplication>
#include <QTextStream>

#include "app_controller.h"
#include "demo_fixture.h"

int main(int argc, char** argv) {
  // A QGuiApplication (offscreen unless told otherwise): the demo photos are
  // drawn with fonts.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  QCommandLineParser parser;
  parser.addHelpOption();
  const QCommandLineOption dirOpt("data-dir", "The app's data directory.", "DIR");
  const QCommandLineOption freshOpt("fresh", "Delete the directory first.");
  const QCommandLineOption muniOpt("municipality", "zyrakow or schwabisch-hall.", "NAME", "zyrakow");
  const QCommandLineOption pendingOpt("pending", "Local readings left waiting to sync.", "N", "1");
  const QCommandLineOption notEnrolledOpt("not-enrolled", "Leave the device unenrolled.");
  const QCommandLineOption serverDemoOpt("server-demo", "The server's demo data of this seed municipality.", "NAME");
  const QCommandLineOption roleOpt("role", "The device's role (with --server-demo).", "ROLE", "field");
  const QCommandLineOption refusedOpt("refused-reading",
                                      "With --server-demo: a reading of this device the server refused.");
  const QCommandLineOption roundOpt("round-started",
                                    "With --server-demo: this month's readings due, the first site read today.");
  const QCommandLineOption caretakerOpt(
      "caretaker", "With --server-demo: a caretaker with a kiosk PIN (2468) for the first school.");
  parser.addOptions({dirOpt, freshOpt, muniOpt, pendingOpt, notEnrolledOpt, serverDemoOpt, roleOpt, refusedOpt,
                     roundOpt, caretakerOpt});
  parser.process(app);

  QTextStream err(stderr);
  const QString dir = parser.value(dirOpt);
  if (dir.isEmpty()) {
    err << "field_demo_fixture: --data-dir is required\n";
    return 2;
  }
  if (parser.isSet(freshOpt)) QDir(dir).removeRecursively();
  if (!QDir().mkpath(dir)) {
    err << "field_demo_fixture: cannot create " << dir << '\n';
    return 2;
  }
  auto store = secap::core::LocalStore::open(secap::field::storePath(dir).toStdString());
  if (!store.isOk()) {
    err << "field_demo_fixture: " << QString::fromStdString(store.status().toString()) << '\n';
    return 1;
  }
  if (parser.isSet(serverDemoOpt)) {
    secap::field::testing::ServerDemoOptions options;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    options.municipality = parser.value(serverDemoOpt).toStdString();
    options.enrolled = !parser.isSet(notEnrolledOpt);
    options.role = parser.value(roleOpt).toStdString();
    options.dataDir = dir.toStdString();
    options.refusedReading = parser.isSet(refusedOpt);
    options.roundStarted = parser.isSet(roundOpt);
    options.caretaker = parser.isSet(caretakerOpt);
    const auto ids = secap::field::testing::populateServerDemoStore(**store, options);
    QTextStream(stdout) << "demo data of " << parser.value(serverDemoOpt) << " (" << ids.changes << " records, "
                        << ids.measures << " measures) written to " << dir << '\n';
    return 0;
  }
  secap::field::testing::DemoOptions options;
  options.nowMs = QDateTime::currentMSecsSinceEpoch();
  options.enrolled = !parser.isSet(notEnrolledOpt);
  options.municipality = parser.value(muniOpt).toStdString();
  options.dataDir = dir.toStdString();
  const auto ids = secap::field::testing::populateDemoStore(**store, options);

  // Readings recorded on this device and not yet pushed.
  const int pending = parser.value(pendingOpt).toInt();
  for (int i = 0; i < pending; ++i) {
    secap::v1::Reading r;
    r.set_meter_id(i % 2 == 0 ? ids.schoolGasId : ids.schoolElectricityId);
    r.set_value(i % 2 == 0 ? ids.schoolGasLatest + 64 + i : ids.schoolElectricityLatest + 120 + i);
    r.set_taken_at(options.nowMs - (pending - i) * 60'000);
    auto saved = (*store)->recordReading(r);
    if (!saved.isOk()) {
      err << "field_demo_fixture: " << QString::fromStdString(saved.status().toString()) << '\n';
      return 1;
    }
  }
  QTextStream(stdout) << "demo data written to " << dir << '\n';
  return 0;
}

#include "demo_fixture.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <vector>

#include "demo_data.h"
#include "photo_draft.h"
#include "secap/core/entity.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"
#include "secap/core/kiosk_pin.h"
#include "secap/core/progress.h"
#include "secap/core/quality.h"
#include "secap/core/readings_due.h"

namespace secap::field::testing {

namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

class PageBuilder {
 public:
  explicit PageBuilder(int64_t nowMs) : m_clock(nowMs - 400 * kDayMs), m_now(nowMs) {}

  std::string newId() { return core::newUuidV7(m_clock); }

  secap::v1::Change* add(const std::string& entityId) {
    auto* c = m_page.add_changes();
    c->set_change_id(newId());
    c->set_entity_id(entityId);
    c->set_hlc(core::makeHlc(m_now - 60 * 60 * 1000, static_cast<uint16_t>(++m_seq)));
    c->set_server_seq(m_seq);
    c->set_origin_device_id("server");
    c->set_received_at_ms(m_now - 60 * 60 * 1000);
    return c;
  }

  std::string municipality(const std::string& name, const std::string& country, const std::string& tz,
                           int64_t population) {
    const std::string id = newId();
    auto* m = add(id)->mutable_municipality();
    m->set_id(id);
    m->set_name(name);
    m->set_country(country);
    m->set_time_zone(tz);
    m->set_population(population);
    m->set_baseline_year(2013);
    m->set_target_year(2030);
    m->set_target_reduction_pct(40);
    m->set_emission_factor_approach(secap::v1::EMISSION_FACTOR_APPROACH_IPCC);
    return id;
  }

  std::string site(const std::string& municipalityId, const std::string& name, secap::v1::SiteKind kind,
                   const std::string& address, double area = 0, int yearBuilt = 0) {
    const std::string id = newId();
    auto* s = add(id)->mutable_site();
    s->set_id(id);
    s->set_municipality_id(municipalityId);
    s->set_name(name);
    s->set_kind(kind);
    s->set_com_sector("municipal_buildings");
    s->set_address(address);
    if (area > 0) s->set_heated_area_m2(area);
    if (yearBuilt > 0) s->set_year_built(yearBuilt);
    return id;
  }

  std::string meter(const std::string& siteId, const std::string& serial, secap::v1::Carrier carrier,
                    secap::v1::Unit unit, int digits) {
    const std::string id = newId();
    auto* m = add(id)->mutable_meter();
    m->set_id(id);
    m->set_site_id(siteId);
    m->set_serial(serial);
    m->set_label_code("SECAP:" + serial);
    m->set_carrier(carrier);
    m->set_unit(unit);
    m->set_kind(secap::v1::METER_KIND_CUMULATIVE);
    m->set_register_digits(digits);
    m->set_multiplier(1);
    if (unit == secap::v1::UNIT_M3 && carrier == secap::v1::CARRIER_NATURAL_GAS) {
      m->set_calorific_value_kwh_per_unit(11.4);
    }
    return id;
  }

  // Monthly readings, oldest first, ending `lastAgoDays` before now.
  // Returns the latest value.
  double monthlyReadings(const std::string& meterId, int count, double start, double perMonth, int lastAgoDays,
                         int flaggedIndex = -1) {
    double value = start;
    for (int i = 0; i < count; ++i) {
      // Mornings, a few minutes apart from month to month.
      const int64_t day = (m_now / kDayMs - (static_cast<int64_t>(count - 1 - i) * 30 + lastAgoDays)) * kDayMs;
      const int64_t takenAt = day + 7 * 3600000LL + ((i * 37 + count * 11) % 180) * 60000LL;
      // Winter months use more.
      const double season = 1.0 + 0.35 * ((i % 12) < 3 || (i % 12) > 9 ? 1 : 0);
      value += perMonth * season;
      const std::string id = newId();
      auto* r = add(id)->mutable_reading();
      r->set_id(id);
      r->set_meter_id(meterId);
      r->set_taken_at(takenAt);
      double shown = value;
      if (i == flaggedIndex) {
        shown = value - perMonth * 3;  // A misread digit, flagged by the server.
        r->add_quality_flags("reading.not_monotonic");
      }
      r->set_value(static_cast<double>(static_cast<int64_t>(shown * 10)) / 10.0);
      r->set_kind(secap::v1::READING_KIND_ACTUAL);
      r->set_source(secap::v1::READING_SOURCE_MANUAL);
      r->set_recorded_by("demo");
    }
    return static_cast<double>(static_cast<int64_t>(value * 10)) / 10.0;
  }

  // The newest `n` readings of a meter in this page, newest first.
  std::vector<secap::v1::Reading*> latestReadings(const std::string& meterId, int n) {
    std::vector<secap::v1::Reading*> out;
    for (int i = m_page.changes_size() - 1; i >= 0 && static_cast<int>(out.size()) < n; --i) {
      auto* c = m_page.mutable_changes(i);
      if (c->has_reading() && c->reading().meter_id() == meterId) out.push_back(c->mutable_reading());
    }
    return out;
  }

  void attachment(const secap::v1::Attachment& a) { *add(a.id())->mutable_attachment() = a; }

  // A change the server already made (the demo generator's), as a pull
  // delivers it: a server sequence number and the server as its origin.
  void take(const secap::v1::Change& change) {
    auto* c = m_page.add_changes();
    *c = change;
    c->set_server_seq(++m_seq);
    c->set_origin_device_id("server");
    c->set_received_at_ms(m_now - 60 * 60 * 1000);
  }

  secap::v1::PullResponse finish() {
    m_page.set_last_seq(m_seq);
    m_page.set_has_more(false);
    m_page.set_server_time_ms(m_now);
    return m_page;
  }

 private:
  core::ManualClock m_clock;
  int64_t m_now;
  int64_t m_seq = 0;
  secap::v1::PullResponse m_page;
};

// A photo of an electricity meter as a phone would take it: the meter on a
// wall, its register showing `value`, and its serial on a sticker.
QImage meterPhoto(double value, const QString& serial) {
  QImage image(1600, 1200, QImage::Format_RGB32);
  QPainter p(&image);
  p.setRenderHint(QPainter::Antialiasing);
  QLinearGradient wall(0, 0, 1600, 1200);
  wall.setColorAt(0, QColor(0xD9, 0xD2, 0xC3));
  wall.setColorAt(1, QColor(0xB8, 0xB0, 0xA0));
  p.fillRect(image.rect(), wall);
  // The meter's housing, with a soft shadow.
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(0, 0, 0, 60));
  p.drawRoundedRect(QRectF(330, 170, 980, 900), 40, 40);
  QLinearGradient body(0, 150, 0, 1050);
  body.setColorAt(0, QColor(0xF4, 0xF4, 0xF1));
  body.setColorAt(1, QColor(0xD6, 0xD8, 0xD4));
  p.setBrush(body);
  p.drawRoundedRect(QRectF(300, 140, 980, 900), 40, 40);
  // The register: white digits on black drums, the last one red.
  const QString digits = QStringLiteral("%1").arg(static_cast<qint64>(value), 6, 10, QLatin1Char('0')).right(6);
  const QRectF window(420, 330, 740, 190);
  p.setBrush(QColor(0x22, 0x24, 0x26));
  p.drawRoundedRect(window, 14, 14);
  QFont font(QStringLiteral("DejaVu Sans Mono"));
  font.setPixelSize(120);
  font.setBold(true);
  p.setFont(font);
  for (int i = 0; i < 7; ++i) {
    const QRectF cell(440 + i * 100, 350, 88, 150);
    p.setPen(Qt::NoPen);
    p.setBrush(i == 6 ? QColor(0xB0, 0x1E, 0x1E) : QColor(0x10, 0x10, 0x10));
    p.drawRoundedRect(cell, 8, 8);
    p.setPen(QColor(0xF2, 0xF2, 0xF2));
    const QString d = i < 6 ? digits.mid(i, 1) : QString::number(static_cast<qint64>(value * 10) % 10);
    p.drawText(cell, Qt::AlignCenter, d);
  }
  font.setPixelSize(56);
  font.setBold(false);
  p.setFont(font);
  p.setPen(QColor(0x30, 0x30, 0x30));
  p.drawText(QRectF(420, 540, 740, 80), Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("kWh"));
  p.drawText(QRectF(420, 540, 740, 80), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("3 ~ 230/400 V"));
  // The serial on a sticker.
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(0xFF, 0xF6, 0xD5));
  p.drawRoundedRect(QRectF(420, 700, 520, 130), 10, 10);
  font.setPixelSize(60);
  font.setBold(true);
  p.setFont(font);
  p.setPen(QColor(0x20, 0x20, 0x20));
  p.drawText(QRectF(420, 700, 520, 130), Qt::AlignCenter, serial);
  p.end();
  return image;
}

void check(const core::Status& st, const char* what) {
  if (st.isOk()) return;
  std::fprintf(stderr, "demo fixture: %s failed: %s\n", what, st.toString().c_str());
  std::abort();
}

// Photos of the two latest readings of a meter in the page, as taken on this
// device and synced: JPEG files in the app's photo folder and their
// Attachment records. Returns how many.
int addReadingPhotos(PageBuilder& b, const QString& dataDir, const std::string& meterId, const QString& serial) {
  QDir().mkpath(photoDirectory(dataDir));
  int added = 0;
  for (secap::v1::Reading* reading : b.latestReadings(meterId, 2)) {
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    meterPhoto(reading->value(), serial).save(&buffer, "JPEG", 85);
    secap::v1::Attachment a;
    a.set_id(b.newId());
    a.set_sha256(QCryptographicHash::hash(jpeg, QCryptographicHash::Sha256).toHex().toStdString());
    a.set_mime("image/jpeg");
    a.set_size(jpeg.size());
    a.set_width(1600);
    a.set_height(1200);
    a.set_taken_at(reading->taken_at());
    a.set_owner_type("reading");
    a.set_owner_id(reading->id());
    reading->set_photo_attachment_id(a.id());
    b.attachment(a);
    QFile file(photoFilePath(dataDir, QString::fromStdString(a.id())));
    if (!file.open(QIODevice::WriteOnly) || file.write(jpeg) != jpeg.size()) {
      std::fprintf(stderr, "demo fixture: cannot write %s\n", qPrintable(file.fileName()));
      std::abort();
    }
    ++added;
  }
  return added;
}

// Makes the store an enrolled device of `municipalityId`, synced a few
// minutes ago.
void enroll(core::LocalStore& store, const std::string& deviceId, const std::string& municipalityId,
            const std::string& role, int64_t nowMs) {
  check(store.setState(core::state_keys::kDeviceId, deviceId), "setState");
  check(store.setAccessToken("demo-token"), "setAccessToken");
  check(store.setState(core::state_keys::kMunicipalityId, municipalityId), "setState");
  check(store.setState(core::state_keys::kRole, role), "setState");
  check(store.setState(core::state_keys::kLastSyncMs, std::to_string(nowMs - 7 * 60 * 1000)), "setState");
}

}  // namespace

DemoIds populateDemoStore(core::LocalStore& store, const DemoOptions& options) {
  using namespace secap::v1;
  PageBuilder b(options.nowMs);
  DemoIds ids;

  ids.municipalityId = b.municipality("Żyraków", "PL", "Europe/Warsaw", 15800);
  const std::string palecznica = b.municipality("Pałecznica", "PL", "Europe/Warsaw", 3700);
  ids.otherMunicipalityId = b.municipality("Schwäbisch Hall", "DE", "Europe/Berlin", 41500);
  const std::string z = ids.municipalityId;

  ids.schoolId = b.site(z, "Szkoła Podstawowa im. Jana Pawła II w Żyrakowie", SITE_KIND_SCHOOL,
                        "Żyraków 195, 39-204 Żyraków", 2840, 1968);
  ids.townHallId =
      b.site(z, "Urząd Gminy Żyraków", SITE_KIND_TOWN_HALL_OR_OFFICE, "Żyraków 183, 39-204 Żyraków", 1120, 1979);
  const std::string kindergarten = b.site(z, "Przedszkole Samorządowe w Straszęcinie", SITE_KIND_KINDERGARTEN,
                                          "Straszęcin 1A, 39-218 Straszęcin", 640, 2011);
  const std::string hall = b.site(z, "Hala sportowa w Woli Żyrakowskiej", SITE_KIND_SPORTS_HALL,
                                  "Wola Żyrakowska 190, 39-204 Żyraków", 1950, 2009);
  const std::string lighting =
      b.site(z, "Oświetlenie uliczne – obwód Góra Ropczycka", SITE_KIND_STREET_LIGHTING_CIRCUIT,
             "Góra Ropczycka, ul. Główna (szafa oświetleniowa SO-7)");
  const std::string wastewater =
      b.site(z, "Oczyszczalnia ścieków w Bobrowej", SITE_KIND_WATER_WASTEWATER, "Bobrowa 12, 39-204 Żyraków");
  const std::string culture =
      b.site(z, "Gminny Ośrodek Kultury w Zasowie", SITE_KIND_CULTURE, "Zasów 70, 39-206 Zasów", 860, 1986);
  ids.sitesInMunicipality = 7;

  ids.schoolElectricityId = b.meter(ids.schoolId, "ZE-40217733", CARRIER_ELECTRICITY, UNIT_KWH, 6);
  ids.schoolGasId = b.meter(ids.schoolId, "G4-1187342", CARRIER_NATURAL_GAS, UNIT_M3, 5);
  const std::string schoolWater = b.meter(ids.schoolId, "W-558120", CARRIER_WATER, UNIT_M3, 5);
  const std::string schoolPv = b.meter(ids.schoolId, "PV-2290017", CARRIER_PV_PRODUCTION, UNIT_KWH, 6);
  ids.schoolMeters = 4;
  ids.schoolElectricityReadings = 13;
  ids.schoolElectricityLatest = b.monthlyReadings(ids.schoolElectricityId, 13, 112'450, 3'950, 12, /*flaggedIndex=*/6);
  ids.schoolGasLatest = b.monthlyReadings(ids.schoolGasId, 13, 48'210, 2'130, 12);
  b.monthlyReadings(schoolWater, 13, 3'120.5, 61.3, 12);
  b.monthlyReadings(schoolPv, 6, 18'300, 2'410, 12);

  const std::string hallElectric = b.meter(ids.townHallId, "ZE-30992114", CARRIER_ELECTRICITY, UNIT_KWH, 6);
  b.monthlyReadings(hallElectric, 8, 64'800, 1'720, 3);
  const std::string hallHeat = b.meter(ids.townHallId, "C-771204", CARRIER_HEATING_OIL, UNIT_L, 6);
  b.monthlyReadings(hallHeat, 5, 9'400, 820, 40);
  const std::string kgElectric = b.meter(kindergarten, "ZE-51130870", CARRIER_ELECTRICITY, UNIT_KWH, 6);
  b.monthlyReadings(kgElectric, 4, 20'150, 1'210, 20);
  b.meter(kindergarten, "G4-2230551", CARRIER_NATURAL_GAS, UNIT_M3, 5);
  const std::string sportsElectric = b.meter(hall, "ZE-60041298", CARRIER_ELECTRICITY, UNIT_KWH, 6);
  b.monthlyReadings(sportsElectric, 6, 88'120, 4'480, 35);
  b.meter(hall, "G6-0098812", CARRIER_NATURAL_GAS, UNIT_M3, 6);
  const std::string lamp = b.meter(lighting, "OS-7-114", CARRIER_ELECTRICITY, UNIT_KWH, 6);
  b.monthlyReadings(lamp, 3, 5'610, 640, 60);
  const std::string pump = b.meter(wastewater, "ZE-22019931", CARRIER_ELECTRICITY, UNIT_KWH, 7);
  b.monthlyReadings(pump, 9, 412'000, 9'800, 8);
  b.meter(culture, "ZE-71502263", CARRIER_ELECTRICITY, UNIT_KWH, 6);
  b.meter(culture, "BIO-0031", CARRIER_BIOMASS, UNIT_KG, 7);

  const std::string palSchool = b.site(palecznica, "Szkoła Podstawowa w Pałecznicy", SITE_KIND_SCHOOL,
                                       "Pałecznica 50, 32-109 Pałecznica", 1480, 1972);
  b.meter(palSchool, "ZE-10020030", CARRIER_ELECTRICITY, UNIT_KWH, 6);
  const std::string rathaus = b.site(ids.otherMunicipalityId, "Rathaus Schwäbisch Hall", SITE_KIND_TOWN_HALL_OR_OFFICE,
                                     "Am Markt 6, 74523 Schwäbisch Hall", 5200, 1735);
  const std::string rathausMeter = b.meter(rathaus, "1ESY-1160-4471", CARRIER_DISTRICT_HEAT, UNIT_MWH, 6);
  b.monthlyReadings(rathausMeter, 6, 1'204.5, 41.2, 9);
  const std::string hallenbad = b.site(ids.otherMunicipalityId, "Hallenbad Schenkenseebad", SITE_KIND_SWIMMING_POOL,
                                       "Schenkenseestraße 4, 74523 Schwäbisch Hall", 3900, 1995);
  b.meter(hallenbad, "1ESY-1160-9902", CARRIER_ELECTRICITY, UNIT_KWH, 7);

  if (!options.dataDir.empty()) {
    ids.schoolElectricityPhotos =
        addReadingPhotos(b, QString::fromStdString(options.dataDir), ids.schoolElectricityId, "ZE-40217733");
  }

  check(store.applyPullPage(b.finish()), "applyPullPage");

  if (options.enrolled) {
    const std::string own = options.municipality == "schwabisch-hall" ? ids.otherMunicipalityId : ids.municipalityId;
    enroll(store, b.newId(), own, "field", options.nowMs);
  }
  return ids;
}

ServerDemoIds populateServerDemoStore(core::LocalStore& store, const ServerDemoOptions& options) {
  ServerDemoIds ids;
  ids.municipalityId = server::demoMunicipalityId(options.municipality);
  if (ids.municipalityId.empty()) {
    std::fprintf(stderr, "demo fixture: %s is not a demo municipality\n", options.municipality.c_str());
    std::abort();
  }
  // The data's own "now": the end of last month when the round is under way.
  int64_t dataNowMs = options.nowMs;
  if (options.roundStarted) {
    const QDate today = QDateTime::fromMSecsSinceEpoch(options.nowMs, Qt::UTC).date();
    dataNowMs = QDateTime(QDate(today.year(), today.month(), 1).addDays(-2), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
  }
  const auto changes = server::generateDemoData({.nowMs = dataNowMs});
  // The municipality each record belongs to, by following its parents;
  // records without one (global reference data) go to every device.
  std::map<std::string, std::string> municipalityOf;
  PageBuilder b(options.nowMs);
  std::string meterForPhotos;
  std::string schoolOfPhotos;
  std::string country;
  std::map<std::string, secap::v1::Meter> meters;
  std::map<std::string, std::vector<core::ReadingPoint>> historyOf;
  for (const auto& c : changes) {
    const core::EntityType type = core::entityTypeOf(c);
    if (type == core::EntityType::kPerson) continue;  // Kiosk PINs: not for a field device.
    std::string municipality;
    if (type == core::EntityType::kMunicipality) {
      municipality = c.entity_id();
    } else {
      const std::string parent = core::parentIdOf(c);
      if (!parent.empty()) {
        auto it = municipalityOf.find(parent);
        municipality = it != municipalityOf.end() ? it->second : parent;
      }
    }
    municipalityOf[c.entity_id()] = municipality;
    if (!municipality.empty() && municipality != ids.municipalityId) continue;
    if (c.has_meter()) meters[c.meter().id()] = c.meter();
    if (c.has_reading() && meters.count(c.reading().meter_id())) {
      // Flagged as the server's ingest flags it, against the meter's history.
      secap::v1::Change flagged = c;
      auto& history = historyOf[c.reading().meter_id()];
      for (const auto& f : core::readingFlags(meters[c.reading().meter_id()], c.reading(), history))
        flagged.mutable_reading()->add_quality_flags(f);
      history.push_back({c.reading().taken_at(), c.reading().value(), c.reading().period_start()});
      b.take(flagged);
    } else {
      b.take(c);
    }
    ++ids.changes;
    if (c.has_municipality()) country = c.municipality().country();
    if (c.has_measure()) ++ids.measures;
    if (c.has_progress_update()) ++ids.progressUpdates;
    if (c.has_site() && c.site().kind() == secap::v1::SITE_KIND_SCHOOL && schoolOfPhotos.empty())
      schoolOfPhotos = c.site().id();
    if (c.has_meter() && c.meter().site_id() == schoolOfPhotos && meterForPhotos.empty() &&
        c.meter().carrier() == secap::v1::CARRIER_ELECTRICITY)
      meterForPhotos = c.meter().id();
  }
  if (!options.dataDir.empty() && !meterForPhotos.empty()) {
    addReadingPhotos(b, QString::fromStdString(options.dataDir), meterForPhotos, QStringLiteral("ZE-40217733"));
  }
  if (options.caretaker && !schoolOfPhotos.empty()) {
    const std::string id = b.newId();
    auto* p = b.add(id)->mutable_person();
    p->set_id(id);
    p->set_display_name(country == "DE" ? "Jürgen Weber" : "Jan Nowak");
    p->set_kiosk_pin_hash(core::hashKioskPin(kCaretakerPin).value());
    p->add_kiosk_site_ids(schoolOfPhotos);
  }
  check(store.applyPullPage(b.finish()), "applyPullPage");
  if (options.enrolled) enroll(store, b.newId(), ids.municipalityId, options.role, options.nowMs);
  if (options.roundStarted) {
    // The first site of the round is done: its meters read this morning.
    secap::v1::Municipality town;
    if (auto m = store.municipality(ids.municipalityId)) town = *m;
    const auto sites = store.sites(ids.municipalityId);
    std::vector<secap::v1::Meter> meters;
    for (const auto& s : sites)
      for (auto& m : store.meters(s.id())) meters.push_back(std::move(m));
    const auto due = core::readingsDue(
        sites, meters, [&store](const std::string& id) { return store.lastReading(id); }, core::calendarOf(town),
        options.nowMs);
    if (!due.empty()) {
      for (const auto& m : due.front().meters) {
        secap::v1::Reading r;
        r.set_meter_id(m.meter.id());
        // At the meter's recent rate, as a real reading would show.
        const int64_t takenAt = options.nowMs - 3 * 3600 * 1000;
        const auto recent = store.readings(m.meter.id(), 2);
        double value = (m.last ? m.last->value() : 0) + 37;
        if (recent.size() == 2 && recent[0].taken_at() > recent[1].taken_at()) {
          const double perMs = (recent[0].value() - recent[1].value()) /
                               static_cast<double>(recent[0].taken_at() - recent[1].taken_at());
          if (perMs > 0)
            value = std::round(recent[0].value() + perMs * static_cast<double>(takenAt - recent[0].taken_at()));
        }
        r.set_value(value);
        r.set_taken_at(takenAt);
        auto saved = store.recordReading(r);
        if (!saved.isOk()) check(saved.status(), "recordReading");
      }
    }
  }
  if (options.refusedReading && !meterForPhotos.empty()) {
    // Read on this device, refused by the server: the device's clock was off.
    secap::v1::Reading r;
    r.set_meter_id(meterForPhotos);
    r.set_value(store.lastReading(meterForPhotos)->value() + 412);
    auto saved = store.recordReading(r);
    if (!saved.isOk()) check(saved.status(), "recordReading");
    auto sent = store.pendingOutbox(1000, 1 << 24);
    std::erase_if(sent, [&](const core::OutboxEntry& e) { return e.change.entity_id() != saved->id(); });
    secap::v1::PushResponse refused;
    for (const auto& e : sent) {
      auto* result = refused.add_results();
      result->set_change_id(e.change.change_id());
      result->set_outcome(secap::v1::REJECTED);
      result->set_reason_code("clock.skew");
      result->set_message("the change is stamped more than 5 minutes ahead of the server's clock");
    }
    check(store.applyPushResults(sent, refused), "applyPushResults");
  }
  return ids;
}

std::unique_ptr<AppController> openServerDemoApp(const QString& dataDir, ServerDemoOptions options,
                                                 ServerDemoIds* ids) {
  auto store = core::LocalStore::open(storePath(dataDir).toStdString());
  if (!store.isOk()) {
    std::fprintf(stderr, "the device store did not open: %s\n", store.status().toString().c_str());
    return nullptr;
  }
  if (options.nowMs <= 0) options.nowMs = QDateTime::currentMSecsSinceEpoch();
  const ServerDemoIds made = populateServerDemoStore(**store, options);
  if (ids) *ids = made;
  return std::make_unique<AppController>(std::move(store).value(), TransportFactory{}, dataDir);
}

}  // namespace secap::field::testing

#include "demo_data.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>

#include "demo_photos.h"
#include "demo_territory.h"
#include "secap/core/hlc.h"
#include "secap/core/ids.h"

namespace secap::server {
namespace {

namespace v1 = secap::v1;

constexpr int64_t kMsPerDay = 86'400'000;
constexpr int64_t kMsPerHour = 3'600'000;
constexpr double kPi = 3.14159265358979323846;
constexpr double kKwhPerGj = 277.778;
// Municipality ids carry this fixed UUIDv7 timestamp (2024-01-01T00:00:00Z),
// so they do not depend on nowMs.
constexpr int64_t kMunicipalityIdEpochMs = 1'704'067'200'000;

// ---------------------------------------------------------------------------
// Randomness: splitmix64 and hand-written distributions, so the dataset is
// identical with every standard library.

uint64_t mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

class Rng {
 public:
  Rng(uint64_t seed, std::string_view stream, uint64_t index = 0)
      : m_state(mix64(seed ^ fnv1a(stream)) ^ mix64(index + 0x632be59bd9b4e019ULL)) {}

  uint64_t next() {
    m_state += 0x9e3779b97f4a7c15ULL;
    uint64_t z = m_state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // [0, 1)
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // [lo, hi]
  int uniformInt(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1)); }
  bool chance(double p) { return uniform() < p; }
  // Standard normal (Box-Muller; one value per call keeps the stream simple).
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
  }

 private:
  uint64_t m_state;
};

// ---------------------------------------------------------------------------
// Ids.

std::string formatUuid(uint64_t hi, uint64_t lo) {
  std::array<char, 37> buf{};
  std::snprintf(buf.data(), buf.size(), "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buf.data();
}

// RFC 9562 UUIDv7: 48-bit ms, version 7, 12 bits rand_a, variant 10, 62 bits rand_b.
std::string uuidV7(int64_t ms, uint64_t randA, uint64_t randB) {
  const uint64_t hi = (static_cast<uint64_t>(ms) << 16) | 0x7000ULL | (randA & 0xfffULL);
  const uint64_t lo = 0x8000000000000000ULL | (randB & 0x3fffffffffffffffULL);
  return formatUuid(hi, lo);
}

std::string uuidV7(int64_t ms, Rng& rng) {
  const uint64_t a = rng.next();
  return uuidV7(ms, a >> 52, rng.next());
}

// ---------------------------------------------------------------------------
// Civil calendar (proleptic Gregorian, days since 1970-01-01; H. Hinnant).

int64_t daysFromCivil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int year;
  int month;
  int day;
};

Civil civilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400) + (m <= 2 ? 1 : 0), m, d};
}

int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

int dayOfYear(int64_t day) {
  const Civil c = civilFromDays(day);
  return static_cast<int>(day - daysFromCivil(c.year, 1, 1)) + 1;
}

// 0 = Monday .. 6 = Sunday. 1970-01-01 was a Thursday.
int weekdayMon0(int64_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }

// Central European time: UTC+2 from the last Sunday of March to the last
// Sunday of October. Readings are taken on the 1st-5th, so the month decides.
int utcOffsetHours(int month) { return month >= 4 && month <= 10 ? 2 : 1; }

// ---------------------------------------------------------------------------
// The seed municipalities and their sites.

struct MunicipalitySpec {
  const char* name;
  const char* country;
  const char* timeZone;
  int64_t population;
  int baselineYear;
  double targetReductionPct;
  v1::EmissionFactorApproach approach;
  bool shareProgress;
  double lat;
  double lon;
  double meanTempC;      // Annual mean of the daily mean temperature.
  double amplitudeC;     // Half the difference between July and January.
  bool hasDistrictHeat;  // A municipal heat network serves some buildings.
};

constexpr auto kIpcc = v1::EMISSION_FACTOR_APPROACH_IPCC;
constexpr auto kLca = v1::EMISSION_FACTOR_APPROACH_LCA;

// clang-format off
const std::array<MunicipalitySpec, 10> kMunicipalities = {{
    {"Bydgoszcz", "PL", "Europe/Warsaw", 330038, 2013, 40, kIpcc, true, 53.1235, 18.0084, 8.5, 9.6, true},
    {"Sztum", "PL", "Europe/Warsaw", 17652, 2014, 40, kIpcc, true, 53.9213, 19.0306, 8.0, 9.5, true},
    {"Besko", "PL", "Europe/Warsaw", 4321, 2015, 40, kIpcc, false, 49.5870, 21.9530, 7.8, 9.8, false},
    {"Raciechowice", "PL", "Europe/Warsaw", 6591, 2015, 40, kIpcc, false, 49.8530, 20.0950, 8.0, 9.8, false},
    {"Pałecznica", "PL", "Europe/Warsaw", 3612, 2014, 42, kIpcc, true, 50.2939, 20.3040, 8.3, 10.0, false},
    {"Siemiatycze", "PL", "Europe/Warsaw", 14479, 2013, 45, kIpcc, true, 52.4272, 22.8625, 7.6, 10.4, true},
    {"Zamość", "PL", "Europe/Warsaw", 60435, 2013, 50, kIpcc, true, 50.7231, 23.2519, 7.8, 10.3, true},
    {"Żyraków", "PL", "Europe/Warsaw", 14937, 2014, 40, kIpcc, true, 50.0847, 21.3961, 8.4, 10.0, false},
    {"Schwäbisch Hall", "DE", "Europe/Berlin", 41560, 2014, 65, kLca, true, 49.1120, 9.7375, 9.2, 8.8, true},
    {"Ritterhude", "DE", "Europe/Berlin", 14982, 2015, 55, kIpcc, true, 53.1833, 8.7500, 9.6, 7.8, false},
}};
// clang-format on

enum SiteFlags : unsigned {
  kNone = 0,
  kForceGas = 1u << 0,             // Heated by gas even where there is district heat.
  kRolloverHeat = 1u << 1,         // The heat meter has few digits and rolls over.
  kRolloverElectricity = 1u << 2,  // The electricity meter has few digits and rolls over.
};

struct SiteSpec {
  int municipality;  // Index into kMunicipalities.
  v1::SiteKind kind;
  const char* name;
  const char* address;
  unsigned flags = kNone;
};

constexpr auto kSchool = v1::SITE_KIND_SCHOOL;
constexpr auto kKindergarten = v1::SITE_KIND_KINDERGARTEN;
constexpr auto kTownHall = v1::SITE_KIND_TOWN_HALL_OR_OFFICE;
constexpr auto kSportsHall = v1::SITE_KIND_SPORTS_HALL;
constexpr auto kPool = v1::SITE_KIND_SWIMMING_POOL;
constexpr auto kCulture = v1::SITE_KIND_CULTURE;
constexpr auto kHousing = v1::SITE_KIND_SOCIAL_HOUSING;
constexpr auto kLighting = v1::SITE_KIND_STREET_LIGHTING_CIRCUIT;
constexpr auto kWater = v1::SITE_KIND_WATER_WASTEWATER;

// clang-format off
const std::vector<SiteSpec> kSites = {
    // Bydgoszcz
    {0, kTownHall, "Urząd Miasta Bydgoszczy", "ul. Jezuicka 1, 85-102 Bydgoszcz"},
    {0, kSchool, "Szkoła Podstawowa nr 3", "ul. Wojska Polskiego 48, 85-825 Bydgoszcz"},
    {0, kSchool, "Szkoła Podstawowa nr 18", "ul. Chodkiewicza 38, 85-065 Bydgoszcz"},
    {0, kSchool, "VI Liceum Ogólnokształcące", "ul. Staszica 4, 85-005 Bydgoszcz"},
    {0, kKindergarten, "Przedszkole Miejskie nr 7", "ul. Fordońska 120, 85-719 Bydgoszcz"},
    {0, kKindergarten, "Przedszkole Miejskie nr 42", "ul. Ogińskiego 9, 85-092 Bydgoszcz"},
    {0, kSportsHall, "Hala Sportowa Astoria", "ul. Gdańska 163, 85-915 Bydgoszcz", kForceGas | kRolloverHeat},
    {0, kPool, "Pływalnia Miejska Fala", "ul. Spokojna 2, 85-074 Bydgoszcz"},
    {0, kCulture, "Miejskie Centrum Kultury", "ul. Marcinkowskiego 12, 85-056 Bydgoszcz"},
    {0, kHousing, "Budynek komunalny ul. Długa 27", "ul. Długa 27, 85-034 Bydgoszcz"},
    {0, kLighting, "Oświetlenie uliczne – obwód Fordon",
     "ul. Akademicka, szafa oświetleniowa SO-12, 85-796 Bydgoszcz"},
    {0, kWater, "Oczyszczalnia Ścieków Fordon", "ul. Toruńska 300, 85-880 Bydgoszcz"},
    // Sztum
    {1, kTownHall, "Urząd Miasta i Gminy Sztum", "ul. Mickiewicza 39, 82-400 Sztum"},
    {1, kSchool, "Szkoła Podstawowa nr 1", "ul. Reja 13, 82-400 Sztum"},
    {1, kSchool, "Szkoła Podstawowa nr 2", "ul. Kochanowskiego 20, 82-400 Sztum"},
    {1, kKindergarten, "Przedszkole Samorządowe w Sztumie", "ul. Kościuszki 27, 82-400 Sztum"},
    {1, kSportsHall, "Hala Sportowa OSiR", "ul. Sportowa 2, 82-400 Sztum"},
    {1, kLighting, "Oświetlenie uliczne – Stare Miasto",
     "Plac Wolności, szafa oświetleniowa SO-4, 82-400 Sztum"},
    {1, kWater, "Stacja Uzdatniania Wody Sztum", "ul. Kwidzyńska 19, 82-400 Sztum"},
    // Besko
    {2, kTownHall, "Urząd Gminy Besko", "ul. Podkarpacka 17, 38-524 Besko"},
    {2, kSchool, "Szkoła Podstawowa w Besku", "ul. Szkolna 3, 38-524 Besko"},
    {2, kSchool, "Szkoła Podstawowa w Mymoniu", "Mymoń 45, 38-524 Besko"},
    {2, kLighting, "Oświetlenie uliczne Besko–Zboiska",
     "ul. Podkarpacka, szafa oświetleniowa SO-2, 38-524 Besko"},
    // Raciechowice
    {3, kTownHall, "Urząd Gminy Raciechowice", "Raciechowice 120, 32-415 Raciechowice"},
    {3, kSchool, "Szkoła Podstawowa w Raciechowicach", "Raciechowice 2, 32-415 Raciechowice"},
    {3, kSchool, "Szkoła Podstawowa w Gruszowie", "Gruszów 50, 32-415 Raciechowice"},
    {3, kKindergarten, "Przedszkole Samorządowe w Czasławiu", "Czasław 35, 32-415 Raciechowice"},
    // Pałecznica
    {4, kTownHall, "Urząd Gminy Pałecznica", "ul. Spółdzielcza 2, 32-109 Pałecznica"},
    {4, kSchool, "Szkoła Podstawowa w Pałecznicy", "ul. Szkolna 1, 32-109 Pałecznica"},
    {4, kKindergarten, "Przedszkole Samorządowe w Pałecznicy", "ul. Szkolna 3, 32-109 Pałecznica"},
    {4, kLighting, "Oświetlenie uliczne Pałecznica",
     "ul. Spółdzielcza, szafa oświetleniowa SO-1, 32-109 Pałecznica"},
    // Siemiatycze
    {5, kTownHall, "Urząd Miasta Siemiatycze", "ul. Pałacowa 2, 17-300 Siemiatycze"},
    {5, kSchool, "Szkoła Podstawowa nr 1", "ul. 11 Listopada 5, 17-300 Siemiatycze"},
    {5, kSchool, "Szkoła Podstawowa nr 3", "ul. Zaszkolna 1, 17-300 Siemiatycze"},
    {5, kKindergarten, "Przedszkole Samorządowe nr 2", "ul. Szkolna 12, 17-300 Siemiatycze"},
    {5, kSportsHall, "Hala Sportowa MOSiR", "ul. Sportowa 1, 17-300 Siemiatycze"},
    {5, kCulture, "Siemiatycki Ośrodek Kultury", "ul. Świętojańska 2, 17-300 Siemiatycze"},
    {5, kLighting, "Oświetlenie uliczne – centrum",
     "ul. Legionów Piłsudskiego, szafa oświetleniowa SO-7, 17-300 Siemiatycze"},
    // Zamość
    {6, kTownHall, "Urząd Miasta Zamość", "ul. Rynek Wielki 13, 22-400 Zamość"},
    {6, kSchool, "Szkoła Podstawowa nr 6", "ul. Partyzantów 10, 22-400 Zamość"},
    {6, kSchool, "Szkoła Podstawowa nr 10", "ul. Sadowa 2, 22-400 Zamość"},
    {6, kSchool, "I Liceum Ogólnokształcące", "ul. Akademicka 8, 22-400 Zamość"},
    {6, kKindergarten, "Przedszkole Miejskie nr 4", "ul. Orzeszkowej 4, 22-400 Zamość"},
    {6, kKindergarten, "Przedszkole Miejskie nr 15", "ul. Lubelska 50, 22-400 Zamość"},
    {6, kPool, "Pływalnia OSiR", "ul. Królowej Jadwigi 8, 22-400 Zamość"},
    {6, kCulture, "Zamojski Dom Kultury", "ul. Partyzantów 13, 22-400 Zamość"},
    {6, kLighting, "Oświetlenie uliczne – Stare Miasto",
     "Rynek Wielki, szafa oświetleniowa SO-1, 22-400 Zamość"},
    {6, kWater, "Przepompownia ścieków Wschód", "ul. Hrubieszowska 140, 22-400 Zamość"},
    // Żyraków
    {7, kTownHall, "Urząd Gminy Żyraków", "Żyraków 80, 39-204 Żyraków"},
    {7, kSchool, "Szkoła Podstawowa w Żyrakowie", "Żyraków 110, 39-204 Żyraków"},
    {7, kSchool, "Szkoła Podstawowa w Wiewiórce", "Wiewiórka 25, 39-204 Żyraków", kRolloverElectricity},
    {7, kSportsHall, "Hala Sportowa w Żyrakowie", "Żyraków 112, 39-204 Żyraków"},
    {7, kLighting, "Oświetlenie uliczne Żyraków–Straszęcin",
     "Straszęcin, szafa oświetleniowa SO-3, 39-204 Żyraków"},
    // Schwäbisch Hall
    {8, kTownHall, "Rathaus Schwäbisch Hall", "Am Markt 6, 74523 Schwäbisch Hall"},
    {8, kSchool, "Grundschule Kreuzäcker", "Kreuzäckerstraße 20, 74523 Schwäbisch Hall"},
    {8, kSchool, "Gymnasium bei St. Michael", "Am Spitalbach 1, 74523 Schwäbisch Hall"},
    {8, kSchool, "Gemeinschaftsschule Schenkensee", "Schenkenseestraße 2, 74523 Schwäbisch Hall"},
    {8, kKindergarten, "Kindertagesstätte Sonnenhügel", "Teurerweg 12, 74523 Schwäbisch Hall"},
    {8, kSportsHall, "Sporthalle Schenkensee", "Schenkenseestraße 4, 74523 Schwäbisch Hall"},
    {8, kPool, "Hallenbad Schwäbisch Hall", "Schenkenseestraße 6, 74523 Schwäbisch Hall"},
    {8, kLighting, "Straßenbeleuchtung Altstadt", "Gelbinger Gasse, Schaltschrank 12, 74523 Schwäbisch Hall"},
    {8, kWater, "Kläranlage Schwäbisch Hall", "Kläranlagenweg 1, 74523 Schwäbisch Hall"},
    // Ritterhude
    {9, kTownHall, "Rathaus Ritterhude", "Riesstraße 9, 27721 Ritterhude"},
    {9, kSchool, "Grundschule Ritterhude", "Schulstraße 5, 27721 Ritterhude"},
    {9, kSchool, "Oberschule Ritterhude", "Goldbergstraße 30, 27721 Ritterhude"},
    {9, kKindergarten, "Kindergarten Am Moorgraben", "Moorgrabenweg 3, 27721 Ritterhude"},
    {9, kSportsHall, "Sporthalle Ihlpohl", "Ihlpohler Straße 60, 27721 Ritterhude"},
    {9, kLighting, "Straßenbeleuchtung Ihlpohl", "Stader Landstraße, Schaltschrank 4, 27721 Ritterhude"},
};
// clang-format on

// ---------------------------------------------------------------------------
// Climate: a sinusoidal daily mean temperature (coldest around 19 January)
// plus AR(1) weather noise, and Eurostat heating degree days.

struct Climate {
  int64_t firstDay = 0;     // Days since the epoch of temps[0].
  std::vector<double> hdd;  // One value per day.

  [[nodiscard]] double hddOn(int64_t day) const {
    const int64_t i = day - firstDay;
    return i >= 0 && i < static_cast<int64_t>(hdd.size()) ? hdd[static_cast<size_t>(i)] : 0.0;
  }
};

double eurostatHdd(double meanTempC) { return meanTempC <= 15.0 ? 18.0 - meanTempC : 0.0; }

Climate makeClimate(const MunicipalitySpec& m, int muniIndex, uint64_t seed, int64_t firstDay, int64_t lastDay) {
  Rng rng(seed, "climate", static_cast<uint64_t>(muniIndex));
  Climate c;
  c.firstDay = firstDay;
  c.hdd.reserve(static_cast<size_t>(lastDay - firstDay + 1));
  double anomaly = 0;
  for (int i = 0; i < 60; ++i) anomaly = 0.8 * anomaly + 1.5 * rng.normal();  // Burn-in.
  for (int64_t day = firstDay; day <= lastDay; ++day) {
    const double seasonal = std::cos(2.0 * kPi * (dayOfYear(day) - 19) / 365.25);
    // Winter weather varies about twice as much from day to day as summer's.
    anomaly = 0.8 * anomaly + (1.5 + 0.5 * seasonal) * rng.normal();
    const double temp = m.meanTempC - m.amplitudeC * seasonal + anomaly;
    c.hdd.push_back(eurostatHdd(temp));
  }
  return c;
}

// Hours a street light burns: the night from sunset to sunrise, minus the
// twilight that the photocell ignores.
double burningHours(int doy, double latDeg) {
  const double decl = -23.44 * kPi / 180.0 * std::cos(2.0 * kPi * (doy + 10) / 365.0);
  const double lat = latDeg * kPi / 180.0;
  const double x = std::clamp(-std::tan(lat) * std::tan(decl), -1.0, 1.0);
  const double dayHours = 24.0 / kPi * std::acos(x);
  return std::max(0.0, 24.0 - dayHours - 0.5);
}

// ---------------------------------------------------------------------------
// Meters and their daily use.

struct MeterPlan {
  v1::Carrier carrier = v1::CARRIER_UNSPECIFIED;
  v1::Unit unit = v1::UNIT_UNSPECIFIED;
  double multiplier = 1;
  double calorificValue = 0;  // kWh per m3 of gas, gross (GCV) basis as invoiced in PL/DE.
  double resolution = 1;      // Smallest register step that the reader writes down.
  int minDigits = 6;
  int maxDigits = 8;
  bool rollover = false;
  // Daily use in kWh (energy) or m3 (water), before conversion to register units.
  double basePerDay = 0;  // On a working day.
  double perHdd = 0;      // Per heating degree day.
  double weekendFactor = 1;
  double summerFactor = 1;  // July and August (school holidays).
  double lightingKw = 0;    // Street lighting: power times burning hours.
  double latDeg = 0;
  int64_t retrofitDay = -1;  // From this day on, use is scaled by retrofitFactor.
  double retrofitFactor = 1;
};

struct SitePlan {
  int muniIndex = 0;
  std::string id;
  int64_t createdMs = 0;
};

double dailyUse(const MeterPlan& p, const Climate& climate, int64_t day) {
  const Civil c = civilFromDays(day);
  double use;
  if (p.lightingKw > 0) {
    use = p.lightingKw * burningHours(dayOfYear(day), p.latDeg);
  } else {
    double base = p.basePerDay;
    if (weekdayMon0(day) >= 5) base *= p.weekendFactor;
    if (c.month == 7 || c.month == 8) base *= p.summerFactor;
    use = base + p.perHdd * climate.hddOn(day);
  }
  if (p.retrofitDay >= 0 && day >= p.retrofitDay) use *= p.retrofitFactor;
  return use;
}

// Register units per unit of daily use.
double registerPerUse(const MeterPlan& p) {
  switch (p.unit) {
    case v1::UNIT_M3:
      return p.carrier == v1::CARRIER_NATURAL_GAS ? 1.0 / p.calorificValue : 1.0;
    case v1::UNIT_GJ:
      return 1.0 / kKwhPerGj;
    default:
      return 1.0 / p.multiplier;
  }
}

double roundDown(double v, double resolution) { return std::floor(v / resolution + 1e-9) * resolution; }

double pow10(int digits) { return std::pow(10.0, digits); }

struct SiteShape {
  double area;
  int yearBuiltLo;
  int yearBuiltHi;
  double elecBase;    // kWh per m2 per working day.
  double heatBase;    // kWh per m2 per day (hot water, pool water).
  double heatPerHdd;  // kWh per m2 per HDD, gross fuel.
  double waterBase;   // m3 per m2 per working day.
  double weekend;
  double summer;
};

SiteShape shapeOf(v1::SiteKind kind, Rng& rng) {
  switch (kind) {
    case v1::SITE_KIND_SCHOOL:
      return {rng.uniform(1800, 6000), 1955, 1998, 0.055, 0.010, rng.uniform(0.022, 0.040), 0.0012, 0.3, 0.45};
    case v1::SITE_KIND_KINDERGARTEN:
      return {rng.uniform(400, 1200), 1965, 2010, 0.070, 0.030, rng.uniform(0.025, 0.042), 0.0040, 0.25, 0.7};
    case v1::SITE_KIND_TOWN_HALL_OR_OFFICE:
      return {rng.uniform(1200, 3500), 1890, 1985, 0.080, 0.005, rng.uniform(0.020, 0.036), 0.0008, 0.3, 0.9};
    case v1::SITE_KIND_SPORTS_HALL:
      return {rng.uniform(1200, 3200), 1975, 2015, 0.060, 0.030, rng.uniform(0.018, 0.030), 0.0040, 0.75, 0.6};
    case v1::SITE_KIND_SWIMMING_POOL:
      return {rng.uniform(2500, 5000), 1975, 2012, 0.300, 0.300, rng.uniform(0.030, 0.045), 0.0300, 1.0, 0.85};
    case v1::SITE_KIND_CULTURE:
      return {rng.uniform(1000, 3000), 1900, 1990, 0.060, 0.008, rng.uniform(0.022, 0.038), 0.0010, 0.8, 0.8};
    case v1::SITE_KIND_SOCIAL_HOUSING:
      return {rng.uniform(1500, 2600), 1950, 1985, 0.040, 0.050, rng.uniform(0.025, 0.040), 0.0040, 1.0, 1.0};
    default:
      return {0, 1975, 2008, 0, 0, 0, 0, 1.0, 1.0};
  }
}

const char* serialPrefix(v1::Carrier carrier) {
  switch (carrier) {
    case v1::CARRIER_ELECTRICITY:
      return "EMH";
    case v1::CARRIER_NATURAL_GAS:
      return "ITR";
    case v1::CARRIER_DISTRICT_HEAT:
      return "KAM";
    default:
      return "APA";
  }
}

// The dataset's time frame.
struct Frame {
  int firstYear = 0;
  int firstMonth = 0;  // The month of the first reading.
  int months = 0;      // Reading months including the first and the current one.
  int64_t climateFirstDay = 0;
  int64_t nowDay = 0;
};

Frame frameOf(const DemoOptions& o) {
  if (o.nowMs <= 0) throw std::invalid_argument("DemoOptions.nowMs must be set");
  if (o.years < 1 || o.years > 20) throw std::invalid_argument("DemoOptions.years must be 1..20");
  Frame f;
  f.nowDay = floorDiv(o.nowMs, kMsPerDay);
  const Civil now = civilFromDays(f.nowDay);
  const int nowIndex = now.year * 12 + (now.month - 1);
  const int firstIndex = nowIndex - o.years * 12;
  f.firstYear = firstIndex / 12;
  f.firstMonth = firstIndex % 12 + 1;
  f.months = o.years * 12 + 1;
  f.climateFirstDay = daysFromCivil(f.firstYear, f.firstMonth, 1);
  return f;
}

v1::Change entityChange(std::string id) {
  v1::Change c;
  c.set_entity_id(std::move(id));
  return c;
}

// ---------------------------------------------------------------------------
// SECAP measures, progress, inspections, anomalies and reference data.

// A measure that a municipality with a site of `siteKind` carries out
// (SITE_KIND_UNSPECIFIED: not tied to a site).
struct MeasureSpec {
  const char* code;
  const char* titlePl;
  const char* titleDe;
  v1::MeasureType type;
  v1::SiteKind siteKind;
  const char* comSector;
  const char* area;
  const char* instrument;
  double budgetEur;
  double savingsMwh;    // Expected savings per year.
  double renewableMwh;  // Expected local production per year.
  double co2T;          // Expected CO2 reduction per year.
  std::array<const char*, 2> fundingPl;
  std::array<const char*, 2> fundingDe;
  const char* indicatorKey;
  const char* indicatorUnit;
  double indicatorTarget;  // At 100 %.
};

// clang-format off
const std::array<MeasureSpec, 8> kMeasureSpecs = {{
    {"B.1", "Termomodernizacja szkoły", "Energetische Sanierung der Schule", v1::MEASURE_TYPE_MITIGATION, kSchool,
     "municipal_buildings", "building_envelope", "grants_subsidies", 1'150'000, 180, 0, 46,
     {"RPO WM 2014-2020", "NFOŚiGW"}, {"KfW 432", "BEG"}, "insulated_area", "m2", 2400},
    {"L.1", "Modernizacja oświetlenia ulicznego na LED", "Umrüstung der Straßenbeleuchtung auf LED",
     v1::MEASURE_TYPE_MITIGATION, kLighting, "public_lighting", "efficient_lighting", "public_procurement",
     620'000, 250, 0, 170, {"NFOŚiGW", ""}, {"Kommunalrichtlinie (NKI)", ""}, "luminaires_replaced", "pcs", 900},
    {"E.1", "Instalacja fotowoltaiczna na dachu urzędu", "Photovoltaikanlage auf dem Rathausdach",
     v1::MEASURE_TYPE_MITIGATION, kTownHall, "local_electricity_production", "pv", "grants_subsidies", 62'000, 0, 45,
     31, {"RPO WM 2014-2020", ""}, {"Eigenmittel", ""}, "installed_power", "kWp", 50},
    {"B.2", "Pompa ciepła w przedszkolu", "Wärmepumpe in der Kita", v1::MEASURE_TYPE_MITIGATION, kKindergarten,
     "municipal_buildings", "heat_pumps", "grants_subsidies", 240'000, 90, 0, 24, {"NFOŚiGW", ""},
     {"BEG EM (BAFA)", "KfW 432"}, "heat_pump_capacity", "kW", 60},
    {"A.1", "Retencja wód opadowych i zielony dach", "Regenwasserrückhalt und Gründach", v1::MEASURE_TYPE_ADAPTATION,
     v1::SITE_KIND_UNSPECIFIED, "other", "water_management", "awareness_raising", 180'000, 0, 0, 0,
     {"NFOŚiGW Moja Woda", ""}, {"Landesförderung Klimaanpassung", ""}, "rainwater_retained", "m3", 450},
    // The pipeline: measures under way or about to start (kPipelineSchedule),
    // town-wide, so they change no site's meters.
    {"T.1", "Zakup autobusów elektrycznych", "Elektrobusse für den Stadtverkehr", v1::MEASURE_TYPE_MITIGATION,
     v1::SITE_KIND_UNSPECIFIED, "public_transport", "clean_vehicles", "public_procurement", 2'400'000, 0, 0, 310,
     {"FEnIKS 2021-2027", ""}, {"Landesförderung E-Busse", ""}, "buses_delivered", "pcs", 6},
    {"A.2", "Nasadzenia drzew i zielone przystanki", "Stadtbäume und begrünte Haltestellen", v1::MEASURE_TYPE_ADAPTATION,
     v1::SITE_KIND_UNSPECIFIED, "other", "green_infrastructure", "awareness_raising", 150'000, 0, 0, 0,
     {"WFOŚiGW", ""}, {"Eigenmittel", ""}, "trees_planted", "pcs", 300},
    {"R.1", "Program wymiany kotłów w domach", "Förderprogramm Heizungstausch", v1::MEASURE_TYPE_MITIGATION,
     v1::SITE_KIND_UNSPECIFIED, "residential", "renewables_for_heating", "grants_subsidies", 1'500'000, 1'200, 0, 420,
     {"Czyste Powietrze", "WFOŚiGW"}, {"BEG EM (BAFA)", ""}, "boilers_replaced", "pcs", 250},
}};
// clang-format on
// The pipeline's first index in kMeasureSpecs, and each one's planned start
// and end in months from the dataset's nowMs: the buses are half delivered,
// the trees just begun, the boiler programme starts next quarter.
constexpr size_t kFirstPipelineSpec = 5;
constexpr std::array<std::array<int, 2>, 3> kPipelineSchedule = {{{-10, 8}, {-4, 14}, {3, 27}}};

// IPCC 2006 default CO2 factors (t/TJ × 0.0036 = t/MWh), DESIGN.md §6.4.
struct IpccFactor {
  v1::Carrier carrier;
  double tPerMwh;
};
constexpr std::array<IpccFactor, 7> kIpccFactors = {{
    {v1::CARRIER_NATURAL_GAS, 0.202},
    {v1::CARRIER_HEATING_OIL, 0.267},
    {v1::CARRIER_DIESEL, 0.267},
    {v1::CARRIER_GASOLINE, 0.249},
    {v1::CARRIER_LPG, 0.227},
    {v1::CARRIER_COAL, 0.341},
    {v1::CARRIER_BIOMASS, 0.0},
}};

std::string hex64(Rng& rng) {
  std::string out;
  for (int i = 0; i < 4; ++i) {
    std::array<char, 17> part{};
    std::snprintf(part.data(), part.size(), "%016llx", static_cast<unsigned long long>(rng.next()));
    out += part.data();
  }
  return out;
}

v1::LocalizedText* text(google::protobuf::RepeatedPtrField<v1::LocalizedText>* list, const char* lang,
                        const char* value) {
  auto* t = list->Add();
  t->set_language(lang);
  t->set_text(value);
  return t;
}

// One question of a checklist, asked in Polish, English and German.
v1::InspectionItem* addItem(v1::InspectionTemplate* t, const char* key, v1::InspectionItemKind kind, bool required,
                            const char* pl, const char* en, const char* de) {
  auto* i = t->add_items();
  i->set_key(key);
  i->set_kind(kind);
  i->set_required(required);
  text(i->mutable_prompt(), "pl", pl);
  text(i->mutable_prompt(), "en", en);
  text(i->mutable_prompt(), "de", de);
  return i;
}

struct Choice {
  const char *key, *pl, *en, *de;
};

void addChoices(v1::InspectionItem* item, std::initializer_list<Choice> choices) {
  for (const Choice& ch : choices) {
    auto* choice = item->add_choices();
    choice->set_key(ch.key);
    text(choice->mutable_label(), "pl", ch.pl);
    text(choice->mutable_label(), "en", ch.en);
    text(choice->mutable_label(), "de", ch.de);
  }
}

// A checklist named in Polish, English and German ("pl / en / de" as its
// one `name`, for the dashboard).
v1::Change templateChange(int64_t createdMs, Rng& ids, const char* pl, const char* en, const char* de) {
  v1::Change c = entityChange(uuidV7(createdMs, ids));
  auto* t = c.mutable_inspection_template();
  t->set_id(c.entity_id());
  t->set_name(std::string(pl) + " / " + en + " / " + de);
  text(t->mutable_title(), "pl", pl);
  text(t->mutable_title(), "en", en);
  text(t->mutable_title(), "de", de);
  t->set_version(1);
  return c;
}

// The global measure-verification checklist (thermal modernisation, LED
// street lighting, PV and the like), in Polish, English and German.
v1::Change verificationTemplate(int64_t createdMs, Rng& ids) {
  v1::Change c =
      templateChange(createdMs, ids, "Weryfikacja realizacji działania", "Measure verification", "Maßnahmenprüfung");
  auto* t = c.mutable_inspection_template();
  constexpr auto kYesNo = v1::INSPECTION_ITEM_KIND_YES_NO;
  addItem(t, "implemented_as_planned", kYesNo, true, "Czy działanie zrealizowano zgodnie z planem?",
          "Was the measure implemented as planned?", "Wurde die Maßnahme wie geplant umgesetzt?");
  addItem(t, "equipment_in_operation", kYesNo, true, "Czy instalacja działa?", "Is the installation in operation?",
          "Ist die Anlage in Betrieb?");
  addItem(t, "installed_quantity", v1::INSPECTION_ITEM_KIND_NUMBER, false,
          "Zainstalowana ilość (m², szt., kWp, kW, m³)", "Installed quantity (m², pcs, kWp, kW, m³)",
          "Installierte Menge (m², Stk., kWp, kW, m³)")
      ->set_min(0);
  addChoices(addItem(t, "condition", v1::INSPECTION_ITEM_KIND_CHOICE, true, "Stan techniczny", "Technical condition",
                     "Technischer Zustand"),
             {{"good", "dobry", "good", "gut"},
              {"minor_defects", "drobne usterki", "minor defects", "kleine Mängel"},
              {"major_defects", "poważne usterki", "major defects", "erhebliche Mängel"}});
  addItem(t, "documentation_complete", kYesNo, false, "Czy dokumentacja powykonawcza i protokół odbioru są kompletne?",
          "Are the as-built documents and the acceptance report complete?",
          "Sind Bestandsunterlagen und Abnahmeprotokoll vollständig?");
  addItem(t, "photo_evidence", v1::INSPECTION_ITEM_KIND_PHOTO, false, "Zdjęcie dokumentujące", "Photo evidence",
          "Fotodokumentation");
  addItem(t, "remarks", v1::INSPECTION_ITEM_KIND_TEXT, false, "Uwagi", "Remarks", "Bemerkungen");
  return c;
}

// The global SECAP internal audit, as the OwnYourSECAP municipalities run it
// once a year at the town hall: governance, the inventory, the measures'
// schedule and the monitoring report, in Polish, English and German.
v1::Change auditTemplate(int64_t createdMs, Rng& ids) {
  v1::Change c =
      templateChange(createdMs, ids, "Audyt wewnętrzny SECAP", "SECAP internal audit", "Internes SECAP-Audit");
  auto* t = c.mutable_inspection_template();
  constexpr auto kYesNo = v1::INSPECTION_ITEM_KIND_YES_NO;
  addItem(t, "coordinator_appointed", kYesNo, true, "Czy wyznaczono koordynatora SECAP i zespół ds. energii?",
          "Are a SECAP coordinator and an energy team appointed?",
          "Sind eine SECAP-Koordination und ein Energieteam benannt?");
  addItem(t, "council_review", kYesNo, true,
          "Czy rada lub komitet sterujący omawiał postępy SECAP w ostatnich 12 miesiącach?",
          "Did the council or the steering group review SECAP progress in the last 12 months?",
          "Hat der Rat oder die Steuerungsgruppe den SECAP-Fortschritt in den letzten 12 Monaten beraten?");
  auto* year =
      addItem(t, "inventory_year", v1::INSPECTION_ITEM_KIND_NUMBER, true, "Rok najnowszej inwentaryzacji emisji (MEI)",
              "Year of the latest emission inventory (MEI)", "Jahr des jüngsten Emissionsinventars (MEI)");
  year->set_min(1990);
  year->set_max(2100);
  addItem(t, "inventory_up_to_date", kYesNo, true,
          "Czy dane o zużyciu energii obejmują wszystkie budynki i instalacje gminy?",
          "Do the energy data cover all of the municipality's buildings and installations?",
          "Erfassen die Energiedaten alle kommunalen Gebäude und Anlagen?");
  addChoices(addItem(t, "measures_on_schedule", v1::INSPECTION_ITEM_KIND_CHOICE, true,
                     "Realizacja działań względem harmonogramu", "Measures against their schedule",
                     "Umsetzung der Maßnahmen im Zeitplan"),
             {{"on_schedule", "zgodnie z harmonogramem", "on schedule", "im Zeitplan"},
              {"minor_delays", "niewielkie opóźnienia", "minor delays", "geringe Verzögerungen"},
              {"major_delays", "znaczne opóźnienia", "major delays", "erhebliche Verzögerungen"}});
  auto* share = addItem(t, "measures_started_share", v1::INSPECTION_ITEM_KIND_NUMBER, false,
                        "Udział działań rozpoczętych lub zakończonych", "Share of measures started or completed",
                        "Anteil begonnener oder abgeschlossener Maßnahmen");
  share->set_unit("%");
  share->set_min(0);
  share->set_max(100);
  addChoices(addItem(t, "monitoring_report", v1::INSPECTION_ITEM_KIND_CHOICE, true,
                     "Raport z monitoringu dla Porozumienia Burmistrzów", "Monitoring report to the Covenant of Mayors",
                     "Monitoringbericht an den Konvent der Bürgermeister"),
             {{"submitted", "złożony", "submitted", "eingereicht"},
              {"in_preparation", "w przygotowaniu", "in preparation", "in Vorbereitung"},
              {"overdue", "po terminie", "overdue", "überfällig"}});
  addItem(t, "funding_secured", kYesNo, false, "Czy zabezpieczono środki na działania w przyszłym roku?",
          "Is funding secured for next year's measures?",
          "Sind die Mittel für die Maßnahmen des nächsten Jahres gesichert?");
  addItem(t, "evidence_photo", v1::INSPECTION_ITEM_KIND_PHOTO, false, "Zdjęcie dokumentu (np. uchwały lub raportu)",
          "Photo of a document (e.g. the resolution or the report)",
          "Foto eines Dokuments (z. B. Beschluss oder Bericht)");
  addItem(t, "recommendations", v1::INSPECTION_ITEM_KIND_TEXT, false, "Zalecenia", "Recommendations", "Empfehlungen");
  return c;
}

// What the SECAP part of the dataset adds, group by group.
struct SecapGroups {
  std::vector<v1::Change> reference;  // emission factors, degree days, municipality years
  std::vector<v1::Change> anomalies;  // deliberately flagged readings
  std::vector<v1::Change> reviews;
  std::vector<v1::Change> templates;
  std::vector<v1::Change> measures;
  std::vector<v1::Change> progress;
  std::vector<v1::Change> inspections;
};

int64_t monthStartMs(int year, int month) { return daysFromCivil(year, month, 1) * kMsPerDay; }

// When each measure goes live, planned before the sites' readings are made so
// that a measure's site really uses less from its go-live on (and its
// measurement and verification has something to find): 12 to 24 months of
// readings before it, the rest after. The implementation runs 8 to 18
// months up to the go-live, sometimes from before the first reading.
struct MeasurePlan {
  size_t spec = 0;         // index into kMeasureSpecs
  size_t site = SIZE_MAX;  // index into kSites; SIZE_MAX: no site
  int64_t startMs = 0;
  int64_t endMs = 0;  // the go-live
  double jitter = 1;  // of the expected figures
  double effect = 1;  // what is left of the use it cuts
};

std::vector<std::vector<MeasurePlan>> planMeasures(const DemoOptions& options, const Frame& f) {
  Rng rng(options.seed, "measure_schedule");
  const int64_t firstMs = f.climateFirstDay * kMsPerDay;
  std::vector<std::vector<MeasurePlan>> out(kMunicipalities.size());
  for (size_t mi = 0; mi < kMunicipalities.size(); ++mi) {
    int index = 0;
    for (size_t k = 0; k < kMeasureSpecs.size(); ++k) {
      const MeasureSpec& spec = kMeasureSpecs[k];
      MeasurePlan p;
      p.spec = k;
      for (size_t si = 0; si < kSites.size() && spec.siteKind != v1::SITE_KIND_UNSPECIFIED; ++si)
        if (kSites[si].municipality == static_cast<int>(mi) && kSites[si].kind == spec.siteKind) {
          p.site = si;
          break;
        }
      if (spec.siteKind != v1::SITE_KIND_UNSPECIFIED && p.site == SIZE_MAX) continue;
      if (k >= kFirstPipelineSpec) {
        // Own stream: the plans (and readings) before them stay as they were.
        Rng pipelineRng(options.seed, "measure_pipeline", mi * kMeasureSpecs.size() + k);
        const auto& [fromMonths, toMonths] = kPipelineSchedule[k - kFirstPipelineSpec];
        const int64_t dayMs = options.nowMs / kMsPerDay * kMsPerDay;
        p.startMs =
            dayMs + static_cast<int64_t>(fromMonths) * 30 * kMsPerDay + pipelineRng.uniformInt(0, 20) * kMsPerDay;
        p.endMs = dayMs + static_cast<int64_t>(toMonths) * 30 * kMsPerDay + pipelineRng.uniformInt(0, 20) * kMsPerDay;
        p.jitter = pipelineRng.uniform(0.85, 1.15);
        out[mi].push_back(p);
        continue;
      }
      const int goLiveMonth = 14 + index * 2 + rng.uniformInt(0, 2);
      p.endMs = firstMs + static_cast<int64_t>(goLiveMonth) * 30 * kMsPerDay + rng.uniformInt(0, 20) * kMsPerDay;
      p.startMs = p.endMs - static_cast<int64_t>(rng.uniformInt(8, 18)) * 30 * kMsPerDay;
      p.jitter = rng.uniform(0.85, 1.15);
      // What the use it cuts comes down to: insulation saves a third of the
      // heat, a heat pump replaces most of the gas, LEDs half the lighting, a
      // PV roof a fifth of the town hall's bought electricity.
      if (spec.siteKind == kSchool) p.effect = rng.uniform(0.58, 0.72);
      if (spec.siteKind == kKindergarten) p.effect = rng.uniform(0.2, 0.3);
      if (spec.siteKind == kLighting) p.effect = rng.uniform(0.42, 0.55);
      if (spec.siteKind == kTownHall) p.effect = rng.uniform(0.78, 0.86);
      ++index;
      out[mi].push_back(p);
    }
  }
  return out;
}

void addReferenceData(const DemoOptions& options, const Frame& f, Rng& ids, SecapGroups& out) {
  const int64_t createdMs = f.climateFirstDay * kMsPerDay - 200 * kMsPerDay;
  for (const auto& ipcc : kIpccFactors) {
    v1::Change c = entityChange(uuidV7(createdMs, ids));
    auto* e = c.mutable_emission_factor();
    e->set_id(c.entity_id());
    e->set_carrier(ipcc.carrier);
    e->set_approach(v1::EMISSION_FACTOR_APPROACH_IPCC);
    e->set_t_per_mwh(ipcc.tPerMwh);
    e->set_source("IPCC 2006 Guidelines, Vol. 2, Ch. 1/2 default CO2 emission factors (t/TJ x 0.0036)");
    out.reference.push_back(std::move(c));
  }
  for (const auto& dd : generateDemoDegreeDays(options)) {
    v1::Change c = entityChange(uuidV7(monthStartMs(dd.year, dd.month), ids));
    auto* d = c.mutable_degree_days();
    d->set_id(c.entity_id());
    d->set_municipality_id(dd.municipalityId);
    d->set_year(dd.year);
    d->set_month(dd.month);
    d->set_hdd(dd.hdd);
    d->set_source("Demo climatology, Eurostat method (18 - Tm when Tm <= 15 C)");
    out.reference.push_back(std::move(c));
  }
}

// Two lower registers (one reviewed as erroneous) and one spike, each the
// latest reading of an electricity meter so the regular series stays intact.
void addAnomalies(const DemoOptions& options, const std::vector<v1::Change>& municipalities,
                  const std::vector<v1::Change>& sites, const std::vector<v1::Change>& meters,
                  const std::vector<v1::Change>& readings, Rng& ids, SecapGroups& out) {
  std::map<std::string, std::string> municipalityOfSite;
  for (const auto& s : sites) municipalityOfSite[s.entity_id()] = s.site().municipality_id();
  std::map<std::string, std::vector<const v1::Reading*>> byMeter;
  for (const auto& r : readings) byMeter[r.reading().meter_id()].push_back(&r.reading());
  for (auto& [id, rs] : byMeter)
    std::sort(rs.begin(), rs.end(), [](auto* a, auto* b) { return a->taken_at() < b->taken_at(); });

  // The first electricity meter in each of Bydgoszcz, Sztum and Besko.
  struct Pick {
    int municipality;
    bool spike;
    const char* note;
  };
  for (const Pick& pick : {Pick{0, false, ""}, Pick{1, true, ""}, Pick{2, false, "Odczyt z telefonu, słabe światło"}}) {
    const std::string& municipalityId = municipalities[static_cast<size_t>(pick.municipality)].entity_id();
    for (const auto& mc : meters) {
      const auto& m = mc.meter();
      if (m.carrier() != v1::CARRIER_ELECTRICITY || municipalityOfSite[m.site_id()] != municipalityId) continue;
      const auto& rs = byMeter[m.id()];
      if (rs.size() < 14) continue;
      const v1::Reading& last = *rs.back();
      double value;
      if (pick.spike) {
        double maxDaily = 0;
        for (size_t k = 1; k < rs.size(); ++k)
          maxDaily = std::max(maxDaily, (rs[k]->value() - rs[k - 1]->value()) * kMsPerDay /
                                            static_cast<double>(rs[k]->taken_at() - rs[k - 1]->taken_at()));
        const double days = static_cast<double>(options.nowMs - last.taken_at()) / 2 / kMsPerDay;
        value = std::round(last.value() + std::max(1.0, days) * maxDaily * 6);
        if (value >= pow10(m.register_digits())) continue;
      } else {
        // Two digits swapped or misread: about a tenth lower than last month.
        value = std::round(last.value() * 0.9);
      }
      v1::Change rc = entityChange(uuidV7(last.taken_at() + (options.nowMs - last.taken_at()) / 2, ids));
      auto* r = rc.mutable_reading();
      r->set_id(rc.entity_id());
      r->set_meter_id(m.id());
      r->set_taken_at(last.taken_at() + (options.nowMs - last.taken_at()) / 2);
      r->set_value(value);
      r->set_kind(v1::READING_KIND_ACTUAL);
      r->set_source(v1::READING_SOURCE_MANUAL);
      r->set_recorded_by(kDemoAnomalyRecorder);
      r->set_note(pick.note);
      if (pick.municipality == 0) {
        // The coordinator has looked at this one already.
        const int64_t reviewedMs = r->taken_at() + (options.nowMs - r->taken_at()) / 2;
        v1::Change vc = entityChange(uuidV7(reviewedMs, ids));
        auto* v = vc.mutable_reading_review();
        v->set_id(vc.entity_id());
        v->set_reading_id(r->id());
        v->set_decision(v1::REVIEW_DECISION_ERRONEOUS);
        v->set_note("Przestawione cyfry przy odczycie; właściwy stan w następnym odczycie.");
        v->set_reviewer("demo-coordinator");
        v->set_reviewed_at(reviewedMs);
        out.reviews.push_back(std::move(vc));
      }
      out.anomalies.push_back(std::move(rc));
      break;
    }
  }
}

// A submitted demo inspection of `tmpl` at the site, `minutes` long, with a
// GPS position of that accuracy; answers, findings and outcome to be added.
v1::Change demoInspection(const v1::InspectionTemplate& tmpl, const v1::Site& site, int64_t startedMs, int minutes,
                          double accuracyM, Rng& ids) {
  v1::Change ic = entityChange(uuidV7(startedMs, ids));
  auto* i = ic.mutable_inspection();
  i->set_id(ic.entity_id());
  i->set_template_id(tmpl.id());
  i->set_template_version(tmpl.version());
  i->set_site_id(site.id());
  i->set_inspector("demo");
  i->set_started_at(startedMs);
  i->set_submitted_at(startedMs + minutes * 60'000LL);
  i->mutable_location()->set_lat(site.lat());
  i->mutable_location()->set_lon(site.lon());
  i->mutable_location()->set_accuracy_m(accuracyM);
  return ic;
}

v1::InspectionAnswer* answerOf(v1::Inspection* inspection, const char* key) {
  auto* a = inspection->add_answers();
  a->set_item_key(key);
  return a;
}

// Last autumn's SECAP internal audit at the town hall: governance in place,
// the monitoring report under way; every third municipality's measures run
// late and need a follow-up.
void addAuditInspection(const DemoOptions& options, const Frame& f, const std::string& municipalityId, bool polish,
                        size_t mi, const std::vector<v1::Change>& sites, const v1::InspectionTemplate& audit,
                        SecapGroups& out) {
  // Streams of their own: the rest of the dataset stays as it was.
  Rng rng(options.seed, "audit", mi);
  Rng ids(options.seed, "audit-ids", mi);
  const v1::Site* hall = nullptr;
  for (const auto& c : sites)
    if (c.site().municipality_id() == municipalityId && c.site().kind() == kTownHall) {
      hall = &c.site();
      break;
    }
  if (!hall) return;
  const int64_t startedMs = (f.nowDay - 75) * kMsPerDay + 9 * kMsPerHour + static_cast<int64_t>(mi) * kMsPerDay;
  if (startedMs >= options.nowMs - kMsPerDay) return;
  const bool late = mi % 3 == 2;
  v1::Change ic = demoInspection(audit, *hall, startedMs, 90, std::round(rng.uniform(5, 25)), ids);
  auto* i = ic.mutable_inspection();
  auto answer = [&](const char* key) { return answerOf(i, key); };
  answer("coordinator_appointed")->set_yes_no(true);
  answer("council_review")->set_yes_no(!late);
  answer("inventory_year")->set_number(civilFromDays(f.nowDay).year - 2);
  answer("inventory_up_to_date")->set_yes_no(true);
  answer("measures_on_schedule")->set_choice(late ? "major_delays" : "minor_delays");
  answer("measures_started_share")->set_number(late ? 35 : 60);
  answer("monitoring_report")->set_choice("in_preparation");
  answer("funding_secured")->set_yes_no(!late);
  if (late) {
    answer("recommendations")
        ->set_text(polish ? "Przyspieszyć przetargi na termomodernizację; omówić harmonogram na najbliższej sesji rady."
                          : "Ausschreibungen beschleunigen; Zeitplan in der nächsten Ratssitzung beraten.");
    i->set_findings(polish ? "Opóźnienia w działaniach budynkowych; brak przeglądu postępów przez radę."
                           : "Verzögerungen bei Gebäudemaßnahmen; keine Fortschrittsberatung im Rat.");
    i->set_outcome(v1::INSPECTION_OUTCOME_FOLLOW_UP_NEEDED);
  } else {
    i->set_findings(polish ? "Zarządzanie i monitoring działają; raport monitoringowy w przygotowaniu."
                           : "Steuerung und Monitoring funktionieren; Monitoringbericht in Vorbereitung.");
    i->set_outcome(v1::INSPECTION_OUTCOME_VERIFIED);
  }
  out.inspections.push_back(std::move(ic));
}

void addMeasures(const DemoOptions& options, const Frame& f, const std::vector<v1::Change>& municipalities,
                 const std::vector<v1::Change>& sites, const std::vector<std::vector<MeasurePlan>>& plans,
                 const std::map<size_t, double>& savedMwhBySite, Rng& ids, SecapGroups& out) {
  Rng rng(options.seed, "measures");
  const int64_t firstMs = f.climateFirstDay * kMsPerDay;
  const int64_t createdMs = firstMs - 150 * kMsPerDay;
  out.templates.push_back(auditTemplate(createdMs, ids));
  const v1::InspectionTemplate audit = out.templates.back().inspection_template();
  out.templates.push_back(verificationTemplate(createdMs, ids));
  const auto& tmpl = out.templates.back().inspection_template();

  for (size_t mi = 0; mi < municipalities.size(); ++mi) {
    const auto& muni = kMunicipalities[mi];
    const std::string& municipalityId = municipalities[mi].entity_id();
    const bool polish = std::string_view(muni.country) == "PL";
    const double scale = muni.population > 100'000 ? 4.0 : muni.population < 10'000 ? 0.6 : 1.0;
    addAuditInspection(options, f, municipalityId, polish, mi, sites, audit, out);
    int index = 0;
    for (const MeasurePlan& plan : plans[mi]) {
      const MeasureSpec& spec = kMeasureSpecs[plan.spec];
      const v1::Site* site = plan.site == SIZE_MAX ? nullptr : &sites[plan.site].site();
      const int64_t start = plan.startMs;
      const int64_t end = plan.endMs;
      ++index;
      const double jitter = plan.jitter;
      auto rounded = [&](double v, double unit) { return std::round(v * scale * jitter / unit) * unit; };

      v1::Change mc = entityChange(uuidV7(createdMs + index * kMsPerHour, ids));
      auto* m = mc.mutable_measure();
      m->set_id(mc.entity_id());
      m->set_municipality_id(municipalityId);
      m->set_code(spec.code);
      m->set_title(polish ? spec.titlePl : spec.titleDe);
      if (site) m->set_description(std::string(polish ? "Obiekt: " : "Objekt: ") + site->name());
      m->set_type(spec.type);
      m->set_com_sector(spec.comSector);
      m->set_area_of_intervention(spec.area);
      m->set_policy_instrument(spec.instrument);
      m->set_responsible_body(polish ? "Wydział Inwestycji" : "Fachbereich Hochbau");
      m->set_planned_start(start);
      m->set_planned_end(end);
      m->set_budget_eur(rounded(spec.budgetEur, 1000));
      for (const char* source : polish ? spec.fundingPl : spec.fundingDe)
        if (*source) m->add_funding_sources(source);
      if (spec.savingsMwh > 0) {
        // The plan's estimate: what the site saves, seen a little hopefully
        // or cautiously by whoever wrote the plan.
        auto saved = savedMwhBySite.find(plan.site);
        m->set_expected_savings_mwh_per_year(saved != savedMwhBySite.end()
                                                 ? std::round(saved->second * rng.uniform(0.85, 1.3))
                                                 : rounded(spec.savingsMwh, 1));
      }
      if (spec.renewableMwh > 0) m->set_expected_renewable_mwh_per_year(rounded(spec.renewableMwh, 1));
      if (spec.co2T > 0) m->set_expected_co2_reduction_t_per_year(rounded(spec.co2T, 1));
      m->set_key_action(index == 1);
      if (site) m->add_site_ids(site->id());
      const bool postponed = spec.type == v1::MEASURE_TYPE_ADAPTATION && muni.population < 10'000;
      const bool completed = !postponed && end < options.nowMs - 30 * kMsPerDay;
      if (completed) m->set_implemented_at(end);
      out.measures.push_back(std::move(mc));
      m = out.measures.back().mutable_measure();

      // A progress update about every quarter until it is done (or now).
      const int64_t stopMs = completed ? end : options.nowMs - 7 * kMsPerDay;
      for (int64_t at = start + 14 * kMsPerDay; at < stopMs; at += 91 * kMsPerDay) {
        const double share = static_cast<double>(at - start) / static_cast<double>(end - start);
        double pct = std::clamp(std::round(share * 100 / 5) * 5, 0.0, 95.0);
        if (postponed) pct = std::min(pct, 10.0);
        v1::Change pc = entityChange(uuidV7(at, ids));
        auto* p = pc.mutable_progress_update();
        p->set_id(pc.entity_id());
        p->set_measure_id(m->id());
        p->set_reported_at(at);
        p->set_status(postponed && share > 0.3 ? v1::PROGRESS_STATUS_POSTPONED : v1::PROGRESS_STATUS_ONGOING);
        p->set_percent_complete(pct);
        p->set_spent_eur(std::round(m->budget_eur() * pct / 100 * 0.93));
        p->set_reported_by("demo");
        if (p->status() == v1::PROGRESS_STATUS_POSTPONED)
          p->set_note(polish ? "Czekamy na rozstrzygnięcie naboru wniosków." : "Warten auf den Förderbescheid.");
        auto* ind = p->add_indicators();
        ind->set_key(spec.indicatorKey);
        ind->set_value(std::round(rounded(spec.indicatorTarget, 1) * pct / 100));
        ind->set_unit(spec.indicatorUnit);
        out.progress.push_back(std::move(pc));
      }
      if (completed) {
        v1::Change pc = entityChange(uuidV7(end + kMsPerDay, ids));
        auto* p = pc.mutable_progress_update();
        p->set_id(pc.entity_id());
        p->set_measure_id(m->id());
        p->set_reported_at(end + kMsPerDay);
        p->set_status(v1::PROGRESS_STATUS_COMPLETED);
        p->set_percent_complete(100);
        p->set_spent_eur(std::round(m->budget_eur() * rng.uniform(0.9, 1.05)));
        p->set_reported_by("demo");
        p->set_note(polish ? "Odbiór końcowy podpisany." : "Abnahme erfolgt.");
        auto* ind = p->add_indicators();
        ind->set_key(spec.indicatorKey);
        ind->set_value(rounded(spec.indicatorTarget, 1));
        ind->set_unit(spec.indicatorUnit);
        if (spec.type == v1::MEASURE_TYPE_ADAPTATION) {
          auto* trees = p->add_indicators();
          trees->set_key("trees_planted");
          trees->set_value(std::round(rounded(40, 1)));
          trees->set_unit("pcs");
        }
        out.progress.push_back(std::move(pc));
      }

      // A site visit after completion verifies the measure; the first
      // measure of every third municipality needs a follow-up.
      if (completed && site) {
        const bool followUp = index == 1 && mi % 3 == 2;
        const int64_t startedMs = end + 20 * kMsPerDay + 10 * kMsPerHour;
        if (startedMs >= options.nowMs - kMsPerDay) continue;
        v1::Change ic = demoInspection(tmpl, *site, startedMs, 40, std::round(rng.uniform(4, 15)), ids);
        auto* i = ic.mutable_inspection();
        i->set_measure_id(m->id());
        auto answer = [&](const char* key) { return answerOf(i, key); };
        answer("implemented_as_planned")->set_yes_no(true);
        answer("equipment_in_operation")->set_yes_no(!followUp);
        answer("installed_quantity")->set_number(rounded(spec.indicatorTarget, 1));
        answer("condition")->set_choice(followUp ? "minor_defects" : "good");
        if (followUp) {
          i->set_findings(polish ? "Falownik zgłasza błąd izolacji; wezwano wykonawcę w ramach gwarancji."
                                 : "Wechselrichter meldet Isolationsfehler; Gewährleistung angefragt.");
          i->set_outcome(v1::INSPECTION_OUTCOME_FOLLOW_UP_NEEDED);
        } else {
          i->set_findings(polish ? "Zakres zgodny z dokumentacją powykonawczą."
                                 : "Umfang entspricht der Dokumentation.");
          i->set_outcome(v1::INSPECTION_OUTCOME_VERIFIED);
        }
        out.inspections.push_back(std::move(ic));
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Street lighting that Bydgoszcz buys on invoices: circuits nobody reads on
// site, whose use the utility's monthly invoices give (imported from its
// portal, DESIGN §6.1 "invoice"). The last full month is held back as the
// file the demo drops into the import folder.

struct InvoicedCircuit {
  const char* name;
  const char* address;
  double lat, lon;
  const char* ppe;  // the supply point (punkt poboru energii) on the invoice
  double kw;
};

constexpr InvoicedCircuit kInvoicedCircuits[] = {
    {"Oświetlenie uliczne – obwód Śródmieście", "ul. Gdańska, szafa oświetleniowa SO-3, 85-005 Bydgoszcz", 53.12702,
     18.00931, "590243831000104411", 31.5},
    {"Oświetlenie uliczne – obwód Osowa Góra", "ul. Szubińska, szafa oświetleniowa SO-27, 85-312 Bydgoszcz", 53.13861,
     17.93512, "590243831000117905", 18.2},
};

struct InvoicedMonth {
  size_t circuit = 0;
  int year = 0;
  int month = 0;
  int64_t fromMs = 0;  // local midnight of the 1st (Europe/Warsaw)
  int64_t toMs = 0;    // local midnight of the next 1st
  double kwh = 0;
};

// Every full month of the frame for each circuit, oldest first.
std::vector<InvoicedMonth> invoicedMonths(const DemoOptions& options, const Frame& f) {
  const auto& spec = kMunicipalities[0];  // Bydgoszcz
  const Climate climate = makeClimate(spec, 0, options.seed, f.climateFirstDay, f.nowDay);
  std::vector<InvoicedMonth> out;
  for (size_t c = 0; c < std::size(kInvoicedCircuits); ++c) {
    MeterPlan p;
    p.carrier = v1::CARRIER_ELECTRICITY;
    p.unit = v1::UNIT_KWH;
    p.lightingKw = kInvoicedCircuits[c].kw;
    p.latDeg = spec.lat;
    for (int k = 0; k + 1 < f.months; ++k) {
      const int index = f.firstYear * 12 + (f.firstMonth - 1) + k;
      const int y = index / 12, m = index % 12 + 1;
      const int ny = (index + 1) / 12, nm = (index + 1) % 12 + 1;
      InvoicedMonth im{c,
                       y,
                       m,
                       daysFromCivil(y, m, 1) * kMsPerDay - utcOffsetHours(m) * kMsPerHour,
                       daysFromCivil(ny, nm, 1) * kMsPerDay - utcOffsetHours(nm) * kMsPerHour,
                       0};
      for (int64_t d = daysFromCivil(y, m, 1); d < daysFromCivil(ny, nm, 1); ++d) im.kwh += dailyUse(p, climate, d);
      im.kwh = std::round(im.kwh);
      out.push_back(im);
    }
  }
  return out;
}

bool heldBack(const InvoicedMonth& m, const Frame& f) {
  const int last = f.firstYear * 12 + (f.firstMonth - 1) + f.months - 2;  // the last full month
  return m.year * 12 + (m.month - 1) == last;
}

std::string invoiceNumber(const InvoicedMonth& m) {
  std::array<char, 48> buf{};
  std::snprintf(buf.data(), buf.size(), "FV/%04d/%02d/%s", m.year, m.month, kInvoicedCircuits[m.circuit].ppe + 12);
  return buf.data();
}

// The circuits' sites, meters and every invoice but the held-back month's.
void addInvoicedLighting(const DemoOptions& options, const Frame& f, const std::string& bydgoszczId, Rng& ids,
                         std::vector<v1::Change>& out) {
  std::vector<std::string> meterIds;
  const int64_t createdMs = (f.climateFirstDay - 90) * kMsPerDay + 10 * kMsPerHour;
  for (size_t c = 0; c < std::size(kInvoicedCircuits); ++c) {
    const auto& circuit = kInvoicedCircuits[c];
    v1::Change sc = entityChange(uuidV7(createdMs + static_cast<int64_t>(c) * 60'000, ids));
    v1::Site* site = sc.mutable_site();
    site->set_id(sc.entity_id());
    site->set_municipality_id(bydgoszczId);
    site->set_name(circuit.name);
    site->set_kind(kLighting);
    site->set_com_sector("public_lighting");
    site->set_address(circuit.address);
    site->set_lat(circuit.lat);
    site->set_lon(circuit.lon);
    v1::Change mc = entityChange(uuidV7(createdMs + static_cast<int64_t>(c) * 60'000 + 1000, ids));
    v1::Meter* meter = mc.mutable_meter();
    meter->set_id(mc.entity_id());
    meter->set_site_id(site->id());
    meter->set_serial(std::string("PPE ") + circuit.ppe);
    meter->set_label_code(circuit.ppe);
    meter->set_carrier(v1::CARRIER_ELECTRICITY);
    meter->set_unit(v1::UNIT_KWH);
    meter->set_kind(v1::METER_KIND_PERIOD);
    meterIds.push_back(meter->id());
    out.push_back(std::move(sc));
    out.push_back(std::move(mc));
  }
  for (const auto& m : invoicedMonths(options, f)) {
    if (heldBack(m, f)) continue;
    // Invoiced some days after the month ends.
    v1::Change rc = entityChange(uuidV7(m.toMs + 9 * kMsPerDay, ids));
    v1::Reading* r = rc.mutable_reading();
    r->set_id(rc.entity_id());
    r->set_meter_id(meterIds[m.circuit]);
    r->set_kind(v1::READING_KIND_INVOICE);
    r->set_source(v1::READING_SOURCE_INVOICE_IMPORT);
    r->set_period_start(m.fromMs);
    r->set_taken_at(m.toMs);
    r->set_value(m.kwh);
    r->set_note("invoice " + invoiceNumber(m) + " from ENEA Operator");
    out.push_back(std::move(rc));
  }
}

}  // namespace

DemoInvoiceFile demoInvoiceFile(const DemoOptions& options) {
  const Frame f = frameOf(options);
  DemoInvoiceFile file;
  for (const auto& m : invoicedMonths(options, f)) {
    if (!heldBack(m, f)) continue;
    std::array<char, 64> name{}, from{}, to{};
    const int next = m.year * 12 + m.month;  // the month after, as an index
    const Civil last = civilFromDays(daysFromCivil(next / 12, next % 12 + 1, 1) - 1);
    std::snprintf(name.data(), name.size(), "invoices-enea-bydgoszcz-%04d-%02d.csv", m.year, m.month);
    std::snprintf(from.data(), from.size(), "%04d-%02d-01", m.year, m.month);
    std::snprintf(to.data(), to.size(), "%04d-%02d-%02d", m.year, m.month, last.day);
    if (file.text.empty()) {
      file.name = name.data();
      file.text = "# Faktury ENEA Operator za " + std::string(from.data()).substr(0, 7) +
                  " (eksport z portalu klienta), Bydgoszcz\n"
                  "municipality;meter;period_start;period_end;consumption;unit;invoice_number;supplier\n";
    }
    std::array<char, 32> kwh{};
    std::snprintf(kwh.data(), kwh.size(), "%.0f", m.kwh);
    file.text += "Bydgoszcz;" + std::string(kInvoicedCircuits[m.circuit].ppe) + ";" + from.data() + ";" + to.data() +
                 ";" + kwh.data() + ";kWh;" + invoiceNumber(m) + ";ENEA Operator\n";
  }
  return file;
}

const std::vector<std::string>& demoMunicipalityNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    names.reserve(kMunicipalities.size());
    for (const auto& m : kMunicipalities) names.emplace_back(m.name);
    return names;
  }();
  return kNames;
}

std::string demoMunicipalityId(std::string_view name, uint64_t seed) {
  for (const auto& m : kMunicipalities) {
    if (name == m.name) {
      const uint64_t h1 = mix64(seed ^ fnv1a(name));
      const uint64_t h2 = mix64(h1 ^ 0x5ec4b0d1e5ULL);
      return uuidV7(kMunicipalityIdEpochMs + static_cast<int64_t>(h1 % kMsPerDay), h2 >> 52, mix64(h2));
    }
  }
  return {};
}

std::vector<DemoDegreeDays> generateDemoDegreeDays(const DemoOptions& options) {
  const Frame f = frameOf(options);
  std::vector<DemoDegreeDays> out;
  for (int mi = 0; mi < static_cast<int>(kMunicipalities.size()); ++mi) {
    const auto& spec = kMunicipalities[static_cast<size_t>(mi)];
    const Climate climate = makeClimate(spec, mi, options.seed, f.climateFirstDay, f.nowDay);
    const std::string id = demoMunicipalityId(spec.name, options.seed);
    // Every full month before the current one.
    for (int k = 0; k + 1 < f.months; ++k) {
      const int index = f.firstYear * 12 + (f.firstMonth - 1) + k;
      const int y = index / 12;
      const int m = index % 12 + 1;
      const int64_t from = daysFromCivil(y, m, 1);
      const int64_t to = m == 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1);
      double sum = 0;
      for (int64_t d = from; d < to; ++d) sum += climate.hddOn(d);
      out.push_back({id, y, m, std::round(sum * 10.0) / 10.0});
    }
  }
  return out;
}

// The Attachment of a demo illustration owned by a record.
v1::Change demoPhoto(const std::string& png, int64_t takenMs, const char* ownerType, const std::string& ownerId,
                     const char* caption, bool publishable, Rng& ids) {
  v1::Change pc = entityChange(uuidV7(takenMs, ids));
  auto* a = pc.mutable_attachment();
  a->set_id(pc.entity_id());
  a->set_sha256(core::sha256Hex(png));
  a->set_mime("image/png");
  a->set_size(static_cast<int64_t>(png.size()));
  a->set_width(kDemoPhotoWidth);
  a->set_height(kDemoPhotoHeight);
  a->set_taken_at(takenMs);
  a->set_owner_type(ownerType);
  a->set_owner_id(ownerId);
  a->set_caption(caption);
  a->set_publishable(publishable);
  return pc;
}

// A photo for every inspection of a measure, and a published one of every
// completed measure's result (see generateDemoData).
void addInspectionPhotos(uint64_t seed, std::vector<v1::Change>& out, std::vector<DemoBlob>& blobs) {
  std::map<std::string, bool> polishTown;
  std::map<std::string, std::pair<std::string, bool>> measures;  // id -> area, in a Polish town
  for (const auto& c : out)
    if (c.has_municipality()) polishTown[c.municipality().id()] = c.municipality().country() == "PL";
  for (const auto& c : out)
    if (c.has_measure())
      measures[c.measure().id()] = {c.measure().area_of_intervention(), polishTown[c.measure().municipality_id()]};
  Rng ids(seed, "photos");
  std::vector<v1::Change> photos;
  for (auto& c : out) {
    if (!c.has_inspection() || !c.inspection().has_measure_id()) continue;
    auto* inspection = c.mutable_inspection();
    const auto& [area, polish] = measures[inspection->measure_id()];
    const std::string png = demoIllustrationPng(area, ids.next());
    if (png.empty()) continue;
    const bool verified = inspection->outcome() == v1::INSPECTION_OUTCOME_VERIFIED;
    v1::Change pc = demoPhoto(
        png, inspection->submitted_at() - 10 * 60'000, "inspection", inspection->id(),
        polish ? (verified ? "Stan po realizacji (ilustracja demo)" : "Usterka do usunięcia (ilustracja demo)")
               : (verified ? "Nach der Umsetzung (Demo-Illustration)" : "Mangel zur Nachbesserung (Demo-Illustration)"),
        verified, ids);
    inspection->add_attachment_ids(pc.entity_id());
    blobs.push_back({pc.attachment().sha256(), png});
    photos.push_back(std::move(pc));
  }
  // The report of a completed measure carries a photo of the result, which
  // the coordinator published: the public board shows it.
  std::map<std::string, size_t> completing;  // measure id -> its completing update in `out`
  for (size_t i = 0; i < out.size(); ++i) {
    const auto& c = out[i];
    if (!c.has_progress_update() || c.progress_update().status() != v1::PROGRESS_STATUS_COMPLETED) continue;
    auto [it, fresh] = completing.emplace(c.progress_update().measure_id(), i);
    if (!fresh && out[it->second].progress_update().reported_at() < c.progress_update().reported_at()) it->second = i;
  }
  for (const auto& [measureId, index] : completing) {
    auto* update = out[index].mutable_progress_update();
    const auto& [area, polish] = measures[measureId];
    const std::string png = demoIllustrationPng(area, ids.next());
    if (png.empty()) continue;
    v1::Change pc =
        demoPhoto(png, update->reported_at() - 60 * 60'000, "progress_update", update->id(),
                  polish ? "Zakończone działanie (ilustracja demo)" : "Abgeschlossene Maßnahme (Demo-Illustration)",
                  /*publishable=*/true, ids);
    update->add_attachment_ids(pc.entity_id());
    blobs.push_back({pc.attachment().sha256(), png});
    photos.push_back(std::move(pc));
  }
  for (auto& p : photos) out.push_back(std::move(p));
}

std::vector<v1::Change> generateDemoData(const DemoOptions& options, std::vector<DemoBlob>* photoBlobs) {
  const Frame f = frameOf(options);
  const uint64_t seed = options.seed;
  Rng structure(seed, "structure");
  Rng ids(seed, "ids");

  std::vector<v1::Change> municipalities;
  std::vector<v1::Change> sites;
  std::vector<v1::Change> meters;
  std::vector<v1::Change> readings;

  std::vector<Climate> climates;
  for (int mi = 0; mi < static_cast<int>(kMunicipalities.size()); ++mi) {
    const auto& spec = kMunicipalities[static_cast<size_t>(mi)];
    climates.push_back(makeClimate(spec, mi, seed, f.climateFirstDay, f.nowDay));
    v1::Change c = entityChange(demoMunicipalityId(spec.name, seed));
    v1::Municipality* m = c.mutable_municipality();
    m->set_id(c.entity_id());
    m->set_name(spec.name);
    m->set_country(spec.country);
    m->set_time_zone(spec.timeZone);
    m->set_population(spec.population);
    m->set_baseline_year(spec.baselineYear);
    m->set_target_year(2030);
    m->set_target_reduction_pct(spec.targetReductionPct);
    m->set_emission_factor_approach(spec.approach);
    m->set_share_progress(spec.shareProgress);
    if (const int neutral = demoClimateNeutralityYear(spec.name)) m->set_climate_neutrality_year(neutral);
    municipalities.push_back(std::move(c));
  }

  const auto measurePlans = planMeasures(options, f);
  std::map<size_t, double> savedMwhBySite;
  const int64_t firstReadingDay = f.climateFirstDay;
  int meterNumber = 0;
  for (size_t si = 0; si < kSites.size(); ++si) {
    const SiteSpec& spec = kSites[si];
    const MunicipalitySpec& muni = kMunicipalities[static_cast<size_t>(spec.municipality)];
    const Climate& climate = climates[static_cast<size_t>(spec.municipality)];
    const bool big = muni.population > 100'000;
    const bool rural = muni.population < 10'000;
    const double scale = big ? 1.3 : rural ? 0.7 : 1.0;

    // The site record.
    const int64_t siteCreatedMs =
        (firstReadingDay - 120) * kMsPerDay + static_cast<int64_t>(si) * 60'000 + 9 * kMsPerHour;
    v1::Change sc = entityChange(uuidV7(siteCreatedMs, ids));
    v1::Site* site = sc.mutable_site();
    site->set_id(sc.entity_id());
    site->set_municipality_id(municipalities[static_cast<size_t>(spec.municipality)].entity_id());
    site->set_name(spec.name);
    site->set_kind(spec.kind);
    site->set_com_sector(spec.kind == kLighting ? "public_lighting" : "municipal_buildings");
    site->set_address(spec.address);
    const double spread = rural ? 0.04 : 0.02;
    site->set_lat(std::round((muni.lat + structure.uniform(-spread, spread)) * 1e5) / 1e5);
    site->set_lon(std::round((muni.lon + structure.uniform(-1.6 * spread, 1.6 * spread)) * 1e5) / 1e5);
    SiteShape shape = shapeOf(spec.kind, structure);
    shape.area = std::round(shape.area * scale);
    const bool building = shape.area > 0;
    if (building) site->set_heated_area_m2(shape.area);
    if (spec.kind != kLighting) {
      site->set_year_built(structure.uniformInt(shape.yearBuiltLo, shape.yearBuiltHi));
    }
    // The measure carried out at this site, if any: from its go-live on the
    // site uses less (planMeasures).
    const MeasurePlan* measure = nullptr;
    for (const auto& p : measurePlans[static_cast<size_t>(spec.municipality)])
      if (p.site == si) measure = &p;
    const int64_t retrofitDay = measure ? floorDiv(measure->endMs, kMsPerDay) : -1;
    const bool heatRetrofit = measure && (spec.kind == kSchool || spec.kind == kKindergarten);
    const bool ledRetrofit = measure && spec.kind == kLighting;
    sites.push_back(std::move(sc));

    // The meters of the site.
    std::vector<MeterPlan> plans;
    auto electricity = [&](double basePerDay, double perHdd) {
      MeterPlan p;
      p.carrier = v1::CARRIER_ELECTRICITY;
      p.unit = v1::UNIT_KWH;
      p.basePerDay = basePerDay;
      p.perHdd = perHdd;
      p.weekendFactor = shape.weekend;
      p.summerFactor = shape.summer;
      p.minDigits = 6;
      p.maxDigits = 8;
      if (basePerDay > 1500) {  // A current-transformer installation.
        p.multiplier = 40;
        p.resolution = 0.1;
      }
      return p;
    };
    if (spec.kind == kLighting) {
      MeterPlan p = electricity(0, 0);
      p.lightingKw = structure.uniform(12, 45) * (big ? 2.5 : rural ? 0.6 : 1.0);
      p.latDeg = muni.lat;
      if (ledRetrofit) {
        p.retrofitDay = retrofitDay;
        p.retrofitFactor = measure->effect;
      }
      plans.push_back(p);
    } else if (spec.kind == kWater) {
      const double pumpKw = structure.uniform(40, 160) * scale;
      MeterPlan p = electricity(pumpKw * 24, 0.002 * pumpKw);
      p.weekendFactor = 0.95;
      p.summerFactor = 1.05;
      plans.push_back(p);
      if (structure.chance(0.6)) {
        MeterPlan w;
        w.carrier = v1::CARRIER_WATER;
        w.unit = v1::UNIT_M3;
        w.resolution = 1;
        w.minDigits = 7;
        w.maxDigits = 8;
        w.basePerDay = static_cast<double>(muni.population) * 0.11 * structure.uniform(0.3, 0.6);
        w.weekendFactor = 0.95;
        w.summerFactor = 1.1;
        plans.push_back(w);
      }
    } else {
      MeterPlan e = electricity(shape.area * shape.elecBase, shape.area * 0.0015);
      if (spec.flags & kRolloverElectricity) e.rollover = true;
      if (heatRetrofit) {
        e.retrofitDay = retrofitDay;
        // A heat pump runs on electricity: a quarter of the heat it gives.
        e.retrofitFactor = spec.kind == kKindergarten ? 1.6 : 0.97;
      }
      if (measure && spec.kind == kTownHall) {  // a PV roof: less bought electricity
        e.retrofitDay = retrofitDay;
        e.retrofitFactor = measure->effect;
      }
      plans.push_back(e);

      MeterPlan h;
      const bool districtHeat = muni.hasDistrictHeat && !(spec.flags & kForceGas) &&
                                (spec.kind == kTownHall || spec.kind == kPool || structure.chance(0.55));
      if (districtHeat) {
        h.carrier = v1::CARRIER_DISTRICT_HEAT;
        h.unit = v1::UNIT_GJ;
        h.resolution = 0.01;
        h.minDigits = 6;
        h.maxDigits = 8;
      } else {
        h.carrier = v1::CARRIER_NATURAL_GAS;
        h.unit = v1::UNIT_M3;
        // Gross calorific value: H-gas in Poland and southern Germany, L-gas
        // around Bremen (Ritterhude).
        h.calorificValue =
            std::round((muni.lon < 9.0 ? structure.uniform(9.9, 10.3) : structure.uniform(10.9, 11.3)) * 100) / 100;
        h.resolution = 0.1;
        h.minDigits = 5;
        h.maxDigits = 7;
      }
      h.basePerDay = shape.area * shape.heatBase;
      h.perHdd = shape.area * shape.heatPerHdd;
      h.weekendFactor = 1.0;
      h.summerFactor = spec.kind == kSchool ? 0.5 : 1.0;
      if (spec.flags & kRolloverHeat) h.rollover = true;
      if (heatRetrofit) {
        h.retrofitDay = retrofitDay;
        h.retrofitFactor = measure->effect;
      }
      plans.push_back(h);

      const bool water = spec.kind == kTownHall || spec.kind == kPool ||
                         ((spec.kind == kSchool || spec.kind == kSportsHall) && structure.chance(0.5));
      if (water) {
        MeterPlan w;
        w.carrier = v1::CARRIER_WATER;
        w.unit = v1::UNIT_M3;
        w.resolution = 0.1;
        w.minDigits = 5;
        w.maxDigits = 6;
        w.basePerDay = shape.area * shape.waterBase;
        w.weekendFactor = shape.weekend;
        w.summerFactor = shape.summer;
        plans.push_back(w);
      }
    }

    // The reading schedule: the caretaker reads all meters of the site on one
    // morning between the 1st and the 5th, a couple of minutes apart.
    std::vector<int64_t> visitMs;
    for (int k = 0; k < f.months; ++k) {
      const int index = f.firstYear * 12 + (f.firstMonth - 1) + k;
      const int y = index / 12;
      const int m = index % 12 + 1;
      int64_t day = daysFromCivil(y, m, structure.uniformInt(1, 5));
      if (weekdayMon0(day) == 6) ++day;  // Not on a Sunday.
      const int hourLocal = structure.uniformInt(7, 11);
      visitMs.push_back(day * kMsPerDay + (hourLocal - utcOffsetHours(m)) * kMsPerHour +
                        int64_t{structure.uniformInt(0, 59)} * 60'000 + int64_t{structure.uniformInt(0, 59)} * 1000);
    }

    // What the measure saves in a year, as its planners would have estimated
    // it from the year before: the use it cuts, less what a heat pump draws.
    if (measure) {
      double saved = 0;
      for (const MeterPlan& p : plans) {
        if (p.retrofitDay < 0) continue;
        double year = 0;
        for (int64_t d = p.retrofitDay - 365; d < p.retrofitDay; ++d) year += dailyUse(p, climate, d);
        saved += year * (1 - p.retrofitFactor);
      }
      savedMwhBySite[si] = saved / 1000.0;
    }
    for (size_t pi = 0; pi < plans.size(); ++pi) {
      const MeterPlan& p = plans[pi];
      ++meterNumber;
      Rng noise(seed, "meter", static_cast<uint64_t>(meterNumber));

      // Register increments per month, in register units.
      std::vector<int64_t> takenAt;
      for (int64_t t : visitMs) {
        const int64_t at = t + static_cast<int64_t>(pi) * 120'000;
        if (at < options.nowMs - 600'000) takenAt.push_back(at);
      }
      if (takenAt.empty()) continue;
      std::vector<double> increments(takenAt.size(), 0.0);
      double total = 0;
      for (size_t k = 1; k < takenAt.size(); ++k) {
        const int64_t from = floorDiv(takenAt[k - 1], kMsPerDay);
        const int64_t to = floorDiv(takenAt[k], kMsPerDay);
        double use = 0;
        for (int64_t d = from; d < to; ++d) use += dailyUse(p, climate, d);
        const double factor = std::clamp(1.0 + 0.05 * noise.normal(), 0.85, 1.15);
        increments[k] = std::max(use * factor * registerPerUse(p), 3 * p.resolution);
        total += increments[k];
      }

      // The register at the first reading: the meter's age times its yearly
      // use. Digits are chosen so that only the rollover meters wrap.
      const int64_t installedMs = takenAt.front() - static_cast<int64_t>(noise.uniformInt(60, 4000)) * kMsPerDay;
      const double years = static_cast<double>(f.months - 1) / 12.0;
      const double perYear = total / std::max(years, 1.0 / 12.0);
      int digits;
      double start;
      if (p.rollover) {
        // Few digits: the register wraps once or twice during the series.
        const double maxIncrement = *std::max_element(increments.begin(), increments.end());
        digits = 5;
        while (pow10(digits) <= 2 * maxIncrement || pow10(digits) < total / 2.2) ++digits;
        start = roundDown(pow10(digits) - 0.45 * total, p.resolution);
      } else {
        const double ageYears = static_cast<double>(takenAt.front() - installedMs) / (365.25 * kMsPerDay);
        start = roundDown(std::max(perYear * ageYears, 10 * p.resolution), p.resolution);
        digits = noise.uniformInt(p.minDigits, p.maxDigits);
        while (pow10(digits) <= (start + total) * 1.05) ++digits;
      }

      v1::Change mc = entityChange(uuidV7(siteCreatedMs + static_cast<int64_t>(pi + 1) * 1000, ids));
      v1::Meter* meter = mc.mutable_meter();
      meter->set_id(mc.entity_id());
      meter->set_site_id(site->id());
      std::array<char, 32> serial{};
      std::snprintf(serial.data(), serial.size(), "%s%08u", serialPrefix(p.carrier),
                    static_cast<unsigned>(noise.next() % 100'000'000ULL));
      meter->set_serial(serial.data());
      std::array<char, 32> label{};
      std::snprintf(label.data(), label.size(), "SECAP-M-%04d", meterNumber);
      meter->set_label_code(label.data());
      meter->set_carrier(p.carrier);
      meter->set_unit(p.unit);
      meter->set_kind(v1::METER_KIND_CUMULATIVE);
      meter->set_register_digits(digits);
      meter->set_multiplier(p.multiplier);
      meter->set_calorific_value_kwh_per_unit(p.calorificValue);
      meter->set_installed_at(installedMs);
      const std::string meterId = meter->id();
      meters.push_back(std::move(mc));

      const bool polish = std::string_view(muni.country) == "PL";
      const double modulus = pow10(digits);
      double exact = start;
      for (size_t k = 0; k < takenAt.size(); ++k) {
        exact += increments[k];
        const bool wrapped = exact >= modulus;
        if (wrapped) exact -= modulus;
        double value = roundDown(exact, p.resolution);
        if (value <= 0) value = p.resolution;

        v1::Change rc = entityChange(uuidV7(takenAt[k], ids));
        v1::Reading* r = rc.mutable_reading();
        r->set_id(rc.entity_id());
        r->set_meter_id(meterId);
        r->set_taken_at(takenAt[k]);
        r->set_value(value);
        r->set_kind(v1::READING_KIND_ACTUAL);
        r->set_source(v1::READING_SOURCE_MANUAL);
        r->set_recorded_by("demo");
        if (wrapped) r->set_note(polish ? "Licznik przekręcił się (przepełnienie licznika)" : "Zählerüberlauf");
        readings.push_back(std::move(rc));
      }
    }
  }

  // Readings in time order, as field staff would have pushed them.
  std::stable_sort(readings.begin(), readings.end(), [](const v1::Change& a, const v1::Change& b) {
    return a.reading().taken_at() < b.reading().taken_at();
  });

  // The SECAP part: ids come after every regular record's, so adding to it
  // leaves the sites, meters and readings as they were.
  SecapGroups secap;
  addReferenceData(options, f, ids, secap);
  addAnomalies(options, municipalities, sites, meters, readings, ids, secap);
  addMeasures(options, f, municipalities, sites, measurePlans, savedMwhBySite, ids, secap);
  DemoTerritory territory = generateDemoTerritory({options.nowMs, &municipalities, &sites, &meters, &readings,
                                                   &secap.reference, [&ids](int64_t ms) { return uuidV7(ms, ids); }});

  std::vector<v1::Change> out;
  for (auto* group : {&municipalities, &secap.reference, &territory.factors, &territory.years, &territory.published,
                      &territory.activity, &sites, &meters, &readings, &secap.anomalies, &secap.reviews,
                      &secap.templates, &secap.measures, &secap.progress, &secap.inspections}) {
    for (auto& c : *group) out.push_back(std::move(c));
  }
  // Appended last, so every other record keeps its id.
  addInvoicedLighting(options, f, demoMunicipalityId(kMunicipalities[0].name, seed), ids, out);
  if (photoBlobs) addInspectionPhotos(seed, out, *photoBlobs);

  // Stamps: strictly increasing in list order, ending a minute before now.
  Rng changeIds(seed, "change_ids");
  const int64_t firstStampMs = options.nowMs - 60'000 - static_cast<int64_t>(out.size() >> 16) - 1;
  const core::HlcValue firstHlc = core::makeHlc(firstStampMs, 0);
  for (size_t i = 0; i < out.size(); ++i) {
    const core::HlcValue hlc = firstHlc + i;
    out[i].set_hlc(hlc);
    out[i].set_change_id(uuidV7(core::hlcPhysicalMs(hlc), i & 0xfff, changeIds.next()));
  }
  return out;
}

}  // namespace secap::server

#pragma once
// Small fixtures shared by the core tests: a temporary directory and a pulled
// page with one municipality, site and meter.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "secap/core/hlc.h"
#include "secap/v1/sync.pb.h"

namespace secap::testing {

inline std::string freshDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("secap_test_" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

// A file's permission bits (e.g. 0600), for the tests of what may read it.
inline unsigned fileMode(const std::string& path) {
  return static_cast<unsigned>(std::filesystem::status(path).permissions()) & 07777u;
}

// A whole file's bytes ("" when it cannot be read).
inline std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline constexpr const char* kMunicipalityId = "0190a000-0000-7000-8000-000000000001";
inline constexpr const char* kSiteId = "0190a000-0000-7000-8000-000000000002";
inline constexpr const char* kMeterId = "0190a000-0000-7000-8000-000000000003";

inline secap::v1::PullResponse basePage(int64_t nowMs) {
  secap::v1::PullResponse page;
  int64_t seq = 0;
  auto add = [&](const std::string& id) {
    auto* c = page.add_changes();
    c->set_change_id("0190a000-0000-7000-9000-00000000000" + std::to_string(++seq));
    c->set_entity_id(id);
    c->set_hlc(core::makeHlc(nowMs - 100000, static_cast<uint16_t>(seq)));
    c->set_server_seq(seq);
    c->set_origin_device_id("server");
    return c;
  };
  auto* m = add(kMunicipalityId)->mutable_municipality();
  m->set_id(kMunicipalityId);
  m->set_name("Pałecznica");
  m->set_country("PL");
  m->set_time_zone("Europe/Warsaw");
  auto* s = add(kSiteId)->mutable_site();
  s->set_id(kSiteId);
  s->set_municipality_id(kMunicipalityId);
  s->set_name("Szkoła Podstawowa");
  auto* meter = add(kMeterId)->mutable_meter();
  meter->set_id(kMeterId);
  meter->set_site_id(kSiteId);
  meter->set_serial("E-1");
  meter->set_carrier(secap::v1::CARRIER_ELECTRICITY);
  meter->set_unit(secap::v1::UNIT_KWH);
  meter->set_kind(secap::v1::METER_KIND_CUMULATIVE);
  meter->set_register_digits(6);
  meter->set_multiplier(1);
  page.set_last_seq(seq);
  return page;
}

}  // namespace secap::testing

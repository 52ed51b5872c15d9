#pragma once
// A DiagnosticBackend with plain maps, shared by the diag, serve and fuzz tests.
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "diagnostic_backend.h"

namespace bcmhil::diag::testing {

class FakeBackend : public DiagnosticBackend {
 public:
  std::map<std::string, bool, std::less<>> digitals;
  std::map<std::string, uint8_t, std::less<>> analogs;
  std::vector<FaultRecord> faults;
  std::vector<InfoRecord> infos;
  RfStatus rf;
  std::set<std::string, std::less<>> refused;  // outputs the module refuses to force
  int resets = 0;
  int clears = 0;
  int rf_clears = 0;
  bool tilt = false;
  IdentData id;
  std::map<uint8_t, PlipCodes> plips;  // key locations the module has (READ/WRITE_PLIP_CODES)

  // A name missing from the maps is a signal the module does not measure (not available).
  std::optional<bool> digital(std::string_view s) const override {
    auto it = digitals.find(s);
    if (it == digitals.end()) return std::nullopt;
    return it->second;
  }
  std::optional<uint8_t> analog_raw(std::string_view c) const override {
    auto it = analogs.find(c);
    if (it == analogs.end()) return std::nullopt;
    return it->second;
  }
  std::vector<FaultRecord> fault_memory() const override { return faults; }
  void clear_fault_memory() override {
    faults.clear();
    ++clears;
  }
  std::vector<InfoRecord> info_memory() const override { return infos; }
  RfStatus rf_status() const override { return rf; }
  bool force_output(std::string_view s, bool on) override {
    if (refused.count(s)) return false;
    digitals[std::string(s)] = on;
    return true;
  }
  void reset() override { ++resets; }
  IdentData ident() const override { return id; }
  bool tilt_pulse_received() const override { return tilt; }
  void clear_rf_buffers() override { ++rf_clears; }
  std::optional<PlipCodes> read_plip(uint8_t location) const override {
    auto it = plips.find(location);
    if (it == plips.end()) return std::nullopt;
    return it->second;
  }
  bool write_plip(uint8_t location, const PlipCodes& codes) override {
    if (!plips.count(location)) return false;
    plips[location] = codes;
    return true;
  }
};

}  // namespace bcmhil::diag::testing

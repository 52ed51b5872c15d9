#pragma once
// What the DS2 service reads from and commands in the module. Implemented by the SystemC model
// (the lead) and by fakes in tests. Called from whichever thread calls Ds2Server::handle().
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bcmhil::diag {

struct FaultRecord {
  uint8_t code = 0;  // bc1_forttexte.csv ORT
  bool active = false;
  uint8_t frequency = 0;
};

struct InfoRecord {
  uint8_t code = 0;  // bc1_iorttexte.csv ORT: 0x30.. alarm mislocks, 0x40.. alarm triggers
  uint8_t count = 0;
};

// STATUS_RF (bc1_bits.csv RF_* rows, bc1_job_fields.csv STATUS_RF). At most one of the first three
// is reported: the answer byte holds a 2-bit code (1 ok, 2 rolling code out of sync, 3 wrong
// remote); when several are set the server reports the worst (incorrect > not ok > ok).
struct RfStatus {
  bool remote_ok_rolling_ok = false;
  bool remote_ok_rolling_not_ok = false;
  bool remote_incorrect = false;
  bool battery_dead = false;
  uint32_t last_code = 0;  // STAT_LAST_RF_CODE (added: the job reports it)
};

// READ_PLIP_CODES / WRITE_PLIP_CODES (bc1_job_fields.csv): one key location of the module.
// Added. The job's arguments are ASCII hex: CIPHER_KEY 8 bytes, WINDOW_KEY 3, BASE_CODE_KEY 3.
struct PlipCodes {
  uint64_t cipher_key = 0;
  uint32_t window_key = 0;     // 24 bits
  uint32_t base_code_key = 0;  // 24 bits
  bool enabled = false;
};

// IDENT results (bc1_job_fields.csv IDENT). Added; the default is a clearly simulated module.
struct IdentData {
  std::string bmw_part_number = "0000000";  // ID_BMW_NR, 7 ASCII digits
  uint8_t hw_number = 1;                    // ID_HW_NR
  uint8_t coding_index = 1;                 // ID_COD_INDEX
  uint8_t diag_index = 1;                   // ID_DIAG_INDEX
  uint8_t bus_index = 1;                    // ID_BUS_INDEX
  uint8_t week = 1;                         // ID_DATUM_KW
  uint8_t year = 2;                         // ID_DATUM_JAHR (two digits: 02 = 2002)
  uint8_t supplier = 0;                     // ID_LIEF_NR
  uint8_t sw_number = 1;                    // ID_SW_NR
};

class DiagnosticBackend {
 public:
  virtual ~DiagnosticBackend() = default;
  // DIP_* / DOP_* (bc1_bits.csv) and AIP_* / AOP_* raw counts (bc1_analog.csv). std::nullopt: the
  // module does not measure this signal or channel; the server then reports it not available
  // (README.md "Not available"), never as a plausible 0.
  virtual std::optional<bool> digital(std::string_view signal) const = 0;
  virtual std::optional<uint8_t> analog_raw(std::string_view channel) const = 0;
  virtual std::vector<FaultRecord> fault_memory() const = 0;
  virtual void clear_fault_memory() = 0;
  virtual std::vector<InfoRecord> info_memory() const = 0;
  virtual RfStatus rf_status() const = 0;
  virtual bool force_output(std::string_view signal, bool on) = 0;  // false: the module refuses
  virtual void reset() = 0;

  // Added with defaults, so an implementation needs them only when it has something to say.
  virtual IdentData ident() const { return {}; }
  virtual bool tilt_pulse_received() const { return false; }  // STATUS_TILT_SENSOR
  virtual void clear_rf_buffers() {}                           // CLEAR_RF_BUFFERS
  // READ_PLIP_CODES / WRITE_PLIP_CODES, location 1..4. nullopt / false: the module has no key
  // memory (the server answers B1) or refuses these codes (B0).
  virtual std::optional<PlipCodes> read_plip(uint8_t /*location*/) const { return std::nullopt; }
  virtual bool write_plip(uint8_t /*location*/, const PlipCodes& /*codes*/) { return false; }
};

}  // namespace bcmhil::diag

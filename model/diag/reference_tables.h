#pragma once
// The BC1 reference tables (BC1.prg rev 2.5, see reference/SOURCE.md), parsed from the CSVs that
// are embedded into this library at build time. Nothing here is typed in by hand: bit layouts,
// fault texts, info texts, analogue scaling and status texts all come from the CSV rows.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bcmhil::diag {

// One row of bc1_bits.csv: the signal is set when (telegram[byte] & mask) == value.
struct SignalBit {
  std::string name;
  uint8_t byte = 0;  // index into the whole answer telegram (address = byte 0)
  uint8_t mask = 0;
  uint8_t value = 0;
  std::string description;
};

// One row of bc1_analog.csv: physical = raw * factor + offset.
struct AnalogChannel {
  std::string name;
  double factor = 1.0;
  double offset = 0.0;
  std::string unit;
  std::string description;
  double scale(uint8_t raw) const { return raw * factor + offset; }
};

struct CodeText {
  uint8_t code = 0;
  std::string text;
};

struct JobInfo {
  std::string name;
  std::string description;
};

// Which status telegram a signal is reported in, by its name prefix (bc1_bits.csv mixes them).
enum class SignalGroup { kDigitalInputs, kDigitalOutputs, kRf, kTilt, kUnknown };
SignalGroup signal_group(std::string_view name);

class ReferenceTables {
 public:
  const std::vector<SignalBit>& bits() const { return bits_; }
  std::vector<SignalBit> bits_in(SignalGroup group) const;
  const SignalBit* find_bit(std::string_view name) const;

  const std::vector<AnalogChannel>& analog() const { return analog_; }
  std::vector<AnalogChannel> analog_with_prefix(std::string_view prefix) const;  // "AIP_"/"AOP_"
  const AnalogChannel* find_analog(std::string_view name) const;

  const std::vector<CodeText>& fault_codes() const { return faults_; }
  std::string fault_text(uint8_t code) const;        // bc1_forttexte.csv, 0xFF row if unknown
  bool known_fault(uint8_t code) const;
  const std::vector<CodeText>& info_codes() const { return infos_; }
  std::string info_text(uint8_t code) const;         // bc1_iorttexte.csv (0x30.., 0x40..)
  std::string mislock_text(uint8_t raw) const;       // bc1_morttexte.csv
  std::string alarm_text(uint8_t raw) const;         // bc1_aorttexte.csv
  std::string fault_type_text(uint8_t type) const;   // bc1_farttexte.csv
  std::string status_text(uint8_t status) const;     // bc1_jobresult.csv
  const std::vector<JobInfo>& jobs() const { return jobs_; }

  static const ReferenceTables& bc1();  // parsed once from the embedded CSVs

 private:
  ReferenceTables();
  std::vector<SignalBit> bits_;
  std::vector<AnalogChannel> analog_;
  std::vector<CodeText> faults_, infos_, mislocks_, alarms_, fault_types_, statuses_;
  std::vector<JobInfo> jobs_;
  std::string unknown_fault_, unknown_info_, unknown_mislock_, unknown_alarm_, unknown_type_,
      unknown_status_;
};

// Signals of one group decoded from an answer telegram (whole frame incl. address). When two
// signals of a byte both match and one mask strictly contains the other, only the more specific
// one is reported: bc1_bits.csv gives RF_REMOTE_INCORRECT as mask 0x03 value 0x03, which would
// otherwise also match RF_REMOTE_OK_ROLLING_CODE_OK (0x01) and ..._NOT_OK (0x02).
struct SignalState {
  const SignalBit* bit = nullptr;
  bool on = false;
};
std::vector<SignalState> decode_signals(SignalGroup group, const std::vector<uint8_t>& telegram);
// Sets a signal in an answer telegram under construction (clears its mask first when on).
void set_signal(std::vector<uint8_t>& telegram, const SignalBit& bit, bool on);

// Raw CSV parsing (RFC 4180 quotes), exposed for tests.
std::vector<std::vector<std::string>> parse_csv(std::string_view text);
std::optional<uint8_t> parse_hex_byte(std::string_view text);

}  // namespace bcmhil::diag

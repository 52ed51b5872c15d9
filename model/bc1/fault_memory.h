#pragma once
// The module's fault memory as FS_LESEN reports it: one entry per fault location code
// (bc1_forttexte.csv), present (active) or stored (inactive), with a frequency counter.
#include <cstdint>
#include <vector>

namespace bcmhil::model {

namespace fault_code {
// From ../shared/reference/bc1/bc1_forttexte.csv.
constexpr std::uint8_t kLuggageReleaseOff = 0xC4;   // "GEPÄCKR. ENTRIEG. AUS FEHLER"
constexpr std::uint8_t kLeftIndicatorOff = 0xAA;    // "BLINKER LINKS AUS FEHLER"
constexpr std::uint8_t kRightIndicatorOff = 0xAC;   // "BLINKER RECHTS AUS FEHLER"
// Central-locking relays: commanded on, COM stayed low (NC) / not commanded, COM high (NO).
constexpr std::uint8_t kDriverRelayNc = 0x01;       // "FAHRER-RELAIS NC FEHLER"
constexpr std::uint8_t kCommonRelayNc = 0x02;       // "GEMEINS. RELAIS NC FEHLER"
constexpr std::uint8_t kRestRelayNc = 0x03;         // "RUHERELAIS NC FEHLER"
constexpr std::uint8_t kSuperRelayNc = 0x04;        // "SUPER-RELAIS NC FEHLER"
constexpr std::uint8_t kDriverRelayNo = 0x0D;       // "FAHRER-RELAIS NO FEHLER"
constexpr std::uint8_t kCommonRelayNo = 0x0E;       // "GEMEINS. RELAIS NO FEHLER"
constexpr std::uint8_t kRestRelayNo = 0x0F;         // "RUHERELAIS NO FEHLER"
constexpr std::uint8_t kSuperRelayNo = 0x10;        // "SUPER-RELAIS NO FEHLER"
// Power windows (model/bc1/window_lift.h): relay readbacks, motor current, anti-trap.
constexpr std::uint8_t kDriverWindowUpRelayNc = 0x05;       // "FAH FEN HEBEN RELAIS NC FEHLER"
constexpr std::uint8_t kDriverWindowUpRelayNo = 0x06;       // "FAH FEN HEBEN RELAIS NO FEHLER"
constexpr std::uint8_t kDriverWindowDownRelayNc = 0x07;     // "FAH FEN SENKEN RELAIS NC FEHLER"
constexpr std::uint8_t kDriverWindowDownRelayNo = 0x08;     // "FAH FEN SENKEN RELAIS NO FEHLER"
constexpr std::uint8_t kPassengerWindowUpRelayNc = 0x09;    // "BEIF FEN HEBEN RELAIS NC FEHLER"
constexpr std::uint8_t kPassengerWindowUpRelayNo = 0x0A;    // "BEIF FEN HEBEN RELAIS NO FEHLER"
constexpr std::uint8_t kPassengerWindowDownRelayNc = 0x0B;  // "BEIF FEN SENKEN RELAIS NC FEHLER"
constexpr std::uint8_t kPassengerWindowDownRelayNo = 0x0C;  // "BEIF FEN SENKEN RELAIS NO FEHLER"
constexpr std::uint8_t kDriverWindowOutputOn = 0x80;        // "FAH FEN AUSGANG EIN FEHLER"
constexpr std::uint8_t kPassengerWindowOutputOn = 0x81;     // "BEIF FEN AUSGANG EIN FEHLER"
constexpr std::uint8_t kDriverWindowOutputOff = 0x82;       // "FAH FEN AUSGANG AUS FEHLER"
constexpr std::uint8_t kPassengerWindowOutputOff = 0x83;    // "BEIF FEN AUSGANG AUS FEHLER"
constexpr std::uint8_t kDriverWindowAntiTrap = 0xC5;        // "FAH FEN EINKLEMMSCHUTZ FEHLER"
constexpr std::uint8_t kPassengerWindowAntiTrap = 0xC6;     // "BEIF FEN EINKLEMMSCHUTZ FEHLER"
}  // namespace fault_code

struct FaultEntry {
  std::uint8_t code;
  bool active;
  std::uint8_t frequency;  // saturates at 255, like a byte-wide counter in EEPROM
  std::uint64_t first_seen_ps;
  std::uint64_t last_seen_ps;
};

class FaultMemory {
 public:
  // The condition is present: a new entry, or an inactive one made active again (counted).
  void report_present(std::uint8_t code, std::uint64_t time_ps);
  // The condition went away: the entry stays stored, inactive.
  void report_absent(std::uint8_t code);
  void clear() { entries_.clear(); }
  const std::vector<FaultEntry>& entries() const { return entries_; }
  const FaultEntry* find(std::uint8_t code) const;

 private:
  std::vector<FaultEntry> entries_;
};

}  // namespace bcmhil::model

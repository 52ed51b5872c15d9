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
// The K-bus / diagnostic line held low (bus_monitor.h).
constexpr std::uint8_t kDataBus = 0x00;             // "DATENBUS FEHLER"
// Wipers and washers (model/bc1/wipers.h; detection rules in model/bc1/README.md "Wipers and washers").
constexpr std::uint8_t kFrontWiperOn = 0x84;         // "FRONTWISCHER EIN FEHLER": run relay line high, not commanded
constexpr std::uint8_t kFrontWiperSpeedOn = 0x85;    // "FRONTWISCHER GESCHW EIN FEHLER"
constexpr std::uint8_t kRearWiperOn = 0x89;          // "HECKWISCHER EIN FEHLER"
constexpr std::uint8_t kFrontWiperOff = 0x8C;        // "FRONTWISCHER AUS FEHLER": commanded, line low
constexpr std::uint8_t kFrontWiperSpeedOff = 0x8D;   // "FRONTWISCHER GESCHW AUS FEHLER"
constexpr std::uint8_t kRearWiperOff = 0x91;         // "HECKWISCHER AUS FEHLER"
constexpr std::uint8_t kFrontWiperFeedback = 0x94;   // "FRONTWISCHER RÜCKMELD FEHLER": turns, park contact silent
constexpr std::uint8_t kFrontWiperBlocked = 0x95;    // "FRONTWISCHER BLOCKIERT FEHLER"
constexpr std::uint8_t kRearWiperBlocked = 0x96;     // "HECKWISCHER BLOCKIERT FEHLER"
constexpr std::uint8_t kWasherOn = 0xBD;             // "WASCHANLAGE EIN FEHLER"
constexpr std::uint8_t kWasherOff = 0xBE;            // "WASCHANLAGE AUS FEHLER"
// Exterior lights (exterior_lights.h): the lamp lines read back behind their relays.
constexpr std::uint8_t kFrontFogOn = 0xB1;          // "NSW EIN FEHLER"
constexpr std::uint8_t kFrontFogOff = 0xB2;         // "NSW AUS FEHLER"
constexpr std::uint8_t kAuxLampOn = 0xB3;           // "ZUSATZLEUCHTE EIN FEHLER"
constexpr std::uint8_t kAuxLampOff = 0xB4;          // "ZUSATZLEUCHTE AUS FEHLER"
// Climate (model/bc1/climate.h) and the heated screens' readbacks (heated_screen_faults.h).
constexpr std::uint8_t kFreshAirOn = 0x86;          // "FRISCHLUFT EIN FEHLER"
constexpr std::uint8_t kRecircOn = 0x87;            // "UMLUFT EIN FEHLER O. FRISCHLUFT EIN FEHLER"
constexpr std::uint8_t kFreshAirOff = 0x8E;         // "FRISCHLUFT AUS FEHLER"
constexpr std::uint8_t kRecircOff = 0x8F;           // "UMLUFT AUS FEHLER"
constexpr std::uint8_t kCompressor = 0x9A;          // "KLIMAKOMPRESSOR FEHLER"
constexpr std::uint8_t kBlowerOn = 0xB5;            // "GEBLÄSEMOTOR EIN FEHLER"
constexpr std::uint8_t kBlowerOff = 0xB6;           // "GEBLÄSEMOTOR AUS FEHLER"
constexpr std::uint8_t kRearScreenOn = 0x8B;        // "HHS EIN FEHLER"
constexpr std::uint8_t kRearScreenOff = 0x93;       // "HHS AUS FEHLER"
constexpr std::uint8_t kFrontScreenOn = 0x9B;       // "HFS EIN FEHLER"
constexpr std::uint8_t kFrontScreenOff = 0x9C;      // "HFS AUS FEHLER"
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
// The alarm's lines to the siren unit (BBS), judged by their readbacks (alarm_outputs.h).
constexpr std::uint8_t kBbsArmOn = 0xBF;     // "BBUS SCHÄRFEN ENTSCHÄRFEN EIN FEHLER": arm line high, not commanded
constexpr std::uint8_t kBbsArmOff = 0xC0;    // "BBUS SCHÄRFEN ENTSCHÄRFEN AUS FEHLER": commanded, line low
constexpr std::uint8_t kSirenOn = 0xC1;      // "BBUS AKUST. ALARM EIN FEHLER": trigger line high, not commanded
constexpr std::uint8_t kSirenOff = 0xC2;     // "BBUS AKUST. ALARM AUS FEHLER": commanded, line low
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

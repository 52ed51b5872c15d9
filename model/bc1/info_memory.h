#pragma once
// The BC1's info memory as IS_LESEN reports it: the alarm's mislock and trigger records, each a
// location code from bc1_iorttexte.csv with an occurrence counter. Unlike the fault memory there
// is no active/stored state: a record says "this happened n times".
#include <cstdint>
#include <vector>

namespace bcmhil::model {

namespace info_code {
// From ../shared/reference/bc1/bc1_iorttexte.csv. Mislocks: an input already ON when the alarm arms.
constexpr std::uint8_t kMislockDriverDoor = 0x30;     // "Alarm-Fehlverriegelung - Fahrertür Eingang EIN"
constexpr std::uint8_t kMislockPassengerDoor = 0x31;  // "... - Beifahrertür Eingang EIN"
constexpr std::uint8_t kMislockBonnet = 0x32;         // "... - Eingang Haube, Übergang EIN"
// "... - Gepäckraum-Entriegelungsschalter Eingang EIN": we read the tailgate "release switch" as
// the micro-switch in the tailgate lock (DIP_BOOT_OPEN_SW), the one tailgate input that stays ON
// while the lid is open (our reading; the lid handle button is only ever pressed briefly).
constexpr std::uint8_t kMislockTailgate = 0x33;
// "Alarm-Fehlverriegelung - Überhitzung ZV, Abschaltung ausgelöst": the central locking refused a
// command because its motors were overheated (bc1_morttexte 0x05 "ZV überbeansprucht").
constexpr std::uint8_t kMislockLockingOverheated = 0x35;
// Triggers: an input going ON while the alarm is armed.
constexpr std::uint8_t kTriggerIgnition = 0x41;      // "Alarmauslöser - Zündung Eingang, Übergang auf EIN"
constexpr std::uint8_t kTriggerDriverDoor = 0x42;    // "... - Fahrertür Eingang, Übergang auf EIN"
constexpr std::uint8_t kTriggerPassengerDoor = 0x43; // "... - Beifahrertür Eingang, Übergang auf EIN"
constexpr std::uint8_t kTriggerTilt = 0x45;          // "... - Neigung Eingang, Übergang auf EIN"
constexpr std::uint8_t kTriggerBonnet = 0x46;        // "... - Haube Eingang, Übergang auf EIN"
constexpr std::uint8_t kTriggerTailgate = 0x47;      // "... - Gepäckraum-Entriegelungsschalter ..." (as 0x33)
}  // namespace info_code

struct InfoEntry {
  std::uint8_t code;
  std::uint8_t count;  // saturates at 255, a byte-wide counter like the fault memory's
  std::uint64_t last_seen_ps;
};

class InfoMemory {
 public:
  // One more occurrence: a new record (count 1), or the existing one counted up.
  void record(std::uint8_t code, std::uint64_t time_ps);
  void clear() { entries_.clear(); }
  // In the order the codes were first recorded.
  const std::vector<InfoEntry>& entries() const { return entries_; }
  const InfoEntry* find(std::uint8_t code) const;
  std::uint8_t count(std::uint8_t code) const;  // 0 when never recorded

 private:
  std::vector<InfoEntry> entries_;
};

}  // namespace bcmhil::model

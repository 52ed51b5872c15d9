#include "fault_gloss.h"

#include <utility>

namespace bcmhil::tester {

namespace {
// NC = normally-closed contact, NO = normally-open contact (as in the German texts).
const std::pair<uint8_t, const char*> kGloss[] = {
    {0x00, "data bus fault"},
    {0x01, "driver lock relay NC fault"},
    {0x02, "common lock relay NC fault"},
    {0x03, "rest lock relay NC fault"},
    {0x04, "super-lock relay NC fault"},
    {0x05, "driver window up relay NC fault"},
    {0x06, "driver window up relay NO fault"},
    {0x07, "driver window down relay NC fault"},
    {0x08, "driver window down relay NO fault"},
    {0x09, "passenger window up relay NC fault"},
    {0x0A, "passenger window up relay NO fault"},
    {0x0B, "passenger window down relay NC fault"},
    {0x0C, "passenger window down relay NO fault"},
    {0x0D, "driver lock relay NO fault"},
    {0x0E, "common lock relay NO fault"},
    {0x0F, "rest lock relay NO fault"},
    {0x10, "super-lock relay NO fault"},
    {0x80, "driver window output ON fault"},
    {0x81, "passenger window output ON fault"},
    {0x82, "driver window output OFF fault"},
    {0x83, "passenger window output OFF fault"},
    {0x84, "front wiper ON fault"},
    {0x85, "front wiper fast ON fault"},
    {0x86, "fresh air ON fault"},
    {0x87, "recirculation ON or fresh air ON fault"},
    {0x89, "rear wiper ON fault"},
    {0x8A, "rain sensor fault"},
    {0x8B, "heated rear window ON fault"},
    {0x8C, "front wiper OFF fault"},
    {0x8D, "front wiper fast OFF fault"},
    {0x8E, "fresh air OFF fault"},
    {0x8F, "recirculation OFF fault"},
    {0x91, "rear wiper OFF fault"},
    {0x93, "heated rear window OFF fault"},
    {0x94, "front wiper feedback fault"},
    {0x95, "front wiper blocked"},
    {0x96, "rear wiper blocked"},
    {0x9A, "A/C compressor fault"},
    {0x9B, "heated front screen ON fault"},
    {0x9C, "heated front screen OFF fault"},
    {0xAA, "left indicator OFF fault"},
    {0xAC, "right indicator OFF fault"},
    {0xB1, "front fog lamps ON fault"},
    {0xB2, "front fog lamps OFF fault"},
    {0xB3, "auxiliary lamp ON fault"},
    {0xB4, "auxiliary lamp OFF fault"},
    {0xB5, "blower motor ON fault"},
    {0xB6, "blower motor OFF fault"},
    {0xBD, "washer ON fault"},
    {0xBE, "washer OFF fault"},
    {0xBF, "alarm bus arm/disarm ON fault"},
    {0xC0, "alarm bus arm/disarm OFF fault"},
    {0xC1, "alarm bus siren ON fault"},
    {0xC2, "alarm bus siren OFF fault"},
    {0xC4, "luggage (tailgate) release OFF fault"},
    {0xC5, "driver window anti-trap fault"},
    {0xC6, "passenger window anti-trap fault"},
};
}  // namespace

std::string fault_gloss_en(uint8_t code) {
  for (const auto& [c, text] : kGloss)
    if (c == code) return text;
  return {};
}

}  // namespace bcmhil::tester

#pragma once
// English glosses of the BC1 fault texts (bc1_forttexte.csv is German). The project's own
// translation, not from BC1.prg; the German text stays the reference and is always printed.
#include <cstdint>
#include <string>

namespace bcmhil::tester {

// Empty when there is no gloss for the code.
std::string fault_gloss_en(uint8_t code);

}  // namespace bcmhil::tester

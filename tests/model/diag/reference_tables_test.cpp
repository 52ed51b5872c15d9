// The embedded reference tables must say exactly what the CSVs say (model/diag/reference/).
#include <gtest/gtest.h>

#include "reference_tables.h"

#include <map>

namespace bcmhil::diag {
namespace {

const ReferenceTables& T() { return ReferenceTables::bc1(); }

TEST(ReferenceTables, BitLayoutFromCsv) {
  // bc1_bits.csv: DIP_BOOT_OPEN_SW,5,0x02,0x02 / DIP_BOOT_HANDLE_SW,5,0x04,0x04 /
  // DOP_BOOT_RELEASE,9,0x02,0x02 / DIP_BOOT_REL_STATUS,11,0x80,0x80
  const auto* open = T().find_bit("DIP_BOOT_OPEN_SW");
  ASSERT_TRUE(open);
  EXPECT_EQ(open->byte, 5);
  EXPECT_EQ(open->mask, 0x02);
  EXPECT_EQ(open->value, 0x02);
  EXPECT_EQ(T().find_bit("DIP_BOOT_HANDLE_SW")->mask, 0x04);
  EXPECT_EQ(T().find_bit("DOP_BOOT_RELEASE")->byte, 9);
  EXPECT_EQ(T().find_bit("DOP_BOOT_RELEASE")->mask, 0x02);
  EXPECT_EQ(T().find_bit("DIP_BOOT_REL_STATUS")->byte, 11);
  EXPECT_EQ(T().find_bit("DIP_BOOT_REL_STATUS")->mask, 0x80);
  EXPECT_EQ(T().find_bit("XY"), nullptr);  // the "unknown item" row is not a signal
}

TEST(ReferenceTables, GroupsCoverTheCsv) {
  EXPECT_EQ(T().bits_in(SignalGroup::kDigitalInputs).size(), 55u);   // DIP_* rows
  EXPECT_EQ(T().bits_in(SignalGroup::kDigitalOutputs).size(), 37u);  // DOP_* rows
  EXPECT_EQ(T().bits_in(SignalGroup::kRf).size(), 4u);
  EXPECT_EQ(T().bits_in(SignalGroup::kTilt).size(), 1u);
  for (const auto& b : T().bits_in(SignalGroup::kDigitalInputs)) {
    EXPECT_GE(b.byte, 4);
    EXPECT_LE(b.byte, 11);
  }
}

TEST(ReferenceTables, FaultTexts) {
  // bc1_forttexte.csv 0xC4 "GEPÄCKR. ENTRIEG. AUS FEHLER" (luggage release OFF fault).
  EXPECT_EQ(T().fault_text(0xC4), "GEPÄCKR. ENTRIEG. AUS FEHLER");
  EXPECT_EQ(T().fault_text(0x00), "DATENBUS FEHLER");
  EXPECT_TRUE(T().known_fault(0xC4));
  EXPECT_FALSE(T().known_fault(0x3C));  // 0x3C is a BC1RD code, not BC1
  EXPECT_EQ(T().fault_text(0x3C), "Unbekannter Fehler");
}

TEST(ReferenceTables, InfoAndTypeAndStatusTexts) {
  EXPECT_EQ(T().info_text(0x33),
            "Alarm-Fehlverriegelung - Gepäckraum-Entriegelungsschalter Eingang EIN");
  EXPECT_EQ(T().info_text(0x47).rfind("Alarmauslöser", 0), 0u);
  EXPECT_EQ(T().mislock_text(0x03), "GEPÄCKR. OFFEN AUSL.");
  EXPECT_EQ(T().alarm_text(0x05), "NEIG. AUSL.");
  EXPECT_EQ(T().fault_type_text(0x00), "Fehler aktiv");
  EXPECT_EQ(T().fault_type_text(0x01), "Fehler inaktiv");
  EXPECT_EQ(T().status_text(0xA0), "OKAY");
  EXPECT_EQ(T().status_text(0xA2), "ERROR_ECU_REJECTED");
  EXPECT_EQ(T().status_text(0xFF), "ERROR_ECU_NACK");
  EXPECT_EQ(T().status_text(0x12), "ERROR_ECU_UNKNOWN_STATUSBYTE");
}

TEST(ReferenceTables, AnalogScaling) {
  // bc1_analog.csv AIP_BATT_VOLTS_MON,0.072087658,0.0,V (domain notes: ≈18.4 V full scale).
  const auto* batt = T().find_analog("AIP_BATT_VOLTS_MON");
  ASSERT_TRUE(batt);
  EXPECT_EQ(batt->unit, "V");
  EXPECT_NEAR(batt->scale(255), 18.38, 0.01);
  EXPECT_NEAR(batt->scale(173), 12.47, 0.01);
  // AIP_EVAPORATOR_SENSE,0.356506238,-29.3,C
  EXPECT_NEAR(T().find_analog("AIP_EVAPORATOR_SENSE")->scale(100), 6.35, 0.01);
  EXPECT_EQ(T().analog_with_prefix("AIP_").size(), 16u);
  EXPECT_EQ(T().analog_with_prefix("AOP_").size(), 4u);
}

TEST(ReferenceTables, CsvParserHandlesQuotes) {
  const auto rows = parse_csv("A,B\n\"x, y\",\"say \"\"hi\"\"\"\r\nlast,row");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], "x, y");
  EXPECT_EQ(rows[1][1], "say \"hi\"");
  EXPECT_EQ(rows[2][1], "row");
  EXPECT_EQ(parse_hex_byte("0xC4"), 0xC4);
  EXPECT_FALSE(parse_hex_byte("0xXY"));
  EXPECT_FALSE(parse_hex_byte("?10?"));
}

TEST(ReferenceTables, RfMostSpecificMatchWins) {
  // bc1_bits.csv RF rows, byte 4: OK 0x01/0x01, NOT_OK 0x02/0x02, INCORRECT 0x03/0x03,
  // BATTERY_DEAD 0x10/0x10. A byte of 0x13 = wrong remote + flat battery.
  std::vector<uint8_t> tel{0x00, 0x0A, 0xA0, 0x05, 0x13};
  std::map<std::string, bool> on;
  for (const auto& s : decode_signals(SignalGroup::kRf, tel)) on[s.bit->name] = s.on;
  EXPECT_TRUE(on["RF_REMOTE_INCORRECT"]);
  EXPECT_FALSE(on["RF_REMOTE_OK_ROLLING_CODE_OK"]);
  EXPECT_FALSE(on["RF_REMOTE_OK_ROLLING_CODE_NOT_OK"]);
  EXPECT_TRUE(on["RF_REMOTE_BATTERY_DEAD"]);
  tel[4] = 0x01;
  on.clear();
  for (const auto& s : decode_signals(SignalGroup::kRf, tel)) on[s.bit->name] = s.on;
  EXPECT_TRUE(on["RF_REMOTE_OK_ROLLING_CODE_OK"]);
  EXPECT_FALSE(on["RF_REMOTE_INCORRECT"]);
}

}  // namespace
}  // namespace bcmhil::diag

// The BC1 DS2 service, as byte vectors. Each request/answer cites where its layout comes from:
// framing and status bytes are facts (domain/r50-bc1.md, bc1_jobresult.csv); request command
// bytes are chosen (model/diag/README.md); signal positions are bc1_bits.csv rows.
#include <gtest/gtest.h>

#include "ds2_protocol.h"
#include "ds2_server.h"
#include "fake_backend.h"

namespace bcmhil::diag {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

class Ds2ServerTest : public ::testing::Test {
 protected:
  testing::FakeBackend backend;
  Ds2Server server;
  Clock::time_point now{};  // simulated clock

  std::optional<std::vector<uint8_t>> send(const std::vector<uint8_t>& raw) {
    return server.handle_raw(raw, backend, now);
  }
  std::vector<uint8_t> req(std::vector<uint8_t> data) { return encode(Frame{0x00, data}); }
  std::vector<uint8_t> ok(std::vector<uint8_t> payload) {
    payload.insert(payload.begin(), ds2::kStatusOkay);
    return encode(Frame{0x00, payload});
  }
  void unlock() {
    const auto seed = send(req({ds2::kCmdRequestSeed}));
    ASSERT_TRUE(seed);
    const uint16_t s = static_cast<uint16_t>(((*seed)[3] << 8) | (*seed)[4]);
    const uint16_t k = ds2::key_for_seed(s);
    ASSERT_EQ(send(req({ds2::kCmdSendKey, uint8_t(k >> 8), uint8_t(k)})),
              encode(Frame{0x00, {0xA0}}));
  }
};

TEST_F(Ds2ServerTest, PingAnswersOkay) {
  // DIAGNOSE_AUFRECHT, chosen 0x9E; answer [00][04][A0][A4] (A0 = OKAY, bc1_jobresult.csv).
  EXPECT_EQ(send({0x00, 0x04, 0x9E, 0x9A}), (std::vector<uint8_t>{0x00, 0x04, 0xA0, 0xA4}));
}

TEST_F(Ds2ServerTest, WrongAddressIsNotAnswered) {
  // A frame for 0x12 (another module on the line) gets no answer from the BC1 (address 0x00).
  EXPECT_FALSE(send(encode(Frame{0x12, {0x9E}})));
  EXPECT_EQ(server.stats().ignored_address, 1u);
}

TEST_F(Ds2ServerTest, BadChecksumIsNotAnswered) {
  EXPECT_FALSE(send({0x00, 0x04, 0x9E, 0x9B}));
  EXPECT_EQ(server.stats().ignored_checksum, 1u);
}

TEST_F(Ds2ServerTest, DigitalInputsFollowBitsCsv) {
  // STATUS_DIGITAL_INPUTS, chosen [0B][01]. Answer telegram bytes 4..11 per bc1_bits.csv:
  //   DIP_BOOT_OPEN_SW   byte 5 mask 0x02   (row "DIP_BOOT_OPEN_SW,5,0x02,0x02")
  //   DIP_BOOT_HANDLE_SW byte 5 mask 0x04   (row "DIP_BOOT_HANDLE_SW,5,0x04,0x04")
  //   DIP_DRV_DOOR_OPEN  byte 4 mask 0x08   (row "DIP_DRV_DOOR_OPEN,4,0x08,0x08")
  //   DIP_BOOT_REL_STATUS byte 11 mask 0x80 (row "DIP_BOOT_REL_STATUS,11,0x80,0x80")
  backend.digitals = {{"DIP_BOOT_OPEN_SW", true}, {"DIP_BOOT_HANDLE_SW", true},
                      {"DIP_DRV_DOOR_OPEN", true}, {"DIP_BOOT_REL_STATUS", true}};
  // Availability bytes 12..19 (chosen marker, README.md "Not available"): the same masks at
  // byte + 8, set for every signal the module measures, here the four above.
  //                        sel   b4    b5    b6    b7    b8    b9    b10   b11
  EXPECT_EQ(send(req({0x0B, 0x01})), ok({0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80,
                                         //  b12   b13   b14   b15   b16   b17   b18   b19
                                         0x08, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80}));
}

TEST_F(Ds2ServerTest, UnmeasuredSignalIsNotAvailableNotOff) {
  // A signal the module measures as off has its availability bit set; one it does not measure
  // has it clear. DIP_DRV_DOOR_OPEN,4,0x08 measured off; DIP_HAZARD_SW,4,0x20 measured on;
  // DIP_BONNET_SW,4,0x80 and every other row not measured.
  backend.digitals = {{"DIP_DRV_DOOR_OPEN", false}, {"DIP_HAZARD_SW", true}};
  std::vector<uint8_t> payload(1 + 16, 0);
  payload[0] = 0x01;
  payload[1] = 0x20;      // byte 4: hazard on, door off
  payload[1 + 8] = 0x28;  // byte 12: both measured, the bonnet (0x80) not
  EXPECT_EQ(send(req({0x0B, 0x01})), ok(payload));
}

TEST_F(Ds2ServerTest, DigitalOutputsFollowBitsCsv) {
  // STATUS_DIGITAL_OUTPUTS, chosen [0B][02]:
  //   DOP_BOOT_RELEASE byte 9 mask 0x02 (row "DOP_BOOT_RELEASE,9,0x02,0x02")
  //   DOP_DRV_WIN_UP   byte 4 mask 0x80 (row "DOP_DRV_WIN_UP,4,0x80,0x80")
  //   DOP_ALARM_LED    byte 11 mask 0x40 (row "DOP_ALARM_LED,11,0x40,0x40")
  backend.digitals = {{"DOP_BOOT_RELEASE", true}, {"DOP_DRV_WIN_UP", true},
                      {"DOP_ALARM_LED", true}, {"DIP_BOOT_OPEN_SW", true}};
  // DIP_BOOT_OPEN_SW is an input: not in this telegram, neither value nor availability.
  EXPECT_EQ(send(req({0x0B, 0x02})), ok({0x02, 0x80, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x40,
                                         0x80, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x40}));
}

TEST_F(Ds2ServerTest, AnalogInputsInCsvOrder) {
  // STATUS_ANALOG _TEL_ANTWORT1, chosen [0B][03]: one raw byte per AIP_* row of bc1_analog.csv,
  // in row order; AIP_BATT_VOLTS_MON is the 16th AIP_ row (0.072087658 V/count).
  // Then two availability bytes (chosen marker): bit i of byte i / 8 for the i-th AIP_ row.
  backend.analogs = {{"AIP_EXT_5V_MON", 0xFF}, {"AIP_BATT_VOLTS_MON", 173}};
  std::vector<uint8_t> payload(1 + 16 + 2, 0);
  payload[0] = 0x03;
  payload[1] = 0xFF;
  payload[16] = 173;
  payload[17] = 0x01;  // row 0, AIP_EXT_5V_MON
  payload[18] = 0x80;  // row 15, AIP_BATT_VOLTS_MON
  EXPECT_EQ(send(req({0x0B, 0x03})), ok(payload));
}

TEST_F(Ds2ServerTest, PwmOutputs) {
  // STATUS_ANALOG _TEL_ANTWORT2, chosen [0B][04]: AOP_* rows of bc1_analog.csv in order
  // (AOP_MAP_READ_LGT, AOP_INTERIOR_LGT, AOP_MAIN_BEAM, AOP_DIPPED_BEAM), then one availability
  // byte: only row 2 measured. The unmeasured rows read 00 with their bit clear.
  backend.analogs = {{"AOP_MAIN_BEAM", 0x80}};
  EXPECT_EQ(send(req({0x0B, 0x04})), ok({0x04, 0x00, 0x00, 0x80, 0x00, 0x04}));
}

TEST_F(Ds2ServerTest, RfStatusByte4FromBitsCsv) {
  // STATUS_RF, chosen [0B][05]: byte 4 per bc1_bits.csv RF_* rows (INCORRECT = 0x03 under mask
  // 0x03, BATTERY_DEAD = 0x10); bytes 5..8 the last code (chosen).
  backend.rf.remote_incorrect = true;
  backend.rf.battery_dead = true;
  backend.rf.last_code = 0x11223344;
  EXPECT_EQ(send(req({0x0B, 0x05})), ok({0x05, 0x13, 0x11, 0x22, 0x33, 0x44}));
  backend.rf = {};
  backend.rf.remote_ok_rolling_not_ok = true;  // RF_REMOTE_OK_ROLLING_CODE_NOT_OK,4,0x02,0x02
  EXPECT_EQ(send(req({0x0B, 0x05})), ok({0x05, 0x02, 0, 0, 0, 0}));
}

TEST_F(Ds2ServerTest, TiltStatus) {
  // STATUS_TILT_SENSOR, chosen [0B][06]: TILT_SENSOR_PULSE_RECEIVED,4,0x01,0x01.
  backend.tilt = true;
  EXPECT_EQ(send(req({0x0B, 0x06})), ok({0x06, 0x01}));
}

TEST_F(Ds2ServerTest, UnknownSelectorIsParameterError) {
  // B0 = ERROR_ECU_PARAMETER (bc1_jobresult.csv).
  EXPECT_EQ(send(req({0x0B, 0x7F})), encode(Frame{0x00, {0xB0}}));
}

TEST_F(Ds2ServerTest, WrongRequestLengthIsNumberError) {
  // B2 = ERROR_ECU_NUMBER (bc1_jobresult.csv).
  EXPECT_EQ(send(req({0x0B})), encode(Frame{0x00, {0xB2}}));
  EXPECT_EQ(send(req({0x9E, 0x00})), encode(Frame{0x00, {0xB2}}));
}

TEST_F(Ds2ServerTest, UnknownCommandIsFunctionError) {
  // B1 = ERROR_ECU_FUNCTION (bc1_jobresult.csv).
  EXPECT_EQ(send(req({0x77})), encode(Frame{0x00, {0xB1}}));
}

TEST_F(Ds2ServerTest, FaultMemory) {
  // FS_LESEN, chosen [04]; answer [A0][count] + [code][type][frequency]; type per
  // bc1_farttexte.csv (0x00 Fehler aktiv, 0x01 Fehler inaktiv); code 0xC4 per bc1_forttexte.csv.
  backend.faults = {{0xC4, true, 3}, {0x01, false, 1}};
  EXPECT_EQ(send(req({0x04})), ok({0x02, 0xC4, 0x00, 0x03, 0x01, 0x01, 0x01}));
}

TEST_F(Ds2ServerTest, FaultMemoryCapsAtOneFrame) {
  backend.faults.assign(200, FaultRecord{0x84, true, 1});
  const auto a = send(req({0x04}));
  ASSERT_TRUE(a);
  EXPECT_LE(a->size(), 255u);
  EXPECT_EQ((*a)[3], 83);  // (252 - 2) / 3 records
}

TEST_F(Ds2ServerTest, ClearFaultMemory) {
  // FS_LOESCHEN, chosen [05].
  backend.faults = {{0xC4, true, 3}};
  EXPECT_EQ(send(req({0x05})), ok({}));
  EXPECT_TRUE(backend.faults.empty());
  EXPECT_EQ(send(req({0x04})), ok({0x00}));
}

TEST_F(Ds2ServerTest, FrameWithoutDataIsNack) {
  // [00][03][03]: address, length 3 (the whole frame), xor. No command byte: FF ERROR_ECU_NACK
  // (bc1_jobresult.csv), as model/diag/README.md says; the answer is [00][04][FF][FB].
  EXPECT_EQ(send({0x00, 0x03, 0x03}), (std::vector<uint8_t>{0x00, 0x04, 0xFF, 0xFB}));
}

TEST_F(Ds2ServerTest, FaultMemoryReadWithBlockByte) {
  // Other DS2 testers read the fault memory as [04][block] (issue 9: 04 00, 04 01). BC1.prg
  // FS_LOESCHEN clears four blocks (bc1_job_fields.csv "Clear block 0..3 response") while
  // FS_LESEN has one answer telegram: a block byte 0..3 gets the whole memory (chosen).
  backend.faults = {{0xC4, true, 3}};
  const std::vector<uint8_t> whole{0x00, 0x08, 0xA0, 0x01, 0xC4, 0x00, 0x03, 0x6E};
  EXPECT_EQ(send({0x00, 0x04, 0x04, 0x00}), whole);        // FS_LESEN [04]
  EXPECT_EQ(send({0x00, 0x05, 0x04, 0x00, 0x01}), whole);  // [04][00]
  EXPECT_EQ(send({0x00, 0x05, 0x04, 0x01, 0x00}), whole);  // [04][01]
  EXPECT_EQ(send({0x00, 0x05, 0x04, 0x03, 0x02}), whole);  // [04][03], the last block
  // Block 4 does not exist: B0 ERROR_ECU_PARAMETER; a third byte: B2 ERROR_ECU_NUMBER.
  EXPECT_EQ(send({0x00, 0x05, 0x04, 0x04, 0x05}), (std::vector<uint8_t>{0x00, 0x04, 0xB0, 0xB4}));
  EXPECT_EQ(send({0x00, 0x06, 0x04, 0x00, 0x00, 0x02}),
            (std::vector<uint8_t>{0x00, 0x04, 0xB2, 0xB6}));
}

TEST_F(Ds2ServerTest, ClearFaultMemoryPerBlock) {
  // FS_LOESCHEN's four telegrams (bc1_job_fields.csv): [05][block] clears (all of it, chosen).
  backend.faults = {{0xC4, true, 3}};
  EXPECT_EQ(send({0x00, 0x05, 0x05, 0x00, 0x00}), (std::vector<uint8_t>{0x00, 0x04, 0xA0, 0xA4}));
  EXPECT_TRUE(backend.faults.empty());
  EXPECT_EQ(send({0x00, 0x05, 0x05, 0x04, 0x04}), (std::vector<uint8_t>{0x00, 0x04, 0xB0, 0xB4}));
}

TEST_F(Ds2ServerTest, InfoMemoryBlocks) {
  // IS_LESEN, chosen [07][block]: F_ORT_NR = raw + block offset (bc1_job_fields.csv IS_LESEN);
  // bc1_iorttexte.csv 0x33 mislock "Gepäckraum-Entriegelungsschalter" = bc1_morttexte.csv 0x03,
  // 0x45 alarm "Neigung" = bc1_aorttexte.csv 0x05.
  backend.infos = {{0x33, 2}, {0x45, 1}};
  EXPECT_EQ(send(req({0x07, 0x01})), ok({0x01, 0x01, 0x03, 0x02}));
  EXPECT_EQ(send(req({0x07, 0x02})), ok({0x02, 0x01, 0x05, 0x01}));
}

TEST_F(Ds2ServerTest, IdentLayout) {
  // IDENT, chosen [00]; answer: ID_BMW_NR 7 ASCII, then HW, COD, DIAG, BUS, KW, JAHR, LIEF, SW.
  backend.id.bmw_part_number = "1234567";
  backend.id.week = 23;
  backend.id.year = 3;
  EXPECT_EQ(send(req({0x00})),
            ok({'1', '2', '3', '4', '5', '6', '7', 1, 1, 1, 1, 23, 3, 0, 1}));
}

TEST_F(Ds2ServerTest, ForceNeedsSeedKey) {
  // STEUERN_IOSTATES for DOP_BOOT_RELEASE: chosen [0C][byte 9][mask 0x02][value 0x02]
  // (bc1_bits.csv "DOP_BOOT_RELEASE,9,0x02,0x02"). Without START_DIAGNOSTICS: A2 rejected.
  EXPECT_EQ(send(req({0x0C, 0x09, 0x02, 0x02})), encode(Frame{0x00, {0xA2}}));
  EXPECT_FALSE(backend.digital("DOP_BOOT_RELEASE").value_or(false));
  unlock();
  EXPECT_EQ(send(req({0x0C, 0x09, 0x02, 0x02})), ok({}));
  EXPECT_TRUE(backend.digital("DOP_BOOT_RELEASE").value_or(false));
  EXPECT_EQ(send(req({0x0C, 0x09, 0x02, 0x00})), ok({}));
  EXPECT_FALSE(backend.digital("DOP_BOOT_RELEASE").value_or(false));
}

TEST_F(Ds2ServerTest, WrongKeyRejected) {
  const auto seed = send(req({0x41}));
  ASSERT_TRUE(seed);
  const uint16_t s = static_cast<uint16_t>(((*seed)[3] << 8) | (*seed)[4]);
  const uint16_t bad = static_cast<uint16_t>(ds2::key_for_seed(s) ^ 1);
  EXPECT_EQ(send(req({0x42, uint8_t(bad >> 8), uint8_t(bad)})), encode(Frame{0x00, {0xA2}}));
  EXPECT_FALSE(server.unlocked(now));
  // a key without a fresh seed is rejected too
  const uint16_t good = ds2::key_for_seed(s);
  EXPECT_EQ(send(req({0x42, uint8_t(good >> 8), uint8_t(good)})), encode(Frame{0x00, {0xA2}}));
}

TEST_F(Ds2ServerTest, ForceUnknownOutputIsParameterError) {
  unlock();
  EXPECT_EQ(send(req({0x0C, 0x09, 0x40, 0x40})), encode(Frame{0x00, {0xB0}}));  // no DOP row
  EXPECT_EQ(send(req({0x0C, 0x05, 0x02, 0x02})), encode(Frame{0x00, {0xB0}}));  // that's a DIP
  EXPECT_EQ(send(req({0x0C, 0x09, 0x02, 0x01})), encode(Frame{0x00, {0xB0}}));  // bad value
}

TEST_F(Ds2ServerTest, ModuleRefusalIsRejected) {
  // DOP_12V_EXT_PWR "cannot be switched off via diagnostics" (bc1_job_fields.csv).
  backend.refused.insert("DOP_12V_EXT_PWR");
  unlock();
  EXPECT_EQ(send(req({0x0C, 0x0B, 0x20, 0x00})), encode(Frame{0x00, {0xA2}}));
}

TEST_F(Ds2ServerTest, LocksAfter30sWithoutMessages) {
  // BC1.prg START_DIAGNOSTICS: "The ecu will lock if no diagnostic messages have been sent to
  // it for 30 seconds".
  unlock();
  now += 29s;
  EXPECT_EQ(send(req({0x9E})), ok({}));  // ping keeps it alive
  now += 29s;
  EXPECT_EQ(send(req({0x0C, 0x09, 0x02, 0x02})), ok({}));
  now += 30s + 1ms;
  EXPECT_FALSE(server.unlocked(now));
  EXPECT_EQ(send(req({0x0C, 0x09, 0x02, 0x02})), encode(Frame{0x00, {0xA2}}));
}

TEST_F(Ds2ServerTest, MessagesToOtherModulesDoNotKeepSessionAlive) {
  unlock();
  now += 20s;
  EXPECT_FALSE(send(encode(Frame{0x12, {0x9E}})));
  now += 20s;
  EXPECT_EQ(send(req({0x0C, 0x09, 0x02, 0x02})), encode(Frame{0x00, {0xA2}}));
}

TEST_F(Ds2ServerTest, EndOfDiagnosisAndResetLock) {
  unlock();
  EXPECT_EQ(send(req({0x9F})), ok({}));  // DIAGNOSE_ENDE, chosen 0x9F
  EXPECT_FALSE(server.unlocked(now));
  unlock();
  EXPECT_EQ(send(req({0x9D})), ok({}));  // SG_RESET, chosen 0x9D
  EXPECT_EQ(backend.resets, 1);
  EXPECT_FALSE(server.unlocked(now));
}

TEST_F(Ds2ServerTest, ClearRfBuffers) {
  EXPECT_EQ(send(req({0x43})), ok({}));  // CLEAR_RF_BUFFERS, chosen 0x43
  EXPECT_EQ(backend.rf_clears, 1);
}

}  // namespace
}  // namespace bcmhil::diag

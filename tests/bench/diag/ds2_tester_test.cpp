// The tester against a scripted port: echo handling, retries, line errors, decoding. The module
// behind the port is the real Ds2Server over a fake backend, so answers are genuine byte vectors.
#include <gtest/gtest.h>

#include <deque>
#include <functional>
#include <thread>

#include "ds2_server.h"
#include "fault_gloss.h"
#include "reference_tables.h"
#include "ds2_tester.h"
#include "fake_backend.h"
#include "serial_line.h"

namespace bcmhil::tester {
namespace {

using namespace std::chrono_literals;

class ScriptedPort : public transport::BytePort {
 public:
  std::function<std::vector<uint8_t>(const std::vector<uint8_t>&)> on_write;
  std::deque<uint8_t> pending;
  std::vector<std::vector<uint8_t>> written;
  bool gone = false;

  void write(const std::vector<uint8_t>& b) override {
    if (gone) throw transport::TransportError("the line at /tmp/x is gone: Input/output error");
    written.push_back(b);
    auto r = on_write(b);
    pending.insert(pending.end(), r.begin(), r.end());
  }
  std::vector<uint8_t> read(std::chrono::milliseconds timeout) override {
    if (pending.empty()) {
      std::this_thread::sleep_for(std::min(timeout, std::chrono::milliseconds(5)));
      return {};
    }
    // deliver in small chunks, like a serial driver
    std::vector<uint8_t> out;
    for (int i = 0; i < 3 && !pending.empty(); ++i) {
      out.push_back(pending.front());
      pending.pop_front();
    }
    return out;
  }
  void flush_input() override { pending.clear(); }
};

class TesterTest : public ::testing::Test {
 protected:
  diag::testing::FakeBackend backend;
  diag::Ds2Server server;
  ScriptedPort port;
  bool echo = false;
  int drop_first = 0;  // answers to swallow (silent line for the first tries)

  TesterTest() {
    port.on_write = [this](const std::vector<uint8_t>& req) {
      std::vector<uint8_t> out;
      if (echo) out = req;
      auto a = server.handle_raw(req, backend, std::chrono::steady_clock::now());
      if (drop_first > 0) {
        --drop_first;
        return out;
      }
      if (a) out.insert(out.end(), a->begin(), a->end());
      return out;
    };
  }
  TesterOptions opts(EchoMode mode = EchoMode::kAuto) {
    TesterOptions o;
    o.echo = mode;
    o.timeout = 30ms;
    o.retries = 2;
    o.retry_pause = 1ms;
    return o;
  }
};

TEST_F(TesterTest, PingWithoutEcho) {
  Ds2Tester t(port, opts(EchoMode::kOff));
  const auto r = t.ping();
  EXPECT_EQ(r.exit_code, kExitOk) << r.text;
  // DIAGNOSE_AUFRECHT, chosen 0x9E: the tester sent [00 04 9E 9A].
  ASSERT_EQ(port.written.size(), 1u);
  EXPECT_EQ(port.written[0], (std::vector<uint8_t>{0x00, 0x04, 0x9E, 0x9A}));
}

TEST_F(TesterTest, EchoAutoDetectsAndSkips) {
  echo = true;
  Ds2Tester t(port, opts(EchoMode::kAuto));
  const auto ex = t.transact({0x9E});
  EXPECT_EQ(ex.error, LineError::kNone);
  EXPECT_TRUE(ex.echo_seen);
  EXPECT_EQ(ex.raw, (std::vector<uint8_t>{0x00, 0x04, 0xA0, 0xA4}));
}

TEST_F(TesterTest, EchoAutoWithoutEcho) {
  Ds2Tester t(port, opts(EchoMode::kAuto));
  const auto ex = t.transact({0x9E});
  EXPECT_EQ(ex.error, LineError::kNone);
  EXPECT_FALSE(ex.echo_seen);
}

TEST_F(TesterTest, EchoOnSkipsExactEcho) {
  echo = true;
  Ds2Tester t(port, opts(EchoMode::kOn));
  EXPECT_EQ(t.ping().exit_code, kExitOk);
}

TEST_F(TesterTest, EchoOnButNoEchoIsMismatch) {
  Ds2Tester t(port, opts(EchoMode::kOn));
  const auto r = t.ping();
  EXPECT_EQ(r.exit_code, kExitLine);
  EXPECT_NE(r.text.find("echo mismatch"), std::string::npos) << r.text;
}

TEST_F(TesterTest, EchoOffButLineEchoesIsReported) {
  echo = true;
  Ds2Tester t(port, opts(EchoMode::kOff));
  const auto r = t.ping();
  EXPECT_EQ(r.exit_code, kExitLine);
  EXPECT_NE(r.text.find("--echo"), std::string::npos) << r.text;
}

TEST_F(TesterTest, CorruptedEchoIsMismatch) {
  port.on_write = [](const std::vector<uint8_t>& req) {
    auto e = req;
    e[2] ^= 0x40;  // a collision flipped a bit
    return e;
  };
  Ds2Tester t(port, opts(EchoMode::kOn));
  const auto ex = t.transact({0x9E});
  EXPECT_EQ(ex.error, LineError::kEchoMismatch);
  EXPECT_NE(ex.detail.find("sent 00 04 9E 9A"), std::string::npos) << ex.detail;
}

TEST_F(TesterTest, RetriesAfterSilence) {
  drop_first = 2;
  Ds2Tester t(port, opts());
  const auto ex = t.transact({0x9E});
  EXPECT_EQ(ex.error, LineError::kNone);
  EXPECT_EQ(ex.tries, 3);
}

TEST_F(TesterTest, SilentLineMessage) {
  port.on_write = [](const std::vector<uint8_t>&) { return std::vector<uint8_t>{}; };
  Ds2Tester t(port, opts());
  const auto r = t.ping();
  EXPECT_EQ(r.exit_code, kExitLine);
  EXPECT_EQ(r.text,
            "no answer from address 0x00 after 3 tries; check ignition/KL15, the K-line pull-up, "
            "or a wetted K-line");
  EXPECT_EQ(port.written.size(), 3u);
}

TEST_F(TesterTest, ChecksumErrorMessage) {
  port.on_write = [](const std::vector<uint8_t>&) {
    return std::vector<uint8_t>{0x00, 0x04, 0xA0, 0xA5};  // xor should be A4
  };
  Ds2Tester t(port, opts());
  const auto r = t.ping();
  EXPECT_EQ(r.exit_code, kExitLine);
  EXPECT_NE(r.text.find("checksum error"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("00 04 A0 A5"), std::string::npos) << r.text;
}

TEST_F(TesterTest, OtherModulesTrafficIgnored) {
  port.on_write = [this](const std::vector<uint8_t>& req) {
    std::vector<uint8_t> out{0x12, 0x04, 0xA0, 0xB6};  // another ECU's frame first
    auto a = server.handle_raw(req, backend, std::chrono::steady_clock::now());
    out.insert(out.end(), a->begin(), a->end());
    return out;
  };
  Ds2Tester t(port, opts());
  EXPECT_EQ(t.ping().exit_code, kExitOk);
}

TEST_F(TesterTest, BusyIsAskedAgain) {
  // A1 = BUSY (bc1_jobresult.csv): the tester asks again instead of failing.
  int calls = 0;
  port.on_write = [&](const std::vector<uint8_t>&) {
    return ++calls == 1 ? std::vector<uint8_t>{0x00, 0x04, 0xA1, 0xA5}
                        : std::vector<uint8_t>{0x00, 0x04, 0xA0, 0xA4};
  };
  auto o = opts();
  o.busy_pause = 1ms;
  Ds2Tester t(port, o);
  EXPECT_EQ(t.ping().exit_code, kExitOk);
  EXPECT_EQ(calls, 2);
}

TEST_F(TesterTest, BusyForeverIsModuleError) {
  port.on_write = [](const std::vector<uint8_t>&) {
    return std::vector<uint8_t>{0x00, 0x04, 0xA1, 0xA5};
  };
  auto o = opts();
  o.busy_pause = 1ms;
  Ds2Tester t(port, o);
  const auto r = t.ping();
  EXPECT_EQ(r.exit_code, kExitModuleError);
  EXPECT_NE(r.text.find("BUSY (0xA1)"), std::string::npos) << r.text;
}

TEST_F(TesterTest, LineGone) {
  port.gone = true;
  Ds2Tester t(port, opts());
  const auto r = t.ping();
  EXPECT_EQ(r.exit_code, kExitLine);
  EXPECT_NE(r.text.find("gone"), std::string::npos);
}

TEST_F(TesterTest, FaultsDecodedWithCsvTexts) {
  // bc1_forttexte.csv 0xC4, bc1_farttexte.csv 0x00 / 0x01.
  backend.faults = {{0xC4, true, 3}, {0x84, false, 1}};
  Ds2Tester t(port, opts());
  const auto r = t.faults();
  ASSERT_EQ(r.exit_code, kExitOk) << r.text;
  EXPECT_NE(r.text.find("0xC4  GEPÄCKR. ENTRIEG. AUS FEHLER"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("Fehler aktiv (active)"), std::string::npos);
  EXPECT_NE(r.text.find("frequency 3"), std::string::npos);
  ASSERT_EQ(r.json["faults"].size(), 2u);
  EXPECT_EQ(r.json["faults"][1]["F_ORT_TEXT"], "FRONTWISCHER EIN FEHLER");
  EXPECT_EQ(r.json["faults"][1]["active"], false);
  EXPECT_EQ(r.json["faults"][1]["F_ART1_TEXT"], "Fehler inaktiv");
  EXPECT_EQ(r.json["faults"][0]["gloss_en"], "luggage (tailgate) release OFF fault");
}

TEST(FaultGloss, EveryBc1CodeHasOne) {
  for (const auto& c : diag::ReferenceTables::bc1().fault_codes())
    EXPECT_FALSE(fault_gloss_en(c.code).empty()) << hex_byte(c.code) << " " << c.text;
}

TEST_F(TesterTest, InputsByName) {
  backend.digitals = {{"DIP_BOOT_OPEN_SW", true}, {"DIP_BOOT_HANDLE_SW", false}};
  Ds2Tester t(port, opts());
  const auto r = t.inputs();
  ASSERT_EQ(r.exit_code, kExitOk);
  EXPECT_EQ(r.json["signals"]["DIP_BOOT_OPEN_SW"], true);
  EXPECT_EQ(r.json["signals"]["DIP_BOOT_HANDLE_SW"], false);
  EXPECT_NE(r.text.find("DIP_BOOT_OPEN_SW          ON   Schalter für offenen Gepäckraum"),
            std::string::npos)
      << r.text;
  // Not measured by the module: its availability bit is clear, so n/a, not off.
  EXPECT_TRUE(r.json["signals"]["DIP_BONNET_SW"].is_null());
  EXPECT_NE(r.text.find("DIP_BONNET_SW             n/a  Schalter für offene Haube"), std::string::npos)
      << r.text;
}

TEST_F(TesterTest, AnalogBatteryVolts) {
  // AIP_BATT_VOLTS_MON 0.072087658 V/count (bc1_analog.csv): 173 counts = 12.47 V.
  backend.analogs = {{"AIP_BATT_VOLTS_MON", 173}};
  Ds2Tester t(port, opts());
  const auto r = t.analog();
  ASSERT_EQ(r.exit_code, kExitOk) << r.text;
  EXPECT_NEAR(r.json["battery_volts"].get<double>(), 12.47, 0.01);
  EXPECT_EQ(r.text.rfind("battery 12.47 V", 0), 0u) << r.text;
  EXPECT_EQ(r.json["channels"]["AIP_BATT_VOLTS_MON"]["available"], true);
  // Not measured: never shown as 0 V.
  EXPECT_EQ(r.json["channels"]["AIP_EXT_5V_MON"]["available"], false);
  EXPECT_FALSE(r.json["channels"]["AIP_EXT_5V_MON"].contains("value"));
  EXPECT_NE(r.text.find("AIP_EXT_5V_MON            n/a"), std::string::npos) << r.text;
  EXPECT_EQ(r.json["channels"]["AOP_MAIN_BEAM"]["available"], false);
}

TEST_F(TesterTest, RfStatus) {
  backend.rf.remote_ok_rolling_not_ok = true;
  backend.rf.last_code = 0xDEADBEEF;
  Ds2Tester t(port, opts());
  const auto r = t.rf();
  ASSERT_EQ(r.exit_code, kExitOk);
  EXPECT_EQ(r.json["signals"]["STAT_RF_REMOTE_OK_ROLLING_CODE_NOT_OK"], 1);
  EXPECT_EQ(r.json["signals"]["STAT_RF_REMOTE_OK_ROLLING_CODE_OK"], 0);
  EXPECT_EQ(r.json["signals"]["STAT_LAST_RF_CODE"], "DEADBEEF");
}

TEST_F(TesterTest, InfoRecords) {
  backend.infos = {{0x33, 2}, {0x45, 1}};
  Ds2Tester t(port, opts());
  const auto r = t.info();
  ASSERT_EQ(r.exit_code, kExitOk);
  ASSERT_EQ(r.json["records"].size(), 2u);
  EXPECT_EQ(r.json["records"][1]["F_ORT_NR"], 0x45);
  EXPECT_NE(r.text.find("Neigung"), std::string::npos);
}

TEST_F(TesterTest, IdentFields) {
  backend.id.bmw_part_number = "6900001";
  Ds2Tester t(port, opts());
  const auto r = t.ident();
  ASSERT_EQ(r.exit_code, kExitOk);
  EXPECT_EQ(r.json["ident"]["ID_BMW_NR"], "6900001");
}

TEST_F(TesterTest, ForceDoesSeedKeyAndReadsBack) {
  Ds2Tester t(port, opts());
  const auto r = t.run("force", {"DOP_BOOT_RELEASE", "on"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.text;
  EXPECT_EQ(r.text, "DOP_BOOT_RELEASE forced ON (read back: ON)");
  EXPECT_TRUE(backend.digital("DOP_BOOT_RELEASE").value_or(false));
  // The control telegram: [0C][09][02][02] from bc1_bits.csv "DOP_BOOT_RELEASE,9,0x02,0x02".
  EXPECT_EQ(port.written[2], diag::encode(diag::Frame{0x00, {0x0C, 0x09, 0x02, 0x02}}));
}

TEST_F(TesterTest, ForceRefusedIsModuleError) {
  backend.refused.insert("DOP_BOOT_RELEASE");
  Ds2Tester t(port, opts());
  const auto r = t.run("force", {"DOP_BOOT_RELEASE", "on"});
  EXPECT_EQ(r.exit_code, kExitModuleError);
  EXPECT_NE(r.text.find("ERROR_ECU_REJECTED (0xA2)"), std::string::npos) << r.text;
}

// WRITE_PLIP_CODES: seed/key, then [45][location][cipher 8][window 3][base 3][enable] (layout
// chosen, ds2_protocol.h; the arguments' ASCII hex lengths from bc1_job_fields.csv).
TEST_F(TesterTest, PlipWriteDoesSeedKeyAndReadsTheLocationBack) {
  backend.plips[3] = diag::PlipCodes{};
  Ds2Tester t(port, opts());
  const auto r = t.run("plip-write", {"3", "0123456789ABCDEF", "000000", "7B2003", "1"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.text;
  ASSERT_EQ(port.written.size(), 3u) << "seed, key, write";
  EXPECT_EQ(port.written[2], diag::encode(diag::Frame{0x00, {0x45, 0x03, 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD,
                                                             0xEF, 0x00, 0x00, 0x00, 0x7B, 0x20, 0x03, 0x01}}));
  EXPECT_EQ(backend.plips[3].base_code_key, 0x7B2003u);
  EXPECT_EQ(backend.plips[3].cipher_key, 0x0123456789ABCDEFu);
  EXPECT_TRUE(backend.plips[3].enabled);
  EXPECT_EQ(r.json["BASE_CODE_KEY"], "7B2003");
  EXPECT_EQ(r.json["CIPHER_KEY"], "0123456789ABCDEF");
  EXPECT_EQ(r.json["ENABLED"], 1);
  const auto read = t.run("plip-read", {"3"});
  ASSERT_EQ(read.exit_code, kExitOk) << read.text;
  EXPECT_EQ(read.text, "plip location 3: base code 7B2003, window code 000000, cipher 0123456789ABCDEF, enabled");
}

TEST_F(TesterTest, PlipOnAModuleWithoutKeyMemoryIsModuleError) {
  Ds2Tester t(port, opts());
  const auto r = t.run("plip-read", {"1"});
  EXPECT_EQ(r.exit_code, kExitModuleError);
  EXPECT_EQ(r.json["status"], "ERROR_ECU_FUNCTION");
}

TEST_F(TesterTest, BadArguments) {
  EXPECT_EQ(Ds2Tester(port, opts()).run("plip-read", {"5"}).exit_code, kExitBadArguments);
  EXPECT_EQ(Ds2Tester(port, opts()).run("plip-write", {"3", "0123", "000000", "7B2003", "1"}).exit_code,
            kExitBadArguments);
  EXPECT_EQ(Ds2Tester(port, opts()).run("plip-write", {"3", "0123456789ABCDEF", "00000G", "7B2003", "1"}).exit_code,
            kExitBadArguments);
  EXPECT_EQ(Ds2Tester(port, opts()).run("plip-write", {"3", "0123456789ABCDEF", "000000", "7B2003", "2"}).exit_code,
            kExitBadArguments);
  Ds2Tester t(port, opts());
  EXPECT_EQ(t.run("force", {"DOP_NOPE", "on"}).exit_code, kExitBadArguments);
  EXPECT_EQ(t.run("force", {"DIP_BOOT_OPEN_SW", "on"}).exit_code, kExitBadArguments);
  EXPECT_EQ(t.run("force", {"DOP_BOOT_RELEASE", "maybe"}).exit_code, kExitBadArguments);
  EXPECT_EQ(t.run("ping", {"x"}).exit_code, kExitBadArguments);
  EXPECT_EQ(t.run("raw", {"zz"}).exit_code, kExitBadArguments);
  EXPECT_EQ(t.run("nope", {}).exit_code, kExitBadArguments);
  EXPECT_TRUE(port.written.empty());
}

TEST_F(TesterTest, UnknownCommandViaRawIsModuleError) {
  Ds2Tester t(port, opts());
  const auto r = t.run("raw", {"77"});
  EXPECT_EQ(r.exit_code, kExitModuleError);
  EXPECT_EQ(r.json["status"], "ERROR_ECU_FUNCTION");
}

// A line that streams bytes for ever (noise, a babbling module) must not hold the tester: the
// request has one deadline, fixed when it starts (issue 9: it used to restart on every byte).
class NoisePort : public transport::BytePort {
 public:
  std::chrono::steady_clock::time_point stop_at = std::chrono::steady_clock::now() + 3s;
  void write(const std::vector<uint8_t>&) override {}
  std::vector<uint8_t> read(std::chrono::milliseconds) override {
    // 0x55 noise, a byte's wire time apart, until a far horizon (so a broken tester ends too).
    if (std::chrono::steady_clock::now() >= stop_at) {
      std::this_thread::sleep_for(5ms);
      return {};
    }
    std::this_thread::sleep_for(1ms);
    return {0x55};
  }
  void flush_input() override {}
};

TEST(TesterDeadline, StreamingNoiseEndsTheRequestWithinItsDeadline) {
  NoisePort port;
  TesterOptions o;
  o.echo = EchoMode::kAuto;
  o.timeout = 50ms;
  o.retries = 2;
  o.retry_pause = 1ms;
  EXPECT_EQ(request_budget(o), 152ms);
  Ds2Tester t(port, o);
  const auto start = std::chrono::steady_clock::now();
  const auto r = t.ping();
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LE(took, request_budget(o) + 50ms);
  EXPECT_EQ(r.exit_code, kExitLine);
  EXPECT_NE(r.text.find("timed out after 152 ms"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("no whole answer frame"), std::string::npos) << r.text;
}

}  // namespace
}  // namespace bcmhil::tester

// The served K-line against stock clients, as a user runs it: the built `bcmhil serve` in the
// background, and Debian's python3-serial (pyserial, unmodified, /usr/bin/python3) reading the
// ident and the fault memory over both endpoints: the pty opened as 9600 8N1 (a pty cannot keep
// a parity bit) and rfc2217:// at 9600 8E1. The module is a flooded BC1 whose tailgate driver is
// dead within 2 s (the flooded-bcm-hatch case, its water and corrosion times shortened), so 0xC4
// is active early. DS2 bytes: model/diag/README.md (IDENT 00, FS_LESEN 04; [00][len][data][xor]).
// Then a link in use: a second serve or relay emulator is refused and leaves the first's alone.
// And a serve left running with an input that flickers every millisecond holds its memory flat.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "e2e_support.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const char* kPython = "/usr/bin/python3";

// Only pyserial: no bcmhil code. Prints one JSON line: each job's echo check and answer (hex).
const char* kClientScript = R"PY(
import json, sys, time
import serial  # Debian: python3-serial (ci/packages.txt)

url, parity, fault = sys.argv[1], sys.argv[2], int(sys.argv[3], 16)

def frame(data):  # [addr 0x00][len][data...][xor]
    body = bytes([0x00, len(data) + 3]) + bytes(data)
    x = 0
    for b in body:
        x ^= b
    return body + bytes([x])

def ask(port, data):
    request = frame(data)
    port.reset_input_buffer()
    port.write(request)
    echo = port.read(len(request))  # a K-line reflects every byte
    head = port.read(2)
    rest = port.read(head[1] - 2) if len(head) == 2 and head[1] >= 2 else b""
    return {"echo_ok": echo == request, "answer": (head + rest).hex()}

def active(answer, code):  # FS_LESEN: A0 n, then n x [code][00 active / 01 inactive][frequency]
    a = bytes.fromhex(answer)
    return any(a[i] == code and a[i + 1] == 0 for i in range(4, len(a) - 3, 3))

out = {}
with serial.serial_for_url(url, baudrate=9600, bytesize=8, parity=parity, stopbits=1, timeout=1.0) as port:
    out["ident"] = ask(port, [0x00])
    deadline = time.monotonic() + 12
    while True:
        out["faults"] = ask(port, [0x04])
        if active(out["faults"]["answer"], fault) or time.monotonic() > deadline:
            break
        time.sleep(0.25)
if len(sys.argv) > 4:  # the same endpoint at other settings: the module must not understand
    with serial.serial_for_url(url, baudrate=9600, bytesize=8, parity=sys.argv[4], stopbits=1, timeout=0.5) as port:
        out["mismatch"] = ask(port, [0x00])
print(json.dumps(out))
)PY";

const char* kFastFlood = R"(name: flooded-fast
description: flooded-bcm-hatch with its water and corrosion times shortened, so 0xC4 is logged early
duration: 60 s
vehicle:
  battery: 12.6 V
  locked: true
faults:
  - {type: water_ingress, at: 0 s, region: tailgate_driver, wetting_time: 1 s, corrosion_time: 1 s, salt: 0.2}
steps:
  - {at: 2.5 s, do: press_fob, button: trunk}
)";

using bcmhil::e2e::Outcome;
using bcmhil::e2e::shell;

std::vector<uint8_t> unhex(const std::string& hex) {
  std::vector<uint8_t> b;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) b.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return b;
}

bool checksum_ok(const std::vector<uint8_t>& frame) {
  uint8_t x = 0;
  for (uint8_t b : frame) x ^= b;
  return frame.size() >= 4 && x == 0 && frame[1] == frame.size();
}

std::string slurp(const std::string& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A background `bcmhil ...` process; SIGTERM on destruction.
class Background {
 public:
  Background(const std::string& args, const std::string& log) : log_(log) {
    const std::string pid_file = log + ".pid";
    const std::string command = std::string(BCMHIL_CLI) + " " + args + " > " + log + " 2>&1 & echo $! > " + pid_file;
    if (std::system(command.c_str()) == 0) std::ifstream(pid_file) >> pid_;
  }
  ~Background() { stop(); }
  int pid() const { return pid_; }
  // Running. A zombie waiting for a reaper (its parent shell is long gone) is not, but only once
  // all its threads are gone: the leader turns zombie first, and the descriptors (the pty, the
  // lock) close with the last thread.
  bool alive() const {
    if (pid_ <= 0) return false;
    const std::string proc = "/proc/" + std::to_string(pid_);
    std::ifstream stat(proc + "/stat");
    std::string pid, name, state;
    if (!(stat >> pid >> name >> state)) return false;
    if (state != "Z") return true;
    std::error_code ec;
    const auto tasks = std::distance(fs::directory_iterator(proc + "/task", ec), fs::directory_iterator());
    return tasks > 1;
  }
  std::string log() const { return slurp(log_); }
  // Waits until the log matches `pattern` (first group returned) or `limit` passes.
  std::string wait_for(const std::string& pattern, std::chrono::milliseconds limit = 10s) const {
    const std::regex re(pattern);
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
      std::smatch m;
      const std::string text = log();
      if (std::regex_search(text, m, re)) return m.size() > 1 ? m[1].str() : m[0].str();
      if (!alive()) break;
      std::this_thread::sleep_for(50ms);
    }
    return {};
  }
  void kill_hard() {
    if (alive()) ::kill(pid_, SIGKILL);
    wait_gone();
  }
  void stop() {
    if (alive()) ::kill(pid_, SIGTERM);
    wait_gone();
  }

 private:
  void wait_gone() {
    for (int i = 0; i < 100 && alive(); ++i) std::this_thread::sleep_for(50ms);
  }
  std::string log_;
  int pid_ = 0;
};

// Condensation making and breaking the lid handle input about every millisecond from 0.1 s on
// (tests/perf/long-runs/input-leak-1h.yaml): thousands of changes a second on its signals.
const char* kFlicker = R"(name: flicker
description: the lid handle input wet 1 ms, dry 1 ms, without end
duration: 60 s
faults:
  - {type: input_leak_intermittent, at: 100 ms, input: DIP_BOOT_HANDLE_SW, wet_time: 1 ms, dry_time: 1 ms, seed: 1}
)";

class KlineClients : public ::testing::Test {
 protected:
  void SetUp() override {
    char templ[] = "/tmp/bcmhil-e2e-kline-XXXXXX";
    ASSERT_NE(::mkdtemp(templ), nullptr);
    dir_ = templ;
    std::ofstream(path("client.py")) << kClientScript;
    std::ofstream(path("flooded-fast.yaml")) << kFastFlood;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& f) const { return (dir_ / f).string(); }

  nlohmann::json pyserial(const std::string& url, const std::string& parity, const std::string& mismatch = "") {
    const auto r = shell(std::string(kPython) + " " + path("client.py") + " " + url + " " + parity + " C4 " + mismatch);
    EXPECT_EQ(r.status, 0) << r.out;
    auto text = r.out;
    while (!text.empty() && text.back() == '\n') text.pop_back();
    const auto j = nlohmann::json::parse(text.substr(text.rfind('\n') + 1), nullptr, false);  // the last line
    EXPECT_TRUE(j.is_object()) << r.out;
    return j.is_object() ? j : nlohmann::json::object();
  }

  // The module's answers as a DS2 tester checks them: checksum, length, status OKAY, contents.
  static void check_answers(const nlohmann::json& j) {
    ASSERT_TRUE(j.contains("ident") && j.contains("faults")) << j.dump();
    EXPECT_TRUE(j["ident"]["echo_ok"].get<bool>()) << j.dump();
    const auto ident = unhex(j["ident"]["answer"]);
    ASSERT_TRUE(checksum_ok(ident)) << j.dump();
    EXPECT_EQ(ident[2], 0xA0);
    // ID_BMW_NR, 7 ASCII digits: the simulated module's "0000001" (bc1_diagnostic_backend.cpp).
    EXPECT_EQ(std::string(ident.begin() + 3, ident.begin() + 10), "0000001");
    const auto faults = unhex(j["faults"]["answer"]);
    ASSERT_TRUE(checksum_ok(faults)) << j.dump();
    EXPECT_EQ(faults[2], 0xA0);
    ASSERT_GE(faults[3], 1) << "empty fault memory: " << j.dump();
    // 0xC4 GEPÄCKR. ENTRIEG. AUS FEHLER, type 00 = active.
    EXPECT_EQ(faults[4], 0xC4) << j.dump();
    EXPECT_EQ(faults[5], 0x00) << j.dump();
  }

  fs::path dir_;
};

TEST_F(KlineClients, PyserialOverThePtyAs8N1) {
  const auto link = path("kline");
  Background serve("serve " + path("flooded-fast.yaml") + " --kline " + link + " --forever", path("serve.log"));
  ASSERT_FALSE(serve.wait_for("serving on " + link).empty()) << serve.log();
  EXPECT_NE(serve.log().find("open it as 9600 8N1"), std::string::npos) << serve.log();
  check_answers(pyserial(link, "N"));
  EXPECT_TRUE(serve.alive()) << serve.log();
}

TEST_F(KlineClients, PyserialOverRfc2217As8E1) {
  Background serve("serve " + path("flooded-fast.yaml") + " --kline rfc2217://127.0.0.1:0 --forever",
                   path("serve.log"));
  const auto port = serve.wait_for(R"(serving on rfc2217://127\.0\.0\.1:(\d+))");
  ASSERT_FALSE(port.empty()) << serve.log();
  const std::string url = "rfc2217://127.0.0.1:" + port;
  const auto j = pyserial(url, "E", "N");
  check_answers(j);
  ASSERT_TRUE(j.contains("mismatch")) << j.dump();
  // The same client at 8N1: told what it asked for, then not understood (the echo is its own).
  EXPECT_TRUE(j["mismatch"]["echo_ok"].get<bool>()) << j.dump();
  EXPECT_EQ(j["mismatch"]["answer"], "") << j.dump();
  // Two clients came and went; the server serves on.
  EXPECT_TRUE(serve.alive()) << serve.log();
  EXPECT_NE(serve.log().find("disconnected; waiting for the next one"), std::string::npos) << serve.log();
}

bool points_at(const std::string& link, const std::string& target_prefix) {
  char target[256] = {};
  return ::readlink(link.c_str(), target, sizeof target - 1) > 0 && std::string(target).rfind(target_prefix, 0) == 0;
}

std::string link_target(const std::string& link) {
  char target[256] = {};
  return ::readlink(link.c_str(), target, sizeof target - 1) > 0 ? target : "";
}

TEST_F(KlineClients, ASecondServeOnALiveLinkIsRefusedAndTheFirstKeepsIt) {
  const auto link = path("kline");
  Background first("serve " + path("flooded-fast.yaml") + " --kline " + link + " --forever", path("first.log"));
  ASSERT_FALSE(first.wait_for("serving on").empty()) << first.log();
  const auto pty = link_target(link);
  ASSERT_TRUE(points_at(link, "/dev/pts/")) << pty;
  const auto second = shell("timeout 20 " + std::string(BCMHIL_CLI) + " serve " + path("flooded-fast.yaml") + " --kline " + link);
  EXPECT_EQ(second.status, 3) << second.out;
  EXPECT_NE(second.out.find(link + " is in use by pid " + std::to_string(first.pid())), std::string::npos)
      << second.out;
  EXPECT_EQ(link_target(link), pty) << "the second serve touched the first one's link";
  const auto first_ident = shell(std::string(BCMHIL_CLI) + " diag --port " + link + " ident");
  EXPECT_EQ(first_ident.status, 0) << first_ident.out;

  // A serve killed outright leaves its link and lock behind; the next one takes them over.
  first.kill_hard();
  ASSERT_TRUE(fs::is_symlink(link));
  Background next("serve " + path("flooded-fast.yaml") + " --kline " + link + " --forever", path("next.log"));
  EXPECT_FALSE(next.wait_for("serving on").empty()) << next.log();
  const auto ident = shell(std::string(BCMHIL_CLI) + " diag --port " + link + " ident");
  EXPECT_EQ(ident.status, 0) << ident.out << next.log();
}

TEST_F(KlineClients, ASecondServeOnABoundPortIsRefused) {
  Background first("serve " + path("flooded-fast.yaml") + " --kline rfc2217://127.0.0.1:0 --forever",
                   path("first.log"));
  const auto port = first.wait_for(R"(serving on rfc2217://127\.0\.0\.1:(\d+))");
  ASSERT_FALSE(port.empty()) << first.log();
  const auto second =
      shell("timeout 20 " + std::string(BCMHIL_CLI) + " serve " + path("flooded-fast.yaml") +
            " --kline rfc2217://127.0.0.1:" + port);
  EXPECT_EQ(second.status, 3) << second.out;
  EXPECT_NE(second.out.find("cannot listen on 127.0.0.1:" + port + ": Address already in use"), std::string::npos)
      << second.out;
  EXPECT_TRUE(first.alive());
}

TEST_F(KlineClients, ASecondRelayEmulatorOnALiveLinkIsRefused) {
  const auto link = path("board");
  Background first("relay emulate --family lcus --channels 2 --link " + link, path("first.log"));
  ASSERT_FALSE(first.wait_for("emulating").empty()) << first.log();
  const auto pty = link_target(link);
  const auto second = shell("timeout 20 " + std::string(BCMHIL_CLI) + " relay emulate --family lcus --channels 2 --link " + link);
  EXPECT_EQ(second.status, 3) << second.out;
  EXPECT_NE(second.out.find("is in use by pid " + std::to_string(first.pid())), std::string::npos) << second.out;
  EXPECT_EQ(link_target(link), pty) << "the second emulator touched the first one's link";
  EXPECT_TRUE(first.alive());
}

// serve keeps no history (runner::Keep::latest_values): each signal holds at most its first sample
// and its last two however long it runs. Keeping everything, 2 s of this flicker hold thousands.
TEST_F(KlineClients, AServeLeftRunningKeepsOnlyTheLatestValues) {
  std::ofstream(path("flicker.yaml")) << kFlicker;
  const auto link = path("kline");
  Background serve("serve " + path("flicker.yaml") + " --kline " + link + " --forever", path("serve.log"));
  ASSERT_FALSE(serve.wait_for("serving on " + link).empty()) << serve.log();
  std::this_thread::sleep_for(2500ms);
  serve.stop();
  const std::regex stats(R"(stopped at ([0-9.]+) s simulated;.* (\d+) samples of (\d+) signals in memory)");
  std::smatch m;
  const std::string log = serve.log();
  ASSERT_TRUE(std::regex_search(log, m, stats)) << log;
  EXPECT_GT(std::stod(m[1].str()), 1.0) << "the flicker barely ran: " << log;
  const auto samples = std::stoul(m[2].str()), signals = std::stoul(m[3].str());
  EXPECT_GT(signals, 10u) << log;
  EXPECT_LE(samples, 3 * signals) << log;
}

}  // namespace

// `bcmhil diag` as a technician runs it: the real executable against a served fake BC1 on a pty.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <string>

#include "fake_backend.h"
#include "kline_server.h"

namespace {

using namespace bcmhil;

struct Run {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

Run run_cli(const std::string& args) {
  Run r;
  const std::string cmd = std::string(BCMHIL_CLI) + " " + args + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 512> buf{};
  while (std::fgets(buf.data(), buf.size(), p)) r.out += buf.data();
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class DiagCli : public ::testing::Test {
 protected:
  diag::testing::FakeBackend backend;
  serve::BackendResponder responder{backend};
  std::string link = "/tmp/bcmhil-diag-cli-" + std::to_string(::getpid());
  std::unique_ptr<serve::KlineServer> server;

  void SetUp() override {
    backend.faults = {{0xC4, true, 3}};
    backend.digitals = {{"DIP_BOOT_OPEN_SW", true}};
    backend.analogs = {{"AIP_BATT_VOLTS_MON", 173}};
    serve::KlineServerOptions o;
    o.path = link;
    o.echo = true;
    server = std::make_unique<serve::KlineServer>(responder, o);
    server->start();
  }
  void TearDown() override { server->stop(); }
  std::string port() const { return "--port " + link + " --timeout 200 --retries 1 "; }
};

TEST_F(DiagCli, Faults) {
  const auto r = run_cli("diag " + port() + "faults");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("0xC4  GEPÄCKR. ENTRIEG. AUS FEHLER"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("frequency 3"), std::string::npos) << r.out;
}

TEST_F(DiagCli, InputsJson) {
  const auto r = run_cli("diag " + port() + "--json inputs");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("\"DIP_BOOT_OPEN_SW\": true"), std::string::npos) << r.out;
}

TEST_F(DiagCli, AnalogBattery) {
  const auto r = run_cli("diag " + port() + "analog");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  // The battery first (the note before it, on stderr, says the pty runs at 8N1).
  EXPECT_NE(r.out.find("battery 12.47 V\nanalogue values"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("bcmhil diag: note: " + link + " is a pseudo-terminal, which cannot keep a parity bit"),
            std::string::npos)
      << r.out;
}

TEST_F(DiagCli, ForceAndRefusal) {
  auto r = run_cli("diag " + port() + "force DOP_BOOT_RELEASE on");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("DOP_BOOT_RELEASE forced ON (read back: ON)"), std::string::npos) << r.out;
  responder.with_backend([](auto& b) {
    static_cast<diag::testing::FakeBackend&>(b).refused.insert("DOP_BOOT_RELEASE");
    return 0;
  });
  r = run_cli("diag " + port() + "force DOP_BOOT_RELEASE off");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("ERROR_ECU_REJECTED"), std::string::npos) << r.out;
}

TEST_F(DiagCli, SilentLineExit3) {
  responder.set_line_usable(false);
  const auto r = run_cli("diag --port " + link + " --timeout 50 --retries 1 ping");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("no answer from address 0x00 after 2 tries; check ignition/KL15, the "
                       "K-line pull-up, or a wetted K-line"),
            std::string::npos)
      << r.out;
}

TEST_F(DiagCli, NoSuchPortExit3) {
  const auto r = run_cli("diag --port /tmp/bcmhil-no-such-kline ping");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("cannot open /tmp/bcmhil-no-such-kline"), std::string::npos) << r.out;
}

TEST_F(DiagCli, BadArgumentsExit2) {
  EXPECT_EQ(run_cli("diag " + port() + "force DOP_NOPE on").exit_code, 2);
  EXPECT_EQ(run_cli("diag " + port() + "frobnicate").exit_code, 2);
  EXPECT_EQ(run_cli("diag ping").exit_code, 2);  // no --port
}

TEST_F(DiagCli, Help) {
  const auto r = run_cli("diag --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("force OUTPUT on|off"), std::string::npos) << r.out;
}

}  // namespace

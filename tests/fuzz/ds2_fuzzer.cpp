// libFuzzer target: the DS2 frame assembler and the module's job dispatcher, fed arbitrary line
// bytes. Built with clang (-fsanitize=fuzzer,address,undefined) outside the g++ build; see
// CMakeLists.txt. Input layout: byte 0 = chunk size and idle policy, byte 1 = fault count the
// fake module holds, byte 2 = seconds the simulated clock advances per chunk, rest = line bytes.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ds2_protocol.h"
#include "ds2_server.h"
#include "fake_backend.h"
#include "frame.h"
#include "frame_assembler.h"
#include "reference_tables.h"

namespace {

using namespace bcmhil::diag;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

bool known_status(uint8_t s) {
  return s == ds2::kStatusOkay || s == ds2::kStatusRejected || s == ds2::kStatusParameter ||
         s == ds2::kStatusFunction || s == ds2::kStatusNumber || s == ds2::kStatusNack;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  const size_t chunk = 1 + (data[0] & 0x1F);
  const bool idle_each_chunk = data[0] & 0x80;
  testing::FakeBackend backend;
  for (unsigned i = 0; i < data[1]; ++i)
    backend.faults.push_back({static_cast<uint8_t>(i * 7), (i & 1) != 0, static_cast<uint8_t>(i)});
  for (unsigned i = 0; i < data[1] / 4; ++i)
    backend.infos.push_back({static_cast<uint8_t>(0x30 + i), static_cast<uint8_t>(i)});
  backend.digitals["DIP_BOOT_OPEN_SW"] = data[1] & 1;
  backend.analogs["AIP_BATT_VOLTS_MON"] = data[2];
  backend.rf.remote_incorrect = data[2] & 1;
  backend.rf.battery_dead = data[2] & 2;
  if (data[2] & 4) backend.refused.insert("DOP_BOOT_RELEASE");

  Ds2Server server;
  auto now = std::chrono::steady_clock::time_point{};
  std::vector<std::vector<uint8_t>> frames;
  FrameAssembler assembler([&](const std::vector<uint8_t>& raw) { frames.push_back(raw); });

  auto serve = [&] {
    for (const auto& raw : frames) {
      check(raw.size() >= ds2::kMinFrameSize && raw.size() == raw[1]);
      const auto answer = server.handle_raw(raw, backend, now);
      if (!answer) {
        check(raw[0] != ds2::kBc1Address);  // a whole valid frame to us is always answered
        continue;
      }
      // Every answer is a well-formed frame from 0x00 with a known status byte, and the
      // tester's decoders accept it.
      const auto decoded = decode(*answer);
      check(decoded.frame.has_value());
      check(decoded.frame->address == ds2::kBc1Address);
      check(!decoded.frame->data.empty() && known_status(decoded.frame->data[0]));
      for (auto g : {SignalGroup::kDigitalInputs, SignalGroup::kDigitalOutputs, SignalGroup::kRf,
                     SignalGroup::kTilt})
        (void)decode_signals(g, *answer);
    }
    frames.clear();
  };

  const uint8_t* line = data + 3;
  const size_t n = size - 3;
  for (size_t off = 0; off < n; off += chunk) {
    const size_t len = off + chunk <= n ? chunk : n - off;
    assembler.push(line + off, len);
    serve();
    if (idle_each_chunk) {
      assembler.on_idle();
      serve();
    }
    check(assembler.buffered() < ds2::kMaxFrameSize);
    now += std::chrono::seconds(data[2] & 0x0F);
  }
  assembler.on_idle();
  serve();
  check(assembler.idle());
  return 0;
}

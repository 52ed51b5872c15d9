// DigitalIo, clocked every cycle vs gated (skip_idle), on the same 10 simulated seconds: one key
// fob frame and three switch presses with contact bounce, idle otherwise.
// Counters: clock_edges per run, x_realtime (simulated / wall seconds) and, on the skip_idle run,
// wall_ratio_step_over_skip and edge_ratio_step_over_skip against the step run of the same
// process (the step benchmark is registered, and so runs, first).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include <systemc>

#include "model/io/digital_io.h"
#include "systemc_kernel.h"

namespace {

using bcmhil::model::ClockMode;
using bcmhil::model::DigitalIo;
using bcmhil::model::DigitalIoConfig;

constexpr std::uint64_t kUs = 1'000'000;  // ps
constexpr std::uint64_t kMs = 1000 * kUs;
constexpr std::uint64_t kDuration = 10'000 * kMs;

struct Change {
  std::uint64_t time_ps;
  int input;  // 0..15 switches, 16 RF line
  bool value;
};

std::vector<Change> stimulus() {
  std::vector<Change> c;
  // Switch presses at 1, 4 and 7 s, each with a 3 ms bounce, released 400 ms later.
  for (std::uint64_t s : {1000u, 4000u, 7000u}) {
    const std::uint64_t t = s * kMs + 123 * kUs + 456;
    c.push_back({t, 4, true});
    c.push_back({t + 700 * kUs, 4, false});
    c.push_back({t + 1900 * kUs, 4, true});
    c.push_back({t + 2100 * kUs, 4, false});
    c.push_back({t + 3000 * kUs, 4, true});
    c.push_back({t + 400 * kMs, 4, false});
  }
  // One fob frame at 2.5 s in the hw/README.md format.
  const std::uint64_t frame = 0x5A3C'0F1E'2D4Bull;
  std::uint64_t t = 2500 * kMs + 250 * kUs;
  c.push_back({t, 16, true});
  c.push_back({t + 2000 * kUs, 16, false});
  t += 3000 * kUs;
  for (int i = 47; i >= 0; --i) {
    c.push_back({t, 16, true});
    c.push_back({t + (((frame >> i) & 1u) ? 600 : 300) * kUs, 16, false});
    t += 1000 * kUs;
  }
  std::sort(c.begin(), c.end(), [](const Change& a, const Change& b) { return a.time_ps < b.time_ps; });
  return c;
}

SC_MODULE(Bench) {
  DigitalIo io;
  sc_core::sc_vector<sc_core::sc_signal<bool>> switch_raw{"switch_raw", bcmhil::model::DigitalIo::kSwitches};
  sc_core::sc_signal<bool> rf_data{"rf_data"};
  sc_core::sc_vector<sc_core::sc_signal<bool>> switch_debounced{"switch_debounced", bcmhil::model::DigitalIo::kSwitches};
  sc_core::sc_signal<std::uint64_t> rf_frame{"rf_frame"};
  sc_core::sc_signal<std::uint32_t> rf_frame_count{"rf_frame_count"};
  sc_core::sc_signal<std::uint32_t> rf_error_count{"rf_error_count"};
  std::vector<Change> changes = stimulus();

  Bench(sc_core::sc_module_name name, DigitalIoConfig config) : sc_core::sc_module(name), io("io", config) {
    io.switch_raw.bind(switch_raw);
    io.rf_data(rf_data);
    io.switch_debounced.bind(switch_debounced);
    io.rf_frame(rf_frame);
    io.rf_frame_count(rf_frame_count);
    io.rf_error_count(rf_error_count);
    SC_HAS_PROCESS(Bench);
    SC_THREAD(drive);
  }

  void drive() {
    for (const Change& c : changes) {
      wait(sc_core::sc_time::from_value(c.time_ps) - sc_core::sc_time_stamp());
      if (c.input == 16) rf_data.write(c.value);
      else switch_raw[c.input].write(c.value);
    }
  }
};

double g_step_wall_s = 0;
double g_step_edges = 0;

void run(benchmark::State& state, ClockMode mode) {
  std::uint64_t edges = 0;
  double wall_s = 0;
  for (auto _ : state) {
    bcmhil::testing::fresh_systemc_kernel();
    DigitalIoConfig config;
    config.mode = mode;
    Bench bench("bench", config);
    const auto t0 = std::chrono::steady_clock::now();
    sc_core::sc_start(sc_core::sc_time::from_value(kDuration));
    wall_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    edges = bench.io.clock_edges();
    if (bench.rf_frame_count.read() != 1 || bench.rf_frame.read() != 0x5A3C'0F1E'2D4Bull ||
        bench.rf_error_count.read() != 0) {
      state.SkipWithError("the fob frame was not decoded");
      return;
    }
  }
  const double per_run_s = wall_s / static_cast<double>(state.iterations());
  state.counters["clock_edges"] = static_cast<double>(edges);
  state.counters["x_realtime"] = (static_cast<double>(kDuration) * 1e-12) / per_run_s;
  if (mode == ClockMode::step_every_cycle) {
    g_step_wall_s = per_run_s;
    g_step_edges = static_cast<double>(edges);
  } else if (g_step_wall_s > 0) {
    state.counters["wall_ratio_step_over_skip"] = g_step_wall_s / per_run_s;
    state.counters["edge_ratio_step_over_skip"] = g_step_edges / static_cast<double>(edges);
  }
}

void BM_DigitalIo_StepEveryCycle(benchmark::State& state) { run(state, ClockMode::step_every_cycle); }
void BM_DigitalIo_SkipIdle(benchmark::State& state) { run(state, ClockMode::skip_idle); }

// The step run takes seconds: one iteration is the measurement. The skip run is milliseconds:
// let the library repeat it.
BENCHMARK(BM_DigitalIo_StepEveryCycle)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_DigitalIo_SkipIdle)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

// libsystemc wants an sc_main symbol; this program has its own main.
extern "C" int sc_main(int, char**) { return 0; }

int main(int argc, char** argv) {
  setenv("SC_COPYRIGHT_MESSAGE", "DISABLE", 1);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

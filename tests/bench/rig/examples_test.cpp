// Every bench description shipped in bench/rig/examples/ loads: the READMEs' walkthroughs use them
// as written (desk-emulated.yaml and ci-dut.yaml point at the emulator links the walkthroughs start).
#include "bench_config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace bcmhil::rig {
namespace {

std::string examples_dir() {
  const char* d = std::getenv("BCMHIL_SOURCE_DIR");
  return std::string(d ? d : BCMHIL_TEST_SOURCE_DIR) + "/bench/rig/examples";
}

TEST(BenchExamples, EveryShippedExampleLoads) {
  int loaded = 0;
  for (const auto& entry : std::filesystem::directory_iterator(examples_dir())) {
    if (entry.path().extension() != ".yaml") continue;
    EXPECT_NO_THROW(load_bench_config(entry.path().string())) << entry.path();
    ++loaded;
  }
  EXPECT_GE(loaded, 4);
}

TEST(BenchExamples, WalkthroughBenchesUseTheEmulatorLinks) {
  const auto desk = load_bench_config(examples_dir() + "/desk-emulated.yaml");
  EXPECT_EQ(desk.boards.at(0).spec.device, "/tmp/bcmhil-desk");
  EXPECT_EQ(desk.boards.at(0).spec.family, relay::Family::lcus);
  const auto dut = load_bench_config(examples_dir() + "/ci-dut.yaml");
  EXPECT_EQ(dut.boards.at(0).spec.device, "/tmp/bcmhil-io");
  EXPECT_EQ(dut.find("kl30")->kind, WiringKind::supply);
}

}  // namespace
}  // namespace bcmhil::rig

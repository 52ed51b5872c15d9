#include "diagnosis/fork_pool.h"

#include "systemc_kernel.h"

#include <gtest/gtest.h>
#include <systemc>

#include <unistd.h>

#include <set>

namespace bcmhil::diagnosis {
namespace {

TEST(InChild, ReturnsTheChildsBytesAndLeavesTheParentUntouched) {
  int touched = 0;
  const auto bytes = in_child([&] {
    touched = 1;  // the child's copy
    return std::to_string(::getpid());
  });
  EXPECT_EQ(touched, 0);
  EXPECT_NE(bytes, std::to_string(::getpid()));
  EXPECT_FALSE(bytes.empty());
}

TEST(InChild, AnExceptionInTheChildComesBackWithItsMessage) {
  try {
    in_child([]() -> std::string { throw std::invalid_argument("X330.9 is not a measurement point"); });
    FAIL() << "no exception";
  } catch (const ChildFailed& e) {
    EXPECT_STREQ(e.what(), "X330.9 is not a measurement point");
  }
}

TEST(InChild, ACrashedChildIsReportedNotHung) {
  try {
    in_child([]() -> std::string { ::abort(); });
    FAIL() << "no exception";
  } catch (const ChildFailed& e) {
    EXPECT_NE(std::string(e.what()).find("signal 6"), std::string::npos) << e.what();
  }
}

TEST(InChildren, EveryItemOnceWhateverTheParallelism) {
  for (int parallel : {1, 2, 5}) {
    std::multiset<std::size_t> seen;
    in_children(9, parallel, [](std::size_t i) { return std::string(100000 + i, 'x'); },  // bigger than a pipe
                [&](std::size_t i, std::string bytes) {
                  EXPECT_EQ(bytes.size(), 100000 + i);
                  seen.insert(i);
                });
    EXPECT_EQ(seen, (std::multiset<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  }
}

TEST(InChildren, TheFirstFailureStopsThePool) {
  std::size_t finished = 0;
  EXPECT_THROW(in_children(50, 2,
                           [](std::size_t i) -> std::string {
                             if (i == 3) throw std::runtime_error("variant 3");
                             ::usleep(20000);
                             return "ok";
                           },
                           [&](std::size_t, std::string) { ++finished; }),
               ChildFailed);
  EXPECT_LT(finished, 10u);
}

// A counter process, to show a simulation forked after sc_start goes on in the child exactly as
// it would have in the parent (QuickThreads: the coroutines live in the copied address space).
SC_MODULE(Ticker) {
  int ticks = 0;
  double sum = 0;
  SC_CTOR(Ticker) { SC_THREAD(run); }
  void run() {
    for (;;) {
      wait(1, sc_core::SC_MS);
      ++ticks;
      sum += ticks * 0.5 + sc_core::sc_time_stamp().to_seconds();
    }
  }
};

TEST(InChild, ASimulationForkedAfterStartGoesOnInTheChild) {
  testing::fresh_systemc_kernel();
  Ticker ticker("ticker");
  sc_core::sc_start(10, sc_core::SC_MS);
  const auto forked = in_child([&] {
    sc_core::sc_start(25, sc_core::SC_MS);
    return std::to_string(ticker.ticks) + " " + std::to_string(ticker.sum) + " " +
           sc_core::sc_time_stamp().to_string();
  });
  EXPECT_EQ(ticker.ticks, 9);  // the parent stayed where it was (the tick at 10 ms is still due)
  sc_core::sc_start(25, sc_core::SC_MS);
  EXPECT_EQ(forked, std::to_string(ticker.ticks) + " " + std::to_string(ticker.sum) + " " +
                        sc_core::sc_time_stamp().to_string());
  EXPECT_EQ(ticker.ticks, 34);
}

}  // namespace
}  // namespace bcmhil::diagnosis

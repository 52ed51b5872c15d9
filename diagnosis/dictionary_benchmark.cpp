#include "dictionary_benchmark.h"

#include "dictionary_builder.h"
#include "fork_pool.h"
#include "workshop.h"

#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <sstream>

namespace bcmhil::diagnosis {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds so far of this process and of its children that ended.
double cpu_seconds() {
  double total = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage u{};
    getrusage(who, &u);
    total += u.ru_utime.tv_sec + u.ru_utime.tv_usec * 1e-6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec * 1e-6;
  }
  return total;
}

// Times `runs` as one way: wall and CPU.
template <typename F>
Throughput measure(const std::string& way, std::size_t runs, F run_all) {
  const auto start = Clock::now();
  const double cpu = cpu_seconds();
  run_all();
  return {way, runs, seconds_since(start), cpu_seconds() - cpu};
}

// Bit for bit, NaN equal to NaN (an instrument that showed nothing both times).
bool same(const Reading& a, const Reading& b) {
  const bool both_nan = std::isnan(a.raw) && std::isnan(b.raw);
  return a.outcome == b.outcome && (both_nan || a.raw == b.raw);
}

std::string show(const Reading& r) {
  std::ostringstream out;
  out.precision(17);
  out << r.raw << " (class " << r.outcome << ")";
  return out.str();
}

}  // namespace

BenchmarkResult benchmark_throughput(const Catalogue& catalogue, const VariantsFile& variants, std::size_t sample,
                                     const ProcessRun& process_run) {
  BenchmarkResult result;
  result.tests = catalogue.tests.size();
  std::vector<const VariantCar*> cars;
  sample = std::min(std::max<std::size_t>(sample, 1), variants.cars.size());
  for (std::size_t k = 0; k < sample; ++k) {
    cars.push_back(&variants.cars[k * variants.cars.size() / sample]);
    result.variants.push_back(cars.back()->variant.id);
  }
  const std::size_t runs = cars.size() * catalogue.tests.size();
  std::vector<std::vector<Reading>> by_way(3);

  result.ways.push_back(measure("process per run", runs, [&] {
    for (const auto* car : cars)
      for (const auto& test : catalogue.tests) by_way[0].push_back(process_run(*car, test));
  }));
  // Each of the in-process ways in a process of its own, as the builder's variant processes are:
  // kernels left behind by one way (SystemC cannot free them) would slow the other's forks.
  result.ways.push_back(measure("fresh kernel per run", runs, [&] {
    by_way[1] = decode_readings(in_child([&] {
      std::vector<Reading> readings;
      for (const auto* car : cars)
        for (const auto& test : catalogue.tests) readings.push_back(play_test(car_of(*car), test));
      return encode_readings(readings);
    }), runs);
  }));
  result.ways.push_back(measure("fork per test", runs, [&] {
    by_way[2] = decode_readings(in_child([&] {
      std::vector<Reading> readings;
      for (const auto* car : cars)
        for (const auto& r : readings_by_fork(car_of(*car), catalogue.tests)) readings.push_back(r);
      return encode_readings(readings);
    }), runs);
  }));

  for (std::size_t i = 0; i < runs && result.same_readings; ++i) {
    for (int way : {0, 1}) {
      if (same(by_way[way][i], by_way[2][i])) continue;
      result.same_readings = false;
      result.first_difference = "variant " + cars[i / result.tests]->variant.id + ", test " +
                                catalogue.tests[i % result.tests].id + ": " + show(by_way[2][i]) + " by fork, " +
                                show(by_way[way][i]) + " by " + result.ways[way].way;
      break;
    }
  }
  return result;
}

}  // namespace bcmhil::diagnosis

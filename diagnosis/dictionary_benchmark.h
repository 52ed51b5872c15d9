#pragma once
// How many test runs per second three ways of running them give, on the same runs:
// - a process per run: `bcmhil dictionary --play VARIANT --test ID`, start-up, loading the files,
//   elaboration, bringing the car in and the test, every time;
// - a fresh kernel per run in one process (play_test): elaboration and the car's history every time;
// - fork per test (the builder): elaborate and bring in once per variant, fork one child per test.
// The readings of the three must be identical; the result says so (or names the first difference).
#include "catalogue.h"
#include "dictionary.h"
#include "variants.h"

#include <functional>
#include <string>
#include <vector>

namespace bcmhil::diagnosis {

struct Throughput {
  std::string way;
  std::size_t runs = 0;
  double wall_s = 0;
  double cpu_s = 0;  // user + system, this process and its children: steadier than wall on a busy machine
  double runs_per_s() const { return wall_s > 0 ? runs / wall_s : 0; }
  double runs_per_cpu_s() const { return cpu_s > 0 ? runs / cpu_s : 0; }
};

struct BenchmarkResult {
  std::vector<std::string> variants;  // the sample, ids
  std::size_t tests = 0;
  std::vector<Throughput> ways;       // process per run, fresh kernel per run, fork per test
  bool same_readings = true;
  std::string first_difference;       // "variant V, test T: 12.4 (class 2) by fork, 0 (class 0) fresh"
};

// Runs one test on one variant in a new process (the CLI execs itself).
using ProcessRun = std::function<Reading(const VariantCar& car, const CatalogueTest& test)>;

// `sample` variants spread evenly over the file, every test of the catalogue on each.
BenchmarkResult benchmark_throughput(const Catalogue& catalogue, const VariantsFile& variants, std::size_t sample,
                                     const ProcessRun& process_run);

}  // namespace bcmhil::diagnosis

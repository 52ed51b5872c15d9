// bcmhil dictionary: the fault dictionary. Every car of the variants file (the healthy one and
// every fault of the library over its spread) on every test of the catalogue, by simulation,
// written as JSON and/or CSV; in parallel processes (-j), or a shard of it for a cluster
// (--shard, joined by bcmhil merge); from the cache when it has it (--cache). --benchmark
// measures runs per second three ways (a process per run, a fresh kernel per run, fork per test).
#include "command_registry.h"
#include "run_output.h"

#include "bench/output/atomic_file.h"
#include "bench/scaleout/shard.h"
#include "diagnosis/catalogue.h"
#include "diagnosis/dictionary_benchmark.h"
#include "diagnosis/dictionary_builder.h"
#include "diagnosis/dictionary_cache.h"
#include "diagnosis/dictionary_io.h"
#include "diagnosis/fork_pool.h"
#include "diagnosis/variants.h"
#include "diagnosis/workshop.h"

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

namespace bcmhil::cli {

namespace {

using namespace bcmhil::diagnosis;

struct DictionaryArgs {
  std::string json_path;
  std::string csv_path;
  int jobs = 2;
  std::string shard;
  std::string catalogue = shipped_catalogue_path();
  std::string variants = shipped_variants_path();
  bool cache = false;
  bool benchmark = false;
  std::size_t sample = 3;
  std::string play_variant;  // hidden: one test on one variant in this process (the benchmark's process per run)
  std::string play_test;
};

// "dictionary: 40/105 variants (pin_bridge{...}#1)", redrawn on a terminal, every tenth otherwise.
std::function<void(std::size_t, std::size_t, const std::string&)> progress_on_stderr() {
  const bool tty = isatty(STDERR_FILENO);
  return [tty](std::size_t done, std::size_t total, const std::string& variant) {
    if (tty) {
      std::fprintf(stderr, "\r\033[Kdictionary: %zu/%zu variants (%s)%s", done, total, variant.c_str(),
                   done == total ? "\n" : "");
    } else if (done == total || done * 10 / total != (done - 1) * 10 / total) {
      std::fprintf(stderr, "dictionary: %zu/%zu variants\n", done, total);
    }
    std::fflush(stderr);
  };
}

const VariantCar& find_variant(const VariantsFile& variants, const std::string& id) {
  for (const auto& car : variants.cars)
    if (car.variant.id == id) return car;
  throw std::invalid_argument("no variant " + id + " in " + variants.file);
}

// The benchmark's process per run: this executable, once per reading.
Reading run_in_new_process(const DictionaryArgs& args, const VariantCar& car, const CatalogueTest& test) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execl("/proc/self/exe", "bcmhil", "dictionary", "--catalogue", args.catalogue.c_str(), "--variants",
            args.variants.c_str(), "--play", car.variant.id.c_str(), "--test", test.id.c_str(), nullptr);
    _exit(127);
  }
  ::close(fds[1]);
  std::string out;
  char buffer[256];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  Reading r;
  char raw[64] = {0};
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || std::sscanf(out.c_str(), "%63s %d", raw, &r.outcome) != 2)
    throw std::runtime_error("bcmhil dictionary --play " + car.variant.id + " --test " + test.id + " failed");
  r.raw = std::strtod(raw, nullptr);  // "%a" text: exact, "nan" included
  return r;
}

int play(const DictionaryArgs& args, const Catalogue& catalogue, const VariantsFile& variants) {
  const auto* test = catalogue.find(args.play_test);
  if (!test) throw std::invalid_argument("no test " + args.play_test + " in " + catalogue.file);
  const auto r = play_test(car_of(find_variant(variants, args.play_variant)), *test);
  std::printf("%a %d\n", r.raw, r.outcome);
  return 0;
}

int benchmark(const DictionaryArgs& args, const Catalogue& catalogue, const VariantsFile& variants) {
  const auto result = benchmark_throughput(catalogue, variants, args.sample, [&](const VariantCar& car, const CatalogueTest& t) {
    return run_in_new_process(args, car, t);
  });
  std::printf("%zu variants x %zu tests, the same runs three ways:\n", result.variants.size(), result.tests);
  for (const auto& w : result.ways)
    std::printf("  %-22s %5zu runs in %7.3f s wall (%6.1f runs/s), %7.3f s CPU (%6.1f runs per CPU-s)\n", w.way.c_str(),
                w.runs, w.wall_s, w.runs_per_s(), w.cpu_s, w.runs_per_cpu_s());
  const auto& fork = result.ways[2];
  std::printf("fork per test, per CPU-s: %.1fx a process per run, %.1fx a fresh kernel per run\n",
              fork.runs_per_cpu_s() / result.ways[0].runs_per_cpu_s(),
              fork.runs_per_cpu_s() / result.ways[1].runs_per_cpu_s());
  if (!result.same_readings) {
    std::printf("readings DIFFER: %s\n", result.first_difference.c_str());
    return 1;
  }
  std::printf("readings identical all three ways\n");
  return 0;
}

int build(const DictionaryArgs& args, const Catalogue& catalogue, const VariantsFile& variants) {
  BuildOptions options;
  options.jobs = args.jobs;
  options.shard = scaleout::shard_option(args.shard);
  options.progress = progress_on_stderr();
  const auto start = std::chrono::steady_clock::now();
  bool built = true;
  const auto d = args.cache ? load_or_build_dictionary(catalogue, variants, options, &built)
                            : build_dictionary(catalogue, variants, options);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (args.cache) std::fprintf(stderr, "dictionary: %s %s\n", built ? "built into" : "from", cached_dictionary_path(catalogue, variants).c_str());
  if (built)
    std::fprintf(stderr, "dictionary: %zu variants x %zu tests in %.1f s (-j %d%s%s)\n", d.variants.size(), d.tests.size(),
                 wall, args.jobs, options.shard.whole() ? "" : ", shard ", options.shard.whole() ? "" : options.shard.label().c_str());
  bool written = true;
  const std::string json = dictionary_json(d);
  if (!args.json_path.empty()) written &= write_output("dictionary", args.json_path, [&](std::ostream& o) { o << json; });
  if (!args.csv_path.empty())
    written &= write_output("dictionary", args.csv_path, [&](std::ostream& o) { o << dictionary_csv(d); });
  if (args.json_path.empty() && args.csv_path.empty() && !args.cache) std::cout << json;
  return written ? 0 : 3;
}

int dictionary(const DictionaryArgs& args) {
  try {
    const auto catalogue = load_catalogue(args.catalogue);
    const auto variants = load_variants(args.variants);
    if (!args.play_variant.empty()) return play(args, catalogue, variants);
    if (args.benchmark) return benchmark(args, catalogue, variants);
    return build(args, catalogue, variants);
  } catch (const CatalogueError& e) {
    std::cerr << "bcmhil dictionary: " << e.what() << "\n";
    return 2;
  } catch (const VariantsError& e) {
    std::cerr << "bcmhil dictionary: " << e.what() << "\n";
    return 2;
  } catch (const scaleout::ShardError& e) {
    std::cerr << "bcmhil dictionary: " << e.what() << "\n";
    return 2;
  } catch (const std::invalid_argument& e) {
    std::cerr << "bcmhil dictionary: " << e.what() << "\n";
    return 2;
  } catch (const ChildRejectedInput& e) {  // a fault the model rejects, a test it cannot answer
    std::cerr << "bcmhil dictionary: " << e.what() << "\n";
    return 2;
  } catch (const output::OutputError& e) {
    std::cerr << "bcmhil dictionary: " << e.what() << "\n";
    return 3;
  } catch (const std::exception& e) {  // a variant's model failed (ChildFailed names variant and test)
    std::cerr << "bcmhil dictionary: " << e.what() << "\n";
    return 1;
  }
}

void add(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<DictionaryArgs>();
  auto* cmd = app.add_subcommand("dictionary",
                                 "Simulate every fault variant on every catalogue test: the fault dictionary (JSON, CSV)");
  cmd->add_option("-o,--json", args->json_path, "write the dictionary as JSON here (default: to stdout unless --csv or --cache)");
  cmd->add_option("--csv", args->csv_path, "write it as CSV here: one row per variant and test");
  cmd->add_option("-j,--jobs", args->jobs, "variants simulated at once (processes)")->check(CLI::Range(1, 64))->capture_default_str();
  cmd->add_option("--shard", args->shard,
                  "build only shard I of N (1-based, \"I/N\"), or \"auto\": from SLURM_ARRAY_TASK_ID/COUNT or\n"
                  "CI_NODE_INDEX/TOTAL; bcmhil merge joins the parts into the whole");
  cmd->add_option("--catalogue", args->catalogue, "the test catalogue (default: the shipped one)");
  cmd->add_option("--variants", args->variants, "the variants file (default: the shipped one)");
  cmd->add_flag("--cache", args->cache,
                "take the dictionary from the cache, or build it into the cache ($BCMHIL_DICTIONARY_CACHE,\n"
                "else $XDG_CACHE_HOME/bcmhil, else ~/.cache/bcmhil), keyed by model version, catalogue and variants");
  cmd->add_flag("--benchmark", args->benchmark,
                "measure runs per second three ways on the same runs: a process per run, a fresh kernel\n"
                "per run, fork per test; check their readings are identical");
  cmd->add_option("--sample", args->sample, "variants the benchmark runs (spread over the file), every test on each")
      ->check(CLI::Range(1, 1000))->capture_default_str();
  cmd->add_option("--play", args->play_variant, "")->group("");  // the benchmark's process per run
  cmd->add_option("--test", args->play_test, "")->group("");
  cmd->footer(
      "Exit status: 0 written, 1 a variant could not be simulated (named, with the test), 2 invalid input\n"
      "(file:line:col; also a fault the model rejects), 3 an output file could not be written (none is left half written).");
  cmd->callback([args, exit_code] { *exit_code = dictionary(*args); });
}

const bool registered = register_command({"dictionary", 25, &add});

}  // namespace
}  // namespace bcmhil::cli

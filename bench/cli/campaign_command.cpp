// bcmhil campaign [files or folders] -j N: many scenarios, each in its own process (SystemC
// elaborates once per process, and a crash in one scenario must not take the others down),
// N at a time, with a progress line, one JUnit file and a summary table.
#include "command_registry.h"

#include "bench/report/junit_report.h"

#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace bcmhil::cli {

namespace {

namespace fs = std::filesystem;

struct CampaignArgs {
  std::vector<std::string> inputs;
  int jobs = 2;
  std::string junit;
  std::string json;
  std::string clock = "skip";
  bool allow_empty = false;
};

struct Job {
  std::string scenario;
  fs::path result_json;
  fs::path log;
  pid_t pid = -1;
  int status = -1;  // bcmhil run's exit status; -1 not run, 128+n killed by signal n
  double wall_s = 0;
  std::chrono::steady_clock::time_point started;
};

std::vector<std::string> collect(const std::vector<std::string>& inputs, std::string& error) {
  std::vector<std::string> files;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      std::vector<std::string> found;
      for (const auto& e : fs::recursive_directory_iterator(in))
        if (e.is_regular_file() && e.path().extension() == ".yaml") found.push_back(e.path().string());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(in, ec)) {
      files.push_back(in);
    } else {
      error = in + ": no such scenario file or folder";
      return {};
    }
  }
  return files;
}

pid_t launch(const Job& job, const std::string& clock, bool allow_empty) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  // Child: bcmhil run, its chatter to a log file; the JSON result is what the parent reads.
  FILE* log = std::fopen(job.log.c_str(), "w");
  if (log) {
    dup2(fileno(log), STDOUT_FILENO);
    dup2(fileno(log), STDERR_FILENO);
  }
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  execl(self.c_str(), self.c_str(), "run", job.scenario.c_str(), "--json", job.result_json.c_str(), "--clock",
        clock.c_str(), allow_empty ? "--allow-empty" : static_cast<char*>(nullptr), static_cast<char*>(nullptr));
  _exit(127);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_junit(std::ostream& out, const std::vector<Job>& jobs) {
  using report::xml_escape;
  int tests = 0, failures = 0, errors = 0;
  std::vector<nlohmann::json> results(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    try {
      results[i] = nlohmann::json::parse(slurp(jobs[i].result_json));
    } catch (const std::exception&) {
      results[i] = nullptr;
    }
    if (results[i].is_null()) {
      ++tests, ++errors;
      continue;
    }
    ++tests;  // the scenario as a whole
    failures += results[i]["verdict"] == "pass" ? 0 : 1;
    for (const auto& e : results[i]["expectations"]) {
      ++tests;
      failures += e["passed"].get<bool>() ? 0 : 1;
    }
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"bcmhil campaign\" tests=\"" << tests
      << "\" failures=\"" << failures << "\" errors=\"" << errors << "\">\n";
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const auto& job = jobs[i];
    const auto& r = results[i];
    char time[32];
    std::snprintf(time, sizeof time, "%.3f", job.wall_s);
    if (r.is_null()) {
      // Invalid scenario or a crash: what the run said is the message.
      out << "  <testsuite name=\"" << xml_escape(job.scenario) << "\" tests=\"1\" errors=\"1\" time=\"" << time
          << "\">\n    <testcase classname=\"" << xml_escape(job.scenario) << "\" name=\"scenario runs\">\n"
          << "      <error message=\"bcmhil run exited " << job.status << "\">" << xml_escape(slurp(job.log))
          << "</error>\n    </testcase>\n  </testsuite>\n";
      continue;
    }
    const std::string name = r["scenario"].get<std::string>();
    out << "  <testsuite name=\"" << xml_escape(name) << "\" tests=\"" << r["expectations"].size() + 1
        << "\" time=\"" << time << "\" file=\"" << xml_escape(job.scenario) << "\">\n";
    out << "    <testcase classname=\"" << xml_escape(name) << "\" name=\"scenario verdict\" time=\"" << time << "\"";
    if (r["verdict"] == "pass") out << "/>\n";
    else out << ">\n      <failure message=\"some expectations failed\"/>\n    </testcase>\n";
    for (const auto& e : r["expectations"]) {
      out << "    <testcase classname=\"" << xml_escape(name) << "\" name=\"" << xml_escape(e["name"].get<std::string>())
          << "\"";
      if (e["passed"].get<bool>()) {
        out << "/>\n";
      } else {
        out << ">\n      <failure message=\""
            << xml_escape("observed " + e["observed"].get<std::string>() + ", expected " + e["expected"].get<std::string>())
            << "\">" << xml_escape(e["source"].get<std::string>()) << "</failure>\n    </testcase>\n";
      }
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

int campaign(const CampaignArgs& args) {
  std::string error;
  const auto files = collect(args.inputs.empty() ? std::vector<std::string>{BCMHIL_SCENARIO_DIR} : args.inputs, error);
  if (!error.empty() || files.empty()) {
    std::cerr << "bcmhil campaign: " << (error.empty() ? "no scenario files found" : error) << "\n";
    return 2;
  }
  char tmpl[] = "/tmp/bcmhil-campaign-XXXXXX";
  if (!mkdtemp(tmpl)) {
    std::cerr << "bcmhil campaign: cannot create a work folder in /tmp\n";
    return 3;
  }
  const fs::path work = tmpl;
  std::vector<Job> jobs(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    jobs[i].scenario = files[i];
    jobs[i].result_json = work / (std::to_string(i) + ".json");
    jobs[i].log = work / (std::to_string(i) + ".log");
  }

  const bool tty = isatty(STDERR_FILENO);
  std::size_t next = 0, running = 0, finished = 0;
  std::map<pid_t, std::size_t> by_pid;
  const auto start = std::chrono::steady_clock::now();
  while (finished < jobs.size()) {
    while (running < static_cast<std::size_t>(args.jobs) && next < jobs.size()) {
      auto& job = jobs[next];
      job.started = std::chrono::steady_clock::now();
      job.pid = launch(job, args.clock, args.allow_empty);
      by_pid[job.pid] = next++;
      ++running;
    }
    int raw = 0;
    const pid_t pid = waitpid(-1, &raw, 0);
    if (pid < 0) break;
    auto& job = jobs[by_pid.at(pid)];
    job.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    job.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - job.started).count();
    --running, ++finished;
    const char* word = job.status == 0 ? "pass" : job.status == 1 ? "FAIL" : "ERROR";
    if (tty)
      std::fprintf(stderr, "\r\033[K[%zu/%zu] %s %s", finished, jobs.size(), word, job.scenario.c_str());
    else
      std::fprintf(stderr, "[%zu/%zu] %s %s\n", finished, jobs.size(), word, job.scenario.c_str());
  }
  if (tty) std::fprintf(stderr, "\r\033[K");
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // Summary table.
  int passed = 0, failed = 0, errors = 0;
  std::printf("%-6s  %-36s  %8s  %9s  %s\n", "result", "scenario", "sim s", "wall s", "expectations");
  nlohmann::json summary = nlohmann::json::array();
  for (const auto& job : jobs) {
    nlohmann::json r;
    try {
      r = nlohmann::json::parse(slurp(job.result_json));
    } catch (const std::exception&) {
    }
    const bool ran = !r.is_null() && r.contains("verdict");
    const char* word = job.status == 0 ? "pass" : (job.status == 1 && ran) ? "FAIL" : "ERROR";
    (job.status == 0 ? passed : (job.status == 1 && ran) ? failed : errors)++;
    int held = 0, total_e = 0;
    if (ran)
      for (const auto& e : r["expectations"]) ++total_e, held += e["passed"].get<bool>() ? 1 : 0;
    std::printf("%-6s  %-36s  %8.1f  %9.3f  %d/%d\n", word, fs::path(job.scenario).filename().c_str(),
                ran ? r["sim_time_s"].get<double>() : 0.0, job.wall_s, held, total_e);
    if (!ran) {
      // Show why: the first lines the run printed (e.g. file:line:column of an invalid scenario).
      std::istringstream log(slurp(job.log));
      std::string line;
      for (int n = 0; n < 3 && std::getline(log, line); ++n) std::printf("        %s\n", line.c_str());
    }
    summary.push_back({{"scenario", job.scenario}, {"status", job.status}, {"result", ran ? r : nlohmann::json()}});
  }
  std::printf("%d passed, %d failed, %d errors; %zu scenarios in %.1f s with -j %d\n", passed, failed, errors,
              jobs.size(), total, args.jobs);

  bool written = true;
  if (!args.junit.empty()) {
    std::ofstream out(args.junit);
    if (out) write_junit(out, jobs);
    else std::cerr << "bcmhil campaign: cannot write " << args.junit << "\n", written = false;
  }
  if (!args.json.empty()) {
    std::ofstream out(args.json);
    if (out) out << summary.dump(2) << "\n";
    else std::cerr << "bcmhil campaign: cannot write " << args.json << "\n", written = false;
  }
  fs::remove_all(work);
  if (errors > 0) return 2;
  if (failed > 0) return 1;
  return written ? 0 : 3;
}

void add(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<CampaignArgs>();
  auto* cmd = app.add_subcommand("campaign", "Run many scenarios in parallel processes; one JUnit file, a summary table");
  cmd->add_option("scenarios", args->inputs, "scenario files or folders (searched recursively); default: the shipped ones");
  cmd->add_option("-j,--jobs", args->jobs, "scenarios run at once")->check(CLI::Range(1, 64))->capture_default_str();
  cmd->add_option("--junit", args->junit, "write JUnit XML: a test case per scenario and per expectation");
  cmd->add_option("--json", args->json, "write every scenario's result as one JSON array");
  cmd->add_option("--clock", args->clock, "skip (default) or step, as for bcmhil run")->check(CLI::IsMember({"skip", "step"}));
  cmd->add_flag("--allow-empty", args->allow_empty, "as for bcmhil run: run scenarios that have no expectations");
  cmd->footer("Exit status: 0 all passed, 1 some expectation failed, 2 some scenario was invalid or crashed, 3 an output file could not be written.");
  cmd->callback([args, exit_code] { *exit_code = campaign(*args); });
}

const bool registered = register_command({"campaign", 20, &add});

}  // namespace
}  // namespace bcmhil::cli

// bcmhil campaign [files or folders] -j N: many scenarios, each in its own process (SystemC
// elaborates once per process, and a crash in one scenario must not take the others down),
// N at a time, with a progress line, a summary table, and on request one JUnit file, one JSON
// file and a folder of HTML reports with an index. Ctrl-C / SIGTERM and --timeout are handled by
// child_pool.h; every file written goes through output::write_file (whole or not at all).
// --shard I/N (or auto: Slurm array, CI matrix) runs one machine's share of the scenarios and
// writes JSON and JUnit parts that `bcmhil merge` joins (bench/scaleout/campaign_part.h).
#include "child_pool.h"
#include "command_registry.h"
#include "run_output.h"

#include "bench/output/utf8.h"
#include "bench/report/campaign_index.h"
#include "bench/report/junit_report.h"
#include "bench/report/provenance.h"
#include "bench/scaleout/campaign_part.h"
#include "bench/scaleout/shard.h"

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>

namespace bcmhil::cli {

namespace {

namespace fs = std::filesystem;

struct CampaignArgs {
  std::vector<std::string> inputs;
  int jobs = 2;
  std::string junit;
  std::string json;
  std::string report_dir;
  double timeout_s = 0;
  std::string clock = "skip";
  bool allow_empty = false;
  std::string shard;  // "" (the whole campaign), "I/N" or "auto"
};

// One scenario of the campaign: where its files go, then what became of it.
struct Job {
  std::string scenario;
  std::size_t position = 0;  // in the whole campaign, when only a shard of it runs
  fs::path result_json;  // in the work folder
  fs::path log;          // in the work folder
  fs::path html;         // in the work folder, copied into the report folder afterwards
  std::string report_name;  // its file name in the report folder
  ChildOutcome outcome;
  nlohmann::json result;  // bcmhil run's --json, null when there is none
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

// The private folder for the children's results and logs; removed on every way out.
class WorkFolder {
 public:
  WorkFolder() {
    std::string pattern = (fs::temp_directory_path() / "bcmhil-campaign-XXXXXX").string();
    if (::mkdtemp(pattern.data())) path_ = pattern;
  }
  ~WorkFolder() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// "flooded-bcm-hatch.html"; a second scenario with the same file name (another folder) gets "-2".
std::string unique_report_name(const std::string& scenario, std::set<std::string>& taken) {
  std::string stem = fs::path(scenario).stem().string();
  for (auto& c : stem)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  std::string name = stem + ".html";
  for (int n = 2; taken.count(name) || name == "index.html"; ++n) name = stem + "-" + std::to_string(n) + ".html";
  taken.insert(name);
  return name;
}

std::vector<Job> plan(const std::vector<std::string>& files, const scaleout::Shard& shard, const fs::path& work) {
  const auto owned = shard.owned(files.size());
  std::vector<Job> jobs(owned.size());
  std::set<std::string> taken;
  for (std::size_t i = 0; i < owned.size(); ++i) {
    jobs[i].position = owned[i];
    jobs[i].scenario = files[owned[i]];
    jobs[i].result_json = work / (std::to_string(i) + ".json");
    jobs[i].log = work / (std::to_string(i) + ".log");
    jobs[i].html = work / (std::to_string(i) + ".html");
    jobs[i].report_name = unique_report_name(jobs[i].scenario, taken);
  }
  return jobs;
}

ChildJob child_for(const Job& job, const CampaignArgs& args, const std::string& self) {
  ChildJob c{{self, "run", "-q", job.scenario, "--json", job.result_json.string(), "--clock", args.clock}, job.log.string()};
  if (!args.report_dir.empty()) c.argv.insert(c.argv.end(), {"--report", job.html.string()});
  if (args.allow_empty) c.argv.push_back("--allow-empty");
  return c;
}

// What the summary, the JUnit file and the index call each outcome.
std::string verdict_of(const Job& job) {
  switch (job.outcome.end) {
    case ChildOutcome::End::not_started: return "NOT RUN";
    case ChildOutcome::End::timed_out: return "TIMEOUT";
    case ChildOutcome::End::interrupted: return "INTERRUPTED";
    case ChildOutcome::End::signalled: return "ERROR";
    case ChildOutcome::End::exited: break;
  }
  if (job.result.is_object() && job.outcome.code == 0) return "pass";
  if (job.result.is_object() && job.outcome.code == 1) return "FAIL";
  return "ERROR";
}

// The first lines the run printed (e.g. file:line:column of an invalid scenario).
std::string first_lines(const fs::path& log, int count) {
  std::istringstream in(slurp(log));
  std::string line, text;
  for (int n = 0; n < count && std::getline(in, line); ++n) text += (text.empty() ? "" : "\n") + line;
  return text;
}

std::string why_no_verdict(const Job& job, double timeout_s) {
  char text[128];
  switch (job.outcome.end) {
    case ChildOutcome::End::timed_out:
      std::snprintf(text, sizeof text, "timed out after %.1f s (limit %g s), stopped", job.outcome.wall_s, timeout_s);
      return text;
    case ChildOutcome::End::interrupted:
      return std::string("interrupted by ") + strsignal(job.outcome.code) + " sent to the campaign";
    case ChildOutcome::End::signalled: return std::string("bcmhil run died: ") + strsignal(job.outcome.code);
    case ChildOutcome::End::not_started: return "not run: the campaign was interrupted";
    case ChildOutcome::End::exited: break;
  }
  std::string log = first_lines(job.log, 3);
  return log.empty() ? "bcmhil run exited " + std::to_string(job.outcome.code) : log;
}

report::JunitSuite suite_from(const Job& job, const std::string& hostname, double timeout_s) {
  const std::string timestamp = report::iso8601_utc(job.outcome.started);
  const std::string verdict = verdict_of(job);
  if (verdict != "pass" && verdict != "FAIL") {
    const std::string type = verdict == "TIMEOUT"       ? "timeout"
                             : verdict == "INTERRUPTED" ? "interrupted"
                             : job.outcome.code == 2    ? "invalid_scenario"
                             : job.outcome.code == 3    ? "output_error"
                                                        : "crashed";
    return report::junit_error_suite(job.scenario, type, why_no_verdict(job, timeout_s), slurp(job.log), job.outcome.wall_s,
                                     timestamp, hostname);
  }
  const auto& r = job.result;
  report::JunitSuite suite{r["scenario"].get<std::string>(), job.scenario, timestamp, hostname, job.outcome.wall_s, {}};
  report::JunitCase runs;
  runs.name = "scenario runs";
  runs.time_s = job.outcome.wall_s;
  runs.file = job.scenario;
  suite.cases.push_back(runs);
  for (const auto& e : r["expectations"]) {
    report::JunitCase c;
    c.name = e["name"].get<std::string>();
    c.file = job.scenario;
    c.line = e.value("line", 0);
    if (!e["passed"].get<bool>()) {
      c.outcome = report::JunitCase::Outcome::failure;
      c.type = e["check"].get<std::string>();
      c.message = "observed " + e["observed"].get<std::string>() + ", expected " + e["expected"].get<std::string>();
      c.text = e["source"].get<std::string>() + ": " + e["signal"].get<std::string>();
    }
    suite.cases.push_back(c);
  }
  return suite;
}

void read_results(std::vector<Job>& jobs) {
  for (auto& job : jobs) {
    if (job.outcome.end != ChildOutcome::End::exited) continue;
    try {
      job.result = nlohmann::json::parse(slurp(job.result_json));
    } catch (const std::exception&) {
      job.result = nullptr;
    }
  }
}

struct Tally {
  int passed = 0, failed = 0, errors = 0;
};

Tally print_summary(const std::vector<Job>& jobs, const CampaignArgs& args, double total_s) {
  Tally t;
  std::printf("%-11s  %-36s  %8s  %9s  %s\n", "result", "scenario", "sim s", "wall s", "expectations");
  for (const auto& job : jobs) {
    const std::string word = verdict_of(job);
    (word == "pass" ? t.passed : word == "FAIL" ? t.failed : t.errors)++;
    const bool ran = word == "pass" || word == "FAIL";
    int held = 0, total = 0;
    if (ran)
      for (const auto& e : job.result["expectations"]) ++total, held += e["passed"].get<bool>() ? 1 : 0;
    std::printf("%-11s  %-36s  %8.1f  %9.3f  %d/%d\n", word.c_str(), fs::path(job.scenario).filename().c_str(),
                ran ? job.result["sim_time_s"].get<double>() : 0.0, job.outcome.wall_s, held, total);
    if (!ran) {
      std::istringstream why(why_no_verdict(job, args.timeout_s));
      for (std::string line; std::getline(why, line);) std::printf("             %s\n", line.c_str());
    }
  }
  std::printf("%d passed, %d failed, %d errors; %zu scenarios in %.1f s with -j %d\n", t.passed, t.failed, t.errors,
              jobs.size(), total_s, args.jobs);
  return t;
}

nlohmann::json summary_json(const std::vector<Job>& jobs) {
  nlohmann::json summary = nlohmann::json::array();
  for (const auto& job : jobs)
    summary.push_back({{"scenario", output::to_valid_utf8(job.scenario)},
                       {"verdict", verdict_of(job)},
                       {"status", job.outcome.end == ChildOutcome::End::exited ? job.outcome.code : -1},
                       {"wall_s", job.outcome.wall_s},
                       {"result", job.result.is_object() ? job.result : nlohmann::json()}});
  return summary;
}

// Each run's report copied into the folder (atomically), then the index linking them.
bool write_reports(const std::vector<Job>& jobs, const std::string& dir) {
  bool written = true;
  std::vector<report::IndexRow> rows;
  for (const auto& job : jobs) {
    report::IndexRow row;
    row.scenario_file = job.scenario;
    row.verdict = verdict_of(job);
    row.wall_s = job.outcome.wall_s;
    const bool ran = row.verdict == "pass" || row.verdict == "FAIL";
    row.name = ran ? job.result["scenario"].get<std::string>() : job.scenario;
    if (ran) {
      for (const auto& e : job.result["expectations"]) ++row.expectations, row.held += e["passed"].get<bool>() ? 1 : 0;
    } else {
      row.note = first_lines(job.log, 1);
      if (row.note.empty()) row.note = row.verdict;
    }
    if (fs::exists(job.html)) {
      const std::string page = slurp(job.html);
      if (write_output("campaign", (fs::path(dir) / job.report_name).string(), [&](std::ostream& o) { o << page; }))
        row.report_href = job.report_name;
      else
        written = false;
    }
    rows.push_back(row);
  }
  const auto now = std::chrono::system_clock::now();
  written &= write_output("campaign", (fs::path(dir) / "index.html").string(),
                          [&](std::ostream& o) { report::write_campaign_index(o, rows, now); });
  return written;
}

// `part`: where this shard's runs sit in the whole campaign; null when the whole campaign ran.
bool write_files(const std::vector<Job>& jobs, const CampaignArgs& args, const scaleout::CampaignPlace* part) {
  bool written = true;
  if (!args.junit.empty()) {
    std::vector<report::JunitSuite> suites;
    std::vector<std::size_t> positions;
    const std::string host = report::host_name();
    for (const auto& job : jobs)
      if (job.outcome.end != ChildOutcome::End::not_started)
        suites.push_back(suite_from(job, host, args.timeout_s)), positions.push_back(job.position);
    written &= write_output("campaign", args.junit, [&](std::ostream& o) {
      if (part) scaleout::write_junit_part(o, *part, positions, suites);
      else report::write_junit(o, "bcmhil campaign", suites);
    });
  }
  if (!args.json.empty()) {
    std::vector<std::size_t> positions;
    for (const auto& job : jobs) positions.push_back(job.position);
    const auto json = part ? scaleout::json_part(*part, positions, summary_json(jobs)) : summary_json(jobs);
    written &= write_output("campaign", args.json, [&](std::ostream& o) { o << json.dump(2) << "\n"; });
  }
  if (!args.report_dir.empty()) written &= write_reports(jobs, args.report_dir);
  return written;
}

void print_progress(const Job& job, std::size_t finished, std::size_t total, bool tty) {
  const char* word = job.outcome.end == ChildOutcome::End::timed_out     ? "TIMEOUT"
                     : job.outcome.end == ChildOutcome::End::interrupted ? "INTERRUPTED"
                     : job.outcome.end != ChildOutcome::End::exited      ? "ERROR"
                     : job.outcome.code == 0                             ? "pass"
                     : job.outcome.code == 1                             ? "FAIL"
                                                                         : "ERROR";
  if (tty) std::fprintf(stderr, "\r\033[K[%zu/%zu] %s %s", finished, total, word, job.scenario.c_str());
  else std::fprintf(stderr, "[%zu/%zu] %s %s\n", finished, total, word, job.scenario.c_str());
}

// The share of the campaign this machine runs, and the place a sharded run records in its parts.
std::optional<scaleout::CampaignPlace> place_of(const CampaignArgs& args, const std::vector<std::string>& files) {
  if (args.shard.empty()) return std::nullopt;
  char timeout[32];
  std::snprintf(timeout, sizeof timeout, "%.17g", args.timeout_s);
  const std::vector<std::string> settings{"clock=" + args.clock, std::string("timeout=") + timeout,
                                          std::string("allow_empty=") + (args.allow_empty ? "yes" : "no")};
  return scaleout::CampaignPlace{scaleout::campaign_key(files, settings), scaleout::shard_option(args.shard),
                                 files.size()};
}

int campaign(const CampaignArgs& args) {
  std::string error;
  const auto files = collect(args.inputs.empty() ? std::vector<std::string>{BCMHIL_SCENARIO_DIR} : args.inputs, error);
  if (!error.empty() || files.empty()) {
    std::cerr << "bcmhil campaign: " << (error.empty() ? "no scenario files found" : error) << "\n";
    return 2;
  }
  std::optional<scaleout::CampaignPlace> part;
  try {
    part = place_of(args, files);
  } catch (const scaleout::ShardError& e) {
    std::cerr << "bcmhil campaign: " << e.what() << "\n";
    return 2;
  }
  const scaleout::Shard shard = part ? part->shard : scaleout::Shard{};
  if (part)
    std::fprintf(stderr, "shard %s: %zu of %zu scenarios\n", shard.label().c_str(), shard.owned(files.size()).size(),
                 files.size());
  std::error_code ec;
  if (!args.report_dir.empty() && (fs::create_directories(args.report_dir, ec), ec)) {
    std::cerr << "bcmhil campaign: cannot write " << args.report_dir << ": " << ec.message() << "\n";
    return 3;
  }
  SignalScope signals;  // before the work folder exists: a signal now still lets it be removed
  const WorkFolder work;
  if (work.path().empty()) {
    std::cerr << "bcmhil campaign: cannot create a work folder in " << fs::temp_directory_path(ec) << "\n";
    return 3;
  }
  auto jobs = plan(files, shard, work.path());
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  std::vector<ChildJob> children;
  for (const auto& job : jobs) children.push_back(child_for(job, args, self));

  const bool tty = isatty(STDERR_FILENO);
  std::size_t finished = 0;
  PoolOptions options;
  options.parallel = args.jobs;
  options.timeout_s = args.timeout_s;
  options.on_finish = [&](std::size_t i, const ChildOutcome& outcome) {
    jobs[i].outcome = outcome;
    print_progress(jobs[i], ++finished, jobs.size(), tty);
  };
  const auto start = std::chrono::steady_clock::now();
  const PoolResult pool = run_children(children, options, signals);
  if (tty) std::fprintf(stderr, "\r\033[K");
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  read_results(jobs);
  const Tally tally = print_summary(jobs, args, total);
  const bool written = write_files(jobs, args, part ? &*part : nullptr);
  std::fflush(stdout);
  if (const int sig = pool.interrupted_by ? pool.interrupted_by : signals.take_pending()) {
    std::fprintf(stderr, "bcmhil campaign: stopped by %s; every child ended, work folder removed\n", strsignal(sig));
    return 128 + sig;
  }
  if (!written) return 3;
  if (tally.errors > 0) return 2;
  return tally.failed > 0 ? 1 : 0;
}

void add(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<CampaignArgs>();
  auto* cmd = app.add_subcommand("campaign", "Run many scenarios in parallel processes; one JUnit file, a summary table");
  cmd->add_option("scenarios", args->inputs, "scenario files or folders (searched recursively); default: the shipped ones");
  cmd->add_option("-j,--jobs", args->jobs, "scenarios run at once")->check(CLI::Range(1, 64))->capture_default_str();
  cmd->add_option("--junit", args->junit, "write JUnit XML: a suite per scenario, a test case per expectation");
  cmd->add_option("--json", args->json, "write every scenario's result as one JSON array");
  cmd->add_option("--report", args->report_dir,
                  "write each scenario's HTML report into this folder (made if missing)\nand index.html linking them");
  cmd->add_option("--timeout", args->timeout_s,
                  "stop a scenario still running after SECONDS (SIGTERM, then SIGKILL 2 s\nlater): an error in the "
                  "summary and the JUnit file. Default: no limit")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--clock", args->clock, "skip (default) or step, as for bcmhil run")->check(CLI::IsMember({"skip", "step"}));
  cmd->add_flag("--allow-empty", args->allow_empty, "as for bcmhil run: run scenarios that have no expectations");
  cmd->add_option("--shard", args->shard,
                  "run only shard I of N (1-based: 1/4 .. 4/4; scenario k, counted from 0 in\n"
                  "the whole campaign's order, belongs to shard k % N + 1), or auto: from a Slurm\n"
                  "array task (SLURM_ARRAY_TASK_ID/_MIN/_STEP/_COUNT) or a CI matrix node\n"
                  "(CI_NODE_INDEX/CI_NODE_TOTAL). --json and --junit then write parts that\n"
                  "bcmhil merge joins into what one machine writes")
      ->type_name("I/N|auto");
  cmd->footer(
      "Exit status: 0 all passed, 1 some expectation failed, 2 some scenario was invalid, crashed or timed out,\n"
      "3 an output file could not be written (named; none is left half written), 128+N stopped by signal N.\n"
      "Ctrl-C or SIGTERM is passed on to the running scenarios; the campaign waits for them, writes what\n"
      "finished, removes its work folder and exits 128+N.");
  cmd->callback([args, exit_code] { *exit_code = campaign(*args); });
}

const bool registered = register_command({"campaign", 20, &add});

}  // namespace
}  // namespace bcmhil::cli

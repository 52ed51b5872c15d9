// bcmhil train: the training server. Students open its page, get a car of their own with a hidden
// fault drawn from an exercise (a supervised `bcmhil train-session` child each), measure, and
// submit a diagnosis; the instructor sees and exports the class's attempts. Loopback only unless
// --listen says otherwise. Server: training/server (README there).
#include "command_registry.h"

#include "diagnosis/catalogue.h"
#include "diagnosis/dictionary_cache.h"
#include "diagnosis/variants.h"
#include "training/exercise/exercise_parser.h"
#include "training/records/class_export.h"
#include "training/server/load_generator.h"
#include "training/server/secrets.h"
#include "training/server/train_server.h"

#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

namespace bcmhil::cli {

namespace {

namespace fs = std::filesystem;
namespace ts = bcmhil::training::server;

struct TrainArgs {
  std::string listen = "127.0.0.1:8080";
  std::string class_dir = "bcmhil-class";
  std::string exercises = training::shipped_exercises_dir();
  std::string web = std::string(BCMHIL_TRAINING_DIR) + "/web";
  std::string instructor_key;
  std::size_t max_sessions = 64;
  int idle_minutes = 30;
  int load_test = 0;  // students of the load generator; 0: serve
  double load_seconds = 30;
  std::string load_exercise = "hatch-flashes-twice";
};

// "127.0.0.1:8080", "0.0.0.0:0", "[::1]:8080" -> address and port; throws CLI::ValidationError.
std::pair<std::string, unsigned short> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 == listen.size())
    throw CLI::ValidationError("--listen", "expects ADDR:PORT, e.g. 127.0.0.1:8080 (port 0: any free port)");
  std::string address = listen.substr(0, colon);
  if (address.size() >= 2 && address.front() == '[' && address.back() == ']') address = address.substr(1, address.size() - 2);
  const std::string port = listen.substr(colon + 1);
  if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 || std::stoul(port) > 65535)
    throw CLI::ValidationError("--listen", "the port must be 0 to 65535, not '" + port + "'");
  boost::system::error_code ec;
  boost::asio::ip::make_address(address, ec);
  if (ec) throw CLI::ValidationError("--listen", "'" + address + "' is not an IP address");
  return {address, static_cast<unsigned short>(std::stoul(port))};
}

// The key given, else the class directory's instructor.key, else a new random one kept there
// (mode 0600): the instructor's links stay valid across restarts of the server.
std::string instructor_key(const TrainArgs& args) {
  if (!args.instructor_key.empty()) return args.instructor_key;
  const fs::path file = fs::path(args.class_dir) / "instructor.key";
  std::string key;
  if (std::ifstream in(file); in && std::getline(in, key) && key.size() >= 16) return key;
  key = ts::random_hex128();
  const mode_t old = umask(077);
  std::ofstream(file) << key << "\n";
  umask(old);
  return key;
}

// The shipped dictionary's file, built into the cache the first time (minutes), with progress.
std::string dictionary_file() {
  using namespace bcmhil::diagnosis;
  const Catalogue catalogue = load_catalogue(shipped_catalogue_path());
  const VariantsFile variants = load_variants(shipped_variants_path());
  BuildOptions build;
  build.jobs = 2;
  build.progress = [](std::size_t done, std::size_t total, const std::string&) {
    std::fprintf(stderr, "\rbcmhil train: building the fault dictionary (once, into the cache): %zu/%zu variants", done,
                 total);
    if (done == total) std::fprintf(stderr, "\n");
  };
  bool built = false;
  (void)load_or_build_dictionary(catalogue, variants, build, &built);
  const std::string path = cached_dictionary_path(catalogue, variants);
  std::cerr << "bcmhil train: fault dictionary " << (built ? "built into " : "from ") << path << "\n";
  return path;
}

// The load generator on a thread of its own against this very server (its io_context stays on
// the main thread, which forks the children); the report goes to stdout, then the server stops.
std::thread start_load_test(const TrainArgs& args, ts::TrainServer& server, boost::asio::io_context& io, int& status) {
  ts::LoadOptions options;
  options.port = server.endpoint().port();
  options.host = server.endpoint().address().to_string();
  options.students = args.load_test;
  options.seconds = args.load_seconds;
  options.exercise = args.load_exercise;
  options.server_pid = getpid();
  return std::thread([options, &server, &io, &status] {
    try {
      const auto report = ts::run_load(options);
      std::cout << ts::format_report(options, report) << std::flush;
      status = report.connected == options.students && report.errors == 0 ? 0 : 1;
    } catch (const std::exception& e) {
      std::cerr << "bcmhil train: load test: " << e.what() << "\n";
      status = 3;
    }
    boost::asio::post(io, [&server, &io] { server.stop([&io] { io.stop(); }); });
  });
}

int train(const TrainArgs& args) {
  ts::ServerConfig config;
  try {
    std::tie(config.address, config.port) = split_listen(args.listen);
  } catch (const CLI::ValidationError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  try {
    for (const auto& e : training::load_exercises(args.exercises))
      config.exercises.push_back({e.id, e.title, e.work_order, e.file});
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  if (config.exercises.empty()) {
    std::cerr << "bcmhil train: no exercise (*.yaml) in " << args.exercises << "\n";
    return 2;
  }
  std::error_code ec;
  fs::create_directories(args.class_dir, ec);
  if (ec) {
    std::cerr << "bcmhil train: cannot create the class directory " << args.class_dir << ": " << ec.message() << "\n";
    return 3;
  }
  config.class_dir = fs::absolute(args.class_dir).string();
  config.web_dir = args.web;
  config.instructor_key = instructor_key(args);
  config.max_sessions = args.max_sessions;
  config.idle_timeout = std::chrono::minutes(args.idle_minutes);
  try {
    // The export reads the attempt files the session children write (training/records).
  config.class_export = [dir = config.class_dir](const std::string& format) {
    const auto records = training::read_class(dir);
    for (const auto& skipped : records.skipped)
      std::cerr << "bcmhil train: export: skipped " << skipped.file << ": " << skipped.error << "\n";
    return format == "csv" ? training::class_csv(records) : training::class_json(records).dump(2);
  };
  config.dictionary_path = dictionary_file();
  } catch (const std::exception& e) {
    std::cerr << "bcmhil train: no fault dictionary: " << e.what() << "\n";
    return 3;
  }

  std::signal(SIGPIPE, SIG_IGN);  // a child or a browser gone mid-write is an error code, not a death
  boost::asio::io_context io;
  ts::TrainServer server(io, config);
  try {
    server.start();
  } catch (const std::exception& e) {
    std::cerr << "bcmhil train: cannot listen on " << args.listen << ": " << e.what() << "\n";
    return 3;
  }
  boost::asio::signal_set stop_signals(io, SIGINT, SIGTERM);
  stop_signals.async_wait([&](const boost::system::error_code& e, int) {
    if (e) return;
    std::cerr << "bcmhil train: stopping; ending " << server.session_count() << " session(s)\n";
    server.stop([&io] { io.stop(); });
  });
  const auto where = server.endpoint();
  const std::string host = where.address().is_v6() ? "[" + where.address().to_string() + "]" : where.address().to_string();
  const std::string url = "http://" + host + ":" + std::to_string(where.port()) + "/";
  std::cout << "bcmhil train: serving " << config.exercises.size() << " exercises on " << url << "\n"
            << "  instructor: " << url << "class?key=" << config.instructor_key << "\n"
            << "  class directory: " << config.class_dir << "     (Ctrl-C stops)" << std::endl;
  int status = 0;
  std::thread load;
  if (args.load_test > 0) load = start_load_test(args, server, io, status);
  io.run();
  if (load.joinable()) load.join();
  std::cerr << "bcmhil train: stopped\n";
  return status;
}

void add(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<TrainArgs>();
  auto* cmd = app.add_subcommand("train", "Serve the training page: hidden-fault exercises, one simulated car per student");
  cmd->add_option("--listen", args->listen,
                  "ADDR:PORT to listen on; 127.0.0.1 keeps it on this machine, 0.0.0.0 opens it to a classroom; "
                  "port 0 picks a free one (printed)")
      ->capture_default_str();
  cmd->add_option("--class-dir", args->class_dir,
                  "where the class's files go: sessions/<id>.log (each student's path), .stderr, .json, the "
                  "attempts, instructor.key")
      ->capture_default_str();
  cmd->add_option("--exercises", args->exercises, "folder of exercise files (*.yaml, training/exercises/README.md)")
      ->capture_default_str();
  cmd->add_option("--web", args->web, "folder of the page's files")->capture_default_str();
  cmd->add_option("--instructor-key", args->instructor_key,
                  "the instructor's key (class page, export, choosing a student's seed); default: the class "
                  "directory's instructor.key, made at random the first time");
  cmd->add_option("--max-sessions", args->max_sessions, "students' cars at once (each is a process)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--idle-minutes", args->idle_minutes, "end a session when no window has been open on it this long")
      ->check(CLI::Range(1, 24 * 60))
      ->capture_default_str();
  cmd->add_option("--load-test", args->load_test,
                  "benchmark: N students over real WebSockets against this server (each places a DVM on the battery "
                  "and changes the charge every second); prints reading latency p50/p99 and CPU, then stops")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--load-seconds", args->load_seconds, "the load test's measuring window")
      ->check(CLI::Range(1.0, 3600.0))
      ->capture_default_str();
  cmd->add_option("--load-exercise", args->load_exercise, "the exercise the load test's students open")
      ->capture_default_str();
  cmd->footer(
      "Prints the URL for students and the instructor's link. Ctrl-C ends every session (each car's log is kept).\n"
      "Exit status: 0 stopped (a load test: every student measured without error), 1 a load test with errors,\n"
      "2 invalid exercise or option, 3 cannot listen or no fault dictionary.");
  cmd->callback([args, exit_code] { *exit_code = train(*args); });
}

const bool registered = register_command({"train", 90, &add});

}  // namespace
}  // namespace bcmhil::cli

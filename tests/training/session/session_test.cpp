// The session child (contract 1) driven as the server drives it: the built `bcmhil train-session`
// forked and executed with pipes on its stdin and stdout, JSON lines both ways. The protocol, a
// restart after kill -9 with --resume, and the hidden fault never on stdout before `submit`.
#include "diagnosis/dictionary_cache.h"
#include "diagnosis/variants.h"

#include "source_dir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string exercise_file() { return bcmhil::testing::source_dir() + "/training/exercises/hatch-flashes-twice.yaml"; }

std::string temp_dir() {
  char tmpl[] = "/tmp/bcmhil-session-XXXXXX";
  const char* dir = ::mkdtemp(tmpl);
  if (!dir) throw std::runtime_error("mkdtemp failed");
  return dir;
}

// The shipped dictionary, built once by the suite's fixture: the session reads it for hints
// and the score.
std::string dictionary_file() {
  static const std::string path = [] {
    bcmhil::diagnosis::load_or_build_dictionary();
    return bcmhil::diagnosis::cached_dictionary_path(
        bcmhil::diagnosis::load_catalogue(bcmhil::diagnosis::shipped_catalogue_path()),
        bcmhil::diagnosis::load_variants(bcmhil::diagnosis::shipped_variants_path()));
  }();
  return path;
}

// `bcmhil train-session` with pipes on stdin and stdout (stderr to a file).
class SessionChild {
 public:
  SessionChild(const std::string& log, int seed, bool resume, const std::string& dictionary = "/nonexistent",
               const std::vector<std::string>& extra = {}) {
    int in[2], out[2];
    if (::pipe(in) != 0 || ::pipe(out) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> args{BCMHIL_CLI,   "train-session", "--exercise", exercise_file(), "--seed",
                                  std::to_string(seed), "--dictionary", dictionary, "--log", log};
    if (resume) args.push_back("--resume");
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(in[0], 0);
      ::dup2(out[1], 1);
      const int err = ::open((log + ".stderr").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      ::dup2(err, 2);
      ::close(in[1]);
      ::close(out[0]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    to_ = in[1];
    from_ = out[0];
  }
  ~SessionChild() {
    if (to_ >= 0) ::close(to_);
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(from_);
  }

  void send(const json& request) {
    const auto line = request.dump() + "\n";
    ASSERT_EQ(::write(to_, line.data(), line.size()), static_cast<ssize_t>(line.size()));
  }
  void send_raw(const std::string& line) { ASSERT_EQ(::write(to_, line.data(), line.size()), static_cast<ssize_t>(line.size())); }

  // The next line from the child; nullopt at end of output or after the timeout.
  std::optional<json> next(std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    const auto until = Clock::now() + timeout;
    for (;;) {
      const auto newline = buffer_.find('\n');
      if (newline != std::string::npos) {
        const auto line = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 1);
        stdout_ += line + "\n";
        return json::parse(line);
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
      if (left <= 0) return std::nullopt;
      pollfd p{from_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
      char chunk[8192];
      const ssize_t n = ::read(from_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }
  // The answer to request `id`; the state events on the way are kept.
  json answer(int id) {
    while (auto line = next()) {
      if (line->contains("event")) {
        events_.push_back(*line);
        continue;
      }
      if (line->value("id", json()) == json(id)) return *line;
      others_.push_back(*line);
    }
    ADD_FAILURE() << "no answer to request " << id;
    return json::object();
  }
  json ask(json request) {
    const int id = request.at("id").get<int>();
    send(request);
    return answer(id);
  }
  void close_input() {
    ::close(to_);
    to_ = -1;
  }
  int wait_exit() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  void kill9() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  const std::vector<json>& events() const { return events_; }
  const std::vector<json>& others() const { return others_; }
  const std::string& all_stdout() const { return stdout_; }

 private:
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  std::string buffer_, stdout_;
  std::vector<json> events_, others_;
};

void wait_wall(double seconds) { std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(seconds * 1000))); }

TEST(TrainSession, SpeaksJsonLinesAndPushesStateEvents) {
  const auto dir = temp_dir();
  SessionChild child(dir + "/s.log", 3, false);
  const auto hello = child.ask({{"id", 1}, {"op", "hello"}});
  ASSERT_TRUE(hello.value("ok", false)) << hello.dump();
  EXPECT_EQ(hello["exercise"]["id"], "hatch-flashes-twice");
  EXPECT_FALSE(hello["controls"].empty());
  EXPECT_FALSE(hello["wiring"]["circuits"].empty());
  EXPECT_NE(std::find(hello["points"]["measure"].begin(), hello["points"]["measure"].end(), "X330.4"),
            hello["points"]["measure"].end());

  // Bad requests are answered and the child goes on.
  EXPECT_EQ(child.ask({{"id", 2}, {"op", "fly"}})["ok"], false);
  EXPECT_EQ(child.ask({{"id", 3}, {"op", "place"}, {"instrument", "dvm"}, {"first", "X999.9"}, {"second", "ground"}})["ok"],
            false);
  EXPECT_EQ(child.ask({{"id", 4}, {"op", "act"}, {"action", "press_fob"}, {"button", "boot"}})["ok"], false);
  child.send_raw("this is not JSON\n");
  const auto refusal = child.next();
  ASSERT_TRUE(refusal);
  EXPECT_EQ((*refusal)["ok"], false);

  // The DVM on the BC1 tailgate pin with its MAX hold, the trunk button, 1.5 s of wall time.
  const auto placed = child.ask({{"id", 5}, {"op", "place"}, {"instrument", "dvm"}, {"first", "X330.4"}, {"second", "ground"}});
  ASSERT_EQ(placed["ok"], true) << placed.dump();
  EXPECT_EQ(child.ask({{"id", 6}, {"op", "act"}, {"action", "press_fob"}, {"button", "trunk"}})["ok"], true);
  wait_wall(1.5);
  const auto removed = child.ask({{"id", 7}, {"op", "remove"}, {"slot", placed["slot"]}});
  EXPECT_EQ(removed["ok"], true);
  const auto log = child.ask({{"id", 8}, {"op", "log"}});
  const auto& measurement = log["path"][0];
  EXPECT_EQ(measurement["kind"], "measurement");
  EXPECT_EQ(measurement["detail"]["first"], "X330.4");
  EXPECT_LT(measurement["reading"]["max"].get<double>(), 0.5) << "seed 3: the flooded BC1 puts nothing on its pin";
  EXPECT_GT(log["sim_s"].get<double>(), 21.4) << "simulated time follows the wall clock from 20 s";

  // State events every 50 ms of wall time while the DVM was on: about 30 over 1.5 s.
  std::size_t with_dvm = 0;
  for (const auto& e : child.events()) with_dvm += e["instruments"].empty() ? 0 : 1;
  EXPECT_GE(with_dvm, 20u);
  EXPECT_LE(with_dvm, 40u);

  child.close_input();
  EXPECT_EQ(child.wait_exit(), 0);
}

TEST(TrainSession, ResumesAfterKill9WithItsPathPartsAndWorkshopState) {
  const auto dir = temp_dir();
  const auto log = dir + "/s.log";
  double wall_before = 0;
  {
    SessionChild child(log, 3, false);
    ASSERT_EQ(child.ask({{"id", 1}, {"op", "unplug"}, {"connector", "hatch"}})["ok"], true);
    ASSERT_EQ(child.ask({{"id", 2}, {"op", "place"}, {"instrument", "dvm"}, {"first", "hatch.2"}, {"second", "ground"}})["ok"],
              true);
    ASSERT_EQ(child.ask({{"id", 3}, {"op", "ds2"}, {"job", "faults"}})["ok"], true);
    ASSERT_EQ(child.ask({{"id", 4}, {"op", "replace"}, {"part", "tailgate_lock"}})["ok"], true);
    wait_wall(0.5);
    wall_before = child.ask({{"id", 5}, {"op", "log"}})["wall_s"].get<double>();
    child.kill9();
  }
  SessionChild again(log, 3, true);
  const auto log_answer = again.ask({{"id", 1}, {"op", "log"}});
  EXPECT_EQ(log_answer["money_spent"], 85.0);
  EXPECT_GE(log_answer["wall_s"].get<double>(), wall_before);
  bool replaced = false, ds2 = false;
  for (const auto& e : log_answer["path"]) {
    replaced |= e["kind"] == "replace" && e["detail"]["part"] == "tailgate_lock";
    ds2 |= e["kind"] == "ds2";
  }
  EXPECT_TRUE(replaced);
  EXPECT_TRUE(ds2);
  // The instrument is back on in its slot, the hatch still unplugged.
  wait_wall(0.2);
  const auto removed = again.ask({{"id", 2}, {"op", "remove"}, {"slot", 1}});
  EXPECT_EQ(removed["ok"], true) << removed.dump();
  ASSERT_FALSE(again.events().empty());
  EXPECT_EQ(again.events().back()["unplugged"], json::array({"hatch"}));
  // A log of another seed is refused.
  again.close_input();
  EXPECT_EQ(again.wait_exit(), 0);
  SessionChild other(log, 4, true);
  EXPECT_FALSE(other.next(std::chrono::seconds(20)));
  EXPECT_EQ(other.wait_exit(), 2);
}

// A whole attempt: nothing on stdout names the drawn fault (its type, pool id, parameters)
// before the submit is answered; the submit's answer does, with the score, and the attempt is
// recorded in the class directory.
TEST(TrainSession, TheHiddenFaultNeverReachesStdoutBeforeSubmit) {
  const auto dir = temp_dir();
  SessionChild child(dir + "/s.log", 3, false, dictionary_file(), {"--student", "ada", "--class-dir", dir + "/class"});
  int id = 0;
  const auto ok = [&](json request) {
    request["id"] = ++id;
    const auto a = child.ask(request);
    EXPECT_EQ(a["ok"], true) << request.dump() << " -> " << a.dump();
    return a;
  };
  ok({{"op", "hello"}});
  ok({{"op", "ds2"}, {"job", "faults"}});
  ok({{"op", "place"}, {"instrument", "dvm"}, {"first", "X330.4"}, {"second", "ground"}});
  ok({{"op", "act"}, {"action", "press_fob"}, {"button", "trunk"}});
  wait_wall(1.0);
  ok({{"op", "remove"}, {"slot", 1}});
  ok({{"op", "hint"}});
  ok({{"op", "log"}});
  const std::string before = child.all_stdout();
  for (const char* secret : {"water_ingress", "bc1_water", "corrosion_time", "wetting_time", "salt", "tailgate_driver"})
    EXPECT_EQ(before.find(secret), std::string::npos) << "'" << secret << "' on stdout before submit";
  const auto submitted = ok({{"op", "submit"}, {"component", "BC1"}, {"cause", "water damage"}});
  EXPECT_EQ(submitted["fault"]["type"], "water_ingress");
  EXPECT_EQ(submitted["score"]["solved"], true) << submitted["score"].dump();
  const auto file = submitted["record"]["file"].get<std::string>();
  EXPECT_EQ(file.find('/'), std::string::npos) << "the server's path reaches the browser: " << file;
  EXPECT_EQ(::access((dir + "/class/attempts/" + file).c_str(), R_OK), 0) << file;
  EXPECT_EQ(child.ask({{"id", ++id}, {"op", "submit"}, {"component", "BC1"}, {"cause", "water damage"}})["ok"], false);
}

}  // namespace

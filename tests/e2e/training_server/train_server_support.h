#pragma once
// The real `bcmhil train` as a process of its own for a test: started on 127.0.0.1 port 0 with a
// private class directory and a known instructor key, its URL read from its stdout; the
// processes it started (its session children) found in /proc; stopped with SIGTERM (or killed).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "../e2e_support.h"
#include "training/server/process_table.h"

namespace bcmhil::e2e {

inline const char* kInstructorKey = "0123456789abcdef0123456789abcdef";

// The /proc readings are the load generator's (training/server/process_table.h).
using training::server::children_of;
using training::server::process_alive;

class TrainServerTest : public TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    start_server();
  }
  void TearDown() override {
    stop_server(SIGTERM);
    TempDirTest::TearDown();
  }

  void start_server(const std::string& extra = "") {
    int out[2];
    ASSERT_EQ(pipe(out), 0);
    class_dir_ = path("class");
    const std::string command = std::string("exec ") + BCMHIL_CLI + " train --listen 127.0.0.1:0 --class-dir " +
                                class_dir_ + " --instructor-key " + kInstructorKey + " " + extra + " 2>" +
                                path("server.stderr");
    server_ = fork();
    ASSERT_GE(server_, 0);
    if (server_ == 0) {
      dup2(out[1], 1);
      close(out[0]);
      close(out[1]);
      execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    stdout_ = fdopen(out[0], "r");
    char line[512];
    while (fgets(line, sizeof line, stdout_)) {  // the dictionary is in the suite's cache: seconds
      const std::string text = line;
      const auto at = text.find("http://");
      if (text.find("serving") != std::string::npos && at != std::string::npos) {
        url_ = text.substr(at, text.find('/', at + 7) - at);  // http://127.0.0.1:PORT
        break;
      }
    }
    ASSERT_FALSE(url_.empty()) << "bcmhil train did not start:\n" << slurp(path("server.stderr"));
  }

  // Stops the server; every process it started must be gone.
  void stop_server(int signal) {
    if (server_ <= 0) return;
    const auto kids = children_of(server_);
    ::kill(server_, signal);
    int status = 0;
    waitpid(server_, &status, 0);
    if (stdout_) fclose(stdout_);
    stdout_ = nullptr;
    server_ = -1;
    for (int i = 0; i < 100; ++i) {  // a child killed by the kernel (PDEATHSIG) is reaped by init
      bool any = false;
      for (pid_t kid : kids) any = any || process_alive(kid);
      if (!any) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    for (pid_t kid : kids) EXPECT_FALSE(process_alive(kid)) << "session child " << kid << " outlived the server";
  }

  // curl, unmodified: "-s -o BODY -w %{http_code}" plus the arguments; returns {code, body}.
  std::pair<int, std::string> curl(const std::string& args) {
    const std::string body = path("curl.body");
    const auto r = shell("curl -s -o " + body + " -w '%{http_code}' " + args);
    return {std::atoi(r.out.c_str()), slurp(body)};
  }

  // A session for `student` on `exercise` (with the instructor's seed when seed >= 0): {id, token}.
  std::pair<std::string, std::string> new_session(const std::string& student, const std::string& exercise,
                                                  long long seed = -1) {
    std::string body = "{\"student\": \"" + student + "\", \"exercise\": \"" + exercise + "\"";
    if (seed >= 0) body += ", \"seed\": " + std::to_string(seed) + ", \"key\": \"" + kInstructorKey + "\"";
    body += "}";
    const auto [code, answer] = curl("-X POST --data '" + body + "' " + url_ + "/api/sessions");
    EXPECT_EQ(code, 201) << answer;
    const auto json = nlohmann::json::parse(answer, nullptr, false);
    if (!json.is_object()) return {};
    return {json.value("session", ""), json.value("token", "")};
  }

  std::string ws_url(const std::string& session) const {
    return "ws://" + url_.substr(7) + "/api/sessions/" + session + "/ws";
  }

  pid_t server_ = -1;
  FILE* stdout_ = nullptr;
  std::string url_;
  std::string class_dir_;
};

}  // namespace bcmhil::e2e

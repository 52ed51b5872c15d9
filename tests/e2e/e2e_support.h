#pragma once
// Running the real bcmhil executable from a test: as a shell would (output captured), or as a
// process of its own the test can signal; a private temporary folder per test.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "source_dir.h"

namespace bcmhil::e2e {

namespace fs = std::filesystem;

struct Outcome {
  int status;       // exit status, or 128+N when killed by signal N
  std::string out;  // stdout and stderr together
};

inline int status_of(int raw) { return WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw); }

// A shell command with its stdout and stderr captured together.
inline Outcome shell(const std::string& command) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  std::string out;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  return {status_of(pclose(pipe)), out};
}

// The bcmhil executable through the shell, so a test can redirect or set variables: `env` goes
// before the command.
inline Outcome run(const std::string& args, const std::string& env = "") {
  return shell(env + " " + std::string(BCMHIL_CLI) + " " + args);
}

inline std::string scenario(const std::string& name) {
  return bcmhil::testing::source_dir() + "/scenarios/" + name + ".yaml";
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// /usr/bin/python3 on a script, its output captured (CI has python3 with junitparser).
inline Outcome python(const std::string& script_path, const std::string& args) {
  return shell("/usr/bin/python3 " + script_path + " " + args);
}

class TempDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "bcmhil-e2e-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string path(const std::string& file) const { return (dir_ / file).string(); }
  std::string write(const std::string& file, const std::string& text) const {
    std::ofstream(path(file), std::ios::binary) << text;
    return path(file);
  }
  // Names in a folder (default: the test's own), hidden ones included.
  std::vector<std::string> entries(const std::string& folder = "") const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(folder.empty() ? dir_ : fs::path(folder)))
      names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  fs::path dir_;
};

}  // namespace bcmhil::e2e

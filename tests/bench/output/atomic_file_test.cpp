#include "bench/output/atomic_file.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace bcmhil::output {
namespace {

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/bcmhil-atomic-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    for (const auto& name : entries()) ::unlink((dir_ + "/" + name).c_str());
    ::rmdir(dir_.c_str());
  }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    if (DIR* d = ::opendir(dir_.c_str())) {
      while (const dirent* e = ::readdir(d))
        if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") names.push_back(e->d_name);
      ::closedir(d);
    }
    return names;
  }
  static std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::string dir_;
};

TEST_F(AtomicFileTest, CommittedFileHasTheContentAndNoTemporaryRemains) {
  write_file(dir_ + "/out.json", [](std::ostream& o) { o << "{\"verdict\": \"pass\"}\n"; });
  EXPECT_EQ(read(dir_ + "/out.json"), "{\"verdict\": \"pass\"}\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"out.json"});
}

TEST_F(AtomicFileTest, TheFinalNameShowsNothingBeforeCommit) {
  std::ofstream(dir_ + "/out.xml") << "old complete file";
  {
    AtomicFile f(dir_ + "/out.xml");
    f.stream() << "new, half written";
    f.stream().flush();
    EXPECT_EQ(read(dir_ + "/out.xml"), "old complete file");
  }  // abandoned without commit, as when the writer throws
  EXPECT_EQ(read(dir_ + "/out.xml"), "old complete file");
  EXPECT_EQ(entries(), std::vector<std::string>{"out.xml"});
}

TEST_F(AtomicFileTest, AFullDeviceIsAnErrorNamingTheFile) {
  // /dev/full accepts the open and fails every write with ENOSPC, like a full disk.
  try {
    write_file("/dev/full", [](std::ostream& o) { o << std::string(1 << 16, 'x'); });
    FAIL() << "a write to /dev/full was reported as written";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("/dev/full"), std::string::npos) << e.what();
  }
}

TEST_F(AtomicFileTest, AMissingFolderIsAnErrorNamingTheFile) {
  try {
    write_file(dir_ + "/no/such/folder/out.vcd", [](std::ostream& o) { o << "x"; });
    FAIL() << "no error";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("no/such/folder/out.vcd"), std::string::npos) << e.what();
  }
}

TEST_F(AtomicFileTest, AnEmptyNameIsRefused) {
  EXPECT_THROW(AtomicFile(""), OutputError);
}

}  // namespace
}  // namespace bcmhil::output

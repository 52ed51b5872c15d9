// GoogleTest main shared by every suite.
// A SystemC warning in a test is a failure (a habit taken from VCML): the report handler
// below records every SC_WARNING or worse and a listener fails the running test.
#include <gtest/gtest.h>
#include <systemc>

#include <cstdlib>
#include <string>

namespace {

std::string g_reports;

void failing_report_handler(const sc_core::sc_report& report, const sc_core::sc_actions& actions) {
  if (report.get_severity() >= sc_core::SC_WARNING) {
    g_reports += std::string(report.get_msg_type()) + ": " + report.get_msg() + "\n";
  }
  // Keep SystemC's own behaviour for errors (throw) and fatals (abort) after recording.
  sc_core::sc_report_handler::default_handler(report, actions & ~sc_core::SC_DISPLAY);
}

class SystemcReportListener : public testing::EmptyTestEventListener {
  void OnTestEnd(const testing::TestInfo&) override {
    if (!g_reports.empty()) {
      ADD_FAILURE() << "SystemC reported during this test:\n" << g_reports;
      g_reports.clear();
    }
  }
};

}  // namespace

// libsystemc's own main() calls sc_main; the tests bring their own main, but the symbol must exist.
extern "C" int sc_main(int, char**) { return 0; }

int main(int argc, char** argv) {
  setenv("SC_COPYRIGHT_MESSAGE", "DISABLE", 1);
  // The shipped fault dictionary is built once for the suite into the build tree (the ctest
  // fixture dictionary_cache_build); a cache named in the environment wins.
  setenv("BCMHIL_DICTIONARY_CACHE", BCMHIL_TEST_DICTIONARY_CACHE, 0);
  testing::InitGoogleTest(&argc, argv);
  sc_core::sc_report_handler::set_handler(failing_report_handler);
  testing::UnitTest::GetInstance()->listeners().Append(new SystemcReportListener);
  return RUN_ALL_TESTS();
}

// bcmhil catalogue: the real executable lists the shipped catalogue, plays it on a scenario's
// car, and refuses a malformed catalogue with file:line:col and exit 2.
#include "e2e_support.h"

namespace bcmhil::e2e {
namespace {

TEST(CatalogueCli, ListsTheShippedTests) {
  const auto r = run("catalogue");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("hatch.bc1_pin.volts_trunk"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("estimates"), std::string::npos) << r.out;
}

TEST(CatalogueCli, PlaysATestOnAScenariosCar) {
  const auto r = run("catalogue --play " + scenario("bad-ground-hatch") + " --test hatch.pin1.volts_trunk");
  ASSERT_EQ(r.status, 0) << r.out;
  // 8 ohm in the ground joint against the 1.2 ohm winding: pin 1 rises to ~10.7 V of the 12.4 V feed.
  EXPECT_NE(r.out.find("10.7"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("lifted"), std::string::npos) << r.out;
}

TEST(CatalogueCli, RefusesAMalformedCatalogueWithItsLineAndColumn) {
  const auto dir = fs::temp_directory_path() / ("bcmhil-catalogue-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const auto file = (dir / "bad.yaml").string();
  std::ofstream(file) << "format: bcmhil-test-catalogue/1\nmodel: bc1\ntests:\n  - id: x\n    path: engine\n";
  const auto r = run("catalogue --catalogue " + file);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find(file + ":5:11: path must be one of"), std::string::npos) << r.out;
  fs::remove_all(dir);
}

TEST(CatalogueCli, RefusesAnUnknownTest) {
  const auto r = run("catalogue --test no.such.test");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("no test 'no.such.test'"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace bcmhil::e2e

// Water on every pin: a footwell flood reaches the board regions (model/bc1/board_regions.csv)
// at their chosen arrival times, films leak between every pair of adjacent wet pins (not only to
// ground), and dendrites grow only across pairs at different potentials.
#include "model/faults/water_ingress.h"

#include "model/bc1/board_regions.h"
#include "model/faults/growth_law.h"
#include "tests/model/faults/fault_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::faults::WaterIngress;

constexpr std::uint64_t kOnset = 1 * kS;
const sc_core::sc_time kOnsetTime = sc_core::sc_time::from_value(kOnset);

struct Flood : FaultyCar {
  Flood(const std::map<std::string, double>& numbers, const std::string& region)
      : FaultyCar(default_spec("water_ingress", kOnsetTime, numbers, {{"region", region}})) {}
  const WaterIngress& water() const { return dynamic_cast<const WaterIngress&>(*fault); }
  // What an ohmmeter across two adjacent pins reads of the water between them (+inf: dry).
  double across(const char* a, const char* b) const {
    const auto branch = water().film(a, b);
    return branch ? vehicle->circuit.network().resistance(*branch) : bcmhil::electrical::kOpen;
  }
};

TEST(WaterFilms, AFootwellFloodReachesEachRegionAfterItsSpreadDelay) {
  // Chosen chain (board_regions.csv): tailgate_driver at once, indicator_drivers 20 s later,
  // x331_a 20 s after that. Wetting over 10 s.
  Flood f({{"wetting_time", 10.0}, {"corrosion_time", 1e5}}, "footwell");
  EXPECT_EQ(f.water().film_count(), 0u) << "a dry board adds nothing to the network";
  f.run_until(kOnset + 5 * kS + 50 * kMs);
  EXPECT_NEAR(f.water().moisture("tailgate_driver"), 0.5, 1e-9);
  EXPECT_EQ(f.water().moisture("indicator_drivers"), 0.0);
  EXPECT_TRUE(std::isfinite(f.across("X330.4", "X330.5"))) << "tailgate output and K-line: a wet pair";
  EXPECT_FALSE(std::isfinite(f.across("X330.8", "X330.9"))) << "the indicator pins are still dry";
  const auto wet_first = f.water().film_count();
  f.run_until(kOnset + 19 * kS + 950 * kMs);
  EXPECT_EQ(f.water().moisture("indicator_drivers"), 0.0) << "not before its 20 s";
  f.run_until(kOnset + 25 * kS + 50 * kMs);
  EXPECT_NEAR(f.water().moisture("indicator_drivers"), 0.5, 1e-9);
  EXPECT_TRUE(std::isfinite(f.across("X330.8", "X330.9")));
  // The pair across the two regions (K-line X330.5 and KL15 X330.6) follows the drier side.
  EXPECT_GT(f.water().film_count(), wet_first);
  EXPECT_EQ(f.water().moisture("x331_a"), 0.0);
  f.run_until(kOnset + 45 * kS + 50 * kMs);
  EXPECT_NEAR(f.water().moisture("x331_a"), 0.5, 1e-9);
  EXPECT_EQ(f.water().moisture("x331_b"), 0.0);
}

TEST(WaterFilms, FilmsJoinEveryAdjacentPairNotOnlyToGround) {
  // Dendrites out of the way (they would need days): the films alone.
  Flood f({{"wetting_time", 1.0}, {"corrosion_time", 1e5}, {"salt", 0.0}, {"dendrite_time", 1e6}}, "tailgate_driver");
  f.run_until(kOnset + 2 * kS);
  // Pairs of the region, none of them to ground: two supplies, the K-line and a lock output, a
  // supply and a pin the model leaves bare (X330.11, 30PW), which the water joins to the next.
  for (const auto& [a, b] : std::vector<std::pair<const char*, const char*>>{
           {"X330.1", "X330.2"}, {"X330.5", "X330.15"}, {"X330.1", "X330.11"}, {"X330.11", "X330.12"}})
    EXPECT_NEAR(f.across(a, b), WaterIngress::kWetLeakOhm, 1.0) << a << "-" << b;
  // Every pair of the region with a modelled pin: 13 of the 2 x 5 pins' neighbour pairs.
  EXPECT_EQ(f.water().pair_count(), 13u);
  // A pair reaching out of the region stays dry (X330.5 K-line - X330.6 KL15).
  EXPECT_FALSE(f.water().film("X330.5", "X330.6"));
}

TEST(WaterFilms, AFilmFromAFeedPinPullsTheInputBesideIt) {
  // KL15 (X330.6) sits between the K-line and the 30B indicator feed (X330.7): ignition off, its
  // input load holds it at 0 V; the wet board joins it to both. The film lifts it, but the 10 kOhm
  // input load (issue 11) keeps it under the module's 6 V ignition threshold.
  Flood f({{"wetting_time", 1.0}, {"corrosion_time", 1e5}}, "footwell");
  f.run_until(kOnset - 10 * kMs);
  EXPECT_LT(f.volts("bc1.kl15"), 0.1);
  f.run_until(kOnset + 30 * kS);
  EXPECT_GT(f.volts("bc1.kl15"), 3.0) << "the feed's film lifts the ignition pin";
  EXPECT_LT(f.volts("bc1.kl15"), 6.0) << "but its input load keeps it under the ignition threshold";
}

TEST(WaterFilms, TwoPinsAtTheSamePotentialNeverGrowADendrite) {
  // Fast dendrites (10 s at 12 V), salty water, 60 s wet.
  Flood f({{"wetting_time", 1.0}, {"corrosion_time", 1e5}, {"salt", 1.0}, {"dendrite_time", 10.0}}, "tailgate_driver");
  f.run_until(kOnset + 60 * kS);
  const double wet = WaterIngress::kWetLeakOhm / 5.0;
  // Two lock relay outputs, both held at ground by their relays at rest: the film only.
  EXPECT_NEAR(f.across("X330.12", "X330.13"), wet, 1.0);
  // The module ground and the common lock output beside it: the film only.
  EXPECT_NEAR(f.across("X330.3", "X330.13"), wet, 1.0);
  // The K-line (idle high) and the tailgate output (0 V): a dendrite has bridged the gap. It
  // slows as it pulls the K-line down (its own bias falls towards the 1.5 V threshold).
  EXPECT_LT(f.across("X330.4", "X330.5"), 1e3);
  EXPECT_LT(f.volts("bc1.kline"), 3.0) << "the K-line is pulled low";
  EXPECT_FALSE(f.vehicle->bc1.kline_usable());
}

TEST(WaterFilms, DendritesGrowFasterWithSaltMoistureAndVoltage) {
  const bcmhil::faults::MigrationLaw law{1e6, 50.0, 100.0};
  EXPECT_EQ(law.dose(1.0, 0.0, 0.0, 1.0), 0.0) << "no bias, no migration";
  EXPECT_EQ(law.dose(1.0, 0.0, 1.2, 1.0), 0.0) << "below water's decomposition";
  EXPECT_EQ(law.dose(0.0, 1.0, 12.0, 1.0), 0.0) << "dry: nothing migrates";
  EXPECT_NEAR(law.dose(1.0, 0.0, 12.0, 1.0), 0.01, 1e-12) << "time_s to bridge at 12 V, fresh, wet";
  EXPECT_EQ(law.dose(1.0, 0.0, -12.0, 1.0), law.dose(1.0, 0.0, 12.0, 1.0)) << "either polarity";
  EXPECT_GT(law.dose(1.0, 0.5, 12.0, 1.0), law.dose(1.0, 0.0, 12.0, 1.0));
  EXPECT_GT(law.dose(1.0, 0.0, 12.0, 1.0), law.dose(0.5, 0.0, 12.0, 1.0));
  EXPECT_GT(law.dose(1.0, 0.0, 12.0, 1.0), law.dose(1.0, 0.0, 6.0, 1.0));
}

TEST(WaterFilms, EveryRegionIsOffered) {
  const auto* type = bcmhil::faults::find_fault_type("water_ingress");
  const auto& region = *std::find_if(type->params.begin(), type->params.end(),
                                     [](const auto& p) { return p.name == "region"; });
  EXPECT_EQ(region.default_value, "tailgate_driver");
  for (const auto& name : bcmhil::model::BoardRegions::bc1().names())
    EXPECT_NE(std::find(region.choices.begin(), region.choices.end(), name), region.choices.end()) << name;
  EXPECT_NE(std::find(region.choices.begin(), region.choices.end(), "footwell"), region.choices.end());
}

}  // namespace

#pragma once
// Water in the passenger footwell reaching the BC1 board (clogged sunroof drains running down
// the A-pillar). A cause, not a flag: water reaches the board at the onset and keeps coming for
// `wet_for` (0: it never stops), again every `rain_every` if set. Where it gets to is `region`:
// one region of the board (model/bc1/board_regions.csv, a CHOSEN layout: a drip onto that part
// of the board), or `footwell`: a flood that wets the region lowest in the footwell first and
// creeps into each neighbouring region after that region's spread_s. Each region it reaches
// follows the same water a little later (delayed by its arrival): while water comes its moisture
// grows to saturation over `wetting_time`; when it stops, the region dries with the time
// constant `drying_time`. While a region is wet:
// - a water film leaks between every pair of adjacent pins (connector_map.csv neighbours, at
//   least one a modelled node; a pin the model does not implement becomes a bare board node so
//   water can carry current across it) whose two regions are wet, following the drier one's
//   moisture and the salt: geometrically from 1 MΩ dry to 10 kΩ / (1 + 4 salt) fully wet;
// - a dendrite grows across each wet pair whose pins sit at different potentials
//   (electrochemical migration, MigrationLaw in growth_law.h: faster with moisture, salt and
//   voltage, never between two pins at the same potential) and bridges the gap at ~50 Ω once
//   grown: `dendrite_time` fully wet in fresh water at 12 V. The dendrite is in parallel with
//   the film (one branch per pair);
// - electrochemical corrosion eats the high-side drivers whose output pin is in the region (bond
//   wires and pads), adding resistance until the output is dead (burnt MC33286 switches were
//   found on failed boards, NAM 317426). Corrosion does not heal when the board dries: a module
//   that dried out works again only as long as its drivers had not yet died.
// Salt conducts and corrodes faster, and once a wet region has dried it leaves a residue that
// keeps the dry film from returning to a full 1 MΩ. Films (branches of the network) exist only
// for pairs that got wet: a dry board costs the solver nothing.
//
// When the drivers die (water that keeps coming): the corrosion dose grows with the moisture,
// (1 + 2 salt) / corrosion_time per second fully wet, and a driver fails open at a dose of 1, so
// at the region's arrival + corrosion_time / (1 + 2 salt) + wetting_time / 2 (if that is after
// wetting_time), to within one of the fault's 100 ms steps. Defaults: 40 s / 1.4 + 15 s = 43.6 s
// after the onset for the region reached first. Under the hatch lock motor's load its pin sags
// below the module's 6 V readback threshold well before, at a dose of ~0.4.
//
// No source gives figures for the R50: the leakage range 10 kΩ - 1 MΩ is the domain notes'
// estimate; the corrosion law (resistance growing exponentially with the corrosion dose), the
// dendrite law, the exponential drying, the residue and the regions are modelling choices.
#include "fault.h"

#include "model/bc1/board_regions.h"

#include <string>
#include <vector>

namespace bcmhil::faults {

class WaterIngress : public Fault {
 public:
  // Throws std::invalid_argument for an unknown region.
  WaterIngress(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

  // Of the region the water reaches first.
  double moisture() const { return zones_.front().moisture; }
  double corrosion() const { return zones_.front().corrosion; }
  // Of a region this fault wets; throws std::out_of_range for another.
  double moisture(const std::string& region) const;
  bool water_coming(double since_onset_s) const;
  // The film branch between two adjacent pins ("X330.4", "X330.5", either order), once wet;
  // std::nullopt while that pair has not been wet (or is not a pair of this fault's regions).
  std::optional<electrical::BranchId> film(const std::string& a, const std::string& b) const;
  std::size_t film_count() const;  // film branches in the network now
  std::size_t pair_count() const { return films_.size(); }  // pairs this fault can wet

  static constexpr double kDryLeakOhm = 1e6;
  static constexpr double kWetLeakOhm = 10e3;
  static constexpr double kDendriteOhm = 50.0;     // a grown dendrite (as pin_bridge's default)
  static constexpr double kFreshDriverOhm = 0.1;   // scale of the corrosion resistance
  static constexpr double kCorrosionGrowth = 9.0;  // exponent at a dose of 1
  static constexpr double kResidueFactor = 10.0;   // dry film after drying: 1 MΩ / (1 + 10 salt)
  static constexpr double kDryBelow = 1e-3;        // moisture under which the region counts as dry
  // A film is re-stamped only when it moved by more than this factor (5 %, chosen): each
  // re-stamp is a refactorisation and a solve, and the films re-stamped every 200 ms were a
  // third of the flooded run's solves at 2 %. A film's law is an estimate to a factor of
  // several at its ends (1 MOhm dry, 10 kOhm wet); a 5 % step of its conductance moves the
  // voltage across it by less than 5 % (2 % for the wettest film on a 10k/10k input).
  static constexpr double kRestampRatio = 1.05;

 private:
  // One board region as this fault wets it.
  struct Zone {
    const model::BoardRegion* region;
    double arrival_s;  // water reaches it this long after it starts coming
    std::vector<model::HighSideDriver*> drivers;
    trace::SignalId signal;
    double moisture = 0.0;
    double corrosion = 0.0;
    bool was_coming = false;
    double rain_start_s = 0.0;
    double moisture_at_rain_start = 0.0;
    bool has_dried = false;  // the water stopped at least once: salt residue left behind
  };
  // Two adjacent pins in this fault's regions.
  struct Film {
    std::string a_label, b_label;
    std::size_t zone_a, zone_b;
    std::optional<electrical::BranchId> branch;  // added when the pair first gets wet
    double dendrite = 0.0;  // migration dose 0..1
    // The last conductances worked out, with what they were worked out from: once the region
    // has saturated (or while no dendrite grows) the same inputs come back every step, and pow
    // is costly.
    double film_moisture = -1.0;
    bool film_residue = false;
    double film_siemens = 0.0;
    double dendrite_at = 0.0;
    double dendrite_siemens = 0.0;  // beyond the dry gap: 0 at a dose of 0
  };

  void begin() override;
  bool progress(sc_core::sc_time since_onset) override;
  void make_zones(const std::string& region, model::Vehicle& vehicle);
  void make_films();
  void wet_zone(Zone& zone, double t, double dt) const;
  void corrode(Zone& zone, double dt) const;
  bool update_film(Film& film, double dt);
  double film_siemens(Film& film, double moisture, bool residue);
  double dendrite_siemens(Film& film) const;
  electrical::NodeId pin_node(const std::string& label);

  model::Vehicle& vehicle_;
  std::vector<Zone> zones_;
  std::vector<Film> films_;
  double wetting_s_;
  double corrosion_s_;
  double salt_;
  double wet_for_s_;
  double rain_every_s_;
  double drying_s_;
  double dendrite_s_;
  double last_s_ = 0.0;
  // The film conductance last worked out by any film: the films of one pair of regions follow
  // the same moisture, so all but the first of a step find theirs here instead of in pow.
  double shared_moisture_ = -1.0;
  bool shared_residue_ = false;
  double shared_siemens_ = 0.0;
};

std::vector<ParamSpec> water_ingress_params();

}  // namespace bcmhil::faults

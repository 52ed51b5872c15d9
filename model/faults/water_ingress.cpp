#include "water_ingress.h"

#include "growth_law.h"

#include "model/bc1/connector_map.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace bcmhil::faults {

namespace {
// Progression step: fine enough that a fob press sees the board as it is at that moment.
const sc_core::sc_time kStep{100, sc_core::SC_MS};
const char* const kFootwell = "footwell";

std::vector<std::string> region_choices() {
  std::vector<std::string> out{kFootwell};
  for (const auto& name : model::BoardRegions::bc1().names()) out.push_back(name);
  return out;
}

// The bare board node a pin the model does not implement becomes once water reaches it.
std::string bare_pin_node(const std::string& label) { return "board." + label; }
}  // namespace

std::vector<ParamSpec> water_ingress_params() {
  return {
      {"region", ParamKind::choice, "tailgate_driver",
       "board region that gets wet (model/bc1/board_regions.csv), or footwell: a flood from the lowest region, "
       "creeping into the others",
       region_choices()},
      {"wetting_time", ParamKind::duration_s, "30 s", "time from onset until the region is saturated", {}, 0.1, 1e6},
      {"corrosion_time", ParamKind::duration_s, "40 s",
       "time fully wet (fresh water) until the drivers are destroyed", {}, 0.1, 1e6},
      {"salt", ParamKind::number, "0.2", "salt content 0..1: conducts and corrodes faster", {}, 0.0, 1.0},
      {"wet_for", ParamKind::duration_s, "0 s", "how long water keeps coming each time (0: it never stops)", {}, 0.0,
       1e6},
      {"rain_every", ParamKind::duration_s, "0 s", "water comes again this long after it last started (0: once)",
       {}, 0.0, 1e6},
      {"drying_time", ParamKind::duration_s, "20 s", "time constant of drying once the water stops", {}, 0.1, 1e6},
      {"dendrite_time", ParamKind::duration_s, "10 min",
       "time for a dendrite to bridge two wet pins at 12 V apart in fresh water (faster with salt and moisture, "
       "never without a bias)",
       {}, 1.0, 1e7},
  };
}

WaterIngress::WaterIngress(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, kStep),
      vehicle_(vehicle),
      wetting_s_(spec.number("wetting_time")),
      corrosion_s_(spec.number("corrosion_time")),
      salt_(spec.number("salt")),
      wet_for_s_(spec.number("wet_for")),
      rain_every_s_(spec.number("rain_every")),
      drying_s_(spec.number("drying_time")),
      dendrite_s_(spec.number("dendrite_time")) {
  if (rain_every_s_ > 0.0 && wet_for_s_ <= 0.0)
    throw std::invalid_argument("rain_every needs wet_for: water that never stops cannot come again");
  make_zones(spec.choice("region"), vehicle);
  make_films();
}

void WaterIngress::make_zones(const std::string& region, model::Vehicle& vehicle) {
  const auto& regions = model::BoardRegions::bc1();
  std::vector<std::pair<const model::BoardRegion*, double>> reached;
  if (region == kFootwell) {
    const auto arrival = regions.flood_arrival_s();
    for (std::size_t i = 0; i < arrival.size(); ++i)
      if (std::isfinite(arrival[i])) reached.emplace_back(&regions.regions()[i], arrival[i]);
    std::stable_sort(reached.begin(), reached.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  } else if (const auto* one = regions.find(region)) {
    reached.emplace_back(one, 0.0);
  } else {
    std::string known = kFootwell;
    for (const auto& n : regions.names()) known += ", " + n;
    throw std::invalid_argument("unknown board region " + region + " (regions: " + known + ")");
  }
  const auto& map = model::ConnectorMap::bc1();
  const auto& net = vehicle.circuit.network();
  auto& recorder = vehicle.circuit.recorder();
  for (const auto& [r, arrival] : reached) {
    Zone zone{r, arrival, {}, {}};
    // The drivers whose output pin is in the region corrode with it.
    for (auto* driver : vehicle.bc1.high_side_drivers()) {
      const auto out = net.branch_b(driver->branch());
      for (const auto& label : r->pins) {
        const auto* pin = map.find(label);
        if (pin && pin->modelled() && net.find_node(pin->node) == out) {
          zone.drivers.push_back(driver);
          break;
        }
      }
    }
    // "water.<region>.moisture"; a second water fault on the same region records under its own name.
    std::string signal = "water." + r->name + ".moisture";
    if (recorder.find(signal)) signal = std::string("water.") + basename() + "." + r->name + ".moisture";
    zone.signal = recorder.declare(signal, trace::Kind::real, "",
                                   "moisture of board region " + r->name + ", 0 (dry) to 1 (saturated)", 0.0);
    zones_.push_back(std::move(zone));
  }
}

void WaterIngress::make_films() {
  const auto& map = model::ConnectorMap::bc1();
  const auto& regions = model::BoardRegions::bc1();
  const auto& net = vehicle_.circuit.network();
  auto zone_of = [&](const std::string& label) -> std::optional<std::size_t> {
    const auto& region = regions.region_of(label);
    for (std::size_t z = 0; z < zones_.size(); ++z)
      if (zones_[z].region == &region) return z;
    return std::nullopt;
  };
  auto node_of = [&](const model::ConnectorPin& pin) -> std::optional<electrical::NodeId> {
    return pin.modelled() ? net.find_node(pin.node) : std::nullopt;
  };
  for (const auto& pin : map.pins()) {
    const auto za = zone_of(pin.label);
    if (!za) continue;
    for (const auto& nb_label : pin.neighbours) {
      const auto* nb = map.find(nb_label);
      if (nb <= &pin) continue;  // each pair once, from its first pin in map order
      const auto zb = zone_of(nb_label);
      if (!zb) continue;  // the other pin stays dry
      const auto na = node_of(pin);
      const auto nb_node = node_of(*nb);
      if (!na && !nb_node) continue;          // two bare pins: no film reaches the model
      if (na && nb_node && *na == *nb_node) continue;  // two pins of one node: nothing to leak
      films_.push_back({pin.label, nb_label, *za, *zb, std::nullopt, 0.0});
    }
  }
}

double WaterIngress::moisture(const std::string& region) const {
  for (const auto& z : zones_)
    if (z.region->name == region) return z.moisture;
  throw std::out_of_range("water fault " + std::string(basename()) + " does not wet region " + region);
}

std::optional<electrical::BranchId> WaterIngress::film(const std::string& a, const std::string& b) const {
  for (const auto& f : films_)
    if ((f.a_label == a && f.b_label == b) || (f.a_label == b && f.b_label == a)) return f.branch;
  return std::nullopt;
}

std::size_t WaterIngress::film_count() const {
  return static_cast<std::size_t>(std::count_if(films_.begin(), films_.end(), [](const Film& f) { return f.branch.has_value(); }));
}

void WaterIngress::begin() { last_s_ = 0.0; }

bool WaterIngress::water_coming(double t) const {
  if (wet_for_s_ <= 0.0) return true;
  const double into_rain = rain_every_s_ > 0.0 ? std::fmod(t, rain_every_s_) : t;
  return into_rain < wet_for_s_;
}

// The region sees the water `arrival_s` later than the first: the same law on its own clock.
void WaterIngress::wet_zone(Zone& zone, double t_global, double dt_global) const {
  const double t = t_global - zone.arrival_s;
  const double dt = std::min(dt_global, t);
  const bool coming = water_coming(t);
  if (coming && !zone.was_coming) {
    zone.rain_start_s = t;
    zone.moisture_at_rain_start = zone.moisture;
  }
  zone.was_coming = coming;
  if (coming)  // linear in time since the water came (not summed steps: exact at every step)
    zone.moisture = std::min(1.0, zone.moisture_at_rain_start + (t - zone.rain_start_s) / wetting_s_);
  else {
    zone.has_dried = zone.has_dried || zone.moisture > 0.0;
    // Drying starts when the water stopped, which may lie inside this step.
    const double cycle_start = rain_every_s_ > 0.0 ? std::floor(t / rain_every_s_) * rain_every_s_ : 0.0;
    const double drying_for = t - std::max(t - dt, cycle_start + wet_for_s_);
    zone.moisture *= std::exp(-drying_for / drying_s_);
  }
  if (!coming && zone.moisture < kDryBelow) zone.moisture = 0.0;
}

// Corrosion dose accumulates with wetness; salt speeds it up.
void WaterIngress::corrode(Zone& zone, double dt) const {
  zone.corrosion += zone.moisture * (1.0 + 2.0 * salt_) * dt / corrosion_s_;
  for (auto* driver : zone.drivers) {
    if (zone.corrosion >= 1.0) {
      if (driver->health() != model::HighSideDriver::Health::failed_open)
        driver->set_health(model::HighSideDriver::Health::failed_open);
    } else {
      const double ohms = kFreshDriverOhm * (std::exp(kCorrosionGrowth * zone.corrosion) - 1.0);
      if (driver->damage_resistance() != ohms) driver->set_damage_resistance(ohms);
    }
  }
}

electrical::NodeId WaterIngress::pin_node(const std::string& label) {
  auto& net = vehicle_.circuit.network();
  const auto* pin = model::ConnectorMap::bc1().find(label);
  if (pin->modelled())
    if (const auto node = net.find_node(pin->node)) return *node;
  const auto bare = bare_pin_node(label);
  if (const auto node = net.find_node(bare)) return *node;  // another water fault made it
  return net.add_node(bare);
}

// 1 / the film's resistance at moisture m (worked out again only when m or the residue moved,
// and then only if no other film had this m and residue last).
double WaterIngress::film_siemens(Film& film, double m, bool residue) {
  if (m == film.film_moisture && residue == film.film_residue) return film.film_siemens;
  film.film_moisture = m;
  film.film_residue = residue;
  if (m != shared_moisture_ || residue != shared_residue_) {
    const double dry_ohm = residue ? kDryLeakOhm / (1.0 + kResidueFactor * salt_) : kDryLeakOhm;
    const double wet_ohm = kWetLeakOhm / (1.0 + 4.0 * salt_);
    shared_moisture_ = m;
    shared_residue_ = residue;
    shared_siemens_ = 1.0 / geometric_between(dry_ohm, wet_ohm, m);
  }
  film.film_siemens = shared_siemens_;
  return film.film_siemens;
}

// What the dendrite conducts beyond the dry gap it grows from: exactly nothing at a dose of 0
// (its law then gives the dry gap's own resistance, bit for bit).
double WaterIngress::dendrite_siemens(Film& film) const {
  if (film.dendrite == film.dendrite_at) return film.dendrite_siemens;
  const MigrationLaw law{kDryLeakOhm, kDendriteOhm, dendrite_s_};
  film.dendrite_at = film.dendrite;
  film.dendrite_siemens = 1.0 / law.ohm_at(film.dendrite) - 1.0 / kDryLeakOhm;
  return film.dendrite_siemens;
}

// Returns whether the network changed.
bool WaterIngress::update_film(Film& film, double dt) {
  const auto& za = zones_[film.zone_a];
  const auto& zb = zones_[film.zone_b];
  const double m = std::min(za.moisture, zb.moisture);  // water must bridge the gap: the drier side
  const bool residue = za.has_dried || zb.has_dried;
  auto& net = vehicle_.circuit.network();
  if (!film.branch) {
    if (m <= 0.0 && !residue) return false;  // never wet: no branch, nothing to solve
    film.branch = net.add_resistor(std::string(basename()) + ".film." + film.a_label + "-" + film.b_label,
                                   pin_node(film.a_label), pin_node(film.b_label), electrical::kOpen);
  }
  // The bias over the last step: the operating point solved at its start.
  const auto a = net.branch_a(*film.branch);
  const auto b = net.branch_b(*film.branch);
  const MigrationLaw law{kDryLeakOhm, kDendriteOhm, dendrite_s_};
  film.dendrite = std::min(1.0, film.dendrite + law.dose(m, salt_, net.voltage(a) - net.voltage(b), dt));
  const double siemens = film_siemens(film, m, residue) + dendrite_siemens(film);
  const double ohms = 1.0 / siemens;
  const double now = net.resistance(*film.branch);
  const bool moved = !std::isfinite(now) || std::max(ohms / now, now / ohms) > kRestampRatio;
  // A film that has just saturated or dried is stamped exactly (a meter reads its end value).
  const bool settled = (m >= 1.0 || m <= 0.0) && film.dendrite <= 0.0 && ohms != now;
  if (!moved && !settled) return false;
  net.set_resistance(*film.branch, ohms);
  return true;
}

bool WaterIngress::progress(sc_core::sc_time since_onset) {
  const double t = since_onset.to_seconds();
  const double dt = t - last_s_;
  last_s_ = t;
  const auto stamp = sc_core::sc_time_stamp().value();
  auto& recorder = vehicle_.circuit.recorder();
  bool any_wet = false;
  for (auto& zone : zones_) {
    if (t < zone.arrival_s) continue;  // the water has not got there yet
    wet_zone(zone, t, dt);
    corrode(zone, std::min(dt, t - zone.arrival_s));
    recorder.record(zone.signal, stamp, zone.moisture);
    any_wet = any_wet || zone.moisture > 0.0;
  }
  bool changed = false;
  for (auto& film : films_) changed = update_film(film, dt) || changed;
  // The drivers' damage changes re-solve through the driver itself; the films through here.
  if (changed) vehicle_.circuit.request_solve();
  const bool water_ahead = wet_for_s_ <= 0.0 || rain_every_s_ > 0.0 || water_coming(t - zones_.back().arrival_s);
  // Keep stepping while water is on its way or on the board: films follow it and dendrites grow.
  return water_ahead || any_wet;
}

}  // namespace bcmhil::faults

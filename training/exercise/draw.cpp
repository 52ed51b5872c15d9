#include "draw.h"

#include "bench/scenario/quantity.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace bcmhil::training {

namespace {

// SplitMix64 (Steele, Lea, Flood 2014): a tiny generator whose output is fixed by its definition,
// so a seed means the same car on every compiler and library.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(unit() * static_cast<double>(n)); }

 private:
  std::uint64_t state_;
};

scenario::Dimension dimension_of(faults::ParamKind kind) {
  switch (kind) {
    case faults::ParamKind::duration_s: return scenario::Dimension::time;
    case faults::ParamKind::resistance_ohm: return scenario::Dimension::resistance;
    case faults::ParamKind::voltage_v: return scenario::Dimension::voltage;
    default: return scenario::Dimension::none;
  }
}

// "12.35 ohm", "0.2", "40 s": `digits` significant digits, the parameter's unit.
std::string written(double value, faults::ParamKind kind, int digits = 4) {
  char buffer[64];
  const char* unit = scenario::unit_of(dimension_of(kind));
  if (*unit) std::snprintf(buffer, sizeof buffer, "%.*g %s", digits, value, unit);
  else std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
  return buffer;
}

const PoolFault& pick_fault(const Exercise& exercise, SplitMix64& rng) {
  double total = 0;
  for (const auto& f : exercise.pool) total += f.weight;
  double x = rng.unit() * total;
  for (const auto& f : exercise.pool) {
    if (x < f.weight) return f;
    x -= f.weight;
  }
  return exercise.pool.back();  // rounding at the top end
}

std::string draw_value(const ParamDraw& d, faults::ParamKind kind, SplitMix64& rng) {
  if (!d.values.empty()) return d.values[rng.below(d.values.size())];
  const double u = rng.unit();
  const double v = d.log ? std::exp(std::log(d.min) + u * (std::log(d.max) - std::log(d.min)))
                         : d.min + u * (d.max - d.min);
  // Rounding to 4 digits may step outside a range narrower than that: then all 17 digits of a
  // double, which read back exactly.
  const auto text = written(v, kind);
  const auto back = scenario::parse_quantity(text, dimension_of(kind));
  if (back && back->value >= d.min && back->value <= d.max) return text;
  return written(std::clamp(v, d.min, d.max), kind, 17);
}

}  // namespace

faults::FaultSpec fault_spec(const std::string& type_name, const std::map<std::string, std::string>& parameters) {
  const auto* type = faults::find_fault_type(type_name);
  if (!type) throw std::invalid_argument("unknown fault type '" + type_name + "'");
  faults::FaultSpec spec;
  spec.type = type_name;
  spec.onset = sc_core::SC_ZERO_TIME;
  spec.origin = "exercise draw";
  for (const auto& p : type->params) {
    const auto given = parameters.find(p.name);
    const std::string& text = given != parameters.end() ? given->second : p.default_value;
    if (p.kind == faults::ParamKind::choice) {
      spec.choices[p.name] = text;
      continue;
    }
    const auto q = scenario::parse_quantity(text, dimension_of(p.kind));
    if (!q) throw std::invalid_argument(type_name + "." + p.name + ": '" + text + "' is not a number with a known unit");
    spec.numbers[p.name] = q->value;
  }
  return spec;
}

DrawnFault draw_fault(const Exercise& exercise, std::uint64_t seed) {
  if (exercise.pool.empty()) throw std::invalid_argument(exercise.file + ": the exercise has no pool to draw from");
  SplitMix64 rng(seed);
  const PoolFault& f = pick_fault(exercise, rng);
  const auto* type = faults::find_fault_type(f.fault);
  DrawnFault d;
  d.seed = seed;
  d.pool_id = f.id;
  d.fault = f.fault;
  d.parameters = f.where;
  for (const auto& draw : f.draws) {
    faults::ParamKind kind = faults::ParamKind::number;
    for (const auto& p : type->params)
      if (p.name == draw.name) kind = p.kind;
    d.parameters[draw.name] = draw_value(draw, kind, rng);
  }
  d.spec = fault_spec(f.fault, d.parameters);
  d.component = f.component;
  d.cause = f.cause;
  d.candidate = f.candidate();
  return d;
}

}  // namespace bcmhil::training

// Reads the variants file and multiplies each candidate's spread out into simulated cars. Every
// parameter is checked against the fault library's ParamSpec (kind, unit, range, choices) as a
// scenario's would be, and every error names file, line and column.
#include "variants.h"

#include "bench/scenario/node_reader.h"
#include "bench/scenario/quantity.h"
#include "bench/yaml/strict_yaml.h"
#include "bench/yaml/utf8_text.h"
#include "sha256.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace bcmhil::diagnosis {

namespace {

using scenario::Dimension;

constexpr const char* kHealthy = "healthy";
constexpr double kLongestExamine = 3600.0;  // s: a car is brought in within an hour of simulated time (chosen)
constexpr std::size_t kMostVariantsPerCandidate = 64;  // a spread beyond this is a typo, not a plan (chosen)

// The variants file's reader: its complaints are VariantsErrors, and a car is examined within the
// hour.
class Reader : public scenario::NodeReader {
 public:
  explicit Reader(std::string origin)
      : NodeReader(std::move(origin), [](const scenario::Location& where, const std::string& message) {
          throw VariantsError(yaml::printable(where.str() + ": " + message));
        }) {}
  std::string where(const YAML::Node& node) const { return at(node).str(); }
  sc_core::sc_time time(const YAML::Node& node, const std::string& what) const {
    return NodeReader::time(node, what, kLongestExamine, "is more than 1 h");
  }
};

Dimension dimension_of(faults::ParamKind kind) {
  switch (kind) {
    case faults::ParamKind::duration_s: return Dimension::time;
    case faults::ParamKind::resistance_ohm: return Dimension::resistance;
    case faults::ParamKind::voltage_v: return Dimension::voltage;
    default: return Dimension::none;
  }
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// One value of one parameter, checked against its ParamSpec and stored in `spec`.
void apply_value(const Reader& r, const YAML::Node& node, const faults::ParamSpec& p, const std::string& what,
                 faults::FaultSpec& spec) {
  if (p.kind == faults::ParamKind::choice) {
    const auto choice = r.text(node, what);
    if (std::find(p.choices.begin(), p.choices.end(), choice) == p.choices.end())
      r.fail(node, what + ": '" + choice + "' is not one of: " + join(p.choices));
    spec.choices[p.name] = choice;
    return;
  }
  const double number = r.quantity(node, dimension_of(p.kind), what);
  if (number < p.min || number > p.max) {
    std::ostringstream range;
    range << what << " must be between " << p.min << " and " << p.max << ", got '" << node.Scalar() << "'";
    r.fail(node, range.str());
  }
  spec.numbers[p.name] = number;
}

// A spread entry is one value or a non-empty list of them.
std::vector<YAML::Node> values_of(const Reader& r, const YAML::Node& node, const std::string& what) {
  if (node.IsScalar()) return {node};
  if (!node.IsSequence() || node.size() == 0) r.fail(node, what + " must be a value or a non-empty list of values");
  std::vector<YAML::Node> values(node.begin(), node.end());
  std::set<std::string> seen;
  for (const auto& v : values)
    if (!seen.insert(r.text(v, what)).second) r.fail(v, what + ": '" + v.Scalar() + "' is listed twice");
  return values;
}

struct CandidatePlan {
  Candidate candidate;
  const faults::FaultType* type = nullptr;  // null for the healthy car
  faults::FaultSpec base;                   // the located parameters and every default
  std::map<std::string, std::string> fixed_text;                      // scenario-style text of every parameter
  std::vector<std::pair<const faults::ParamSpec*, std::vector<YAML::Node>>> spread;  // in the library's order
  sc_core::sc_time examine_at;
};

CandidatePlan read_candidate(const Reader& r, const YAML::Node& node, sc_core::sc_time examine_at) {
  r.expect_keys(node, {"fault", "where", "prior", "spread", "examine_at", "at"}, "a candidate");
  if (!node["fault"]) r.fail(node, "a candidate needs 'fault' (a fault type of the library, or healthy)");
  if (!node["prior"]) r.fail(node, "a candidate needs 'prior' (its relative field frequency, an estimate)");
  CandidatePlan plan;
  plan.candidate.fault = r.text(node["fault"], "fault");
  plan.candidate.prior = r.quantity(node["prior"], Dimension::none, "prior");
  if (!(plan.candidate.prior > 0)) r.fail(node["prior"], "prior must be above 0");
  plan.examine_at = node["examine_at"] ? r.time(node["examine_at"], "examine_at") : examine_at;
  if (plan.candidate.fault == kHealthy) {
    for (const char* key : {"where", "spread", "at"})
      if (node[key]) r.fail(node[key], std::string("the healthy car takes no '") + key + "'");
    return plan;
  }
  plan.type = faults::find_fault_type(plan.candidate.fault);
  if (!plan.type) {
    std::vector<std::string> known{kHealthy};
    for (const auto& t : faults::fault_library()) known.push_back(t.name);
    r.fail(node["fault"], "unknown fault type '" + plan.candidate.fault + "' (known: " + join(known) + ")");
  }
  std::set<std::string> names;
  for (const auto& p : plan.type->params) names.insert(p.name);
  plan.base.type = plan.type->name;
  plan.base.origin = r.where(node);
  plan.base.onset = node["at"] ? r.time(node["at"], "at") : sc_core::SC_ZERO_TIME;
  if (plan.base.onset > plan.examine_at) r.fail(node["at"], "the fault starts after the car is examined");
  const YAML::Node where = node["where"];
  const YAML::Node spread = node["spread"];
  if (where) r.expect_keys(where, names, "where (" + plan.type->name + ")");
  if (spread) r.expect_keys(spread, names, "spread (" + plan.type->name + ")");
  for (const auto& p : plan.type->params) {
    const std::string what = plan.type->name + "." + p.name;
    if (where && where[p.name]) {
      if (spread && spread[p.name]) r.fail(spread[p.name], what + " is given in both 'where' and 'spread'");
      if (p.kind != faults::ParamKind::choice)
        r.fail(where[p.name], what + " is a quantity, not a place: it belongs in 'spread'");
      apply_value(r, where[p.name], p, what, plan.base);
      plan.candidate.parameters[p.name] = plan.fixed_text[p.name] = where[p.name].Scalar();
    } else if (spread && spread[p.name]) {
      plan.spread.emplace_back(&p, values_of(r, spread[p.name], what));
      for (const auto& v : plan.spread.back().second) apply_value(r, v, p, what, plan.base);  // check each
    } else {
      apply_value(r, YAML::Node(p.default_value), p, what, plan.base);
      plan.fixed_text[p.name] = p.default_value;
    }
  }
  return plan;
}

// The spread's product, the last parameter varying fastest.
std::vector<VariantCar> expand(const Reader& r, const YAML::Node& node, const CandidatePlan& plan, int index) {
  std::size_t total = 1;
  for (const auto& [p, values] : plan.spread) total *= values.size();
  if (total > kMostVariantsPerCandidate)
    r.fail(node, plan.candidate.key() + " spreads into " + std::to_string(total) + " variants (at most " +
                     std::to_string(kMostVariantsPerCandidate) + ")");
  std::vector<VariantCar> cars;
  for (std::size_t n = 0; n < total; ++n) {
    VariantCar car;
    car.examine_at = plan.examine_at;
    car.variant.candidate = index;
    car.variant.id = plan.candidate.key() + "#" + std::to_string(n);
    car.variant.parameters = plan.fixed_text;
    faults::FaultSpec spec = plan.base;
    std::size_t rest = n;
    for (auto it = plan.spread.rbegin(); it != plan.spread.rend(); ++it) {
      const auto& [p, values] = *it;
      const YAML::Node& v = values[rest % values.size()];
      rest /= values.size();
      apply_value(r, v, *p, p->name, spec);
      car.variant.parameters[p->name] = v.Scalar();
    }
    if (plan.type) car.faults.push_back(spec);
    cars.push_back(std::move(car));
  }
  return cars;
}

}  // namespace

VariantsFile parse_variants(const std::string& text, const std::string& origin) {
  const Reader r(origin);
  const YAML::Node root = r.load(text);
  r.expect_keys(root, {"format", "examine_at", "candidates"}, "the variants file");
  if (!root["format"] || r.text(root["format"], "format") != "bcmhil-variants/1")
    r.fail(root["format"] ? root["format"] : root, "format must be bcmhil-variants/1");
  if (!root["examine_at"]) r.fail(root, "the variants file needs 'examine_at' (when the car is examined)");
  const auto examine_at = r.time(root["examine_at"], "examine_at");
  const YAML::Node list = root["candidates"];
  if (!list || !list.IsSequence() || list.size() == 0) r.fail(list ? list : root, "'candidates' must be a non-empty list");

  VariantsFile file;
  file.file = origin;
  file.sha256 = sha256_hex(text);
  std::set<std::string> keys;
  for (const auto& node : list) {
    auto plan = read_candidate(r, node, examine_at);
    if (!keys.insert(plan.candidate.key()).second)
      r.fail(node, "candidate " + plan.candidate.key() + " is listed twice");
    const int index = static_cast<int>(file.candidates.size());
    for (auto& car : expand(r, node, plan, index)) file.cars.push_back(std::move(car));
    file.candidates.push_back(plan.candidate);
  }
  return file;
}

VariantsFile load_variants(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw VariantsError(path + ": cannot read the variants file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_variants(text.str(), path);
}

std::string shipped_variants_path() { return std::string(BCMHIL_DIAGNOSIS_DIR) + "/variants/bc1-variants.yaml"; }

}  // namespace bcmhil::diagnosis

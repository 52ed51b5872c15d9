#include "catalogue.h"
#include "sha256.h"

#include "bench/scenario/node_reader.h"
#include "bench/scenario/quantity.h"
#include "bench/yaml/strict_yaml.h"
#include "bench/yaml/utf8_text.h"
#include "model/diag/reference_tables.h"
#include "model/instruments/placement.h"


#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace bcmhil::diagnosis {

using scenario::Dimension;
using scenario::Location;
using sc_core::sc_time;

CatalogueError::CatalogueError(const Location& where, const std::string& message)
    // One printable line whatever the file held: a key with a carriage return in it is shown as \x0D.
    : std::runtime_error(yaml::printable(where.str() + ": " + message)), where_(where) {}

const std::vector<std::string>& catalogue_paths() {
  static const std::vector<std::string> paths{"hatch", "central_locking", "indicators", "kline", "fob", "alarm", "power",
                                                "wipers", "lights", "climate"};
  return paths;
}

const std::vector<std::string>& catalogue_units() {
  static const std::vector<std::string> units{"V", "A", "ohm", "W", "flashes", "count", "state", "yes/no"};
  return units;
}

const std::vector<std::string>& catalogue_ds2_jobs() {
  static const std::vector<std::string> jobs{"faults", "info", "inputs", "outputs", "rf", "analog", "ident"};
  return jobs;
}

const std::vector<std::string>& catalogue_instruments() { return instruments::instrument_names(); }

const char* to_string(ReadKind kind) {
  switch (kind) {
    case ReadKind::signal: return "signal";
    case ReadKind::ds2: return "ds2";
    case ReadKind::instrument: return "instrument";
  }
  return "?";
}

const char* to_string(Reduce reduce) {
  switch (reduce) {
    case Reduce::max: return "max";
    case Reduce::min: return "min";
    case Reduce::last: return "last";
    case Reduce::count: return "count";
  }
  return "?";
}

int CatalogueTest::classify(double raw) const {
  if (std::isnan(raw)) {
    for (std::size_t i = 0; i < classes.size(); ++i)
      if (classes[i].none) return static_cast<int>(i);
    return static_cast<int>(classes.size()) - 1;
  }
  int last = 0;
  for (std::size_t i = 0; i < classes.size(); ++i) {
    if (classes[i].none) continue;
    last = static_cast<int>(i);
    if (raw < classes[i].below) return last;
  }
  return last;
}

TestInfo CatalogueTest::info() const {
  TestInfo info;
  info.id = id;
  info.cost_min = cost_min;
  info.unit = unit == "yes/no" ? "" : unit;
  for (const auto& c : classes) info.classes.push_back(c.name);
  return info;
}

Range CatalogueTest::range() const {
  // What the instrument can display at all (its own range(): a DVM's ±1000 V...); for a probe
  // or observation in the same unit, the instrument that would read it; counts of what happens
  // in a few seconds (chosen).
  if (kind == ReadKind::instrument) {
    const auto r = instruments::range_of(*instruments::instrument_kind(instrument.instrument));
    return {r.min, r.max};
  }
  if (unit == "V") return {-1000, 1000};
  if (unit == "A") return {-600, 600};
  if (unit == "ohm") return {-60e6, 60e6};
  if (unit == "W") return {0, 1000};
  if (unit == "flashes" || unit == "count") return {0, 100};
  if (unit == "state") return {0, 2};
  if (unit == "yes/no") return {0, 1};
  if (kind == ReadKind::ds2 && ds2.job == "analog") return {0, 256};
  return {-1e6, 1e6};
}

namespace {
// The steps whose `duration` is how long a person holds something (the others happen at once).
bool holds(scenario::Action action) {
  using scenario::Action;
  return action == Action::press_lid_handle || action == Action::press_switch || action == Action::turn_key ||
         action == Action::press_lock_button || action == Action::press_hazard || action == Action::obstruct_window;
}
}  // namespace

sc_time CatalogueTest::duration() const {
  sc_time end = to;
  for (const auto& s : stimulus) {
    sc_time held = s.at;
    if (s.person && holds(s.person->action)) held += s.person->duration;
    end = std::max(end, held);
  }
  return end;
}

const CatalogueTest* Catalogue::find(const std::string& id) const {
  for (const auto& t : tests)
    if (t.id == id) return &t;
  return nullptr;
}

namespace {

// A test may not run longer than this after its stimulus starts (chosen): long enough for the
// module's 60 s sleep timer (a parasitic-drain test waits for it), short enough that a test
// that idles costs little (the clock is gated while nothing happens).
constexpr double kLongestTestS = 120.0;

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

bool one_of(const std::string& value, const std::vector<std::string>& names) {
  return std::find(names.begin(), names.end(), value) != names.end();
}

// The catalogue's reader: its complaints are CatalogueErrors, a test lasts at most 2 min, and
// a test lamp's power is written in W.
class Reader : public scenario::NodeReader {
 public:
  explicit Reader(std::string origin)
      : NodeReader(std::move(origin), [](const Location& where, const std::string& message) {
          throw CatalogueError(where, message);
        }) {}
  // Watts ("2.1 W" or a bare number): a test lamp's power; the scenario quantities know no W.
  double watts(const YAML::Node& node, const std::string& what) const {
    std::string value = text(node, what);
    if (value.size() > 1 && value.back() == 'W') value.pop_back();
    const auto q = scenario::parse_quantity(value, Dimension::none);
    if (!q || q->dimension != Dimension::none || !std::isfinite(q->value))
      fail(node, what + ": expected a value in W, got '" + node.Scalar() + "'");
    return q->value;
  }
  sc_time time(const YAML::Node& node, const std::string& what) const {
    return NodeReader::time(node, what, kLongestTestS, "is too long for a test (at most 2 min)");
  }
};

Dimension dimension_of(const std::string& unit) {
  if (unit == "V") return Dimension::voltage;
  if (unit == "A") return Dimension::current;
  if (unit == "ohm") return Dimension::resistance;
  return Dimension::none;
}

std::optional<WorkshopAction::Kind> workshop_action(const std::string& name) {
  using K = WorkshopAction::Kind;
  if (name == "unplug") return K::unplug;
  if (name == "plug") return K::plug;
  if (name == "pull_fuse") return K::pull_fuse;
  if (name == "refit_fuse") return K::refit_fuse;
  if (name == "flex_loom") return K::flex_loom;
  return std::nullopt;
}

StimulusStep read_stimulus_step(const Reader& r, const YAML::Node& node) {
  if (!node.IsMap()) r.fail(node, "a stimulus step must be a mapping with 'at' and 'do'");
  StimulusStep step;
  step.where = r.at(node);
  const auto action = r.text(r.need(node, "do", "a stimulus step"), "do");
  if (const auto kind = workshop_action(action)) {
    const bool fuse = *kind == WorkshopAction::Kind::pull_fuse || *kind == WorkshopAction::Kind::refit_fuse;
    const char* key = fuse ? "fuse" : *kind == WorkshopAction::Kind::flex_loom ? "loom" : "connector";
    r.expect_keys(node, {"at", "do", key}, "step " + action);
    step.at = r.time(r.need(node, "at", "a stimulus step"), "at");
    step.workshop = WorkshopAction{*kind, r.text(r.need(node, key, "step " + action), key)};
    return step;
  }
  try {
    step.person = scenario::parse_step(node, r.origin(), sc_time(kLongestTestS, sc_core::SC_SEC));
  } catch (const scenario::ScenarioError& e) {
    // Name the workshop actions too: the scenario parser knows only a person's steps.
    std::string message = e.message();
    if (message.rfind("unknown action", 0) == 0) message += "; or a workshop action: unplug, plug, pull_fuse, refit_fuse, flex_loom";
    throw CatalogueError(e.where(), message);
  }
  step.at = step.person->at;
  return step;
}

// The item must be one the module's reference tables know (bc1_bits.csv, bc1_analog.csv,
// bc1_forttexte.csv, bc1_iorttexte.csv): a misspelt name would read as "off" for ever.
void check_ds2_item(const Reader& r, const YAML::Node& node, const Ds2Read& read) {
  const auto& tables = diag::ReferenceTables::bc1();
  const std::string& item = read.item;
  if (read.job == "faults" || read.job == "info") {
    char* end = nullptr;
    const long code = std::strtol(item.c_str(), &end, 16);
    if (item.rfind("0x", 0) != 0 || *end != '\0' || code < 0 || code > 0xFF)
      r.fail(node, "item must be a code 0x00-0xFF, got '" + item + "'");
    if (read.job == "faults" && !tables.known_fault(static_cast<uint8_t>(code)))
      r.fail(node, "fault code " + item + " is not in bc1_forttexte.csv");
    return;
  }
  bool known = false;
  if (read.job == "inputs") known = item.rfind("DIP_", 0) == 0 && tables.find_bit(item);
  if (read.job == "outputs") known = item.rfind("DOP_", 0) == 0 && tables.find_bit(item);
  if (read.job == "rf") known = item.rfind("STAT_RF_", 0) == 0 && tables.find_bit(item.substr(5));
  if (read.job == "analog") known = tables.find_analog(item) != nullptr;
  if (!known)
    r.fail(node, "'" + item + "' is not a signal the DS2 job " + read.job + " reports (see bc1_bits.csv / bc1_analog.csv; " +
                     "inputs: DIP_..., outputs: DOP_..., rf: STAT_RF_..., analog: AIP_...)");
}

const char* instrument_unit(const std::string& name) {
  switch (*instruments::instrument_kind(name)) {
    case instruments::InstrumentKind::voltmeter: return "V";
    case instruments::InstrumentKind::ohmmeter: return "ohm";
    case instruments::InstrumentKind::clamp: return "A";
    case instruments::InstrumentKind::test_lamp: return "W";
  }
  return "";
}

void read_read(const Reader& r, const YAML::Node& node, CatalogueTest& t) {
  if (!node.IsMap()) r.fail(node, "read must be a mapping: {signal: ...}, {ds2: ...} or {instrument: ...}");
  if (node["signal"]) {
    r.expect_keys(node, {"signal"}, "read");
    t.kind = ReadKind::signal;
    t.signal = r.text(node["signal"], "signal");
  } else if (node["ds2"]) {
    r.expect_keys(node, {"ds2", "item"}, "read");
    t.kind = ReadKind::ds2;
    t.ds2.job = r.text(node["ds2"], "ds2");
    if (!one_of(t.ds2.job, catalogue_ds2_jobs()))
      r.fail(node["ds2"], "unknown DS2 job '" + t.ds2.job + "' (known: " + joined(catalogue_ds2_jobs()) + ")");
    if (t.ds2.job == "ident") {
      if (node["item"]) r.fail(node["item"], "ds2 ident reads whether the module answers: no 'item'");
    } else {
      t.ds2.item = r.text(r.need(node, "item", "a ds2 " + t.ds2.job + " read"), "item");
      check_ds2_item(r, node["item"], t.ds2);
    }
  } else if (node["instrument"]) {
    r.expect_keys(node, {"instrument", "plus", "minus", "at"}, "read");
    t.kind = ReadKind::instrument;
    t.instrument.instrument = r.text(node["instrument"], "instrument");
    if (!one_of(t.instrument.instrument, catalogue_instruments()))
      r.fail(node["instrument"], "unknown instrument '" + t.instrument.instrument + "' (known: " +
                                     joined(catalogue_instruments()) + ")");
    if (t.instrument.instrument == "clamp") {
      if (node["plus"] || node["minus"]) r.fail(node, "a clamp goes 'at' one place (a wire, the battery lead)");
      t.instrument.plus = r.text(r.need(node, "at", "a clamp read"), "at");
    } else {
      if (node["at"]) r.fail(node["at"], "'at' is for a clamp; a " + t.instrument.instrument + " has 'plus' and 'minus'");
      t.instrument.plus = r.text(r.need(node, "plus", "a " + t.instrument.instrument + " read"), "plus");
      t.instrument.minus = r.text(r.need(node, "minus", "a " + t.instrument.instrument + " read"), "minus");
    }
    const char* unit = instrument_unit(t.instrument.instrument);
    if (t.unit != unit)
      r.fail(node["instrument"], "a " + t.instrument.instrument + " reads " + unit + ", but the test's unit is " + t.unit);
  } else {
    r.fail(node, "read needs one of 'signal', 'ds2' or 'instrument'");
  }
}

void read_window(const Reader& r, const YAML::Node& test, CatalogueTest& t) {
  if (t.kind == ReadKind::ds2) {
    if (test["window"] || test["reduce"])
      r.fail(test["window"] ? test["window"] : test["reduce"], "a ds2 read happens at one instant: give 'at', not 'window' or 'reduce'");
    t.from = t.to = r.time(r.need(test, "at", "a ds2 test"), "at");
    t.reduce = Reduce::last;
    return;
  }
  if (test["at"]) r.fail(test["at"], "'at' is for a ds2 read; this test needs 'window: [from, to]' and 'reduce'");
  const auto window = r.need(test, "window", "test " + t.id);
  if (!window.IsSequence() || window.size() != 2) r.fail(window, "window must be [from, to]");
  t.from = r.time(window[0], "window start");
  t.to = r.time(window[1], "window end");
  if (t.to <= t.from) r.fail(window, "the window must end after it starts");
  const auto reduce = r.text(r.need(test, "reduce", "test " + t.id), "reduce");
  if (reduce == "max") t.reduce = Reduce::max;
  else if (reduce == "min") t.reduce = Reduce::min;
  else if (reduce == "last") t.reduce = Reduce::last;
  else if (reduce == "count") t.reduce = Reduce::count;
  else r.fail(test["reduce"], "reduce must be max, min, last or count, got '" + reduce + "'");
  if (t.reduce == Reduce::count && t.kind != ReadKind::signal)
    r.fail(test["reduce"], "count (rising edges) is for an on/off signal read");
}

void read_classes(const Reader& r, const YAML::Node& node, CatalogueTest& t) {
  if (!node.IsSequence() || node.size() < 2) r.fail(node, "classes must be a list of at least two outcome classes");
  const Dimension dimension = dimension_of(t.unit);
  std::set<std::string> names;
  double previous = -std::numeric_limits<double>::infinity();
  bool open_ended = false;
  for (const auto& c : node) {
    r.expect_keys(c, {"name", "below", "none", "means"}, "an outcome class");
    OutcomeClass oc;
    oc.name = r.text(r.need(c, "name", "an outcome class"), "name");
    if (!names.insert(oc.name).second) r.fail(c["name"], "class '" + oc.name + "' given twice");
    if (c["means"]) oc.means = r.text(c["means"], "means");
    if (c["none"]) {
      if (r.text(c["none"], "none") != "true") r.fail(c["none"], "none must be true (the class of 'shows nothing')");
      if (c["below"]) r.fail(c["below"], "the 'none' class holds no reading, so it has no 'below'");
      oc.none = true;
      t.classes.push_back(oc);
      continue;
    }
    if (open_ended) r.fail(c, "a class after the open-ended one (without 'below') can never be reached");
    if (c["below"]) {
      oc.below = t.unit == "W" ? r.watts(c["below"], "below") : r.quantity(c["below"], dimension, "below");
      if (oc.below <= previous) r.fail(c["below"], "thresholds must rise from class to class");
      previous = oc.below;
    } else {
      open_ended = true;
    }
    t.classes.push_back(oc);
  }
  if (!open_ended) r.fail(node, "the last class needs no 'below': every reading above the thresholds must fall somewhere");
  const auto nones = std::count_if(t.classes.begin(), t.classes.end(), [](const OutcomeClass& c) { return c.none; });
  if (nones > 1) r.fail(node, "at most one 'none' class");
  if (t.classes.size() - static_cast<std::size_t>(nones) < 2) r.fail(node, "a test needs at least two threshold classes");
}

CatalogueTest read_test(const Reader& r, const YAML::Node& node) {
  r.expect_keys(node,
                {"id", "path", "title", "access", "cost_min", "unit", "stimulus", "read", "window", "at", "reduce",
                 "classes", "words"},
                "a test");
  CatalogueTest t;
  t.where = r.at(node);
  t.id = r.text(r.need(node, "id", "a test"), "id");
  if (t.id.empty() || t.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") != std::string::npos)
    r.fail(node["id"], "id must be lower-case letters, digits and . _ - (got '" + t.id + "')");
  t.path = r.text(r.need(node, "path", "test " + t.id), "path");
  if (!one_of(t.path, catalogue_paths()))
    r.fail(node["path"], "path must be one of " + joined(catalogue_paths()) + ", got '" + t.path + "'");
  t.title = r.text(r.need(node, "title", "test " + t.id), "title");
  t.access = r.text(r.need(node, "access", "test " + t.id), "access");
  t.words = r.text(r.need(node, "words", "test " + t.id), "words");
  t.cost_min = r.quantity(r.need(node, "cost_min", "test " + t.id), Dimension::none, "cost_min");
  if (t.cost_min < 0 || t.cost_min > 480) r.fail(node["cost_min"], "cost_min must be 0-480 workshop minutes");
  t.unit = r.text(r.need(node, "unit", "test " + t.id), "unit");
  if (!one_of(t.unit, catalogue_units()))
    r.fail(node["unit"], "unit must be one of " + joined(catalogue_units()) + ", got '" + t.unit + "'");
  if (const auto stimulus = node["stimulus"]) {
    if (!stimulus.IsSequence()) r.fail(stimulus, "stimulus must be a list of steps ([] for none)");
    for (const auto& s : stimulus) t.stimulus.push_back(read_stimulus_step(r, s));
    std::stable_sort(t.stimulus.begin(), t.stimulus.end(),
                     [](const StimulusStep& a, const StimulusStep& b) { return a.at < b.at; });
  }
  read_read(r, r.need(node, "read", "test " + t.id), t);
  read_window(r, node, t);
  read_classes(r, r.need(node, "classes", "test " + t.id), t);
  return t;
}

}  // namespace

Catalogue parse_catalogue(const std::string& text, const std::string& origin) {
  const Reader r(origin);
  const YAML::Node root = r.load(text);
  if (!root.IsMap()) throw CatalogueError({origin, 1, 1}, "a catalogue must be a YAML mapping (format:, tests:)");
  try {
    r.expect_keys(root, {"format", "model", "tests"}, "the catalogue");
    const auto format = r.text(r.need(root, "format", "the catalogue"), "format");
    if (format != "bcmhil-test-catalogue/1")
      r.fail(root["format"], "format must be bcmhil-test-catalogue/1, got '" + format + "'");
    const auto model = r.text(r.need(root, "model", "the catalogue"), "model");
    if (model != "bc1") r.fail(root["model"], "model must be bc1 (the only module modelled), got '" + model + "'");
    const auto tests = r.need(root, "tests", "the catalogue");
    if (!tests.IsSequence() || tests.size() == 0) r.fail(tests, "tests must be a non-empty list");
    Catalogue c;
    c.file = origin;
    c.sha256 = sha256_hex(text);
    for (const auto& node : tests) {
      auto t = read_test(r, node);
      if (const auto* first = c.find(t.id))
        r.fail(node["id"], "test id '" + t.id + "' given twice (first at " + first->where.str() + ")");
      c.tests.push_back(std::move(t));
    }
    return c;
  } catch (const YAML::Exception& e) {
    throw CatalogueError({origin, e.mark.line + 1, e.mark.column + 1}, e.msg);
  }
}

Catalogue load_catalogue(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CatalogueError({path, 0, 0}, "cannot open the catalogue file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_catalogue(text.str(), path);
}

std::string shipped_catalogue_path() { return std::string(BCMHIL_DIAGNOSIS_DIR) + "/catalogue/bc1-tests.yaml"; }

}  // namespace bcmhil::diagnosis

// The dictionary as JSON and CSV. The JSON keeps one test, candidate or variant per line (a diff
// between two dictionaries reads as the variants that changed); numbers are written in their
// shortest round-trip form, so the same dictionary always gives the same bytes.
#include "dictionary_io.h"

#include "bench/output/atomic_file.h"
#include "bench/yaml/utf8_text.h"
#include "model_version.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

namespace bcmhil::diagnosis {

namespace {

using nlohmann::json;

json reading_json(const Reading& r) {
  json raw = std::isfinite(r.raw) ? json(r.raw) : json(nullptr);  // NaN: the instrument showed nothing
  return json::array({raw, r.outcome});
}

json variant_json(const Dictionary& d, std::size_t v) {
  json readings = json::array();
  for (const auto& r : d.readings.at(v)) readings.push_back(reading_json(r));
  const auto& variant = d.variants[v];
  return {{"id", variant.id}, {"candidate", variant.candidate}, {"parameters", variant.parameters},
          {"readings", readings}};
}

template <typename T, typename F>
void write_list(std::ostream& out, const char* key, const std::vector<T>& items, F to_json, bool last) {
  out << " \"" << key << "\": [";
  for (std::size_t i = 0; i < items.size(); ++i) out << (i ? ",\n  " : "\n  ") << to_json(i).dump();
  out << (items.empty() ? "]" : "\n ]") << (last ? "\n" : ",\n");
}

// The shape checks of the loader: each names the JSON path of what is wrong.
class Shape {
 public:
  explicit Shape(std::string origin) : origin_(std::move(origin)) {}
  // One printable line: a key or an id of the file may hold any character JSON can escape.
  [[noreturn]] void fail(const std::string& path, const std::string& message) const {
    throw DictionaryError(yaml::printable(origin_ + ": " + path + ": " + message));
  }
  // A number that is finite (JSON's 1e999 reads as infinity) and at least `min`.
  double number(const json& object, const std::string& path, const char* key, double min) const {
    const double x = field(object, path, key, json::value_t::number_float).get<double>();
    const std::string at = path.empty() ? key : path + "." + key;
    if (!std::isfinite(x)) fail(at, "not a finite number");
    if (x < min) fail(at, "must be at least " + json(min).dump());
    return x;
  }
  // A whole number from `min` to `max`, checked before it is narrowed (4294967296 is not 0).
  static bool whole_in(const json& value, long long min, long long max) {
    if (!value.is_number_integer()) return false;
    if (value.is_number_unsigned()) return value.get<unsigned long long>() <= static_cast<unsigned long long>(max);
    return value.get<long long>() >= min && value.get<long long>() <= max;
  }
  int whole(const json& value, const std::string& at, long long min, long long max) const {
    if (!value.is_number_integer()) fail(at, "expected a whole number");
    if (!whole_in(value, min, max))
      fail(at, value.dump() + " is not from " + std::to_string(min) + " to " + std::to_string(max));
    return static_cast<int>(value.get<long long>());
  }
  const json& field(const json& object, const std::string& path, const char* key, json::value_t type) const {
    if (!object.is_object()) fail(path.empty() ? "top level" : path, "expected an object");
    const auto it = object.find(key);
    const std::string at = path.empty() ? key : path + "." + key;
    if (it == object.end()) fail(at, "missing");
    if (!same_kind(it->type(), type)) fail(at, std::string("expected ") + kind_name(type) + ", got " + it->type_name());
    return *it;
  }

 private:
  static bool same_kind(json::value_t got, json::value_t want) {
    if (want == json::value_t::number_float) return got == json::value_t::number_float || is_integer(got);
    if (want == json::value_t::number_integer) return is_integer(got);
    return got == want;
  }
  static bool is_integer(json::value_t t) {
    return t == json::value_t::number_integer || t == json::value_t::number_unsigned;
  }
  static const char* kind_name(json::value_t t) {
    switch (t) {
      case json::value_t::string: return "a string";
      case json::value_t::array: return "an array";
      case json::value_t::object: return "an object";
      case json::value_t::number_integer: return "a whole number";
      default: return "a number";
    }
  }
  std::string origin_;
};

std::map<std::string, std::string> string_map(const Shape& s, const json& object, const std::string& path) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : object.items()) {
    if (!value.is_string()) s.fail(path + "." + name, "expected a string");
    out[name] = value.get<std::string>();
  }
  return out;
}

void read_tests(const Shape& s, const json& root, Dictionary& d) {
  const auto& tests = s.field(root, "", "tests", json::value_t::array);
  for (std::size_t i = 0; i < tests.size(); ++i) {
    const std::string at = "tests[" + std::to_string(i) + "]";
    TestInfo t;
    t.id = s.field(tests[i], at, "id", json::value_t::string).get<std::string>();
    t.cost_min = s.number(tests[i], at, "cost_min", 0.0);
    t.unit = s.field(tests[i], at, "unit", json::value_t::string).get<std::string>();
    const auto& classes = s.field(tests[i], at, "classes", json::value_t::array);
    for (std::size_t c = 0; c < classes.size(); ++c) {
      if (!classes[c].is_string()) s.fail(at + ".classes[" + std::to_string(c) + "]", "expected a string");
      t.classes.push_back(classes[c].get<std::string>());
    }
    if (t.classes.empty()) s.fail(at + ".classes", "a test needs at least one outcome class");
    if (d.test_index(t.id) >= 0) s.fail(at + ".id", "'" + t.id + "' is given twice");
    d.tests.push_back(std::move(t));
  }
}

void read_candidates(const Shape& s, const json& root, Dictionary& d) {
  const auto& candidates = s.field(root, "", "candidates", json::value_t::array);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::string at = "candidates[" + std::to_string(i) + "]";
    Candidate c;
    c.fault = s.field(candidates[i], at, "fault", json::value_t::string).get<std::string>();
    c.parameters = string_map(s, s.field(candidates[i], at, "parameters", json::value_t::object), at + ".parameters");
    c.prior = s.number(candidates[i], at, "prior", 0.0);
    if (!(c.prior > 0) || c.prior > 1e6) s.fail(at + ".prior", "must be above 0 and at most 1e6 (a relative frequency)");
    for (const auto& other : d.candidates)
      if (other.key() == c.key()) s.fail(at, "candidate '" + c.key() + "' is given twice");
    d.candidates.push_back(std::move(c));
  }
}

Reading read_reading(const Shape& s, const json& r, const std::string& at, const TestInfo& test) {
  if (!r.is_array() || r.size() != 2) s.fail(at, "expected [raw, outcome]");
  Reading reading;
  if (r[0].is_null()) reading.raw = std::numeric_limits<double>::quiet_NaN();
  else if (r[0].is_number() && std::isfinite(r[0].get<double>())) reading.raw = r[0].get<double>();
  else s.fail(at + "[0]", "expected a finite number or null");
  const int classes = static_cast<int>(test.classes.size());
  if (r[1].is_number_integer() && !Shape::whole_in(r[1], 0, classes - 1))
    s.fail(at + "[1]", "outcome " + r[1].dump() + " is not a class of test " + test.id);
  reading.outcome = s.whole(r[1], at + "[1]", 0, classes - 1);
  return reading;
}

void read_variants(const Shape& s, const json& root, Dictionary& d) {
  const auto& variants = s.field(root, "", "variants", json::value_t::array);
  if (variants.empty() && d.shard_count <= 1) s.fail("variants", "a dictionary needs at least one variant");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const std::string at = "variants[" + std::to_string(i) + "]";
    Variant v;
    v.id = s.field(variants[i], at, "id", json::value_t::string).get<std::string>();
    const auto& candidate = s.field(variants[i], at, "candidate", json::value_t::number_integer);
    if (d.candidates.empty()) s.fail(at + ".candidate", "no candidate " + candidate.dump());
    v.candidate = s.whole(candidate, at + ".candidate", 0, static_cast<long long>(d.candidates.size()) - 1);
    if (!ids.insert(v.id).second) s.fail(at + ".id", "'" + v.id + "' is given twice");
    v.parameters = string_map(s, s.field(variants[i], at, "parameters", json::value_t::object), at + ".parameters");
    const auto& readings = s.field(variants[i], at, "readings", json::value_t::array);
    if (readings.size() != d.tests.size())
      s.fail(at + ".readings", std::to_string(readings.size()) + " readings for " + std::to_string(d.tests.size()) +
                                   " tests");
    std::vector<Reading> row;
    for (std::size_t t = 0; t < readings.size(); ++t)
      row.push_back(read_reading(s, readings[t], at + ".readings[" + std::to_string(t) + "]", d.tests[t]));
    d.variants.push_back(std::move(v));
    d.readings.push_back(std::move(row));
  }
}

// 1-based line and column of the byte before `byte` (nlohmann counts the offending byte as read).
std::pair<int, int> line_column(const std::string& text, std::size_t byte) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') ++line, column = 1;
    else ++column;
  }
  return {line, column};
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string dictionary_json(const Dictionary& d) {
  std::ostringstream out;
  out << "{\n";
  out << " \"format\": " << json(kDictionaryFormat).dump() << ",\n";
  out << " \"model_version\": " << json(d.model_version).dump() << ",\n";
  out << " \"catalogue_sha256\": " << json(d.catalogue_sha256).dump() << ",\n";
  out << " \"variants_sha256\": " << json(d.variants_sha256).dump() << ",\n";
  // Only a part says which: the merged whole is byte for byte the dictionary of one machine.
  if (d.shard_count > 1)
    out << " \"shard\": " << json{{"index", d.shard_index}, {"count", d.shard_count}}.dump() << ",\n";
  write_list(out, "tests", d.tests, [&](std::size_t i) {
    const auto& t = d.tests[i];
    return json{{"id", t.id}, {"cost_min", t.cost_min}, {"unit", t.unit}, {"classes", t.classes}};
  }, false);
  write_list(out, "candidates", d.candidates, [&](std::size_t i) {
    const auto& c = d.candidates[i];
    return json{{"fault", c.fault}, {"parameters", c.parameters}, {"prior", c.prior}};
  }, false);
  write_list(out, "variants", d.variants, [&](std::size_t i) { return variant_json(d, i); }, true);
  out << "}\n";
  return out.str();
}

std::string dictionary_csv(const Dictionary& d) {
  std::ostringstream out;
  out << "variant,candidate,fault,prior,test,unit,raw,outcome,class\n";
  for (std::size_t v = 0; v < d.variants.size(); ++v) {
    const auto& variant = d.variants[v];
    const auto& candidate = d.candidates.at(variant.candidate);
    for (std::size_t t = 0; t < d.tests.size(); ++t) {
      const auto& r = d.readings.at(v).at(t);
      const auto& test = d.tests[t];
      out << csv_field(variant.id) << ',' << csv_field(candidate.key()) << ',' << csv_field(candidate.fault) << ','
          << json(candidate.prior).dump() << ',' << csv_field(test.id) << ',' << csv_field(test.unit) << ','
          << (std::isfinite(r.raw) ? json(r.raw).dump() : std::string()) << ',' << r.outcome << ','
          << csv_field(test.classes.at(r.outcome)) << '\n';
    }
  }
  return out.str();
}

void write_dictionary_json(const Dictionary& d, const std::string& path) {
  const auto text = dictionary_json(d);
  output::write_file(path, [&](std::ostream& out) { out << text; });
}

void write_dictionary_csv(const Dictionary& d, const std::string& path) {
  const auto text = dictionary_csv(d);
  output::write_file(path, [&](std::ostream& out) { out << text; });
}

Dictionary parse_dictionary(const std::string& text, const std::string& origin,
                            const std::string& expect_model_version) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::out_of_range& e) {
    // A number past a double ("1e999"): nlohmann names the token but not where it is.
    std::string why = e.what();
    const auto quote = why.find('\'');
    const std::string token = quote == std::string::npos ? "" : why.substr(quote + 1, why.rfind('\'') - quote - 1);
    const auto at = token.empty() ? std::string::npos : text.find(token);
    const auto [line, column] = line_column(text, at == std::string::npos ? 0 : at + 1);
    throw DictionaryError(yaml::printable(origin + ":" + std::to_string(line) + ":" + std::to_string(column) +
                                          ": malformed JSON: the number '" + token + "' is out of range"));
  } catch (const json::parse_error& e) {
    const auto [line, column] = line_column(text, e.byte);
    std::string why = e.what();
    const auto colon = why.rfind(": ");  // "[json.exception.parse_error.101] parse error at line 3, ...: why"
    throw DictionaryError(yaml::printable(origin + ":" + std::to_string(line) + ":" + std::to_string(column) +
                                          ": malformed JSON: " + (colon == std::string::npos ? why : why.substr(colon + 2))));
  }
  const Shape s(origin);
  const auto format = s.field(root, "", "format", json::value_t::string).get<std::string>();
  if (format != kDictionaryFormat)
    s.fail("format", "'" + format + "' is not a fault dictionary (" + kDictionaryFormat + ")");
  Dictionary d;
  d.model_version = s.field(root, "", "model_version", json::value_t::string).get<std::string>();
  if (!expect_model_version.empty() && d.model_version != expect_model_version)
    throw DictionaryError(yaml::printable(origin + ": computed by model version " + d.model_version +
                                          ", but this bcmhil is model version " + expect_model_version +
                                          ": its readings are not what this model shows; rebuild it with `bcmhil dictionary`"));
  d.catalogue_sha256 = s.field(root, "", "catalogue_sha256", json::value_t::string).get<std::string>();
  d.variants_sha256 = s.field(root, "", "variants_sha256", json::value_t::string).get<std::string>();
  if (root.contains("shard")) {
    d.shard_index = s.whole(s.field(root["shard"], "shard", "index", json::value_t::number_integer), "shard.index", 0,
                            1'000'000);
    d.shard_count = s.whole(s.field(root["shard"], "shard", "count", json::value_t::number_integer), "shard.count", 1,
                            1'000'000);
    if (d.shard_count < 1 || d.shard_index < 0 || d.shard_index >= d.shard_count)
      s.fail("shard", "index " + std::to_string(d.shard_index) + " of " + std::to_string(d.shard_count));
  }
  read_tests(s, root, d);
  read_candidates(s, root, d);
  read_variants(s, root, d);
  return d;
}

Dictionary load_dictionary(const std::string& path, const std::string& expect_model_version) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DictionaryError(path + ": cannot read the dictionary");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_dictionary(text.str(), path, expect_model_version);
}

Dictionary load_dictionary(const std::string& path) { return load_dictionary(path, model_version()); }

}  // namespace bcmhil::diagnosis

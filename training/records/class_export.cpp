#include "class_export.h"

#include "attempt_record.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace bcmhil::training {

namespace {

using ojson = nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr std::uintmax_t kLargestRecord = 16u << 20;  // chosen: a long attempt is a few hundred KiB

const std::vector<CsvColumn> kColumns = {
    {"student", "/student"},
    {"exercise", "/exercise"},
    {"seed", "/seed"},
    {"started", "/started"},
    {"submitted", "/submitted"},
    {"component", "/submission/component"},
    {"cause", "/submission/cause"},
    {"solved", "/score/solved"},
    {"points", "/score/points/total"},
    {"points_solved", "/score/points/solved"},
    {"points_parts", "/score/points/parts"},
    {"points_time", "/score/points/time"},
    {"points_quality", "/score/points/quality"},
    {"points_hints", "/score/points/hints"},
    {"wrong_parts", ""},
    {"wrong_parts_cost", "/score/wrong_parts_cost"},
    {"time_used_s", "/score/time_used_s"},
    {"time_budget_s", "/score/time_budget_s"},
    {"hints", "/score/hints"},
    {"student_bits", "/score/student_bits"},
    {"student_cost_min", "/score/student_cost_min"},
    {"optimal_cost_min", "/score/optimal_cost_min"},
    {"path", ""},
    {"optimal_path", ""},
};

// The type each pointer column must have; the joins need their lists.
std::string problem(const ojson& r) {
  if (!r.is_object()) return "not a JSON object";
  if (!r.contains("format") || r["format"] != kAttemptFormat)
    return std::string("not an attempt record (format is not ") + kAttemptFormat + ")";
  for (const auto& c : kColumns) {
    if (!*c.pointer) continue;
    const ojson::json_pointer p(c.pointer);
    if (!r.contains(p)) return std::string("no ") + c.pointer;
    const auto& v = r.at(p);
    const bool ok = v.is_string() || v.is_number() || v.is_boolean() || v.is_null();
    if (!ok) return std::string(c.pointer) + " is not a string, number or true/false";
  }
  for (const char* list : {"/score/measurements", "/score/optimal/steps", "/score/wrong_parts"}) {
    const ojson::json_pointer p(list);
    if (!r.contains(p) || !r.at(p).is_array()) return std::string(list) + " is not a list";
    for (const auto& x : r.at(p))
      if (!x.is_object()) return std::string(list) + " holds something that is not an object";
  }
  return "";
}

std::string field_text(const ojson& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();  // numbers and true/false exactly as the JSON has them
}

std::string joined(const ojson& list, const char* key, const char* separator) {
  std::string out;
  for (const auto& x : list) {
    if (!out.empty()) out += separator;
    out += x.contains(key) && x[key].is_string() ? x[key].get<std::string>() : "?";
  }
  return out;
}

std::string column_text(const ojson& r, const CsvColumn& c) {
  if (*c.pointer) return field_text(r.at(ojson::json_pointer(c.pointer)));
  const std::string name = c.name;
  if (name == "path") return joined(r["score"]["measurements"], "test", " > ");
  if (name == "optimal_path") return joined(r["score"]["optimal"]["steps"], "test", " > ");
  return joined(r["score"]["wrong_parts"], "part", "; ");
}

// A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first:
// OWASP's "CSV injection") gets a leading apostrophe, so a student named "=HYPERLINK(...)" stays
// text in the instructor's spreadsheet; a number such as "-5" is left as it is.
bool runs_as_formula(const std::string& s) {
  if (s.empty() || std::string("=+-@\t\r").find(s[0]) == std::string::npos) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end != s.c_str() + s.size();
}

std::string csv_field(const std::string& text) {
  const std::string s = runs_as_formula(text) ? "'" + text : text;
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// The record in `file`, or the reason it is not one.
std::string read_record(const fs::path& file, ojson& record) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return "cannot read: " + ec.message();
  if (size > kLargestRecord) return "larger than 16 MiB: not a record";
  std::ifstream in(file, std::ios::binary);
  if (!in) return "cannot open";
  std::ostringstream text;
  text << in.rdbuf();
  try {
    record = ojson::parse(text.str());
  } catch (const ojson::parse_error& e) {
    return std::string("malformed JSON: ") + e.what();
  }
  return problem(record);
}

}  // namespace

const std::vector<CsvColumn>& csv_columns() { return kColumns; }

ClassRecords read_class(const std::string& class_dir) {
  ClassRecords out;
  const fs::path dir = fs::path(class_dir) / "attempts";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0 && name[0] != '.') files.push_back(it->path());
  }
  if (ec) out.skipped.push_back({dir.string(), "cannot list: " + ec.message()});
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    ojson record;
    const std::string error = read_record(f, record);
    if (!error.empty()) {
      out.skipped.push_back({f.filename().string(), error});
      continue;
    }
    out.files.push_back(f.filename().string());
    out.attempts.push_back(std::move(record));
  }
  return out;
}

ojson class_json(const ClassRecords& records) {
  ojson j;
  j["format"] = "bcmhil-class-attempts/1";
  j["attempts"] = records.attempts;
  j["skipped"] = ojson::array();
  for (const auto& s : records.skipped) j["skipped"].push_back({{"file", s.file}, {"error", s.error}});
  return j;
}

std::string class_csv(const ClassRecords& records) {
  std::string out;
  for (std::size_t i = 0; i < kColumns.size(); ++i) out += (i ? "," : "") + std::string(kColumns[i].name);
  out += "\r\n";
  for (const auto& r : records.attempts) {
    for (std::size_t i = 0; i < kColumns.size(); ++i) out += (i ? "," : "") + csv_field(column_text(r, kColumns[i]));
    out += "\r\n";
  }
  return out;
}

}  // namespace bcmhil::training

#include "bench/scaleout/campaign_part.h"

#include "bench/report/provenance.h"
#include "bench/scaleout/junit_reader.h"

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

namespace bcmhil::scaleout {

namespace {

constexpr const char* junit_target = "bcmhil-campaign-part";

// FNV-1a, 64 bits: stable across builds and machines (std::hash promises neither).
class Fingerprint {
 public:
  void add(const std::string& bytes) {
    for (const unsigned char c : bytes) hash_ = (hash_ ^ c) * 0x100000001b3ULL;
    hash_ = (hash_ ^ 0xffU) * 0x100000001b3ULL;  // a separator no text byte of a field can fake
  }
  std::string hex() const {
    char text[17];
    std::snprintf(text, sizeof text, "%016" PRIx64, hash_);
    return text;
  }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// One part as merge sees it, whatever its format.
struct Part {
  std::string file;
  CampaignPlace place;
  std::vector<std::size_t> positions;
};

std::string join(const std::vector<std::size_t>& positions) {
  std::string text;
  for (auto p : positions) text += (text.empty() ? "" : " ") + std::to_string(p);
  return text;
}

// Parts of one campaign, shards 1..N each once, each run where its shard puts it.
void check_fit(const std::vector<Part>& parts, bool every_run) {
  if (parts.empty()) throw MergeError("no parts to merge");
  const Part& first = parts.front();
  std::vector<std::pair<std::string, Shard>> shards;
  for (const auto& p : parts) {
    if (p.place.campaign != first.place.campaign || p.place.scenarios != first.place.scenarios)
      throw MergeError(first.file + " and " + p.file + " come from different campaigns (" + first.place.campaign +
                       " of " + std::to_string(first.place.scenarios) + " scenarios, " + p.place.campaign + " of " +
                       std::to_string(p.place.scenarios) +
                       "): every shard must run the same scenario files with the same bcmhil build and options");
    shards.emplace_back(p.file, p.place.shard);
  }
  try {
    check_complete(shards);
  } catch (const ShardError& e) {
    throw MergeError(std::string("the parts do not make a whole campaign: ") + e.what());
  }
  for (const auto& p : parts) {
    const auto owned = p.place.shard.owned(p.place.scenarios);
    const bool fits = every_run ? p.positions == owned
                                : std::includes(owned.begin(), owned.end(), p.positions.begin(), p.positions.end()) &&
                                      std::is_sorted(p.positions.begin(), p.positions.end()) &&
                                      std::adjacent_find(p.positions.begin(), p.positions.end()) == p.positions.end();
    if (!fits)
      throw MergeError(p.file + ": shard " + p.place.shard.label() + " of " + std::to_string(p.place.scenarios) +
                       " scenarios holds runs at positions [" + join(p.positions) + "], its share is [" + join(owned) +
                       "]");
  }
}

// "file:line:col" of a byte offset, for nlohmann's parse errors.
std::string where(const std::string& file, const std::string& text, std::size_t byte) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) text[i] == '\n' ? (++line, column = 1) : ++column;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

nlohmann::json parse_json(const std::string& file) {
  std::ifstream probe(file);
  if (!probe) throw MergeError(file + ": cannot read: " + std::strerror(errno));
  const std::string text = slurp(file);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    std::string message = e.what();
    const auto colon = message.find(": ", message.find("parse error"));
    throw MergeError(where(file, text, e.byte == 0 ? 0 : e.byte - 1) + ": not valid JSON: " +
                     (colon == std::string::npos ? message : message.substr(colon + 2)));
  }
}

Shard shard_field(const std::string& file, const std::string& text) {
  try {
    return parse_shard(text, file + ": \"shard\"");
  } catch (const ShardError& e) {
    throw MergeError(e.what());
  }
}

// One JSON part, checked field by field; returns its place and puts its entries into `entries`.
Part read_json_part(const std::string& file, std::map<std::size_t, nlohmann::json>& entries) {
  const auto doc = parse_json(file);
  if (!doc.is_object() || doc.value("format", "") != campaign_part_format)
    throw MergeError(file + ": not a campaign part (\"format\": \"" + std::string(campaign_part_format) +
                     "\"): write parts with bcmhil campaign --shard I/N --json FILE");
  const auto field = [&](const char* name, nlohmann::json::value_t type) -> const nlohmann::json& {
    const auto it = doc.find(name);
    if (it == doc.end() || it->type() != type) throw MergeError(file + ": \"" + name + "\" missing or of the wrong type");
    return *it;
  };
  Part part{file, {}, {}};
  part.place.campaign = field("campaign", nlohmann::json::value_t::string).get<std::string>();
  part.place.shard = shard_field(file, field("shard", nlohmann::json::value_t::string).get<std::string>());
  part.place.scenarios = field("scenarios", nlohmann::json::value_t::number_unsigned).get<std::size_t>();
  for (const auto& run : field("runs", nlohmann::json::value_t::array)) {
    if (!run.is_object() || !run.contains("position") || !run["position"].is_number_unsigned() || !run.contains("summary"))
      throw MergeError(file + ": every run needs \"position\" (a whole number) and \"summary\"");
    part.positions.push_back(run["position"].get<std::size_t>());
    entries[part.positions.back()] = run["summary"];
  }
  return part;
}

std::vector<std::size_t> parse_positions(const std::string& file, const std::string& text) {
  std::vector<std::size_t> positions;
  std::istringstream in(text);
  for (std::string word; in >> word;) {
    if (word.find_first_not_of("0123456789") != std::string::npos || word.size() > 12)
      throw MergeError(file + ": <?" + junit_target + "?> positions=\"" + text + "\" is not a list of whole numbers");
    positions.push_back(std::stoull(word));
  }
  return positions;
}

Part junit_place(const std::string& file, const JunitFile& junit) {
  const auto pi = std::find_if(junit.instructions.begin(), junit.instructions.end(),
                               [](const ProcessingInstruction& p) { return p.target == junit_target; });
  if (pi == junit.instructions.end())
    throw MergeError(file + ": not a campaign part (no <?" + junit_target +
                     " ...?> before <testsuites>): write parts with bcmhil campaign --shard I/N --junit FILE");
  const auto attribute = [&](const char* name) {
    const auto it = pi->attributes.find(name);
    if (it == pi->attributes.end()) throw MergeError(file + ": <?" + junit_target + "?> has no " + name + "=\"...\"");
    return it->second;
  };
  Part part{file, {}, parse_positions(file, attribute("positions"))};
  part.place.campaign = attribute("campaign");
  part.place.shard = shard_field(file, attribute("shard"));
  const auto scenarios = parse_positions(file, attribute("scenarios"));
  if (scenarios.size() != 1) throw MergeError(file + ": <?" + junit_target + "?> scenarios=\"" + attribute("scenarios") + "\" is not a count");
  part.place.scenarios = scenarios.front();
  if (part.positions.size() != junit.suites.size())
    throw MergeError(file + ": " + std::to_string(junit.suites.size()) + " suites but " +
                     std::to_string(part.positions.size()) + " positions in <?" + junit_target + "?>");
  return part;
}

}  // namespace

std::string campaign_key(const std::vector<std::string>& files, const std::vector<std::string>& settings) {
  Fingerprint f;
  f.add(campaign_part_format);
  f.add(report::tool_version());
  f.add(report::git_commit());
  for (const auto& s : settings) f.add(s);
  for (const auto& file : files) f.add(file), f.add(slurp(file));
  return f.hex();
}

nlohmann::json json_part(const CampaignPlace& place, const std::vector<std::size_t>& positions,
                         const nlohmann::json& entries) {
  nlohmann::json runs = nlohmann::json::array();
  for (std::size_t i = 0; i < positions.size(); ++i) runs.push_back({{"position", positions[i]}, {"summary", entries.at(i)}});
  return {{"format", campaign_part_format},
          {"campaign", place.campaign},
          {"shard", place.shard.label()},
          {"scenarios", place.scenarios},
          {"runs", runs}};
}

void write_junit_part(std::ostream& out, const CampaignPlace& place, const std::vector<std::size_t>& positions,
                      const std::vector<report::JunitSuite>& suites) {
  std::ostringstream whole;
  report::write_junit(whole, "bcmhil campaign", suites);
  const std::string text = whole.str();
  const auto declaration_end = text.find("?>\n") + 3;  // write_junit always starts with the XML declaration
  out << text.substr(0, declaration_end) << "<?" << junit_target << " campaign=\"" << place.campaign << "\" shard=\""
      << place.shard.label() << "\" scenarios=\"" << place.scenarios << "\" positions=\"" << join(positions)
      << "\"?>\n"
      << text.substr(declaration_end);
}

nlohmann::json merge_json_parts(const std::vector<std::string>& files) {
  std::map<std::size_t, nlohmann::json> entries;
  std::vector<Part> parts;
  for (const auto& file : files) parts.push_back(read_json_part(file, entries));
  check_fit(parts, true);
  nlohmann::json merged = nlohmann::json::array();
  for (auto& [position, entry] : entries) merged.push_back(std::move(entry));
  return merged;
}

MergedJunit merge_junit_parts(const std::vector<std::string>& files) {
  std::map<std::size_t, report::JunitSuite> suites;
  std::vector<Part> parts;
  MergedJunit merged;
  for (const auto& file : files) {
    JunitFile junit;
    try {
      junit = read_junit(file);
    } catch (const JunitReadError& e) {
      throw MergeError(e.what());
    }
    parts.push_back(junit_place(file, junit));
    if (merged.name.empty()) merged.name = junit.name;
    for (std::size_t i = 0; i < junit.suites.size(); ++i) suites[parts.back().positions[i]] = std::move(junit.suites[i]);
  }
  check_fit(parts, false);
  for (auto& [position, suite] : suites) merged.suites.push_back(std::move(suite));
  return merged;
}

}  // namespace bcmhil::scaleout

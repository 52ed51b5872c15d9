#pragma once
// What `bcmhil campaign --shard I/N` writes, and how `bcmhil merge` joins the parts into exactly
// what one machine writes: the same scenarios in the same order, the same totals.
//
// Every part carries its place in the whole campaign: the campaign key, the shard, the number of
// scenarios in the whole campaign and the position (0-based, in the unsharded order) of each run
// it holds. The key is a fingerprint (FNV-1a, 64 bits) of what decides the results: the bcmhil
// version and git commit, the options that change a run (clock, timeout, allow-empty) and every
// scenario's path and bytes, in order. Parts with different keys ran different campaigns (another
// checkout, another build, other options) and are refused.
//
// - JSON part: {"format": "bcmhil-campaign-part/1", "campaign": KEY, "shard": "2/4",
//   "scenarios": 12, "runs": [{"position": 1, "summary": <the entry one machine writes>}, ...]}.
//   Merged: the array of the entries, by position, exactly as `campaign --json` writes it.
// - JUnit part: the JUnit file one machine would write for these scenarios (valid for every reader,
//   a CI server can show it as it is), after a processing instruction that readers ignore:
//   <?bcmhil-campaign-part campaign="KEY" shard="2/4" scenarios="12" positions="1 5 9"?>.
//   Merged: every suite, by position, through report::write_junit (totals recomputed).
#include "bench/report/junit_report.h"
#include "bench/scaleout/shard.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace bcmhil::scaleout {

inline constexpr const char* campaign_part_format = "bcmhil-campaign-part/1";

// A part that does not fit: malformed (file:line:col), of another campaign, a shard missing or twice.
class MergeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CampaignPlace {
  std::string campaign;       // the key
  Shard shard;
  std::size_t scenarios = 0;  // in the whole campaign
};

// The key of a campaign over `files` (in run order) with `settings` ("clock=skip", ...).
std::string campaign_key(const std::vector<std::string>& files, const std::vector<std::string>& settings);

nlohmann::json json_part(const CampaignPlace& place, const std::vector<std::size_t>& positions,
                         const nlohmann::json& entries);
void write_junit_part(std::ostream& out, const CampaignPlace& place, const std::vector<std::size_t>& positions,
                      const std::vector<report::JunitSuite>& suites);

// Reads the parts (files in any order) and joins them; throws MergeError.
nlohmann::json merge_json_parts(const std::vector<std::string>& files);
struct MergedJunit {
  std::string name;
  std::vector<report::JunitSuite> suites;
};
MergedJunit merge_junit_parts(const std::vector<std::string>& files);

}  // namespace bcmhil::scaleout

#pragma once
// What "the merged result equals the single-machine run" means for a campaign: the same runs in
// the same order with the same verdicts, expectations, observed values and totals. Only what a
// clock or a machine decides is set aside: wall times, real-time factors, timestamps, host names.
#include <nlohmann/json.hpp>

#include <regex>
#include <string>

namespace bcmhil::e2e {

inline nlohmann::json without_clocks(nlohmann::json campaign) {
  for (auto& entry : campaign) {
    entry.erase("wall_s");
    if (entry["result"].is_object()) entry["result"].erase("wall_time_s"), entry["result"].erase("realtime_factor");
  }
  return campaign;
}

inline std::string junit_without_clocks(const std::string& xml) {
  static const std::regex clocks(R"( (time|timestamp|hostname)="[^"]*")");
  return std::regex_replace(xml, clocks, "");
}

}  // namespace bcmhil::e2e

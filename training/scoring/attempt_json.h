#pragma once
// The attempt's types as JSON: the session's log and `submit` answer, the records' files and the
// class export all write these shapes. Numbers that are not (OL, no answer) are null.
//
// PathEntry: {"kind": "measurement", "wall_s": 12.5, "sim_s": 40.2,
//             "detail": {"instrument": "dvm", "first": "X330.4", "second": "ground",
//                        "placed_before_s": 3, "unplugged": [], "fuses_pulled": [],
//                        "actions": [{"action": "press_fob", "args": {"button": "trunk"}, "before_s": 1.5}], ...},
//             "reading": {"value": 0.02, "unit": "V", "min": 0.0, "max": 0.03}}
// Only the detail's fields of the entry's kind are written (empty ones are left out); reading
// back, a missing field is empty. A wrong type or an unknown kind throws std::invalid_argument
// naming the field.
#include "attempt.h"

#include <nlohmann/json.hpp>

namespace bcmhil::training {

nlohmann::ordered_json to_json(const PathEntry& entry);
nlohmann::ordered_json to_json(const std::vector<PathEntry>& path);
nlohmann::ordered_json to_json(const Submission& submission);
nlohmann::ordered_json to_json(const Score& score);

PathEntry path_entry_from_json(const nlohmann::json& j);
std::vector<PathEntry> path_from_json(const nlohmann::json& j);
Submission submission_from_json(const nlohmann::json& j);

}  // namespace bcmhil::training

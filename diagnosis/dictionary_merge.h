#pragma once
// Joins the partial dictionaries of `bcmhil dictionary --shard I/N` (one per shard, any order)
// into exactly the dictionary one machine builds: same variants in the same order, same bytes.
#include "dictionary.h"

#include <stdexcept>
#include <vector>

namespace bcmhil::diagnosis {

// Parts that do not make one whole (another model version, catalogue or variants file, a shard
// missing or given twice, different tests or candidates) are refused with the reason.
class MergeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Dictionary merge_dictionaries(std::vector<Dictionary> parts);

}  // namespace bcmhil::diagnosis

#pragma once
// A deterministic share of a long list of runs (the scenarios of a campaign, the variant x test
// runs of a fault dictionary), so that N machines - a Slurm array, a CI matrix - each compute one
// part and `bcmhil merge` joins the parts into exactly what one machine gives.
//
// Numbering: on the command line and in every message a shard is 1-based, "I/N" with 1 <= I <= N
// (as GitLab's CI_NODE_INDEX, and as people count machines); in the struct `index` is 0-based.
// Item i (0-based, in the order the whole run would take them) belongs to shard i % count: shards
// interleave, so a list sorted by cost still spreads evenly.
//
// Where a shard comes from (shard_option):
//   ""     the whole run (shard 1/1 with no part format; the default)
//   "I/N"  explicit, e.g. "2/4"
//   "auto" the environment: a Slurm array task first (SLURM_ARRAY_TASK_ID, _MIN, _MAX, _STEP,
//          _COUNT: index = (ID - MIN) / STEP, count = COUNT; the array must be evenly spaced),
//          else a CI matrix (CI_NODE_INDEX, 1-based, and CI_NODE_TOTAL, as GitLab's `parallel:`
//          sets them); neither set is an error. A Slurm job submitted from CI inherits the CI
//          variables, so the innermost engine, Slurm, wins.
// Reading the environment only on request keeps a plain `bcmhil campaign` inside a CI job from
// silently running a fraction of its scenarios.
//
// Every error is a ShardError whose message names the option or the variable and its value; the
// CLI turns it into exit status 2.
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace bcmhil::scaleout {

class ShardError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct Shard {
  int index = 0;  // 0-based
  int count = 1;

  bool owns(std::size_t item) const { return item % static_cast<std::size_t>(count) == static_cast<std::size_t>(index); }
  bool whole() const { return count == 1; }
  std::string label() const;  // 1-based: "2/4"
  // The items of a list of `total` that this shard owns, in order.
  std::vector<std::size_t> owned(std::size_t total) const;

  friend bool operator==(const Shard& a, const Shard& b) { return a.index == b.index && a.count == b.count; }
  friend bool operator!=(const Shard& a, const Shard& b) { return !(a == b); }
};

// "I/N", 1-based; anything else (spaces, signs, "0/4", "5/4", "2/0", overflow) throws ShardError
// naming `what` (e.g. "--shard") and the text.
Shard parse_shard(const std::string& text, const std::string& what = "--shard");

// The lookup of an environment variable; nullptr when unset. Tests pass their own.
using Environment = std::function<const char*(const char* name)>;
Environment process_environment();

// From a Slurm array task or a CI matrix node (see above); throws ShardError when neither is set or
// a value is malformed, naming the variable and its value.
Shard shard_from_environment(const Environment& env = process_environment());

// What a --shard option holds: "" (whole), "I/N" or "auto".
Shard shard_option(const std::string& text, const Environment& env = process_environment());

// Parts that claim to be the shards of one split, each named (usually its file). Throws ShardError
// unless they are exactly shards 1..N of one N, each once: names the parts of different splits,
// the shard given twice (and both files), the shards missing.
void check_complete(const std::vector<std::pair<std::string, Shard>>& parts);

}  // namespace bcmhil::scaleout

#pragma once
// Builds the fault dictionary by simulation: every car of the variants file, every test of the
// catalogue. Each variant is elaborated once in a child process (`jobs` of them at a time) and
// brought to the workshop (Workshop::bring_in); from there one grandchild per test is forked
// (copy-on-write) and performs that test alone, so every test starts from the same car without
// elaborating or simulating its history again. The parent never builds a model.
#include "bench/scaleout/shard.h"
#include "catalogue.h"
#include "dictionary.h"
#include "variants.h"
#include "workshop.h"

#include <functional>
#include <string>
#include <vector>

namespace bcmhil::diagnosis {

struct BuildOptions {
  int jobs = 1;            // variant processes at a time
  scaleout::Shard shard;   // build only variants i with shard.owns(i): a partial dictionary
  // After each variant: how many are done of how many this shard builds, and which it was.
  std::function<void(std::size_t done, std::size_t total, const std::string& variant)> progress;
};

// The car a variant stands for: the default vehicle (parked and locked), fob 1 as shipped, its
// faults, examined at its examine_at.
CarUnderTest car_of(const VariantCar& car);

// The readings of `tests` on `car`, in this process: a fresh kernel, bring_in(), then one forked
// child per test. Throws ChildFailed naming the test that failed, std::invalid_argument for a
// fault the model rejects or a test it cannot answer (naming file:line:col).
std::vector<Reading> readings_by_fork(const CarUnderTest& car, const std::vector<CatalogueTest>& tests);

// Readings as bytes through a pipe: each raw value bit for bit (NaN included), then its class.
std::string encode_readings(const std::vector<Reading>& readings);
std::vector<Reading> decode_readings(const std::string& bytes, std::size_t count);  // throws ChildFailed

// The whole dictionary (or the shard's part). Throws ChildFailed naming the variant and the test;
// ChildRejectedInput when that is the input's fault (a fault the model rejects, at the variants
// file's line; a test the model cannot answer, at the catalogue's).
Dictionary build_dictionary(const Catalogue& catalogue, const VariantsFile& variants, const BuildOptions& options = {});

}  // namespace bcmhil::diagnosis

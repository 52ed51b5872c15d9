#pragma once
// One dictionary per model version, catalogue and variants file, built once and reused: `bcmhil
// assist` and the tests load it from the cache instead of simulating thousands of runs again.
// The file name carries a hash of the three inputs, so a changed model, catalogue or variants
// file is a miss (and the old file is simply never read again).
//
// Where: $BCMHIL_DICTIONARY_CACHE if set (the test suite sets it to a folder of the build tree,
// where a ctest fixture builds it once), else $XDG_CACHE_HOME/bcmhil, else ~/.cache/bcmhil.
#include "catalogue.h"
#include "dictionary.h"
#include "dictionary_builder.h"
#include "variants.h"

#include <string>

namespace bcmhil::diagnosis {

std::string dictionary_cache_dir();
// The cache file for these inputs (it may not exist yet).
std::string cached_dictionary_path(const Catalogue& catalogue, const VariantsFile& variants);

// The cached dictionary for these inputs, or a fresh build written atomically into the cache.
// `built` (optional) says which happened. options.shard must be the whole.
Dictionary load_or_build_dictionary(const Catalogue& catalogue, const VariantsFile& variants,
                                    const BuildOptions& options = {}, bool* built = nullptr);
// The shipped catalogue and variants file.
Dictionary load_or_build_dictionary(const BuildOptions& options = {}, bool* built = nullptr);

}  // namespace bcmhil::diagnosis

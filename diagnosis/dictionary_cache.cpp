#include "dictionary_cache.h"

#include "dictionary_io.h"
#include "model_version.h"
#include "sha256.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace bcmhil::diagnosis {

namespace {

// mkdir -p; an error names the folder.
void make_folders(const std::string& path) {
  for (std::size_t at = 1; at <= path.size(); ++at) {
    if (at < path.size() && path[at] != '/') continue;
    const std::string prefix = path.substr(0, at);
    if (::mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST)
      throw std::runtime_error("cannot create the dictionary cache " + prefix + ": " + std::strerror(errno));
  }
}

bool exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

}  // namespace

std::string dictionary_cache_dir() {
  if (const char* dir = std::getenv("BCMHIL_DICTIONARY_CACHE"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/bcmhil";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/bcmhil";
  return "/tmp/bcmhil-cache";
}

std::string cached_dictionary_path(const Catalogue& catalogue, const VariantsFile& variants) {
  const auto key = sha256_hex(model_version() + "\n" + catalogue.sha256 + "\n" + variants.sha256);
  return dictionary_cache_dir() + "/dictionary-" + key.substr(0, 16) + ".json";
}

Dictionary load_or_build_dictionary(const Catalogue& catalogue, const VariantsFile& variants,
                                    const BuildOptions& options, bool* built) {
  if (!options.shard.whole()) throw std::invalid_argument("the dictionary cache holds whole dictionaries only");
  const auto path = cached_dictionary_path(catalogue, variants);
  if (exists(path)) {
    auto d = load_dictionary(path);
    // The name is a hash prefix: make sure it is the dictionary of exactly these inputs.
    if (d.catalogue_sha256 == catalogue.sha256 && d.variants_sha256 == variants.sha256 && d.shard_count == 1) {
      if (built) *built = false;
      return d;
    }
  }
  auto d = build_dictionary(catalogue, variants, options);
  make_folders(dictionary_cache_dir());
  write_dictionary_json(d, path);  // atomic: a concurrent reader sees the old state or the whole file
  if (built) *built = true;
  return d;
}

Dictionary load_or_build_dictionary(const BuildOptions& options, bool* built) {
  return load_or_build_dictionary(load_catalogue(shipped_catalogue_path()), load_variants(shipped_variants_path()),
                                  options, built);
}

}  // namespace bcmhil::diagnosis

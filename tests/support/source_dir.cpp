#include "source_dir.h"

#include <cstdlib>

namespace bcmhil::testing {
std::string source_dir() {
  const char* env = std::getenv("BCMHIL_SOURCE_DIR");
  return env && *env ? env : BCMHIL_CONFIGURED_SOURCE_DIR;
}
}  // namespace bcmhil::testing

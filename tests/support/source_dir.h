#pragma once
#include <string>

namespace bcmhil::testing {
// The repository root (scenarios/, hw/, ...): $BCMHIL_SOURCE_DIR if set, else where CMake
// configured from. Test discovery runs the binaries outside ctest, so the fallback matters.
std::string source_dir();
}  // namespace bcmhil::testing

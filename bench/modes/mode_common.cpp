#include "mode_common.h"

#include <cstdio>

namespace bcmhil::modes {

double ms_between(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

std::string fixed(double value, int decimals) {
  char s[48];
  std::snprintf(s, sizeof s, "%.*f", decimals, value);
  return s;
}

}  // namespace bcmhil::modes

#pragma once
// Which model computed a dictionary: a SHA-256 over every file of model/ and hw/ (sources, RTL,
// reference tables), computed at build time (diagnosis/model_version.cmake). A dictionary carries
// the version of the model that built it; one from another model is refused, not silently used.
#include <string>

namespace bcmhil::diagnosis {

const std::string& model_version();  // 64 hex digits

}  // namespace bcmhil::diagnosis

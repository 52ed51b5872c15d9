#pragma once
// SHA-256 of bytes (OpenSSL), as the dictionary records its inputs: the catalogue's and the
// variants file's bytes.
#include <string>
#include <string_view>

namespace bcmhil::diagnosis {

std::string sha256_hex(std::string_view bytes);  // 64 lower-case hex digits

}  // namespace bcmhil::diagnosis

#pragma once
// Text from user input (scenario names, file names, a YAML error echoing a raw byte) may hold any
// bytes; JSON and XML must be valid UTF-8. These make such text safe without losing where it came
// from: each byte that is not part of a well-formed UTF-8 sequence becomes U+FFFD.
#include <string>
#include <string_view>

namespace bcmhil::output {

// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view text);

// `text` with every byte of an ill-formed sequence replaced by U+FFFD (EF BF BD).
std::string to_valid_utf8(std::string_view text);

}  // namespace bcmhil::output

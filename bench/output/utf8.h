#pragma once
// Text from user input (scenario names, file names, a YAML error echoing a raw byte) may hold any
// bytes; JSON and XML must be valid UTF-8. These make such text safe without losing where it came
// from: each byte that is not part of a well-formed UTF-8 sequence becomes U+FFFD.
#include <string>
#include <string_view>

namespace bcmhil::output {

// Length of the well-formed UTF-8 sequence that starts at text[i] (1 to 4), or 0 when the byte
// there does not start one (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view text);

// `text` with every byte of an ill-formed sequence replaced by U+FFFD (EF BF BD).
std::string to_valid_utf8(std::string_view text);

}  // namespace bcmhil::output

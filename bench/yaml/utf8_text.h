#pragma once
// Text from a user's file is bytes, not necessarily UTF-8 (a Latin-1 "é" is the single byte
// 0xE9). Messages must stay valid UTF-8 on one line whatever the file held, and a parser must be
// able to say where the first byte that is not text sits.
#include <optional>
#include <string>
#include <string_view>

namespace bcmhil::yaml {

// `text` fit for a message: valid UTF-8 kept as it is, every other byte and every control
// character (tab excepted) written as \xNN, e.g. "caf\xE9".
std::string printable(std::string_view text);

struct BadByte {
  int line;    // 1-based
  int column;  // 1-based, in characters
  unsigned char byte;
  bool control;  // a control character (valid UTF-8, but not allowed in YAML)
};

// The first byte of `text` that is not UTF-8, or a control character YAML does not allow (all
// of C0 but tab, line feed and carriage return, and DEL). nullopt: the text is clean. A UTF-8
// byte order mark at the start is allowed.
std::optional<BadByte> first_bad_byte(std::string_view text);

}  // namespace bcmhil::yaml

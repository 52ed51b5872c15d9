#include "utf8_text.h"

#include "bench/output/utf8.h"

#include <cstdio>

namespace bcmhil::yaml {

namespace {

bool is_control(unsigned char b) { return (b < 0x20 && b != '\t') || b == 0x7F; }

std::string escaped(unsigned char b) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\x%02X", b);
  return buffer;
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = output::utf8_sequence_length(text, i);
    if (length == 0 || (length == 1 && is_control(static_cast<unsigned char>(text[i])))) {
      out += escaped(static_cast<unsigned char>(text[i]));
      ++i;
    } else {
      out.append(text, i, length);
      i += length;
    }
  }
  return out;
}

std::optional<BadByte> first_bad_byte(std::string_view text) {
  int line = 1, column = 1;
  std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    const std::size_t length = output::utf8_sequence_length(text, i);
    if (length == 0) return BadByte{line, column, b, false};
    if (length == 1 && b != '\n' && b != '\r' && is_control(b)) return BadByte{line, column, b, true};
    if (b == '\n') ++line, column = 1;
    else ++column;
    i += length;
  }
  return std::nullopt;
}

}  // namespace bcmhil::yaml

#include "relay_protocols.h"

#include <cctype>
#include <cstdio>

namespace bcmhil::relay {

namespace lcus {
std::array<std::uint8_t, 4> encode_set(int channel, bool on) {
  const auto ch = static_cast<std::uint8_t>(channel);
  const std::uint8_t state = on ? 1 : 0;
  return {kStart, ch, state, static_cast<std::uint8_t>((kStart + ch + state) & 0xFF)};
}

std::optional<Command> decode(const std::uint8_t* f) {
  if (f[0] != kStart || f[2] > 1) return std::nullopt;
  if (static_cast<std::uint8_t>((f[0] + f[1] + f[2]) & 0xFF) != f[3]) return std::nullopt;
  if (f[1] < 1 || f[1] > kMaxChannels) return std::nullopt;
  return Command{f[1], f[2] == 1};
}

std::string encode_status(const std::vector<bool>& states) {
  std::string out;
  for (std::size_t i = 0; i < states.size(); ++i)
    out += "CH" + std::to_string(i + 1) + (states[i] ? ": ON\r\n" : ": OFF\r\n");
  return out;
}

std::optional<std::vector<bool>> decode_status(std::string_view answer, int channels) {
  std::vector<bool> states;
  std::size_t pos = 0;
  auto skip_spaces = [&] {
    while (pos < answer.size() && answer[pos] == ' ') ++pos;
  };
  for (int ch = 1; ch <= channels; ++ch) {
    const std::string label = "CH" + std::to_string(ch) + ":";
    if (answer.substr(pos, label.size()) != label) return std::nullopt;
    pos += label.size();
    skip_spaces();
    if (answer.substr(pos, 2) == "ON") {
      states.push_back(true);
      pos += 2;
    } else if (answer.substr(pos, 3) == "OFF") {
      states.push_back(false);
      pos += 3;
    } else {
      return std::nullopt;
    }
    skip_spaces();
    if (answer.substr(pos, 2) == "\r\n") pos += 2;
    else if (answer.substr(pos, 1) == "\n") pos += 1;
    else return std::nullopt;
  }
  return states;
}
}  // namespace lcus

namespace kmtronic {
std::array<std::uint8_t, 3> encode_set(int channel, bool on) {
  return {kStart, static_cast<std::uint8_t>(channel), on ? kOn : kOff};
}
std::array<std::uint8_t, 3> encode_status(int channel) {
  return {kStart, static_cast<std::uint8_t>(channel), kStatus};
}
std::array<std::uint8_t, 3> encode_status_all() { return {kStart, kAllStatusChannel, 0x00}; }
}  // namespace kmtronic

namespace numato {
std::string channel_token(int index0) {
  if (index0 < 10) return std::string(1, static_cast<char>('0' + index0));
  return std::string(1, static_cast<char>('A' + index0 - 10));
}

std::optional<int> parse_channel_token(std::string_view t) {
  if (t.size() != 1) return std::nullopt;
  const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return 10 + (c - 'A');
  return std::nullopt;
}

std::string relay_command(std::string_view verb, int index0) {
  return "relay " + std::string(verb) + " " + channel_token(index0) + kTerminator;
}

std::string answer_of(std::string_view reply, std::string_view command) {
  // Strip the command's terminator for comparison with the echoed line.
  if (!command.empty() && command.back() == kTerminator) command.remove_suffix(1);
  std::string answer;
  std::size_t start = 0;
  while (start <= reply.size()) {
    std::size_t end = reply.find_first_of("\r\n>", start);
    if (end == std::string_view::npos) end = reply.size();
    std::string_view line = reply.substr(start, end - start);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    if (!line.empty() && line != command) answer = std::string(line);
    start = end + 1;
  }
  return answer;
}

int bitmap_digits(int relays) { return 2 * ((relays + 7) / 8); }

std::string encode_bitmap(std::uint32_t bitmap, int relays) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*X", bitmap_digits(relays), static_cast<unsigned>(bitmap));
  return buf;
}

std::optional<std::uint32_t> decode_bitmap(std::string_view hex) {
  if (hex.empty() || hex.size() > 8) return std::nullopt;
  std::uint32_t value = 0;
  for (const char c : hex) {
    const int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                  : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                              : -1;
    if (d < 0) return std::nullopt;
    value = value << 4 | static_cast<std::uint32_t>(d);
  }
  return value;
}
}  // namespace numato

namespace dcttech {
Bytes encode_set(int channel, bool on) {
  Bytes b(1 + kReportLength, 0);
  b[0] = kReportId;
  b[1] = on ? kOnOne : kOffOne;
  b[2] = static_cast<std::uint8_t>(channel);
  return b;
}
Bytes encode_all(bool on) {
  Bytes b(1 + kReportLength, 0);
  b[0] = kReportId;
  b[1] = on ? kOnAll : kOffAll;
  return b;
}
std::optional<Status> decode_status(const Bytes& r) {
  if (r.size() != 1 + kReportLength || r[0] != kReportId) return std::nullopt;
  Status s;
  s.serial.assign(r.begin() + 1, r.begin() + 6);
  s.bitmap = r[8];
  return s;
}
std::optional<int> channels_from_product(std::string_view product) {
  if (product.size() != kProductPrefix.size() + 1 || product.substr(0, kProductPrefix.size()) != kProductPrefix)
    return std::nullopt;
  const int n = product.back() - '0';
  if (n < 1 || n > kMaxChannels) return std::nullopt;
  return n;
}
}  // namespace dcttech

std::string hex(const std::uint8_t* data, std::size_t size) {
  std::string out;
  char buf[4];
  for (std::size_t i = 0; i < size; ++i) {
    std::snprintf(buf, sizeof buf, i ? " %02X" : "%02X", data[i]);
    out += buf;
  }
  return out;
}

}  // namespace bcmhil::relay

#include "uart_wire.h"

#include <algorithm>

namespace bcmhil::transport {

namespace {

int ones(uint32_t v) { return __builtin_popcount(v); }

// The parity bit a sender appends to `data` (only the low data_bits count).
bool parity_bit(Parity parity, uint32_t data) {
  switch (parity) {
    case Parity::kOdd: return ones(data) % 2 == 0;
    case Parity::kEven: return ones(data) % 2 == 1;
    case Parity::kMark: return true;
    case Parity::kSpace:
    case Parity::kNone: return false;
  }
  return false;
}

// The line level over time, as the list of its changes (high before the first one).
class Waveform {
 public:
  void append(bool level, double duration) {
    if (level != level_at_end_) changes_.push_back({end_, level});
    level_at_end_ = level;
    end_ += duration;
  }
  bool level(double t) const {
    auto it = std::upper_bound(changes_.begin(), changes_.end(), t,
                               [](double x, const Change& c) { return x < c.at; });
    return it == changes_.begin() ? true : std::prev(it)->level;
  }
  // The first time >= t at which the line is at `level`; negative if it never is again.
  double next(double t, bool want) const {
    if (level(t) == want) return t;
    for (const auto& c : changes_)
      if (c.at > t && c.level == want) return c.at;
    return want ? std::max(t, end_) : -1.0;  // after the burst the line idles high
  }

 private:
  struct Change {
    double at;
    bool level;
  };
  std::vector<Change> changes_;
  double end_ = 0.0;
  bool level_at_end_ = true;
};

Waveform serialise(const std::vector<uint8_t>& burst, const UartFormat& f) {
  const double bit = 1.0 / f.baud;
  const double stop = f.stop_bits == StopBits::kTwo ? 2.0 : f.stop_bits == StopBits::kOnePointFive ? 1.5 : 1.0;
  Waveform w;
  for (uint8_t byte : burst) {
    const uint32_t data = byte & ((1u << f.data_bits) - 1);
    w.append(false, bit);  // start bit
    for (int i = 0; i < f.data_bits; ++i) w.append((data >> i) & 1u, bit);
    if (f.parity != Parity::kNone) w.append(parity_bit(f.parity, data), bit);
    w.append(true, stop * bit);
  }
  return w;
}

}  // namespace

std::string describe(const UartFormat& f) {
  static const char parity_letter[] = {'N', 'O', 'E', 'M', 'S'};
  const char* stop = f.stop_bits == StopBits::kTwo ? "2" : f.stop_bits == StopBits::kOnePointFive ? "1.5" : "1";
  return std::to_string(f.baud) + " " + std::to_string(f.data_bits) +
         parity_letter[static_cast<int>(f.parity)] + stop;
}

WireResult carry(const std::vector<uint8_t>& burst, const UartFormat& sender, const UartFormat& receiver) {
  WireResult out;
  const Waveform line = serialise(burst, sender);
  const double bit = 1.0 / receiver.baud;
  double ready = 0.0;
  for (;;) {
    const double start = line.next(ready, false);
    if (start < 0) break;
    if (line.level(start + 0.5 * bit)) {  // a glitch, not a start bit
      ready = start + 0.5 * bit;
      continue;
    }
    auto sample = [&](int slot) { return line.level(start + (slot + 0.5) * bit); };
    uint32_t data = 0;
    for (int i = 0; i < receiver.data_bits; ++i) data |= static_cast<uint32_t>(sample(1 + i)) << i;
    int slot = 1 + receiver.data_bits;
    bool parity_ok = true, parity_level = false;
    if (receiver.parity != Parity::kNone) {
      parity_level = sample(slot++);
      parity_ok = parity_level == parity_bit(receiver.parity, data);
    }
    const bool stop_ok = sample(slot);
    ready = start + (slot + 0.5) * bit;
    if (!stop_ok) {
      ++out.framing_errors;
      if (data == 0 && !parity_level) {  // every bit low: a break; wait for the line to recover
        ++out.breaks;
        ready = line.next(ready, true);
      }
      continue;
    }
    if (!parity_ok) {
      ++out.parity_errors;
      continue;
    }
    out.bytes.push_back(static_cast<uint8_t>(data));
  }
  return out;
}

}  // namespace bcmhil::transport

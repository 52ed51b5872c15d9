#pragma once
// The bench description (YAML): which relay boards are on the desk and, per logical channel, what
// it is wired to, how long it may stay energised and whether it is inverted. The format is
// documented in bench/rig/README.md. Every error names the file, line and column.
#include "board_factory.h"

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bcmhil::rig {

// What a channel's contact switches. Load feeds and supplies must not be inverted: with no power
// on the board (USB unplugged, process killed) every relay falls back to de-energised, and that
// state must leave them unpowered.
enum class WiringKind { load_feed, input_to_ground, supply };
const char* to_string(WiringKind kind);

struct Location {
  int line = 0;  // 1-based
  int column = 0;
};

struct BoardConfig {
  std::string name;
  relay::BoardSpec spec;
  Location at;
};

// `follows:` on a channel or a sense point: the model signal this bench point mirrors. In actuator
// mode a channel is on while its signal is (a bit at 1, or a measured value above `above`); in dut
// mode an input channel drives that module input and a sense point reads that output. The signal
// name is checked against the model by the mode that uses it (errors point at `at`).
struct Follow {
  std::string signal;           // e.g. DOP_BOOT_RELEASE, V(hatch_lock.pin2)
  std::optional<double> above;  // "V(hatch_lock.pin2) > 6 V": on above 6 (SI units); none: a bit
  std::string text;             // as written, for messages
  Location at;
};

struct ChannelConfig {
  std::string name;        // logical name: hatch_actuator_feed, boot_handle_sw, kl15
  std::string board;       // BoardConfig::name
  int board_index = 0;     // index into BenchConfig::boards
  int channel = 0;         // 1-based on the board
  WiringKind kind = WiringKind::load_feed;
  std::string wired_to;    // free text for the person at the bench
  std::chrono::milliseconds max_on{0};  // longest the relay may stay energised
  bool inverted = false;   // logical on = relay de-energised (normally-closed contact)
  std::optional<Follow> follows;  // optional: the model signal this channel mirrors
  Location at;
};

// A point where a board senses the module (dut mode reads outputs there): Numato GPIO or ADC.
enum class SenseMode { digital, analog };
const char* to_string(SenseMode mode);

struct SenseConfig {
  std::string name;      // e.g. hatch_release_out
  std::string board;
  int board_index = 0;
  int pin = 0;           // as labelled on the board (Numato: IO0 = 0)
  SenseMode mode = SenseMode::digital;
  std::string wired_to;  // free text: what it is connected to, through which divider
  std::optional<Follow> follows;  // optional: the module output this point senses
  Location at;
};

// Default maximum on-time of an input-to-ground channel that does not give one.
constexpr std::chrono::milliseconds kDefaultInputMaxOn{60'000};

struct BenchConfig {
  std::string source;  // file name, for messages
  std::string name;
  std::string description;
  std::vector<BoardConfig> boards;
  std::vector<ChannelConfig> channels;
  std::vector<SenseConfig> sense;  // optional

  const ChannelConfig* find(std::string_view channel_name) const;
  const SenseConfig* find_sense(std::string_view sense_name) const;
  int index_of(std::string_view channel_name) const;  // -1 if absent
};

class BenchConfigError : public std::runtime_error {
 public:
  BenchConfigError(std::string file, Location at, std::string message);
  const std::string& file() const { return file_; }
  Location location() const { return at_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  Location at_;
  std::string message_;
};

BenchConfig load_bench_config(const std::string& path);
BenchConfig parse_bench_config(const std::string& yaml_text, const std::string& source_name);

// "250ms", "2s", "1.5s", "10min", "1h". A unit is required.
// "DOP_BOOT_RELEASE", "V(hatch_lock.pin2) > 6 V", "I(hatch_lock.motor) > 500 mA": the signal and
// an optional threshold (units V, mV, A, mA or none). nullopt if malformed.
std::optional<Follow> parse_follow(std::string_view text);

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);
std::string format_duration(std::chrono::milliseconds d);

}  // namespace bcmhil::rig

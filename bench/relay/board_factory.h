#pragma once
// Opens a board from a description (family + device + channel count): the bench description and
// the CLI both go through here. DryRunBoard prints what would be switched and touches nothing.
#include "relay_board.h"

#include <chrono>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace bcmhil::relay {

enum class Family { lcus, kmtronic, numato, dcttech };
const char* to_string(Family f);
std::optional<Family> parse_family(std::string_view name);
int max_channels(Family f);

struct BoardSpec {
  Family family = Family::lcus;
  // Serial families: device path (/dev/serial/by-id/... or a pty link). dcttech: the board's
  // 5-character ID or its hidraw path (empty: the only board present).
  std::string device;
  int channels = 1;
  std::chrono::milliseconds timeout{500};
};

std::unique_ptr<RelayBoard> open_board(const BoardSpec& spec);

bool can_sense(Family f);  // numato only

class DryRunBoard : public RelayBoard, public SensingBoard {
 public:
  DryRunBoard(BoardSpec spec, std::string label, std::ostream& out);
  std::string family() const override { return to_string(spec_.family); }
  std::string identity() const override { return spec_.device.empty() ? "(any)" : spec_.device; }
  int channel_count() const override { return spec_.channels; }
  bool has_readback() const override { return false; }
  void set(int channel, bool on) override;
  ChannelReading get(int channel) override;
  void all_off() override;
  int sense_pin_count() const override { return 32; }
  bool read_digital(int pin) override;
  int read_analog(int pin) override;
  int analog_max() const override { return 1023; }

 private:
  BoardSpec spec_;
  std::string label_;
  std::ostream& out_;
  std::vector<bool> tracked_;
};

}  // namespace bcmhil::relay

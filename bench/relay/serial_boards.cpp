#include "serial_boards.h"

namespace bcmhil::relay {

// ---------------------------------------------------------------------------------------- LCUS
LcusBoard::LcusBoard(const std::string& path, int channels, std::chrono::milliseconds timeout)
    : link_(path, lcus::kBaud, timeout), channels_(channels), tracked_(channels + 1, false) {
  if (channels < 1 || channels > lcus::kMaxChannels)
    throw RelayError(path, ErrorKind::bad_channel, "LCUS boards have 1.." + std::to_string(lcus::kMaxChannels) +
                                                       " channels, not " + std::to_string(channels));
}

void LcusBoard::set(int channel, bool on) {
  check_channel(channel);
  const auto frame = lcus::encode_set(channel, on);
  link_.write(frame.data(), frame.size());
  tracked_[channel] = on;
}

ChannelReading LcusBoard::get(int channel) {
  check_channel(channel);
  return {tracked_[channel], Readback::tracked};
}

// ------------------------------------------------------------------------------------ KMTronic
KmtronicBoard::KmtronicBoard(const std::string& path, int channels, std::chrono::milliseconds timeout)
    : link_(path, kmtronic::kBaud, timeout), channels_(channels) {
  if (channels < 1 || channels > kmtronic::kMaxChannels)
    throw RelayError(path, ErrorKind::bad_channel,
                     "KMTronic boards have 1.." + std::to_string(kmtronic::kMaxChannels) + " channels, not " +
                         std::to_string(channels));
  read_all();  // probe: no answer -> RelayError(timeout) naming the device
}

std::vector<bool> KmtronicBoard::read_all() {
  std::vector<bool> states(channels_ + 1, false);
  link_.discard_input();
  if (kmtronic::uses_status_all(channels_)) {
    const auto q = kmtronic::encode_status_all();
    link_.write(q.data(), q.size());
    const Bytes a = link_.read_exact(static_cast<std::size_t>(channels_));
    for (int ch = 1; ch <= channels_; ++ch) {
      if (a[ch - 1] > 1) throw RelayError(link_.path(), ErrorKind::bad_answer, "status answer " + hex(a));
      states[ch] = a[ch - 1] == 1;
    }
  } else {
    for (int ch = 1; ch <= channels_; ++ch) states[ch] = get(ch).on;
  }
  return states;
}

ChannelReading KmtronicBoard::get(int channel) {
  check_channel(channel);
  if (kmtronic::uses_status_all(channels_)) return {read_all()[channel], Readback::hardware};
  const auto q = kmtronic::encode_status(channel);
  link_.discard_input();
  link_.write(q.data(), q.size());
  const Bytes a = link_.read_exact(3);
  if (a[0] != kmtronic::kStart || a[1] != channel || a[2] > 1)
    throw RelayError(link_.path(), ErrorKind::bad_answer,
                     "status of channel " + std::to_string(channel) + " answered " + hex(a));
  return {a[2] == 1, Readback::hardware};
}

void KmtronicBoard::set(int channel, bool on) {
  check_channel(channel);
  const auto frame = kmtronic::encode_set(channel, on);
  link_.write(frame.data(), frame.size());
  if (get(channel).on != on)
    throw RelayError(link_.path(), ErrorKind::readback_mismatch,
                     "channel " + std::to_string(channel) + " reads " + (on ? "off" : "on") + " after switching " +
                         (on ? "on" : "off"));
}

void KmtronicBoard::all_off() {
  for (int ch = 1; ch <= channels_; ++ch) {
    const auto frame = kmtronic::encode_set(ch, false);
    link_.write(frame.data(), frame.size());
  }
  const auto states = read_all();
  for (int ch = 1; ch <= channels_; ++ch)
    if (states[ch])
      throw RelayError(link_.path(), ErrorKind::readback_mismatch,
                       "channel " + std::to_string(ch) + " still reads on after all-off");
}

// -------------------------------------------------------------------------------------- Numato
NumatoBoard::NumatoBoard(const std::string& path, int channels, std::chrono::milliseconds timeout)
    : link_(path, numato::kBaud, timeout), channels_(channels) {
  if (channels < 1 || channels > numato::kMaxChannels)
    throw RelayError(path, ErrorKind::bad_channel,
                     "Numato boards have 1.." + std::to_string(numato::kMaxChannels) + " relays, not " +
                         std::to_string(channels));
  // A bare CR flushes whatever half-typed line the board holds; its prompt is then discarded.
  link_.write(std::string(1, numato::kTerminator));
  link_.read_until(numato::kPrompt);
  version_ = command("ver");
  id_ = command("id get");
}

std::string NumatoBoard::command(const std::string& line) {
  link_.discard_input();
  const std::string wire = line + numato::kTerminator;
  link_.write(wire);
  const std::string reply = link_.read_until(numato::kPrompt);
  return numato::answer_of(reply, line);
}

void NumatoBoard::set(int channel, bool on) {
  check_channel(channel);
  const std::string line = "relay " + std::string(on ? "on " : "off ") + numato::channel_token(channel - 1);
  const std::string answer = command(line);
  if (!answer.empty())
    throw RelayError(link_.path(), ErrorKind::bad_answer, "'" + line + "' answered '" + answer + "'");
  if (get(channel).on != on)
    throw RelayError(link_.path(), ErrorKind::readback_mismatch,
                     "relay " + numato::channel_token(channel - 1) + " reads " + (on ? "off" : "on") +
                         " after switching " + (on ? "on" : "off"));
}

ChannelReading NumatoBoard::get(int channel) {
  check_channel(channel);
  const std::string line = "relay read " + numato::channel_token(channel - 1);
  const std::string answer = command(line);
  if (answer != "on" && answer != "off")
    throw RelayError(link_.path(), ErrorKind::bad_answer, "'" + line + "' answered '" + answer + "'");
  return {answer == "on", Readback::hardware};
}

bool NumatoBoard::gpio_read(int index0) {
  const std::string line = "gpio read " + numato::channel_token(index0);
  const std::string answer = command(line);
  if (answer != "0" && answer != "1")
    throw RelayError(link_.path(), ErrorKind::bad_answer, "'" + line + "' answered '" + answer + "'");
  return answer == "1";
}

int NumatoBoard::adc_read(int index0) {
  const std::string line = "adc read " + numato::channel_token(index0);
  const std::string answer = command(line);
  try {
    std::size_t used = 0;
    const int value = std::stoi(answer, &used);
    if (used == answer.size() && value >= 0 && value <= 1023) return value;
  } catch (const std::exception&) {
  }
  throw RelayError(link_.path(), ErrorKind::bad_answer, "'" + line + "' answered '" + answer + "'");
}

}  // namespace bcmhil::relay

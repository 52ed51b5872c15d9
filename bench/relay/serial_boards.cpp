#include "serial_boards.h"

namespace bcmhil::relay {

namespace {
// A read-back after switching `channel` found it in the other state.
void expect_state(const std::string& device, int channel, bool on, bool reads_on) {
  if (reads_on != on)
    throw RelayError(device, ErrorKind::readback_mismatch,
                     "channel " + std::to_string(channel) + " reads " + (on ? "off" : "on") + " after switching " +
                         (on ? "on" : "off"));
}

// The read-back after an all-off (element 0 unused): every channel must read off.
void expect_all_off(const std::string& device, const std::vector<bool>& states) {
  for (std::size_t ch = 1; ch < states.size(); ++ch)
    if (states[ch])
      throw RelayError(device, ErrorKind::readback_mismatch,
                       "channel " + std::to_string(ch) + " still reads on after all-off");
}
}  // namespace

// ---------------------------------------------------------------------------------------- LCUS
LcusBoard::LcusBoard(const std::string& path, int channels, std::chrono::milliseconds timeout)
    : link_(path, lcus::kBaud, timeout), channels_(channels), tracked_(channels + 1, false) {
  if (channels < 1 || channels > lcus::kMaxChannels)
    throw RelayError(path, ErrorKind::bad_channel, "LCUS boards have 1.." + std::to_string(lcus::kMaxChannels) +
                                                       " channels, not " + std::to_string(channels));
  probe();
}

// One status query decides, for the life of this connection, whether the board can be read back.
// Silence means a board that does not know the query (write-only), not a fault; an answer that
// stops short or is not "CHn: ON|OFF" lines means the description does not fit the board.
void LcusBoard::probe() {
  link_.discard_input();
  const std::uint8_t query = lcus::kStatusQuery;
  link_.write(&query, 1);
  std::string answer;
  try {
    answer = link_.read_until('\n');
  } catch (const RelayError& e) {
    if (e.kind() != ErrorKind::timeout) throw;
    link_.discard_input();
    readback_note_ = "write only, no read-back: the board did not answer the status query FF within " +
                     std::to_string(link_.timeout().count()) + " ms";
    return;
  }
  const auto quoted = [&] { return "'" + hex(reinterpret_cast<const std::uint8_t*>(answer.data()), answer.size()) + "'"; };
  for (int ch = 2; ch <= channels_; ++ch) {
    try {
      answer += link_.read_until('\n');
    } catch (const RelayError& e) {
      if (e.kind() != ErrorKind::timeout) throw;
      throw RelayError(link_.path(), ErrorKind::bad_answer,
                       "the status query FF answered " + std::to_string(ch - 1) + " line(s) " + quoted() +
                           " for a board described with " + std::to_string(channels_) + " channels");
    }
  }
  if (!lcus::decode_status(answer, channels_))
    throw RelayError(link_.path(), ErrorKind::bad_answer,
                     "the status query FF answered " + quoted() + ", not \"CHn: ON|OFF\" lines");
  readback_ = true;
}

std::string LcusBoard::query_status() {
  link_.discard_input();
  const std::uint8_t query = lcus::kStatusQuery;
  link_.write(&query, 1);
  std::string answer;
  for (int ch = 1; ch <= channels_; ++ch) answer += link_.read_until('\n');
  return answer;
}

std::vector<bool> LcusBoard::read_all() {
  const std::string answer = query_status();
  const auto states = lcus::decode_status(answer, channels_);
  if (!states)
    throw RelayError(link_.path(), ErrorKind::bad_answer,
                     "status query FF answered '" + hex(reinterpret_cast<const std::uint8_t*>(answer.data()), answer.size()) + "'");
  std::vector<bool> out(1, false);
  out.insert(out.end(), states->begin(), states->end());
  return out;
}

void LcusBoard::set(int channel, bool on) {
  check_channel(channel);
  const auto frame = lcus::encode_set(channel, on);
  link_.write(frame.data(), frame.size());
  tracked_[channel] = on;
  if (readback_) expect_state(link_.path(), channel, on, read_all()[channel]);
}

ChannelReading LcusBoard::get(int channel) {
  check_channel(channel);
  if (readback_) return {read_all()[channel], Readback::hardware};
  return {tracked_[channel], Readback::tracked};
}

// Every frame first, then one status query for the lot.
void LcusBoard::all_off() {
  for (int ch = 1; ch <= channels_; ++ch) {
    const auto frame = lcus::encode_set(ch, false);
    link_.write(frame.data(), frame.size());
    tracked_[ch] = false;
  }
  if (readback_) expect_all_off(link_.path(), read_all());
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
  expect_state(link_.path(), channel, on, get(channel).on);
}

void KmtronicBoard::all_off() {
  for (int ch = 1; ch <= channels_; ++ch) {
    const auto frame = kmtronic::encode_set(ch, false);
    link_.write(frame.data(), frame.size());
  }
  expect_all_off(link_.path(), read_all());
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

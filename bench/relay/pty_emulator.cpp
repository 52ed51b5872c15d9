#include "pty_emulator.h"

#include "link_claim.h"
#include "relay_protocols.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace bcmhil::relay {

namespace {
[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw RelayError(where, ErrorKind::open_failed, what + ": " + std::strerror(errno));
}
}  // namespace

PtyEmulator::PtyEmulator(Family family, std::string link, int channels)
    : family_(family), link_(std::move(link)), channels_(channels),
      states_(channels + 1, false), gpio_(numato::kMaxGpio, false), adc_(numato::kMaxGpio, 0),
      lcus_status_answers_(channels > 1) {
  if (family == Family::dcttech)
    throw RelayError(link_, ErrorKind::open_failed, "dcttech boards are HID, not serial: no pty emulator");
  if (channels < 1 || channels > max_channels(family))
    throw RelayError(link_, ErrorKind::bad_channel,
                     std::string(to_string(family)) + " boards have 1.." + std::to_string(max_channels(family)) +
                         " channels, not " + std::to_string(channels));
  try {
    claim_ = std::make_unique<transport::LinkClaim>(link_);  // a live emulator's link is never taken
  } catch (const transport::LinkClaimError& e) {
    throw RelayError(link_, ErrorKind::open_failed, e.what());
  }
  master_ = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master_ < 0) fail(link_, "posix_openpt");
  if (::grantpt(master_) != 0 || ::unlockpt(master_) != 0) fail(link_, "grantpt/unlockpt");
  char name[128];
  if (::ptsname_r(master_, name, sizeof name) != 0) fail(link_, "ptsname");
  pty_name_ = name;
  slave_ = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave_ < 0) fail(pty_name_, "open");
  termios t{};
  ::tcgetattr(slave_, &t);
  ::cfmakeraw(&t);
  ::cfsetspeed(&t, B9600);
  ::tcsetattr(slave_, TCSANOW, &t);

  struct stat st {};
  if (::lstat(link_.c_str(), &st) == 0) {
    if (!S_ISLNK(st.st_mode))
      throw RelayError(link_, ErrorKind::open_failed, "exists and is not a symlink: not replacing it");
    ::unlink(link_.c_str());
  }
  if (::symlink(pty_name_.c_str(), link_.c_str()) != 0) fail(link_, "symlink");
  if (::pipe2(wake_, O_CLOEXEC) != 0) fail(link_, "pipe");
  thread_ = std::thread([this] { run(); });
}

PtyEmulator::~PtyEmulator() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  if (wake_[1] >= 0) (void)!::write(wake_[1], "x", 1);
  if (thread_.joinable()) thread_.join();
  for (int fd : {master_, slave_, wake_[0], wake_[1]})
    if (fd >= 0) ::close(fd);
  // Remove the link only if it still points at our pty (after a vanish another emulator may own it).
  char target[256];
  const ssize_t n = ::readlink(link_.c_str(), target, sizeof target - 1);
  if (n > 0 && std::string(target, static_cast<std::size_t>(n)) == pty_name_) ::unlink(link_.c_str());
}

void PtyEmulator::run() {
  std::uint8_t buf[512];
  for (;;) {
    bool vanish_now = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stop_) return;
      vanish_now = vanish_requested_ && !vanished_;
    }
    if (vanish_now) {
      // Only this thread touches the pty fds, so closing them here cannot race a poll or a write.
      ::close(slave_);
      ::close(master_);
      slave_ = master_ = -1;
      ::unlink(link_.c_str());
      {
        std::lock_guard<std::mutex> lock(mutex_);
        vanished_ = true;
        claim_.reset();  // an unplugged board frees its path
      }
      changed_.notify_all();
    }
    pollfd fds[2] = {{wake_[0], POLLIN, 0}, {master_, POLLIN, 0}};
    const int rc = ::poll(fds, master_ >= 0 ? 2 : 1, -1);
    if (rc < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[0].revents & POLLIN) {
      char c[16];
      (void)!::read(wake_[0], c, sizeof c);
      continue;  // re-check stop_ / vanish_requested_
    }
    if (master_ >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
      const ssize_t n = ::read(master_, buf, sizeof buf);
      if (n > 0) process(buf, static_cast<std::size_t>(n));
    }
  }
}

void PtyEmulator::process(const std::uint8_t* data, std::size_t size) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (silent_) return;  // a hung board: swallows everything
  }
  switch (family_) {
    case Family::lcus:
      buffer_.insert(buffer_.end(), data, data + size);
      process_lcus();
      break;
    case Family::kmtronic:
      buffer_.insert(buffer_.end(), data, data + size);
      process_kmtronic();
      break;
    case Family::numato: process_numato(data, size); break;
    case Family::dcttech: break;
  }
}

void PtyEmulator::process_lcus() {
  // The board resynchronises on the start byte and ignores frames with a bad checksum. It answers
  // only the status query FF (a byte no set frame contains), if it answers at all.
  std::size_t i = 0;
  while (i < buffer_.size()) {
    if (buffer_[i] == lcus::kStatusQuery) {
      answer_lcus_status();
      ++i;
      continue;
    }
    if (buffer_[i] != lcus::kStart) {
      ++i;
      continue;
    }
    if (buffer_.size() - i < 4) break;  // wait for the rest of the frame
    const auto cmd = lcus::decode(&buffer_[i]);
    if (!cmd || cmd->channel > channels_) {
      ++i;
      continue;
    }
    apply(cmd->channel, cmd->on);
    i += 4;
  }
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(i));
}

void PtyEmulator::answer_lcus_status() {
  std::vector<bool> states;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!lcus_status_answers_) return;
    states.assign(states_.begin() + 1, states_.end());
  }
  reply(lcus::encode_status(states));
}

void PtyEmulator::process_kmtronic() {
  std::size_t i = 0;
  while (buffer_.size() - i >= 3) {
    if (buffer_[i] != kmtronic::kStart) {
      ++i;
      continue;
    }
    const int n = buffer_[i + 1];
    const std::uint8_t op = buffer_[i + 2];
    i += 3;
    if (n == kmtronic::kAllStatusChannel && op == 0x00) {
      if (!kmtronic::uses_status_all(channels_)) continue;  // 1-2 relay boards do not know it
      std::string answer;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        for (int ch = 1; ch <= channels_; ++ch) answer += static_cast<char>(states_[ch] ? 1 : 0);
      }
      reply(answer);
    } else if (n >= 1 && n <= channels_ && (op == kmtronic::kOn || op == kmtronic::kOff)) {
      apply(n, op == kmtronic::kOn);
    } else if (n >= 1 && n <= channels_ && op == kmtronic::kStatus) {
      if (kmtronic::uses_status_all(channels_)) continue;  // 4-8 relay boards only know FF 09 00
      bool on;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        on = states_[n];
      }
      reply(std::string{static_cast<char>(0xFF), static_cast<char>(n), static_cast<char>(on ? 1 : 0)});
    }
    // Anything else (another board's id on an RS485 chain) is ignored.
  }
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(i));
}

void PtyEmulator::process_numato(const std::uint8_t* data, std::size_t size) {
  std::string out;
  for (std::size_t k = 0; k < size; ++k) {
    const char c = static_cast<char>(data[k]);
    if (c == numato::kTerminator) {
      out += "\n\r";
      const std::string answer = numato_answer(line_);
      if (!answer.empty()) out += answer + "\n\r";
      out += numato::kPrompt;
      line_.clear();
    } else if (c == '\n') {
      // ignored, as the board does
    } else {
      out += c;  // echo
      line_ += c;
    }
  }
  if (!out.empty()) reply(out);
}

// One command line of a Numato module; returns its answer line ("" for commands that answer
// nothing, and for anything the firmware does not know: it only echoes and prompts).
std::string PtyEmulator::numato_answer(const std::string& line) {
  std::vector<std::string> words;
  std::size_t p = 0;
  while (p < line.size()) {
    const std::size_t q = line.find(' ', p);
    const std::string w = line.substr(p, q == std::string::npos ? std::string::npos : q - p);
    if (!w.empty()) words.push_back(w);
    if (q == std::string::npos) break;
    p = q + 1;
  }
  const auto word = [&](std::size_t k) { return k < words.size() ? words[k] : std::string(); };
  if (words.size() == 1 && word(0) == "ver") return numato_version;
  if (words.size() == 1 && word(0) == "reset") {
    for (int ch = 1; ch <= channels_; ++ch)
      if (state(ch)) apply(ch, false);
    return "";
  }
  if (word(0) == "id" && words.size() == 2 && word(1) == "get") return numato_id;
  if (word(0) == "id" && words.size() == 3 && word(1) == "set" && word(2).size() == 8) {
    std::lock_guard<std::mutex> lock(mutex_);
    numato_id = word(2);
    return "";
  }
  if (word(0) == "relay" && (words.size() == 2 || words.size() == 3)) return numato_relay(word(1), word(2));
  if ((word(0) == "gpio" || word(0) == "adc") && words.size() == 3) return numato_io(word(0), word(1), word(2));
  return "";
}

std::string PtyEmulator::numato_relay(const std::string& verb, const std::string& arg) {
  if (verb == "readall" && arg.empty()) {
    std::uint32_t bitmap = 0;
    std::lock_guard<std::mutex> lock(mutex_);
    for (int ch = 1; ch <= channels_; ++ch)
      if (states_[ch]) bitmap |= 1u << (ch - 1);
    return numato::encode_bitmap(bitmap, channels_);
  }
  if (verb == "writeall") {
    const auto bitmap = numato::decode_bitmap(arg);
    if (!bitmap) return "";
    for (int ch = 1; ch <= channels_; ++ch) {
      const bool on = (*bitmap >> (ch - 1)) & 1u;
      if (state(ch) != on) apply(ch, on);
    }
    return "";
  }
  const auto index = numato_index(arg, channels_);
  if (!index) return "";
  if (verb == "on" || verb == "off") apply(*index + 1, verb == "on");
  if (verb == "read") return state(*index + 1) ? "on" : "off";
  return "";
}

std::string PtyEmulator::numato_io(const std::string& what, const std::string& verb, const std::string& arg) {
  const auto index = numato_index(arg, numato::kMaxGpio);
  if (!index) return "";
  std::lock_guard<std::mutex> lock(mutex_);
  const auto i = static_cast<std::size_t>(*index);
  if (what == "adc") return verb == "read" ? std::to_string(adc_[i]) : "";
  if (verb == "set" || verb == "clear") gpio_[i] = verb == "set";
  if (verb == "read") return gpio_[i] ? "1" : "0";
  return "";
}

// The firmware takes the first character of the number only, and letters in upper case only.
std::optional<int> PtyEmulator::numato_index(const std::string& token, int count) const {
  if (token.empty() || std::islower(static_cast<unsigned char>(token[0]))) return std::nullopt;
  const auto index = numato::parse_channel_token(token.substr(0, 1));
  if (!index || *index >= count) return std::nullopt;
  return index;
}

void PtyEmulator::apply(int channel, bool on) {
  SwitchEvent ev{std::chrono::steady_clock::now(), channel, on};
  std::function<void(const SwitchEvent&)> listener;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    states_[channel] = on;
    history_.push_back(ev);
    listener = listener_;
  }
  changed_.notify_all();
  if (listener) listener(ev);
}

void PtyEmulator::reply(const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(master_, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return;
    }
    done += static_cast<std::size_t>(n);
  }
}

bool PtyEmulator::state(int channel) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return channel >= 1 && channel <= channels_ && states_[channel];
}

std::vector<SwitchEvent> PtyEmulator::history() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return history_;
}

bool PtyEmulator::wait_for_state(int channel, bool on, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return states_[channel] == on; });
}

bool PtyEmulator::wait_for_events(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return history_.size() >= count; });
}

void PtyEmulator::set_listener(std::function<void(const SwitchEvent&)> listener) {
  std::lock_guard<std::mutex> lock(mutex_);
  listener_ = std::move(listener);
}

void PtyEmulator::set_silent(bool silent) {
  std::lock_guard<std::mutex> lock(mutex_);
  silent_ = silent;
}

void PtyEmulator::vanish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    vanish_requested_ = true;
  }
  (void)!::write(wake_[1], "v", 1);
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait_for(lock, std::chrono::seconds(5), [&] { return vanished_; });
}

bool PtyEmulator::vanished() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return vanished_;
}

void PtyEmulator::set_gpio(int index0, bool high) {
  std::lock_guard<std::mutex> lock(mutex_);
  gpio_.at(static_cast<std::size_t>(index0)) = high;
}

bool PtyEmulator::gpio(int index0) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return gpio_.at(static_cast<std::size_t>(index0));
}

void PtyEmulator::set_lcus_status_answers(bool answers) {
  std::lock_guard<std::mutex> lock(mutex_);
  lcus_status_answers_ = answers;
}

bool PtyEmulator::lcus_status_answers() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return lcus_status_answers_;
}

void PtyEmulator::set_adc(int index0, int value) {
  std::lock_guard<std::mutex> lock(mutex_);
  adc_.at(static_cast<std::size_t>(index0)) = value;
}

}  // namespace bcmhil::relay

#include "rfc2217_session.h"

namespace bcmhil::transport::rfc2217 {

namespace {

constexpr uint8_t kCR = 0x0D, kNUL = 0x00;
constexpr std::size_t kMaxSubnegotiation = 256;  // longer ones are junk; dropped whole

// RFC 2217 value tables ("Com Port Configuration Commands").
uint8_t parity_code(Parity p) { return static_cast<uint8_t>(static_cast<int>(p) + 1); }  // N1 O2 E3 M4 S5
uint8_t stop_code(StopBits s) { return s == StopBits::kOne ? 1 : s == StopBits::kTwo ? 2 : 3; }

std::vector<uint8_t> be32(uint32_t v) {
  return {static_cast<uint8_t>(v >> 24), static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 8),
          static_cast<uint8_t>(v)};
}

}  // namespace

Session::Session(UartFormat line, std::string signature) : format_(line), signature_(std::move(signature)) {}

bool Session::supported(uint8_t option, bool ours) {
  switch (option) {
    case kBinary:
    case kSuppressGoAhead:
    case kComPort:
      return true;
    case kEcho:  // we echo (as a serial port's far end does); a client echoing our data: no
      return ours;
    default:
      return false;
  }
}

void Session::request(uint8_t verb, uint8_t option, std::vector<uint8_t>& out) {
  (verb == kWILL ? us_ : him_)[option] = Q::kWantYes;
  out.insert(out.end(), {kIAC, verb, option});
}

std::vector<uint8_t> Session::greeting() {
  std::vector<uint8_t> out;
  request(kWILL, kBinary, out);
  request(kDO, kBinary, out);
  request(kWILL, kSuppressGoAhead, out);
  request(kDO, kSuppressGoAhead, out);
  request(kWILL, kEcho, out);
  request(kDO, kComPort, out);
  return out;
}

// RFC 1143 section 7, without the queue bit: agree to a change we support, refuse one we do not,
// acknowledge only what changes a state.
void Session::negotiate(uint8_t verb, uint8_t option, Events& ev) {
  const bool about_us = verb == kDO || verb == kDONT;
  const bool enable = verb == kWILL || verb == kDO;
  Q& state = (about_us ? us_ : him_)[option];
  const uint8_t yes = about_us ? kWILL : kDO, no = about_us ? kWONT : kDONT;
  const Q before = state;
  if (enable) {
    if (state == Q::kNo) {
      if (supported(option, about_us)) {
        state = Q::kYes;
        ev.reply.insert(ev.reply.end(), {kIAC, yes, option});
      } else {
        ev.reply.insert(ev.reply.end(), {kIAC, no, option});
      }
    } else if (state == Q::kWantYes) {
      state = Q::kYes;
    }
  } else {
    if (state == Q::kYes) ev.reply.insert(ev.reply.end(), {kIAC, no, option});
    state = Q::kNo;
  }
  // Once the client agrees to send COM-PORT-OPTION commands, tell it the modem lines (RFC 2217
  // "Notification of Com Port and Modem Line Changes": the mask starts at 255).
  if (!about_us && option == kComPort && before != Q::kYes && state == Q::kYes && modemstate_mask_)
    answer(kNotifyModemstate, {static_cast<uint8_t>(kModemState & modemstate_mask_)}, ev.reply);
}

Session::Events Session::receive(const uint8_t* bytes, std::size_t size) {
  Events ev;
  for (std::size_t i = 0; i < size; ++i) {
    const uint8_t b = bytes[i];
    switch (mode_) {
      case Mode::kData:
        if (b == kIAC) {
          mode_ = Mode::kIac;
        } else {
          // RFC 854: outside BINARY a bare CR travels as CR NUL; the NUL is not data.
          if (!(last_was_cr_ && b == kNUL && him_[kBinary] != Q::kYes)) ev.data.push_back(b);
          last_was_cr_ = b == kCR;
        }
        break;
      case Mode::kIac:
        mode_ = Mode::kData;
        if (b == kIAC) {
          ev.data.push_back(kIAC);
          last_was_cr_ = false;
        } else if (b == kSB) {
          sub_.clear();
          sub_overflow_ = false;
          mode_ = Mode::kSub;
        } else if (b >= kWILL && b <= kDONT) {
          verb_ = b;
          mode_ = Mode::kNegotiate;
        }  // NOP, DM, BRK, AYT, ... and a stray SE: nothing to do for a serial line
        break;
      case Mode::kNegotiate:
        negotiate(verb_, b, ev);
        mode_ = Mode::kData;
        break;
      case Mode::kSub:
        if (b == kIAC) {
          mode_ = Mode::kSubIac;
        } else if (sub_.size() < kMaxSubnegotiation) {
          sub_.push_back(b);
        } else {
          sub_overflow_ = true;
        }
        break;
      case Mode::kSubIac:
        if (b == kSE) {
          mode_ = Mode::kData;
          if (!sub_overflow_) subnegotiation(ev);
        } else if (b == kIAC) {
          mode_ = Mode::kSub;
          if (sub_.size() < kMaxSubnegotiation) sub_.push_back(kIAC);
        } else {
          // RFC 855 allows no other command inside; treat it as the end of a broken block.
          mode_ = Mode::kData;
        }
        break;
    }
  }
  return ev;
}

void Session::subnegotiation(Events& ev) {
  if (sub_.size() < 2 || sub_[0] != kComPort) return;  // another option's block, or empty
  com_port_command(sub_[1], std::vector<uint8_t>(sub_.begin() + 2, sub_.end()), ev);
}

void Session::com_port_command(uint8_t code, const std::vector<uint8_t>& value, Events& ev) {
  const uint8_t v = value.empty() ? 0 : value[0];
  switch (code) {
    case kSignature:  // a request (empty) or the client's own signature: answer with ours
      answer(kSignature, std::vector<uint8_t>(signature_.begin(), signature_.end()), ev.reply);
      return;
    case kSetBaudrate: {
      if (value.size() < 4) return;
      const uint32_t baud = (uint32_t{value[0]} << 24) | (uint32_t{value[1]} << 16) | (uint32_t{value[2]} << 8) | value[3];
      if (baud >= kMinBaud && baud <= kMaxBaud) format_.baud = baud;  // 0 asks; others: keep
      answer(kSetBaudrate, be32(format_.baud), ev.reply);
      return;
    }
    case kSetDatasize:
      if (v >= 5 && v <= 8) format_.data_bits = v;
      answer(kSetDatasize, {format_.data_bits}, ev.reply);
      return;
    case kSetParity:
      if (v >= 1 && v <= 5) format_.parity = static_cast<Parity>(v - 1);
      answer(kSetParity, {parity_code(format_.parity)}, ev.reply);
      return;
    case kSetStopsize:
      if (v >= 1 && v <= 3) format_.stop_bits = v == 1 ? StopBits::kOne : v == 2 ? StopBits::kTwo : StopBits::kOnePointFive;
      answer(kSetStopsize, {stop_code(format_.stop_bits)}, ev.reply);
      return;
    case kSetControl: {
      const uint8_t now = set_control(v);
      if (now) answer(kSetControl, {now}, ev.reply);
      return;
    }
    case kNotifyLinestate:  // the client asks for the current state
      answer(kNotifyLinestate, {0}, ev.reply);
      return;
    case kNotifyModemstate:
      answer(kNotifyModemstate, {static_cast<uint8_t>(kModemState & modemstate_mask_)}, ev.reply);
      return;
    case kFlowSuspend:
      suspended_ = true;
      return;
    case kFlowResume:
      if (suspended_) ev.resumed = true;
      suspended_ = false;
      return;
    case kSetLinestateMask:
      linestate_mask_ = v;
      answer(kSetLinestateMask, {v}, ev.reply);
      return;
    case kSetModemstateMask:
      modemstate_mask_ = v;
      answer(kSetModemstateMask, {v}, ev.reply);
      return;
    case kPurgeData:
      if (v < 1 || v > 3) return;
      ev.purge_receive = ev.purge_receive || (v & 1);
      ev.purge_transmit = ev.purge_transmit || (v & 2);
      answer(kPurgeData, {v}, ev.reply);
      return;
    default:
      return;  // reserved codes: no answer
  }
}

// SET-CONTROL (RFC 2217 table): returns the value to answer with, 0 for a reserved request.
// The K-line has no handshake lines: only "no flow control" is ever in force.
uint8_t Session::set_control(uint8_t value) {
  switch (value) {
    case 0: case 1: case 2: case 3: case 17: case 19:
      return 1;  // outbound/both flow control: none
    case 13: case 14: case 15: case 16: case 18:
      return 14;  // inbound flow control: none
    case 4: return break_on_ ? 5 : 6;
    case 5: break_on_ = true; return 5;
    case 6: break_on_ = false; return 6;
    case 7: return dtr_ ? 8 : 9;
    case 8: dtr_ = true; return 8;
    case 9: dtr_ = false; return 9;
    case 10: return rts_ ? 11 : 12;
    case 11: rts_ = true; return 11;
    case 12: rts_ = false; return 12;
    default: return 0;
  }
}

void Session::answer(uint8_t code, const std::vector<uint8_t>& value, std::vector<uint8_t>& out) const {
  out.insert(out.end(), {kIAC, kSB, kComPort, static_cast<uint8_t>(code + kServerOffset)});
  for (uint8_t b : value) {
    out.push_back(b);
    if (b == kIAC) out.push_back(kIAC);  // RFC 855: a 255 inside a block is doubled too
  }
  out.insert(out.end(), {kIAC, kSE});
}

std::vector<uint8_t> Session::encode_data(const uint8_t* bytes, std::size_t size) const {
  std::vector<uint8_t> out;
  out.reserve(size + 4);
  const bool binary = us_[kBinary] == Q::kYes;
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(bytes[i]);
    if (bytes[i] == kIAC) out.push_back(kIAC);
    else if (bytes[i] == kCR && !binary) out.push_back(kNUL);
  }
  return out;
}

std::vector<uint8_t> Session::notify_linestate(uint8_t state) const {
  std::vector<uint8_t> out;
  const uint8_t shown = state & linestate_mask_;
  if (shown) answer(kNotifyLinestate, {shown}, out);
  return out;
}

}  // namespace bcmhil::transport::rfc2217

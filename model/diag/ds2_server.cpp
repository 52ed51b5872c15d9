#include "ds2_server.h"

#include "reference_tables.h"

namespace bcmhil::diag {

using namespace ds2;

Ds2Server::Ds2Server(Ds2ServerConfig config) : config_(config), seed_state_(config.seed_state) {}

Frame Ds2Server::answer(uint8_t status, std::vector<uint8_t> payload) const {
  Frame f{config_.address, {}};
  f.data.reserve(payload.size() + 1);
  f.data.push_back(status);
  f.data.insert(f.data.end(), payload.begin(), payload.end());
  return f;
}

uint16_t Ds2Server::next_seed() {
  // xorshift32; a seed of 0 would make a trivial key, skip it.
  uint16_t seed = 0;
  while (seed == 0) {
    seed_state_ ^= seed_state_ << 13;
    seed_state_ ^= seed_state_ >> 17;
    seed_state_ ^= seed_state_ << 5;
    seed = static_cast<uint16_t>(seed_state_ >> 8);
  }
  return seed;
}

void Ds2Server::lock() {
  unlocked_ = false;
  pending_seed_.reset();
}

bool Ds2Server::unlocked(Clock::time_point now) const {
  return unlocked_ && last_message_ && now - *last_message_ <= config_.lock_after;
}

std::optional<std::vector<uint8_t>> Ds2Server::handle_raw(const std::vector<uint8_t>& request,
                                                          DiagnosticBackend& backend,
                                                          Clock::time_point now) {
  const auto decoded = decode(request);
  if (!decoded.frame) {
    if (decoded.error == DecodeError::kBadChecksum) ++stats_.ignored_checksum;
    return std::nullopt;
  }
  auto reply = handle(*decoded.frame, backend, now);
  if (!reply) return std::nullopt;
  return encode(*reply);
}

std::optional<Frame> Ds2Server::handle(const Frame& request, DiagnosticBackend& backend,
                                       Clock::time_point now) {
  if (request.address != config_.address) {
    ++stats_.ignored_address;
    return std::nullopt;
  }
  // 30 s without a diagnostic message: the session is gone (BC1.prg START_DIAGNOSTICS).
  if (last_message_ && now - *last_message_ > config_.lock_after) lock();
  last_message_ = now;
  ++stats_.answered;

  const auto& req = request.data;
  if (req.empty()) return answer(kStatusNack);
  const std::size_t n = req.size();

  switch (req[0]) {
    case kCmdIdent: {  // IDENT (bc1_job_fields.csv IDENT results, layout chosen)
      if (n != 1) return answer(kStatusNumber);
      const IdentData id = backend.ident();
      std::vector<uint8_t> p;
      for (std::size_t i = 0; i < 7; ++i)
        p.push_back(i < id.bmw_part_number.size() ? static_cast<uint8_t>(id.bmw_part_number[i])
                                                  : static_cast<uint8_t>('0'));
      for (uint8_t b : {id.hw_number, id.coding_index, id.diag_index, id.bus_index, id.week,
                        id.year, id.supplier, id.sw_number})
        p.push_back(b);
      return answer(kStatusOkay, std::move(p));
    }
    case kCmdReadFaults: {  // FS_LESEN: [count] then [code][type][frequency] (chosen)
      if (n > 2) return answer(kStatusNumber);
      if (n == 2 && req[1] >= kFaultBlocks) return answer(kStatusParameter);
      const auto faults = backend.fault_memory();
      const std::size_t max_records = (kMaxDataSize - 2) / 3;
      std::vector<uint8_t> p{0};
      for (const auto& f : faults) {
        if (p[0] == max_records) break;
        p.push_back(f.code);
        p.push_back(f.active ? kFaultTypeActive : kFaultTypeInactive);
        p.push_back(f.frequency);
        ++p[0];
      }
      return answer(kStatusOkay, std::move(p));
    }
    case kCmdClearFaults:  // FS_LOESCHEN, optionally per block (all blocks are cleared, chosen)
      if (n > 2) return answer(kStatusNumber);
      if (n == 2 && req[1] >= kFaultBlocks) return answer(kStatusParameter);
      backend.clear_fault_memory();
      return answer(kStatusOkay);
    case kCmdReadInfo: {  // IS_LESEN block: [selector][count] then [raw code][count] (chosen)
      if (n != 2) return answer(kStatusNumber);
      const uint8_t sel = req[1];
      if (sel != kInfoMislocks && sel != kInfoAlarmTriggers) return answer(kStatusParameter);
      const uint8_t offset = sel == kInfoMislocks ? kInfoMislockOffset : kInfoAlarmOffset;
      const std::size_t max_records = (kMaxDataSize - 3) / 2;
      std::vector<uint8_t> p{sel, 0};
      for (const auto& r : backend.info_memory()) {
        if (r.code < offset || r.code >= offset + 0x10) continue;
        if (p[1] == max_records) break;
        p.push_back(static_cast<uint8_t>(r.code - offset));
        p.push_back(r.count);
        ++p[1];
      }
      return answer(kStatusOkay, std::move(p));
    }
    case kCmdStatus:
      if (n != 2) return answer(kStatusNumber);
      return status_read(req[1], backend);
    case kCmdControl:
      return control(request, backend, now);
    case kCmdRequestSeed: {
      if (n != 1) return answer(kStatusNumber);
      const uint16_t seed = next_seed();
      pending_seed_ = seed;
      unlocked_ = false;
      return answer(kStatusOkay, {static_cast<uint8_t>(seed >> 8), static_cast<uint8_t>(seed)});
    }
    case kCmdSendKey: {
      if (n != 3) return answer(kStatusNumber);
      const uint16_t key = static_cast<uint16_t>((req[1] << 8) | req[2]);
      const bool good = pending_seed_ && key == key_for_seed(*pending_seed_);
      pending_seed_.reset();
      unlocked_ = good;
      return answer(good ? kStatusOkay : kStatusRejected);
    }
    case kCmdClearRfBuffers:
      if (n != 1) return answer(kStatusNumber);
      backend.clear_rf_buffers();
      return answer(kStatusOkay);
    case kCmdReadPlipCodes:
    case kCmdWritePlipCodes:
      return plip(request, backend, now);
    case kCmdPing:  // DIAGNOSE_AUFRECHT: keeps the session alive (last_message_ updated above)
      if (n != 1) return answer(kStatusNumber);
      return answer(kStatusOkay);
    case kCmdEndDiagnosis:
      if (n != 1) return answer(kStatusNumber);
      lock();
      return answer(kStatusOkay);
    case kCmdReset:
      if (n != 1) return answer(kStatusNumber);
      lock();
      backend.reset();
      return answer(kStatusOkay);
    default:
      return answer(kStatusFunction);
  }
}

Frame Ds2Server::status_read(uint8_t selector, DiagnosticBackend& backend) const {
  const auto& tables = ReferenceTables::bc1();
  // The telegram is built with its real byte positions (address = 0, length = 1, status = 2,
  // selector = 3, payload from 4: bc1_bits.csv BYTE column), then the payload is cut out.
  std::vector<uint8_t> tel(kSignalFirstByte, 0);
  auto digital_group = [&](SignalGroup group) {
    tel.resize(kSignalFirstByte + 2 * kDigitalPayloadBytes, 0);
    for (const auto& bit : tables.bits_in(group)) {
      const auto on = backend.digital(bit.name);
      if (!on) continue;  // not measured: value 0, availability bit clear
      tel[bit.byte + kDigitalAvailabilityOffset] |= bit.mask;
      if (*on) set_signal(tel, bit, true);
    }
  };
  switch (selector) {
    case kStatusDigitalInputs:
      digital_group(SignalGroup::kDigitalInputs);
      break;
    case kStatusDigitalOutputs:
      digital_group(SignalGroup::kDigitalOutputs);
      break;
    case kStatusAnalogInputs:
    case kStatusPwmOutputs: {  // one raw byte per channel, in bc1_analog.csv row order (chosen)
      const auto channels =
          tables.analog_with_prefix(selector == kStatusAnalogInputs ? "AIP_" : "AOP_");
      std::vector<uint8_t> available(availability_bytes(channels.size()), 0);
      for (std::size_t i = 0; i < channels.size(); ++i) {
        const auto raw = backend.analog_raw(channels[i].name);
        tel.push_back(raw.value_or(0));
        if (raw) available[i / 8] |= static_cast<uint8_t>(1u << (i % 8));
      }
      tel.insert(tel.end(), available.begin(), available.end());
      break;
    }
    case kStatusRf: {  // byte 4: RF_* rows of bc1_bits.csv; bytes 5..8: last code (chosen)
      const RfStatus rf = backend.rf_status();
      tel.resize(kSignalFirstByte + 5, 0);
      const char* remote = rf.remote_incorrect           ? "RF_REMOTE_INCORRECT"
                           : rf.remote_ok_rolling_not_ok ? "RF_REMOTE_OK_ROLLING_CODE_NOT_OK"
                           : rf.remote_ok_rolling_ok     ? "RF_REMOTE_OK_ROLLING_CODE_OK"
                                                         : nullptr;
      if (remote) set_signal(tel, *tables.find_bit(remote), true);
      if (rf.battery_dead) set_signal(tel, *tables.find_bit("RF_REMOTE_BATTERY_DEAD"), true);
      for (int i = 0; i < 4; ++i)
        tel[kSignalFirstByte + 1 + i] = static_cast<uint8_t>(rf.last_code >> (24 - 8 * i));
      break;
    }
    case kStatusTilt:  // byte 4: TILT_SENSOR_PULSE_RECEIVED (bc1_bits.csv)
      tel.resize(kSignalFirstByte + 1, 0);
      if (backend.tilt_pulse_received())
        set_signal(tel, *tables.find_bit("TILT_SENSOR_PULSE_RECEIVED"), true);
      break;
    default:
      return answer(kStatusParameter);
  }
  std::vector<uint8_t> payload{selector};
  payload.insert(payload.end(), tel.begin() + kSignalFirstByte, tel.end());
  return answer(kStatusOkay, std::move(payload));
}

namespace {
void put_be(std::vector<uint8_t>& out, uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}
uint64_t get_be(const std::vector<uint8_t>& in, std::size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | in[at + i];
  return v;
}
}  // namespace

Frame Ds2Server::plip(const Frame& request, DiagnosticBackend& backend, Clock::time_point now) {
  // READ_PLIP_CODES [44][location]; WRITE_PLIP_CODES [45][location][cipher 8][window 3][base 3]
  // [enable]; both answer [A0][location][cipher 8][window 3][base 3][enabled] (ds2_protocol.h).
  const auto& req = request.data;
  const bool write = req[0] == kCmdWritePlipCodes;
  if (req.size() != (write ? 1 + kPlipCodesSize : 2u)) return answer(kStatusNumber);
  const uint8_t location = req[1];
  if (location < 1 || location > kPlipLocations) return answer(kStatusParameter);
  if (write && req[kPlipCodesSize] > 1) return answer(kStatusParameter);
  if (!unlocked(now)) return answer(kStatusRejected);  // seed/key first
  if (!backend.read_plip(location)) return answer(kStatusFunction);
  if (write) {
    const PlipCodes codes{get_be(req, 2, 8), static_cast<uint32_t>(get_be(req, 10, 3)),
                          static_cast<uint32_t>(get_be(req, 13, 3)), req[16] == 1};
    if (!backend.write_plip(location, codes)) return answer(kStatusParameter);
  }
  const PlipCodes now_stored = *backend.read_plip(location);
  std::vector<uint8_t> p{location};
  put_be(p, now_stored.cipher_key, 8);
  put_be(p, now_stored.window_key, 3);
  put_be(p, now_stored.base_code_key, 3);
  p.push_back(now_stored.enabled ? 1 : 0);
  return answer(kStatusOkay, std::move(p));
}

Frame Ds2Server::control(const Frame& request, DiagnosticBackend& backend,
                         Clock::time_point now) {
  // STEUERN_IOSTATES: [0C][telegram byte][mask][value], addressing the output by its
  // bc1_bits.csv row (byte, mask); value = the row's VALUE to switch on, 0 to switch off.
  const auto& req = request.data;
  if (req.size() != 4) return answer(kStatusNumber);
  const SignalBit* target = nullptr;
  for (const auto& bit : ReferenceTables::bc1().bits())
    if (signal_group(bit.name) == SignalGroup::kDigitalOutputs && bit.byte == req[1] &&
        bit.mask == req[2])
      target = &bit;
  if (!target || (req[3] != 0 && req[3] != target->value)) return answer(kStatusParameter);
  if (!unlocked(now)) return answer(kStatusRejected);  // seed/key first
  if (!backend.force_output(target->name, req[3] != 0)) return answer(kStatusRejected);
  return answer(kStatusOkay);
}

}  // namespace bcmhil::diag

#include "ds2_tester.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "fault_gloss.h"
#include "frame_assembler.h"
#include "reference_tables.h"
#include "serial_line.h"

namespace bcmhil::tester {

namespace ds2 = diag::ds2;
using diag::Frame;
using diag::ReferenceTables;
using diag::SignalGroup;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string hex_byte(uint8_t b) {
  char s[8];
  std::snprintf(s, sizeof s, "0x%02X", b);
  return s;
}

namespace {

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

std::string fmt_double(double v, int decimals) {
  char s[32];
  std::snprintf(s, sizeof s, "%.*f", decimals, v);
  return s;
}

const char* error_name(LineError e) {
  switch (e) {
    case LineError::kNone: return "none";
    case LineError::kNoAnswer: return "no_answer";
    case LineError::kChecksum: return "checksum";
    case LineError::kEchoMismatch: return "echo_mismatch";
    case LineError::kLineGone: return "line_gone";
  }
  return "?";
}

}  // namespace

std::chrono::milliseconds request_budget(const TesterOptions& o) {
  const int retries = std::max(0, o.retries);
  return o.timeout * (1 + retries) + o.retry_pause * retries;
}

Ds2Tester::Ds2Tester(transport::BytePort& port, TesterOptions options)
    : port_(port), options_(options) {}

Exchange Ds2Tester::transact(const std::vector<uint8_t>& request_data) {
  const auto request = diag::encode(Frame{options_.address, request_data});
  Exchange ex;
  const int tries = 1 + std::max(0, options_.retries);
  std::vector<uint8_t> last_bad;
  std::vector<uint8_t> mismatch_got;
  bool any_echo_or_byte = false;
  std::size_t bytes_received = 0;
  // One deadline for the whole request, fixed before the first byte is sent: bytes arriving do
  // not extend it, so a line that streams noise cannot hold the tester (issue 9).
  const auto request_deadline = Clock::now() + request_budget(options_);

  for (int t = 1; t <= tries; ++t) {
    if (t > 1) std::this_thread::sleep_for(options_.retry_pause);
    if (Clock::now() >= request_deadline) break;
    ex.tries = t;
    try {
      port_.flush_input();
      port_.write(request);

      std::vector<std::vector<uint8_t>> frames;
      diag::FrameAssembler assembler([&](const auto& f) { frames.push_back(f); },
                                     [&](const auto& f) { last_bad = f; });
      std::vector<uint8_t> echo;
      bool echo_done = options_.echo != EchoMode::kOn;
      LineError outcome = LineError::kNoAnswer;
      bool finished = false;
      // This try's answer must be complete within `timeout` of sending, and within the request's.
      const auto deadline = std::min(Clock::now() + options_.timeout, request_deadline);

      auto take_frames = [&]() {
        for (const auto& f : frames) {
          if (f == request) {
            if (options_.echo == EchoMode::kOff) {
              outcome = LineError::kEchoMismatch;
              mismatch_got = f;
              ex.detail = "the line returned our own request (" + diag::hex(f) +
                          ") although --echo is off: this interface echoes; use --echo auto or on";
              finished = true;
              return;
            }
            ex.echo_seen = true;
            continue;
          }
          if (f[0] != options_.address) continue;  // another module's traffic
          ex.raw = f;
          ex.answer = diag::decode(f).frame;
          outcome = LineError::kNone;
          finished = true;
          return;
        }
        frames.clear();
      };

      while (!finished) {
        const auto now = Clock::now();
        if (now >= deadline) break;
        auto bytes = port_.read(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    deadline - now) +
                                std::chrono::milliseconds(1));
        if (bytes.empty()) continue;
        any_echo_or_byte = true;
        bytes_received += bytes.size();
        std::size_t i = 0;
        if (!echo_done) {
          while (i < bytes.size() && echo.size() < request.size()) echo.push_back(bytes[i++]);
          if (!std::equal(echo.begin(), echo.end(), request.begin())) {
            outcome = LineError::kEchoMismatch;
            mismatch_got = echo;
            ex.detail = "echo mismatch: sent " + diag::hex(request) + ", the line returned " +
                        diag::hex(echo) +
                        "; a collision on the K-line or a faulty interface (does this interface "
                        "echo? try --echo auto or off)";
            break;
          }
          if (echo.size() == request.size()) {
            echo_done = true;
            ex.echo_seen = true;
          }
        }
        assembler.push(bytes.data() + i, bytes.size() - i);
        take_frames();
      }
      if (!finished && outcome != LineError::kEchoMismatch) {
        assembler.on_idle();  // salvage a whole frame behind a broken head
        take_frames();
      }
      if (outcome == LineError::kNone) {
        ex.error = LineError::kNone;
        ex.detail.clear();
        return ex;
      }
      ex.error = outcome;
      if (outcome == LineError::kNoAnswer && !last_bad.empty()) ex.error = LineError::kChecksum;
    } catch (const transport::TransportError& e) {
      ex.error = LineError::kLineGone;
      ex.detail = std::string(e.what()) +
                  "; is the module being served (bcmhil serve) or the K-line cable plugged in?";
      return ex;
    }
  }

  const std::string addr = hex_byte(options_.address);
  const std::string n = std::to_string(ex.tries);
  switch (ex.error) {
    case LineError::kNoAnswer:
      ex.detail = "no answer from address " + addr + " after " + n +
                  (ex.tries == 1 ? " try" : " tries");
      if (bytes_received > 0)
        ex.detail += ": timed out after " + std::to_string(request_budget(options_).count()) +
                     " ms; the line carried " + std::to_string(bytes_received) +
                     " bytes but no whole answer frame: noise or another talker on the K-line";
      else
        ex.detail += "; check ignition/KL15, the K-line pull-up, or a wetted K-line";
      if (options_.echo == EchoMode::kOn && !any_echo_or_byte)
        ex.detail += " (not even the echo of our own bytes came back)";
      break;
    case LineError::kChecksum:
      ex.detail = "checksum error in the answer from address " + addr + " after " + n +
                  (ex.tries == 1 ? " try" : " tries") + " (last received: " +
                  diag::hex(last_bad) + "); check the K-line wiring and the interface";
      break;
    default:
      break;  // echo mismatch: detail already set
  }
  return ex;
}

std::optional<Exchange> Ds2Tester::ask(const std::vector<uint8_t>& request, JobResult& result,
                                       const char* what) {
  auto ex = transact(request);
  // A1 BUSY (bc1_jobresult.csv): the module will answer later; ask again, within the retries.
  for (int busy = 0; busy < std::max(0, options_.retries) && ex.error == LineError::kNone &&
                     ex.answer && !ex.answer->data.empty() &&
                     ex.answer->data[0] == ds2::kStatusBusy;
       ++busy) {
    std::this_thread::sleep_for(options_.busy_pause);
    ex = transact(request);
  }
  if (ex.error != LineError::kNone) {
    result.exit_code = kExitLine;
    result.text = ex.detail;
    result.json["ok"] = false;
    result.json["error"] = error_name(ex.error);
    result.json["message"] = ex.detail;
    result.json["tries"] = ex.tries;
    return std::nullopt;
  }
  const uint8_t status = ex.answer && !ex.answer->data.empty() ? ex.answer->data[0] : 0xFF;
  const auto status_text = ReferenceTables::bc1().status_text(status);
  result.json["status"] = status_text;
  result.json["status_byte"] = hex_byte(status);
  result.json["answer"] = diag::hex(ex.raw);
  result.json["echo_seen"] = ex.echo_seen;
  if (status != ds2::kStatusOkay) {
    result.exit_code = kExitModuleError;
    result.json["ok"] = false;
    result.text = std::string("the module answered ") + status_text + " (" + hex_byte(status) +
                  ") to " + what;
    if (status == ds2::kStatusRejected)
      result.text += "; it refuses this now (locked session, or the output cannot be forced)";
    else if (status == ds2::kStatusFunction || status == ds2::kStatusNack)
      result.text += "; this module does not know the request";
    return std::nullopt;
  }
  result.json["ok"] = true;
  return ex;
}

JobResult Ds2Tester::simple(const std::vector<uint8_t>& request, const char* job,
                            const char* done_text) {
  JobResult r;
  r.json["job"] = job;
  if (!ask(request, r, job)) return r;
  r.text = done_text;
  return r;
}

JobResult Ds2Tester::ping() {
  return simple({ds2::kCmdPing}, "DIAGNOSE_AUFRECHT", "module at 0x00 answered OKAY (ping)");
}
JobResult Ds2Tester::end() {
  return simple({ds2::kCmdEndDiagnosis}, "DIAGNOSE_ENDE", "diagnosis ended (OKAY)");
}
JobResult Ds2Tester::reset() {
  return simple({ds2::kCmdReset}, "SG_RESET", "module reset (OKAY)");
}
JobResult Ds2Tester::clear_rf() {
  return simple({ds2::kCmdClearRfBuffers}, "CLEAR_RF_BUFFERS", "RF buffers cleared (OKAY)");
}
JobResult Ds2Tester::clear_faults() {
  return simple({ds2::kCmdClearFaults}, "FS_LOESCHEN", "fault memory cleared (OKAY)");
}

JobResult Ds2Tester::raw(const std::vector<uint8_t>& request_data) {
  JobResult r;
  r.json["job"] = "raw";
  r.json["request"] = diag::hex(diag::encode(Frame{options_.address, request_data}));
  auto ex = transact(request_data);
  if (ex.error != LineError::kNone) {
    r.exit_code = kExitLine;
    r.text = ex.detail;
    r.json["ok"] = false;
    r.json["error"] = error_name(ex.error);
    r.json["message"] = ex.detail;
    return r;
  }
  const uint8_t status = ex.answer->data.empty() ? 0xFF : ex.answer->data[0];
  r.json["answer"] = diag::hex(ex.raw);
  r.json["status"] = ReferenceTables::bc1().status_text(status);
  r.json["ok"] = status == ds2::kStatusOkay;
  r.exit_code = status == ds2::kStatusOkay ? kExitOk : kExitModuleError;
  r.text = "answer: " + diag::hex(ex.raw) + "  (" + ReferenceTables::bc1().status_text(status) + ")";
  return r;
}

JobResult Ds2Tester::ident() {
  JobResult r;
  r.json["job"] = "IDENT";
  auto ex = ask({ds2::kCmdIdent}, r, "IDENT");
  if (!ex) return r;
  const auto& d = ex->answer->data;  // A0 + 7 ASCII + 8 bytes (layout chosen, README)
  if (d.size() < 16) {
    r.exit_code = kExitModuleError;
    r.text = "IDENT answer too short: " + diag::hex(ex->raw);
    r.json["ok"] = false;
    return r;
  }
  const std::string part(d.begin() + 1, d.begin() + 8);
  json id{{"ID_BMW_NR", part},      {"ID_HW_NR", d[8]},    {"ID_COD_INDEX", d[9]},
          {"ID_DIAG_INDEX", d[10]}, {"ID_BUS_INDEX", d[11]}, {"ID_DATUM_KW", d[12]},
          {"ID_DATUM_JAHR", d[13]}, {"ID_LIEF_NR", d[14]}, {"ID_SW_NR", d[15]}};
  r.json["ident"] = id;
  std::ostringstream s;
  s << "BC1 at address 0x00\n"
    << "  BMW part number   " << part << "\n"
    << "  hardware number   " << int(d[8]) << "\n"
    << "  coding index      " << int(d[9]) << "\n"
    << "  diagnosis index   " << int(d[10]) << "\n"
    << "  bus index         " << int(d[11]) << "\n"
    << "  made in week " << int(d[12]) << " of 20" << (d[13] < 10 ? "0" : "") << int(d[13])
    << "\n"
    << "  supplier          " << int(d[14]) << "\n"
    << "  software          " << int(d[15]);
  r.text = s.str();
  return r;
}

JobResult Ds2Tester::faults() {
  JobResult r;
  r.json["job"] = "FS_LESEN";
  auto ex = ask({ds2::kCmdReadFaults}, r, "FS_LESEN");
  if (!ex) return r;
  const auto& d = ex->answer->data;  // A0 n [code type freq]*n
  const auto& t = ReferenceTables::bc1();
  const std::size_t n = d.size() > 1 ? d[1] : 0;
  json list = json::array();
  std::ostringstream s;
  s << (n == 0 ? "no faults stored" : std::to_string(n) + (n == 1 ? " fault" : " faults") +
                                          " stored:");
  for (std::size_t i = 0; i < n && 2 + 3 * i + 2 < d.size(); ++i) {
    const uint8_t code = d[2 + 3 * i], type = d[3 + 3 * i], freq = d[4 + 3 * i];
    const bool active = type == ds2::kFaultTypeActive;
    const std::string gloss = fault_gloss_en(code);
    list.push_back({{"F_ORT_NR", code},
                    {"F_ORT_TEXT", t.fault_text(code)},
                    {"F_ART1_NR", type},
                    {"F_ART1_TEXT", t.fault_type_text(type)},
                    {"active", active},
                    {"F_HFK", freq},
                    {"gloss_en", gloss}});
    s << "\n  " << hex_byte(code) << "  " << pad(t.fault_text(code), 44)
      << pad(t.fault_type_text(type) + (active ? " (active)" : " (inactive)"), 28)
      << "frequency " << int(freq);
    if (!gloss.empty()) s << "\n        " << gloss;
  }
  r.json["faults"] = list;
  r.text = s.str();
  return r;
}

JobResult Ds2Tester::info() {
  JobResult r;
  r.json["job"] = "IS_LESEN";
  const auto& t = ReferenceTables::bc1();
  json list = json::array();
  std::ostringstream s;
  for (uint8_t block : {ds2::kInfoMislocks, ds2::kInfoAlarmTriggers}) {
    auto ex = ask({ds2::kCmdReadInfo, block}, r, "IS_LESEN");
    if (!ex) return r;
    const auto& d = ex->answer->data;  // A0 block n [raw count]*n
    const uint8_t offset = block == ds2::kInfoMislocks ? ds2::kInfoMislockOffset
                                                        : ds2::kInfoAlarmOffset;
    const std::size_t n = d.size() > 2 ? d[2] : 0;
    s << (block == ds2::kInfoMislocks ? "alarm mislocks:" : "\nalarm triggers:");
    if (n == 0) s << " none";
    for (std::size_t i = 0; i < n && 3 + 2 * i + 1 < d.size(); ++i) {
      const uint8_t raw = d[3 + 2 * i], count = d[4 + 2 * i];
      const uint8_t code = static_cast<uint8_t>(raw + offset);
      list.push_back({{"F_ORT_NR", code},
                      {"F_ORT_TEXT", t.info_text(code)},
                      {"block", block == ds2::kInfoMislocks ? "mislock" : "alarm_trigger"},
                      {"count", count}});
      s << "\n  " << hex_byte(code) << "  " << pad(t.info_text(code), 72) << "count "
        << int(count);
    }
  }
  r.json["ok"] = true;
  r.json["records"] = list;
  r.json.erase("answer");
  r.text = s.str();
  return r;
}

// STATUS_DIGITAL_INPUTS and STATUS_DIGITAL_OUTPUTS differ only in selector and bit table.
JobResult Ds2Tester::digital_status(uint8_t selector, SignalGroup group, const char* job, const char* heading) {
  JobResult r;
  r.json["job"] = job;
  auto ex = ask({ds2::kCmdStatus, selector}, r, job);
  if (!ex) return r;
  json sig = json::object();
  std::ostringstream s;
  s << heading;
  // An answer with the availability block (ds2_protocol.h) says which signals the module does not
  // measure: those read "n/a" (JSON null), never off. Without the block every bit is taken as read.
  const bool marked = ex->raw.size() >= ds2::kSignalFirstByte + 2 * ds2::kDigitalPayloadBytes + 1;
  for (const auto& st : diag::decode_signals(group, ex->raw)) {
    const bool available = !marked || (ex->raw[st.bit->byte + ds2::kDigitalAvailabilityOffset] & st.bit->mask);
    if (available)
      sig[st.bit->name] = st.on;
    else
      sig[st.bit->name] = nullptr;
    s << "\n  " << pad(st.bit->name, 26) << (!available ? "n/a  " : st.on ? "ON   " : "off  ")
      << st.bit->description;
  }
  r.json["signals"] = sig;
  r.text = s.str();
  return r;
}

JobResult Ds2Tester::inputs() {
  return digital_status(ds2::kStatusDigitalInputs, SignalGroup::kDigitalInputs, "STATUS_DIGITAL_INPUTS",
                        "digital inputs (bc1_bits.csv):");
}

JobResult Ds2Tester::outputs() {
  return digital_status(ds2::kStatusDigitalOutputs, SignalGroup::kDigitalOutputs, "STATUS_DIGITAL_OUTPUTS",
                        "digital outputs (bc1_bits.csv):");
}

JobResult Ds2Tester::analog() {
  JobResult r;
  r.json["job"] = "STATUS_ANALOG";
  const auto& t = ReferenceTables::bc1();
  json chans = json::object();
  std::ostringstream s;
  std::optional<double> battery;
  for (uint8_t sel : {ds2::kStatusAnalogInputs, ds2::kStatusPwmOutputs}) {
    auto ex = ask({ds2::kCmdStatus, sel}, r, "STATUS_ANALOG");
    if (!ex) return r;
    const auto channels = t.analog_with_prefix(sel == ds2::kStatusAnalogInputs ? "AIP_" : "AOP_");
    const auto& d = ex->answer->data;  // A0 sel raw... [availability bits]
    const std::size_t bits_at = 2 + channels.size();
    const bool marked = d.size() >= bits_at + ds2::availability_bytes(channels.size());
    for (std::size_t i = 0; i < channels.size() && 2 + i < d.size(); ++i) {
      const auto& ch = channels[i];
      if (marked && !(d[bits_at + i / 8] & (1u << (i % 8)))) {
        chans[ch.name] = {{"available", false}, {"unit", ch.unit}};
        s << "\n  " << pad(ch.name, 26) << pad("n/a", 23) << ch.description;
        continue;
      }
      const uint8_t raw = d[2 + i];
      const double value = ch.scale(raw);
      chans[ch.name] = {{"available", true}, {"raw", raw}, {"value", value}, {"unit", ch.unit}};
      if (ch.name == "AIP_BATT_VOLTS_MON") battery = value;
      s << "\n  " << pad(ch.name, 26) << pad(fmt_double(value, ch.factor == 1.0 ? 0 : 2) +
                                                 (ch.unit.empty() ? "" : " " + ch.unit),
                                             12)
        << pad("(raw " + std::to_string(raw) + ")", 11) << ch.description;
    }
  }
  r.json.erase("answer");
  r.json["channels"] = chans;
  std::string head = "analogue values (bc1_analog.csv scaling):";
  if (battery) {
    r.json["battery_volts"] = *battery;
    head = "battery " + fmt_double(*battery, 2) + " V\n" + head;
  }
  r.text = head + s.str();
  return r;
}

JobResult Ds2Tester::rf() {
  JobResult r;
  r.json["job"] = "STATUS_RF";
  auto ex = ask({ds2::kCmdStatus, ds2::kStatusRf}, r, "STATUS_RF");
  if (!ex) return r;
  json sig = json::object();
  std::ostringstream s;
  s << "RF receiver status (bc1_bits.csv RF_*):";
  for (const auto& st : diag::decode_signals(SignalGroup::kRf, ex->raw)) {
    sig["STAT_" + st.bit->name] = st.on ? 1 : 0;
    s << "\n  " << pad(st.bit->name, 34) << (st.on ? "1  " : "0  ") << st.bit->description;
  }
  const auto& d = ex->answer->data;  // A0 05 status code0..3
  if (d.size() >= 7) {
    char code[16];
    std::snprintf(code, sizeof code, "%02X%02X%02X%02X", d[3], d[4], d[5], d[6]);
    sig["STAT_LAST_RF_CODE"] = code;
    s << "\n  last RF code " << code;
  }
  r.json["signals"] = sig;
  r.text = s.str();
  return r;
}

JobResult Ds2Tester::tilt() {
  JobResult r;
  r.json["job"] = "STATUS_TILT_SENSOR";
  auto ex = ask({ds2::kCmdStatus, ds2::kStatusTilt}, r, "STATUS_TILT_SENSOR");
  if (!ex) return r;
  bool on = false;
  for (const auto& st : diag::decode_signals(SignalGroup::kTilt, ex->raw)) on = st.on;
  r.json["STAT_TILT_SENSOR_PULSE_RECEIVED"] = on ? 1 : 0;
  r.text = std::string("tilt sensor check pulse ") + (on ? "received" : "not received");
  return r;
}

JobResult Ds2Tester::start_diagnostics() {
  JobResult r;
  r.json["job"] = "START_DIAGNOSTICS";
  auto seed = ask({ds2::kCmdRequestSeed}, r, "START_DIAGNOSTICS (seed)");
  if (!seed) return r;
  const auto& d = seed->answer->data;
  if (d.size() < 3) {
    r.exit_code = kExitModuleError;
    r.json["ok"] = false;
    r.text = "START_DIAGNOSTICS: seed answer too short: " + diag::hex(seed->raw);
    return r;
  }
  const uint16_t s = static_cast<uint16_t>((d[1] << 8) | d[2]);
  const uint16_t k = ds2::key_for_seed(s);
  if (!ask({ds2::kCmdSendKey, static_cast<uint8_t>(k >> 8), static_cast<uint8_t>(k)}, r,
           "START_DIAGNOSTICS (key)"))
    return r;
  r.text = "diagnostic session open (seed/key accepted)";
  return r;
}

JobResult Ds2Tester::force(const std::string& output, bool on) {
  JobResult r;
  r.json["job"] = "STEUERN_IOSTATES";
  r.json["output"] = output;
  r.json["on"] = on;
  const auto* bit = ReferenceTables::bc1().find_bit(output);
  if (!bit || diag::signal_group(output) != SignalGroup::kDigitalOutputs) {
    r.exit_code = kExitBadArguments;
    r.json["ok"] = false;
    std::string names;
    for (const auto& b : ReferenceTables::bc1().bits_in(SignalGroup::kDigitalOutputs))
      names += " " + b.name;
    r.text = "unknown output '" + output + "'; outputs (bc1_bits.csv):" + names;
    r.json["message"] = r.text;
    return r;
  }
  JobResult session = start_diagnostics();
  if (session.exit_code != kExitOk) {
    session.json["job"] = "STEUERN_IOSTATES";
    return session;
  }
  if (!ask({ds2::kCmdControl, bit->byte, bit->mask, on ? bit->value : uint8_t{0}}, r,
           ("STEUERN_IOSTATES " + output).c_str()))
    return r;
  // Read the outputs back, as STEUERN_IOSTATES does.
  JobResult check;
  auto ex = ask({ds2::kCmdStatus, ds2::kStatusDigitalOutputs}, check, "STATUS_DIGITAL_OUTPUTS");
  std::string readback = "not read back";
  if (ex) {
    for (const auto& st : diag::decode_signals(SignalGroup::kDigitalOutputs, ex->raw))
      if (st.bit->name == output) {
        readback = st.on ? "ON" : "off";
        r.json["read_back"] = st.on;
      }
  }
  r.text = output + " forced " + (on ? "ON" : "off") + " (read back: " + readback + ")";
  return r;
}

namespace {
// The job's codes as its arguments spell them (bc1_job_fields.csv WRITE_PLIP_CODES: ASCII hex).
std::string hex_digits(uint64_t value, int digits) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i, value >>= 4) out[static_cast<std::size_t>(i)] = kHex[value & 0xF];
  return out;
}
std::optional<uint64_t> parse_hex_digits(const std::string& text, std::size_t digits) {
  if (text.size() != digits) return std::nullopt;
  uint64_t v = 0;
  for (char c : text) {
    const int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                  : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                  : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
                                                              : -1;
    if (d < 0) return std::nullopt;
    v = (v << 4) | static_cast<uint64_t>(d);
  }
  return v;
}
}  // namespace

// [A0][location][cipher 8][window 3][base 3][enabled] (ds2_protocol.h) into the job's results.
static bool decode_plip(const Exchange& ex, JobResult& r) {
  const auto& d = ex.answer->data;
  if (d.size() != 1 + diag::ds2::kPlipCodesSize) {
    r.exit_code = kExitModuleError;
    r.json["ok"] = false;
    r.text = "PLIP codes answer has the wrong length: " + diag::hex(ex.raw);
    return false;
  }
  auto be = [&](std::size_t at, int bytes) {
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | d[at + static_cast<std::size_t>(i)];
    return v;
  };
  r.json["PLIP"] = d[1];
  r.json["CIPHER_KEY"] = hex_digits(be(2, 8), 16);
  r.json["WINDOW_KEY"] = hex_digits(be(10, 3), 6);
  r.json["BASE_CODE_KEY"] = hex_digits(be(13, 3), 6);
  r.json["ENABLED"] = d[16];
  r.text = "plip location " + std::to_string(d[1]) + ": base code " + r.json["BASE_CODE_KEY"].get<std::string>() +
           ", window code " + r.json["WINDOW_KEY"].get<std::string>() + ", cipher " +
           r.json["CIPHER_KEY"].get<std::string>() + ", " + (d[16] ? "enabled" : "disabled");
  return true;
}

JobResult Ds2Tester::read_plip(uint8_t location) {
  JobResult session = start_diagnostics();
  if (session.exit_code != kExitOk) {
    session.json["job"] = "READ_PLIP_CODES";
    return session;
  }
  JobResult r;
  r.json["job"] = "READ_PLIP_CODES";
  auto ex = ask({ds2::kCmdReadPlipCodes, location}, r, "READ_PLIP_CODES");
  if (ex) decode_plip(*ex, r);
  return r;
}

JobResult Ds2Tester::write_plip(uint8_t location, const diag::PlipCodes& codes) {
  JobResult session = start_diagnostics();
  if (session.exit_code != kExitOk) {
    session.json["job"] = "WRITE_PLIP_CODES";
    return session;
  }
  JobResult r;
  r.json["job"] = "WRITE_PLIP_CODES";
  std::vector<uint8_t> req{ds2::kCmdWritePlipCodes, location};
  for (int i = 7; i >= 0; --i) req.push_back(static_cast<uint8_t>(codes.cipher_key >> (8 * i)));
  for (int i = 2; i >= 0; --i) req.push_back(static_cast<uint8_t>(codes.window_key >> (8 * i)));
  for (int i = 2; i >= 0; --i) req.push_back(static_cast<uint8_t>(codes.base_code_key >> (8 * i)));
  req.push_back(codes.enabled ? 1 : 0);
  auto ex = ask(req, r, "WRITE_PLIP_CODES");
  if (ex && decode_plip(*ex, r)) r.text = "written; " + r.text;
  return r;
}

const std::vector<std::string>& Ds2Tester::job_names() {
  static const std::vector<std::string> names{
      "ident", "faults", "clear-faults", "info",  "inputs", "outputs", "analog", "rf",
      "tilt",  "force",  "ping",         "start", "end",    "reset",   "clear-rf", "raw",
      "plip-read", "plip-write"};
  return names;
}

JobResult Ds2Tester::run(const std::string& job, const std::vector<std::string>& args) {
  auto bad = [&](const std::string& msg) {
    JobResult r;
    r.exit_code = kExitBadArguments;
    r.text = msg;
    r.json = {{"job", job}, {"ok", false}, {"error", "bad_arguments"}, {"message", msg}};
    return r;
  };
  const bool takes_args = job == "force" || job == "raw" || job == "plip-read" || job == "plip-write";
  if (!takes_args && !args.empty()) return bad("job '" + job + "' takes no arguments");
  if (job == "ident") return ident();
  if (job == "faults") return faults();
  if (job == "clear-faults") return clear_faults();
  if (job == "info") return info();
  if (job == "inputs") return inputs();
  if (job == "outputs") return outputs();
  if (job == "analog") return analog();
  if (job == "rf") return rf();
  if (job == "tilt") return tilt();
  if (job == "ping") return ping();
  if (job == "start") return start_diagnostics();
  if (job == "end") return end();
  if (job == "reset") return reset();
  if (job == "clear-rf") return clear_rf();
  if (job == "force") {
    if (args.size() != 2) return bad("usage: force OUTPUT on|off (e.g. force DOP_BOOT_RELEASE on)");
    const std::string& state = args[1];
    if (state != "on" && state != "off" && state != "1" && state != "0")
      return bad("force: state must be on or off, not '" + state + "'");
    return force(args[0], state == "on" || state == "1");
  }
  if (job == "plip-read" || job == "plip-write") {
    const bool write = job == "plip-write";
    const char* usage = write ? "usage: plip-write LOCATION(1-4) CIPHER_KEY(16 hex) WINDOW_KEY(6 hex) BASE_CODE_KEY(6 hex) "
                                "ENABLE(0|1) (e.g. plip-write 3 0123456789ABCDEF 000000 7B2003 1)"
                              : "usage: plip-read LOCATION(1-4)";
    if (args.size() != (write ? 5u : 1u)) return bad(usage);
    const auto location = parse_hex_digits(args[0], 1);
    if (!location || *location < 1 || *location > ds2::kPlipLocations)
      return bad(job + ": location must be 1-4, not '" + args[0] + "'");
    if (!write) return read_plip(static_cast<uint8_t>(*location));
    const auto cipher = parse_hex_digits(args[1], 16);
    const auto window = parse_hex_digits(args[2], 6);
    const auto base = parse_hex_digits(args[3], 6);
    if (!cipher) return bad("plip-write: CIPHER_KEY must be 16 hex digits, not '" + args[1] + "'");
    if (!window) return bad("plip-write: WINDOW_KEY must be 6 hex digits, not '" + args[2] + "'");
    if (!base) return bad("plip-write: BASE_CODE_KEY must be 6 hex digits, not '" + args[3] + "'");
    if (args[4] != "0" && args[4] != "1") return bad("plip-write: ENABLE must be 0 or 1, not '" + args[4] + "'");
    return write_plip(static_cast<uint8_t>(*location),
                      diag::PlipCodes{*cipher, static_cast<uint32_t>(*window), static_cast<uint32_t>(*base), args[4] == "1"});
  }
  if (job == "raw") {
    if (args.empty()) return bad("usage: raw BYTE... (hex data after [addr][len], e.g. raw 0B 01)");
    std::vector<uint8_t> data;
    for (const auto& a : args) {
      std::string h = a.rfind("0x", 0) == 0 || a.rfind("0X", 0) == 0 ? a.substr(2) : a;
      char* end = nullptr;
      const long v = std::strtol(h.c_str(), &end, 16);
      if (h.empty() || h.size() > 2 || *end != '\0' || v < 0 || v > 255)
        return bad("raw: '" + a + "' is not a hex byte");
      data.push_back(static_cast<uint8_t>(v));
    }
    if (data.size() > ds2::kMaxDataSize) return bad("raw: too many bytes for one frame");
    return raw(data);
  }
  return bad("unknown job '" + job + "'");
}

}  // namespace bcmhil::tester

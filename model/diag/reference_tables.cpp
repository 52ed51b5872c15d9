#include "reference_tables.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "reference_data.h"

namespace bcmhil::diag {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::vector<std::vector<std::string>> rows_of(std::string_view text) {
  auto rows = parse_csv(text);
  if (!rows.empty()) rows.erase(rows.begin());  // header
  return rows;
}

// A code/text table; a row whose code does not parse (0xXY, ?10?) is the table's fallback text
// when it is the "unknown" row, and skipped otherwise.
void load_codes(std::string_view csv, std::vector<CodeText>& out, std::string& unknown,
                bool ff_is_unknown) {
  for (const auto& row : rows_of(csv)) {
    if (row.size() < 2) continue;
    const auto code = parse_hex_byte(row[0]);
    if (!code) {
      if (starts_with(row[0], "0x")) unknown = row[1];  // 0xXY / 0x?? rows
      continue;
    }
    if (ff_is_unknown && *code == 0xFF) {
      unknown = row[1];
      continue;
    }
    out.push_back({*code, row[1]});
  }
}

std::string lookup(const std::vector<CodeText>& table, uint8_t code, const std::string& unknown) {
  for (const auto& c : table)
    if (c.code == code) return c.text;
  return unknown;
}

}  // namespace

std::optional<uint8_t> parse_hex_byte(std::string_view text) {
  if (text.size() < 3 || text.size() > 4 || !starts_with(text, "0x")) return std::nullopt;
  unsigned value = 0;
  for (char c : text.substr(2)) {
    value <<= 4;
    if (c >= '0' && c <= '9') value |= static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') value |= static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') value |= static_cast<unsigned>(c - 'A' + 10);
    else return std::nullopt;
  }
  return static_cast<uint8_t>(value);
}

std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
      }
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

SignalGroup signal_group(std::string_view name) {
  if (starts_with(name, "DIP_")) return SignalGroup::kDigitalInputs;
  if (starts_with(name, "DOP_")) return SignalGroup::kDigitalOutputs;
  if (starts_with(name, "RF_")) return SignalGroup::kRf;
  if (starts_with(name, "TILT_")) return SignalGroup::kTilt;
  return SignalGroup::kUnknown;
}

ReferenceTables::ReferenceTables() {
  using namespace reference_data;
  for (const auto& row : rows_of(kBc1BitsCsv)) {
    if (row.size() < 5) continue;
    const auto mask = parse_hex_byte(row[2]);
    const auto value = parse_hex_byte(row[3]);
    char* end = nullptr;
    const long byte = std::strtol(row[1].c_str(), &end, 10);
    if (!mask || !value || end == row[1].c_str() || *end != '\0' || byte < 0 || byte > 254)
      continue;  // the "XY" unknown-item row
    bits_.push_back({row[0], static_cast<uint8_t>(byte), *mask, *value, row[4]});
  }
  for (const auto& row : rows_of(kBc1AnalogCsv)) {
    if (row.size() < 5 || row[0].find(' ') != std::string::npos) continue;  // unknown row
    analog_.push_back({row[0], std::strtod(row[1].c_str(), nullptr),
                       std::strtod(row[2].c_str(), nullptr), row[3], row[4]});
  }
  load_codes(kBc1ForttexteCsv, faults_, unknown_fault_, true);
  load_codes(kBc1IorttexteCsv, infos_, unknown_info_, false);
  load_codes(kBc1MorttexteCsv, mislocks_, unknown_mislock_, true);
  load_codes(kBc1AorttexteCsv, alarms_, unknown_alarm_, true);
  load_codes(kBc1FarttexteCsv, fault_types_, unknown_type_, true);
  load_codes(kBc1JobresultCsv, statuses_, unknown_status_, false);
  for (const auto& row : rows_of(kBc1JobsCsv))
    if (row.size() >= 2) jobs_.push_back({row[0], row[1]});
  if (bits_.empty() || faults_.empty() || analog_.empty() || statuses_.empty())
    throw std::runtime_error("bcmhil_ds2: embedded BC1 reference tables are empty");
}

const ReferenceTables& ReferenceTables::bc1() {
  static const ReferenceTables tables;
  return tables;
}

std::vector<SignalBit> ReferenceTables::bits_in(SignalGroup group) const {
  std::vector<SignalBit> out;
  for (const auto& b : bits_)
    if (signal_group(b.name) == group) out.push_back(b);
  return out;
}

const SignalBit* ReferenceTables::find_bit(std::string_view name) const {
  for (const auto& b : bits_)
    if (b.name == name) return &b;
  return nullptr;
}

std::vector<AnalogChannel> ReferenceTables::analog_with_prefix(std::string_view prefix) const {
  std::vector<AnalogChannel> out;
  for (const auto& a : analog_)
    if (starts_with(a.name, prefix)) out.push_back(a);
  return out;
}

const AnalogChannel* ReferenceTables::find_analog(std::string_view name) const {
  for (const auto& a : analog_)
    if (a.name == name) return &a;
  return nullptr;
}

std::string ReferenceTables::fault_text(uint8_t code) const {
  return lookup(faults_, code, unknown_fault_);
}
bool ReferenceTables::known_fault(uint8_t code) const {
  return std::any_of(faults_.begin(), faults_.end(), [&](const auto& c) { return c.code == code; });
}
std::string ReferenceTables::info_text(uint8_t code) const {
  return lookup(infos_, code, unknown_info_);
}
std::string ReferenceTables::mislock_text(uint8_t raw) const {
  return lookup(mislocks_, raw, unknown_mislock_);
}
std::string ReferenceTables::alarm_text(uint8_t raw) const {
  return lookup(alarms_, raw, unknown_alarm_);
}
std::string ReferenceTables::fault_type_text(uint8_t type) const {
  return lookup(fault_types_, type, unknown_type_);
}
std::string ReferenceTables::status_text(uint8_t status) const {
  return lookup(statuses_, status, unknown_status_);
}

std::vector<SignalState> decode_signals(SignalGroup group, const std::vector<uint8_t>& telegram) {
  const auto& all = ReferenceTables::bc1().bits();
  std::vector<SignalState> out;
  for (const auto& b : all) {
    if (signal_group(b.name) != group) continue;
    const bool present = b.byte < telegram.size();
    out.push_back({&b, present && (telegram[b.byte] & b.mask) == b.value});
  }
  // Most specific match wins inside a byte (see header).
  for (auto& s : out) {
    if (!s.on) continue;
    for (const auto& other : out) {
      if (&other == &s || !other.on || other.bit->byte != s.bit->byte) continue;
      const uint8_t m = s.bit->mask, o = other.bit->mask;
      if ((m & o) == m && o != m) {  // other's mask strictly contains ours
        s.on = false;
        break;
      }
    }
  }
  return out;
}

void set_signal(std::vector<uint8_t>& telegram, const SignalBit& bit, bool on) {
  if (bit.byte >= telegram.size()) telegram.resize(bit.byte + 1u, 0);
  if (on) telegram[bit.byte] = static_cast<uint8_t>((telegram[bit.byte] & ~bit.mask) | bit.value);
  else if ((telegram[bit.byte] & bit.mask) == bit.value)
    telegram[bit.byte] = static_cast<uint8_t>(telegram[bit.byte] & ~bit.mask);
}

}  // namespace bcmhil::diag

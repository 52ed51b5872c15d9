#pragma once
// BMW DS2 as the BC1 (MINI R50/R53, BC1.prg rev 2.5) speaks it: every protocol constant of the
// project lives here, one header named after the spec (a habit from Eclipse OpenBSW).
//
// Facts (sources in /work/shared/domain/r50-bc1.md):
//   frame [addr][len][data...][xor], len counts the whole frame including address and checksum,
//   checksum = XOR of all preceding bytes; 9600 baud, 8 data bits, even parity, 1 stop bit;
//   BC1 address 0x00; status bytes from BC1.prg JOBRESULT (reference/bc1_jobresult.csv).
// Choices (NOT read off a real module; the request bytes live in the proprietary BC1.prg): every
// command and selector byte below marked "chosen". See README.md in this folder.
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace bcmhil::diag::ds2 {

// ---- line (fact) ----
inline constexpr unsigned kBaudRate = 9600;
inline constexpr unsigned kBitsPerByte = 11;  // start + 8 data + even parity + stop
// Wire time of one byte: 11 bits / 9600 baud = 1.1458 ms.
inline constexpr std::chrono::nanoseconds kByteWireTime{
    std::chrono::nanoseconds(1'000'000'000LL * kBitsPerByte / kBaudRate)};
inline constexpr std::chrono::nanoseconds wire_time(std::size_t bytes) {
  return kByteWireTime * static_cast<long long>(bytes);
}

// ---- framing (fact) ----
inline constexpr uint8_t kBc1Address = 0x00;
inline constexpr std::size_t kHeaderSize = 2;    // address + length
// A frame without data, [addr][03][xor], is a frame too: the module answers it FF (NACK).
inline constexpr std::size_t kMinFrameSize = 3;  // address, length, checksum
inline constexpr std::size_t kMaxFrameSize = 255;  // the length byte counts the whole frame
inline constexpr std::size_t kMaxDataSize = kMaxFrameSize - 3;

// A request's bytes may arrive this far apart and still make one frame; after a longer silence
// the bytes so far are a truncated frame and are dropped (chosen). No source gives the BC1's own
// limit. EdiabasLib's DS2 transport (EdInterfaceObd.cs, TransDs2) spaces the bytes it sends by
// the SGBD's ParInterbyteTime (CommParameter[8], 0..5 ms in the SGBDs seen) and tolerates the
// SGBD's ParTimeoutTelEnd (CommParameter[7]) plus 20 ms (AddRecTimeout) between the bytes it
// receives; USB serial adapters and busy hosts add tens of ms. 100 ms is five times the 20 ms
// (ISO 9141's P4 max) that refused real testers (issue 9) and costs only a delayed resync.
inline constexpr std::chrono::milliseconds kInterByteTimeout{100};

// ---- status bytes (fact: reference/bc1_jobresult.csv) ----
inline constexpr uint8_t kStatusOkay = 0xA0;
inline constexpr uint8_t kStatusBusy = 0xA1;
inline constexpr uint8_t kStatusRejected = 0xA2;   // ERROR_ECU_REJECTED
inline constexpr uint8_t kStatusParameter = 0xB0;  // ERROR_ECU_PARAMETER
inline constexpr uint8_t kStatusFunction = 0xB1;   // ERROR_ECU_FUNCTION
inline constexpr uint8_t kStatusNumber = 0xB2;     // ERROR_ECU_NUMBER
inline constexpr uint8_t kStatusNack = 0xFF;       // ERROR_ECU_NACK

// ---- session (fact: BC1.prg START_DIAGNOSTICS) ----
inline constexpr std::chrono::seconds kSessionLockAfter{30};

// ---- commands (chosen, from the generic DS2 command set; see README.md) ----
inline constexpr uint8_t kCmdIdent = 0x00;             // IDENT
inline constexpr uint8_t kCmdReadFaults = 0x04;        // FS_LESEN
inline constexpr uint8_t kCmdClearFaults = 0x05;       // FS_LOESCHEN
inline constexpr uint8_t kCmdReadInfo = 0x07;          // IS_LESEN (+ selector)
inline constexpr uint8_t kCmdStatus = 0x0B;            // STATUS_* (+ selector)
inline constexpr uint8_t kCmdControl = 0x0C;           // STEUERN_IOSTATES (+ byte, mask, value)
inline constexpr uint8_t kCmdRequestSeed = 0x41;       // START_DIAGNOSTICS step 1
inline constexpr uint8_t kCmdSendKey = 0x42;           // START_DIAGNOSTICS step 2 (+ key hi, lo)
inline constexpr uint8_t kCmdClearRfBuffers = 0x43;    // CLEAR_RF_BUFFERS
inline constexpr uint8_t kCmdReadPlipCodes = 0x44;     // READ_PLIP_CODES (+ location 1..4)
inline constexpr uint8_t kCmdWritePlipCodes = 0x45;    // WRITE_PLIP_CODES (+ location, codes, enable)
inline constexpr uint8_t kCmdReset = 0x9D;             // SG_RESET
inline constexpr uint8_t kCmdPing = 0x9E;              // DIAGNOSE_AUFRECHT
inline constexpr uint8_t kCmdEndDiagnosis = 0x9F;      // DIAGNOSE_ENDE

// Selectors of kCmdStatus (chosen). The answer is [addr][len][A0][selector][payload...][xor], so
// the payload starts at telegram byte 4: exactly where bc1_bits.csv puts the first signal byte.
inline constexpr uint8_t kStatusDigitalInputs = 0x01;   // STATUS_DIGITAL_INPUTS, DIP_* bytes 4..11
inline constexpr uint8_t kStatusDigitalOutputs = 0x02;  // STATUS_DIGITAL_OUTPUTS, DOP_* bytes 4..11
inline constexpr uint8_t kStatusAnalogInputs = 0x03;    // STATUS_ANALOG _TEL_ANTWORT1, AIP_*
inline constexpr uint8_t kStatusPwmOutputs = 0x04;      // STATUS_ANALOG _TEL_ANTWORT2, AOP_*
inline constexpr uint8_t kStatusRf = 0x05;              // STATUS_RF, RF_* byte 4 (+ code 5..8)
inline constexpr uint8_t kStatusTilt = 0x06;            // STATUS_TILT_SENSOR, TILT_* byte 4

// Selectors of kCmdReadInfo (chosen): IS_LESEN reads two blocks (_TEL_ANTWORT1 mislocks,
// _TEL_ANTWORT2 alarm triggers); F_ORT_NR = raw code + block offset (bc1_job_fields.csv IS_LESEN).
inline constexpr uint8_t kInfoMislocks = 0x01;       // raw codes: bc1_morttexte.csv
inline constexpr uint8_t kInfoAlarmTriggers = 0x02;  // raw codes: bc1_aorttexte.csv
inline constexpr uint8_t kInfoMislockOffset = 0x30;  // bc1_iorttexte.csv 0x30..0x35
inline constexpr uint8_t kInfoAlarmOffset = 0x40;    // bc1_iorttexte.csv 0x40..0x47

// Telegram byte where the signal payload of a status answer starts (bc1_bits.csv BYTE column).
inline constexpr std::size_t kSignalFirstByte = 4;
inline constexpr std::size_t kDigitalPayloadBytes = 8;  // bytes 4..11 (bc1_bits.csv)

// Not available (chosen marker, README.md "Not available"; a real BC1 sends no such bytes): a
// status answer ends with an availability block. Digital: 8 more bytes (telegram bytes 12..19)
// laid out like bytes 4..11, a bit set where the module measures the signal of bc1_bits.csv at
// that byte and mask, clear where it does not (its value bit is then 0 and means nothing).
// Analogue: after the raw bytes, one bit per channel in row order (bit i of byte i / 8, LSB
// first), set where the channel is measured; an unmeasured channel's raw byte is 0x00.
inline constexpr std::size_t kDigitalAvailabilityOffset = kDigitalPayloadBytes;  // byte 4 -> 12
inline constexpr std::size_t availability_bytes(std::size_t channels) { return (channels + 7) / 8; }

// FS_LESEN / FS_LOESCHEN may carry a block byte (other DS2 testers send `04 00`, `04 01`): the
// BC1 keeps four fault blocks (bc1_job_fields.csv: FS_LOESCHEN answers "Clear block 0..3"), while
// FS_LESEN has one answer telegram (_TEL_ANTWORT) for the whole memory. So a block byte 0..3 is
// accepted and answered with the whole memory / clears it all (chosen); a higher one is B0.
inline constexpr uint8_t kFaultBlocks = 4;

// Fault record in the FS_LESEN answer (chosen): [code][type][frequency], type per
// bc1_farttexte.csv (0x00 active, 0x01 inactive). Answer: [addr][len][A0][count][records][xor].
inline constexpr uint8_t kFaultTypeActive = 0x00;
inline constexpr uint8_t kFaultTypeInactive = 0x01;

// Key locations (READ/WRITE_PLIP_CODES, bc1_job_fields.csv: "Plip location 1 - 4"). The codes'
// layout (chosen) follows the job's arguments: [location][CIPHER_KEY 8][WINDOW_KEY 3]
// [BASE_CODE_KEY 3][ENABLE 0|1], most significant byte first; READ answers the same 16 bytes.
// Both need the seed/key session (a key's codes are the car's security).
inline constexpr uint8_t kPlipLocations = 4;
inline constexpr std::size_t kPlipCodesSize = 1 + 8 + 3 + 3 + 1;

// Seed/key (chosen; a simulated algorithm, not the real module's).
inline constexpr uint16_t kKeyXor = 0x5A3C;
inline constexpr uint16_t key_for_seed(uint16_t seed) {
  const uint16_t x = static_cast<uint16_t>(seed ^ kKeyXor);
  return static_cast<uint16_t>(((x << 3) | (x >> 13)) & 0xFFFF);
}

}  // namespace bcmhil::diag::ds2

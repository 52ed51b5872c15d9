#pragma once
// The BC1's remote-key memory and its judgement of every fob telegram (STATUS_RF): four key
// slots as READ/WRITE_PLIP_CODES know them (bc1_job_fields.csv), the rolling-code check, and the
// re-sync procedure of the domain notes that brings an out-of-sync fob back.
//
// A slot holds what WRITE_PLIP_CODES writes: the base code (the fob's 24-bit identity in our
// CHOSEN telegram, model/bc1/rf_frame.h; the job's BASE_CODE_KEY is 3 bytes too), the window code
// (the last rolling counter accepted; WINDOW_KEY, 3 bytes, of which the telegram carries 16 bits),
// the cipher key (CIPHER_KEY, 8 bytes: stored and read back; our CHOSEN telegram is not
// enciphered, so the decode does not use it) and the enable flag. The slots live in the module's
// EEPROM: a reset or a brown-out keeps them.
//
// Judgement of a decoded telegram (the STATUS_RF verdicts, bc1_job_fields.csv):
//   - base code in no enabled slot: "incorrect remote" (wrong remote);
//   - base code known, counter ahead of the slot's window code by 1..rolling_window: "correct
//     remote, correct rolling code"; the window code moves to the counter (no replay);
//   - otherwise "correct remote, rolling code not OK" (out of sync): nothing happens.
// Re-sync (domain notes: "ignition on, off, then within 10 s unlock and lock"): the ignition
// switched on and then off opens a 10 s window. Inside it an out-of-sync UNLOCK from a known fob
// is remembered (nothing happens yet); the same fob's LOCK telegram whose counter follows that
// unlock's by 1..kResyncStep (CHOSEN: two consecutive presses, one missed telegram allowed) takes
// its counter as the slot's new window code: the lock is accepted and acts as a normal lock. The
// window closes with the re-sync, after 10 s, or with the ignition on again. A power-on (reset,
// brown-out) forgets an open window (RAM) and starts with the ignition as it finds it.
#include "coding.h"
#include "model/circuit/circuit.h"
#include "rf_frame.h"

#include <systemc>

#include <array>
#include <cstdint>
#include <optional>

namespace bcmhil::model {

// What the module concluded from the last valid telegram (STATUS_RF reports it).
enum class RfVerdict { none, ok, rolling_code_out_of_sync, unknown_remote };

// One key slot (PLIP location 1-4) as READ/WRITE_PLIP_CODES carry it.
struct KeySlot {
  std::uint32_t base_code = 0;    // BASE_CODE_KEY: the fob identity, 24 bits
  std::uint32_t window_code = 0;  // WINDOW_KEY: the last accepted rolling counter (16 bits used)
  std::uint64_t cipher_key = 0;   // CIPHER_KEY: stored only (the CHOSEN telegram is not enciphered)
  bool enabled = false;           // ENABLED
};

struct RfJudgement {
  RfVerdict verdict = RfVerdict::none;
  int slot = -1;          // 0..3 for a known fob
  bool resynced = false;  // this telegram completed the re-sync procedure
};

class RemoteKeys : public sc_core::sc_module {
 public:
  static constexpr std::size_t kSlots = 4;
  // Domain notes: unlock and lock "within 10 s" after the ignition is switched off.
  static constexpr double kResyncWindowS = 10.0;
  // How far the re-sync lock's counter may follow the unlock's (CHOSEN).
  static constexpr std::uint16_t kResyncStep = 2;
  // KL15 read as on above this (chosen, like the module's other KL15 readers).
  static constexpr double kIgnitionOnV = 6.0;

  // The slots start from the coding's key identities (enabled, window code 0).
  RemoteKeys(sc_core::sc_module_name name, Circuit& circuit, electrical::NodeId kl15, const Bc1Coding& coding);

  sc_core::sc_in<bool> powered{"powered"};  // a power-on forgets the re-sync window

  // Judges one decoded telegram at the current simulated time (call from a simulation process).
  RfJudgement judge(const RfFrame& frame);

  const KeySlot& slot(std::size_t index) const { return slots_.at(index); }
  // WRITE_PLIP_CODES: the slot as written (a disabled slot answers no fob).
  void write_slot(std::size_t index, const KeySlot& slot) { slots_.at(index) = slot; }
  bool resync_window_open() const;
  bool ignition() const { return ignition_; }

 private:
  void on_solved();
  void on_power();
  std::optional<std::size_t> find(std::uint32_t base_code) const;
  bool in_sync(const KeySlot& slot, std::uint16_t counter) const;
  RfJudgement resync_step(std::size_t index, const RfFrame& frame);
  void close_window();

  Circuit& circuit_;
  electrical::NodeId kl15_;
  std::uint16_t rolling_window_;
  std::array<KeySlot, kSlots> slots_{};
  bool ignition_ = false;
  std::optional<sc_core::sc_time> window_until_;
  std::optional<std::pair<std::size_t, std::uint16_t>> pending_unlock_;  // slot, counter
};

}  // namespace bcmhil::model

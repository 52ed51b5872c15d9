#pragma once
// The BC1's behaviour for the hatch path: what the module's software does with the decoded
// fob telegrams and the debounced inputs.
//
// Trunk button: the acknowledge flash pattern and the tailgate release pulse start together.
// The flash does NOT depend on the health of the output it acknowledges: that is exactly why
// the seed case's owner saw two blinks and no release.
// Lid handle: releases only while the car is unlocked (MINI training text).
// Fob lock / unlock go to the central locking (central_locking.h), which owns the lock state.
// During the pulse the output readback (DIP_BOOT_RELEASE_MONITOR) is checked after a settling
// time; an output that does not come up logs 0xC4 "luggage release OFF fault" (our reading of
// the code text: the output stays off when commanded).
// The flash pattern is a request to the indicator arbiter (indicator_arbiter.h), which lets hazard
// and alarm flashing win over it and checks the indicator pins' readback for every flash (0xAA /
// 0xAC).
#include "central_locking.h"
#include "coding.h"
#include "fault_memory.h"
#include "remote_keys.h"
#include "rf_frame.h"

#include <systemc>

#include <array>
#include <cstdint>

namespace bcmhil::model {

class Controller : public sc_core::sc_module {
 public:
  Controller(sc_core::sc_module_name name, const Bc1Coding& coding, FaultMemory& faults,
             CentralLocking& central_locking, RemoteKeys& keys);

  // From the digital input block.
  sc_core::sc_in<std::uint64_t> rf_frame{"rf_frame"};
  sc_core::sc_in<std::uint32_t> rf_frame_count{"rf_frame_count"};
  sc_core::sc_in<bool> boot_handle_sw{"boot_handle_sw"};  // DIP_BOOT_HANDLE_SW, debounced
  sc_core::sc_in<bool> boot_open_sw{"boot_open_sw"};      // DIP_BOOT_OPEN_SW, debounced
  sc_core::sc_in<bool> boot_release_monitor{"boot_release_monitor"};
  sc_core::sc_in<bool> powered{"powered"};  // false: held in brown-out reset, ignores everything

  // To the output stage.
  sc_core::sc_out<bool> boot_release{"boot_release"};        // DOP_BOOT_RELEASE
  sc_core::sc_out<bool> lh_indicator{"lh_indicator"};        // acknowledge pattern, left (to the arbiter)
  sc_core::sc_out<bool> rh_indicator{"rh_indicator"};        // acknowledge pattern, right

  RfVerdict last_rf_verdict() const { return last_verdict_; }
  bool last_rf_low_battery() const { return last_low_battery_; }
  int last_rf_slot() const { return last_slot_; }
  std::uint64_t last_rf_frame() const { return last_frame_; }  // the last VALID telegram
  // CLEAR_RF_BUFFERS: forget the last telegram and its verdict (STATUS_RF reads "none" after).
  // A power-on does the same: the buffers are RAM.
  void clear_rf_buffers();

  // Time after switching the release on before its readback is judged (estimate).
  static constexpr double kMonitorSettleS = 0.05;

 private:
  void on_rf_frame();
  void on_power_down();
  void on_handle();
  void flash_thread();
  void release_thread();
  void request_flashes(int count);
  void request_release();
  // An output commanded on: its readback came up (entry inactive) or not (entry active).
  void judge_readback(bool came_up, std::uint8_t code);

  const Bc1Coding& coding_;
  FaultMemory& faults_;
  RemoteKeys& keys_;
  RfVerdict last_verdict_ = RfVerdict::none;
  bool last_low_battery_ = false;
  int last_slot_ = -1;
  std::uint64_t last_frame_ = 0;
  CentralLocking& central_locking_;
  int pending_flashes_ = 0;
  sc_core::sc_event flash_request_;
  sc_core::sc_event release_request_;
};

}  // namespace bcmhil::model

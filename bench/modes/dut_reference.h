#pragma once
// The healthy reference of `bcmhil bench dut`: the scenario's car and module, without its faults
// and steps, running in real time on its own thread (SystemC lives there alone) and answering DS2
// on a pty, so every check runs on it exactly as on the real module.
#include "bench/runner/realtime_pacer.h"
#include "bench/runner/simulation.h"
#include "bench/scenario/scenario.h"

#include <deque>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace bcmhil::modes {

class DutReference {
 public:
  DutReference(scenario::Scenario sc, std::string link) : sc_(std::move(sc)), link_(std::move(link)) {}
  ~DutReference() { stop(); }

  // Starts the model and its DS2 server; throws what went wrong if it does not answer in 20 s.
  void start();
  void stop();

  // Runs `fn` inside the simulation (between two slices) and waits for it.
  void in_model(std::function<void(runner::Simulation&)> fn);

  const std::string& link() const { return link_; }
  bool models(const std::string& signal) const { return modelled_.count(signal) > 0; }

  // The bench's relay on a module input, done to the model: the input's pin (by its signal in the
  // connector map) grounded through a closed relay contact (kRelayContactOhm) or released again.
  // False when the model has no pin for that signal.
  bool ground_input(const std::string& signal, bool grounded);
  static constexpr double kRelayContactOhm = 0.05;  // chosen: a relay contact and its short leads

 private:
  struct Job {
    std::function<void(runner::Simulation&)> fn;
    std::promise<void> done;
  };

  void run();

  scenario::Scenario sc_;
  std::string link_;
  runner::RealtimePacer pacer_;
  std::promise<void> ready_;
  std::thread thread_;
  std::mutex mutex_;
  std::deque<Job> queue_;
  std::set<std::string> modelled_;
  std::map<std::string, electrical::BranchId> grounded_;  // inputs whose relay is closed (model thread)
};

}  // namespace bcmhil::modes

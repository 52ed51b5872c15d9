#include "dut_reference.h"

#include "bench/runner/model_responder.h"
#include "bench/serve/kline_server.h"
#include "model/bc1/connector_map.h"
#include "reference_tables.h"

#include <systemc>

#include <stdexcept>

namespace bcmhil::modes {

void DutReference::start() {
  auto ready = ready_.get_future();
  thread_ = std::thread([this] { run(); });
  if (ready.wait_for(std::chrono::seconds(20)) != std::future_status::ready)
    throw std::runtime_error("the reference model did not start within 20 s");
  ready.get();  // rethrows what went wrong on the thread
}

void DutReference::stop() {
  pacer_.stop();
  if (thread_.joinable()) thread_.join();
}

void DutReference::in_model(std::function<void(runner::Simulation&)> fn) {
  std::promise<void> done;
  auto f = done.get_future();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back({std::move(fn), std::move(done)});
  }
  pacer_.wake();
  if (f.wait_for(std::chrono::seconds(5)) != std::future_status::ready)
    throw std::runtime_error("the reference model did not take a stimulus within 5 s");
}

bool DutReference::ground_input(const std::string& signal, bool grounded) {
  const model::ConnectorPin* pin = nullptr;
  for (const auto& p : model::ConnectorMap::bc1().pins())
    if (p.signal == signal && p.modelled()) pin = &p;
  if (!pin) return false;
  bool found = true;
  in_model([&](runner::Simulation& sim) {
    auto& circuit = sim.vehicle().circuit;
    auto& net = circuit.network();
    const auto node = net.find_node(pin->node);
    if (!node) {
      found = false;
      return;
    }
    auto it = grounded_.find(signal);
    if (grounded && it == grounded_.end()) {
      const auto contact = net.borrow_branch(*node, electrical::kGround);
      net.set_resistance(contact, kRelayContactOhm);
      grounded_[signal] = contact;
    } else if (!grounded && it != grounded_.end()) {
      net.give_back(it->second);
      grounded_.erase(it);
    }
    circuit.request_solve();
  });
  return found;
}

void DutReference::run() {
  bool announced = false;
  try {
    // Its checks read the model over DS2 and stimulate it directly: no signal's history is needed.
    runner::Simulation sim(sc_, model::ClockMode::skip_idle, runner::Keep::latest_values);
    runner::ModelResponder responder("dut_reference_ds2", sim.diagnostics());
    responder.on_request([this] { pacer_.wake(); });
    sim.start();
    const auto& tables = diag::ReferenceTables::bc1();
    for (auto group : {diag::SignalGroup::kDigitalInputs, diag::SignalGroup::kDigitalOutputs})
      for (const auto& b : tables.bits_in(group))
        if (sim.vehicle().bc1.signal(b.name)) modelled_.insert(b.name);
    serve::KlineServerOptions options;
    options.path = link_;
    serve::KlineServer server(responder, options);
    server.start();
    pacer_.after_slice = [&] {
      std::deque<Job> jobs;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        jobs.swap(queue_);
      }
      for (auto& j : jobs) {
        j.fn(sim);
        j.done.set_value();
      }
    };
    ready_.set_value();
    announced = true;
    pacer_.run(sc_core::sc_time(1e6, sc_core::SC_SEC));
    server.stop();
  } catch (...) {
    // Before it answers, start() rethrows this; later the tester sees a silent line.
    if (!announced) ready_.set_exception(std::current_exception());
  }
}

}  // namespace bcmhil::modes

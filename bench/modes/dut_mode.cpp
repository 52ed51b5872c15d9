#include "dut_mode.h"

#include "bench/runner/model_responder.h"
#include "bench/runner/realtime_pacer.h"
#include "bench/runner/simulation.h"
#include "bench/scenario/scenario.h"
#include "bench/serve/kline_server.h"
#include "client_port.h"
#include "ds2_tester.h"
#include "fault_gloss.h"
#include "reference_tables.h"
#include "serial_line.h"
#include "signal_guard.h"

#include <systemc>

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <functional>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

namespace bcmhil::modes {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::pass: return "pass";
    case Verdict::fail: return "FAIL";
    case Verdict::info: return "info";
    case Verdict::not_wired: return "not tested (not wired)";
  }
  return "?";
}

namespace {

using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

// The healthy reference: the scenario's car and module, without its faults and steps, running in
// real time on its own thread (SystemC lives there alone) and answering DS2 on a pty.
class Reference {
 public:
  Reference(scenario::Scenario sc, std::string link) : sc_(std::move(sc)), link_(std::move(link)) {}
  ~Reference() { stop(); }

  void start() {
    auto ready = ready_.get_future();
    thread_ = std::thread([this] { run(); });
    if (ready.wait_for(std::chrono::seconds(20)) != std::future_status::ready)
      throw std::runtime_error("the reference model did not start within 20 s");
    ready.get();  // rethrows what went wrong on the thread
  }

  void stop() {
    pacer_.stop();
    if (thread_.joinable()) thread_.join();
  }

  // Runs `fn` inside the simulation (between two slices) and waits for it.
  void in_model(std::function<void(runner::Simulation&)> fn) {
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

  const std::string& link() const { return link_; }
  bool models(const std::string& signal) const { return modelled_.count(signal) > 0; }

 private:
  struct Job {
    std::function<void(runner::Simulation&)> fn;
    std::promise<void> done;
  };

  void run() {
    bool announced = false;
    try {
      runner::Simulation sim(sc_, model::ClockMode::skip_idle);
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

  scenario::Scenario sc_;
  std::string link_;
  runner::RealtimePacer pacer_;
  std::promise<void> ready_;
  std::thread thread_;
  std::mutex mutex_;
  std::deque<Job> queue_;
  std::set<std::string> modelled_;
};

// One side of the comparison: a tester on a port, with a name for messages.
struct Side {
  std::string who;
  tester::Ds2Tester& tester;
};

// A job that failed on the line is a device problem; an error status is an answer to report.
tester::JobResult must_answer(const Side& side, tester::JobResult r) {
  if (r.exit_code == tester::kExitLine)
    throw ModeError(side.who == "module" ? kExitDevice : kExitInternal,
                    side.who + ": " + r.text);
  return r;
}

std::map<std::string, bool> read_bits(const Side& side, bool inputs, std::string* error) {
  auto r = must_answer(side, inputs ? side.tester.inputs() : side.tester.outputs());
  std::map<std::string, bool> bits;
  if (r.exit_code != tester::kExitOk) {
    *error = r.text;
    return bits;
  }
  for (auto it = r.json["signals"].begin(); it != r.json["signals"].end(); ++it) bits[it.key()] = it.value().get<bool>();
  return bits;
}

std::string on_off(bool on) { return on ? "ON" : "off"; }

struct OutputFunction {
  const char* label;
  const char* output;
  std::vector<const char*> monitors;  // judged against the reference where the model has them
  std::vector<const char*> info;      // reported, not judged (meaning on a real module unknown)
  std::vector<uint8_t> fault_codes;   // fault memory entries that point at this function
};

const std::vector<OutputFunction>& output_functions() {
  static const std::vector<OutputFunction> f{
      {"tailgate release", "DOP_BOOT_RELEASE", {"DIP_BOOT_RELEASE_MONITOR"}, {"DIP_BOOT_REL_STATUS"}, {0xC4}},
      {"left indicator", "DOP_LH_INDICATOR_LGT", {"DIP_LH_DIR_IND_STATUS"}, {}, {}},
      {"right indicator", "DOP_RH_INDICATOR_LGT", {"DIP_RH_DIR_IND_STATUS"}, {}, {}},
  };
  return f;
}

struct InputCheck {
  std::string signal;
  std::string label;
};

// The inputs a technician grounds on the bench (tailgate circuit first), whether wired or not.
std::vector<InputCheck> input_checklist() {
  return {{"DIP_BOOT_HANDLE_SW", "tailgate handle input"}, {"DIP_BOOT_OPEN_SW", "tailgate contact input"}};
}

std::string fault_list(const json& faults) {
  if (!faults.is_array() || faults.empty()) return "none";
  std::string s;
  for (const auto& f : faults) {
    if (!s.empty()) s += ", ";
    s += tester::hex_byte(f["F_ORT_NR"].get<uint8_t>()) + (f["active"].get<bool>() ? " active" : " stored");
  }
  return s;
}

class DutRun {
 public:
  DutRun(const DutOptions& o, DutReport& r, rig::SafeBench& bench, const rig::SignalGuard* guard, Side module,
         Side reference, Reference& ref_model)
      : o_(o), r_(r), bench_(bench), guard_(guard), module_(module), reference_(reference), ref_model_(ref_model) {}

  void run() {
    // Power the module through the bench's supply channels (KL30 before KL15, in file order) and
    // give it time to boot; the guard and all-off cover them like any other channel.
    bool powered = false;
    for (const auto& ch : bench_.config().channels)
      if (ch.kind == rig::WiringKind::supply) {
        progress("power: " + ch.name + " on");
        set(bench_.channel(ch.name), true);
        add("power", "supply " + ch.name + " on", "", "on", Verdict::info, ch.wired_to);
        powered = true;
        settle();
      }
    if (powered) std::this_thread::sleep_for(std::chrono::milliseconds(300));
    progress("ident");
    ident();
    progress("fault memory");
    const json found = faults("fault memory as found");
    if (o_.clear_faults) clear();
    for (const auto& f : output_functions()) {
      progress(f.label);
      output(f);
    }
    inputs();
    progress("fault memory after the checks");
    faults("fault memory after the checks");
    conclude(found);
  }

 private:
  void check_signal() {
    if (guard_ && guard_->stop_requested())
      throw ModeError(128 + guard_->signal_number(), std::string("stopped by ") + ::strsignal(guard_->signal_number()) +
                                                         "; every relay was switched off");
  }
  void progress(const std::string& what) {
    check_signal();
    if (o_.progress) *o_.progress << "  checking " << what << "...\n" << std::flush;
  }
  void settle() { std::this_thread::sleep_for(o_.settle); }
  // Every switch-on first checks for SIGINT/SIGTERM: once the guard has switched everything off,
  // nothing is switched on again (the final all_off() covers the last instant's race).
  void set(rig::ChannelId id, bool on) {
    if (on) check_signal();
    bench_.set(id, on);
  }

  DutCheck& add(std::string function, std::string check, std::string ref, std::string mod, Verdict v,
                std::string note = "") {
    r_.checks.push_back({std::move(function), std::move(check), std::move(ref), std::move(mod), v, std::move(note)});
    return r_.checks.back();
  }
  void compare(const std::string& function, const std::string& check, const std::string& ref, const std::string& mod,
               const std::string& evidence) {
    auto& c = add(function, check, ref, mod, ref == mod ? Verdict::pass : Verdict::fail);
    if (c.verdict == Verdict::fail) evidence_[function].push_back(evidence);
  }

  void ident() {
    auto m = must_answer(module_, module_.tester.ident());
    auto ref = must_answer(reference_, reference_.tester.ident());
    auto describe = [](const tester::JobResult& j) {
      if (j.exit_code != tester::kExitOk) return "error: " + j.text;
      const auto& id = j.json["ident"];
      return "part " + id["ID_BMW_NR"].get<std::string>() + ", hw " + std::to_string(id["ID_HW_NR"].get<int>()) +
             ", sw " + std::to_string(id["ID_SW_NR"].get<int>());
    };
    const bool ok = m.exit_code == tester::kExitOk;
    auto& c = add("diagnostics", "ident (IDENT)", describe(ref), describe(m), ok ? Verdict::pass : Verdict::fail,
                  "the module answers; its numbers are its own");
    if (!ok) evidence_["diagnostics"].push_back("IDENT: " + c.module);
  }

  json faults(const std::string& what) {
    auto m = must_answer(module_, module_.tester.faults());
    auto ref = must_answer(reference_, reference_.tester.faults());
    if (m.exit_code != tester::kExitOk) {
      add("diagnostics", what + " (FS_LESEN)", fault_list(ref.json["faults"]), "error: " + m.text, Verdict::fail);
      evidence_["diagnostics"].push_back("FS_LESEN: " + m.text);
      return json::array();
    }
    std::string note;
    for (const auto& f : m.json["faults"])
      note += (note.empty() ? "" : "; ") + tester::hex_byte(f["F_ORT_NR"].get<uint8_t>()) + " " +
              f["F_ORT_TEXT"].get<std::string>() +
              (f["gloss_en"].get<std::string>().empty() ? "" : " (" + f["gloss_en"].get<std::string>() + ")");
    add("diagnostics", what + " (FS_LESEN)", fault_list(ref.json["faults"]), fault_list(m.json["faults"]), Verdict::info,
        note);
    return m.json["faults"];
  }

  void clear() {
    auto m = must_answer(module_, module_.tester.clear_faults());
    must_answer(reference_, reference_.tester.clear_faults());
    const bool ok = m.exit_code == tester::kExitOk;
    add("diagnostics", "clear fault memory (FS_LOESCHEN)", "OKAY", ok ? "OKAY" : "error: " + m.text,
        ok ? Verdict::pass : Verdict::fail);
    if (!ok) evidence_["diagnostics"].push_back("FS_LOESCHEN: " + m.text);
  }

  struct Forced {
    std::string answer;  // OKAY or the error
    std::map<std::string, bool> on_in, on_out, off_in, off_out;
    std::string error;
    std::map<std::string, rig::SenseReading> sensed;
  };

  Forced force(const Side& side, const OutputFunction& f, bool bench) {
    Forced x;
    // Loads that follow this output are connected while it is forced (a real output stage may
    // need its load to pass its own diagnosis).
    std::vector<rig::ChannelId> loads;
    if (bench)
      for (const auto& ch : bench_.config().channels)
        if (ch.follows && ch.follows->signal == f.output && ch.kind == rig::WiringKind::load_feed)
          loads.push_back(bench_.channel(ch.name));
    for (auto id : loads) set(id, true);
    auto on = must_answer(side, side.tester.force(f.output, true));
    x.answer = on.exit_code == tester::kExitOk ? "OKAY" : "error: " + on.text;
    settle();
    x.on_in = read_bits(side, true, &x.error);
    x.on_out = read_bits(side, false, &x.error);
    if (bench)
      for (const auto& s : bench_.config().sense)
        if (s.follows && s.follows->signal == f.output) x.sensed[s.name] = bench_.sense(s.name);
    must_answer(side, side.tester.force(f.output, false));
    for (auto id : loads) set(id, false);
    settle();
    x.off_in = read_bits(side, true, &x.error);
    x.off_out = read_bits(side, false, &x.error);
    return x;
  }

  static std::string bit(const std::map<std::string, bool>& m, const std::string& name) {
    auto it = m.find(name);
    return it == m.end() ? "not read" : on_off(it->second);
  }

  void output(const OutputFunction& f) {
    const std::string fn = f.label;
    const std::string out = f.output;
    Forced m = force(module_, f, true);
    Forced ref = force(reference_, f, false);
    compare(fn, "force " + out + " ON (STEUERN_IOSTATES)", ref.answer, m.answer,
            "forcing " + out + " ON: the module answered " + m.answer + " (reference " + ref.answer + ")");
    compare(fn, "forced ON: output " + out, bit(ref.on_out, out), bit(m.on_out, out),
            "forced ON, the output " + out + " reads " + bit(m.on_out, out) + " on the module (reference " +
                bit(ref.on_out, out) + ")");
    for (const char* mon : f.monitors) {
      if (!ref_model_.models(mon)) {
        add(fn, std::string("forced ON: monitor ") + mon, "not modelled", bit(m.on_in, mon), Verdict::info,
            "the reference model has no such readback; shown, not judged");
        continue;
      }
      compare(fn, std::string("forced ON: monitor ") + mon, bit(ref.on_in, mon), bit(m.on_in, mon),
              std::string("forced ON, monitor ") + mon + (m.on_in[mon] ? " reads ON" : " stays OFF") +
                  " on the module (reference " + bit(ref.on_in, mon) + ")");
    }
    for (const char* info : f.info)
      add(fn, std::string("forced ON: ") + info, bit(ref.on_in, info), bit(m.on_in, info), Verdict::info,
          "meaning on a real module not documented; shown, not judged");
    // Sensed: the healthy module's pin is driven while forced, as its readback shows.
    bool expected = ref.on_out[out];
    for (const char* mon : f.monitors)
      if (ref_model_.models(mon)) expected = ref.on_in[mon];
    for (const auto& [name, reading] : m.sensed) {
      const std::string value = on_off(reading.high) + " (raw " + std::to_string(reading.raw) + ")";
      auto& c = add(fn, "forced ON: sensed at " + name, on_off(expected), value,
                    reading.high == expected ? Verdict::pass : Verdict::fail, "bench sense point");
      if (c.verdict == Verdict::fail)
        evidence_[fn].push_back("forced ON, the bench senses " + on_off(reading.high) + " at " + name + " (reference " +
                                on_off(expected) + ")");
    }
    compare(fn, "forced off: output " + out, bit(ref.off_out, out), bit(m.off_out, out),
            "forced off, the output " + out + " still reads " + bit(m.off_out, out) + " on the module");
    for (const char* mon : f.monitors)
      if (ref_model_.models(mon))
        compare(fn, std::string("forced off: monitor ") + mon, bit(ref.off_in, mon), bit(m.off_in, mon),
                std::string("forced off, monitor ") + mon + " reads " + bit(m.off_in, mon) +
                    " on the module (reference " + bit(ref.off_in, mon) + "): the output stays driven");
    if (!m.error.empty()) {
      add(fn, "status reads", "OKAY", "error: " + m.error, Verdict::fail);
      evidence_[fn].push_back("reading the status failed: " + m.error);
    }
  }

  void inputs() {
    auto list = input_checklist();
    for (const auto& ch : bench_.config().channels)
      if (ch.kind == rig::WiringKind::input_to_ground && ch.follows) {
        bool known = false;
        for (const auto& i : list) known = known || i.signal == ch.follows->signal;
        if (!known) list.push_back({ch.follows->signal, ch.follows->signal + " input"});
      }
    for (const auto& in : list) {
      progress(in.label);
      const rig::ChannelConfig* wired = nullptr;
      for (const auto& ch : bench_.config().channels)
        if (ch.kind == rig::WiringKind::input_to_ground && ch.follows && ch.follows->signal == in.signal) wired = &ch;
      if (!wired) {
        add(in.label, "ground " + in.signal + " through a relay", "", "", Verdict::not_wired,
            "no input_to_ground channel of the bench follows " + in.signal);
        continue;
      }
      const auto id = bench_.channel(wired->name);
      std::string error;
      set(id, true);
      settle();
      const auto m_on = read_bits(module_, true, &error);
      set(id, false);
      settle();
      const auto m_off = read_bits(module_, true, &error);
      std::string ref_on = "ON", ref_off = "off", how = "expected: a grounded switch input reads active";
      if (in.signal == "DIP_BOOT_HANDLE_SW" && ref_model_.models(in.signal)) {
        // The model's lid handle button grounds that input: press it across the read.
        ref_model_.in_model([&](runner::Simulation& sim) {
          sim.vehicle().press_lid_handle(sc_core::sc_time(static_cast<double>(o_.settle.count()) * 2 + 300, sc_core::SC_MS));
        });
        settle();
        std::string e;
        const auto r_on = read_bits(reference_, true, &e);
        std::this_thread::sleep_for(o_.settle * 2 + std::chrono::milliseconds(300));
        const auto r_off = read_bits(reference_, true, &e);
        ref_on = bit(r_on, in.signal);
        ref_off = bit(r_off, in.signal);
        how = "reference: the model's handle button pressed";
      }
      compare(in.label, "relay " + wired->name + " grounds it: " + in.signal, ref_on, bit(m_on, in.signal),
              "grounded through relay " + wired->name + ", " + in.signal + " reads " + bit(m_on, in.signal) +
                  " on the module (reference " + ref_on + ")");
      r_.checks.back().note = how;
      compare(in.label, "relay " + wired->name + " released: " + in.signal, ref_off, bit(m_off, in.signal),
              "released, " + in.signal + " still reads " + bit(m_off, in.signal) + " on the module");
      if (!error.empty()) {
        add(in.label, "status reads", "OKAY", "error: " + error, Verdict::fail);
        evidence_[in.label].push_back("reading the inputs failed: " + error);
      }
    }
  }

  void conclude(const json& found) {
    // Faults as found, attributed to the function they point at.
    std::map<std::string, std::vector<std::string>> fault_evidence;
    for (const auto& f : found) {
      const auto code = f["F_ORT_NR"].get<uint8_t>();
      std::string function;
      for (const auto& o : output_functions())
        for (auto c : o.fault_codes)
          if (c == code) function = o.label;
      const std::string gloss = f["gloss_en"].get<std::string>();
      const std::string text = "fault " + tester::hex_byte(code) + (f["active"].get<bool>() ? " active" : " stored") +
                               " (" + (gloss.empty() ? f["F_ORT_TEXT"].get<std::string>() : gloss) + ")";
      if (!function.empty() && evidence_.count(function)) fault_evidence[function].push_back(text);
      else if (!function.empty()) r_.notes.push_back(text + " was stored, yet the " + function + " works now");
      else r_.notes.push_back(text + " was stored (no function checked here depends on it)");
    }
    for (const auto& c : r_.checks)
      if (c.verdict == Verdict::fail &&
          std::find(r_.failed_functions.begin(), r_.failed_functions.end(), c.function) == r_.failed_functions.end())
        r_.failed_functions.push_back(c.function);
    for (const auto& fn : r_.failed_functions) {
      std::string s = fn + ": ";
      const auto& ev = evidence_[fn];
      for (std::size_t i = 0; i < ev.size(); ++i) s += (i ? "; " : "") + ev[i];
      for (const auto& fe : fault_evidence[fn]) s += "; " + fe;
      r_.evidence.push_back(s);
    }
    std::size_t not_wired = 0;
    for (const auto& c : r_.checks) not_wired += c.verdict == Verdict::not_wired;
    if (not_wired)
      r_.notes.push_back(std::to_string(not_wired) + " input check" + (not_wired == 1 ? " was" : "s were") +
                         " not run: no relay wired to " + (not_wired == 1 ? "it" : "them") + " on this bench");
    if (r_.failed_functions.empty()) {
      r_.overall = "healthy";
      r_.exit_code = kExitOk;
    } else {
      r_.overall = "FAILED: ";
      for (std::size_t i = 0; i < r_.failed_functions.size(); ++i) r_.overall += (i ? ", " : "") + r_.failed_functions[i];
      r_.exit_code = kExitFailed;
    }
  }

  const DutOptions& o_;
  DutReport& r_;
  rig::SafeBench& bench_;
  const rig::SignalGuard* guard_;
  Side module_;
  Side reference_;
  Reference& ref_model_;
  std::map<std::string, std::vector<std::string>> evidence_;
};

tester::EchoMode echo_mode(const std::string& e) {
  return e == "on" ? tester::EchoMode::kOn : e == "off" ? tester::EchoMode::kOff : tester::EchoMode::kAuto;
}

}  // namespace

DutReport run_dut(const DutOptions& o) {
  DutReport r;
  const auto started = Clock::now();
  r.kline = o.kline;
  rig::BenchConfig cfg;
  scenario::Scenario sc;
  if (auto invalid = load_bench_and_scenario(o.bench_path, o.scenario_path, cfg, sc)) {
    r.exit_code = kExitInvalid;
    r.error = *invalid;
    return r;
  }
  r.bench = cfg.name.empty() ? o.bench_path : cfg.name;
  r.scenario = sc.name;
  // dut mode speaks DS2: a bench point must follow a signal of the reference tables.
  auto check_follow = [&](const std::string& what, const std::optional<rig::Follow>& f) {
    if (!f) return;
    if (!diag::ReferenceTables::bc1().find_bit(f->signal) ||
        (diag::signal_group(f->signal) != diag::SignalGroup::kDigitalInputs &&
         diag::signal_group(f->signal) != diag::SignalGroup::kDigitalOutputs))
      throw rig::BenchConfigError(cfg.source, f->at,
                                  what + ": dut mode reads the module over DS2, so it follows a DIP_* or DOP_* "
                                         "signal of bc1_bits.csv, not '" + f->signal + "'");
  };
  try {
    for (const auto& ch : cfg.channels) check_follow("channel '" + ch.name + "'", ch.follows);
    for (const auto& s : cfg.sense) check_follow("sense point '" + s.name + "'", s.follows);
  } catch (const rig::BenchConfigError& e) {
    r.exit_code = kExitInvalid;
    r.error = e.what();
    return r;
  }

  scenario::Scenario ref_sc = sc;
  if (!ref_sc.faults.empty())
    r.reference_notes.push_back(std::to_string(ref_sc.faults.size()) + " fault(s) of the scenario left out: the reference is healthy");
  if (!ref_sc.steps.empty())
    r.reference_notes.push_back(std::to_string(ref_sc.steps.size()) + " step(s) of the scenario not played: the bench checks are the stimulus");
  ref_sc.faults.clear();
  ref_sc.steps.clear();
  ref_sc.expectations.clear();

  // The bench first: it forks its guard process before any thread starts.
  std::unique_ptr<rig::SafeBench> bench;
  try {
    rig::BenchOptions bo;
    bo.watchdog = o.watchdog;
    bench = std::make_unique<rig::SafeBench>(cfg, bo);
  } catch (const std::exception& e) {
    r.exit_code = kExitDevice;
    r.error = std::string("cannot open the bench: ") + e.what();
    return r;
  }
  std::optional<rig::SignalGuard> guard;
  if (o.handle_signals) guard.emplace(*bench, rig::SignalGuard::Action::off_then_flag);

  auto finish = [&] {
    r.final_off = bench->all_off();
    r.events = bench->events();
    if (!r.final_off.ok && r.exit_code == kExitOk) r.exit_code = kExitDevice;
    r.seconds = ms_between(started, Clock::now()) / 1000.0;
    return r;
  };

  std::unique_ptr<transport::SerialClientPort> module_port;
  try {
    module_port = std::make_unique<transport::SerialClientPort>(o.kline);
  } catch (const std::exception& e) {
    r.exit_code = kExitDevice;
    r.error = std::string("no K-line at ") + o.kline + ": " + e.what() +
              " (is the K-line cable plugged in, or the module served there?)";
    return finish();
  }

  try {
    Reference reference(ref_sc, "/tmp/bcmhil-dut-reference-" + std::to_string(::getpid()));
    reference.start();
    transport::SerialClientPort ref_port(reference.link());
    tester::TesterOptions mo;
    mo.echo = echo_mode(o.echo);
    mo.timeout = o.timeout;
    tester::Ds2Tester module_tester(*module_port, mo);
    tester::TesterOptions ro;
    ro.timeout = std::chrono::milliseconds(1000);
    tester::Ds2Tester ref_tester(ref_port, ro);
    DutRun run(o, r, *bench, guard ? &*guard : nullptr, Side{"module", module_tester}, Side{"reference", ref_tester},
               reference);
    run.run();
    reference.stop();
  } catch (const ModeError& e) {
    r.exit_code = e.exit_code();
    r.error = e.what();
  } catch (const rig::BenchHalted& e) {
    r.exit_code = kExitDevice;
    r.error = std::string("the bench halted: ") + e.what();
  } catch (const relay::RelayError& e) {
    r.exit_code = kExitDevice;
    r.error = e.what();
  } catch (const std::exception& e) {
    r.exit_code = kExitInternal;
    r.error = std::string("internal error: ") + e.what();
  }
  return finish();
}

std::string format_dut(const DutReport& r) {
  std::ostringstream s;
  if (r.bench.empty()) return "bcmhil bench dut: " + r.error + "\n";
  s << "bench dut: module on " << r.kline << ", bench '" << r.bench << "', reference: scenario '" << r.scenario
    << "', healthy\n";
  for (const auto& n : r.reference_notes) s << "  (" << n << ")\n";
  if (!r.checks.empty()) {
    s << "\n  " << std::left;
    auto pad = [](const std::string& t, std::size_t w) { return t.size() >= w ? t + " " : t + std::string(w - t.size(), ' '); };
    s << pad("function", 24) << pad("check", 52) << pad("reference", 26) << pad("module", 26) << "verdict\n";
    for (const auto& c : r.checks) {
      s << "  " << pad(c.function, 24) << pad(c.check, 52) << pad(c.reference, 26) << pad(c.module, 26)
        << to_string(c.verdict) << "\n";
      if (c.verdict != Verdict::pass && !c.note.empty()) s << "  " << std::string(24, ' ') << "  " << c.note << "\n";
    }
  }
  if (!r.error.empty()) s << "\nerror: " << r.error << "\n";
  if (!r.overall.empty()) {
    s << "\nverdict: " << r.overall << "\n";
    for (const auto& e : r.evidence) s << "  " << e << "\n";
    for (const auto& n : r.notes) s << "  note: " << n << "\n";
  }
  for (const auto& e : r.events)
    if (e.kind != rig::SafetyEvent::Kind::all_off)
      s << "safety: " << rig::to_string(e.kind) << (e.channel.empty() ? "" : " " + e.channel) << ": " << e.detail << "\n";
  s << "end: " << (r.final_off.ok ? "every relay off" : "NOT every relay confirmed off") << " (" << fixed(r.seconds, 1)
    << " s)\n";
  return s.str();
}

json dut_json(const DutReport& r) {
  json j;
  j["mode"] = "dut";
  j["exit_code"] = r.exit_code;
  if (!r.error.empty()) j["error"] = r.error;
  j["scenario"] = r.scenario;
  j["bench"] = r.bench;
  j["kline"] = r.kline;
  j["reference_notes"] = r.reference_notes;
  json checks = json::array();
  for (const auto& c : r.checks)
    checks.push_back({{"function", c.function}, {"check", c.check}, {"reference", c.reference}, {"module", c.module},
                      {"verdict", to_string(c.verdict)}, {"note", c.note}});
  j["checks"] = checks;
  j["overall"] = r.overall;
  j["healthy"] = r.overall == "healthy";
  j["failed_functions"] = r.failed_functions;
  j["evidence"] = r.evidence;
  j["notes"] = r.notes;
  json ev = json::array();
  for (const auto& e : r.events)
    ev.push_back({{"kind", rig::to_string(e.kind)}, {"channel", e.channel}, {"detail", e.detail}});
  j["safety_events"] = ev;
  j["all_off"] = {{"ok", r.final_off.ok}, {"lines", r.final_off.lines}};
  j["seconds"] = r.seconds;
  return j;
}

}  // namespace bcmhil::modes

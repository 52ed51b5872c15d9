#include "dut_checks.h"

#include "dut_catalogue.h"
#include "dut_verdict.h"

#include <systemc>

#include <cstring>
#include <map>
#include <optional>
#include <thread>

namespace bcmhil::modes {

namespace {

using json = nlohmann::json;

// A job that failed on the line is a device problem; an error status is an answer to report.
tester::JobResult must_answer(const Side& side, tester::JobResult r) {
  if (r.exit_code == tester::kExitLine)
    throw ModeError(side.who == "module" ? kExitDevice : kExitInternal,
                    side.who + ": " + r.text);
  return r;
}

// A signal the module marks as not measured (JSON null, bench/diag/README.md) reads n/a: nullopt.
using Bits = std::map<std::string, std::optional<bool>>;

Bits read_bits(const Side& side, bool inputs, std::string* error) {
  auto r = must_answer(side, inputs ? side.tester.inputs() : side.tester.outputs());
  Bits bits;
  if (r.exit_code != tester::kExitOk) {
    *error = r.text;
    return bits;
  }
  for (auto it = r.json["signals"].begin(); it != r.json["signals"].end(); ++it)
    bits[it.key()] = it.value().is_null() ? std::nullopt : std::optional<bool>(it.value().get<bool>());
  return bits;
}

std::string on_off(bool on) { return on ? "ON" : "off"; }

std::string fault_list(const json& faults) {
  if (!faults.is_array() || faults.empty()) return "none";
  std::string s;
  for (const auto& f : faults) {
    if (!s.empty()) s += ", ";
    s += tester::hex_byte(f["F_ORT_NR"].get<uint8_t>()) + (f["active"].get<bool>() ? " active" : " stored");
  }
  return s;
}

class DutChecks {
 public:
  DutChecks(const DutOptions& o, DutReport& r, rig::SafeBench& bench, const rig::SignalGuard* guard, Side module,
            Side reference, DutReference& ref_model)
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
    r_.faults_found = found;
    if (o_.clear_faults) clear();
    for (const auto& f : output_functions()) {
      progress(f.label);
      output(f);
    }
    inputs();
    progress("fault memory after the checks");
    faults("fault memory after the checks");
    conclude(found, evidence_, r_);
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
    r_.checks.push_back({std::move(function), std::move(check), std::move(ref), std::move(mod), v, std::move(note), "", "", ""});
    return r_.checks.back();
  }
  void compare(const std::string& function, const std::string& check, const std::string& ref, const std::string& mod,
               const std::string& evidence) {
    auto& c = add(function, check, ref, mod, ref == mod ? Verdict::pass : Verdict::fail);
    if (c.verdict == Verdict::fail) evidence_[function].push_back(evidence);
  }

  static void read_from(DutCheck& c, const std::string& input, const std::string& stimulus) {
    c.ds2_job = "inputs";
    c.ds2_item = input;
    c.bench_stimulus = stimulus;
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
    c.ds2_job = "ident";
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
    Bits on_in, on_out, off_in, off_out;
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

  static std::string bit(const Bits& m, const std::string& name) {
    auto it = m.find(name);
    return it == m.end() ? "not read" : !it->second ? "n/a" : on_off(*it->second);
  }
  static bool is_on(const Bits& m, const std::string& name) {
    auto it = m.find(name);
    return it != m.end() && it->second.value_or(false);
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
              std::string("forced ON, monitor ") + mon + (is_on(m.on_in, mon) ? " reads ON" : " stays OFF") +
                  " on the module (reference " + bit(ref.on_in, mon) + ")");
      read_from(r_.checks.back(), mon, "force " + out);
    }
    for (const char* info : f.info)
      add(fn, std::string("forced ON: ") + info, bit(ref.on_in, info), bit(m.on_in, info), Verdict::info,
          "meaning on a real module not documented; shown, not judged");
    // Sensed: the healthy module's pin is driven while forced, as its readback shows.
    bool expected = is_on(ref.on_out, out);
    for (const char* mon : f.monitors)
      if (ref_model_.models(mon)) expected = is_on(ref.on_in, mon);
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
      // The reference: the same relay on the model's pin, read the same way.
      if (!ref_model_.models(in.signal) || !ref_model_.ground_input(in.signal, true)) {
        add(in.label, "relay " + wired->name + " grounds it: " + in.signal, "not modelled", bit(m_on, in.signal),
            Verdict::info, "the reference model has no such input; shown, not judged");
        continue;
      }
      settle();
      std::string ref_error;
      const auto r_on = read_bits(reference_, true, &ref_error);
      ref_model_.ground_input(in.signal, false);
      settle();
      const auto r_off = read_bits(reference_, true, &ref_error);
      const std::string ref_on = bit(r_on, in.signal), ref_off = bit(r_off, in.signal);
      compare(in.label, "relay " + wired->name + " grounds it: " + in.signal, ref_on, bit(m_on, in.signal),
              "grounded through relay " + wired->name + ", " + in.signal + " reads " + bit(m_on, in.signal) +
                  " on the module (reference " + ref_on + ")");
      r_.checks.back().note = "reference: the model's pin grounded through a relay contact";
      read_from(r_.checks.back(), in.signal, "ground");
      compare(in.label, "relay " + wired->name + " released: " + in.signal, ref_off, bit(m_off, in.signal),
              "released, " + in.signal + " still reads " + bit(m_off, in.signal) + " on the module");
      read_from(r_.checks.back(), in.signal, "release");
      if (!error.empty()) {
        add(in.label, "status reads", "OKAY", "error: " + error, Verdict::fail);
        evidence_[in.label].push_back("reading the inputs failed: " + error);
      }
    }
  }

  const DutOptions& o_;
  DutReport& r_;
  rig::SafeBench& bench_;
  const rig::SignalGuard* guard_;
  Side module_;
  Side reference_;
  DutReference& ref_model_;
  Evidence evidence_;
};

}  // namespace

void run_dut_checks(const DutOptions& options, DutReport& report, rig::SafeBench& bench,
                    const rig::SignalGuard* guard, Side module, Side reference, DutReference& reference_model) {
  DutChecks(options, report, bench, guard, module, reference, reference_model).run();
}

}  // namespace bcmhil::modes

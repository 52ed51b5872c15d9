// bcmhil relay: the bench's relay boards by hand, through the same safety layer the bench modes
// use (max on-time, all off on every exit path, the guard process), plus the pty emulators so a
// person can try everything without hardware. Exit: 0 ok, 1 a safety check fired (read-back
// mismatch, max on-time trip), 2 bad arguments or bench description, 3 device problem, 128+N
// stopped by signal N (130 Ctrl-C, 143 SIGTERM) after everything was switched off.
#include "command_registry.h"

#include "bench_config.h"
#include "board_factory.h"
#include "pty_emulator.h"
#include "safe_bench.h"
#include "signal_guard.h"

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace {

namespace relay = bcmhil::relay;
namespace rig = bcmhil::rig;
using namespace std::chrono_literals;

struct RelayArgs {
  std::string bench;
  bool dry_run = false;
  bool no_guard = false;
  std::string channel;
  std::string state;
  std::string hold;
  std::string family;
  std::string link;
  int channels = 0;
  std::string silent_after;
  std::string vanish_after;
  std::string status_query = "auto";
};

std::optional<std::chrono::milliseconds> duration_arg(const std::string& text, const char* option) {
  if (text.empty()) return std::nullopt;
  const auto d = rig::parse_duration(text);
  if (!d) throw CLI::ValidationError(option, "'" + text + "' is not a duration (e.g. 500ms, 2s, 1min)");
  return d;
}

rig::BenchOptions bench_options(const RelayArgs& a) {
  rig::BenchOptions o;
  o.dry_run = a.dry_run;
  o.watchdog = !a.no_guard;
  return o;
}

// `planned` is the max on-time stop the user asked for (set CH on without --for): its event is
// the end of the hold, not a safety trip.
bool is_planned_stop(const rig::SafetyEvent& e, const std::string* planned) {
  return planned && e.kind == rig::SafetyEvent::Kind::max_on_tripped && e.channel == *planned;
}

void print_events(const rig::SafeBench& bench, const std::string* planned = nullptr) {
  for (const auto& e : bench.events()) {
    if (e.kind == rig::SafetyEvent::Kind::all_off || is_planned_stop(e, planned)) continue;
    std::cout << "  safety: " << rig::to_string(e.kind) << (e.channel.empty() ? "" : " " + e.channel) << ": "
              << e.detail << "\n";
  }
}

bool tripped(const rig::SafeBench& bench, const std::string* planned = nullptr) {
  for (const auto& e : bench.events())
    if ((e.kind == rig::SafetyEvent::Kind::max_on_tripped && !is_planned_stop(e, planned)) ||
        e.kind == rig::SafetyEvent::Kind::board_failed)
      return true;
  return false;
}

// Each board that cannot be read back, said once (not on every write).
void print_readback_notes(rig::SafeBench& bench) {
  const auto& cfg = bench.config();
  for (std::size_t b = 0; b < cfg.boards.size(); ++b) {
    const std::string note = bench.board(static_cast<int>(b)).readback_note();
    if (!note.empty() && !bench.dry_run()) std::cout << "note: board " << cfg.boards[b].name << ": " << note << "\n";
  }
}

// Runs `body` with the bench description loaded and the bench open, mapping failures to exit codes.
template <typename Body>
int with_bench(const RelayArgs& a, Body body) {
  rig::BenchConfig config;
  try {
    config = rig::load_bench_config(a.bench);
  } catch (const rig::BenchConfigError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  try {
    rig::SafeBench bench(std::move(config), bench_options(a));
    return body(bench);
  } catch (const std::invalid_argument& e) {
    std::cerr << "bcmhil relay: " << e.what() << "\n";
    return 2;
  } catch (const rig::BenchHalted& e) {
    std::cerr << "bcmhil relay: " << e.what() << "\n";
    return 3;
  } catch (const relay::RelayError& e) {
    std::cerr << "bcmhil relay: " << e.what() << "\n";
    return 3;
  }
}

int run_list(const RelayArgs& a) {
  return with_bench(a, [&](rig::SafeBench& bench) {
    const auto& cfg = bench.config();
    std::cout << "bench " << (cfg.name.empty() ? cfg.source : cfg.name) << " (" << cfg.source << ")"
              << (bench.dry_run() ? " [dry run: no device opened]" : "") << "\n";
    for (std::size_t b = 0; b < cfg.boards.size(); ++b) {
      const auto& bc = cfg.boards[b];
      auto& board = bench.board(static_cast<int>(b));
      std::cout << "board " << bc.name << ": " << relay::to_string(bc.spec.family) << " " << board.identity() << ", "
                << bc.spec.channels << " channels, " << (board.has_readback() ? "reads back" : board.readback_note())
                << "\n";
    }
    std::printf("%-26s %-12s %-16s %-8s %-4s %-16s %s\n", "channel", "board:ch", "kind", "max_on", "inv", "state",
                "wired to");
    for (const auto& ch : cfg.channels) {
      const auto r = bench.read(bench.channel(ch.name));
      const std::string state = std::string(r.on ? "on" : "off") +
                                (r.source == relay::Readback::hardware ? " (read)" : " (tracked)");
      std::printf("%-26s %-12s %-16s %-8s %-4s %-16s %s\n", ch.name.c_str(),
                  (ch.board + ":" + std::to_string(ch.channel)).c_str(), rig::to_string(ch.kind),
                  rig::format_duration(ch.max_on).c_str(), ch.inverted ? "yes" : "no", state.c_str(),
                  ch.wired_to.c_str());
    }
    if (!cfg.sense.empty()) {
      std::printf("%-26s %-12s %-16s %-22s %s\n", "sense point", "board:pin", "mode", "reading", "wired to");
      for (const auto& p : cfg.sense) {
        const auto r = bench.sense(bench.sense_point(p.name));
        const std::string reading = p.mode == rig::SenseMode::digital
                                        ? std::string(r.high ? "1 (high)" : "0 (low)")
                                        : std::to_string(r.raw) + " / " + std::to_string(r.full_scale);
        std::printf("%-26s %-12s %-16s %-22s %s\n", p.name.c_str(), (p.board + ":" + std::to_string(p.pin)).c_str(),
                    rig::to_string(p.mode), reading.c_str(), p.wired_to.c_str());
      }
    }
    return 0;
  });
}

// No --for (or exactly the channel's max_on): the user asked for the max on-time stop.
bool asked_for_max_on(const rig::ChannelConfig& ch, const std::optional<std::chrono::milliseconds>& hold) {
  return !hold || *hold == ch.max_on;
}

// How a hold ended.
enum class HoldEnd { planned, signal, safety };

// Holds `id` on until the planned time, a signal, a safety trip or a halted bench. Without --for
// the plan is the channel's max_on: the safety layer's own timer ends it, which is then the
// planned end (the user asked for it), not a trip.
HoldEnd hold_on(rig::SafeBench& bench, const rig::SignalGuard& guard, rig::ChannelId id,
                const rig::ChannelConfig& ch, std::optional<std::chrono::milliseconds> hold) {
  const auto until = std::chrono::steady_clock::now() + (hold ? *hold : ch.max_on);
  for (;;) {
    if (guard.stop_requested()) return HoldEnd::signal;
    if (bench.halted()) return HoldEnd::safety;
    if (bench.status(id).latched_off) return asked_for_max_on(ch, hold) ? HoldEnd::planned : HoldEnd::safety;
    if (hold && std::chrono::steady_clock::now() >= until) return HoldEnd::planned;
    std::this_thread::sleep_for(10ms);
  }
}

void announce_hold(const rig::ChannelConfig& ch, const std::optional<std::chrono::milliseconds>& hold,
                   const std::string& hold_text) {
  if (hold && *hold > ch.max_on)
    std::cout << "note: --for " << hold_text << " is longer than " << ch.name << "'s max_on "
              << rig::format_duration(ch.max_on) << ": the safety layer will switch it off first\n";
  if (hold)
    std::cout << "holding for " << rig::format_duration(std::min(*hold, ch.max_on)) << "; Ctrl-C switches everything off\n";
  else
    std::cout << "holding until Ctrl-C or its max_on (" << rig::format_duration(ch.max_on)
              << "), whichever comes first\n";
  std::cout.flush();
}

int run_set(const RelayArgs& a) {
  const bool on = a.state == "on";
  const auto hold = duration_arg(a.hold, "--for");
  return with_bench(a, [&](rig::SafeBench& bench) {
    const auto id = bench.channel(a.channel);
    const auto& ch = bench.config().channels[static_cast<std::size_t>(id.index)];
    rig::SignalGuard guard(bench, rig::SignalGuard::Action::off_then_flag);
    print_readback_notes(bench);
    const auto outcome = bench.set(id, on);
    std::cout << ch.name << " (" << ch.board << ":" << ch.channel << ") " << (on ? "on" : "off") << ": "
              << rig::to_string(outcome) << "\n";
    HoldEnd end = HoldEnd::planned;
    if (on) {
      announce_hold(ch, hold, a.hold);
      end = hold_on(bench, guard, id, ch, hold);
      if (end == HoldEnd::planned && asked_for_max_on(ch, hold))
        std::cout << ch.name << " reached its max_on (" << rig::format_duration(ch.max_on)
                  << "): switched off, as planned\n";
    }
    const auto report = bench.all_off();
    for (const auto& l : report.lines) std::cout << "  " << l << "\n";
    const std::string* planned = on && asked_for_max_on(ch, hold) ? &ch.name : nullptr;
    print_events(bench, planned);
    const auto lat = bench.latency();
    if (lat.count) std::cout << "relay command latency: " << lat.to_string() << "\n";
    std::cout.flush();
    if (!report.ok) return 3;
    if (guard.stop_requested()) return 128 + guard.signal_number();
    return tripped(bench, planned) ? 1 : 0;
  });
}

int run_off_all(const RelayArgs& a) {
  return with_bench(a, [&](rig::SafeBench& bench) {
    const auto report = bench.all_off();
    for (const auto& l : report.lines) std::cout << l << "\n";
    return report.ok ? 0 : 3;
  });
}

int run_emulate(const RelayArgs& a) {
  const auto family = relay::parse_family(a.family);
  if (!family || *family == relay::Family::dcttech) {
    std::cerr << "bcmhil relay emulate: --family must be lcus, kmtronic or numato\n";
    return 2;
  }
  if (a.status_query != "auto" && *family != relay::Family::lcus) {
    std::cerr << "bcmhil relay emulate: --status-query is for lcus boards (the others always answer theirs)\n";
    return 2;
  }
  const auto silent_after = duration_arg(a.silent_after, "--silent-after");
  const auto vanish_after = duration_arg(a.vanish_after, "--vanish-after");
  // Signals are taken synchronously by this thread; block them before the emulator's thread
  // starts so it inherits the mask.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::unique_ptr<relay::PtyEmulator> emu;
  try {
    emu = std::make_unique<relay::PtyEmulator>(*family, a.link, a.channels);
  } catch (const relay::RelayError& e) {
    std::cerr << "bcmhil relay emulate: " << e.what() << "\n";
    return e.kind() == relay::ErrorKind::bad_channel ? 2 : 3;
  }
  if (a.status_query != "auto") emu->set_lcus_status_answers(a.status_query == "answer");
  const auto start = std::chrono::steady_clock::now();
  emu->set_listener([start](const relay::SwitchEvent& e) {
    std::printf("%10.3f s  channel %d %s\n", std::chrono::duration<double>(e.at - start).count(), e.channel,
                e.on ? "ON" : "off");
    std::fflush(stdout);
  });
  const char* status_query = *family != relay::Family::lcus ? ""
                             : emu->lcus_status_answers() ? ", answers the status query FF"
                                                          : ", write only: ignores the status query FF";
  std::printf("emulating a %d-channel %s board at %s (pty %s%s); Ctrl-C to stop\n", a.channels, a.family.c_str(),
              a.link.c_str(), emu->pty_name().c_str(), status_query);
  std::fflush(stdout);
  bool went_silent = false, vanished = false;
  for (;;) {
    timespec tick{0, 50'000'000};
    const int sig = sigtimedwait(&set, nullptr, &tick);
    if (sig == SIGINT || sig == SIGTERM) break;
    const auto elapsed = std::chrono::steady_clock::now() - start;
    if (silent_after && !went_silent && elapsed >= *silent_after) {
      emu->set_silent(true);
      went_silent = true;
      std::printf("board stops answering (silent)\n");
      std::fflush(stdout);
    }
    if (vanish_after && !vanished && elapsed >= *vanish_after) {
      emu->vanish();
      vanished = true;
      std::printf("board vanished (pty closed, link removed)\n");
      std::fflush(stdout);
    }
  }
  std::printf("stopped; %zu switching commands seen\n", emu->history().size());
  return 0;
}

void add_relay_command(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<RelayArgs>();
  // One line in the command list; the details in this command's own --help.
  auto* cmd = app.add_subcommand("relay", "Relay boards of the bench by hand, through its safety layer; their emulators");
  cmd->footer(
      "Opening a bench switches every relay off first; every exit (normal, error, Ctrl-C, SIGTERM)\n"
      "switches every relay off again and reads back where the board can; a guard process does\n"
      "it if this one is killed. Bench description format: bench/rig/README.md.\n"
      "Exit: 0 ok, 1 a safety check fired (max on-time trip), 2 bad arguments or bench file,\n"
      "      3 device problem (missing, silent or vanished board, read-back mismatch),\n"
      "      130 / 143 stopped by Ctrl-C / SIGTERM (everything switched off first).");
  cmd->require_subcommand(1);
  cmd->add_option("--bench", a->bench, "bench description (YAML), e.g. bench/rig/examples/desk-actuator.yaml");
  cmd->add_flag("--dry-run", a->dry_run, "print what would be switched; open no device");
  cmd->add_flag("--no-guard", a->no_guard, "do not fork the guard process (debugging only)");

  // Checked in the callback: CLI11 fills the parent's options only once parsing is over.
  auto with_bench_file = [a, exit_code](const char* name, int (*run)(const RelayArgs&)) {
    return [a, exit_code, name, run] {
      if (a->bench.empty()) throw CLI::ValidationError(std::string("relay ") + name, "needs --bench FILE");
      *exit_code = run(*a);
    };
  };

  auto* list = cmd->add_subcommand("list", "boards, channels and sense points of the bench, with their state");
  list->callback(with_bench_file("list", run_list));

  auto* set = cmd->add_subcommand("set", "switch one logical channel; 'on' holds it for --for, or until Ctrl-C "
                                         "or its max_on; then everything goes off");
  set->add_option("CHANNEL", a->channel, "logical channel name from the bench file (e.g. hatch_actuator_feed)")
      ->required();
  set->add_option("STATE", a->state, "on or off")->required()->check(CLI::IsMember({"on", "off"}));
  set->add_option("--for", a->hold,
                  "how long to hold it on (e.g. 800ms); a longer one is cut by the channel's max_on (exit 1). "
                  "Without it: until Ctrl-C (exit 130) or its max_on (the planned end, exit 0)");
  set->callback(with_bench_file("set", run_set));

  auto* off = cmd->add_subcommand("off-all", "switch every relay of the bench off and read back");
  off->callback(with_bench_file("off-all", run_off_all));

  auto* emu = cmd->add_subcommand("emulate", "emulate a serial relay board on a pseudo-terminal (until Ctrl-C), "
                                             "printing every switching command it receives");
  emu->add_option("--family", a->family, "lcus, kmtronic or numato")
      ->required()
      ->check(CLI::IsMember({"lcus", "kmtronic", "numato"}));
  emu->add_option("--link", a->link,
                  "path of the symlink to the pty (use it as the board's device); refused while another live emulator "
                  "holds it")
      ->required();
  emu->add_option("--channels", a->channels, "number of relays")->required();
  emu->add_option("--silent-after", a->silent_after, "stop answering after this long (e.g. 10s)");
  emu->add_option("--vanish-after", a->vanish_after, "close the pty after this long, as if unplugged");
  emu->add_option("--status-query", a->status_query,
                  "lcus: whether the board answers the status query FF (auto: boards of 2+ relays answer, "
                  "a 1-relay LCUS-1 stays silent, as most do)")
      ->check(CLI::IsMember({"auto", "answer", "silent"}));
  emu->callback([a, exit_code] { *exit_code = run_emulate(*a); });
}

const bool registered = bcmhil::cli::register_command({"relay", 60, &add_relay_command});

}  // namespace

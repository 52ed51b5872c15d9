// bcmhil assist: the Bayesian assistant over the fault dictionary. Interactive on a terminal (it
// names the next measurement in a technician's words and prompts for the reading), from readings
// given on the command line (--reading, for scripts and the training product), on a simulated car
// with a hidden fault (--scenario), or measured over the whole library (--evaluate).
#include "command_registry.h"

#include "bench/output/atomic_file.h"
#include "diagnosis/advice.h"
#include "diagnosis/assist_json.h"
#include "diagnosis/car_session.h"
#include "diagnosis/checklist.h"
#include "diagnosis/complaint.h"
#include "diagnosis/dictionary_cache.h"
#include "diagnosis/dictionary_io.h"
#include "diagnosis/reading_entry.h"
#include "model/faults/fault.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>

namespace bcmhil::cli {

namespace {

using namespace diagnosis;

struct AssistArgs {
  std::string dictionary;
  std::string catalogue = shipped_catalogue_path();
  std::string checklist = shipped_checklist_path();
  std::string complaint = shipped_complaint_path();
  std::string scenario;
  std::vector<std::string> readings;  // ID=VALUE
  bool evaluate = false;
  bool json = false;
  std::string json_file;  // "" or "-": stdout
  bool quiet = false;
  std::size_t optimal_states = 20'000'000;
  AssistantOptions assistant;  // the method's choices (chosen defaults; a few are options)
};

struct Loaded {
  Dictionary dictionary;
  Catalogue catalogue;
  std::vector<const CatalogueTest*> entries;
};

// The given dictionary, or the cache's for this catalogue and the shipped variants (built once,
// with a progress line, when the cache has none).
Loaded load(const AssistArgs& args) {
  Loaded l;
  l.catalogue = load_catalogue(args.catalogue);
  if (!args.dictionary.empty()) {
    l.dictionary = load_dictionary(args.dictionary);
  } else {
    BuildOptions build;
    build.jobs = 2;
    if (!args.quiet)
      build.progress = [](std::size_t done, std::size_t total, const std::string&) {
        std::fprintf(stderr, "\rbuilding the fault dictionary (once, into the cache): %zu/%zu variants", done, total);
        if (done == total) std::fprintf(stderr, "\n");
      };
    l.dictionary = load_or_build_dictionary(l.catalogue, load_variants(shipped_variants_path()), build);
  }
  l.entries = catalogue_entries(l.dictionary, l.catalogue);
  return l;
}

std::string percent(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%5.1f %%", 100 * p);
  return buf;
}

std::string summary_of(const std::string& fault) {
  if (fault == "healthy") return "nothing wrong in the library's terms";
  const auto* type = faults::find_fault_type(fault);
  return type ? type->summary : "";
}

void print_candidates(const Dictionary& d, const std::vector<RankedCandidate>& ranking, std::size_t n) {
  std::printf("Most likely:\n");
  for (std::size_t i = 0; i < ranking.size() && i < n; ++i)
    std::printf("  %s  %s\n", percent(ranking[i].probability).c_str(), d.candidates[ranking[i].candidate].key().c_str());
}

std::string shown(const Dictionary& d, const Observation& o) {
  const auto& t = d.tests[o.test];
  std::string s = t.classes[o.outcome];
  if (std::isfinite(o.raw)) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.3g%s%s = ", o.raw, t.unit.empty() ? "" : " ", t.unit.c_str());
    s = buf + s;
  }
  return s;
}

void print_verdict(const Dictionary& d, const Session& s, const AssistantOptions& options) {
  std::printf("Measurements (%zu, %g workshop min", s.observations.size(), s.cost_min);
  if (s.complaint > 0) std::printf("; the first %d the owner's complaint, free", s.complaint);
  std::printf("):\n");
  for (const auto& o : s.observations)
    std::printf("  %-44s %s\n", d.tests[o.test].id.c_str(), shown(d, o).c_str());
  print_candidates(d, s.ranking, 5);
  const auto& top = s.ranking.front();
  const auto& c = d.candidates[top.candidate];
  if (!s.explained) {
    std::printf("\nNot explained: no fault of the library reads like this. The nearest is %s (%s); "
                "check the readings, then look beyond the library.\n",
                c.key().c_str(), percent(top.probability).c_str());
  } else if (top.probability >= options.stop_at) {
    std::printf("\nVerdict: %s (%s): %s\n", c.key().c_str(), percent(top.probability).c_str(), summary_of(c.fault).c_str());
  } else {
    std::printf("\nNo test left tells the leaders apart: %s (%s) leads; the catalogue cannot separate it further.\n",
                c.key().c_str(), percent(top.probability).c_str());
  }
}

int write_json(const nlohmann::ordered_json& j, const std::string& file) {
  const std::string text = j.dump(2) + "\n";
  if (file.empty() || file == "-") {
    std::cout << text;
    return 0;
  }
  output::write_file(file, [&](std::ostream& out) { out << text; });
  return 0;
}

// Applies "ID=VALUE" entries; throws EntryError naming the entry.
void apply_readings(Assistant& a, const Loaded& l, const std::vector<std::string>& readings) {
  for (const auto& entry : readings) {
    const auto eq = entry.find('=');
    if (eq == std::string::npos) throw EntryError("--reading '" + entry + "': write TEST=VALUE");
    const int t = l.dictionary.test_index(entry.substr(0, eq));
    if (t < 0) throw EntryError("--reading '" + entry + "': no test '" + entry.substr(0, eq) + "' in the dictionary");
    const Reading r = parse_entry(*l.entries[t], entry.substr(eq + 1));
    a.observe({t, r.outcome, r.raw});
  }
}

Session session_of(const Assistant& a) {
  Session s;
  s.observations = a.observations();
  for (const auto& o : s.observations) s.cost_min += a.dictionary().tests[o.test].cost_min;
  s.ranking = a.ranking();
  s.explained = a.explained();
  return s;
}

// A test asked for a second time: its reading fitted no fault of the library, or it is the one test
// that tells the leader from a likelier look-alike.
const char* again_or_next(const Assistant& a, const TestChoice& next) {
  return a.times_taken(next.test) > 0 ? "Again (a second reading of this test)" : "Next";
}

int interactive(Assistant& a, const Loaded& l) {
  const auto& d = l.dictionary;
  std::printf("bcmhil assist: %zu candidates, %zu tests. Enter each reading as a value (\"11.8\", \"11.8 V\",\n"
              "\"OL\") or an outcome by name; \"skip\" if you cannot take the test, \"TEST=VALUE\" for another test,\n"
              "\"quit\" to stop.\n\n",
              d.candidates.size(), d.tests.size());
  std::string line;
  while (!a.done()) {
    print_candidates(d, a.ranking(), 3);
    const auto next = *a.next_test();
    const int t = next.test;
    std::printf("\n%s: %s", again_or_next(a, next), to_text(advise(a, t, l.entries[t]), d).c_str());
    std::printf("%s [%s]> ", d.tests[t].id.c_str(), l.entries[t]->unit.c_str());
    std::fflush(stdout);
    if (!std::getline(std::cin, line) || line == "quit" || line == "q") break;
    if (line == "skip") {
      a.skip(t);
      continue;
    }
    try {
      if (line.find('=') != std::string::npos) {
        apply_readings(a, l, {line});
      } else {
        const Reading r = parse_entry(*l.entries[t], line);
        a.observe({t, r.outcome, r.raw});
      }
    } catch (const EntryError& e) {
      std::printf("  refused: %s\n", e.what());
    }
    std::printf("\n");
  }
  std::printf("\n");
  print_verdict(d, session_of(a), a.options());
  return 0;
}

int readings_mode(const AssistArgs& args, const Loaded& l) {
  Assistant a(l.dictionary, args.assistant);
  apply_readings(a, l, args.readings);
  if (args.json) {
    auto j = session_json(l.dictionary, session_of(a));
    if (!a.done()) {
      const int t = a.next_test()->test;
      const auto advice = advise(a, t, l.entries[t]);
      j["next"] = {{"test", advice.id}, {"cost_min", advice.cost_min}, {"words", advice.words}};
    }
    return write_json(j, args.json_file);
  }
  if (isatty(STDIN_FILENO)) return interactive(a, l);
  if (a.done()) {
    print_verdict(l.dictionary, session_of(a), a.options());
  } else {
    print_candidates(l.dictionary, a.ranking(), 5);
    const auto next = *a.next_test();
    const int t = next.test;
    std::printf("\n%s: %s", again_or_next(a, next), to_text(advise(a, t, l.entries[t]), l.dictionary).c_str());
  }
  return 0;
}

int scenario_mode(const AssistArgs& args, const Loaded& l) {
  const auto car = car_from_scenario(scenario::load_scenario(args.scenario));
  auto progress = [&](const CatalogueTest& t, const Reading& r) {
    if (!args.quiet) std::fprintf(stderr, "  measured %-44s %s\n", t.id.c_str(), t.classes[r.outcome].name.c_str());
  };
  const AssistantOptions& options = args.assistant;
  std::vector<int> complaint;  // the owner's, as --evaluate starts from it
  if (!args.complaint.empty() && args.complaint != "none")
    complaint = complaint_tests(load_checklist(args.complaint), l.dictionary);
  const Session s = diagnose_car(l.dictionary, l.catalogue, car, options, progress, complaint);
  if (args.json) return write_json(session_json(l.dictionary, s), args.json_file);
  print_verdict(l.dictionary, s, options);
  return 0;
}

void print_evaluation(const Evaluation& e) {
  auto row = [](const char* what, double value, const char* target, bool ok) {
    std::printf("  %-58s %8.3f   %-8s %s\n", what, value, target, ok ? "ok" : "MISSED");
  };
  std::printf("Evaluation over %d variants of %d candidates (bound: ceil(log2 %d) + 2 = %d measurements after the\n"
              "complaint's %d readings)\n",
              e.variants, e.candidates, e.candidates, e.bound, e.complaint_tests);
  row("top-1 at >= 95 % within the bound (share of variants)", e.top1_within_bound, ">= 0.95", e.top1_within_bound >= 0.95);
  if (e.optimal_error.empty() && e.optimal_cost_min > 0)
    row("mean cost / exact optimal sequence", e.mean_cost_vs_optimal, "<= 1.2", e.mean_cost_vs_optimal <= 1.2);
  else
    std::printf("  %-58s %8s   %-8s %s\n", "mean cost / exact optimal sequence", "-", "<= 1.2", "NOT COMPUTED");
  row("mean cost / workshop-manual checklist", e.mean_cost_vs_checklist, "<= 0.6", e.mean_cost_vs_checklist <= 0.6);
  row("truth in top 3, 2 % noise + 10 % mis-entered (share)", e.top3_under_noise, ">= 0.90", e.top3_under_noise >= 0.9);
  row("held-out faults flagged 'not explained' (share)", e.held_out_flagged, ">= 0.80", e.held_out_flagged >= 0.8);
  row("next advice, p99 (ms)", e.advice_ms_p99, "<= 100", e.advice_ms_p99 <= 100);
  std::printf("  mean cost %.2f min, optimal %.2f min (%zu states solved), checklist %.2f min (prior-weighted)\n",
              e.mean_cost_min, e.optimal_cost_min, e.optimal_states, e.checklist_cost_min);
  std::printf("  at best with this catalogue (every test taken, read exactly): top-1 at 95 %% for %.3f of variants,\n"
              "  held-out faults told from every other candidate for %.3f\n",
              e.top1_possible, e.held_out_possible);
  if (!e.optimal_error.empty()) std::printf("  exact optimum NOT computed: %s\n", e.optimal_error.c_str());
  if (!e.indistinguishable.empty()) {
    std::printf("Candidates no test of the catalogue tells apart (some of their variants read alike everywhere):\n");
    for (const auto& [a, b] : e.indistinguishable) std::printf("  %s  ~  %s\n", a.c_str(), b.c_str());
  }
  int missed = 0;
  for (const auto& r : e.results)
    if (!r.top1_within_bound) {
      if (missed++ == 0) std::printf("Variants not diagnosed at 95 %% within the bound:\n");
      std::printf("  %-52s -> %s %s after %d%s\n", r.variant.c_str(), r.top.c_str(), percent(r.top_probability).c_str(),
                  r.measurements, r.top1_possible ? "" : "  (catalogue: reads like another candidate on every test)");
    }
  int by_complaint = 0;
  for (const auto& h : e.held_out) by_complaint += h.by_complaint;
  std::printf("  held out: %d cases (a candidate's variants, the candidate removed); %d of them read unlike every\n"
              "  variant left already on the complaint\n",
              e.held_out_cases, by_complaint);
  if (!e.held_out_missed.empty()) {
    std::printf("Held out but explained by another candidate (the cheapest test that reads it unlike that one):\n");
    for (const auto& h : e.held_out)
      if (!h.flagged)
        std::printf("  %-44s -> %s %s after %d; %s (%g min)%s\n", h.variant.c_str(), h.nearest.c_str(),
                    percent(h.nearest_probability).c_str(), h.measurements,
                    h.exposing_test.empty() ? "no test" : h.exposing_test.c_str(), h.exposing_cost_min,
                    h.took_exposing ? ", taken" : "");
  }
}

int evaluate_mode(const AssistArgs& args, const Loaded& l) {
  EvaluationOptions o;
  o.assistant = args.assistant;
  o.classify = [&](int test, double raw) { return l.entries[test]->classify(raw); };
  o.checklist = checklist_order(load_checklist(args.checklist), l.dictionary);
  if (!args.complaint.empty() && args.complaint != "none")
    o.complaint = complaint_tests(load_checklist(args.complaint), l.dictionary);
  o.optimal_max_states = args.optimal_states;
  o.optimal = args.optimal_states > 0;
  const Evaluation e = evaluate(l.dictionary, o);
  print_evaluation(e);
  if (args.json) write_json(evaluation_json(e), args.json_file);
  return 0;
}

int assist(const AssistArgs& args) {
  try {
    const Loaded l = load(args);
    if (args.evaluate) return evaluate_mode(args, l);
    if (!args.scenario.empty()) return scenario_mode(args, l);
    return readings_mode(args, l);
  } catch (const DictionaryError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const CatalogueError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const ChecklistError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const MismatchError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const EntryError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const VariantsError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const output::OutputError& e) {
    std::cerr << e.what() << "\n";
    return 3;
  }
}

void add(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<AssistArgs>();
  auto* cmd = app.add_subcommand("assist", "Which fault, and what to measure next: the Bayesian assistant over the fault dictionary");
  cmd->footer(
      "Ranks the library's faults by their posterior given the readings (priors: the variants file's field\n"
      "estimates; a misread reading lowers a fault, never rules it out), names the next measurement with the\n"
      "best expected information per workshop minute in a technician's words, and stops when one fault passes\n"
      "95 %, or says 'not explained' when no fault of the library reads like the car.\n"
      "  on a terminal:   prompts for each reading\n"
      "  --reading ...    readings given up front (TEST=VALUE, repeatable); prints the state and the next test\n"
      "  --scenario FILE  the readings come from the scenario's car (its faults hidden), test by test\n"
      "  --evaluate       every variant of the dictionary in turn as the hidden truth: the issue's metrics\n"
      "Exit status: 0 done, 2 invalid input (file:line:col), 3 cannot write the output.");
  cmd->add_option("--dictionary", args->dictionary,
                  "the fault dictionary (JSON from 'bcmhil dictionary'); default: the cache's, built once if missing");
  cmd->add_option("--catalogue", args->catalogue, "the test catalogue the dictionary was built from")->capture_default_str();
  cmd->add_option("--checklist", args->checklist, "the workshop-manual order --evaluate compares with")->capture_default_str();
  cmd->add_option("--complaint", args->complaint,
                  "--evaluate and --scenario: the owner's complaint, tests whose readings start every session free "
                  "('none': start from nothing)")
      ->capture_default_str();
  cmd->add_option("--scenario", args->scenario, "diagnose this scenario's car: each reading simulated on it");
  cmd->add_option("--reading", args->readings, "a reading taken: TEST=VALUE (\"hatch.bc1_pin.volts_trunk=11.8\"), repeatable");
  cmd->add_flag("--evaluate", args->evaluate, "measure the assistant over every variant of the dictionary");
  cmd->add_option("--json", args->json_file,
                  "print JSON (the issue's shape) instead of text; with a FILE, write it there (--evaluate: "
                  "beside the table)")
      ->expected(0, 1)
      ->each([args](const std::string&) { args->json = true; });
  cmd->add_option("--wrong-verdict-min", args->assistant.wrong_verdict_min,
                  "the workshop minutes a verdict costs when the fault is outside the library: a confirmation test "
                  "at the stop is worth it when 'not explained' x its chance to show x this exceeds its minutes (0: none)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  cmd->add_option("--unexplained-prior", args->assistant.unexplained_prior,
                  "the prior of 'a fault the library does not hold'")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 0.99));
  cmd->add_option("--unexplained-deviation", args->assistant.unexplained_deviation,
                  "'not explained' reads unlike the variant it is near with this chance per test")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--quiet", args->quiet, "no progress lines on stderr");
  cmd->add_option("--optimal-states", args->optimal_states,
                  "--evaluate: give up the exact optimum past this many sets of variants (0: do not compute it)")
      ->capture_default_str();
  cmd->callback([args, cmd, exit_code] {
    if (cmd->count("--json") > 0) args->json = true;
    *exit_code = assist(*args);
  });
}

const bool registered = register_command({"assist", 45, &add});

}  // namespace
}  // namespace bcmhil::cli

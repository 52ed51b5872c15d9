// bcmhil merge PARTS... -o OUT: joins the parts that `campaign --shard I/N` wrote on N machines (a
// Slurm array, a CI matrix) into exactly the file one machine writes: the same runs in the same
// order with the same totals. The kind is read from the parts: campaign JSON or campaign JUnit
// (bench/scaleout/campaign_part.h), or the partial fault dictionaries of `dictionary --shard I/N`
// (diagnosis/dictionary_merge.h: the very bytes the unsharded build writes). Parts that do not fit together (another campaign, a shard
// missing or given twice, a malformed file) are refused with the reason, and nothing is written.
#include "command_registry.h"
#include "run_output.h"

#include "bench/output/atomic_file.h"
#include "bench/scaleout/campaign_part.h"
#include "diagnosis/dictionary_io.h"
#include "diagnosis/dictionary_merge.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace bcmhil::cli {

namespace {

struct MergeArgs {
  std::vector<std::string> parts;
  std::string output;
  std::string csv;
};

enum class Kind { campaign_json, campaign_junit, dictionary };

std::string slurp(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// '<' first (after white space): a JUnit file; JSON whose "format" is the dictionary's: a
// dictionary; any other JSON is taken for a campaign part (whose reader says what is wrong).
Kind kind_of(const std::string& file) {
  const std::string text = slurp(file);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '<') return Kind::campaign_junit;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  return json.is_object() && json.value("format", "") == diagnosis::kDictionaryFormat ? Kind::dictionary
                                                                                     : Kind::campaign_json;
}

const char* name_of(Kind kind) {
  return kind == Kind::campaign_junit ? "campaign JUnit" : kind == Kind::dictionary ? "a fault dictionary" : "campaign JSON";
}

// The partial dictionaries, checked to be shards 1..N once each (naming the files), joined.
int merge_dictionaries(const MergeArgs& args) {
  std::vector<diagnosis::Dictionary> parts;
  std::vector<std::pair<std::string, scaleout::Shard>> shards;
  try {
    for (const auto& file : args.parts) {
      parts.push_back(diagnosis::parse_dictionary(slurp(file), file, ""));
      shards.emplace_back(file, scaleout::Shard{parts.back().shard_index, parts.back().shard_count});
    }
    scaleout::check_complete(shards);
    const auto whole = diagnosis::merge_dictionaries(std::move(parts));
    std::cerr << "bcmhil merge: " << args.parts.size() << " parts, " << whole.variants.size() << " variants x "
              << whole.tests.size() << " tests -> " << args.output << "\n";
    diagnosis::write_dictionary_json(whole, args.output);
    if (!args.csv.empty()) diagnosis::write_dictionary_csv(whole, args.csv);
    return 0;
  } catch (const diagnosis::DictionaryError& e) {
    std::cerr << "bcmhil merge: " << e.what() << "\n";
  } catch (const scaleout::ShardError& e) {
    std::cerr << "bcmhil merge: the parts do not make a whole dictionary: " << e.what() << "\n";
  } catch (const diagnosis::MergeError& e) {
    std::cerr << "bcmhil merge: " << e.what() << "\n";
  } catch (const output::OutputError& e) {
    std::cerr << "bcmhil merge: " << e.what() << "\n";
    return 3;
  }
  return 2;
}

int merge(const MergeArgs& args) {
  const Kind kind = kind_of(args.parts.front());
  for (const auto& part : args.parts)
    if (kind_of(part) != kind) {
      std::cerr << "bcmhil merge: " << args.parts.front() << " is " << name_of(kind) << ", " << part << " is "
                << name_of(kind_of(part)) << ": merge one kind at a time\n";
      return 2;
    }
  if (!args.csv.empty() && kind != Kind::dictionary) {
    std::cerr << "bcmhil merge: --csv is for fault dictionaries; " << args.parts.front() << " is " << name_of(kind) << "\n";
    return 2;
  }
  if (kind == Kind::dictionary) return merge_dictionaries(args);
  try {
    if (kind == Kind::campaign_json) {
      const auto merged = scaleout::merge_json_parts(args.parts);
      std::cerr << "bcmhil merge: " << args.parts.size() << " parts, " << merged.size() << " scenarios -> "
                << args.output << "\n";
      return write_output("merge", args.output, [&](std::ostream& o) { o << merged.dump(2) << "\n"; }) ? 0 : 3;
    }
    const auto merged = scaleout::merge_junit_parts(args.parts);
    std::cerr << "bcmhil merge: " << args.parts.size() << " parts, " << merged.suites.size() << " suites -> "
              << args.output << "\n";
    return write_output("merge", args.output,
                        [&](std::ostream& o) { report::write_junit(o, merged.name, merged.suites); })
               ? 0
               : 3;
  } catch (const scaleout::MergeError& e) {
    std::cerr << "bcmhil merge: " << e.what() << "\n";
    return 2;
  }
}

void add(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<MergeArgs>();
  auto* cmd = app.add_subcommand("merge", "Join the parts of a sharded campaign or dictionary into what one machine writes");
  cmd->add_option("parts", args->parts, "the parts, in any order: every shard 1/N .. N/N of one campaign, once")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", args->output, "the merged file (written whole or not at all)")->required();
  cmd->add_option("--csv", args->csv, "dictionaries only: also write the merged dictionary as CSV");
  cmd->footer(
      "Parts are what `bcmhil campaign --shard I/N` writes with --json (merged: the JSON array of every\n"
      "scenario's result, as campaign --json writes it) or with --junit (merged: one JUnit file with a\n"
      "suite per scenario and the totals), and what `bcmhil dictionary --shard I/N` writes (merged: the\n"
      "dictionary the unsharded build writes, byte for byte). Merge one kind at a time.\n"
      "Exit status: 0 merged, 2 the parts do not fit together (malformed, another campaign, a shard\n"
      "missing or twice: named), 3 the output could not be written.");
  cmd->callback([args, exit_code] { *exit_code = merge(*args); });
}

const bool registered = register_command({"merge", 26, &add});

}  // namespace
}  // namespace bcmhil::cli

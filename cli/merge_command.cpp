// bcmhil merge PARTS... -o OUT: joins the parts that `campaign --shard I/N` wrote on N machines (a
// Slurm array, a CI matrix) into exactly the file one machine writes: the same runs in the same
// order with the same totals. The kind is read from the parts: campaign JSON or campaign JUnit
// (bench/scaleout/campaign_part.h). Parts that do not fit together (another campaign, a shard
// missing or given twice, a malformed file) are refused with the reason, and nothing is written.
#include "command_registry.h"
#include "run_output.h"

#include "bench/scaleout/campaign_part.h"

#include <fstream>
#include <iostream>
#include <memory>

namespace bcmhil::cli {

namespace {

struct MergeArgs {
  std::vector<std::string> parts;
  std::string output;
};

enum class Kind { campaign_json, campaign_junit };

// By the first byte that is not white space: '<' a JUnit file, anything else JSON.
Kind kind_of(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  char c = 0;
  while (in.get(c) && std::isspace(static_cast<unsigned char>(c))) {
  }
  return in && c == '<' ? Kind::campaign_junit : Kind::campaign_json;
}

const char* name_of(Kind kind) { return kind == Kind::campaign_junit ? "JUnit" : "JSON"; }

int merge(const MergeArgs& args) {
  const Kind kind = kind_of(args.parts.front());
  for (const auto& part : args.parts)
    if (kind_of(part) != kind) {
      std::cerr << "bcmhil merge: " << args.parts.front() << " is " << name_of(kind) << ", " << part << " is "
                << name_of(kind_of(part)) << ": merge one kind at a time\n";
      return 2;
    }
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
  auto* cmd = app.add_subcommand("merge", "Join the parts of a sharded campaign into what one machine writes");
  cmd->add_option("parts", args->parts, "the parts, in any order: every shard 1/N .. N/N of one campaign, once")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", args->output, "the merged file (written whole or not at all)")->required();
  cmd->footer(
      "Parts are what `bcmhil campaign --shard I/N` writes with --json (merged: the JSON array of every\n"
      "scenario's result, as campaign --json writes it) or with --junit (merged: one JUnit file with a\n"
      "suite per scenario and the totals). Merge one kind at a time.\n"
      "Exit status: 0 merged, 2 the parts do not fit together (malformed, another campaign, a shard\n"
      "missing or twice: named), 3 the output could not be written.");
  cmd->callback([args, exit_code] { *exit_code = merge(*args); });
}

const bool registered = register_command({"merge", 25, &add});

}  // namespace
}  // namespace bcmhil::cli

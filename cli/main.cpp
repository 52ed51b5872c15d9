// bcmhil: hardware-in-the-loop simulator and test bench for car body control modules.
#include "command_registry.h"

#include "bench/report/provenance.h"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

// libsystemc ships a main() that calls sc_main(); ours takes over, but the symbol must exist.
extern "C" int sc_main(int, char**) { return 0; }

int main(int argc, char** argv) {
  // SystemC prints a copyright banner unless told not to; it would pollute every report.
  setenv("SC_COPYRIGHT_MESSAGE", "DISABLE", 0);

  CLI::App app{
      "bcmhil - hardware-in-the-loop simulator and test bench for car body control modules.\n"
      "First module: the BC1 of the 2002-2006 MINI (R50/R53)."};
  app.require_subcommand(1);
  // The same version and commit the reports carry, so a report can be matched to the binary.
  app.set_version_flag("--version",
                       "bcmhil " + bcmhil::report::tool_version() + " (" + bcmhil::report::git_commit() + ")");

  int exit_code = 0;
  for (const auto& command : bcmhil::cli::registered_commands()) command.add(app, &exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    // CLI11 uses 0 for --help/--version; any real parse error is invalid input: exit 2.
    return status == 0 ? 0 : 2;
  } catch (const std::exception& e) {
    // A bug or a broken environment, never a crash dump: say what happened and fail distinctly.
    std::cerr << "bcmhil: internal error: " << e.what() << "\n";
    return 4;
  }
  return exit_code;
}

#pragma once
// Subcommands register themselves from their own file (one command, one file), so adding a
// command never means editing main.cpp. Each file does:
//   static const bool registered = bcmhil::cli::register_command({"diag", 40, &add_diag_command});
#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace bcmhil::cli {

struct CommandRegistration {
  std::string name;
  int order;  // position in --help; lower first
  // Adds the subcommand to the app. The callback it installs must leave the exit status in
  // *exit_code (0 success, 1 checks failed, 2 invalid input, 3 environment / device problem).
  std::function<void(CLI::App& app, int* exit_code)> add;
};

bool register_command(CommandRegistration registration);
const std::vector<CommandRegistration>& registered_commands();

}  // namespace bcmhil::cli

#include "command_registry.h"

#include <algorithm>

namespace bcmhil::cli {

namespace {
std::vector<CommandRegistration>& registry() {
  static std::vector<CommandRegistration> commands;  // function-local: safe from static-init order
  return commands;
}
}  // namespace

bool register_command(CommandRegistration registration) {
  auto& commands = registry();
  commands.push_back(std::move(registration));
  std::stable_sort(commands.begin(), commands.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  return true;
}

const std::vector<CommandRegistration>& registered_commands() { return registry(); }

}  // namespace bcmhil::cli

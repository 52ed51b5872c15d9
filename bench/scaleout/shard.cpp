#include "bench/scaleout/shard.h"

#include <charconv>
#include <cstdlib>
#include <map>

namespace bcmhil::scaleout {

namespace {

// A whole string of decimal digits, no sign, no spaces, within int; nullopt-like -1 otherwise.
long long digits(const std::string& text) {
  if (text.empty() || text.size() > 9) return -1;
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return -1;
  for (char c : text)
    if (c < '0' || c > '9') return -1;
  return value;
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

// The value of a variable that must be a whole number; throws naming it.
long long number_from(const Environment& env, const char* name, const std::string& context) {
  const char* value = env(name);
  if (!value) throw ShardError(std::string(name) + " is not set, but " + context + " is");
  const long long n = digits(value);
  if (n < 0) throw ShardError(std::string(name) + "=" + quoted(value) + " is not a whole number");
  return n;
}

Shard from_slurm(const Environment& env) {
  const std::string context = std::string("SLURM_ARRAY_TASK_ID=") + env("SLURM_ARRAY_TASK_ID");
  const long long id = number_from(env, "SLURM_ARRAY_TASK_ID", context);
  const long long min = number_from(env, "SLURM_ARRAY_TASK_MIN", context);
  const long long count = number_from(env, "SLURM_ARRAY_TASK_COUNT", context);
  const long long max = env("SLURM_ARRAY_TASK_MAX") ? number_from(env, "SLURM_ARRAY_TASK_MAX", context) : min + count - 1;
  const long long step = env("SLURM_ARRAY_TASK_STEP") ? number_from(env, "SLURM_ARRAY_TASK_STEP", context) : 1;
  const std::string all = "SLURM_ARRAY_TASK_ID=" + std::to_string(id) + " MIN=" + std::to_string(min) +
                          " MAX=" + std::to_string(max) + " STEP=" + std::to_string(step) +
                          " COUNT=" + std::to_string(count);
  if (count < 1 || step < 1) throw ShardError(all + ": an array needs COUNT >= 1 and STEP >= 1");
  if (min + (count - 1) * step != max)
    throw ShardError(all + ": the array is not evenly spaced (submit it as --array=A-B or A-B:S)");
  if (id < min || id > max || (id - min) % step != 0)
    throw ShardError(all + ": the task id is not one of the array's");
  return Shard{static_cast<int>((id - min) / step), static_cast<int>(count)};
}

Shard from_ci(const Environment& env) {
  const std::string context = std::string("CI_NODE_INDEX=") + env("CI_NODE_INDEX");
  const long long index = number_from(env, "CI_NODE_INDEX", context);
  const long long total = number_from(env, "CI_NODE_TOTAL", context);
  if (total < 1 || index < 1 || index > total)
    throw ShardError("CI_NODE_INDEX=" + std::to_string(index) + " CI_NODE_TOTAL=" + std::to_string(total) +
                     ": the index must be 1 to CI_NODE_TOTAL (1-based, as GitLab's parallel: sets it)");
  return Shard{static_cast<int>(index - 1), static_cast<int>(total)};
}

}  // namespace

std::string Shard::label() const { return std::to_string(index + 1) + "/" + std::to_string(count); }

std::vector<std::size_t> Shard::owned(std::size_t total) const {
  std::vector<std::size_t> items;
  for (std::size_t i = static_cast<std::size_t>(index); i < total; i += static_cast<std::size_t>(count)) items.push_back(i);
  return items;
}

Shard parse_shard(const std::string& text, const std::string& what) {
  const auto slash = text.find('/');
  const long long i = slash == std::string::npos ? -1 : digits(text.substr(0, slash));
  const long long n = slash == std::string::npos ? -1 : digits(text.substr(slash + 1));
  if (i < 0 || n < 0)
    throw ShardError(what + " " + quoted(text) + ": expected I/N, e.g. 2/4 (shard 2 of 4; 1-based), or auto");
  if (n < 1 || i < 1 || i > n)
    throw ShardError(what + " " + quoted(text) + ": I must be 1 to N and N at least 1 (shards count from 1)");
  return Shard{static_cast<int>(i - 1), static_cast<int>(n)};
}

Environment process_environment() {
  return [](const char* name) -> const char* { return std::getenv(name); };
}

Shard shard_from_environment(const Environment& env) {
  if (env("SLURM_ARRAY_TASK_ID")) return from_slurm(env);
  if (env("CI_NODE_INDEX")) return from_ci(env);
  throw ShardError(
      "--shard auto: neither SLURM_ARRAY_TASK_ID (a Slurm array job) nor CI_NODE_INDEX (a CI matrix) is set");
}

Shard shard_option(const std::string& text, const Environment& env) {
  if (text.empty()) return Shard{};
  if (text == "auto") return shard_from_environment(env);
  return parse_shard(text);
}

void check_complete(const std::vector<std::pair<std::string, Shard>>& parts) {
  if (parts.empty()) throw ShardError("no parts given");
  const auto& [first_name, first] = parts.front();
  std::map<int, std::string> seen;
  for (const auto& [name, shard] : parts) {
    if (shard.count != first.count)
      throw ShardError("parts of different splits: " + first_name + " is shard " + first.label() + ", " + name +
                       " is shard " + shard.label());
    const auto [at, inserted] = seen.emplace(shard.index, name);
    if (!inserted) throw ShardError("shard " + shard.label() + " given twice: " + at->second + " and " + name);
  }
  std::string missing;
  for (int i = 0; i < first.count; ++i)
    if (!seen.count(i)) missing += (missing.empty() ? "" : ", ") + Shard{i, first.count}.label();
  if (!missing.empty()) throw ShardError("missing shard" + std::string(first.count - static_cast<int>(seen.size()) > 1 ? "s " : " ") + missing);
}

}  // namespace bcmhil::scaleout

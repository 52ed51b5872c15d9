#include "bench_config.h"

#include "relay_protocols.h"

#include "bench/yaml/strict_yaml.h"
#include "bench/yaml/utf8_text.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace bcmhil::rig {

const char* to_string(WiringKind kind) {
  switch (kind) {
    case WiringKind::load_feed: return "load_feed";
    case WiringKind::input_to_ground: return "input_to_ground";
    case WiringKind::supply: return "supply";
  }
  return "?";
}

const char* to_string(SenseMode mode) { return mode == SenseMode::digital ? "digital" : "analog"; }

const SenseConfig* BenchConfig::find_sense(std::string_view n) const {
  for (const auto& c : sense)
    if (c.name == n) return &c;
  return nullptr;
}

const ChannelConfig* BenchConfig::find(std::string_view n) const {
  for (const auto& c : channels)
    if (c.name == n) return &c;
  return nullptr;
}

int BenchConfig::index_of(std::string_view n) const {
  for (std::size_t i = 0; i < channels.size(); ++i)
    if (channels[i].name == n) return static_cast<int>(i);
  return -1;
}

// Messages quote the file (names, values): bytes that are not UTF-8 are shown escaped.
BenchConfigError::BenchConfigError(std::string file, Location at, std::string message)
    : std::runtime_error(yaml::printable(file) +
                         (at.line > 0 ? ":" + std::to_string(at.line) + ":" + std::to_string(at.column) : "") +
                         ": error: " + yaml::printable(message)),
      file_(std::move(file)),
      at_(at),
      message_(yaml::printable(message)) {}

namespace {
// The number at the start of `text` (digits, '.', a leading '-' if `signed_ok`) and its length;
// nullopt if there is none or it is malformed ("1.2.3", ".").
std::optional<std::pair<double, std::size_t>> leading_number(std::string_view text, bool signed_ok) {
  std::size_t i = 0;
  while (i < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.' || (signed_ok && i == 0 && text[i] == '-')))
    ++i;
  if (i == 0) return std::nullopt;
  const std::string digits(text.substr(0, i));
  try {
    std::size_t used = 0;
    const double value = std::stod(digits, &used);
    if (used != digits.size() || !std::isfinite(value)) return std::nullopt;
    return std::make_pair(value, i);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}
}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view t) {
  const auto number = leading_number(t, false);
  if (!number || number->second == t.size()) return std::nullopt;
  const double value = number->first;
  std::string_view unit = t.substr(number->second);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  double scale = 0;
  if (unit == "ms") scale = 1;
  else if (unit == "s") scale = 1000;
  else if (unit == "min") scale = 60'000;
  else if (unit == "h") scale = 3'600'000;
  else return std::nullopt;
  // Beyond a year no bench time makes sense, and llround would leave long long's range.
  if (value * scale > 365.0 * 24 * 3'600'000) return std::nullopt;
  return std::chrono::milliseconds(static_cast<long long>(std::llround(value * scale)));
}

std::optional<Follow> parse_follow(std::string_view t) {
  auto trim = [](std::string_view v) {
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
    return v;
  };
  Follow f;
  f.text = std::string(trim(t));
  const auto gt = t.find('>');
  const std::string_view name = trim(t.substr(0, gt));
  if (name.empty()) return std::nullopt;
  for (char c : name)
    if (std::isspace(static_cast<unsigned char>(c)) || c == '<' || c == '=') return std::nullopt;
  f.signal = std::string(name);
  if (gt == std::string_view::npos) return f;
  std::string_view rest = trim(t.substr(gt + 1));
  const auto number = leading_number(rest, true);
  if (!number) return std::nullopt;
  double value = number->first;
  const std::string_view unit = trim(rest.substr(number->second));
  if (unit == "mV" || unit == "mA") value /= 1000.0;
  else if (!(unit.empty() || unit == "V" || unit == "A")) return std::nullopt;
  f.above = value;
  return f;
}

std::string format_duration(std::chrono::milliseconds d) {
  const auto ms = d.count();
  if (ms % 3'600'000 == 0 && ms) return std::to_string(ms / 3'600'000) + "h";
  if (ms % 60'000 == 0 && ms) return std::to_string(ms / 60'000) + "min";
  if (ms % 1000 == 0 && ms) return std::to_string(ms / 1000) + "s";
  return std::to_string(ms) + "ms";
}

namespace {

Location loc(const YAML::Node& n) {
  const auto m = n.Mark();
  return {m.line + 1, m.column + 1};
}

class Parser {
 public:
  explicit Parser(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const {
    throw BenchConfigError(file_, loc(at), message);
  }

  // Every key of a map must be one we read (a key nobody reads is a typo, not a comment).
  void only_keys(const YAML::Node& map, std::initializer_list<const char*> allowed, const std::string& what) const {
    for (const auto& kv : map) {
      const std::string key = kv.first.as<std::string>();
      bool ok = false;
      std::string list;
      for (const char* a : allowed) {
        ok = ok || key == a;
        list += (list.empty() ? "" : ", ") + std::string(a);
      }
      if (!ok) fail(kv.first, "unknown key '" + key + "' in " + what + " (known: " + list + ")");
    }
  }

  const YAML::Node require(const YAML::Node& map, const char* key, const std::string& what) const {
    const YAML::Node n = map[key];
    if (!n) fail(map, what + " has no '" + key + "'");
    return n;
  }

  std::string scalar(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar()) fail(n, what + " must be a single value");
    return n.Scalar();
  }

  int integer(const YAML::Node& n, const std::string& what) const {
    const std::string s = scalar(n, what);
    try {
      std::size_t used = 0;
      const int v = std::stoi(s, &used);
      if (used == s.size()) return v;
    } catch (const std::exception&) {
    }
    fail(n, what + " must be a whole number, not '" + s + "'");
  }

  bool boolean(const YAML::Node& n, const std::string& what) const {
    const std::string s = scalar(n, what);
    if (s == "true" || s == "yes") return true;
    if (s == "false" || s == "no") return false;
    fail(n, what + " must be true or false, not '" + s + "'");
  }

  std::string identifier(const YAML::Node& n, const std::string& what) const {
    const std::string s = scalar(n, what);
    bool ok = !s.empty() && std::islower(static_cast<unsigned char>(s[0]));
    for (char c : s) ok = ok && (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
    if (!ok) fail(n, what + " '" + s + "' must be lower_snake_case (a-z, 0-9, _), starting with a letter");
    return s;
  }

  BenchConfig parse(const YAML::Node& root) {
    BenchConfig cfg;
    cfg.source = file_;
    if (!root || root.IsNull()) throw BenchConfigError(file_, {1, 1}, "the file is empty");
    if (!root.IsMap()) fail(root, "a bench description is a map with 'boards' and 'channels'");
    only_keys(root, {"name", "description", "boards", "channels", "sense"}, "the bench description");
    if (root["name"]) cfg.name = scalar(root["name"], "name");
    if (root["description"]) cfg.description = scalar(root["description"], "description");

    const YAML::Node boards = require(root, "boards", "the bench description");
    if (!boards.IsSequence() || boards.size() == 0) fail(boards, "'boards' must be a non-empty list");
    for (const auto& b : boards) cfg.boards.push_back(parse_board(b, cfg));

    const YAML::Node channels = require(root, "channels", "the bench description");
    if (!channels.IsSequence() || channels.size() == 0) fail(channels, "'channels' must be a non-empty list");
    std::set<std::pair<int, int>> used;
    for (const auto& c : channels) {
      ChannelConfig ch = parse_channel(c, cfg);
      if (!used.insert({ch.board_index, ch.channel}).second) {
        const ChannelConfig* other = nullptr;
        for (const auto& o : cfg.channels)
          if (o.board_index == ch.board_index && o.channel == ch.channel) other = &o;
        fail(c["channel"], "channel " + std::to_string(ch.channel) + " of board '" + ch.board +
                               "' is already used by '" + other->name + "' (line " + std::to_string(other->at.line) + ")");
      }
      cfg.channels.push_back(std::move(ch));
    }

    if (root["sense"]) {
      const YAML::Node sense = root["sense"];
      if (!sense.IsSequence()) fail(sense, "'sense' must be a list");
      for (const auto& p : sense) cfg.sense.push_back(parse_sense(p, cfg));
    }
    return cfg;
  }

  Follow follow(const YAML::Node& n, const std::string& what) const {
    const std::string s = scalar(n, "follows");
    auto f = parse_follow(s);
    if (!f)
      fail(n, what + ": follows '" + s + "' is not a model signal with an optional threshold "
                     "(e.g. DOP_BOOT_RELEASE, or 'V(hatch_lock.pin2) > 6 V')");
    f->at = loc(n);
    return *f;
  }

  int board_named(const YAML::Node& at, const BenchConfig& cfg, const std::string& what, std::string* name) const {
    *name = scalar(at, "board");
    std::string known;
    for (std::size_t i = 0; i < cfg.boards.size(); ++i) {
      if (cfg.boards[i].name == *name) return static_cast<int>(i);
      known += (known.empty() ? "" : ", ") + cfg.boards[i].name;
    }
    fail(at, what + ": unknown board '" + *name + "' (boards: " + known + ")");
  }

  SenseConfig parse_sense(const YAML::Node& p, const BenchConfig& cfg) {
    if (!p.IsMap()) fail(p, "each sense point is a map (name, board, pin, mode, wired_to)");
    only_keys(p, {"name", "board", "pin", "mode", "wired_to", "follows"}, "a sense point");
    SenseConfig sc;
    sc.at = loc(p);
    sc.name = identifier(require(p, "name", "a sense point"), "sense point name");
    if (cfg.find_sense(sc.name) || cfg.find(sc.name))
      fail(p["name"], "'" + sc.name + "' is already the name of a channel or sense point");
    const std::string what = "sense point '" + sc.name + "'";
    sc.board_index = board_named(require(p, "board", what), cfg, what, &sc.board);
    const auto& board = cfg.boards[static_cast<std::size_t>(sc.board_index)];
    if (!relay::can_sense(board.spec.family))
      fail(p["board"], what + ": board '" + sc.board + "' is a " + relay::to_string(board.spec.family) +
                           " board, which cannot sense (numato boards can)");
    const YAML::Node pin = require(p, "pin", what);
    sc.pin = integer(pin, "pin");
    if (sc.pin < 0 || sc.pin >= relay::numato::kMaxGpio)
      fail(pin, what + ": pin " + std::to_string(sc.pin) + " is out of range 0.." + std::to_string(relay::numato::kMaxGpio - 1));
    for (const auto& o : cfg.sense)
      if (o.board_index == sc.board_index && o.pin == sc.pin)
        fail(pin, what + ": pin " + std::to_string(sc.pin) + " of board '" + sc.board + "' is already used by '" + o.name + "'");
    const YAML::Node mode = require(p, "mode", what);
    const std::string m = scalar(mode, "mode");
    if (m == "digital") sc.mode = SenseMode::digital;
    else if (m == "analog") sc.mode = SenseMode::analog;
    else fail(mode, what + ": unknown mode '" + m + "' (known: digital, analog)");
    sc.wired_to = scalar(require(p, "wired_to", what), "wired_to");
    if (p["follows"]) sc.follows = follow(p["follows"], what);
    return sc;
  }

  BoardConfig parse_board(const YAML::Node& b, const BenchConfig& cfg) {
    if (!b.IsMap()) fail(b, "each board is a map (name, family, device, channels)");
    only_keys(b, {"name", "family", "device", "serial", "channels", "timeout"}, "a board");
    BoardConfig bc;
    bc.at = loc(b);
    bc.name = identifier(require(b, "name", "a board"), "board name");
    for (const auto& o : cfg.boards)
      if (o.name == bc.name) fail(b["name"], "board '" + bc.name + "' is described twice");
    const std::string what = "board '" + bc.name + "'";
    const YAML::Node fam = require(b, "family", what);
    const auto family = relay::parse_family(scalar(fam, "family"));
    if (!family) fail(fam, "unknown family '" + fam.Scalar() + "' (known: lcus, kmtronic, numato, dcttech)");
    bc.spec.family = *family;
    if (*family == relay::Family::dcttech) {
      if (b["device"] && b["serial"]) fail(b["serial"], what + ": give either 'device' (hidraw path) or 'serial', not both");
      if (b["serial"]) {
        bc.spec.device = scalar(b["serial"], "serial");
        if (bc.spec.device.size() != 5) fail(b["serial"], what + ": a dcttech serial is 5 characters, not '" + bc.spec.device + "'");
      } else if (b["device"]) {
        bc.spec.device = scalar(b["device"], "device");
      }
    } else {
      if (b["serial"]) fail(b["serial"], what + ": 'serial' is for dcttech HID boards; serial boards are named by 'device'");
      bc.spec.device = scalar(require(b, "device", what), "device");
    }
    const YAML::Node n = require(b, "channels", what);
    bc.spec.channels = integer(n, "channels");
    const int max = relay::max_channels(*family);
    if (bc.spec.channels < 1 || bc.spec.channels > max)
      fail(n, what + ": " + relay::to_string(*family) + " boards have 1.." + std::to_string(max) + " channels, not " +
                  std::to_string(bc.spec.channels));
    if (b["timeout"]) {
      const auto t = parse_duration(scalar(b["timeout"], "timeout"));
      if (!t || t->count() < 10 || t->count() > 10'000) fail(b["timeout"], what + ": timeout must be 10ms..10s, e.g. 500ms");
      bc.spec.timeout = *t;
    }
    return bc;
  }

  ChannelConfig parse_channel(const YAML::Node& c, const BenchConfig& cfg) {
    if (!c.IsMap()) fail(c, "each channel is a map (name, board, channel, kind, wired_to, max_on)");
    only_keys(c, {"name", "board", "channel", "kind", "wired_to", "max_on", "inverted", "follows"}, "a channel");
    ChannelConfig ch;
    ch.at = loc(c);
    ch.name = identifier(require(c, "name", "a channel"), "channel name");
    if (cfg.find(ch.name)) fail(c["name"], "channel '" + ch.name + "' is described twice");
    const std::string what = "channel '" + ch.name + "'";

    const YAML::Node board = require(c, "board", what);
    ch.board = scalar(board, "board");
    ch.board_index = -1;
    std::string known;
    for (std::size_t i = 0; i < cfg.boards.size(); ++i) {
      if (cfg.boards[i].name == ch.board) ch.board_index = static_cast<int>(i);
      known += (known.empty() ? "" : ", ") + cfg.boards[i].name;
    }
    if (ch.board_index < 0) fail(board, what + ": unknown board '" + ch.board + "' (boards: " + known + ")");

    const YAML::Node number = require(c, "channel", what);
    ch.channel = integer(number, "channel");
    const int count = cfg.boards[ch.board_index].spec.channels;
    if (ch.channel < 1 || ch.channel > count)
      fail(number, what + ": channel " + std::to_string(ch.channel) + " is out of range: board '" + ch.board +
                       "' has channels 1.." + std::to_string(count));

    const YAML::Node kind = require(c, "kind", what);
    const std::string k = scalar(kind, "kind");
    if (k == "load_feed") ch.kind = WiringKind::load_feed;
    else if (k == "input_to_ground") ch.kind = WiringKind::input_to_ground;
    else if (k == "supply") ch.kind = WiringKind::supply;
    else fail(kind, what + ": unknown kind '" + k + "' (known: load_feed, input_to_ground, supply)");

    ch.wired_to = scalar(require(c, "wired_to", what), "wired_to");
    if (ch.wired_to.empty()) fail(c["wired_to"], what + ": say what the contact is wired to");

    if (c["inverted"]) ch.inverted = boolean(c["inverted"], "inverted");
    if (c["follows"]) ch.follows = follow(c["follows"], what);
    if (ch.inverted && ch.kind != WiringKind::input_to_ground)
      fail(c["inverted"], what + ": a " + std::string(to_string(ch.kind)) +
                              " must not be inverted: a board without power de-energises every relay, which would "
                              "then power it");

    if (c["max_on"]) {
      const YAML::Node m = c["max_on"];
      const std::string s = scalar(m, "max_on");
      const auto d = parse_duration(s);
      if (!d) fail(m, what + ": max_on '" + s + "' is not a duration (e.g. 800ms, 2s, 5min)");
      if (d->count() <= 0 || *d > std::chrono::hours(24)) fail(m, what + ": max_on must be more than 0 and at most 24h");
      ch.max_on = *d;
    } else if (ch.kind == WiringKind::input_to_ground) {
      ch.max_on = kDefaultInputMaxOn;
    } else {
      fail(c, what + ": a " + std::string(to_string(ch.kind)) + " needs a maximum on-time ('max_on: 2s')");
    }
    return ch;
  }

 private:
  std::string file_;
};

}  // namespace

BenchConfig parse_bench_config(const std::string& text, const std::string& source_name) {
  YAML::Node root;
  try {
    root = yaml::load_single_document(text);
  } catch (const yaml::StrictYamlError& e) {
    throw BenchConfigError(source_name, {e.line(), e.column()}, e.what());
  } catch (const YAML::Exception& e) {
    throw BenchConfigError(source_name, {e.mark.line + 1, e.mark.column + 1}, "not valid YAML: " + e.msg);
  }
  try {
    return Parser(source_name).parse(root);
  } catch (const BenchConfigError&) {
    throw;
  } catch (const YAML::Exception& e) {
    throw BenchConfigError(source_name, {e.mark.line + 1, e.mark.column + 1}, e.msg);
  }
}

BenchConfig load_bench_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw BenchConfigError(path, {0, 0}, "cannot read the bench description");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_bench_config(ss.str(), path);
}

}  // namespace bcmhil::rig

#include "request_checks.h"

#include <array>

namespace bcmhil::training::server {

namespace {

using nlohmann::json;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Query component: '+' is a space, %XX a byte; a broken escape is refused, not guessed.
std::optional<std::string> url_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = hex_value(s[i + 1]);
      const int lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool plain_path_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '.' ||
         c == '_' || c == '-';
}

// Printable text: no ASCII control characters (names end up in CSV files and on the class page).
bool printable(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

std::optional<std::string> name_field(const json& body, const char* key, std::string& error) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_string()) {
    error = std::string("\"") + key + "\" must be a string";
    return std::nullopt;
  }
  const auto& s = it->get_ref<const std::string&>();
  if (s.empty() || s.size() > kMaxNameBytes) {
    error = std::string("\"") + key + "\" must be 1 to " + std::to_string(kMaxNameBytes) + " bytes";
    return std::nullopt;
  }
  if (!printable(s)) {
    error = std::string("\"") + key + "\" holds a control character";
    return std::nullopt;
  }
  return s;
}

// Values inside an op: scalars, short strings, shallow containers.
bool value_ok(const json& v, int depth, std::string& error) {
  if (depth > kMaxOpDepth) {
    error = "nested deeper than " + std::to_string(kMaxOpDepth) + " levels";
    return false;
  }
  if (v.is_string()) {
    if (v.get_ref<const std::string&>().size() > kMaxStringBytes) {
      error = "a string longer than " + std::to_string(kMaxStringBytes) + " bytes";
      return false;
    }
    return true;
  }
  if (v.is_array() || v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (v.is_object() && it.key().size() > kMaxNameBytes) {
        error = "a field name longer than " + std::to_string(kMaxNameBytes) + " bytes";
        return false;
      }
      if (!value_ok(*it, depth + 1, error)) return false;
    }
    return true;
  }
  return true;  // number, boolean, null
}

}  // namespace

Checked<Target> parse_target(std::string_view target) {
  if (target.empty() || target.front() != '/') return Checked<Target>::fail("the request target must start with '/'");
  const auto q = target.find('?');
  Target t;
  t.path = std::string(target.substr(0, q));
  for (char c : t.path)
    if (!plain_path_char(c)) return Checked<Target>::fail("the path holds a character other than letters, digits, / . _ -");
  if (t.path.find("..") != std::string::npos) return Checked<Target>::fail("the path holds \"..\"");
  if (q == std::string_view::npos) return Checked<Target>::ok(std::move(t));
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto key = url_decode(pair.substr(0, eq));
    auto value = url_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!key || !value) return Checked<Target>::fail("a broken %-escape in the query");
    t.query[*key] = *value;
  }
  return Checked<Target>::ok(std::move(t));
}

Checked<SessionRequest> parse_session_request(std::string_view body) {
  const json parsed = json::parse(body.begin(), body.end(), nullptr, false);
  if (parsed.is_discarded()) return Checked<SessionRequest>::fail("the body is not JSON");
  if (!parsed.is_object()) return Checked<SessionRequest>::fail("the body must be a JSON object");
  for (auto it = parsed.begin(); it != parsed.end(); ++it)
    if (it.key() != "student" && it.key() != "exercise" && it.key() != "seed" && it.key() != "key")
      return Checked<SessionRequest>::fail("unknown field \"" + it.key().substr(0, kMaxNameBytes) +
                                           "\" (student, exercise, seed, key)");
  SessionRequest r;
  std::string error;
  auto student = name_field(parsed, "student", error);
  if (!student) return Checked<SessionRequest>::fail(error);
  auto exercise = name_field(parsed, "exercise", error);
  if (!exercise) return Checked<SessionRequest>::fail(error);
  r.student = *student;
  r.exercise = *exercise;
  if (auto it = parsed.find("seed"); it != parsed.end()) {
    if (!it->is_number_unsigned()) return Checked<SessionRequest>::fail("\"seed\" must be an integer >= 0");
    r.seed = it->get<std::uint64_t>();
  }
  if (auto it = parsed.find("key"); it != parsed.end()) {
    if (!it->is_string() || it->get_ref<const std::string&>().size() > kMaxNameBytes)
      return Checked<SessionRequest>::fail("\"key\" must be a string of at most 64 bytes");
    r.key = it->get<std::string>();
  }
  return Checked<SessionRequest>::ok(std::move(r));
}

bool static_name_ok(std::string_view name) {
  if (name.empty() || name.size() > 128) return false;
  bool part_start = true;
  for (char c : name) {
    if (!plain_path_char(c)) return false;
    if (part_start && (c == '.' || c == '/')) return false;  // no hidden files, no "//", no ".."
    part_start = c == '/';
  }
  return !part_start;  // not ending in '/'
}

std::string content_type_for(std::string_view name) {
  static const std::array<std::pair<std::string_view, std::string_view>, 9> types{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".json", "application/json"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
  }};
  for (const auto& [ext, type] : types)
    if (name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext) return std::string(type);
  return "application/octet-stream";
}

bool known_op(std::string_view op) {
  static const std::array<std::string_view, 15> ops{"hello",   "act",        "place",  "remove",  "read", "unplug",
                                                    "plug",    "pull_fuse",  "refit_fuse", "ds2", "replace",
                                                    "repair",  "hint",       "submit", "log"};
  for (auto known : ops)
    if (op == known) return true;
  return false;
}

CheckedOp check_op(std::string_view message) {
  CheckedOp out;
  if (message.size() > kMaxOpBytes) {
    out.error = "an op longer than " + std::to_string(kMaxOpBytes) + " bytes";
    return out;
  }
  json parsed = json::parse(message.begin(), message.end(), nullptr, false);
  if (parsed.is_discarded()) {
    out.error = "the message is not JSON";
    return out;
  }
  if (!parsed.is_object()) {
    out.error = "an op must be a JSON object";
    return out;
  }
  auto id = parsed.find("id");
  if (id == parsed.end() || !id->is_number_unsigned() || id->get<std::uint64_t>() > kMaxOpId) {
    out.error = "\"id\" must be an integer from 0 to 2^53-1";
    return out;
  }
  out.id = id->get<std::uint64_t>();
  auto op = parsed.find("op");
  if (op == parsed.end() || !op->is_string()) {
    out.error = "\"op\" must be a string";
    return out;
  }
  if (!known_op(op->get_ref<const std::string&>())) {
    out.error = "unknown op \"" + op->get<std::string>().substr(0, kMaxNameBytes) + "\"";
    return out;
  }
  if (!value_ok(parsed, 0, out.error)) return out;
  out.op = std::move(parsed);
  return out;
}

std::uint64_t seed_for(std::string_view student, std::string_view exercise) {
  // FNV-1a over "student \0 exercise", then the splitmix64 finaliser to spread nearby names.
  std::uint64_t h = 0xcbf29ce484222325ull;
  auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 0x100000001b3ull;
  };
  for (unsigned char c : student) mix(c);
  mix(0);
  for (unsigned char c : exercise) mix(c);
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}

bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace bcmhil::training::server

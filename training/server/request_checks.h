#pragma once
// What the server accepts from a browser, checked before anything reaches a session child: the
// request target (path and query), the body of POST /api/sessions, the name of a static file, and
// each WebSocket message (a session op of training/session/README.md). Pure functions over
// strings, so the libFuzzer target (tests/fuzz/train_request_fuzzer.cpp) drives them directly.
// Every refusal carries a reason in words; the server answers it as 400 (HTTP) or as an op answer
// {"id", "ok": false, "error"} (WebSocket).
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace bcmhil::training::server {

// Limits (chosen). A request (start line, headers and body) over kMaxRequestBytes is 413.
inline constexpr std::size_t kMaxRequestBytes = 64 * 1024;
// A WebSocket message (one op) over this is refused and the socket closed (1009, too big): the
// largest op is a ds2 job with its arguments, a few hundred bytes.
inline constexpr std::size_t kMaxOpBytes = 8 * 1024;
inline constexpr std::size_t kMaxStringBytes = 512;   // any string inside an op or a session request
inline constexpr std::size_t kMaxNameBytes = 64;      // student name, exercise id
inline constexpr int kMaxOpDepth = 3;                 // {"args": [..]} is depth 2
inline constexpr std::uint64_t kMaxOpId = (1ull << 53) - 1;  // exact in a JavaScript number

// The result of a check: the value, or the reason it was refused.
template <typename T>
struct Checked {
  std::optional<T> value;
  std::string error;
  static Checked ok(T v) { return {std::move(v), {}}; }
  static Checked fail(std::string why) { return {std::nullopt, std::move(why)}; }
  explicit operator bool() const { return value.has_value(); }
};

// "/api/x?key=K&a=b" -> path "/api/x", query {key: K, a: b}. %XX and '+' decoded in the query;
// the path must be plain (letters, digits, "/._-"), absolute, without "..".
struct Target {
  std::string path;
  std::map<std::string, std::string> query;
};
Checked<Target> parse_target(std::string_view target);

// POST /api/sessions body: {"student": NAME, "exercise": ID} and, from an instructor only,
// "seed": N with "key": K. Names: 1..64 bytes of printable UTF-8 without control characters.
struct SessionRequest {
  std::string student;
  std::string exercise;
  std::optional<std::uint64_t> seed;
  std::string key;
};
Checked<SessionRequest> parse_session_request(std::string_view body);

// A file under training/web: "app.js", "img/car.svg". Letters, digits, "._-/", no "..", no
// leading dot in any part, at most 128 bytes.
bool static_name_ok(std::string_view name);
// Content-Type for a static file by its extension (application/octet-stream if unknown).
std::string content_type_for(std::string_view name);

// The ops a browser may send (contract 1); anything else is refused here, never forwarded.
bool known_op(std::string_view op);

// One WebSocket message: a JSON object with "id" (integer 0..2^53-1) and a known "op", its
// values strings (<= 512 bytes), numbers, booleans or null, or arrays/objects of those up to
// depth 3. The parsed op, or the reason; `id` is filled whenever the message had a usable id, so
// the refusal can answer it.
struct CheckedOp {
  std::optional<nlohmann::json> op;
  std::optional<std::uint64_t> id;
  std::string error;
};
CheckedOp check_op(std::string_view message);

// The seed a student draws when the instructor gives none: from (student, exercise), so the same
// student gets the same car on the same exercise, and neighbours get different ones.
std::uint64_t seed_for(std::string_view student, std::string_view exercise);

// Constant-time comparison for tokens and keys (no early exit on the first differing byte).
bool same_secret(std::string_view a, std::string_view b);

}  // namespace bcmhil::training::server

// libFuzzer target: what a browser may send `bcmhil train` (training/server). Byte 0 picks the
// surface: even, the bytes are an HTTP request fed to Beast's parser under the server's limits,
// then routed over a fake backend (or answered as a parse error); odd, they are a WebSocket
// message for check_op, then a POST /api/sessions body, then a request target. Invariants: the
// server only ever answers one of its statuses, every refusal is a JSON {"error"} body, a checked
// op always has a known op name and an id a JavaScript number holds exactly.
#include <cstddef>
#include <cstdint>
#include <string>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include "training/server/request_checks.h"
#include "training/server/router.h"

namespace {

using namespace bcmhil::training::server;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

struct FakeBackend : RouteBackend {
  std::optional<File> static_file(const std::string& name) override {
    check(static_name_ok(name));
    if (name == "index.html") return File{"<html>", content_type_for(name)};
    return std::nullopt;
  }
  std::string exercises_json() override { return "[]"; }
  bool instructor_key_ok(const std::string& key) override { return key == "k"; }
  Access session_access(const std::string& s, const std::string& t) override {
    if (s != std::string(32, 'a')) return Access::unknown;
    return t == "t" ? Access::ok : Access::forbidden;
  }
  Created create_session(const SessionRequest& r) override {
    check(!r.student.empty() && r.student.size() <= kMaxNameBytes);
    return {std::string(32, 'a'), "t", 201, {}};
  }
  std::string session_json(const std::string&) override { return "{}"; }
  void end_session(const std::string&) override {}
  std::string class_export(const std::string&) override { return "[]"; }
};

void check_response(const Response& res) {
  const unsigned s = res.result_int();
  check(s == 200 || s == 201 || s == 400 || s == 403 || s == 404 || s == 405 || s == 413);
  if (s >= 400) {
    const auto body = nlohmann::json::parse(res.body(), nullptr, false);
    check(body.is_object() && body.contains("error"));
  }
}

void fuzz_http(const char* data, std::size_t size) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(kMaxRequestBytes));
  parser.body_limit(kMaxRequestBytes);
  parser.eager(true);
  boost::system::error_code ec;
  std::size_t used = 0;
  while (used < size && !parser.is_done()) {
    const std::size_t n = parser.put(boost::asio::buffer(data + used, size - used), ec);
    if (ec == http::error::need_more) {
      ec = {};
      break;
    }
    if (ec) break;
    used += n;
    if (n == 0) break;
  }
  if (!ec && !parser.is_done()) {
    if (!parser.got_some()) return;  // nothing sent: the server's read ends with end_of_stream
    parser.put_eof(ec);              // the client closed mid-request
  }
  if (ec) {
    if (ec == http::error::need_more || ec == http::error::partial_message) return;  // the server waits, then times out
    check_response(parse_error_response(ec, 11));
    return;
  }
  if (!parser.is_done()) return;
  FakeBackend backend;
  const Routed routed = route(parser.get(), backend);
  if (routed.websocket_session) return;
  check_response(routed.response);
}

void fuzz_text(const std::string& text) {
  const CheckedOp op = check_op(text);
  if (op.op) {
    check(op.error.empty() && op.id && *op.id <= kMaxOpId);
    check(known_op((*op.op)["op"].get<std::string>()));
    check(op.op->dump().size() <= 2 * kMaxOpBytes + 64);
  } else {
    check(!op.error.empty());
  }
  const auto session = parse_session_request(text);
  if (session) check(!session.value->exercise.empty() && session.value->exercise.size() <= kMaxNameBytes);
  const auto target = parse_target(text);
  if (target) check(target.value->path.find("..") == std::string::npos && target.value->path[0] == '/');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const char* text = reinterpret_cast<const char*>(data + 1);
  if (data[0] % 2 == 0)
    fuzz_http(text, size - 1);
  else
    fuzz_text(std::string(text, size - 1));
  return 0;
}

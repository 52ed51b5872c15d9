#include "router.h"

#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <cctype>

namespace bcmhil::training::server {

namespace {

using nlohmann::json;
using Access = RouteBackend::Access;

constexpr std::string_view kSessionsPrefix = "/api/sessions/";
constexpr std::string_view kStaticPrefix = "/static/";

// Beast 1.74 hands out boost::string_view.
std::string_view sv(boost::beast::string_view s) { return {s.data(), s.size()}; }

Response make_response(http::status status, std::string body, const std::string& type, const Request& req) {
  Response res{status, req.version()};
  res.set(http::field::server, "bcmhil");
  res.set(http::field::content_type, type);
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response json_response(http::status status, const json& body, const Request& req) {
  return make_response(status, body.dump(), "application/json", req);
}

Response refuse(http::status status, const std::string& why, const Request& req) {
  return error_response(status, why, req.version(), req.keep_alive());
}

bool is_session_id(std::string_view s) {
  if (s.size() != 32) return false;
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c))) return false;
  return true;
}

bool iequals_prefix(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

// The token from the Authorization header, the session's cookie, or ?token=.
std::string token_of(const Request& req, const Target& target) {
  const std::string_view auth = sv(req[http::field::authorization]);
  if (iequals_prefix(auth, "Bearer ")) return std::string(auth.substr(7));
  std::string_view cookies = sv(req[http::field::cookie]);
  while (!cookies.empty()) {
    const auto semi = cookies.find(';');
    std::string_view pair = cookies.substr(0, semi);
    cookies = semi == std::string_view::npos ? std::string_view() : cookies.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.substr(0, 13) == "bcmhil_token=") return std::string(pair.substr(13));
  }
  auto it = target.query.find("token");
  return it == target.query.end() ? std::string() : it->second;
}

// A browser sends Origin on a WebSocket; one from another site's page is refused, so a page
// elsewhere cannot ride on the student's cookie (cross-site WebSocket hijacking).
bool same_origin(const Request& req) {
  const std::string_view origin = sv(req[http::field::origin]);
  if (origin.empty()) return true;  // not a browser: the token alone decides
  const auto scheme = origin.find("://");
  if (scheme == std::string_view::npos) return false;
  return origin.substr(scheme + 3) == sv(req[http::field::host]);
}

Response allow_only(const char* methods, const Request& req) {
  auto res = refuse(http::status::method_not_allowed, std::string("use ") + methods, req);
  res.set(http::field::allow, methods);
  return res;
}

Routed serve_static(const std::string& name, const Request& req, RouteBackend& backend) {
  if (req.method() != http::verb::get) return {allow_only("GET", req), {}};
  if (!static_name_ok(name)) return {refuse(http::status::not_found, "no such file", req), {}};
  auto file = backend.static_file(name);
  if (!file) return {refuse(http::status::not_found, "no such file: " + name, req), {}};
  auto res = make_response(http::status::ok, std::move(file->body), file->content_type, req);
  res.set(http::field::cache_control, "no-cache");
  return {std::move(res), {}};
}

Routed create_session(const Request& req, RouteBackend& backend) {
  if (req.method() != http::verb::post) return {allow_only("POST", req), {}};
  auto parsed = parse_session_request(req.body());
  if (!parsed) return {refuse(http::status::bad_request, parsed.error, req), {}};
  if (parsed.value->seed && !backend.instructor_key_ok(parsed.value->key))
    return {refuse(http::status::forbidden, "only the instructor (with the key) chooses a seed", req), {}};
  auto created = backend.create_session(*parsed.value);
  if (!created.error.empty()) return {refuse(static_cast<http::status>(created.status), created.error, req), {}};
  auto res = json_response(http::status::created, {{"session", created.session}, {"token", created.token}}, req);
  res.set(http::field::set_cookie, "bcmhil_token=" + created.token + "; Path=" + std::string(kSessionsPrefix) +
                                       created.session + "; HttpOnly; SameSite=Strict");
  return {std::move(res), {}};
}

Routed session_route(std::string_view rest, const Target& target, const Request& req, RouteBackend& backend) {
  const auto slash = rest.find('/');
  const std::string id(rest.substr(0, slash));
  const std::string_view tail = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  if (!is_session_id(id) || (!tail.empty() && tail != "/ws"))
    return {refuse(http::status::not_found, "no such session", req), {}};
  const bool ws = tail == "/ws";
  if (ws && req.method() != http::verb::get) return {allow_only("GET", req), {}};
  if (!ws && req.method() != http::verb::get && req.method() != http::verb::delete_)
    return {allow_only("GET, DELETE", req), {}};
  switch (backend.session_access(id, token_of(req, target))) {
    case Access::unknown:
      return {refuse(http::status::not_found, "no such session", req), {}};
    case Access::forbidden:
      return {refuse(http::status::forbidden, "this session belongs to another student (wrong or missing token)", req), {}};
    case Access::ok:
      break;
  }
  if (ws) {
    if (!boost::beast::websocket::is_upgrade(req))
      return {refuse(http::status::bad_request, "this address expects a WebSocket upgrade", req), {}};
    if (!same_origin(req))
      return {refuse(http::status::forbidden, "a WebSocket from a page of another site", req), {}};
    return {Response{}, id};
  }
  if (req.method() == http::verb::delete_) {
    backend.end_session(id);
    return {json_response(http::status::ok, {{"session", id}, {"state", "ended"}}, req), {}};
  }
  return {make_response(http::status::ok, backend.session_json(id), "application/json", req), {}};
}

Routed class_route(std::string_view path, const Target& target, const Request& req, RouteBackend& backend) {
  if (req.method() != http::verb::get) return {allow_only("GET", req), {}};
  auto key = target.query.find("key");
  if (key == target.query.end() || !backend.instructor_key_ok(key->second))
    return {refuse(http::status::forbidden, "the instructor's key is missing or wrong", req), {}};
  if (path == "/class") return serve_static("class.html", req, backend);
  const bool csv = path == "/api/class/attempts.csv";
  auto res = make_response(http::status::ok, backend.class_export(csv ? "csv" : "json"),
                           csv ? "text/csv; charset=utf-8" : "application/json", req);
  res.set(http::field::content_disposition, csv ? "attachment; filename=\"attempts.csv\""
                                                : "attachment; filename=\"attempts.json\"");
  return {std::move(res), {}};
}

}  // namespace

Response error_response(http::status status, const std::string& why, unsigned version, bool keep_alive) {
  Response res{status, version};
  res.set(http::field::server, "bcmhil");
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.keep_alive(keep_alive);
  res.body() = json{{"error", why}}.dump(-1, ' ', false, json::error_handler_t::replace);
  res.prepare_payload();
  return res;
}

Response parse_error_response(const boost::system::error_code& ec, unsigned version) {
  if (ec == http::error::body_limit)
    return error_response(http::status::payload_too_large, "the body is over 64 KiB", version, false);
  if (ec == http::error::header_limit)
    return error_response(http::status::payload_too_large, "the request line and headers are over 64 KiB", version,
                          false);
  return error_response(http::status::bad_request, "malformed HTTP request: " + ec.message(), version, false);
}

Routed route(const Request& req, RouteBackend& backend) {
  auto target = parse_target(sv(req.target()));
  if (!target) return {refuse(http::status::bad_request, target.error, req), {}};
  const std::string& path = target.value->path;
  if (path == "/" || path == "/index.html") return serve_static("index.html", req, backend);
  if (path.compare(0, kStaticPrefix.size(), kStaticPrefix) == 0)
    return serve_static(path.substr(kStaticPrefix.size()), req, backend);
  if (path == "/api/exercises") {
    if (req.method() != http::verb::get) return {allow_only("GET", req), {}};
    return {make_response(http::status::ok, backend.exercises_json(), "application/json", req), {}};
  }
  if (path == "/api/sessions") return create_session(req, backend);
  if (path.compare(0, kSessionsPrefix.size(), kSessionsPrefix) == 0)
    return session_route(std::string_view(path).substr(kSessionsPrefix.size()), *target.value, req, backend);
  if (path == "/class" || path == "/api/class/attempts.json" || path == "/api/class/attempts.csv")
    return class_route(path, *target.value, req, backend);
  return {refuse(http::status::not_found, "nothing at " + path, req), {}};
}

}  // namespace bcmhil::training::server

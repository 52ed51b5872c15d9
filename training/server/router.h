#pragma once
// The HTTP routes of contract 4 (/work/wt/ISSUE13.md), as a pure function from a parsed request
// to a response, over a RouteBackend that owns the state (sessions, exercises, files). No I/O
// here, so the libFuzzer target drives it with Beast's own parser and a fake backend.
//
//   GET    /                               the page (training/web/index.html)
//   GET    /static/<file>                  training/web/<file>
//   GET    /class?key=K                    the instructor's page (web/class.html)
//   GET    /api/exercises                  [{id, title, work_order}]
//   POST   /api/sessions                   {student, exercise[, seed, key]} -> {session, token}
//   GET    /api/sessions/<id>              {session, student, exercise, state, submitted}   (token)
//   DELETE /api/sessions/<id>              ends the session                                  (token)
//   GET    /api/sessions/<id>/ws           WebSocket upgrade                                 (token)
//   GET    /api/class/attempts.json|.csv?key=K   the class export
// The token: "Authorization: Bearer T", the cookie the POST set (bcmhil_token, scoped to the
// session's path), or ?token=T (a browser's WebSocket cannot set headers). Wrong token: 403;
// unknown session: 404; malformed: 400 with the reason; a known path with another method: 405.
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>
#include <optional>
#include <string>

#include "request_checks.h"

namespace bcmhil::training::server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

class RouteBackend {
 public:
  virtual ~RouteBackend() = default;
  struct File {
    std::string body;
    std::string content_type;
  };
  virtual std::optional<File> static_file(const std::string& name) = 0;  // name checked by static_name_ok
  virtual std::string exercises_json() = 0;
  virtual bool instructor_key_ok(const std::string& key) = 0;

  enum class Access { ok, unknown, forbidden };
  virtual Access session_access(const std::string& session, const std::string& token) = 0;
  // A new session, or the HTTP status and reason it was refused (404 unknown exercise, 503 full).
  struct Created {
    std::string session;
    std::string token;
    int status = 201;
    std::string error;
  };
  virtual Created create_session(const SessionRequest& request) = 0;
  virtual std::string session_json(const std::string& session) = 0;  // access checked
  virtual void end_session(const std::string& session) = 0;          // access checked
  // "json" or "csv"; nullopt when there is nothing to export yet (an empty export is served).
  virtual std::string class_export(const std::string& format) = 0;
};

struct Routed {
  Response response;
  std::optional<std::string> websocket_session;  // set: accept the upgrade onto this session
};

Routed route(const Request& request, RouteBackend& backend);

// The response for a request Beast could not parse: 413 when a limit was passed, else 400.
Response parse_error_response(const boost::system::error_code& ec, unsigned version);

// {"error": why} with the status, for every refusal.
Response error_response(http::status status, const std::string& why, unsigned version, bool keep_alive);

}  // namespace bcmhil::training::server

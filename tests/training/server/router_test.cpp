// The routes of contract 4 over a fake backend (training/server/router.h): status codes, reasons,
// tokens from the header, the cookie or the query, the instructor's key, the WebSocket upgrade.
#include "training/server/router.h"

#include <gtest/gtest.h>

#include <boost/beast/http/error.hpp>

namespace bcmhil::training::server {
namespace {

const std::string kSession = "0123456789abcdef0123456789abcdef";
const std::string kToken = "fedcba9876543210fedcba9876543210";

struct FakeBackend : RouteBackend {
  std::optional<File> static_file(const std::string& name) override {
    if (name == "index.html") return File{"<html>", "text/html"};
    if (name == "class.html") return File{"<class>", "text/html"};
    return std::nullopt;
  }
  std::string exercises_json() override { return R"([{"id":"e1"}])"; }
  bool instructor_key_ok(const std::string& key) override { return key == "teacher"; }
  Access session_access(const std::string& s, const std::string& t) override {
    if (s != kSession) return Access::unknown;
    return t == kToken ? Access::ok : Access::forbidden;
  }
  Created create_session(const SessionRequest& r) override {
    last = r;
    if (r.exercise != "e1") return {{}, {}, 404, "no exercise"};
    return {kSession, kToken, 201, {}};
  }
  std::string session_json(const std::string&) override { return R"({"state":"running"})"; }
  void end_session(const std::string& s) override { ended = s; }
  std::string class_export(const std::string& format) override { return format; }
  SessionRequest last;
  std::string ended;
};

Request request(http::verb verb, const std::string& target, const std::string& body = "") {
  Request r{verb, target, 11};
  r.set(http::field::host, "127.0.0.1:8080");
  r.body() = body;
  r.prepare_payload();
  return r;
}

Request upgrade(const std::string& target) {
  auto r = request(http::verb::get, target);
  r.set(http::field::connection, "Upgrade");
  r.set(http::field::upgrade, "websocket");
  r.set(http::field::sec_websocket_version, "13");
  r.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
  return r;
}

int status(const Routed& r) { return static_cast<int>(r.response.result_int()); }

TEST(Router, ServesThePageTheExercisesAndUnknownIs404) {
  FakeBackend b;
  EXPECT_EQ(route(request(http::verb::get, "/"), b).response.body(), "<html>");
  EXPECT_EQ(status(route(request(http::verb::get, "/static/missing.js"), b)), 404);
  EXPECT_EQ(status(route(request(http::verb::get, "/static/../secret"), b)), 400);
  EXPECT_EQ(status(route(request(http::verb::get, "/static/.hidden"), b)), 404);
  EXPECT_EQ(route(request(http::verb::get, "/api/exercises"), b).response.body(), R"([{"id":"e1"}])");
  auto unknown = route(request(http::verb::get, "/api/nothing"), b);
  EXPECT_EQ(status(unknown), 404);
  EXPECT_EQ(unknown.response.body(), R"({"error":"nothing at /api/nothing"})");
  auto wrong_method = route(request(http::verb::put, "/api/exercises"), b);
  EXPECT_EQ(status(wrong_method), 405);
  EXPECT_EQ(wrong_method.response[http::field::allow], "GET");
}

TEST(Router, CreatesASessionAndSetsItsCookieOnItsPathOnly) {
  FakeBackend b;
  auto r = route(request(http::verb::post, "/api/sessions", R"({"student":"ann","exercise":"e1"})"), b);
  ASSERT_EQ(status(r), 201) << r.response.body();
  EXPECT_EQ(r.response.body(), R"({"session":")" + kSession + R"(","token":")" + kToken + R"("})");
  EXPECT_EQ(r.response[http::field::set_cookie],
            "bcmhil_token=" + kToken + "; Path=/api/sessions/" + kSession + "; HttpOnly; SameSite=Strict");
  EXPECT_EQ(status(route(request(http::verb::post, "/api/sessions", R"({"student":"ann","exercise":"e2"})"), b)), 404);
  auto bad = route(request(http::verb::post, "/api/sessions", R"({"student":5,"exercise":"e1"})"), b);
  EXPECT_EQ(status(bad), 400);
  EXPECT_EQ(bad.response.body(), R"({"error":"\"student\" must be a string"})");
}

TEST(Router, OnlyTheInstructorChoosesASeed) {
  FakeBackend b;
  EXPECT_EQ(status(route(request(http::verb::post, "/api/sessions", R"({"student":"a","exercise":"e1","seed":3})"), b)),
            403);
  auto ok = route(
      request(http::verb::post, "/api/sessions", R"({"student":"a","exercise":"e1","seed":3,"key":"teacher"})"), b);
  EXPECT_EQ(status(ok), 201);
  EXPECT_EQ(b.last.seed, 3u);
}

TEST(Router, AnotherStudentsSessionIs403AnUnknownOne404) {
  FakeBackend b;
  const std::string path = "/api/sessions/" + kSession;
  EXPECT_EQ(status(route(request(http::verb::get, path), b)), 403);
  auto bearer = request(http::verb::get, path);
  bearer.set(http::field::authorization, "Bearer " + kToken);
  EXPECT_EQ(status(route(bearer, b)), 200);
  auto cookie = request(http::verb::get, path);
  cookie.set(http::field::cookie, "theme=dark; bcmhil_token=" + kToken);
  EXPECT_EQ(status(route(cookie, b)), 200);
  EXPECT_EQ(status(route(request(http::verb::get, path + "?token=" + kToken), b)), 200);
  auto other = request(http::verb::get, path);
  other.set(http::field::authorization, "Bearer " + std::string(32, '0'));
  EXPECT_EQ(status(route(other, b)), 403);
  EXPECT_EQ(status(route(request(http::verb::get, "/api/sessions/" + std::string(32, 'a')), b)), 404);
  EXPECT_EQ(status(route(request(http::verb::get, "/api/sessions/short"), b)), 404);
  EXPECT_EQ(status(route(request(http::verb::delete_, path + "?token=" + kToken), b)), 200);
  EXPECT_EQ(b.ended, kSession);
}

TEST(Router, TheWebSocketNeedsTheTokenAnUpgradeAndTheSameOrigin) {
  FakeBackend b;
  const std::string ws = "/api/sessions/" + kSession + "/ws";
  auto r = route(upgrade(ws + "?token=" + kToken), b);
  ASSERT_TRUE(r.websocket_session);
  EXPECT_EQ(*r.websocket_session, kSession);
  EXPECT_EQ(status(route(upgrade(ws), b)), 403);
  EXPECT_EQ(status(route(request(http::verb::get, ws + "?token=" + kToken), b)), 400);  // no upgrade
  auto same = upgrade(ws + "?token=" + kToken);
  same.set(http::field::origin, "http://127.0.0.1:8080");
  EXPECT_TRUE(route(same, b).websocket_session);
  auto cross = upgrade(ws + "?token=" + kToken);
  cross.set(http::field::origin, "http://evil.example");
  EXPECT_EQ(status(route(cross, b)), 403);
}

TEST(Router, TheClassNeedsTheKey) {
  FakeBackend b;
  EXPECT_EQ(status(route(request(http::verb::get, "/class"), b)), 403);
  EXPECT_EQ(route(request(http::verb::get, "/class?key=teacher"), b).response.body(), "<class>");
  auto csv = route(request(http::verb::get, "/api/class/attempts.csv?key=teacher"), b);
  EXPECT_EQ(csv.response.body(), "csv");
  EXPECT_EQ(csv.response[http::field::content_type], "text/csv; charset=utf-8");
  EXPECT_EQ(route(request(http::verb::get, "/api/class/attempts.json?key=teacher"), b).response.body(), "json");
  EXPECT_EQ(status(route(request(http::verb::get, "/api/class/attempts.json?key=pupil"), b)), 403);
}

TEST(Router, ParserLimitsAre413OtherParseErrors400) {
  EXPECT_EQ(parse_error_response(http::error::body_limit, 11).result_int(), 413u);
  EXPECT_EQ(parse_error_response(http::error::header_limit, 11).result_int(), 413u);
  auto bad = parse_error_response(http::error::bad_method, 11);
  EXPECT_EQ(bad.result_int(), 400u);
  EXPECT_NE(bad.body().find("malformed HTTP request"), std::string::npos);
}

}  // namespace
}  // namespace bcmhil::training::server

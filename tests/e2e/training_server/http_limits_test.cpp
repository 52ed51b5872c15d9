// `bcmhil train` as built, against curl (unmodified): loopback only by default, malformed
// requests 400 with a reason, over 64 KiB 413, unknown 404, another student's session 403, the
// instructor's seed only with the key, and the server still serving after all of it.
#include "train_server_support.h"

#include <nlohmann/json.hpp>

namespace bcmhil::e2e {
namespace {

std::string reason(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  return json.is_object() ? json.value("error", "") : "";
}

TEST_F(TrainServerTest, BindsToLoopbackOnly) {
  ASSERT_EQ(url_.substr(0, 17), "http://127.0.0.1:");
  const int port = std::stoi(url_.substr(17));
  // The listening socket in the kernel's table: local address 0100007F (127.0.0.1), state 0A (LISTEN).
  char hex_port[8];
  std::snprintf(hex_port, sizeof hex_port, "%04X", port);
  const std::string table = slurp("/proc/net/tcp");
  EXPECT_NE(table.find("0100007F:" + std::string(hex_port) + " 00000000:0000 0A"), std::string::npos) << table;
  EXPECT_EQ(table.find("00000000:" + std::string(hex_port) + " 00000000:0000 0A"), std::string::npos);
}

TEST_F(TrainServerTest, ListsExercisesWithoutTheirFaults) {
  const auto [code, body] = curl(url_ + "/api/exercises");
  ASSERT_EQ(code, 200);
  const auto list = nlohmann::json::parse(body);
  ASSERT_GE(list.size(), 12u);
  for (const auto& e : list) {
    EXPECT_EQ(e.size(), 3u) << e;  // id, title, work_order: nothing else
    EXPECT_TRUE(e.contains("work_order"));
  }
  EXPECT_EQ(body.find("pool"), std::string::npos);
  EXPECT_EQ(body.find("water_ingress"), std::string::npos);
}

TEST_F(TrainServerTest, MalformedOversizedAndUnknownRequests) {
  auto [code, body] = curl("-X POST --data '{\"student\": \"ann\"' " + url_ + "/api/sessions");
  EXPECT_EQ(code, 400);
  EXPECT_EQ(reason(body), "the body is not JSON");
  std::tie(code, body) = curl("-X POST --data '{\"student\": \"ann\", \"exercise\": 7}' " + url_ + "/api/sessions");
  EXPECT_EQ(code, 400);
  EXPECT_EQ(reason(body), "\"exercise\" must be a string");
  std::tie(code, body) = curl("-X POST --data '{\"student\": \"ann\", \"exercise\": \"no-such\"}' " + url_ + "/api/sessions");
  EXPECT_EQ(code, 404);
  write("big.json", "{\"student\": \"" + std::string(70 * 1024, 'a') + "\", \"exercise\": \"x\"}");
  std::tie(code, body) = curl("-X POST --data-binary @" + path("big.json") + " " + url_ + "/api/sessions");
  EXPECT_EQ(code, 413);
  EXPECT_EQ(reason(body), "the body is over 64 KiB");
  std::tie(code, body) = curl("-H 'X-Big: " + std::string(70 * 1024, 'b') + "' " + url_ + "/api/exercises");
  EXPECT_EQ(code, 413);
  std::tie(code, body) = curl(url_ + "/etc/passwd");
  EXPECT_EQ(code, 404);
  EXPECT_EQ(reason(body), "nothing at /etc/passwd");
  std::tie(code, body) = curl("--path-as-is " + url_ + "/static/../../etc/passwd");
  EXPECT_EQ(code, 400);
  std::tie(code, body) = curl("-X DELETE " + url_ + "/api/exercises");
  EXPECT_EQ(code, 405);
  // Not HTTP at all, from a raw socket: 400 naming Beast's reason; the server goes on.
  const auto raw = shell("printf 'HELLO\\r\\n\\r\\n' | curl -s -w '%{http_code}' telnet://" + url_.substr(7) +
                         " --max-time 2");
  EXPECT_NE(raw.out.find("400 Bad Request"), std::string::npos) << raw.out;
  EXPECT_NE(raw.out.find("malformed HTTP request"), std::string::npos) << raw.out;
  std::tie(code, body) = curl(url_ + "/api/exercises");
  EXPECT_EQ(code, 200);
}

TEST_F(TrainServerTest, AnotherStudentsSessionIs403) {
  const auto [ann, ann_token] = new_session("ann", "hatch-flashes-twice");
  const auto [bob, bob_token] = new_session("bob", "hatch-flashes-twice");
  ASSERT_FALSE(ann.empty());
  ASSERT_FALSE(bob.empty());
  auto [code, body] = curl("-H 'Authorization: Bearer " + ann_token + "' " + url_ + "/api/sessions/" + ann);
  EXPECT_EQ(code, 200) << body;
  std::tie(code, body) = curl("-H 'Authorization: Bearer " + bob_token + "' " + url_ + "/api/sessions/" + ann);
  EXPECT_EQ(code, 403);
  EXPECT_NE(reason(body).find("another student"), std::string::npos);
  std::tie(code, body) = curl(url_ + "/api/sessions/" + ann);
  EXPECT_EQ(code, 403);
  // The WebSocket too, refused before the upgrade.
  std::tie(code, body) = curl("-H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' "
                              "-H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' -H 'Authorization: Bearer " +
                              bob_token + "' " + url_ + "/api/sessions/" + ann + "/ws");
  EXPECT_EQ(code, 403);
  // Only the instructor picks a seed.
  std::tie(code, body) =
      curl("-X POST --data '{\"student\": \"eve\", \"exercise\": \"hatch-flashes-twice\", \"seed\": 3}' " + url_ +
           "/api/sessions");
  EXPECT_EQ(code, 403);
  std::tie(code, body) = curl("-H 'Authorization: Bearer " + ann_token + "' -X DELETE " + url_ + "/api/sessions/" + ann);
  EXPECT_EQ(code, 200);
  std::tie(code, body) = curl("-H 'Authorization: Bearer " + ann_token + "' " + url_ + "/api/sessions/" + ann);
  EXPECT_EQ(code, 404);
}

TEST_F(TrainServerTest, TheClassExportNeedsTheKey) {
  auto [code, body] = curl(url_ + "/api/class/attempts.csv?key=wrong");
  EXPECT_EQ(code, 403);
  std::tie(code, body) = curl(url_ + "/api/class/attempts.json?key=" + kInstructorKey);
  EXPECT_EQ(code, 200);
  EXPECT_TRUE(nlohmann::json::parse(body, nullptr, false).is_object()) << body;
}

TEST_F(TrainServerTest, AFullClassIs503AndAnEndedSessionFreesItsPlace) {
  stop_server(SIGTERM);
  start_server("--max-sessions 1");
  const auto [ann, ann_token] = new_session("ann", "hatch-flashes-twice");
  auto [code, body] =
      curl("-X POST --data '{\"student\": \"bob\", \"exercise\": \"hatch-flashes-twice\"}' " + url_ + "/api/sessions");
  EXPECT_EQ(code, 503);
  EXPECT_NE(reason(body).find("the class is full"), std::string::npos) << body;
  std::tie(code, body) = curl("-H 'Authorization: Bearer " + ann_token + "' -X DELETE " + url_ + "/api/sessions/" + ann);
  EXPECT_EQ(code, 200);
  std::tie(code, body) =
      curl("-X POST --data '{\"student\": \"bob\", \"exercise\": \"hatch-flashes-twice\"}' " + url_ + "/api/sessions");
  EXPECT_EQ(code, 201) << body;
}

TEST_F(TrainServerTest, AKilledServerLeavesNoSessionChild) {
  new_session("ann", "hatch-flashes-twice");
  new_session("bob", "hatch-flashes-twice");
  const auto kids = children_of(server_);
  EXPECT_EQ(kids.size(), 2u);
  stop_server(SIGKILL);  // no chance to clean up: the kernel's PR_SET_PDEATHSIG does it
}

}  // namespace
}  // namespace bcmhil::e2e

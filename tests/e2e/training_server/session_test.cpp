// A student's session through `bcmhil train` as built, its WebSocket driven by Debian's
// python3-websocket (unmodified, ws_client.py): the fairness check on all traffic of a full
// session, a killed car restarted with the student's log, checks on the ops, and every child
// gone when the server stops.
#include "train_server_support.h"

#include "training/exercise/draw.h"
#include "training/exercise/exercise_parser.h"

#include <regex>

namespace bcmhil::e2e {
namespace {

using nlohmann::json;

struct Traffic {
  std::vector<std::string> received;  // each message, as received
  std::vector<std::string> sent;
};

// Runs the client on a script; splits what it printed into what was sent and received.
Traffic play(TrainServerTest& t, const std::string& ws_url, const std::string& token, const std::string& script,
             const std::string& script_file, int expect_status = 0) {
  std::ofstream(script_file) << script;
  const auto r = shell("/usr/bin/python3 " BCMHIL_TRAIN_E2E_DIR "/ws_client.py '" + ws_url + "' " + token + " < " +
                       script_file);
  EXPECT_EQ(r.status, expect_status) << r.out;
  Traffic traffic;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("< ", 0) == 0) traffic.received.push_back(line.substr(2));
    if (line.rfind("> ", 0) == 0) traffic.sent.push_back(line.substr(2));
  }
  (void)t;
  return traffic;
}

std::vector<json> answers(const Traffic& traffic) {
  std::vector<json> out;
  for (const auto& m : traffic.received) {
    auto j = json::parse(m, nullptr, false);
    if (j.is_object() && j.contains("ok")) out.push_back(j);
  }
  return out;
}

// What would give the hidden fault away: its type, its pool entry, its parameters' names, the
// text of each parameter's value, and each drawn number (4 significant digits: no reading hits
// one by chance). Searched in every key and string of every JSON document, and every number.
struct Secrets {
  std::vector<std::string> words;
  std::vector<std::string> values;
  std::vector<double> numbers;
};

Secrets secrets_of(const training::DrawnFault& d) {
  Secrets s;
  s.words = {d.fault, d.pool_id};
  for (const auto& [name, value] : d.parameters) {
    s.words.push_back(name);
    s.values.push_back(value);
    std::smatch m;
    if (std::regex_match(value, m, std::regex(R"(([0-9]*\.[0-9]{2,})(\s*\w*))"))) s.numbers.push_back(std::stod(m[1]));
  }
  return s;
}

void search(const json& j, const Secrets& s, const std::string& where, std::vector<std::string>& found) {
  auto check_text = [&](const std::string& text) {
    for (const auto& w : s.words)
      if (text.find(w) != std::string::npos) found.push_back(where + ": '" + w + "' in \"" + text.substr(0, 120) + "\"");
    for (const auto& v : s.values)
      if (text == v) found.push_back(where + ": the value '" + v + "'");
  };
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      check_text(it.key());
      search(*it, s, where, found);
    }
  } else if (j.is_array()) {
    for (const auto& e : j) search(e, s, where, found);
  } else if (j.is_string()) {
    check_text(j.get<std::string>());
  } else if (j.is_number()) {
    for (double n : s.numbers)
      if (std::abs(j.get<double>() - n) <= 1e-9 * std::abs(n)) found.push_back(where + ": the number " + j.dump());
  }
}

// Text that is not JSON (the page, its scripts): the words only.
void search_text(const std::string& text, const Secrets& s, const std::string& where, std::vector<std::string>& found) {
  for (const auto& w : s.words)
    if (text.find(w) != std::string::npos) found.push_back(where + ": '" + w + "'");
}

TEST_F(TrainServerTest, TheHiddenFaultNeverReachesTheBrowserBeforeSubmit) {
  const std::string exercise_file = bcmhil::testing::source_dir() + "/training/exercises/hatch-flashes-twice.yaml";
  const auto exercise = training::load_exercise(exercise_file);
  const std::uint64_t seed = 3;  // draws bc1_water (train-car's STATUS, 16:04)
  const auto drawn = training::draw_fault(exercise, seed);
  const Secrets secrets = secrets_of(drawn);
  ASSERT_EQ(drawn.pool_id, "bc1_water");

  std::vector<std::pair<std::string, std::string>> http;  // where, body
  auto get = [&](const std::string& target) {
    const auto [code, body] = curl(url_ + target);
    if (code == 200) http.emplace_back(target, body);
    return body;
  };
  const std::string page = get("/");
  std::smatch m;
  for (auto it = page.cbegin(); std::regex_search(it, page.cend(), m, std::regex(R"((/static/[A-Za-z0-9._/-]+))"));
       it = m.suffix().first)
    get(m[1]);
  get("/api/exercises");
  const auto [session, token] = new_session("ana", "hatch-flashes-twice", seed);
  ASSERT_FALSE(session.empty());
  http.emplace_back("POST /api/sessions", json{{"session", session}, {"token", token}}.dump());
  const auto [code, status] = curl("-H 'Authorization: Bearer " + token + "' " + url_ + "/api/sessions/" + session);
  http.emplace_back("GET /api/sessions/<id>", status);

  const std::string script =
      R"({"id": 1, "op": "hello"}
{"id": 2, "op": "place", "instrument": "dvm", "first": "battery+", "second": "ground"}
{"id": 3, "op": "ds2", "job": "faults"}
{"id": 4, "op": "act", "action": "press_fob", "button": "trunk"}
#sleep 1.5
{"id": 5, "op": "read", "slot": 1}
{"id": 6, "op": "hint"}
{"id": 7, "op": "log"}
{"id": 8, "op": "submit", "component": "BC1", "cause": "water damage"}
)";
  const Traffic traffic = play(*this, ws_url(session) + "", token, script, path("fair.script"));

  // Everything the browser received before it sent submit, and the submit's own answer after.
  std::vector<std::string> found;
  std::size_t events = 0, before_submit = 0;
  json submit_answer;
  for (const auto& text : traffic.received) {
    const auto j = json::parse(text);
    if (j.value("id", json()) == 8) {
      submit_answer = j;
      continue;
    }
    if (!submit_answer.is_null()) continue;
    ++before_submit;
    if (j.value("event", "") == "state") ++events;
    EXPECT_TRUE(!j.contains("ok") || j["ok"] == true || j["id"] == 6) << "op refused: " << text;
    search(j, secrets, "websocket", found);
  }
  for (const auto& [where, body] : http) {
    const auto j = json::parse(body, nullptr, false);
    if (j.is_discarded())
      search_text(body, secrets, where, found);
    else
      search(j, secrets, where, found);
  }
  EXPECT_TRUE(found.empty()) << "the hidden fault leaked:\n" << [&] {
    std::string s;
    for (const auto& f : found) s += "  " + f + "\n";
    return s;
  }();
  // Not vacuous: the session really ran (hello, answers, a stream of state events).
  EXPECT_GE(before_submit, 10u);
  EXPECT_GE(events, 5u);
  // The debrief names it.
  ASSERT_EQ(submit_answer.value("ok", false), true) << submit_answer;
  const std::string debrief = submit_answer.dump();
  EXPECT_NE(debrief.find(drawn.fault), std::string::npos) << debrief.substr(0, 400);
  EXPECT_NE(debrief.find(drawn.pool_id), std::string::npos);
  // The attempt is in the class export, both shapes, for the instructor only.
  const auto [json_code, exported] = curl(url_ + "/api/class/attempts.json?key=" + kInstructorKey);
  ASSERT_EQ(json_code, 200);
  const auto attempts = json::parse(exported)["attempts"];
  ASSERT_EQ(attempts.size(), 1u) << exported.substr(0, 400);
  EXPECT_EQ(attempts[0]["student"], "ana");
  EXPECT_EQ(attempts[0]["exercise"], "hatch-flashes-twice");
  EXPECT_EQ(attempts[0]["seed"], seed);
  const auto [csv_code, csv] = curl(url_ + "/api/class/attempts.csv?key=" + kInstructorKey);
  ASSERT_EQ(csv_code, 200);
  EXPECT_NE(csv.find("ana,hatch-flashes-twice,3"), std::string::npos) << csv.substr(0, 400);
}

TEST_F(TrainServerTest, AKilledCarIsRestartedAndTheSessionGoesOnWithItsLog) {
  const auto [session, token] = new_session("bob", "hatch-flashes-twice");
  ASSERT_FALSE(session.empty());
  const auto kids = children_of(server_);
  ASSERT_EQ(kids.size(), 1u);
  const std::string script = R"({"id": 1, "op": "hello"}
{"id": 2, "op": "ds2", "job": "faults"}
#shell kill -9 )" + std::to_string(kids[0]) + R"(
#wait restarting
#wait running
{"id": 3, "op": "log"}
)";
  const Traffic traffic = play(*this, ws_url(session), token, script, path("restart.script"));
  json log;
  for (const auto& a : answers(traffic))
    if (a["id"] == 3) log = a;
  ASSERT_EQ(log.value("ok", false), true) << log;
  // The resumed car kept the student's path: the tester job taken before the crash is in it.
  EXPECT_NE(log.dump().find("ds2"), std::string::npos) << log.dump().substr(0, 400);
  const auto now = children_of(server_);
  ASSERT_EQ(now.size(), 1u);
  EXPECT_NE(now[0], kids[0]);
  const auto [code, body] = curl("-H 'Authorization: Bearer " + token + "' " + url_ + "/api/sessions/" + session);
  EXPECT_EQ(json::parse(body).value("restarts", 0), 1) << body;
  EXPECT_FALSE(slurp(class_dir_ + "/sessions/" + session + ".log").empty());
}

TEST_F(TrainServerTest, OpsAreCheckedBeforeTheyReachTheCar) {
  const auto [session, token] = new_session("cy", "hatch-flashes-twice");
  ASSERT_FALSE(session.empty());
  const std::string script = R"(#raw {"id": 1, "op": "reveal_fault"}
#raw {"op": "hello"}
#raw not json
#binary
{"id": 2, "op": "place", "instrument": "dvm", "first": "no_such_point", "second": "ground"}
{"id": 3, "op": "hello"}
)";
  const Traffic traffic = play(*this, ws_url(session), token, script, path("checks.script"));
  const auto a = answers(traffic);
  ASSERT_EQ(a.size(), 6u) << traffic.received.size();
  EXPECT_EQ(a[0], json::parse(R"({"id": 1, "ok": false, "error": "unknown op \"reveal_fault\""})"));
  EXPECT_EQ(a[1]["error"], "\"id\" must be an integer from 0 to 2^53-1");
  EXPECT_EQ(a[2]["error"], "the message is not JSON");
  EXPECT_EQ(a[3]["error"], "ops are text messages (JSON)");
  EXPECT_EQ(a[4]["ok"], false);  // the car's own refusal, forwarded unchanged
  EXPECT_EQ(a[5]["ok"], true);
  // An op over 8 KiB closes the socket (1009); the server goes on.
  const std::string big = R"({"id": 4, "op": "hello", "pad": ")" + std::string(9000, 'x') + "\"}\n";
  play(*this, ws_url(session), token, "#raw " + big, path("big.script"), 2);
  EXPECT_EQ(curl(url_ + "/api/exercises").first, 200);
}

}  // namespace
}  // namespace bcmhil::e2e

namespace bcmhil::e2e {
namespace {

// Two windows on one session, sending the same ids: each gets only its own answers (an answer
// goes to the socket that asked, with its id restored), and the state events reach both.
// Whether the two ops are in flight at the same moment depends on timing (a hint is answered
// in milliseconds), so the id remapping itself is not what this proves; answers sent to every
// window are caught.
TEST_F(TrainServerTest, TwoWindowsOnOneSessionNeverMixTheirAnswers) {
  const auto [session, token] = new_session("dee", "hatch-flashes-twice");
  ASSERT_FALSE(session.empty());
  // A's hint is slow (the child reads the dictionary at the first one), so B's log, sent 50 ms
  // later with the same id, is in flight beside it.
  write("a.script", "#sleep 0.5\n{\"id\": 1, \"op\": \"hint\"}\n{\"id\": 2, \"op\": \"place\", \"instrument\": \"dvm\", "
                    "\"first\": \"battery+\", \"second\": \"ground\"}\n#sleep 0.5\n");
  write("b.script", "#sleep 0.55\n{\"id\": 1, \"op\": \"log\"}\n{\"id\": 2, \"op\": \"log\"}\n#sleep 0.5\n");
  const std::string client = "/usr/bin/python3 " BCMHIL_TRAIN_E2E_DIR "/ws_client.py '" + ws_url(session) + "' " + token;
  const auto r = shell(client + " < " + path("a.script") + " > " + path("a.out") + " & " + client + " < " +
                       path("b.script") + " > " + path("b.out") + "; wait");
  ASSERT_EQ(r.status, 0) << r.out;
  auto received = [&](const std::string& file) {
    std::vector<json> out;
    std::istringstream lines(slurp(path(file)));
    std::string line;
    while (std::getline(lines, line))
      if (line.rfind("< ", 0) == 0) out.push_back(json::parse(line.substr(2)));
    return out;
  };
  int a_answers = 0, b_answers = 0, b_events = 0;
  for (const auto& m : received("a.out")) {
    if (!m.contains("ok")) continue;
    ++a_answers;
    EXPECT_TRUE(m["id"] == 1 ? m.contains("text") : m.contains("slot")) << m.dump().substr(0, 200);
  }
  for (const auto& m : received("b.out")) {
    if (m.value("event", "") == "state") ++b_events;
    if (!m.contains("ok")) continue;
    ++b_answers;
    EXPECT_TRUE(m.contains("path")) << m.dump().substr(0, 200);
  }
  EXPECT_EQ(a_answers, 2);
  EXPECT_EQ(b_answers, 2);
  EXPECT_GT(b_events, 0);  // the meter window A placed streams to B too
}

}  // namespace
}  // namespace bcmhil::e2e

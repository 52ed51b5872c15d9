// The checks on what a browser sends (training/server/request_checks.h).
#include "training/server/request_checks.h"

#include <gtest/gtest.h>

namespace bcmhil::training::server {
namespace {

TEST(ParseTarget, SplitsPathAndDecodesQuery) {
  auto t = parse_target("/class?key=ab%20c&x=1+2&&flag");
  ASSERT_TRUE(t) << t.error;
  EXPECT_EQ(t.value->path, "/class");
  EXPECT_EQ(t.value->query.at("key"), "ab c");
  EXPECT_EQ(t.value->query.at("x"), "1 2");
  EXPECT_EQ(t.value->query.at("flag"), "");
}

TEST(ParseTarget, RefusesTraversalOddCharactersAndBrokenEscapes) {
  EXPECT_FALSE(parse_target("/static/../../etc/passwd"));
  EXPECT_FALSE(parse_target("static/app.js"));
  EXPECT_FALSE(parse_target("/static/a%2e%2e"));  // escapes are not decoded in the path: refused as such
  EXPECT_FALSE(parse_target("/x?key=%4"));
  EXPECT_FALSE(parse_target("/x?key=%zz"));
  EXPECT_FALSE(parse_target(""));
  EXPECT_NE(parse_target("/a b").error.find("character"), std::string::npos);
}

TEST(SessionRequest, TakesStudentExerciseAndAnOptionalSeed) {
  auto r = parse_session_request(R"({"student": "Ann Lee", "exercise": "hatch-flashes-twice", "seed": 3, "key": "k"})");
  ASSERT_TRUE(r) << r.error;
  EXPECT_EQ(r.value->student, "Ann Lee");
  EXPECT_EQ(r.value->seed, 3u);
  EXPECT_EQ(r.value->key, "k");
  EXPECT_FALSE(parse_session_request(R"({"student": "Ann", "exercise": "x"})").value->seed.has_value());
}

TEST(SessionRequest, RefusesWithAReason) {
  EXPECT_EQ(parse_session_request("{").error, "the body is not JSON");
  EXPECT_EQ(parse_session_request("[]").error, "the body must be a JSON object");
  EXPECT_EQ(parse_session_request(R"({"exercise": "x"})").error, "\"student\" must be a string");
  EXPECT_NE(parse_session_request(R"({"student": "", "exercise": "x"})").error.find("1 to 64"), std::string::npos);
  EXPECT_NE(parse_session_request(R"({"student": "a\nb", "exercise": "x"})").error.find("control"), std::string::npos);
  EXPECT_NE(parse_session_request(R"({"student": "a", "exercise": "x", "seed": -1})").error.find("seed"),
            std::string::npos);
  EXPECT_NE(parse_session_request(R"({"student": "a", "exercise": "x", "fault": "y"})").error.find("unknown field"),
            std::string::npos);
  EXPECT_FALSE(parse_session_request("{\"student\": \"\xff\", \"exercise\": \"x\"}"));  // not UTF-8
}

TEST(StaticName, StaysInsideTheWebFolder) {
  EXPECT_TRUE(static_name_ok("app.js"));
  EXPECT_TRUE(static_name_ok("img/car.svg"));
  for (const char* bad : {"", "../x", "a/../b", ".env", "a/.git/config", "/etc/passwd", "a//b", "a/", "a\\b", "a b"})
    EXPECT_FALSE(static_name_ok(bad)) << bad;
  EXPECT_EQ(content_type_for("app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("x.bin"), "application/octet-stream");
}

TEST(CheckOp, PassesAKnownOpUnchanged) {
  auto c = check_op(R"({"id": 7, "op": "place", "instrument": "dvm", "first": "X330.4", "second": "ground"})");
  ASSERT_TRUE(c.op) << c.error;
  EXPECT_EQ((*c.op)["first"], "X330.4");
  EXPECT_EQ(c.id, 7u);
  EXPECT_TRUE(check_op(R"({"id": 1, "op": "ds2", "job": "faults", "args": ["a", 1]})").op);
}

TEST(CheckOp, RefusesUnknownOpsBadIdsAndOversizedParts) {
  auto unknown = check_op(R"({"id": 3, "op": "reveal_fault"})");
  EXPECT_FALSE(unknown.op);
  EXPECT_EQ(unknown.id, 3u);  // the refusal can answer it
  EXPECT_EQ(unknown.error, "unknown op \"reveal_fault\"");
  EXPECT_FALSE(check_op(R"({"op": "hello"})").op);
  EXPECT_FALSE(check_op(R"({"id": -1, "op": "hello"})").op);
  EXPECT_FALSE(check_op(R"({"id": 1.5, "op": "hello"})").op);
  EXPECT_FALSE(check_op(R"({"id": 9007199254740992, "op": "hello"})").op);  // 2^53
  EXPECT_FALSE(check_op(R"({"id": 1, "op": 5})").op);
  EXPECT_FALSE(check_op("[1]").op);
  EXPECT_FALSE(check_op("not json").op);
  EXPECT_FALSE(check_op(R"({"id": 1, "op": "act", "a": [[[[1]]]]})").op);
  EXPECT_FALSE(check_op(R"({"id": 1, "op": "act", "a": ")" + std::string(600, 'x') + "\"}").op);
  EXPECT_FALSE(check_op(std::string(kMaxOpBytes + 1, ' ')).op);
}

TEST(Seed, SameStudentSameExerciseSameSeedNeighboursDiffer) {
  EXPECT_EQ(seed_for("ann", "hatch"), seed_for("ann", "hatch"));
  EXPECT_NE(seed_for("ann", "hatch"), seed_for("bob", "hatch"));
  EXPECT_NE(seed_for("ann", "hatch"), seed_for("ann", "hatch2"));
  EXPECT_NE(seed_for("an", "nhatch"), seed_for("ann", "hatch"));  // the separator counts
}

TEST(Secret, ComparesWholeStrings) {
  EXPECT_TRUE(same_secret("abc", "abc"));
  EXPECT_FALSE(same_secret("abc", "abd"));
  EXPECT_FALSE(same_secret("abc", "ab"));
  EXPECT_FALSE(same_secret("", "a"));
}

}  // namespace
}  // namespace bcmhil::training::server

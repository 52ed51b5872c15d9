// The test catalogue as data: the shipped file, the format's rules, and errors at file:line:col.
#include "diagnosis/catalogue.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

namespace bcmhil::diagnosis {
namespace {

// One valid test; each error case below changes one thing in it.
const std::string kHead = "format: bcmhil-test-catalogue/1\nmodel: bc1\ntests:\n";
const std::string kTest = R"(  - id: hatch.pin2.volts_trunk
    path: hatch
    title: Meter at hatch lock pin 2 during the release
    access: lid trim off
    cost_min: 15
    unit: V
    stimulus:
      - {at: 0 s, do: press_fob, button: trunk}
    read: {signal: V(hatch_lock.pin2)}
    window: [0 s, 1 s]
    reduce: max
    classes:
      - {name: 0 V, below: 800 mV, means: the module or the wire}
      - {name: low, below: 11 V}
      - {name: battery}
    words: Meter between hatch lock pin 2 and body ground.
)";

Catalogue parse(const std::string& tests) { return parse_catalogue(kHead + tests, "cat.yaml"); }

// The error's "file:line:col: message", checked for the place and a phrase of the message.
void expect_error(const std::string& text, const std::string& where, const std::string& phrase) {
  try {
    parse_catalogue(text, "cat.yaml");
    FAIL() << "accepted; expected an error at " << where;
  } catch (const CatalogueError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(where + ": ", 0), 0u) << what;
    EXPECT_NE(what.find(phrase), std::string::npos) << what;
  }
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(Catalogue, ReadsATest) {
  const auto c = parse(kTest);
  ASSERT_EQ(c.tests.size(), 1u);
  const auto& t = c.tests[0];
  EXPECT_EQ(t.id, "hatch.pin2.volts_trunk");
  EXPECT_EQ(t.kind, ReadKind::signal);
  EXPECT_EQ(t.signal, "V(hatch_lock.pin2)");
  EXPECT_EQ(t.reduce, Reduce::max);
  ASSERT_EQ(t.stimulus.size(), 1u);
  ASSERT_TRUE(t.stimulus[0].person);
  EXPECT_EQ(t.stimulus[0].person->action, scenario::Action::press_fob);
  ASSERT_EQ(t.classes.size(), 3u);
  EXPECT_DOUBLE_EQ(t.classes[0].below, 0.8);  // 800 mV
  EXPECT_EQ(t.classes[0].means, "the module or the wire");
  EXPECT_EQ(t.where.str(), "cat.yaml:4:5");
  EXPECT_EQ(t.duration(), sc_core::sc_time(1, sc_core::SC_SEC));
  const auto info = t.info();
  EXPECT_EQ(info.unit, "V");
  EXPECT_EQ(info.classes, (std::vector<std::string>{"0 V", "low", "battery"}));
  EXPECT_DOUBLE_EQ(info.cost_min, 15);
}

TEST(Catalogue, ClassifiesAtTheThresholds) {
  const auto t = parse(kTest).tests[0];
  EXPECT_EQ(t.classify(0.0), 0);
  EXPECT_EQ(t.classify(0.7999), 0);
  EXPECT_EQ(t.classify(0.8), 1);   // a bound belongs to the class above it
  EXPECT_EQ(t.classify(10.99), 1);
  EXPECT_EQ(t.classify(11.0), 2);
  EXPECT_EQ(t.classify(1e6), 2);
  EXPECT_EQ(t.classify(-5), 0);
  EXPECT_EQ(t.classify(std::nan("")), 2);  // shows nothing, no 'none' class: the last (an ohmmeter's OL: open)
}

TEST(Catalogue, ANoneClassHoldsTheMissingReading) {
  const auto c = parse(R"(  - id: c4
    path: hatch
    title: fault memory
    access: tester
    cost_min: 5
    unit: state
    read: {ds2: faults, item: "0xC4"}
    at: 2 s
    classes:
      - {name: no answer, none: true}
      - {name: absent, below: 0.5}
      - {name: active}
    words: Read the fault memory.
)");
  const auto& t = c.tests[0];
  EXPECT_EQ(t.kind, ReadKind::ds2);
  EXPECT_EQ(t.ds2.job, "faults");
  EXPECT_EQ(t.ds2.item, "0xC4");
  EXPECT_EQ(t.from, sc_core::sc_time(2, sc_core::SC_SEC));
  EXPECT_EQ(t.classify(std::nan("")), 0);
  EXPECT_EQ(t.classify(0), 1);
  EXPECT_EQ(t.classify(2), 2);
}

TEST(Catalogue, RangeRefusesAbsurdReadings) {
  const auto t = parse(kTest).tests[0];
  EXPECT_TRUE(t.range().contains(12.4));
  EXPECT_FALSE(t.range().contains(1e9));  // "1e9 V"
  // An instrument's test takes the instrument's own range: a DVM shows -1000..1000 V.
  const auto dvm = parse(replaced(kTest, "read: {signal: V(hatch_lock.pin2)}", "read: {instrument: dvm, plus: hatch.2, minus: ground}")).tests[0];
  EXPECT_EQ(dvm.kind, ReadKind::instrument);
  EXPECT_EQ(dvm.instrument.plus, "hatch.2");
  EXPECT_TRUE(dvm.range().contains(-999));
  EXPECT_FALSE(dvm.range().contains(1001));
}

TEST(Catalogue, HashesTheFileBytes) {
  // sha256sum of the same bytes (printf 'format: bcmhil-test-catalogue/1\nmodel: bc1\ntests:\n...' | sha256sum)
  const auto c = parse(kTest);
  EXPECT_EQ(c.sha256.size(), 64u);
  EXPECT_EQ(parse(kTest).sha256, c.sha256);
  EXPECT_NE(parse(replaced(kTest, "cost_min: 15", "cost_min: 16")).sha256, c.sha256);
}

TEST(CatalogueErrors, NameTheLineAndColumn) {
  expect_error(kHead + replaced(kTest, "    unit: V\n", "    unit: V\n    colour: red\n"), "cat.yaml:10:5",
               "unknown key 'colour'");
  expect_error(kHead + replaced(kTest, "unit: V", "unit: furlongs"), "cat.yaml:9:11", "unit must be one of");
  expect_error(kHead + replaced(kTest, "path: hatch", "path: engine"), "cat.yaml:5:11", "path must be one of");
  expect_error(kHead + replaced(kTest, "below: 11 V", "below: 500 mV"), "cat.yaml:17:28", "thresholds must rise");
  expect_error(kHead + replaced(kTest, "below: 11 V", "below: 11 A"), "cat.yaml:17:28", "expected a value in V");
  expect_error(kHead + replaced(kTest, "      - {name: battery}\n", ""), "cat.yaml:16:7", "the last class needs no 'below'");
  expect_error(kHead + replaced(kTest, "{name: low, below: 11 V}", "{name: low}"), "cat.yaml:18:9",
               "can never be reached");
  expect_error(kHead + replaced(kTest, "{name: battery}", "{name: low}"), "cat.yaml:18:16", "given twice");
  expect_error(kHead + replaced(kTest, "window: [0 s, 1 s]", "window: [1 s, 1 s]"), "cat.yaml:13:13",
               "must end after it starts");
  expect_error(kHead + replaced(kTest, "reduce: max", "reduce: mean"), "cat.yaml:14:13", "reduce must be");
  expect_error(kHead + replaced(kTest, "do: press_fob, button: trunk", "do: dance"), "cat.yaml:11:23",
               "unknown action 'dance'");
  expect_error(kHead + replaced(kTest, "button: trunk", "button: boot"), "cat.yaml:11:42", "button must be");
  expect_error(kHead + replaced(kTest, "cost_min: 15", "cost_min: -3"), "cat.yaml:8:15", "cost_min must be");
  expect_error(kHead + replaced(kTest, "window: [0 s, 1 s]", "window: [0 s, 3 min]"), "cat.yaml:13:19", "too long");
  expect_error(kHead + kTest + kTest, "cat.yaml:20:9", "given twice (first at cat.yaml:4:5)");
  expect_error(kHead + replaced(kTest, "    words:", "    title: again\n    words:"), "cat.yaml:19:5",
               "is given twice in this mapping");  // the strict loader
}

TEST(CatalogueErrors, RefuseReadsTheModuleCannotAnswer) {
  const auto ds2 = [](const std::string& read) {
    return kHead + replaced(replaced(kTest, "read: {signal: V(hatch_lock.pin2)}", read),
                            "    window: [0 s, 1 s]\n    reduce: max\n", "    at: 1 s\n");
  };
  expect_error(ds2("read: {ds2: faults, item: \"0x2F\"}"), "cat.yaml:12:31", "not in bc1_forttexte.csv");
  expect_error(ds2("read: {ds2: inputs, item: DIP_BOOT_OPENED}"), "cat.yaml:12:31", "not a signal");
  expect_error(ds2("read: {ds2: outputs, item: DIP_BOOT_OPEN_SW}"), "cat.yaml:12:32", "not a signal");
  expect_error(ds2("read: {ds2: flash}"), "cat.yaml:12:17", "unknown DS2 job 'flash'");
  expect_error(ds2("read: {ds2: rf}"), "cat.yaml:12:11", "needs 'item'");
  expect_error(kHead + replaced(kTest, "read: {signal: V(hatch_lock.pin2)}", "read: {ds2: ident}"), "cat.yaml:13:13",
               "give 'at', not 'window'");
  expect_error(kHead + replaced(kTest, "read: {signal: V(hatch_lock.pin2)}", "read: {instrument: scope, plus: a, minus: b}"),
               "cat.yaml:12:24", "unknown instrument 'scope'");
  expect_error(kHead + replaced(kTest, "read: {signal: V(hatch_lock.pin2)}", "read: {instrument: ohmmeter, plus: a, minus: b}"),
               "cat.yaml:12:24", "a ohmmeter reads ohm, but the test's unit is V");
  expect_error(kHead + replaced(kTest, "read: {signal: V(hatch_lock.pin2)}", "read: {instrument: clamp, plus: hatch.2}"),
               "cat.yaml:12:11", "a clamp goes 'at' one place");
}

TEST(CatalogueErrors, RefuseAFileThatIsNotACatalogue) {
  expect_error("- just\n- a list\n", "cat.yaml:1:1", "must be a YAML mapping");
  expect_error("format: bcmhil-test-catalogue/2\nmodel: bc1\ntests: []\n", "cat.yaml:1:9", "format must be");
  expect_error(kHead + "  - id: x\n    path: hatch\n", "cat.yaml:4:5", "needs 'title'");
  expect_error(kHead + kTest + "\xE9\n", "cat.yaml:20:1", "\\xE9");
  EXPECT_THROW(load_catalogue("/nonexistent/cat.yaml"), CatalogueError);
}

TEST(ShippedCatalogue, CoversEveryPathWithFortyTests) {
  const auto c = load_catalogue(shipped_catalogue_path());
  EXPECT_GE(c.tests.size(), 40u);
  std::set<std::string> paths;
  for (const auto& t : c.tests) {
    paths.insert(t.path);
    EXPECT_GE(t.classes.size(), 2u) << t.id;
    EXPECT_FALSE(t.words.empty()) << t.id;
    // Short windows: the dictionary plays every test on every variant.
    EXPECT_LE(t.duration(), sc_core::sc_time(70, sc_core::SC_SEC)) << t.id;
  }
  for (const char* p : {"hatch", "central_locking", "indicators", "kline", "fob", "alarm"})
    EXPECT_TRUE(paths.count(p)) << p;
  // The complaint's symptoms cost nothing.
  EXPECT_EQ(c.find("hatch.trunk.flashes")->cost_min, 0);
  EXPECT_EQ(c.find("hatch.trunk.opens")->cost_min, 0);
}

}  // namespace
}  // namespace bcmhil::diagnosis

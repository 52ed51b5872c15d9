#include "diagnosis/dictionary_io.h"
#include "diagnosis/dictionary_merge.h"
#include "diagnosis/model_version.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

namespace bcmhil::diagnosis {
namespace {

// A small dictionary as the builder would make it (synthetic readings; the builder's own are
// tested in dictionary_builder_test).
Dictionary sample(int variants = 5) {
  Dictionary d;
  d.model_version = model_version();
  d.catalogue_sha256 = std::string(64, 'c');
  d.variants_sha256 = std::string(64, 'v');
  d.tests = {{"hatch.pin2_volts", 4, "V", {"0 V", "low", "battery"}}, {"complaint.flashes", 0, "flashes", {"0", "1", "2"}}};
  d.candidates = {{"healthy", {}, 20}, {"pin_bridge", {{"from", "X330.4"}, {"to", "X330.3"}}, 0.5}};
  for (int i = 0; i < variants; ++i) {
    const int c = i == 0 ? 0 : 1;
    d.variants.push_back({d.candidates[c].key() + "#" + std::to_string(i), c, {{"resistance", std::to_string(i) + " ohm"}}});
    d.readings.push_back({{12.43 - i * 0.1, 2}, {i == 3 ? std::numeric_limits<double>::quiet_NaN() : 2.0, 2}});
  }
  return d;
}

std::string error_of(const std::string& text, const std::string& version = model_version()) {
  try {
    parse_dictionary(text, "d.json", version);
  } catch (const DictionaryError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(DictionaryJson, RoundTripsToTheSameBytes) {
  const auto d = sample();
  const auto text = dictionary_json(d);
  const auto back = parse_dictionary(text, "d.json", model_version());
  EXPECT_EQ(dictionary_json(back), text);
  EXPECT_EQ(back.variants[1].parameters.at("resistance"), "1 ohm");
  EXPECT_TRUE(std::isnan(back.readings[3][1].raw));  // written as null
  EXPECT_EQ(back.readings[2][0].raw, 12.43 - 2 * 0.1);  // shortest round-trip form, not rounded
  EXPECT_NE(text.find("\"format\": \"bcmhil-fault-dictionary/1\""), std::string::npos);
  EXPECT_EQ(text.find("\"shard\""), std::string::npos);  // a whole dictionary names no shard
}

TEST(DictionaryJson, MalformedJsonNamesLineAndColumn) {
  auto text = dictionary_json(sample());
  const auto at = text.find("\"tests\"");  // line 6 of the layout, column 2
  text.insert(at, ",");
  EXPECT_EQ(error_of(text).substr(0, 30), "d.json:6:2: malformed JSON: sy");
}

TEST(DictionaryJson, WrongShapeNamesThePath) {
  auto text = dictionary_json(sample());
  const auto at = text.find("[12.23");  // variant 2's first reading
  text.replace(at, 6, "[\"x\"");
  EXPECT_EQ(error_of(text), "d.json: variants[2].readings[0][0]: expected a finite number or null");
  EXPECT_EQ(error_of("{\"format\": \"bcmhil-fault-dictionary/1\"}"), "d.json: model_version: missing");
  EXPECT_EQ(error_of("[]"), "d.json: top level: expected an object");
  auto bad_class = dictionary_json(sample());
  bad_class.replace(bad_class.find("[12.43,2]"), 9, "[12.43,3]");
  EXPECT_EQ(error_of(bad_class), "d.json: variants[0].readings[0][1]: outcome 3 is not a class of test hatch.pin2_volts");
}

// Found by tests/fuzz/dictionary_fuzzer.cpp or on its way: what the assistant would have taken
// wrongly (a narrowed index, an infinite number, an id given twice, no variant at all) is refused
// with the path, on one printable line.
TEST(DictionaryJson, WhatTheAssistantWouldTakeWronglyIsRefused) {
  const auto text = dictionary_json(sample());
  auto with = [&](const std::string& from, const std::string& to) {
    auto t = text;
    const auto at = t.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return t.replace(at, from.size(), to);
  };
  EXPECT_EQ(error_of(with("\"candidate\":1", "\"candidate\":4294967297")),
            "d.json: variants[1].candidate: 4294967297 is not from 0 to 1");  // not candidate 1
  EXPECT_EQ(error_of(with("[12.43,2]", "[12.43,4294967298]")),
            "d.json: variants[0].readings[0][1]: outcome 4294967298 is not a class of test hatch.pin2_volts");
  EXPECT_EQ(error_of(with("\"cost_min\":4.0", "\"cost_min\":1e999")),
            "d.json:7:49: malformed JSON: the number '1e999' is out of range");  // threw json's own before
  EXPECT_EQ(error_of(with("\"cost_min\":4.0", "\"cost_min\":-4")), "d.json: tests[0].cost_min: must be at least 0.0");
  EXPECT_EQ(error_of(with("\"prior\":20.0", "\"prior\":1e300")),
            "d.json: candidates[0].prior: must be above 0 and at most 1e6 (a relative frequency)");
  EXPECT_EQ(error_of(with("complaint.flashes", "hatch.pin2_volts")), "d.json: tests[1].id: 'hatch.pin2_volts' is given twice");
  EXPECT_EQ(error_of(with("healthy#0", "pin_bridge{from=X330.4,to=X330.3}#1")),
            "d.json: variants[1].id: 'pin_bridge{from=X330.4,to=X330.3}#1' is given twice");
  auto empty = sample(0);
  EXPECT_EQ(error_of(dictionary_json(empty)), "d.json: variants: a dictionary needs at least one variant");
  // A control character escaped in a key comes out as a printable escape, never raw.
  const auto message = error_of(with("\"resistance\":\"0 ohm\"", "\"re\\u0007s\":7"));
  EXPECT_EQ(message.find('\a'), std::string::npos) << message;
  EXPECT_EQ(message.rfind("d.json: variants[0].parameters.re", 0), 0u) << message;
}

TEST(DictionaryJson, AnotherModelVersionIsRefusedNamingBoth) {
  auto d = sample();
  d.model_version = std::string(64, '0');
  const auto message = error_of(dictionary_json(d));
  EXPECT_NE(message.find("model version " + std::string(64, '0')), std::string::npos) << message;
  EXPECT_NE(message.find("model version " + model_version()), std::string::npos) << message;
  EXPECT_EQ(error_of(dictionary_json(d), ""), "(accepted)");  // merge and inspection take any version
}

TEST(DictionaryJson, WrittenAtomicallyAndLoadedBack) {
  char folder[] = "/tmp/bcmhil-dictionary-io-XXXXXX";
  ASSERT_NE(mkdtemp(folder), nullptr);
  const std::string path = std::string(folder) + "/d.json";
  write_dictionary_json(sample(), path);
  EXPECT_EQ(dictionary_json(load_dictionary(path)), dictionary_json(sample()));
  write_dictionary_csv(sample(), std::string(folder) + "/d.csv");
  std::ifstream csv(std::string(folder) + "/d.csv");
  std::stringstream text;
  text << csv.rdbuf();
  EXPECT_EQ(text.str(), dictionary_csv(sample()));
  std::remove(path.c_str());
  std::remove((std::string(folder) + "/d.csv").c_str());
  rmdir(folder);
}

TEST(DictionaryCsv, OneRowPerVariantAndTestWithKeysQuoted) {
  const auto csv = dictionary_csv(sample(2));
  EXPECT_EQ(csv,
            "variant,candidate,fault,prior,test,unit,raw,outcome,class\n"
            "healthy#0,healthy,healthy,20.0,hatch.pin2_volts,V,12.43,2,battery\n"
            "healthy#0,healthy,healthy,20.0,complaint.flashes,flashes,2.0,2,2\n"
            "\"pin_bridge{from=X330.4,to=X330.3}#1\",\"pin_bridge{from=X330.4,to=X330.3}\",pin_bridge,0.5,"
            "hatch.pin2_volts,V,12.33,2,battery\n"
            "\"pin_bridge{from=X330.4,to=X330.3}#1\",\"pin_bridge{from=X330.4,to=X330.3}\",pin_bridge,0.5,"
            "complaint.flashes,flashes,2.0,2,2\n");
}

// Split as --shard would (variant i to shard i % n), then joined: exactly the whole, byte for byte.
std::vector<Dictionary> split(const Dictionary& whole, int n) {
  std::vector<Dictionary> parts;
  for (int k = 0; k < n; ++k) {
    Dictionary p = whole;
    p.variants.clear();
    p.readings.clear();
    p.shard_index = k;
    p.shard_count = n;
    for (std::size_t i = k; i < whole.variants.size(); i += n) {
      p.variants.push_back(whole.variants[i]);
      p.readings.push_back(whole.readings[i]);
    }
    parts.push_back(p);
  }
  return parts;
}

TEST(MergeDictionaries, JoinsShardsInAnyOrderIntoTheWhole) {
  const auto whole = sample(7);
  for (int n : {1, 2, 3, 7, 9}) {
    auto parts = split(whole, n);
    std::reverse(parts.begin(), parts.end());
    // Through the file format as well: a part names its shard, the merged whole does not.
    for (auto& p : parts) p = parse_dictionary(dictionary_json(p), "part", "");
    EXPECT_EQ(dictionary_json(merge_dictionaries(parts)), dictionary_json(whole)) << n << " shards";
  }
}

TEST(MergeDictionaries, RefusesPartsThatAreNotOneWhole) {
  const auto whole = sample(7);
  const auto refuse = [](std::vector<Dictionary> parts) {
    try {
      merge_dictionaries(std::move(parts));
    } catch (const MergeError& e) {
      return std::string(e.what());
    }
    return std::string("(merged)");
  };
  auto parts = split(whole, 3);
  EXPECT_EQ(refuse({parts[0], parts[1]}), "2 parts given for a dictionary split 3 ways");
  EXPECT_EQ(refuse({parts[0], parts[1], parts[1]}), "part 3/3 is missing (or another part is given twice)");
  auto other = parts;
  other[2].model_version = "x";
  EXPECT_EQ(refuse(other), "part 3/3 has another model version than part 1/3: not parts of one dictionary");
  other = parts;
  other[1].variants_sha256 = "x";
  EXPECT_NE(refuse(other).find("variants file"), std::string::npos);
  other = parts;
  other[1].variants.pop_back();
  other[1].readings.pop_back();
  EXPECT_NE(refuse(other).find("too few"), std::string::npos);
  EXPECT_EQ(refuse({}), "no dictionary to merge");
}

}  // namespace
}  // namespace bcmhil::diagnosis

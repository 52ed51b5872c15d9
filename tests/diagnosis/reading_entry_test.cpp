#include "diagnosis/reading_entry.h"

#include "diagnosis/checklist.h"

#include <gtest/gtest.h>

#include <cmath>

namespace bcmhil::diagnosis {
namespace {

// The BC1 tailgate pin as the shipped catalogue writes it (diagnosis/catalogue/bc1-tests.yaml).
const CatalogueTest& bc1_pin() {
  static const Catalogue c = load_catalogue(shipped_catalogue_path());
  return *c.find("hatch.bc1_pin.volts_trunk");
}

TEST(ReadingEntry, ValuesWithOrWithoutTheirUnitAndClassesByName) {
  const auto& t = bc1_pin();
  EXPECT_EQ(parse_entry(t, "11.8").outcome, 3);  // battery
  EXPECT_EQ(parse_entry(t, " 11.8 V ").raw, 11.8);
  EXPECT_EQ(parse_entry(t, "0.2 V").outcome, 0);
  EXPECT_EQ(parse_entry(t, "3.8").outcome, 1);  // a few volts: the shorted motor in current limit
  const Reading named = parse_entry(t, "Battery");
  EXPECT_EQ(named.outcome, 3);
  EXPECT_TRUE(std::isnan(named.raw));
}

TEST(ReadingEntry, RefusesWhatNoInstrumentShowsWithTheReason) {
  const auto& t = bc1_pin();
  try {
    parse_entry(t, "1e9 V");
    FAIL();
  } catch (const EntryError& e) {
    EXPECT_STREQ(e.what(), "1e+09 V is outside what hatch.bc1_pin.volts_trunk can show: -1000 to 1000 V");
  }
  EXPECT_THROW(parse_entry(t, "12 A"), EntryError);
  EXPECT_THROW(parse_entry(t, "twelve"), EntryError);
  EXPECT_THROW(parse_entry(t, ""), EntryError);
  EXPECT_THROW(parse_entry(t, "nan"), EntryError);
}

TEST(Checklist, ShippedOrderCoversTheCatalogueAndErrorsNameTheLine) {
  const auto shipped = load_checklist(shipped_checklist_path());
  const auto catalogue = load_catalogue(shipped_catalogue_path());
  Dictionary d;
  for (const auto& t : catalogue.tests) d.tests.push_back(t.info());
  EXPECT_EQ(checklist_order(shipped, d).size(), catalogue.tests.size());
  EXPECT_EQ(shipped.ids.front(), "hatch.trunk.flashes");
  try {
    checklist_order(parse_checklist("# c\nhatch.trunk.flashes\n\nno.such.test\n", "x.txt"), d);
    FAIL();
  } catch (const ChecklistError& e) {
    EXPECT_STREQ(e.what(), "x.txt:4: the dictionary has no test 'no.such.test'");
  }
  EXPECT_THROW(parse_checklist("a\na\n", "x.txt"), ChecklistError);
  const auto partial = checklist_order(parse_checklist("hatch.trunk.opens\n", "x.txt"), d);  // the rest follow
  ASSERT_EQ(partial.size(), d.tests.size());
  EXPECT_EQ(d.tests[partial[0]].id, "hatch.trunk.opens");
  EXPECT_EQ(d.tests[partial[1]].id, d.tests[0].id);
}

}  // namespace
}  // namespace bcmhil::diagnosis

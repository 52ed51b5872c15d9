#include "bench/scenario/quantity.h"

#include <gtest/gtest.h>

using namespace bcmhil::scenario;

TEST(Quantity, ParsesUnitsToSi) {
  EXPECT_DOUBLE_EQ(parse_quantity("600 ms", Dimension::time)->value, 0.6);
  EXPECT_DOUBLE_EQ(parse_quantity("250us", Dimension::time)->value, 250e-6);
  EXPECT_DOUBLE_EQ(parse_quantity("2 min", Dimension::time)->value, 120.0);
  EXPECT_DOUBLE_EQ(parse_quantity("12.6 V", Dimension::voltage)->value, 12.6);
  EXPECT_DOUBLE_EQ(parse_quantity("10 kohm", Dimension::resistance)->value, 10e3);
  EXPECT_DOUBLE_EQ(parse_quantity("1 MΩ", Dimension::resistance)->value, 1e6);
  EXPECT_DOUBLE_EQ(parse_quantity("1 MHz", Dimension::frequency)->value, 1e6);
  EXPECT_EQ(parse_quantity("12.6 V", Dimension::time)->dimension, Dimension::voltage);
}

TEST(Quantity, BareNumberTakesTheExpectedDimension) {
  const auto q = parse_quantity("3", Dimension::time);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->dimension, Dimension::time);
  EXPECT_DOUBLE_EQ(q->value, 3.0);
}

TEST(Quantity, RejectsGarbage) {
  EXPECT_FALSE(parse_quantity("", Dimension::time));
  EXPECT_FALSE(parse_quantity("fast", Dimension::time));
  EXPECT_FALSE(parse_quantity("3 parsecs", Dimension::time));
  EXPECT_FALSE(parse_quantity("nan s", Dimension::time));
  EXPECT_FALSE(parse_quantity("inf V", Dimension::voltage));
}

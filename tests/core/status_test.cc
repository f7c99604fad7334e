#include "dyad/status.h"

#include <gtest/gtest.h>

#include "dyad/document.h"

namespace dyad {
namespace {

TEST(StatusTest, OkAndError) {
  EXPECT_TRUE(Status::Ok().ok());
  Status s = Status::NotFound("a.txt: no such file");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.ToString(), "not found: a.txt: no such file");
}

TEST(ResultTest, HoldsValueOrStatus) {
  Result<int> good(7);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 7);
  Result<int> bad(Status::InvalidInput("x"));
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidInput);
}

TEST(DateTest, IsoAndPrecision) {
  EXPECT_EQ((Date{2019, 7, 2}).Iso(), "2019-07-02");
  EXPECT_EQ((Date{2019, 7, 0}).Iso(), "2019-07");
  EXPECT_EQ((Date{2019, 0, 0}).Precision(), "year");
  EXPECT_EQ(Date{}.Iso(), "");
}

}  // namespace
}  // namespace dyad

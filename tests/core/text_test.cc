#include "core/text.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

TEST(TextTest, Utf8ValidityAndRepair) {
  EXPECT_TRUE(IsValidUtf8("plain \xe2\x80\x9cquoted\xe2\x80\x9d \xef\xbf\xbd"));
  EXPECT_FALSE(IsValidUtf8("bad \xff byte"));
  EXPECT_FALSE(IsValidUtf8("truncated \xe2\x80"));
  EXPECT_FALSE(IsValidUtf8("overlong \xc0\xaf"));
  EXPECT_EQ(RepairUtf8("a\xff" "b"), "a\xef\xbf\xbd" "b");
  EXPECT_EQ(RepairUtf8("\xe2\x80"), "\xef\xbf\xbd\xef\xbf\xbd");
  EXPECT_EQ(RepairUtf8("ok \xe2\x80\x94 ok"), "ok \xe2\x80\x94 ok");
}

TEST(TextTest, TrimSplitLower) {
  EXPECT_EQ(Trim("  \xc2\xa0x y\n"), "x y");
  EXPECT_EQ(AsciiLower("U.S. Army"), "u.s. army");
  auto parts = Split("a\t\tb", '\t');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(NormalizePunct("\xe2\x80\x9cHi\xe2\x80\x9d \xe2\x80\x94 it\xe2\x80\x99s"), "\"Hi\" - it's");
}

}  // namespace
}  // namespace dyad

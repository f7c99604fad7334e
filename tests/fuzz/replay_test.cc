// Replays the examples and a set of hostile inputs through the fuzz target's
// entry point, so the target keeps building and its invariants hold under
// GCC and the sanitizer build of the tests.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../../fuzz/pipeline_fuzz.cc"  // NOLINT: the entry point under test

namespace {

int Feed(const std::string& s) {
  return LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

TEST(FuzzReplay, Examples) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(DYAD_SOURCE_DIR) + "/examples")) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_EQ(Feed(ss.str()), 0) << e.path();
    ++n;
  }
  EXPECT_GE(n, 5);
}

TEST(FuzzReplay, HostileInputs) {
  std::vector<std::string> inputs = {
      "",
      "\xff\xfe\xfd",
      std::string("a\0b\0c", 5),
      "<html><body><p>unclosed <b><i><a href='x'>",
      std::string(5000, '<') + std::string(5000, '>'),
      std::string(20000, '\xe2'),
      "\xe2\x80\x9c\xe2\x80\x9c\xe2\x80\x9c he said \xe2\x80\x9d",
      "\" \" \" ' ' ' \xc2\xab \xc2\xbb",
      "Mr. Dr. Gen. U.S. i.e. etc. . . . ! ? ",
      "On Thursday, on 31st February, in 99999 and 0000-00-00, next Octember.",
      std::string(3000, 'A') + " said \"" + std::string(3000, 'b'),
      "<script>" + std::string(10000, 'x') + "</script><p>Russia warned Iran.</p>",
      "<div>" + std::string(2000, ' ') + "</div>",
  };
  std::string nested;
  for (int i = 0; i < 2000; ++i) nested += "<div>";
  inputs.push_back(nested + "Deep text." );
  for (const std::string& s : inputs) EXPECT_EQ(Feed(s), 0);
}

}  // namespace

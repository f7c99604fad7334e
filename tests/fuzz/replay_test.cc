// Replays the examples, each fuzz target's seed corpus (fuzz/corpus/<target>/)
// and a set of hostile inputs through the fuzz targets' entry points, so the
// targets keep building and their invariants hold under GCC and the
// sanitizer builds of the tests. Crash inputs that libFuzzer finds are added
// to the seed corpus once fixed, so they stay fixed.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#define DYAD_FUZZ_REPLAY                // the targets without their LLVMFuzzerTestOneInput
#include "../../fuzz/jsonl_fuzz.cc"     // NOLINT: entry points under test
#include "../../fuzz/pipeline_fuzz.cc"  // NOLINT
#include "../../fuzz/warc_fuzz.cc"      // NOLINT

namespace {

int Feed(const std::string& s) {
  return dyad::fuzz::PipelineOne(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs every file of fuzz/corpus/<target>/ through `one`; returns the count.
int ReplayCorpus(const std::string& target, int (*one)(const uint8_t*, size_t)) {
  int n = 0;
  std::filesystem::path dir = std::filesystem::path(DYAD_SOURCE_DIR) / "fuzz/corpus" / target;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string bytes = Slurp(e.path());
    EXPECT_EQ(one(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), 0) << e.path();
    ++n;
  }
  return n;
}

TEST(FuzzReplay, PipelineCorpus) {
  EXPECT_GE(ReplayCorpus("pipeline", dyad::fuzz::PipelineOne), 2);
}

TEST(FuzzReplay, WarcCorpus) { EXPECT_GE(ReplayCorpus("warc", dyad::fuzz::WarcOne), 5); }

TEST(FuzzReplay, JsonlCorpus) { EXPECT_GE(ReplayCorpus("jsonl", dyad::fuzz::JsonlOne), 2); }

TEST(FuzzReplay, WarcAndJsonlHostileInputs) {
  std::vector<std::string> inputs = {
      "",
      "WARC/",
      "WARC/1.0\r\n\r\n",
      "WARC/1.0\r\nContent-Length: 99999999999999999999\r\n\r\n",
      "WARC/1.0\r\nContent-Length: -1\r\n\r\nWARC/1.0\r\n",
      std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03", 10),
      std::string("\x1f\x8b\x08", 3) + std::string(100, '\xff'),
      "{\"text\": \"a\"}\n{\"text\": 1}\n{\"id\": {\"a\": [1, 2]}}\n[]\n\"x\"\n",
      std::string(3000, '[') + std::string(3000, ']'),
  };
  for (const std::string& s : inputs) {
    auto p = reinterpret_cast<const uint8_t*>(s.data());
    EXPECT_EQ(dyad::fuzz::WarcOne(p, s.size()), 0);
    EXPECT_EQ(dyad::fuzz::JsonlOne(p, s.size()), 0);
  }
}

TEST(FuzzReplay, Examples) {
  int n = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(DYAD_SOURCE_DIR) + "/examples")) {
    EXPECT_EQ(Feed(Slurp(e.path())), 0) << e.path();
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
  inputs.push_back(nested + "Deep text.");
  for (const std::string& s : inputs) EXPECT_EQ(Feed(s), 0);
}

}  // namespace

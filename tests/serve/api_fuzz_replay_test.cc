// Replays the API fuzz target's seed corpus (fuzz/corpus/api/) and a set of
// hostile requests through its entry point, so the target keeps building
// under GCC and its invariants (a documented status, a JSON body) hold in
// the sanitizer build too.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#define DYAD_FUZZ_REPLAY
#include "../../fuzz/api_fuzz.cc"  // NOLINT: the entry point under test

namespace {

int Feed(const std::string& s) {
  return dyad::fuzz::ApiOne(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

class ApiFuzzReplay : public ::testing::Test {
 protected:
  static void TearDownTestSuite() { std::filesystem::remove_all(dyad::fuzz::ApiFuzzDir()); }
};

TEST_F(ApiFuzzReplay, SeedCorpus) {
  int n = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(DYAD_SOURCE_DIR) + "/fuzz/corpus/api")) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_EQ(Feed(ss.str()), 0) << e.path();
    ++n;
  }
  EXPECT_GE(n, 8);
}

TEST_F(ApiFuzzReplay, HostileRequests) {
  std::vector<std::string> inputs = {
      "",
      "\n\n\n",
      "GET\n/v1/events\nlimit=-1\n\n",
      "GET\n/v1/events\nlimit=99999999999999999999999\n\n",
      "GET\n/v1/events\ncursor=9007199254740993\n\n",
      "GET\n/v1/events\nactor=' OR 1=1 --\ntext=%'; DROP TABLE events; --\n\n",
      "GET\n/v1/events\ndate_from=0000-00-00\ndate_to=9999-99-99\n\n",
      "GET\n/v1/events\ncode=0x1\nroot=\xff\xfe\n\n",
      "GET\n/v1/events/0\n\n",
      "GET\n/v1/events/-5\n\n",
      "GET\n/v1/events/99999999999999999999\n\n",
      "GET\n/v1/documents/abc\n\n",
      "GET\n//v1//events//\n\n",
      "GET\n/v1/../../etc/passwd\n\n",
      "DELETE\n/v1/events\n\n",
      "POST\n/v1/events\n\n",
      "POST\n/v1/code\n\n" + std::string(70 * 1024, 'a'),
      "POST\n/v1/code\n\n\xff\xfe\x00\x01",
      "\x01POST\n/v1/code\n\n{\"text\": 5}",
      "\x01POST\n/v1/code\n\n[1,2,3]",
      "\x04POST\n/v1/code\n\nRussia warned Iran.",
      "GET\n/v1/dyads\nby=week\n\n",
      "GET\n/v1/dyads\nlevel=\xc0\xaf\n\n",
      "GET\n/v1/quotes\nspeaker=" + std::string(1000, 'x') + "\n\n",
      "GET\n/v1/actors\nq=\xed\xa0\x80\n\n",
      "GET\n/v1\nfoo=bar\n\n",
  };
  for (const std::string& s : inputs) EXPECT_EQ(Feed(s), 0) << s.substr(0, 80);
}

}  // namespace

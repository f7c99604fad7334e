// Replays hostile inputs and the examples through the HTML fuzz target's
// entry point, so the target keeps building under GCC and its invariants hold
// in the sanitizer build of the tests. The entry point is renamed so that it
// can live in one binary with the pipeline target's.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#define LLVMFuzzerTestOneInput HtmlFuzzTestOneInput
#include "../../fuzz/html_fuzz.cc"  // NOLINT: the entry point under test
#undef LLVMFuzzerTestOneInput

namespace {

int Feed(const std::string& s) {
  return HtmlFuzzTestOneInput(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

TEST(HtmlFuzzReplay, ExamplesAndHostileInputs) {
  int n = 0;
  for (const char* dir : {"/examples", "/fuzz/corpus/html"}) {
    for (const auto& e : std::filesystem::directory_iterator(std::string(DYAD_SOURCE_DIR) + dir)) {
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      EXPECT_EQ(Feed(ss.str()), 0) << e.path();
      ++n;
    }
  }
  EXPECT_GE(n, 7);
  std::vector<std::string> inputs = {
      "",
      "<",
      "</",
      "<!",
      "<!-",
      "<!--",
      "&",
      "&#",
      "&#x",
      "<a b='",
      "<a b=\"c\" d",
      "<script>",
      "<script></scrip",
      "<title>&amp",
      "<plaintext>",
      std::string("<p\0a>\0&\0;", 10),
      "\xff\xfe<\xff>",
      std::string(5000, '<') + std::string(5000, '>'),
      std::string(5000, '&'),
  };
  std::string nested, closers;
  for (int i = 0; i < 20000; ++i) nested += "<li><dd><td><p><h1><option><tr>";
  for (int i = 0; i < 20000; ++i) closers += "</x></table></li></p>";
  inputs.push_back(nested);
  inputs.push_back(nested + closers);
  for (const std::string& s : inputs) EXPECT_EQ(Feed(s), 0) << s.substr(0, 40);
}

}  // namespace

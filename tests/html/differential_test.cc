// Differential test: dyad's HTML parser against gumbo (the reference). Both
// trees go through the same ingest walker; the text of the blocks they yield
// (white space normalised) must agree on every dev page of the extraction
// benchmark (skipped when ../shared is absent) and nearly agree on hostile
// inputs. The bound on the difference is the measured one plus a margin.

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/text.h"
#include "dyad/config.h"
#include "dyad/document.h"
#include "ingest/ingest.h"

namespace dyad {
namespace {

// The words of every block, in order.
std::vector<std::string> BlockWords(const std::string& html, HtmlParser parser) {
  Config config = Config::Default();
  config.html_parser = parser;
  Document doc;
  doc.format = Format::kHtml;
  doc.raw = html;
  EXPECT_TRUE(ingest::Run(config, doc).ok());
  std::vector<std::string> words;
  for (const Block& b : doc.blocks) {
    for (std::string_view w : Split(b.text, ' ')) {
      if (!w.empty()) words.emplace_back(w);
    }
  }
  return words;
}

// Share of words in one list but not the other (multiset difference over
// the larger size); 0 when both are empty.
double WordDifference(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::map<std::string, int> count;
  for (const auto& w : a) ++count[w];
  for (const auto& w : b) --count[w];
  size_t diff = 0;
  for (const auto& [w, c] : count) diff += static_cast<size_t>(std::abs(c));
  size_t n = std::max(a.size(), b.size());
  return n == 0 ? 0.0 : static_cast<double>(diff) / static_cast<double>(2 * n);
}

std::string Gunzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  std::string out;
  if (f == nullptr) return out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  gzclose(f);
  return out;
}

TEST(HtmlDifferential, DevPagesYieldTheSameText) {
  std::string dir = std::string(DYAD_SHARED_DIR) + "/eval/extraction/dev/html";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << dir << " absent";
  int pages = 0, identical = 0;
  double worst = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string html = Gunzip(e.path().string());
    ASSERT_FALSE(html.empty()) << e.path();
    auto ours = BlockWords(html, HtmlParser::kDyad);
    auto ref = BlockWords(html, HtmlParser::kGumbo);
    double d = WordDifference(ours, ref);
    worst = std::max(worst, d);
    if (ours == ref) ++identical;
    EXPECT_LE(d, 0.01) << e.path().filename();
    ++pages;
  }
  EXPECT_GE(pages, 50);
  // Measured: every dev page yields identical block text with both parsers.
  EXPECT_GE(identical, pages * 95 / 100);
  RecordProperty("identical_pages", identical);
  std::printf("[ differential ] %d pages, %d identical, worst word difference %.4f\n", pages,
              identical, worst);
}

TEST(HtmlDifferential, HostileInputsStayClose) {
  std::vector<std::string> inputs = {
      "<p>unclosed <b><i><a href='x'>link text",
      "<p>one<p>two<ul><li>a<li>b</ul><table><tr><td>c<td>d<tr><td>e</table>",
      "text &amp; &copy &#8212; &#x2019; &bogus; &#0; &#xFFFFFFFF;",
      "<div>a</span></p></li>b</div>c</body>d</html>e",
      "<b><i>mis</b>nested</i> words",
      "<!-- comment <p>hidden</p> -->visible<!-- unterminated",
      "<script>var x = '<p>not text</p>';</script><p>body text</p>",
      "<title>T &amp; t</title><h1>Head</h1><h2>Sub<h3>Sub sub</h2>",
      "<p a=1 a=2 b='x\" c=\"y'>quotes</p>",
      "<dl><dt>term<dd>definition<dt>term two</dl>",
      "<select><option>o1<option>o2</select><p>after select</p>",
      "<p>before<![CDATA[ cdata ]]>after</p>",
      "<p>x</br>y</p><p>z<br><br>w</p>",
      "<svg><text>vector</text></svg><math><mi>m</mi></math><p>plain</p>",
      std::string(3000, '<') + "<p>after lts</p>",
      "<a href=1>a<a href=2>b</a></a><p>p</p>",
  };
  std::string nested;
  for (int i = 0; i < 3000; ++i) nested += "<div><span>";
  inputs.push_back(nested + "deep words here");
  double total = 0;
  for (const std::string& in : inputs) {
    double d =
        WordDifference(BlockWords(in, HtmlParser::kDyad), BlockWords(in, HtmlParser::kGumbo));
    EXPECT_LE(d, 0.5) << in.substr(0, 80);
    total += d;
  }
  double mean = total / static_cast<double>(inputs.size());
  std::printf("[ differential ] %zu hostile inputs, mean word difference %.4f\n", inputs.size(),
              mean);
  EXPECT_LE(mean, 0.05);
}

}  // namespace
}  // namespace dyad

#include "clean/clean.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "core/text.h"
#include "dyad/config.h"
#include "dyad/document.h"
#include "ingest/ingest.h"
#include "ingest/line_util.h"

namespace dyad::clean {
namespace {

Document Process(const std::string& raw, Format format, Document doc = Document()) {
  doc.raw = raw;
  doc.format = format;
  Config config = Config::Default();
  Status s = ingest::Run(config, doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  s = Run(config, doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return doc;
}

// The boilerplate kind of the first boilerplate entry containing `needle`,
// or "" when the text was not removed.
std::string KindOf(const Document& doc, const std::string& needle) {
  for (const Boilerplate& b : doc.boilerplate) {
    if (b.text.find(needle) != std::string::npos) return b.kind;
  }
  return "";
}

bool InText(const Document& doc, const std::string& needle) {
  return doc.text.find(needle) != std::string::npos;
}

// Every block's text must be in the text or in the boilerplate.
void ExpectNothingLost(const Document& doc) {
  for (const Block& b : doc.blocks) {
    if (b.context == ingest::kJsonLdBodyContext) continue;
    bool found = InText(doc, b.text);
    for (const Boilerplate& bp : doc.boilerplate) found = found || bp.text == b.text;
    EXPECT_TRUE(found) << "lost: " << b.text;
  }
}

const char kScraped[] =
    "| Welcome to The Harbor Tribune\n"
    "\n"
    "Home | World | Business | Sports\n"
    "\n"
    "Tuesday, June 4, 2024\n"
    "\n"
    "Fishing Fleet Protests New Port Fees\n"
    "\n"
    "Hundreds of trawlers blocked the harbour mouth on Monday as skippers "
    "demanded that the port authority scrap a fee increase\n"
    "\n"
    "By Nadia Okafor | Harbor Tribune\n"
    "\n"
    "Hundreds of fishing boats blocked the entrance to Kestrel Bay on Monday, "
    "protesting a 40 percent rise in landing fees announced by the port authority.\n"
    "\n"
    "Read more: Port authority names new chairman\n"
    "\n"
    "The skippers' association said the increase would force small crews out of "
    "business within a year.\n"
    "\n"
    "Share this\n"
    "\n"
    "Talks With the Authority\n"
    "\n"
    "The authority's director, Paul Brennan, met union leaders in the afternoon and "
    "promised to review the schedule before it takes effect in August.\n"
    "\n"
    "Advertisement\n"
    "\n"
    "The union said further blockades would follow if no agreement was reached.\n"
    "\n"
    "Tags: fishing, Kestrel Bay, ports\n"
    "\n"
    "Leave a comment\n"
    "\n"
    "\xC2\xA9 2024 The Harbor Tribune. All rights reserved.\n";

TEST(CleanText, HeaderChromeTitleDateAndByline) {
  Document doc = Process(kScraped, Format::kText);
  EXPECT_EQ(doc.meta.title, "Fishing Fleet Protests New Port Fees");
  EXPECT_EQ(doc.meta.site, "The Harbor Tribune");
  EXPECT_EQ(doc.meta.byline, "Nadia Okafor, Harbor Tribune");
  EXPECT_EQ(doc.meta.page_date, (Date{2024, 6, 4}));
  EXPECT_EQ(KindOf(doc, "Welcome to"), "chrome");
  EXPECT_EQ(KindOf(doc, "Home | World"), "chrome");
  EXPECT_EQ(KindOf(doc, "Tuesday, June 4"), "display_date");
  EXPECT_EQ(KindOf(doc, "Fishing Fleet Protests"), "title");
  EXPECT_EQ(KindOf(doc, "By Nadia Okafor"), "byline");
  // The standfirst before the byline is boilerplate (see clean.cc).
  EXPECT_EQ(KindOf(doc, "Hundreds of trawlers"), "standfirst");
  EXPECT_EQ(doc.text.rfind("Hundreds of fishing boats blocked", 0), 0u);
  ExpectNothingLost(doc);
}

TEST(CleanText, ReadMoreShareAdAndTailRemoved) {
  Document doc = Process(kScraped, Format::kText);
  EXPECT_EQ(KindOf(doc, "Read more:"), "read_more");
  EXPECT_EQ(KindOf(doc, "Share this"), "share");
  EXPECT_EQ(KindOf(doc, "Advertisement"), "ad");
  EXPECT_FALSE(KindOf(doc, "Tags: fishing").empty());
  EXPECT_FALSE(KindOf(doc, "Leave a comment").empty());
  EXPECT_FALSE(KindOf(doc, "All rights reserved").empty());
  EXPECT_FALSE(InText(doc, "Read more"));
  EXPECT_FALSE(InText(doc, "Tags:"));
  EXPECT_TRUE(InText(doc, "further blockades would follow"));
  ExpectNothingLost(doc);
}

TEST(CleanText, SubheadIsItsOwnParagraph) {
  Document doc = Process(kScraped, Format::kText);
  bool found = false;
  for (const Span& p : doc.paragraphs) {
    if (doc.Text(p) == "Talks With the Authority") found = true;
  }
  EXPECT_TRUE(found);
  // Paragraph spans cover the text exactly, separated by blank lines.
  ASSERT_FALSE(doc.paragraphs.empty());
  EXPECT_EQ(doc.paragraphs.front().begin, 0u);
  EXPECT_EQ(doc.paragraphs.back().end, doc.text.size());
  for (size_t i = 1; i < doc.paragraphs.size(); ++i) {
    EXPECT_EQ(doc.Text({doc.paragraphs[i - 1].end, doc.paragraphs[i].begin}), "\n\n");
  }
}

TEST(CleanText, KnownDateIsNotReplacedByDisplayDate) {
  Document pre;
  pre.meta.page_date = Date{2019, 2, 1};
  Document doc = Process(kScraped, Format::kText, pre);
  EXPECT_EQ(doc.meta.page_date, (Date{2019, 2, 1}));
  EXPECT_EQ(KindOf(doc, "Tuesday, June 4"), "display_date");
}

TEST(CleanText, PullQuoteInAnotherSectionIsRemoved) {
  const char* text =
      "Mayor Backs Rail Link\n"
      "\n"
      "The city council voted on Wednesday to fund a study of a rail link to the "
      "airport, ending months of debate.\n"
      "\n"
      "A rail link would cut the journey to twenty minutes and take thousands of cars "
      "off the ring road.\n"
      "\n"
      "Costs and Funding\n"
      "\n"
      "The study will cost 2 million dollars, shared with the regional government.\n"
      "\n"
      "Mayor Ines Varga said, \xE2\x80\x9C"
      "A rail link would cut the journey to twenty "
      "minutes and   take thousands of cars off the ring road. We cannot wait another "
      "decade.\xE2\x80\x9D\n";
  Document doc = Process(text, Format::kText);
  EXPECT_EQ(KindOf(doc, "A rail link would cut"), "pull_quote");
  // The passage survives once, inside the attributed quotation.
  std::string key = "A rail link would cut the journey";
  size_t first = doc.text.find(key);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(doc.text.find(key, first + 1), std::string::npos);
  EXPECT_TRUE(InText(doc, "Mayor Ines Varga said"));
  ExpectNothingLost(doc);
}

TEST(CleanText, DuplicateParagraphKeptOnce) {
  const char* text =
      "Storm Warning Issued\n"
      "\n"
      "Forecasters warned of gale-force winds along the northern coast tonight.\n"
      "\n"
      "Schools will close early on Thursday, the education office said.\n"
      "\n"
      "Forecasters warned of gale-force winds along the northern coast tonight.\n";
  Document doc = Process(text, Format::kText);
  EXPECT_EQ(KindOf(doc, "Forecasters warned"), "duplicate");
  EXPECT_EQ(doc.paragraphs.size(), 2u);
}

TEST(CleanText, BylineForms) {
  const char* forms[] = {"Staff Reporter", "By Lena Park", "Web Desk |", "Omar Haddad | Reuters"};
  const char* names[] = {"Staff Reporter", "Lena Park", "Web Desk", "Omar Haddad, Reuters"};
  for (int i = 0; i < 4; ++i) {
    std::string text = std::string("Farmers Seek Drought Aid\n\n") + forms[i] +
                       "\n\nFarmers in the eastern province asked the government for "
                       "emergency aid after a third dry season.\n";
    Document doc = Process(text, Format::kText);
    EXPECT_EQ(doc.meta.byline, names[i]) << forms[i];
    EXPECT_EQ(KindOf(doc, forms[i]), "byline") << forms[i];
  }
}

TEST(CleanText, ProseStartingLikeChromeIsKept) {
  const char* text =
      "Museum Reopens\n"
      "\n"
      "Welcome to the new era of the city museum, the director told visitors as the "
      "doors opened after three years of repairs on Saturday morning.\n"
      "\n"
      "Subscribers to the museum's newsletter were given early access.\n";
  Document doc = Process(text, Format::kText);
  EXPECT_TRUE(InText(doc, "Welcome to the new era"));
  EXPECT_TRUE(InText(doc, "Subscribers to the museum"));
}

const char kHtmlPage[] =
    "<html><head><title>Council Delays Vote | Lakeside Gazette</title></head><body>"
    "<header class='site-header'><nav class='main-nav'><ul>"
    "<li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
    "<li><a href='/sport'>Sport</a></li><li><a href='/opinion'>Opinion</a></li></ul></nav>"
    "</header>"
    "<div class='layout has-sidebar'><main><article class='post'>"
    "<h1 class='entry-title'>Council Delays Vote</h1>"
    "<div class='byline'>By Ruth Adeyemi</div>"
    "<div class='entry-content'>"
    "<p>The town council postponed its vote on the new harbour plan on Tuesday after "
    "residents packed the chamber to object to the height of the proposed towers.</p>"
    "<p>Councillor Dev Mehta said the plan needed more consultation, and that a new "
    "date would be set within a month.</p>"
    "<p class='related-link'>Read more: <a href='/a'>Harbour plan explained</a></p>"
    "<h2>What Happens Next</h2>"
    "<p>Planning officers will publish revised drawings, and the public will have "
    "four weeks to comment on them before the council meets again.</p>"
    "<div class='share-tools'><a href='#'>Facebook</a> <a href='#'>Twitter</a></div>"
    "<p>Developers said they were disappointed by the delay but would take part in "
    "the consultation.</p>"
    "</div></article></main>"
    "<aside class='sidebar'><h3>Most Read</h3><ul>"
    "<li><a href='/1'>Lakeside school wins national award for its science program</a></li>"
    "<li><a href='/2'>Road closures expected over the holiday weekend in the centre</a></li>"
    "</ul><p>Our newsletter is sent every morning with the day's top stories and more.</p>"
    "</aside></div>"
    "<footer class='site-footer'><p>Contact us at the newsroom for corrections and "
    "complaints about our coverage.</p><p>\xC2\xA9 2024 Lakeside Gazette</p></footer>"
    "</body></html>";

TEST(CleanHtml, BodyChosenAndChromeRemoved) {
  Document doc = Process(kHtmlPage, Format::kHtml);
  EXPECT_EQ(doc.meta.title, "Council Delays Vote");
  EXPECT_EQ(doc.meta.site, "Lakeside Gazette");
  EXPECT_EQ(doc.meta.byline, "Ruth Adeyemi");
  EXPECT_EQ(doc.text.rfind("The town council postponed", 0), 0u);
  EXPECT_TRUE(InText(doc, "Councillor Dev Mehta"));
  EXPECT_TRUE(InText(doc, "What Happens Next"));
  EXPECT_TRUE(InText(doc, "Developers said they were disappointed"));
  EXPECT_FALSE(InText(doc, "Read more"));
  EXPECT_FALSE(InText(doc, "Facebook"));
  EXPECT_FALSE(InText(doc, "school wins national award"));
  EXPECT_FALSE(InText(doc, "newsletter"));
  EXPECT_FALSE(InText(doc, "Contact us"));
  EXPECT_FALSE(InText(doc, "Sport"));
  EXPECT_EQ(KindOf(doc, "Council Delays Vote"), "title");
  EXPECT_EQ(KindOf(doc, "Read more"), "read_more");
  ExpectNothingLost(doc);
}

TEST(CleanHtml, BlockquotePullQuoteRemoved) {
  std::string page =
      "<html><body><article><div class='article-body'>"
      "<p>The minister announced a freeze on fuel prices for six months, citing rising "
      "household costs across the country.</p>"
      "<blockquote class='pullquote'><p>\"No family should choose between heating and "
      "eating this winter.\"</p></blockquote>"
      "<p>Opposition leaders called the measure overdue and said it would not reach the "
      "poorest households quickly enough.</p>"
      "<p>\xE2\x80\x9CNo family should choose between heating and eating this winter,"
      "\xE2\x80\x9D the minister told reporters, adding that the cost would be met from "
      "reserves.</p></div></article></body></html>";
  Document doc = Process(page, Format::kHtml);
  EXPECT_EQ(KindOf(doc, "No family should choose"), "pull_quote");
  EXPECT_TRUE(InText(doc, "the minister told reporters"));
}

TEST(CleanHtml, JsonLdArticleBodyUsedWhenMarkupLacksIt) {
  std::string body =
      "Rescue teams reached the flooded village of Marrow Creek on Sunday after two days "
      "of heavy rain cut the only road.\\nAbout 300 residents were moved to a school on "
      "higher ground, the regional emergency office said, and no casualties were "
      "reported.";
  std::string page =
      "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\","
      "\"headline\":\"Village Cut Off by Floods\",\"articleBody\":\"" +
      body +
      "\"}</script></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
      "<div id='app'>Loading...</div></body></html>";
  Document doc = Process(page, Format::kHtml);
  EXPECT_EQ(doc.meta.title, "Village Cut Off by Floods");
  EXPECT_EQ(doc.text.rfind("Rescue teams reached", 0), 0u);
  EXPECT_EQ(doc.paragraphs.size(), 2u);
  EXPECT_FALSE(InText(doc, "Loading"));
}

TEST(CleanHtml, MalformedPageStillCleans) {
  Document doc = Process(
      "<div><p>Half a page <a href='x'>with a link<p>and a second paragraph that "
      "goes on for a while to look like prose.</div></span></td>",
      Format::kHtml);
  ExpectNothingLost(doc);
}

// The real ingest + clean stages on the specimen page: general properties only.
TEST(CleanSeed, SpecimenPageProperties) {
  std::string path = std::string(DYAD_SHARED_DIR) + "/seed/000_be7709c430ffb8e4.txt";
  std::ifstream in(path, std::ios::binary);
  if (!in) GTEST_SKIP() << "no specimen at " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  Document doc = Process(ss.str(), Format::kText);
  EXPECT_FALSE(doc.meta.title.empty());
  EXPECT_TRUE(doc.meta.page_date.known());
  EXPECT_FALSE(doc.meta.site.empty());
  EXPECT_FALSE(doc.meta.byline.empty());
  ASSERT_FALSE(doc.paragraphs.empty());
  std::set<std::string> seen;
  for (const Span& p : doc.paragraphs) {
    std::string para(doc.Text(p));
    EXPECT_NE(para.rfind("Read more", 0), 0u) << para;
    EXPECT_TRUE(seen.insert(ingest::MatchKey(para)).second) << "twice: " << para;
  }
  // No paragraph is contained in another one (pull quotes removed).
  std::vector<std::string> keys(seen.begin(), seen.end());
  for (const std::string& a : keys) {
    if (a.size() < 40) continue;
    for (const std::string& b : keys) {
      if (&a != &b && b.size() > a.size()) {
        EXPECT_EQ(b.find(a), std::string::npos) << a;
      }
    }
  }
  EXPECT_EQ(doc.text.find("\nRead more"), std::string::npos);
  ExpectNothingLost(doc);
}

// A trailing notice is a copyright line up to 30 words of its key; a longer
// one is prose. Runs without letters or digits ("--") are words of the key.
TEST(CleanText, CopyrightLineUpToThirtyWords) {
  auto page = [](int words, bool dash) {
    std::string notice = "All rights reserved";
    for (int i = 3; i < words; ++i) notice += i == 10 && dash ? " --" : " word";
    return "Harbour Workers Strike Over Pay\n\n"
           "Dock workers in Port Serrano walked out on Friday after talks with the shipping "
           "companies over a new pay deal collapsed late on Thursday night.\n\n" +
           notice + ".\n";
  };
  EXPECT_FALSE(InText(Process(page(30, false), Format::kText), "All rights reserved"));
  EXPECT_FALSE(InText(Process(page(30, true), Format::kText), "All rights reserved"));
  EXPECT_TRUE(InText(Process(page(31, false), Format::kText), "All rights reserved"));
  EXPECT_TRUE(InText(Process(page(31, true), Format::kText), "All rights reserved"));
}

}  // namespace
}  // namespace dyad::clean

namespace dyad::clean {
namespace {

TEST(CleanFallback, SingleLineWithoutFinalStopIsKept) {
  Document doc;
  doc.format = Format::kText;
  doc.raw = "Rebels seize border town after heavy fighting with army";
  ASSERT_TRUE(ingest::Run(Config::Default(), doc).ok());
  ASSERT_TRUE(clean::Run(Config::Default(), doc).ok());
  EXPECT_EQ(doc.text, "Rebels seize border town after heavy fighting with army");
  ASSERT_EQ(doc.paragraphs.size(), 1u);
}

TEST(CleanText, SentenceCaseHeadlineIsTheTitle) {
  Document doc = Process(
      "Marovia accuses Kestrel of shelling border villages\n"
      "\n"
      "DUNMORE (Wire) - Marovia on Tuesday accused Kestrel of shelling three "
      "villages near the border, the foreign ministry said.\n",
      Format::kText);
  EXPECT_EQ(doc.meta.title, "Marovia accuses Kestrel of shelling border villages");
  EXPECT_EQ(KindOf(doc, "Marovia accuses Kestrel of shelling border"), "title");
  EXPECT_EQ(doc.text.rfind("DUNMORE (Wire)", 0), 0u);
  ExpectNothingLost(doc);
}

TEST(CleanText, TrailingShareBarAndLongCopyrightRemoved) {
  const std::string page =
      "Harbour Workers Strike Over Pay\n\n"
      "Dock workers in Port Serrano walked out on Friday after talks with the shipping "
      "companies over a new pay deal collapsed late on Thursday night.\n\n"
      "The union said the strike would last until the companies returned to the table "
      "with a better offer for the lowest-paid crews.\n\n"
      "Share this:\n"
      "Facebook | Twitter | Telegram | Email\n\n"
      "\xC2\xA9 2025 Serrano Daily News. All rights reserved. Reproduction of this "
      "material without written permission is prohibited.\n";
  Document doc = Process(page, Format::kText);
  EXPECT_TRUE(InText(doc, "with a better offer for the lowest-paid crews."));
  EXPECT_FALSE(InText(doc, "Facebook"));
  EXPECT_FALSE(InText(doc, "\xC2\xA9"));
  EXPECT_FALSE(InText(doc, "All rights reserved"));
  EXPECT_FALSE(KindOf(doc, "Reproduction of this").empty());
  ExpectNothingLost(doc);
}

}  // namespace
}  // namespace dyad::clean

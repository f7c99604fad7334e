#include "ingest/ingest.h"

#include <gtest/gtest.h>

#include <string>

#include "core/text.h"
#include "dyad/config.h"
#include "dyad/document.h"
#include "ingest/line_util.h"

namespace dyad::ingest {
namespace {

Document Ingest(const std::string& raw, Format format) {
  Document doc;
  doc.raw = raw;
  doc.format = format;
  Status s = Run(Config::Default(), doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return doc;
}

const Block* FindBlock(const Document& doc, const std::string& needle) {
  for (const Block& b : doc.blocks) {
    if (b.text.find(needle) != std::string::npos) return &b;
  }
  return nullptr;
}

TEST(IngestText, LinesBecomeBlocksWithLineNumbers) {
  Document doc = Ingest(
      "Harbor Council Approves New Budget\n\n  The council   voted\t7-2 on "
      "Tuesday, \xE2\x80\x9Cwith reservations,\xE2\x80\x9D said the mayor.\r\n\n"
      "\xC2\xA0\n",
      Format::kText);
  ASSERT_EQ(doc.blocks.size(), 2u);
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kHeading);
  EXPECT_EQ(doc.blocks[0].line, 1);
  EXPECT_EQ(doc.blocks[1].kind, BlockKind::kParagraph);
  EXPECT_EQ(doc.blocks[1].line, 3);
  // White space collapsed, typographic quotes kept as they are.
  EXPECT_EQ(doc.blocks[1].text,
            "The council voted 7-2 on Tuesday, \xE2\x80\x9Cwith reservations,\xE2\x80\x9D "
            "said the mayor.");
}

TEST(IngestText, HeadingShape) {
  EXPECT_TRUE(LooksLikeHeading("Trade Ties Under Strain"));
  EXPECT_TRUE(LooksLikeHeading("Port Expansion and the Fishing Fleet"));
  EXPECT_FALSE(LooksLikeHeading("The minister said the talks would resume."));
  EXPECT_FALSE(LooksLikeHeading("officials declined to comment"));
}

TEST(IngestText, DateLines) {
  Date d;
  ASSERT_TRUE(ParseDateLine("Wednesday, January 8, 2025", &d));
  EXPECT_EQ(d, (Date{2025, 1, 8}));
  ASSERT_TRUE(ParseDateLine("Published: 3rd Feb 2021 10:45 AM GMT", &d));
  EXPECT_EQ(d, (Date{2021, 2, 3}));
  ASSERT_TRUE(ParseDateLine("2020-11-30", &d));
  EXPECT_EQ(d, (Date{2020, 11, 30}));
  EXPECT_FALSE(ParseDateLine("In May 2020 the council met again.", &d));
  EXPECT_FALSE(ParseDateLine("Trade Ties Under Strain", &d));
}

TEST(IngestHtml, BlocksHaveKindContextAndLinkDensity) {
  Document doc = Ingest(
      "<html><body><nav class='site-menu'><ul><li><a href='/'>Home</a></li>"
      "<li><a href='/w'>World</a></li></ul></nav>"
      "<article class='story'><h2>Storm Hits the Coast</h2>"
      "<div class='entry-content'><p>Heavy rain <b>flooded</b> roads, officials "
      "said, and <a href='/x'>ferries</a> were halted.</p>"
      "<script>var x = 'not text';</script><style>p{}</style>"
      "<blockquote><p>We were not ready.</p></blockquote>Loose text in div."
      "</div></article></body></html>",
      Format::kHtml);
  const Block* h = FindBlock(doc, "Storm Hits");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->kind, BlockKind::kHeading);
  EXPECT_EQ(h->heading_level, 2);
  const Block* p = FindBlock(doc, "Heavy rain");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->text, "Heavy rain flooded roads, officials said, and ferries were halted.");
  EXPECT_NE(p->context.find("article"), std::string::npos);
  EXPECT_NE(p->context.find("entry-content"), std::string::npos);
  EXPECT_GT(p->link_density, 0.05f);
  EXPECT_LT(p->link_density, 0.3f);
  const Block* nav = FindBlock(doc, "World");
  ASSERT_NE(nav, nullptr);
  EXPECT_EQ(nav->kind, BlockKind::kListItem);
  EXPECT_NE(nav->context.find("nav"), std::string::npos);
  EXPECT_FLOAT_EQ(nav->link_density, 1.0f);
  const Block* q = FindBlock(doc, "We were not ready.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, BlockKind::kBlockquote);
  const Block* loose = FindBlock(doc, "Loose text in div.");
  ASSERT_NE(loose, nullptr);
  EXPECT_EQ(loose->kind, BlockKind::kParagraph);
  EXPECT_EQ(FindBlock(doc, "not text"), nullptr);
}

TEST(IngestHtml, OpenGraphAndJsonLdMetadata) {
  Document doc = Ingest(
      "<html lang='en-GB'><head><title>Dam Project Delayed | The Valley Post</title>"
      "<meta property='og:title' content='Dam Project Delayed Again'>"
      "<meta property='og:site_name' content='The Valley Post'>"
      "<link rel='canonical' href='https://valleypost.example/dam'>"
      "<script type='application/ld+json'>{\"@context\":\"https://schema.org\","
      "\"@type\":\"NewsArticle\",\"headline\":\"Dam Project Delayed Again\","
      "\"datePublished\":\"2023-05-17T08:30:00+01:00\","
      "\"author\":[{\"@type\":\"Person\",\"name\":\"Mara Ellison\"}]}</script>"
      "</head><body><p>Text.</p></body></html>",
      Format::kHtml);
  EXPECT_EQ(doc.meta.title, "Dam Project Delayed Again");
  EXPECT_EQ(doc.meta.site, "The Valley Post");
  EXPECT_EQ(doc.meta.url, "https://valleypost.example/dam");
  EXPECT_EQ(doc.meta.byline, "Mara Ellison");
  EXPECT_EQ(doc.meta.language, "en");
  EXPECT_EQ(doc.meta.published, (Date{2023, 5, 17}));
  EXPECT_EQ(doc.meta.page_date, (Date{2023, 5, 17}));
  EXPECT_EQ(doc.meta.published_evidence.rfind("html:", 0), 0u);
}

TEST(IngestHtml, TitleTagSuffixAndArticleTime) {
  Document doc = Ingest(
      "<html><head><title>Mill Closes After 80 Years - Riverside Courier</title>"
      "<meta property='article:published_time' content='2022-09-02T10:00:00Z'>"
      "<meta name='author' content='Tom Birch'></head>"
      "<body><p>The mill closed on Friday.</p></body></html>",
      Format::kHtml);
  EXPECT_EQ(doc.meta.title, "Mill Closes After 80 Years");
  EXPECT_EQ(doc.meta.site, "Riverside Courier");
  EXPECT_EQ(doc.meta.byline, "Tom Birch");
  EXPECT_EQ(doc.meta.published, (Date{2022, 9, 2}));
  EXPECT_EQ(doc.meta.published_evidence, "html:article:published_time");
}

TEST(IngestHtml, TimeElementGivesPageDateOnly) {
  Document doc = Ingest(
      "<html><body><h1>Bridge Reopens</h1><time datetime='2021-03-04'>March 4</time>"
      "<p>The bridge reopened.</p></body></html>",
      Format::kHtml);
  EXPECT_EQ(doc.meta.title, "Bridge Reopens");
  EXPECT_EQ(doc.meta.page_date, (Date{2021, 3, 4}));
  EXPECT_FALSE(doc.meta.published.known());
}

TEST(IngestHtml, DeclaredCharsetIsConverted) {
  // "café" and "naïve" in ISO-8859-1.
  Document doc = Ingest(
      "<html><head><meta http-equiv='Content-Type' content='text/html; "
      "charset=iso-8859-1'></head><body><p>A caf\xE9 owner called it na\xEFve.</p>"
      "</body></html>",
      Format::kHtml);
  const Block* p = FindBlock(doc, "owner");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->text, "A caf\xC3\xA9 owner called it na\xC3\xAFve.");
}

TEST(IngestHtml, InvalidUtf8IsRepaired) {
  Document doc = Ingest("<html><body><p>Bad \xFF\xFE bytes here.</p></body></html>", Format::kHtml);
  ASSERT_FALSE(doc.blocks.empty());
  for (const Block& b : doc.blocks) EXPECT_TRUE(IsValidUtf8(b.text)) << b.text;
}

TEST(IngestHtml, MalformedHtmlDoesNotCrash) {
  std::string deep;
  for (int i = 0; i < 3000; ++i) deep += "<div><span>";
  deep += "deep text";
  Document a = Ingest(deep, Format::kHtml);
  EXPECT_NE(FindBlock(a, "deep text"), nullptr);
  Document b =
      Ingest("<p>unclosed <b>bold <i>italic</p></div></td><table><tr><td>cell", Format::kHtml);
  EXPECT_NE(FindBlock(b, "unclosed bold italic"), nullptr);
  const Block* cell = FindBlock(b, "cell");
  ASSERT_NE(cell, nullptr);
  EXPECT_EQ(cell->kind, BlockKind::kTableCell);
  Document c =
      Ingest("<script type='application/ld+json'>{not json</script><<>>&&;", Format::kHtml);
  EXPECT_TRUE(c.meta.title.empty());
}

TEST(IngestHtml, LineBreaks) {
  Document doc = Ingest(
      "<html><body><div>First part<br>same paragraph.<br><br>Second paragraph.</div>"
      "</body></html>",
      Format::kHtml);
  ASSERT_NE(FindBlock(doc, "First part same paragraph."), nullptr);
  const Block* second = FindBlock(doc, "Second paragraph.");
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->text, "Second paragraph.");
}

TEST(IngestText, MatchKeyIgnoresQuotesAndSpacing) {
  EXPECT_EQ(MatchKey("\xE2\x80\x9CWe will  rebuild,\xE2\x80\x9D she said."),
            MatchKey("\"We will rebuild,\" she said"));
  EXPECT_EQ(MatchKey("Port\xE2\x80\x94"
                     "city"),
            "port city");
}

TEST(IngestText, MatchKeyOfAsciiText) {
  EXPECT_EQ(MatchKey("Hello, World's  'best' `days`--now!"), "hello worlds best days now");
  EXPECT_EQ(MatchKey("  -- A1 b2 --  "), "a1 b2");
  EXPECT_EQ(MatchKey(""), "");
}

TEST(IngestText, NormalizeSpaceAroundSingleSpaces) {
  EXPECT_EQ(NormalizeSpace("a b c"), "a b c");
  EXPECT_EQ(NormalizeSpace(" a  b\tc\n"), "a b c");
  // A single space followed by other white space or dropped characters.
  EXPECT_EQ(NormalizeSpace("a \xC2\xA0"
                           "b"),
            "a b");
  EXPECT_EQ(NormalizeSpace("a \xE2\x80\x8B"
                           "b"),
            "a b");
  EXPECT_EQ(NormalizeSpace("a\xE2\x80\x8B b"), "a b");
  EXPECT_EQ(NormalizeSpace("x y\xC2\xADz w "), "x yz w");
  std::string out = "end ";
  AppendNormalizedSpace(" p q ", &out);
  EXPECT_EQ(out, "end p q ");
}

TEST(IngestHtml, PublishedFromMetaKeysTimeAndUrl) {
  Document a = Ingest(
      "<html><head><meta itemprop='datePublished' content='2020-01-05'>"
      "<meta property='og:updated_time' content='2020-01-07T09:00:00Z'></head>"
      "<body><p>Text.</p></body></html>",
      Format::kHtml);
  EXPECT_EQ(a.meta.published, (Date{2020, 1, 5}));
  EXPECT_EQ(a.meta.published_evidence, "html:meta:datepublished");
  EXPECT_EQ(a.meta.modified, (Date{2020, 1, 7}));

  Document b = Ingest(
      "<html><body><span itemprop='author'><span itemprop='name'>Ana Ruiz</span></span>"
      "<time class='entry-date published' datetime='2019-06-30T10:00'>June 30</time>"
      "<p>Text.</p></body></html>",
      Format::kHtml);
  EXPECT_EQ(b.meta.published, (Date{2019, 6, 30}));
  EXPECT_EQ(b.meta.published_evidence, "html:time:published");
  EXPECT_EQ(b.meta.byline, "Ana Ruiz");

  for (auto [url, want] :
       {std::pair<const char*, Date>{"https://x.example/2019/11/18/story-slug", {2019, 11, 18}},
        {"https://x.example/news/2018-10-02-some-story.html", {2018, 10, 2}},
        {"https://x.example/a/20170304/story", {2017, 3, 4}},
        {"https://x.example/2018/10/story.html", {2018, 10, 0}},
        {"https://x.example/item/123456789/story", {}},
        {"https://x.example/1200/11/18/x", {}}}) {
    Document d = Ingest(std::string("<html><head><link rel=canonical href='") + url +
                            "'></head><body><p>Text.</p></body></html>",
                        Format::kHtml);
    EXPECT_EQ(d.meta.published, want) << url;
    if (want.known()) {
      EXPECT_EQ(d.meta.published_evidence, "html:url") << url;
    }
  }
}

TEST(IngestHtml, JsonLdAuthorByGraphReference) {
  Document doc = Ingest(
      "<html><head><script type='application/ld+json'>{\"@context\":\"https://schema.org\","
      "\"@graph\":[{\"@type\":\"Article\",\"headline\":\"H\","
      "\"author\":{\"@id\":\"https://x.example/#/schema/person/1\"},"
      "\"datePublished\":\"2018-04-09T16:02:25+00:00\"},"
      "{\"@type\":\"Person\",\"@id\":\"https://x.example/#/schema/person/1\","
      "\"name\":\"Lee Park\"}]}</script></head><body><p>Text.</p></body></html>",
      Format::kHtml);
  EXPECT_EQ(doc.meta.byline, "Lee Park");
  EXPECT_EQ(doc.meta.published, (Date{2018, 4, 9}));
}

TEST(IngestHtml, MarkupDatesInOtherFormats) {
  Document a = Ingest(
      "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\","
      "\"datePublished\":\"19 Nov 2019 07:09 GMT\",\"dateModified\":\"0001-01-01\"}"
      "</script></head><body><p>Text.</p></body></html>",
      Format::kHtml);
  EXPECT_EQ(a.meta.published, (Date{2019, 11, 19}));
  EXPECT_FALSE(a.meta.modified.known());
  Document b = Ingest(
      "<html><head><meta name='publishdate' content='2019/11/18'></head>"
      "<body><p>Text.</p></body></html>",
      Format::kHtml);
  EXPECT_EQ(b.meta.published, (Date{2019, 11, 18}));
}

TEST(IngestHtml, BothParsersGiveTheSameBlocks) {
  const char* page =
      "<html><head><title>T</title></head><body><div class=story><p>One &amp; two<p>Three "
      "<a href=/x>link</a></div><ul><li>a<li>b</ul><table><tr><td>c<td>d</table></body></html>";
  Config gumbo = Config::Default();
  gumbo.html_parser = HtmlParser::kGumbo;
  Document ours = Ingest(page, Format::kHtml);
  Document ref;
  ref.raw = page;
  ref.format = Format::kHtml;
  ASSERT_TRUE(ingest::Run(gumbo, ref).ok());
  ASSERT_EQ(ours.blocks.size(), ref.blocks.size());
  for (size_t i = 0; i < ours.blocks.size(); ++i) {
    EXPECT_EQ(ours.blocks[i].text, ref.blocks[i].text);
    EXPECT_EQ(ours.blocks[i].context, ref.blocks[i].context);
    EXPECT_EQ(ours.blocks[i].kind, ref.blocks[i].kind);
    EXPECT_FLOAT_EQ(ours.blocks[i].link_density, ref.blocks[i].link_density);
  }
}

}  // namespace
}  // namespace dyad::ingest

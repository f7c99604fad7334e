// Copyright (c) dyad authors. Licensed under the Apache License 2.0.

#include "segment/segment.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dyad::segment {
namespace {

// Segments `text` (one paragraph per blank-line block).
Document Seg(const std::string& text) {
  Document doc;
  doc.text = text;
  Status s = Run(Config::Default(), doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return doc;
}

std::vector<std::string> Sentences(const Document& doc) {
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) out.emplace_back(doc.Text(s.span));
  return out;
}

std::vector<std::string> Surfaces(const Document& doc) {
  std::vector<std::string> out;
  for (const Token& t : doc.tokens) out.emplace_back(doc.Text(t.span));
  return out;
}

std::vector<std::string> Lowers(const Document& doc) {
  std::vector<std::string> out;
  for (const Token& t : doc.tokens) out.push_back(t.lower);
  return out;
}

using V = std::vector<std::string>;

TEST(SegmentSentences, BasicBreaks) {
  Document d = Seg("The talks ended. Both sides left! Will they return? Nobody knows.");
  EXPECT_EQ(Sentences(d),
            (V{"The talks ended.", "Both sides left!", "Will they return?", "Nobody knows."}));
}

TEST(SegmentSentences, TitlesAndInitialsDoNotBreak) {
  Document d = Seg("Gen. Tariq Malik met Col. J. Harlow in Dec. 2018. Mr. Harlow said little.");
  EXPECT_EQ(Sentences(d),
            (V{"Gen. Tariq Malik met Col. J. Harlow in Dec. 2018.", "Mr. Harlow said little."}));
}

TEST(SegmentSentences, DottedAbbreviations) {
  Document d =
      Seg("The U.S. Army and the U.N. agreed, i.e. they signed. Talks moved to the U.S. The "
          "delegates flew home.");
  EXPECT_EQ(Sentences(d), (V{"The U.S. Army and the U.N. agreed, i.e. they signed.",
                             "Talks moved to the U.S.", "The delegates flew home."}));
}

TEST(SegmentSentences, EtceteraEndsOnlyBeforeStarter) {
  Document d = Seg("They bought tanks, jets, etc. The deal closed. Guns, boats, etc. Were sold.");
  // "Were" is not a sentence starter word, so no break after the second etc.
  EXPECT_EQ(Sentences(d), (V{"They bought tanks, jets, etc.", "The deal closed.",
                             "Guns, boats, etc. Were sold."}));
}

TEST(SegmentSentences, DecimalsAndNumbers) {
  Document d = Seg("Trade grew 3.5 percent to $1,000 million. No. 4 was next.");
  EXPECT_EQ(Sentences(d), (V{"Trade grew 3.5 percent to $1,000 million.", "No. 4 was next."}));
  EXPECT_EQ(Surfaces(d), (V{"Trade", "grew", "3.5", "percent", "to", "$", "1,000", "million", ".",
                            "No.", "4", "was", "next", "."}));
}

TEST(SegmentSentences, QuotesWithSaid) {
  Document d =
      Seg("\u201cWe will go,\u201d he said. \u201cWill you?\u201d she asked. \u201cYes.\u201d Then "
          "they left.");
  EXPECT_EQ(Sentences(d), (V{"\u201cWe will go,\u201d he said.", "\u201cWill you?\u201d she asked.",
                             "\u201cYes.\u201d", "Then they left."}));
}

TEST(SegmentSentences, AsciiQuotesAndBracketsClose) {
  Document d = Seg("He said \"stop.\" They stopped (mostly.) Then rain fell.");
  EXPECT_EQ(Sentences(d), (V{"He said \"stop.\"", "They stopped (mostly.)", "Then rain fell."}));
}

TEST(SegmentSentences, LowercaseAfterPeriodDoesNotBreak) {
  Document d = Seg("The plan, approx. ten pages, was read vs. the draft.");
  EXPECT_EQ(d.sentences.size(), 1u);
}

TEST(SegmentSentences, NeverCrossParagraphs) {
  Document doc;
  doc.text = "First part without a stop\nSecond part. Third";
  doc.paragraphs = {Span{0, 25}, Span{26, 44}};
  ASSERT_TRUE(segment::Run(Config::Default(), doc).ok());
  ASSERT_EQ(Sentences(doc), (V{"First part without a stop", "Second part.", "Third"}));
  EXPECT_EQ(doc.sentences[0].paragraph, 0u);
  EXPECT_EQ(doc.sentences[1].paragraph, 1u);
  EXPECT_EQ(doc.sentences[2].paragraph, 1u);
}

TEST(SegmentSentences, TokenRangesAreConsistent) {
  Document d = Seg("One two. Three four five.\n\nSix.");
  ASSERT_EQ(d.sentences.size(), 3u);
  uint32_t next = 0;
  for (size_t s = 0; s < d.sentences.size(); ++s) {
    const Sentence& sent = d.sentences[s];
    EXPECT_EQ(sent.token_begin, next);
    EXPECT_LT(sent.token_begin, sent.token_end);
    for (uint32_t t = sent.token_begin; t < sent.token_end; ++t) {
      EXPECT_EQ(d.tokens[t].sentence, s);
      EXPECT_TRUE(sent.span.Contains(d.tokens[t].span));
    }
    next = sent.token_end;
  }
  EXPECT_EQ(next, d.tokens.size());
  EXPECT_EQ(d.sentences[2].paragraph, 1u);
}

TEST(SegmentTokens, HyphensAndPossessives) {
  Document d =
      Seg("Russia\u2019s military-technical ties de-escalate Friendship-2019 and the "
          "army's role.");
  EXPECT_EQ(Surfaces(d), (V{"Russia", "\u2019s", "military-technical", "ties", "de-escalate",
                            "Friendship-2019", "and", "the", "army", "'s", "role", "."}));
  EXPECT_EQ(d.tokens[1].lower, "'s");
  EXPECT_EQ(d.tokens[0].lower, "russia");
}

TEST(SegmentTokens, ContractionsSplitPennStyle) {
  Document d = Seg("They don't know, we're sure it can\u2019t last. O'Neill won't.");
  EXPECT_EQ(Surfaces(d), (V{"They", "do", "n't", "know", ",", "we", "'re", "sure", "it", "ca",
                            "n\u2019t", "last", ".", "O'Neill", "wo", "n't", "."}));
  EXPECT_EQ(d.tokens[10].lower, "n't");
  EXPECT_EQ(d.tokens[13].lower, "o'neill");
}

TEST(SegmentTokens, QuotesAndDashesNormalised) {
  Document d = Seg("\u00abNo\u00bb \u2014 said \u2018Ali\u2019 \u2013 \"fine\" -- ok...");
  EXPECT_EQ(Surfaces(d), (V{"\u00ab", "No", "\u00bb", "\u2014", "said", "\u2018", "Ali", "\u2019",
                            "\u2013", "\"", "fine", "\"", "--", "ok", "..."}));
  EXPECT_EQ(Lowers(d), (V{"\"", "no", "\"", "\u2014", "said", "'", "ali", "'", "\u2013", "\"",
                          "fine", "\"", "--", "ok", "..."}));
}

TEST(SegmentTokens, OffsetsMatchTextWithUtf8) {
  std::string text =
      "Pr\u00e9sident \u00c9mile Lef\u00e8vre visited S\u00e3o Paulo on the 2nd, 10:30 a.m., "
      "and said: \u201cThe M\u00fcller plan is 5.5% better.\u201d";
  Document d = Seg(text);
  V expect{"Pr\u00e9sident",
           "\u00c9mile",
           "Lef\u00e8vre",
           "visited",
           "S\u00e3o",
           "Paulo",
           "on",
           "the",
           "2nd",
           ",",
           "10:30",
           "a.m.",
           ",",
           "and",
           "said",
           ":",
           "\u201c",
           "The",
           "M\u00fcller",
           "plan",
           "is",
           "5.5",
           "%",
           "better",
           ".",
           "\u201d"};
  EXPECT_EQ(Surfaces(d), expect);
  EXPECT_EQ(d.tokens[1].lower, "\u00e9mile");
  EXPECT_EQ(d.tokens[18].lower, "m\u00fcller");
  for (const Token& t : d.tokens) {
    ASSERT_LE(t.span.end, text.size());
    EXPECT_FALSE(t.span.empty());
  }
}

TEST(SegmentTokens, EmptyAndWhitespaceOnly) {
  Document d = Seg("   \n\n  ");
  EXPECT_TRUE(d.sentences.empty());
  EXPECT_TRUE(d.tokens.empty());
}

TEST(SegmentTokens, InvalidUtf8DoesNotCrash) {
  Document d = Seg(std::string("Bad \xff\xfe bytes. Next \xe2\x80 one."));
  EXPECT_GE(d.sentences.size(), 1u);
  for (const Token& t : d.tokens) EXPECT_LE(t.span.end, d.text.size());
}

TEST(SegmentData, MissingDataDirIsNotFound) {
  Document doc;
  doc.text = "Hello.";
  Config c = Config::Default();
  c.data_dir = "/nonexistent-dyad-dir";
  Status s = segment::Run(c, doc);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_NE(s.message().find("abbreviations.tsv"), std::string::npos);
}

}  // namespace
}  // namespace dyad::segment

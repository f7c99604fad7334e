// Copyright (c) dyad authors. Licensed under the Apache License 2.0.

#include "quotes/quotes.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "coref/coref.h"
#include "dyad/config.h"
#include "quotes/cues.h"
#include "test_doc.h"

namespace dyad {
namespace {

using testing::AddEntity;
using testing::BuildDoc;
using testing::SortMentions;

// A document with two analysts, a ministry and two countries named.
class QuotesTest : public ::testing::Test {
 protected:
  Document Make(const std::string& text) {
    Document doc = BuildDoc(text);
    AddEntity(doc, "Maria Okafor", EntityType::kPerson, "Finance Minister",
              {"Maria Okafor", "Okafor"});
    AddEntity(doc, "Tomas Reyes", EntityType::kPerson, "", {"Tomas Reyes", "Reyes"});
    AddEntity(doc, "Ministry of Trade", EntityType::kOrganization, "",
              {"Ministry of Trade", "ministry"});
    AddEntity(doc, "Chile", EntityType::kCountry, "", {"Chile"});
    AddEntity(doc, "Norway", EntityType::kCountry, "", {"Norway"});
    SortMentions(doc);
    return doc;
  }
  // Runs coref then quotes.
  void Run(Document& doc) {
    ASSERT_TRUE(coref::Run(config_, doc).ok());
    Status s = quotes::Run(config_, doc);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  std::string Speaker(const Document& doc, size_t q) {
    if (q >= doc.quotes.size()) return "<no quote>";
    int32_t s = doc.quotes[q].speaker;
    return s < 0 ? "" : doc.entities[s].name;
  }
  std::string Said(const Document& doc, size_t q) {
    return q < doc.quotes.size() ? std::string(doc.Text(doc.quotes[q].span)) : "<no quote>";
  }
  Config config_ = Config::Default();
};

TEST_F(QuotesTest, CurlyDoubleCueBefore) {
  Document doc = Make("Maria Okafor noted, \u201CThe budget is balanced for the first time.\u201D");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Said(doc, 0), "The budget is balanced for the first time.");
  EXPECT_EQ(Speaker(doc, 0), "Maria Okafor");
  EXPECT_EQ(doc.quotes[0].cue, "noted");
  EXPECT_EQ(doc.Text(doc.quotes[0].cue_span), "noted");
  EXPECT_EQ(doc.quotes[0].kind, QuoteKind::kDirect);
  EXPECT_GE(doc.quotes[0].speaker_mention, 0);
}

TEST_F(QuotesTest, CueAfterSubjectVerb) {
  Document doc = Make("\u201CWe will not raise taxes this year,\u201D Okafor said on Monday.");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Speaker(doc, 0), "Maria Okafor");
  EXPECT_EQ(doc.quotes[0].cue, "said");
}

TEST_F(QuotesTest, CueAfterInverted) {
  Document doc = Make("\u201CThe talks were useful,\u201D said Tomas Reyes, a trade adviser.");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Speaker(doc, 0), "Tomas Reyes");
}

TEST_F(QuotesTest, CueInsideSplitQuotation) {
  Document doc =
      Make("\u201CThe deal is fair,\u201D Reyes said, \u201Cand both sides gain from it.\u201D");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(Speaker(doc, 0), "Tomas Reyes");
  EXPECT_EQ(Speaker(doc, 1), "Tomas Reyes");
  EXPECT_EQ(Said(doc, 1), "and both sides gain from it.");
}

TEST_F(QuotesTest, StraightDoubleQuotes) {
  Document doc = Make(
      "Tomas Reyes said: \"Exports to Norway doubled.\" Later \"we expect more growth,\" "
      "Okafor added.");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(Said(doc, 0), "Exports to Norway doubled.");
  EXPECT_EQ(Speaker(doc, 0), "Tomas Reyes");
  EXPECT_EQ(Said(doc, 1), "we expect more growth,");
  EXPECT_EQ(Speaker(doc, 1), "Maria Okafor");
}

TEST_F(QuotesTest, SingleCurlyQuotesAndApostrophes) {
  Document doc = Make(
      "Chile\u2019s envoy spoke first. \u2018We don\u2019t accept the terms we were given,\u2019 "
      "Reyes said.");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Said(doc, 0), "We don\u2019t accept the terms we were given,");
  EXPECT_EQ(Speaker(doc, 0), "Tomas Reyes");
}

TEST_F(QuotesTest, StraightSingleQuotesAndElision) {
  Document doc =
      Make("Reyes said 'tis the season for deals and then added, 'It's a good time to sign.'");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Said(doc, 0), "It's a good time to sign.");
  EXPECT_EQ(Speaker(doc, 0), "Tomas Reyes");
}

TEST_F(QuotesTest, Guillemets) {
  Document doc = Make("Okafor declared: \u00ABThe crisis is over for our farmers.\u00BB");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Said(doc, 0), "The crisis is over for our farmers.");
  EXPECT_EQ(Speaker(doc, 0), "Maria Okafor");
  EXPECT_EQ(doc.quotes[0].cue, "declared");
}

TEST_F(QuotesTest, PronounSpeakerViaCoref) {
  Document doc = Make(
      "Tomas Reyes arrived in Chile on Tuesday.\n\nHe said, \u201CThis visit opens a new "
      "chapter.\u201D");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Speaker(doc, 0), "Tomas Reyes");
  ASSERT_GE(doc.quotes[0].speaker_mention, 0);
  EXPECT_EQ(doc.mentions[doc.quotes[0].speaker_mention].kind, MentionKind::kPronoun);
}

TEST_F(QuotesTest, DescriptionSpeakerViaCoref) {
  Document doc = Make(
      "Tomas Reyes, a veteran trade analyst, met officials in Chile.\n\nThe trade analyst "
      "observed, \u201CThe tariffs will fall within a year.\u201D");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Speaker(doc, 0), "Tomas Reyes");
  ASSERT_GE(doc.quotes[0].speaker_mention, 0);
  EXPECT_EQ(doc.mentions[doc.quotes[0].speaker_mention].kind, MentionKind::kDescription);
}

TEST_F(QuotesTest, PressReleaseSpeaker) {
  Document doc = Make(
      "A press release issued by the Ministry of Trade noted, \u201CExports rose by a third "
      "in the first quarter.\u201D\n\nIt further added, \u201CNew markets will open next "
      "year.\u201D");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 2u);
  ASSERT_GE(doc.quotes[0].speaker, 0);
  const Entity& e = doc.entities[doc.quotes[0].speaker];
  EXPECT_EQ(e.type, EntityType::kDocument);
  EXPECT_EQ(e.name, "Ministry of Trade press release");
  EXPECT_EQ(doc.quotes[1].speaker, doc.quotes[0].speaker);
}

TEST_F(QuotesTest, PartialQuotation) {
  Document doc = Make(
      "Okafor said the two countries had \u201Cfound a way to settle old disputes over "
      "fishing rights\u201D during the summit.");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].kind, QuoteKind::kPartial);
  EXPECT_EQ(Speaker(doc, 0), "Maria Okafor");
}

TEST_F(QuotesTest, NestedWithOwnSpeaker) {
  Document doc = Make(
      "Reyes recalled, \u201CThe warning was delivered by Norway to our embassy saying "
      "\u2018we will not tolerate further delays in the payments\u2019 and we took it "
      "seriously.\u201D");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(Speaker(doc, 0), "Tomas Reyes");
  EXPECT_EQ(doc.quotes[1].kind, QuoteKind::kNested);
  EXPECT_EQ(doc.quotes[1].nested_in, 0);
  EXPECT_EQ(Speaker(doc, 1), "Norway");
  EXPECT_EQ(doc.quotes[1].cue, "saying");
}

TEST_F(QuotesTest, NestedFallsBackToOuterSpeaker) {
  Document doc = Make(
      "Okafor said, \u201CMy answer to them was \u201Cwe need another month to decide\u201D "
      "and they agreed.\u201D");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(doc.quotes[1].kind, QuoteKind::kNested);
  EXPECT_EQ(Speaker(doc, 1), "Maria Okafor");
}

TEST_F(QuotesTest, MultiParagraphContinuation) {
  Document doc = Make(
      "Okafor told reporters, \u201CThe reform took two years to prepare.\n\n\u201CIt will "
      "now go to parliament for a vote.\u201D\n\nThe vote is expected in May.");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(Said(doc, 0), "The reform took two years to prepare.");
  EXPECT_EQ(Speaker(doc, 0), "Maria Okafor");
  EXPECT_EQ(Speaker(doc, 1), "Maria Okafor");
}

TEST_F(QuotesTest, UnclosedRecoversAtParagraphEnd) {
  Document doc = Make(
      "Reyes explained, \u201CWe lost the contract to a rival bid. Nobody expected "
      "that.\n\nThe ministry later confirmed the decision.");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Said(doc, 0), "We lost the contract to a rival bid. Nobody expected that.");
  EXPECT_EQ(Speaker(doc, 0), "Tomas Reyes");
}

TEST_F(QuotesTest, ScareQuotesAndNamesSkipped) {
  Document doc = Make(
      "The \u201CBlue Harbour 2021\u201D exercise and the so-called \u201Cgrey zone\u201D "
      "were discussed, as was the \u201Cpartnership\u201D.");
  Run(doc);
  EXPECT_TRUE(doc.quotes.empty());
}

TEST_F(QuotesTest, ShortQuoteWithVerbKept) {
  Document doc = Make("\u201CWe will win,\u201D Okafor said.");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Speaker(doc, 0), "Maria Okafor");
}

TEST_F(QuotesTest, ApostrophesAreNotMarks) {
  Document doc = Make(
      "Norway\u2019s and Chile's officials didn't meet; the countries\u2019 ties are "
      "strained, rock 'n' roll aside.");
  Run(doc);
  EXPECT_TRUE(doc.quotes.empty());
}

TEST_F(QuotesTest, InheritsSpeakerInParagraph) {
  Document doc = Make(
      "Okafor said, \u201CThe plan is ready.\u201D She spoke for an hour. \u201CWe start "
      "in June and finish by December.\u201D");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(Speaker(doc, 1), "Maria Okafor");
}

TEST_F(QuotesTest, AccordingTo) {
  Document doc =
      Make("According to Reyes, \u201Cthe shipments were delayed by a strike at the port.\u201D");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Speaker(doc, 0), "Tomas Reyes");
  EXPECT_EQ(doc.quotes[0].cue, "according to");
}

TEST_F(QuotesTest, ParticipialOpenerAndApposition) {
  Document doc = Make(
      "Citing the drop in exports to Chile, Tomas Reyes, adviser to the Ministry of Trade, "
      "warned, \u201CThe next quarter will be harder for everyone.\u201D");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Speaker(doc, 0), "Tomas Reyes");
  EXPECT_EQ(doc.quotes[0].cue, "warned");
}

TEST_F(QuotesTest, UnknownSpeaker) {
  Document doc = Make(
      "A senior diplomat, speaking anonymously, said: \u201CThe talks could collapse at any "
      "moment.\u201D");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].speaker, -1);
  EXPECT_EQ(doc.quotes[0].cue, "said");
}

TEST_F(QuotesTest, DuplicateQuotationKeptOnce) {
  Document doc = Make(
      "\u201CPrices will stabilise soon enough.\u201D\n\nOkafor said, \u201CPrices will "
      "stabilise soon enough.\u201D");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Speaker(doc, 0), "Maria Okafor");
}

TEST_F(QuotesTest, NoTextNoQuotes) {
  Document doc;
  ASSERT_TRUE(quotes::Run(config_, doc).ok());
  EXPECT_TRUE(doc.quotes.empty());
}

TEST_F(QuotesTest, BadLexiconNamesFileAndLine) {
  std::string dir = ::testing::TempDir() + "/dyad_quotes_bad";
  ASSERT_EQ(std::system(("mkdir -p " + dir).c_str()), 0);
  FILE* f = std::fopen((dir + "/cues.tsv").c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("# header\nsaid\tsay\tverb\nshouted\tshout\n", f);
  std::fclose(f);
  Config c = config_;
  c.data_dir = dir;
  Document doc = Make("Okafor said, \u201CWe are done with this.\u201D");
  Status s = quotes::Run(c, doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("cues.tsv:3"), std::string::npos) << s.message();
}

TEST(QuotesSurname, BareSurnameWithoutMention) {
  Document doc = BuildDoc(
      "Nadia Hollis toured the plant.\n\nHollis explained, \u201CThe new line doubles our "
      "output.\u201D");
  AddEntity(doc, "Nadia Hollis", EntityType::kPerson, "", {"Nadia Hollis"});
  SortMentions(doc);
  Config c = Config::Default();
  ASSERT_TRUE(coref::Run(c, doc).ok());
  ASSERT_TRUE(quotes::Run(c, doc).ok());
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].speaker, 0);
  EXPECT_EQ(doc.quotes[0].speaker_mention, -1);
}

TEST(QuotesScan, MarksAndParents) {
  Document doc = BuildDoc("\u201CA \u2018b c\u2019 d\u201D and \"e f\" g.");
  std::vector<quotes::RawQuote> raws = quotes::ScanQuotes(doc);
  ASSERT_EQ(raws.size(), 3u);
  EXPECT_EQ(doc.Text(raws[0].inner), "A \u2018b c\u2019 d");
  EXPECT_EQ(raws[1].parent, 0);
  EXPECT_TRUE(raws[1].single);
  EXPECT_EQ(doc.Text(raws[2].inner), "e f");
  EXPECT_EQ(raws[2].parent, -1);
}

TEST(QuotesScan, DocumentQuotesFollowsTheText) {
  Document a = BuildDoc("\u201CWe will stay,\u201D she said. \"No,\" he said.");
  const std::vector<quotes::RawQuote>& first = quotes::DocumentQuotes(a);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(a.Text(first[1].inner), "No,");
  // Another text on the same thread is scanned afresh, not served the last answer.
  Document b = BuildDoc("He said \"yes\" twice.");
  const std::vector<quotes::RawQuote>& second = quotes::DocumentQuotes(b);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(b.Text(second[0].inner), "yes");
  // Same text, other paragraphs: scanned afresh too.
  Document c = BuildDoc("He said \"yes\" twice.");
  c.paragraphs.clear();
  EXPECT_TRUE(quotes::DocumentQuotes(c).empty());
  EXPECT_EQ(quotes::DocumentQuotes(b).size(), quotes::ScanQuotes(b).size());
}

TEST_F(QuotesTest, ShortFragmentWithCueIsAQuotation) {
  Document doc = Make(
      "Maria Okafor described the new tariff as \u201Cfair and overdue\u201D. Tomas Reyes "
      "left the \u201Cgreen room\u201D early.");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Said(doc, 0), "fair and overdue");
  EXPECT_EQ(Speaker(doc, 0), "Maria Okafor");
  EXPECT_EQ(doc.quotes[0].kind, QuoteKind::kPartial);
}

TEST_F(QuotesTest, AccusationFragmentIsAttributed) {
  Document doc =
      Make("Tomas Reyes accused Norway of \u201Ca reckless breach of the fishing accord\u201D.");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Speaker(doc, 0), "Tomas Reyes");
  EXPECT_EQ(doc.quotes[0].cue, "accused");
  EXPECT_EQ(doc.quotes[0].kind, QuoteKind::kPartial);
}

TEST_F(QuotesTest, NestedQuoteInItsOwnSentenceTakesTheCueBefore) {
  Document doc = Make(
      "Tomas Reyes said, \u201CChile told the envoys that the quota was final. "
      "\u2018We will not sell the fleet,\u2019 was the message, and I believed it.\u201D");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(Speaker(doc, 0), "Tomas Reyes");
  EXPECT_EQ(doc.quotes[1].kind, QuoteKind::kNested);
  EXPECT_EQ(doc.quotes[1].nested_in, 0);
  EXPECT_EQ(Speaker(doc, 1), "Chile");
}

TEST_F(QuotesTest, FragmentsTheSentenceRunsOnFromArePartial) {
  Document doc = Make(
      "\u201CA fair and final offer\u201D was how Maria Okafor described the plan on "
      "Monday.\n\nTomas Reyes said \u201Cthe fleet is ready\u201D and left.\n\n"
      "\u201CThe fleet is ready,\u201D Tomas Reyes said, \u201Cand the crews are "
      "rested.\u201D");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 4u);
  EXPECT_EQ(doc.quotes[0].kind, QuoteKind::kPartial) << Said(doc, 0);
  EXPECT_EQ(doc.quotes[1].kind, QuoteKind::kPartial) << Said(doc, 1);
  EXPECT_EQ(doc.quotes[2].kind, QuoteKind::kDirect) << Said(doc, 2);
  EXPECT_EQ(doc.quotes[3].kind, QuoteKind::kDirect) << Said(doc, 3);
  EXPECT_EQ(Speaker(doc, 3), "Tomas Reyes");
}

TEST_F(QuotesTest, SameMarkNestingClosedEarlyIsRepaired) {
  // Three closing marks for two opening ones: the last closes the outer
  // quotation, which keeps the words after the inner one.
  Document doc = Make(
      "Tomas Reyes said, \u201CNorway told the envoys that the quota was final. "
      "\u201CWe will not sell the fleet\u201D why would anyone doubt it?\u201D was "
      "the message.\u201D");
  Run(doc);
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(Said(doc, 0),
            "Norway told the envoys that the quota was final. \u201CWe will not sell the "
            "fleet\u201D why would anyone doubt it?\u201D was the message.");
  EXPECT_EQ(Speaker(doc, 0), "Tomas Reyes");
  EXPECT_EQ(doc.quotes[1].nested_in, 0);
  EXPECT_EQ(Speaker(doc, 1), "Norway");
}

}  // namespace
}  // namespace dyad

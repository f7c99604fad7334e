// Copyright (c) dyad authors. Licensed under the Apache License 2.0.

#include "tag/tag.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "segment/segment.h"

namespace dyad::tag {
namespace {

bool Resources() {
  Config c = Config::Default();
  FILE* f = std::fopen(c.poslex_path.c_str(), "rb");
  if (f) std::fclose(f);
  return f != nullptr;
}

#define REQUIRE_RESOURCES() \
  if (!Resources()) GTEST_SKIP() << "festlex-poslex not installed"

Document Tagged(const std::string& text) {
  Document doc;
  doc.text = text;
  Config c = Config::Default();
  Status s = segment::Run(c, doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  s = Run(c, doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return doc;
}

// "word/TAG word/TAG ..." for the whole document.
std::string Tags(const Document& d) {
  std::string out;
  for (const Token& t : d.tokens) {
    if (!out.empty()) out += ' ';
    out += std::string(d.Text(t.span)) + "/" + t.tag;
  }
  return out;
}

std::string TagOf(const Document& d, const std::string& word) {
  for (const Token& t : d.tokens) {
    if (d.Text(t.span) == word) return t.tag;
  }
  return "<missing>";
}

std::string LemmaOf(const Document& d, const std::string& word) {
  for (const Token& t : d.tokens) {
    if (d.Text(t.span) == word) return t.lemma;
  }
  return "<missing>";
}

TEST(TagPos, NounVerbAmbiguities) {
  REQUIRE_RESOURCES();
  Document d = Tagged("The talks will resume next week.");
  EXPECT_EQ(TagOf(d, "talks"), "NNS") << Tags(d);
  EXPECT_EQ(TagOf(d, "resume"), "VB") << Tags(d);
  EXPECT_EQ(TagOf(d, "will"), "MD") << Tags(d);

  d = Tagged("Russia backs Pakistan on trade.");
  EXPECT_EQ(TagOf(d, "Russia"), "NNP") << Tags(d);
  EXPECT_EQ(TagOf(d, "backs"), "VBZ") << Tags(d);
  EXPECT_EQ(TagOf(d, "Pakistan"), "NNP") << Tags(d);

  d = Tagged("They warned Iran.");
  EXPECT_EQ(TagOf(d, "warned"), "VBD") << Tags(d);

  d = Tagged("He has visited Delhi twice.");
  EXPECT_EQ(TagOf(d, "has"), "VBZ") << Tags(d);
  EXPECT_EQ(TagOf(d, "visited"), "VBN") << Tags(d);
  EXPECT_EQ(TagOf(d, "Delhi"), "NNP") << Tags(d);
}

TEST(TagPos, PassiveAndInfinitive) {
  REQUIRE_RESOURCES();
  Document d = Tagged("The meeting was held to discuss the plan.");
  EXPECT_EQ(TagOf(d, "held"), "VBN") << Tags(d);
  EXPECT_EQ(TagOf(d, "to"), "TO") << Tags(d);
  EXPECT_EQ(TagOf(d, "discuss"), "VB") << Tags(d);
  EXPECT_EQ(TagOf(d, "meeting"), "NN") << Tags(d);
}

TEST(TagPos, SentenceInitialCapitals) {
  REQUIRE_RESOURCES();
  Document d = Tagged("Both sides agreed. Moscow rejected the offer. The army withdrew.");
  EXPECT_EQ(TagOf(d, "Both"), "DT") << Tags(d);
  EXPECT_EQ(TagOf(d, "Moscow"), "NNP") << Tags(d);
  EXPECT_EQ(TagOf(d, "The"), "DT") << Tags(d);
  EXPECT_EQ(TagOf(d, "rejected"), "VBD") << Tags(d);
  EXPECT_EQ(TagOf(d, "withdrew"), "VBD") << Tags(d);
}

TEST(TagPos, UnknownWordsByShape) {
  REQUIRE_RESOURCES();
  Document d = Tagged("Brigadier Zorvandi of Kelmistan inspected 49 drones on the 3rd of July.");
  EXPECT_EQ(TagOf(d, "Zorvandi"), "NNP") << Tags(d);
  EXPECT_EQ(TagOf(d, "Kelmistan"), "NNP") << Tags(d);
  EXPECT_EQ(TagOf(d, "49"), "CD") << Tags(d);
  EXPECT_EQ(TagOf(d, "3rd"), "JJ") << Tags(d);
  EXPECT_EQ(TagOf(d, "inspected"), "VBD") << Tags(d);
  d = Tagged("The envoys were zorbling quickly and flimzered the truce.");
  EXPECT_EQ(TagOf(d, "zorbling"), "VBG") << Tags(d);
  EXPECT_EQ(TagOf(d, "flimzered"), "VBD") << Tags(d);
}

TEST(TagPos, PunctuationAndPossessives) {
  REQUIRE_RESOURCES();
  Document d = Tagged("\u201cWe agree,\u201d the minister\u2019s aide said (briefly).");
  EXPECT_EQ(d.tokens[0].tag, "``");
  EXPECT_EQ(TagOf(d, ","), ",");
  EXPECT_EQ(TagOf(d, "\u201d"), "''");
  EXPECT_EQ(TagOf(d, "\u2019s"), "POS") << Tags(d);
  EXPECT_EQ(TagOf(d, "("), "-LRB-");
  EXPECT_EQ(TagOf(d, "."), ".");
  EXPECT_EQ(TagOf(d, "said"), "VBD") << Tags(d);
  EXPECT_EQ(TagOf(d, "their"), "<missing>");
  d = Tagged("They praised their allies and the US.");
  EXPECT_EQ(TagOf(d, "their"), "PRP$") << Tags(d);
  EXPECT_EQ(TagOf(d, "US"), "NNP") << Tags(d);
}

TEST(TagLemma, IrregularAndRegularVerbs) {
  REQUIRE_RESOURCES();
  auto t = Tagger::Get(Config::Default());
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  const Tagger& g = **t;
  struct Case {
    const char* word;
    const char* tag;
    const char* lemma;
  };
  const Case cases[] = {
      {"warned", "VBD", "warn"},   {"met", "VBD", "meet"},      {"offered", "VBD", "offer"},
      {"backed", "VBN", "back"},   {"urged", "VBD", "urge"},    {"said", "VBD", "say"},
      {"held", "VBN", "hold"},     {"called", "VBD", "call"},   {"agreed", "VBD", "agree"},
      {"visited", "VBD", "visit"}, {"denied", "VBD", "deny"},   {"stopped", "VBD", "stop"},
      {"hoping", "VBG", "hope"},   {"holding", "VBG", "hold"},  {"backs", "VBZ", "back"},
      {"denies", "VBZ", "deny"},   {"was", "VBD", "be"},        {"has", "VBZ", "have"},
      {"'s", "VBZ", "be"},         {"n't", "RB", "not"},        {"wo", "MD", "will"},
      {"planned", "VBD", "plan"},  {"went", "VBD", "go"},       {"taken", "VBN", "take"},
      {"talks", "NNS", "talk"},    {"forces", "NNS", "force"},  {"countries", "NNS", "country"},
      {"men", "NNS", "man"},       {"crises", "NNS", "crisis"}, {"taxes", "NNS", "tax"},
      {"buses", "NNS", "bus"},     {"series", "NNS", "series"}, {"bigger", "JJR", "big"},
      {"larger", "JJR", "large"},  {"russia", "NNP", "russia"}, {"forces", "NNPS", "forces"},
      {"talks", "NN", "talks"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(g.Lemma(c.word, c.tag), c.lemma) << c.word << "/" << c.tag;
  }
}

TEST(TagLemma, InDocument) {
  REQUIRE_RESOURCES();
  Document d = Tagged("Officials said the countries stopped their talks.");
  EXPECT_EQ(LemmaOf(d, "said"), "say");
  EXPECT_EQ(LemmaOf(d, "countries"), "country");
  EXPECT_EQ(LemmaOf(d, "stopped"), "stop");
  EXPECT_EQ(LemmaOf(d, "talks"), "talk");
  EXPECT_EQ(LemmaOf(d, "Officials"), "official");
  for (const Token& t : d.tokens) {
    EXPECT_FALSE(t.tag.empty()) << t.lower;
    EXPECT_FALSE(t.lemma.empty()) << t.lower;
  }
}

// Rough accuracy on hand-tagged news-style sentences.
TEST(TagAccuracy, HandTaggedSentences) {
  REQUIRE_RESOURCES();
  const char* gold[] = {
      "The/DT defence/NN minister/NN warned/VBD that/IN the/DT border/NN dispute/NN "
      "could/MD escalate/VB ./.",
      "Officials/NNS from/IN both/DT countries/NNS met/VBD in/IN Geneva/NNP on/IN "
      "Tuesday/NNP ./.",
      "The/DT government/NN has/VBZ rejected/VBN calls/NNS for/IN a/DT new/JJ "
      "election/NN ./.",
      "Police/NNS arrested/VBD three/CD men/NNS after/IN the/DT attack/NN ./.",
      "He/PRP said/VBD the/DT army/NN would/MD continue/VB to/TO support/VB "
      "local/JJ forces/NNS ./.",
      "Protesters/NNS gathered/VBD outside/IN the/DT embassy/NN and/CC demanded/VBD "
      "the/DT release/NN of/IN the/DT prisoners/NNS ./.",
      "The/DT two/CD leaders/NNS signed/VBD an/DT agreement/NN on/IN energy/NN "
      "cooperation/NN ./.",
      "Rebels/NNS killed/VBD four/CD soldiers/NNS in/IN an/DT ambush/NN near/IN "
      "the/DT capital/NN ./.",
      "The/DT president/NN is/VBZ expected/VBN to/TO visit/VB Beijing/NNP next/JJ "
      "month/NN ./.",
      "The/DT ministry/NN accused/VBD the/DT rebels/NNS of/IN violating/VBG the/DT "
      "ceasefire/NN ./.",
      "Both/DT sides/NNS have/VBP agreed/VBN to/TO resume/VB talks/NNS ./.",
      "Aid/NN workers/NNS said/VBD the/DT situation/NN was/VBD getting/VBG worse/JJR ./.",
  };
  int right = 0, total = 0;
  std::string errors;
  for (const char* line : gold) {
    std::istringstream in(line);
    std::string item, text;
    std::vector<std::string> tags;
    while (in >> item) {
      size_t slash = item.rfind('/');
      if (!text.empty() && item.substr(0, slash) != ".") text += ' ';
      text += item.substr(0, slash);
      tags.push_back(item.substr(slash + 1));
    }
    Document d = Tagged(text);
    ASSERT_EQ(d.tokens.size(), tags.size()) << text;
    for (size_t i = 0; i < tags.size(); ++i) {
      ++total;
      if (d.tokens[i].tag == tags[i]) {
        ++right;
      } else {
        errors +=
            std::string(d.Text(d.tokens[i].span)) + "/" + d.tokens[i].tag + "(" + tags[i] + ") ";
      }
    }
  }
  double acc = static_cast<double>(right) / total;
  std::printf("tagger accuracy on hand-tagged sentences: %d/%d = %.3f\n", right, total, acc);
  EXPECT_GE(acc, 0.95) << errors;
  if (!errors.empty()) std::printf("errors: %s\n", errors.c_str());
}

TEST(TagLoad, MissingLexiconIsNotFound) {
  Config c = Config::Default();
  c.poslex_path = "/nonexistent-dyad/poslex";
  auto t = Tagger::Get(c);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kNotFound);
  EXPECT_NE(t.status().message().find("/nonexistent-dyad/poslex"), std::string::npos);
}

// The tagger memoises each word's candidate tags per thread; whether the
// word starts the sentence and whether the sentence is in capitals are part
// of the memo's key, so the same word is tagged by its context whatever
// was tagged before.
TEST(TagMemo, SameWordInOtherContexts) {
  REQUIRE_RESOURCES();
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(TagOf(Tagged("Officials from the US met on Monday."), "US"), "NNP");
    EXPECT_EQ(TagOf(Tagged("OFFICIALS FROM THE US MET ON MONDAY"), "US"), "PRP");
    EXPECT_EQ(TagOf(Tagged("They watched as Will Smith spoke."), "Will"), "NNP");
    EXPECT_EQ(TagOf(Tagged("Will Smith spoke."), "Will"), "MD");
    EXPECT_EQ(TagOf(Tagged("He met Hope Smith in Paris."), "Hope"), "NNP");
    EXPECT_EQ(TagOf(Tagged("Hope rose."), "Hope"), "NN");
  }
}

}  // namespace
}  // namespace dyad::tag

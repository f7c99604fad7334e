// Copyright (c) dyad authors. Licensed under the Apache License 2.0.

#include "coref/coref.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../quotes/test_doc.h"
#include "dyad/config.h"

namespace dyad {
namespace {

using testing::AddEntity;
using testing::BuildDoc;
using testing::SortMentions;

// Names of the entities that mentions of `kind` with surface `surface` point at.
std::vector<std::string> Refs(const Document& doc, const std::string& surface, MentionKind kind) {
  std::vector<std::string> out;
  for (const Mention& m : doc.mentions) {
    if (m.kind == kind && doc.Text(m.span) == surface) out.push_back(doc.entities[m.entity].name);
  }
  return out;
}

void CheckSync(const Document& doc) {
  size_t total = 0;
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    for (uint32_t mi : doc.entities[e].mentions) {
      ASSERT_LT(mi, doc.mentions.size());
      EXPECT_EQ(doc.mentions[mi].entity, e);
      ++total;
    }
  }
  EXPECT_EQ(total, doc.mentions.size());
  for (size_t i = 1; i < doc.mentions.size(); ++i) {
    EXPECT_LE(doc.mentions[i - 1].span.begin, doc.mentions[i].span.begin);
  }
}

TEST(CorefPronoun, SubjectSpeakerBeatsLaterName) {
  Document doc = BuildDoc(
      "Lena Varga noted that President Omar Castell had pushed for the deal. He observed "
      "that talks were slow.");
  AddEntity(doc, "Lena Varga", EntityType::kPerson, "", {"Lena Varga"});
  AddEntity(doc, "Omar Castell", EntityType::kPerson, "President", {"Omar Castell"});
  SortMentions(doc);
  ASSERT_TRUE(coref::Run(Config::Default(), doc).ok());
  EXPECT_EQ(Refs(doc, "He", MentionKind::kPronoun), std::vector<std::string>{"Lena Varga"});
  CheckSync(doc);
}

TEST(CorefPronoun, GenderFromTitle) {
  Document doc = BuildDoc("Mrs Ada Krol met Mr Ivo Brandt. Later she left for Oslo.");
  AddEntity(doc, "Ada Krol", EntityType::kPerson, "Mrs", {"Ada Krol"});
  AddEntity(doc, "Ivo Brandt", EntityType::kPerson, "Mr", {"Ivo Brandt"});
  SortMentions(doc);
  ASSERT_TRUE(coref::Run(Config::Default(), doc).ok());
  EXPECT_EQ(Refs(doc, "she", MentionKind::kPronoun), std::vector<std::string>{"Ada Krol"});
}

TEST(CorefPronoun, TheyForCountryPairAndNothingForLonePerson) {
  Document doc = BuildDoc(
      "Peru and Chile signed the accord. They will meet again in May.\n\nIvo Brandt "
      "spoke. They cheered.");
  AddEntity(doc, "Peru", EntityType::kCountry, "", {"Peru"});
  AddEntity(doc, "Chile", EntityType::kCountry, "", {"Chile"});
  AddEntity(doc, "Ivo Brandt", EntityType::kPerson, "", {"Ivo Brandt"});
  SortMentions(doc);
  ASSERT_TRUE(coref::Run(Config::Default(), doc).ok());
  EXPECT_EQ(Refs(doc, "They", MentionKind::kPronoun), (std::vector<std::string>{"Peru", "Chile"}));
  CheckSync(doc);
}

TEST(CorefPronoun, InsideQuotationOnlyItsOwnNames) {
  Document doc = BuildDoc("Ivo Brandt said, \u201CHe will not win this time.\u201D");
  AddEntity(doc, "Ivo Brandt", EntityType::kPerson, "", {"Ivo Brandt"});
  SortMentions(doc);
  ASSERT_TRUE(coref::Run(Config::Default(), doc).ok());
  EXPECT_TRUE(Refs(doc, "He", MentionKind::kPronoun).empty());
}

TEST(CorefDescription, ModifierPicksCompatiblePerson) {
  Document doc = BuildDoc(
      "Rafi Noor, a Kurdish political analyst, spoke first. Renowned defense analyst Jon "
      "Pell followed.\n\nThe Kurdish analyst noted that costs rose. The defense analyst "
      "continued the talk.");
  AddEntity(doc, "Rafi Noor", EntityType::kPerson, "", {"Rafi Noor"});
  AddEntity(doc, "Jon Pell", EntityType::kPerson, "", {"Jon Pell"});
  SortMentions(doc);
  ASSERT_TRUE(coref::Run(Config::Default(), doc).ok());
  EXPECT_EQ(Refs(doc, "The Kurdish analyst", MentionKind::kDescription),
            std::vector<std::string>{"Rafi Noor"});
  EXPECT_EQ(Refs(doc, "The defense analyst", MentionKind::kDescription),
            std::vector<std::string>{"Jon Pell"});
  CheckSync(doc);
}

TEST(CorefDescription, IndefiniteSpeakerIsANewPerson) {
  Document doc = BuildDoc(
      "\"We will not retreat,\" a senior official said. \"Fine,\" said a spokesperson for "
      "the Marovian ministry. Rafi Noor, a senior adviser, said nothing.");
  AddEntity(doc, "Rafi Noor", EntityType::kPerson, "", {"Rafi Noor"});
  AddEntity(doc, "Marovian ministry", EntityType::kOrganization, "", {"Marovian ministry"});
  doc.entities.back().code = "MRVGOV";
  SortMentions(doc);
  ASSERT_TRUE(coref::Run(Config::Default(), doc).ok());
  EXPECT_EQ(Refs(doc, "a senior official", MentionKind::kDescription),
            std::vector<std::string>{"a senior official"});
  std::vector<std::string> spokes = Refs(doc, "a spokesperson", MentionKind::kDescription);
  ASSERT_EQ(spokes.size(), 1u);
  EXPECT_EQ(spokes[0], "a spokesperson for the Marovian ministry");
  for (const Entity& e : doc.entities) {
    if (e.name == spokes[0]) {
      EXPECT_EQ(e.code, "MRVGOV");
    }
  }
  // An apposition is not a new speaker.
  EXPECT_TRUE(Refs(doc, "a senior adviser", MentionKind::kDescription).empty());
  CheckSync(doc);
}

TEST(CorefDescription, TwoGeneralsMapToBoth) {
  Document doc = BuildDoc(
      "General Ana Ruiz met General Tor Lind on Monday. The two military generals discussed "
      "training.");
  AddEntity(doc, "Ana Ruiz", EntityType::kPerson, "General", {"Ana Ruiz"});
  AddEntity(doc, "Tor Lind", EntityType::kPerson, "General", {"Tor Lind"});
  SortMentions(doc);
  ASSERT_TRUE(coref::Run(Config::Default(), doc).ok());
  std::vector<std::string> r = Refs(doc, "The two military generals", MentionKind::kDescription);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_NE(r[0], r[1]);
}

TEST(CorefDescription, UnknownRoleLeftAlone) {
  Document doc = BuildDoc("Ivo Brandt, a farmer, spoke. The minister replied.");
  AddEntity(doc, "Ivo Brandt", EntityType::kPerson, "", {"Ivo Brandt"});
  SortMentions(doc);
  ASSERT_TRUE(coref::Run(Config::Default(), doc).ok());
  EXPECT_TRUE(Refs(doc, "The minister", MentionKind::kDescription).empty());
}

TEST(CorefDocument, PressReleaseWithIssuerThenDefiniteReference) {
  Document doc = BuildDoc(
      "The press release issued by the Harbour Board read that fees rise. The press release "
      "noted that ships wait. The report said nothing.");
  AddEntity(doc, "Harbour Board", EntityType::kOrganization, "", {"Harbour Board"});
  doc.entities[0].code = "XYZGOV";
  SortMentions(doc);
  ASSERT_TRUE(coref::Run(Config::Default(), doc).ok());
  std::vector<std::string> r = Refs(doc, "The press release", MentionKind::kDescription);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0], "Harbour Board press release");
  EXPECT_EQ(r[1], r[0]);
  const Entity& d = doc.entities.back();
  EXPECT_EQ(d.type, EntityType::kDocument);
  EXPECT_EQ(d.code, "XYZGOV");
  CheckSync(doc);
}

TEST(CorefDocument, NotASourceWithoutCue) {
  Document doc = BuildDoc("Ivo Brandt said in a statement that he would resign.");
  AddEntity(doc, "Ivo Brandt", EntityType::kPerson, "", {"Ivo Brandt"});
  SortMentions(doc);
  ASSERT_TRUE(coref::Run(Config::Default(), doc).ok());
  EXPECT_EQ(doc.entities.size(), 1u);
}

TEST(CorefNamePart, LoneGivenNameOfOnePersonIsAnAlias) {
  Document doc = BuildDoc(
      "Defence Minister Arun Pattana visited the border post. Later Arun told reporters "
      "that the post would be rebuilt, and Nadia Pattana Lee agreed.");
  AddEntity(doc, "Arun Pattana", EntityType::kPerson, "Defence Minister", {"Arun Pattana"});
  AddEntity(doc, "Nadia Pattana Lee", EntityType::kPerson, "", {"Nadia Pattana Lee"});
  SortMentions(doc);
  ASSERT_TRUE(coref::Run(Config::Default(), doc).ok());
  EXPECT_EQ(Refs(doc, "Arun", MentionKind::kAlias), std::vector<std::string>{"Arun Pattana"});
  CheckSync(doc);
}

TEST(CorefNamePart, SharedOrUnseenPartIsNotAnAlias) {
  // "Pattana" belongs to two people; "Lee" is named only later.
  Document doc = BuildDoc(
      "Lee arrived first. Arun Pattana met Nadia Pattana Lee, and Pattana said the talks "
      "went well.");
  AddEntity(doc, "Arun Pattana", EntityType::kPerson, "", {"Arun Pattana"});
  AddEntity(doc, "Nadia Pattana Lee", EntityType::kPerson, "", {"Nadia Pattana Lee"});
  SortMentions(doc);
  ASSERT_TRUE(coref::Run(Config::Default(), doc).ok());
  EXPECT_TRUE(Refs(doc, "Pattana", MentionKind::kAlias).empty());
  EXPECT_TRUE(Refs(doc, "Lee", MentionKind::kAlias).empty());
  CheckSync(doc);
}

}  // namespace
}  // namespace dyad

#include "dyad/pipeline.h"

namespace dyad {
namespace {

Document RunAll(const std::string& text) {
  Document doc;
  doc.raw = text;
  doc.format = Format::kText;
  Status s = RunPipeline(Config::Default(), doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return doc;
}

const Entity* Person(const Document& doc, std::string_view name) {
  for (const Entity& e : doc.entities) {
    if (e.type == EntityType::kPerson && e.name == name) return &e;
  }
  return nullptr;
}

TEST(CorefDescription, RegionalDemonymGivesTheCountry) {
  Document doc = RunAll(
      "Speaking to reporters, renowned political analyst Omar Daud said talks would resume.\n\n"
      "The Sindhi political analyst noted that costs rose.");
  const Entity* e = Person(doc, "Omar Daud");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->country, "PAK");
  EXPECT_EQ(e->code.substr(0, 3), "PAK");
}

TEST(CorefDescription, DemonymModifyingAnotherNounIsNoNationality) {
  // "the Afghan war veteran": Afghan modifies "war", not the person.
  Document doc = RunAll(
      "Speaking to reporters, renowned war veteran Omar Daud said talks would resume.\n\n"
      "The Afghan war veteran noted that costs rose.");
  const Entity* e = Person(doc, "Omar Daud");
  ASSERT_NE(e, nullptr);
  // The description is resolved to him, but gives no country.
  EXPECT_EQ(Refs(doc, "The Afghan war veteran", MentionKind::kDescription),
            std::vector<std::string>{"Omar Daud"});
  EXPECT_EQ(e->country, "");
}

}  // namespace
}  // namespace dyad

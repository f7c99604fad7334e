// Copyright (c) dyad authors. Licensed under the Apache License 2.0.

#include "actors/actors.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "clean/clean.h"
#include "core/text.h"
#include "dyad/pipeline.h"
#include "ingest/ingest.h"
#include "segment/segment.h"
#include "tag/tag.h"

namespace dyad::actors {
namespace {

// Builds a Document with Penn-style tokens: punctuation split off, "'s"
// separate, abbreviations with inner dots ("U.S.") and titles ("Gen.") kept
// whole; a sentence ends after ".", "!" or "?".
Document MakeDoc(const std::string& text) {
  Document doc;
  doc.text = text;
  auto push = [&](size_t b, size_t e) {
    Token t;
    t.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
    t.lower = AsciiLower(text.substr(b, e - b));
    t.sentence = static_cast<uint32_t>(doc.sentences.size());
    doc.tokens.push_back(std::move(t));
  };
  auto is_punct = [](char c) {
    return std::string_view(",.;:!?()\"").find(c) != std::string_view::npos;
  };
  uint32_t sent_first = 0;
  auto close_sentence = [&]() {
    if (doc.tokens.size() == sent_first) return;
    Sentence s;
    s.token_begin = sent_first;
    s.token_end = static_cast<uint32_t>(doc.tokens.size());
    s.span = {doc.tokens[s.token_begin].span.begin, doc.tokens[s.token_end - 1].span.end};
    for (uint32_t k = s.token_begin; k < s.token_end; ++k) {
      doc.tokens[k].sentence = static_cast<uint32_t>(doc.sentences.size());
    }
    doc.sentences.push_back(s);
    sent_first = static_cast<uint32_t>(doc.tokens.size());
  };
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ' || text[i] == '\n') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\n') ++j;
    size_t b = i, e = j;
    std::vector<std::pair<size_t, size_t>> tail;
    while (b < e && is_punct(text[b])) {
      push(b, b + 1);
      ++b;
    }
    while (e > b && is_punct(text[e - 1])) {
      std::string_view w(text.data() + b, e - b);
      bool abbrev =
          text[e - 1] == '.' && (w == "Gen." || w == "Dr." || w == "Mr." || w == "Lt." ||
                                 w.substr(0, w.size() - 1).find('.') != std::string_view::npos);
      if (abbrev) break;
      tail.insert(tail.begin(), {e - 1, e});
      --e;
    }
    if (e > b) {
      if (e - b > 2 && text.compare(e - 2, 2, "'s") == 0) {
        push(b, e - 2);
        push(e - 2, e);
      } else {
        push(b, e);
      }
    }
    for (auto [tb, te] : tail) {
      push(tb, te);
      char c = text[tb];
      if (c == '.' || c == '!' || c == '?') close_sentence();
    }
    i = j;
  }
  close_sentence();
  return doc;
}

Document RunActors(const std::string& text) {
  Document doc = MakeDoc(text);
  Status s = actors::Run(Config::Default(), doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  // Invariants: every mention points at an entity that lists it, in order.
  std::vector<int> seen(doc.mentions.size(), 0);
  for (uint32_t e = 0; e < doc.entities.size(); ++e) {
    uint32_t prev = 0;
    for (size_t k = 0; k < doc.entities[e].mentions.size(); ++k) {
      uint32_t m = doc.entities[e].mentions[k];
      EXPECT_LT(m, doc.mentions.size());
      if (m >= doc.mentions.size()) continue;
      EXPECT_EQ(doc.mentions[m].entity, e);
      if (k > 0) {
        EXPECT_GT(m, prev);
      }
      prev = m;
      ++seen[m];
    }
  }
  for (size_t m = 0; m < seen.size(); ++m) EXPECT_EQ(seen[m], 1) << "mention " << m;
  for (size_t m = 1; m < doc.mentions.size(); ++m) {
    EXPECT_LE(doc.mentions[m - 1].span.begin, doc.mentions[m].span.begin);
  }
  return doc;
}

// Every entity with its code and mentions, for failure messages.
std::string Dump(const Document& doc) {
  std::string out;
  for (const Entity& e : doc.entities) {
    out += "\n  " + e.name + " [" + std::string(ToString(e.type)) + " " + e.code + " '" + e.title +
           "']:";
    for (uint32_t m : e.mentions) {
      out += " \"" + std::string(doc.Text(doc.mentions[m].span)) + "\"/" +
             std::string(ToString(doc.mentions[m].kind));
    }
  }
  return out;
}

// The entity whose canonical name is `name`, or nullptr.
const Entity* Find(const Document& doc, const std::string& name) {
  for (const Entity& e : doc.entities) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

// The mention covering exactly `text`, or nullptr.
const Mention* MentionOf(const Document& doc, const std::string& text, int nth = 0) {
  for (const Mention& m : doc.mentions) {
    if (doc.Text(m.span) == text && nth-- == 0) return &m;
  }
  return nullptr;
}

TEST(ActorsCountries, CapitalsAreMetonymsForGovernments) {
  Document doc = RunActors("Moscow warned Tehran on Monday.");
  const Mention* m = MentionOf(doc, "Moscow");
  const Mention* t = MentionOf(doc, "Tehran");
  ASSERT_NE(m, nullptr) << Dump(doc);
  ASSERT_NE(t, nullptr) << Dump(doc);
  EXPECT_EQ(m->kind, MentionKind::kMetonym);
  EXPECT_EQ(MentionCode(doc, *m), "RUSGOV");
  EXPECT_EQ(MentionCode(doc, *t), "IRNGOV");
  EXPECT_EQ(doc.entities[m->entity].name, "Russia");
  EXPECT_EQ(doc.entities[m->entity].code, "RUS");
  EXPECT_EQ(doc.entities[m->entity].type, EntityType::kCountry);
  EXPECT_EQ(doc.entities.size(), 2u);
}

TEST(ActorsCountries, NamesVariantsAndDemonymsMergeIntoOneEntity) {
  Document doc = RunActors(
      "Russia signed the deal. The Russian Federation said the talks on Russian soil "
      "went well, and the Kremlin agreed. Later Russia hosted the delegates.");
  const Entity* rus = Find(doc, "Russia");
  ASSERT_NE(rus, nullptr) << Dump(doc);
  EXPECT_EQ(rus->mentions.size(), 5u);
  EXPECT_EQ(doc.entities.size(), 1u);
  const Mention* dem = MentionOf(doc, "Russian");
  ASSERT_NE(dem, nullptr) << Dump(doc);
  EXPECT_EQ(dem->kind, MentionKind::kDemonym);
  EXPECT_EQ(MentionCode(doc, *dem), "RUS");
  const Mention* kremlin = MentionOf(doc, "Kremlin");
  ASSERT_NE(kremlin, nullptr) << Dump(doc);
  EXPECT_EQ(MentionCode(doc, *kremlin), "RUSGOV");
}

TEST(ActorsCountries, UnitedStatesVariantsAndCaseOfAcronyms) {
  Document doc = RunActors(
      "The US and the U.S. Treasury differ. America and the United States are one. "
      "Officials told us nothing.");
  const Entity* usa = Find(doc, "United States");
  ASSERT_NE(usa, nullptr) << Dump(doc);
  EXPECT_EQ(usa->code, "USA");
  EXPECT_EQ(usa->mentions.size(), 4u);
  EXPECT_EQ(MentionOf(doc, "us"), nullptr);
}

TEST(ActorsCountries, RegionNamesDoNotYieldCountries) {
  Document doc = RunActors("Trade with Latin America grew, and ships crossed the Indian Ocean.");
  EXPECT_TRUE(doc.entities.empty());
}

TEST(ActorsIgos, NamesAndAbbreviationsShareAnEntity) {
  Document doc = RunActors(
      "The Shanghai Cooperation Organisation (SCO) met NATO officials. The SCO and the "
      "European Union later issued a statement with the EU.");
  const Entity* sco = Find(doc, "Shanghai Cooperation Organization");
  ASSERT_NE(sco, nullptr) << Dump(doc);
  EXPECT_EQ(sco->type, EntityType::kIgo);
  EXPECT_EQ(sco->code.substr(0, 3), "IGO");
  EXPECT_EQ(sco->mentions.size(), 3u);
  const Entity* eu = Find(doc, "European Union");
  ASSERT_NE(eu, nullptr) << Dump(doc);
  EXPECT_EQ(eu->mentions.size(), 2u);
  const Mention* nato = MentionOf(doc, "NATO");
  ASSERT_NE(nato, nullptr) << Dump(doc);
  EXPECT_EQ(MentionCode(doc, *nato), "IGOWSTNAT");
  EXPECT_EQ(doc.entities[nato->entity].country, "");
  EXPECT_EQ(doc.entities[nato->entity].role, "");
}

TEST(ActorsGroups, ArmedGroupsUseDocumentedCodes) {
  Document doc = RunActors("The Taliban rejected the offer, while Hezbollah stayed silent.");
  const Entity* tal = Find(doc, "Taliban");
  ASSERT_NE(tal, nullptr) << Dump(doc);
  EXPECT_EQ(tal->code, "AFGINS");
  EXPECT_EQ(tal->country, "AFG");
  EXPECT_EQ(tal->role, "INS");
  const Entity* hez = Find(doc, "Hezbollah");
  ASSERT_NE(hez, nullptr) << Dump(doc);
  EXPECT_EQ(hez->code.substr(0, 3), "LBN");
}

TEST(ActorsPeople, DemonymTitleAndNameGiveCountryAndRole) {
  Document doc = RunActors(
      "Russian President Vladimir Putin met the envoy. Later, Putin said the talks were "
      "useful.");
  const Entity* p = Find(doc, "Vladimir Putin");
  ASSERT_NE(p, nullptr) << Dump(doc);
  EXPECT_EQ(p->type, EntityType::kPerson);
  EXPECT_EQ(p->code, "RUSGOV");
  EXPECT_EQ(p->title, "President");
  ASSERT_EQ(p->mentions.size(), 2u);
  EXPECT_EQ(doc.mentions[p->mentions[0]].kind, MentionKind::kName);
  EXPECT_EQ(doc.mentions[p->mentions[1]].kind, MentionKind::kAlias);
  EXPECT_EQ(doc.Text(doc.mentions[p->mentions[1]].span), "Putin");
  // "Russian" is part of the title phrase, not a separate country mention.
  EXPECT_EQ(Find(doc, "Russia"), nullptr);
}

TEST(ActorsPeople, TitleChainWithOfPhraseAndApposedTitle) {
  Document doc = RunActors(
      "Commander in Chief of Turkish Land Forces, General Ahmet Demirkaya, visited the "
      "border. Chief of Army Staff (COAS) General Tariq Mehmood Baig received him.");
  const Entity* a = Find(doc, "Ahmet Demirkaya");
  ASSERT_NE(a, nullptr) << Dump(doc);
  EXPECT_EQ(a->code, "TURMIL");
  EXPECT_EQ(a->title, "Commander in Chief");
  const Entity* b = Find(doc, "Tariq Mehmood Baig");
  ASSERT_NE(b, nullptr) << Dump(doc);
  EXPECT_EQ(b->role, "MIL");
  EXPECT_EQ(b->country, "");
  EXPECT_EQ(b->code, "---MIL");
}

TEST(ActorsPeople, ParticlesInsideNamesAndAbbreviatedTitles) {
  Document doc =
      RunActors("A team led by Gen Aftab ul Rehman arrived, and Dr. Salma bin Yusuf spoke.");
  const Entity* a = Find(doc, "Aftab ul Rehman");
  ASSERT_NE(a, nullptr) << Dump(doc);
  EXPECT_EQ(a->role, "MIL");
  EXPECT_EQ(a->title, "General");
  const Entity* b = Find(doc, "Salma bin Yusuf");
  ASSERT_NE(b, nullptr) << Dump(doc);
  EXPECT_EQ(b->title, "Dr");
  EXPECT_EQ(b->code, "");
}

TEST(ActorsPeople, AppositionSetsDescriptionAndCountry) {
  Document doc = RunActors(
      "Farid Khoury, a Lebanese analyst, said the plan would fail. Khoury added that "
      "nothing had changed.");
  const Entity* p = Find(doc, "Farid Khoury");
  ASSERT_NE(p, nullptr) << Dump(doc);
  EXPECT_EQ(p->title, "analyst");
  EXPECT_EQ(p->role, "ELI");
  EXPECT_EQ(p->country, "LBN");
  EXPECT_EQ(p->code, "LBNELI");
  EXPECT_EQ(p->mentions.size(), 2u);
}

TEST(ActorsPeople, DescriptionBeforeNameAndSurnameAliases) {
  Document doc = RunActors(
      "Speaking to reporters, veteran security analyst Omar Haddad warned of delays. "
      "Haddad said the army was ready.");
  const Entity* p = Find(doc, "Omar Haddad");
  ASSERT_NE(p, nullptr) << Dump(doc);
  EXPECT_EQ(p->title, "analyst");
  EXPECT_EQ(p->mentions.size(), 2u);
  // "Speaking" opens the sentence and is no name.
  for (const Entity& e : doc.entities) EXPECT_EQ(e.name.find("Speaking"), std::string::npos);
}

TEST(ActorsPeople, ShorterNameFirstMergesWithLongerNameLater) {
  Document doc = RunActors(
      "Experts Karim Suleiman and Lina Farouk disagreed. Karim Nadir Suleiman, a former "
      "diplomat, spoke first. Suleiman then left.");
  const Entity* p = Find(doc, "Karim Nadir Suleiman");
  ASSERT_NE(p, nullptr) << Dump(doc);
  EXPECT_EQ(p->mentions.size(), 3u);
  EXPECT_EQ(p->title, "diplomat");
  EXPECT_EQ(Find(doc, "Karim Suleiman"), nullptr);
  EXPECT_NE(Find(doc, "Lina Farouk"), nullptr);
}

TEST(ActorsPeople, MonthMayIsNotAPersonButTheresaMayIs) {
  Document doc = RunActors(
      "In May, British Prime Minister Theresa May flew to Brussels. May said on Friday "
      "that talks would resume in June.");
  const Entity* p = Find(doc, "Theresa May");
  ASSERT_NE(p, nullptr) << Dump(doc);
  EXPECT_EQ(p->code, "GBRGOV");
  EXPECT_EQ(p->title, "Prime Minister");
  // The month is not a mention; the later bare "May" is an alias.
  const Mention* first = MentionOf(doc, "May", 0);
  ASSERT_NE(first, nullptr) << Dump(doc);
  EXPECT_GT(first->span.begin, 10u);
  for (const Entity& e : doc.entities) {
    EXPECT_NE(e.name, "May");
    EXPECT_NE(e.name, "Friday");
  }
}

TEST(ActorsPeople, SentenceInitialCapitalsAreNotPeople) {
  Document doc = RunActors(
      "Both sides agreed. Speaking to reporters, the minister said Global Trade Week would "
      "open. Meanwhile Central Asia waited.");
  for (const Entity& e : doc.entities) EXPECT_NE(e.type, EntityType::kPerson) << e.name;
}

TEST(ActorsCompounds, CountryPlusAgentPhrasesMergeByRole) {
  Document doc = RunActors(
      "The Russian Defence Ministry said the drills would start. The Russian Ministry of "
      "Defence added that the Pakistan Army and Pakistani troops would take part.");
  const Mention* a = MentionOf(doc, "Russian Defence Ministry");
  const Mention* b = MentionOf(doc, "Russian Ministry of Defence");
  ASSERT_NE(a, nullptr) << Dump(doc);
  ASSERT_NE(b, nullptr) << Dump(doc);
  EXPECT_EQ(a->entity, b->entity);
  const Entity& mod = doc.entities[a->entity];
  EXPECT_EQ(mod.code, "RUSMIL");
  EXPECT_EQ(mod.type, EntityType::kOrganization);
  const Mention* army = MentionOf(doc, "Pakistan Army");
  const Mention* troops = MentionOf(doc, "Pakistani troops");
  ASSERT_NE(army, nullptr) << Dump(doc);
  ASSERT_NE(troops, nullptr) << Dump(doc);
  EXPECT_NE(army->entity, troops->entity);
  EXPECT_EQ(doc.entities[army->entity].code, "PAKMIL");
  EXPECT_EQ(doc.entities[troops->entity].type, EntityType::kGroup);
  EXPECT_EQ(MentionCode(doc, *troops), "PAKMIL");
}

TEST(ActorsCompounds, AgentOfCountryPossessivesAndUnnamedOfficeHolders) {
  Document doc = RunActors(
      "The armed forces of Egypt were on alert. India's foreign ministry protested, and "
      "the Iranian Ambassador was summoned.");
  const Mention* eg = MentionOf(doc, "armed forces of Egypt");
  ASSERT_NE(eg, nullptr) << Dump(doc);
  EXPECT_EQ(doc.entities[eg->entity].code, "EGYMIL");
  const Mention* in = MentionOf(doc, "India's foreign ministry");
  ASSERT_NE(in, nullptr) << Dump(doc);
  EXPECT_EQ(doc.entities[in->entity].code, "INDGOV");
  const Mention* amb = MentionOf(doc, "Iranian Ambassador");
  ASSERT_NE(amb, nullptr) << Dump(doc);
  EXPECT_EQ(doc.entities[amb->entity].type, EntityType::kPerson);
  EXPECT_EQ(MentionCode(doc, *amb), "IRNGOV");
}

TEST(ActorsOrgs, PatternsAndParenthesisedAbbreviations) {
  Document doc = RunActors(
      "The National Disaster Relief Authority (NDRA) sent tents. Later the NDRA and the "
      "Centre for Maritime Studies issued reports, as did the Kenyan Wildlife Service.");
  const Entity* a = Find(doc, "National Disaster Relief Authority");
  ASSERT_NE(a, nullptr) << Dump(doc);
  EXPECT_EQ(a->type, EntityType::kOrganization);
  EXPECT_EQ(a->mentions.size(), 3u);
  EXPECT_NE(Find(doc, "Centre for Maritime Studies"), nullptr);
  const Entity* k = Find(doc, "Kenyan Wildlife Service");
  ASSERT_NE(k, nullptr) << Dump(doc);
  EXPECT_EQ(k->country, "KEN");
}

TEST(ActorsPipeline, EmptyDocumentAndBadDataDirectory) {
  Document empty;
  EXPECT_TRUE(actors::Run(Config::Default(), empty).ok());
  EXPECT_TRUE(empty.entities.empty());

  std::filesystem::path dir = std::filesystem::temp_directory_path() / "dyad_actors_bad_data";
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "actors.tsv") << "# comment\nRUS\tcountry\tname\n";
    std::ofstream(dir / "agents.tsv") << "army\tMIL\torg\tArmy\n";
    std::ofstream(dir / "titles.tsv") << "general\tMIL\tGeneral\n";
  }
  Config config = Config::Default();
  config.data_dir = dir.string();
  Document doc = MakeDoc("Russia spoke.");
  Status s = actors::Run(config, doc);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("actors.tsv:2"), std::string::npos) << s.message();
  std::filesystem::remove_all(dir);
}

TEST(ActorsPipeline, MentionCodeOutOfRangeIsEmpty) {
  Document doc;
  Mention m;
  m.entity = 3;
  EXPECT_EQ(MentionCode(doc, m), "");
}

TEST(ActorsSeed, SeedArticleYieldsMainActors) {
  std::string path = std::string(DYAD_SHARED_DIR) + "/seed/000_be7709c430ffb8e4.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no shared seed";
  auto doc = ReadDocument(path);
  ASSERT_TRUE(doc.ok());
  // Only the stages actors depends on, so that later stages cannot fail it.
  Config config = Config::Default();
  for (auto run : {&ingest::Run, &clean::Run, &segment::Run, &tag::Run, &actors::Run}) {
    Status s = run(config, *doc);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  if (doc->tokens.empty()) GTEST_SKIP() << "segmentation not available";
  int countries = 0, people = 0;
  for (const Entity& e : doc->entities) {
    if (e.type == EntityType::kCountry) ++countries;
    if (e.type == EntityType::kPerson && e.mentions.size() >= 2) ++people;
  }
  EXPECT_GE(countries, 3);
  EXPECT_GE(people, 2);
}

TEST(ActorsKnownPeople, SurnameAloneGetsCountryAndRole) {
  Document doc = RunActors("Merkel met Macron in Berlin on Friday to discuss energy prices.");
  const Entity* a = Find(doc, "Angela Merkel");
  const Entity* b = Find(doc, "Emmanuel Macron");
  ASSERT_NE(a, nullptr) << Dump(doc);
  ASSERT_NE(b, nullptr) << Dump(doc);
  EXPECT_EQ(a->type, EntityType::kPerson);
  EXPECT_EQ(a->code, "DEUGOV");
  EXPECT_EQ(b->code, "FRAGOV");
}

TEST(ActorsKnownPeople, TitleWithoutCountryKeepsTheLexiconCountry) {
  Document doc = RunActors("President Michel Suleiman received the visiting envoy on Monday.");
  const Entity* p = Find(doc, "Michel Suleiman");
  ASSERT_NE(p, nullptr) << Dump(doc);
  EXPECT_EQ(p->code, "LBNGOV");
  EXPECT_EQ(p->title, "President");
}

TEST(ActorsKnownPeople, PeopleWithTheSameCodeStayApart) {
  Document doc = RunActors(
      "Tony Blair and Gordon Brown spoke on the telephone. Later, Blair said the call went "
      "well.");
  const Entity* a = Find(doc, "Tony Blair");
  const Entity* b = Find(doc, "Gordon Brown");
  ASSERT_NE(a, nullptr) << Dump(doc);
  ASSERT_NE(b, nullptr) << Dump(doc);
  EXPECT_NE(a, b);
  EXPECT_EQ(a->mentions.size(), 2u) << Dump(doc);
  EXPECT_EQ(b->mentions.size(), 1u) << Dump(doc);
}

TEST(ActorsKnownPeople, OfficialsOfIgosCarryTheIgoCode) {
  Document doc = RunActors("Guterres urged both sides to return to talks.");
  const Entity* p = Find(doc, "Antonio Guterres");
  ASSERT_NE(p, nullptr) << Dump(doc);
  EXPECT_EQ(p->code.substr(0, 3), "IGO");
}

}  // namespace
TEST(ActorsPeople, TitledOfficialTakesParagraphSubjectCountry) {
  Document doc = RunActors(
      "Norway rejected the claims on Monday. Foreign ministry spokesman Ivo Marek said the "
      "report was false.");
  const Entity* e = Find(doc, "Ivo Marek");
  ASSERT_NE(e, nullptr) << Dump(doc);
  EXPECT_EQ(e->code, "NORGOV") << Dump(doc);
}

TEST(ActorsPeople, TitledOfficialWithoutPrecedingCountryStaysUnknown) {
  Document doc =
      RunActors("Foreign ministry spokesman Ivo Marek said the report about Norway was false.");
  const Entity* e = Find(doc, "Ivo Marek");
  ASSERT_NE(e, nullptr) << Dump(doc);
  EXPECT_EQ(e->country, "") << Dump(doc);
}

}  // namespace dyad::actors

namespace dyad::actors {
namespace {

TEST(ActorsCompounds, LedAndBackedCompoundsNameTheirActor) {
  Document doc = RunActors("The Saudi-led coalition and US-backed forces advanced.");
  const Entity* saudi = nullptr;
  const Entity* us = nullptr;
  for (const Entity& e : doc.entities) {
    if (e.code == "SAU") saudi = &e;
    if (e.code == "USA") us = &e;
  }
  EXPECT_NE(saudi, nullptr) << Dump(doc);
  EXPECT_NE(us, nullptr) << Dump(doc);
  // An ordinary hyphenated word is no actor.
  Document none = RunActors("A well-led team advanced.");
  EXPECT_TRUE(none.entities.empty()) << Dump(none);
}

}  // namespace
}  // namespace dyad::actors

namespace dyad::actors {
namespace {

TEST(ActorsPeople, LeaderOfACountrysDelegationTakesItsCountry) {
  Document doc =
      RunActors("A delegation of Pakistan led by General Tom Reed attended the conference.");
  const Entity* e = Find(doc, "Tom Reed");
  ASSERT_NE(e, nullptr) << Dump(doc);
  EXPECT_EQ(e->country, "PAK") << Dump(doc);
  EXPECT_EQ(e->code, "PAKMIL") << Dump(doc);
}

}  // namespace
}  // namespace dyad::actors

namespace dyad::actors {
namespace {

const Entity* ByName(const Document& doc, std::string_view name) {
  for (const Entity& e : doc.entities) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

TEST(ActorsBareAgents, UnknownCountryInASingleSentence) {
  Document doc = RunActors("Congress is asking the president to act.");
  const Entity* e = ByName(doc, "Congress");
  ASSERT_NE(e, nullptr) << Dump(doc);
  EXPECT_EQ(e->code, "---LEG") << Dump(doc);
}

TEST(ActorsBareAgents, TheDocumentsCountryFromOtherSentences) {
  Document doc = RunActors(
      "Floods hit Kenya on Monday. The government sent food. Insurgents attacked a convoy.");
  const Entity* gov = ByName(doc, "government");
  ASSERT_NE(gov, nullptr) << Dump(doc);
  EXPECT_EQ(gov->code, "KENGOV") << Dump(doc);
  const Entity* ins = ByName(doc, "Insurgents");
  ASSERT_NE(ins, nullptr) << Dump(doc);
  EXPECT_EQ(ins->code, "KENINS") << Dump(doc);
}

TEST(ActorsBareAgents, FightersAfterAModifierAreAnArmedGroup) {
  Document doc = RunActors("Soldiers clashed with militia fighters near the town.");
  const Entity* f = ByName(doc, "fighters");
  ASSERT_NE(f, nullptr) << Dump(doc);
  EXPECT_EQ(f->code, "---REB") << Dump(doc);
}

TEST(ActorsBareAgents, TwoCountriesLeaveItUnknown) {
  Document doc = RunActors("Kenya and Uganda met. The government sent food.");
  const Entity* gov = ByName(doc, "government");
  ASSERT_NE(gov, nullptr) << Dump(doc);
  EXPECT_EQ(gov->code, "---GOV") << Dump(doc);
}

TEST(ActorsBareAgents, ModifierOfANounIsNoActor) {
  Document doc = RunActors("Government forces shelled the town.");
  EXPECT_EQ(ByName(doc, "Government"), nullptr) << Dump(doc);
}

}  // namespace
}  // namespace dyad::actors

// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Tests for the places stage. Texts are invented, in general news style.

#include "places/places.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "places/gazetteer.h"

namespace dyad::places {
namespace {

bool HaveGazetteer() {
  Config c = Config::Default();
  FILE* f = std::fopen(c.gazetteer_path.c_str(), "rb");
  if (f == nullptr) return false;
  std::fclose(f);
  f = std::fopen((c.iso_codes_dir + "/iso_3166-1.json").c_str(), "rb");
  if (f == nullptr) return false;
  std::fclose(f);
  return true;
}

#define REQUIRE_GAZETTEER() \
  if (!HaveGazetteer()) GTEST_SKIP() << "gazetteer not installed (run scripts/setup)"

Document RunOn(const std::string& text) {
  Document doc;
  doc.text = text;
  Status s = places::Run(Config::Default(), doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return doc;
}

// The place one of whose mentions reads `surface`, or nullptr.
const Place* Find(const Document& doc, const std::string& surface) {
  for (const Place& p : doc.places) {
    for (const Span& m : p.mentions) {
      if (doc.Text(m) == surface) return &p;
    }
  }
  return nullptr;
}

std::string Describe(const Document& doc) {
  std::string out;
  for (const Place& p : doc.places) {
    out += "[" + p.name + " " + p.country + " " + p.admin1 + " " + p.feature + ":";
    for (const Span& m : p.mentions) out += " '" + std::string(doc.Text(m)) + "'";
    out += "] ";
  }
  return out;
}

struct Case {
  const char* text;
  const char* surface;
  const char* country;  // ISO2; "" for regions spanning countries
  const char* admin1;   // "*" = not checked
  const char* feature;  // "*" = not checked
};

// Place mentions in varied article styles, with the expected resolution.
const Case kCases[] = {
    {"Troops were deployed in Gwadar on Tuesday, officials said.", "Gwadar", "PK", "Balochistan",
     "city"},
    {"The minister flew to Delhi for talks with his counterpart.", "Delhi", "IN", "Delhi", "city"},
    {"Officials in Washington said the talks would resume next week.", "Washington", "US",
     "District of Columbia", "city"},
    {"Wildfires spread across Washington state this week.", "Washington", "US", "Washington",
     "admin1"},
    {"The festival in Paris drew thousands of visitors.", "Paris", "FR", "Île-de-France", "city"},
    {"The county fair in Paris, Texas, opened on Friday.", "Paris", "US", "Texas", "city"},
    {"Georgia accused Russia of occupying a fifth of its territory.", "Georgia", "GE", "",
     "country"},
    {"Voters in Atlanta, Georgia, lined up early as U.S. turnout rose.", "Georgia", "US", "Georgia",
     "admin1"},
    {"Protesters gathered in Karachi to demand cheaper power.", "Karachi", "PK", "Sindh", "city"},
    {"A blast hit a crowded market in Peshawar on Sunday.", "Peshawar", "PK", "Khyber Pakhtunkhwa",
     "city"},
    {"Heavy rain flooded low-lying parts of Lahore.", "Lahore", "PK", "Punjab", "city"},
    {"The delegation arrived in Quetta late at night.", "Quetta", "PK", "Balochistan", "city"},
    {"The exercise took place in Krasnodar Krai last month.", "Krasnodar Krai", "RU",
     "Krasnodar Krai", "admin1"},
    {"Shelling was reported in Kherson Oblast overnight.", "Kherson Oblast", "UA", "Kherson Oblast",
     "admin1"},
    {"Missiles struck Kharkiv before dawn, the mayor said.", "Kharkiv", "UA", "Kharkiv Oblast",
     "city"},
    {"The talks were held in Islamabad under tight security.", "Islamabad", "PK",
     "Islamabad Capital Territory", "city"},
    {"Leaders met in New Delhi to sign the accord.", "New Delhi", "IN", "Delhi", "city"},
    {"Flooding in Mumbai disrupted suburban trains.", "Mumbai", "IN", "Maharashtra", "city"},
    {"The summit in Beijing ended without an agreement.", "Beijing", "CN", "Beijing", "city"},
    {"Police in Shanghai detained two men.", "Shanghai", "CN", "Shanghai", "city"},
    {"A large rally was held in Berlin on Saturday.", "Berlin", "DE", "Berlin", "city"},
    {"Factories near Munich halted production.", "Munich", "DE", "Bavaria", "city"},
    {"Riots broke out in Marseille after the match.", "Marseille", "FR",
     "Provence-Alpes-Côte d'Azur", "city"},
    {"A winter storm hit Toronto and cut power to thousands.", "Toronto", "CA", "Ontario", "city"},
    {"Bushfires raged near Sydney for a second week.", "Sydney", "AU", "New South Wales", "city"},
    {"The bombing in Kabul killed at least 12 people.", "Kabul", "AF", "Kabul Province", "city"},
    {"Fighting resumed in Kandahar after the ceasefire collapsed.", "Kandahar", "AF",
     "Kandahar Province", "city"},
    {"Clashes erupted in Mosul between rival militias.", "Mosul", "IQ", "Nineveh", "city"},
    {"A car bomb exploded in Baghdad on Monday.", "Baghdad", "IQ", "Baghdad Governorate", "city"},
    {"Airstrikes hit Aleppo again on Thursday.", "Aleppo", "SY", "Aleppo Governorate", "city"},
    {"Rebel fighters withdrew from Idlib under the deal.", "Idlib", "SY", "Idlib Governorate",
     "city"},
    {"Protests spread in Tehran after the fuel price rise.", "Tehran", "IR", "Tehran Province",
     "city"},
    {"Officials in Moscow denied the report.", "Moscow", "RU", "Moscow", "city"},
    {"Crowds filled the streets of Cairo on Friday.", "Cairo", "EG", "*", "city"},
    {"Texas officials announced new voting rules.", "Texas", "US", "Texas", "admin1"},
    {"Floodwaters rose across Houston overnight.", "Houston", "US", "Texas", "city"},
    {"The hearing took place in Chicago.", "Chicago", "US", "Illinois", "city"},
    {"A shooting in Los Angeles left three people dead.", "Los Angeles", "US", "California",
     "city"},
    {"Snow blanketed New York City on Tuesday.", "New York City", "US", "New York", "city"},
    {"The senator returned to New York after the vote.", "New York", "US", "New York", "*"},
    {"Tourists flocked to London for the jubilee.", "London", "GB", "England", "city"},
    {"Police in Manchester arrested a man after the attack.", "Manchester", "GB", "England",
     "city"},
    {"Talks in Edinburgh focused on a second referendum.", "Edinburgh", "GB", "Scotland", "city"},
    {"Unrest in Belfast continued for a third night.", "Belfast", "GB", "Northern Ireland", "city"},
    {"The yen weakened as markets in Tokyo opened.", "Tokyo", "JP", "*", "city"},
    {"Negotiators arrived in Seoul on Wednesday.", "Seoul", "KR", "*", "city"},
    {"State media in Pyongyang reported the launch.", "Pyongyang", "KP", "*", "city"},
    {"The parliament in Ankara approved the bill.", "Ankara", "TR", "*", "city"},
    {"A ferry capsized off Istanbul in strong winds.", "Istanbul", "TR", "*", "city"},
    {"Ministers gathered in Riyadh for the conference.", "Riyadh", "SA", "*", "city"},
    {"The mediators met again in Doha.", "Doha", "QA", "*", "city"},
    {"Flights to Dubai were suspended.", "Dubai", "AE", "*", "city"},
    {"Teachers marched through Nairobi demanding pay.", "Nairobi", "KE", "*", "city"},
    {"Traffic in Lagos ground to a halt.", "Lagos", "NG", "*", "city"},
    {"The president returned to Abuja after the summit.", "Abuja", "NG", "*", "city"},
    {"Miners protested in Johannesburg.", "Johannesburg", "ZA", "*", "city"},
    {"Blackouts hit Caracas for a third day.", "Caracas", "VE", "*", "city"},
    {"Peace talks opened in Bogota.", "Bogota", "CO", "*", "city"},
    {"An earthquake shook Mexico City on Sunday.", "Mexico City", "MX", "*", "city"},
    {"Thousands marched in Sao Paulo against the reform.", "Sao Paulo", "BR", "*", "city"},
    {"Inflation data released in Buenos Aires surprised markets.", "Buenos Aires", "AR", "*",
     "city"},
    {"Drones were shot down over Kyiv overnight.", "Kyiv", "UA", "Kyiv City", "city"},
    {"The embassy in Kiev was closed.", "Kiev", "UA", "*", "city"},
    {"Talks were held in Minsk in 2015.", "Minsk", "BY", "*", "city"},
    {"Farmers blocked roads around Warsaw.", "Warsaw", "PL", "*", "city"},
    {"Sirens sounded in Tel Aviv on Saturday.", "Tel Aviv", "IL", "*", "city"},
    {"Aid trucks entered Gaza through the southern crossing.", "Gaza", "PS", "*", "*"},
    {"Tensions in the Middle East rose sharply.", "Middle East", "", "", "region"},
    {"The pipeline would carry gas to Central Asia.", "Central Asia", "", "", "region"},
    {"Growth in Africa slowed last year.", "Africa", "", "", "continent"},
    {"Security was tightened across Balochistan.", "Balochistan", "PK", "Balochistan", "admin1"},
    {"Pakistan said floods in Punjab had displaced thousands.", "Punjab", "PK", "Punjab", "admin1"},
    {"India said floods in Punjab had damaged crops, and Delhi sent aid.", "Punjab", "IN", "Punjab",
     "admin1"},
    {"Schools were closed in Sindh province.", "Sindh", "PK", "Sindh", "admin1"},
    {"Soldiers patrolled the Line of Control in Kashmir.", "Kashmir", "", "", "region"},
    {"Russia annexed Crimea in 2014.", "Crimea", "UA", "Crimea", "admin1"},
    {"Pakistan and China signed the agreement.", "Pakistan", "PK", "", "country"},
    {"Exports to the United States fell.", "United States", "US", "", "country"},
    {"The U.S. embassy issued a warning.", "U.S.", "US", "", "country"},
    {"The UK imposed new sanctions.", "UK", "GB", "", "country"},
    {"Officials of the Russian Federation attended.", "Russian Federation", "RU", "", "country"},
    {"A treaty with the Islamic Republic of Pakistan was signed.", "Islamic Republic of Pakistan",
     "PK", "", "country"},
    {"South Korea and North Korea held rare talks.", "North Korea", "KP", "", "country"},
    {"South Korea and North Korea held rare talks.", "South Korea", "KR", "", "country"},
    {"Oil output in Saudi Arabia was cut.", "Saudi Arabia", "SA", "", "country"},
    {"Indian police said a protest in Hyderabad turned violent; Mumbai was calm.", "Hyderabad",
     "IN", "Telangana", "city"},
    {"Pakistani police said a protest in Hyderabad turned violent; Karachi was calm.", "Hyderabad",
     "PK", "Sindh", "city"},
    {"The plant in Birmingham, Alabama, will close.", "Birmingham", "US", "Alabama", "city"},
    {"Protesters in Portland, Oregon, clashed with police.", "Portland", "US", "Oregon", "city"},
    {"Researchers in Cambridge, Massachusetts, published the study.", "Cambridge", "US",
     "Massachusetts", "city"},
    {"The port of Vancouver was shut by the strike.", "Vancouver", "CA", "British Columbia",
     "city"},
    {"The match in Melbourne was postponed.", "Melbourne", "AU", "Victoria", "city"},
    {"Fishermen in Alexandria said the catch had fallen.", "Alexandria", "EG", "*", "city"},
    {"Militias clashed in Tripoli overnight.", "Tripoli", "LY", "*", "city"},
    {"\"We will not give up,\" the mayor of Odesa said.", "Odesa", "UA", "Odesa Oblast", "city"},
    {"Gwadar gives Pakistan its shortest route to the sea.", "Gwadar", "PK", "Balochistan", "city"},
};

TEST(PlacesTable, ResolvesPlaceMentions) {
  REQUIRE_GAZETTEER();
  int right = 0, total = 0;
  for (const Case& c : kCases) {
    ++total;
    Document doc = RunOn(c.text);
    const Place* p = Find(doc, c.surface);
    std::string ctx = std::string("text: ") + c.text + "\nplaces: " + Describe(doc);
    if (p == nullptr) {
      ADD_FAILURE() << "no place for '" << c.surface << "'\n" << ctx;
      continue;
    }
    bool ok = p->country == c.country;
    ok = ok && (std::string(c.admin1) == "*" || p->admin1 == c.admin1);
    ok = ok && (std::string(c.feature) == "*" || p->feature == c.feature);
    if (ok) {
      ++right;
    } else {
      ADD_FAILURE() << "'" << c.surface << "' -> " << p->name << " " << p->country << " / "
                    << p->admin1 << " / " << p->feature << "; want " << c.country << " / "
                    << c.admin1 << " / " << c.feature << "\n"
                    << ctx;
    }
  }
  std::printf("[places] table accuracy: %d/%d\n", right, total);
  EXPECT_GE(total, 80);
}

struct NonPlace {
  const char* text;
  const char* surface;
};

const NonPlace kNonPlaces[] = {
    {"May said the vote would go ahead as planned.", "May"},
    {"Reading the report, the minister frowned.", "Reading"},
    {"Bishop Thomas led the service on Sunday.", "Bishop"},
    {"Victoria Beckham attended the show in a grey coat.", "Victoria"},
    {"Victoria said she would appeal the ruling.", "Victoria"},
    {"The Washington Post reported the deal first.", "Washington"},
    {"Moscow State University hosted the conference.", "Moscow"},
    {"Police arrested two men after the match.", "Police"},
    {"The country joined the European Union in 2004.", "Union"},
    {"Jackson said the plan would fail.", "Jackson"},
    {"The Gulf states agreed to cut output.", "Gulf"},
    {"He spoke to reporters on Monday.", "Monday"},
    {"Fishermen on Lake Victoria reported low catches.", "Victoria"},
    {"Paris Hilton arrived at the premiere.", "Paris"},
    {"Mr Lincoln disagreed with the ruling.", "Lincoln"},
    {"The Pakistan Army issued a statement.", "Pakistan"},
    {"In March the talks resumed.", "March"},
    {"Of the 40 seats, 12 went to women.", "Of"},
};

TEST(PlacesNonPlaces, SkipsCommonWordsAndNames) {
  REQUIRE_GAZETTEER();
  for (const NonPlace& c : kNonPlaces) {
    Document doc = RunOn(c.text);
    EXPECT_EQ(Find(doc, c.surface), nullptr)
        << "'" << c.surface << "' taken as a place in: " << c.text << "\n"
        << Describe(doc);
  }
}

TEST(PlacesNonPlaces, PersonMentionIsNeverAPlace) {
  REQUIRE_GAZETTEER();
  Document doc;
  doc.text = "Officials said Hamilton visited the troops in Hamilton.";
  Entity e;
  e.name = "Fred Hamilton";
  e.type = EntityType::kPerson;
  doc.entities.push_back(e);
  Mention m;
  m.span = {15, 23};  // the first "Hamilton"
  m.entity = 0;
  doc.mentions.push_back(m);
  ASSERT_TRUE(places::Run(Config::Default(), doc).ok());
  for (const Place& p : doc.places) {
    for (const Span& s : p.mentions) EXPECT_NE(s.begin, 15u) << Describe(doc);
  }
}

TEST(PlacesMerge, RepeatedMentionsMergeIntoOnePlace) {
  REQUIRE_GAZETTEER();
  Document doc = RunOn(
      "Pakistan and Russia will hold drills. Officials in Pakistan said the Russian Federation "
      "would send troops, and Russia agreed.");
  const Place* pk = Find(doc, "Pakistan");
  ASSERT_NE(pk, nullptr) << Describe(doc);
  EXPECT_EQ(pk->mentions.size(), 2u);
  const Place* ru = Find(doc, "Russian Federation");
  ASSERT_NE(ru, nullptr) << Describe(doc);
  EXPECT_EQ(ru, Find(doc, "Russia"));
  EXPECT_EQ(ru->mentions.size(), 3u);
  EXPECT_EQ(doc.places.size(), 2u) << Describe(doc);
  // In order of first mention.
  EXPECT_EQ(doc.places[0].country, "PK");
}

TEST(PlacesMultiWord, LongestMatchWins) {
  REQUIRE_GAZETTEER();
  Document doc = RunOn("Delegates flew from New Delhi to Central Asia and on to the Middle East.");
  EXPECT_EQ(Find(doc, "Delhi"), nullptr) << Describe(doc);
  ASSERT_NE(Find(doc, "New Delhi"), nullptr) << Describe(doc);
  EXPECT_EQ(Find(doc, "New Delhi")->name, "New Delhi");
  EXPECT_NE(Find(doc, "Central Asia"), nullptr) << Describe(doc);
  EXPECT_EQ(Find(doc, "Asia"), nullptr) << Describe(doc);
  EXPECT_NE(Find(doc, "Middle East"), nullptr) << Describe(doc);
}

TEST(PlacesFields, CoordinatesAndIds) {
  REQUIRE_GAZETTEER();
  Document doc = RunOn("The convoy reached Quetta and then Pakistan's border.");
  const Place* q = Find(doc, "Quetta");
  ASSERT_NE(q, nullptr);
  EXPECT_GT(q->geonames_id, 0);
  EXPECT_NEAR(q->lat, 30.2, 0.3);
  EXPECT_NEAR(q->lon, 67.0, 0.3);
  const Place* pk = Find(doc, "Pakistan");
  ASSERT_NE(pk, nullptr) << Describe(doc);
  EXPECT_EQ(pk->feature, "country");
  EXPECT_EQ(pk->geonames_id, 0);
  // Located at the capital.
  EXPECT_NEAR(pk->lat, 33.7, 0.3);
}

TEST(PlacesInSpan, PrefersGovernedPlace) {
  REQUIRE_GAZETTEER();
  Document doc = RunOn("Moscow criticised Islamabad over the drills held in Gwadar last week.");
  int32_t i = PlaceInSpan(doc, {0, static_cast<uint32_t>(doc.text.size())});
  ASSERT_GE(i, 0) << Describe(doc);
  EXPECT_EQ(doc.places[i].name, "Gwadar");
}

TEST(PlacesInSpan, CountryGovernedAndActorsSkipped) {
  REQUIRE_GAZETTEER();
  Document doc = RunOn("Russia said the exercise would be held on the territory of Pakistan.");
  // Make "Russia" an actor mention of a country entity.
  Entity e;
  e.name = "Russia";
  e.type = EntityType::kCountry;
  doc.entities.push_back(e);
  Mention m;
  m.span = {0, 6};
  doc.mentions.push_back(m);
  int32_t i = PlaceInSpan(doc, {0, static_cast<uint32_t>(doc.text.size())});
  ASSERT_GE(i, 0) << Describe(doc);
  EXPECT_EQ(doc.places[i].country, "PK");
  // A span with only the actor mention has no location.
  EXPECT_EQ(PlaceInSpan(doc, {0, 11}), -1);
}

TEST(PlacesInSpan, EmptyWhenNoPlace) {
  Document doc;
  doc.text = "Nothing happened.";
  EXPECT_EQ(PlaceInSpan(doc, {0, 17}), -1);
}

TEST(PlacesGazetteer, LoadsFastAndIndexes) {
  REQUIRE_GAZETTEER();
  Config c = Config::Default();
  Gazetteer g;
  auto t0 = std::chrono::steady_clock::now();
  Status s = Gazetteer::Load(c, g);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::printf("[places] gazetteer: %zu entries, %zu keys, %.0f ms\n", g.size(), g.key_count(),
              ms.count());
  EXPECT_GT(g.size(), 100000u);
  std::vector<uint32_t> out;
  g.Lookup("gwadar", false, &out);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(g.entry(out[0]).Country(), "PK");
  out.clear();
  g.Lookup("us", false, &out);
  for (uint32_t e : out) EXPECT_NE(g.entry(e).feature, Feature::kCountry);
  out.clear();
  g.Lookup("us", true, &out);
  bool us = false;
  for (uint32_t e : out) us = us || g.entry(e).Country() == "US";
  EXPECT_TRUE(us);
}

TEST(PlacesGazetteer, MissingFileIsAnError) {
  Config c = Config::Default();
  c.gazetteer_path = "/nonexistent/cities1000.txt";
  Gazetteer g;
  Status s = Gazetteer::Load(c, g);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/nonexistent/cities1000.txt"), std::string::npos);
}

TEST(PlacesGazetteer, FoldAscii) {
  EXPECT_EQ(FoldAscii("Tehrān"), "tehran");
  EXPECT_EQ(FoldAscii("Île-de-France"), "ile-de-france");
  EXPECT_EQ(FoldAscii("Kraków"), "krakow");
  EXPECT_EQ(Gazetteer::Key("  New \n Delhi "), "new delhi");
}

}  // namespace
}  // namespace dyad::places

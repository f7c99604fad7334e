// Copyright (c) dyad authors. Licensed under the Apache License 2.0.

#include "time/time.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/text.h"
#include "core/tsv.h"
#include "time/calendar.h"

namespace dyad::timex {
namespace {

const Lexicon& Lex() {
  auto lex = Lexicon::Get(Config::Default());
  EXPECT_TRUE(lex.ok()) << lex.status().ToString();
  return **lex;
}

constexpr Date kRef{2019, 7, 15};  // a Monday

struct Case {
  const char* phrase;
  Date ref;
  Tense tense;
  const char* want;  // ISO date, "none" (no timex) or "unknown" (no value)
};

constexpr Tense P = Tense::kPast;
constexpr Tense F = Tense::kFuture;
constexpr Tense R = Tense::kPresent;

const Case kCases[] = {
    // Absolute dates.
    {"29 March 2024", kRef, P, "2024-03-29"},
    {"March 29, 2024", kRef, P, "2024-03-29"},
    {"Friday, March 29, 2024", kRef, P, "2024-03-29"},
    {"Friday 29 March 2024", kRef, P, "2024-03-29"},
    {"Sat, 12 May 2021", kRef, P, "2021-05-12"},
    {"July 2, 2019", kRef, F, "2019-07-02"},
    {"Sept. 3, 2018", kRef, P, "2018-09-03"},
    {"2019-07-02", kRef, P, "2019-07-02"},
    {"02/07/2019", kRef, P, "2019-07-02"},
    {"13/07/2019", kRef, P, "2019-07-13"},
    {"07/13/2019", kRef, P, "2019-07-13"},
    {"2/7/19", kRef, P, "2019-07-02"},
    {"April 2019", kRef, P, "2019-04"},
    {"in April of 2019", kRef, P, "2019-04"},
    {"in 2019", kRef, P, "2019"},
    {"mid-2019", kRef, P, "2019"},
    {"early 2020", kRef, F, "2020"},
    {"by the end of 2018", kRef, P, "2018"},
    {"since 2015", kRef, P, "2015"},
    {"from 2015 to 2017", kRef, P, "2015"},
    {"29 February 2020", kRef, P, "2020-02-29"},
    {"31 February 2019", kRef, P, "2019-02"},  // a bad day keeps month and year
    // Day and month without a year.
    {"2nd July", kRef, P, "2019-07-02"},
    {"July 2", kRef, P, "2019-07-02"},
    {"June 5th", kRef, P, "2019-06-05"},
    {"the 2nd of July", kRef, P, "2019-07-02"},
    {"the twenty-first of June", kRef, P, "2019-06-21"},
    {"Dec 25", kRef, P, "2018-12-25"},
    {"Dec 25", kRef, F, "2019-12-25"},
    {"2nd July", Date{2019, 8, 10}, F, "2020-07-02"},
    {"2nd July", Date{2019, 8, 10}, P, "2019-07-02"},
    {"5 June", kRef, R, "2019-06-05"},
    {"Earlier this month, on 2nd July", kRef, F, "2019-07-02"},
    {"last month, on 3 June", kRef, P, "2019-06-03"},
    // Months alone.
    {"in October", kRef, P, "2018-10"},
    {"in October", kRef, F, "2019-10"},
    {"in February", kRef, P, "2019-02"},
    {"in February", kRef, F, "2020-02"},
    {"in July", kRef, P, "2019-07"},
    {"in July", kRef, F, "2019-07"},
    {"in December", kRef, R, "2019-12"},
    {"in May", kRef, P, "2019-05"},
    {"last October", kRef, F, "2018-10"},
    {"next March", kRef, P, "2020-03"},
    {"this October", kRef, P, "2019-10"},
    // Weekdays (2019-07-15 is a Monday).
    {"on Thursday", kRef, P, "2019-07-11"},
    {"Thursday", kRef, F, "2019-07-18"},
    {"on Monday", kRef, P, "2019-07-15"},
    {"on Monday", kRef, F, "2019-07-15"},
    {"last Monday", kRef, P, "2019-07-08"},
    {"next Friday", kRef, P, "2019-07-19"},
    {"Thursday night", kRef, P, "2019-07-11"},
    {"on Wednesday", Date{2019, 7, 0}, P, "2019-07"},
    // Deictic words.
    {"today", kRef, P, "2019-07-15"},
    {"yesterday", kRef, P, "2019-07-14"},
    {"tomorrow", kRef, F, "2019-07-16"},
    {"last night", kRef, P, "2019-07-14"},
    {"this morning", kRef, P, "2019-07-15"},
    {"yesterday", Date{}, P, "unknown"},
    {"last week", kRef, P, "2019-07"},
    {"last week", Date{2019, 7, 3}, P, "2019-06"},
    {"last weekend", kRef, P, "2019-07"},
    {"earlier this month", kRef, P, "2019-07"},
    {"this month", kRef, P, "2019-07"},
    {"last month", kRef, P, "2019-06"},
    {"next month", kRef, F, "2019-08"},
    {"last month", Date{2019, 1, 10}, P, "2018-12"},
    {"last year", kRef, P, "2018"},
    {"next year", kRef, F, "2020"},
    {"this year", kRef, P, "2019"},
    {"earlier this year", kRef, P, "2019"},
    {"two days ago", kRef, P, "2019-07-13"},
    {"three weeks ago", kRef, P, "2019-06"},
    {"a year ago", kRef, P, "2018"},
    // Not dates.
    {"the 1990s", kRef, P, "none"},
    // Over-long numbers are not days (and must not overflow while read).
    {"99999999999999999999th July", kRef, P, "none"},
    {"123rd of July", kRef, P, "2019-07"},
    {"since the 1990s", kRef, P, "none"},
    {"for two years", kRef, P, "none"},
    {"three months", kRef, P, "none"},
    {"two days", kRef, P, "none"},
    {"21st century", kRef, P, "none"},
    {"over the last year", kRef, P, "none"},
    {"over the next week", kRef, P, "none"},
    {"Friendship-2019", kRef, P, "none"},
    {"Vision 2030", kRef, P, "none"},
    {"2019 soldiers", kRef, P, "none"},
    {"in 2000 homes", kRef, P, "none"},
    {"29,000 people", kRef, P, "none"},
    {"at 10:30", kRef, P, "none"},
    {"it may rain", kRef, P, "none"},
    {"Theresa May", kRef, P, "none"},
    {"they will march on the capital", kRef, F, "none"},
    {"Jan Kowalski", kRef, P, "none"},
    {"USA Today", kRef, P, "none"},
    {"Good Friday", kRef, P, "none"},
};

std::string Show(const Resolution& r) {
  if (!r.found) return "none";
  if (!r.value.known()) return "unknown";
  return r.value.Iso();
}

TEST(TimeExpressionTest, Table) {
  const Lexicon& lex = Lex();
  int right = 0, total = 0;
  for (const Case& c : kCases) {
    Resolution r = ResolveExpression(lex, c.phrase, c.ref, c.tense);
    ++total;
    if (Show(r) == c.want) {
      ++right;
    } else {
      ADD_FAILURE() << "'" << c.phrase << "' ref " << c.ref.Iso() << ": got " << Show(r)
                    << ", want " << c.want;
    }
  }
  std::printf("[time] expression table: %d/%d correct\n", right, total);
  EXPECT_GE(total, 60);
}

TEST(TimeExpressionTest, SpanCoversPreposition) {
  const Lexicon& lex = Lex();
  std::string s = "The envoy arrived on Thursday.";
  Resolution r = ResolveExpression(lex, s, kRef, P);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(s.substr(r.span.begin, r.span.size()), "on Thursday");
  EXPECT_TRUE(r.relative);
  s = "Earlier this month, on 2nd July, the generals met.";
  r = ResolveExpression(lex, s, kRef, P);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(s.substr(r.span.begin, r.span.size()), "Earlier this month, on 2nd July");
  r = ResolveExpression(lex, "Talks were held on 2 July 2019.", kRef, P);
  ASSERT_TRUE(r.found);
  EXPECT_FALSE(r.relative);
}

struct TenseCase {
  const char* sentence;
  const char* want;  // the first timex's value
};

TEST(TimeExpressionTest, TenseFromSentence) {
  const TenseCase cases[] = {
      {"The drills will be held in October.", "2019-10"},
      {"The drills were held in October.", "2018-10"},
      {"In October, the two armies will hold exercises.", "2019-10"},
      {"Both sides have agreed to hold drills in October.", "2019-10"},
      {"The two sides are set to meet on Friday.", "2019-07-19"},
      {"He met the envoy on Friday.", "2019-07-12"},
      {"Officials said talks would resume in March.", "2020-03"},
      {"The exercise is to be held in September.", "2019-09"},
      {"Talks are expected to take place in March, officials said.", "2020-03"},
      {"The minister won't travel on Thursday.", "2019-07-18"},
      {"The armed forces paraded in March.", "2019-03"},
  };
  const Lexicon& lex = Lex();
  for (const TenseCase& c : cases) {
    std::vector<Timex> t = FindTimexes(lex, c.sentence, kRef);
    ASSERT_FALSE(t.empty()) << c.sentence;
    EXPECT_EQ(t[0].value.Iso(), c.want) << c.sentence;
  }
  std::vector<Timex> t = FindTimexes(
      lex, "The ministry said on Thursday that the drills will take place in October.", kRef);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].value.Iso(), "2019-07-11");
  EXPECT_EQ(t[1].value.Iso(), "2019-10");
  t = FindTimexes(lex, "Trade grew between 2015 and 2017.", kRef);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].value.Iso(), "2017");
}

TEST(TimeCalendarTest, Arithmetic) {
  EXPECT_EQ(Weekday(Date{2019, 7, 15}), 1);
  EXPECT_EQ(Weekday(Date{2024, 3, 29}), 5);
  EXPECT_EQ(AddDays(Date{2019, 3, 1}, -1).Iso(), "2019-02-28");
  EXPECT_EQ(AddDays(Date{2020, 12, 31}, 1).Iso(), "2021-01-01");
  EXPECT_EQ(AddMonths(Date{2019, 1, 0}, -1).Iso(), "2018-12");
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(CivilFromDays(DaysFromCivil(1999, 12, 31)).Iso(), "1999-12-31");
}

// ---- the stage -------------------------------------------------------------

Document Doc(std::string text) {
  Document d;
  d.text = std::move(text);
  return d;
}

const Timex* Find(const Document& d, std::string_view covered) {
  for (const Timex& t : d.timexes) {
    if (d.Text(t.span).find(covered) != std::string_view::npos) return &t;
  }
  return nullptr;
}

TEST(TimeStoryDateTest, DisplayDateContradictedByContent) {
  Document d =
      Doc("Monday, March 4, 2024\n"
          "Navies to drill together\n"
          "The navies of Norland and Estavia will hold the joint exercise Seawatch-2018 in "
          "November. The announcement came from the naval staff on Thursday.\n"
          "Earlier this month, on 3rd August, the two admirals met in Port Vell.\n"
          "The two navies last exercised together in May 2017.\n");
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_EQ(d.meta.page_date.Iso(), "2024-03-04");
  EXPECT_EQ(d.meta.published.Iso(), "2018-08");
  EXPECT_NE(d.meta.published_evidence.find("contradicted"), std::string::npos)
      << d.meta.published_evidence;
  EXPECT_NE(d.meta.published_evidence.find("Earlier this month, on 3rd August"), std::string::npos)
      << d.meta.published_evidence;
  EXPECT_EQ(Find(d, "2024"), nullptr);  // the display line is not a timex
  ASSERT_NE(Find(d, "3rd August"), nullptr);
  EXPECT_EQ(Find(d, "3rd August")->value.Iso(), "2018-08-03");
  ASSERT_NE(Find(d, "November"), nullptr);
  EXPECT_EQ(Find(d, "November")->value.Iso(), "2018-11");
  ASSERT_NE(Find(d, "Thursday"), nullptr);
  EXPECT_EQ(Find(d, "Thursday")->value.Iso(), "2018-08");  // month precision reference
  EXPECT_EQ(Find(d, "Seawatch"), nullptr);
  ASSERT_NE(Find(d, "May 2017"), nullptr);
  EXPECT_FALSE(Find(d, "May 2017")->relative);
}

TEST(TimeStoryDateTest, PageDateKeptWhenConsistent) {
  Document d =
      Doc("Tuesday, 9 April 2024\n"
          "Grain deal extended\n"
          "The two governments extended the grain deal on Monday, a year after it was first "
          "signed in 2023. Exports rose in 2024, the ministry said.\n");
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_EQ(d.meta.published.Iso(), "2024-04-09");
  EXPECT_NE(d.meta.published_evidence.find("page_date"), std::string::npos);
  ASSERT_NE(Find(d, "Monday"), nullptr);
  EXPECT_EQ(Find(d, "Monday")->value.Iso(), "2024-04-08");
}

TEST(TimeStoryDateTest, WeekAnchorFindsYearFromWeekdays) {
  // No year in the body but "since 2016"; 6th March is a Monday in 2023 (and
  // in 2017); the latest fitting year before the page date wins.
  Document d =
      Doc("Friday, 12 January 2024\n"
          "Ministers met in Valdor earlier this week, on 6th March. They signed the accord on "
          "Thursday and briefed reporters on Wednesday. It is the first accord since 2016.\n"
          "\xC2\xA9 2024 Example Wire\n");
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_EQ(d.meta.published.Iso(), "2023-03-09") << d.meta.published_evidence;
  EXPECT_EQ(Find(d, "Wednesday")->value.Iso(), "2023-03-08");
  EXPECT_EQ(Find(d, "6th March")->value.Iso(), "2023-03-06");
}

TEST(TimeStoryDateTest, PageDateKeptWhenOnlyOlderPastYears) {
  // Older years told in the past tense do not contradict a page date.
  Document d = Doc("The treaty was signed in 2010. Critics said in August that it had failed.\n");
  d.meta.page_date = Date{2019, 11, 18};
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_EQ(d.meta.published.Iso(), "2019-11-18");
  EXPECT_EQ(Find(d, "August")->value.Iso(), "2019-08");
}

TEST(TimeStoryDateTest, UrlDate) {
  Document d = Doc("The council met on Friday.\n");
  d.meta.url = "https://news.example.org/world/2018/10/09/council-meets/";
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_EQ(d.meta.published.Iso(), "2018-10-09");
  EXPECT_EQ(d.meta.published_evidence, "url");
  EXPECT_EQ(Find(d, "Friday")->value.Iso(), "2018-10-05");
  Document e = Doc("Talks went on.\n");
  e.meta.url = "https://example.org/item/20191118107/";
  ASSERT_TRUE(timex::Run(Config::Default(), e).ok());
  EXPECT_FALSE(e.meta.published.known());
}

TEST(TimeStoryDateTest, RangeBoundsDoNotDateTheStory) {
  Document d = Doc("The party has ruled since 1984. Its leader spoke on Tuesday.\n");
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_FALSE(d.meta.published.known()) << d.meta.published.Iso();
  ASSERT_NE(Find(d, "since 1984"), nullptr);
}

TEST(TimeStoryDateTest, DatelineWithoutYearTakesPageYear) {
  Document d =
      Doc("KORVO, June 12 (Wire Service) - The foreign minister of Norland said on Tuesday that "
          "talks would resume next month.\n");
  d.meta.page_date = Date{2021, 6, 14};
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_EQ(d.meta.published.Iso(), "2021-06-12");
  EXPECT_TRUE(dyad::StartsWith(d.meta.published_evidence, "dateline")) << d.meta.published_evidence;
  ASSERT_NE(Find(d, "Tuesday"), nullptr);
  EXPECT_EQ(Find(d, "Tuesday")->value.Iso(), "2021-06-08");
  ASSERT_NE(Find(d, "next month"), nullptr);
  EXPECT_EQ(Find(d, "next month")->value.Iso(), "2021-07");
}

TEST(TimeStoryDateTest, DatelineWithYear) {
  Document d = Doc("PORT VELL, Norland, March 3, 2020 \xE2\x80\x94 Officials met on Monday.\n");
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_EQ(d.meta.published.Iso(), "2020-03-03");
  EXPECT_EQ(Find(d, "Monday")->value.Iso(), "2020-03-02");
}

TEST(TimeStoryDateTest, InputDateWins) {
  Document d = Doc("Monday, March 4, 2024\nThe council met yesterday. It last met in 2017.\n");
  d.meta.input_date = Date{2020, 1, 5};
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_EQ(d.meta.published.Iso(), "2020-01-05");
  EXPECT_EQ(d.meta.published_evidence, "input");
  EXPECT_EQ(Find(d, "yesterday")->value.Iso(), "2020-01-04");
}

TEST(TimeStoryDateTest, MetadataKeptWhenConsistent) {
  Document d = Doc("The parliament passed the budget this year. A similar bill failed in 2021.\n");
  d.meta.published = Date{2022, 5, 10};
  d.meta.published_evidence = "metadata: article:published_time";
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_EQ(d.meta.published.Iso(), "2022-05-10");
  EXPECT_EQ(d.meta.published_evidence, "metadata: article:published_time");
  EXPECT_EQ(Find(d, "this year")->value.Iso(), "2022");
}

TEST(TimeStoryDateTest, MetadataDroppedWhenContentIsFuture) {
  Document d = Doc("The summit will be held in October 2016, the organisers said.\n");
  d.meta.published = Date{2023, 2, 1};
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_EQ(d.meta.published.Iso(), "2016");
  EXPECT_NE(d.meta.published_evidence.find("contradicted"), std::string::npos);
}

TEST(TimeStoryDateTest, BylineDate) {
  Document d =
      Doc("By Mira Holt | Published: 12 May 2021\n"
          "Updated: 14 May 2021\n"
          "The ministry announced on Friday that the border will reopen in June.\n");
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_EQ(d.meta.published.Iso(), "2021-05-12");
  EXPECT_TRUE(dyad::StartsWith(d.meta.published_evidence, "byline")) << d.meta.published_evidence;
  EXPECT_EQ(Find(d, "May 2021"), nullptr);
  EXPECT_EQ(Find(d, "Friday")->value.Iso(), "2021-05-07");
  EXPECT_EQ(Find(d, "June")->value.Iso(), "2021-06");
}

TEST(TimeStoryDateTest, NoEvidenceLeavesDateUnknown) {
  Document d = Doc("The talks resumed on Thursday after a pause of two weeks.\n");
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_FALSE(d.meta.published.known());
  ASSERT_EQ(d.timexes.size(), 1u);
  EXPECT_FALSE(d.timexes[0].value.known());
  EXPECT_TRUE(d.timexes[0].relative);
}

TEST(TimeStoryDateTest, ContentOnlyYear) {
  Document d = Doc("Elections were held in March 2018. Turnout in the 2018 vote was low.\n");
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_EQ(d.meta.published.Iso(), "2018");
  EXPECT_TRUE(dyad::StartsWith(d.meta.published_evidence, "content")) << d.meta.published_evidence;
}

TEST(TimeStoryDateTest, UsesDocumentSentences) {
  // Sentences from an earlier stage bound the tense look-up.
  Document d = Doc("The talks ended on Monday. Next round will open in May.");
  d.meta.input_date = Date{2019, 7, 15};
  d.sentences.push_back(Sentence{Span{0, 26}, 0, 0, 0});
  d.sentences.push_back(Sentence{Span{27, 55}, 0, 0, 0});
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_EQ(Find(d, "Monday")->value.Iso(), "2019-07-15");
  EXPECT_EQ(Find(d, "May")->value.Iso(), "2020-05");
}

TEST(TimeLexiconTest, BadLineNamesFileAndLine) {
  std::string path = ::testing::TempDir() + "/time_words_bad.tsv";
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("# comment\njanuary\tmonth\t1\nfoo\tmonth\t13\n", f);
  std::fclose(f);
  Lexicon lex;
  Status s = Lexicon::Load(path, &lex);
  EXPECT_EQ(s.code(), StatusCode::kDataError);
  EXPECT_NE(s.message().find(path + ":3"), std::string::npos) << s.message();
}

TEST(TimeSeedTest, SpecimenStoryDate) {
  std::string raw;
  if (!ReadFile(std::string(DYAD_SHARED_DIR) + "/seed/000_be7709c430ffb8e4.txt", &raw).ok()) {
    GTEST_SKIP() << "shared seed not available";
  }
  Document d = Doc(raw);
  ASSERT_TRUE(timex::Run(Config::Default(), d).ok());
  EXPECT_EQ(d.meta.published.year, 2019);
  EXPECT_EQ(d.meta.published.month, 7);
  EXPECT_NE(d.meta.published_evidence.find("contradicted"), std::string::npos);
  bool day = false;
  for (const Timex& t : d.timexes) day |= t.value.Iso() == "2019-07-02";
  EXPECT_TRUE(day);
}

}  // namespace
}  // namespace dyad::timex

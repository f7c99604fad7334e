#include "store/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>

#include "../common/cli_run.h"
#include "coded.h"
#include "dyad/pipeline.h"
#include "store/merge.h"
#include "store/sql.h"

namespace dyad::store {
namespace {

namespace fs = std::filesystem;

// A scratch folder for this test, removed at its end.
struct TempDir : test::TempDir {
  TempDir() : test::TempDir("dyad_store_") {}
};

using test::Coded;

const char* kMeeting =
    "Russian President Vladimir Putin met Pakistani Prime Minister Imran Khan in Moscow on "
    "Tuesday to discuss energy cooperation.\n\nThe two leaders signed an agreement on a gas "
    "pipeline, officials said.";
const char* kMeeting2 =
    "Pakistan's Prime Minister Imran Khan held talks with President Vladimir Putin in Moscow on "
    "Tuesday about energy cooperation and a gas pipeline.";
const char* kProtest =
    "Thousands of protesters demonstrated in Paris on Saturday against the French government's "
    "pension reform.";

TEST(StoreTest, OpenCreatesSchemaAndRejectsForeignFiles) {
  TempDir t;
  auto st = Store::Open((t.path / "a.db").string());
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  auto stats = (*st)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 0);

  std::FILE* f = std::fopen((t.path / "junk.db").c_str(), "w");
  std::fputs("this is not sqlite at all, just some text that is long enough", f);
  std::fclose(f);
  auto bad = Store::Open((t.path / "junk.db").string());
  EXPECT_FALSE(bad.ok());
}

TEST(StoreTest, CheckpointSizeIsSetInPagesOfTheStore) {
  TempDir t;
  auto st = Store::Open((t.path / "a.db").string());
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  ASSERT_TRUE((*st)->SetCheckpointMiB(8).ok());
  Stmt page((*st)->handle(), "PRAGMA page_size"),
      pages((*st)->handle(), "PRAGMA wal_autocheckpoint");
  ASSERT_TRUE(page.Step());
  ASSERT_TRUE(pages.Step());
  EXPECT_EQ(pages.Int(0), 8 * 1024 * 1024 / page.Int(0));
}

TEST(StoreTest, AddIsIdempotentByContentAndUrl) {
  TempDir t;
  auto st = Store::Open((t.path / "a.db").string());
  ASSERT_TRUE(st.ok());
  Store& s = **st;
  Config c = Config::Default();
  Document a = Coded(kMeeting, "https://a.example/1", "2019-07-02");
  auto r1 = s.Add(c, a);
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  EXPECT_EQ(*r1, AddOutcome::kAdded);
  auto r2 = s.Add(c, a);
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(*r2, AddOutcome::kDuplicateContent);
  Document b = Coded(kProtest, "https://a.example/1", "2019-07-02");
  auto r3 = s.Add(c, b);
  ASSERT_TRUE(r3.ok());
  EXPECT_EQ(*r3, AddOutcome::kDuplicateUrl);
  auto stats = s.GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 1);
  EXPECT_GT(stats->sentences, 0);
  EXPECT_EQ(stats->mentions, static_cast<int64_t>(a.events.size()));
  auto has = s.Contains(ContentHash(a.raw), "");
  ASSERT_TRUE(has.ok());
  EXPECT_TRUE(*has);
}

TEST(StoreTest, AMentionIdTakenByAnotherDocumentMovesToTheNextFreeId) {
  TempDir t;
  auto st = Store::Open((t.path / "a.db").string());
  ASSERT_TRUE(st.ok());
  Store& s = **st;
  Config c = Config::Default();
  Document a = Coded(kProtest, "https://a.example/1", "2019-07-02");
  ASSERT_TRUE(s.Add(c, a).ok());
  Document b = Coded(kMeeting, "https://b.example/1", "2019-07-02");
  ASSERT_GE(b.events.size(), 2u);
  // A row of a's in the middle of b's mention ids.
  const int64_t b_id = DocumentId(ContentHash(b.raw));
  const int64_t taken = MentionId(b_id, 1);
  ASSERT_TRUE(Exec(s.handle(), ("CREATE TEMP TABLE t AS SELECT * FROM event_mentions LIMIT 1; "
                                "UPDATE t SET id = " +
                                std::to_string(taken) +
                                ", idx = 1000; INSERT INTO event_mentions SELECT * FROM t;")
                                   .c_str())
                  .ok());
  auto added = s.Add(c, b);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  std::vector<int64_t> ids;
  Stmt q(s.handle(), "SELECT id FROM event_mentions WHERE doc_id = ? ORDER BY idx");
  q.Bind(1, b_id);
  while (q.Step()) ids.push_back(q.Int(0));
  ASSERT_EQ(ids.size(), b.events.size());
  EXPECT_EQ(ids[0], MentionId(b_id, 0));
  EXPECT_EQ(ids[1], taken + 1);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), taken), 0);
}

TEST(StoreTest, MergesReportsOfOneMeetingAcrossOutlets) {
  TempDir t;
  auto st = Store::Open((t.path / "a.db").string());
  ASSERT_TRUE(st.ok());
  Store& s = **st;
  Config c = Config::Default();
  Document a = Coded(kMeeting, "https://a.example/1", "2019-07-02");
  Document b = Coded(kMeeting2, "https://b.example/x", "2019-07-02");
  Document p = Coded(kProtest, "https://a.example/2", "2019-07-06");
  ASSERT_TRUE(s.Add(c, a).ok());
  ASSERT_TRUE(s.Add(c, b).ok());
  ASSERT_TRUE(s.Add(c, p).ok());
  auto merged = s.Merge(c);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EventFilter f;
  f.actor = "RUS";
  f.actor2 = "PAK";
  f.root = "04";
  auto evs = s.QueryEvents(f);
  ASSERT_TRUE(evs.ok()) << evs.status().ToString();
  ASSERT_FALSE(evs->empty());
  const EventRow& e = (*evs)[0];
  EXPECT_EQ(e.num_articles, 2);
  EXPECT_EQ(e.num_sources, 2);
  auto urls = s.GetEventUrls(e.id);
  ASSERT_TRUE(urls.ok());
  EXPECT_EQ(urls->size(), 2u);
  auto ms = s.GetMentions(e.id);
  ASSERT_TRUE(ms.ok());
  EXPECT_GE(ms->size(), 2u);
  for (const MentionRow& m : *ms) EXPECT_FALSE(m.sentence_text.empty());
  auto stats = s.GetStats();
  EXPECT_EQ(stats->unmerged_mentions, 0);
}

TEST(StoreTest, QueryFilters) {
  TempDir t;
  auto st = Store::Open((t.path / "a.db").string());
  ASSERT_TRUE(st.ok());
  Store& s = **st;
  Config c = Config::Default();
  ASSERT_TRUE(s.Add(c, Coded(kMeeting, "https://a.example/1", "2019-07-02")).ok());
  ASSERT_TRUE(s.Add(c, Coded(kProtest, "https://b.example/2", "2019-07-06")).ok());
  ASSERT_TRUE(s.Merge(c).ok());
  EventFilter all;
  all.limit = 0;
  auto every = s.QueryEvents(all);
  ASSERT_TRUE(every.ok());
  ASSERT_GE(every->size(), 2u);
  auto count = [&](EventFilter f) {
    f.limit = 0;
    auto r = s.QueryEvents(f);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->size() : size_t{0};
  };
  EventFilter f;
  f.root = "14";
  EXPECT_GE(count(f), 1u);
  f = {};
  f.quad_class = 4;
  EXPECT_EQ(count(f), count([] {
              EventFilter g;
              g.root = "14";
              return g;
            }()));
  f = {};
  f.outlet = "b.example";
  EXPECT_GE(count(f), 1u);
  f.outlet = "nowhere.example";
  EXPECT_EQ(count(f), 0u);
  f = {};
  f.text = "pension";
  EXPECT_GE(count(f), 1u);
  f.text = "100%_'; DROP TABLE events; --";
  EXPECT_EQ(count(f), 0u);
  f = {};
  f.date_from = 20190705;
  size_t late = count(f);
  f = {};
  f.date_to = 20190704;
  size_t early = count(f);
  EXPECT_EQ(late + early, every->size());
  EXPECT_GE(late, 1u);
  EXPECT_GE(early, 1u);
  // Cursor pagination walks every event once, in id order.
  EventFilter page;
  page.limit = 1;
  size_t seen = 0;
  int64_t last = 0;
  for (;;) {
    auto r = s.QueryEvents(page);
    ASSERT_TRUE(r.ok());
    if (r->empty()) break;
    EXPECT_GT((*r)[0].id, last);
    last = page.after_id = (*r)[0].id;
    ++seen;
  }
  EXPECT_EQ(seen, every->size());
}

Interner& Strings() {
  static Interner* strings = new Interner;
  return *strings;
}

MergeMention M(int64_t id, int date, const std::string& sentence, const std::string& place = "") {
  MergeMention m;
  m.id = id;
  m.doc_id = id;
  m.date = date;
  m.code = Strings().Id("042");
  m.place_country = Strings().Id(place);
  m.words = ContentWords(sentence, Strings());
  return m;
}

TEST(MergeTest, ContentWordsAreDistinctAndSkipStopWords) {
  Interner words;
  auto w = ContentWords("The talks, the TALKS and gas in Oslo", words);
  ASSERT_EQ(w.size(), 3u);  // talks, gas, oslo
  EXPECT_TRUE(std::is_sorted(w.begin(), w.end()));
  EXPECT_EQ(words.Str(w[0]), "talks");
  EXPECT_EQ(words.Id("oslo"), w[2]);
  EXPECT_EQ(words.Id(""), 0u);
}

TEST(MergeTest, ClusterIsIndependentOfInputOrder) {
  std::vector<MergeMention> a = {
      M(5, 20200101, "Putin visited Islamabad for talks on gas", "PK"),
      M(3, 20200102, "Putin arrived in Islamabad for gas talks"),
      M(9, 20200110, "Putin visited Islamabad again for talks on gas"),
      M(1, 20200101, "A factory near Lyon was toured", "FR"),
      M(7, 20200101, "Putin visited Islamabad", "PK"),
  };
  auto b = a;
  std::reverse(b.begin(), b.end());
  auto ca = ClusterBlock(a, {});
  auto cb = ClusterBlock(b, {});
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].id, b[i].id);
    EXPECT_EQ(ca[i], cb[i]);
  }
  auto cluster_of = [&](int64_t id) {
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].id == id) return a[ca[i]].id;
    }
    return int64_t{-1};
  };
  EXPECT_EQ(cluster_of(5), cluster_of(3));  // a day apart, same words
  EXPECT_NE(cluster_of(9), cluster_of(5));  // nine days later: a new visit
  EXPECT_NE(cluster_of(1), cluster_of(7));  // places in different countries
}

}  // namespace
}  // namespace dyad::store

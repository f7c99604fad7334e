// The store's read path: schema upgrades from versions 1 and 2, the plans of event
// pages (index walks in id order), and the per-connection statement cache.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../common/cli_run.h"
#include "coded.h"
#include "dyad/pipeline.h"
#include "store/sql.h"
#include "store/store.h"

namespace dyad::store {
namespace {

namespace fs = std::filesystem;

// A scratch folder for this test, removed at its end.
struct TempDir : test::TempDir {
  TempDir() : test::TempDir("dyad_qplan_") {}
};

using test::Coded;

// A store with a few merged events between several countries.
void Fill(const std::string& path) {
  auto st = Store::Open(path);
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  Store& s = **st;
  const char* texts[] = {
      "Russian President Vladimir Putin met Pakistani Prime Minister Imran Khan in Moscow on "
      "Tuesday to discuss energy cooperation.",
      "Thousands of protesters demonstrated in Paris on Saturday against the French "
      "government's pension reform.",
      "China accused Japan of violating its airspace on Monday.",
      "India and Pakistan agreed to resume talks on Kashmir, officials said on Friday.",
      "Ukraine rejected Russia's demands during negotiations in Istanbul on Thursday.",
  };
  const char* dates[] = {"2019-07-02", "2020-01-11", "2021-03-15", "2022-05-20", "2023-09-09"};
  for (int i = 0; i < 5; ++i) {
    auto r = s.Add(Config::Default(),
                   Coded(texts[i], "https://x.example/" + std::to_string(i), dates[i]));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  auto m = s.Merge(Config::Default());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
}

void Sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << msg << " in " << sql;
}

// Gives the store at `path` version 2's sentences: a table that keeps each
// sentence's text, instead of spans into the document's text.
void SentencesAsInVersion2(const std::string& path) {
  Sql(path,
      "CREATE TABLE v2(doc_id INTEGER NOT NULL, idx INTEGER NOT NULL, begin INTEGER NOT NULL, "
      "end INTEGER NOT NULL, paragraph INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY(doc_id, "
      "idx)) WITHOUT ROWID; INSERT INTO v2 SELECT * FROM sentences; DROP VIEW sentences; "
      "ALTER TABLE documents DROP COLUMN sentence_spans; ALTER TABLE v2 RENAME TO sentences; "
      "UPDATE meta SET value = '2' WHERE key = 'schema_version'");
}

// Gives the store at `path` version 3's sentences: a row per sentence's span
// in a table `sentence_spans`, and a view that adds their text.
void SentencesAsInVersion3(const std::string& path) {
  Sql(path,
      "CREATE TABLE sentence_spans(doc_id INTEGER NOT NULL, idx INTEGER NOT NULL, begin INTEGER "
      "NOT NULL, end INTEGER NOT NULL, paragraph INTEGER NOT NULL, PRIMARY KEY(doc_id, idx)) "
      "WITHOUT ROWID; INSERT INTO sentence_spans SELECT doc_id, idx, begin, \"end\", paragraph "
      "FROM sentences; DROP VIEW sentences; ALTER TABLE documents DROP COLUMN sentence_spans; "
      "CREATE VIEW sentences AS SELECT s.doc_id AS doc_id, s.idx AS idx, s.begin AS begin, "
      "s.\"end\" AS \"end\", s.paragraph AS paragraph, CAST(substr(CAST(d.text AS BLOB), "
      "s.begin + 1, s.\"end\" - s.begin) AS TEXT) AS text FROM sentence_spans s LEFT JOIN "
      "documents d ON d.id = s.doc_id; "
      "UPDATE meta SET value = '3' WHERE key = 'schema_version'");
}

// The store's dump without its meta table (which holds the version).
std::string Dump(const std::string& path, bool read_only) {
  auto st = Store::Open(path, read_only);
  EXPECT_TRUE(st.ok()) << st.status().ToString();
  if (!st.ok()) return "";
  auto d = (*st)->Dump();
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? d->substr(d->find("## documents")) : "";
}

std::vector<int64_t> Ids(Store& s, const EventFilter& f) {
  std::vector<int64_t> ids;
  Status st = s.ForEachEvent(f, [&](const EventRow& e) {
    ids.push_back(e.id);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return ids;
}

std::vector<std::string> Indexes(const std::string& path) {
  auto st = Store::Open(path, /*read_only=*/true);
  EXPECT_TRUE(st.ok());
  std::vector<std::string> out;
  Stmt q((*st)->handle(),
         "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='events' AND sql IS NOT "
         "NULL ORDER BY name");
  while (q.Step()) out.push_back(q.Text(0));
  return out;
}

TEST(StoreSchemaTest, UpgradesVersion1OnWriteOpenAndReadsItAsIs) {
  TempDir t;
  std::string path = (t.path / "a.db").string();
  Fill(path);
  EventFilter all;
  all.limit = 0;
  std::vector<int64_t> want;
  {
    auto st = Store::Open(path);
    ASSERT_TRUE(st.ok());
    want = Ids(**st, all);
  }
  ASSERT_FALSE(want.empty());
  const std::string dump = Dump(path, true);
  // Turn it into a store of schema version 1 (its indexes in date order).
  SentencesAsInVersion2(path);
  Sql(path,
      "DROP INDEX events_source_id; DROP INDEX events_target_id; DROP INDEX events_root_id; "
      "DROP INDEX events_quad_id; CREATE INDEX events_target ON events(target_country); "
      "CREATE INDEX events_code ON events(code); CREATE INDEX events_root ON events(root, date); "
      "CREATE INDEX events_quad ON events(quad_class, date); "
      "CREATE INDEX events_place ON events(place_country); "
      "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
  {
    // Read-only: served as it is, same answers.
    auto ro = Store::Open(path, /*read_only=*/true);
    ASSERT_TRUE(ro.ok()) << ro.status().ToString();
    EXPECT_EQ(Ids(**ro, all), want);
  }
  EXPECT_EQ(Indexes(path).size(), 8u);
  {
    auto rw = Store::Open(path);
    ASSERT_TRUE(rw.ok()) << rw.status().ToString();
    EXPECT_EQ(Ids(**rw, all), want);
  }
  EXPECT_EQ(Indexes(path), (std::vector<std::string>{"events_block", "events_date", "events_pair",
                                                     "events_quad_id", "events_root_id",
                                                     "events_source_id", "events_target_id"}));
  auto ro = Store::Open(path, /*read_only=*/true);
  ASSERT_TRUE(ro.ok());
  Stmt v((*ro)->handle(), "SELECT value FROM meta WHERE key = 'schema_version'");
  ASSERT_TRUE(v.Step());
  EXPECT_EQ(v.Text(0), std::to_string(kSchemaVersion));
  EXPECT_EQ(Dump(path, true), dump);
}

TEST(StoreSchemaTest, UpgradesVersion2And3SentencesToPackedSpansKeepingTheirText) {
  for (auto* older : {&SentencesAsInVersion2, &SentencesAsInVersion3}) {
    TempDir t;
    std::string path = (t.path / "a.db").string();
    Fill(path);
    const std::string dump = Dump(path, true);
    ASSERT_NE(dump.find("Vladimir Putin met"), std::string::npos);
    older(path);
    Sql(path, "SELECT count(*) FROM sentences");
    EXPECT_EQ(Dump(path, true), dump);   // read as it is
    EXPECT_EQ(Dump(path, false), dump);  // upgraded
    auto ro = Store::Open(path, /*read_only=*/true);
    ASSERT_TRUE(ro.ok());
    Stmt v((*ro)->handle(), "SELECT value FROM meta WHERE key = 'schema_version'");
    ASSERT_TRUE(v.Step());
    EXPECT_EQ(v.Text(0), std::to_string(kSchemaVersion));
    Stmt spans((*ro)->handle(),
               "SELECT sentence_spans FROM documents WHERE sentence_spans LIKE '[[0,%'");
    EXPECT_TRUE(spans.Step()) << spans.status().ToString();
    Stmt tables((*ro)->handle(),
                "SELECT count(*) FROM sqlite_master WHERE name IN ('sentence_spans', "
                "'old_sentences')");
    ASSERT_TRUE(tables.Step());
    EXPECT_EQ(tables.Int(0), 0);
  }
}

TEST(StoreTest, SentenceSpansRoundTripThroughTheirJson) {
  std::vector<Sentence> ss(3);
  ss[0].span = {0, 12};
  ss[1].span = {13, 40};
  ss[1].paragraph = 1;
  ss[2].span = {42, 1234567};
  ss[2].paragraph = 2;
  const std::string json = SentenceSpansJson(ss);
  EXPECT_EQ(json, "[[0,12,0],[13,40,1],[42,1234567,2]]");
  using Spans = std::vector<std::pair<int64_t, int64_t>>;
  EXPECT_EQ(ParseSentenceSpans(json), (Spans{{0, 12}, {13, 40}, {42, 1234567}}));
  EXPECT_EQ(ParseSentenceSpans("[ [1, 2, 0] ,\n [3,4,0] ]"), (Spans{{1, 2}, {3, 4}}));
  EXPECT_EQ(ParseSentenceSpans("[]"), Spans{});
  EXPECT_EQ(SentenceSpansJson({}), "[]");
  // Garbage ends the reading; what came before stays.
  EXPECT_EQ(ParseSentenceSpans("[[1,2,0],x[3,4,0]]"), (Spans{{1, 2}}));
}

TEST(StoreSchemaTest, RefusesNewerAndUnknownVersions) {
  TempDir t;
  std::string path = (t.path / "a.db").string();
  Fill(path);
  for (const std::string& v :
       {std::to_string(kSchemaVersion + 1), std::string("0"), std::string("two")}) {
    Sql(path, "UPDATE meta SET value = '" + v + "' WHERE key = 'schema_version'");
    for (bool read_only : {true, false}) {
      auto st = Store::Open(path, read_only);
      ASSERT_FALSE(st.ok()) << v;
      EXPECT_EQ(st.status().code(), StatusCode::kInvalidInput);
      EXPECT_NE(st.status().message().find("schema version"), std::string::npos);
    }
  }
}

// With the statistics of a store of 119,045 events (bench/serve), every
// filter of the load test's mix finds its page by walking an index (or the
// table) in id order: no sort of the matches.
TEST(StorePlanTest, EventPagesWalkIndexesInIdOrder) {
  TempDir t;
  std::string path = (t.path / "a.db").string();
  Fill(path);
  Sql(path,
      "DELETE FROM sqlite_stat1 WHERE tbl = 'events'; INSERT INTO sqlite_stat1 VALUES "
      "('events', 'events_quad_id', '119045 29762 1 1'), "
      "('events', 'events_root_id', '119045 11905 1 1 1'), "
      "('events', 'events_target_id', '119045 3841 1 1 1'), "
      "('events', 'events_source_id', '119045 3969 1 1'), "
      "('events', 'events_pair', '119045 3969 137'), ('events', 'events_date', '119045 34'), "
      "('events', 'events_block', '119045 17')");
  auto st = Store::Open(path, /*read_only=*/true);
  ASSERT_TRUE(st.ok());
  Store& s = **st;
  struct Case {
    EventFilter f;
    const char* index;  // expected in the plan; "" for the table in id order
  };
  auto F = [](auto set) {
    EventFilter f;
    f.limit = 50;
    f.after_id = 4000000000000000;
    set(f);
    return f;
  };
  std::vector<Case> cases = {
      {F([](EventFilter&) {}), ""},
      {F([](EventFilter& f) { f.quad_class = 4; }), "events_quad_id"},
      {F([](EventFilter& f) { f.root = "04"; }), "events_root_id"},
      {F([](EventFilter& f) { f.code = "112"; }), "events_root_id"},
      {F([](EventFilter& f) { f.source_country = "IND"; }), "events_source_id"},
      {F([](EventFilter& f) {
         f.target_country = "UKR";
         f.quad_class = 3;
       }),
       "events_target_id"},
      {F([](EventFilter& f) { f.actor = "RUS"; }), ""},
      {F([](EventFilter& f) { f.place = "CH"; }), ""},
      {F([](EventFilter& f) {
         f.root = "04";
         f.date_from = 20190101;
         f.date_to = 20191231;
       }),
       ""},  // the tiny store's range is narrow: events_date, sorted
  };
  for (const Case& c : cases) {
    auto plan = s.ExplainEvents(c.f);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_EQ(plan->find("TEMP B-TREE"), std::string::npos) << *plan;
    if (*c.index) {
      EXPECT_NE(plan->find(std::string("INDEX ") + c.index + " ("), std::string::npos) << *plan;
    } else if (c.f.date_from == 0) {
      EXPECT_NE(plan->find("SEARCH e USING INTEGER PRIMARY KEY (rowid>?)"), std::string::npos)
          << *plan;
    }
  }
}

TEST(StorePlanTest, PagesMatchTheFullAnswerForEveryFilter) {
  TempDir t;
  std::string path = (t.path / "a.db").string();
  Fill(path);
  auto st = Store::Open(path, /*read_only=*/true);
  ASSERT_TRUE(st.ok());
  Store& s = **st;
  std::vector<EventFilter> filters(8);
  filters[1].code = "04";
  filters[2].code = "0";
  filters[3].root = "11";
  filters[4].date_from = 20200101;
  filters[5].date_to = 20211231;
  filters[5].quad_class = 4;
  filters[6].source_country = "rus";
  filters[7].code = "04";
  filters[7].root = "11";  // contradicts the code: nothing
  for (EventFilter f : filters) {
    f.limit = 0;
    std::vector<int64_t> all = Ids(s, f);
    // Paging one by one with cursors walks the same ids.
    std::vector<int64_t> paged;
    f.limit = 1;
    for (;;) {
      std::vector<int64_t> page = Ids(s, f);
      if (page.empty()) break;
      ASSERT_EQ(page.size(), 1u);
      paged.push_back(page[0]);
      f.after_id = page[0];
    }
    EXPECT_EQ(paged, all);
  }
  EXPECT_TRUE(Ids(s, filters[7]).empty());
}

TEST(StmtCacheTest, NestedUseOfOneQueryGetsItsOwnStatement) {
  TempDir t;
  std::string path = (t.path / "a.db").string();
  Fill(path);
  auto st = Store::Open(path, /*read_only=*/true);
  ASSERT_TRUE(st.ok());
  Store& s = **st;
  EventFilter f;
  f.limit = 10;
  std::vector<int64_t> outer = Ids(s, f);
  ASSERT_GE(outer.size(), 2u);
  std::vector<int64_t> seen;
  Status status = s.ForEachEvent(f, [&](const EventRow& e) {
    seen.push_back(e.id);
    EXPECT_EQ(Ids(s, f), outer);  // the same SQL while the outer one runs
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(seen, outer);
  EXPECT_EQ(Ids(s, f), outer);  // and the cached statement still works after
}

}  // namespace
}  // namespace dyad::store

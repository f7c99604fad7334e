// Tests of reading the PostgreSQL store through the Reader interface: it
// must answer exactly as the SQLite store holding the same documents. Needs
// a server: run by tests/scale/scale_test.sh with DYAD_TEST_PG set to a
// libpq URL of an empty schema; skipped otherwise.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "coded.h"
#include "dyad/pipeline.h"
#include "store/pg_store.h"
#include "store/store.h"

namespace dyad::store {
namespace {

using test::Coded;

// Every field of the rows, one row per line.
std::string Line(const EventRow& e) {
  return std::to_string(e.id) + "|" + e.code + "|" + e.root + "|" + std::to_string(e.quad_class) +
         "|" + std::to_string(e.goldstein) + "|" + e.source_code + "|" + e.source_name + "|" +
         e.source_country + "|" + e.target_code + "|" + e.target_name + "|" + e.target_country +
         "|" + std::to_string(e.date) + "|" + std::to_string(e.first_seen) + "|" +
         std::to_string(e.last_seen) + "|" + e.place_name + "|" + e.place_country + "|" +
         e.place_admin1 + "|" + e.place_feature + "|" + std::to_string(e.has_geo) + "|" +
         std::to_string(e.lat) + "|" + std::to_string(e.lon) + "|" +
         std::to_string(e.num_mentions) + "|" + std::to_string(e.num_sources) + "|" +
         std::to_string(e.num_articles) + "|" + e.source_url + "|" + e.sentence + "|" +
         std::to_string(e.first_doc) + "\n";
}

std::string Line(const MentionRow& m) {
  return std::to_string(m.id) + "|" + std::to_string(m.event_id) + "|" + std::to_string(m.doc_id) +
         "|" + std::to_string(m.index) + "|" + std::to_string(m.sentence) + "|" + m.code + "|" +
         m.source_code + "|" + m.source_name + "|" + m.target_code + "|" + m.target_name + "|" +
         std::to_string(m.date) + "|" + m.modality + "|" + m.place_name + "|" + m.place_country +
         "|" + std::to_string(m.source_offset) + "|" + std::to_string(m.target_offset) + "|" +
         std::to_string(m.action_offset) + "|" + m.trigger + "|" + m.sentence_text + "|" + m.url +
         "|" + m.outlet + "|" + m.title + "|" + std::to_string(m.doc_date) + "|" +
         std::to_string(m.doc_length) + "|" + std::to_string(m.event_first_seen) + "\n";
}

std::string Line(const QuoteRow& q) {
  return std::to_string(q.doc_id) + "|" + std::to_string(q.index) + "|" + std::to_string(q.begin) +
         "-" + std::to_string(q.end) + "|" + q.text + "|" + q.speaker + "|" + q.speaker_code + "|" +
         q.cue + "|" + q.kind + "|" + std::to_string(q.sentence) + "|" + q.url + "|" + q.outlet +
         "|" + std::to_string(q.doc_date) + "\n";
}

// Everything `r` answers for `filter`: the events with their mentions and
// URLs, the filter's mentions, and every document with its layers.
std::string Describe(Reader& r, const EventFilter& filter) {
  std::string out;
  Status s = r.ForEachEvent(filter, [&](const EventRow& e) {
    out += "event " + Line(e);
    auto got = r.GetEvent(e.id);
    if (!got.ok()) return got.status();
    if (Line(*got) != Line(e)) out += "GetEvent differs\n";
    auto ms = r.GetMentions(e.id);
    if (!ms.ok()) return ms.status();
    for (const MentionRow& m : *ms) out += "  mention " + Line(m);
    auto urls = r.GetEventUrls(e.id);
    if (!urls.ok()) return urls.status();
    for (const std::string& u : *urls) out += "  url " + u + "\n";
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  s = r.ForEachMention(filter, [&](const MentionRow& m) {
    out += "filtered mention " + Line(m);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

std::string DescribeDocuments(Reader& r) {
  std::string out;
  Status s = r.ForEachDocument([&](const DocumentRow& d) {
    out += "doc " + std::to_string(d.id) + "|" + d.content_hash + "|" + d.url + "|" + d.source +
           "|" + d.outlet + "|" + d.title + "|" + d.byline + "|" + d.language + "|" + d.published +
           "|" + std::to_string(d.date) + "|" + d.text + "|" + std::to_string(d.num_sentences) +
           "|" + std::to_string(d.num_events) + "|" + std::to_string(d.num_quotes) + "\n";
    auto one = r.GetDocument(d.id);
    if (!one.ok()) return one.status();
    if (one->text != d.text || one->url != d.url) out += "GetDocument differs\n";
    auto ss = r.GetSentences(d.id);
    if (!ss.ok()) return ss.status();
    for (const SentenceRow& x : *ss) {
      out += "  sentence " + std::to_string(x.index) + " " + std::to_string(x.begin) + "-" +
             std::to_string(x.end) + " " + x.text + "\n";
    }
    auto ms = r.GetDocumentMentions(d.id);
    if (!ms.ok()) return ms.status();
    for (const MentionRow& m : *ms) out += "  mention " + Line(m);
    auto es = r.GetEntities(d.id);
    if (!es.ok()) return es.status();
    for (const EntityRow& e : *es) {
      out += "  entity " + e.name + "|" + e.type + "|" + e.code + "|" + e.country + "|" + e.role +
             "|" + e.title + "\n";
    }
    auto ps = r.GetPlaces(d.id);
    if (!ps.ok()) return ps.status();
    for (const PlaceRow& p : *ps) {
      out += "  place " + p.name + "|" + p.country + "|" + p.admin1 + "|" + p.feature + "|" +
             std::to_string(p.lat) + "|" + std::to_string(p.lon) + "|" + std::to_string(p.has_geo) +
             "\n";
    }
    return r.ForEachQuote(d.id, [&](const QuoteRow& q) {
      out += "  quote " + Line(q);
      return Status::Ok();
    });
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  s = r.ForEachQuote(0, [&](const QuoteRow& q) {
    out += "quote " + Line(q);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

TEST(PgReader, AnswersExactlyAsTheSqliteStore) {
  const char* url = std::getenv("DYAD_TEST_PG");
  if (!url || !*url) GTEST_SKIP() << "DYAD_TEST_PG not set (tests/scale/scale_test.sh sets it)";
  const Config& config = Config::Default();
  std::vector<Document> docs = {
      Coded("Russia accused Ukraine of shelling the city of Kharkiv on Monday. \"We will respond "
            "to every attack,\" the Russian defence minister said.",
            "https://www.wire-a.example/1", "2024-03-04"),
      Coded("Ukraine accused Russia of shelling Kharkiv on Monday. \"The shelling went on all "
            "night,\" said the mayor of Kharkiv.",
            "https://wire-b.example/2", "2024-03-05"),
      Coded("China signed a trade agreement with Brazil in Beijing on Tuesday. Brazil praised "
            "China for its help.",
            "https://WIRE-B.example/3", "2024-03-06"),
      Coded("The French president met the German chancellor in Paris on Friday to discuss "
            "energy (100% of the agenda).",
            "https://wire-c.example/4", "2023-11-10"),
  };
  auto sqlite = Store::Open(":memory:");
  ASSERT_TRUE(sqlite.ok());
  auto staging = Store::Open(":memory:");
  ASSERT_TRUE(staging.ok());
  for (const Document& d : docs) {
    ASSERT_TRUE((*sqlite)->Add(config, d).ok());
    ASSERT_TRUE((*staging)->Add(config, d).ok());
  }
  ASSERT_TRUE((*sqlite)->Merge(config).ok());
  {
    auto writer = PgStore::Open(url);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    auto added = (*writer)->AddFrom(**staging);
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    ASSERT_EQ(*added, static_cast<int64_t>(docs.size()));
    ASSERT_TRUE((*writer)->Merge(config).ok());
  }
  auto pg = PgStore::Open(url, /*read_only=*/true);
  ASSERT_TRUE(pg.ok()) << pg.status().ToString();

  auto stats = (*sqlite)->GetStats();
  ASSERT_TRUE(stats.ok());
  ASSERT_GT(stats->events, 2);
  ASSERT_GT(stats->quotes, 0);
  auto pg_stats = (*pg)->GetStats();
  ASSERT_TRUE(pg_stats.ok());
  EXPECT_EQ(pg_stats->events, stats->events);
  EXPECT_EQ(pg_stats->quotes, stats->quotes);

  const std::string documents = DescribeDocuments(**sqlite);
  EXPECT_NE(documents.find("  quote "), std::string::npos);
  EXPECT_NE(documents.find("  entity "), std::string::npos);
  EXPECT_NE(documents.find("  place "), std::string::npos);
  EXPECT_EQ(DescribeDocuments(**pg), documents);

  std::vector<EventFilter> filters(14);
  filters[0].limit = 0;
  filters[1].actor = "rus";     // code prefix, any case
  filters[2].actor = "russia";  // name, any case
  filters[3].actor = "UKR";
  filters[3].actor2 = "RUS";
  filters[4].root = "04";
  filters[5].code = "1";
  filters[6].quad_class = 4;
  filters[7].date_from = 20240305;
  filters[7].date_to = 20240331;
  filters[8].place = "kharK";
  filters[9].outlet = "Wire-B.example";
  filters[10].text = "SHELLING";
  filters[11].text = "100%";
  filters[12].source_country = "chn";
  filters[13].limit = 1;
  int nonempty = 0;
  for (size_t i = 0; i < filters.size(); ++i) {
    const std::string want = Describe(**sqlite, filters[i]);
    nonempty += !want.empty();
    EXPECT_EQ(Describe(**pg, filters[i]), want) << "filter " << i;
  }
  EXPECT_GE(nonempty, 12);
  // Paging: the second page after the first page's last id.
  auto first = (*sqlite)->QueryEvents(filters[13]);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 1u);
  EventFilter next = filters[13];
  next.after_id = first->front().id;
  EXPECT_EQ(Describe(**pg, next), Describe(**sqlite, next));

  // Nested streams (a cursor inside a cursor) on one connection.
  int64_t pairs = 0;
  EventFilter all;
  all.limit = 0;
  Status s = (*pg)->ForEachDocument([&](const DocumentRow&) {
    return (*pg)->ForEachEvent(all, [&](const EventRow&) {
      ++pairs;
      return Status::Ok();
    });
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(pairs, static_cast<int64_t>(docs.size()) * stats->events);

  EXPECT_EQ((*pg)->GetEvent(1).status().code(), StatusCode::kNotFound);
  EXPECT_EQ((*pg)->GetDocument(1).status().code(), StatusCode::kNotFound);
}

TEST(PgReader, ReadOnlyOpenRefusesADatabaseWithoutAStore) {
  const char* url = std::getenv("DYAD_TEST_PG_EMPTY");
  if (!url || !*url) GTEST_SKIP() << "DYAD_TEST_PG_EMPTY not set (tests/scale/scale_test.sh)";
  auto pg = PgStore::Open(url, /*read_only=*/true);
  ASSERT_FALSE(pg.ok());
  EXPECT_EQ(pg.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(pg.status().message().find("not a dyad store"), std::string::npos);
}

}  // namespace
}  // namespace dyad::store

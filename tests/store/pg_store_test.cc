// Tests of the PostgreSQL store that need a server: run by
// tests/scale/scale_test.sh with DYAD_TEST_PG set to a libpq URL of an empty
// schema; skipped otherwise.
#include "store/pg_store.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "coded.h"
#include "dyad/pipeline.h"
#include "store/sql.h"

namespace dyad::store {
namespace {

// `text` coded as an article of 2024-03-05 at `url`.
Document Coded(const std::string& text, const std::string& url) {
  return test::Coded(text, url, "2024-03-05");
}

int64_t Count(Store& st, const std::string& sql) {
  Stmt q(st.handle(), sql);
  return q.Step() ? q.Int(0) : -1;
}

TEST(PgStore, IdCollisionsMoveToTheNextFreeIdAndDuplicatesAddNothing) {
  const char* url = std::getenv("DYAD_TEST_PG");
  if (!url || !*url) GTEST_SKIP() << "DYAD_TEST_PG not set (tests/scale/scale_test.sh sets it)";
  auto pg = PgStore::Open(url);
  ASSERT_TRUE(pg.ok()) << pg.status().ToString();
  const Config& config = Config::Default();

  auto first = Store::Open(":memory:");
  ASSERT_TRUE(first.ok());
  Document a =
      Coded("Russia accused Ukraine of shelling the city on Monday.", "https://a.example/1");
  ASSERT_TRUE((*first)->Add(config, a).ok());
  auto added = (*pg)->AddFrom(**first);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(*added, 1);
  // The same document again (a redelivered message) adds nothing.
  added = (*pg)->AddFrom(**first);
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(*added, 0);
  const int64_t a_id = Count(**first, "SELECT id FROM documents");
  const int64_t a_mention = Count(**first, "SELECT min(id) FROM event_mentions");
  ASSERT_GT(a_mention, 0);

  // Another document forced onto a's document id and a's mention id.
  auto second = Store::Open(":memory:");
  ASSERT_TRUE(second.ok());
  Document b =
      Coded("China signed a trade agreement with Brazil on Tuesday.", "https://b.example/2");
  ASSERT_TRUE((*second)->Add(config, b).ok());
  const int64_t b_id = Count(**second, "SELECT id FROM documents");
  ASSERT_NE(a_id, b_id);
  const std::string as = std::to_string(a_id), bs = std::to_string(b_id);
  for (const char* t : {"documents SET id", "entities SET doc_id", "quotes SET doc_id",
                        "places SET doc_id", "event_mentions SET doc_id"}) {
    std::string where = std::string(t).find("documents") == 0 ? " WHERE id = " : " WHERE doc_id = ";
    ASSERT_TRUE(
        Exec((*second)->handle(), ("UPDATE " + std::string(t) + " = " + as + where + bs).c_str())
            .ok());
  }
  ASSERT_TRUE(
      Exec((*second)->handle(), ("UPDATE event_mentions SET id = " + std::to_string(a_mention) +
                                 " WHERE id = (SELECT min(id) FROM event_mentions)")
                                    .c_str())
          .ok());
  added = (*pg)->AddFrom(**second);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(*added, 1);

  // b moved to the next free id, with its layers.
  auto moved = (*pg)->GetDocument(a_id + 1);
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->url, "https://b.example/2");
  auto sentences = (*pg)->GetSentences(a_id + 1);
  ASSERT_TRUE(sentences.ok());
  EXPECT_EQ(sentences->size(), b.sentences.size());
  auto mentions = (*pg)->GetDocumentMentions(a_id + 1);
  ASSERT_TRUE(mentions.ok());
  EXPECT_EQ(mentions->size(), b.events.size());
  auto counts = (*pg)->GetStats();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->documents, 2);
  EXPECT_EQ(counts->mentions, static_cast<int64_t>(a.events.size() + b.events.size()));

  auto blocks = (*pg)->Merge(config);
  ASSERT_TRUE(blocks.ok()) << blocks.status().ToString();
  EXPECT_GT(*blocks, 0);
  auto stats = (*pg)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->unmerged_mentions, 0);
  EXPECT_EQ(stats->documents, 2);
}

}  // namespace
}  // namespace dyad::store

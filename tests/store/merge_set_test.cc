// Merge quality on tests/store/merge_set/ (README there): ingest the 76
// articles into a fresh store, merge, map each gold (article, event) row to
// the merged event of the matching mention, and score pairwise precision and
// recall of "same event" decisions against the gold clusters.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/text.h"
#include "dyad/pipeline.h"
#include "store/store.h"

namespace dyad::store {
namespace {

namespace fs = std::filesystem;

struct GoldRow {
  std::string article, cluster, source, target, root;
  int date = 0;
};

std::vector<GoldRow> ReadGold(const std::string& path) {
  std::vector<GoldRow> rows;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    auto f = Split(line, '\t');
    if (f.size() < 6) continue;
    GoldRow r{std::string(f[0]), std::string(f[1]), std::string(f[2]),
              std::string(f[3]), std::string(f[4]), 0};
    Date d = Date::Parse(f[5]);
    r.date = d.year * 10000 + d.month * 100 + d.day;
    rows.push_back(r);
  }
  return rows;
}

int64_t DayNumber(int d) {  // rough but monotone, for closeness only
  return (d / 10000) * 372 + (d / 100 % 100) * 31 + d % 100;
}

TEST(MergeSetTest, PairwisePrecisionAndRecall) {
  const std::string dir = std::string(DYAD_SOURCE_DIR) + "/tests/store/merge_set";
  if (!fs::exists(dir + "/articles.jsonl")) GTEST_SKIP() << "no merge set";
  fs::path db = fs::temp_directory_path() / ("dyad_mergeset_" + std::to_string(::getpid()) + ".db");
  fs::remove(db);
  Config config = Config::Default();
  std::map<std::string, int64_t> doc_of;  // article id -> document id
  {
    auto st = Store::Open(db.string());
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    std::ifstream in(dir + "/articles.jsonl");
    std::string line;
    int n = 0;
    ASSERT_TRUE((*st)->Begin().ok());
    while (std::getline(in, line)) {
      ++n;
      if (Trim(line).empty()) continue;
      auto doc = DocumentFromJsonRecord(line, "articles.jsonl:" + std::to_string(n));
      ASSERT_TRUE(doc.ok()) << doc.status().ToString();
      ASSERT_TRUE(RunPipeline(config, *doc).ok());
      auto r = (*st)->Add(config, *doc);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      doc_of[doc->id] = DocumentId(ContentHash(doc->raw));
    }
    ASSERT_TRUE((*st)->Commit().ok());
  }
  auto st = Store::Open(db.string());
  ASSERT_TRUE(st.ok());
  std::vector<GoldRow> gold = ReadGold(dir + "/gold.tsv");
  ASSERT_GE(gold.size(), 60u);
  auto score = [&](const MergeOptions& o) -> std::pair<double, double> {
    // Forget the previous merge, then merge with `o`.
    sqlite3_exec((*st)->handle(), "UPDATE event_mentions SET event_id = NULL; DELETE FROM events",
                 nullptr, nullptr, nullptr);
    EXPECT_TRUE((*st)->Merge(config, o).ok());

    // Each gold row -> the merged event of its article's best matching mention.
    std::vector<int64_t> predicted(gold.size(), 0);
    size_t mapped = 0;
    for (size_t i = 0; i < gold.size(); ++i) {
      const GoldRow& g = gold[i];
      auto ms = (*st)->GetDocumentMentions(doc_of[g.article]);
      EXPECT_TRUE(ms.ok());
      if (!ms.ok()) continue;
      int64_t best_gap = -1;
      for (const MentionRow& m : *ms) {
        if (m.code.substr(0, 2) != g.root) continue;
        auto country = [](const std::string& code) { return code.substr(0, 3); };
        std::string s = country(m.source_code), t = country(m.target_code);
        bool joint = g.root == "03" || g.root == "04" || g.root == "05" || g.root == "06";
        bool match = (s == g.source && t == g.target) ||
                     (joint && s == g.target && t == g.source) ||
                     (g.target.empty() && s == g.source);
        if (!match) continue;
        int64_t gap = std::llabs(DayNumber(m.date) - DayNumber(g.date));
        if (best_gap < 0 || gap < best_gap) {
          best_gap = gap;
          predicted[i] = m.event_id;
        }
      }
      if (predicted[i] != 0) ++mapped;
    }
    size_t tp = 0, pred_pairs = 0, gold_pairs = 0;
    for (size_t i = 0; i < gold.size(); ++i) {
      for (size_t j = i + 1; j < gold.size(); ++j) {
        if (gold[i].article == gold[j].article) continue;  // cross-article pairs only
        bool same_gold = gold[i].cluster == gold[j].cluster;
        bool same_pred = predicted[i] != 0 && predicted[i] == predicted[j];
        gold_pairs += same_gold;
        pred_pairs += same_pred;
        tp += same_gold && same_pred;
      }
    }
    // Recall among the rows the coder extracted isolates the merge from the
    // coder's misses.
    size_t gold_pairs_mapped = 0;
    for (size_t i = 0; i < gold.size(); ++i) {
      for (size_t j = i + 1; j < gold.size(); ++j) {
        if (gold[i].article != gold[j].article && gold[i].cluster == gold[j].cluster &&
            predicted[i] != 0 && predicted[j] != 0) {
          ++gold_pairs_mapped;
        }
      }
    }
    double precision = pred_pairs ? static_cast<double>(tp) / pred_pairs : 1.0;
    double recall = gold_pairs ? static_cast<double>(tp) / gold_pairs : 0.0;
    double recall_mapped = gold_pairs_mapped ? static_cast<double>(tp) / gold_pairs_mapped : 0.0;
    std::printf(
        "merge set [window %d, text %.2f, place %.2f]: %zu/%zu gold rows extracted; pairs: %zu "
        "predicted, %zu gold (%zu with both "
        "rows extracted), %zu correct; precision %.3f, recall %.3f, recall on extracted %.3f\n",
        o.date_window_days, o.text_threshold, o.place_conflict_text, mapped, gold.size(),
        pred_pairs, gold_pairs, gold_pairs_mapped, tp, precision, recall, recall_mapped);
    return std::pair{precision, recall_mapped};
  };
  // The defaults carry the floors; the neighbours show the trade-off.
  auto [precision, recall_mapped] = score(MergeOptions{});
  EXPECT_GE(precision, 0.90);
  EXPECT_GE(recall_mapped, 0.75);
  for (auto [w, t, p] : {std::tuple{1, 0.2, 0.2}, std::tuple{3, 0.05, 0.05},
                         std::tuple{3, 0.1, 0.0}, std::tuple{5, 0.1, 0.1}}) {
    MergeOptions o;
    o.date_window_days = w;
    o.text_threshold = t;
    o.place_conflict_text = p;
    score(o);
  }
  st->reset();
  fs::remove(db);
  fs::remove(db.string() + "-wal");
  fs::remove(db.string() + "-shm");
}

}  // namespace
}  // namespace dyad::store

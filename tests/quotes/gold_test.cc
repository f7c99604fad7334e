// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Quotation gold set: tests/quotes/gold/*.txt with the expected quotations in
// gold.tsv and stand-in entities in entities.tsv. Runs coref and quotes over
// hand-built layers and checks precision and recall of (quotation, speaker).

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "core/text.h"
#include "core/tsv.h"
#include "coref/coref.h"
#include "dyad/config.h"
#include "quotes/quotes.h"
#include "test_doc.h"

namespace dyad {
namespace {

struct GoldQuote {
  std::string start;
  std::string speaker;
};

struct GoldEntity {
  std::string name;
  EntityType type;
  std::string title;
  std::vector<std::string> forms;
};

EntityType ParseType(std::string_view t) {
  if (t == "person") return EntityType::kPerson;
  if (t == "org") return EntityType::kOrganization;
  if (t == "country") return EntityType::kCountry;
  if (t == "group") return EntityType::kGroup;
  return EntityType::kOther;
}

TEST(QuotesGold, PrecisionAndRecall) {
  std::string dir = std::string(DYAD_SOURCE_DIR) + "/tests/quotes/gold";
  std::map<std::string, std::vector<GoldQuote>> gold;
  std::map<std::string, std::vector<GoldEntity>> ents;
  ASSERT_TRUE(ReadTsv(dir + "/gold.tsv", 3, [&](int, const std::vector<std::string_view>& f) {
                gold[std::string(f[0])].push_back(GoldQuote{std::string(f[1]), std::string(f[2])});
                return Status::Ok();
              }).ok());
  ASSERT_TRUE(ReadTsv(dir + "/entities.tsv", 5, [&](int, const std::vector<std::string_view>& f) {
                GoldEntity e{std::string(f[1]), ParseType(f[2]), std::string(f[3]), {}};
                // Forms starting with '@' are demonyms ("Arvenian").
                for (std::string_view s : Split(f[4], '|')) e.forms.emplace_back(s);
                ents[std::string(f[0])].push_back(e);
                return Status::Ok();
              }).ok());
  ASSERT_GE(gold.size(), 10u);
  Config config = Config::Default();
  size_t n_gold = 0, n_pred = 0, found = 0, correct = 0;
  for (const auto& [file, quotes] : gold) {
    std::string text;
    ASSERT_TRUE(ReadFile(dir + "/" + file, &text).ok()) << file;
    Document doc = testing::BuildDoc(text);
    for (const GoldEntity& e : ents[file]) {
      std::vector<std::string> names, demonyms;
      for (const std::string& f : e.forms) {
        (f[0] == '@' ? demonyms : names).push_back(f[0] == '@' ? f.substr(1) : f);
      }
      uint32_t id = testing::AddEntity(doc, e.name, e.type, e.title, names);
      if (!demonyms.empty()) testing::AddMentions(doc, id, demonyms, MentionKind::kDemonym);
    }
    testing::SortMentions(doc);
    ASSERT_TRUE(coref::Run(config, doc).ok());
    ASSERT_TRUE(quotes::Run(config, doc).ok());
    n_gold += quotes.size();
    n_pred += doc.quotes.size();
    for (const GoldQuote& g : quotes) {
      const Quote* hit = nullptr;
      for (const Quote& q : doc.quotes) {
        if (StartsWith(doc.Text(q.span), g.start)) hit = &q;
      }
      if (hit == nullptr) {
        std::printf("  missed   %s: %s\n", file.c_str(), g.start.c_str());
        continue;
      }
      ++found;
      std::string who = hit->speaker >= 0 ? doc.entities[hit->speaker].name : "-";
      if (who == g.speaker) {
        ++correct;
      } else {
        std::printf("  speaker  %s: %s -> %s (want %s)\n", file.c_str(), g.start.c_str(),
                    who.c_str(), g.speaker.c_str());
      }
    }
    for (const Quote& q : doc.quotes) {
      bool known = false;
      for (const GoldQuote& g : quotes) known = known || StartsWith(doc.Text(q.span), g.start);
      if (!known) {
        std::printf("  spurious %s: %s\n", file.c_str(),
                    std::string(doc.Text(q.span).substr(0, 40)).c_str());
      }
    }
  }
  ASSERT_GE(n_gold, 100u);
  double det_p = n_pred ? double(found) / n_pred : 0, det_r = double(found) / n_gold;
  double p = n_pred ? double(correct) / n_pred : 0, r = double(correct) / n_gold;
  std::printf(
      "quotes gold: %zu gold, %zu found, detection P=%.3f R=%.3f; "
      "with speaker P=%.3f R=%.3f\n",
      n_gold, n_pred, det_p, det_r, p, r);
  EXPECT_GE(det_p, 0.95);
  EXPECT_GE(det_r, 0.95);
  EXPECT_GE(p, 0.85);
  EXPECT_GE(r, 0.85);
}

}  // namespace
}  // namespace dyad

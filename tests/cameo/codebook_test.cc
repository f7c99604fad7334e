// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Tests for the CAMEO codebook (data/cameo_codes.tsv) and the Root() and
// QuadClass() helpers. When the shared reference tables are present beside
// the repository, every code is checked against them too.

#include "cameo/codebook.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/text.h"

namespace dyad::cameo {
namespace {

std::string CodebookPath() { return std::string(DYAD_SOURCE_DIR) + "/data/cameo_codes.tsv"; }

// Loads our codebook afresh (not through the process-wide cache).
const Codebook& Ours() {
  static const Codebook* cb = [] {
    auto* c = new Codebook();
    Status s = c->LoadFile(CodebookPath());
    EXPECT_TRUE(s.ok()) << s.ToString();
    return c;
  }();
  return *cb;
}

// Every code in our file, in file order.
std::vector<std::string> OurCodes() {
  std::vector<std::string> codes;
  std::ifstream in(CodebookPath());
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    codes.push_back(line.substr(0, line.find('\t')));
  }
  return codes;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(CameoRoot, TakesTheFirstTwoDigits) {
  EXPECT_EQ(Root("042"), "04");
  EXPECT_EQ(Root("1056"), "10");
  EXPECT_EQ(Root("20"), "20");
  EXPECT_EQ(Root("0211"), "02");
  EXPECT_EQ(Root("195"), "19");
}

TEST(CameoQuadClass, FollowsTheRoot) {
  // Verbal cooperation.
  EXPECT_EQ(QuadClass("010"), 1);
  EXPECT_EQ(QuadClass("0211"), 1);
  EXPECT_EQ(QuadClass("042"), 1);
  EXPECT_EQ(QuadClass("057"), 1);
  // Material cooperation.
  EXPECT_EQ(QuadClass("06"), 2);
  EXPECT_EQ(QuadClass("073"), 2);
  EXPECT_EQ(QuadClass("0874"), 2);
  // Verbal conflict.
  EXPECT_EQ(QuadClass("09"), 3);
  EXPECT_EQ(QuadClass("1056"), 3);
  EXPECT_EQ(QuadClass("112"), 3);
  EXPECT_EQ(QuadClass("1385"), 3);
  // Material conflict.
  EXPECT_EQ(QuadClass("14"), 4);
  EXPECT_EQ(QuadClass("163"), 4);
  EXPECT_EQ(QuadClass("190"), 4);
  EXPECT_EQ(QuadClass("2042"), 4);
}

TEST(CameoQuadClass, UnknownRootsAreZero) {
  EXPECT_EQ(QuadClass(""), 0);
  EXPECT_EQ(QuadClass("1"), 0);
  EXPECT_EQ(QuadClass("00"), 0);
  EXPECT_EQ(QuadClass("21"), 0);
  EXPECT_EQ(QuadClass("99"), 0);
}

TEST(CameoCodebook, LoadsEveryCode) {
  const Codebook& cb = Ours();
  EXPECT_GE(cb.size(), 290u);
  EXPECT_LE(cb.size(), 330u);
  std::vector<std::string> codes = OurCodes();
  std::set<std::string> unique(codes.begin(), codes.end());
  EXPECT_EQ(unique.size(), codes.size()) << "duplicate codes in " << CodebookPath();
  EXPECT_EQ(cb.size(), unique.size());
}

TEST(CameoCodebook, KnownEntries) {
  const Codebook& cb = Ours();
  const CodeInfo* visit = cb.Find("042");
  ASSERT_NE(visit, nullptr);
  EXPECT_EQ(visit->name, "Make a visit");
  EXPECT_NEAR(visit->goldstein, 1.9, 1e-9);
  EXPECT_EQ(visit->plover, "CONSULT");
  EXPECT_EQ(visit->plover_mode, "visit");

  const CodeInfo* deescalate = cb.Find("1056");
  ASSERT_NE(deescalate, nullptr);
  EXPECT_EQ(deescalate->plover, "REQUEST");
  EXPECT_NEAR(deescalate->goldstein, -5.0, 1e-9);

  const CodeInfo* meet = cb.Find("106");
  ASSERT_NE(meet, nullptr);
  EXPECT_EQ(meet->plover, "REQUEST");

  const CodeInfo* sanction = cb.Find("163");
  ASSERT_NE(sanction, nullptr);
  EXPECT_NEAR(sanction->goldstein, -8.0, 1e-9);

  const CodeInfo* drills = cb.Find("154");
  ASSERT_NE(drills, nullptr);
  EXPECT_EQ(drills->plover, "MOBILIZE");

  const CodeInfo* ceasefire = cb.Find("0871");
  ASSERT_NE(ceasefire, nullptr);
  EXPECT_NEAR(ceasefire->goldstein, 9.0, 1e-9);
  EXPECT_EQ(ceasefire->plover, "RETREAT");

  // The gold-standard names keep apart what the 2021 table merges.
  EXPECT_EQ(deescalate->plover_event, "DEMAND");
  EXPECT_EQ(sanction->plover_event, "SANCTION");
  EXPECT_EQ(visit->plover_event, "CONSULT");
  ASSERT_NE(cb.Find("112"), nullptr);
  EXPECT_EQ(cb.Find("112")->plover_event, "DISAPPROVE");
  ASSERT_NE(cb.Find("190"), nullptr);
  EXPECT_EQ(cb.Find("190")->plover_event, "FIGHT");
  EXPECT_EQ(cb.Find("190")->plover, "ASSAULT");

  // PLOVER drops CAMEO's public statements and appeals.
  const CodeInfo* comment = cb.Find("012");
  ASSERT_NE(comment, nullptr);
  EXPECT_EQ(comment->plover, "");

  EXPECT_EQ(cb.Find("999"), nullptr);
  EXPECT_EQ(cb.Find(""), nullptr);
  EXPECT_EQ(cb.Find("0"), nullptr);
}

TEST(CameoCodebook, TreeIsComplete) {
  const Codebook& cb = Ours();
  for (int r = 1; r <= 20; ++r) {
    char root[16];
    std::snprintf(root, sizeof root, "%02d", r);
    EXPECT_NE(cb.Find(root), nullptr) << "missing root " << root;
    EXPECT_NE(cb.Find(std::string(root) + "0"), nullptr) << "missing " << root << "0";
  }
  for (const std::string& c : OurCodes()) {
    ASSERT_GE(c.size(), 2u);
    ASSERT_LE(c.size(), 4u);
    // Every code's parent is in the codebook.
    if (c.size() > 2) {
      EXPECT_NE(cb.Find(c.substr(0, c.size() - 1)), nullptr) << "orphan code " << c;
    }
    EXPECT_NE(QuadClass(c), 0) << c;
  }
}

TEST(CameoCodebook, ValuesAreWellFormed) {
  const std::set<std::string> kPlover = {
      "AGREE",  "CONSULT", "SUPPORT",  "CONCEDE", "COOPERATE", "AID",      "RETREAT", "REQUEST",
      "ACCUSE", "REJECT",  "THREATEN", "PROTEST", "SANCTION",  "MOBILIZE", "COERCE",  "ASSAULT"};
  const Codebook& cb = Ours();
  for (const std::string& c : OurCodes()) {
    const CodeInfo* info = cb.Find(c);
    ASSERT_NE(info, nullptr) << c;
    EXPECT_EQ(info->code, c);
    EXPECT_FALSE(info->name.empty()) << c;
    EXPECT_GE(info->goldstein, -10.0) << c;
    EXPECT_LE(info->goldstein, 10.0) << c;
    int root = std::stoi(std::string(Root(c)));
    if (root <= 2) {
      EXPECT_EQ(info->plover, "") << c << ": PLOVER drops roots 01 and 02";
    } else {
      EXPECT_EQ(kPlover.count(info->plover), 1u)
          << c << ": bad PLOVER type '" << info->plover << "'";
    }
    // Cooperation is never scored as conflict and vice versa (the roots'
    // "not specified" entries excepted: 024/025 appeals sit just below zero).
    if (QuadClass(c) == 4) {
      EXPECT_LT(info->goldstein, 0) << c;
    }
    if (QuadClass(c) == 2) {
      EXPECT_GT(info->goldstein, 0) << c;
    }
  }
}

TEST(CameoCodebook, MalformedLineNamesFileAndLine) {
  std::string path =
      (std::filesystem::temp_directory_path() / "dyad_cameo_codebook_bad.tsv").string();
  {
    std::ofstream out(path);
    out << "# code\tname\tgoldstein\tplover\n"
        << "042\tMake a visit\t1.9\tCONSULT\tvisit\t\n"
        << "043\tHost a visit\tabc\tCONSULT\n";
  }
  Codebook cb;
  Status s = cb.LoadFile(path);
  EXPECT_EQ(s.code(), StatusCode::kDataError);
  EXPECT_NE(s.message().find(path + ":3"), std::string::npos) << s.message();

  {
    std::ofstream out(path);
    out << "04x\tBad\t1.0\tCONSULT\n";
  }
  Codebook cb2;
  s = cb2.LoadFile(path);
  EXPECT_EQ(s.code(), StatusCode::kDataError);
  EXPECT_NE(s.message().find(path + ":1"), std::string::npos) << s.message();
  std::filesystem::remove(path);

  Codebook cb3;
  s = cb3.LoadFile(path);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
}

TEST(CameoCodebook, GetUsesTheDataFolder) {
  Config config = Config::Default();
  config.data_dir = std::string(DYAD_SOURCE_DIR) + "/data";
  auto cb = Codebook::Get(config);
  ASSERT_TRUE(cb.ok()) << cb.status().ToString();
  EXPECT_EQ((*cb)->size(), Ours().size());
  auto again = Codebook::Get(config);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*cb, *again);  // loaded once
}

// --- Against the shared reference tables ------------------------------------

std::string SharedRef(const char* name) { return std::string(DYAD_SHARED_DIR) + "/ref/" + name; }

TEST(CameoCodebookReference, SameCodesAndGoldsteinAsReference) {
  std::string path = SharedRef("cameo_event_codes.tsv");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present";
  const Codebook& cb = Ours();
  std::set<std::string> theirs;
  std::string data = ReadAll(path);
  for (std::string_view line : Split(data, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f = Split(line, '\t');
    ASSERT_GE(f.size(), 5u) << line;
    if (f[0] == "code") continue;  // header
    std::string code(f[0]);
    theirs.insert(code);
    const CodeInfo* info = cb.Find(code);
    if (info == nullptr) {
      ADD_FAILURE() << "code " << code << " (" << f[3] << ") missing from our codebook";
      continue;
    }
    double g = std::stod(std::string(f[4]));
    EXPECT_NEAR(info->goldstein, g, 0.01) << "Goldstein of " << code << " (" << f[3] << ")";
    EXPECT_EQ(std::string(Root(code)), std::string(f[2])) << code;
  }
  for (const std::string& c : OurCodes()) {
    EXPECT_EQ(theirs.count(c), 1u) << "code " << c << " is not in the reference";
  }
}

TEST(CameoCodebookReference, PloverTypesMatchCameo2Plover) {
  std::string path = SharedRef("CAMEO2PLOVER-2021.txt");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present";
  // "0311: AGREE,  ,   economic # comment" -> code -> set of PLOVER types
  // (a code may be listed twice, e.g. a root split between two types).
  std::map<std::string, std::set<std::string>> table;
  std::string data = ReadAll(path);
  for (std::string_view line : Split(data, '\n')) {
    line = Trim(line);
    if (line.empty() || line[0] == '#' || line[0] == '~') continue;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string code(Trim(line.substr(0, colon)));
    if (code.empty() || code.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string_view rest = line.substr(colon + 1);
    rest = rest.substr(0, rest.find('#'));
    std::string type(Trim(rest.substr(0, rest.find(','))));
    table[code].insert(type);
  }
  ASSERT_GT(table.size(), 200u);
  const Codebook& cb = Ours();
  for (const std::string& c : OurCodes()) {
    const CodeInfo* info = cb.Find(c);
    ASSERT_NE(info, nullptr);
    const std::set<std::string>* expected = nullptr;
    for (size_t n = c.size(); n >= 2 && expected == nullptr; --n) {
      auto it = table.find(c.substr(0, n));
      if (it != table.end()) expected = &it->second;
    }
    if (expected == nullptr) {
      EXPECT_EQ(info->plover, "") << c << " (" << info->name << ") has no PLOVER type";
    } else {
      EXPECT_EQ(expected->count(info->plover), 1u)
          << c << " (" << info->name << "): ours " << info->plover << ", reference "
          << *expected->begin();
    }
  }
}

}  // namespace
}  // namespace dyad::cameo

// `dyad extract` end to end: folders of .html and .html.gz pages in,
// benchmark JSON {id: {"articleBody": ...}} out.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace {

namespace fs = std::filesystem;

const char kPage[] =
    "<html lang=en><head><title>Harbor Council Approves Budget | Harbor Times</title>"
    "<meta property='og:site_name' content='Harbor Times'>"
    "<meta name=author content='Jane Roe'>"
    "<meta property='article:published_time' content='2024-03-29T10:00:00Z'>"
    "<meta property='article:modified_time' content='2024-03-30T08:00:00Z'></head>"
    "<body><nav><a href=/>Home</a> | <a href=/w>World</a> | <a href=/b>Business</a></nav>"
    "<article><h1>Harbor Council Approves Budget</h1>"
    "<p>The harbor council voted seven to two on Tuesday to approve the city's budget for the "
    "coming year, after a debate that lasted well into the night.</p>"
    "<p>Members who opposed the plan said it left too little for repairs to the old sea wall, "
    "which engineers have warned about for a decade.</p>"
    "<p>The mayor said the vote showed that the council could still agree on hard choices &amp; "
    "move the city forward.</p></article>"
    "<footer>&copy; 2024 Harbor Times. All rights reserved.</footer></body></html>";

struct RunResult {
  int exit_code = -1;
  std::string out;
};

RunResult Dyad(const std::string& args) {
  RunResult r;
  std::string cmd = std::string("'") + DYAD_BINARY + "' " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  if (status != -1 && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  return r;
}

class ExtractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("dyad_extract_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "plain-page.html") << kPage;
    gzFile g = gzopen((dir_ / "zipped.page.html.gz").c_str(), "wb");
    ASSERT_NE(g, nullptr);
    gzwrite(g, kPage, sizeof kPage - 1);
    gzclose(g);
    std::ofstream(dir_ / "notes.txt") << "not a page";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ExtractTest, FolderGivesOneRecordPerPageById) {
  RunResult r = Dyad("extract --threads 2 '" + dir_.string() + "'");
  ASSERT_EQ(r.exit_code, 0);
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << r.out;
  ASSERT_EQ(j.size(), 2u) << r.out;  // notes.txt is not a page
  for (const char* id : {"plain-page", "zipped.page"}) {
    ASSERT_TRUE(j.contains(id)) << r.out;
    std::string body = j[id]["articleBody"];
    EXPECT_NE(body.find("voted seven to two"), std::string::npos) << body;
    EXPECT_NE(body.find("hard choices & move"), std::string::npos) << body;
    EXPECT_NE(body.find("\n\nMembers who opposed"), std::string::npos) << body;  // paragraphs
    EXPECT_EQ(body.find("World"), std::string::npos) << body;                    // nav dropped
    EXPECT_EQ(body.find("All rights reserved"), std::string::npos) << body;      // footer dropped
    EXPECT_FALSE(j[id].contains("title"));
  }
}

TEST_F(ExtractTest, MetaOutputFileAndGumbo) {
  fs::path out = dir_ / "out.json";
  RunResult r = Dyad("extract --meta --html-parser=gumbo -o '" + out.string() + "' '" +
                     (dir_ / "plain-page.html").string() + "'");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.out.empty());
  std::ifstream in(out);
  auto j = nlohmann::json::parse(in, nullptr, false);
  ASSERT_TRUE(j.is_object());
  const auto& rec = j["plain-page"];
  EXPECT_EQ(rec["title"], "Harbor Council Approves Budget");
  EXPECT_EQ(rec["site"], "Harbor Times");
  EXPECT_EQ(rec["author"], "Jane Roe");
  EXPECT_EQ(rec["published"], "2024-03-29");
  EXPECT_EQ(rec["modified"], "2024-03-30");
  EXPECT_EQ(rec["language"], "en");
}

TEST_F(ExtractTest, CorruptGzipIsReportedAndTheRestWritten) {
  std::ofstream(dir_ / "broken.html.gz") << std::string("\x1f\x8b\x08\x00garbage", 12);
  RunResult r = Dyad("extract '" + dir_.string() + "'");
  EXPECT_EQ(r.exit_code, 3);
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << r.out;
  EXPECT_TRUE(j.contains("plain-page"));
  EXPECT_FALSE(j.contains("broken"));
}

TEST_F(ExtractTest, MissingPathIsBadInput) {
  RunResult r = Dyad("extract '" + (dir_ / "nope").string() + "'");
  EXPECT_EQ(r.exit_code, 3);
  r = Dyad("extract --html-parser=lxml '" + dir_.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace

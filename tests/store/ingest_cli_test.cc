// End-to-end tests of dyad ingest / query / export through the real binary
// (DYAD_BINARY) on a corpus generated at test time.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../common/cli_run.h"
#include "core/text.h"
#include "store/store.h"

namespace dyad::store {
namespace {

namespace fs = std::filesystem;

// A scratch folder for this test, removed at its end.
struct TempDir : test::TempDir {
  TempDir() : test::TempDir("dyad_ingest_") {}
};

// Runs `cmd` through the shell; returns its exit code and standard output.
int Shell(const std::string& cmd, std::string* out = nullptr) {
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return -1;
  std::string buf;
  char chunk[4096];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, p)) > 0) buf.append(chunk, n);
  int rc = ::pclose(p);
  if (out) *out = buf;
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

const char* kCountries[][3] = {
    {"Russia", "Moscow", "Russian"},  {"Pakistan", "Islamabad", "Pakistani"},
    {"India", "New Delhi", "Indian"}, {"Japan", "Tokyo", "Japanese"},
    {"Kenya", "Nairobi", "Kenyan"},   {"Ethiopia", "Addis Ababa", "Ethiopian"},
    {"Poland", "Warsaw", "Polish"},   {"Brazil", "Brasilia", "Brazilian"},
};

// A small corpus of article files: reports of a handful of meetings and
// accusations by different outlets, so that merging has work to do.
std::vector<std::string> WriteCorpus(const fs::path& dir, int n) {
  fs::create_directories(dir / "sub");
  std::vector<std::string> files;
  for (int i = 0; i < n; ++i) {
    int a = i % 8, b = (i / 8 + 1 + i % 8) % 8;
    if (a == b) b = (b + 1) % 8;
    int day = 1 + (i / 3) % 20;
    std::string date = "2021-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
    std::string text =
        std::string(kCountries[a][2]) + " and " + kCountries[b][2] + " officials meet\n\n" +
        kCountries[a][0] + "'s foreign minister met " + kCountries[b][0] +
        "'s foreign minister in " + kCountries[b][1] + " on " + date +
        " to discuss trade and security, officials said.\n\n" + kCountries[a][0] + " accused " +
        kCountries[b][0] + " of violating the border agreement on " + date + ".\n\n" +
        "Report number " + std::to_string(i) + " from outlet " + std::to_string(i % 5) + ".\n";
    fs::path p = dir / (i % 2 ? "sub" : "") / ("a" + std::to_string(1000 + i) + ".txt");
    std::ofstream(p) << text;
    files.push_back(p.string());
  }
  // A JSON-lines file with URLs and a bad record.
  std::ofstream j(dir / "more.jsonl");
  for (int i = 0; i < 6; ++i) {
    j << "{\"id\": \"j" << i << "\", \"url\": \"https://news" << i % 3 << ".example/story" << i
      << "\", \"date\": \"2021-03-05\", \"text\": \"" << kCountries[i % 8][0] << " accused "
      << kCountries[(i + 1) % 8][0] << " of spying on Friday, the ministry said. Item " << i
      << ".\"}\n";
  }
  j << "not json\n";
  return files;
}

std::string Dump(const fs::path& db) {
  auto st = Store::Open(db.string(), true);
  EXPECT_TRUE(st.ok()) << st.status().ToString();
  if (!st.ok()) return "";
  auto d = (*st)->Dump();
  EXPECT_TRUE(d.ok());
  return d.ok() ? *d : "";
}

std::string Dyad() { return std::string(DYAD_BINARY); }

TEST(IngestCliTest, ReingestAddsNothingAndThreadsDoNotMatter) {
  TempDir t;
  WriteCorpus(t.path / "in", 40);
  std::string in = (t.path / "in").string();
  fs::path db1 = t.path / "one.db", db2 = t.path / "two.db";
  // The bad JSON line makes the exit code 3, but everything else is stored.
  EXPECT_EQ(Shell(Dyad() + " ingest --quiet --threads 1 --db " + db1.string() + " " + in), 3);
  std::string first = Dump(db1);
  ASSERT_NE(first.find("## events"), std::string::npos);
  EXPECT_EQ(Shell(Dyad() + " ingest --quiet --threads 1 --db " + db1.string() + " " + in), 3);
  EXPECT_EQ(Dump(db1), first);
  EXPECT_EQ(Shell(Dyad() + " ingest --quiet --threads 2 --batch 7 --db " + db2.string() + " " + in),
            3);
  EXPECT_EQ(Dump(db2), first);
  auto st = Store::Open(db1.string(), true);
  ASSERT_TRUE(st.ok());
  auto stats = (*st)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 46);
  EXPECT_GT(stats->mentions, stats->events);  // something merged
  EXPECT_EQ(stats->unmerged_mentions, 0);
}

TEST(IngestCliTest, SplitInputGivesTheSameStoreAsOneRun) {
  TempDir t;
  std::vector<std::string> files = WriteCorpus(t.path / "in", 24);
  fs::path whole = t.path / "whole.db", parts = t.path / "parts.db";
  std::string all;
  for (const std::string& f : files) all += " " + f;
  ASSERT_EQ(Shell(Dyad() + " ingest --quiet --db " + whole.string() + all), 0);
  // Second half first, then everything: merging depends only on the set.
  std::string second;
  for (size_t i = files.size() / 2; i < files.size(); ++i) second += " " + files[i];
  ASSERT_EQ(Shell(Dyad() + " ingest --quiet --db " + parts.string() + second), 0);
  ASSERT_EQ(Shell(Dyad() + " ingest --quiet --db " + parts.string() + all), 0);
  // Document rows may differ only in nothing: same ids, same content.
  EXPECT_EQ(Dump(parts), Dump(whole));
}

TEST(IngestCliTest, KillNineThenResumeGivesTheUninterruptedStore) {
  TempDir t;
  WriteCorpus(t.path / "in", 30);
  std::string in = (t.path / "in").string();
  fs::path ref = t.path / "ref.db", db = t.path / "killed.db";
  ASSERT_EQ(Shell(Dyad() + " ingest --quiet --threads 2 --db " + ref.string() + " " + in), 3);
  // Killed by SIGKILL in the middle of the second batch of 8.
  int rc = Shell(Dyad() + " ingest --quiet --threads 2 --batch 8 --kill-after 12 --db " +
                 db.string() + " " + in + "; echo $? > " + (t.path / "rc").string());
  (void)rc;
  std::string killed_rc;
  std::ifstream(t.path / "rc") >> killed_rc;
  EXPECT_EQ(killed_rc, "137");  // 128 + SIGKILL
  {
    auto st = Store::Open(db.string(), true);
    ASSERT_TRUE(st.ok());
    auto stats = (*st)->GetStats();
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->documents, 8);  // the first batch only
    EXPECT_EQ(stats->events, 0);     // merge never ran
  }
  EXPECT_EQ(Shell(Dyad() + " ingest --quiet --threads 1 --db " + db.string() + " " + in), 3);
  EXPECT_EQ(Dump(db), Dump(ref));

  // An external kill -9 at an arbitrary moment, then resume.
  fs::path db2 = t.path / "killed2.db";
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::execl(DYAD_BINARY, DYAD_BINARY, "ingest", "--quiet", "--batch", "2", "--db", db2.c_str(),
            in.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  for (int i = 0; i < 400; ++i) {
    ::usleep(5000);
    auto st = Store::Open(db2.string(), true);
    if (st.ok()) {
      auto s = (*st)->GetStats();
      if (s.ok() && s->documents > 0) break;
    }
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_EQ(Shell(Dyad() + " ingest --quiet --db " + db2.string() + " " + in), 3);
  EXPECT_EQ(Dump(db2), Dump(ref));
}

TEST(IngestCliTest, QueryAndExportFormats) {
  TempDir t;
  WriteCorpus(t.path / "in", 16);
  std::string db = (t.path / "s.db").string();
  ASSERT_EQ(Shell(Dyad() + " ingest --quiet --db " + db + " " + (t.path / "in").string()), 3);
  std::string out;
  ASSERT_EQ(Shell(Dyad() + " query --db " + db + " --root 04 --format csv --limit 0", &out), 0);
  auto lines = Split(Trim(out), '\n');
  ASSERT_GE(lines.size(), 2u);
  EXPECT_TRUE(StartsWith(lines[0], "id,date,"));
  for (size_t i = 1; i < lines.size(); ++i) {
    EXPECT_NE(lines[i].find(",04,"), std::string_view::npos) << lines[i];
  }
  ASSERT_EQ(Shell(Dyad() + " query --db " + db + " --actor RUS --format json --limit 0", &out), 0);
  for (std::string_view l : Split(Trim(out), '\n')) {
    EXPECT_NE(l.find("\"RUS"), std::string_view::npos) << l;
  }
  EXPECT_EQ(Shell(Dyad() + " query --db " + db + " --root x4 2>/dev/null"), 2);
  EXPECT_EQ(Shell(Dyad() + " query --db " + (t.path / "missing.db").string() + " 2>/dev/null"), 3);

  // GDELT columns: as many as the reference lists, when it is present.
  const std::string ref = std::string(DYAD_SHARED_DIR) + "/ref/";
  for (const auto& [format, file] : {std::pair{"gdelt-events", "gdelt_event_columns.tsv"},
                                     std::pair{"gdelt-mentions", "mentions_columns.tsv"}}) {
    ASSERT_EQ(Shell(Dyad() + " export --db " + db + " --format " + format, &out), 0);
    auto rows = Split(out, '\n');
    ASSERT_GE(rows.size(), 2u);
    rows.pop_back();  // after the last newline
    size_t cols = Split(rows[0], '\t').size();
    for (std::string_view r : rows) EXPECT_EQ(Split(r, '\t').size(), cols) << format;
    std::ifstream in(ref + file);
    if (!in) continue;  // ../shared absent: the count check is skipped
    std::string line;
    size_t n = 0;
    std::getline(in, line);  // header
    while (std::getline(in, line)) n += !Trim(line).empty();
    EXPECT_EQ(cols, n) << format;
  }
  for (const char* f : {"jsonl", "plover", "quotes"}) {
    ASSERT_EQ(Shell(Dyad() + " export --db " + db + " --format " + f, &out), 0) << f;
    for (std::string_view l : Split(Trim(out), '\n')) {
      if (l.empty()) continue;  // no quotes
      EXPECT_TRUE(StartsWith(l, "{")) << f << ": " << l;
    }
  }
  ASSERT_EQ(Shell(Dyad() + " export --db " + db + " --format jsonl", &out), 0);
  EXPECT_EQ(Split(Trim(out), '\n').size(), 22u);
}

}  // namespace
}  // namespace dyad::store

namespace dyad::store {
namespace {

TEST(IngestCliTest, ReadsWarcPages) {
  const std::string warc = std::string(DYAD_SOURCE_DIR) + "/fuzz/corpus/warc/plain.warc";
  if (!fs::exists(warc)) GTEST_SKIP() << "no WARC sample";
  TempDir t;
  fs::path db = t.path / "w.db";
  int rc = Shell(Dyad() + " ingest --quiet --db " + db.string() + " " + warc + " 2>/dev/null");
  EXPECT_TRUE(rc == 0 || rc == 3) << rc;
  auto st = Store::Open(db.string(), true);
  ASSERT_TRUE(st.ok());
  auto stats = (*st)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_GE(stats->documents, 1);
  std::string out;
  ASSERT_EQ(Shell(Dyad() + " export --format jsonl --db " + db.string(), &out), 0);
  EXPECT_NE(out.find("\"url\":\"http"), std::string::npos);
}

}  // namespace
}  // namespace dyad::store

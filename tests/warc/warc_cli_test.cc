// `dyad code --warc` through the real binary: every HTML record coded in
// record order whatever the thread count, skips and damage reported on
// standard error, several files in one run.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "../common/cli_run.h"

namespace dyad {
namespace {

using nlohmann::json;
using test::Quote;
using test::RunDyad;
using test::RunResult;
using test::Scratch;
using test::WriteFile;

std::string Record(const std::string& type, int n, const std::string& content) {
  return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: https://news.test/" +
         std::to_string(n) + "\r\nWARC-Date: 2021-03-0" + std::to_string(1 + n % 9) +
         "T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:rec-" + std::to_string(n) +
         ">\r\nContent-Length: " + std::to_string(content.size()) + "\r\n\r\n" + content +
         "\r\n\r\n";
}

std::string Response(const std::string& content_type, const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: " + content_type + "\r\n\r\n" + body;
}

std::vector<json> Lines(const std::string& out) {
  std::vector<json> docs;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) docs.push_back(json::parse(line, nullptr, false));
  return docs;
}

TEST(WarcCli, CodesEveryHtmlRecordInOrder) {
  const char* sentences[] = {"Egypt and Sudan signed a water deal.", "Russia warned Iran.",
                             "Japan pledged aid to the Philippines.", "Poland accused Belarus."};
  std::string a, b;
  for (int i = 0; i < 12; ++i) {
    std::string page = "<html><body><p>" + std::string(sentences[i % 4]) + "</p></body></html>";
    a += Record("response", i, Response("text/html; charset=UTF-8", page));
    if (i % 4 == 1) a += Record("response", 100 + i, Response("application/pdf", "%PDF-1.4"));
  }
  b = Record("request", 200, "GET / HTTP/1.1\r\n\r\n") +
      Record("resource", 201, "<html><body><p>Kenya hosted talks.</p></body></html>");
  std::string fa = Scratch("a.warc"), fb = Scratch("b.warc");
  WriteFile(fa, a);
  WriteFile(fb, b);
  std::string first;
  for (const char* threads : {"1", "2"}) {
    RunResult r = RunDyad(std::string("code --warc --threads ") + threads + " " + Quote(fa) + " " +
                          Quote(fb));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::vector<json> docs = Lines(r.out);
    ASSERT_EQ(docs.size(), 13u) << r.err;
    for (int i = 0; i < 12; ++i) {
      EXPECT_EQ(docs[i]["id"], "urn:uuid:rec-" + std::to_string(i));
      EXPECT_EQ(docs[i]["meta"]["url"], "https://news.test/" + std::to_string(i));
      EXPECT_NE(docs[i]["text"].get<std::string>().find(sentences[i % 4]), std::string::npos);
    }
    EXPECT_NE(r.err.find(fa + ": 15 records, 12 documents, 3 skipped (not html:application/pdf 3)"),
              std::string::npos)
        << r.err;
    // The resource record has no Content-Type but starts like HTML: coded
    // after the first file's records; the request is skipped by type.
    EXPECT_EQ(docs[12]["id"], "urn:uuid:rec-201");
    EXPECT_NE(r.err.find(fb + ": 2 records, 1 documents, 1 skipped (type:request 1)"),
              std::string::npos)
        << r.err;
    if (first.empty()) first = r.out;
    EXPECT_EQ(r.out, first) << "output must not depend on --threads";
  }
}

TEST(WarcCli, NotAWarcFileExitsThree) {
  std::string p = Scratch("page.warc");
  WriteFile(p, "<html><body>hello</body></html>");
  RunResult r = RunDyad("code --warc " + Quote(p));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find(p + ": no WARC record found"), std::string::npos) << r.err;
  EXPECT_EQ(RunDyad("code --warc --jsonl " + Quote(p)).exit_code, 2);
}

}  // namespace
}  // namespace dyad

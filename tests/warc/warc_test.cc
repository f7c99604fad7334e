// WARC reader: builds small WARC files in a temp dir (plain, gzip per record,
// whole-file gzip) with HTML pages, non-HTML records and damaged records,
// and checks that every good record is read and every bad one is reported.

#include "warc/warc.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace dyad::warc {
namespace {

// One WARC record with the given header fields and content.
std::string WarcRecord(const std::string& type, const std::string& uri, const std::string& content,
                       const std::string& content_type = "application/http; msgtype=response",
                       const std::string& id = "") {
  std::string r = "WARC/1.0\r\nWARC-Type: " + type + "\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + uri + "\r\n";
  r += "WARC-Date: 2019-07-02T10:11:12Z\r\n";
  r += "WARC-Record-ID: <urn:uuid:" + (id.empty() ? uri : id) + ">\r\n";
  r += "Content-Type: " + content_type + "\r\n";
  r += "Content-Length: " + std::to_string(content.size()) + "\r\n\r\n";
  return r + content + "\r\n\r\n";
}

// An HTTP response with the given Content-Type and body.
std::string Http(const std::string& content_type, const std::string& body, int status = 200) {
  return "HTTP/1.1 " + std::to_string(status) + " OK\r\nContent-Type: " + content_type +
         "\r\nServer: test\r\n\r\n" + body;
}

std::string Page(const std::string& sentence) {
  return "<html><head><title>T</title></head><body><p>" + sentence + "</p></body></html>";
}

// gzip-compresses `s` into one gzip member.
std::string Gzip(const std::string& s) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, s.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  z.avail_in = static_cast<uInt>(s.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

class WarcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dyad_warc_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    // Three good pages, a request record, an image, a 404, a warcinfo.
    records_ = {
        WarcRecord("warcinfo", "", "software: test\r\n", "application/warc-fields", "info"),
        WarcRecord("request", "http://a.example/1", "GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n",
                   "application/http; msgtype=request", "req1"),
        WarcRecord("response", "http://a.example/1",
                   Http("text/html; charset=utf-8", Page("Russia warned Iran on Monday.")), "",
                   "r1"),
        WarcRecord("response", "http://a.example/logo.jpg", Http("image/jpeg", "\xff\xd8\xff\xe0"),
                   "application/http; msgtype=response", "img"),
        WarcRecord("response", "http://a.example/2",
                   Http("text/html; charset=iso-8859-1", Page("Caf\xe9 owners met in Paris.")),
                   "application/http; msgtype=response", "r2"),
        WarcRecord("response", "http://a.example/missing", Http("text/html", Page("gone"), 404),
                   "application/http; msgtype=response", "r404"),
        WarcRecord("resource", "file:///3.html", Page("Pakistan hosted talks."), "text/html", "r3"),
    };
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }

  // Reads `path`, returning the records' ids.
  std::vector<Record> ReadAll(const std::string& path, Stats* stats, Status* status) {
    std::vector<Record> out;
    *status = ForEachRecord(
        path,
        [&](Record&& r) {
          out.push_back(std::move(r));
          return true;
        },
        stats);
    return out;
  }

  void ExpectGoodRecords(const std::vector<Record>& recs) {
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[0].doc.id, "urn:uuid:r1");
    EXPECT_EQ(recs[0].doc.meta.url, "http://a.example/1");
    EXPECT_EQ(recs[0].doc.meta.page_date, (Date{2019, 7, 2}));
    EXPECT_EQ(recs[0].doc.format, Format::kHtml);
    EXPECT_EQ(recs[0].doc.raw, Page("Russia warned Iran on Monday."));
    EXPECT_EQ(recs[0].charset, "utf-8");
    EXPECT_EQ(recs[0].http_status, 200);
    EXPECT_EQ(recs[0].type, "response");
    // The HTTP charset hint converts Latin-1 to UTF-8.
    EXPECT_EQ(recs[1].charset, "iso-8859-1");
    EXPECT_EQ(recs[1].doc.raw, Page("Caf\xc3\xa9 owners met in Paris."));
    EXPECT_EQ(recs[2].type, "resource");
    EXPECT_EQ(recs[2].doc.meta.url, "file:///3.html");
    EXPECT_EQ(recs[2].doc.raw, Page("Pakistan hosted talks."));
  }

  void ExpectSkips(const Stats& st) {
    EXPECT_EQ(st.skipped.at("type:warcinfo"), 1u);
    EXPECT_EQ(st.skipped.at("type:request"), 1u);
    EXPECT_EQ(st.skipped.at("not html:image/jpeg"), 1u);
    EXPECT_EQ(st.skipped.at("http status 404"), 1u);
    EXPECT_EQ(st.SkippedTotal(), 4u);
  }

  std::filesystem::path dir_;
  std::vector<std::string> records_;
};

TEST_F(WarcTest, PlainWarcReadsHtmlRecordsAndCountsSkips) {
  std::string all;
  for (const auto& r : records_) all += r;
  Stats st;
  Status s;
  auto recs = ReadAll(Write("a.warc", all), &st, &s);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ExpectGoodRecords(recs);
  ExpectSkips(st);
  EXPECT_EQ(st.records, 7u);
  EXPECT_EQ(st.documents, 3u);
  EXPECT_EQ(st.corrupt, 0u);
  EXPECT_TRUE(st.warnings.empty());
  EXPECT_NE(st.Summary().find("3 documents"), std::string::npos);
  EXPECT_NE(recs[0].doc.source.find("a.warc@"), std::string::npos);
}

TEST_F(WarcTest, TruncatedLastRecordWarnsAndKeepsTheRest) {
  std::string all;
  for (const auto& r : records_) all += r;
  std::string last =
      WarcRecord("response", "http://a.example/cut", Http("text/html", Page("Cut short text.")));
  uint64_t offset = all.size();
  all += last.substr(0, last.size() - 30);
  Stats st;
  Status s;
  auto recs = ReadAll(Write("t.warc", all), &st, &s);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ExpectGoodRecords(recs);
  EXPECT_EQ(st.corrupt, 1u);
  ASSERT_EQ(st.warnings.size(), 1u);
  EXPECT_NE(st.warnings[0].find("t.warc"), std::string::npos) << st.warnings[0];
  EXPECT_NE(st.warnings[0].find("offset " + std::to_string(offset)), std::string::npos)
      << st.warnings[0];
  EXPECT_NE(st.warnings[0].find("truncated"), std::string::npos) << st.warnings[0];
}

TEST_F(WarcTest, GzipPerRecordWithTruncatedLastMember) {
  std::string all;
  for (const auto& r : records_) all += Gzip(r);
  uint64_t offset = all.size();
  std::string last = Gzip(
      WarcRecord("response", "http://a.example/cut", Http("text/html", Page("Cut short text."))));
  all += last.substr(0, last.size() / 2);
  Stats st;
  Status s;
  auto recs = ReadAll(Write("t.warc.gz", all), &st, &s);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ExpectGoodRecords(recs);
  ExpectSkips(st);
  EXPECT_EQ(st.corrupt, 1u);
  ASSERT_GE(st.warnings.size(), 1u);
  EXPECT_NE(st.warnings[0].find("t.warc.gz: record at offset " + std::to_string(offset)),
            std::string::npos)
      << st.warnings[0];
  EXPECT_EQ(recs[2].offset, offset - Gzip(records_.back()).size());
}

TEST_F(WarcTest, WholeFileGzip) {
  std::string all;
  for (const auto& r : records_) all += r;
  Stats st;
  Status s;
  auto recs = ReadAll(Write("w.warc.gz", Gzip(all)), &st, &s);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ExpectGoodRecords(recs);
  ExpectSkips(st);
  EXPECT_EQ(st.corrupt, 0u);
}

TEST_F(WarcTest, CorruptMiddleGzipMemberIsSkipped) {
  std::string all;
  for (size_t i = 0; i < records_.size(); ++i) {
    std::string g = Gzip(records_[i]);
    if (i == 3) {  // the image record: damage its deflate data
      for (size_t j = 12; j < g.size() - 8; j += 3) g[j] = static_cast<char>(g[j] ^ 0x55);
    }
    all += g;
  }
  Stats st;
  Status s;
  auto recs = ReadAll(Write("c.warc.gz", all), &st, &s);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ExpectGoodRecords(recs);
  EXPECT_EQ(st.corrupt, 1u) << st.Summary();
  ASSERT_EQ(st.warnings.size(), 1u) << st.Summary();
  EXPECT_NE(st.warnings[0].find("c.warc.gz: record at offset"), std::string::npos);
}

TEST_F(WarcTest, GzipErrorInsideARecordKeepsTheNextRecord) {
  // One member holds the image record and half of a broken second member's
  // worth of data: the error strikes while the record's content is read.
  std::string good = Gzip(records_[2]);
  std::string broken = Gzip(records_[3] + records_[5]);
  for (size_t j = broken.size() / 2; j < broken.size() - 8; j += 2)
    broken[j] = static_cast<char>(broken[j] ^ 0x33);
  std::string all = good + broken + Gzip(records_[4]) + Gzip(records_[6]);
  Stats st;
  Status s;
  auto recs = ReadAll(Write("m.warc.gz", all), &st, &s);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ExpectGoodRecords(recs);
  EXPECT_GE(st.corrupt, 1u) << st.Summary();
}

TEST_F(WarcTest, BadContentLengthResynchronises) {
  std::string bad = WarcRecord("response", "http://a.example/bad", Http("text/html", Page("x")));
  size_t p = bad.find("Content-Length: ");
  bad.replace(p, bad.find("\r\n", p) - p, "Content-Length: 5");
  std::string all = records_[2] + bad + records_[4] + records_[6];
  Stats st;
  Status s;
  auto recs = ReadAll(Write("b.warc", all), &st, &s);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ExpectGoodRecords(recs);
  EXPECT_EQ(st.corrupt, 1u);
  EXPECT_NE(st.warnings.at(0).find("end-of-record"), std::string::npos) << st.warnings[0];
}

TEST_F(WarcTest, ChunkedAndGzipEncodedBodies) {
  std::string page = Page("Turkey and Greece signed a deal.");
  std::string chunked =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (size_t i = 0; i < page.size(); i += 10) {
    std::string part = page.substr(i, 10);
    char hex[16];
    std::snprintf(hex, sizeof(hex), "%zx\r\n", part.size());
    chunked += hex + part + "\r\n";
  }
  chunked += "0\r\n\r\n";
  std::string gz =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + Gzip(page);
  std::string all =
      WarcRecord("response", "http://c/1", chunked) + WarcRecord("response", "http://c/2", gz);
  Stats st;
  Status s;
  auto recs = ReadAll(Write("e.warc", all), &st, &s);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].doc.raw, page);
  EXPECT_EQ(recs[1].doc.raw, page);
}

TEST_F(WarcTest, OversizedRecordIsSkippedNotBuffered) {
  std::string big =
      WarcRecord("response", "http://big/", Http("text/html", Page(std::string(5000, 'a'))));
  std::string all = big + records_[2];
  Options o;
  o.max_record_bytes = 1000;
  Stats st;
  std::vector<std::string> ids;
  Status s = ForEachRecordInBuffer(
      all, "mem",
      [&](Record&& r) {
        ids.push_back(r.doc.id);
        return true;
      },
      &st, o);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(ids, std::vector<std::string>{"urn:uuid:r1"});
  EXPECT_EQ(st.skipped.at("too large"), 1u);
}

TEST_F(WarcTest, CallbackCanStop) {
  std::string all;
  for (const auto& r : records_) all += r;
  int n = 0;
  Status s = ForEachRecordInBuffer(
      all, "mem", [&](Record&&) { return ++n < 2; }, nullptr);
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(n, 2);
}

TEST_F(WarcTest, NotAWarcFileFails) {
  Status s;
  Stats st;
  ReadAll(Write("x.warc", "<html>not a warc</html>"), &st, &s);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("x.warc"), std::string::npos);
  ReadAll((dir_ / "none.warc").string(), &st, &s);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  ReadAll(Write("empty.warc", ""), &st, &s);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace dyad::warc

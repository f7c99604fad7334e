// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Issue 9's corpus of bad inputs, run through the real `dyad` binary (and
// the library where a limit is set in Config). Each input must give a clear
// error naming the file, or a valid (possibly empty) document: never a
// crash, a hang, or a lost neighbour in a batch. The table of inputs and
// outcomes is docs/robustness.md. Big inputs are generated here at test
// time; under a sanitizer build some are smaller (kSanitized), as noted.

#include <gtest/gtest.h>
#include <zlib.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "../common/cli_run.h"
#include "dyad/config.h"
#include "dyad/pipeline.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define DYAD_TEST_SANITIZED 1
#endif

namespace dyad {
namespace {

using nlohmann::json;
using test::Quote;
using test::RunDyad;
using test::RunResult;
using test::Scratch;
using test::WriteFile;

#ifdef DYAD_TEST_SANITIZED
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

constexpr char kSentence[] = "Russia warned Iran on Monday.";

// The JSON documents of a run's standard output, one a line.
std::vector<json> Lines(const std::string& out) {
  std::vector<json> docs;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    docs.push_back(json::parse(line, nullptr, false));
    EXPECT_FALSE(docs.back().is_discarded()) << line.substr(0, 200);
  }
  return docs;
}

// True when `j` is a coded document (not an error record) with text.
bool HasRussiaEvent(const json& j) {
  if (!j.is_object() || j.contains("error") || !j["events"].is_array()) return false;
  for (const json& ev : j["events"]) {
    if (ev.contains("source") && ev["source"].value("code", "").rfind("RUS", 0) == 0) return true;
  }
  return false;
}

std::string Gzip(const std::string& s) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, s.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  z.avail_in = static_cast<uInt>(s.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// A single file must give exit code 3 and one error line naming it.
void ExpectRejected(const std::string& path, const std::string& reason) {
  RunResult r = RunDyad("code " + Quote(path));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(reason), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

// A single file must give exit code 0 and one valid document.
json ExpectCoded(const std::string& path) {
  RunResult r = RunDyad("code " + Quote(path));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> docs = Lines(r.out);
  EXPECT_EQ(docs.size(), 1u);
  return docs.empty() ? json() : docs[0];
}

TEST(BadInput, EmptyFile) {
  std::string p = Scratch("empty.txt");
  WriteFile(p, "");
  ExpectRejected(p, "input is empty");
}

TEST(BadInput, BinaryFile) {
  std::string bytes;
  uint32_t x = 12345;
  for (int i = 0; i < 65536; ++i) {
    x = x * 1103515245 + 12345;
    bytes += static_cast<char>(x >> 24);
  }
  std::string p = Scratch("random.bin");
  WriteFile(p, bytes);
  ExpectRejected(p, "binary");
}

TEST(BadInput, InvalidUtf8IsRepaired) {
  std::string p = Scratch("bad-utf8.txt");
  WriteFile(p, std::string(kSentence) + " \xff\xfe\xc3 broken \xe2\x82 bytes \xed\xa0\x80.\n");
  json j = ExpectCoded(p);
  std::string text = j.value("text", "");
  EXPECT_NE(text.find("Russia warned Iran"), std::string::npos) << text;
  EXPECT_TRUE(HasRussiaEvent(j)) << j.dump().substr(0, 500);
}

// `s` (ASCII) as UTF-16 with a byte order mark.
std::string Utf16(const std::string& s, bool little_endian) {
  std::string out = little_endian ? "\xff\xfe" : "\xfe\xff";
  for (char c : s) {
    if (little_endian) {
      out += c;
      out += '\0';
    } else {
      out += '\0';
      out += c;
    }
  }
  return out;
}

TEST(BadInput, Utf16WithBomIsConverted) {
  std::string le = Scratch("utf16le.txt");
  WriteFile(le, Utf16(std::string(kSentence) + "\n", true));
  json j = ExpectCoded(le);
  EXPECT_EQ(j.value("text", ""), kSentence);
  EXPECT_TRUE(HasRussiaEvent(j));

  std::string be = Scratch("utf16be.html");
  WriteFile(be, Utf16("<html><head><meta charset=\"utf-16\"></head><body><p>" +
                          std::string(kSentence) + "</p></body></html>",
                      false));
  j = ExpectCoded(be);
  EXPECT_NE(j.value("text", "").find(kSentence), std::string::npos) << j.value("text", "");
}

TEST(BadInput, FiftyMegabyteLineIsRejectedByTheSizeLimit) {
  // Over Config::max_doc_bytes (8 MiB): a clear error, at once.
  std::string p = Scratch("long-line.txt");
  size_t size = size_t{50} << 20;
  std::string line;
  line.reserve(size);
  while (line.size() + sizeof(kSentence) < size) line += std::string(kSentence) + " ";
  WriteFile(p, line);
  ExpectRejected(p, "over the limit");
}

TEST(BadInput, LongSingleLineUnderTheLimitIsCoded) {
  // A long line with no newline at all, under the size limit: coded.
  std::string p = Scratch("line.txt");
  std::string line;
  size_t size = kSanitized ? 20000 : 100000;
  while (line.size() < size) line += std::string(kSentence) + " ";
  WriteFile(p, line);
  json j = ExpectCoded(p);
  EXPECT_TRUE(HasRussiaEvent(j));
}

TEST(BadInput, DeeplyNestedTags) {
  // 100,000 nested elements (fewer under sanitizers): no stack overflow and
  // no hang. The text is found, or, when the parser is slow on such depth
  // (gumbo's open-element stack is quadratic, about 30 s here), the time
  // limit stops the document with a clear error.
  int depth = kSanitized ? 20000 : 100000;
  std::string html = "<html><body>";
  for (int i = 0; i < depth; ++i) html += "<div>";
  html += std::string("<p>") + kSentence + "</p>";
  for (int i = 0; i < depth; ++i) html += "</div>";
  html += "</body></html>";
  std::string p = Scratch("nested.html");
  WriteFile(p, html);
  RunResult r = RunDyad("code " + Quote(p));
  if (r.exit_code == 3) {
    EXPECT_NE(r.err.find(p + ": document took over"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
    return;
  }
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> docs = Lines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_NE(docs[0].value("text", "").find(kSentence), std::string::npos);
}

TEST(BadInput, TruncatedGzip) {
  // A gzip file given as an article is rejected as binary ...
  std::string gz = Gzip(std::string(kSentence) + "\n");
  std::string p = Scratch("article.txt.gz");
  WriteFile(p, gz.substr(0, gz.size() / 2));
  ExpectRejected(p, "binary");
  // ... and a truncated .warc.gz keeps its good records (tests/warc has more).
  std::string page =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>" + std::string(kSentence) + "</p>";
  std::string rec = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.test/1\r\n" +
                    std::string("Content-Length: ") + std::to_string(page.size()) + "\r\n\r\n" +
                    page + "\r\n\r\n";
  std::string w = Scratch("cut.warc.gz");
  std::string last = Gzip(rec);
  WriteFile(w, Gzip(rec) + Gzip(rec) + last.substr(0, last.size() / 2));
  RunResult r = RunDyad("code --warc " + Quote(w));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> docs = Lines(r.out);
  ASSERT_EQ(docs.size(), 2u);
  for (const json& d : docs) EXPECT_TRUE(HasRussiaEvent(d));
  EXPECT_NE(r.err.find("warning: " + w + ": record at offset"), std::string::npos) << r.err;
}

TEST(BadInput, HtmlWithNoTextIsAnEmptyDocument) {
  std::string p = Scratch("no-text.html");
  WriteFile(p,
            "<html><head><title></title><script>var x = 1;</script><style>p{}</style></head>"
            "<body><div><img src=a.png><br><hr></div><!-- nothing --></body></html>");
  json j = ExpectCoded(p);
  EXPECT_EQ(j.value("text", "x"), "");
  EXPECT_TRUE(j["events"].is_array() && j["events"].empty());
}

// A batch with `bad` lines between good ones: every good record is coded,
// every bad one gives an error record containing `reason`, in order.
void ExpectBatch(const std::vector<std::string>& bad, const std::string& reason,
                 const std::string& extra_args = "") {
  std::string p = Scratch("batch.jsonl");
  std::string data;
  for (size_t i = 0; i < bad.size(); ++i) {
    data += R"({"id": "good)" + std::to_string(i) + R"(", "text": ")" + kSentence + "\"}\n";
    data += bad[i] + "\n";
  }
  data += R"({"id": "last", "text": ")" + std::string(kSentence) + "\"}\n";
  WriteFile(p, data);
  RunResult r = RunDyad("code --threads 2 " + extra_args + " --jsonl " + Quote(p));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> docs = Lines(r.out);
  ASSERT_EQ(docs.size(), 2 * bad.size() + 1) << r.err;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i % 2 == 0) {
      EXPECT_TRUE(HasRussiaEvent(docs[i])) << i << ": " << docs[i].dump().substr(0, 300);
    } else {
      ASSERT_TRUE(docs[i].contains("error")) << i;
      std::string e = docs[i]["error"].get<std::string>();
      EXPECT_NE(e.find(p + ":" + std::to_string(i + 1)), std::string::npos) << e;
      EXPECT_NE(e.find(reason), std::string::npos) << e;
    }
  }
  EXPECT_NE(r.err.find(std::to_string(bad.size()) + " of " + std::to_string(docs.size())),
            std::string::npos)
      << r.err;
}

TEST(BadInput, HugeJsonlLine) {
  size_t size = kSanitized ? (size_t{9} << 20) : (size_t{20} << 20);
  std::string text;
  text.reserve(size);
  while (text.size() < size) text += std::string(kSentence) + " ";
  ExpectBatch({R"({"id": "huge", "text": ")" + text + "\"}"}, "over the limit");
}

TEST(BadInput, DeeplyNestedJsonLine) {
  int depth = kSanitized ? 20000 : 200000;
  ExpectBatch({std::string(depth, '[') + std::string(depth, ']'),
               R"({"id": )" + std::string(depth, '{') + "}"},
              "not a JSON object");
}

TEST(BadInput, WrongJsonFieldTypes) {
  ExpectBatch({R"({"id": "a", "text": 5})", R"({"id": "b", "html": ["<p>x</p>"]})",
               R"({"id": "c", "text": "x", "url": {"u": 1}})", R"({"id": "d", "date": true})"},
              "must be a string");
}

TEST(BadInput, OversizedRecordInABatchWithALowerLimit) {
  ExpectBatch({R"({"id": "big", "text": ")" + std::string(3000, 'a') + "\"}"}, "over the limit",
              "--max-doc-bytes 2000");
}

TEST(BadInput, DocumentOverTheTimeLimitFailsAlone) {
  // A limit no document can meet: the time check between stages stops each
  // record with an error record; the batch still has one line per record.
  std::string p = Scratch("slow.jsonl");
  WriteFile(p, R"({"id": "a", "text": "Russia warned Iran."})"
               "\n"
               R"({"id": "b", "text": "Iran warned Russia."})"
               "\n");
  RunResult r = RunDyad("code --max-doc-seconds 1e-9 --jsonl " + Quote(p));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> docs = Lines(r.out);
  ASSERT_EQ(docs.size(), 2u);
  for (const json& d : docs) {
    EXPECT_NE(d.value("error", "").find("time limit"), std::string::npos) << d;
  }
}

TEST(BadInput, TimeLimitInTheLibrary) {
  Config config = Config::Default();
  Document doc;
  doc.id = "slow";
  doc.raw = kSentence;
  config.max_doc_seconds = 1e-9;
  Status s = RunPipeline(config, doc);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("slow: document took over 1e-09 s (after stage ingest)"),
            std::string::npos)
      << s.message();
  // No limit: the same document is coded.
  config.max_doc_seconds = 0;
  Document again;
  again.raw = kSentence;
  EXPECT_TRUE(RunPipeline(config, again).ok());
  EXPECT_FALSE(again.events.empty());
}

TEST(BadInput, SizeLimitInTheLibrary) {
  Config config = Config::Default();
  config.max_doc_bytes = 10;
  Document doc;
  doc.source = "big.txt";
  doc.raw = kSentence;
  Status s = RunPipeline(config, doc);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("big.txt: document is 29 bytes, over the limit of 10"),
            std::string::npos)
      << s.message();
}

}  // namespace
}  // namespace dyad

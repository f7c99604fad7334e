// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// WARC reader: streams the records of a Web ARChive (ISO 28500; WARC/0.17
// to WARC/1.1) and turns each HTML page into a ready dyad::Document.
//
// Input: a plain .warc, a .warc.gz compressed record by record (concatenated
// gzip members, as Common Crawl writes them), or a .warc.gz compressed as one
// whole gzip stream. Compression is detected from the first bytes, not the
// file name.
//
// Which records become documents: `response` records whose HTTP status is
// 2xx and whose HTTP Content-Type is text/html or application/xhtml+xml (or,
// with no Content-Type, whose body starts like HTML), and `resource` records
// whose WARC Content-Type is one of those. The HTTP status line and headers
// are stripped; a chunked Transfer-Encoding and a gzip / deflate
// Content-Encoding are undone. Every other record is skipped and counted by
// reason in Stats::skipped.
//
// Damage: a record that is truncated, has a malformed header, a missing or
// bad Content-Length, a missing end-of-record marker or a gzip error yields
// one warning naming the file and the record's offset, and is skipped; the
// reader then resynchronises on the next "WARC/" header line (and, in a
// gzip file, on the next gzip member), so every good record is still read.
//
// Memory: the reader is streaming. It holds one record at a time plus a
// fixed read buffer, so memory does not grow with the file size. A record's
// content is capped at Options::max_record_bytes (default 32 MiB, the
// decoded HTTP body likewise); larger records are skipped unread ("too
// large") and counted. At most kMaxWarnings warning texts are kept.

#ifndef DYAD_WARC_WARC_H_
#define DYAD_WARC_WARC_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::warc {

// Default cap on one record's content (and on its decoded HTTP body).
inline constexpr size_t kDefaultMaxRecordBytes = size_t{32} << 20;

// Stats keeps at most this many warning texts (all are counted).
inline constexpr size_t kMaxWarnings = 1000;

// Reader options.
struct Options {
  // Records whose content is longer than this are skipped as "too large".
  size_t max_record_bytes = kDefaultMaxRecordBytes;
};

// One HTML page read from a WARC file.
struct Record {
  // The page, ready for RunPipeline: raw (the HTTP body; converted to UTF-8
  // when the HTTP header names another charset, else the bytes as served,
  // which ingest decodes), format kHtml, id (WARC-Record-ID without angle
  // brackets, else the target URI), source ("FILE@OFFSET"), meta.url
  // (WARC-Target-URI) and meta.page_date (WARC-Date, the crawl date).
  Document doc;
  // WARC-Type: "response" or "resource".
  std::string type;
  // The charset named by the HTTP Content-Type header, lower-cased, or "".
  std::string charset;
  // The HTTP status code (0 for resource records).
  int http_status = 0;
  // Byte offset of the record's header in the file; for gzip input, the
  // offset of the gzip member the record starts in.
  uint64_t offset = 0;
};

// What a read found. Counts add up when the same Stats is reused.
struct Stats {
  uint64_t records = 0;    // well-formed records seen (any type)
  uint64_t documents = 0;  // records handed to the callback
  uint64_t corrupt = 0;    // damaged records skipped (one warning each)
  // Skipped well-formed records by reason: "type:request",
  // "type:metadata", "not html:image/jpeg", "http status 404",
  // "empty body", "too large", ...
  std::map<std::string, uint64_t> skipped;
  // "FILE: record at offset N: problem", at most kMaxWarnings of them.
  std::vector<std::string> warnings;

  // Total of `skipped`.
  uint64_t SkippedTotal() const;
  // One line: "N records, N documents, N skipped (reason N, ...), N corrupt".
  std::string Summary() const;
};

// Reads the WARC file at `path`, calling `fn` with each HTML page in file
// order; `fn` returns false to stop early. Damaged records are skipped with a
// warning in `stats` (which may be null). Fails with kNotFound / kIoError
// when the file cannot be opened or read, and kInvalidInput when it holds no
// WARC record at all (for example, it is not a WARC file); damage after the
// first good record never fails the call.
Status ForEachRecord(const std::string& path, const std::function<bool(Record&&)>& fn, Stats* stats,
                     const Options& options = Options());

// The same over WARC bytes already in memory; `name` is used in messages.
Status ForEachRecordInBuffer(std::string_view data, const std::string& name,
                             const std::function<bool(Record&&)>& fn, Stats* stats,
                             const Options& options = Options());

}  // namespace dyad::warc

#endif  // DYAD_WARC_WARC_H_

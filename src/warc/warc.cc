#include "warc/warc.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <utility>

#include "core/charset.h"
#include "core/text.h"

namespace dyad::warc {

namespace {

constexpr size_t kChunk = 64 * 1024;            // bytes read / inflated per step
constexpr size_t kMaxHeaderBytes = 256 * 1024;  // one record's WARC header block
constexpr size_t kMaxHttpHeaderBytes = 256 * 1024;
constexpr size_t kMaxReasons = 64;  // distinct skip reasons kept before "other"

// Where raw (possibly compressed) bytes come from: a FILE or a buffer.
class RawSource {
 public:
  explicit RawSource(std::FILE* f) : file_(f) {}
  explicit RawSource(std::string_view data) : data_(data) {}
  // Reads up to `n` bytes into `out`; returns the count, 0 at end of input.
  size_t Read(char* out, size_t n) {
    if (file_) {
      size_t got = std::fread(out, 1, n, file_);
      if (got == 0 && std::ferror(file_)) error_ = true;
      return got;
    }
    size_t got = std::min(n, data_.size() - pos_);
    std::memcpy(out, data_.data() + pos_, got);
    pos_ += got;
    return got;
  }
  bool error() const { return error_; }

 private:
  std::FILE* file_ = nullptr;
  std::string_view data_;
  size_t pos_ = 0;
  bool error_ = false;
};

// The decompressed byte stream of a WARC file, with a window of buffered
// bytes. Plain input passes through; gzip input is inflated member by
// member. A gzip error skips to the next gzip member and records a
// discontinuity so the record parser can drop the damaged record.
class Stream {
 public:
  explicit Stream(RawSource* src) : src_(src) {}
  ~Stream() {
    if (z_init_) inflateEnd(&z_);
  }

  // Makes at least `n` bytes available from the current position; false
  // when the input ends (or fails) first.
  bool Ensure(size_t n) {
    while (buf_.size() - pos_ < n) {
      if (!Fill()) return false;
    }
    return true;
  }
  // Buffered bytes from the current position.
  std::string_view Window() const { return std::string_view(buf_).substr(pos_); }
  // Consumes `n` buffered bytes.
  void Advance(size_t n) { pos_ += n; }
  // Consumes up to `n` bytes, reading as needed; returns the count skipped.
  uint64_t Skip(uint64_t n) {
    uint64_t done = 0;
    while (done < n) {
      if (pos_ == buf_.size() && !Fill()) break;
      size_t take = static_cast<size_t>(std::min<uint64_t>(n - done, buf_.size() - pos_));
      pos_ += take;
      done += take;
    }
    return done;
  }
  // Absolute offset of the current position in the decompressed stream.
  uint64_t Offset() const { return base_ + pos_; }
  // Offset, in the file, of the record starting at decompressed offset
  // `at`: the gzip member holding it, or `at` itself for plain input.
  uint64_t FileOffset(uint64_t at) const {
    if (!gzip_) return at;
    uint64_t off = 0;
    for (const auto& m : members_) {
      if (m.first > at) break;
      off = m.second;
    }
    return off;
  }
  bool gzip() const { return gzip_; }
  // Number of gzip errors skipped so far, and the decompressed offset where
  // good data resumed after the last one.
  int discontinuities() const { return discontinuities_; }
  uint64_t resume_at() const { return resume_at_; }
  // File offset of the gzip member the last gzip error was in.
  uint64_t bad_member() const { return bad_member_; }
  // A problem the stream itself hit (gzip error, truncated gzip, read
  // error), or "" when none is pending; cleared by the call.
  std::string TakeProblem() { return std::exchange(problem_, ""); }
  bool read_error() const { return src_->error(); }

 private:
  // Appends more decompressed bytes to buf_; false at end of input.
  bool Fill() {
    Compact();
    if (!started_) {
      started_ = true;
      if (!FillRaw()) return false;
      gzip_ = in_len_ - in_pos_ >= 2 && static_cast<unsigned char>(in_[in_pos_]) == 0x1f &&
              static_cast<unsigned char>(in_[in_pos_ + 1]) == 0x8b;
      if (gzip_ && !StartMember()) return false;
    }
    if (!gzip_) {
      if (in_pos_ == in_len_ && !FillRaw()) return false;
      buf_.append(in_.get() + in_pos_, in_len_ - in_pos_);
      in_pos_ = in_len_;
      return true;
    }
    return Inflate();
  }

  // Drops consumed bytes so the window stays small.
  void Compact() {
    if (pos_ > 0 && (pos_ >= kChunk || pos_ == buf_.size())) {
      buf_.erase(0, pos_);
      base_ += pos_;
      pos_ = 0;
    }
  }

  // Reads the next raw chunk; false at end of input.
  bool FillRaw() {
    if (eof_) return false;
    raw_offset_ += in_len_;
    in_pos_ = in_len_ = 0;
    if (!in_) in_.reset(new char[kChunk]);
    in_len_ = src_->Read(in_.get(), kChunk);
    if (in_len_ == 0) eof_ = true;
    return in_len_ > 0;
  }

  uint64_t RawOffset() const { return raw_offset_ + in_pos_; }

  // Starts inflating a gzip member at the current raw position.
  bool StartMember() {
    if (z_init_) inflateEnd(&z_);
    std::memset(&z_, 0, sizeof(z_));
    if (inflateInit2(&z_, 16 + MAX_WBITS) != Z_OK) {
      z_init_ = false;
      problem_ = "zlib could not be initialised";
      return false;
    }
    z_init_ = true;
    members_.emplace_back(base_ + buf_.size(), RawOffset());
    // Keep only the members that can still hold the current position.
    while (members_.size() > 1 && members_[1].first <= base_ + pos_) members_.pop_front();
    return true;
  }

  // Inflates up to one chunk of output; false at the end of input.
  bool Inflate() {
    char out[kChunk];
    for (;;) {
      if (in_pos_ == in_len_ && !FillRaw()) {
        if (member_has_data_) problem_ = "gzip stream is truncated";
        return false;
      }
      z_.next_in = reinterpret_cast<Bytef*>(in_.get() + in_pos_);
      z_.avail_in = static_cast<uInt>(in_len_ - in_pos_);
      z_.next_out = reinterpret_cast<Bytef*>(out);
      z_.avail_out = sizeof(out);
      int rc = inflate(&z_, Z_NO_FLUSH);
      size_t used = (in_len_ - in_pos_) - z_.avail_in;
      in_pos_ += used;
      size_t produced = sizeof(out) - z_.avail_out;
      if (used > 0 || produced > 0) member_has_data_ = true;
      buf_.append(out, produced);
      if (rc == Z_STREAM_END) {
        member_has_data_ = false;
        // The next member, if any, must follow immediately.
        if (in_pos_ == in_len_ && !FillRaw()) return produced > 0;
        if (static_cast<unsigned char>(in_[in_pos_]) != 0x1f) {
          Resync("data after a gzip member is not gzip");
          return produced > 0 || !eof_;
        }
        if (!StartMember()) return false;
        if (produced > 0) return true;
        continue;
      }
      if (rc == Z_OK || rc == Z_BUF_ERROR) {
        if (produced > 0) return true;
        continue;  // needs more input
      }
      // Z_DATA_ERROR, Z_NEED_DICT, Z_MEM_ERROR: skip to the next member.
      Resync(std::string("gzip data error") + (z_.msg ? std::string(" (") + z_.msg + ")" : ""));
      if (eof_) return produced > 0;
      return true;
    }
  }

  // Searches the raw input for the next gzip member header and starts it.
  void Resync(const std::string& why) {
    problem_ = why + " at file offset " + std::to_string(RawOffset());
    bad_member_ = members_.empty() ? 0 : members_.back().second;
    ++discontinuities_;
    member_has_data_ = false;
    if (in_pos_ < in_len_) ++in_pos_;  // never restart at the same byte
    for (;;) {
      for (; in_pos_ + 2 < in_len_; ++in_pos_) {
        if (static_cast<unsigned char>(in_[in_pos_]) == 0x1f &&
            static_cast<unsigned char>(in_[in_pos_ + 1]) == 0x8b && in_[in_pos_ + 2] == 0x08) {
          resume_at_ = base_ + buf_.size();
          StartMember();
          return;
        }
      }
      // Keep the last two bytes: a header may straddle chunks.
      std::string tail(in_.get() + in_pos_, in_len_ - in_pos_);
      uint64_t tail_offset = RawOffset();
      if (!FillRaw()) {
        resume_at_ = base_ + buf_.size();
        return;
      }
      if (!tail.empty()) {
        std::string joined = tail + std::string(in_.get(), in_len_);
        // Rare: rebuild the chunk with the tail in front.
        std::unique_ptr<char[]> bigger(new char[std::max(kChunk, joined.size())]);
        std::memcpy(bigger.get(), joined.data(), joined.size());
        in_ = std::move(bigger);
        in_len_ = joined.size();
        raw_offset_ = tail_offset;
        in_pos_ = 0;
      }
    }
  }

  RawSource* src_;
  std::string buf_;    // decompressed window
  size_t pos_ = 0;     // current position in buf_
  uint64_t base_ = 0;  // decompressed offset of buf_[0]
  std::unique_ptr<char[]> in_;
  size_t in_pos_ = 0, in_len_ = 0;
  uint64_t raw_offset_ = 0;  // file offset of in_[0]
  bool started_ = false, gzip_ = false, eof_ = false;
  z_stream z_{};
  bool z_init_ = false;
  bool member_has_data_ = false;
  // (decompressed offset, file offset) of recent gzip member starts.
  std::deque<std::pair<uint64_t, uint64_t>> members_;
  int discontinuities_ = 0;
  uint64_t resume_at_ = 0;
  uint64_t bad_member_ = 0;
  std::string problem_;
};

// Case-insensitive ASCII comparison.
bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// The first blank line (CRLF CRLF, or a bare LF LF) in `s` at or after
// `from`: its offset, with its length in `skip`; npos when there is none.
size_t FindBlankLine(std::string_view s, size_t from, size_t* skip) {
  size_t crlf = s.find("\r\n\r\n", from);
  size_t lf = s.find("\n\n", from);
  if (lf != std::string_view::npos && (crlf == std::string_view::npos || lf < crlf)) {
    *skip = 2;
    return lf;
  }
  *skip = 4;
  return crlf;
}

// Header fields of one block ("Name: value" lines), in order.
using Headers = std::vector<std::pair<std::string, std::string>>;

// Parses "Name: value" lines (continuation lines folded in).
Headers ParseHeaders(std::string_view block) {
  Headers h;
  for (std::string_view line : Split(block, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if ((line[0] == ' ' || line[0] == '\t') && !h.empty()) {
      h.back().second += " ";
      h.back().second += std::string(Trim(line));
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    h.emplace_back(std::string(Trim(line.substr(0, colon))),
                   std::string(Trim(line.substr(colon + 1))));
  }
  return h;
}

std::string Get(const Headers& h, std::string_view name) {
  for (const auto& [k, v] : h) {
    if (IEquals(k, name)) return v;
  }
  return "";
}

// Parses a non-negative decimal; false when `s` is not one.
bool ParseLength(std::string_view s, uint64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = v;
  return true;
}

// The media type of a Content-Type value, lower-cased, and its charset.
void ParseContentType(std::string_view ct, std::string* mime, std::string* charset) {
  size_t semi = ct.find(';');
  *mime = AsciiLower(Trim(ct.substr(0, semi)));
  charset->clear();
  if (semi == std::string_view::npos) return;
  std::string params = AsciiLower(ct.substr(semi));
  size_t p = params.find("charset=");
  if (p == std::string::npos) return;
  size_t i = p + 8;
  while (i < params.size() && (params[i] == '"' || params[i] == '\'' || params[i] == ' ')) ++i;
  size_t j = i;
  while (j < params.size() && params[j] != '"' && params[j] != '\'' && params[j] != ';' &&
         params[j] != ' ' && params[j] != ',') {
    ++j;
  }
  *charset = params.substr(i, j - i);
}

bool IsHtmlMime(std::string_view mime) {
  return mime == "text/html" || mime == "application/xhtml+xml";
}

bool SniffHtml(std::string_view body) {
  std::string head = AsciiLower(body.substr(0, 1024));
  return head.find("<html") != std::string::npos ||
         head.find("<!doctype html") != std::string::npos;
}

// Undoes a chunked Transfer-Encoding; false when the framing is broken
// (then `out` holds what was decoded before the damage).
bool Dechunk(std::string_view in, std::string* out) {
  out->clear();
  size_t i = 0;
  while (i < in.size()) {
    size_t eol = in.find('\n', i);
    if (eol == std::string_view::npos) return false;
    std::string_view size_line = Trim(in.substr(i, eol - i));
    size_line = size_line.substr(0, size_line.find(';'));
    if (size_line.empty() || size_line.size() > 15) return false;
    uint64_t n = 0;
    for (char c : size_line) {
      int d = (c >= '0' && c <= '9')   ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : -1;
      if (d < 0) return false;
      n = n * 16 + static_cast<uint64_t>(d);
    }
    i = eol + 1;
    if (n == 0) return true;
    if (n > in.size() - i) {
      out->append(in.substr(i));
      return false;
    }
    out->append(in.substr(i, n));
    i += n;
    if (i < in.size() && in[i] == '\r') ++i;
    if (i < in.size() && in[i] == '\n') ++i;
  }
  return true;
}

// Inflates a gzip or zlib (deflate) body, at most `cap` bytes of output.
bool InflateBody(std::string_view in, size_t cap, std::string* out) {
  z_stream z{};
  if (inflateInit2(&z, 32 + MAX_WBITS) != Z_OK) return false;  // gzip or zlib
  out->clear();
  char buf[kChunk];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(std::min<size_t>(in.size(), UINT32_MAX));
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof(buf);
    rc = inflate(&z, Z_NO_FLUSH);
    out->append(buf, sizeof(buf) - z.avail_out);
    if (out->size() > cap) rc = Z_MEM_ERROR;
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END || (rc == Z_BUF_ERROR && !out->empty());
}

class Reader {
 public:
  Reader(Stream* s, const std::string& name, const std::function<bool(Record&&)>& fn, Stats* st,
         const Options& o)
      : s_(*s), name_(name), fn_(fn), st_(*st), opt_(o) {}

  Status Run() {
    warnings_before_ = st_.warnings.size();
    for (;;) {
      SkipBlankLines();
      if (!s_.Ensure(1)) break;
      if (s_.discontinuities() != seen_disc_) {
        // A gzip member failed between records: its record is lost.
        seen_disc_ = s_.discontinuities();
        ++st_.corrupt;
        ++warned_;
        Note(name_ + ": record at offset " + std::to_string(s_.bad_member()) +
             " (gzip member): damaged: " + LastProblem());
        if (!Resync(true)) break;
        continue;
      }
      uint64_t start = s_.Offset();
      int disc = s_.discontinuities();
      std::string header;
      bool ok = ReadHeader(&header);
      if (!ok && header.empty() && !s_.Ensure(1)) break;
      if (!ok) {
        Warn(start, header.empty() ? "no end of header" : header);
        if (!Resync()) break;
        continue;
      }
      Headers h = ParseHeaders(header.substr(header.find('\n') + 1));
      uint64_t length = 0;
      if (!ParseLength(Get(h, "Content-Length"), &length)) {
        Warn(start, "missing or bad Content-Length");
        if (!Resync()) break;
        continue;
      }
      std::string content;
      bool too_large = length > opt_.max_record_bytes;
      if (too_large) {
        if (s_.Skip(length) < length) {
          Warn(start, "truncated: ends inside the content");
          break;
        }
      } else {
        if (!s_.Ensure(static_cast<size_t>(length))) {
          Warn(start, "truncated: " + std::to_string(length) + "-byte content ends after " +
                          std::to_string(s_.Window().size()) + " bytes");
          break;
        }
        if (s_.discontinuities() != disc) {
          // Data resumed (at resume_at, ahead of us) after a gzip error.
          seen_disc_ = s_.discontinuities();
          Warn(start, "damaged: " + LastProblem());
          if (!Resync(true)) break;
          continue;
        }
        content.assign(s_.Window().substr(0, static_cast<size_t>(length)));
        s_.Advance(static_cast<size_t>(length));
      }
      if (s_.discontinuities() != disc) {
        seen_disc_ = s_.discontinuities();
        Warn(start, "damaged: " + LastProblem());
        if (!Resync(true)) break;
        continue;
      }
      if (!ReadTrailer()) {
        Warn(start, "no end-of-record marker after " + std::to_string(length) +
                        " content bytes (bad Content-Length?)");
        if (!Resync()) break;
        continue;
      }
      ++st_.records;
      if (too_large) {
        Skipped("too large");
        continue;
      }
      if (!Handle(h, start, std::move(content))) return Status::Ok();
    }
    if (s_.read_error()) return Status::IoError(name_ + ": read error: " + std::strerror(errno));
    std::string problem = s_.TakeProblem();
    if (!problem.empty()) Note(name_ + ": " + problem);
    if (st_.records == 0 && !saw_warc_) {
      // Not damage but the wrong kind of file: one error, no warnings.
      st_.warnings.resize(std::min(st_.warnings.size(), warnings_before_));
      st_.corrupt -= warned_;
      return Status::InvalidInput(name_ + ": no WARC record found (not a WARC file?)");
    }
    if (st_.records == 0) {
      return Status::InvalidInput(name_ + ": no readable WARC record (" +
                                  (st_.warnings.empty() ? "damaged" : st_.warnings.front()) + ")");
    }
    return Status::Ok();
  }

 private:
  void Note(std::string w) {
    if (st_.warnings.size() < kMaxWarnings) st_.warnings.push_back(std::move(w));
  }
  void Warn(uint64_t start, const std::string& what) {
    ++st_.corrupt;
    ++warned_;
    Note(name_ + ": record at " + Where(start) + ": " + what);
  }
  std::string Where(uint64_t start) const {
    if (s_.gzip()) {
      return "offset " + std::to_string(s_.FileOffset(start)) + " (gzip member; " +
             std::to_string(start) + " uncompressed)";
    }
    return "offset " + std::to_string(start);
  }
  std::string LastProblem() {
    std::string p = s_.TakeProblem();
    return p.empty() ? "gzip error" : p;
  }
  void Skipped(std::string reason) {
    if (st_.skipped.size() >= kMaxReasons && !st_.skipped.count(reason)) reason = "other";
    ++st_.skipped[reason];
  }

  void SkipBlankLines() {
    for (;;) {
      if (!s_.Ensure(1)) return;
      char c = s_.Window()[0];
      if (c != '\r' && c != '\n') return;
      s_.Advance(1);
    }
  }

  // Reads the header block up to and including the blank line. False when
  // it does not start with "WARC/" (then `header` holds the reason) or the
  // input ends first (then `header` is empty).
  bool ReadHeader(std::string* header) {
    if (!s_.Ensure(5)) {
      header->clear();
      if (s_.Window().empty()) return false;
      *header = "truncated header";
      s_.Advance(s_.Window().size());
      return false;
    }
    if (s_.Window().substr(0, 5) != "WARC/") {
      *header = "does not start with a WARC/ version line";
      return false;
    }
    saw_warc_ = true;
    size_t searched = 0;
    for (;;) {
      std::string_view w = s_.Window();
      size_t from = searched > 3 ? searched - 3 : 0;
      size_t skip = 0;
      size_t end = FindBlankLine(w, from, &skip);
      if (end != std::string_view::npos) {
        header->assign(w.substr(0, end));
        s_.Advance(end + skip);
        return true;
      }
      searched = w.size();
      if (searched > kMaxHeaderBytes) {
        *header = "header longer than " + std::to_string(kMaxHeaderBytes) + " bytes";
        return false;
      }
      if (!s_.Ensure(w.size() + 1)) {
        *header = "truncated header";
        s_.Advance(s_.Window().size());
        return false;
      }
    }
  }

  // Consumes the CRLF CRLF that ends a record (a bare LF LF is accepted, as
  // is the end of input).
  bool ReadTrailer() {
    s_.Ensure(4);
    std::string_view w = s_.Window();
    if (w.empty()) return true;
    if (w.substr(0, 4) == "\r\n\r\n") {
      s_.Advance(4);
      return true;
    }
    if (w.substr(0, 2) == "\n\n") {
      s_.Advance(2);
      return true;
    }
    if (w.size() <= 2 && (w == "\r\n" || w == "\n")) {
      s_.Advance(w.size());
      return true;
    }
    return false;
  }

  // Skips to the next line starting with "WARC/", or to where a gzip error
  // resumed (`after_gap`: a gzip error was just reported, and the data
  // resumes at a member start); false at the end of input.
  bool Resync(bool after_gap = false) {
    bool at_line_start = after_gap && s_.resume_at() >= s_.Offset();
    if (s_.resume_at() > s_.Offset()) {
      s_.Skip(s_.resume_at() - s_.Offset());
      at_line_start = true;
    }
    for (;;) {
      if (!s_.Ensure(6)) {
        s_.Advance(s_.Window().size());
        return false;
      }
      std::string_view w = s_.Window();
      if (at_line_start && w.substr(0, 5) == "WARC/") return true;
      size_t p = w.find("\nWARC/", 0);
      if (p != std::string_view::npos) {
        s_.Advance(p + 1);
        return true;
      }
      // Keep the last 5 bytes: a marker may straddle the window's end.
      s_.Advance(w.size() - 5);
      at_line_start = false;
    }
  }

  // Turns a well-formed record into a Document when it is an HTML page.
  // Returns false when the callback asked to stop.
  bool Handle(const Headers& h, uint64_t start, std::string content) {
    std::string type = AsciiLower(Get(h, "WARC-Type"));
    Record r;
    r.type = type;
    r.offset = s_.FileOffset(start);
    std::string mime, charset, body;
    if (type == "response") {
      std::string wct = AsciiLower(Get(h, "Content-Type"));
      if (!wct.empty() && wct.find("application/http") == std::string::npos) {
        Skipped("not http:" + wct.substr(0, 40));
        return true;
      }
      size_t skip = 0;
      size_t end = FindBlankLine(content, 0, &skip);
      if (end == std::string::npos || end > kMaxHttpHeaderBytes || !StartsWith(content, "HTTP/")) {
        Skipped("bad http header");
        return true;
      }
      std::string_view status_line = std::string_view(content).substr(0, content.find('\n'));
      size_t sp = status_line.find(' ');
      uint64_t code = 0;
      if (sp != std::string_view::npos) {
        ParseLength(Trim(status_line.substr(sp + 1, 3)), &code);
      }
      r.http_status = static_cast<int>(code);
      Headers http = ParseHeaders(std::string_view(content).substr(0, end));
      body = content.substr(end + skip);
      content.clear();
      if (code < 200 || code > 299) {
        Skipped("http status " + std::to_string(code));
        return true;
      }
      ParseContentType(Get(http, "Content-Type"), &mime, &charset);
      if (AsciiLower(Get(http, "Transfer-Encoding")).find("chunked") != std::string::npos) {
        std::string plain;
        Dechunk(body, &plain);
        body = std::move(plain);
      }
      std::string enc = AsciiLower(Get(http, "Content-Encoding"));
      if (enc == "gzip" || enc == "x-gzip" || enc == "deflate") {
        std::string plain;
        if (!InflateBody(body, opt_.max_record_bytes, &plain)) {
          Skipped("bad content-encoding");
          return true;
        }
        body = std::move(plain);
      } else if (!enc.empty() && enc != "identity") {
        Skipped("content-encoding " + enc.substr(0, 20));
        return true;
      }
    } else if (type == "resource") {
      ParseContentType(Get(h, "Content-Type"), &mime, &charset);
      body = std::move(content);
    } else {
      Skipped("type:" + (type.empty() ? std::string("none") : type.substr(0, 20)));
      return true;
    }
    if (!(IsHtmlMime(mime) || (mime.empty() && SniffHtml(body)))) {
      Skipped("not html:" + (mime.empty() ? std::string("unknown") : mime.substr(0, 40)));
      return true;
    }
    if (Trim(body).empty()) {
      Skipped("empty body");
      return true;
    }
    r.charset = charset;
    bool utf8_label = charset.empty() || charset == "utf-8" || charset == "utf8" ||
                      charset == "us-ascii" || charset == "ascii";
    std::string converted;
    if (!utf8_label && !IsValidUtf8(body) && ConvertToUtf8(body, charset, &converted)) {
      body = std::move(converted);
    }
    Document& d = r.doc;
    d.raw = std::move(body);
    d.format = Format::kHtml;
    d.meta.url = Get(h, "WARC-Target-URI");
    if (d.meta.url.size() >= 2 && d.meta.url.front() == '<' && d.meta.url.back() == '>') {
      d.meta.url = d.meta.url.substr(1, d.meta.url.size() - 2);  // WARC/0.18 style
    }
    d.meta.page_date = Date::Parse(Get(h, "WARC-Date"));
    std::string id = Get(h, "WARC-Record-ID");
    if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
    d.id = id.empty() ? d.meta.url : id;
    d.source = name_ + "@" + std::to_string(r.offset);
    ++st_.documents;
    return fn_(std::move(r));
  }

  Stream& s_;
  const std::string& name_;
  const std::function<bool(Record&&)>& fn_;
  Stats& st_;
  const Options& opt_;
  uint64_t warned_ = 0;
  int seen_disc_ = 0;      // Stream::discontinuities() already reported
  bool saw_warc_ = false;  // some header started with "WARC/"
  size_t warnings_before_ = 0;
};

}  // namespace

uint64_t Stats::SkippedTotal() const {
  uint64_t n = 0;
  for (const auto& [reason, count] : skipped) n += count;
  return n;
}

std::string Stats::Summary() const {
  std::string s = std::to_string(records) + " records, " + std::to_string(documents) +
                  " documents, " + std::to_string(SkippedTotal()) + " skipped";
  if (!skipped.empty()) {
    s += " (";
    bool first = true;
    for (const auto& [reason, count] : skipped) {
      if (!first) s += ", ";
      first = false;
      s += reason + " " + std::to_string(count);
    }
    s += ")";
  }
  return s + ", " + std::to_string(corrupt) + " damaged";
}

Status ForEachRecordInBuffer(std::string_view data, const std::string& name,
                             const std::function<bool(Record&&)>& fn, Stats* stats,
                             const Options& options) {
  Stats local;
  RawSource src(data);
  Stream stream(&src);
  return Reader(&stream, name, fn, stats ? stats : &local, options).Run();
}

Status ForEachRecord(const std::string& path, const std::function<bool(Record&&)>& fn, Stats* stats,
                     const Options& options) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!f) {
    int e = errno;
    if (e == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IoError(path + ": cannot open: " + std::strerror(e));
  }
  Stats local;
  RawSource src(f.get());
  Stream stream(&src);
  return Reader(&stream, path, fn, stats ? stats : &local, options).Run();
}

}  // namespace dyad::warc

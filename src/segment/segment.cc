// Copyright (c) dyad authors. Licensed under the Apache License 2.0.

#include "segment/segment.h"

#include <unicode/uchar.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/once.h"
#include "core/text.h"
#include "core/tsv.h"

namespace dyad::segment {
namespace {

// How an abbreviation behaves at a possible sentence end.
enum class AbbrevKind : uint8_t { kTitle, kMonth, kInner, kEnd };

struct AbbrevInfo {
  AbbrevKind kind = AbbrevKind::kEnd;
  bool needs_digit = false;  // an abbreviation only before a number
};

// The segmenter's data: abbreviations and sentence-starter words.
struct Lexicon {
  std::unordered_map<std::string, AbbrevInfo> abbrevs;  // lower, no final '.'
  std::unordered_set<std::string> starters;             // lower-case words
};

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Status LoadLexicon(const std::string& dir, Lexicon& lex) {
  const std::string abbr_path = dir + "/abbreviations.tsv";
  DYAD_RETURN_IF_ERROR(ReadTsv(abbr_path, 2, [&](int, const std::vector<std::string_view>& f) {
    AbbrevInfo info;
    if (f[1] == "title") {
      info.kind = AbbrevKind::kTitle;
    } else if (f[1] == "month") {
      info.kind = AbbrevKind::kMonth;
    } else if (f[1] == "inner") {
      info.kind = AbbrevKind::kInner;
    } else if (f[1] == "end") {
      info.kind = AbbrevKind::kEnd;
    } else {
      return Status::DataError("unknown abbreviation kind '" + std::string(f[1]) + "'");
    }
    if (f.size() > 2 && !f[2].empty()) {
      if (f[2] != "digit") {
        return Status::DataError("unknown condition '" + std::string(f[2]) + "'");
      }
      info.needs_digit = true;
    }
    if (f[0].empty()) return Status::DataError("empty abbreviation");
    lex.abbrevs[LowerAscii(f[0])] = info;
    return Status::Ok();
  }));
  const std::string start_path = dir + "/sentence_starters.tsv";
  return ReadTsv(start_path, 1, [&](int, const std::vector<std::string_view>& f) {
    if (f[0].empty()) return Status::DataError("empty word");
    lex.starters.insert(LowerAscii(f[0]));
    return Status::Ok();
  });
}

// Decodes the code point at text[i] (i < end); sets *len to its byte length.
// Invalid bytes decode as U+FFFD of length 1.
inline char32_t Decode(std::string_view text, size_t i, size_t end, size_t* len) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  size_t n = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > end) {
    *len = 1;
    return 0xFFFD;
  }
  char32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *len = n;
  return cp;
}

inline bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlpha(char32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

inline bool IsAlnum(char32_t c) {
  if (c < 0x80) return IsAsciiAlpha(c) || IsAsciiDigit(c);
  if (c == 0xFFFD) return false;
  return u_isUAlphabetic(static_cast<UChar32>(c)) || u_isdigit(static_cast<UChar32>(c)) ||
         u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK;
}

inline bool IsLetter(char32_t c) {
  if (c < 0x80) return IsAsciiAlpha(c);
  return c != 0xFFFD && u_isUAlphabetic(static_cast<UChar32>(c));
}

inline bool IsSpace(char32_t c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  if (c == 0x200B || c == 0xFEFF || c == 0x200E || c == 0x200F) return true;
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

inline bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }

inline bool IsDoubleQuote(char32_t c) {
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0xAB ||
         c == 0xBB;
}
inline bool IsSingleQuote(char32_t c) {
  return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B ||
         c == 0x2039 || c == 0x203A;
}
inline bool IsOpener(char32_t c) {
  return c == '(' || c == '[' || c == '{' || c == 0x201C || c == 0x201E || c == 0xAB ||
         c == 0x2018 || c == 0x201A || c == 0x2039;
}
inline bool IsCloser(char32_t c) {
  return c == ')' || c == ']' || c == '}' || c == 0x201D || c == 0xBB || c == 0x2019 || c == 0x203A;
}

// What a token is, for the sentence splitter.
enum class Kind : uint8_t {
  kWord,      // letters / digits
  kAbbrev,    // word with its period kept ("Gen.", "U.S.", "J.")
  kTerminal,  // . ! ? … ...
  kOpener,    // opening quote or bracket
  kCloser,    // closing quote or bracket
  kAmbQuote,  // ASCII " or ', opening or closing
  kPunct,     // anything else
};

// Splitter facts about one token of the current paragraph.
struct Info {
  Kind kind = Kind::kWord;
  AbbrevKind abbrev = AbbrevKind::kEnd;  // for kAbbrev
  bool space_before = false;             // white space between it and the previous token
  bool cap = false;                      // starts with an upper-case letter
  bool digit = false;                    // starts with a digit
};

// Appends the lower-cased form of text[b, e) to `out`, mapping apostrophes to '.
void AppendLower(std::string_view text, size_t b, size_t e, std::string* out) {
  bool ascii = true;
  for (size_t i = b; i < e; ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    out->assign(text.data() + b, e - b);
    for (char& c : *out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return;
  }
  out->clear();
  size_t len;
  for (size_t i = b; i < e; i += len) {
    char32_t c = Decode(text, i, e, &len);
    if (c < 0x80) {
      out->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    } else if (IsApostrophe(c)) {
      out->push_back('\'');
    } else if (c == 0xFFFD) {
      out->append("\xEF\xBF\xBD");
    } else {
      AppendUtf8(static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))), out);
    }
  }
}

// Tokenises and splits one document. Holds per-paragraph scratch space.
class Segmenter {
 public:
  Segmenter(const Lexicon& lex, Document& doc) : lex_(lex), doc_(doc), text_(doc.text) {}

  void Paragraph(uint32_t index, Span p) {
    size_t t0 = doc_.tokens.size();
    info_.clear();
    Tokenize(p.begin, std::min<size_t>(p.end, text_.size()));
    Split(index, t0);
  }

 private:
  void Emit(size_t b, size_t e, Kind kind, AbbrevKind abbrev = AbbrevKind::kEnd) {
    Token& t = doc_.tokens.emplace_back();
    t.span = Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
    Info in;
    in.kind = kind;
    in.abbrev = abbrev;
    in.space_before = space_;
    space_ = false;
    size_t len;
    char32_t c = Decode(text_, b, e, &len);
    if (kind == Kind::kWord || kind == Kind::kAbbrev) {
      AppendLower(text_, b, e, &t.lower);
      in.cap = c < 0x80
                   ? (c >= 'A' && c <= 'Z')
                   : (u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c)));
      in.digit = c < 0x80 ? IsAsciiDigit(c) : u_isdigit(static_cast<UChar32>(c));
    } else if (len == e - b && IsDoubleQuote(c)) {
      t.lower = "\"";
    } else if (len == e - b && IsSingleQuote(c)) {
      t.lower = "'";
    } else {
      t.lower.assign(text_.data() + b, e - b);
    }
    info_.push_back(in);
  }

  // True when a number (after optional spaces) starts at text[i].
  bool DigitFollows(size_t i, size_t end) const {
    while (i < end && (text_[i] == ' ' || text_[i] == '\t')) ++i;
    return i < end && IsAsciiDigit(static_cast<unsigned char>(text_[i]));
  }

  // Decides whether the word text[b, e) followed by '.' keeps the period.
  bool KeepsPeriod(size_t b, size_t e, size_t end, AbbrevKind* kind) const {
    std::string_view w = text_.substr(b, e - b);
    bool has_digit = false, has_dot = false, short_segments = true;
    size_t seg = 0;
    for (char c : w) {
      if (IsAsciiDigit(static_cast<unsigned char>(c))) has_digit = true;
      if (c == '.') {
        has_dot = true;
        seg = 0;
      } else if (++seg > 2) {
        short_segments = false;
      }
    }
    if (!has_digit && w.size() == 1 && IsAsciiAlpha(static_cast<unsigned char>(w[0])) &&
        w[0] >= 'A' && w[0] <= 'Z') {
      *kind = AbbrevKind::kEnd;  // an initial
      return true;
    }
    if (w.size() > 12) return false;
    std::string key = LowerAscii(w);
    auto it = lex_.abbrevs.find(key);
    if (it != lex_.abbrevs.end()) {
      if (it->second.needs_digit && !DigitFollows(e + 1, end)) return false;
      *kind = it->second.kind;
      return true;
    }
    if (!has_digit && has_dot && short_segments) {
      *kind = AbbrevKind::kEnd;  // "U.S.", "Ph.D."
      return true;
    }
    return false;
  }

  // Scans a word starting at text[i]; emits it (and any contraction split
  // off it); returns the position after it.
  size_t ScanWord(size_t i, size_t end) {
    size_t b = i, j = i, len;
    while (true) {
      while (j < end) {
        char32_t c = Decode(text_, j, end, &len);
        if (!IsAlnum(c)) break;
        j += len;
      }
      if (j >= end) break;
      char32_t c = Decode(text_, j, end, &len);
      size_t n = j + len;
      if (n >= end) break;
      size_t nlen;
      char32_t nc = Decode(text_, n, end, &nlen);
      unsigned char prev = static_cast<unsigned char>(text_[j - 1]);
      if ((c == '-' || c == 0x2011) && IsAlnum(nc)) {
        j = n;
        continue;
      }
      if ((c == ',' || c == ':') && IsAsciiDigit(prev) && IsAsciiDigit(nc)) {
        j = n;
        continue;
      }
      if (c == '.' && IsAlnum(nc) && (prev >= 0x80 || IsAsciiAlpha(prev) || IsAsciiDigit(prev))) {
        j = n;
        continue;
      }
      if (IsApostrophe(c) && IsLetter(nc)) {
        size_t k = n;
        while (k < end && IsAsciiAlpha(static_cast<unsigned char>(text_[k]))) ++k;
        bool rest_ends = k >= end || !IsAlnum(Decode(text_, k, end, &nlen));
        std::string rest = LowerAscii(text_.substr(n, k - n));
        if (rest_ends && (rest == "s" || rest == "re" || rest == "ve" || rest == "ll" ||
                          rest == "d" || rest == "m")) {
          Emit(b, j, Kind::kWord);
          Emit(j, k, Kind::kWord);
          return k;
        }
        if (rest_ends && rest == "t" && j - b >= 2 && (prev == 'n' || prev == 'N')) {
          Emit(b, j - 1, Kind::kWord);
          Emit(j - 1, k, Kind::kWord);
          return k;
        }
        j = n;  // a name such as O'Neill
        continue;
      }
      break;
    }
    if (j < end && text_[j] == '.' && !(j + 1 < end && text_[j + 1] == '.')) {
      AbbrevKind kind;
      if (KeepsPeriod(b, j, end, &kind)) {
        Emit(b, j + 1, Kind::kAbbrev, kind);
        return j + 1;
      }
    }
    Emit(b, j, Kind::kWord);
    return j;
  }

  void Tokenize(size_t i, size_t end) {
    space_ = true;
    size_t len;
    while (i < end) {
      char32_t c = Decode(text_, i, end, &len);
      if (IsSpace(c)) {
        space_ = true;
        i += len;
        continue;
      }
      if (IsAlnum(c)) {
        i = ScanWord(i, end);
        continue;
      }
      if (c == '.' && i + 1 < end && text_[i + 1] == '.') {
        size_t j = i;
        while (j < end && text_[j] == '.') ++j;
        Emit(i, j, Kind::kTerminal);
        i = j;
        continue;
      }
      if (c == '-' && i + 1 < end && text_[i + 1] == '-') {
        size_t j = i;
        while (j < end && text_[j] == '-') ++j;
        Emit(i, j, Kind::kPunct);
        i = j;
        continue;
      }
      Kind kind = Kind::kPunct;
      if (c == '.' || c == '!' || c == '?' || c == 0x2026) {
        kind = Kind::kTerminal;
      } else if (c == '"' || c == '\'') {
        kind = Kind::kAmbQuote;
      } else if (IsOpener(c)) {
        kind = Kind::kOpener;
      } else if (IsCloser(c)) {
        kind = Kind::kCloser;
      }
      Emit(i, i + len, kind);
      i += len;
    }
  }

  // True when token k (index into info_) may begin a sentence.
  bool CanStart(size_t k) const {
    const Info& in = info_[k];
    if (!in.space_before) return false;
    if (in.kind == Kind::kOpener || in.kind == Kind::kAmbQuote) return true;
    return in.cap || in.digit;
  }

  // Skips closing marks glued to the end of a sentence; returns the index
  // (into info_) of the first token after them.
  size_t SkipClosers(size_t k) const {
    size_t m = k + 1;
    while (m < info_.size() && !info_[m].space_before &&
           (info_[m].kind == Kind::kCloser || info_[m].kind == Kind::kAmbQuote ||
            info_[m].kind == Kind::kTerminal)) {
      ++m;
    }
    return m;
  }

  void AddSentence(uint32_t paragraph, size_t tb, size_t te) {
    Sentence s;
    s.paragraph = paragraph;
    s.token_begin = static_cast<uint32_t>(tb);
    s.token_end = static_cast<uint32_t>(te);
    s.span = Span{doc_.tokens[tb].span.begin, doc_.tokens[te - 1].span.end};
    uint32_t index = static_cast<uint32_t>(doc_.sentences.size());
    for (size_t t = tb; t < te; ++t) doc_.tokens[t].sentence = index;
    doc_.sentences.push_back(s);
  }

  void Split(uint32_t paragraph, size_t t0) {
    size_t n = info_.size();
    size_t start = 0;
    for (size_t k = 0; k < n; ++k) {
      const Info& in = info_[k];
      size_t m;
      if (in.kind == Kind::kTerminal) {
        m = SkipClosers(k);
        if (m >= n || !CanStart(m)) continue;
      } else if (in.kind == Kind::kAbbrev && in.abbrev == AbbrevKind::kEnd) {
        m = SkipClosers(k);
        if (m >= n || !info_[m].space_before || !info_[m].cap ||
            !lex_.starters.count(doc_.tokens[t0 + m].lower)) {
          continue;
        }
      } else {
        continue;
      }
      AddSentence(paragraph, t0 + start, t0 + m);
      start = m;
      k = m - 1;
    }
    if (start < n) AddSentence(paragraph, t0 + start, t0 + n);
  }

  const Lexicon& lex_;
  Document& doc_;
  std::string_view text_;
  std::vector<Info> info_;
  bool space_ = true;
};

// Splits `text` into paragraphs at blank lines.
void DefaultParagraphs(const std::string& text, std::vector<Span>* out) {
  size_t i = 0;
  while (i < text.size()) {
    size_t blank = text.find("\n\n", i);
    size_t e = blank == std::string::npos ? text.size() : blank;
    size_t b = i;
    while (b < e && (text[b] == ' ' || text[b] == '\n' || text[b] == '\t' || text[b] == '\r')) ++b;
    size_t ee = e;
    while (ee > b && (text[ee - 1] == ' ' || text[ee - 1] == '\n' || text[ee - 1] == '\t' ||
                      text[ee - 1] == '\r')) {
      --ee;
    }
    if (ee > b) out->push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(ee)});
    i = blank == std::string::npos ? text.size() : blank + 2;
  }
}

}  // namespace

Status Run(const Config& config, Document& doc) {
  auto lex = LoadOnce<Lexicon>("segment:" + config.data_dir,
                               [&](Lexicon& l) { return LoadLexicon(config.data_dir, l); });
  if (!lex.ok()) return lex.status();
  doc.sentences.clear();
  doc.tokens.clear();
  if (doc.paragraphs.empty() && !doc.text.empty()) DefaultParagraphs(doc.text, &doc.paragraphs);
  doc.tokens.reserve(doc.text.size() / 5 + 16);
  doc.sentences.reserve(doc.text.size() / 120 + 4);
  Segmenter seg(**lex, doc);
  for (size_t p = 0; p < doc.paragraphs.size(); ++p) {
    const Span& span = doc.paragraphs[p];
    if (span.begin >= span.end || span.begin >= doc.text.size()) continue;
    seg.Paragraph(static_cast<uint32_t>(p), span);
  }
  return Status::Ok();
}

}  // namespace dyad::segment

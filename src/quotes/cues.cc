// Copyright (c) dyad authors. Licensed under the Apache License 2.0.

#include "quotes/cues.h"

#include <algorithm>

#include "core/once.h"
#include "core/text.h"
#include "core/tsv.h"

namespace dyad::quotes {

namespace {

Status LoadCues(const std::string& path, CueLexicon& lex) {
  return ReadTsv(path, 3, [&](int, const std::vector<std::string_view>& f) -> Status {
    std::string form = AsciiLower(Trim(f[0]));
    std::string_view kind = Trim(f[2]);
    CueEntry e;
    e.lemma = std::string(Trim(f[1]));
    if (kind == "verb") {
      e.kind = CueKind::kVerb;
    } else if (kind == "source") {
      e.kind = CueKind::kSource;
    } else {
      return Status::DataError("unknown cue kind '" + std::string(kind) +
                               "' (expected verb or source)");
    }
    std::vector<std::string_view> words;
    for (std::string_view w : Split(form, ' ')) {
      if (!w.empty()) words.push_back(w);
    }
    if (words.empty()) return Status::DataError("empty cue form");
    for (size_t i = 1; i < words.size(); ++i) e.rest.emplace_back(words[i]);
    lex.by_first[std::string(words[0])].push_back(std::move(e));
    return Status::Ok();
  });
}

bool IsSpaceCp(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x2009 || c == 0x202F;
}

bool IsQuoteCp(char32_t c) {
  return c == '"' || c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D ||
         c == 0x201E || c == 0xAB || c == 0xBB;
}

bool IsLetterCp(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c < 0xC0) return false;
  if (IsQuoteCp(c) || IsSpaceCp(c)) return false;
  if (c >= 0x2000 && c <= 0x206F) return false;  // general punctuation
  return true;
}

bool IsOpenContext(char32_t p) {
  return p == 0 || IsSpaceCp(p) || p == '(' || p == '[' || p == '{' || p == '-' || p == '/' ||
         p == 0x2013 || p == 0x2014 || p == 0x201C || p == 0x2018 || p == 0xAB || p == 0x201E;
}

bool IsCloseContext(char32_t n) {
  return n == 0 || IsSpaceCp(n) || n == '.' || n == ',' || n == ';' || n == ':' || n == '!' ||
         n == '?' || n == ')' || n == ']' || n == '}' || n == '-' || n == 0x2013 || n == 0x2014 ||
         n == 0x2026 || n == 0x201D || n == 0x2019 || n == 0xBB;
}

// True when the text after an apostrophe-like mark at `pos` is an elided
// word ('tis, 'em, '80s) rather than quoted text.
bool IsElision(std::string_view text, size_t pos) {
  if (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') return true;
  size_t e = pos;
  while (e < text.size() && e - pos < 6 &&
         ((text[e] >= 'a' && text[e] <= 'z') || (text[e] >= 'A' && text[e] <= 'Z'))) {
    ++e;
  }
  if (e < text.size() && IsLetterCp(static_cast<unsigned char>(text[e])) &&
      static_cast<unsigned char>(text[e]) < 0x80) {
    return false;
  }
  std::string w = AsciiLower(text.substr(pos, e - pos));
  return w == "tis" || w == "twas" || w == "em" || w == "n" || w == "cause" || w == "til" ||
         w == "bout" || w == "round" || w == "s";
}

struct OpenMark {
  uint32_t offset;
  uint32_t len;
  bool single;
  int32_t slot;
};

Span TrimSpan(std::string_view text, uint32_t b, uint32_t e) {
  while (b < e) {
    size_t i = b;
    char32_t c = DecodeUtf8(text, &i);
    if (!IsSpaceCp(c)) break;
    b = static_cast<uint32_t>(i);
  }
  while (e > b) {
    uint32_t s = e - 1;
    while (s > b && (static_cast<unsigned char>(text[s]) & 0xC0) == 0x80) --s;
    size_t i = s;
    char32_t c = DecodeUtf8(text, &i);
    if (!IsSpaceCp(c)) break;
    e = s;
  }
  return Span{b, e};
}

}  // namespace

Result<const CueLexicon*> GetCues(const Config& config) {
  std::string path = config.data_dir + "/cues.tsv";
  return LoadOnce<CueLexicon>(path, [&](CueLexicon& lex) { return LoadCues(path, lex); });
}

size_t MatchCue(const CueLexicon& lex, const Document& doc, size_t i, size_t end,
                const CueEntry** entry) {
  if (i >= end || i >= doc.tokens.size()) return 0;
  auto it = lex.by_first.find(doc.tokens[i].lower);
  if (it == lex.by_first.end()) return 0;
  size_t best = 0;
  for (const CueEntry& e : it->second) {
    size_t n = 1 + e.rest.size();
    if (i + n > end || i + n > doc.tokens.size() || n <= best) continue;
    bool ok = true;
    for (size_t k = 0; k < e.rest.size() && ok; ++k) ok = doc.tokens[i + 1 + k].lower == e.rest[k];
    if (ok) {
      best = n;
      *entry = &e;
    }
  }
  return best;
}

std::vector<RawQuote> ScanQuotes(const Document& doc) {
  std::vector<RawQuote> out;
  std::vector<char> valid;
  std::string_view text(doc.text);
  std::vector<OpenMark> stack;
  int32_t pending = -1;  // unclosed quotation ending the previous paragraph
  for (uint32_t p = 0; p < doc.paragraphs.size(); ++p) {
    Span para = doc.paragraphs[p];
    if (para.end > text.size() || para.begin >= para.end) {
      pending = -1;
      continue;
    }
    stack.clear();
    // Does the paragraph open with a mark? Then it may continue `pending`.
    Span trimmed = TrimSpan(text, para.begin, para.end);
    size_t probe = trimmed.begin;
    char32_t first = trimmed.empty() ? 0 : DecodeUtf8(text, &probe);
    bool opens =
        first == 0x201C || first == '"' || first == 0xAB || first == 0x201E || first == 0x2018;
    int32_t continues = opens ? pending : -1;
    pending = -1;
    bool first_open = true;

    // The last top-level double quotation closed with nothing opened since:
    // a stray closing curly mark after it ends it instead (same-mark nesting
    // closed early: “A “B” C?” D.”).
    int32_t last_closed_top = -1;
    auto open_quote = [&](uint32_t off, uint32_t len, bool single) {
      last_closed_top = -1;
      RawQuote q;
      q.open = off;
      q.single = single;
      q.paragraph = p;
      q.parent = stack.empty() ? -1 : stack.back().slot;
      if (first_open && off == trimmed.begin) q.continues = continues;
      first_open = false;
      out.push_back(q);
      valid.push_back(0);
      stack.push_back(OpenMark{off, len, single, static_cast<int32_t>(out.size() - 1)});
    };
    auto close_quote = [&](bool single, uint32_t off, uint32_t len, bool extend = false) -> bool {
      size_t k = stack.size();
      while (k > 0 && stack[k - 1].single != single) --k;
      if (k == 0) {
        if (!extend || single || last_closed_top < 0) return false;
        RawQuote& q = out[last_closed_top];
        size_t mark = q.open;
        DecodeUtf8(text, &mark);
        q.inner = TrimSpan(text, static_cast<uint32_t>(mark), off);
        q.close_end = off + len;
        return true;
      }
      if (k == 1 && !single) last_closed_top = stack[0].slot;
      const OpenMark& m = stack[k - 1];
      RawQuote& q = out[m.slot];
      q.inner = TrimSpan(text, m.offset + m.len, off);
      q.close_end = off + len;
      q.closed = true;
      valid[m.slot] = q.inner.empty() ? 0 : 1;
      stack.resize(k - 1);  // marks opened inside and never closed are dropped
      return true;
    };
    auto has_open = [&](bool single) {
      for (const OpenMark& m : stack) {
        if (m.single == single) return true;
      }
      return false;
    };

    char32_t prev = 0;
    size_t i = para.begin;
    while (i < para.end) {
      unsigned char byte = static_cast<unsigned char>(text[i]);
      if (byte < 0x80 && byte != '"' && byte != '\'') {  // ASCII, not a quotation mark
        prev = byte;
        ++i;
        continue;
      }
      uint32_t off = static_cast<uint32_t>(i);
      char32_t c = DecodeUtf8(text, &i);
      if (!IsQuoteCp(c)) {
        prev = c;
        continue;
      }
      uint32_t len = static_cast<uint32_t>(i - off);
      size_t j = i;
      char32_t next = i < para.end ? DecodeUtf8(text, &j) : 0;
      switch (c) {
        case 0x201C:
        case 0xAB:
        case 0x201E:
          open_quote(off, len, false);
          break;
        case 0x201D:
        case 0xBB:
          if (IsOpenContext(prev) && IsLetterCp(next) && !has_open(false)) {
            open_quote(off, len, false);
          } else {
            close_quote(false, off, len, IsCloseContext(next));
          }
          break;
        case '"': {
          bool oc = IsOpenContext(prev), cc = IsCloseContext(next);
          if (oc && !cc) {
            open_quote(off, len, false);
          } else if (cc && !oc) {
            close_quote(false, off, len);
          } else if (has_open(false)) {
            close_quote(false, off, len);
          } else {
            open_quote(off, len, false);
          }
          break;
        }
        case 0x2018:
          if (IsLetterCp(prev) && IsLetterCp(next)) break;
          if (IsElision(text, i)) break;
          open_quote(off, len, true);
          break;
        default: {                                          // ’ or '
          if (IsLetterCp(prev) && IsLetterCp(next)) break;  // don't, Pakistan’s
          if (IsOpenContext(prev) && IsLetterCp(next)) {
            if (IsElision(text, i)) break;
            open_quote(off, len, true);
            break;
          }
          if (has_open(true)) close_quote(true, off, len);
          break;
        }
      }
      prev = c;
    }
    // Recover: the outermost unclosed quotation ends with the paragraph.
    if (!stack.empty()) {
      const OpenMark& m = stack.front();
      RawQuote& q = out[m.slot];
      q.inner = TrimSpan(text, m.offset + m.len, para.end);
      q.close_end = para.end;
      q.closed = false;
      if (!q.inner.empty()) {
        valid[m.slot] = 1;
        if (!m.single) pending = m.slot;
      }
    }
  }
  // Compact, remapping parents to the nearest valid ancestor.
  std::vector<int32_t> remap(out.size(), -1);
  std::vector<RawQuote> kept;
  kept.reserve(out.size());
  for (size_t k = 0; k < out.size(); ++k) {
    if (!valid[k]) continue;
    remap[k] = static_cast<int32_t>(kept.size());
    kept.push_back(out[k]);
  }
  size_t n = 0;
  for (size_t k = 0; k < out.size(); ++k) {
    if (!valid[k]) continue;
    RawQuote& q = kept[n++];
    int32_t par = out[k].parent;
    while (par >= 0 && !valid[par]) par = out[par].parent;
    q.parent = par >= 0 ? remap[par] : -1;
    q.continues = q.continues >= 0 ? remap[q.continues] : -1;
    // A nested quotation must lie inside its parent.
    if (q.parent >= 0 && !kept[q.parent].inner.Contains(q.inner)) q.parent = -1;
  }
  return kept;
}

const std::vector<RawQuote>& DocumentQuotes(const Document& doc) {
  struct Memo {
    bool valid = false;
    std::string text;
    std::vector<Span> paragraphs;
    std::vector<RawQuote> quotes;
  };
  thread_local Memo memo;
  if (!memo.valid || memo.text != doc.text || memo.paragraphs != doc.paragraphs) {
    memo.valid = false;  // stays false should ScanQuotes throw
    memo.quotes = ScanQuotes(doc);
    memo.text = doc.text;
    memo.paragraphs = doc.paragraphs;
    memo.valid = true;
  }
  return memo.quotes;
}

size_t TokenAtOrAfter(const Document& doc, uint32_t offset) {
  auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), offset,
                             [](const Token& t, uint32_t o) { return t.span.begin < o; });
  return static_cast<size_t>(it - doc.tokens.begin());
}

bool IsWord(const Document& doc, const Token& t) {
  if (t.span.empty() || t.span.begin >= doc.text.size()) return false;
  size_t i = t.span.begin;
  return IsLetterCp(DecodeUtf8(doc.text, &i));
}

bool IsCapitalized(const Document& doc, const Token& t) {
  if (t.span.empty() || t.span.begin >= doc.text.size()) return false;
  char c = doc.text[t.span.begin];
  return c >= 'A' && c <= 'Z';
}

bool IsPreposition(std::string_view w) {
  static constexpr std::string_view kPreps[] = {
      "by",        "of",     "from",    "to",      "in",      "with",  "for",    "at",
      "on",        "about",  "against", "between", "among",   "into",  "over",   "under",
      "within",    "across", "toward",  "towards", "through", "after", "before", "during",
      "like",      "than",   "via",     "behind",  "upon",    "onto",  "beyond", "despite",
      "including", "unlike", "amid",    "near"};
  for (std::string_view p : kPreps) {
    if (w == p) return true;
  }
  return false;
}

bool IsDeterminer(std::string_view w) {
  return w == "the" || w == "a" || w == "an" || w == "this" || w == "that" || w == "these" ||
         w == "those";
}

bool IsPossessive(std::string_view w) {
  return w == "'s" || w == "\xE2\x80\x99s" || w == "'" || w == "\xE2\x80\x99" || w == "\"s";
}

}  // namespace dyad::quotes

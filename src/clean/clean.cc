#include "clean/clean.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/hash.h"
#include "core/once.h"
#include "core/text.h"
#include "core/tsv.h"
#include "ingest/ingest.h"
#include "ingest/line_util.h"

namespace dyad::clean {

using ingest::CountWords;
using ingest::MatchKey;
using ingest::NormalizeSpace;
using ingest::ParseDateLine;

namespace {

// ---------------------------------------------------------------------------
// The pattern lexicon (data/chrome_patterns.tsv)

enum class How { kExact, kPrefix, kContains };

struct Pattern {
  std::string kind;
  std::string phrase;
  How how = How::kExact;
  bool tail = false;  // everything after it (in the body's tail) is boilerplate
};

struct Lexicon {
  std::vector<Pattern> patterns;
  std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> exact;  // key -> pattern
  // first token -> patterns
  std::unordered_map<std::string, std::vector<size_t>, StringHash, std::equal_to<>> prefix;
  std::vector<size_t> contains;
  std::unordered_set<std::string> byline_words;
};

bool IsAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// True when `text` has more than `max` runs between ASCII white space that
// hold an ASCII letter or digit. LineKey keeps every such run as a word of
// its own (it maps only punctuation and spaces, and strips only leading
// separators), so then LineKey(text) has more than `max` words too: a cheap
// test that spares building the key of a long paragraph.
bool MoreAlnumRunsThan(std::string_view text, int max) {
  int runs = 0;
  bool in = false, counted = false;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      in = false;
      continue;
    }
    if (!in) {
      in = true;
      counted = false;
    }
    if (!counted && IsAlnum(c)) {
      counted = true;
      if (++runs > max) return true;
    }
  }
  return false;
}

// Lower-cased, punctuation-normalised form of a line with leading separators
// ("|", "-", bullets, ">") removed and white space collapsed.
std::string LineKey(std::string_view text) {
  std::string p = AsciiLower(NormalizePunct(text));
  std::string_view s = p;
  while (!s.empty()) {
    unsigned char c = s[0];
    if (c == '|' || c == '-' || c == '>' || c == '*' || c == '#' || c == ' ' || c == '/' ||
        c == '~') {
      s.remove_prefix(1);
    } else if (StartsWith(s, "\xE2\x80\xA2") || StartsWith(s, "\xC2\xBB") ||
               StartsWith(s, "\xC2\xB7") || StartsWith(s, "\xE2\x96\xBA")) {
      s.remove_prefix(StartsWith(s, "\xC2") ? 2 : 3);
    } else {
      break;
    }
  }
  return NormalizeSpace(s);
}

// Lines longer than this many words are never site chrome.
constexpr int kMaxChromeWords = 30;

// LineKey(text) and its word count when it has at most kMaxChromeWords
// words, else "" (a long paragraph is rejected before its key is built).
std::string ShortLineKey(std::string_view text, int* words) {
  *words = 0;
  if (MoreAlnumRunsThan(text, kMaxChromeWords)) return "";
  std::string key = LineKey(text);
  *words = CountWords(key);
  if (*words > kMaxChromeWords) return "";
  return key;
}

// `key` without trailing punctuation and separators, for exact matching.
std::string_view ExactKey(std::string_view key) {
  while (!key.empty()) {
    unsigned char c = key.back();
    if (c == ':' || c == '.' || c == '!' || c == '|' || c == ' ' || c == '-' || c == '>' ||
        c == '?' || c == ',') {
      key.remove_suffix(1);
    } else {
      break;
    }
  }
  return key;
}

// The first token of `s`: a run of ASCII letters and digits, else the first
// UTF-8 character.
std::string_view FirstToken(std::string_view s) {
  if (s.empty()) return s;
  if (IsAlnum(s[0])) {
    size_t i = 0;
    while (i < s.size() && IsAlnum(s[i])) ++i;
    return s.substr(0, i);
  }
  size_t i = 1;
  while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  return s.substr(0, i);
}

Status LoadLexicon(const std::string& path, Lexicon& lex) {
  return ReadTsv(path, 3, [&](int, const std::vector<std::string_view>& f) -> Status {
    std::string kind(Trim(f[0]));
    std::string how(Trim(f[1]));
    std::string phrase = LineKey(f[2]);
    if (phrase.empty()) return Status::DataError("empty phrase");
    if (how == "word") {
      if (kind != "byline") return Status::DataError("'word' is only for kind byline");
      lex.byline_words.insert(phrase);
      return Status::Ok();
    }
    Pattern p;
    p.kind = kind;
    p.phrase = phrase;
    p.tail = f.size() > 3 && Trim(f[3]) == "tail";
    size_t idx = lex.patterns.size();
    if (how == "exact") {
      p.how = How::kExact;
      lex.exact.emplace(std::string(ExactKey(phrase)), idx);
    } else if (how == "prefix") {
      p.how = How::kPrefix;
      lex.prefix[std::string(FirstToken(phrase))].push_back(idx);
    } else if (how == "contains") {
      p.how = How::kContains;
      lex.contains.push_back(idx);
    } else {
      return Status::DataError("unknown match type '" + how +
                               "' (expected exact, prefix, contains or word)");
    }
    lex.patterns.push_back(std::move(p));
    return Status::Ok();
  });
}

Result<const Lexicon*> GetLexicon(const Config& config) {
  std::string path = config.data_dir + "/chrome_patterns.tsv";
  return LoadOnce<Lexicon>(path, [&](Lexicon& lex) { return LoadLexicon(path, lex); });
}

bool EndsSentence(std::string_view t) {
  t = Trim(t);
  if (t.empty()) return false;
  char c = t.back();
  if (c == '.' || c == '!' || c == '?' || c == '"' || c == '\'' || c == ')') return true;
  return EndsWith(t, "\xE2\x80\x9D") || EndsWith(t, "\xE2\x80\x99") || EndsWith(t, "\xE2\x80\xA6");
}

// The pattern a line matches, or nullptr. Only short lines are matched, so
// that prose that happens to begin with "Welcome to" or "Subscribers" stays.
const Pattern* MatchLine(const Lexicon& lex, std::string_view text) {
  int words = 0;
  std::string key = ShortLineKey(text, &words);
  if (key.empty()) return nullptr;
  bool prose = words > 10 && (key.back() == '.' || key.back() == '"');
  if (words <= 12) {
    auto it = lex.exact.find(ExactKey(key));
    if (it != lex.exact.end()) return &lex.patterns[it->second];
  }
  auto pit = lex.prefix.find(FirstToken(key));
  if (pit != lex.prefix.end()) {
    for (size_t idx : pit->second) {
      const Pattern& p = lex.patterns[idx];
      if (!StartsWith(key, p.phrase)) continue;
      if (key.size() > p.phrase.size() && IsAlnum(p.phrase.back()) &&
          IsAlnum(key[p.phrase.size()])) {
        continue;  // "subscribe" must not match "subscribers"
      }
      if (p.kind != "read_more" && (words > 14 || prose)) continue;
      if (p.kind == "read_more" && prose && words > 20) continue;
      return &p;
    }
  }
  if (words <= 25 && !(words >= 10 && EndsSentence(key))) {
    for (size_t idx : lex.contains) {
      if (key.find(lex.patterns[idx].phrase) != std::string::npos) return &lex.patterns[idx];
    }
  }
  return nullptr;
}

// ---------------------------------------------------------------------------
// Line shapes

// True for a paragraph of prose: enough words and sentence punctuation.
bool IsProse(const Block& b) {
  int w = CountWords(b.text);
  if (w >= 12 && (EndsSentence(b.text) || w >= 20)) return true;
  return w >= 6 && EndsSentence(b.text) && b.kind != BlockKind::kHeading;
}

// A sentence-case headline ("Russia accuses Ukraine of shelling Donetsk"):
// the line at `i` has 4-14 words, starts with a capital, ends without
// sentence punctuation and is directly followed by a prose paragraph.
bool IsSentenceCaseHeadline(const std::vector<Block>& blocks, size_t i) {
  const Block& b = blocks[i];
  int w = CountWords(b.text);
  if (w < 4 || w > 14 || b.text.empty() || EndsSentence(b.text)) return false;
  unsigned char c = b.text[0];
  if (c < 'A' || c > 'Z' || b.text.back() == ':') return false;
  return i + 1 < blocks.size() && IsProse(blocks[i + 1]);
}

bool IsCapitalised(std::string_view w) {
  if (w.empty()) return false;
  unsigned char c = w[0];
  return (c >= 'A' && c <= 'Z') || c >= 0xC0;
}

// If `text` is a byline ("By Jane Smith", "Jane Smith | Reuters", "News
// Desk |", "Staff Reporter"), sets *name to the credited name(s) with the
// separators removed and returns true.
bool ParseByline(const Lexicon& lex, std::string_view text, std::string* name) {
  std::string t = NormalizeSpace(NormalizePunct(text));
  int words = CountWords(t);
  if (words == 0 || words > 10 || t.size() > 100) return false;
  if (t.back() == '.' && words > 3) return false;
  std::string lower = AsciiLower(t);
  std::string body = t;
  bool cue = false;
  for (std::string_view pre : {"by ", "written by ", "reported by ", "reporting by ", "from "}) {
    if (StartsWith(lower, pre) && pre != "from ") {
      body = t.substr(pre.size());
      cue = true;
      break;
    }
  }
  bool bar = t.find('|') != std::string::npos;
  // Split into parts on '|' and check each part is name-like.
  std::string out;
  bool has_word = false;
  int parts = 0;
  for (std::string_view part : Split(body, '|')) {
    std::string p = NormalizeSpace(part);
    while (!p.empty() && (p.back() == ',' || p.back() == '-')) p.pop_back();
    p = NormalizeSpace(p);
    if (p.empty()) continue;
    ++parts;
    int pw = CountWords(p);
    if (pw > 6) return false;
    // Every word capitalised (or a connector) for a name-like part.
    size_t i = 0;
    std::string_view pv = p;
    while (i < pv.size()) {
      size_t j = pv.find(' ', i);
      if (j == std::string_view::npos) j = pv.size();
      std::string_view w = pv.substr(i, j - i);
      i = j + 1;
      std::string lw = AsciiLower(w);
      while (!lw.empty() && !IsAlnum(lw.back())) lw.pop_back();
      if (lex.byline_words.count(lw)) has_word = true;
      if (lw == "and" || lw == "&" || lw == "de" || lw == "van" || lw == "von" || lw == "al" ||
          lw == "bin" || lw == "our" || lw == "ul" || lw == "el" || lw == "da" || lw == "in") {
        continue;
      }
      if (!IsCapitalised(w)) return false;
    }
    if (!out.empty()) out += ", ";
    out += p;
  }
  if (parts == 0 || parts > 2 || out.empty()) return false;
  if (!(cue || bar || has_word)) return false;
  if (!cue && !bar && words > 4) return false;
  *name = out;
  return true;
}

// The site name in a chrome line: "Welcome to X", "© 2024 X", "X - Home".
std::string SiteFromChrome(std::string_view text) {
  std::string t = NormalizeSpace(NormalizePunct(text));
  std::string_view s = t;
  while (!s.empty() && (s[0] == '|' || s[0] == ' ' || s[0] == '-')) s.remove_prefix(1);
  std::string lower = AsciiLower(s);
  std::string site;
  if (StartsWith(lower, "welcome to ")) {
    site = std::string(s.substr(11));
  } else if (StartsWith(lower, "\xC2\xA9") || StartsWith(lower, "copyright") ||
             StartsWith(lower, "(c)")) {
    std::string_view r = s;
    if (StartsWith(lower, "\xC2\xA9"))
      r.remove_prefix(2);
    else if (StartsWith(lower, "(c)"))
      r.remove_prefix(3);
    else
      r.remove_prefix(9);
    r = Trim(r);
    if (StartsWith(r, "\xC2\xA9")) r = Trim(r.substr(2));
    // Years, "2010-2024".
    while (!r.empty() &&
           ((r[0] >= '0' && r[0] <= '9') || r[0] == '-' || r[0] == ' ' || r[0] == ',')) {
      r.remove_prefix(1);
    }
    size_t cut = AsciiLower(r).find("all rights reserved");
    if (cut != std::string::npos) r = r.substr(0, cut);
    site = std::string(r);
  } else if (EndsWith(lower, " - home") || EndsWith(lower, " | home")) {
    site = std::string(s.substr(0, s.size() - 7));
  }
  site = NormalizeSpace(site);
  while (!site.empty() && (site.back() == '.' || site.back() == ',' || site.back() == '|' ||
                           site.back() == '!' || site.back() == ' ')) {
    site.pop_back();
  }
  if (CountWords(site) > 6) return "";
  return site;
}

// True for a menu line: three or more short items separated by '|' or
// bullets ("Home | World | Business").
bool IsMenuLine(std::string_view text) {
  std::string t(text);
  for (std::string_view bullet : {"\xE2\x80\xA2", "\xC2\xB7"}) {
    size_t p;
    while ((p = t.find(bullet)) != std::string::npos) t.replace(p, bullet.size(), "|");
  }
  int items = 0;
  for (std::string_view part : Split(t, '|')) {
    std::string_view p = Trim(part);
    if (p.empty()) continue;
    if (CountWords(p) > 3) return false;
    ++items;
  }
  return items >= 3;
}

// ---------------------------------------------------------------------------
// Decisions

// What clean decided for one block: keep it (kind empty) or drop it as
// boilerplate of `kind`.
struct Decision {
  std::string kind;
  bool tail = false;
};

bool HandleHeaderLine(const Lexicon& lex, const Block& b, Document& doc, Decision* d,
                      bool allow_byline) {
  Date date;
  if (ParseDateLine(b.text, &date)) {
    d->kind = "display_date";
    if (!doc.meta.page_date.known()) doc.meta.page_date = date;
    return true;
  }
  if (const Pattern* p = MatchLine(lex, b.text)) {
    d->kind = p->kind;
    if (doc.meta.site.empty() && p->kind == "chrome") doc.meta.site = SiteFromChrome(b.text);
    return true;
  }
  if (IsMenuLine(b.text)) {
    d->kind = "chrome";
    return true;
  }
  std::string name;
  if (allow_byline && ParseByline(lex, b.text, &name)) {
    d->kind = "byline";
    if (doc.meta.byline.empty()) doc.meta.byline = name;
    return true;
  }
  return false;
}

// Marks body lines matching patterns, and everything after a tail marker.
void MarkBody(const Lexicon& lex, const std::vector<Block>& blocks, size_t begin, size_t end,
              std::vector<Decision>& dec, Document& doc) {
  int kept = 0;
  std::string tail_kind;
  for (size_t i = begin; i < end; ++i) {
    if (!dec[i].kind.empty()) continue;
    if (!tail_kind.empty()) {
      dec[i].kind = tail_kind;
      continue;
    }
    if (const Pattern* p = MatchLine(lex, blocks[i].text)) {
      dec[i].kind = p->kind;
      if (doc.meta.site.empty() && p->kind == "chrome") {
        doc.meta.site = SiteFromChrome(blocks[i].text);
      }
      if (p->tail && kept >= 2) tail_kind = p->kind;
      continue;
    }
    if (IsProse(blocks[i])) ++kept;
  }
}

// True for a copyright notice ("(c) 2024 X. All rights reserved.
// Reproduction without permission is prohibited."), however long.
bool IsCopyrightLine(std::string_view text) {
  int words = 0;
  std::string key = ShortLineKey(text, &words);
  if (key.empty()) return false;
  if (StartsWith(key, "\xC2\xA9") || StartsWith(key, "(c) ")) return true;
  if (StartsWith(key, "copyright") &&
      (key.size() == 9 || !IsAlnum(static_cast<unsigned char>(key[9])))) {
    return true;
  }
  return key.find("all rights reserved") != std::string::npos;
}

// Drops trailing blocks that are not prose (footer links, tag lists, share
// bars, copyright notices, a final orphan heading) as chrome.
void MarkTrailingChrome(const std::vector<Block>& blocks, size_t begin, size_t end,
                        std::vector<Decision>& dec) {
  for (size_t i = end; i > begin; --i) {
    size_t k = i - 1;
    if (!dec[k].kind.empty()) continue;
    const Block& b = blocks[k];
    bool chrome = IsCopyrightLine(b.text) || IsMenuLine(b.text);
    bool table_row = b.kind == BlockKind::kTableCell && b.link_density < 0.3f;
    if (!chrome &&
        (IsProse(b) || table_row || (CountWords(b.text) >= 8 && b.kind != BlockKind::kHeading))) {
      break;
    }
    dec[k].kind = "chrome";
  }
}

// Removes repeated passages: a kept block whose match key is contained in a
// longer kept block's key is a pull quote (the copy inside the longer
// paragraph, usually the attributed quotation, stays); of identical blocks,
// the first stays and later ones are "duplicate".
void MarkPullQuotes(const std::vector<Block>& blocks, std::vector<Decision>& dec) {
  std::vector<size_t> kept;
  std::vector<std::string> keys;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (!dec[i].kind.empty()) continue;
    kept.push_back(i);
    keys.push_back(MatchKey(blocks[i].text));
  }
  for (size_t a = 0; a < kept.size(); ++a) {
    const std::string& ka = keys[a];
    if (ka.size() < 30 || CountWords(ka) < 5) continue;
    for (size_t b = 0; b < kept.size(); ++b) {
      if (a == b || !dec[kept[b]].kind.empty()) continue;
      const std::string& kb = keys[b];
      if (kb.size() < ka.size()) continue;
      if (kb.size() == ka.size()) {
        if (kb == ka && b < a) {
          dec[kept[a]].kind = "duplicate";
          break;
        }
        continue;
      }
      if (kb.find(ka) != std::string::npos) {
        dec[kept[a]].kind = "pull_quote";
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Plain text

// Plain-text pages (scraped text with the site's chrome):
//   header   chrome lines, date lines (-> page_date, kind display_date) and
//            bylines before the title are boilerplate; the first heading-like
//            line that is not chrome is the title (kind "title").
//   after the title, up to the first prose paragraph of the body: date
//            lines, bylines and chrome. A summary paragraph (standfirst /
//            dek) that is followed by a byline or date line goes to
//            boilerplate kind "standfirst": it restates the body, and keeping
//            it would make later stages count its events twice.
//   body     pattern lines (read_more, related, share, ad, chrome) removed;
//            after a "tail" marker (tags, related articles, comments) the rest
//            is boilerplate. Section subheads stay, each as its own paragraph,
//            so they never join the sentences around them.
void CleanText(const Lexicon& lex, Document& doc, std::vector<Decision>& dec) {
  const std::vector<Block>& blocks = doc.blocks;
  size_t n = blocks.size();
  size_t i = 0;
  bool have_title = false;
  for (; i < n; ++i) {
    const Block& b = blocks[i];
    if (HandleHeaderLine(lex, b, doc, &dec[i], /*allow_byline=*/true)) continue;
    if (b.kind == BlockKind::kHeading || IsSentenceCaseHeadline(blocks, i)) {
      dec[i].kind = "title";
      if (doc.meta.title.empty()) doc.meta.title = b.text;
      have_title = true;
      ++i;
      break;
    }
    if (IsProse(b)) break;
    dec[i].kind = "chrome";
  }
  // Between the title and the body.
  if (have_title) {
    size_t limit = std::min(n, i + 6);
    for (; i < limit; ++i) {
      const Block& b = blocks[i];
      if (HandleHeaderLine(lex, b, doc, &dec[i], /*allow_byline=*/true)) continue;
      if (b.kind == BlockKind::kHeading) break;
      // A standfirst: a paragraph followed by a byline or date line.
      bool followed = false;
      for (size_t k = i + 1; k < std::min(n, i + 3); ++k) {
        Decision probe;
        if (HandleHeaderLine(lex, blocks[k], doc, &probe, true) &&
            (probe.kind == "byline" || probe.kind == "display_date")) {
          followed = true;
          break;
        }
        if (IsProse(blocks[k])) break;
      }
      if (!followed) break;
      dec[i].kind = "standfirst";
    }
  }
  MarkBody(lex, blocks, i, n, dec, doc);
  MarkTrailingChrome(blocks, i, n, dec);
  MarkPullQuotes(blocks, dec);
}

// ---------------------------------------------------------------------------
// HTML

// Splits a context string into sub-words (runs of ASCII letters).
void ContextWords(std::string_view ctx, std::vector<std::string_view>* out) {
  out->clear();
  size_t i = 0;
  while (i < ctx.size()) {
    while (i < ctx.size() && !(ctx[i] >= 'a' && ctx[i] <= 'z')) ++i;
    size_t j = i;
    while (j < ctx.size() && ctx[j] >= 'a' && ctx[j] <= 'z') ++j;
    if (j > i) out->push_back(ctx.substr(i, j - i));
    i = j;
  }
}

// Classes of context sub-words.
enum ContextClass { kNeutral = 0, kNegative = 1, kPositive = 2, kCaption = 3, kDek = 4 };

int ClassifyWord(std::string_view w) {
  static const std::unordered_map<std::string_view, int> kWhole = {
      {"nav", kNegative},
      {"navbar", kNegative},
      {"navigation", kNegative},
      {"menu", kNegative},
      {"footer", kNegative},
      {"sidebar", kNegative},
      {"aside", kNegative},
      {"related", kNegative},
      {"comment", kNegative},
      {"comments", kNegative},
      {"share", kNegative},
      {"sharing", kNegative},
      {"social", kNegative},
      {"widget", kNegative},
      {"widgets", kNegative},
      {"ad", kNegative},
      {"ads", kNegative},
      {"advert", kNegative},
      {"advertisement", kNegative},
      {"banner", kNegative},
      {"promo", kNegative},
      {"newsletter", kNegative},
      {"subscribe", kNegative},
      {"subscription", kNegative},
      {"breadcrumb", kNegative},
      {"breadcrumbs", kNegative},
      {"cookie", kNegative},
      {"popup", kNegative},
      {"modal", kNegative},
      {"recommended", kNegative},
      {"recommendations", kNegative},
      {"trending", kNegative},
      {"popular", kNegative},
      {"outbrain", kNegative},
      {"taboola", kNegative},
      {"disqus", kNegative},
      {"masthead", kNegative},
      {"toolbar", kNegative},
      {"signup", kNegative},
      {"login", kNegative},
      {"tags", kNegative},
      {"tag", kNegative},
      {"byline", kNegative},
      {"author", kNegative},
      {"header", kNegative},
      {"rail", kNegative},
      {"sponsored", kNegative},
      {"skip", kNegative},
      {"form", kNegative},
      {"pagination", kNegative},
      {"meta", kNegative},
      {"dateline", kNegative},
      {"timestamp", kNegative},
      {"paywall", kNegative},
      {"caption", kCaption},
      {"figcaption", kCaption},
      {"credit", kCaption},
      {"figure", kCaption},
      {"dek", kDek},
      {"standfirst", kDek},
      {"subtitle", kDek},
      {"subheadline", kDek},
      {"deck", kDek},
      {"summary", kDek},
      {"description", kDek},
      {"excerpt", kDek},
      {"article", kPositive},
      {"content", kPositive},
      {"entry", kPositive},
      {"post", kPositive},
      {"story", kPositive},
      {"body", kPositive},
      {"text", kPositive},
      {"main", kPositive},
      {"prose", kPositive},
      {"articlebody", kPositive},
      {"richtext", kPositive},
  };
  auto it = kWhole.find(w);
  if (it != kWhole.end()) return it->second;
  static constexpr std::string_view kNegPrefixes[] = {
      "related",   "comment", "sidebar", "social", "footer", "newsletter", "subscri",  "breadcrumb",
      "recommend", "advert",  "sponsor", "promo",  "widget", "trending",   "outbrain", "taboola"};
  for (std::string_view p : kNegPrefixes) {
    if (StartsWith(w, p)) return kNegative;
  }
  return kNeutral;
}

struct BlockFeatures {
  int words = 0;
  bool embed = false;  // inside an embedded post (tweet, Instagram post)
  bool negative = false;
  bool positive = false;
  bool caption = false;
  bool dek = false;
  bool prose = false;
};

// Class of one context token (a tag name or a class / id value): the
// classes of its sub-words, negative first.
int ClassifyToken(std::string_view tok) {
  // WordPress taxonomy classes ("tag-elections", "category-news") name the
  // post's topics, not the element's role.
  if (StartsWith(tok, "tag-") || StartsWith(tok, "category-") || StartsWith(tok, "tags-") ||
      StartsWith(tok, "format-") || StartsWith(tok, "type-") || StartsWith(tok, "status-")) {
    return kNeutral;
  }
  std::vector<std::string_view> sub;
  ContextWords(tok, &sub);
  int result = kNeutral;
  for (std::string_view w : sub) {
    int c = ClassifyWord(w);
    if (c == kNegative) return kNegative;
    if (c == kCaption || (c == kDek && result != kCaption) ||
        (c == kPositive && result == kNeutral)) {
      result = c;
    }
  }
  return result;
}

// True for a token that marks a whole region as chrome wherever it sits
// among the ancestors: "nav", "footer", "aside", "sidebar", "comments-area",
// "related-posts", "site-footer"...
bool IsStrongNegative(std::string_view tok) {
  static constexpr std::string_view kStrong[] = {
      "nav",           "navbar",      "navigation", "menu",        "footer",   "aside",
      "sidebar",       "comments",    "comment",    "related",     "share",    "social",
      "breadcrumb",    "breadcrumbs", "newsletter", "widget",      "widgets",  "promo",
      "advertisement", "ad",          "ads",        "recommended", "trending", "popular",
      "taboola",       "outbrain",    "disqus",     "masthead"};
  if (StartsWith(tok, "tag-") || StartsWith(tok, "category-")) return false;
  for (std::string_view w : kStrong) {
    if (tok == w) return true;
    if (tok.size() > w.size() + 1) {
      char after = tok[w.size()];
      char before = tok[tok.size() - w.size() - 1];
      if (StartsWith(tok, w) && (after == '-' || after == '_')) return true;
      if (EndsWith(tok, w) && (before == '-' || before == '_')) return true;
    }
  }
  return false;
}

// True for the class of an embedded social-media post that an article quotes
// ("twitter-tweet", "instagram-media", "tiktok-embed"): its text is part of
// the story even inside a "social-embed" wrapper.
bool IsEmbeddedPost(std::string_view tok) {
  return tok == "twitter-tweet" || tok == "instagram-media" || tok == "tiktok-embed" ||
         tok == "twitter-tweet-rendered" || tok == "bluesky-embed";
}

// True for a chrome token that page templates also use for layout wrappers
// around the article ("penci_sidebar", "content-with-sidebar", "navbar-
// offset"): such a token is ignored when it covers most of the page's prose.
// Tokens naming comments, related links or ads are never ignored.
bool IsLayoutWord(std::string_view tok) {
  static constexpr std::string_view kLayout[] = {"sidebar", "nav",      "menu",   "footer", "aside",
                                                 "widget",  "masthead", "header", "rail"};
  for (std::string_view w : kLayout) {
    if (tok.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// Picks the article body among HTML blocks: scores each block (prose vs link
// lists, context words, with words common to most of the page ignored), takes
// the best-scoring contiguous run of blocks, then removes chrome inside it.
void CleanHtml(const Lexicon& lex, Document& doc, std::vector<Decision>& dec) {
  const std::vector<Block>& blocks = doc.blocks;
  size_t n = blocks.size();
  int jsonld = -1;
  for (size_t i = 0; i < n; ++i) {
    if (blocks[i].context == ingest::kJsonLdBodyContext) jsonld = static_cast<int>(i);
  }
  // Context token frequencies, to ignore page-wide wrapper classes.
  std::vector<std::vector<std::string_view>> toks(n);
  std::unordered_map<std::string_view, int> df;
  std::unordered_map<std::string_view, size_t> prose_len;
  size_t total_prose = 0;
  size_t real = 0;
  for (size_t i = 0; i < n; ++i) {
    if (static_cast<int>(i) == jsonld) continue;
    ++real;
    std::vector<std::string_view> seen;
    for (std::string_view t : Split(blocks[i].context, ' ')) {
      if (t.empty()) continue;
      toks[i].push_back(t);
      seen.push_back(t);
    }
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (std::string_view t : seen) ++df[t];
    // Data table rows count as prose here: a table-heavy article must not make
    // its page's sidebar look like the main layout.
    bool table_row = blocks[i].kind == BlockKind::kTableCell;
    if ((IsProse(blocks[i]) || table_row) && blocks[i].link_density < 0.35f) {
      total_prose += blocks[i].text.size();
      for (std::string_view t : seen) prose_len[t] += blocks[i].text.size();
    }
  }
  int common = static_cast<int>(real * 7 / 10);
  // A token over most of the page's prose is a layout wrapper ("has-sidebar",
  // "content-with-sidebar"), not chrome, whatever its name says.
  auto ignored = [&](std::string_view t) {
    if (real >= 10 && df[t] > common) return true;
    auto it = prose_len.find(t);
    return it != prose_len.end() && it->second * 5 > total_prose * 2 && IsLayoutWord(t);
  };
  // Teaser lists: several sibling blocks with the same context, each with a
  // headline link and a summary ("breaking news" strips, related stories).
  std::unordered_map<std::string_view, int> linked_siblings;
  for (size_t i = 0; i < n; ++i) {
    if (static_cast<int>(i) == jsonld || blocks[i].link_density < 0.15f) continue;
    ++linked_siblings[blocks[i].context];
  }
  std::vector<BlockFeatures> feat(n);
  std::vector<double> score(n, 0);
  for (size_t i = 0; i < n; ++i) {
    if (static_cast<int>(i) == jsonld) continue;
    const Block& b = blocks[i];
    BlockFeatures& f = feat[i];
    f.words = CountWords(b.text);
    // The innermost classified token decides; strong chrome tokens anywhere
    // among the ancestors make the block negative.
    bool decided = false;
    for (std::string_view t : toks[i]) f.embed |= IsEmbeddedPost(t);
    for (size_t k = toks[i].size(); k > 0 && !f.embed; --k) {
      std::string_view t = toks[i][k - 1];
      if (ignored(t)) continue;
      if (IsStrongNegative(t)) f.negative = true;
      if (decided) continue;
      int c = ClassifyToken(t);
      if (c == kNeutral) continue;
      decided = true;
      if (c == kNegative) f.negative = true;
      if (c == kPositive) f.positive = true;
      if (c == kCaption) f.caption = true;
      if (c == kDek) f.dek = true;
    }
    f.prose = (IsProse(b) && b.link_density < 0.35f) || (f.embed && f.words >= 3);
    if (b.link_density >= 0.15f && b.kind == BlockKind::kListItem &&
        linked_siblings[b.context] >= 3) {
      f.negative = true;
    }
    double len = static_cast<double>(b.text.size());
    double s;
    if (f.embed) {
      s = len * 0.5;
    } else if (b.link_density > 0.5f) {
      s = -len;
    } else if (f.negative || f.caption) {
      s = -len * 0.8 - 10;
    } else if (f.prose) {
      s = len * (f.positive ? 1.5 : 1.0);
    } else if (b.kind == BlockKind::kHeading) {
      s = -10;
    } else if (b.kind == BlockKind::kTableCell && b.link_density < 0.3f) {
      s = 0;  // a data table row: neither evidence for nor against the body
    } else {
      s = -len * 0.3 - 5;
    }
    score[i] = s;
  }
  // Best contiguous run (Kadane).
  double best = 0, cur = 0;
  size_t best_lo = 0, best_hi = 0, lo = 0;
  for (size_t i = 0; i < n; ++i) {
    if (static_cast<int>(i) == jsonld) continue;
    if (cur <= 0) {
      cur = 0;
      lo = i;
    }
    cur += score[i];
    if (cur > best) {
      best = cur;
      best_lo = lo;
      best_hi = i + 1;
    }
  }
  // Trim the run to the blocks inside the container that holds most of its
  // prose, so teaser lists before or after the article drop out.
  // A block's container: its context without trailing tokens that occur in
  // no other block (per-element ids and classes).
  auto container = [&](size_t i) {
    std::string_view c = blocks[i].context;
    for (size_t k = toks[i].size(); k > 0; --k) {
      if (df[toks[i][k - 1]] > 1) break;
      size_t cut = c.size() >= toks[i][k - 1].size() ? c.size() - toks[i][k - 1].size() : 0;
      c = Trim(c.substr(0, cut));
    }
    return c;
  };
  if (best_hi > best_lo) {
    std::unordered_map<std::string_view, size_t> by_context;
    for (size_t i = best_lo; i < best_hi; ++i) {
      if (feat[i].prose && !feat[i].negative) by_context[container(i)] += blocks[i].text.size();
    }
    std::string_view body_ctx;
    size_t body_len = 0;
    for (const auto& [ctx, len] : by_context) {
      if (len > body_len || (len == body_len && ctx < body_ctx)) {
        body_ctx = ctx;
        body_len = len;
      }
    }
    if (body_len > 0) {
      size_t first = best_hi, last = best_lo;
      for (size_t i = best_lo; i < best_hi; ++i) {
        if (StartsWith(blocks[i].context, body_ctx)) {
          first = std::min(first, i);
          last = i;
        }
      }
      if (first < best_hi) {
        // A lede or summary paragraph in a sibling element just before the
        // body container ("article__summary" before "article__text") is
        // part of the story: extend over such prose.
        size_t cut = body_ctx.rfind(' ');
        std::string_view parent = body_ctx.substr(0, cut == std::string_view::npos ? 0 : cut);
        while (first > best_lo && !parent.empty()) {
          size_t j = first - 1;
          const BlockFeatures& fj = feat[j];
          if (!fj.prose || fj.negative || fj.caption || !StartsWith(blocks[j].context, parent)) {
            break;
          }
          first = j;
        }
        best_lo = first;
        best_hi = last + 1;
      }
    }
  }
  // JSON-LD articleBody: blocks whose text it contains are body.
  std::vector<char> in_ld(n, 0);
  bool use_ld_blocks = false, use_ld_text = false;
  if (jsonld >= 0) {
    std::string ld = MatchKey(blocks[jsonld].text);
    size_t covered = 0;
    for (size_t i = 0; i < n; ++i) {
      if (static_cast<int>(i) == jsonld) continue;
      std::string k = MatchKey(blocks[i].text);
      if (k.size() >= 20 && ld.find(k) != std::string::npos) {
        in_ld[i] = 1;
        covered += k.size();
      }
    }
    if (covered * 10 >= ld.size() * 6) {
      use_ld_blocks = true;
    } else {
      size_t region = 0;
      for (size_t i = best_lo; i < best_hi; ++i) region += blocks[i].text.size();
      use_ld_text = region * 2 < ld.size();
    }
  }
  std::string title_key = MatchKey(doc.meta.title);
  bool title_seen = false;
  for (size_t i = 0; i < n; ++i) {
    if (static_cast<int>(i) == jsonld) continue;
    const Block& b = blocks[i];
    const BlockFeatures& f = feat[i];
    bool inside = (use_ld_blocks && in_ld[i]) || (i >= best_lo && i < best_hi);
    if (use_ld_text) inside = false;
    if (!title_seen && b.kind == BlockKind::kHeading && !title_key.empty() &&
        MatchKey(b.text) == title_key) {
      dec[i].kind = "title";
      title_seen = true;
      continue;
    }
    if (!inside) {
      dec[i].kind = b.link_density > 0.5f ? "nav" : "chrome";
      continue;
    }
    if (const Pattern* p = in_ld[i] ? nullptr : MatchLine(lex, b.text)) {
      dec[i].kind = p->kind;
    } else if (b.link_density > 0.5f && !in_ld[i] && !f.embed) {
      dec[i].kind = "nav";
    } else if (f.caption && !in_ld[i]) {
      dec[i].kind = "caption";
    } else if (f.dek && !f.prose && !in_ld[i]) {
      dec[i].kind = "standfirst";
    } else if (f.negative && !in_ld[i]) {
      dec[i].kind = "chrome";
    }
  }
  // Header lines at the start of the body.
  size_t first = n;
  for (size_t i = 0; i < n; ++i) {
    if (dec[i].kind.empty() && static_cast<int>(i) != jsonld) {
      first = i;
      break;
    }
  }
  for (size_t i = first, seen = 0; i < n && seen < 5; ++i) {
    if (!dec[i].kind.empty() || static_cast<int>(i) == jsonld) continue;
    ++seen;
    if (IsProse(blocks[i])) break;
    HandleHeaderLine(lex, blocks[i], doc, &dec[i], /*allow_byline=*/true);
  }
  if (jsonld >= 0) {
    dec[jsonld].kind = use_ld_text ? "" : "jsonld_body";
  }
  MarkBody(lex, blocks, 0, n, dec, doc);
  MarkTrailingChrome(blocks, 0, n, dec);
  MarkPullQuotes(blocks, dec);
}

}  // namespace

Status Run(const Config& config, Document& doc) {
  doc.text.clear();
  doc.paragraphs.clear();
  doc.boilerplate.clear();
  if (doc.meta.language.empty()) doc.meta.language = "en";
  if (doc.blocks.empty()) return Status::Ok();
  auto lex = GetLexicon(config);
  if (!lex.ok()) return lex.status();
  std::vector<Decision> dec(doc.blocks.size());
  if (doc.format == Format::kHtml) {
    CleanHtml(**lex, doc, dec);
  } else {
    CleanText(**lex, doc, dec);
  }
  // A page with no body left is all body: short inputs (a single sentence or
  // headline, as in sentence-level batch records) must not vanish as chrome.
  bool kept_any = false;
  for (const Decision& d : dec) kept_any |= d.kind.empty();
  if (!kept_any) {
    for (Decision& d : dec) {
      if (d.kind == "chrome" || d.kind == "title" || d.kind == "standfirst") d.kind.clear();
    }
  }
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    if (!dec[i].kind.empty()) {
      doc.boilerplate.push_back({dec[i].kind, b.text});
      continue;
    }
    // A kept JSON-LD body holds its paragraphs on separate lines.
    for (std::string_view para : Split(b.text, '\n')) {
      if (para.empty()) continue;
      if (!doc.text.empty()) doc.text += "\n\n";
      Span s;
      s.begin = static_cast<uint32_t>(doc.text.size());
      doc.text.append(para);
      s.end = static_cast<uint32_t>(doc.text.size());
      doc.paragraphs.push_back(s);
    }
  }
  return Status::Ok();
}

}  // namespace dyad::clean

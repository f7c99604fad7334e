// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The quotes stage: quotation marks -> RawQuote (cues.cc), then filtering of
// scare quotes and names, kind (direct / partial / nested), the cue and its
// subject before, after or between the quotation's parts, inheritance of the
// speaker for uncued quotations, and de-duplication.

#include "quotes/quotes.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/text.h"
#include "quotes/cues.h"

namespace dyad::quotes {

namespace {

// A found cue and the speaker it points at.
struct Attribution {
  bool found = false;
  uint32_t cue_begin = 0;  // token range of the cue
  uint32_t cue_end = 0;
  int32_t mention = -1;          // the speaker's mention, or -1
  int32_t entity = -1;           // the speaker when known without a mention
  bool pronoun_subject = false;  // an unresolved he/she subject
  bool no_subject = false;       // cue without an overt subject ("adding")
};

class QuoteFinder {
 public:
  QuoteFinder(const CueLexicon& lex, Document& doc) : lex_(lex), doc_(doc) {}

  void Run();

 private:
  bool IsScare(const RawQuote& q) const;
  bool CueNear(const RawQuote& q) const;
  bool IsPartial(const RawQuote& q) const;
  Span SentenceAt(uint32_t offset) const;
  std::pair<size_t, size_t> TokenRange(uint32_t b, uint32_t e) const;
  Attribution CueBefore(size_t t0, size_t t1, bool nested) const;
  Attribution CueAfter(size_t t0, size_t t1) const;
  int32_t SubjectBefore(size_t t0, size_t cue) const;
  int32_t MentionStartingIn(size_t t0, size_t t1) const;
  int32_t PassiveAgent(size_t t0, size_t cue) const;
  bool FollowedByPossessive(const Mention& m) const;
  void Fill(Quote& q, const Attribution& a) const;
  int32_t SurnameBefore(size_t t0, size_t cue) const;
  int32_t LastPersonBefore(uint32_t offset, uint32_t floor, const std::vector<RawQuote>& raws,
                           const std::vector<char>& keep) const;

  const CueLexicon& lex_;
  Document& doc_;
  std::vector<uint32_t> by_token_;  // mention indexes sorted by token_begin
};

// How many tokens before a short quotation's opening mark, or after its
// closing mark, a speech cue makes it a quotation rather than scare quotes.
constexpr size_t kCueWindowBefore = 6;
constexpr size_t kCueWindowAfter = 3;

bool IsSentenceEnd(char c) { return c == '.' || c == '!' || c == '?'; }

bool LooksLikeVerb(const Token& t) {
  if (!t.tag.empty()) return t.tag[0] == 'V' || t.tag == "MD";
  static constexpr std::string_view kAux[] = {
      "is",    "are",    "was",   "were",  "be",    "been",  "am",   "will", "would", "can",
      "could", "should", "must",  "may",   "might", "do",    "does", "did",  "has",   "have",
      "had",   "shall",  "isn't", "won't", "can't", "don't", "let",  "go",   "get",   "need",
      "want",  "know",   "think", "see",   "make",  "take",  "give", "come", "stop",  "keep"};
  for (std::string_view a : kAux) {
    if (t.lower == a) return true;
  }
  const std::string& w = t.lower;
  return w.size() > 4 && (EndsWith(w, "ed") || EndsWith(w, "n't"));
}

Span QuoteFinder::SentenceAt(uint32_t offset) const {
  size_t t = TokenAtOrAfter(doc_, offset);
  if (t < doc_.tokens.size() && doc_.tokens[t].sentence < doc_.sentences.size()) {
    Span s = doc_.sentences[doc_.tokens[t].sentence].span;
    if (s.begin <= offset && offset < s.end) return s;
  }
  if (t > 0 && doc_.tokens[t - 1].sentence < doc_.sentences.size()) {
    Span s = doc_.sentences[doc_.tokens[t - 1].sentence].span;
    if (s.begin <= offset && offset <= s.end) return s;
  }
  // No sentences: fall back to scanning for terminal punctuation.
  uint32_t b = offset, e = offset;
  while (b > 0 &&
         !(IsSentenceEnd(doc_.text[b - 1]) && b < doc_.text.size() && doc_.text[b] == ' ')) {
    if (doc_.text[b - 1] == '\n') break;
    --b;
  }
  while (e < doc_.text.size() && doc_.text[e] != '\n' &&
         !(IsSentenceEnd(doc_.text[e]) && e + 1 < doc_.text.size() && doc_.text[e + 1] == ' ')) {
    ++e;
  }
  return Span{b, e};
}

std::pair<size_t, size_t> QuoteFinder::TokenRange(uint32_t b, uint32_t e) const {
  size_t t0 = TokenAtOrAfter(doc_, b);
  size_t t1 = t0;
  while (t1 < doc_.tokens.size() && doc_.tokens[t1].span.end <= e) ++t1;
  return {t0, t1};
}

bool QuoteFinder::IsScare(const RawQuote& q) const {
  std::string_view s = doc_.Text(q.inner);
  size_t words = 0, caps = 0, letters = 0;
  bool in_word = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 static_cast<unsigned char>(c) >= 0x80;
    if (alnum) ++letters;
    if (c == ' ') {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++words;
      std::string_view w = s.substr(i, s.find(' ', i) - i);
      bool small = w == "of" || w == "the" || w == "and" || w == "for" || w == "de" || w == "on" ||
                   w == "in" || w == "&" || w == "-";
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || small) ++caps;
    }
  }
  if (letters == 0 || words <= 1) return true;
  char last = s.back();
  bool terminal = IsSentenceEnd(last) || last == ',';
  // A short capitalised name of an event, programme or place.
  if (words <= 6 && caps == words && !terminal) return true;
  if (words > 3) return false;
  auto [t0, t1] = TokenRange(q.inner.begin, q.inner.end);
  for (size_t t = t0; t < t1; ++t) {
    if (LooksLikeVerb(doc_.tokens[t])) return false;
  }
  // A short fragment with a speech cue close by is a quotation: described the
  // aid as "timely and generous"; "a fairy tale," she said.
  return !CueNear(q);
}

bool QuoteFinder::CueNear(const RawQuote& q) const {
  if (doc_.tokens.empty()) return false;
  Span sentence = SentenceAt(q.open);
  size_t open_tok = TokenAtOrAfter(doc_, q.open);
  size_t lo = open_tok > kCueWindowBefore ? open_tok - kCueWindowBefore : 0;
  while (lo < open_tok && doc_.tokens[lo].span.begin < sentence.begin) ++lo;
  const CueEntry* e = nullptr;
  for (size_t t = lo; t < open_tok; ++t) {
    if (MatchCue(lex_, doc_, t, open_tok, &e) > 0) return true;
  }
  if (!q.closed) return false;
  size_t after = TokenAtOrAfter(doc_, q.close_end);
  size_t hi = std::min(doc_.tokens.size(), after + kCueWindowAfter);
  for (size_t t = after; t < hi; ++t) {
    if (doc_.tokens[t].span.begin >= sentence.end && sentence.end > q.close_end) break;
    if (MatchCue(lex_, doc_, t, hi, &e) > 0) return true;
  }
  return false;
}

bool QuoteFinder::IsPartial(const RawQuote& q) const {
  const std::string& text = doc_.text;
  std::string_view inner = doc_.Text(q.inner);
  if (inner.empty()) return false;
  // A fragment the sentence runs on from: "swift and generous" assistance,
  // "a fairy tale" was the reply (not: "We will go" he said).
  char last = inner.back();
  bool terminal = IsSentenceEnd(last) || last == ',' || last == ';' || last == ':' ||
                  EndsWith(inner, "\xE2\x80\xA6") || last == '-';
  if (q.closed && !terminal) {
    uint32_t a = q.close_end;
    while (a < text.size() && text[a] == ' ') ++a;
    if (a < text.size() && text[a] >= 'a' && text[a] <= 'z') {
      size_t t = TokenAtOrAfter(doc_, a);
      size_t hi = std::min(doc_.tokens.size(), t + kCueWindowAfter);
      const CueEntry* e = nullptr;
      bool cue = false;
      for (size_t k = t; k < hi && !cue; ++k) cue = MatchCue(lex_, doc_, k, hi, &e) > 0;
      if (!cue) return true;
    }
  }
  uint32_t b = q.open;
  while (b > 0 && text[b - 1] == ' ') --b;
  // A quotation that opens in lower case is a fragment, unless it resumes a
  // quotation a cue interrupted (", she said, "and ...") or continues one
  // from the paragraph before.
  if (inner[0] >= 'a' && inner[0] <= 'z' && q.continues < 0 &&
      (b == 0 || (text[b - 1] != ',' && text[b - 1] != ':' && text[b - 1] != ';'))) {
    return true;
  }
  // Partial when the opening mark directly follows a word that is not a cue.
  if (b == 0) return false;
  unsigned char c = static_cast<unsigned char>(text[b - 1]);
  bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (!alnum) return false;
  size_t t = TokenAtOrAfter(doc_, q.open);
  if (t == 0) return false;
  const CueEntry* e = nullptr;
  // The word before, or a two-word cue ending there ("pointed out").
  for (size_t back = 1; back <= 2 && back <= t; ++back) {
    size_t n = MatchCue(lex_, doc_, t - back, t, &e);
    if (n == back) return false;
  }
  return true;
}

bool QuoteFinder::FollowedByPossessive(const Mention& m) const {
  if (m.token_end < doc_.tokens.size() && IsPossessive(doc_.tokens[m.token_end].lower) &&
      doc_.tokens[m.token_end].span.begin == m.span.end) {
    return true;
  }
  std::string_view after =
      std::string_view(doc_.text).substr(std::min<size_t>(m.span.end, doc_.text.size()));
  return StartsWith(after, "'s") || StartsWith(after, "\xE2\x80\x99s");
}

// The subject of a cue at token `cue`, looking back to token `t0`: the
// comma-separated chunks before the cue are tried right to left; in each, the
// first mention counts if it comes before any preposition and is not a
// possessive ("Moscow's desire"). Appositions and participial openers are
// passed over that way.
int32_t QuoteFinder::SubjectBefore(size_t t0, size_t cue) const {
  size_t end = cue;
  while (end > t0) {
    size_t begin = end;
    while (begin > t0) {
      const std::string& w = doc_.tokens[begin - 1].lower;
      if (w == "," || w == ";" || w == ":" || w == "(" || w == ")") break;
      --begin;
    }
    // First preposition in the chunk.
    size_t prep = end;
    for (size_t t = begin; t < end; ++t) {
      if (IsPreposition(doc_.tokens[t].lower)) {
        prep = t;
        break;
      }
    }
    auto it = std::lower_bound(
        by_token_.begin(), by_token_.end(), begin,
        [&](uint32_t mi, size_t tb) { return doc_.mentions[mi].token_begin < tb; });
    int32_t best = -1;
    for (; it != by_token_.end(); ++it) {
      const Mention& m = doc_.mentions[*it];
      if (m.token_begin >= end || m.token_begin >= prep) break;
      if (m.token_end > end) continue;
      if (best >= 0 && doc_.mentions[best].token_begin == m.token_begin) {
        // Prefer the longer of two mentions starting together.
        if (m.token_end > doc_.mentions[best].token_end) best = static_cast<int32_t>(*it);
        continue;
      }
      if (best >= 0) {
        // "Arvenian President X said": the demonym modifies the head after it.
        if (doc_.mentions[best].kind == MentionKind::kDemonym &&
            m.token_begin <= doc_.mentions[best].token_end + 3 && !FollowedByPossessive(m)) {
          best = static_cast<int32_t>(*it);
          continue;
        }
        break;
      }
      if (FollowedByPossessive(m)) continue;
      best = static_cast<int32_t>(*it);
    }
    if (best >= 0) return best;
    if (begin == t0) break;
    end = begin - 1;
  }
  return -1;
}

int32_t QuoteFinder::MentionStartingIn(size_t t0, size_t t1) const {
  auto it = std::lower_bound(by_token_.begin(), by_token_.end(), t0, [&](uint32_t mi, size_t tb) {
    return doc_.mentions[mi].token_begin < tb;
  });
  int32_t best = -1;
  for (; it != by_token_.end() && doc_.mentions[*it].token_begin < t1; ++it) {
    if (best < 0 || doc_.mentions[*it].token_begin == doc_.mentions[best].token_begin) {
      if (best < 0 || doc_.mentions[*it].token_end > doc_.mentions[best].token_end) {
        best = static_cast<int32_t>(*it);
      }
    }
  }
  return best;
}

// For a passive conveying clause ("a message was conveyed in Beijing saying"):
// the agent after "by", else a capital standing for its government.
int32_t QuoteFinder::PassiveAgent(size_t t0, size_t cue) const {
  bool passive = false;
  for (size_t t = t0; t + 1 < cue; ++t) {
    const std::string& w = doc_.tokens[t].lower;
    if ((w == "been" || w == "was" || w == "were" || w == "is" || w == "are") &&
        EndsWith(doc_.tokens[t + 1].lower, "ed")) {
      passive = true;
    }
  }
  if (!passive) return -1;
  int32_t metonym = -1;
  for (uint32_t mi : by_token_) {
    const Mention& m = doc_.mentions[mi];
    if (m.token_begin < t0) continue;
    if (m.token_end > cue) break;
    if (m.token_begin > 0 && doc_.tokens[m.token_begin - 1].lower == "by") {
      return static_cast<int32_t>(mi);
    }
    if (m.kind == MentionKind::kMetonym && metonym < 0) metonym = static_cast<int32_t>(mi);
  }
  return metonym;
}

bool IsPersonalPronoun(std::string_view w) {
  return w == "he" || w == "she" || w == "they" || w == "i" || w == "we" || w == "it";
}

Attribution QuoteFinder::CueBefore(size_t t0, size_t t1, bool nested) const {
  Attribution a;
  // The nearest cue to the opening mark.
  for (size_t t = t1; t > t0; --t) {
    const CueEntry* e = nullptr;
    size_t n = MatchCue(lex_, doc_, t - 1, t1, &e);
    if (n == 0) continue;
    a.found = true;
    a.cue_begin = static_cast<uint32_t>(t - 1);
    a.cue_end = static_cast<uint32_t>(t - 1 + n);
    if (e->kind == CueKind::kSource) {
      a.mention = MentionStartingIn(a.cue_end, std::min<size_t>(t1, a.cue_end + 3u));
    } else {
      a.mention = SubjectBefore(t0, t - 1);
      if (a.mention < 0) {
        // "Said X:" or a pronoun that coref left unresolved.
        size_t s = t - 1;
        if (s > t0 && IsPersonalPronoun(doc_.tokens[s - 1].lower)) {
          a.pronoun_subject = true;
        } else {
          a.mention = MentionStartingIn(a.cue_end, std::min<size_t>(t1, a.cue_end + 2u));
        }
      }
      if (a.mention < 0 && nested) a.mention = PassiveAgent(t0, t - 1);
      if (a.mention < 0 && !a.pronoun_subject) a.entity = SurnameBefore(t0, t - 1);
      if (a.mention < 0 && a.entity < 0 && !a.pronoun_subject) a.no_subject = true;
    }
    return a;
  }
  return a;
}

Attribution QuoteFinder::CueAfter(size_t t0, size_t t1) const {
  Attribution a;
  size_t limit = std::min(t1, t0 + 14);
  for (size_t t = t0; t < limit; ++t) {
    const CueEntry* e = nullptr;
    size_t n = MatchCue(lex_, doc_, t, t1, &e);
    if (n == 0) {
      // Stop at a second clause ("; the talks ended").
      const std::string& w = doc_.tokens[t].lower;
      if (w == ";" || w == "\"") break;
      continue;
    }
    a.found = true;
    a.cue_begin = static_cast<uint32_t>(t);
    a.cue_end = static_cast<uint32_t>(t + n);
    if (e->kind == CueKind::kSource) {
      a.mention = MentionStartingIn(a.cue_end, std::min<size_t>(t1, a.cue_end + 3u));
      return a;
    }
    a.mention = SubjectBefore(t0, t);
    if (a.mention < 0) {
      if (t > t0 && IsPersonalPronoun(doc_.tokens[t - 1].lower)) {
        a.pronoun_subject = true;
      } else {
        a.mention = MentionStartingIn(a.cue_end, std::min<size_t>(t1, a.cue_end + 3u));
      }
    }
    if (a.mention < 0 && !a.pronoun_subject) a.entity = SurnameBefore(t0, t);
    if (a.mention < 0 && a.entity < 0 && !a.pronoun_subject) a.no_subject = true;
    return a;
  }
  return a;
}

// A bare surname just before the cue ("Hamid explained") that no mention
// covers: the one person entity whose name ends with it, or -1.
int32_t QuoteFinder::SurnameBefore(size_t t0, size_t cue) const {
  if (cue <= t0 || !IsCapitalized(doc_, doc_.tokens[cue - 1])) return -1;
  std::string_view w = doc_.Text(doc_.tokens[cue - 1].span);
  int32_t found = -1;
  for (size_t e = 0; e < doc_.entities.size(); ++e) {
    const Entity& en = doc_.entities[e];
    if (en.type != EntityType::kPerson || !EndsWith(en.name, w)) continue;
    if (en.name.size() > w.size() && en.name[en.name.size() - w.size() - 1] != ' ') continue;
    if (found >= 0) return -1;
    found = static_cast<int32_t>(e);
  }
  return found;
}

void QuoteFinder::Fill(Quote& q, const Attribution& a) const {
  if (!a.found) return;
  q.cue_span = Span{doc_.tokens[a.cue_begin].span.begin, doc_.tokens[a.cue_end - 1].span.end};
  q.cue = AsciiLower(doc_.Text(q.cue_span));
  if (a.mention >= 0) {
    q.speaker_mention = a.mention;
    q.speaker = static_cast<int32_t>(doc_.mentions[a.mention].entity);
  } else if (a.entity >= 0) {
    q.speaker = a.entity;
  }
}

// The last person mention between `floor` and `offset` outside the kept
// quotations, or -1.
int32_t QuoteFinder::LastPersonBefore(uint32_t offset, uint32_t floor,
                                      const std::vector<RawQuote>& raws,
                                      const std::vector<char>& keep) const {
  for (size_t k = by_token_.size(); k-- > 0;) {
    const Mention& m = doc_.mentions[by_token_[k]];
    if (m.span.end > offset) continue;
    if (m.span.begin < floor) break;
    if (doc_.entities[m.entity].type != EntityType::kPerson) continue;
    bool inside = false;
    for (size_t r = 0; r < raws.size() && !inside; ++r) {
      inside = keep[r] && raws[r].inner.Contains(m.span);
    }
    if (!inside) return static_cast<int32_t>(by_token_[k]);
  }
  return -1;
}

void QuoteFinder::Run() {
  const std::vector<RawQuote>& raws = DocumentQuotes(doc_);
  if (raws.empty()) return;
  by_token_.resize(doc_.mentions.size());
  for (uint32_t i = 0; i < by_token_.size(); ++i) by_token_[i] = i;
  std::sort(by_token_.begin(), by_token_.end(), [&](uint32_t a, uint32_t b) {
    const Mention& x = doc_.mentions[a];
    const Mention& y = doc_.mentions[b];
    return x.token_begin != y.token_begin ? x.token_begin < y.token_begin
                                          : x.token_end < y.token_end;
  });
  // Mentions with out-of-range entities or tokens are ignored.
  by_token_.erase(std::remove_if(by_token_.begin(), by_token_.end(),
                                 [&](uint32_t mi) {
                                   const Mention& m = doc_.mentions[mi];
                                   return m.entity >= doc_.entities.size() ||
                                          m.token_end > doc_.tokens.size() ||
                                          m.token_begin >= m.token_end;
                                 }),
                  by_token_.end());

  // Keep real quotations; a dropped quotation's children move up.
  std::vector<char> keep(raws.size());
  for (size_t i = 0; i < raws.size(); ++i) keep[i] = !IsScare(raws[i]);
  std::vector<int32_t> parent(raws.size(), -1);
  for (size_t i = 0; i < raws.size(); ++i) {
    int32_t p = raws[i].parent;
    while (p >= 0 && !keep[p]) p = raws[p].parent;
    parent[i] = p;
  }

  std::vector<Quote> quotes(raws.size());
  std::vector<Attribution> attr(raws.size());
  std::vector<char> inherit_ok(raws.size(), 0);
  bool have_tokens = !doc_.tokens.empty();
  for (size_t i = 0; i < raws.size(); ++i) {
    if (!keep[i]) continue;
    const RawQuote& r = raws[i];
    Quote& q = quotes[i];
    q.span = r.inner;
    if (parent[i] >= 0) {
      q.kind = QuoteKind::kNested;
    } else {
      q.kind = IsPartial(r) ? QuoteKind::kPartial : QuoteKind::kDirect;
    }
    if (!have_tokens) continue;
    // Windows: between the neighbouring kept quotations at the same level,
    // inside the sentence (and the parent quotation, for nested ones).
    Span para = doc_.paragraphs[r.paragraph];
    uint32_t lo = std::max(para.begin, SentenceAt(r.open).begin);
    uint32_t hi = std::min(para.end, SentenceAt(r.close_end > 0 ? r.close_end - 1 : 0).end);
    if (parent[i] >= 0) {
      lo = std::max(lo, raws[parent[i]].inner.begin);
      hi = std::min(hi, raws[parent[i]].inner.end);
    }
    for (size_t k = i; k-- > 0;) {
      if (keep[k] && parent[k] == parent[i] && raws[k].paragraph == r.paragraph &&
          raws[k].close_end <= r.open) {
        lo = std::max(lo, raws[k].close_end);
        break;
      }
    }
    for (size_t k = i + 1; k < raws.size(); ++k) {
      if (raws[k].paragraph != r.paragraph) break;
      if (keep[k] && parent[k] == parent[i] && raws[k].open >= r.close_end) {
        hi = std::min(hi, raws[k].open);
        break;
      }
    }
    auto [b0, b1] = TokenRange(lo, r.open);
    Attribution before = b0 < b1 ? CueBefore(b0, b1, parent[i] >= 0) : Attribution();
    if (!before.found && parent[i] >= 0 && lo > raws[parent[i]].inner.begin) {
      // A nested quotation opening its own sentence: the reported speech in
      // the sentence before, inside the enclosing quotation ("X told them
      // that ... . 'We ...'").
      uint32_t plo = std::max(raws[parent[i]].inner.begin, SentenceAt(lo - 1).begin);
      auto [p0, p1] = TokenRange(plo, r.open);
      if (p0 < p1) before = CueBefore(p0, p1, true);
    }
    Attribution after;
    if (r.closed && parent[i] < 0 && r.close_end < hi) {
      auto [a0, a1] = TokenRange(r.close_end, hi);
      if (a0 < a1) after = CueAfter(a0, a1);
    }
    std::string_view inner = doc_.Text(r.inner);
    char last = inner.empty() ? ' ' : inner.back();
    bool trails = last == ',' || last == '?' || last == '!' || last == '-';
    const Attribution* pick = nullptr;
    if (after.found && (trails || !before.found)) {
      pick = &after;
    } else if (before.found) {
      pick = &before;
    }
    if (pick != nullptr) {
      attr[i] = *pick;
      Fill(q, *pick);
    }
    inherit_ok[i] = pick == nullptr || pick->no_subject || pick->pronoun_subject;
  }

  // Speakers for quotations without an overt one.
  for (size_t i = 0; i < raws.size(); ++i) {
    if (!keep[i] || quotes[i].speaker >= 0 || !inherit_ok[i]) continue;
    const RawQuote& r = raws[i];
    Quote& q = quotes[i];
    const Quote* from = nullptr;
    if (parent[i] >= 0) {
      from = &quotes[parent[i]];
    } else if (r.continues >= 0 && keep[r.continues]) {
      from = &quotes[r.continues];
    } else {
      // The previous top-level quotation in the paragraph, or, for a
      // paragraph that is all quotation, in the paragraph before.
      for (size_t k = i; k-- > 0;) {
        if (!keep[k] || parent[k] >= 0) continue;
        if (raws[k].paragraph == r.paragraph) {
          from = &quotes[k];
          break;
        }
        Span para = doc_.paragraphs[r.paragraph];
        bool whole = r.open <= para.begin + 1 && r.close_end + 2 >= para.end;
        if (whole && raws[k].paragraph + 1 == r.paragraph) from = &quotes[k];
        break;
      }
    }
    if (from == nullptr || from->speaker < 0) {
      // A cue without a usable subject ("the geologist said"): the person
      // last named in the paragraph before the quotation.
      if (attr[i].found && parent[i] < 0) {
        int32_t m = LastPersonBefore(r.open, doc_.paragraphs[r.paragraph].begin, raws, keep);
        if (m >= 0) {
          q.speaker_mention = m;
          q.speaker = static_cast<int32_t>(doc_.mentions[m].entity);
        }
      }
      continue;
    }
    if (attr[i].pronoun_subject && from->speaker >= 0 &&
        doc_.entities[from->speaker].type != EntityType::kPerson) {
      continue;
    }
    q.speaker = from->speaker;
    q.speaker_mention = from->speaker_mention;
    if (q.cue.empty()) {
      q.cue = from->cue;
      q.cue_span = from->cue_span;
    }
  }

  // De-duplicate identical top-level quotations, keeping an attributed copy.
  std::unordered_map<std::string_view, size_t> seen;
  for (size_t i = 0; i < raws.size(); ++i) {
    if (!keep[i] || parent[i] >= 0) continue;
    std::string_view key = doc_.Text(raws[i].inner);
    auto [it, fresh] = seen.emplace(key, i);
    if (fresh) continue;
    size_t k = it->second;
    if (quotes[k].speaker < 0 && quotes[i].speaker >= 0) {
      Quote moved = quotes[i];
      moved.span = quotes[k].span;
      moved.kind = quotes[k].kind;
      quotes[k] = moved;
    }
    keep[i] = 0;
  }

  // Emit in text order, remapping nested_in.
  std::vector<int32_t> index(raws.size(), -1);
  for (size_t i = 0; i < raws.size(); ++i) {
    if (!keep[i]) continue;
    if (parent[i] >= 0 && !keep[parent[i]]) continue;
    index[i] = static_cast<int32_t>(doc_.quotes.size());
    Quote q = quotes[i];
    q.nested_in = parent[i] >= 0 ? index[parent[i]] : -1;
    if (q.nested_in < 0 && q.kind == QuoteKind::kNested) q.kind = QuoteKind::kDirect;
    doc_.quotes.push_back(std::move(q));
  }
}

}  // namespace

Status Run(const Config& config, Document& doc) {
  doc.quotes.clear();
  if (doc.text.empty() || doc.paragraphs.empty()) return Status::Ok();
  Result<const CueLexicon*> lex = GetCues(config);
  if (!lex.ok()) return lex.status();
  QuoteFinder(**lex, doc).Run();
  return Status::Ok();
}

}  // namespace dyad::quotes

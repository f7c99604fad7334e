// Copyright (c) dyad authors. Licensed under the Apache License 2.0.

#include "places/places.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/hash.h"
#include "core/once.h"
#include "core/text.h"
#include "core/tsv.h"
#include "places/gazetteer.h"

namespace dyad::places {

namespace {

// ---------------------------------------------------------------------------
// Lexicons: data/place_stopwords.tsv and data/place_context.tsv.

enum class Stop : uint8_t { kNone, kNever, kWeak };
enum class Ctx : uint8_t { kNone, kLoc, kSpeech, kAdmin1, kCity, kConnector, kModifier };

struct Lexicon {
  std::unordered_map<std::string, Stop, StringHash, std::equal_to<>> stop;  // lower-case word
  std::unordered_map<std::string, Ctx, StringHash, std::equal_to<>> ctx;    // lower-case word
};

Result<const Lexicon*> GetLexicon(const Config& config) {
  return LoadOnce<Lexicon>("places-lexicon|" + config.data_dir, [&config](Lexicon& lx) {
    DYAD_RETURN_IF_ERROR(ReadTsv(config.data_dir + "/place_stopwords.tsv", 2,
                                 [&](int, const std::vector<std::string_view>& f) {
                                   Stop s;
                                   if (f[1] == "never") {
                                     s = Stop::kNever;
                                   } else if (f[1] == "weak") {
                                     s = Stop::kWeak;
                                   } else {
                                     return Status::DataError("class must be never or weak");
                                   }
                                   lx.stop[AsciiLower(f[0])] = s;
                                   return Status::Ok();
                                 }));
    return ReadTsv(
        config.data_dir + "/place_context.tsv", 2,
        [&](int, const std::vector<std::string_view>& f) {
          static const std::pair<std::string_view, Ctx> kClasses[] = {
              {"loc", Ctx::kLoc},   {"speech", Ctx::kSpeech},       {"admin1", Ctx::kAdmin1},
              {"city", Ctx::kCity}, {"connector", Ctx::kConnector}, {"modifier", Ctx::kModifier}};
          for (const auto& [name, c] : kClasses) {
            if (f[1] == name) {
              lx.ctx[AsciiLower(f[0])] = c;
              return Status::Ok();
            }
          }
          return Status::DataError("unknown class '" + std::string(f[1]) + "'");
        });
  });
}

// ---------------------------------------------------------------------------
// A word view of the document. The stage scans words itself (so that its
// matching does not depend on how the segment stage splits "Gwadar's" or
// "Gwadar—Balochistan"), and takes sentence boundaries from doc.sentences
// when there are any.

struct Word {
  Span span;
  uint32_t sentence = 0;
  bool initial = false;   // first word of its sentence
  bool cap = false;       // starts with an upper-case letter
  bool all_caps = false;  // every letter upper case
  bool punct = false;     // no letter or digit
};

bool IsUpperAt(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  size_t j = i;
  char32_t cp = DecodeUtf8(s, &j);
  return u_isupper(static_cast<UChar32>(cp));
}

void Classify(std::string_view text, Word* w) {
  std::string_view s = text.substr(w->span.begin, w->span.size());
  bool letter = false, lower = false;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z')) lower = letter = true;
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) letter = true;
      ++i;
    } else {
      char32_t cp = DecodeUtf8(s, &i);
      if (u_isalpha(static_cast<UChar32>(cp))) {
        letter = true;
        if (u_islower(static_cast<UChar32>(cp))) lower = true;
      }
    }
  }
  w->punct = !letter;
  w->cap = !s.empty() && IsUpperAt(s, 0);
  w->all_caps = w->cap && !lower;
}

// True for bytes that belong to a word in the fallback scanner.
bool IsWordByte(std::string_view t, size_t i) {
  unsigned char c = static_cast<unsigned char>(t[i]);
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  size_t j = i;
  char32_t cp = DecodeUtf8(t, &j);
  return u_isalnum(static_cast<UChar32>(cp)) || u_getCombiningClass(cp) != 0;
}

std::vector<Word> ScanWords(const Document& doc) {
  std::vector<Word> words;
  const std::string& t = doc.text;
  uint32_t sentence = 0;
  bool seen_word = false;
  size_t i = 0;
  while (i < t.size()) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '\n') {
      if (seen_word) ++sentence;
      seen_word = false;
      ++i;
      continue;
    }
    Word w;
    size_t start = i;
    if (IsWordByte(t, i)) {
      while (i < t.size()) {
        if (IsWordByte(t, i)) {
          if (static_cast<unsigned char>(t[i]) < 0x80) {
            ++i;
          } else {
            DecodeUtf8(t, &i);
          }
          continue;
        }
        // "U.S." style abbreviations: a period between capitals, or closing
        // a word that already holds one, stays in the word.
        if (t[i] == '.' && IsUpperAt(t, start)) {
          bool inner = i + 1 < t.size() && IsUpperAt(t, i + 1);
          bool closing =
              std::string_view(t).substr(start, i - start).find('.') != std::string::npos;
          if (inner || closing) {
            ++i;
            continue;
          }
        }
        break;
      }
    } else {
      size_t j = i;
      DecodeUtf8(t, &j);
      i = j;
    }
    w.span = {static_cast<uint32_t>(start), static_cast<uint32_t>(i)};
    Classify(t, &w);
    w.sentence = sentence;
    w.initial = !seen_word && !w.punct;
    if (!w.punct) seen_word = true;
    std::string_view tok = std::string_view(t).substr(start, i - start);
    bool title = false;  // "Mr", "Dr", "St" before a period
    if (tok == "." && !words.empty()) {
      std::string_view pw =
          std::string_view(t).substr(words.back().span.begin, words.back().span.size());
      title = pw.size() <= 2 && words.back().cap && !words.back().all_caps;
    }
    words.push_back(w);
    if ((tok == "." || tok == "!" || tok == "?") && seen_word && !title) {
      // A sentence ends when the next non-space is upper case or a quote.
      size_t k = i;
      while (k < t.size() && (t[k] == ' ' || t[k] == '"' || t[k] == '\'')) ++k;
      if (k >= t.size() || IsUpperAt(t, k) || static_cast<unsigned char>(t[k]) >= 0x80 ||
          t[k] == '\n') {
        ++sentence;
        seen_word = false;
      }
    }
  }
  if (!doc.sentences.empty()) {
    // The segment stage's sentences are better than the scanner's guesses.
    size_t si = 0;
    uint32_t last = UINT32_MAX;
    bool seen = false;
    for (Word& w : words) {
      while (si + 1 < doc.sentences.size() && doc.sentences[si].span.end <= w.span.begin) ++si;
      w.sentence = static_cast<uint32_t>(si);
      if (w.sentence != last) seen = false;
      last = w.sentence;
      w.initial = !seen && !w.punct;
      if (!w.punct) seen = true;
    }
  }
  return words;
}

// ---------------------------------------------------------------------------
// Candidates and resolution.

struct Candidate {
  size_t w_begin = 0, w_end = 0;  // words [w_begin, w_end) of the name
  Span span;                      // the mention (with an admin/city suffix)
  std::string key;                // normalised surface of the name
  std::string fold;               // `key` folded to ASCII
  std::vector<uint32_t> entries;
  bool loc = false;          // governed by a locational preposition
  bool speech_next = false;  // followed by a speech verb
  bool initial = false;      // sentence-initial single word
  bool admin1_hint = false;  // "province"/"state"/"Oblast" next, or "state of" before
  int suffix = 0;            // 1: capitalised admin1 suffix, 2: city suffix
  int32_t comma_next = -1;   // candidate right after ", "
  int32_t comma_prev = -1;   // candidate right before ", "
  int32_t chosen = -1;       // entry chosen
  bool accepted = false;
  bool accepted_hint = false;  // passed the context checks
};

double BaseScore(const GazEntry& e) {
  switch (e.feature) {
    case Feature::kCountry:
      return 9.0;
    case Feature::kRegion:
    case Feature::kContinent:
      return 8.5;
    case Feature::kAdmin1:
      // Sum of its towns' population; divisions with no known towns are weak.
      return e.population > 0 ? std::log10(static_cast<double>(e.population)) - 0.5 : 5.0;
    case Feature::kCity:
      break;
  }
  double s = std::log10(static_cast<double>(e.population) + 10.0);
  if (e.rank == CityRank::kCapital) s += 2.5;
  if (e.rank == CityRank::kSeat1) s += 1.0;
  if (e.rank == CityRank::kSeat2) s += 0.3;
  return s;
}

int Specificity(std::string_view feature) {
  if (feature == "city") return 4;
  if (feature == "admin1") return 3;
  if (feature == "region") return 2;
  if (feature == "country") return 1;
  return 0;
}

class Resolver {
 public:
  Resolver(const Gazetteer& gaz, const Lexicon& lex, Document& doc)
      : gaz_(gaz), lex_(lex), doc_(doc), text_(doc.text) {}

  void Run() {
    words_ = ScanWords(doc_);
    by_begin_.resize(doc_.mentions.size());
    for (uint32_t i = 0; i < by_begin_.size(); ++i) by_begin_[i] = i;
    std::sort(by_begin_.begin(), by_begin_.end(), [&](uint32_t a, uint32_t b) {
      return doc_.mentions[a].span.begin < doc_.mentions[b].span.begin;
    });
    CollectPersonWords();
    FindCandidates();
    LinkCommas();
    CountFocus();
    TallyFocus();
    for (Candidate& c : cands_) Choose(c, 0);
    TallyAdmin();
    for (Candidate& c : cands_) Choose(c, 1);
    Emit();
  }

 private:
  std::string Lower(const Word& w) const { return AsciiLower(Text(w.span)); }
  std::string_view Text(Span s) const { return std::string_view(text_).substr(s.begin, s.size()); }

  Ctx CtxOf(const Word& w) const {
    auto it = lex_.ctx.find(Lower(w));
    return it == lex_.ctx.end() ? Ctx::kNone : it->second;
  }
  Stop StopOf(const std::string& key) const {
    auto it = lex_.stop.find(key);
    return it == lex_.stop.end() ? Stop::kNone : it->second;
  }

  // The actors stage's mention overlapping `s`, or nullptr.
  const Mention* ActorMention(Span s) const {
    // by_begin_ holds mention indexes sorted by start; mentions are short, so
    // only those starting within 64 bytes before `s` can overlap it.
    uint32_t from = s.begin > 64 ? s.begin - 64 : 0;
    auto it =
        std::lower_bound(by_begin_.begin(), by_begin_.end(), from,
                         [&](uint32_t m, uint32_t b) { return doc_.mentions[m].span.begin < b; });
    for (; it != by_begin_.end() && doc_.mentions[*it].span.begin < s.end; ++it) {
      if (doc_.mentions[*it].span.Overlaps(s)) return &doc_.mentions[*it];
    }
    return nullptr;
  }

  // For a sentence-initial capitalised word: could it be part of a name?
  // Uses the tagger's tag when there is one (NNP/NNPS), else its shape
  // ("Explaining", "Speaking", "Asked", "Clearly" are not names).
  bool LooksProper(const Word& w) const {
    auto it = std::lower_bound(doc_.tokens.begin(), doc_.tokens.end(), w.span.begin,
                               [](const Token& t, uint32_t b) { return t.span.begin < b; });
    if (it != doc_.tokens.end() && it->span.begin == w.span.begin && !it->tag.empty()) {
      return it->tag.rfind("NNP", 0) == 0;
    }
    std::string l = Lower(w);
    for (std::string_view suf : {"ing", "ed", "ly"}) {
      if (l.size() > suf.size() + 2 && EndsWith(l, suf)) return false;
    }
    return true;
  }

  void CollectPersonWords() {
    for (const Entity& e : doc_.entities) {
      if (e.type != EntityType::kPerson) continue;
      for (std::string_view p : Split(e.name, ' ')) {
        if (p.size() >= 3) person_words_.push_back(AsciiLower(p));
      }
    }
  }

  bool SameSentence(size_t a, size_t b) const {
    return a < words_.size() && b < words_.size() && words_[a].sentence == words_[b].sentence;
  }

  // True when the words before `i` put a locational preposition in front of
  // it, skipping modifiers and "the".
  bool Governed(size_t i) const {
    size_t k = i;
    int skipped = 0;
    while (k > 0 && SameSentence(k - 1, i) && skipped < 3) {
      const Word& p = words_[k - 1];
      std::string l = Lower(p);
      Ctx c = CtxOf(p);
      if (c == Ctx::kLoc) return true;
      if (c == Ctx::kModifier || l == "the") {
        --k;
        ++skipped;
        continue;
      }
      return false;
    }
    return false;
  }

  void FindCandidates() {
    size_t n = words_.size();
    size_t i = 0;
    std::vector<uint32_t> found;
    while (i < n) {
      const Word& w = words_[i];
      if (!w.cap || w.punct) {
        ++i;
        continue;
      }
      // Longest match starting at i.
      size_t best_end = 0;
      std::vector<uint32_t> best;
      std::string best_key;
      for (size_t j = i; j < n && j < i + 8 && SameSentence(i, j); ++j) {
        const Word& wj = words_[j];
        if (j > i) {
          bool glued = wj.span.begin == words_[j - 1].span.end;
          bool ok = wj.cap || (wj.punct && glued) || CtxOf(wj) == Ctx::kConnector || glued;
          if (!ok) break;
        }
        std::string key = Gazetteer::Key(Text({w.span.begin, wj.span.end}));
        if (wj.cap || (j > i && words_[j - 1].span.end == wj.span.begin && !wj.punct)) {
          found.clear();
          bool caps = true;
          for (size_t k = i; k <= j; ++k) caps = caps && (words_[k].all_caps || words_[k].punct);
          gaz_.Lookup(key, caps, &found);
          if (!found.empty()) {
            best_end = j + 1;
            best = found;
            best_key = key;
          }
        }
        if (!gaz_.HasPrefix(key)) break;
      }
      if (best_end == 0) {
        ++i;
        continue;
      }
      Candidate c;
      c.w_begin = i;
      c.w_end = best_end;
      c.span = {w.span.begin, words_[best_end - 1].span.end};
      c.key = best_key;
      c.fold = FoldAscii(best_key);
      c.entries = std::move(best);
      if (!Accept(c)) {
        // Skip the rest of the capitalised run so that "York" in "New York
        // Times" is not tried again.
        size_t k = best_end;
        while (k < n && SameSentence(i, k) && words_[k].cap) ++k;
        i = k;
        continue;
      }
      i = c.w_end;
      cands_.push_back(std::move(c));
    }
  }

  // Context checks that do not depend on which entry is chosen.
  bool Accept(Candidate& c) {
    size_t n = words_.size();
    size_t first = c.w_begin;
    size_t last = c.w_end;  // one past
    bool single = last - first == 1;
    // The word after the name.
    if (last < n && SameSentence(first, last)) {
      const Word& nx = words_[last];
      Ctx cx = CtxOf(nx);
      if (cx == Ctx::kAdmin1 || cx == Ctx::kCity) {
        if (nx.cap) {
          c.suffix = cx == Ctx::kAdmin1 ? 1 : 2;
          c.span.end = nx.span.end;
          ++last;
          c.w_end = last;
        }
        if (cx == Ctx::kAdmin1) c.admin1_hint = true;
      } else if (cx == Ctx::kSpeech) {
        c.speech_next = true;
      }
      if (last < n && SameSentence(first, last) && words_[last].cap && !words_[last].punct) {
        return false;  // part of a longer capitalised name
      }
    }
    // The word before the name.
    if (first > 0 && SameSentence(first - 1, first)) {
      const Word& pv = words_[first - 1];
      if (pv.cap && !pv.punct) {
        bool ok = CtxOf(pv) == Ctx::kModifier ||
                  (pv.initial && (StopOf(Lower(pv)) == Stop::kNever || !LooksProper(pv)));
        if (!ok) return false;
      }
      // "state of Washington"
      if (first >= 2 && Lower(pv) == "of" && Lower(words_[first - 2]) == "state") {
        c.admin1_hint = true;
      }
    }
    const Mention* m = ActorMention(c.span);
    if (m != nullptr && m->entity < doc_.entities.size() &&
        doc_.entities[m->entity].type != EntityType::kCountry) {
      return false;
    }
    Stop stop = StopOf(c.key);
    if (stop == Stop::kNever) return false;
    c.loc = Governed(first);
    if (!c.loc && first >= 1 && SameSentence(first - 1, first)) {
      // A list continuing a governed place: "in Lahore, Karachi and Quetta".
      std::string pl = Lower(words_[first - 1]);
      if ((pl == "," || pl == "and" || pl == "or") && !cands_.empty() && cands_.back().loc &&
          cands_.back().accepted_hint &&
          words_[cands_.back().w_begin].sentence == words_[first].sentence) {
        c.loc = true;
      }
    }
    if (stop == Stop::kWeak && !c.loc) return false;
    c.initial = single && words_[first].initial;
    if (single) {
      std::string l = Lower(words_[first]);
      bool person = std::find(person_words_.begin(), person_words_.end(), l) != person_words_.end();
      if (person) {
        // Only a country survives being part of a person's name.
        std::erase_if(c.entries,
                      [&](uint32_t e) { return gaz_.entry(e).feature != Feature::kCountry; });
        if (c.entries.empty()) return false;
      }
    }
    c.accepted_hint = true;
    return true;
  }

  void LinkCommas() {
    for (size_t a = 0; a + 1 < cands_.size(); ++a) {
      Candidate& x = cands_[a];
      Candidate& y = cands_[a + 1];
      if (y.w_begin != x.w_end + 1) continue;
      if (Lower(words_[x.w_end]) != ",") continue;
      if (!SameSentence(x.w_begin, y.w_begin)) continue;
      x.comma_next = static_cast<int32_t>(a + 1);
      y.comma_prev = static_cast<int32_t>(a);
    }
  }

  void AddEvidence(std::string_view cc, const std::string& key) {
    if (cc.size() == 2) evidence_.push_back({std::string(cc), key});
  }

  void CountFocus() {
    for (const Mention& m : doc_.mentions) {
      if (m.entity >= doc_.entities.size()) continue;
      const Entity& e = doc_.entities[m.entity];
      if (e.type == EntityType::kPerson || e.country.empty()) continue;
      std::string cc = gaz_.Alpha2(e.country.substr(0, 3));
      if (m.span.end <= text_.size()) AddEvidence(cc, Gazetteer::Key(Text(m.span)));
    }
    for (const Candidate& c : cands_) {
      // A country name counts for its country; otherwise names that are not
      // towns and all lie in one country count for it.
      bool added = false;
      for (uint32_t e : c.entries) {
        const GazEntry& g = gaz_.entry(e);
        if (g.feature == Feature::kCountry) {
          AddEvidence(g.Country(), c.key);
          added = true;
        }
      }
      if (added || c.entries.empty()) continue;
      bool all_same = true;
      std::string cc = gaz_.entry(c.entries.front()).Country();
      for (uint32_t e : c.entries) {
        const GazEntry& g = gaz_.entry(e);
        if (g.feature == Feature::kCity || g.Country() != cc) all_same = false;
      }
      if (all_same) AddEvidence(cc, c.key);
    }
  }

  // Tallies the evidence once: per country, and per (surface, country).
  void TallyFocus() {
    for (const auto& [cc, key] : evidence_) {
      ++focus_total_[cc];
      ++focus_by_key_[key][cc];
    }
    int best = 0;
    for (const auto& [cc, n] : focus_total_) {
      if (n > best || (n == best && cc < top_)) {
        best = n;
        top_ = cc;
      }
    }
  }

  // Focus of `cc` from evidence other than the surface `key`.
  int Focus(const std::string& cc, const std::string& key) const {
    auto it = focus_total_.find(cc);
    if (it == focus_total_.end()) return 0;
    int n = it->second;
    auto k = focus_by_key_.find(key);
    if (k != focus_by_key_.end()) {
      auto kc = k->second.find(cc);
      if (kc != k->second.end()) n -= kc->second;
    }
    return n;
  }

  // Records, per admin1, the surfaces whose chosen place lies in it.
  void TallyAdmin() {
    admin_keys_.clear();
    for (const Candidate& o : cands_) {
      if (o.chosen < 0) continue;
      const GazEntry& g = gaz_.entry(static_cast<uint32_t>(o.chosen));
      if (g.admin1 < 0) continue;
      auto [it, inserted] = admin_keys_.try_emplace(g.admin1, o.key, false);
      if (!inserted && it->second.first != o.key) it->second.second = true;
    }
  }

  double Score(const Candidate& c, uint32_t ei, int pass) const {
    const GazEntry& e = gaz_.entry(ei);
    double s = BaseScore(e);
    if (e.cc[0] != 0) {
      std::string cc = e.Country();
      if (Focus(cc, c.key) > 0) s += 2.5 + (top_ == cc ? 1.0 : 0.0);
    }
    if (c.admin1_hint && e.feature == Feature::kAdmin1) s += 4.0;
    if (FoldAscii(e.name) == c.fold) s += 1.0;
    if (e.feature == Feature::kAdmin1 && !c.admin1_hint && c.suffix != 1) {
      // A division named after its own seat ("Idlib"): the town is meant.
      for (uint32_t oi : c.entries) {
        const GazEntry& o = gaz_.entry(oi);
        if (o.feature == Feature::kCity && o.admin1 == e.admin1 && o.admin1 >= 0 &&
            o.rank >= CityRank::kSeat1) {
          s -= 3.0;
          break;
        }
      }
    }
    if (c.suffix == 1 && (e.feature == Feature::kAdmin1 || e.rank == CityRank::kSeat1)) s += 3.0;
    auto admin_of = [&](const GazEntry& g) { return g.admin1; };
    // "X, Y": Y names X's admin1 or country.
    if (c.comma_next >= 0) {
      for (uint32_t yi : cands_[c.comma_next].entries) {
        const GazEntry& y = gaz_.entry(yi);
        if (y.feature == Feature::kAdmin1 && e.admin1 >= 0 && y.admin1 == e.admin1) s += 6.0;
        if (y.feature == Feature::kCountry && y.Country() == e.Country()) s += 4.0;
      }
    }
    if (c.comma_prev >= 0 && e.feature == Feature::kAdmin1) {
      for (uint32_t xi : cands_[c.comma_prev].entries) {
        const GazEntry& x = gaz_.entry(xi);
        if (x.feature == Feature::kCity && e.admin1 >= 0 && admin_of(x) == e.admin1) {
          s += 6.0;
          break;
        }
      }
    }
    if (pass > 0 && e.admin1 >= 0 &&
        (e.feature == Feature::kCity || e.feature == Feature::kAdmin1)) {
      // Other places chosen in the same admin1.
      auto it = admin_keys_.find(e.admin1);
      if (it != admin_keys_.end() && (it->second.first != c.key || it->second.second)) s += 3.0;
    }
    return s;
  }

  void Choose(Candidate& c, int pass) {
    double best = -1e9;
    int32_t chosen = -1;
    for (uint32_t e : c.entries) {
      double s = Score(c, e, pass);
      if (s > best) {
        best = s;
        chosen = static_cast<int32_t>(e);
      }
    }
    c.chosen = chosen;
    c.accepted = false;
    if (chosen < 0) return;
    const GazEntry& e = gaz_.entry(static_cast<uint32_t>(chosen));
    if (e.feature != Feature::kCity || c.suffix != 0) {
      c.accepted = true;
      return;
    }
    if (c.loc) {
      c.accepted = true;
      return;
    }
    if (e.rank == CityRank::kCapital) {
      c.accepted = true;
      return;
    }
    if (c.speech_next && e.population < 1000000) {
      // "Jackson said": a person, unless "the mayor of Odesa said".
      std::string pl = c.w_begin > 0 ? Lower(words_[c.w_begin - 1]) : std::string();
      if (pl != "of") return;
    }
    bool focus = Focus(e.Country(), c.key) > 0;
    uint32_t threshold = focus ? 10000 : 50000;
    if (e.rank == CityRank::kSeat1) threshold /= 2;
    if (c.initial) threshold *= 2;
    c.accepted = e.population >= threshold;
  }

  void Emit() {
    std::unordered_map<std::string, size_t> index;  // merge key -> place
    for (const Candidate& c : cands_) {
      if (!c.accepted || c.chosen < 0) continue;
      const GazEntry* e = &gaz_.entry(static_cast<uint32_t>(c.chosen));
      Place p;
      std::string merge;
      if (c.suffix == 1 && e->feature == Feature::kCity) {
        // "Kherson Oblast": the city's admin1 when known, else the name read.
        int32_t ae = gaz_.Admin1Entry(e->admin1);
        if (ae >= 0) {
          e = &gaz_.entry(static_cast<uint32_t>(ae));
        } else {
          p.name = std::string(Text(c.span));
          p.country = e->Country();
          p.feature = "admin1";
          p.admin1 = p.name;
          p.lat = e->lat;
          p.lon = e->lon;
          merge = "admin1|" + p.country + "|" + Gazetteer::Key(p.name);
        }
      }
      if (merge.empty()) {
        p.name = e->name;
        p.country = e->Country();
        p.feature = std::string(ToString(e->feature));
        if (e->admin1 >= 0) p.admin1 = gaz_.admin1_name(e->admin1);
        p.lat = std::round(static_cast<double>(e->lat) * 1e5) / 1e5;
        p.lon = std::round(static_cast<double>(e->lon) * 1e5) / 1e5;
        p.geonames_id = e->geonames_id;
        merge = "e|" + std::to_string(e - &gaz_.entry(0));
      }
      auto [it, inserted] = index.try_emplace(merge, doc_.places.size());
      if (inserted) doc_.places.push_back(std::move(p));
      doc_.places[it->second].mentions.push_back(c.span);
    }
  }

  const Gazetteer& gaz_;
  const Lexicon& lex_;
  Document& doc_;
  const std::string& text_;
  std::vector<Word> words_;
  std::vector<uint32_t> by_begin_;  // doc_.mentions indexes sorted by start
  std::vector<Candidate> cands_;
  std::vector<std::string> person_words_;
  std::vector<std::pair<std::string, std::string>> evidence_;  // (cc, key)
  std::unordered_map<std::string, int> focus_total_;           // cc -> count
  std::unordered_map<std::string, std::unordered_map<std::string, int>> focus_by_key_;
  std::string top_;  // the country with most evidence
  // admin1 index -> (a surface placed there, more than one surface?)
  std::unordered_map<int32_t, std::pair<std::string, bool>> admin_keys_;
};

// Words that govern an event location in PlaceInSpan.
bool IsLocationalWord(std::string_view w) {
  static constexpr std::array<std::string_view, 9> kWords = {
      "in", "at", "near", "inside", "outside", "within", "across", "around", "into"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

bool IsSkippable(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kWords = {
      "the",          "northern",     "southern",     "eastern",      "western",  "central",
      "northeastern", "northwestern", "southeastern", "southwestern", "downtown", "greater"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

// The lower-cased word ending right before byte `end` (skipping spaces), and
// its start in *start.
std::string PrevWord(std::string_view t, size_t end, size_t* start) {
  size_t k = std::min(end, t.size());
  while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '\n' || t[k - 1] == '\t')) --k;
  size_t e = k;
  while (k > 0 && ((t[k - 1] >= 'a' && t[k - 1] <= 'z') || (t[k - 1] >= 'A' && t[k - 1] <= 'Z')))
    --k;
  *start = k;
  return AsciiLower(t.substr(k, e - k));
}

bool GovernedAt(std::string_view t, size_t begin) {
  size_t pos = begin;
  for (int hop = 0; hop < 4; ++hop) {
    size_t st;
    std::string w = PrevWord(t, pos, &st);
    if (w.empty()) return false;
    if (IsLocationalWord(w)) return true;
    if (w == "of") {
      size_t st2;
      std::string w2 = PrevWord(t, st, &st2);
      return w2 == "territory" || w2 == "outskirts" || w2 == "suburbs" || w2 == "vicinity";
    }
    if (!IsSkippable(w)) return false;
    pos = st;
  }
  return false;
}

}  // namespace

Status Run(const Config& config, Document& doc) {
  doc.places.clear();
  if (doc.text.empty()) return Status::Ok();
  auto gaz = Gazetteer::Get(config);
  if (!gaz.ok()) return gaz.status();
  auto lex = GetLexicon(config);
  if (!lex.ok()) return lex.status();
  Resolver(**gaz, **lex, doc).Run();
  return Status::Ok();
}

int32_t PlaceInSpan(const Document& doc, Span span) {
  int32_t best = -1;
  int best_rank = 0, best_spec = -1;
  uint32_t best_begin = UINT32_MAX;
  for (size_t pi = 0; pi < doc.places.size(); ++pi) {
    const Place& p = doc.places[pi];
    int spec = Specificity(p.feature);
    for (const Span& m : p.mentions) {
      if (!span.Contains(m)) continue;
      int rank;
      if (GovernedAt(doc.text, m.begin)) {
        rank = 2;
      } else {
        bool actor = false;
        for (const Mention& am : doc.mentions) {
          if (am.span.Overlaps(m) && am.entity < doc.entities.size() &&
              doc.entities[am.entity].type == EntityType::kCountry) {
            actor = true;
            break;
          }
        }
        if (actor) continue;
        rank = 1;
      }
      bool better = rank > best_rank || (rank == best_rank && spec > best_spec) ||
                    (rank == best_rank && spec == best_spec && m.begin < best_begin);
      if (better) {
        best = static_cast<int32_t>(pi);
        best_rank = rank;
        best_spec = spec;
        best_begin = m.begin;
      }
    }
  }
  return best;
}

}  // namespace dyad::places

// Copyright (c) dyad authors. Licensed under the Apache License 2.0.

#include "time/scanner.h"

#include <algorithm>
#include <string>

#include "time/calendar.h"

namespace dyad::timex {

namespace {

enum class TokKind : uint8_t { kAlpha, kDigit, kAlnum, kPunct };

// A scanner token: a run of ASCII letters and/or digits, or one punctuation
// character (a whole UTF-8 sequence for non-ASCII bytes).
struct Tok {
  uint32_t b = 0, e = 0;
  TokKind kind = TokKind::kPunct;
  bool space_before = false;  // white space between this and the previous token
  bool nl_before = false;     // a line break between them
  bool cap = false;           // starts with an upper-case ASCII letter
  int num = -1;               // value of a digit token (up to 9 digits)
  const WordInfo* info = nullptr;
};

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Lower-case abbreviations after which a period does not end a sentence
// (only used when the document has no sentences of its own).
bool IsAbbreviation(std::string_view w) {
  static constexpr std::string_view kAbbr[] = {
      "mr",  "mrs", "ms",   "dr",   "gen",  "col", "lt",   "sgt", "st",   "jr",   "sr",
      "no",  "gov", "sen",  "rep",  "prof", "maj", "capt", "adm", "brig", "cmdr", "gen",
      "vs",  "inc", "co",   "corp", "ltd",  "jan", "feb",  "mar", "apr",  "jun",  "jul",
      "aug", "sep", "sept", "oct",  "nov",  "dec", "mt",   "ft",  "u",    "s"};
  for (std::string_view a : kAbbr) {
    if (a == w) return true;
  }
  return w.size() == 1;
}

class Scanner {
 public:
  Scanner(const Lexicon& lex, std::string_view text) : lex_(lex), text_(text) {
    lower_.resize(text.size());
    for (size_t i = 0; i < text.size(); ++i) lower_[i] = Lower(text[i]);
    Tokenize();
  }

  ScanResult Run(const std::vector<Span>& sentences, const std::vector<Token>& tokens) {
    AssignSentences(sentences);
    AssignTags(tokens);
    ComputeCues();
    ScanResult out;
    size_t i = 0;
    while (i < toks_.size()) {
      RawTimex t;
      size_t end = Match(i, &t);
      if (end > i) {
        t.token_end = static_cast<uint32_t>(end);
        t.span.end = toks_[end - 1].e;
        t.sentence = sent_[t.token_begin];
        t.tense = TenseAt(t.token_begin, t.token_end);
        out.timexes.push_back(t);
        last_end_ = end;
        i = end;
      } else {
        ++i;
      }
    }
    CollectYears(out);
    return out;
  }

 private:
  // ---- tokens ------------------------------------------------------------

  void Tokenize() {
    const size_t n = text_.size();
    toks_.reserve(n / 5 + 8);
    bool space = true, nl = true;
    size_t i = 0;
    while (i < n) {
      unsigned char c = static_cast<unsigned char>(text_[i]);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        space = true;
        ++i;
        continue;
      }
      if (c == '\n') {
        space = nl = true;
        ++i;
        continue;
      }
      Tok t;
      t.b = static_cast<uint32_t>(i);
      t.space_before = space;
      t.nl_before = nl;
      if (IsAlpha(static_cast<char>(c)) || IsDigit(static_cast<char>(c))) {
        bool alpha = false, digit = false;
        size_t j = i;
        while (j < n && (IsAlpha(text_[j]) || IsDigit(text_[j]))) {
          (IsDigit(text_[j]) ? digit : alpha) = true;
          ++j;
        }
        t.e = static_cast<uint32_t>(j);
        t.kind = alpha && digit ? TokKind::kAlnum : (digit ? TokKind::kDigit : TokKind::kAlpha);
        t.cap = c >= 'A' && c <= 'Z';
        if (t.kind == TokKind::kDigit && j - i <= 9) {
          int v = 0;
          for (size_t k = i; k < j; ++k) v = v * 10 + (text_[k] - '0');
          t.num = v;
        }
        if (t.kind == TokKind::kAlpha)
          t.info = lex_.Find(std::string_view(lower_).substr(i, j - i));
        i = j;
      } else {
        size_t len = 1;
        if (c >= 0xF0) {
          len = 4;
        } else if (c >= 0xE0) {
          len = 3;
        } else if (c >= 0xC0) {
          len = 2;
        }
        if (i + len > n) len = n - i;
        // U+00A0 NO-BREAK SPACE is white space.
        if (len == 2 && c == 0xC2 && static_cast<unsigned char>(text_[i + 1]) == 0xA0) {
          space = true;
          i += 2;
          continue;
        }
        t.e = static_cast<uint32_t>(i + len);
        t.kind = TokKind::kPunct;
        i += len;
      }
      toks_.push_back(t);
      space = nl = false;
    }
  }

  std::string_view Lw(size_t i) const {
    return std::string_view(lower_).substr(toks_[i].b, toks_[i].e - toks_[i].b);
  }
  bool Ok(size_t i) const { return i < toks_.size(); }
  const WordInfo* Info(size_t i) const { return Ok(i) ? toks_[i].info : nullptr; }
  bool Is(size_t i, std::string_view w) const { return Ok(i) && Lw(i) == w; }
  bool IsPunct(size_t i, char c) const {
    return Ok(i) && toks_[i].kind == TokKind::kPunct && toks_[i].e - toks_[i].b == 1 &&
           text_[toks_[i].b] == c;
  }
  // A dash: '-', en dash, em dash.
  bool IsDash(size_t i) const {
    if (!Ok(i) || toks_[i].kind != TokKind::kPunct) return false;
    std::string_view s = text_.substr(toks_[i].b, toks_[i].e - toks_[i].b);
    return s == "-" || s == "\xE2\x80\x93" || s == "\xE2\x80\x94";
  }
  bool IsApostrophe(size_t i) const {
    if (!Ok(i) || toks_[i].kind != TokKind::kPunct) return false;
    std::string_view s = text_.substr(toks_[i].b, toks_[i].e - toks_[i].b);
    return s == "'" || s == "\xE2\x80\x99";
  }
  bool Adjacent(size_t i) const { return Ok(i) && !toks_[i].space_before; }
  bool IsWord(size_t i) const { return Ok(i) && toks_[i].kind == TokKind::kAlpha; }
  // A capitalised word that is not a time word or a cue: part of a name.
  bool IsNameWord(size_t i) const {
    if (!IsWord(i) || !toks_[i].cap) return false;
    const WordInfo* w = toks_[i].info;
    if (w == nullptr) return true;
    return !(w->month || w->weekday || w->prep || w->link || w->has_shift || w->part ||
             w->determiner || w->has_relday || w->future || w->past || w->present);
  }

  // ---- sentences, tags, cues ---------------------------------------------

  void AssignSentences(const std::vector<Span>& sentences) {
    sent_.assign(toks_.size(), 0);
    if (!sentences.empty()) {
      size_t s = 0;
      for (size_t i = 0; i < toks_.size(); ++i) {
        while (s + 1 < sentences.size() && toks_[i].b >= sentences[s].end) ++s;
        sent_[i] = static_cast<uint32_t>(s);
      }
    } else {
      uint32_t s = 0;
      for (size_t i = 0; i < toks_.size(); ++i) {
        if (i > 0 && (toks_[i].nl_before || EndsSentence(i))) ++s;
        sent_[i] = s;
      }
    }
    // Sentence ranges in token indexes.
    sent_begin_.assign(toks_.size(), 0);
    sent_end_.assign(toks_.size(), static_cast<uint32_t>(toks_.size()));
    size_t i = 0;
    while (i < toks_.size()) {
      size_t j = i;
      while (j < toks_.size() && sent_[j] == sent_[i]) ++j;
      for (size_t k = i; k < j; ++k) {
        sent_begin_[k] = static_cast<uint32_t>(i);
        sent_end_[k] = static_cast<uint32_t>(j);
      }
      i = j;
    }
  }

  // True when a sentence ends before token i (fallback splitter).
  bool EndsSentence(size_t i) const {
    if (!toks_[i].space_before) return false;
    size_t p = i - 1;
    // Skip closing quotes and brackets.
    while (p > 0 && toks_[p].kind == TokKind::kPunct &&
           (IsPunct(p, '"') || IsPunct(p, ')') || IsApostrophe(p) ||
            text_.substr(toks_[p].b, toks_[p].e - toks_[p].b) == "\xE2\x80\x9D")) {
      --p;
    }
    if (!(IsPunct(p, '.') || IsPunct(p, '!') || IsPunct(p, '?'))) return false;
    if (IsPunct(p, '.') && p > 0 && IsWord(p - 1) && Adjacent(p) && IsAbbreviation(Lw(p - 1))) {
      return false;
    }
    return toks_[i].cap || toks_[i].kind != TokKind::kAlpha;
  }

  void AssignTags(const std::vector<Token>& tokens) {
    tags_.assign(toks_.size(), std::string_view());
    if (tokens.empty()) return;
    size_t j = 0;
    for (size_t i = 0; i < toks_.size(); ++i) {
      while (j < tokens.size() && tokens[j].span.begin < toks_[i].b) ++j;
      if (j < tokens.size() && tokens[j].span.begin == toks_[i].b) tags_[i] = tokens[j].tag;
    }
  }

  // A verb form that may be a past tense or participle.
  bool PastLike(size_t k) const {
    if (!IsWord(k)) return false;
    const WordInfo* w = toks_[k].info;
    if (w != nullptr && w->past) return true;
    std::string_view s = Lw(k);
    return !toks_[k].cap && s.size() >= 5 && s.substr(s.size() - 2) == "ed" &&
           s.substr(s.size() - 3) != "eed";
  }

  bool IsBeAux(size_t k) const {
    return Is(k, "be") || Is(k, "been") || Is(k, "being") || Is(k, "is") || Is(k, "are") ||
           Is(k, "was") || Is(k, "were") || Is(k, "am");
  }

  // A content word after "to": not a determiner, so "to" starts a verb.
  bool VerbAfterTo(size_t k) const {
    if (!IsWord(k)) return false;
    const WordInfo* w = toks_[k].info;
    if (w != nullptr && (w->determiner || w->number)) return false;
    return !toks_[k].cap;
  }

  // The tense cue of token k: 'F'uture, 'P'ast, 'R' present, or 0.
  char Cue(size_t k) const {
    if (!IsWord(k)) return 0;
    std::string_view w = Lw(k);
    const WordInfo* info = toks_[k].info;
    std::string_view tag = tags_[k];
    // "won't" and "'ll" (the tokenizer splits at apostrophes).
    if (w == "won" && IsApostrophe(k + 1) && Is(k + 2, "t")) return 'F';
    if (w == "ll") return k > 0 && IsApostrophe(k - 1) ? 'F' : 0;
    if (w == "would") return Is(k + 1, "have") ? 'P' : 'F';
    if (w == "to") return Is(k + 1, "be") && PastLike(k + 2) ? 'F' : 0;
    if ((w == "is" || w == "are" || w == "am" || w == "was" || w == "were") && Is(k + 1, "to") &&
        VerbAfterTo(k + 2)) {
      return 'F';  // "are to hold"
    }
    if (info != nullptr && info->future_to && Is(k + 1, "to") && VerbAfterTo(k + 2)) return 'F';
    if (info != nullptr && info->future) return 'F';
    // A participle after a form of "be" is passive: the auxiliary decides.
    if (k > 0 && IsBeAux(k - 1) && PastLike(k) && w != "been") return 0;
    if (info != nullptr && info->past) return 'P';
    if (info != nullptr && info->present) return 'R';
    if (!tag.empty()) {
      if (tag == "VBD") return 'P';
      if (tag == "VBZ" || tag == "VBP") return 'R';
      return 0;
    }
    if (PastLike(k)) {
      // "the armed forces": an adjective after a determiner.
      if (k > 0 && Info(k - 1) != nullptr && Info(k - 1)->determiner) return 0;
      return 'P';
    }
    return 0;
  }

  void ComputeCues() {
    cue_.resize(toks_.size());
    for (size_t k = 0; k < toks_.size(); ++k) cue_[k] = Cue(k);
  }

  // The tense for an expression over tokens [b, e): the nearest cue before it
  // in its sentence, else the nearest after it, else present.
  Tense TenseAt(size_t b, size_t e) const {
    if (b >= toks_.size()) return Tense::kPresent;
    size_t sb = sent_begin_[b];
    size_t se = sent_end_[b];
    char c = 0;
    for (size_t k = b; k > sb && c == 0;) {
      --k;
      c = cue_[k];
    }
    for (size_t k = e; k < se && c == 0; ++k) c = cue_[k];
    if (c == 'F') return Tense::kFuture;
    if (c == 'P') return Tense::kPast;
    return Tense::kPresent;
  }

  // ---- pieces of dates ---------------------------------------------------

  // A capitalised month name at i (abbreviations may take a '.'). Returns the
  // month and sets *end past it, or 0.
  int MonthAt(size_t i, size_t* end, bool allow_abbr = true) const {
    if (!IsWord(i) || !toks_[i].cap) return 0;
    const WordInfo* w = toks_[i].info;
    if (w == nullptr) return 0;
    if (w->month) {
      *end = i + 1;
      return w->month;
    }
    if (allow_abbr && w->month_abbr) {
      *end = (IsPunct(i + 1, '.') && Adjacent(i + 1)) ? i + 2 : i + 1;
      return w->month_abbr;
    }
    return 0;
  }

  // A digit token that looks like a plain number in a larger number ("29,000",
  // "3.5", "10:30", "2/3").
  bool PartOfNumber(size_t i) const {
    if (Ok(i + 2) && Adjacent(i + 1) && Adjacent(i + 2) && toks_[i + 2].kind == TokKind::kDigit &&
        (IsPunct(i + 1, ',') || IsPunct(i + 1, '.') || IsPunct(i + 1, ':') ||
         IsPunct(i + 1, '/'))) {
      return true;
    }
    if (i >= 2 && Adjacent(i) && Adjacent(i - 1) && toks_[i - 2].kind == TokKind::kDigit &&
        (IsPunct(i - 1, ',') || IsPunct(i - 1, '.') || IsPunct(i - 1, ':') ||
         IsPunct(i - 1, '/'))) {
      return true;
    }
    return (IsPunct(i + 1, '%') && Adjacent(i + 1)) || (i > 0 && IsPunct(i - 1, '$'));
  }

  // A day of the month at i: "2", "02", "2nd", "21st" or, with `words`,
  // "second", "twenty-first". Sets *end.
  int DayAt(size_t i, size_t* end, bool words) const {
    if (!Ok(i)) return 0;
    const Tok& t = toks_[i];
    if (t.kind == TokKind::kDigit) {
      if (t.e - t.b > 2 || t.num < 1 || t.num > 31 || PartOfNumber(i)) return 0;
      *end = i + 1;
      return t.num;
    }
    if (t.kind == TokKind::kAlnum) {
      std::string_view s = Lw(i);
      size_t d = 0;
      int v = 0;
      while (d < s.size() && d <= 2 && IsDigit(s[d])) v = v * 10 + (s[d++] - '0');
      if (d == 0 || d > 2 || v < 1 || v > 31) return 0;
      std::string_view suf = s.substr(d);
      if (suf != "st" && suf != "nd" && suf != "rd" && suf != "th") return 0;
      *end = i + 1;
      return v;
    }
    if (!words || t.kind != TokKind::kAlpha || t.info == nullptr) return 0;
    if (t.info->ordinal) {
      *end = i + 1;
      return t.info->ordinal;
    }
    if ((t.info->number == 20 || t.info->number == 30) && IsPunct(i + 1, '-') &&
        Info(i + 2) != nullptr && Info(i + 2)->ordinal >= 1 && Info(i + 2)->ordinal <= 9) {
      int v = t.info->number + Info(i + 2)->ordinal;
      if (v > 31) return 0;
      *end = i + 3;
      return v;
    }
    return 0;
  }

  // A four-digit year at i (1000-2999).
  int YearAt(size_t i) const {
    if (!Ok(i) || toks_[i].kind != TokKind::kDigit || toks_[i].e - toks_[i].b != 4) return 0;
    int y = toks_[i].num;
    if (y < 1000 || y > 2999) return 0;
    if (i + 1 < toks_.size() && IsPunct(i + 1, ',') && Adjacent(i + 1) && Adjacent(i + 2) &&
        Ok(i + 2) && toks_[i + 2].kind == TokKind::kDigit) {
      return 0;  // "2,019,000"
    }
    return y;
  }

  // After a year: a lower-case plural noun or unit means a count, not a year:
  // "2019 soldiers", "in 2000 homes".
  bool CountAfter(size_t i) const {
    if (!IsWord(i) || toks_[i].cap) return false;
    std::string_view w = Lw(i);
    const WordInfo* info = toks_[i].info;
    if (info != nullptr && (info->past || info->present || info->future || info->prep ||
                            info->link || info->determiner)) {
      return false;
    }
    if (w == "people" || w == "men" || w == "women" || w == "children" || w == "km" || w == "kg" ||
        w == "percent" || w == "per" || w == "troops" || w == "tonnes" || w == "feet" ||
        w == "metres" || w == "meters" || w == "miles") {
      return true;
    }
    return w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's' && w != "this" &&
           w != "thus" && w != "has" && w != "was" && w != "its" && w != "his";
  }

  // ---- the grammar -------------------------------------------------------

  // Tries every rule at token i. Returns the end token (> i) on success.
  size_t Match(size_t i, RawTimex* t) {
    const Tok& tok = toks_[i];
    t->token_begin = static_cast<uint32_t>(i);
    t->span.begin = tok.b;
    size_t end;
    if (tok.kind == TokKind::kDigit && (end = Numeric(i, t)) > i) return end;
    if (tok.kind == TokKind::kAlpha && tok.info != nullptr) {
      if ((end = Shifted(i, t)) > i) return end;
      if ((end = RelDay(i, t)) > i) return end;
    }
    if ((end = Ago(i, t)) > i) return end;
    if ((end = Absolute(i, t)) > i) return end;
    if ((end = BareWeekday(i, t)) > i) return end;
    if ((end = BareYear(i, t)) > i) return end;
    return i;
  }

  // Moves the start of `t` back over a preposition and "the end of"-style
  // words before token i. Returns the new first token.
  size_t ExtendBack(size_t i, RawTimex* t) const {
    size_t b = i;
    if (b >= 2 && IsPunct(b - 1, '-') && Is(b - 2, "mid")) {
      b -= 2;
    } else if (b >= 1 && Info(b - 1) != nullptr && (Info(b - 1)->prep || Info(b - 1)->part)) {
      b -= 1;
      if (Is(b, "of") && b >= 2 &&
          (Is(b - 1, "end") || Is(b - 1, "beginning") || Is(b - 1, "start") ||
           Is(b - 1, "middle") || Is(b - 1, "turn")) &&
          Is(b - 2, "the")) {
        b -= 2;
      }
    }
    t->token_begin = static_cast<uint32_t>(b);
    t->span.begin = toks_[b].b;
    return b;
  }

  // True when a bare month or year at i is introduced as a date: "in",
  // "since", "mid-", "early", or "and"/"to" right after another date.
  bool HasCue(size_t i) const {
    if (i == 0) return false;
    if (IsPunct(i - 1, '-') && i >= 2 && Is(i - 2, "mid")) return true;
    const WordInfo* w = Info(i - 1);
    if (w == nullptr) return false;
    if (w->prep || w->part) return true;
    if (w->link && i >= 2) return last_end_ == i - 1;
    return false;
  }

  // "2019-07-02", "2019/07/02", "02/07/2019", "2.7.19".
  size_t Numeric(size_t i, RawTimex* t) const {
    if (!Ok(i + 4)) return i;
    for (size_t k = i + 1; k <= i + 4; ++k) {
      if (!Adjacent(k)) return i;
    }
    if (toks_[i + 2].kind != TokKind::kDigit || toks_[i + 4].kind != TokKind::kDigit) return i;
    if (i > 0 && Adjacent(i) && toks_[i - 1].kind != TokKind::kPunct) return i;
    if (i > 0 && Adjacent(i) && (IsPunct(i - 1, '.') || IsPunct(i - 1, '/'))) return i;
    if (Ok(i + 5) && Adjacent(i + 5) &&
        (toks_[i + 5].kind != TokKind::kPunct || IsPunct(i + 5, '/') ||
         ((IsPunct(i + 5, '.') || IsPunct(i + 5, '-')) && Ok(i + 6) && Adjacent(i + 6) &&
          toks_[i + 6].kind == TokKind::kDigit))) {
      return i;
    }
    char s1 = IsPunct(i + 1, '-') ? '-' : IsPunct(i + 1, '/') ? '/' : IsPunct(i + 1, '.') ? '.' : 0;
    char s2 = IsPunct(i + 3, '-') ? '-' : IsPunct(i + 3, '/') ? '/' : IsPunct(i + 3, '.') ? '.' : 0;
    if (s1 == 0 || s1 != s2) return i;
    size_t l0 = toks_[i].e - toks_[i].b, l1 = toks_[i + 2].e - toks_[i + 2].b,
           l2 = toks_[i + 4].e - toks_[i + 4].b;
    int a = toks_[i].num, b = toks_[i + 2].num, c = toks_[i + 4].num;
    int y = 0, m = 0, d = 0;
    if (l0 == 4 && l1 <= 2 && l2 <= 2 && s1 != '.') {
      y = a, m = b, d = c;
    } else if (l0 <= 2 && l1 <= 2 && (l2 == 4 || (l2 == 2 && s1 != '-'))) {
      y = l2 == 4 ? c : (c < 50 ? 2000 + c : 1900 + c);
      if (a > 12 && b <= 12) {
        d = a, m = b;
      } else if (b > 12 && a <= 12) {
        m = a, d = b;
      } else {
        d = a, m = b;  // day-first by default
      }
    } else {
      return i;
    }
    if (y < 1000 || !IsValidDay(y, m, d)) return i;
    t->kind = TimexKind::kAbsolute;
    t->year = y, t->month = m, t->day = d;
    ExtendBack(i, t);
    return i + 5;
  }

  // A month-day without a year after a "this month" phrase: ", on 2nd July".
  size_t AnchoredDay(size_t j, RawTimex* t) const {
    size_t k = j;
    if (IsPunct(k, ',')) ++k;
    if (Is(k, "on")) ++k;
    RawTimex d;
    size_t end = DateCore(k, &d);
    if (end <= k || d.kind != TimexKind::kMonthDay) return j;
    t->kind = TimexKind::kMonthDay;
    t->month = d.month;
    t->day = d.day;
    t->anchor = true;
    return end;
  }

  // [earlier|later] this|last|next week|month|year|weekend, weekday, month.
  size_t Shifted(size_t i, RawTimex* t) {
    size_t k = i;
    int part = 0;
    if (Info(k)->part && Info(k + 1) != nullptr && Info(k + 1)->has_shift) {
      part = Info(k)->part;
      ++k;
    }
    const WordInfo* s = Info(k);
    if (s == nullptr || !s->has_shift) return i;
    std::string_view sw = Lw(k);
    // "the last year", "over the next week": durations.
    if (i > 0 && Info(i - 1) != nullptr && Info(i - 1)->determiner) return i;
    int shift = s->shift;
    bool this_shift = sw == "this";
    if (sw != "this" && sw != "last" && sw != "next") return i;
    ++k;
    if (this_shift && (Is(k, "past") || Is(k, "coming"))) {
      shift = 0;
      ++k;
      if (!IsWord(k) || Info(k) == nullptr || !Info(k)->weekday || !toks_[k].cap) return i;
    }
    const WordInfo* x = Info(k);
    if (x == nullptr || !IsWord(k)) return i;
    std::string_view xw = Lw(k);
    size_t end = k + 1;
    if (x->unit != Unit::kNone && xw.back() != 's') {
      t->kind = TimexKind::kUnitOffset;
      t->unit = x->unit;
      t->count = shift;
      if (x->unit == Unit::kDay) return i;  // "next day": relative to another event
      if (x->unit == Unit::kMonth || x->unit == Unit::kWeek || x->unit == Unit::kYear) {
        size_t a = AnchoredDay(end, t);
        if (a > end) {
          t->anchor_shift = shift;
          t->anchor_unit = x->unit;
          if (part == 1) t->shift = -2;  // marker: earlier -> past
          if (part == 2) t->shift = 2;   // later -> future
          if (x->unit == Unit::kYear) t->anchor = false;
          return a;
        }
      }
      return end;
    }
    if (x->weekday && toks_[k].cap) {
      t->kind = TimexKind::kWeekday;
      t->weekday = x->weekday;
      t->shift = this_shift ? 0 : shift;
      t->this_shift = this_shift;
      if (Info(end) != nullptr && Info(end)->daypart && !toks_[end].cap) ++end;
      return end;
    }
    if (x->month && toks_[k].cap) {
      size_t e2;
      if (DayAt(end, &e2, false)) return i;  // "next May 5": leave to the day rule
      t->kind = TimexKind::kMonth;
      t->month = x->month;
      t->shift = this_shift ? 0 : shift;
      t->this_shift = this_shift;
      return end;
    }
    if (x->daypart && part == 0) {
      if (this_shift && xw != "night") {
        t->kind = TimexKind::kDayOffset;
        t->count = 0;
        return end;
      }
      if (sw == "last" && xw == "night") {
        t->kind = TimexKind::kDayOffset;
        t->count = -1;
        return end;
      }
    }
    return i;
  }

  // today, tonight, yesterday, tomorrow [morning|afternoon|evening|night].
  size_t RelDay(size_t i, RawTimex* t) const {
    const WordInfo* w = Info(i);
    if (!w->has_relday) return i;
    if (toks_[i].cap && i > 0 && IsNameWord(i - 1) && !toks_[i].nl_before) return i;  // "USA Today"
    if (i > 0 && Is(i - 1, "before") && i >= 2 && Is(i - 2, "day")) return i;
    t->kind = TimexKind::kDayOffset;
    t->count = w->relday;
    size_t end = i + 1;
    if (Info(end) != nullptr && Info(end)->daypart && !toks_[end].cap) ++end;
    return end;
  }

  // "two days ago", "a year ago", "3 weeks ago".
  size_t Ago(size_t i, RawTimex* t) const {
    int n = 0;
    if (Ok(i) && toks_[i].kind == TokKind::kDigit && toks_[i].e - toks_[i].b <= 3) {
      n = toks_[i].num;
    } else if (Info(i) != nullptr && Info(i)->number) {
      n = Info(i)->number;
    }
    if (n <= 0) return i;
    const WordInfo* u = Info(i + 1);
    if (u == nullptr || u->unit == Unit::kNone || !Is(i + 2, "ago")) return i;
    t->kind = TimexKind::kAgo;
    t->unit = u->unit;
    t->count = n;
    return i + 3;
  }

  // The core of an absolute or day-month date at k, without a leading weekday.
  size_t DateCore(size_t k, RawTimex* t) const {
    size_t e;
    // Day first: "29 March 2024", "2nd July", "the 2nd of July".
    size_t d0 = k;
    bool the = Is(k, "the");
    if (the) ++d0;
    int day = DayAt(d0, &e, the);
    if (day) {
      size_t m0 = e;
      if (Is(m0, "of")) ++m0;
      size_t me;
      int month = MonthAt(m0, &me);
      if (month) {
        if (month == 2 ? day > 29 : day > DaysInMonth(2001, month)) return k;
        size_t y0 = me;
        if (IsPunct(y0, ',')) ++y0;
        int year = YearAt(y0);
        if (year && !CountAfter(y0 + 1)) {
          if (!IsValidDay(year, month, day)) return k;
          t->kind = TimexKind::kAbsolute;
          t->year = year, t->month = month, t->day = day;
          return y0 + 1;
        }
        t->kind = TimexKind::kMonthDay;
        t->month = month, t->day = day;
        return me;
      }
    }
    if (the) return k;
    size_t me;
    int month = MonthAt(k, &me);
    if (!month) return k;
    // Month first: "March 29, 2024", "July 2", "July 2nd".
    day = DayAt(me, &e, false);
    if (day && !(IsWord(e) && !toks_[e].cap && CountAfter(e))) {
      if (month == 2 ? day > 29 : day > DaysInMonth(2001, month)) return k;
      size_t y0 = e;
      if (IsPunct(y0, ',')) ++y0;
      int year = YearAt(y0);
      if (year && !CountAfter(y0 + 1)) {
        if (!IsValidDay(year, month, day)) return k;
        t->kind = TimexKind::kAbsolute;
        t->year = year, t->month = month, t->day = day;
        return y0 + 1;
      }
      t->kind = TimexKind::kMonthDay;
      t->month = month, t->day = day;
      return e;
    }
    // Month and year: "April 2019", "April, 2019", "April of 2019".
    size_t y0 = me;
    if (IsPunct(y0, ',') || Is(y0, "of")) ++y0;
    int year = YearAt(y0);
    if (year && !CountAfter(y0 + 1)) {
      t->kind = TimexKind::kAbsolute;
      t->year = year, t->month = month;
      return y0 + 1;
    }
    // A month alone; the caller checks for a cue.
    t->kind = TimexKind::kMonth;
    t->month = month;
    return me;
  }

  // [Weekday[,]] date, or a bare month after a cue.
  size_t Absolute(size_t i, RawTimex* t) {
    // A month or day right after a capitalised name word is part of a name
    // ("Theresa May"), unless it is a weekday.
    size_t k = i;
    const WordInfo* w = Info(i);
    if (IsWord(i) && toks_[i].cap && w != nullptr && (w->weekday || w->weekday_abbr)) {
      k = i + 1;
      if (IsPunct(k, '.') && Adjacent(k)) ++k;
      if (IsPunct(k, ',')) ++k;
      RawTimex d;
      size_t end = DateCore(k, &d);
      if (end > k && d.kind != TimexKind::kMonth) {
        d.span = t->span;
        d.token_begin = t->token_begin;
        d.weekday = w->weekday ? w->weekday : w->weekday_abbr;
        *t = d;
        ExtendBack(i, t);
        return end;
      }
      return i;
    }
    size_t end = DateCore(i, t);
    if (end <= i) return i;
    size_t me;
    // A month after a capitalised name word without a year is part of a name
    // ("Theresa May").
    if (t->kind != TimexKind::kAbsolute && MonthAt(i, &me) && i > 0 && IsNameWord(i - 1) &&
        !toks_[i].nl_before) {
      return i;
    }
    // Bare months need a cue; abbreviations never stand alone.
    if (t->kind == TimexKind::kMonth && (!HasCue(i) || !MonthAt(i, &me, false))) return i;
    ExtendBack(i, t);
    return end;
  }

  // "on Thursday", "Thursday night".
  size_t BareWeekday(size_t i, RawTimex* t) const {
    const WordInfo* w = Info(i);
    if (w == nullptr || !w->weekday || !toks_[i].cap) return i;
    if (i > 0 && IsNameWord(i - 1) && !toks_[i].nl_before) return i;  // "Good Friday"
    t->kind = TimexKind::kWeekday;
    t->weekday = w->weekday;
    size_t end = i + 1;
    if (Info(end) != nullptr && Info(end)->daypart && !toks_[end].cap) ++end;
    ExtendBack(i, t);
    return end;
  }

  // "in 2019", "since 2015", "mid-2019", "early 2020", "from 2015 to 2019".
  size_t BareYear(size_t i, RawTimex* t) {
    int y = YearAt(i);
    if (!y || y < 1800 || y > 2100 || !HasCue(i)) return i;
    if (CountAfter(i + 1)) return i;
    t->kind = TimexKind::kAbsolute;
    t->year = y;
    ExtendBack(i, t);
    return i + 1;
  }

  // ---- years as evidence -------------------------------------------------

  // True when the year at i follows a copyright sign: page chrome.
  bool Copyright(size_t i) const {
    for (size_t k = i; k > 0 && k + 4 > i;) {
      --k;
      std::string_view s = text_.substr(toks_[k].b, toks_[k].e - toks_[k].b);
      if (s == "\xC2\xA9" || Lw(k) == "copyright") return true;
      if (Is(k, "c") && IsPunct(k - 1, '(') && IsPunct(k + 1, ')')) return true;
    }
    return false;
  }

  // True when the date starting at token b opens or closes a range.
  bool IsBound(size_t b) const {
    if (b > 0 && Info(b - 1) != nullptr && Info(b - 1)->link) return true;  // "to 2017"
    std::string_view s = Lw(b);
    return s == "since" || s == "from" || s == "between" || s == "until" || s == "till" ||
           s == "through" || s == "throughout" || s == "by" || s == "before" || s == "after";
  }

  void CollectYears(ScanResult& out) const {
    size_t ti = 0;
    for (size_t i = 0; i < toks_.size(); ++i) {
      if (toks_[i].kind != TokKind::kDigit || toks_[i].e - toks_[i].b != 4) continue;
      int y = toks_[i].num;
      if (y < 1800 || y > 2100) continue;
      while (ti < out.timexes.size() && out.timexes[ti].token_end <= i) ++ti;
      YearMention m;
      m.year = y;
      m.span = Span{toks_[i].b, toks_[i].e};
      if (ti < out.timexes.size() && out.timexes[ti].token_begin <= i) {
        const RawTimex& t = out.timexes[ti];
        if (t.kind != TimexKind::kAbsolute || t.year != y) continue;
        m.use = YearUse::kDate;
        m.tense = t.tense;
        m.bound = IsBound(t.token_begin);
        out.years.push_back(m);
        continue;
      }
      if (PartOfNumber(i) || (i > 0 && IsPunct(i - 1, '#')) || Copyright(i)) continue;
      bool name = false;
      if (i >= 2 && IsPunct(i - 1, '-') && Adjacent(i) && Adjacent(i - 1) && IsWord(i - 2) &&
          toks_[i - 2].cap) {
        name = true;  // "Friendship-2019"
      } else if (i >= 1 && IsNameWord(i - 1) && !toks_[i].nl_before) {
        name = true;  // "Vision 2030"
      } else if (IsNameWord(i + 1) && !toks_[i + 1].nl_before &&
                 !(i > 0 && Info(i - 1) != nullptr && Info(i - 1)->prep)) {
        name = true;  // "2019 Asian Games"
      }
      if (name) {
        m.use = YearUse::kName;
      } else if (i > 0 &&
                 ((Info(i - 1) != nullptr && Info(i - 1)->determiner) ||
                  (Is(i - 1, "s") && i >= 2 && IsApostrophe(i - 2))) &&
                 IsWord(i + 1) && !toks_[i + 1].cap) {
        m.use = YearUse::kAttributive;  // "the 2019 exercise", "Kenya's 2021 plan"
      } else {
        continue;
      }
      m.tense = TenseAt(i, i + 1);
      out.years.push_back(m);
    }
  }

  const Lexicon& lex_;
  std::string_view text_;
  std::string lower_;
  std::vector<Tok> toks_;
  std::vector<uint32_t> sent_, sent_begin_, sent_end_;
  std::vector<std::string_view> tags_;
  std::vector<char> cue_;
  size_t last_end_ = static_cast<size_t>(-1);  // end token of the last date
};

// The year for month `m` given the reference and tense (see time.h).
int YearForMonth(int m, const Date& ref, Tense tense, int shift, bool this_shift) {
  if (ref.month == 0 || this_shift) return ref.year;
  if (shift < 0) return m < ref.month ? ref.year : ref.year - 1;
  if (shift > 0) return m > ref.month ? ref.year : ref.year + 1;
  if (tense == Tense::kPast) return m <= ref.month ? ref.year : ref.year - 1;
  if (tense == Tense::kFuture) return m >= ref.month ? ref.year : ref.year + 1;
  int back = (ref.month - m + 12) % 12;
  int fwd = (m - ref.month + 12) % 12;
  if (back <= fwd) return m <= ref.month ? ref.year : ref.year - 1;
  return m >= ref.month ? ref.year : ref.year + 1;
}

}  // namespace

ScanResult Scan(const Lexicon& lex, std::string_view text, const std::vector<Span>& sentences,
                const std::vector<Token>& tokens) {
  Scanner s(lex, text);
  return s.Run(sentences, tokens);
}

Date Resolve(const RawTimex& t, const Date& ref, Tense tense) {
  Date out;
  switch (t.kind) {
    case TimexKind::kAbsolute:
      out.year = t.year, out.month = t.month, out.day = t.day;
      return out;
    case TimexKind::kMonthDay:
    case TimexKind::kMonth: {
      if (!ref.known()) return out;
      Tense tn = tense;
      if (t.anchor && t.shift == -2) tn = Tense::kPast;
      if (t.anchor && t.shift == 2) tn = Tense::kFuture;
      int shift = t.kind == TimexKind::kMonth ? t.shift : 0;
      out.year = YearForMonth(t.month, ref, tn, shift, t.this_shift);
      out.month = t.month;
      if (t.kind == TimexKind::kMonthDay) {
        out.day = IsValidDay(out.year, t.month, t.day) ? t.day : 0;
      }
      return out;
    }
    case TimexKind::kWeekday: {
      if (!ref.known()) return out;
      if (ref.day == 0) return ref;
      int rw = Weekday(ref);
      int back = (rw - t.weekday + 7) % 7;
      int fwd = (t.weekday - rw + 7) % 7;
      if (t.shift < 0) return AddDays(ref, back == 0 ? -7 : -back);
      if (t.shift > 0) return AddDays(ref, fwd == 0 ? 7 : fwd);
      return tense == Tense::kFuture ? AddDays(ref, fwd) : AddDays(ref, -back);
    }
    case TimexKind::kDayOffset:
      if (!ref.known()) return out;
      if (ref.day == 0) return ref;
      return AddDays(ref, t.count);
    case TimexKind::kUnitOffset:
    case TimexKind::kAgo: {
      if (!ref.known()) return out;
      int n = t.kind == TimexKind::kAgo ? -t.count : t.count;
      switch (t.unit) {
        case Unit::kDay:
          if (ref.day == 0) return ref;
          return AddDays(ref, n);
        case Unit::kWeek:
        case Unit::kWeekend:
        case Unit::kFortnight: {
          int days = n * (t.unit == Unit::kFortnight ? 14 : 7);
          if (ref.month == 0) return Date{ref.year, 0, 0};
          Date base{ref.year, ref.month, ref.day == 0 ? 15 : ref.day};
          Date d = AddDays(base, days);
          return Date{d.year, d.month, 0};
        }
        case Unit::kMonth:
          if (ref.month == 0) return Date{ref.year, 0, 0};
          return AddMonths(ref, n);
        case Unit::kYear:
          return Date{ref.year + n, 0, 0};
        case Unit::kNone:
          return out;
      }
      return out;
    }
  }
  return out;
}

}  // namespace dyad::timex

// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The story's date (meta.published) is chosen in this order:
//   1. meta.input_date, when the caller supplied one ("input").
//   2. A byline line near the top: a short paragraph with a full date and
//      "Published", "Posted", "Updated", "By ..." or a '|' separator
//      ("byline: '...'"); "Published"/"Posted" beat "Updated".
//   3. A dateline with a year: "WASHINGTON, July 3, 2019 (Reuters) -".
//   4. meta.published from the page's metadata, else a date in meta.url
//      ("/2019/07/03/"), else meta.page_date, else a
//      display line at the top that holds only a date (which also fills
//      meta.page_date). A dateline without a year takes its month and day.
//      The date is dropped when the content contradicts it: every year the
//      body names is earlier than its year, none equals it, and there is
//      support: for a page or display date, a year said in the future tense
//      ("will be held in October 2019"), a year in a name ("Friendship-2019",
//      "the 2019 exercise") or a "this month, on <day month>" anchor; for a
//      metadata date, a future-tense year, or a named year with an anchor.
//   5. The content: the latest year named in a past or present context
//      (years in names such as "Friendship-2019" count unless they run ahead
//      of dated years; range bounds such as "since 1984" never count; when
//      a date in 4 was contradicted, the earliest future-tense year is a last
//      resort), with the month (and day) of a dateline, or the month implied
//      by "earlier this month, on 2nd July" / "last month, on ...". With
//      "earlier this week, on 4th May" the story is the latest weekday named
//      after that day in its week (day precision); when no year is named,
//      the year is the latest one, not after the contradicted date nor
//      before a "since" bound, in which the day's weekday fits the weekdays
//      the story names. Years after a copyright sign are chrome.
// Relative expressions are then resolved against that date. The clock is
// never read.

#include "time/time.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "core/once.h"
#include "core/text.h"
#include "core/tsv.h"
#include "time/calendar.h"
#include "time/scanner.h"

namespace dyad::timex {

// ---- lexicon ---------------------------------------------------------------

const WordInfo* Lexicon::Find(std::string_view lower) const {
  auto it = words_.find(lower);
  return it == words_.end() ? nullptr : &it->second;
}

Status Lexicon::Load(const std::string& path, Lexicon* lex) {
  return ReadTsv(path, 3, [lex](int, const std::vector<std::string_view>& f) -> Status {
    std::string word = AsciiLower(Trim(f[0]));
    std::string_view kind = Trim(f[1]);
    std::string_view value = Trim(f[2]);
    if (word.empty()) return Status::DataError("empty word");
    auto number = [&](int lo, int hi, int* out) -> Status {
      std::string v(value);
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || end == nullptr || *end != '\0' || n < lo || n > hi) {
        return Status::DataError("bad value '" + v + "' for kind '" + std::string(kind) +
                                 "' (expected " + std::to_string(lo) + ".." + std::to_string(hi) +
                                 ")");
      }
      *out = static_cast<int>(n);
      return Status::Ok();
    };
    WordInfo& w = lex->words_[word];
    int n = 0;
    if (kind == "month") {
      DYAD_RETURN_IF_ERROR(number(1, 12, &n));
      w.month = static_cast<int8_t>(n);
    } else if (kind == "month_abbr") {
      DYAD_RETURN_IF_ERROR(number(1, 12, &n));
      w.month_abbr = static_cast<int8_t>(n);
    } else if (kind == "weekday") {
      DYAD_RETURN_IF_ERROR(number(1, 7, &n));
      w.weekday = static_cast<int8_t>(n);
    } else if (kind == "weekday_abbr") {
      DYAD_RETURN_IF_ERROR(number(1, 7, &n));
      w.weekday_abbr = static_cast<int8_t>(n);
    } else if (kind == "ordinal") {
      DYAD_RETURN_IF_ERROR(number(1, 31, &n));
      w.ordinal = static_cast<int8_t>(n);
    } else if (kind == "number") {
      DYAD_RETURN_IF_ERROR(number(1, 99, &n));
      w.number = static_cast<int8_t>(n);
    } else if (kind == "unit") {
      if (value == "day") {
        w.unit = Unit::kDay;
      } else if (value == "week") {
        w.unit = Unit::kWeek;
      } else if (value == "weekend") {
        w.unit = Unit::kWeekend;
      } else if (value == "fortnight") {
        w.unit = Unit::kFortnight;
      } else if (value == "month") {
        w.unit = Unit::kMonth;
      } else if (value == "year") {
        w.unit = Unit::kYear;
      } else {
        return Status::DataError("bad unit '" + std::string(value) + "'");
      }
    } else if (kind == "relday") {
      DYAD_RETURN_IF_ERROR(number(-7, 7, &n));
      w.has_relday = true;
      w.relday = static_cast<int8_t>(n);
    } else if (kind == "shift") {
      DYAD_RETURN_IF_ERROR(number(-1, 1, &n));
      w.has_shift = true;
      w.shift = static_cast<int8_t>(n);
    } else if (kind == "part") {
      if (value != "early" && value != "late") {
        return Status::DataError("bad part '" + std::string(value) + "' (early or late)");
      }
      w.part = value == "early" ? 1 : 2;
    } else if (kind == "daypart") {
      w.daypart = true;
    } else if (kind == "prep") {
      w.prep = true;
    } else if (kind == "link") {
      w.link = true;
    } else if (kind == "ago") {
      w.ago = true;
    } else if (kind == "future") {
      w.future = true;
    } else if (kind == "future_to") {
      w.future_to = true;
    } else if (kind == "past") {
      w.past = true;
    } else if (kind == "present") {
      w.present = true;
    } else if (kind == "determiner") {
      w.determiner = true;
    } else {
      return Status::DataError("unknown kind '" + std::string(kind) + "'");
    }
    return Status::Ok();
  });
}

Result<const Lexicon*> Lexicon::Get(const Config& config) {
  std::string path = config.data_dir + "/time_words.tsv";
  return LoadOnce<Lexicon>(path, [&path](Lexicon& lex) { return Load(path, &lex); });
}

// ---- pure helpers ----------------------------------------------------------

Resolution ResolveExpression(const Lexicon& lex, std::string_view phrase, const Date& reference,
                             Tense tense) {
  Resolution out;
  ScanResult r = Scan(lex, phrase, {}, {});
  if (r.timexes.empty()) return out;
  const RawTimex& t = r.timexes.front();
  out.found = true;
  out.span = t.span;
  out.value = Resolve(t, reference, tense);
  out.relative = t.kind != TimexKind::kAbsolute;
  return out;
}

std::vector<Timex> FindTimexes(const Lexicon& lex, std::string_view text, const Date& reference) {
  ScanResult r = Scan(lex, text, {}, {});
  std::vector<Timex> out;
  out.reserve(r.timexes.size());
  for (const RawTimex& t : r.timexes) {
    Timex x;
    x.span = t.span;
    x.value = Resolve(t, reference, t.tense);
    x.relative = t.kind != TimexKind::kAbsolute;
    out.push_back(x);
  }
  return out;
}

// ---- the story's date ------------------------------------------------------

namespace {

constexpr size_t kLeadParagraphs = 8;  // where bylines and display dates sit
constexpr size_t kDatelineParagraphs = 5;
constexpr size_t kShortLine = 160;  // bytes: a byline or display line

// A date found at the top of the story.
struct LeadDate {
  bool found = false;
  Date date;
  Span span;         // the paragraph (or dateline prefix) quoted as evidence
  size_t timex = 0;  // index into ScanResult::timexes
  int priority = 0;  // bylines: 2 published/posted, 1 updated
};

std::string Quote(std::string_view text, Span s) {
  std::string_view q = Trim(text.substr(s.begin, s.end - s.begin));
  bool cut = q.size() > 80;
  if (cut) {
    size_t n = 77;
    while (n > 0 && (static_cast<unsigned char>(q[n]) & 0xC0) == 0x80) --n;
    q = q.substr(0, n);
  }
  std::string out;
  out.reserve(q.size() + 5);
  out.push_back('\'');
  out.append(q);
  if (cut) out.append("...");
  out.push_back('\'');
  return out;
}

bool IsAlnumByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Paragraph spans: the document's, or the text's non-empty lines.
std::vector<Span> Paragraphs(const Document& doc) {
  if (!doc.paragraphs.empty()) return doc.paragraphs;
  std::vector<Span> out;
  size_t b = 0;
  const std::string& t = doc.text;
  while (b < t.size()) {
    size_t e = t.find('\n', b);
    if (e == std::string::npos) e = t.size();
    if (!Trim(std::string_view(t).substr(b, e - b)).empty()) {
      out.push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    }
    b = e + 1;
  }
  return out;
}

// True when `s` (a dateline's text before the date) looks like "WASHINGTON, "
// or "Islamabad, Pakistan, " or is empty.
bool DatelinePrefix(std::string_view s) {
  s = Trim(s);
  if (s.empty()) return true;
  if (s.back() != ',') return false;
  if (!(s[0] >= 'A' && s[0] <= 'Z')) return false;
  for (char c : s) {
    if (!(IsAlnumByte(c) || c == ' ' || c == '.' || c == ',' || c == '-' || c == '\'' ||
          static_cast<unsigned char>(c) >= 0x80)) {
      return false;
    }
  }
  return s.size() <= 60;
}

// True when `s` (the text after a dateline's date) starts with an optional
// "(Agency)" and then a dash or colon.
bool DatelineSuffix(std::string_view s) {
  s = Trim(s);
  if (!s.empty() && s[0] == '(') {
    size_t close = s.find(')');
    if (close == std::string_view::npos || close > 40) return false;
    s = Trim(s.substr(close + 1));
  }
  return StartsWith(s, "-") || StartsWith(s, ":") || StartsWith(s, "\xE2\x80\x93") ||
         StartsWith(s, "\xE2\x80\x94");
}

// A date in an article URL: ".../2019/07/03/...", ".../2019/07/...",
// "...-2019-07-03-...". Unknown when there is none.
Date UrlDate(std::string_view url) {
  auto digits = [&](size_t at, size_t n) {
    if (at + n > url.size()) return -1;
    int v = 0;
    for (size_t k = at; k < at + n; ++k) {
      if (url[k] < '0' || url[k] > '9') return -1;
      v = v * 10 + (url[k] - '0');
    }
    if (at + n < url.size() && url[at + n] >= '0' && url[at + n] <= '9') return -1;
    return v;
  };
  for (size_t i = 1; i + 7 < url.size(); ++i) {
    char before = url[i - 1];
    if (before != '/' && before != '-' && before != '_') continue;
    int y = digits(i, 4);
    if (y < 1990 || y > 2099) continue;
    char sep = url[i + 4];
    if (sep != '/' && sep != '-') continue;
    int m = digits(i + 5, 2);
    if (m < 1 || m > 12) continue;
    Date d{y, m, 0};
    if (i + 10 < url.size() && url[i + 7] == sep) {
      int day = digits(i + 8, 2);
      if (IsValidDay(y, m, day)) d.day = day;
    }
    return d;
  }
  return Date{};
}

struct Lead {
  LeadDate display, byline, dateline;
  std::vector<bool> chrome;  // per timex: in a display or byline line
};

Lead FindLead(const Document& doc, const std::vector<Span>& paras, const ScanResult& r) {
  Lead lead;
  lead.chrome.assign(r.timexes.size(), false);
  std::string_view text(doc.text);
  size_t ti = 0;
  for (size_t p = 0; p < paras.size() && p < kLeadParagraphs; ++p) {
    Span ps = paras[p];
    while (ti < r.timexes.size() && r.timexes[ti].span.begin < ps.begin) ++ti;
    for (size_t k = ti; k < r.timexes.size() && r.timexes[k].span.end <= ps.end; ++k) {
      const RawTimex& t = r.timexes[k];
      std::string_view para = text.substr(ps.begin, ps.size());
      // A short line with a dated year: display date or byline.
      if (ps.size() <= kShortLine && t.kind == TimexKind::kAbsolute && t.month != 0) {
        bool only_date = true;
        for (uint32_t b = ps.begin; b < ps.end; ++b) {
          if (b >= t.span.begin && b < t.span.end) continue;
          if (IsAlnumByte(text[b])) only_date = false;
        }
        std::string low = AsciiLower(para);
        bool pub =
            low.find("published") != std::string::npos || low.find("posted") != std::string::npos;
        bool upd =
            low.find("updated") != std::string::npos || low.find("modified") != std::string::npos;
        bool by = StartsWith(low, "by ") || low.find('|') != std::string::npos ||
                  low.find("\xE2\x80\xA2") != std::string::npos;
        Date d{t.year, t.month, t.day};
        if (only_date) {
          if (!lead.display.found) lead.display = {true, d, ps, k, 0};
          lead.chrome[k] = true;
          continue;
        }
        if (pub || upd || by) {
          int prio = pub || (by && !upd) ? 2 : 1;
          if (!lead.byline.found || prio > lead.byline.priority) {
            lead.byline = {true, d, ps, k, prio};
          }
          lead.chrome[k] = true;
          continue;
        }
      }
      // A dateline: "CITY, July 3 (Agency) -".
      if (p < kDatelineParagraphs && !lead.dateline.found && t.day != 0 &&
          (t.kind == TimexKind::kAbsolute || t.kind == TimexKind::kMonthDay) &&
          t.span.begin - ps.begin <= 80 &&
          DatelinePrefix(text.substr(ps.begin, t.span.begin - ps.begin)) &&
          DatelineSuffix(text.substr(t.span.end, std::min<size_t>(60, ps.end - t.span.end)))) {
        Date d{t.kind == TimexKind::kAbsolute ? t.year : 0, t.month, t.day};
        lead.dateline = {true, d, Span{ps.begin, t.span.end}, k, 0};
      }
    }
  }
  return lead;
}

// What the content says about the story's date.
struct Content {
  std::vector<YearMention> years;  // outside display and byline lines
  std::vector<size_t> anchors;     // timexes "earlier this month, on 2nd July"
  std::vector<int> weekdays;       // bare weekdays said in a past or present clause
  int lower_bound = 0;             // the story is not before this year ("since 2021")
};

// The year the content points to (see the file comment), or 0. Years that
// bound a range ("since 1984") never date the story; years said in the future
// tense only when `allow_future` (the earliest of them: the story cannot be
// later).
int ContentYear(const Content& c, bool allow_future) {
  int dated = 0, named = 0, future_min = 0;
  for (const YearMention& m : c.years) {
    if (m.use == YearUse::kName) {
      named = std::max(named, m.year);
    } else if (m.tense == Tense::kFuture) {
      future_min = future_min == 0 ? m.year : std::min(future_min, m.year);
    } else if (!m.bound) {
      dated = std::max(dated, m.year);
    }
  }
  if (dated != 0) {
    if (named > dated && named <= dated + 1) return named;
    return dated;
  }
  if (named != 0) return named;
  return allow_future ? future_min : 0;
}

std::string YearsList(const Content& c) {
  std::vector<int> ys;
  for (const YearMention& m : c.years) ys.push_back(m.year);
  std::sort(ys.begin(), ys.end(), std::greater<int>());
  ys.erase(std::unique(ys.begin(), ys.end()), ys.end());
  std::string out;
  for (size_t i = 0; i < ys.size() && i < 5; ++i) {
    if (i) out += ", ";
    out += std::to_string(ys[i]);
  }
  return out;
}

// The story month implied by an anchor timex, e.g. "last month, on 2 June"
// -> 7.
int AnchorMonth(const RawTimex& t) {
  if (t.anchor_unit != Unit::kMonth) return t.month;
  return AddMonths(Date{2000, t.month, 0}, -t.anchor_shift).month;
}

// True when the first anchor cannot lie near `base`: "earlier this month, on
// 2nd July" with a March page date, or "earlier this week, on 4th May" more
// than a week away from it.
bool AnchorDisagrees(const Date& base, const ScanResult& r, const Content& c) {
  if (c.anchors.empty() || base.month == 0) return false;
  const RawTimex& t = r.timexes[c.anchors.front()];
  if (t.anchor_unit == Unit::kMonth) return AnchorMonth(t) != base.month;
  if (base.day == 0 || t.anchor_shift != 0 || !IsValidDay(base.year, t.month, t.day)) {
    return false;
  }
  int64_t gap =
      DaysFromCivil(base.year, base.month, base.day) - DaysFromCivil(base.year, t.month, t.day);
  return gap < 0 || gap > 7;
}

// True when the content contradicts a story date `base` (file comment).
bool Contradicted(const Date& base, bool strong_needed, const ScanResult& r, const Content& c) {
  bool anchor_off = AnchorDisagrees(base, r, c);
  if (c.years.empty()) return anchor_off && !strong_needed;
  int max_year = 0;
  bool future = false, named = false;
  for (const YearMention& m : c.years) {
    if (m.year == base.year) return false;
    max_year = std::max(max_year, m.year);
    if (m.tense == Tense::kFuture) future = true;
    if (m.use != YearUse::kDate) named = true;
  }
  if (max_year >= base.year) return false;
  bool anchored = !c.anchors.empty();
  if (strong_needed) return future || (named && anchored && anchor_off);
  return future || named || anchored;
}

// How many of the content's weekdays fall on or after the anchor day d-m-y
// in its week (the anchor is "earlier this week"); -1 if the day is invalid.
int WeekScore(int y, int m, int d, const Content& c) {
  if (!IsValidDay(y, m, d)) return -1;
  int aw = Weekday(Date{y, m, d});
  int score = 0;
  for (int w : c.weekdays) score += w >= aw ? 1 : 0;
  return score;
}

const char* WeekdayName(int w) {
  static constexpr const char* kNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                           "Friday", "Saturday", "Sunday"};
  return w >= 1 && w <= 7 ? kNames[w - 1] : "?";
}

// Infers the story's date from the content; fills *why. `base` is the
// contradicted page or metadata date, if any: the story is not after it.
Date FromContent(std::string_view text, const ScanResult& r, const Content& c,
                 const LeadDate& dateline, const Date& base, std::string* why) {
  Date out;
  out.year = ContentYear(c, base.known());
  const RawTimex* anchor = c.anchors.empty() ? nullptr : &r.timexes[c.anchors.front()];
  if (out.year == 0 && anchor != nullptr && base.known()) {
    // No year in the text: the latest year, not after `base` and not before
    // a "since" bound, whose calendar fits the anchor and the weekdays.
    int best = -1;
    for (int y = base.year; y >= base.year - 12 && y >= c.lower_bound; --y) {
      if (!IsValidDay(y, anchor->month, anchor->day)) continue;
      if (DaysFromCivil(y, anchor->month, anchor->day) >
          DaysFromCivil(base.year, base.month ? base.month : 12, base.day ? base.day : 28)) {
        continue;
      }
      int score =
          anchor->anchor_unit == Unit::kWeek ? WeekScore(y, anchor->month, anchor->day, c) : 0;
      if (score > best) best = score, out.year = y;
    }
  }
  if (out.year == 0) return Date{};
  std::string ev = "content: ";
  if (dateline.found) {
    out.month = dateline.date.month;
    out.day = dateline.date.day;
    ev += "dateline " + Quote(text, dateline.span) + "; ";
  } else if (anchor != nullptr) {
    out.month = AnchorMonth(*anchor);
    ev += Quote(text, anchor->span) + "; ";
    if (anchor->anchor_unit == Unit::kWeek && anchor->anchor_shift == 0 &&
        IsValidDay(out.year, anchor->month, anchor->day)) {
      // The story is the latest weekday named after the anchor in its week.
      Date a{out.year, anchor->month, anchor->day};
      int aw = Weekday(a);
      int last = 0;
      for (int w : c.weekdays) {
        if (w >= aw) last = std::max(last, w);
      }
      if (last != 0) {
        out = AddDays(a, last - aw);
        ev += std::string(WeekdayName(aw)) + " " + a.Iso() + ", latest weekday " +
              WeekdayName(last) + "; ";
      }
    }
  }
  if (!c.years.empty()) ev += "years mentioned: " + YearsList(c);
  if (EndsWith(ev, "; ")) ev.resize(ev.size() - 2);
  *why = ev;
  return out;
}

}  // namespace

Status Run(const Config& config, Document& doc) {
  auto lex = Lexicon::Get(config);
  if (!lex.ok()) return lex.status();
  std::vector<Span> sentences;
  sentences.reserve(doc.sentences.size());
  for (const Sentence& s : doc.sentences) sentences.push_back(s.span);
  ScanResult r = Scan(**lex, doc.text, sentences, doc.tokens);
  std::vector<Span> paras = Paragraphs(doc);
  Lead lead = FindLead(doc, paras, r);
  std::string_view text(doc.text);

  Content content;
  {
    size_t ti = 0;
    for (const YearMention& m : r.years) {
      while (ti < r.timexes.size() && r.timexes[ti].span.end <= m.span.begin) ++ti;
      bool chrome =
          ti < r.timexes.size() && r.timexes[ti].span.begin <= m.span.begin && lead.chrome[ti];
      if (!chrome) content.years.push_back(m);
    }
    for (const YearMention& m : content.years) {
      if (m.bound && m.tense != Tense::kFuture) {
        content.lower_bound = std::max(content.lower_bound, m.year);
      }
    }
    for (size_t i = 0; i < r.timexes.size(); ++i) {
      const RawTimex& t = r.timexes[i];
      if (lead.chrome[i]) continue;
      if (t.anchor) content.anchors.push_back(i);
      if (t.kind == TimexKind::kWeekday && t.shift == 0 && !t.this_shift &&
          t.tense != Tense::kFuture) {
        content.weekdays.push_back(t.weekday);
      }
    }
  }

  Meta& meta = doc.meta;
  if (!meta.page_date.known() && lead.display.found) meta.page_date = lead.display.date;

  Date published;
  std::string why;
  if (meta.input_date.known()) {
    published = meta.input_date;
    why = "input";
  } else if (lead.byline.found) {
    published = lead.byline.date;
    why = "byline: " + Quote(text, lead.byline.span);
  } else if (lead.dateline.found && lead.dateline.date.year != 0) {
    published = lead.dateline.date;
    why = "dateline: " + Quote(text, lead.dateline.span);
  } else {
    Date base;
    std::string source;
    std::string label;  // short name of the source for messages
    bool strong_needed = false;
    if (meta.published.known()) {
      base = meta.published;
      source = meta.published_evidence.empty() ? "metadata" : meta.published_evidence;
      label = "metadata";
      strong_needed = true;
    } else if (Date u = UrlDate(meta.url); u.known()) {
      base = u;
      source = label = "url";
      strong_needed = true;
    } else if (meta.page_date.known()) {
      base = meta.page_date;
      source = lead.display.found && lead.display.date == base
                   ? "page_date: display line " + Quote(text, lead.display.span)
                   : "page_date";
      label = "page";
    }
    if (base.known() && !Contradicted(base, strong_needed, r, content)) {
      published = base;
      why = source;
      if (lead.dateline.found) {
        // A dateline without a year: its month and day, the base's year.
        Date d = lead.dateline.date;
        d.year = base.year;
        if (base.month != 0 && d.month > base.month + 1) d.year -= 1;
        if (base.month != 0 && d.month + 11 <= base.month) d.year += 1;
        if (IsValidDay(d.year, d.month, d.day)) {
          published = d;
          why = "dateline: " + Quote(text, lead.dateline.span) + "; year from " + source;
        }
      }
    } else {
      std::string ev;
      published = FromContent(text, r, content, lead.dateline, base, &ev);
      if (published.known()) {
        why = ev;
        if (base.known()) {
          why += "; " + label + " date " + base.Iso() + " contradicted";
        }
      } else if (base.known()) {
        published = base;  // contradicted, but nothing better
        why = source;
      }
    }
  }
  meta.published = published;
  meta.published_evidence = why;

  Date ref = doc.ReferenceDate();
  doc.timexes.clear();
  doc.timexes.reserve(r.timexes.size());
  for (size_t i = 0; i < r.timexes.size(); ++i) {
    if (lead.chrome[i]) continue;
    const RawTimex& t = r.timexes[i];
    Timex x;
    x.span = t.span;
    x.value = Resolve(t, ref, t.tense);
    x.relative = t.kind != TimexKind::kAbsolute;
    doc.timexes.push_back(x);
  }
  return Status::Ok();
}

}  // namespace dyad::timex

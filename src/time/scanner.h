// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The time stage's scanner: tokenises a text on its own (ASCII words,
// numbers, punctuation), finds time expressions and year mentions in one
// left-to-right pass, and tags each with the tense of its sentence. Resolving
// the expressions against a reference date is a separate, pure step.

#ifndef DYAD_TIME_SCANNER_H_
#define DYAD_TIME_SCANNER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "time/time.h"

namespace dyad::timex {

// The shape of a time expression, before resolution.
enum class TimexKind {
  kAbsolute,    // the year is given: "29 March 2024", "April 2019", "in 2019"
  kMonthDay,    // "2nd July", "July 2"
  kMonth,       // "in October", "last March"
  kWeekday,     // "on Thursday", "next Friday"
  kDayOffset,   // today, yesterday, tomorrow, this morning, last night
  kUnitOffset,  // this week / last month / next year
  kAgo,         // "two days ago"
};

// A time expression found by the scanner.
struct RawTimex {
  Span span;
  TimexKind kind = TimexKind::kAbsolute;
  int year = 0, month = 0, day = 0;         // the parts that were given
  int weekday = 0;                          // 1 = Monday .. 7 = Sunday
  int shift = 0;                            // -1 last, +1 next, 0 this or bare
  bool this_shift = false;                  // "this October", "this Friday"
  Unit unit = Unit::kNone;                  // for kUnitOffset / kAgo
  int count = 0;                            // offset in `unit`s (kAgo: how many)
  uint32_t token_begin = 0, token_end = 0;  // scanner tokens covered
  uint32_t sentence = 0;                    // scanner sentence index
  Tense tense = Tense::kPresent;            // from the sentence's verbs
  // "earlier this month, on 2nd July" / "earlier this week, on 4th May": the
  // day lies in the story's month (week) moved by `anchor_shift` units
  // (0 this, -1 last); `anchor_unit` is kMonth or kWeek.
  bool anchor = false;
  int anchor_shift = 0;
  Unit anchor_unit = Unit::kNone;
};

// How a year was used in the text.
enum class YearUse {
  kDate,         // inside a time expression
  kName,         // inside a name: "Friendship-2019", "Vision 2030"
  kAttributive,  // "the 2019 exercise"
};

// A year named in the text (evidence for the story's date).
struct YearMention {
  int year = 0;
  YearUse use = YearUse::kDate;
  Tense tense = Tense::kPresent;
  // Introduced as the bound of a range ("since 1984", "from 2004 to 2017",
  // "by 2022"): the story is not dated by it.
  bool bound = false;
  Span span;
};

// Everything one pass of the scanner found.
struct ScanResult {
  std::vector<RawTimex> timexes;  // in text order, not overlapping
  std::vector<YearMention> years;
};

// Scans `text`. `sentences` (may be empty: the scanner then splits on its
// own) bounds the tense look-up; `tokens` (may be empty) supplies part of
// speech tags that sharpen it.
ScanResult Scan(const Lexicon& lex, std::string_view text, const std::vector<Span>& sentences,
                const std::vector<Token>& tokens);

// Resolves `t` against `reference` in `tense`. Absolute expressions keep
// their own value; others degrade to the reference's precision, and are
// unknown when the reference is.
Date Resolve(const RawTimex& t, const Date& reference, Tense tense);

}  // namespace dyad::timex

#endif  // DYAD_TIME_SCANNER_H_

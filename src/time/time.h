// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "time": finds time expressions, infers the story's date and resolves
// relative dates against it.
//
// Requires: text (tokens, sentences and tags are used when present)
// Assigns:  timexes, meta.published, meta.published_evidence, and
//           meta.page_date when it was unknown and the body starts with a
//           display date line.
//
// Time expressions are found by a hand-written scanner over Document::text
// (no regular expressions); the words it knows are in data/time_words.tsv.
// A timex span includes a leading preposition or modifier ("on Thursday",
// "in October", "Earlier this month, on 2nd July"). Durations ("for two
// years", "three months"), centuries, decades and years inside names
// ("Friendship-2019", "Vision 2030") give no timex. Conventions:
//   - "02/07/2019" with both parts <= 12 is read day-first (2 July 2019).
//   - A weekday is the closest such day on or before the reference date, or on
//     or after it when the sentence speaks of the future ("will", "plans
//     to", "is set to", "to be held", ...). "last Monday" is strictly before,
//     "next Monday" strictly after.
//   - A month or day-and-month without a year takes the reference year, moved
//     back a year (past tense) when the month is after the reference month,
//     or forward (future tense) when it is before; in the present tense the
//     nearer of the two.
//   - "last/this/next week" and "N weeks ago" have month precision (the month
//     of the reference date moved by 7 days per week).
//   - Relative dates degrade to the reference date's precision.
// See src/time/time.cc for how the story's date is chosen.

#ifndef DYAD_TIME_TIME_H_
#define DYAD_TIME_TIME_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/hash.h"
#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::timex {

// The tense of the clause a time expression sits in.
enum class Tense { kPast, kPresent, kFuture };

// A calendar unit for relative expressions.
enum class Unit : uint8_t { kNone, kDay, kWeek, kWeekend, kFortnight, kMonth, kYear };

// What data/time_words.tsv says about one lower-case word.
struct WordInfo {
  int8_t month = 0;         // full month name: 1-12
  int8_t month_abbr = 0;    // abbreviated month name: 1-12
  int8_t weekday = 0;       // full weekday name: 1 (Monday) - 7
  int8_t weekday_abbr = 0;  // abbreviated weekday name
  int8_t ordinal = 0;       // "second" -> 2
  int8_t number = 0;        // "two" -> 2, "a" -> 1
  Unit unit = Unit::kNone;  // "days" -> kDay
  bool has_relday = false;  // today / yesterday / tomorrow / tonight
  int8_t relday = 0;        // their day offset
  bool daypart = false;     // morning, afternoon, evening, night
  bool prep = false;        // may introduce a bare month or year: "in", "since"
  bool link = false;        // joins two dates: "to", "and", "or"
  bool has_shift = false;   // this / last / next
  int8_t shift = 0;         // -1, 0, +1
  int8_t part = 0;          // 1 = earlier / early, 2 = later / late
  bool ago = false;         // "ago"
  bool future = false;      // future cue on its own: "will"
  bool future_to = false;   // future cue when followed by "to": "plans to"
  bool past = false;        // past cue: "was", "said"
  bool present = false;     // present cue: "is", "says"
  bool determiner = false;  // "the", "its", ...
};

// The time words, loaded once per data directory.
class Lexicon {
 public:
  // The lexicon for config.data_dir, loaded on first use.
  static Result<const Lexicon*> Get(const Config& config);
  // Reads `path` (time_words.tsv format) into `lex`.
  static Status Load(const std::string& path, Lexicon* lex);
  // The entry for a lower-case word, or nullptr.
  const WordInfo* Find(std::string_view lower) const;

 private:
  std::unordered_map<std::string, WordInfo, StringHash, std::equal_to<>> words_;
};

// A time expression found in a phrase and its value.
struct Resolution {
  bool found = false;     // false: no time expression (e.g. a duration)
  Span span;              // bytes of the phrase it covers
  Date value;             // may be unknown when the reference is unknown
  bool relative = false;  // the value depends on the reference date
};

// Finds the first time expression in `phrase` and resolves it against
// `reference`, reading the phrase as being in `tense`.
Resolution ResolveExpression(const Lexicon& lex, std::string_view phrase, const Date& reference,
                             Tense tense);

// Finds every time expression in `text` and resolves it against `reference`,
// taking each one's tense from the verbs of its sentence.
std::vector<Timex> FindTimexes(const Lexicon& lex, std::string_view text, const Date& reference);

// Runs the stage over `doc`.
Status Run(const Config& config, Document& doc);

}  // namespace dyad::timex

#endif  // DYAD_TIME_TIME_H_

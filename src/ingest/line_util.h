// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Line-level text helpers shared by ingest and clean: white-space
// normalisation, heading detection, date-line and ISO date parsing, and the
// normalised "match key" used to compare passages (pull quotes, duplicates).
// All functions are hand-written scanners (no regex) and allocation-light.

#ifndef DYAD_INGEST_LINE_UTIL_H_
#define DYAD_INGEST_LINE_UTIL_H_

#include <string>
#include <string_view>

#include "dyad/document.h"

namespace dyad::ingest {

// Collapses runs of white space (ASCII, NBSP, U+2000-U+200A, U+202F, U+205F,
// U+3000, line/paragraph separators) to one ASCII space, drops zero-width
// characters (U+200B-U+200D, U+FEFF, U+00AD) and trims both ends. Other bytes
// are kept as they are.
std::string NormalizeSpace(std::string_view s);

// Appends `s` to `*out` white-space normalised as by NormalizeSpace, but
// without trimming: a leading or trailing run becomes one space, and no
// space is added after an existing trailing space.
void AppendNormalizedSpace(std::string_view s, std::string* out);

// Number of space-separated words in `s`.
int CountWords(std::string_view s);

// True when a line of plain text looks like a heading: short (at most 14
// words and 120 bytes), without final sentence punctuation, starting with a
// capital or digit, and mostly Title Case (small function words excepted).
bool LooksLikeHeading(std::string_view line);

// Parses an ISO 8601 date prefix ("2019-07-12", "2019-07-12T10:00:00Z",
// "2019-07", "20190712") into `*d`. Returns false when `s` does not start with
// one.
bool ParseIsoDate(std::string_view s, Date* d);

// True when the whole of `line` is a date as pages display it, optionally
// with a weekday, a time, a time zone and a "Published"/"Updated" label:
// "Friday, March 29, 2024", "29 March 2024 10:30 AM PKT", "2024-03-29",
// "Mar. 29, 2024". On success sets `*d` (day precision when a day is given).
bool ParseDateLine(std::string_view line, Date* d);

// Finds a date written inside `s` (ISO or "Month D, YYYY" / "D Month YYYY")
// and sets `*d`; returns false when none is found.
bool FindDate(std::string_view s, Date* d);

// The key used to compare passages: NormalizePunct, ASCII lower case,
// quotation marks and apostrophes removed, every other run of non-alphanumeric
// ASCII bytes turned into one space, trimmed. Two copies of a passage with
// different quote marks, dashes or spacing give the same key.
std::string MatchKey(std::string_view s);

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_LINE_UTIL_H_

// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "segment": splits the text into sentences and tokens, aware of
// abbreviations.
//
// Requires: text, paragraphs
// Assigns:  sentences, tokens (span, lower, sentence); paragraphs too, but
//           only when clean left them empty (then blank lines split them).
//
// Tokens (a hand-written UTF-8 scanner; ICU only classifies non-ASCII):
//   - words: letters and digits, non-ASCII letters included; internal hyphens
//     ("de-escalate", "Friendship-2019") and internal apostrophes of names
//     ("O'Neill") are kept; internal periods between letters or digits too
//     ("U.S", "3.5", "example.com").
//   - contractions are split Penn-style: "don't" -> "do" "n't", "we're" ->
//     "we" "'re"; the possessive "'s" / "’s" is its own token.
//   - numbers: "1,000", "3.5", "10:30", "2nd".
//   - abbreviations keep their period: "U.S.", "i.e.", "Gen.", "etc.", "J.".
//     Listed in data/abbreviations.tsv, plus single letters and dotted
//     letter groups.
//   - every other punctuation mark is its own token; "...", "--" and runs of
//     the same closing mark are not merged except "..." and "--".
//   - `lower`: lower-cased form; apostrophes ’ become '; quotation marks
//     “ ” " „ « » become " and ‘ ’ ‚ ‹ › become '.
//
// Sentences break after . ! ? … (plus closing quotes and brackets right
// after them) when white space and a capital letter, digit or opening quote
// follow; never after a title, month or inner abbreviation ("Gen.", "Dec.",
// "i.e."); after an "end" abbreviation or an initial ("etc.", "U.S.", "J.")
// only when a capitalised sentence-starter word follows
// (data/sentence_starters.tsv). Sentences never cross paragraphs.

#ifndef DYAD_SEGMENT_SEGMENT_H_
#define DYAD_SEGMENT_SEGMENT_H_

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::segment {

// Runs the stage over `doc`: replaces doc.sentences and doc.tokens. A missing
// data file is a kNotFound error naming it.
Status Run(const Config& config, Document& doc);

}  // namespace dyad::segment

#endif  // DYAD_SEGMENT_SEGMENT_H_

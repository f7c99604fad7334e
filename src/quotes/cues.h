// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Shared by the quotes and coref stages: the speech-cue lexicon
// (data/cues.tsv), the quotation-mark scanner, and small token helpers.
// Everything here is linear in the size of the text and allocation-light.

#ifndef DYAD_QUOTES_CUES_H_
#define DYAD_QUOTES_CUES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/hash.h"
#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::quotes {

// How a cue relates to its speaker.
enum class CueKind {
  kVerb,    // the speaker is the verb's subject: "X said", "said X"
  kSource,  // the speaker follows the phrase: "according to X"
};

// One cue form from data/cues.tsv.
struct CueEntry {
  std::string lemma;              // dictionary form, e.g. "say"
  std::vector<std::string> rest;  // lower-case tokens after the first one
  CueKind kind = CueKind::kVerb;
};

// The cue lexicon, keyed by the lower-case first token of each form.
struct CueLexicon {
  std::unordered_map<std::string, std::vector<CueEntry>, StringHash, std::equal_to<>> by_first;
};

// Returns the process-wide cue lexicon loaded from `config.data_dir`.
Result<const CueLexicon*> GetCues(const Config& config);

// Matches a cue starting at token `i`, using tokens before `end` only.
// Returns the number of tokens matched (0 when none) and sets `*entry`.
size_t MatchCue(const CueLexicon& lex, const Document& doc, size_t i, size_t end,
                const CueEntry** entry);

// A quotation as delimited by its marks, before any filtering.
struct RawQuote {
  Span inner;              // the quoted words, trimmed, without the marks
  uint32_t open = 0;       // byte offset of the opening mark
  uint32_t close_end = 0;  // one past the closing mark, or the paragraph end
  bool closed = false;     // false: recovered at the paragraph's end
  bool single = false;     // single marks (‘ ’ or ')
  int32_t parent = -1;     // enclosing RawQuote index, or -1
  int32_t continues = -1;  // RawQuote of the previous paragraph it continues
  uint32_t paragraph = 0;  // index into Document::paragraphs
};

// Finds the quotations of `doc` paragraph by paragraph, in order of their
// opening marks. Apostrophes (don't, Pakistan’s, 'tis) are not marks; an
// unclosed quotation ends with its paragraph; a paragraph that ends inside a
// quotation and is followed by one that opens with a mark is continued.
std::vector<RawQuote> ScanQuotes(const Document& doc);

// ScanQuotes(doc), remembered per thread for the last text and paragraphs
// seen: the coref and quotes stages both need the quotations of a document.
// The reference is valid until the next call on the same thread.
const std::vector<RawQuote>& DocumentQuotes(const Document& doc);

// Index of the first token whose span begins at or after `offset`.
size_t TokenAtOrAfter(const Document& doc, uint32_t offset);

// True when the token starts with a letter or digit (non-ASCII letters too).
bool IsWord(const Document& doc, const Token& t);

// True when the token is capitalised (first byte an ASCII upper-case letter).
bool IsCapitalized(const Document& doc, const Token& t);

// True for prepositions that mark a noun phrase as not being a subject.
bool IsPreposition(std::string_view lower);

// True for "the", "a", "an" and similar determiners.
bool IsDeterminer(std::string_view lower);

// True for the possessive clitic token ('s or ’s).
bool IsPossessive(std::string_view lower);

}  // namespace dyad::quotes

#endif  // DYAD_QUOTES_CUES_H_

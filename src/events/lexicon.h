// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The event-pattern lexicon (data/verbs.tsv, format in data/README.md): verb
// and noun patterns that map a trigger word, optional following words and an
// optional target slot to a CAMEO event code. Patterns are indexed by the
// forms of their head word so that a sentence is coded in O(tokens).

#ifndef DYAD_EVENTS_LEXICON_H_
#define DYAD_EVENTS_LEXICON_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/hash.h"
#include "dyad/config.h"
#include "dyad/status.h"

namespace dyad::events {

// One element of a pattern after its head word.
struct PatternElement {
  // True for the target slot "$": an actor mention must start here.
  bool target = false;
  // True when the element may be absent ("word?").
  bool optional = false;
  // Accepted forms (lemma, lower-case surface forms) of a literal element.
  std::vector<std::string> forms;
};

// Which part of speech a pattern's head must have.
enum class HeadPos { kAny, kVerb, kNoun };

// One lexicon entry.
struct Pattern {
  std::string code;                      // CAMEO event code, or "" (reporting verb, flag Z)
  std::string text;                      // the pattern as written in the file (for --explain)
  std::string head;                      // the head lemma
  std::vector<PatternElement> elements;  // what must follow the head, in order
  HeadPos pos = HeadPos::kAny;
  bool control = false;       // flag C: the to/that complement belongs to it
  bool symmetric = false;     // flag S: coordinated actors act on each other
  bool report = false;        // flag R: a reporting verb ("say"), not an event
  bool passive_only = false;  // flag P: only as a passive participle
  bool deontic = false;       // flag D: "X said Y must ..." is X demanding of Y
  bool reversed = false;      // flag X: the "$" slot is the source, the subject
                              // the target ("X received aid from $")
  bool null_event = false;    // flag Z: a non-event reading ("meet the need")
                              // that wins over the head's event patterns
  int line = 0;               // line in the file
};

// The loaded lexicon.
class Lexicon {
 public:
  // The lexicon from config.data_dir/verbs.tsv, loaded once per process.
  static Result<const Lexicon*> Get(const Config& config);

  // Reads `path`; a malformed line is a kDataError naming file and line.
  Status LoadFile(const std::string& path);

  // Adds one entry (used by LoadFile and by tests); `line` is for messages.
  Status Add(std::string_view code, std::string_view pattern, std::string_view flags, int line);

  // Indexes of the patterns whose head has the form `word` (a lemma or a
  // lower-case surface form), or nullptr.
  const std::vector<uint32_t>* Lookup(std::string_view word) const;

  // All patterns.
  const std::vector<Pattern>& patterns() const { return patterns_; }

  // Reads the one-word non-state group nouns of data/agents.tsv
  // ("demonstrators" OPP, "refugees" REF) used for domestic targets.
  Status LoadGroups(const std::string& path);

  // Adds one group noun (lower case) with its CAMEO role.
  void AddGroup(std::string_view word, std::string_view role);

  // The role of group noun `word` (lower case), or nullptr.
  const std::string* GroupRole(std::string_view word) const;

  // True for the CAMEO roles of non-state groups ("OPP", "REB", "CVL", ...),
  // false for state organs ("GOV", "MIL", "LEG", ...).
  static bool NonStateRole(std::string_view role);

 private:
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> groups_;
  std::vector<Pattern> patterns_;
  std::unordered_map<std::string, std::vector<uint32_t>, StringHash, std::equal_to<>> by_head_;
};

// Regular inflected forms of `lemma` (itself, -s/-es/-ies, -ed/-d/-ied,
// -ing, doubled final consonant) plus irregular forms from a small table.
std::vector<std::string> Inflections(std::string_view lemma);

}  // namespace dyad::events

#endif  // DYAD_EVENTS_LEXICON_H_

// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "tag": part-of-speech tags (Penn Treebank) and lemmas.
//
// Requires: tokens, sentences
// Assigns:  tokens[].tag, tokens[].lemma
//
// The tagger is a trigram hidden Markov model decoded with Viterbi:
//   - emissions log P(word | tag) from Festival's WSJ lexicon
//     (Config::poslex_path, Debian festlex-poslex), looked up by the token's
//     lower-case form;
//   - tag trigram counts from the lexicon's companion file
//     wsj.wp39.tri.ngrambin (same folder), interpolated with bigrams and
//     unigrams;
//   - unknown words: P(tag | suffix) learned from the lexicon's rare words,
//     plus shape cues (capitalised -> NNP/NNPS, digits -> CD, ordinals -> JJ,
//     hyphenated -> JJ); capitalised words in mid-sentence may also be NNP;
//   - a few contextual fixes afterwards (VBD -> VBN after have/be, VB after
//     to/modals, PRP -> PRP$ for possessive pronouns).
// Punctuation gets Penn's punctuation tags: , . : `` '' -LRB- -RRB- $ # SYM.
//
// Lemmas: verbs -> base form, plural nouns -> singular, comparatives ->
// positive, using WordNet's exception lists (verb.exc, noun.exc, adj.exc)
// and suffix rules validated against WordNet's index files
// (Config::wordnet_dir). Proper nouns (NNP, NNPS) keep their lower-case
// form. Clitics map to words: n't -> not, 's (VBZ) -> be, 'll -> will.

#ifndef DYAD_TAG_TAG_H_
#define DYAD_TAG_TAG_H_

#include <memory>
#include <string>
#include <string_view>

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::tag {

// A loaded tagger: immutable and thread-safe once loaded.
class Tagger {
 public:
  // The tagger for `config`'s resources, loaded once per process. A missing
  // resource file is a kNotFound error naming it; a malformed one kDataError.
  static Result<const Tagger*> Get(const Config& config);

  Tagger();
  ~Tagger();
  Tagger(const Tagger&) = delete;
  Tagger& operator=(const Tagger&) = delete;

  // Loads the lexicon, the trigram model and WordNet; used by Get().
  Status Load(const Config& config);

  // Tags and lemmatises `n` tokens forming one sentence. `text` is the
  // Document::text the tokens' spans point into (used for capitalisation).
  void TagSentence(std::string_view text, Token* tokens, size_t n) const;

  // The dictionary form of the lower-case word `lower` with Penn tag `tag`.
  std::string Lemma(std::string_view lower, std::string_view tag) const;

  // Model internals (tag.cc).
  struct Model;

 private:
  std::unique_ptr<Model> m_;
};

// Runs the stage over `doc`: tags and lemmatises every sentence's tokens.
Status Run(const Config& config, Document& doc);

}  // namespace dyad::tag

#endif  // DYAD_TAG_TAG_H_

// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "tag": part-of-speech tags and lemmas.
//
// Requires: tokens, sentences
// Assigns:  tokens[].tag, tokens[].lemma

#ifndef DYAD_TAG_TAG_H_
#define DYAD_TAG_TAG_H_

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::tag {

// Runs the stage over `doc`.
Status Run(const Config& config, Document& doc);

}  // namespace dyad::tag

#endif

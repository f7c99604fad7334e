// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "segment": splits the text into sentences and tokens, aware of abbreviations.
//
// Requires: text, paragraphs
// Assigns:  sentences, tokens (span, lower, sentence)

#ifndef DYAD_SEGMENT_SEGMENT_H_
#define DYAD_SEGMENT_SEGMENT_H_

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::segment {

// Runs the stage over `doc`.
Status Run(const Config& config, Document& doc);

}  // namespace dyad::segment

#endif

// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "quotes": finds quotations and their speakers.
//
// Requires: tokens, sentences, paragraphs, entities, mentions
// Assigns:  quotes (and entities for unnamed speakers)

#ifndef DYAD_QUOTES_QUOTES_H_
#define DYAD_QUOTES_QUOTES_H_

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::quotes {

// Runs the stage over `doc`.
Status Run(const Config& config, Document& doc);

}  // namespace dyad::quotes

#endif

// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "time": finds time expressions, infers the story's date and resolves relative dates.
//
// Requires: tokens, sentences, meta
// Assigns:  timexes, meta.published, meta.published_evidence

#ifndef DYAD_TIME_TIME_H_
#define DYAD_TIME_TIME_H_

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::timex {

// Runs the stage over `doc`.
Status Run(const Config& config, Document& doc);

}  // namespace dyad::timex

#endif

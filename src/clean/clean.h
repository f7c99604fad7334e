// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "clean": chooses the article body among the blocks and removes page chrome, related-link lines, share lines and repeated pull quotes.
//
// Requires: blocks, meta
// Assigns:  text, paragraphs, boilerplate, meta (title, site, byline, page_date)

#ifndef DYAD_CLEAN_CLEAN_H_
#define DYAD_CLEAN_CLEAN_H_

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::clean {

// Runs the stage over `doc`.
Status Run(const Config& config, Document& doc);

}  // namespace dyad::clean

#endif

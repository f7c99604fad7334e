// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "clean": chooses the article body among the blocks and removes page
// chrome, related-link lines, share lines and repeated pull quotes.
//
// Requires: blocks, meta
// Assigns:  text, paragraphs, boilerplate, meta (title, site, byline,
//           page_date, language when still unknown)
//
// Output contract:
//   - text holds the kept blocks, one paragraph each, joined by "\n\n";
//     paragraphs[i] is the span of the i-th one (no empty paragraphs).
//   - every block not in text is in boilerplate, in page order, with a kind:
//     "chrome", "nav", "display_date", "title", "byline", "standfirst",
//     "read_more", "related", "share", "ad", "caption", "pull_quote",
//     "duplicate", "jsonld_body" (a JSON-LD articleBody not used as text).
//   - Choices: section subheads stay in text as their own paragraphs; a
//     standfirst (dek) before the byline / date goes to boilerplate; of
//     repeated passages the copy inside the longer (attributed) paragraph
//     stays.
//   - meta fields already set (e.g. by ingest from markup or by the caller)
//     are never overwritten; a page's display date only fills page_date.
//
// Patterns come from data/chrome_patterns.tsv (see data/README.md).

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

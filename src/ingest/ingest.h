// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "ingest": parses plain text or HTML (gumbo) into blocks.
//
// Requires: raw, format
// Assigns:  blocks, meta (title, site, byline, url, page_date from markup)

#ifndef DYAD_INGEST_INGEST_H_
#define DYAD_INGEST_INGEST_H_

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::ingest {

// Runs the stage over `doc`.
Status Run(const Config& config, Document& doc);

}  // namespace dyad::ingest

#endif

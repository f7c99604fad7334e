// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "ingest": parses plain text or HTML into blocks. HTML is parsed by
// dyad's own tokenizer and tree (src/html/) or, with config.html_parser ==
// kGumbo, by gumbo, the reference; both yield the same html::Tree, which one
// walker turns into blocks.
//
// Requires: raw, format
// Assigns:  blocks, meta (title, site, byline, url, language, page_date,
//           modified from markup; published + published_evidence
//           "html:<source>" when the page carries a publication date: JSON-LD
//           datePublished, article:published_time, a publication meta key
//           ("html:meta:<key>"), a <time> marked pubdate / datePublished
//           ("html:time:published"), or a date in the URL path ("html:url"))
//
// Plain text: every non-empty line is a Block (kParagraph, or kHeading when it
// looks like a heading), white space normalised, `line` = 1-based line number.
// HTML: a table row is one block (kTableCell, cells joined by spaces).
// The input is converted to UTF-8 (declared charset via ICU, else
// windows-1252 for invalid bytes), parsed and walked; every block-level
// element's own text becomes a Block with kind, heading level, link density
// and context (ancestors' structural tag names and class / id / role /
// itemprop values, outermost first). script, style, noscript, template, svg,
// button, iframe, hidden elements and small forms are skipped. A JSON-LD
// articleBody of 200+ bytes is appended as a last Block whose context is
// kJsonLdBodyContext, its paragraphs separated by '\n' (clean uses it as
// evidence and never copies it twice).

#ifndef DYAD_INGEST_INGEST_H_
#define DYAD_INGEST_INGEST_H_

#include <string_view>

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::ingest {

// Context value of the Block that carries a page's JSON-LD articleBody.
inline constexpr std::string_view kJsonLdBodyContext = "jsonld-articlebody";

// Runs the stage over `doc`.
Status Run(const Config& config, Document& doc);

}  // namespace dyad::ingest

#endif

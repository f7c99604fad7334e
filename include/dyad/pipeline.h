// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The pipeline: runs every stage, in order, over one Document.

#ifndef DYAD_PIPELINE_H_
#define DYAD_PIPELINE_H_

#include <string>

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

// Runs ingest, clean, language, segment, tag, actors, coref, quotes, time,
// places and events over `doc` (events only when meta.not_coded is empty,
// i.e. for English bodies), whose `raw` and `format` (and optionally `id`, `source`,
// meta.url, meta.input_date) the caller has set. Stops at the first error.
// Enforces config.max_doc_bytes (before ingest) and config.max_doc_seconds
// (between stages), failing with kInvalidInput.
Status RunPipeline(const Config& config, Document& doc);

// Reads `path` ("-" for standard input) into a new Document, choosing the
// format from the extension and content. A UTF-8 byte order mark is
// dropped; a UTF-16 or UTF-32 one makes the file be converted to UTF-8.
// Fails with kNotFound or kIoError naming the file, or kInvalidInput for
// binary or empty input.
Result<Document> ReadDocument(const std::string& path);

// Builds a Document from one JSON-lines record {id, text | html, url, date}.
// `source` names the record in messages ("file.jsonl:12"). Fails with
// kInvalidInput when the line is not a JSON object or a field has the wrong
// type; the message names `source` and the field.
Result<Document> DocumentFromJsonRecord(std::string_view line, const std::string& source);

// Makes sure every lexicon and table the stages need is loaded, so that the
// first document does not pay for it and errors in data surface early.
Status Preload(const Config& config);

}  // namespace dyad

#endif  // DYAD_PIPELINE_H_

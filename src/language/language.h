// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "language": identifies the language of the cleaned body with CLD2
// (Debian libcld2-dev) and records it in meta.language.
//
// Requires: text (clean), meta.language (ingest's <html lang> or "en")
// Assigns:  meta.language (ISO 639-1, e.g. "en", "de", "pt"; CLD2's code
//           before any '-' script suffix), meta.not_coded
//
// CLD2 decides when the body has at least kMinBytes bytes and CLD2 calls its
// answer reliable; otherwise the earlier value stays (markup or "en"), so
// short sentence-level records are never relabelled. When the result is not
// English, meta.not_coded says why the events stage will not run
// (RunPipeline skips it): dyad's lexicons and patterns are English.

#ifndef DYAD_LANGUAGE_LANGUAGE_H_
#define DYAD_LANGUAGE_LANGUAGE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::language {

// Bodies shorter than this keep the language they had.
inline constexpr size_t kMinBytes = 120;

// Bodies more than twice this long are first judged on their first
// kPrefixBytes: reliably English there settles it (the full scan of a
// long body costs CLD2 more than the rest of the language stage).
inline constexpr size_t kPrefixBytes = 1024;

// The ISO 639-1 code CLD2 reliably detects in `text`, or "" when the text is
// short or CLD2 is unsure.
std::string Detect(std::string_view text);

// Runs the stage over `doc`.
Status Run(const Config& config, Document& doc);

}  // namespace dyad::language

#endif  // DYAD_LANGUAGE_LANGUAGE_H_

// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The JSON form of a Document (docs/schema.md).

#ifndef DYAD_JSON_H_
#define DYAD_JSON_H_

#include <string>

#include "dyad/config.h"
#include "dyad/document.h"

namespace dyad {

// Options for ToJson.
struct JsonOptions {
  bool pretty = false;   // indent with two spaces
  bool explain = false;  // add each event's pattern and trigger
};

// Serialises `doc` to one JSON object (no trailing newline).
std::string ToJson(const Config& config, const Document& doc,
                   const JsonOptions& options);

}  // namespace dyad

#endif  // DYAD_JSON_H_

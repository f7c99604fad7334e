// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// libFuzzer target: the JSON-lines batch reader. The input is split into
// lines as `dyad code --jsonl` does, and each line goes through
// DocumentFromJsonRecord. Any crash or sanitizer report is a bug, as is a
// failure other than kInvalidInput, an error message that does not name the
// line, or a Document whose raw text is not valid UTF-8. Seeds:
// fuzz/corpus/jsonl/.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/text.h"
#include "dyad/pipeline.h"

namespace dyad::fuzz {

// Reads one input as a JSON-lines batch; traps on a broken invariant.
inline int JsonlOne(const uint8_t* data, size_t size) {
  std::string_view all(reinterpret_cast<const char*>(data), size);
  size_t number = 0;
  for (std::string_view line : Split(all, '\n')) {
    ++number;
    if (Trim(line).empty()) continue;
    std::string where = "fuzz.jsonl:" + std::to_string(number);
    Result<Document> doc = DocumentFromJsonRecord(line, where);
    if (!doc.ok()) {
      if (doc.status().code() != StatusCode::kInvalidInput) __builtin_trap();
      if (doc.status().message().rfind(where + ":", 0) != 0) __builtin_trap();
      continue;
    }
    if (!IsValidUtf8(doc->raw)) __builtin_trap();
    if (doc->source != where) __builtin_trap();
  }
  return 0;
}

}  // namespace dyad::fuzz

#ifndef DYAD_FUZZ_REPLAY
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return dyad::fuzz::JsonlOne(data, size);
}
#endif

// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// libFuzzer target: the WARC reader (src/warc) on arbitrary bytes, plain or
// gzip. Any crash or sanitizer report is a bug, as is a Document that is not
// an HTML page with a body, more documents than records, or a failure
// status other than kInvalidInput. Seeds: fuzz/corpus/warc/.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "warc/warc.h"

namespace dyad::fuzz {

// Reads one input as a WARC file; traps on a broken invariant.
inline int WarcOne(const uint8_t* data, size_t size) {
  warc::Options options;
  options.max_record_bytes = 1 << 20;  // keep each run fast and small
  warc::Stats stats;
  uint64_t seen = 0;
  Status s = warc::ForEachRecordInBuffer(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.warc",
      [&](warc::Record&& r) {
        ++seen;
        if (r.doc.format != Format::kHtml || r.doc.raw.empty()) __builtin_trap();
        if (r.doc.raw.size() > 3 * options.max_record_bytes + 4) __builtin_trap();
        return true;
      },
      &stats, options);
  if (!s.ok() && s.code() != StatusCode::kInvalidInput) __builtin_trap();
  if (seen != stats.documents || stats.documents > stats.records) __builtin_trap();
  if (stats.warnings.size() > stats.corrupt + 1) __builtin_trap();
  return 0;
}

}  // namespace dyad::fuzz

#ifndef DYAD_FUZZ_REPLAY
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return dyad::fuzz::WarcOne(data, size);
}
#endif

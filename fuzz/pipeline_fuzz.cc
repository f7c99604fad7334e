// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// libFuzzer target: the whole pipeline on arbitrary bytes, as plain text and
// as HTML. Any crash, sanitizer report or non-ok Status other than
// kInvalidInput is a bug. Build: cmake -DDYAD_FUZZ=ON with clang (see
// fuzz/README.md). tests/fuzz/replay_test.cc replays the seed corpus through
// dyad::fuzz::PipelineOne in ordinary builds (it defines DYAD_FUZZ_REPLAY).

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/text.h"
#include "dyad/json.h"
#include "dyad/pipeline.h"

namespace dyad::fuzz {

// The Config every run uses.
inline const Config& FuzzConfig() {
  static const Config config = Config::Default();
  return config;
}

// Runs one input through the pipeline; traps on a broken invariant.
inline int PipelineOne(const uint8_t* data, size_t size) {
  const Config& config = FuzzConfig();
  std::string input(reinterpret_cast<const char*>(data), size);
  for (Format format : {Format::kText, Format::kHtml}) {
    Document doc;
    doc.format = format;
    doc.raw = RepairUtf8(input);
    Status s = RunPipeline(config, doc);
    if (!s.ok() && s.code() != StatusCode::kInvalidInput) __builtin_trap();
    std::string json = ToJson(config, doc, JsonOptions{});
    if (json.empty()) __builtin_trap();
  }
  return 0;
}

}  // namespace dyad::fuzz

#ifndef DYAD_FUZZ_REPLAY
// Loads the lexicons once, outside the per-input timeout.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  if (!dyad::Preload(dyad::fuzz::FuzzConfig()).ok()) __builtin_trap();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return dyad::fuzz::PipelineOne(data, size);
}
#endif

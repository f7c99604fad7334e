// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// libFuzzer target: the whole pipeline on arbitrary bytes, as plain text and
// as HTML. Any crash, sanitizer report or non-ok Status other than
// kInvalidInput is a bug. Build: cmake -DDYAD_FUZZ=ON with clang (see
// fuzz/README.md).

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/text.h"
#include "dyad/json.h"
#include "dyad/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const dyad::Config config = dyad::Config::Default();
  std::string input(reinterpret_cast<const char*>(data), size);
  for (dyad::Format format : {dyad::Format::kText, dyad::Format::kHtml}) {
    dyad::Document doc;
    doc.format = format;
    doc.raw = dyad::RepairUtf8(input);
    dyad::Status s = dyad::RunPipeline(config, doc);
    if (!s.ok() && s.code() != dyad::StatusCode::kInvalidInput) __builtin_trap();
    std::string json = dyad::ToJson(config, doc, dyad::JsonOptions{});
    if (json.empty()) __builtin_trap();
  }
  return 0;
}

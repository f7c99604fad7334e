// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Throughput of the whole pipeline (raw page in, coded document out) and of
// the event coder alone, over the bundled examples/ articles. Counter
// items_per_second is sentences/s on one thread.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "dyad/pipeline.h"
#include "events/events.h"

namespace {

std::vector<dyad::Document> LoadExamples() {
  std::vector<dyad::Document> docs;
  std::string dir = std::string(DYAD_SOURCE_DIR) + "/examples";
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string p = e.path().string();
    if (e.path().filename() == "README.md") continue;
    auto doc = dyad::ReadDocument(p);
    if (doc.ok()) docs.push_back(std::move(*doc));
  }
  return docs;
}

void BM_Pipeline(benchmark::State& state) {
  dyad::Config config = dyad::Config::Default();
  std::vector<dyad::Document> docs = LoadExamples();
  if (docs.empty() || !dyad::Preload(config).ok()) {
    state.SkipWithError("no examples or data");
    return;
  }
  size_t sentences = 0, bytes = 0;
  for (auto _ : state) {
    for (const dyad::Document& d : docs) {
      dyad::Document doc;
      doc.raw = d.raw;
      doc.format = d.format;
      if (!dyad::RunPipeline(config, doc).ok()) {
        state.SkipWithError("pipeline failed");
        return;
      }
      sentences += doc.sentences.size();
      bytes += doc.raw.size();
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(sentences));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Pipeline)->Unit(benchmark::kMillisecond);

void BM_EventCoder(benchmark::State& state) {
  dyad::Config config = dyad::Config::Default();
  std::vector<dyad::Document> docs = LoadExamples();
  for (dyad::Document& d : docs) {
    if (!dyad::RunPipeline(config, d).ok()) {
      state.SkipWithError("pipeline failed");
      return;
    }
  }
  size_t sentences = 0;
  for (auto _ : state) {
    for (dyad::Document& d : docs) {
      if (!dyad::events::Run(config, d).ok()) {
        state.SkipWithError("events failed");
        return;
      }
      sentences += d.sentences.size();
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(sentences));
}
BENCHMARK(BM_EventCoder)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

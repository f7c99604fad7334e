// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Throughput of the segment and tag stages on generated news-style text.
// Counters: sentences/s (items_per_second) and tokens/s.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

#include "segment/segment.h"
#include "tag/tag.h"

namespace {

// Builds `paragraphs` paragraphs of invented news prose, varied by index.
std::string MakeText(int paragraphs) {
  static const char* kNames[] = {"Karvonia", "Delmar", "Ostrava", "Teluria", "Marnesk"};
  static const char* kPeople[] = {"Gen. Tomas Reyk", "Dr. Amina Sol", "Mr. J. Harlow",
                                  "Prof. Lena Marsh", "Col. Ivo Brant"};
  std::string text;
  for (int i = 0; i < paragraphs; ++i) {
    const char* a = kNames[i % 5];
    const char* b = kNames[(i + 2) % 5];
    const char* p = kPeople[i % 5];
    text += std::string("The armed forces of ") + a + " and " + b +
            " have agreed to hold joint military drills in Oct. 2019, officials said. " + p +
            " met the U.S. envoy on Tuesday to discuss the plan, i.e. the 3.5 billion dollar "
            "deal. \u201cWe will not back down,\u201d " +
            p + " told reporters. The talks will resume next week, and " + a +
            "\u2019s ministry warned that sanctions, tariffs, etc. would follow.\n\n";
  }
  return text;
}

dyad::Document MakeDoc(int paragraphs) {
  dyad::Document doc;
  doc.text = MakeText(paragraphs);
  return doc;
}

void BM_Segment(benchmark::State& state) {
  dyad::Config config = dyad::Config::Default();
  dyad::Document base = MakeDoc(200);
  size_t sentences = 0, tokens = 0;
  for (auto _ : state) {
    dyad::Document doc;
    doc.text = base.text;
    dyad::Status s = dyad::segment::Run(config, doc);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      return;
    }
    sentences += doc.sentences.size();
    tokens += doc.tokens.size();
    benchmark::DoNotOptimize(doc.tokens.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(sentences));
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Segment);

void BM_Tag(benchmark::State& state) {
  dyad::Config config = dyad::Config::Default();
  dyad::Document doc = MakeDoc(200);
  dyad::Status s = dyad::segment::Run(config, doc);
  if (s.ok()) s = dyad::tag::Run(config, doc);  // loads the tagger
  if (!s.ok()) {
    state.SkipWithError(s.ToString().c_str());
    return;
  }
  size_t sentences = 0, tokens = 0;
  for (auto _ : state) {
    s = dyad::tag::Run(config, doc);
    sentences += doc.sentences.size();
    tokens += doc.tokens.size();
    benchmark::DoNotOptimize(doc.tokens.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(sentences));
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Tag);

void BM_SegmentAndTag(benchmark::State& state) {
  dyad::Config config = dyad::Config::Default();
  dyad::Document base = MakeDoc(200);
  {
    dyad::Document warm = base;
    dyad::Status s = dyad::segment::Run(config, warm);
    if (s.ok()) s = dyad::tag::Run(config, warm);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      return;
    }
  }
  size_t sentences = 0, tokens = 0;
  for (auto _ : state) {
    dyad::Document doc;
    doc.text = base.text;
    dyad::Status s = dyad::segment::Run(config, doc);
    if (s.ok()) s = dyad::tag::Run(config, doc);
    sentences += doc.sentences.size();
    tokens += doc.tokens.size();
    benchmark::DoNotOptimize(doc.tokens.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(sentences));
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SegmentAndTag);

void BM_TaggerLoad(benchmark::State& state) {
  dyad::Config config = dyad::Config::Default();
  for (auto _ : state) {
    dyad::tag::Tagger t;
    dyad::Status s = t.Load(config);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      return;
    }
  }
}
BENCHMARK(BM_TaggerLoad)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace

BENCHMARK_MAIN();

// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// HTML parsing and article extraction over the extraction benchmark's dev
// pages (../shared/eval/extraction/dev/html; skipped when absent), one
// thread: gumbo parse-only (the reference, gumbo_parse + destroy), dyad's
// tokenizer + tree (html::Parse), and dyad's extraction (ingest + clean, as
// `dyad extract` runs them). items_per_second is pages/s; bytes_per_second
// counts the decompressed HTML. bench/extraction/run reads these figures.

#include <benchmark/benchmark.h>
#include <gumbo.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "clean/clean.h"
#include "dyad/config.h"
#include "dyad/document.h"
#include "html/html.h"
#include "ingest/ingest.h"

namespace {

const std::vector<std::string>& Pages() {
  static const auto* pages = [] {
    auto* out = new std::vector<std::string>();
    std::string dir = std::string(DYAD_SHARED_DIR) + "/eval/extraction/dev/html";
    if (!std::filesystem::is_directory(dir)) return out;
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(dir)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) {
      gzFile g = gzopen(f.c_str(), "rb");
      if (g == nullptr) continue;
      std::string html;
      char buf[1 << 16];
      int n;
      while ((n = gzread(g, buf, sizeof buf)) > 0) html.append(buf, static_cast<size_t>(n));
      gzclose(g);
      out->push_back(std::move(html));
    }
    return out;
  }();
  return *pages;
}

template <typename Fn>
void OverPages(benchmark::State& state, Fn fn) {
  const auto& pages = Pages();
  if (pages.empty()) {
    state.SkipWithError("../shared/eval/extraction/dev/html absent");
    return;
  }
  size_t n = 0, bytes = 0;
  for (auto _ : state) {
    for (const std::string& p : pages) {
      fn(p);
      bytes += p.size();
      ++n;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_GumboParse(benchmark::State& state) {
  OverPages(state, [](const std::string& p) {
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 50;
    GumboOutput* out = gumbo_parse_with_options(&options, p.data(), p.size());
    benchmark::DoNotOptimize(out);
    gumbo_destroy_output(&options, out);
  });
}
BENCHMARK(BM_GumboParse)->Unit(benchmark::kMillisecond);

void BM_DyadParse(benchmark::State& state) {
  OverPages(state, [](const std::string& p) {
    dyad::html::Tree t = dyad::html::Parse(p);
    benchmark::DoNotOptimize(t.nodes.data());
  });
}
BENCHMARK(BM_DyadParse)->Unit(benchmark::kMillisecond);

void Extract(benchmark::State& state, dyad::HtmlParser parser) {
  dyad::Config config = dyad::Config::Default();
  config.html_parser = parser;
  OverPages(state, [&](const std::string& p) {
    dyad::Document doc;
    doc.format = dyad::Format::kHtml;
    doc.raw = p;
    if (!dyad::ingest::Run(config, doc).ok() || !dyad::clean::Run(config, doc).ok()) {
      state.SkipWithError("extraction failed");
    }
    benchmark::DoNotOptimize(doc.text.data());
  });
}

void BM_DyadExtract(benchmark::State& state) { Extract(state, dyad::HtmlParser::kDyad); }
BENCHMARK(BM_DyadExtract)->Unit(benchmark::kMillisecond);

void BM_DyadExtractWithGumbo(benchmark::State& state) { Extract(state, dyad::HtmlParser::kGumbo); }
BENCHMARK(BM_DyadExtractWithGumbo)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

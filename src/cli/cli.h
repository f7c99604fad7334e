// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The `dyad` command line: one binary, one file per subcommand. Each
// subcommand file defines an Add...Command function that registers its
// options on the root CLI11 app and returns how to run it; main() calls them
// all, parses, and runs the one the user chose.
//
// Exit codes (docs/cli.md): 0 success; 2 bad usage; 3 unreadable or invalid
// input; 4 malformed bundled data; 5 internal error.

#ifndef DYAD_CLI_CLI_H_
#define DYAD_CLI_CLI_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/config.h"
#include "dyad/status.h"

namespace dyad::queue {
struct QueueOptions;
}  // namespace dyad::queue

namespace dyad::cli {

// Options every subcommand shares, filled in by main() before a run.
struct Globals {
  Config config;
  std::string data_dir;  // --data, empty for the default
};

// A registered subcommand: its CLI11 app and the function that runs it once
// parsed. `run` returns the process exit code.
struct Command {
  CLI::App* app = nullptr;
  std::function<int(Globals&)> run;
  // True when the command needs the lexicons (dyad::Preload) before running.
  bool needs_lexicons = true;
};

// Maps a Status to the documented exit code.
int ExitCode(const Status& s);

// Prints "dyad: <message>" to stderr and returns ExitCode(s).
int Fail(const Status& s);

// `s` trimmed, newlines flattened, cut to at most `n` bytes on a UTF-8
// boundary with "..." appended when cut.
std::string Shorten(std::string_view s, size_t n);

// Adds --data to `app`, writing to g.data_dir.
void AddDataOption(CLI::App* app, Globals& g);

// Subcommands, one per file.
Command AddCodeCommand(CLI::App& root, Globals& g);     // code_cmd.cc: dyad code
Command AddQuotesCommand(CLI::App& root, Globals& g);   // code_cmd.cc: dyad quotes
Command AddIngestCommand(CLI::App& root, Globals& g);   // ingest_cmd.cc: dyad ingest
Command AddQueryCommand(CLI::App& root, Globals& g);    // query_cmd.cc: dyad query
Command AddShowCommand(CLI::App& root, Globals& g);     // show_cmd.cc: dyad show
Command AddExportCommand(CLI::App& root, Globals& g);   // export_cmd.cc: dyad export
Command AddServeCommand(CLI::App& root, Globals& g);    // serve_cmd.cc: dyad serve
Command AddExtractCommand(CLI::App& root, Globals& g);  // extract_cmd.cc: dyad extract
Command AddEnqueueCommand(CLI::App& root, Globals& g);  // enqueue_cmd.cc: dyad enqueue
Command AddWorkCommand(CLI::App& root, Globals& g);     // work_cmd.cc: dyad work
Command AddMergeCommand(CLI::App& root, Globals& g);    // merge_cmd.cc: dyad merge

// Adds --nats URL (required), --stream and --subject to `app`
// (enqueue_cmd.cc; enqueue and work).
void AddQueueOptions(CLI::App* app, std::string* nats, queue::QueueOptions* q);

}  // namespace dyad::cli

#endif  // DYAD_CLI_CLI_H_

// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Helpers shared by the subcommands that use the corpus store (ingest,
// query, show, export): the --db option and its default.

#ifndef DYAD_CLI_STORE_CLI_H_
#define DYAD_CLI_STORE_CLI_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "dyad/config.h"
#include "dyad/status.h"
#include "store/reader.h"

namespace dyad::cli {

// The store used when --db is not given.
inline constexpr const char* kDefaultDb = "dyad.db";

// Adds --db PATH to `app`, writing to `*db` (default kDefaultDb).
void AddDbOption(CLI::App* app, std::string* db);

// Prefix of a `db` string that names a PostgreSQL store (set by --pg).
inline constexpr std::string_view kPgPrefix = "pg:";

// Adds --db PATH and --pg URL (the shared PostgreSQL store of
// docs/scale.md) to `app`; --pg sets `*db` to kPgPrefix + URL.
void AddStoreOptions(CLI::App* app, std::string* db);

// Opens an existing store for reading: the SQLite file `db` (kNotFound
// naming the path when it does not exist) or, for kPgPrefix + URL, the
// PostgreSQL store at URL, read in place (kInvalidInput when the database
// holds no dyad store).
Result<std::unique_ptr<store::Reader>> OpenExistingStore(const std::string& db);

// "2019-07-02" for 20190702; "" for 0.
std::string IsoDate(int yyyymmdd);

// Parses "2019-07-02", "20190702", "2019-07" or "2019" into YYYYMMDD, a
// missing month or day being 1 (`end` false) or the last possible (`end`
// true, 12 and 31). 0 and false when unparseable.
bool ParseDateBound(const std::string& s, bool end, int* out);

// The EventFilter options shared by query and export, as the user typed
// them; ToFilter validates and converts.
struct FilterArgs {
  std::string actor, actor2, source, target, code, root, quad, from, to, place, outlet, text;
  int64_t after = 0;
  int limit = 100;
};

// Adds --actor, --actor2, --source, --target, --code, --root, --quad, --from,
// --to, --place, --outlet, --text, --after and --limit (default
// `default_limit`, 0 for all) to `app`.
void AddFilterOptions(CLI::App* app, FilterArgs* args, int default_limit);

// Converts `args`; kInvalidArgument naming the option when a value is bad.
Result<store::EventFilter> ToFilter(const FilterArgs& args);

// An event as a JSON object (one line), with its source URLs when given.
std::string EventJson(const Config& config, const store::EventRow& e,
                      const std::vector<std::string>* urls);

// The CSV header and one event row (RFC 4180 quoting), no newline.
std::string EventCsvHeader();
std::string EventCsvRow(const store::EventRow& e);

// `s` quoted for CSV when it holds a comma, quote or line break.
std::string CsvField(std::string_view s);

}  // namespace dyad::cli

#endif  // DYAD_CLI_STORE_CLI_H_

// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Helpers shared by the subcommands that use the corpus store (ingest,
// query, show, export): the --db option and its default.

#ifndef DYAD_CLI_STORE_CLI_H_
#define DYAD_CLI_STORE_CLI_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "dyad/status.h"
#include "store/store.h"

namespace dyad::cli {

// The store used when --db is not given.
inline constexpr const char* kDefaultDb = "dyad.db";

// Adds --db PATH to `app`, writing to `*db` (default kDefaultDb).
void AddDbOption(CLI::App* app, std::string* db);

// Opens an existing store read-only; kNotFound naming the path when the file
// does not exist.
Result<std::unique_ptr<store::Store>> OpenExistingStore(const std::string& db);

// "2019-07-02" for 20190702; "" for 0.
std::string IsoDate(int yyyymmdd);

// Parses "2019-07-02", "20190702", "2019-07" or "2019" into YYYYMMDD, a
// missing month or day being 1 (`end` false) or the last possible (`end`
// true, 12 and 31). 0 and false when unparseable.
bool ParseDateBound(const std::string& s, bool end, int* out);

}  // namespace dyad::cli

#endif  // DYAD_CLI_STORE_CLI_H_

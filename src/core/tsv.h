// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Reading the TSV lexicons under data/ (format: data/README.md). Lines that
// are empty or start with '#' are skipped; fields are split on tabs.

#ifndef DYAD_CORE_TSV_H_
#define DYAD_CORE_TSV_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad {

// Called once per data line with its 1-based line number and its fields.
// Return a non-ok Status to stop; ReadTsv prefixes it with "file:line: ".
using TsvRowFn =
    std::function<Status(int line, const std::vector<std::string_view>& f)>;

// Reads `path`, calling `fn` for every data line that has at least
// `min_fields` fields; a shorter line is a kDataError naming file and line.
Status ReadTsv(const std::string& path, size_t min_fields, const TsvRowFn& fn);

// Reads a whole file into `out`. kNotFound / kIoError name the file.
Status ReadFile(const std::string& path, std::string* out);

}  // namespace dyad

#endif  // DYAD_CORE_TSV_H_

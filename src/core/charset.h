// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Character-set helpers shared by the readers (files, WARC records): byte
// order marks and conversion to UTF-8 with ICU.

#ifndef DYAD_CORE_CHARSET_H_
#define DYAD_CORE_CHARSET_H_

#include <string>
#include <string_view>

namespace dyad {

// The charset a byte order mark at the start of `s` names ("utf-8",
// "utf-16le", "utf-16be", "utf-32le", "utf-32be"), or "" when there is none.
// `bom_size` (may be null) receives the mark's length in bytes.
std::string BomCharset(std::string_view s, size_t* bom_size);

// Converts `in`, encoded in `charset` (any name ICU knows), to UTF-8 in
// `out`. Bytes invalid in the charset become U+FFFD. False when ICU does not
// know the charset or the conversion fails.
bool ConvertToUtf8(std::string_view in, const std::string& charset, std::string* out);

}  // namespace dyad

#endif  // DYAD_CORE_CHARSET_H_

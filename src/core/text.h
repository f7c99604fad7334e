// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Small text helpers shared by the stages: ASCII case folding, trimming,
// splitting and UTF-8 decoding. Unicode-aware work (breaks, case mapping of
// non-ASCII letters) uses ICU in the stages themselves.

#ifndef DYAD_CORE_TEXT_H_
#define DYAD_CORE_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dyad {

// Lower-cases ASCII letters; other bytes are kept.
std::string AsciiLower(std::string_view s);

// Removes ASCII white space and U+00A0 from both ends.
std::string_view Trim(std::string_view s);

// Splits on `sep`, keeping empty fields.
std::vector<std::string_view> Split(std::string_view s, char sep);

// True when `s` starts (ends) with `prefix` (`suffix`). Inline: the stages
// call them per token, mostly with literals the compiler compares in place.
inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.starts_with(prefix);
}
inline bool EndsWith(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

// Decodes the code point starting at s[*i] and advances *i past it. Invalid
// bytes decode as U+FFFD and advance by one.
char32_t DecodeUtf8(std::string_view s, size_t* i);

// Appends the UTF-8 encoding of `c` to `out`.
void AppendUtf8(char32_t c, std::string* out);

// True when `s` is valid UTF-8.
bool IsValidUtf8(std::string_view s);

// Replaces invalid UTF-8 sequences with U+FFFD.
std::string RepairUtf8(std::string_view s);

// Maps typographic quotes, dashes and spaces to a canonical form used for
// matching: curly quotes -> ", ', en/em dash -> -, NBSP -> space. Lengths may
// change, so use it on copies, never on Document::text.
std::string NormalizePunct(std::string_view s);

}  // namespace dyad

#endif  // DYAD_CORE_TEXT_H_

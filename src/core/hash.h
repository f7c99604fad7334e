// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// StringHash: the hash for the lexicons' word tables. Stages look up every
// token's lower-case form in several tables, so the hash of short keys is on
// the hot path: XXH3 (libxxhash, inlined) is several times cheaper there
// than std::hash's out-of-line murmur. It is transparent, so tables keyed by
// std::string are probed with a std::string_view without allocating.

#ifndef DYAD_CORE_HASH_H_
#define DYAD_CORE_HASH_H_

#include <cstddef>
#include <string_view>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace dyad {

// Transparent XXH3 hash of a string; use with std::equal_to<>.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return XXH3_64bits(s.data(), s.size()); }
};

}  // namespace dyad

#endif  // DYAD_CORE_HASH_H_

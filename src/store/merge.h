// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Cross-article event merging, internal to the store (docs/store.md,
// "Merging"). Mentions are grouped into blocks by (source actor, target
// actor, CAMEO root); each block is clustered from scratch in a canonical
// order, so clusters depend only on the set of mentions.

#ifndef DYAD_STORE_MERGE_H_
#define DYAD_STORE_MERGE_H_

#include <sqlite3.h>

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/config.h"
#include "dyad/status.h"
#include "store/store.h"

namespace dyad::store {

// The block of a mention: "SRC|TGT|ROOT" where SRC and TGT are the actors'
// countries (else their codes, else "-"); for roots 03-06 (intentions,
// consultations, cooperation) the pair is sorted, as "A met B" and "B met A"
// report one meeting.
std::string BlockKey(std::string_view source, std::string_view target, std::string_view root);

// Strings interned as small ids (0 is the empty string), so that a merge
// holding every mention of a large store keeps each string once.
class Interner {
 public:
  Interner();
  // The id of `s`, adding it on first sight.
  uint32_t Id(std::string_view s);
  // The string of `id` (an id this interner returned).
  const std::string& Str(uint32_t id) const { return strings_[id]; }

 private:
  std::deque<std::string> strings_;
  std::unordered_map<std::string_view, uint32_t> ids_;
};

// What clustering needs of one mention; strings are Interner ids.
struct MergeMention {
  int64_t id = 0;
  int64_t doc_id = 0;
  int date = 0;  // YYYYMMDD, 0 unknown
  uint32_t code = 0;
  uint32_t place_name = 0, place_country = 0;
  std::vector<uint32_t> words;  // sorted distinct ids of the sentence's content words
};

// The sorted distinct ids in `words` of the lower-case content words of
// `sentence` (stop words and one- or two-letter words dropped).
std::vector<uint32_t> ContentWords(std::string_view sentence, Interner& words);

// Clusters the mentions of one block. Returns, for each mention, the index
// of its cluster's first member in `mentions` (order: date, then id).
// Deterministic: depends only on the multiset of mentions, not their order.
std::vector<size_t> ClusterBlock(std::vector<MergeMention>& mentions, const MergeOptions& options);

// Re-clusters every block that holds an unmerged mention and rewrites its
// events (Store::Merge). Returns the number of blocks re-clustered.
Result<int64_t> MergeBlocks(sqlite3* db, const Config& config, const MergeOptions& options);

}  // namespace dyad::store

#endif  // DYAD_STORE_MERGE_H_

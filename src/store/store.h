// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The corpus store: an embedded SQLite database (WAL mode) holding coded
// documents, their sentences, entities, quotes, places and event mentions,
// and the cross-article events the mentions merge into. The schema is
// documented in docs/store.md.
//
// Ids are derived from content, never from timing: a document's id comes from
// the hash of its raw bytes, a mention's id from its document and position,
// and a merged event's id is the smallest id among its mentions. Documents
// are written in transactions per batch, so a killed ingest leaves a
// consistent store; re-running it yields the store an uninterrupted run gives.
//
// All SQL uses bound parameters. A Store is used from one thread at a time;
// open one Store per thread to read concurrently (WAL allows many readers and
// one writer).

#ifndef DYAD_STORE_STORE_H_
#define DYAD_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"
#include "store/reader.h"
#include "store/rows.h"

struct sqlite3;

namespace dyad::store {

class StmtCache;

// The schema version written to the `meta` table. Open reads stores of
// versions kOldestSchemaVersion to kSchemaVersion (version 1 differs in its
// indexes, 1 and 2 keep sentences' text in a `sentences` table and 3 their
// spans in a table `sentence_spans`, where 4 has the view `sentences` over
// documents.sentence_spans) and upgrades them when opened for writing; it
// refuses others.
inline constexpr int kSchemaVersion = 4;
inline constexpr int kOldestSchemaVersion = 1;

// Ids are below 2^53 so that JSON clients (JavaScript) read them exactly.
inline constexpr int64_t kIdMask = (int64_t{1} << 53) - 1;

// The stable 53-bit id of a document whose raw bytes hash to `content_hash`.
int64_t DocumentId(const std::string& content_hash);

// The id of the mention at `position` in the document `doc_id` before
// collision handling: the document id's low 41 bits shifted left by 12, plus
// the position, so that a document's mentions get consecutive ids (< 2^53).
int64_t MentionId(int64_t doc_id, size_t position);

// Hex digest (SHA-256-free, 128-bit FNV-style; stable across platforms) of
// `bytes`, used as documents.content_hash.
std::string ContentHash(std::string_view bytes);

// documents.sentence_spans of `sentences`: a JSON array of [begin, end,
// paragraph] per sentence, in order, without spaces.
std::string SentenceSpansJson(const std::vector<Sentence>& sentences);

// The [begin, end) of each sentence in documents.sentence_spans `json`, in
// order; reading stops at the first character that does not belong.
std::vector<std::pair<int64_t, int64_t>> ParseSentenceSpans(std::string_view json);

// The outlet of a document: meta.site if set, else the host of meta.url
// without "www.", else "".
std::string OutletOf(const Meta& meta);

// What Add did with one document.
enum class AddOutcome { kAdded, kDuplicateContent, kDuplicateUrl };

// Options for Merge (see docs/store.md, "Merging").
struct MergeOptions {
  // Mentions whose dates differ by more than this many days never merge.
  int date_window_days = 3;
  // Minimum word-overlap (Jaccard over content words) needed to merge
  // mentions whose dates differ (same-day mentions need `same_day_text`).
  double text_threshold = 0.1;
  double same_day_text = 0.0;
  // Extra overlap needed when the two places lie in different countries.
  double place_conflict_text = 0.05;
};

// The store. Not thread-safe; one per thread. Its Reader methods are
// documented in reader.h.
class Store : public Reader {
 public:
  // Opens (creating if needed) the store at `path`, in WAL mode, and
  // creates, checks or upgrades the schema. kIoError naming the path when
  // SQLite cannot open it; kInvalidInput when it is not a dyad store of a
  // readable schema version. `read_only` opens without creating or writing
  // (and maps the file into memory: readers share the OS page cache).
  static Result<std::unique_ptr<Store>> Open(const std::string& path, bool read_only = false);
  ~Store() override;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Starts / commits a write transaction. Add calls between them are
  // atomic together. Add outside a transaction commits on its own.
  Status Begin();
  Status Commit();
  Status Rollback();

  // Raises this connection's page cache to `mib` MiB for a long run of Adds
  // (an ingest): new rows land at hash-ordered positions all over the
  // tables, and a cache that holds those pages saves re-reading them.
  Status SetCacheMiB(int mib);

  // Copies the write-ahead log into the store file (a checkpoint) only once
  // it holds about `mib` MiB, instead of SQLite's 4 MiB: in a long run of
  // Adds, a page that many batches change is then copied once per
  // checkpoint, not once per batch. The log file grows to that size.
  Status SetCheckpointMiB(int mib);

  // For a bulk load into a small store: drops the secondary (non-unique)
  // indexes of the tables Add writes, when the store holds at most
  // `max_documents` documents, so that Adds do not update them row by row.
  // RestoreIndexes creates them again (one sort each, much cheaper than the
  // updates it saves); a writable Open after a kill restores the schema's
  // indexes too. The unique indexes that detect duplicates stay.
  Status DeferIndexes(int64_t max_documents);
  // Creates the indexes DeferIndexes dropped, except those whose
  // definition names column `except_column` (when not empty), which stay
  // deferred for a later call; a no-op when none are deferred. Each index
  // made is analysed when the store has planner statistics (sqlite_stat1).
  Status RestoreIndexes(std::string_view except_column = {});

  // Adds a coded document with all its layers. Adds nothing when a document
  // with the same content hash, or the same non-empty URL, is already
  // stored. `config` is used for codebook look-ups. Mentions are stored
  // unmerged until Merge().
  // `content_hash` is ContentHash(doc.raw) when the caller has it already;
  // empty, Add computes it.
  Result<AddOutcome> Add(const Config& config, const Document& doc,
                         std::string_view content_hash = {});

  // True when a document with this content hash or non-empty URL is stored
  // (lets ingest skip coding known documents).
  Result<bool> Contains(const std::string& content_hash, const std::string& url);

  // Merges every unmerged mention, re-clustering each block (source actor,
  // target actor, CAMEO root) that gained mentions from scratch, so the result
  // depends only on the set of stored mentions, never on insertion order or
  // thread count. Runs in one transaction. Returns the number of blocks
  // re-clustered.
  Result<int64_t> Merge(const Config& config, const MergeOptions& options = {});

  // Reader (reader.h).
  Result<Stats> GetStats() override;
  Status ForEachEvent(const EventFilter& filter,
                      const std::function<Status(const EventRow&)>& fn) override;
  Result<EventRow> GetEvent(int64_t id) override;
  Result<std::vector<MentionRow>> GetMentions(int64_t event_id) override;
  Status ForEachMention(const EventFilter& filter,
                        const std::function<Status(const MentionRow&)>& fn) override;
  Result<std::vector<std::string>> GetEventUrls(int64_t event_id) override;
  Result<DocumentRow> GetDocument(int64_t id) override;
  Status ForEachDocument(const std::function<Status(const DocumentRow&)>& fn) override;
  Result<std::vector<SentenceRow>> GetSentences(int64_t doc_id) override;
  Result<std::vector<MentionRow>> GetDocumentMentions(int64_t doc_id) override;
  Result<std::vector<EntityRow>> GetEntities(int64_t doc_id) override;
  Result<std::vector<PlaceRow>> GetPlaces(int64_t doc_id) override;
  Status ForEachQuote(int64_t doc_id, const std::function<Status(const QuoteRow&)>& fn) override;

  // SQLite's plan for ForEachEvent(filter): the EXPLAIN QUERY PLAN lines
  // ("SEARCH e USING COVERING INDEX ...", "USE TEMP B-TREE FOR ORDER BY"),
  // one per line, for checking that a filter's page is an index walk.
  Result<std::string> ExplainEvents(const EventFilter& filter);

  // A canonical text dump of every table, rows in primary-key order, for
  // comparing stores in tests.
  Result<std::string> Dump();

  // The SQLite handle, for callers that need a statement the API lacks.
  sqlite3* handle() { return db_; }

 private:
  // The statements Add runs, prepared once per connection.
  struct AddStatements;

  explicit Store(sqlite3* db);
  // True when the filter's date range holds so many events that a page is
  // found faster in id order than through events_date.
  bool WideDateRange(const EventFilter& f);
  sqlite3* db_ = nullptr;
  bool in_txn_ = false;
  std::unique_ptr<StmtCache> stmts_;  // the read queries' prepared statements
  std::unique_ptr<AddStatements> add_;
  // Deferred indexes: quoted name and the CREATE statement to run again.
  std::vector<std::pair<std::string, std::string>> deferred_indexes_;
};

}  // namespace dyad::store

#endif  // DYAD_STORE_STORE_H_

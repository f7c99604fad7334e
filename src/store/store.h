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

struct sqlite3;

namespace dyad::store {

class StmtCache;

// The schema version written to the `meta` table. Open reads stores of
// versions kOldestSchemaVersion to kSchemaVersion (older ones differ only in
// their indexes) and upgrades them when opened for writing; it refuses others.
inline constexpr int kSchemaVersion = 2;
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

// The outlet of a document: meta.site if set, else the host of meta.url
// without "www.", else "".
std::string OutletOf(const Meta& meta);

// What Add did with one document.
enum class AddOutcome { kAdded, kDuplicateContent, kDuplicateUrl };

// Counts of what the store holds.
struct Stats {
  int64_t documents = 0;
  int64_t sentences = 0;
  int64_t entities = 0;
  int64_t quotes = 0;
  int64_t places = 0;
  int64_t mentions = 0;
  int64_t events = 0;             // merged events
  int64_t unmerged_mentions = 0;  // mentions awaiting Merge()
};

// Filters for QueryEvents. Empty strings and zero values mean "any". All
// given filters must hold (AND).
struct EventFilter {
  // An actor: matches the source or target actor code by prefix ("RUS",
  // "RUSGOV") or the actor's name case-insensitively.
  std::string actor;
  // A second actor; with `actor`, the pair in either direction.
  std::string actor2;
  // Source / target country (ISO alpha-3 as in CAMEO codes: "RUS", "PAK").
  std::string source_country;
  std::string target_country;
  // CAMEO event code, matched as a prefix ("04" matches "042", "0431").
  std::string code;
  // CAMEO root, two digits ("04").
  std::string root;
  // GDELT quad class 1-4; 0 for any.
  int quad_class = 0;
  // Event date range, inclusive, as YYYYMMDD; 0 for open.
  int date_from = 0;
  int date_to = 0;
  // Place name (case-insensitive substring) or a two-letter country code.
  std::string place;
  // Outlet (documents.outlet), case-insensitive exact match; matches when any
  // mention of the event came from it.
  std::string outlet;
  // Words that some mention's sentence contains (case-insensitive substring).
  std::string text;
  // Cursor: only events with id greater than this (0 for the first page).
  int64_t after_id = 0;
  // Maximum number of events returned; 0 for no limit.
  int limit = 100;
};

// One merged (cross-article) event, as stored in `events`.
struct EventRow {
  int64_t id = 0;
  std::string code;  // CAMEO event code ("042")
  std::string root;  // "04"
  int quad_class = 0;
  double goldstein = 0;
  std::string source_code, source_name, source_country;
  std::string target_code, target_name, target_country;
  int date = 0;        // YYYYMMDD of the event (earliest mention's), 0 unknown
  int first_seen = 0;  // YYYYMMDD of the earliest reporting document
  int last_seen = 0;   // YYYYMMDD of the latest reporting document
  std::string place_name, place_country, place_admin1, place_feature;
  double lat = 0, lon = 0;
  bool has_geo = false;
  int num_mentions = 0;    // mentions, incl. several in one article
  int num_sources = 0;     // distinct outlets
  int num_articles = 0;    // distinct documents
  std::string source_url;  // URL of the first document that reported it
  std::string sentence;    // the sentence of the representative mention
  int64_t first_doc = 0;   // id of that document
};

// One event mention: an event coded from one sentence of one document.
struct MentionRow {
  int64_t id = 0;
  int64_t event_id = 0;  // merged event, 0 before Merge()
  int64_t doc_id = 0;
  int index = 0;     // position in the document's events
  int sentence = 0;  // 0-based sentence index in the document
  std::string code;
  std::string source_code, source_name, target_code, target_name;
  int date = 0;          // YYYYMMDD, 0 unknown
  std::string modality;  // "asserted", "future", ...
  std::string place_name, place_country;
  int source_offset = -1, target_offset = -1, action_offset = -1;  // bytes
  std::string trigger;
  std::string sentence_text;
  // From the document:
  std::string url, outlet, title;
  int doc_date = 0;          // YYYYMMDD of the document's reference date
  int doc_length = 0;        // bytes of cleaned text
  int event_first_seen = 0;  // the merged event's first_seen, 0 before Merge()
};

// A document's stored fields (without its layers).
struct DocumentRow {
  int64_t id = 0;
  std::string content_hash, url, source, outlet, title, byline, language;
  std::string published;  // ISO date or ""
  int date = 0;           // YYYYMMDD of the reference date, 0 unknown
  std::string text;
  int num_sentences = 0, num_events = 0, num_quotes = 0;
};

// A stored quotation with its speaker.
struct QuoteRow {
  int64_t doc_id = 0;
  int index = 0;
  std::string text, speaker, speaker_code, cue, kind;
  int sentence = -1;
  std::string url, outlet;
  int doc_date = 0;
};

// A stored sentence.
struct SentenceRow {
  int64_t doc_id = 0;
  int index = 0;
  int begin = 0, end = 0;
  std::string text;
};

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

// The store. Not thread-safe; one per thread.
class Store {
 public:
  // Opens (creating if needed) the store at `path`, in WAL mode, and
  // creates, checks or upgrades the schema. kIoError naming the path when
  // SQLite cannot open it; kInvalidInput when it is not a dyad store of a
  // readable schema version. `read_only` opens without creating or writing
  // (and maps the file into memory: readers share the OS page cache).
  static Result<std::unique_ptr<Store>> Open(const std::string& path, bool read_only = false);
  ~Store();
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
  Result<AddOutcome> Add(const Config& config, const Document& doc);

  // True when a document with this content hash or non-empty URL is stored
  // (lets ingest skip coding known documents).
  Result<bool> Contains(const std::string& content_hash, const std::string& url);

  // Merges every unmerged mention, re-clustering each block (source actor,
  // target actor, CAMEO root) that gained mentions from scratch, so the result
  // depends only on the set of stored mentions, never on insertion order or
  // thread count. Runs in one transaction. Returns the number of blocks
  // re-clustered.
  Result<int64_t> Merge(const Config& config, const MergeOptions& options = {});

  // Counts.
  Result<Stats> GetStats();

  // Events matching `filter`, ordered by id.
  Result<std::vector<EventRow>> QueryEvents(const EventFilter& filter);
  // Calls `fn` for each event matching `filter` (limit applies if non-zero),
  // ordered by id; stops early and returns its status when `fn` fails.
  Status ForEachEvent(const EventFilter& filter, const std::function<Status(const EventRow&)>& fn);

  // SQLite's plan for ForEachEvent(filter): the EXPLAIN QUERY PLAN lines
  // ("SEARCH e USING COVERING INDEX ...", "USE TEMP B-TREE FOR ORDER BY"),
  // one per line, for checking that a filter's page is an index walk.
  Result<std::string> ExplainEvents(const EventFilter& filter);

  // One event by id; kNotFound when absent.
  Result<EventRow> GetEvent(int64_t id);
  // The mentions of event `event_id`, ordered by document date then id.
  Result<std::vector<MentionRow>> GetMentions(int64_t event_id);
  // Calls `fn` for each mention of the events matching `filter`, ordered by
  // event id then mention id.
  Status ForEachMention(const EventFilter& filter,
                        const std::function<Status(const MentionRow&)>& fn);
  // Distinct source URLs of event `event_id`, oldest document first.
  Result<std::vector<std::string>> GetEventUrls(int64_t event_id);

  // One document by id; kNotFound when absent.
  Result<DocumentRow> GetDocument(int64_t id);
  // Every document, ordered by id.
  Status ForEachDocument(const std::function<Status(const DocumentRow&)>& fn);
  // A document's sentences, mentions and quotes.
  Result<std::vector<SentenceRow>> GetSentences(int64_t doc_id);
  Result<std::vector<MentionRow>> GetDocumentMentions(int64_t doc_id);
  // Every quotation, ordered by document id then index; `doc_id` 0 for all.
  Status ForEachQuote(int64_t doc_id, const std::function<Status(const QuoteRow&)>& fn);

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

// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The shared corpus store of the scale-out mode (docs/scale.md): the SQLite
// store's schema (schema.h, docs/store.md) in PostgreSQL, written by many
// `dyad work` processes at once through libpq.
//
// One logical schema, one set of rules: a worker codes a batch of documents
// into a private in-memory SQLite Store with Store::Add (so ids, blocks and
// every column are computed by the one implementation), then AddFrom copies
// those rows into PostgreSQL in one transaction with INSERT ... ON CONFLICT
// DO NOTHING. A document already present (same content hash, URL or id) adds
// nothing, so a redelivered message is harmless: at-least-once delivery plus
// idempotent writes give an exactly-once effect.
//
// Merge re-clusters the blocks that gained mentions, under a PostgreSQL
// advisory lock so that merges never run concurrently: it copies those
// blocks' mentions (with their sentences, places, documents and current
// events) into an in-memory SQLite Store, runs the store's own merge there,
// and writes the blocks' events and the mentions' event ids back in one
// transaction. Clusters depend only on the set of stored mentions, so the
// result equals a single-process `dyad ingest` of the same articles.
//
// As a Reader (reader.h) it answers `dyad query`, `show` and `export`
// directly from PostgreSQL, with the SQLite store's queries (read_sql.h):
// small results in one round trip, large ones (whole exports) streamed
// through a server-side cursor in a read-only transaction, a batch of rows
// at a time, so that memory stays bounded and the rows come from one
// snapshot.
//
// All SQL uses bound parameters. A PgStore is used from one thread at a time.

#ifndef DYAD_STORE_PG_STORE_H_
#define DYAD_STORE_PG_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dyad/config.h"
#include "dyad/status.h"
#include "store/reader.h"
#include "store/store.h"

struct pg_conn;

namespace dyad::store {

class PgRow;
namespace read_sql {
struct Where;
}

// The PostgreSQL dialect of kSchemaSql (BIGINT ids, DOUBLE PRECISION reals,
// a quoted "end" column, no SQLite-only clauses).
std::string PgSchemaSql();

// A connection to the shared store. Its Reader methods are documented in
// reader.h.
class PgStore : public Reader {
 public:
  // Connects with libpq `conninfo` ("postgresql://host:port/db" or
  // "host=... dbname=..."), creates the schema when absent and checks its
  // version. kIoError naming the server on connection failure;
  // kInvalidInput when the database holds another schema version. With
  // `read_only` creates nothing (a read replica will do) and fails with
  // kInvalidInput when the database holds no dyad store.
  static Result<std::unique_ptr<PgStore>> Open(const std::string& conninfo, bool read_only = false);
  ~PgStore() override;
  PgStore(const PgStore&) = delete;
  PgStore& operator=(const PgStore&) = delete;

  // Copies every document of `staging` with all its layers into the shared
  // store in one transaction. Documents already stored (content hash, URL or
  // id) are skipped with their layers. Returns the number of documents added.
  // On failure nothing is written.
  Result<int64_t> AddFrom(Store& staging);

  // Merges every unmerged mention (see the file comment). Returns the number
  // of blocks re-clustered.
  Result<int64_t> Merge(const Config& config, const MergeOptions& options = {});

  // True while the connection to the server is up (a failed statement on a
  // live connection is the data's fault, not the server's).
  bool Connected() const;

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

 private:
  explicit PgStore(pg_conn* conn) : conn_(conn) {}
  // Re-opens the connection when the server closed it (a restart or
  // fail-over), so that a long-running worker carries on.
  Status Reconnect();
  // How Query runs a statement.
  enum class QueryMode {
    kOnce,      // planned for its values and run once: filters
    kPrepared,  // prepared once per connection and run again: look-ups by id
    kStream,    // through a cursor, a batch of rows at a time: large results
  };
  // kStream when a query limited to `limit` rows (0: none) may be large,
  // else kOnce.
  static QueryMode ModeForLimit(int limit);
  // Runs `sql` (read_sql's SQLite form) with the values of `w`, calling
  // `fn` for each row.
  Status Query(const std::string& sql, const read_sql::Where& w, QueryMode mode,
               const std::function<Status(const PgRow&)>& fn);
  pg_conn* conn_ = nullptr;
  std::map<std::string, std::string> prepared_;  // SQL -> prepared statement name
  int open_cursors_ = 0;                         // Query's cursors now open (nested calls)
};

}  // namespace dyad::store

#endif  // DYAD_STORE_PG_STORE_H_

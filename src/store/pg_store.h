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
// All SQL uses bound parameters. A PgStore is used from one thread at a time.

#ifndef DYAD_STORE_PG_STORE_H_
#define DYAD_STORE_PG_STORE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "dyad/config.h"
#include "dyad/status.h"
#include "store/store.h"

struct pg_conn;

namespace dyad::store {

// The PostgreSQL dialect of kSchemaSql (BIGINT ids, DOUBLE PRECISION reals,
// a quoted "end" column, no SQLite-only clauses).
std::string PgSchemaSql();

// A connection to the shared store.
class PgStore {
 public:
  // Connects with libpq `conninfo` ("postgresql://host:port/db" or
  // "host=... dbname=..."), creates the schema when absent and checks its
  // version. kIoError naming the server on connection failure;
  // kInvalidInput when the database holds another schema version.
  static Result<std::unique_ptr<PgStore>> Open(const std::string& conninfo);
  ~PgStore();
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

  // Counts.
  Result<Stats> GetStats();

  // Copies every table into `dst`, an empty SQLite store, so that the
  // SQLite query code (query, show, export) can read the shared store.
  Status CopyTo(Store& dst);

 private:
  explicit PgStore(pg_conn* conn) : conn_(conn) {}
  // Re-opens the connection when the server closed it (a restart or
  // fail-over), so that a long-running worker carries on.
  Status Reconnect();
  pg_conn* conn_ = nullptr;
};

}  // namespace dyad::store

#endif  // DYAD_STORE_PG_STORE_H_

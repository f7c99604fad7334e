// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// A thin layer over libpq, internal to the PostgreSQL store (pg_store.cc,
// pg_read.cc). Values are always bound parameters, never spliced into SQL.

#ifndef DYAD_STORE_PG_SQL_H_
#define DYAD_STORE_PG_SQL_H_

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dyad/status.h"

namespace dyad::store {

// Owns a PGresult.
struct Res {
  PGresult* r = nullptr;
  explicit Res(PGresult* p) : r(p) {}
  ~Res() { PQclear(r); }
  Res(const Res&) = delete;
  Res& operator=(const Res&) = delete;
};

// Runs `sql` with text parameters (nullopt for NULL) of the type OIDs
// `types` (empty: the server infers them); fails with kIoError naming the
// statement unless the result status is a success. Without parameters runs
// PQexec, which also runs several statements (the schema).
Result<std::unique_ptr<Res>> PgExec(PGconn* c, const std::string& sql,
                                    const std::vector<std::optional<std::string>>& params = {},
                                    const std::vector<Oid>& types = {});

// PgExec without the result.
Status Run(PGconn* c, const std::string& sql,
           const std::vector<std::optional<std::string>>& params = {});

}  // namespace dyad::store

#endif  // DYAD_STORE_PG_SQL_H_

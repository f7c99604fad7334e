// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// A thin RAII layer over SQLite prepared statements, internal to the store.
// Values are always bound, never spliced into SQL text.

#ifndef DYAD_STORE_SQL_H_
#define DYAD_STORE_SQL_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "dyad/status.h"

namespace dyad::store {

class StmtCache;

// A prepared statement. Bind with 1-based indexes, Step until it returns
// false, read columns with 0-based indexes.
class Stmt {
 public:
  // Prepares `sql` on `db`; check status() before use.
  Stmt(sqlite3* db, std::string_view sql);
  // Borrows the statement for `sql` from `cache` (preparing it on first
  // use) and hands it back, reset, on destruction. A statement still in use
  // by another Stmt (a nested query) is prepared afresh instead.
  Stmt(sqlite3* db, StmtCache& cache, const std::string& sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // Ok, or the error from preparing or the last step.
  const Status& status() const { return status_; }

  // Binders; return *this for chaining.
  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, std::string_view v);
  Stmt& BindNull(int i);

  // Steps: true while a row is available; false when done or on error
  // (then status() is not ok).
  bool Step();
  // Steps to completion and returns the status (for INSERT/UPDATE).
  Status Run();
  // Resets for re-execution and clears bindings.
  void Reset();

  // Column readers.
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  // The column's text, valid until the next Step, Reset or column read.
  std::string_view View(int col) const;
  bool IsNull(int col) const;
  // Number of result columns.
  int Columns() const { return stmt_ ? sqlite3_column_count(stmt_) : 0; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  Status status_;
  bool* busy_ = nullptr;  // the cache entry's flag when stmt_ is borrowed
};

// Prepared statements of one connection, keyed by their SQL text, so that a
// query run again skips SQLite's parser and planner. Finalize with Clear()
// before closing the connection.
class StmtCache {
 public:
  StmtCache() = default;
  ~StmtCache() { Clear(); }
  StmtCache(const StmtCache&) = delete;
  StmtCache& operator=(const StmtCache&) = delete;
  // Finalizes every cached statement.
  void Clear();

 private:
  friend class Stmt;
  struct Entry {
    sqlite3_stmt* stmt = nullptr;
    bool busy = false;
  };
  std::unordered_map<std::string, Entry> entries_;
};

// Executes `sql` (no parameters; schema statements and pragmas only).
Status Exec(sqlite3* db, const char* sql);

}  // namespace dyad::store

#endif  // DYAD_STORE_SQL_H_

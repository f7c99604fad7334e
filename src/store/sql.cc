// SQLite statement wrapper.
#include "store/sql.h"

namespace dyad::store {

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    status_ = Status::Internal(std::string("store: cannot prepare statement: ") +
                               sqlite3_errmsg(db) + " in: " + std::string(sql.substr(0, 80)));
  }
}

Stmt::Stmt(sqlite3* db, StmtCache& cache, const std::string& sql) : db_(db) {
  constexpr size_t kMaxEntries = 256;  // shapes of queries are few; bound them anyway
  auto it = cache.entries_.find(sql);
  if (it != cache.entries_.end() && !it->second.busy) {
    stmt_ = it->second.stmt;
    busy_ = &it->second.busy;
    *busy_ = true;
    return;
  }
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    status_ = Status::Internal(std::string("store: cannot prepare statement: ") +
                               sqlite3_errmsg(db) + " in: " + sql.substr(0, 80));
    return;
  }
  if (it == cache.entries_.end() && cache.entries_.size() < kMaxEntries) {
    StmtCache::Entry& e = cache.entries_[sql];
    e = {stmt_, true};
    busy_ = &e.busy;
  }
}

Stmt::~Stmt() {
  if (!busy_) {
    sqlite3_finalize(stmt_);
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *busy_ = false;
}

void StmtCache::Clear() {
  for (auto& [sql, e] : entries_) sqlite3_finalize(e.stmt);
  entries_.clear();
}

Stmt& Stmt::Bind(int i, int64_t v) {
  if (stmt_) sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, double v) {
  if (stmt_) sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, std::string_view v) {
  if (stmt_) sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  if (stmt_) sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Stmt::Step() {
  if (!stmt_ || !status_.ok()) return false;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) {
    int code = sqlite3_errcode(db_);
    std::string msg = std::string("store: ") + sqlite3_errmsg(db_);
    status_ = (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN ||
               code == SQLITE_BUSY || code == SQLITE_READONLY)
                  ? Status::IoError(msg)
                  : Status::Internal(msg);
  }
  return false;
}

Status Stmt::Run() {
  while (Step()) {
  }
  Status s = status_;
  Reset();
  return s;
}

void Stmt::Reset() {
  if (!stmt_) return;  // a failed prepare keeps its status
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  status_ = Status::Ok();
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::Double(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Stmt::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (!p) return "";
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}
std::string_view Stmt::View(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}
bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Status Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = std::string("store: ") + (err ? err : "error");
    sqlite3_free(err);
    return Status::IoError(msg);
  }
  return Status::Ok();
}

}  // namespace dyad::store

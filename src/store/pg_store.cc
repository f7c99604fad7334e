// The PostgreSQL shared store (pg_store.h, docs/scale.md).
#include "store/pg_store.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "core/text.h"
#include "store/pg_sql.h"
#include "store/schema.h"
#include "store/sql.h"

namespace dyad::store {

Result<std::unique_ptr<Res>> PgExec(PGconn* c, const std::string& sql,
                                    const std::vector<std::optional<std::string>>& params,
                                    const std::vector<Oid>& types) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  auto res = std::make_unique<Res>(
      params.empty() ? PQexec(c, sql.c_str())
                     : PQexecParams(c, sql.c_str(), static_cast<int>(values.size()),
                                    types.empty() ? nullptr : types.data(), values.data(), nullptr,
                                    nullptr, 0));
  ExecStatusType st = PQresultStatus(res->r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    std::string msg = PQresultErrorMessage(res->r);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    std::string head = sql.substr(0, 60);
    return Status::IoError("postgres: " + msg + " (in: " + head + "...)");
  }
  return res;
}

Status Run(PGconn* c, const std::string& sql,
           const std::vector<std::optional<std::string>>& params) {
  auto r = PgExec(c, sql, params);
  return r.ok() ? Status::Ok() : r.status();
}

namespace {

// Key of the advisory locks that serialise schema creation and merges.
constexpr int64_t kSchemaLock = 0x6479616401;
constexpr int64_t kMergeLock = 0x6479616402;

std::string Quote(std::string_view column) { return "\"" + std::string(column) + "\""; }

// Appends one element to a PostgreSQL array literal: NULL, or the value
// double-quoted with '"' and '\\' escaped.
void AppendElement(const std::optional<std::string>& v, std::string* array) {
  if (!v) {
    *array += "NULL";
    return;
  }
  *array += '"';
  for (char ch : *v) {
    if (ch == '"' || ch == '\\') *array += '\\';
    *array += ch;
  }
  *array += '"';
}

// A PostgreSQL array literal of `items` ({"a","b"}), for = ANY($1).
std::string ArrayLiteral(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    AppendElement(items[i], &out);
  }
  return out + "}";
}

// A row read from SQLite as PostgreSQL text parameters.
using Row = std::vector<std::optional<std::string>>;

std::optional<std::string> SqliteValue(sqlite3_stmt* q, int i) {
  switch (sqlite3_column_type(q, i)) {
    case SQLITE_NULL:
      return std::nullopt;
    case SQLITE_INTEGER:
      return std::to_string(sqlite3_column_int64(q, i));
    case SQLITE_FLOAT: {
      char buf[40];  // 17 significant digits round-trip a double exactly
      std::snprintf(buf, sizeof buf, "%.17g", sqlite3_column_double(q, i));
      return std::string(buf);
    }
    default: {
      const unsigned char* t = sqlite3_column_text(q, i);
      return std::string(reinterpret_cast<const char*>(t),
                         static_cast<size_t>(sqlite3_column_bytes(q, i)));
    }
  }
}

// The columns of an SQLite query: names and PostgreSQL array types.
struct Columns {
  std::vector<std::string> names;
  std::vector<std::string> array_types;  // "bigint[]", "float8[]" or "text[]"
};

// Reads the rows of `sql` from SQLite with their columns.
Status ReadSqlite(sqlite3* db, const std::string& sql, Columns* columns, std::vector<Row>* rows) {
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &q, nullptr) != SQLITE_OK) {
    return Status::Internal(std::string("sqlite: ") + sqlite3_errmsg(db));
  }
  int n = sqlite3_column_count(q);
  *columns = {};
  for (int i = 0; i < n; ++i) {
    columns->names.push_back(sqlite3_column_name(q, i));
    std::string decl = sqlite3_column_decltype(q, i) ? sqlite3_column_decltype(q, i) : "";
    columns->array_types.push_back(decl == "INTEGER" ? "bigint[]"
                                   : decl == "REAL"  ? "float8[]"
                                                     : "text[]");
  }
  int rc;
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    Row r;
    r.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) r.push_back(SqliteValue(q, i));
    rows->push_back(std::move(r));
  }
  sqlite3_finalize(q);
  if (rc != SQLITE_DONE) return Status::Internal(std::string("sqlite: ") + sqlite3_errmsg(db));
  return Status::Ok();
}

// Inserts `rows` into PostgreSQL table `table`, ON CONFLICT DO NOTHING, as
// INSERT ... SELECT FROM unnest() of one array parameter per column (a short
// statement to parse however many rows). Collects the first column of the
// rows actually inserted into `returning` when given.
Status InsertPg(PGconn* c, const std::string& table, const Columns& columns,
                const std::vector<Row>& rows, std::set<std::string>* returning) {
  const size_t n = columns.names.size();
  std::string sql = "INSERT INTO " + table + "(";
  for (size_t i = 0; i < n; ++i) sql += (i ? "," : "") + Quote(columns.names[i]);
  sql += ") SELECT * FROM unnest(";
  for (size_t i = 0; i < n; ++i) {
    sql += (i ? ",$" : "$") + std::to_string(i + 1) + "::" + columns.array_types[i];
  }
  sql += ") ON CONFLICT DO NOTHING";
  if (returning) sql += " RETURNING " + Quote(columns.names[0]);
  constexpr size_t kRowsPerStatement = 5000;
  for (size_t start = 0; start < rows.size(); start += kRowsPerStatement) {
    size_t end = std::min(rows.size(), start + kRowsPerStatement);
    Row arrays(n, std::string("{"));
    for (size_t r = start; r < end; ++r) {
      for (size_t i = 0; i < n; ++i) {
        if (r > start) *arrays[i] += ',';
        AppendElement(rows[r][i], &*arrays[i]);
      }
    }
    for (auto& a : arrays) *a += '}';
    auto res = PgExec(c, sql, arrays);
    if (!res.ok()) return res.status();
    if (returning) {
      for (int i = 0; i < PQntuples((*res)->r); ++i) returning->insert(PQgetvalue((*res)->r, i, 0));
    }
  }
  return Status::Ok();
}

// Streams the rows of a PostgreSQL query into SQLite table `table` (columns
// named as the query's), binding integers, reals and text by their type.
Status CopyPgToSqlite(PGconn* c, const std::string& sql,
                      const std::vector<std::optional<std::string>>& params, sqlite3* db,
                      const std::string& table) {
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  if (!PQsendQueryParams(c, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                         nullptr, nullptr, 0) ||
      !PQsetSingleRowMode(c)) {
    return Status::IoError(std::string("postgres: ") + PQerrorMessage(c));
  }
  sqlite3_stmt* ins = nullptr;
  Status status;
  for (;;) {
    Res res(PQgetResult(c));
    if (!res.r) break;
    ExecStatusType st = PQresultStatus(res.r);
    if (st == PGRES_TUPLES_OK) continue;  // the end of a single-row stream
    if (st != PGRES_SINGLE_TUPLE) {
      if (status.ok())
        status = Status::IoError(std::string("postgres: ") + PQresultErrorMessage(res.r));
      continue;  // drain the remaining results
    }
    if (!status.ok()) continue;
    int n = PQnfields(res.r);
    if (!ins) {
      std::string s = "INSERT INTO " + table + "(";
      for (int i = 0; i < n; ++i) s += (i ? "," : "") + Quote(PQfname(res.r, i));
      s += ") VALUES(";
      for (int i = 0; i < n; ++i) s += i ? ",?" : "?";
      s += ")";
      if (sqlite3_prepare_v2(db, s.c_str(), -1, &ins, nullptr) != SQLITE_OK) {
        status = Status::Internal(std::string("sqlite: ") + sqlite3_errmsg(db));
        continue;
      }
    }
    for (int i = 0; i < n; ++i) {
      if (PQgetisnull(res.r, 0, i)) {
        sqlite3_bind_null(ins, i + 1);
        continue;
      }
      const char* v = PQgetvalue(res.r, 0, i);
      switch (PQftype(res.r, i)) {
        case 20:  // int8
        case 21:  // int2
        case 23:  // int4
          sqlite3_bind_int64(ins, i + 1, std::strtoll(v, nullptr, 10));
          break;
        case 700:  // float4
        case 701:  // float8
          sqlite3_bind_double(ins, i + 1, std::strtod(v, nullptr));
          break;
        default:
          sqlite3_bind_text(ins, i + 1, v, PQgetlength(res.r, 0, i), SQLITE_TRANSIENT);
      }
    }
    if (sqlite3_step(ins) != SQLITE_DONE) {
      status = Status::Internal(std::string("sqlite: ") + sqlite3_errmsg(db));
    }
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  return status;
}

void IgnoreNotice(void*, const char*) {}

}  // namespace

std::string PgSchemaSql() {
  std::string s = kSchemaSql;
  auto replace_all = [&](std::string_view from, std::string_view to) {
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
      s.replace(p, from.size(), to);
    }
  };
  replace_all(" WITHOUT ROWID", "");
  replace_all(" COLLATE NOCASE", "");
  replace_all(" INTEGER", " BIGINT");
  replace_all(" REAL", " DOUBLE PRECISION");
  replace_all("\n  end ", "\n  \"end\" ");
  replace_all("CREATE VIEW IF NOT EXISTS", "CREATE OR REPLACE VIEW");
  // The sentences view: jsonb elements and a bytea substring.
  const std::string_view view = "CREATE OR REPLACE VIEW sentences AS";
  const size_t from = s.find(view), to = s.find(';', from);
  s.replace(from, to - from,
            "CREATE OR REPLACE VIEW sentences AS "
            "SELECT d.id AS doc_id, j.ord - 1 AS idx, (j.v ->> 0)::bigint AS begin, "
            "(j.v ->> 1)::bigint AS \"end\", (j.v ->> 2)::bigint AS paragraph, "
            "convert_from(substring(convert_to(d.text, 'UTF8') FROM ((j.v ->> 0)::int + 1) FOR "
            "((j.v ->> 1)::int - (j.v ->> 0)::int)), 'UTF8') AS text "
            "FROM documents d CROSS JOIN LATERAL "
            "jsonb_array_elements(d.sentence_spans::jsonb) WITH ORDINALITY AS j(v, ord)");
  return s;
}

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& conninfo, bool read_only) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  std::unique_ptr<PgStore> st(new PgStore(c));
  if (!c || PQstatus(c) != CONNECTION_OK) {
    std::string msg = c ? PQerrorMessage(c) : "out of memory";
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    // One line: libpq puts a hint on a line of its own.
    for (size_t p = msg.find("\n\t"); p != std::string::npos; p = msg.find("\n\t", p)) {
      msg.replace(p, 2, " ");
    }
    return Status::IoError(conninfo + ": cannot connect to PostgreSQL: " + msg);
  }
  PQsetNoticeProcessor(c, IgnoreNotice, nullptr);
  // Doubles as text in full precision (the default from PostgreSQL 12 on),
  // so that reads give the very values written.
  DYAD_RETURN_IF_ERROR(Run(c, "SET extra_float_digits = 3"));
  const std::string wrong_version =
      conninfo + ": not a dyad store of schema version " + std::to_string(kSchemaVersion);
  if (read_only) {
    // Creates nothing (a read replica refuses writes): the store must exist.
    auto v = PgExec(c, "SELECT value FROM meta WHERE key = 'schema_version'");
    if (!v.ok()) return Status::InvalidInput(conninfo + ": not a dyad store (no meta table)");
    if (PQntuples((*v)->r) != 1 || PQgetvalue((*v)->r, 0, 0) != std::to_string(kSchemaVersion)) {
      return Status::InvalidInput(wrong_version);
    }
    return st;
  }
  // Workers starting together must not race to create the tables.
  DYAD_RETURN_IF_ERROR(Run(c, "BEGIN"));
  DYAD_RETURN_IF_ERROR(Run(c, "SELECT pg_advisory_xact_lock($1)", {std::to_string(kSchemaLock)}));
  // A store of another version is refused before the schema's statements
  // meet its older tables.
  auto has_meta = PgExec(c, "SELECT to_regclass('meta') IS NOT NULL");
  if (!has_meta.ok()) return has_meta.status();
  if (std::string_view(PQgetvalue((*has_meta)->r, 0, 0)) == "t") {
    auto old = PgExec(c, "SELECT value FROM meta WHERE key = 'schema_version'");
    if (!old.ok()) return old.status();
    if (PQntuples((*old)->r) > 0 && PQgetvalue((*old)->r, 0, 0) != std::to_string(kSchemaVersion)) {
      Run(c, "ROLLBACK");
      return Status::InvalidInput(wrong_version);
    }
  }
  DYAD_RETURN_IF_ERROR(Run(c, PgSchemaSql()));
  DYAD_RETURN_IF_ERROR(Run(c,
                           "INSERT INTO meta(key, value) VALUES('schema_version', $1) "
                           "ON CONFLICT DO NOTHING",
                           {std::to_string(kSchemaVersion)}));
  auto v = PgExec(c, "SELECT value FROM meta WHERE key = 'schema_version'");
  if (!v.ok()) return v.status();
  if (PQntuples((*v)->r) != 1 || PQgetvalue((*v)->r, 0, 0) != std::to_string(kSchemaVersion)) {
    Run(c, "ROLLBACK");
    return Status::InvalidInput(wrong_version);
  }
  DYAD_RETURN_IF_ERROR(Run(c, "COMMIT"));
  return st;
}

PgStore::~PgStore() { PQfinish(conn_); }

bool PgStore::Connected() const { return PQstatus(conn_) == CONNECTION_OK; }

Status PgStore::Reconnect() {
  if (PQstatus(conn_) == CONNECTION_OK) return Status::Ok();
  PQreset(conn_);
  prepared_.clear();  // the server forgot them with the old session
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn_);
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    return Status::IoError("postgres: connection lost: " + msg);
  }
  PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
  return Status::Ok();
}

namespace {

// Inserts `row` (whose first column is a 53-bit id) into `table`, moving the
// id to the next free one while it collides, as Store::Add does. Returns the
// id it got, or "" when `duplicate_sql` (with `duplicate_args`) finds the row
// already stored under another id.
Result<std::string> InsertWithFreeId(PGconn* c, const std::string& table, const Columns& cols,
                                     Row row, const std::string& duplicate_sql,
                                     const Row& duplicate_args) {
  for (int attempt = 0; attempt < 1000; ++attempt) {
    if (!duplicate_sql.empty()) {
      auto dup = PgExec(c, duplicate_sql, duplicate_args);
      if (!dup.ok()) return dup.status();
      if (PQntuples((*dup)->r) > 0) return std::string();
    }
    int64_t id = std::strtoll(row[0]->c_str(), nullptr, 10);
    row[0] = std::to_string(id = (id + 1) & kIdMask);
    std::set<std::string> got;
    DYAD_RETURN_IF_ERROR(InsertPg(c, table, cols, {row}, &got));
    if (!got.empty()) return *got.begin();
  }
  return Status::Internal(table + ": no free id near " + *row[0]);
}

}  // namespace

Result<int64_t> PgStore::AddFrom(Store& staging) {
  sqlite3* db = staging.handle();
  Columns cols;
  std::vector<Row> docs;
  // In id order, so that concurrent workers take row locks in one order.
  DYAD_RETURN_IF_ERROR(ReadSqlite(db, "SELECT * FROM documents ORDER BY id", &cols, &docs));
  if (docs.empty()) return int64_t{0};
  DYAD_RETURN_IF_ERROR(Reconnect());
  DYAD_RETURN_IF_ERROR(Run(conn_, "BEGIN"));
  auto fail = [&](Status s) -> Result<int64_t> {
    Run(conn_, "ROLLBACK");
    return s;
  };
  std::set<std::string> added;
  if (Status s = InsertPg(conn_, "documents", cols, docs, &added); !s.ok()) return fail(s);
  // A document not inserted is stored already (same content or URL), or its
  // id collides with another document's: then it takes the next free id.
  std::map<std::string, std::string> moved;  // staging id -> stored id
  size_t hash_col = 0, url_col = 0;
  for (size_t i = 0; i < cols.names.size(); ++i) {
    if (cols.names[i] == "content_hash") hash_col = i;
    if (cols.names[i] == "url") url_col = i;
  }
  for (const Row& d : docs) {
    if (added.count(*d[0])) continue;
    auto id = InsertWithFreeId(conn_, "documents", cols, d,
                               "SELECT 1 FROM documents WHERE content_hash = $1 OR url = $2",
                               {d[hash_col], d[url_col]});
    if (!id.ok()) return fail(id.status());
    if (id->empty()) continue;
    moved[*d[0]] = *id;
    added.insert(*id);
  }
  for (const DumpTable& t : kDumpTables) {
    std::string name = t.table;
    if (name == "meta" || name == "documents" || name == "events") continue;
    std::vector<Row> rows, keep;
    if (Status s = ReadSqlite(db, "SELECT * FROM " + name + " ORDER BY " + t.order, &cols, &rows);
        !s.ok()) {
      return fail(s);
    }
    size_t doc_col = 0;
    while (doc_col < cols.names.size() && cols.names[doc_col] != "doc_id") ++doc_col;
    if (doc_col == cols.names.size()) return fail(Status::Internal(name + ": no doc_id column"));
    for (Row& r : rows) {
      if (!r[doc_col]) continue;
      if (auto m = moved.find(*r[doc_col]); m != moved.end()) r[doc_col] = m->second;
      if (added.count(*r[doc_col])) keep.push_back(std::move(r));
    }
    // Mention ids are hashes too: one colliding with another document's
    // mention moves to the next free id.
    const bool mentions = name == "event_mentions";
    std::set<std::string> inserted;
    if (Status s = InsertPg(conn_, name, cols, keep, mentions ? &inserted : nullptr); !s.ok()) {
      return fail(s);
    }
    for (const Row& r : keep) {
      if (!mentions || inserted.count(*r[0])) continue;
      auto id = InsertWithFreeId(conn_, name, cols, r, "", {});
      if (!id.ok()) return fail(id.status());
    }
  }
  if (Status s = Run(conn_, "COMMIT"); !s.ok()) return fail(s);
  return static_cast<int64_t>(added.size());
}

Result<int64_t> PgStore::Merge(const Config& config, const MergeOptions& options) {
  DYAD_RETURN_IF_ERROR(Reconnect());
  DYAD_RETURN_IF_ERROR(Run(conn_, "BEGIN"));
  auto fail = [&](Status s) -> Result<int64_t> {
    Run(conn_, "ROLLBACK");
    return s;
  };
  if (Status s = Run(conn_, "SELECT pg_advisory_xact_lock($1)", {std::to_string(kMergeLock)});
      !s.ok()) {
    return fail(s);
  }
  std::vector<std::string> blocks;
  {
    auto r = PgExec(conn_, "SELECT DISTINCT block FROM event_mentions WHERE event_id IS NULL");
    if (!r.ok()) return fail(r.status());
    for (int i = 0; i < PQntuples((*r)->r); ++i) blocks.push_back(PQgetvalue((*r)->r, i, 0));
  }
  if (blocks.empty()) {
    DYAD_RETURN_IF_ERROR(Run(conn_, "COMMIT"));
    return int64_t{0};
  }
  auto temp = Store::Open(":memory:");
  if (!temp.ok()) return fail(temp.status());
  sqlite3* db = (*temp)->handle();
  const std::vector<std::optional<std::string>> arg = {ArrayLiteral(blocks)};
  // Everything the merge reads of these blocks: their mentions and current
  // events, and the documents (whose texts and spans hold the sentences) and
  // places the mentions point at.
  struct {
    const char* table;
    std::string sql;
  } copies[] = {
      {"event_mentions", "SELECT * FROM event_mentions WHERE block = ANY($1)"},
      {"events", "SELECT * FROM events WHERE block = ANY($1)"},
      {"documents",
       "SELECT * FROM documents WHERE id IN (SELECT doc_id FROM event_mentions WHERE block = "
       "ANY($1))"},
      {"places",
       "SELECT * FROM places WHERE (doc_id, idx) IN (SELECT doc_id, place_idx FROM "
       "event_mentions WHERE block = ANY($1))"},
  };
  if (Status s = Exec(db, "BEGIN"); !s.ok()) return fail(s);
  for (const auto& c : copies) {
    if (Status s = CopyPgToSqlite(conn_, c.sql, arg, db, c.table); !s.ok()) return fail(s);
  }
  if (Status s = Exec(db, "COMMIT"); !s.ok()) return fail(s);
  auto merged = (*temp)->Merge(config, options);
  if (!merged.ok()) return fail(merged.status());

  Columns cols;
  std::vector<Row> events, assign;
  if (Status s = ReadSqlite(db, "SELECT * FROM events ORDER BY id", &cols, &events); !s.ok()) {
    return fail(s);
  }
  if (Status s = Run(conn_, "DELETE FROM events WHERE block = ANY($1)", arg); !s.ok()) {
    return fail(s);
  }
  if (Status s = InsertPg(conn_, "events", cols, events, nullptr); !s.ok()) return fail(s);
  Columns acols;
  if (Status s =
          ReadSqlite(db, "SELECT id, event_id FROM event_mentions ORDER BY id", &acols, &assign);
      !s.ok()) {
    return fail(s);
  }
  // One UPDATE: event_mentions.event_id from two arrays.
  Row ids(2, std::string("{"));
  for (size_t i = 0; i < assign.size(); ++i) {
    for (int k = 0; k < 2; ++k) {
      if (i) *ids[k] += ',';
      *ids[k] += assign[i][k] ? *assign[i][k] : std::string("NULL");
    }
  }
  for (auto& a : ids) *a += '}';
  if (Status s = Run(conn_,
                     "UPDATE event_mentions m SET event_id = v.e FROM unnest($1::bigint[], "
                     "$2::bigint[]) AS v(id, e) WHERE m.id = v.id AND m.event_id IS DISTINCT "
                     "FROM v.e",
                     ids);
      !s.ok()) {
    return fail(s);
  }
  if (Status s = Run(conn_, "COMMIT"); !s.ok()) return fail(s);
  return *merged;
}

Result<Stats> PgStore::GetStats() {
  auto r = PgExec(conn_,
                  "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences), "
                  "(SELECT count(*) FROM entities), (SELECT count(*) FROM quotes), "
                  "(SELECT count(*) FROM places), (SELECT count(*) FROM event_mentions), "
                  "(SELECT count(*) FROM events), "
                  "(SELECT count(*) FROM event_mentions WHERE event_id IS NULL)");
  if (!r.ok()) return r.status();
  PGresult* p = (*r)->r;
  auto at = [&](int i) { return std::strtoll(PQgetvalue(p, 0, i), nullptr, 10); };
  Stats s;
  s.documents = at(0);
  s.sentences = at(1);
  s.entities = at(2);
  s.quotes = at(3);
  s.places = at(4);
  s.mentions = at(5);
  s.events = at(6);
  s.unmerged_mentions = at(7);
  return s;
}

}  // namespace dyad::store

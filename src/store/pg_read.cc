// The read side of the PostgreSQL store (pg_store.h, reader.h): the SQLite
// store's queries (read_sql.h) run in PostgreSQL.
#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "store/pg_sql.h"
#include "store/pg_store.h"
#include "store/read_sql.h"

namespace dyad::store {

// One row of a PostgreSQL result (text format), read the way Stmt reads an
// SQLite row: NULL reads as 0 or "".
class PgRow {
 public:
  PgRow(const PGresult* r, int row) : r_(r), row_(row) {}
  int64_t Int(int col) const {
    int64_t v = 0;
    const char* p = PQgetvalue(r_, row_, col);
    std::from_chars(p, p + std::strlen(p), v);
    return v;
  }
  double Double(int col) const {
    double v = 0;
    const char* p = PQgetvalue(r_, row_, col);
    std::from_chars(p, p + std::strlen(p), v);  // locale-independent, exact
    return v;
  }
  std::string Text(int col) const {
    return std::string(PQgetvalue(r_, row_, col), static_cast<size_t>(PQgetlength(r_, row_, col)));
  }
  bool IsNull(int col) const { return PQgetisnull(r_, row_, col) != 0; }

 private:
  const PGresult* r_;
  int row_;
};

namespace {

using read_sql::Dialect;

// Rows a cursor fetches at a time; also the largest page read without one.
constexpr int kBatchRows = 1000;

// Type OIDs of the bound values (pg_type.h).
constexpr Oid kInt8Oid = 20;
constexpr Oid kTextOid = 25;

// The one value of a by-id query.
read_sql::Where IdArg(int64_t id) {
  read_sql::Where w;
  w.args.push_back(id);
  return w;
}

}  // namespace

PgStore::QueryMode PgStore::ModeForLimit(int limit) {
  return limit == 0 || limit > kBatchRows ? QueryMode::kStream : QueryMode::kOnce;
}

Status PgStore::Query(const std::string& sql, const read_sql::Where& w, QueryMode mode,
                      const std::function<Status(const PgRow&)>& fn) {
  std::vector<std::optional<std::string>> params;
  std::vector<Oid> types;
  for (const read_sql::Arg& a : w.args) {
    params.push_back(a.is_int ? std::to_string(a.i) : a.s);
    types.push_back(a.is_int ? kInt8Oid : kTextOid);
  }
  // A server restarted since the last read (dyad serve keeps connections).
  if (open_cursors_ == 0) DYAD_RETURN_IF_ERROR(Reconnect());
  const std::string pg = read_sql::ToPostgres(sql);
  auto each_row = [&](const PGresult* r) {
    for (int i = 0; i < PQntuples(r); ++i) DYAD_RETURN_IF_ERROR(fn(PgRow(r, i)));
    return Status::Ok();
  };
  if (mode == QueryMode::kOnce) {
    auto r = PgExec(conn_, pg, params, types);
    if (!r.ok()) return r.status();
    return each_row((*r)->r);
  }
  if (mode == QueryMode::kPrepared) {
    // Saves parsing and planning the look-ups an export runs per row.
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
      std::string name = "dyad_q" + std::to_string(prepared_.size() + 1);
      Res r(
          PQprepare(conn_, name.c_str(), pg.c_str(), static_cast<int>(types.size()), types.data()));
      if (PQresultStatus(r.r) != PGRES_COMMAND_OK) {
        return Status::IoError(std::string("postgres: ") + PQresultErrorMessage(r.r));
      }
      it = prepared_.emplace(sql, std::move(name)).first;
    }
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p->c_str());
    Res r(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()), values.data(),
                         nullptr, nullptr, 0));
    if (PQresultStatus(r.r) != PGRES_TUPLES_OK) {
      return Status::IoError(std::string("postgres: ") + PQresultErrorMessage(r.r));
    }
    return each_row(r.r);
  }
  // A cursor lives in a transaction: a read-only one of our own (one
  // snapshot for the whole read), or the one a nesting call opened.
  const bool own_txn = PQtransactionStatus(conn_) == PQTRANS_IDLE;
  if (own_txn) {
    DYAD_RETURN_IF_ERROR(Run(conn_, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  }
  const std::string cursor = "dyad_read_" + std::to_string(++open_cursors_);
  Status s = [&]() -> Status {
    auto d = PgExec(conn_, "DECLARE " + cursor + " NO SCROLL CURSOR FOR " + pg, params, types);
    if (!d.ok()) return d.status();
    const std::string fetch = "FETCH " + std::to_string(kBatchRows) + " FROM " + cursor;
    for (;;) {
      auto r = PgExec(conn_, fetch);
      if (!r.ok()) return r.status();
      DYAD_RETURN_IF_ERROR(each_row((*r)->r));
      if (PQntuples((*r)->r) < kBatchRows) return Status::Ok();
    }
  }();
  --open_cursors_;
  if (own_txn) {
    Status end = Run(conn_, s.ok() ? "COMMIT" : "ROLLBACK");
    return s.ok() ? end : s;
  }
  Status closed = Run(conn_, "CLOSE " + cursor);
  return s.ok() ? closed : s;
}

Status PgStore::ForEachEvent(const EventFilter& filter,
                             const std::function<Status(const EventRow&)>& fn) {
  read_sql::Where w;
  std::string sql = read_sql::EventsSql(filter, Dialect::kPostgres, false, &w);
  return Query(sql, w, ModeForLimit(filter.limit),
               [&](const PgRow& r) { return fn(read_sql::ReadEvent(r)); });
}

Result<EventRow> PgStore::GetEvent(int64_t id) {
  std::optional<EventRow> e;
  DYAD_RETURN_IF_ERROR(
      Query(read_sql::EventByIdSql(), IdArg(id), QueryMode::kPrepared, [&](const PgRow& r) {
        e = read_sql::ReadEvent(r);
        return Status::Ok();
      }));
  if (!e) return Status::NotFound("no event with id " + std::to_string(id));
  return *e;
}

Result<std::vector<MentionRow>> PgStore::GetMentions(int64_t event_id) {
  std::vector<MentionRow> out;
  DYAD_RETURN_IF_ERROR(Query(read_sql::MentionsOfEventSql(), IdArg(event_id), QueryMode::kPrepared,
                             [&](const PgRow& r) {
                               out.push_back(read_sql::ReadMention(r));
                               return Status::Ok();
                             }));
  return out;
}

Status PgStore::ForEachMention(const EventFilter& filter,
                               const std::function<Status(const MentionRow&)>& fn) {
  read_sql::Where w;
  std::string sql = read_sql::MentionsOfEventsSql(filter, Dialect::kPostgres, &w);
  return Query(sql, w, ModeForLimit(filter.limit),
               [&](const PgRow& r) { return fn(read_sql::ReadMention(r)); });
}

Result<std::vector<std::string>> PgStore::GetEventUrls(int64_t event_id) {
  std::vector<std::string> out;
  DYAD_RETURN_IF_ERROR(
      Query(read_sql::EventUrlsSql(), IdArg(event_id), QueryMode::kPrepared, [&](const PgRow& r) {
        out.push_back(r.Text(0));
        return Status::Ok();
      }));
  return out;
}

Result<DocumentRow> PgStore::GetDocument(int64_t id) {
  std::optional<DocumentRow> d;
  DYAD_RETURN_IF_ERROR(
      Query(read_sql::DocumentByIdSql(), IdArg(id), QueryMode::kPrepared, [&](const PgRow& r) {
        d = read_sql::ReadDoc(r);
        return Status::Ok();
      }));
  if (!d) return Status::NotFound("no document with id " + std::to_string(id));
  return *d;
}

Status PgStore::ForEachDocument(const std::function<Status(const DocumentRow&)>& fn) {
  return Query(read_sql::DocumentsSql(), {}, QueryMode::kStream,
               [&](const PgRow& r) { return fn(read_sql::ReadDoc(r)); });
}

Result<std::vector<SentenceRow>> PgStore::GetSentences(int64_t doc_id) {
  std::vector<SentenceRow> out;
  DYAD_RETURN_IF_ERROR(
      Query(read_sql::SentencesSql(), IdArg(doc_id), QueryMode::kPrepared, [&](const PgRow& r) {
        out.push_back(read_sql::ReadSentence(r));
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<MentionRow>> PgStore::GetDocumentMentions(int64_t doc_id) {
  std::vector<MentionRow> out;
  DYAD_RETURN_IF_ERROR(Query(read_sql::DocumentMentionsSql(), IdArg(doc_id), QueryMode::kPrepared,
                             [&](const PgRow& r) {
                               out.push_back(read_sql::ReadMention(r));
                               return Status::Ok();
                             }));
  return out;
}

Result<std::vector<EntityRow>> PgStore::GetEntities(int64_t doc_id) {
  std::vector<EntityRow> out;
  DYAD_RETURN_IF_ERROR(
      Query(read_sql::EntitiesSql(), IdArg(doc_id), QueryMode::kPrepared, [&](const PgRow& r) {
        out.push_back(read_sql::ReadEntity(r));
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<PlaceRow>> PgStore::GetPlaces(int64_t doc_id) {
  std::vector<PlaceRow> out;
  DYAD_RETURN_IF_ERROR(
      Query(read_sql::PlacesSql(), IdArg(doc_id), QueryMode::kPrepared, [&](const PgRow& r) {
        out.push_back(read_sql::ReadPlace(r));
        return Status::Ok();
      }));
  return out;
}

Status PgStore::ForEachQuote(int64_t doc_id, const std::function<Status(const QuoteRow&)>& fn) {
  return Query(read_sql::QuotesSql(), IdArg(doc_id),
               doc_id == 0 ? QueryMode::kStream : QueryMode::kPrepared,
               [&](const PgRow& r) { return fn(read_sql::ReadQuote(r)); });
}

}  // namespace dyad::store

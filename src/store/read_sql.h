// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The read queries of the store (query, show, export, serve), written once
// for both engines, internal to the store: Store runs them on SQLite and
// PgStore on PostgreSQL (docs/scale.md, "Reading"). The SQL is written in
// SQLite's form; ToPostgres turns it into PostgreSQL's (numbered $n
// parameters, COALESCE, octet_length), and the few filter expressions whose
// meaning differs between the engines (SQLite's LIKE and COLLATE NOCASE fold
// ASCII letters only) are built per dialect. Values are always bound.

#ifndef DYAD_STORE_READ_SQL_H_
#define DYAD_STORE_READ_SQL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/store.h"

namespace dyad::store::read_sql {

// The SQL engine a query is built for.
enum class Dialect { kSqlite, kPostgres };

// A bound value: an integer or a text. (Not a std::variant: GCC 12 warns
// falsely about moving one in a vector.)
struct Arg {
  Arg(int64_t v) : is_int(true), i(v) {}                  // NOLINT(runtime/explicit)
  Arg(std::string v) : is_int(false), s(std::move(v)) {}  // NOLINT(runtime/explicit)
  bool is_int;
  int64_t i = 0;
  std::string s;
};

// A WHERE clause and the values it binds, in order (parameter i + 1 is
// args[i]).
struct Where {
  std::string sql;  // "" or " WHERE ..."
  std::vector<Arg> args;
  // Appends `clause` with AND.
  void Add(const std::string& clause) { sql += (sql.empty() ? " WHERE " : " AND ") + clause; }
};

// The WHERE clause of events `e` matching `f` (everything but the limit).
// `wide_dates` (SQLite only): the date range holds many events, so the
// planner is kept off events_date and walks another index in id order.
Where BuildWhere(const EventFilter& f, Dialect dialect, bool wide_dates = false);

// The query of Reader::ForEachEvent for `filter`, in SQLite's form; `w`
// receives the values it binds (the limit last, when there is one).
std::string EventsSql(const EventFilter& filter, Dialect dialect, bool wide_dates, Where* w);

// The query of Reader::ForEachMention for `filter`, in SQLite's form; `w`
// receives the values it binds.
std::string MentionsOfEventsSql(const EventFilter& filter, Dialect dialect, Where* w);

// The fixed queries of the Reader methods, in SQLite's form; each binds the
// id named in its comment as parameter 1.
std::string EventByIdSql();         // event id
std::string MentionsOfEventSql();   // event id
std::string DocumentMentionsSql();  // document id
std::string EventUrlsSql();         // event id
std::string DocumentByIdSql();      // document id
std::string DocumentsSql();         // none
std::string SentencesSql();         // document id
std::string QuotesSql();            // document id, 0 for every quote
std::string EntitiesSql();          // document id
std::string PlacesSql();            // document id

// `sql` (SQLite's form, as built above) in PostgreSQL's: "?N" and "?"
// parameters become "$N", IFNULL becomes COALESCE and the byte length of a
// text becomes octet_length.
std::string ToPostgres(std::string_view sql);

// Readers of one result row of the queries above. `Row` has Int(col),
// Double(col), Text(col) and IsNull(col) (Stmt, or PostgreSQL's PgRow).
template <typename Row>
EventRow ReadEvent(const Row& q) {
  EventRow r;
  r.id = q.Int(0);
  r.code = q.Text(1);
  r.root = q.Text(2);
  r.quad_class = static_cast<int>(q.Int(3));
  r.goldstein = q.Double(4);
  r.source_code = q.Text(5);
  r.source_name = q.Text(6);
  r.source_country = q.Text(7);
  r.target_code = q.Text(8);
  r.target_name = q.Text(9);
  r.target_country = q.Text(10);
  r.date = static_cast<int>(q.Int(11));
  r.first_seen = static_cast<int>(q.Int(12));
  r.last_seen = static_cast<int>(q.Int(13));
  r.place_name = q.Text(14);
  r.place_country = q.Text(15);
  r.place_admin1 = q.Text(16);
  r.place_feature = q.Text(17);
  r.has_geo = !q.IsNull(18);
  r.lat = q.Double(18);
  r.lon = q.Double(19);
  r.num_mentions = static_cast<int>(q.Int(20));
  r.num_sources = static_cast<int>(q.Int(21));
  r.num_articles = static_cast<int>(q.Int(22));
  r.source_url = q.Text(23);
  r.first_doc = q.Int(24);
  r.sentence = q.Text(25);
  return r;
}

// A row of MentionsOfEventSql, DocumentMentionsSql or MentionsOfEventsSql.
template <typename Row>
MentionRow ReadMention(const Row& q) {
  MentionRow r;
  r.id = q.Int(0);
  r.event_id = q.Int(1);
  r.doc_id = q.Int(2);
  r.index = static_cast<int>(q.Int(3));
  r.sentence = static_cast<int>(q.Int(4));
  r.code = q.Text(5);
  r.source_code = q.Text(6);
  r.source_name = q.Text(7);
  r.target_code = q.Text(8);
  r.target_name = q.Text(9);
  r.date = static_cast<int>(q.Int(10));
  r.modality = q.Text(11);
  r.place_name = q.Text(12);
  r.place_country = q.Text(13);
  r.source_offset = static_cast<int>(q.Int(14));
  r.target_offset = static_cast<int>(q.Int(15));
  r.action_offset = static_cast<int>(q.Int(16));
  r.trigger = q.Text(17);
  r.sentence_text = q.Text(18);
  r.url = q.Text(19);
  r.outlet = q.Text(20);
  r.title = q.Text(21);
  r.doc_date = static_cast<int>(q.Int(22));
  r.doc_length = static_cast<int>(q.Int(23));
  r.event_first_seen = static_cast<int>(q.Int(24));
  return r;
}

// A row of DocumentByIdSql or DocumentsSql.
template <typename Row>
DocumentRow ReadDoc(const Row& q) {
  DocumentRow r;
  r.id = q.Int(0);
  r.content_hash = q.Text(1);
  r.url = q.Text(2);
  r.source = q.Text(3);
  r.outlet = q.Text(4);
  r.title = q.Text(5);
  r.byline = q.Text(6);
  r.language = q.Text(7);
  r.published = q.Text(8);
  r.date = static_cast<int>(q.Int(9));
  r.text = q.Text(10);
  r.num_sentences = static_cast<int>(q.Int(11));
  r.num_events = static_cast<int>(q.Int(12));
  r.num_quotes = static_cast<int>(q.Int(13));
  return r;
}

// A row of SentencesSql.
template <typename Row>
SentenceRow ReadSentence(const Row& q) {
  return {q.Int(0), static_cast<int>(q.Int(1)), static_cast<int>(q.Int(2)),
          static_cast<int>(q.Int(3)), q.Text(4)};
}

// A row of QuotesSql.
template <typename Row>
QuoteRow ReadQuote(const Row& q) {
  QuoteRow r;
  r.doc_id = q.Int(0);
  r.index = static_cast<int>(q.Int(1));
  r.text = q.Text(2);
  r.speaker = q.Text(3);
  r.speaker_code = q.Text(4);
  r.cue = q.Text(5);
  r.kind = q.Text(6);
  r.sentence = static_cast<int>(q.Int(7));
  r.url = q.Text(8);
  r.outlet = q.Text(9);
  r.doc_date = static_cast<int>(q.Int(10));
  r.begin = static_cast<int>(q.Int(11));
  r.end = static_cast<int>(q.Int(12));
  return r;
}

// A row of EntitiesSql.
template <typename Row>
EntityRow ReadEntity(const Row& q) {
  return {q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5)};
}

// A row of PlacesSql.
template <typename Row>
PlaceRow ReadPlace(const Row& q) {
  return {q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Double(4), q.Double(5), !q.IsNull(4)};
}

}  // namespace dyad::store::read_sql

#endif  // DYAD_STORE_READ_SQL_H_

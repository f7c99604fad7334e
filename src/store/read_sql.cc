// The read queries of both store engines (read_sql.h).
#include "store/read_sql.h"

#include <algorithm>
#include <cctype>

namespace dyad::store::read_sql {

namespace {

// The text of mention m's sentence, cut out of its document d's text by the
// sentence's span in d.sentence_spans; NULL if it has none. (ToPostgres
// rewrites it.)
#define DYAD_SENTENCE_TEXT                                                         \
  "CAST(substr(CAST(d.text AS BLOB), (d.sentence_spans -> m.sentence ->> 0) + 1, " \
  "(d.sentence_spans -> m.sentence ->> 1) - (d.sentence_spans -> m.sentence ->> 0)) AS TEXT)"
constexpr std::string_view kSentenceText = DYAD_SENTENCE_TEXT;
// PostgreSQL's: jsonb, whose -> counts a negative index from the end, and a
// bytea substring.
constexpr std::string_view kPgSentenceText =
    "CASE WHEN m.sentence >= 0 THEN convert_from(substring(convert_to(d.text, 'UTF8') FROM "
    "((d.sentence_spans::jsonb -> m.sentence::int ->> 0)::int + 1) FOR "
    "((d.sentence_spans::jsonb -> m.sentence::int ->> 1)::int - "
    "(d.sentence_spans::jsonb -> m.sentence::int ->> 0)::int)), 'UTF8') END";

constexpr const char* kEventColumns =
    "e.id, e.code, e.root, e.quad_class, e.goldstein, e.source_code, e.source_name, "
    "e.source_country, e.target_code, e.target_name, e.target_country, e.date, e.first_seen, "
    "e.last_seen, e.place_name, e.place_country, e.place_admin1, e.place_feature, e.lat, e.lon, "
    "e.num_mentions, e.num_sources, e.num_articles, e.source_url, e.first_doc, "
    "(SELECT " DYAD_SENTENCE_TEXT
    " FROM event_mentions m JOIN documents d ON d.id = m.doc_id WHERE m.id = e.first_mention)";

constexpr const char* kMentionColumns =
    "m.id, IFNULL(m.event_id, 0), m.doc_id, m.idx, m.sentence, m.code, m.source_code, "
    "m.source_name, m.target_code, m.target_name, m.date, m.modality, m.place_name, "
    "m.place_country, m.source_offset, m.target_offset, m.action_offset, m.trigger, "
    "IFNULL(" DYAD_SENTENCE_TEXT
    ", ''), IFNULL(d.url, ''), d.outlet, d.title, d.date, length(CAST(d.text AS BLOB)), "
    "IFNULL((SELECT ev.first_seen FROM events ev WHERE ev.id = m.event_id), 0)";

#undef DYAD_SENTENCE_TEXT

constexpr const char* kMentionJoins = " FROM event_mentions m JOIN documents d ON d.id = m.doc_id";

constexpr const char* kDocColumns =
    "id, content_hash, IFNULL(url, ''), source, outlet, title, byline, language, published, "
    "date, text, num_sentences, num_events, num_quotes";

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// "a\tb" for LIKE escaping: backslash escapes %, _ and itself.
std::string LikeEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// `value LIKE pattern ESCAPE '\'`, folding ASCII letters only, as SQLite's
// LIKE does (PostgreSQL's ILIKE in the "C" collation).
std::string Like(Dialect d, const std::string& value, const std::string& pattern) {
  if (d == Dialect::kSqlite) return value + " LIKE " + pattern + " ESCAPE '\\'";
  return value + " COLLATE \"C\" ILIKE " + pattern + " ESCAPE '\\'";
}

// `value = param` folding ASCII letters only (SQLite's COLLATE NOCASE).
std::string NoCaseEquals(Dialect d, const std::string& value, const std::string& param) {
  if (d == Dialect::kSqlite) return value + " = " + param + " COLLATE NOCASE";
  return "lower(" + value + " COLLATE \"C\") = lower(" + param + " COLLATE \"C\")";
}

// SQL that is true when actor `n` (a bound parameter index) is on `side`.
std::string ActorMatch(Dialect d, const char* side, int n) {
  std::string p = "?" + std::to_string(n);
  std::string e = "e." + std::string(side);
  return "(" + Like(d, e + "_code", p + " || '%'") + " OR " + e + "_country = upper(" + p +
         ") OR " + NoCaseEquals(d, e + "_name", p) + ")";
}

}  // namespace

Where BuildWhere(const EventFilter& f, Dialect d, bool wide_dates) {
  Where w;
  auto arg = [&](Arg v) {
    w.args.push_back(std::move(v));
    return "?" + std::to_string(w.args.size());
  };
  auto arg_index = [&](Arg v) {
    w.args.push_back(std::move(v));
    return static_cast<int>(w.args.size());
  };
  if (!f.actor.empty() && !f.actor2.empty()) {
    int a = arg_index(LikeEscape(f.actor)), b = arg_index(LikeEscape(f.actor2));
    w.Add("((" + ActorMatch(d, "source", a) + " AND " + ActorMatch(d, "target", b) + ") OR (" +
          ActorMatch(d, "source", b) + " AND " + ActorMatch(d, "target", a) + "))");
  } else if (!f.actor.empty() || !f.actor2.empty()) {
    int a = arg_index(LikeEscape(f.actor.empty() ? f.actor2 : f.actor));
    w.Add("(" + ActorMatch(d, "source", a) + " OR " + ActorMatch(d, "target", a) + ")");
  }
  if (!f.source_country.empty()) w.Add("e.source_country = upper(" + arg(f.source_country) + ")");
  if (!f.target_country.empty()) w.Add("e.target_country = upper(" + arg(f.target_country) + ")");
  if (!f.code.empty()) {
    w.Add(Like(d, "e.code", arg(LikeEscape(f.code)) + " || '%'"));
    // The root is the code's first two digits, so a code of two or more
    // digits implies its root: the events_root_id index then walks that
    // root's events in id order and checks the code in the index.
    if (f.code.size() >= 2 && IsAsciiDigit(f.code[0]) && IsAsciiDigit(f.code[1])) {
      w.Add("e.root = " + arg(f.code.substr(0, 2)));
    }
  }
  if (!f.root.empty()) w.Add("e.root = " + arg(f.root));
  if (f.quad_class != 0) w.Add("e.quad_class = " + arg(int64_t{f.quad_class}));
  // "+e.date" keeps SQLite's planner off events_date (see Store::ForEachEvent).
  const std::string date = wide_dates && d == Dialect::kSqlite ? "+e.date" : "e.date";
  if (f.date_from != 0) w.Add(date + " >= " + arg(int64_t{f.date_from}));
  if (f.date_to != 0) w.Add(date + " <= " + arg(int64_t{f.date_to}));
  if (!f.place.empty()) {
    std::string a = arg(f.place), b = arg(LikeEscape(f.place));
    w.Add("(e.place_country = upper(" + a + ") OR " +
          Like(d, "e.place_name", "'%' || " + b + " || '%'") + ")");
  }
  if (!f.outlet.empty()) {
    w.Add(
        "EXISTS (SELECT 1 FROM event_mentions m JOIN documents d ON d.id = m.doc_id "
        "WHERE m.event_id = e.id AND " +
        NoCaseEquals(d, "d.outlet", arg(f.outlet)) + ")");
  }
  if (!f.text.empty()) {
    w.Add(
        "EXISTS (SELECT 1 FROM event_mentions m JOIN documents d ON d.id = m.doc_id WHERE "
        "m.event_id = e.id AND " +
        Like(d, std::string(kSentenceText), "'%' || " + arg(LikeEscape(f.text)) + " || '%'") + ")");
  }
  if (f.after_id > 0) w.Add("e.id > " + arg(f.after_id));
  return w;
}

std::string EventsSql(const EventFilter& filter, Dialect d, bool wide_dates, Where* w) {
  const bool page = filter.limit > 0;
  *w = BuildWhere(filter, d, wide_dates);
  std::string sql = std::string("SELECT ") + kEventColumns + " FROM events e";
  if (!page) return sql + w->sql + " ORDER BY e.id";
  // A page. The limit is bound, so pages of any size share one prepared
  // statement.
  w->args.push_back(int64_t{filter.limit});
  std::string limit = " LIMIT ?" + std::to_string(w->args.size());
  if ((filter.date_from != 0 || filter.date_to != 0) && !wide_dates && d == Dialect::kSqlite) {
    // A narrow date range: its events come from events_date and are sorted,
    // so choose the page's ids first (a sort of bare ids), then read the
    // columns, with the sentence subquery, for that page only. (PostgreSQL's
    // planner evaluates the subquery after the sort and limit by itself.)
    return sql + " WHERE e.id IN (SELECT e.id FROM events e" + w->sql + " ORDER BY e.id" + limit +
           ") ORDER BY e.id";
  }
  // Otherwise an index (or the table) is walked in id order (docs/store.md)
  // and the walk stops after the page's last row.
  return sql + w->sql + " ORDER BY e.id" + limit;
}

std::string MentionsOfEventsSql(const EventFilter& filter, Dialect d, Where* w) {
  *w = BuildWhere(filter, d);
  std::string events = "SELECT e.id FROM events e" + w->sql + " ORDER BY e.id";
  if (filter.limit > 0) {
    w->args.push_back(int64_t{filter.limit});
    events += " LIMIT ?" + std::to_string(w->args.size());
  }
  return std::string("SELECT ") + kMentionColumns + kMentionJoins + " WHERE m.event_id IN (" +
         events + ") ORDER BY m.event_id, m.id";
}

std::string EventByIdSql() {
  return std::string("SELECT ") + kEventColumns + " FROM events e WHERE e.id = ?";
}

std::string MentionsOfEventSql() {
  return std::string("SELECT ") + kMentionColumns + kMentionJoins +
         " WHERE m.event_id = ? ORDER BY d.date, m.id";
}

std::string DocumentMentionsSql() {
  return std::string("SELECT ") + kMentionColumns + kMentionJoins +
         " WHERE m.doc_id = ? ORDER BY m.idx";
}

std::string EventUrlsSql() {
  return "SELECT d.url FROM event_mentions m JOIN documents d ON d.id = m.doc_id WHERE "
         "m.event_id = ? AND d.url IS NOT NULL GROUP BY d.url ORDER BY min(d.date), min(d.id)";
}

std::string DocumentByIdSql() {
  return std::string("SELECT ") + kDocColumns + " FROM documents WHERE id = ?";
}

std::string DocumentsSql() {
  return std::string("SELECT ") + kDocColumns + " FROM documents ORDER BY id";
}

std::string SentencesSql() {
  return "SELECT doc_id, idx, begin, \"end\", text FROM sentences WHERE doc_id = ? ORDER BY idx";
}

std::string QuotesSql() {
  return "SELECT q.doc_id, q.idx, q.text, q.speaker, q.speaker_code, q.cue, q.kind, q.sentence, "
         "IFNULL(d.url, ''), d.outlet, d.date, q.begin, q.\"end\" FROM quotes q JOIN documents d "
         "ON d.id = q.doc_id "
         "WHERE ?1 = 0 OR q.doc_id = ?1 ORDER BY q.doc_id, q.idx";
}

std::string EntitiesSql() {
  return "SELECT name, type, code, country, role, title FROM entities WHERE doc_id = ? ORDER BY "
         "idx";
}

std::string PlacesSql() {
  return "SELECT name, country, admin1, feature, lat, lon FROM places WHERE doc_id = ? ORDER BY "
         "idx";
}

std::string ToPostgres(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;  // a bare "?" is one more than the largest number so far
  for (size_t i = 0; i < sql.size();) {
    if (sql[i] == '?') {
      size_t j = i + 1;
      while (j < sql.size() && IsAsciiDigit(sql[j])) ++j;
      int n = j > i + 1 ? std::stoi(std::string(sql.substr(i + 1, j - i - 1))) : next;
      next = std::max(next, n + 1);
      out += "$" + std::to_string(n);
      i = j;
      continue;
    }
    constexpr std::string_view kIfNull = "IFNULL(", kBytes = "length(CAST(d.text AS BLOB))";
    if (sql.substr(i, kIfNull.size()) == kIfNull) {
      out += "COALESCE(";
      i += kIfNull.size();
    } else if (sql.substr(i, kSentenceText.size()) == kSentenceText) {
      out += kPgSentenceText;
      i += kSentenceText.size();
    } else if (sql.substr(i, kBytes.size()) == kBytes) {
      out += "octet_length(d.text)";
      i += kBytes.size();
    } else {
      out += sql[i++];
    }
  }
  return out;
}

}  // namespace dyad::store::read_sql

// The corpus store (store.h, docs/store.md).
#include "store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <variant>

#include "cameo/codebook.h"
#include "core/text.h"
#include "store/merge.h"
#include "store/schema.h"
#include "store/sql.h"

namespace dyad::store {

namespace {

uint64_t Mix(uint64_t x) {  // splitmix64 finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

uint64_t Fnv(std::string_view s, uint64_t h) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Mix(h);
}

int DateInt(const Date& d) {
  if (!d.known()) return 0;
  return d.year * 10000 + d.month * 100 + d.day;
}

std::string Hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// The actor's key for blocking: its country if known, else its code.
std::string ActorCountry(const Document& doc, const ActorRef& a) {
  if (a.entity >= 0 && static_cast<size_t>(a.entity) < doc.entities.size() &&
      !doc.entities[a.entity].country.empty()) {
    return doc.entities[a.entity].country;
  }
  return "";
}

std::string ActorName(const Document& doc, const ActorRef& a) {
  if (a.entity >= 0 && static_cast<size_t>(a.entity) < doc.entities.size()) {
    return doc.entities[a.entity].name;
  }
  if (a.mention >= 0 && static_cast<size_t>(a.mention) < doc.mentions.size()) {
    return std::string(doc.Text(doc.mentions[a.mention].span));
  }
  return "";
}

int ActorOffset(const Document& doc, const ActorRef& a) {
  if (a.mention >= 0 && static_cast<size_t>(a.mention) < doc.mentions.size()) {
    return static_cast<int>(doc.mentions[a.mention].span.begin);
  }
  return -1;
}

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

}  // namespace

std::string ContentHash(std::string_view bytes) {
  // Fnv with two seeds, in one pass over the bytes.
  uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL;
  for (unsigned char c : bytes) {
    a = (a ^ c) * 0x100000001b3ULL;
    b = (b ^ c) * 0x100000001b3ULL;
  }
  return Hex(Mix(a)) + Hex(Mix(b));
}

int64_t DocumentId(const std::string& content_hash) {
  int64_t id = static_cast<int64_t>(Fnv(content_hash, 0x9e3779b97f4a7c15ULL)) & kIdMask;
  return id == 0 ? 1 : id;
}

int64_t MentionId(int64_t doc_id, size_t position) {
  // The document id's low 41 bits, then 12 bits of position: a document's
  // mentions are neighbours in the table (one or two pages per article
  // instead of a random page per mention).
  constexpr int64_t kDocBits = (int64_t{1} << 41) - 1;
  int64_t id = (((doc_id & kDocBits) << 12) + static_cast<int64_t>(position)) & kIdMask;
  return id == 0 ? 1 : id;
}

std::string OutletOf(const Meta& meta) {
  if (!meta.site.empty()) return meta.site;
  std::string_view u = meta.url;
  size_t p = u.find("://");
  if (p == std::string_view::npos) return "";
  u.remove_prefix(p + 3);
  u = u.substr(0, u.find_first_of("/?#:"));
  if (StartsWith(u, "www.")) u.remove_prefix(4);
  return AsciiLower(u);
}

std::string BlockKey(std::string_view source, std::string_view target, std::string_view root) {
  std::string s(source.empty() ? "-" : source), t(target.empty() ? "-" : target);
  // Consultations and cooperation read the same either way round: "A met B"
  // and "B met A" report one meeting.
  if ((root == "03" || root == "04" || root == "05" || root == "06") && t < s) std::swap(s, t);
  return s + "|" + t + "|" + std::string(root);
}

namespace {

// Brings a store of an older schema version to kSchemaVersion in one
// transaction (schema.h: only indexes changed so far).
Status Upgrade(sqlite3* db, const std::string& path) {
  auto fail = [&](const Status& s) {
    Exec(db, "ROLLBACK");
    return Status::IoError(path + ": upgrading the store's schema: " + s.message());
  };
  DYAD_RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
  for (const char* sql : {kUpgradeFrom1Sql, kSchemaSql, "ANALYZE events"}) {
    if (Status s = Exec(db, sql); !s.ok()) return fail(s);
  }
  Stmt m(db, "UPDATE meta SET value = ? WHERE key = 'schema_version'");
  m.Bind(1, std::to_string(kSchemaVersion));
  if (Status s = m.Run(); !s.ok()) return fail(s);
  return Exec(db, "COMMIT");
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::string msg = path + ": cannot open store: " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return Status::IoError(msg);
  }
  std::unique_ptr<Store> st(new Store(db));
  sqlite3_busy_timeout(db, 10000);
  if (!read_only) {
    Status s = Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    if (!s.ok()) return Status::IoError(path + ": " + s.message());
  } else {
    // Readers map the file: pages come from the OS page cache, shared by
    // every connection, without a copy per read (cheaper than SQLite's own
    // cache of 2 MiB per connection, which a large store overflows).
    Status s = Exec(db, "PRAGMA query_only=1; PRAGMA mmap_size=1073741824;");
    if (!s.ok()) return Status::IoError(path + ": " + s.message());
  }
  bool upgrade = false;
  {
    Stmt q(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'");
    if (!q.Step()) {
      return Status::InvalidInput(path + ": not a dyad store (" + q.status().message() + ")");
    }
    bool has_meta = q.Int(0) > 0;
    if (has_meta) {
      Stmt v(db, "SELECT value FROM meta WHERE key='schema_version'");
      int version = v.Step() ? static_cast<int>(v.Int(0)) : 0;
      if (version < kOldestSchemaVersion || version > kSchemaVersion ||
          v.Text(0) != std::to_string(version)) {
        return Status::InvalidInput(path + ": not a dyad store of schema version " +
                                    std::to_string(kOldestSchemaVersion) + " to " +
                                    std::to_string(kSchemaVersion));
      }
      upgrade = version < kSchemaVersion && !read_only;
    } else if (read_only) {
      return Status::InvalidInput(path + ": not a dyad store (no meta table)");
    } else {
      Stmt any(db, "SELECT count(*) FROM sqlite_master");
      if (any.Step() && any.Int(0) > 0) {
        return Status::InvalidInput(path + ": an SQLite database but not a dyad store");
      }
      DYAD_RETURN_IF_ERROR(Exec(db, "BEGIN"));
      DYAD_RETURN_IF_ERROR(Exec(db, kSchemaSql));
      Stmt m(db, "INSERT INTO meta(key, value) VALUES('schema_version', ?)");
      m.Bind(1, std::to_string(kSchemaVersion));
      DYAD_RETURN_IF_ERROR(m.Run());
      DYAD_RETURN_IF_ERROR(Exec(db, "COMMIT"));
    }
  }
  // After the checks' statements are finalized (DROP INDEX needs that).
  if (upgrade) {
    DYAD_RETURN_IF_ERROR(Upgrade(db, path));
  } else if (!read_only) {
    // Indexes an ingest deferred (DeferIndexes) and never restored because
    // it was killed: the schema's statements are idempotent.
    DYAD_RETURN_IF_ERROR(Exec(db, kSchemaSql));
  }
  return st;
}

Store::Store(sqlite3* db) : db_(db), stmts_(std::make_unique<StmtCache>()) {}

Store::~Store() {
  stmts_->Clear();
  if (in_txn_) Exec(db_, "ROLLBACK");
  add_.reset();  // statements are finalised before the connection closes
  sqlite3_close(db_);
}

Status Store::Begin() {
  DYAD_RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE"));
  in_txn_ = true;
  return Status::Ok();
}

Status Store::Commit() {
  DYAD_RETURN_IF_ERROR(Exec(db_, "COMMIT"));
  in_txn_ = false;
  return Status::Ok();
}

Status Store::Rollback() {
  in_txn_ = false;
  return Exec(db_, "ROLLBACK");
}

Result<bool> Store::Contains(const std::string& content_hash, const std::string& url) {
  Stmt q(db_, *stmts_,
         "SELECT 1 FROM documents WHERE content_hash = ?1 OR (?2 <> '' AND url = ?2)");
  q.Bind(1, content_hash).Bind(2, url);
  bool found = q.Step();
  if (!q.status().ok()) return q.status();
  return found;
}

// The statements Add runs, prepared on first use and reset after each run.
struct Store::AddStatements {
  explicit AddStatements(sqlite3* db)
      : existing(db, "SELECT content_hash = ?1 FROM documents WHERE content_hash = ?1 OR url = ?2"),
        doc_id_taken(db, "SELECT 1 FROM documents WHERE id = ?"),
        document(db,
                 "INSERT INTO documents(id, content_hash, url, source, outlet, title, byline, "
                 "language, published, date, text, num_sentences, num_events, num_quotes) "
                 "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        sentence(db, "INSERT INTO sentences VALUES(?,?,?,?,?,?)"),
        entity(db, "INSERT INTO entities VALUES(?,?,?,?,?,?,?,?,?)"),
        quote(db, "INSERT INTO quotes VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"),
        place(db, "INSERT INTO places VALUES(?,?,?,?,?,?,?,?,?,?)"),
        mention(db,
                "INSERT INTO event_mentions(id, doc_id, idx, event_id, block, sentence, code, "
                "root, quad_class, source_code, source_name, source_country, target_code, "
                "target_name, target_country, date, date_from_text, modality, place_idx, "
                "place_name, place_country, trigger, source_offset, target_offset, "
                "action_offset, quote_idx, attributed_to) "
                "VALUES(?,?,?,NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        mention_id_taken(db, "SELECT 1 FROM event_mentions WHERE id = ?") {}

  // The first preparation error, or ok.
  Status status() const {
    for (const Stmt* s : {&existing, &doc_id_taken, &document, &sentence, &entity, &quote, &place,
                          &mention, &mention_id_taken}) {
      if (!s->status().ok()) return s->status();
    }
    return Status::Ok();
  }

  Stmt existing, doc_id_taken, document, sentence, entity, quote, place, mention, mention_id_taken;
};

Status Store::SetCacheMiB(int mib) {
  return Exec(db_, ("PRAGMA cache_size=-" + std::to_string(int64_t{mib} * 1024)).c_str());
}

Status Store::DeferIndexes(int64_t max_documents) {
  if (!deferred_indexes_.empty()) return Status::Ok();
  {
    Stmt n(db_, "SELECT count(*) FROM documents");
    if (!n.Step()) return n.status();
    if (n.Int(0) > max_documents) return Status::Ok();
  }
  std::vector<std::pair<std::string, std::string>> drop;  // name, CREATE statement
  {
    Stmt q(db_,
           "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
           "tbl_name IN ('documents', 'sentences', 'entities', 'quotes', 'places', "
           "'event_mentions') AND upper(sql) NOT LIKE 'CREATE UNIQUE%' ORDER BY name");
    while (q.Step()) drop.emplace_back(q.Text(0), q.Text(1));
    if (!q.status().ok()) return q.status();
  }
  for (const auto& [name, sql] : drop) {
    std::string quoted = "\"";
    for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += '"';
    DYAD_RETURN_IF_ERROR(Exec(db_, ("DROP INDEX IF EXISTS " + quoted).c_str()));
    deferred_indexes_.push_back({quoted, sql});
  }
  return Status::Ok();
}

Status Store::RestoreIndexes(std::string_view except_column) {
  bool analysed = false;
  {
    Stmt q(db_, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'");
    if (!q.Step()) return q.status();
    analysed = q.Int(0) > 0;
  }
  std::vector<std::pair<std::string, std::string>> still_deferred;
  for (const auto& [name, create] : deferred_indexes_) {
    if (!except_column.empty() && create.find(except_column) != std::string::npos) {
      still_deferred.emplace_back(name, create);
      continue;
    }
    std::string sql = create;
    // SQLite keeps the statement without its IF NOT EXISTS.
    constexpr std::string_view kCreate = "CREATE INDEX ";
    if (sql.compare(0, kCreate.size(), kCreate) == 0) sql.insert(kCreate.size(), "IF NOT EXISTS ");
    DYAD_RETURN_IF_ERROR(Exec(db_, sql.c_str()));
    if (analysed) DYAD_RETURN_IF_ERROR(Exec(db_, ("ANALYZE " + name).c_str()));
  }
  deferred_indexes_ = std::move(still_deferred);
  return Status::Ok();
}

Result<AddOutcome> Store::Add(const Config& config, const Document& doc) {
  if (!add_) {
    auto prepared = std::make_unique<AddStatements>(db_);
    DYAD_RETURN_IF_ERROR(prepared->status());
    add_ = std::move(prepared);
  }
  AddStatements& a = *add_;
  const std::string hash = ContentHash(doc.raw);
  {
    Stmt& q = a.existing;
    q.Bind(1, hash).Bind(2, doc.meta.url);
    bool found = q.Step();
    int64_t same_content = found ? q.Int(0) : 0;
    Status s = q.status();
    q.Reset();
    if (found) return same_content ? AddOutcome::kDuplicateContent : AddOutcome::kDuplicateUrl;
    if (!s.ok()) return s;
  }
  bool own_txn = !in_txn_;
  if (own_txn) DYAD_RETURN_IF_ERROR(Begin());
  auto fail = [&](Status s) -> Result<AddOutcome> {
    if (own_txn) Rollback();
    return s;
  };

  // A 53-bit id collision with another document moves to the next free id.
  int64_t doc_id = DocumentId(hash);
  for (;;) {
    Stmt& q = a.doc_id_taken;
    q.Bind(1, doc_id);
    bool taken = q.Step();
    q.Reset();
    if (!taken) break;
    doc_id = (doc_id + 1) & kIdMask;
  }
  const int doc_date = DateInt(doc.ReferenceDate());
  {
    Stmt& ins = a.document;
    ins.Bind(1, doc_id).Bind(2, hash);
    if (doc.meta.url.empty()) {
      ins.BindNull(3);
    } else {
      ins.Bind(3, doc.meta.url);
    }
    ins.Bind(4, doc.source.empty() ? doc.id : doc.source)
        .Bind(5, OutletOf(doc.meta))
        .Bind(6, doc.meta.title)
        .Bind(7, doc.meta.byline)
        .Bind(8, doc.meta.language.empty() ? std::string("en") : doc.meta.language)
        .Bind(9, doc.meta.published.Iso())
        .Bind(10, doc_date)
        .Bind(11, doc.text)
        .Bind(12, static_cast<int64_t>(doc.sentences.size()))
        .Bind(13, static_cast<int64_t>(doc.events.size()))
        .Bind(14, static_cast<int64_t>(doc.quotes.size()));
    if (Status s = ins.Run(); !s.ok()) return fail(s);
  }
  {
    Stmt& ins = a.sentence;
    for (size_t i = 0; i < doc.sentences.size(); ++i) {
      const Sentence& s = doc.sentences[i];
      ins.Bind(1, doc_id)
          .Bind(2, static_cast<int64_t>(i))
          .Bind(3, static_cast<int64_t>(s.span.begin))
          .Bind(4, static_cast<int64_t>(s.span.end))
          .Bind(5, static_cast<int64_t>(s.paragraph))
          .Bind(6, doc.Text(s.span));
      if (Status st = ins.Run(); !st.ok()) return fail(st);
    }
  }
  {
    Stmt& ins = a.entity;
    for (size_t i = 0; i < doc.entities.size(); ++i) {
      const Entity& e = doc.entities[i];
      ins.Bind(1, doc_id)
          .Bind(2, static_cast<int64_t>(i))
          .Bind(3, e.name)
          .Bind(4, ToString(e.type))
          .Bind(5, e.code)
          .Bind(6, e.country)
          .Bind(7, e.role)
          .Bind(8, e.title)
          .Bind(9, static_cast<int64_t>(e.mentions.size()));
      if (Status st = ins.Run(); !st.ok()) return fail(st);
    }
  }
  auto sentence_of = [&](const Span& sp) -> int {
    for (size_t i = 0; i < doc.sentences.size(); ++i) {
      if (doc.sentences[i].span.Overlaps(sp) || doc.sentences[i].span.Contains(sp)) {
        return static_cast<int>(i);
      }
    }
    return -1;
  };
  {
    Stmt& ins = a.quote;
    for (size_t i = 0; i < doc.quotes.size(); ++i) {
      const Quote& q = doc.quotes[i];
      bool has = q.speaker >= 0 && static_cast<size_t>(q.speaker) < doc.entities.size();
      ins.Bind(1, doc_id)
          .Bind(2, static_cast<int64_t>(i))
          .Bind(3, static_cast<int64_t>(q.span.begin))
          .Bind(4, static_cast<int64_t>(q.span.end))
          .Bind(5, doc.Text(q.span))
          .Bind(6, q.speaker)
          .Bind(7, has ? doc.entities[q.speaker].name : std::string())
          .Bind(8, has ? doc.entities[q.speaker].code : std::string())
          .Bind(9, q.cue)
          .Bind(10, ToString(q.kind))
          .Bind(11, sentence_of(q.span))
          .Bind(12, q.nested_in);
      if (Status st = ins.Run(); !st.ok()) return fail(st);
    }
  }
  {
    Stmt& ins = a.place;
    for (size_t i = 0; i < doc.places.size(); ++i) {
      const Place& p = doc.places[i];
      ins.Bind(1, doc_id)
          .Bind(2, static_cast<int64_t>(i))
          .Bind(3, p.name)
          .Bind(4, p.country)
          .Bind(5, p.admin1)
          .Bind(6, p.feature)
          .Bind(7, p.lat)
          .Bind(8, p.lon)
          .Bind(9, p.geonames_id)
          .Bind(10, static_cast<int64_t>(p.mentions.size()));
      if (Status st = ins.Run(); !st.ok()) return fail(st);
    }
  }
  {
    Stmt& ins = a.mention;
    Stmt& used = a.mention_id_taken;
    for (size_t i = 0; i < doc.events.size(); ++i) {
      const Event& ev = doc.events[i];
      int64_t id = MentionId(doc_id, i);
      for (;;) {
        used.Bind(1, id);
        bool taken = used.Step();
        used.Reset();
        if (!taken) break;
        id = (id + 1) & kIdMask;
      }
      std::string root(cameo::Root(ev.code));
      std::string sc = ActorCountry(doc, ev.source), tc = ActorCountry(doc, ev.target);
      bool day_known = ev.date.known() && ev.date.day != 0;
      int date = day_known ? DateInt(ev.date) : doc_date;
      const Place* place = ev.place >= 0 && static_cast<size_t>(ev.place) < doc.places.size()
                               ? &doc.places[ev.place]
                               : nullptr;
      std::string attributed =
          ev.attributed_to >= 0 && static_cast<size_t>(ev.attributed_to) < doc.entities.size()
              ? doc.entities[ev.attributed_to].name
              : std::string();
      ins.Bind(1, id)
          .Bind(2, doc_id)
          .Bind(3, static_cast<int64_t>(i))
          .Bind(4,
                BlockKey(sc.empty() ? ev.source.code : sc, tc.empty() ? ev.target.code : tc, root) +
                    (ev.modality == Modality::kAsserted ? std::string()
                                                        : "|" + std::string(ToString(ev.modality))))
          .Bind(5, static_cast<int64_t>(ev.sentence))
          .Bind(6, ev.code)
          .Bind(7, root)
          .Bind(8, cameo::QuadClass(ev.code))
          .Bind(9, ev.source.code)
          .Bind(10, ActorName(doc, ev.source))
          .Bind(11, sc)
          .Bind(12, ev.target.code)
          .Bind(13, ActorName(doc, ev.target))
          .Bind(14, tc)
          .Bind(15, date)
          .Bind(16, day_known ? 1 : 0)
          .Bind(17, ToString(ev.modality))
          .Bind(18, ev.place)
          .Bind(19, place ? place->name : std::string())
          .Bind(20, place ? place->country : std::string())
          .Bind(21, doc.Text(ev.trigger))
          .Bind(22, ActorOffset(doc, ev.source))
          .Bind(23, ActorOffset(doc, ev.target))
          .Bind(24, static_cast<int64_t>(ev.trigger.begin))
          .Bind(25, ev.quote)
          .Bind(26, attributed);
      if (Status st = ins.Run(); !st.ok()) return fail(st);
    }
  }
  (void)config;
  if (own_txn) DYAD_RETURN_IF_ERROR(Commit());
  return AddOutcome::kAdded;
}

Result<Stats> Store::GetStats() {
  Stats s;
  struct {
    const char* sql;
    int64_t* out;
  } qs[] = {
      {"SELECT count(*) FROM documents", &s.documents},
      {"SELECT count(*) FROM sentences", &s.sentences},
      {"SELECT count(*) FROM entities", &s.entities},
      {"SELECT count(*) FROM quotes", &s.quotes},
      {"SELECT count(*) FROM places", &s.places},
      {"SELECT count(*) FROM event_mentions", &s.mentions},
      {"SELECT count(*) FROM events", &s.events},
      {"SELECT count(*) FROM event_mentions WHERE event_id IS NULL", &s.unmerged_mentions},
  };
  for (auto& q : qs) {
    Stmt st(db_, *stmts_, q.sql);
    if (!st.Step()) return st.status().ok() ? Status::Internal("store: no count") : st.status();
    *q.out = st.Int(0);
  }
  return s;
}

// ---- Queries ---------------------------------------------------------------

namespace {

constexpr const char* kEventColumns =
    "e.id, e.code, e.root, e.quad_class, e.goldstein, e.source_code, e.source_name, "
    "e.source_country, e.target_code, e.target_name, e.target_country, e.date, e.first_seen, "
    "e.last_seen, e.place_name, e.place_country, e.place_admin1, e.place_feature, e.lat, e.lon, "
    "e.num_mentions, e.num_sources, e.num_articles, e.source_url, e.first_doc, "
    "(SELECT s.text FROM event_mentions m JOIN sentences s ON s.doc_id = m.doc_id AND "
    "s.idx = m.sentence WHERE m.id = e.first_mention)";

EventRow ReadEvent(const Stmt& q) {
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

// The WHERE clause for `f` and the values it binds, in order.
struct Where {
  std::string sql;
  std::vector<std::variant<int64_t, std::string>> args;
  void Add(const std::string& clause) { sql += (sql.empty() ? " WHERE " : " AND ") + clause; }
  void Bind(Stmt& q) const {
    for (size_t i = 0; i < args.size(); ++i) {
      if (std::holds_alternative<int64_t>(args[i])) {
        q.Bind(static_cast<int>(i + 1), std::get<int64_t>(args[i]));
      } else {
        q.Bind(static_cast<int>(i + 1), std::get<std::string>(args[i]));
      }
    }
  }
};

// SQL that is true when actor `n` (a bound parameter index) is on `side`.
std::string ActorMatch(const char* side, int n) {
  std::string p = "?" + std::to_string(n);
  std::string s(side);
  return "(e." + s + "_code LIKE " + p + " || '%' ESCAPE '\\' OR e." + s + "_country = upper(" + p +
         ") OR e." + s + "_name = " + p + " COLLATE NOCASE)";
}

// `wide_dates`: the date range holds many events, so walking another index
// (or the table) in id order beats collecting the range from events_date and
// sorting it.
Where BuildWhere(const EventFilter& f, bool wide_dates = false) {
  Where w;
  auto arg = [&](std::variant<int64_t, std::string> v) {
    w.args.push_back(std::move(v));
    return static_cast<int>(w.args.size());
  };
  if (!f.actor.empty() && !f.actor2.empty()) {
    int a = arg(LikeEscape(f.actor)), b = arg(LikeEscape(f.actor2));
    w.Add("((" + ActorMatch("source", a) + " AND " + ActorMatch("target", b) + ") OR (" +
          ActorMatch("source", b) + " AND " + ActorMatch("target", a) + "))");
  } else if (!f.actor.empty() || !f.actor2.empty()) {
    int a = arg(LikeEscape(f.actor.empty() ? f.actor2 : f.actor));
    w.Add("(" + ActorMatch("source", a) + " OR " + ActorMatch("target", a) + ")");
  }
  if (!f.source_country.empty()) {
    w.Add("e.source_country = upper(?" + std::to_string(arg(f.source_country)) + ")");
  }
  if (!f.target_country.empty()) {
    w.Add("e.target_country = upper(?" + std::to_string(arg(f.target_country)) + ")");
  }
  if (!f.code.empty()) {
    w.Add("e.code LIKE ?" + std::to_string(arg(LikeEscape(f.code))) + " || '%' ESCAPE '\\'");
    // The root is the code's first two digits, so a code of two or more
    // digits implies its root: the events_root_id index then walks that
    // root's events in id order and checks the code in the index.
    if (f.code.size() >= 2 && IsAsciiDigit(f.code[0]) && IsAsciiDigit(f.code[1])) {
      w.Add("e.root = ?" + std::to_string(arg(f.code.substr(0, 2))));
    }
  }
  if (!f.root.empty()) w.Add("e.root = ?" + std::to_string(arg(f.root)));
  if (f.quad_class != 0) w.Add("e.quad_class = ?" + std::to_string(arg(int64_t{f.quad_class})));
  // "+e.date" keeps the planner off events_date (see ForEachEvent).
  const char* date = wide_dates ? "+e.date" : "e.date";
  if (f.date_from != 0) {
    w.Add(std::string(date) + " >= ?" + std::to_string(arg(int64_t{f.date_from})));
  }
  if (f.date_to != 0) w.Add(std::string(date) + " <= ?" + std::to_string(arg(int64_t{f.date_to})));
  if (!f.place.empty()) {
    int a = arg(f.place), b = arg(LikeEscape(f.place));
    w.Add("(e.place_country = upper(?" + std::to_string(a) + ") OR e.place_name LIKE '%' || ?" +
          std::to_string(b) + " || '%' ESCAPE '\\')");
  }
  if (!f.outlet.empty()) {
    w.Add(
        "EXISTS (SELECT 1 FROM event_mentions m JOIN documents d ON d.id = m.doc_id "
        "WHERE m.event_id = e.id AND d.outlet = ?" +
        std::to_string(arg(f.outlet)) + " COLLATE NOCASE)");
  }
  if (!f.text.empty()) {
    w.Add(
        "EXISTS (SELECT 1 FROM event_mentions m JOIN sentences s ON s.doc_id = m.doc_id AND "
        "s.idx = m.sentence WHERE m.event_id = e.id AND s.text LIKE '%' || ?" +
        std::to_string(arg(LikeEscape(f.text))) + " || '%' ESCAPE '\\')");
  }
  if (f.after_id > 0) w.Add("e.id > ?" + std::to_string(arg(f.after_id)));
  return w;
}

// The SQL of Store::ForEachEvent for `filter`; `w` receives the values it
// binds. `wide_dates` as for BuildWhere.
std::string EventsSql(const EventFilter& filter, bool wide_dates, Where* w) {
  const bool page = filter.limit > 0;
  *w = BuildWhere(filter, wide_dates);
  std::string sql = std::string("SELECT ") + kEventColumns + " FROM events e";
  if (!page) return sql + w->sql + " ORDER BY e.id";
  // A page. The limit is bound, so pages of any size share one prepared
  // statement.
  w->args.push_back(int64_t{filter.limit});
  std::string limit = " LIMIT ?" + std::to_string(w->args.size());
  if ((filter.date_from != 0 || filter.date_to != 0) && !wide_dates) {
    // A narrow date range: its events come from events_date and are sorted,
    // so choose the page's ids first (a sort of bare ids), then read the
    // columns, with the sentence subquery, for that page only.
    return sql + " WHERE e.id IN (SELECT e.id FROM events e" + w->sql + " ORDER BY e.id" + limit +
           ") ORDER BY e.id";
  }
  // Otherwise an index (or the table) is walked in id order (docs/store.md)
  // and the walk stops after the page's last row.
  return sql + w->sql + " ORDER BY e.id" + limit;
}

constexpr const char* kMentionColumns =
    "m.id, IFNULL(m.event_id, 0), m.doc_id, m.idx, m.sentence, m.code, m.source_code, "
    "m.source_name, m.target_code, m.target_name, m.date, m.modality, m.place_name, "
    "m.place_country, m.source_offset, m.target_offset, m.action_offset, m.trigger, "
    "IFNULL(s.text, ''), IFNULL(d.url, ''), d.outlet, d.title, d.date, length(CAST(d.text AS "
    "BLOB)), IFNULL((SELECT ev.first_seen FROM events ev WHERE ev.id = m.event_id), 0)";

constexpr const char* kMentionJoins =
    " FROM event_mentions m JOIN documents d ON d.id = m.doc_id LEFT JOIN sentences s ON "
    "s.doc_id = m.doc_id AND s.idx = m.sentence";

MentionRow ReadMention(const Stmt& q) {
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

}  // namespace

bool Store::WideDateRange(const EventFilter& f) {
  if (f.date_from == 0 && f.date_to == 0) return false;
  // Beyond this many events in the range, a page is cheaper to find by
  // walking id order and checking dates than by sorting the range's ids.
  constexpr int64_t kWide = 2000;
  Stmt q(db_, *stmts_,
         "SELECT count(*) FROM (SELECT 1 FROM events WHERE date >= ?1 AND date <= ?2 LIMIT ?3)");
  q.Bind(1, f.date_from ? int64_t{f.date_from} : INT64_MIN)
      .Bind(2, f.date_to ? int64_t{f.date_to} : INT64_MAX)
      .Bind(3, kWide);
  return q.Step() && q.Int(0) >= kWide;
}

Status Store::ForEachEvent(const EventFilter& filter,
                           const std::function<Status(const EventRow&)>& fn) {
  Where w;
  Stmt q(db_, *stmts_, EventsSql(filter, filter.limit > 0 && WideDateRange(filter), &w));
  w.Bind(q);
  while (q.Step()) DYAD_RETURN_IF_ERROR(fn(ReadEvent(q)));
  return q.status();
}

Result<std::string> Store::ExplainEvents(const EventFilter& filter) {
  Where w;
  Stmt q(db_,
         "EXPLAIN QUERY PLAN " + EventsSql(filter, filter.limit > 0 && WideDateRange(filter), &w));
  w.Bind(q);
  std::string plan;
  while (q.Step()) plan += q.Text(3) + "\n";
  if (!q.status().ok()) return q.status();
  return plan;
}

Result<std::vector<EventRow>> Store::QueryEvents(const EventFilter& filter) {
  std::vector<EventRow> out;
  Status s = ForEachEvent(filter, [&](const EventRow& r) {
    out.push_back(r);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<EventRow> Store::GetEvent(int64_t id) {
  Stmt q(db_, *stmts_, std::string("SELECT ") + kEventColumns + " FROM events e WHERE e.id = ?");
  q.Bind(1, id);
  if (q.Step()) return ReadEvent(q);
  if (!q.status().ok()) return q.status();
  return Status::NotFound("no event with id " + std::to_string(id));
}

Result<std::vector<MentionRow>> Store::GetMentions(int64_t event_id) {
  Stmt q(db_, *stmts_,
         std::string("SELECT ") + kMentionColumns + kMentionJoins +
             " WHERE m.event_id = ? ORDER BY d.date, m.id");
  q.Bind(1, event_id);
  std::vector<MentionRow> out;
  while (q.Step()) out.push_back(ReadMention(q));
  if (!q.status().ok()) return q.status();
  return out;
}

Result<std::vector<MentionRow>> Store::GetDocumentMentions(int64_t doc_id) {
  Stmt q(db_, *stmts_,
         std::string("SELECT ") + kMentionColumns + kMentionJoins +
             " WHERE m.doc_id = ? ORDER BY m.idx");
  q.Bind(1, doc_id);
  std::vector<MentionRow> out;
  while (q.Step()) out.push_back(ReadMention(q));
  if (!q.status().ok()) return q.status();
  return out;
}

Status Store::ForEachMention(const EventFilter& filter,
                             const std::function<Status(const MentionRow&)>& fn) {
  Where w = BuildWhere(filter);
  std::string events = "SELECT e.id FROM events e" + w.sql + " ORDER BY e.id";
  if (filter.limit > 0) events += " LIMIT " + std::to_string(filter.limit);
  std::string sql = std::string("SELECT ") + kMentionColumns + kMentionJoins +
                    " WHERE m.event_id IN (" + events + ") ORDER BY m.event_id, m.id";
  Stmt q(db_, *stmts_, sql);
  w.Bind(q);
  while (q.Step()) DYAD_RETURN_IF_ERROR(fn(ReadMention(q)));
  return q.status();
}

Result<std::vector<std::string>> Store::GetEventUrls(int64_t event_id) {
  Stmt q(db_, *stmts_,
         "SELECT d.url FROM event_mentions m JOIN documents d ON d.id = m.doc_id WHERE "
         "m.event_id = ? AND d.url IS NOT NULL GROUP BY d.url ORDER BY min(d.date), min(d.id)");
  q.Bind(1, event_id);
  std::vector<std::string> out;
  while (q.Step()) out.push_back(q.Text(0));
  if (!q.status().ok()) return q.status();
  return out;
}

namespace {
constexpr const char* kDocColumns =
    "id, content_hash, IFNULL(url, ''), source, outlet, title, byline, language, published, "
    "date, text, num_sentences, num_events, num_quotes";
DocumentRow ReadDoc(const Stmt& q) {
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
}  // namespace

Result<DocumentRow> Store::GetDocument(int64_t id) {
  Stmt q(db_, *stmts_, std::string("SELECT ") + kDocColumns + " FROM documents WHERE id = ?");
  q.Bind(1, id);
  if (q.Step()) return ReadDoc(q);
  if (!q.status().ok()) return q.status();
  return Status::NotFound("no document with id " + std::to_string(id));
}

Status Store::ForEachDocument(const std::function<Status(const DocumentRow&)>& fn) {
  Stmt q(db_, *stmts_, std::string("SELECT ") + kDocColumns + " FROM documents ORDER BY id");
  while (q.Step()) DYAD_RETURN_IF_ERROR(fn(ReadDoc(q)));
  return q.status();
}

Result<std::vector<SentenceRow>> Store::GetSentences(int64_t doc_id) {
  Stmt q(db_, *stmts_,
         "SELECT doc_id, idx, begin, end, text FROM sentences WHERE doc_id = ? ORDER BY idx");
  q.Bind(1, doc_id);
  std::vector<SentenceRow> out;
  while (q.Step()) {
    out.push_back({q.Int(0), static_cast<int>(q.Int(1)), static_cast<int>(q.Int(2)),
                   static_cast<int>(q.Int(3)), q.Text(4)});
  }
  if (!q.status().ok()) return q.status();
  return out;
}

Status Store::ForEachQuote(int64_t doc_id, const std::function<Status(const QuoteRow&)>& fn) {
  Stmt q(db_, *stmts_,
         "SELECT q.doc_id, q.idx, q.text, q.speaker, q.speaker_code, q.cue, q.kind, q.sentence, "
         "IFNULL(d.url, ''), d.outlet, d.date FROM quotes q JOIN documents d ON d.id = q.doc_id "
         "WHERE ?1 = 0 OR q.doc_id = ?1 ORDER BY q.doc_id, q.idx");
  q.Bind(1, doc_id);
  while (q.Step()) {
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
    DYAD_RETURN_IF_ERROR(fn(r));
  }
  return q.status();
}

Result<std::string> Store::Dump() {
  std::string out;
  for (const DumpTable& t : kDumpTables) {
    out += "## ";
    out += t.name;
    out += "\n";
    Stmt q(db_, std::string("SELECT * FROM ") + t.name + " ORDER BY " + t.order);
    while (q.Step()) {
      for (int c = 0; c < q.Columns(); ++c) {
        if (c > 0) out += '\t';
        out += q.IsNull(c) ? std::string("NULL") : q.Text(c);
      }
      out += '\n';
    }
    if (!q.status().ok()) return q.status();
  }
  return out;
}

Result<int64_t> Store::Merge(const Config& config, const MergeOptions& options) {
  auto merged = MergeBlocks(db_, config, options);
  // Statistics for the query planner (sqlite_stat1), so that a filter on a
  // common value (quad class, root) scans by id instead of sorting.
  if (merged.ok() && *merged > 0) DYAD_RETURN_IF_ERROR(Exec(db_, "ANALYZE"));
  return merged;
}

}  // namespace dyad::store

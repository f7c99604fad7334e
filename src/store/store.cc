// The corpus store (store.h, docs/store.md).
#include "store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>

#include "cameo/codebook.h"
#include "core/text.h"
#include "store/merge.h"
#include "store/read_sql.h"
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

std::string SentenceSpansJson(const std::vector<Sentence>& sentences) {
  std::string out = "[";
  for (const Sentence& s : sentences) {
    if (out.size() > 1) out += ',';
    out += '[';
    out += std::to_string(s.span.begin);
    out += ',';
    out += std::to_string(s.span.end);
    out += ',';
    out += std::to_string(s.paragraph);
    out += ']';
  }
  out += ']';
  return out;
}

std::vector<std::pair<int64_t, int64_t>> ParseSentenceSpans(std::string_view json) {
  std::vector<std::pair<int64_t, int64_t>> out;
  // [[begin,end,paragraph],...] as SentenceSpansJson and SQLite's
  // json_group_array write it; whitespace is allowed, anything else ends it.
  int64_t nums[3] = {0, 0, 0};
  int n = -1;  // numbers read in the current span; -1 outside one
  size_t depth = 0;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '[') {
      if (++depth == 2) n = 0;
    } else if (c == ']') {
      if (depth == 2 && n >= 2) out.emplace_back(nums[0], nums[1]);
      if (depth == 0) break;
      --depth;
      n = -1;
    } else if (c >= '0' && c <= '9' && n >= 0 && n < 3) {
      int64_t v = 0;
      while (i < json.size() && json[i] >= '0' && json[i] <= '9') v = v * 10 + (json[i++] - '0');
      --i;
      nums[n++] = v;
    } else if (c != ',' && c != ' ' && c != '\n' && c != '\t' && c != '\r') {
      break;
    }
  }
  return out;
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
// transaction (schema.h).
Status Upgrade(sqlite3* db, const std::string& path, int version) {
  auto fail = [&](const Status& s) {
    Exec(db, "ROLLBACK");
    return Status::IoError(path + ": upgrading the store's schema: " + s.message());
  };
  DYAD_RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
  std::vector<const char*> steps;
  if (version < 2) steps.push_back(kUpgradeFrom1Sql);
  steps.push_back(version < 3 ? kUpgradeFrom2BeforeSql : kUpgradeFrom3BeforeSql);
  steps.push_back(kUpgradeFrom3Sql);
  steps.push_back(kSchemaSql);
  if (version < 2) steps.push_back("ANALYZE events");
  for (const char* sql : steps) {
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
    Status s = Exec(db, "PRAGMA mmap_size=1073741824;");
    if (!s.ok()) return Status::IoError(path + ": " + s.message());
  }
  int upgrade_from = 0;    // the version to upgrade, 0 for none
  bool old_spans = false;  // a version without documents.sentence_spans
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
      if (version < kSchemaVersion && !read_only) upgrade_from = version;
      old_spans = version < 4;
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
  if (read_only) {
    if (old_spans) {
      // Read as it is: a temporary view in front of the older documents
      // table adds the sentence spans that the read queries expect.
      Status s = Exec(db, kOldSpansReadViewSql);
      if (!s.ok()) return Status::IoError(path + ": " + s.message());
    }
    Status s = Exec(db, "PRAGMA query_only=1;");
    if (!s.ok()) return Status::IoError(path + ": " + s.message());
  } else if (upgrade_from > 0) {
    DYAD_RETURN_IF_ERROR(Upgrade(db, path, upgrade_from));
  } else {
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
                 "language, published, date, text, num_sentences, num_events, num_quotes, "
                 "sentence_spans) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
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
        mention_id_taken(db, "SELECT 1 FROM event_mentions WHERE id = ?"),
        mention_ids_taken(db, "SELECT 1 FROM event_mentions WHERE id BETWEEN ? AND ? LIMIT 1") {}

  // The first preparation error, or ok.
  Status status() const {
    for (const Stmt* s : {&existing, &doc_id_taken, &document, &entity, &quote, &place, &mention,
                          &mention_id_taken, &mention_ids_taken}) {
      if (!s->status().ok()) return s->status();
    }
    return Status::Ok();
  }

  Stmt existing, doc_id_taken, document, entity, quote, place, mention, mention_id_taken,
      mention_ids_taken;
};

Status Store::SetCacheMiB(int mib) {
  return Exec(db_, ("PRAGMA cache_size=-" + std::to_string(int64_t{mib} * 1024)).c_str());
}

Status Store::SetCheckpointMiB(int mib) {
  // wal_autocheckpoint counts pages.
  Stmt q(db_, "PRAGMA page_size");
  if (!q.Step()) return q.status();
  const int64_t pages = int64_t{mib} * 1024 * 1024 / std::max<int64_t>(q.Int(0), 512);
  return Exec(db_, ("PRAGMA wal_autocheckpoint=" + std::to_string(pages)).c_str());
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
           "tbl_name IN ('documents', 'entities', 'quotes', 'places', "
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

Result<AddOutcome> Store::Add(const Config& config, const Document& doc,
                              std::string_view content_hash) {
  if (!add_) {
    auto prepared = std::make_unique<AddStatements>(db_);
    DYAD_RETURN_IF_ERROR(prepared->status());
    add_ = std::move(prepared);
  }
  AddStatements& a = *add_;
  const std::string hash = content_hash.empty() ? ContentHash(doc.raw) : std::string(content_hash);
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
        .Bind(14, static_cast<int64_t>(doc.quotes.size()))
        .Bind(15, SentenceSpansJson(doc.sentences));
    if (Status s = ins.Run(); !s.ok()) return fail(s);
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
    // One look-up for the document's whole id range, which is nearly always
    // free; only when it is not is each id checked (and moved) on its own.
    bool check_each = true;
    if (!doc.events.empty()) {
      const int64_t first = MentionId(doc_id, 0), last = MentionId(doc_id, doc.events.size() - 1);
      if (last - first == static_cast<int64_t>(doc.events.size()) - 1) {
        Stmt& q = a.mention_ids_taken;
        q.Bind(1, first).Bind(2, last);
        check_each = q.Step();
        Status st = q.status();
        q.Reset();
        if (!st.ok()) return fail(st);
      }
    }
    for (size_t i = 0; i < doc.events.size(); ++i) {
      const Event& ev = doc.events[i];
      int64_t id = MentionId(doc_id, i);
      while (check_each) {
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

using read_sql::Dialect;

// Binds the values of `w` to `q`.
void BindArgs(const read_sql::Where& w, Stmt& q) {
  for (size_t i = 0; i < w.args.size(); ++i) {
    if (w.args[i].is_int) {
      q.Bind(static_cast<int>(i + 1), w.args[i].i);
    } else {
      q.Bind(static_cast<int>(i + 1), w.args[i].s);
    }
  }
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
  read_sql::Where w;
  Stmt q(
      db_, *stmts_,
      read_sql::EventsSql(filter, Dialect::kSqlite, filter.limit > 0 && WideDateRange(filter), &w));
  BindArgs(w, q);
  while (q.Step()) DYAD_RETURN_IF_ERROR(fn(read_sql::ReadEvent(q)));
  return q.status();
}

Result<std::string> Store::ExplainEvents(const EventFilter& filter) {
  read_sql::Where w;
  Stmt q(db_, "EXPLAIN QUERY PLAN " + read_sql::EventsSql(filter, Dialect::kSqlite,
                                                          filter.limit > 0 && WideDateRange(filter),
                                                          &w));
  BindArgs(w, q);
  std::string plan;
  while (q.Step()) plan += q.Text(3) + "\n";
  if (!q.status().ok()) return q.status();
  return plan;
}

Result<EventRow> Store::GetEvent(int64_t id) {
  Stmt q(db_, *stmts_, read_sql::EventByIdSql());
  q.Bind(1, id);
  if (q.Step()) return read_sql::ReadEvent(q);
  if (!q.status().ok()) return q.status();
  return Status::NotFound("no event with id " + std::to_string(id));
}

Result<std::vector<MentionRow>> Store::GetMentions(int64_t event_id) {
  Stmt q(db_, *stmts_, read_sql::MentionsOfEventSql());
  q.Bind(1, event_id);
  std::vector<MentionRow> out;
  while (q.Step()) out.push_back(read_sql::ReadMention(q));
  if (!q.status().ok()) return q.status();
  return out;
}

Result<std::vector<MentionRow>> Store::GetDocumentMentions(int64_t doc_id) {
  Stmt q(db_, *stmts_, read_sql::DocumentMentionsSql());
  q.Bind(1, doc_id);
  std::vector<MentionRow> out;
  while (q.Step()) out.push_back(read_sql::ReadMention(q));
  if (!q.status().ok()) return q.status();
  return out;
}

Status Store::ForEachMention(const EventFilter& filter,
                             const std::function<Status(const MentionRow&)>& fn) {
  read_sql::Where w;
  Stmt q(db_, *stmts_, read_sql::MentionsOfEventsSql(filter, Dialect::kSqlite, &w));
  BindArgs(w, q);
  while (q.Step()) DYAD_RETURN_IF_ERROR(fn(read_sql::ReadMention(q)));
  return q.status();
}

Result<std::vector<std::string>> Store::GetEventUrls(int64_t event_id) {
  Stmt q(db_, *stmts_, read_sql::EventUrlsSql());
  q.Bind(1, event_id);
  std::vector<std::string> out;
  while (q.Step()) out.push_back(q.Text(0));
  if (!q.status().ok()) return q.status();
  return out;
}

Result<DocumentRow> Store::GetDocument(int64_t id) {
  Stmt q(db_, *stmts_, read_sql::DocumentByIdSql());
  q.Bind(1, id);
  if (q.Step()) return read_sql::ReadDoc(q);
  if (!q.status().ok()) return q.status();
  return Status::NotFound("no document with id " + std::to_string(id));
}

Status Store::ForEachDocument(const std::function<Status(const DocumentRow&)>& fn) {
  Stmt q(db_, *stmts_, read_sql::DocumentsSql());
  while (q.Step()) DYAD_RETURN_IF_ERROR(fn(read_sql::ReadDoc(q)));
  return q.status();
}

Result<std::vector<SentenceRow>> Store::GetSentences(int64_t doc_id) {
  Stmt q(db_, *stmts_, read_sql::SentencesSql());
  q.Bind(1, doc_id);
  std::vector<SentenceRow> out;
  while (q.Step()) out.push_back(read_sql::ReadSentence(q));
  if (!q.status().ok()) return q.status();
  return out;
}

Result<std::vector<EntityRow>> Store::GetEntities(int64_t doc_id) {
  Stmt q(db_, *stmts_, read_sql::EntitiesSql());
  q.Bind(1, doc_id);
  std::vector<EntityRow> out;
  while (q.Step()) out.push_back(read_sql::ReadEntity(q));
  if (!q.status().ok()) return q.status();
  return out;
}

Result<std::vector<PlaceRow>> Store::GetPlaces(int64_t doc_id) {
  Stmt q(db_, *stmts_, read_sql::PlacesSql());
  q.Bind(1, doc_id);
  std::vector<PlaceRow> out;
  while (q.Step()) out.push_back(read_sql::ReadPlace(q));
  if (!q.status().ok()) return q.status();
  return out;
}

Status Store::ForEachQuote(int64_t doc_id, const std::function<Status(const QuoteRow&)>& fn) {
  Stmt q(db_, *stmts_, read_sql::QuotesSql());
  q.Bind(1, doc_id);
  while (q.Step()) DYAD_RETURN_IF_ERROR(fn(read_sql::ReadQuote(q)));
  return q.status();
}

Result<std::string> Store::Dump() {
  std::string out;
  for (const DumpTable& t : kDumpTables) {
    out += "## ";
    out += t.name;
    out += "\n";
    Stmt q(db_, std::string("SELECT ") + t.columns + " FROM " + t.name + " ORDER BY " + t.order);
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

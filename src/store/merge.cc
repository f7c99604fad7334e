// Cross-article event merging (merge.h, docs/store.md "Merging").
#include "store/merge.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "cameo/codebook.h"
#include "core/text.h"
#include "store/sql.h"

namespace dyad::store {

namespace {

// Days since 1970-01-01 of a YYYYMMDD date (H. Hinnant's days_from_civil);
// a missing month or day counts as the first.
int64_t Days(int yyyymmdd) {
  int y = yyyymmdd / 10000, m = yyyymmdd / 100 % 100, d = yyyymmdd % 100;
  if (m == 0) m = 1;
  if (d == 0) d = 1;
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

const std::unordered_set<std::string>& StopWords() {
  static const auto* s = new std::unordered_set<std::string>{
      "the",      "and",       "for",       "with",   "that",    "this",      "from",     "was",
      "were",     "has",       "have",      "had",    "are",     "its",       "his",      "her",
      "their",    "they",      "them",      "but",    "not",     "who",       "which",    "will",
      "would",    "said",      "says",      "say",    "also",    "after",     "over",     "into",
      "about",    "than",      "been",      "being",  "while",   "when",      "where",    "there",
      "here",     "on",        "our",       "she",    "him",     "what",      "all",      "any",
      "can",      "could",     "did",       "does",   "one",     "two",       "new",      "more",
      "most",     "other",     "some",      "such",   "only",    "out",       "very",     "upon",
      "told",     "according", "reported",  "monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday",    "yesterday", "today",  "week",    "last",      "next",     "year",
      "day"};
  return *s;
}

double Jaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace

Interner::Interner() { Id(""); }

uint32_t Interner::Id(std::string_view s) {
  if (auto it = ids_.find(s); it != ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(strings_.size());
  strings_.emplace_back(s);
  ids_.emplace(strings_.back(), id);
  return id;
}

std::vector<uint32_t> ContentWords(std::string_view sentence, Interner& interner) {
  std::vector<uint32_t> words;
  std::string cur;
  auto flush = [&] {
    if (cur.size() >= 3 && !StopWords().count(cur)) words.push_back(interner.Id(cur));
    cur.clear();
  };
  for (char c : sentence) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      cur += static_cast<char>(u < 0x80 ? std::tolower(u) : u);
    } else {
      flush();
    }
  }
  flush();
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

std::vector<size_t> ClusterBlock(std::vector<MergeMention>& ms, const MergeOptions& opt) {
  std::sort(ms.begin(), ms.end(), [](const MergeMention& a, const MergeMention& b) {
    // Unknown dates (0) sort last; within a date, by id: a canonical order.
    int da = a.date == 0 ? 99999999 : a.date, db = b.date == 0 ? 99999999 : b.date;
    return da != db ? da < db : a.id < b.id;
  });
  struct Cluster {
    size_t first;
    int64_t anchor;  // days of the first member; -1 when dates unknown
    std::vector<size_t> members;
  };
  std::vector<Cluster> clusters;
  std::vector<size_t> out(ms.size());
  for (size_t i = 0; i < ms.size(); ++i) {
    const MergeMention& m = ms[i];
    const int64_t day = m.date == 0 ? -1 : Days(m.date);
    int best = -1;
    double best_score = -1e9;
    for (size_t ci = clusters.size(); ci-- > 0;) {
      const Cluster& c = clusters[ci];
      if ((c.anchor < 0) != (day < 0)) {
        if (day >= 0) continue;
        break;  // unknown-date mentions come last and only meet their own kind
      }
      const int64_t dd = day < 0 ? 0 : day - c.anchor;
      if (dd > opt.date_window_days) break;  // anchors only decrease from here
      const MergeMention& a = ms[c.first];
      // Places in different countries argue against one event, but place
      // resolution is noisy: demand more shared wording instead of refusing.
      const bool place_conflict =
          m.place_country != 0 && a.place_country != 0 && m.place_country != a.place_country;
      double sim = 0;
      size_t checked = 0;
      for (size_t k = c.members.size(); k-- > 0 && checked < 32; ++checked) {
        sim = std::max(sim, Jaccard(m.words, ms[c.members[k]].words));
      }
      double need = (dd == 0 && day >= 0) ? opt.same_day_text : opt.text_threshold;
      if (place_conflict) need += opt.place_conflict_text;
      if (sim < need) continue;
      double score = sim - 0.1 * static_cast<double>(dd);
      if (m.code == a.code) score += 0.1;
      if (m.place_name != 0 && m.place_name == a.place_name) score += 0.1;
      if (place_conflict) score -= 0.1;
      if (score > best_score) {
        best_score = score;
        best = static_cast<int>(ci);
      }
    }
    if (best < 0) {
      clusters.push_back({i, day, {i}});
      out[i] = i;
    } else {
      clusters[best].members.push_back(i);
      out[i] = clusters[best].first;
    }
  }
  return out;
}

namespace {

// One stored mention as the merge needs it; strings are Interner ids.
struct Row {
  MergeMention m;
  uint32_t source_code = 0, source_name = 0, source_country = 0, target_code = 0, target_name = 0,
           target_country = 0, url = 0, outlet = 0, place_admin1 = 0, place_feature = 0;
  int doc_date = 0;
  bool has_geo = false;
  int64_t event_id = 0;  // the merged event before re-clustering, 0 if none
  double lat = 0, lon = 0;
};

// The most frequent non-empty value of `get` over `rows`; ties go to the
// smallest string.
template <typename F>
uint32_t Mode(const Interner& strings, const std::vector<const Row*>& rows, F get) {
  std::map<uint32_t, int> n;
  for (const Row* r : rows) {
    if (uint32_t v = get(*r); v != 0) ++n[v];
  }
  uint32_t best = 0;
  int bn = 0;
  for (const auto& [v, c] : n) {
    if (c > bn || (c == bn && strings.Str(v) < strings.Str(best))) {
      best = v;
      bn = c;
    }
  }
  return best;
}

// The columns a merge reads of a mention; its document, sentences and places
// are read once per document (RowReader).
constexpr const char* kLoadColumns =
    "SELECT m.id, m.doc_id, m.date, m.code, m.place_name, m.place_country, m.sentence, "
    "m.source_code, m.source_name, m.source_country, m.target_code, m.target_name, "
    "m.target_country, m.place_idx, IFNULL(m.event_id, 0), m.block FROM event_mentions m";
constexpr int kBlockColumn = 15;

// Reads rows of kLoadColumns. A document's mentions share its URL, outlet,
// date, text, sentence spans and places, and often a sentence: those are
// looked up once per document rather than joined to every mention.
class RowReader {
 public:
  explicit RowReader(sqlite3* db)
      : doc_q_(db,
               "SELECT IFNULL(url, ''), outlet, date, text, sentence_spans FROM documents "
               "WHERE id = ?"),
        places_q_(db,
                  "SELECT idx, IFNULL(admin1, ''), IFNULL(feature, ''), lat, lon FROM places "
                  "WHERE doc_id = ?") {}

  Result<Row> Read(const Stmt& q) {
    Row r;
    r.m.id = q.Int(0);
    r.m.doc_id = q.Int(1);
    if (r.m.doc_id != doc_ || !have_doc_) {
      have_doc_ = true;
      doc_ = r.m.doc_id;
      DYAD_RETURN_IF_ERROR(LoadDocument());
    }
    r.m.date = static_cast<int>(q.Int(2));
    r.m.code = strings.Id(q.View(3));
    r.m.place_name = strings.Id(q.View(4));
    r.m.place_country = strings.Id(q.View(5));
    const int64_t sentence = q.Int(6);
    auto [it, added] = sentence_words_.try_emplace(sentence);
    if (added) {
      // The sentence's bytes [begin, end) of the document's text.
      size_t begin = 0, end = 0;
      if (sentence >= 0 && static_cast<size_t>(sentence) < spans_.size()) {
        const auto [b, e] = spans_[static_cast<size_t>(sentence)];
        begin = std::min(static_cast<size_t>(std::max<int64_t>(b, 0)), doc_text_.size());
        end = std::min(static_cast<size_t>(std::max<int64_t>(e, 0)), doc_text_.size());
      }
      it->second = ContentWords(
          std::string_view(doc_text_).substr(begin, end - std::min(begin, end)), words);
    }
    r.m.words = it->second;
    r.source_code = strings.Id(q.View(7));
    r.source_name = strings.Id(q.View(8));
    r.source_country = strings.Id(q.View(9));
    r.target_code = strings.Id(q.View(10));
    r.target_name = strings.Id(q.View(11));
    r.target_country = strings.Id(q.View(12));
    r.url = url_;
    r.outlet = outlet_;
    r.doc_date = doc_date_;
    if (auto p = places_.find(q.Int(13)); p != places_.end()) {
      const PlaceGeo& g = p->second;
      r.place_admin1 = g.admin1;
      r.place_feature = g.feature;
      r.has_geo = g.has_geo;
      r.lat = g.lat;
      r.lon = g.lon;
    }
    r.event_id = q.Int(14);
    return r;
  }

  Interner strings, words;

 private:
  struct PlaceGeo {
    uint32_t admin1 = 0, feature = 0;
    bool has_geo = false;
    double lat = 0, lon = 0;
  };

  // Reads doc_'s row (with its sentence spans) and places.
  Status LoadDocument() {
    url_ = outlet_ = 0;
    doc_date_ = 0;
    doc_text_.clear();
    doc_q_.Bind(1, doc_);
    if (doc_q_.Step()) {
      url_ = strings.Id(doc_q_.View(0));
      outlet_ = strings.Id(doc_q_.View(1));
      doc_date_ = static_cast<int>(doc_q_.Int(2));
      doc_text_ = doc_q_.View(3);
      spans_ = ParseSentenceSpans(doc_q_.View(4));
    } else {
      spans_.clear();
    }
    doc_q_.Reset();
    DYAD_RETURN_IF_ERROR(doc_q_.status());
    places_.clear();
    places_q_.Bind(1, doc_);
    while (places_q_.Step()) {
      places_[places_q_.Int(0)] = {strings.Id(places_q_.View(1)), strings.Id(places_q_.View(2)),
                                   !places_q_.IsNull(3), places_q_.Double(3), places_q_.Double(4)};
    }
    places_q_.Reset();
    DYAD_RETURN_IF_ERROR(places_q_.status());
    sentence_words_.clear();
    return Status::Ok();
  }

  Stmt doc_q_, places_q_;
  std::string doc_text_;
  bool have_doc_ = false;
  int64_t doc_ = 0;
  uint32_t url_ = 0, outlet_ = 0;
  int doc_date_ = 0;
  std::vector<std::pair<int64_t, int64_t>> spans_;  // the sentences' [begin, end)
  std::unordered_map<int64_t, PlaceGeo> places_;    // idx -> its place
  std::unordered_map<int64_t, std::vector<uint32_t>> sentence_words_;  // of doc_
};

}  // namespace

Result<int64_t> MergeBlocks(sqlite3* db, const Config& config, const MergeOptions& options) {
  const cameo::Codebook* codebook = nullptr;
  if (auto cb = cameo::Codebook::Get(config); cb.ok()) codebook = *cb;

  int64_t total = 0, unmerged = 0;
  {
    Stmt q(db, "SELECT count(*), count(*) - count(event_id) FROM event_mentions");
    if (!q.Step()) return q.status();
    total = q.Int(0);
    unmerged = q.Int(1);
  }
  if (unmerged == 0) return int64_t{0};
  DYAD_RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
  auto fail = [&](const Status& s) -> Result<int64_t> {
    Exec(db, "ROLLBACK");
    return s;
  };
  RowReader reader(db);
  Interner& strings = reader.strings;
  std::vector<std::string> blocks;     // those with an unmerged mention, sorted
  std::vector<std::vector<Row>> rows;  // the rows of each
  // When many mentions are new (a first ingest), one scan of the table in
  // id order (each document's mentions are neighbours) beats a random seek
  // per mention through the block index: it groups every row by block and
  // keeps the blocks with a new mention. A small addition to a large store
  // reads its blocks only.
  if (unmerged * 4 >= total) {
    std::unordered_map<std::string, size_t> index;
    std::vector<std::string> names;
    std::vector<std::vector<Row>> all;
    std::vector<bool> has_new;
    Stmt scan(db, std::string(kLoadColumns) + " ORDER BY m.id");
    while (scan.Step()) {
      auto [it, added] = index.try_emplace(std::string(scan.View(kBlockColumn)), names.size());
      if (added) {
        names.push_back(it->first);
        all.emplace_back();
        has_new.push_back(false);
      }
      auto row = reader.Read(scan);
      if (!row.ok()) return fail(row.status());
      if (row->event_id == 0) has_new[it->second] = true;
      all[it->second].push_back(std::move(*row));
    }
    if (!scan.status().ok()) return fail(scan.status());
    std::vector<size_t> order;
    for (size_t i = 0; i < names.size(); ++i) {
      if (has_new[i]) order.push_back(i);
    }
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return names[a] < names[b]; });
    for (size_t i : order) {
      blocks.push_back(std::move(names[i]));
      rows.push_back(std::move(all[i]));
    }
  } else {
    {
      Stmt q(db, "SELECT DISTINCT block FROM event_mentions WHERE event_id IS NULL ORDER BY block");
      while (q.Step()) blocks.push_back(q.Text(0));
      if (!q.status().ok()) return fail(q.status());
    }
    rows.resize(blocks.size());
    Stmt load(db, std::string(kLoadColumns) + " WHERE m.block = ?");
    for (size_t b = 0; b < blocks.size(); ++b) {
      load.Bind(1, blocks[b]);
      while (load.Step()) {
        auto row = reader.Read(load);
        if (!row.ok()) return fail(row.status());
        rows[b].push_back(std::move(*row));
      }
      if (!load.status().ok()) return fail(load.status());
      load.Reset();
    }
  }
  Stmt del(db, "DELETE FROM events WHERE block = ?");
  Stmt ins(db,
           "INSERT INTO events(id, block, code, root, quad_class, goldstein, source_code, "
           "source_name, source_country, target_code, target_name, target_country, date, "
           "first_seen, last_seen, place_name, place_country, place_admin1, place_feature, lat, "
           "lon, num_mentions, num_sources, num_articles, source_url, first_doc, first_mention) "
           "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  // (mention id, event id) to write, in id order at the end: neighbouring
  // pages instead of a random page per mention.
  std::vector<std::pair<int64_t, int64_t>> updates;
  for (size_t b = 0; b < blocks.size(); ++b) {
    const std::string& block = blocks[b];
    std::vector<Row>& block_rows = rows[b];
    std::vector<MergeMention> ms;
    ms.reserve(block_rows.size());
    // The rows keep every field but the words, which only clustering reads.
    for (Row& r : block_rows) ms.push_back(std::move(r.m));
    std::vector<size_t> cl = ClusterBlock(ms, options);
    std::unordered_map<int64_t, const Row*> by_id;
    for (const Row& r : block_rows) by_id[r.m.id] = &r;
    std::map<size_t, std::vector<const Row*>> groups;  // first member -> rows in order
    for (size_t i = 0; i < ms.size(); ++i) groups[cl[i]].push_back(by_id[ms[i].id]);

    del.Bind(1, block);
    if (Status s = del.Run(); !s.ok()) return fail(s);
    for (const auto& [first, members] : groups) {
      int64_t id = members[0]->m.id;
      const Row* earliest = members[0];  // earliest report: doc date, then doc id
      int last_seen = 0;
      std::vector<int64_t> docs, outlets;  // outlet ids; a document without one: -doc id
      for (const Row* r : members) {
        id = std::min(id, r->m.id);
        docs.push_back(r->m.doc_id);
        // A document without an outlet counts as its own source.
        outlets.push_back(r->outlet == 0 ? -r->m.doc_id : int64_t{r->outlet});
        auto key = [](const Row* x) {
          return std::make_tuple(x->doc_date == 0 ? 99999999 : x->doc_date, x->m.doc_id, x->m.id);
        };
        if (key(r) < key(earliest)) earliest = r;
        last_seen = std::max(last_seen, r->doc_date);
      }
      for (auto* v : {&docs, &outlets}) {
        std::sort(v->begin(), v->end());
        v->erase(std::unique(v->begin(), v->end()), v->end());
      }
      const std::string& code =
          strings.Str(Mode(strings, members, [](const Row& r) { return r.m.code; }));
      // The direction and names come from the first mention in canonical
      // order, so that source and target stay a consistent pair.
      const Row* rep = members[0];
      const uint32_t pn = Mode(strings, members, [](const Row& r) { return r.m.place_name; });
      const Row* place = nullptr;
      for (const Row* r : members) {
        if (pn != 0 && r->m.place_name == pn && (!place || r->m.id < place->m.id)) place = r;
      }
      int first_seen = earliest->doc_date;
      const cameo::CodeInfo* info = codebook ? codebook->Find(code) : nullptr;
      for (const Row* r : members) {
        if (r->event_id != id) updates.emplace_back(r->m.id, id);  // else unchanged
      }
      ins.Bind(1, id)
          .Bind(2, block)
          .Bind(3, code)
          .Bind(4, cameo::Root(code))
          .Bind(5, cameo::QuadClass(code))
          .Bind(6, info ? info->goldstein : 0.0)
          .Bind(7, strings.Str(rep->source_code))
          .Bind(8, strings.Str(rep->source_name))
          .Bind(9, strings.Str(rep->source_country))
          .Bind(10, strings.Str(rep->target_code))
          .Bind(11, strings.Str(rep->target_name))
          .Bind(12, strings.Str(rep->target_country))
          .Bind(13, members[0]->m.date)
          .Bind(14, first_seen)
          .Bind(15, last_seen)
          .Bind(16, strings.Str(pn))
          .Bind(17, strings.Str(place ? place->m.place_country : 0))
          .Bind(18, strings.Str(place ? place->place_admin1 : 0))
          .Bind(19, strings.Str(place ? place->place_feature : 0));
      if (place && place->has_geo) {
        ins.Bind(20, place->lat).Bind(21, place->lon);
      } else {
        ins.BindNull(20).BindNull(21);
      }
      ins.Bind(22, static_cast<int64_t>(members.size()))
          .Bind(23, static_cast<int64_t>(outlets.size()))
          .Bind(24, static_cast<int64_t>(docs.size()))
          .Bind(25, strings.Str(earliest->url))
          .Bind(26, earliest->m.doc_id)
          .Bind(27, members[0]->m.id);
      if (Status s = ins.Run(); !s.ok()) return fail(s);
    }
    std::vector<Row>().swap(block_rows);
  }
  std::sort(updates.begin(), updates.end());
  // In chunks of pairs passed as one JSON array each: a statement per chunk
  // costs less than one per mention.
  constexpr size_t kChunk = 1 << 16;
  Stmt upd(db,
           "UPDATE event_mentions SET event_id = j.value ->> 1 FROM json_each(?) j "
           "WHERE event_mentions.id = j.value ->> 0");
  std::string pairs;
  for (size_t begin = 0; begin < updates.size(); begin += kChunk) {
    pairs = "[";
    for (size_t i = begin; i < std::min(updates.size(), begin + kChunk); ++i) {
      if (i > begin) pairs += ',';
      pairs += '[';
      pairs += std::to_string(updates[i].first);
      pairs += ',';
      pairs += std::to_string(updates[i].second);
      pairs += ']';
    }
    pairs += ']';
    upd.Bind(1, pairs);
    if (Status s = upd.Run(); !s.ok()) return fail(s);
  }
  DYAD_RETURN_IF_ERROR(Exec(db, "COMMIT"));
  return static_cast<int64_t>(blocks.size());
}

}  // namespace dyad::store

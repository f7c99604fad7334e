// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The JSON API: routing, parameter checking and the record-to-JSON mapping.
// Every read goes through the store's query API (src/store/store.h), which
// binds every value as an SQL parameter; aggregates are computed here from
// its event rows (aggregate.cc).

#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "cameo/codebook.h"
#include "core/text.h"
#include "dyad/json.h"
#include "dyad/pipeline.h"
#include "serve/internal.h"
#include "serve/serve.h"
#include "store/pg_store.h"
#include "store/store.h"

namespace dyad::serve {

using nlohmann::json;

ApiResponse ErrorResponse(int status, const std::string& message) {
  ApiResponse r;
  r.status = status;
  // Error messages may echo request bytes: make them valid UTF-8 first.
  r.body = json{{"error", {{"status", status}, {"message", RepairUtf8(message)}}}}.dump();
  return r;
}

namespace {

ApiResponse JsonResponse(const json& j) {
  ApiResponse r;
  r.body = j.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

int HttpStatusOf(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kInvalidInput:
      return 422;
    default:
      return 500;
  }
}

ApiResponse FromStatus(const Status& s) { return ErrorResponse(HttpStatusOf(s), s.message()); }

// "2019-07-02" for 20190702, null for 0.
json DateJson(int yyyymmdd) {
  std::string iso = IsoDate(yyyymmdd);
  return iso.empty() ? json(nullptr) : json(iso);
}

json ActorJson(const std::string& code, const std::string& name, const std::string& country) {
  if (code.empty() && name.empty()) return nullptr;
  return {{"code", code}, {"name", name}, {"country", country}};
}

}  // namespace

namespace {

json MentionJson(const store::MentionRow& m) {
  return {
      {"id", m.id},
      {"event", m.event_id ? json(m.event_id) : json(nullptr)},
      {"document", m.doc_id},
      {"index", m.index},
      {"sentence", m.sentence},
      {"code", m.code},
      {"source", ActorJson(m.source_code, m.source_name, "")},
      {"target", ActorJson(m.target_code, m.target_name, "")},
      {"date", DateJson(m.date)},
      {"modality", m.modality},
      {"place", m.place_name.empty() ? json(nullptr)
                                     : json{{"name", m.place_name}, {"country", m.place_country}}},
      {"trigger", m.trigger},
      {"text", m.sentence_text},
      {"url", m.url},
      {"outlet", m.outlet},
      {"title", m.title},
      {"document_date", DateJson(m.doc_date)}};
}

json DocumentSummaryJson(const store::DocumentRow& d) {
  return {{"id", d.id},
          {"url", d.url},
          {"source", d.source},
          {"outlet", d.outlet},
          {"title", d.title},
          {"byline", d.byline},
          {"date", DateJson(d.date)},
          {"published", d.published.empty() ? json(nullptr) : json(d.published)},
          {"num_sentences", d.num_sentences},
          {"num_events", d.num_events},
          {"num_quotes", d.num_quotes}};
}

json QuoteJson(const store::QuoteRow& q) {
  return {{"document", q.doc_id},
          {"index", q.index},
          {"text", q.text},
          {"speaker", q.speaker.empty() ? json(nullptr) : json(q.speaker)},
          {"speaker_code", q.speaker_code},
          {"cue", q.cue},
          {"kind", q.kind},
          {"url", q.url},
          {"outlet", q.outlet},
          {"document_date", DateJson(q.doc_date)}};
}

// A Status that stops a ForEach early; not reported as an error.
bool IsStop(const Status& s) { return s.code() == StatusCode::kInternal && s.message() == "stop"; }
Status Stop() { return Status::Internal("stop"); }

}  // namespace

// ---------------------------------------------------------------------------
// Parameters

Status Params::Check(const std::vector<std::string_view>& allowed) const {
  for (const auto& [k, v] : req_.params) {
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return Status::InvalidArgument(
          "unknown parameter '" + Shorten(k) + "'" +
          (list.empty() ? std::string(" (this route takes none)") : " (allowed: " + list + ")"));
    }
  }
  return Status::Ok();
}

std::string Params::Shorten(std::string_view s) {
  return std::string(s.substr(0, 64)) + (s.size() > 64 ? "..." : "");
}

std::string Params::Get(const std::string& key) const {
  auto it = req_.params.find(key);
  return it == req_.params.end() ? std::string() : it->second;
}

Status Params::Int(const std::string& key, int64_t lo, int64_t hi, int64_t* out) const {
  std::string v = Get(key);
  if (v.empty()) return Status::Ok();
  int64_t x = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || p != v.data() + v.size() || x < lo || x > hi) {
    return Status::InvalidArgument("parameter '" + key + "' must be an integer from " +
                                   std::to_string(lo) + " to " + std::to_string(hi) + ", not '" +
                                   Shorten(v) + "'");
  }
  *out = x;
  return Status::Ok();
}

Status Params::DateInt(const std::string& key, bool end_of_range, int* out) const {
  std::string v = Get(key);
  if (v.empty()) return Status::Ok();
  Date d = Date::Parse(v);
  bool digits_ok = v.size() >= 4 && std::all_of(v.begin(), v.end(), [](char c) {
                     return (c >= '0' && c <= '9') || c == '-';
                   });
  if (!d.known() || !digits_ok) {
    return Status::InvalidArgument("parameter '" + key +
                                   "' must be a date YYYY-MM-DD, YYYY-MM, YYYY or YYYYMMDD, not '" +
                                   Shorten(v) + "'");
  }
  int m = d.month ? d.month : (end_of_range ? 12 : 1);
  int day = d.day ? d.day : (end_of_range ? 31 : 1);
  *out = d.year * 10000 + m * 100 + day;
  return Status::Ok();
}

Status Params::Text(const std::string& key, size_t max, std::string* out) const {
  std::string v = Get(key);
  if (v.size() > max) {
    return Status::InvalidArgument("parameter '" + key + "' is longer than " + std::to_string(max) +
                                   " bytes");
  }
  if (!IsValidUtf8(v)) return Status::InvalidArgument("parameter '" + key + "' is not UTF-8");
  *out = std::move(v);
  return Status::Ok();
}

Status Params::Filter(int max_limit, store::EventFilter* f) const {
  DYAD_RETURN_IF_ERROR(Text("actor", 64, &f->actor));
  DYAD_RETURN_IF_ERROR(Text("actor2", 64, &f->actor2));
  DYAD_RETURN_IF_ERROR(Text("source_country", 3, &f->source_country));
  DYAD_RETURN_IF_ERROR(Text("target_country", 3, &f->target_country));
  DYAD_RETURN_IF_ERROR(Text("code", 4, &f->code));
  DYAD_RETURN_IF_ERROR(Text("root", 2, &f->root));
  DYAD_RETURN_IF_ERROR(Text("place", 128, &f->place));
  DYAD_RETURN_IF_ERROR(Text("outlet", 128, &f->outlet));
  DYAD_RETURN_IF_ERROR(Text("text", 256, &f->text));
  for (const std::string* s : {&f->code, &f->root}) {
    if (!std::all_of(s->begin(), s->end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return Status::InvalidArgument(
          "parameters 'code' and 'root' are CAMEO digits (\"04\", \"042\")");
    }
  }
  int64_t quad = 0, limit = 100, after = 0;
  DYAD_RETURN_IF_ERROR(Int("quad_class", 1, 4, &quad));
  DYAD_RETURN_IF_ERROR(Int("limit", 1, max_limit, &limit));
  DYAD_RETURN_IF_ERROR(Int("cursor", 0, store::kIdMask, &after));
  f->quad_class = static_cast<int>(quad);
  f->limit = static_cast<int>(limit);
  f->after_id = after;
  DYAD_RETURN_IF_ERROR(DateInt("date_from", false, &f->date_from));
  DYAD_RETURN_IF_ERROR(DateInt("date_to", true, &f->date_to));
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// The store pool and the Api

struct Api::Impl {
  Config config;
  std::string db_path;
  ApiOptions options;
  const cameo::Codebook* codebook = nullptr;
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::unique_ptr<store::Reader>> idle;
  int open = 0;
  ResponseCache cache;

  // Borrows a store; returns it on destruction.
  class Lease {
   public:
    Lease(Impl* impl, std::unique_ptr<store::Reader> s) : impl_(impl), s_(std::move(s)) {}
    ~Lease() {
      if (!s_) return;
      std::lock_guard<std::mutex> l(impl_->mu);
      impl_->idle.push_back(std::move(s_));
      impl_->cv.notify_one();
    }
    Lease(Lease&&) = default;
    store::Reader* get() { return s_.get(); }

   private:
    Impl* impl_;
    std::unique_ptr<store::Reader> s_;
  };

  Result<Lease> Borrow() {
    std::unique_lock<std::mutex> l(mu);
    cv.wait(l, [&] { return !idle.empty() || open < options.max_open_stores; });
    if (!idle.empty()) {
      auto s = std::move(idle.back());
      idle.pop_back();
      return Lease(this, std::move(s));
    }
    ++open;
    l.unlock();
    auto s = OpenStore();
    if (!s.ok()) {
      std::lock_guard<std::mutex> g(mu);
      --open;
      cv.notify_one();
      return s.status();
    }
    return Lease(this, std::move(*s));
  }

  // Opens a connection to the store, read-only.
  Result<std::unique_ptr<store::Reader>> OpenStore() const {
    if (options.postgres) {
      auto pg = store::PgStore::Open(db_path, /*read_only=*/true);
      if (!pg.ok()) return pg.status();
      return std::unique_ptr<store::Reader>(std::move(*pg));
    }
    auto s = store::Store::Open(db_path, /*read_only=*/true);
    if (!s.ok()) return s.status();
    return std::unique_ptr<store::Reader>(std::move(*s));
  }

  ApiResponse Route(const ApiRequest& req);
  ApiResponse Answer(const ApiRequest& req);
  ApiResponse Events(const Params& p, store::Reader& s);
  ApiResponse Event(int64_t id, store::Reader& s);
  ApiResponse Documents(const Params& p, store::Reader& s);
  ApiResponse DocumentById(int64_t id, store::Reader& s);
  ApiResponse Quotes(const Params& p, store::Reader& s);
  ApiResponse Code(const ApiRequest& req);
};

Api::Api(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Api::~Api() = default;

Result<std::unique_ptr<Api>> Api::Open(const Config& config, const std::string& db_path,
                                       const ApiOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  impl->db_path = db_path;
  impl->options = options;
  auto cb = cameo::Codebook::Get(config);
  if (!cb.ok()) return cb.status();
  impl->codebook = *cb;
  auto s = impl->OpenStore();
  if (!s.ok()) return s.status();
  impl->idle.push_back(std::move(*s));
  impl->open = 1;
  return std::unique_ptr<Api>(new Api(std::move(impl)));
}

ApiResponse Api::Handle(const ApiRequest& request) {
  try {
    return impl_->Route(request);
  } catch (const std::exception& e) {
    return ErrorResponse(500, std::string("internal error: ") + e.what());
  }
}

bool ResponseCache::Find(const std::string& key, const std::string& version, std::string* body) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.first != version) return false;
  *body = it->second.second;
  return true;
}

void ResponseCache::Put(const std::string& key, const std::string& version,
                        const std::string& body) {
  constexpr size_t kMaxEntries = 1024, kMaxBytes = 64 << 20;
  if (body.size() > kMaxBytes / 16) return;
  std::lock_guard<std::mutex> l(mu_);
  if (entries_.size() >= kMaxEntries || bytes_ + body.size() > kMaxBytes) {
    entries_.clear();
    bytes_ = 0;
  }
  auto& e = entries_[key];
  bytes_ = bytes_ - e.second.size() + body.size();
  e = {version, body};
}

std::string StoreVersion(const std::string& db_path) {
  std::string v;
  for (const std::string& f : {db_path, db_path + "-wal"}) {
    struct stat st;
    if (::stat(f.c_str(), &st) != 0) {
      v += "-/";
      continue;
    }
    v += std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec) + "/";
  }
  return v;
}

namespace {

// Splits "/v1/events/12" into {"v1", "events", "12"}; empty segments (a
// doubled or trailing slash) are dropped.
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  for (std::string_view s : Split(path, '/')) {
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

bool ParseId(std::string_view s, int64_t* id) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *id);
  return ec == std::errc() && p == s.data() + s.size() && *id > 0 && *id <= store::kIdMask;
}

}  // namespace

ApiResponse Api::Impl::Answer(const ApiRequest& req) {
  std::vector<std::string_view> seg = Segments(req.path);
  if (seg.empty() || seg[0] != "v1")
    return ErrorResponse(404, "no such route (the API is under /v1/)");
  std::string_view what = seg.size() > 1 ? seg[1] : "";
  Params p(req);
  bool post = what == "code";
  if (post ? req.method != "POST" : (req.method != "GET" && req.method != "HEAD")) {
    return ErrorResponse(405, std::string("method ") + Params::Shorten(req.method) +
                                  " not allowed here (use " + (post ? "POST" : "GET") + ")");
  }
  if (post) {
    if (seg.size() != 2) return ErrorResponse(404, "no such route");
    if (Status s = p.Check({}); !s.ok()) return FromStatus(s);
    return Code(req);
  }
  if (seg.size() > 3) return ErrorResponse(404, "no such route");
  if (what.empty()) {
    if (Status s = p.Check({}); !s.ok()) return FromStatus(s);
    return JsonResponse(
        {{"version", "v1"},
         {"routes",
          {"/v1/stats", "/v1/documents", "/v1/documents/{id}", "/v1/events", "/v1/events/{id}",
           "/v1/actors", "/v1/dyads", "/v1/quotes", "/v1/places", "POST /v1/code"}}});
  }
  static const std::set<std::string_view> kRoutes = {"stats", "documents", "events", "actors",
                                                     "dyads", "quotes",    "places"};
  if (!kRoutes.count(what)) return ErrorResponse(404, "no such route");
  int64_t id = 0;
  if (seg.size() == 3) {
    if (what != "events" && what != "documents") return ErrorResponse(404, "no such route");
    if (!ParseId(seg[2], &id)) {
      return ErrorResponse(400,
                           "'" + Params::Shorten(seg[2]) + "' is not an id (a positive integer)");
    }
    if (Status s = p.Check({}); !s.ok()) return FromStatus(s);
  }
  auto lease = Borrow();
  if (!lease.ok()) return FromStatus(lease.status());
  store::Reader& s = *lease->get();
  if (what == "stats") {
    if (Status st = p.Check({}); !st.ok()) return FromStatus(st);
    auto st = s.GetStats();
    if (!st.ok()) return FromStatus(st.status());
    return JsonResponse({{"documents", st->documents},
                         {"sentences", st->sentences},
                         {"entities", st->entities},
                         {"quotes", st->quotes},
                         {"places", st->places},
                         {"mentions", st->mentions},
                         {"events", st->events}});
  }
  if (what == "events") return id ? Event(id, s) : Events(p, s);
  if (what == "documents") return id ? DocumentById(id, s) : Documents(p, s);
  if (what == "quotes") return Quotes(p, s);
  Result<json> r = Status::Internal("unreachable");
  if (what == "actors") r = Actors(options.max_limit, p, s);
  if (what == "dyads") r = Dyads(options.max_limit, p, s);
  if (what == "places") r = Places(options.max_limit, p, s);
  if (!r.ok()) return FromStatus(r.status());
  return JsonResponse(*r);
}

ApiResponse Api::Impl::Route(const ApiRequest& req) {
  // PostgreSQL has no file whose version tells that the store changed, so
  // its answers are not cached.
  if ((req.method != "GET" && req.method != "HEAD") || options.postgres) return Answer(req);
  std::string key = req.path;
  for (const auto& [k, v] : req.params) key += "\x1f" + k + "=" + v;
  std::string version = StoreVersion(db_path);
  ApiResponse r;
  if (cache.Find(key, version, &r.body)) return r;
  r = Answer(req);
  if (r.status == 200) cache.Put(key, version, r.body);
  return r;
}

ApiResponse Api::Impl::Events(const Params& p, store::Reader& s) {
  if (Status st = p.Check(kFilterParams); !st.ok()) return FromStatus(st);
  store::EventFilter f;
  if (Status st = p.Filter(options.max_limit, &f); !st.ok()) return FromStatus(st);
  int limit = f.limit;
  f.limit = limit + 1;  // one more tells whether there is a next page
  ApiResponse r;
  r.body = "{\"events\":[";
  int n = 0;
  int64_t last = 0;
  bool more = false;
  Status st = s.ForEachEvent(f, [&](const store::EventRow& e) {
    if (n == limit) {
      more = true;
      return Stop();
    }
    if (n++ > 0) r.body.push_back(',');
    AppendEventJson(&r.body, codebook, e);
    last = e.id;
    return Status::Ok();
  });
  if (!st.ok() && !IsStop(st)) return FromStatus(st);
  r.body += more ? "],\"next\":\"" + std::to_string(last) + "\"}" : "],\"next\":null}";
  return r;
}

ApiResponse Api::Impl::Event(int64_t id, store::Reader& s) {
  auto e = s.GetEvent(id);
  if (!e.ok()) return FromStatus(e.status());
  auto ms = s.GetMentions(id);
  if (!ms.ok()) return FromStatus(ms.status());
  json mentions = json::array();
  for (const store::MentionRow& m : *ms) mentions.push_back(MentionJson(m));
  ApiResponse r;
  AppendEventJson(&r.body, codebook, *e);
  r.body.pop_back();  // the closing brace
  r.body += ",\"mentions\":" + mentions.dump(-1, ' ', false, json::error_handler_t::replace) + "}";
  return r;
}

ApiResponse Api::Impl::Documents(const Params& p, store::Reader& s) {
  if (Status st = p.Check({"limit", "cursor"}); !st.ok()) return FromStatus(st);
  int64_t limit = 100, after = 0;
  if (Status st = p.Int("limit", 1, options.max_limit, &limit); !st.ok()) return FromStatus(st);
  if (Status st = p.Int("cursor", 0, store::kIdMask, &after); !st.ok()) return FromStatus(st);
  json docs = json::array();
  int64_t last = 0;
  bool more = false;
  Status st = s.ForEachDocument([&](const store::DocumentRow& d) {
    if (d.id <= after) return Status::Ok();
    if (static_cast<int64_t>(docs.size()) == limit) {
      more = true;
      return Stop();
    }
    docs.push_back(DocumentSummaryJson(d));
    last = d.id;
    return Status::Ok();
  });
  if (!st.ok() && !IsStop(st)) return FromStatus(st);
  return JsonResponse({{"documents", std::move(docs)},
                       {"next", more ? json(std::to_string(last)) : json(nullptr)}});
}

ApiResponse Api::Impl::DocumentById(int64_t id, store::Reader& s) {
  auto d = s.GetDocument(id);
  if (!d.ok()) return FromStatus(d.status());
  json j = DocumentSummaryJson(*d);
  j["text"] = d->text;
  auto sentences = s.GetSentences(id);
  if (!sentences.ok()) return FromStatus(sentences.status());
  json sj = json::array();
  for (const store::SentenceRow& r : *sentences) {
    sj.push_back({{"index", r.index}, {"start", r.begin}, {"end", r.end}});
  }
  j["sentences"] = std::move(sj);
  auto mentions = s.GetDocumentMentions(id);
  if (!mentions.ok()) return FromStatus(mentions.status());
  json ev = json::array();
  for (const store::MentionRow& m : *mentions) {
    json mj = MentionJson(m);
    const cameo::CodeInfo* info = codebook ? codebook->Find(m.code) : nullptr;
    mj["name"] = info ? json(info->name) : json(nullptr);
    mj["goldstein"] = info ? json(info->goldstein) : json(nullptr);
    mj["quad_class"] = cameo::QuadClass(m.code);
    mj.erase("url");
    mj.erase("outlet");
    mj.erase("title");
    // The trigger's span when the stored offset points at it.
    size_t at = static_cast<size_t>(m.action_offset);
    if (m.action_offset >= 0 && at <= d->text.size() && !m.trigger.empty() &&
        d->text.compare(at, m.trigger.size(), m.trigger) == 0) {
      mj["explain"] = {
          {"trigger", m.trigger}, {"trigger_start", at}, {"trigger_end", at + m.trigger.size()}};
    }
    ev.push_back(std::move(mj));
  }
  j["events"] = std::move(ev);
  json quotes = json::array();
  Status st = s.ForEachQuote(id, [&](const store::QuoteRow& q) {
    json qj = QuoteJson(q);
    qj.erase("url");
    qj.erase("outlet");
    qj.erase("document_date");
    quotes.push_back(std::move(qj));
    return Status::Ok();
  });
  if (!st.ok()) return FromStatus(st);
  j["quotes"] = std::move(quotes);
  Status layers = AddDocumentLayers(s, id, &j);
  if (!layers.ok()) return FromStatus(layers);
  return JsonResponse(j);
}

ApiResponse Api::Impl::Quotes(const Params& p, store::Reader& s) {
  if (Status st = p.Check({"speaker", "text", "limit", "cursor"}); !st.ok()) return FromStatus(st);
  std::string speaker, text;
  int64_t limit = 100, after = 0;
  for (Status st :
       {p.Text("speaker", 128, &speaker), p.Text("text", 256, &text),
        p.Int("limit", 1, options.max_limit, &limit), p.Int("cursor", 0, INT64_MAX, &after)}) {
    if (!st.ok()) return FromStatus(st);
  }
  std::string speaker_l = AsciiLower(speaker), text_l = AsciiLower(text);
  json quotes = json::array();
  std::map<std::string, int> speakers;
  int64_t ordinal = 0, last = 0;
  bool more = false;
  Status st = s.ForEachQuote(0, [&](const store::QuoteRow& q) {
    if (!text_l.empty() && AsciiLower(q.text).find(text_l) == std::string::npos) {
      return Status::Ok();
    }
    if (!q.speaker.empty()) ++speakers[q.speaker];
    if (!speaker_l.empty() && AsciiLower(q.speaker).find(speaker_l) == std::string::npos) {
      return Status::Ok();
    }
    ++ordinal;
    if (ordinal <= after) return Status::Ok();
    if (static_cast<int64_t>(quotes.size()) == limit) {
      more = true;
      return Status::Ok();
    }
    quotes.push_back(QuoteJson(q));
    last = ordinal;
    return Status::Ok();
  });
  if (!st.ok()) return FromStatus(st);
  std::vector<std::pair<std::string, int>> sp(speakers.begin(), speakers.end());
  std::stable_sort(sp.begin(), sp.end(), [](auto& a, auto& b) { return a.second > b.second; });
  json spj = json::array();
  for (size_t i = 0; i < sp.size() && i < 200; ++i) {
    spj.push_back({{"name", sp[i].first}, {"quotes", sp[i].second}});
  }
  return JsonResponse({{"quotes", std::move(quotes)},
                       {"speakers", std::move(spj)},
                       {"next", more ? json(std::to_string(last)) : json(nullptr)}});
}

ApiResponse Api::Impl::Code(const ApiRequest& req) {
  if (req.body.size() > options.max_code_bytes) {
    return ErrorResponse(
        413, "article is larger than " + std::to_string(options.max_code_bytes) + " bytes");
  }
  std::string type = AsciiLower(req.content_type.substr(0, req.content_type.find(';')));
  type = std::string(Trim(type));
  Document doc;
  if (type == "application/json") {
    auto d = DocumentFromJsonRecord(req.body, "request body");
    if (!d.ok()) return ErrorResponse(422, d.status().message());
    doc = std::move(*d);
  } else if (type == "text/plain" || type == "text/html" || type.empty()) {
    if (Trim(req.body).empty()) return ErrorResponse(422, "request body: the article is empty");
    doc.raw = RepairUtf8(req.body);
    doc.format = type == "text/html" ? Format::kHtml : Format::kText;
    doc.id = "pasted";
  } else {
    return ErrorResponse(415,
                         "send the article as text/plain, text/html or application/json, not '" +
                             Params::Shorten(type) + "'");
  }
  if (doc.source.empty()) doc.source = "request body";
  Status s = RunPipeline(config, doc);
  if (!s.ok()) return ErrorResponse(s.code() == StatusCode::kInvalidInput ? 422 : 500, s.message());
  ApiResponse r;
  r.body = ToJson(config, doc, JsonOptions{});
  return r;
}

}  // namespace dyad::serve

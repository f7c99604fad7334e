// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Internals of the serve module shared by api.cc and aggregate.cc: request
// parameter checking, the event-to-JSON mapping and the aggregate endpoints
// (actors, dyads, places), which are computed from the store's event rows,
// and the cache of GET answers.

#ifndef DYAD_SERVE_INTERNAL_H_
#define DYAD_SERVE_INTERNAL_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cameo/codebook.h"
#include "dyad/status.h"
#include "serve/serve.h"
#include "store/reader.h"

namespace dyad::serve {

// The event filter parameters shared by /v1/events, /v1/dyads and
// /v1/places (docs/openapi.yaml).
inline const std::vector<std::string_view> kFilterParams = {
    "actor",     "actor2",  "source_country", "target_country", "code", "root",  "quad_class",
    "date_from", "date_to", "place",          "outlet",         "text", "limit", "cursor"};

// Typed, bounded access to a request's query parameters. Every failure is a
// kInvalidArgument naming the parameter (the API answers 400).
class Params {
 public:
  explicit Params(const ApiRequest& req) : req_(req) {}
  // Fails when a parameter is not in `allowed`.
  Status Check(const std::vector<std::string_view>& allowed) const;
  // The first value of `key`, or "".
  std::string Get(const std::string& key) const;
  // Sets *out when `key` is present and an integer in [lo, hi].
  Status Int(const std::string& key, int64_t lo, int64_t hi, int64_t* out) const;
  // Sets *out to YYYYMMDD when `key` is a date; a partial date widens to the
  // first (or, with end_of_range, the last) day it covers.
  Status DateInt(const std::string& key, bool end_of_range, int* out) const;
  // Sets *out to the value of `key` if it is valid UTF-8 of at most `max` bytes.
  Status Text(const std::string& key, size_t max, std::string* out) const;
  // Fills an event filter from kFilterParams.
  Status Filter(int max_limit, store::EventFilter* f) const;
  // The request the parameters come from.
  const ApiRequest& request() const { return req_; }
  // `s` cut to 64 bytes for echoing in messages.
  static std::string Shorten(std::string_view s);

 private:
  const ApiRequest& req_;
};

// "2019-07-02" for 20190702, "2019-07" for 20190700, "2019" for 20190000;
// "" for 0.
std::string IsoDate(int yyyymmdd);

// Appends the JSON form of a merged event (docs/openapi.yaml, Event) to `out`.
void AppendEventJson(std::string* out, const cameo::Codebook* cb, const store::EventRow& e);

// Answers of GET requests keyed by path and parameters, valid while the
// store's files are unchanged (StoreVersion). Bounded in entries and bytes.
class ResponseCache {
 public:
  // Sets *body to the answer cached for `key` at `version`; false if none.
  bool Find(const std::string& key, const std::string& version, std::string* body);
  // Remembers `body`; drops everything when full.
  void Put(const std::string& key, const std::string& version, const std::string& body);

 private:
  std::mutex mu_;
  size_t bytes_ = 0;
  std::map<std::string, std::pair<std::string, std::string>> entries_;
};

// The version of the store at `db_path` for caching: sizes and modification
// times of the database file and its write-ahead log.
std::string StoreVersion(const std::string& db_path);

// GET /v1/actors: actors by number of events, with names and countries.
Result<nlohmann::json> Actors(int max_limit, const Params& p, store::Reader& s);
// GET /v1/dyads: (source, target) pair aggregates, and a time series.
Result<nlohmann::json> Dyads(int max_limit, const Params& p, store::Reader& s);
// GET /v1/places: event locations with counts, for the map.
Result<nlohmann::json> Places(int max_limit, const Params& p, store::Reader& s);

// Adds to `doc` (the article view's JSON) the layers the store keeps beyond
// sentences, event mentions and quotes: entities with mention spans, places.
Status AddDocumentLayers(store::Reader& s, int64_t doc_id, nlohmann::json* doc);

}  // namespace dyad::serve

#endif  // DYAD_SERVE_INTERNAL_H_

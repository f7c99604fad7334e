// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Aggregate endpoints: actors, dyads (pair aggregates over time) and places,
// computed from the store's event rows (Store::ForEachEvent, bound
// parameters only). Route caches their answers (ResponseCache).

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "serve/internal.h"

namespace dyad::serve {

using nlohmann::json;

namespace {

// Counts by quad class and the Goldstein sum of a set of events.
struct Tally {
  int64_t count = 0;
  std::array<int64_t, 4> quad{};
  double goldstein = 0;
  void Add(const store::EventRow& e) {
    ++count;
    if (e.quad_class >= 1 && e.quad_class <= 4) ++quad[e.quad_class - 1];
    goldstein += e.goldstein;
  }
  void Write(json* j) const {
    (*j)["count"] = count;
    (*j)["quad"] = quad;
    (*j)["goldstein"] = count ? goldstein / static_cast<double>(count) : 0.0;
  }
};

// What identifies a node: the country part of an actor code, or the whole
// code for actors without a country (IGOs, unknown-country roles).
std::string NodeKey(bool by_country, const std::string& code, const std::string& country) {
  if (!by_country) return code;
  return country.empty() ? code : country;
}

// Reads the filter parameters of an aggregate route: every event filter but
// the cursor, all events (no page), and `limit` bounds the answer instead.
Status AggregateFilter(const Params& p, store::EventFilter* f) {
  DYAD_RETURN_IF_ERROR(p.Filter(1 << 30, f));
  if (!p.Get("cursor").empty()) {
    return Status::InvalidArgument("parameter 'cursor' applies to /v1/events only");
  }
  f->limit = 0;
  f->after_id = 0;
  return Status::Ok();
}

Status Level(const Params& p, bool* by_country) {
  std::string level = p.Get("level");
  if (level.empty() || level == "country") {
    *by_country = true;
  } else if (level == "actor") {
    *by_country = false;
  } else {
    return Status::InvalidArgument("parameter 'level' is 'country' or 'actor'");
  }
  return Status::Ok();
}

// Names of nodes: the most frequent actor name among events whose actor
// code is exactly the node's key, else the key.
class Names {
 public:
  void Add(const std::string& key, const std::string& code, const std::string& name) {
    if (name.empty()) return;
    auto& m = counts_[key];
    m[name] += code == key ? 1000 : 1;
  }
  std::string Get(const std::string& key) const {
    auto it = counts_.find(key);
    if (it == counts_.end()) return key;
    const std::string* best = nullptr;
    int n = -1;
    for (const auto& [name, c] : it->second) {
      if (c > n) best = &name, n = c;
    }
    return *best;
  }

 private:
  std::unordered_map<std::string, std::map<std::string, int>> counts_;
};

}  // namespace

Result<json> Actors(int max_limit, const Params& p, store::Reader& s) {
  DYAD_RETURN_IF_ERROR(
      p.Check({"actor", "actor2", "source_country", "target_country", "code", "root", "quad_class",
               "date_from", "date_to", "place", "outlet", "text", "limit", "q", "level"}));
  store::EventFilter f;
  DYAD_RETURN_IF_ERROR(AggregateFilter(p, &f));
  int64_t limit = 100;
  DYAD_RETURN_IF_ERROR(p.Int("limit", 1, max_limit, &limit));
  bool by_country = true;
  DYAD_RETURN_IF_ERROR(Level(p, &by_country));
  std::string q;
  DYAD_RETURN_IF_ERROR(p.Text("q", 64, &q));
  q = AsciiLower(q);
  struct Row {
    int64_t as_source = 0, as_target = 0;
    std::string country;
  };
  std::unordered_map<std::string, Row> rows;
  Names names;
  Status st = s.ForEachEvent(f, [&](const store::EventRow& e) {
    if (!e.source_code.empty()) {
      std::string k = NodeKey(by_country, e.source_code, e.source_country);
      Row& r = rows[k];
      ++r.as_source;
      r.country = e.source_country;
      names.Add(k, e.source_code, e.source_name);
    }
    if (!e.target_code.empty()) {
      std::string k = NodeKey(by_country, e.target_code, e.target_country);
      Row& r = rows[k];
      ++r.as_target;
      r.country = e.target_country;
      names.Add(k, e.target_code, e.target_name);
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  struct Out {
    std::string key, name;
    const Row* row;
  };
  std::vector<Out> out;
  for (const auto& [k, r] : rows) {
    std::string name = names.Get(k);
    if (!q.empty() && AsciiLower(k).find(q) == std::string::npos &&
        AsciiLower(name).find(q) == std::string::npos) {
      continue;
    }
    out.push_back({k, std::move(name), &r});
  }
  std::sort(out.begin(), out.end(), [](const Out& a, const Out& b) {
    int64_t na = a.row->as_source + a.row->as_target, nb = b.row->as_source + b.row->as_target;
    return na != nb ? na > nb : a.key < b.key;
  });
  json actors = json::array();
  for (size_t i = 0; i < out.size() && static_cast<int64_t>(i) < limit; ++i) {
    const Row& r = *out[i].row;
    actors.push_back({{"code", out[i].key},
                      {"name", out[i].name},
                      {"country", r.country},
                      {"events", r.as_source + r.as_target},
                      {"as_source", r.as_source},
                      {"as_target", r.as_target}});
  }
  return json{{"actors", std::move(actors)}, {"total", out.size()}};
}

namespace {

// The period of a YYYYMMDD date: its day, month or year.
std::string Period(int yyyymmdd, const std::string& by) {
  if (by == "year") return IsoDate(yyyymmdd / 10000 * 10000);
  if (by == "month") return IsoDate(yyyymmdd / 100 * 100);
  return IsoDate(yyyymmdd);
}

}  // namespace

Result<json> Dyads(int max_limit, const Params& p, store::Reader& s) {
  DYAD_RETURN_IF_ERROR(
      p.Check({"actor", "actor2", "source_country", "target_country", "code", "root", "quad_class",
               "date_from", "date_to", "place", "outlet", "text", "limit", "by", "level"}));
  store::EventFilter f;
  DYAD_RETURN_IF_ERROR(AggregateFilter(p, &f));
  int64_t limit = 200;
  DYAD_RETURN_IF_ERROR(p.Int("limit", 1, max_limit, &limit));
  bool by_country = true;
  DYAD_RETURN_IF_ERROR(Level(p, &by_country));
  std::string by = p.Get("by");
  if (by.empty()) by = "month";
  if (by != "day" && by != "month" && by != "year") {
    return Status::InvalidArgument("parameter 'by' is 'day', 'month' or 'year'");
  }
  std::map<std::pair<std::string, std::string>, Tally> pairs;
  std::map<std::string, Tally> series;
  Names names;
  int64_t undated = 0;
  Tally total;
  Status st = s.ForEachEvent(f, [&](const store::EventRow& e) {
    total.Add(e);
    if (e.date > 0) {
      series[Period(e.date, by)].Add(e);
    } else {
      ++undated;
    }
    if (e.source_code.empty() || e.target_code.empty()) return Status::Ok();
    std::string a = NodeKey(by_country, e.source_code, e.source_country);
    std::string b = NodeKey(by_country, e.target_code, e.target_country);
    names.Add(a, e.source_code, e.source_name);
    names.Add(b, e.target_code, e.target_name);
    pairs[{a, b}].Add(e);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  std::vector<std::pair<const std::pair<std::string, std::string>*, const Tally*>> order;
  for (const auto& [k, t] : pairs) order.push_back({&k, &t});
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.second->count > b.second->count; });
  json dyads = json::array();
  for (size_t i = 0; i < order.size() && static_cast<int64_t>(i) < limit; ++i) {
    json d = {{"source", order[i].first->first},
              {"target", order[i].first->second},
              {"source_name", names.Get(order[i].first->first)},
              {"target_name", names.Get(order[i].first->second)}};
    order[i].second->Write(&d);
    dyads.push_back(std::move(d));
  }
  json sj = json::array();
  for (const auto& [period, t] : series) {
    json x = {{"period", period}};
    t.Write(&x);
    sj.push_back(std::move(x));
  }
  json totals = json::object();
  total.Write(&totals);
  return json{{"level", by_country ? "country" : "actor"},
              {"by", by},
              {"dyads", std::move(dyads)},
              {"pairs", pairs.size()},
              {"series", std::move(sj)},
              {"undated", undated},
              {"total", std::move(totals)}};
}

Result<json> Places(int max_limit, const Params& p, store::Reader& s) {
  DYAD_RETURN_IF_ERROR(
      p.Check({"actor", "actor2", "source_country", "target_country", "code", "root", "quad_class",
               "date_from", "date_to", "place", "outlet", "text", "limit"}));
  store::EventFilter f;
  DYAD_RETURN_IF_ERROR(AggregateFilter(p, &f));
  int64_t limit = 500;
  DYAD_RETURN_IF_ERROR(p.Int("limit", 1, max_limit, &limit));
  struct Key {
    std::string name, country;
    double lat, lon;
    bool operator<(const Key& o) const {
      return std::tie(name, country, lat, lon) < std::tie(o.name, o.country, o.lat, o.lon);
    }
  };
  std::map<Key, Tally> places;
  int64_t without = 0;
  Status st = s.ForEachEvent(f, [&](const store::EventRow& e) {
    if (!e.has_geo) {
      ++without;
      return Status::Ok();
    }
    places[{e.place_name, e.place_country, e.lat, e.lon}].Add(e);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  std::vector<std::pair<const Key*, const Tally*>> order;
  for (const auto& [k, t] : places) order.push_back({&k, &t});
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.second->count > b.second->count; });
  json out = json::array();
  for (size_t i = 0; i < order.size() && static_cast<int64_t>(i) < limit; ++i) {
    json x = {{"name", order[i].first->name},
              {"country", order[i].first->country},
              {"lat", order[i].first->lat},
              {"lon", order[i].first->lon}};
    order[i].second->Write(&x);
    out.push_back(std::move(x));
  }
  return json{{"places", std::move(out)}, {"without_location", without}};
}

}  // namespace dyad::serve

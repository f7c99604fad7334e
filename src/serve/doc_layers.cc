// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Read queries the article view needs beyond the store's API: a document's
// entities, places and quotation spans (tables of docs/store.md). The store
// keeps no mention spans for entities and places, so their occurrences are
// found in the stored text: whole-word matches of the entity's or place's
// name. Every value is bound through store::Stmt.

#include <cctype>
#include <nlohmann/json.hpp>
#include <string>

#include "serve/internal.h"
#include "store/sql.h"

namespace dyad::serve {

using nlohmann::json;

namespace {

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Byte spans of whole-word occurrences of `name` in `text` (at most 200).
json FindMentions(const std::string& text, const std::string& name) {
  json out = json::array();
  if (name.size() < 2) return out;
  for (size_t at = text.find(name); at != std::string::npos && out.size() < 200;
       at = text.find(name, at + 1)) {
    size_t end = at + name.size();
    bool left = at == 0 || !IsWordByte(text[at - 1]);
    bool right = end >= text.size() || !IsWordByte(text[end]);
    if (left && right) out.push_back({{"start", at}, {"end", end}});
  }
  return out;
}

}  // namespace

Status AddDocumentLayers(store::Store& s, int64_t doc_id, json* doc) {
  const std::string text = (*doc)["text"].get<std::string>();
  json entities = json::array();
  {
    store::Stmt q(s.handle(),
                  "SELECT name, type, code, country, role, title FROM entities "
                  "WHERE doc_id = ? ORDER BY idx");
    q.Bind(1, doc_id);
    while (q.Step()) {
      std::string name = q.Text(0);
      entities.push_back({{"name", name},
                          {"type", q.Text(1)},
                          {"code", q.Text(2)},
                          {"country", q.Text(3)},
                          {"role", q.Text(4)},
                          {"title", q.Text(5)},
                          {"mentions", FindMentions(text, name)}});
    }
    DYAD_RETURN_IF_ERROR(q.status());
  }
  json places = json::array();
  {
    store::Stmt q(s.handle(),
                  "SELECT name, country, admin1, feature, lat, lon FROM places "
                  "WHERE doc_id = ? ORDER BY idx");
    q.Bind(1, doc_id);
    while (q.Step()) {
      std::string name = q.Text(0);
      places.push_back({{"name", name},
                        {"country", q.Text(1)},
                        {"admin1", q.Text(2)},
                        {"feature", q.Text(3)},
                        {"lat", q.IsNull(4) ? json(nullptr) : json(q.Double(4))},
                        {"lon", q.IsNull(5) ? json(nullptr) : json(q.Double(5))},
                        {"mentions", FindMentions(text, name)}});
    }
    DYAD_RETURN_IF_ERROR(q.status());
  }
  {
    store::Stmt q(s.handle(), "SELECT idx, begin, end FROM quotes WHERE doc_id = ? ORDER BY idx");
    q.Bind(1, doc_id);
    json& quotes = (*doc)["quotes"];
    while (q.Step()) {
      int64_t idx = q.Int(0), begin = q.Int(1), end = q.Int(2);
      for (json& quote : quotes) {
        if (quote["index"] == idx && begin >= 0 && begin <= end &&
            end <= static_cast<int64_t>(text.size())) {
          quote["start"] = begin;
          quote["end"] = end;
        }
      }
    }
    DYAD_RETURN_IF_ERROR(q.status());
  }
  (*doc)["entities"] = std::move(entities);
  (*doc)["places"] = std::move(places);
  return Status::Ok();
}

}  // namespace dyad::serve
